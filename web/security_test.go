package web

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/access"
	"taizhang/cycle"
)

// agencies picks two agencies and their simulated returns.
func twoAgencies(t *testing.T, st *site) (a, b string, files map[string]string) {
	files = st.returns(1)
	for name := range files {
		switch {
		case a == "" || name < a:
			a, b = name, a
		case b == "" || name < b:
			b = name
		}
	}
	if b == "" {
		for name := range files {
			if name != a {
				b = name
			}
		}
	}
	return a, b, files
}

func TestAgencyLinkReachesOnlyItsOwnPages(t *testing.T) {
	t.Parallel()
	st := newSite(t, taizhang.Traditional)
	a, b, files := twoAgencies(t, st)

	// A wrong, a malformed and a revoked token are all plain 404s, in Chinese.
	for _, path := range []string{"/a/" + strings.Repeat("A", 43), "/a/x", "/a/" + st.tokens[a] + "x", "/a/" + strings.Repeat("A", 43) + "/ledger.xlsx"} {
		res, body := st.get(path, nil, "")
		if res.StatusCode != http.StatusNotFound || !strings.Contains(body, "鏈接無效") {
			t.Errorf("%s: %d", path, res.StatusCode)
		}
	}
	if res := st.upload(strings.Repeat("B", 43), "x.xlsx", readFile(t, files[a]), nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("upload to an unknown token: %d", res.StatusCode)
	}

	// A's link shows A only; another agency's ledger uploaded through it is refused, and nothing
	// is stored for B.
	_, body := st.get("/a/"+st.tokens[a], nil, "")
	if !strings.Contains(body, "<h1>"+a+"</h1>") || strings.Contains(body, "<h1>"+b+"</h1>") {
		t.Errorf("A's page does not show A alone")
	}
	v := verdictOf(t, st.upload(st.tokens[a], "b.xlsx", readFile(t, files[b]), nil))
	if v.Outcome != cycle.OutcomeRefused || v.Code != "wrong_agency" {
		t.Errorf("B's ledger through A's link: %+v", v)
	}
	var page struct {
		Versions []any `json:"versions"`
	}
	st.getJSON("/a/"+st.tokens[b], nil, &page)
	if len(page.Versions) != 0 {
		t.Errorf("B has %d versions after A's upload", len(page.Versions))
	}

	// A link is for one period: Q1's link cannot take Q2's ledger.
	ctx := context.Background()
	q1 := taizhang.Period{Year: 2023, Kind: 'Q', Index: 1}
	if _, err := st.svc.IssueLedgers(ctx, cycle.IssueRequest{Period: q1, Out: filepath.Join(st.dir, "q1"), Agencies: []string{a}}); err != nil {
		t.Fatal(err)
	}
	links, err := st.acc.Links(ctx, access.LinksRequest{Period: q1, Agencies: []string{a}, BaseURL: "http://x"})
	if err != nil {
		t.Fatal(err)
	}
	q1token := strings.TrimPrefix(links[0].URL, "http://x/a/")
	if v := verdictOf(t, st.upload(q1token, "a.xlsx", readFile(t, files[a]), nil)); v.Outcome != cycle.OutcomeRefused || v.Code != "wrong_period" {
		t.Errorf("Q2's ledger through a Q1 link: %+v", v)
	}

	// Revoking a link closes it at once.
	if _, err := st.acc.Links(ctx, access.LinksRequest{Period: q2, Agencies: []string{b}, Revoke: true}); err != nil {
		t.Fatal(err)
	}
	if res, _ := st.get("/a/"+st.tokens[b], nil, ""); res.StatusCode != http.StatusNotFound {
		t.Errorf("a revoked link: %d", res.StatusCode)
	}
}

