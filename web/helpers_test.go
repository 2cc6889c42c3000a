package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	taizhang "taizhang"
	"taizhang/access"
	"taizhang/cycle"
	"taizhang/excel"
	"taizhang/internal/ledgertest"
	"taizhang/internal/testenv"
	"taizhang/templates/ledger"
)

var (
	q2      = taizhang.Period{Year: 2023, Kind: 'Q', Index: 2}
	beijing = mustZone(taizhang.DefaultTimeZone)
)

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

const (
	testUser     = "協調員"
	testPassword = "correct horse battery"
)

// site is a database with the embedded plan, Q2's ledgers sent, a link per agency, a coordinator,
// and a server over it on loopback.
type site struct {
	t      testing.TB
	dir    string
	db     string
	svc    *cycle.Service
	acc    *access.Service
	srv    *Server
	http   *httptest.Server
	tokens map[string]string // agency → token
	clock  *time.Time
}

func newSite(t testing.TB, script taizhang.Script) *site {
	t.Helper()
	ctx := context.Background()
	base := baseSites[script]
	dir := base.Copy(t)
	clock := time.Date(2023, 7, 5, 9, 0, 0, 0, beijing)
	st := &site{t: t, dir: dir, db: filepath.Join(dir, "taizhang.db"), tokens: maps.Clone(base.tokens), clock: &clock}
	svc, err := cycle.Open(ctx, cycle.Options{Path: st.db, User: "協調辦", Clock: cycle.Func(func() time.Time { return *st.clock })})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	st.svc = svc
	acc, err := access.New(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { acc.Close() })
	st.acc = acc
	st.srv, err = New(ctx, svc, acc, Options{Logf: t.Logf, Poll: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	st.http = httptest.NewServer(st.srv)
	t.Cleanup(func() { st.srv.Close(); st.http.Close() })
	return st
}

// baseSite is a site's database and ledgers as newSite starts them, made once per script for the
// package (the plan, 36 ledgers, a link each and the coordinator take a second), with the links'
// tokens: each test works on a copy. TestMain removes them.
type baseSite struct {
	*testenv.Fixture
	tokens map[string]string // agency → token; written once, by the fixture's build
}

var baseSites = map[taizhang.Script]*baseSite{taizhang.Simplified: newBaseSite(taizhang.Simplified), taizhang.Traditional: newBaseSite(taizhang.Traditional)}

// newBaseSite makes a database with the embedded plan in script, Q2's ledgers sent, a link per
// agency and a coordinator.
func newBaseSite(script taizhang.Script) *baseSite {
	b := &baseSite{}
	b.Fixture = testenv.NewFixture(func(t testing.TB, dir string) {
		ctx := context.Background()
		clock := time.Date(2023, 7, 5, 9, 0, 0, 0, beijing)
		svc, err := cycle.Open(ctx, cycle.Options{Path: filepath.Join(dir, "taizhang.db"), Create: true, User: "協調辦", Clock: cycle.Fixed(clock)})
		if err != nil {
			t.Fatal(err)
		}
		defer svc.Close()
		if _, err := svc.Init(ctx, cycle.InitRequest{Script: script}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.IssueLedgers(ctx, cycle.IssueRequest{Period: q2, Out: filepath.Join(dir, "ledgers"), Contact: "協調辦 0531-1234"}); err != nil {
			t.Fatal(err)
		}
		acc, err := access.New(ctx, svc)
		if err != nil {
			t.Fatal(err)
		}
		defer acc.Close()
		links, err := acc.Links(ctx, access.LinksRequest{Period: q2, BaseURL: "http://x"})
		if err != nil {
			t.Fatal(err)
		}
		b.tokens = map[string]string{}
		for _, l := range links {
			b.tokens[l.Agency] = strings.TrimPrefix(l.URL, "http://x/a/")
		}
		if err := acc.AddUser(ctx, testUser, testPassword, false); err != nil {
			t.Fatal(err)
		}
	})
	return b
}

// returns simulates every agency's return (a different seed gives a different version).
func (st *site) returns(seed int64) map[string]string {
	st.t.Helper()
	dir := filepath.Join(st.dir, fmt.Sprintf("returns-%d", seed))
	rets, err := st.svc.Simulate(context.Background(), cycle.SimulateRequest{Period: q2, Seed: seed, Dir: dir})
	if err != nil {
		st.t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range rets {
		if r.Path != "" {
			out[r.Agency] = r.Path
		}
	}
	return out
}

func (st *site) url(path string) string { return st.http.URL + path }

// upload posts a file to an agency's link and returns the response (JSON verdict when asked).
func (st *site) upload(token, name string, data []byte, header http.Header) *http.Response {
	st.t.Helper()
	body, ctype := form(name, data)
	req, err := http.NewRequest(http.MethodPost, st.url("/a/"+token+"/returns"), body)
	if err != nil {
		st.t.Fatal(err)
	}
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("Accept", "application/json")
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		st.t.Fatal(err)
	}
	return res
}

func form(name string, data []byte) (*bytes.Buffer, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	return &buf, mw.FormDataContentType()
}

func verdictOf(t testing.TB, res *http.Response) cycle.Verdict {
	t.Helper()
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", res.StatusCode, b)
	}
	var v cycle.Verdict
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return v
}

// login logs the coordinator in and returns the session cookie.
func (st *site) login() *http.Cookie {
	st.t.Helper()
	res := st.postLogin(testUser, testPassword, "127.0.0.1:1")
	if res.StatusCode != http.StatusSeeOther {
		st.t.Fatalf("login: %d", res.StatusCode)
	}
	for _, c := range res.Cookies() {
		if c.Name == sessionCookie {
			return c
		}
	}
	st.t.Fatal("login set no cookie")
	return nil
}

// postLogin posts the login form (from a given client address, through ServeHTTP, so that the
// rate limit per address can be tested).
func (st *site) postLogin(name, password, from string) *http.Response {
	body := strings.NewReader("name=" + name + "&password=" + strings.ReplaceAll(password, " ", "+"))
	req := httptest.NewRequest(http.MethodPost, "/login", body)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.RemoteAddr = from
	rec := httptest.NewRecorder()
	st.srv.ServeHTTP(rec, req)
	return rec.Result()
}

// get fetches a path (with a session cookie when given).
func (st *site) get(path string, cookie *http.Cookie, accept string) (*http.Response, string) {
	st.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, st.url(path), nil)
	if cookie != nil {
		req.AddCookie(cookie)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		st.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// tamper changes a locked cell (the first row's target), as a clerk who "corrects" a target does.
func tamper(t testing.TB, path string) {
	t.Helper()
	r := ledgertest.Read(t, path)
	if err := excel.Edit(path, func(e *excel.Editor) error { return e.Set(r.Sheet, r.Rows[0].Cell(ledger.ColTarget), "1家") }); err != nil {
		t.Fatal(err)
	}
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// getJSON fetches a path as JSON into v.
func (st *site) getJSON(path string, cookie *http.Cookie, v any) {
	st.t.Helper()
	res, body := st.get(path, cookie, "application/json")
	if res.StatusCode != http.StatusOK {
		st.t.Fatalf("%s: %d %s", path, res.StatusCode, body)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		st.t.Fatalf("%s: %v", path, err)
	}
}
