package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	taizhang "taizhang"
	"taizhang/access"
	"taizhang/cycle"
)

func TestServeLinksUserAuditArgv(t *testing.T) {
	t.Parallel()
	app := &App{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
	var serve serveOptions
	cmd := newServeCmd(app, func(_ context.Context, _ *App, o serveOptions) error { serve = o; return nil })
	cmd.SetArgs([]string{"--addr", "0.0.0.0:8443", "--base-url", "https://tz.example.gov.cn", "--max-upload", "5"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if want := (serveOptions{Addr: "0.0.0.0:8443", BaseURL: "https://tz.example.gov.cn", MaxUpload: 5}); !reflect.DeepEqual(serve, want) {
		t.Errorf("serve options %+v", serve)
	}
	var links linksOptions
	cmd = newLinksCmd(app, func(_ context.Context, _ *App, o linksOptions) error { links = o; return nil })
	cmd.SetArgs([]string{"--period", "2023-Q2", "--agency", "省科技廳", "--json", "--revoke"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if want := (linksOptions{Period: taizhang.Period{Year: 2023, Kind: 'Q', Index: 2}, Agencies: []string{"省科技廳"}, JSON: true, Revoke: true}); !reflect.DeepEqual(links, want) {
		t.Errorf("links options %+v", links)
	}
	var audit auditOptions
	cmd = newAuditCmd(app, func(_ context.Context, _ *App, o auditOptions) error { audit = o; return nil })
	cmd.SetArgs([]string{"--since", "2023-07-01", "--json"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if audit != (auditOptions{Since: taizhang.NewDate(2023, 7, 1), JSON: true}) {
		t.Errorf("audit options %+v", audit)
	}
	// Plain HTTP to other machines, a half TLS pair, no period: usage errors.
	for _, argv := range [][]string{{"serve", "--addr", "0.0.0.0:8080"}, {"serve", "--addr", "192.168.1.5:80", "--base-url", "http://x"},
		{"serve", "--tls-cert", "c.pem"}, {"serve", "--addr", "nonsense"}, {"links"}, {"user", "add"}, {"audit", "--since", "昨天"}} {
		if code, _, _ := run(t, argv...); code != exitUsage {
			t.Errorf("%v: exit %d, want 2", argv, code)
		}
	}
}

// served is a database with Q2's ledgers sent, as the command line makes it.
func served(t *testing.T) (*App, string) {
	t.Helper()
	dir := t.TempDir()
	clock := time.Date(2023, 7, 5, 9, 0, 0, 0, beijing)
	app := testApp(dir, &clock)
	ctx := context.Background()
	if err := runInit(ctx, app, initOptions{Script: "traditional"}); err != nil {
		t.Fatal(err)
	}
	if err := runTemplates(ctx, app, templatesOptions{Period: q2, Out: filepath.Join(dir, "templates")}); err != nil {
		t.Fatal(err)
	}
	return app, dir
}

func TestLinksUserAuditCommands(t *testing.T) {
	t.Parallel()
	app, _ := served(t)
	ctx := context.Background()
	out := app.Out.(*bytes.Buffer)
	if err := runLinks(ctx, app, linksOptions{Period: q2, Agencies: []string{"省科技廳"}, BaseURL: "https://tz.example.gov.cn"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "https://tz.example.gov.cn/a/") || !strings.Contains(out.String(), "新生成1個鏈接") {
		t.Errorf("links: %s", out)
	}
	out.Reset()
	if err := runLinks(ctx, app, linksOptions{Period: q2, Agencies: []string{"省科技廳"}, JSON: true}); err != nil {
		t.Fatal(err)
	}
	var js []linkJSON
	if err := json.Unmarshal(out.Bytes(), &js); err != nil || len(js) != 1 || js[0].URL != "" || js[0].New || js[0].Agency != "省科技廳" {
		t.Errorf("links --json of a live link: %s", out)
	}
	out.Reset()
	if err := runUserAdd(ctx, app, userAddOptions{Name: "張三", In: strings.NewReader("a long password\n")}); err != nil {
		t.Fatal(err)
	}
	if err := runUserAdd(ctx, app, userAddOptions{Name: "張三", In: strings.NewReader("a long password\n")}); err == nil || exitCode(err) != exitUsage {
		t.Errorf("adding a user twice: %v", err)
	}
	if err := runUserAdd(ctx, app, userAddOptions{Name: "李四", In: strings.NewReader("short\n")}); err == nil {
		t.Errorf("a short password was taken")
	}
	out.Reset()
	if err := runAudit(ctx, app, auditOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"生成鏈接", "添加用戶", "省科技廳", "共2條"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("audit lacks %q:\n%s", want, out)
		}
	}
}

// TestServeFinishesUploadsOnSIGTERM starts serve, begins an upload, asks the server to stop half
// way through the file, and checks that the upload is answered and stored before serve returns.
func TestServeFinishesUploadsOnSIGTERM(t *testing.T) {
	t.Parallel()
	app, dir := served(t)
	ctx := context.Background()
	s, acc, err := app.openAccess(ctx)
	if err != nil {
		t.Fatal(err)
	}
	links, err := acc.Links(ctx, access.LinksRequest{Period: q2, BaseURL: "http://x"})
	if err != nil {
		t.Fatal(err)
	}
	rets, err := s.Simulate(ctx, cycle.SimulateRequest{Period: q2, Seed: 1, Dir: filepath.Join(dir, "returns")})
	acc.Close()
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	var agency, token, file string
	for _, r := range rets {
		for _, l := range links {
			if r.Path != "" && l.Agency == r.Agency && agency == "" {
				agency, token, file = r.Agency, strings.TrimPrefix(l.URL, "http://x/a/"), r.Path
			}
		}
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}

	stop, cancel := context.WithCancel(ctx)
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- runServe(stop, app, serveOptions{Addr: "127.0.0.1:0", MaxUpload: 20, Ready: func(addr string) { ready <- addr }})
	}()
	addr := <-ready

	// The body comes in two halves; the server is told to stop between them.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "臺賬.xlsx")
	fw.Write(data)
	mw.Close()
	all := body.Bytes()
	pr, pw := io.Pipe()
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/a/"+token+"/returns", pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept", "application/json")
	req.ContentLength = int64(len(all))
	answered := make(chan *http.Response, 1)
	go func() {
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Error(err)
			answered <- nil
			return
		}
		answered <- res
	}()
	pw.Write(all[:len(all)/2])
	time.Sleep(200 * time.Millisecond)
	cancel() // SIGTERM
	time.Sleep(200 * time.Millisecond)
	select {
	case err := <-done:
		t.Fatalf("serve returned with an upload in flight: %v", err)
	default:
	}
	pw.Write(all[len(all)/2:])
	pw.Close()
	res := <-answered
	if res == nil {
		t.Fatal("no answer")
	}
	var v cycle.Verdict
	json.NewDecoder(res.Body).Decode(&v)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || v.Outcome != cycle.OutcomeAccepted || v.Version != 1 {
		t.Errorf("the upload in flight: %d %+v", res.StatusCode, v)
	}
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	if !strings.Contains(app.Out.(*bytes.Buffer).String(), "已停止") {
		t.Errorf("serve output: %s", app.Out)
	}
	s, _ = app.open(ctx, false)
	defer s.Close()
	v2, err := s.View(ctx, cycle.ViewRequest{Period: q2})
	if err != nil {
		t.Fatal(err)
	}
	if st := v2.State(agency); st.Current == nil || st.Current.Version != 1 {
		t.Errorf("%s has no version stored", agency)
	}
}