func TestCrossSitePostsAreRefused(t *testing.T) {
	t.Parallel()
	st := newSite(t, taizhang.Simplified)
	a, _, files := twoAgencies(t, st)
	for _, h := range []http.Header{
		{"Sec-Fetch-Site": {"cross-site"}},
		{"Origin": {"http://evil.example"}},
	} {
		res := st.upload(st.tokens[a], "a.xlsx", readFile(t, files[a]), h)
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden || !strings.Contains(string(b), "其他网站") {
			t.Errorf("cross-site upload %v: %d %s", h, res.StatusCode, b)
		}
		req, _ := http.NewRequest(http.MethodPost, st.url("/login"), strings.NewReader("name=x&password=y"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range h {
			req.Header[k] = v
		}
		if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site login %v: %v", h, res.StatusCode)
		}
	}
	var page struct {
		Versions []any `json:"versions"`
	}
	st.getJSON("/a/"+st.tokens[a], nil, &page)
	if len(page.Versions) != 0 {
		t.Errorf("a refused upload was stored")
	}
	// The same upload from the page itself goes through.
	if v := verdictOf(t, st.upload(st.tokens[a], "a.xlsx", readFile(t, files[a]), http.Header{"Sec-Fetch-Site": {"same-origin"}, "Origin": {st.http.URL}})); v.Outcome != cycle.OutcomeAccepted {
		t.Errorf("same-origin upload: %+v", v)
	}
}

func TestOversizedUploadIs413(t *testing.T) {
	t.Parallel()
	st := newSite(t, taizhang.Traditional)
	a, _, _ := twoAgencies(t, st)
	big := make([]byte, DefaultMaxUpload+1)
	res := st.upload(st.tokens[a], "big.xlsx", big, http.Header{"Accept": {"text/html"}})
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(b), "超過20 MB") || !strings.Contains(string(b), "<html") {
		t.Errorf("over the limit with a length: %d %.200s", res.StatusCode, b)
	}
	// Without a Content-Length (chunked), the limit is found while reading.
	body, ctype := form("big.xlsx", big)
	pr, pw := io.Pipe()
	go func() { io.Copy(pw, body); pw.Close() }()
	req, _ := http.NewRequest(http.MethodPost, st.url("/a/"+st.tokens[a]+"/returns"), pr)
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("Accept", "application/json")
	res2, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res2.Body.Close()
	if res2.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("over the limit, chunked: %d", res2.StatusCode)
	}
	log, _ := st.acc.AuditLog(context.Background(), access.AuditRequest{Actions: []taizhang.AuditAction{taizhang.AuditUpload}})
	if len(log) != 2 || !strings.Contains(log[0].Detail, "20 MB") {
		t.Errorf("audit of refused uploads: %+v", log)
	}
}

func TestPathLikeNamesAreStoredSafely(t *testing.T) {
	t.Parallel()
	st := newSite(t, taizhang.Traditional)
	a, _, _ := twoAgencies(t, st)
	outside := filepath.Join(st.dir, "escaped.xlsx")
	for i, name := range []string{"../../escaped.xlsx", `..\..\escaped.xlsx`, "/etc/escaped.xlsx", "~$escaped.xlsx", ".escaped.xlsx"} {
		data := readFile(t, st.returns(int64(10 + i))[a])
		v := verdictOf(t, st.upload(st.tokens[a], name, data, nil))
		if v.Outcome != cycle.OutcomeAccepted || v.File != "escaped.xlsx" || v.Version != i+1 {
			t.Errorf("%q: %+v", name, v)
		}
	}
	if _, err := os.Stat(outside); err == nil {
		t.Errorf("an upload was written outside")
	}
	var page struct {
		Versions []struct {
			File string `json:"file"`
		} `json:"versions"`
	}
	st.getJSON("/a/"+st.tokens[a], nil, &page)
	for _, v := range page.Versions {
		if v.File != "escaped.xlsx" {
			t.Errorf("stored as %q", v.File)
		}
	}
}

func TestLoginLockoutAndRateLimit(t *testing.T) {
	t.Parallel()
	st := newSite(t, taizhang.Traditional)
	for i := 1; i < access.LoginMaxFailures; i++ {
		if res := st.postLogin(testUser, "wrong password", "10.0.0.1:5"); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i, res.StatusCode)
		}
	}
	res := st.postLogin(testUser, "wrong password", "10.0.0.2:5")
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusForbidden || !strings.Contains(string(body), "鎖定") {
		t.Errorf("the %dth failure: %d", access.LoginMaxFailures, res.StatusCode)
	}
	if res := st.postLogin(testUser, testPassword, "10.0.0.3:5"); res.StatusCode != http.StatusForbidden || len(res.Cookies()) != 0 {
		t.Errorf("the right password while locked: %d", res.StatusCode)
	}
	// One address may try only so often, whatever the names it tries.
	limited := false
	for i := 0; i < 12; i++ {
		if res := st.postLogin("某人", "x", "10.9.9.9:1"); res.StatusCode == http.StatusTooManyRequests {
			limited = i >= 10
			break
		}
	}
	if !limited {
		t.Errorf("no rate limit on one address")
	}
	log, _ := st.acc.AuditLog(context.Background(), access.AuditRequest{})
	n := map[taizhang.AuditAction]int{}
	for _, e := range log {
		n[e.Action]++
		if e.Action == taizhang.AuditLoginFailed && e.Remote == "" {
			t.Errorf("a failed login without its address")
		}
	}
	if n[taizhang.AuditLocked] != 1 || n[taizhang.AuditLoginFailed] < access.LoginMaxFailures+1 {
		t.Errorf("audit: %v", n)
	}
}

func TestCoordinatorPagesNeedALogin(t *testing.T) {
	t.Parallel()
	st := newSite(t, taizhang.Traditional)
	for _, path := range []string{"/", "/periods/2023-Q2", "/periods/2023-Q2/findings", "/periods/2023-Q2/report.xlsx", "/periods/2023-Q2/feedback.zip",
		"/periods/2023-Q2/remind.xlsx", "/periods/2023-Q2/events", "/audit"} {
		res, _ := st.get(path, nil, "")
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Errorf("%s logged out: %d %s", path, res.StatusCode, res.Header.Get("Location"))
		}
		if res, _ := st.get(path, &http.Cookie{Name: sessionCookie, Value: strings.Repeat("A", 43)}, "application/json"); res.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s with a made-up session: %d", path, res.StatusCode)
		}
	}
	c := st.login()
	if !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode {
		t.Errorf("session cookie %+v", c)
	}
	for _, path := range []string{"/", "/periods/2023-Q2", "/periods/2023-Q2/findings", "/periods/2023-Q2/chase", "/audit"} {
		if res, body := st.get(path, c, ""); res.StatusCode != http.StatusOK || !strings.Contains(body, "退出") {
			t.Errorf("%s logged in: %d", path, res.StatusCode)
		}
	}
	for _, path := range []string{"/periods/2023-Q2/report.xlsx", "/periods/2023-Q2/remind.xlsx", "/periods/2023-Q2/feedback.zip"} {
		res, body := st.get(path, c, "")
		if res.StatusCode != http.StatusOK || len(body) < 100 || !strings.Contains(res.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("%s: %d %d bytes", path, res.StatusCode, len(body))
		}
	}
	if res, body := st.get("/periods/2099-Q1", c, ""); res.StatusCode != http.StatusNotFound || strings.Contains(body, st.dir) {
		t.Errorf("an unknown period: %d", res.StatusCode)
	}
	log, _ := st.acc.AuditLog(context.Background(), access.AuditRequest{Actions: []taizhang.AuditAction{taizhang.AuditDownload}})
	if len(log) != 3 || log[0].Who != testUser {
		t.Errorf("downloads audited: %+v", log)
	}
}

var inlineScript = regexp.MustCompile(`<script(?:\s[^>]*)?>[^<]+</script>|\son[a-z]+=`)

func TestEveryPageCarriesSecurityHeadersAndNoInlineScript(t *testing.T) {
	t.Parallel()
	st := newSite(t, taizhang.Simplified)
	c := st.login()
	a, _, _ := twoAgencies(t, st)
	for _, path := range []string{"/login", "/a/" + st.tokens[a], "/periods/2023-Q2", "/periods/2023-Q2/findings", "/periods/2023-Q2/chase", "/audit", "/nowhere"} {
		res, body := st.get(path, c, "")
		h := res.Header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline'; script") || strings.Contains(csp, "script-src 'self' 'unsafe") ||
			!strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" || h.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: headers %v", path, h)
		}
		if inlineScript.MatchString(body) {
			t.Errorf("%s has an inline script: %s", path, inlineScript.FindString(body))
		}
		if strings.Contains(body, "\ue000") || strings.Contains(body, "臺賬報送") {
			t.Errorf("%s: verbatim marks or Traditional text on a Simplified plan's page", path)
		}
	}
}

func TestHealthz(t *testing.T) {
	t.Parallel()
	st := newSite(t, taizhang.Traditional)
	if res, body := st.get("/healthz", nil, ""); res.StatusCode != http.StatusOK || strings.TrimSpace(body) != "ok" {
		t.Errorf("healthz: %d %q", res.StatusCode, body)
	}
}
