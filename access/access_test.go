package access

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	taizhang "taizhang"
	"taizhang/cycle"
)

var (
	webQ2   = taizhang.Period{Year: 2023, Kind: 'Q', Index: 2}
	beijing = time.FixedZone("CST", 8*3600)
)

// service is access to a database with the embedded plan and Q2's ledgers sent, its clock at
// *clock.
func service(t testing.TB, clock *time.Time) *Service {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	c, err := cycle.Open(ctx, cycle.Options{Path: filepath.Join(dir, "taizhang.db"), Create: true, User: "協調辦",
		Clock: cycle.Func(func() time.Time { return *clock })})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if _, err := c.Init(ctx, cycle.InitRequest{Script: taizhang.Traditional}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.IssueLedgers(ctx, cycle.IssueRequest{Period: webQ2, Out: filepath.Join(dir, "ledgers")}); err != nil {
		t.Fatal(err)
	}
	s, err := New(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestLinksAndLogins(t *testing.T) {
	t.Parallel()
	clock := time.Date(2023, 7, 5, 9, 0, 0, 0, beijing)
	s := service(t, &clock)
	ctx := context.Background()
	links, err := s.Links(ctx, LinksRequest{Period: webQ2, BaseURL: "https://tz.example.gov.cn/"})
	if err != nil || len(links) == 0 {
		t.Fatal(links, err)
	}
	l := links[0]
	if !l.New || len(l.URL) < len("https://tz.example.gov.cn/a/")+43 {
		t.Fatalf("link %+v", l)
	}
	token := l.URL[len("https://tz.example.gov.cn/a/"):]
	if acc, err := s.OpenLink(ctx, token); err != nil || acc.Agency != l.Agency || acc.Period != webQ2 {
		t.Fatalf("open: %+v %v", acc, err)
	}
	again, _ := s.Links(ctx, LinksRequest{Period: webQ2, Agencies: []string{l.Agency}})
	if len(again) != 1 || again[0].New || again[0].URL != "" {
		t.Errorf("a live link is neither reissued nor shown again: %+v", again)
	}
	if _, err := s.Links(ctx, LinksRequest{Period: webQ2, Agencies: []string{l.Agency}, Revoke: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.OpenLink(ctx, token); !errors.Is(err, cycle.ErrNotFound) {
		t.Errorf("a revoked link still opens: %v", err)
	}
	if _, err := s.OpenLink(ctx, token[:len(token)-1]+"A"); !errors.Is(err, cycle.ErrNotFound) {
		t.Errorf("a wrong token: %v", err)
	}

	if err := s.AddUser(ctx, "張三", "correct horse battery", false); err != nil {
		t.Fatal(err)
	}
	if err := s.AddUser(ctx, "張三", "another password", false); !errors.Is(err, cycle.ErrInput) {
		t.Errorf("adding a user twice: %v", err)
	}
	tok, err := s.Login(ctx, "張三", "correct horse battery", "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	if u, err := s.SessionUser(ctx, tok); err != nil || u != "張三" {
		t.Errorf("session: %q %v", u, err)
	}
	for i := 1; i <= LoginMaxFailures; i++ {
		_, err := s.Login(ctx, "張三", "wrong", "10.0.0.9")
		if want := ErrBadLogin; i == LoginMaxFailures {
			want = ErrLocked
			if !errors.Is(err, want) {
				t.Errorf("failure %d: %v, want %v", i, err, want)
			}
		} else if !errors.Is(err, want) {
			t.Errorf("failure %d: %v, want %v", i, err, want)
		}
	}
	if _, err := s.Login(ctx, "張三", "correct horse battery", "127.0.0.1"); !errors.Is(err, ErrLocked) {
		t.Errorf("locked user logged in: %v", err)
	}
	clock = clock.Add(LoginLock + time.Minute)
	if _, err := s.Login(ctx, "張三", "correct horse battery", "127.0.0.1"); err != nil {
		t.Errorf("after the lock: %v", err)
	}
	if _, err := s.Login(ctx, "無此人", "whatever", "127.0.0.1"); !errors.Is(err, ErrBadLogin) {
		t.Errorf("unknown user: %v", err)
	}
	clock = clock.Add(SessionLifetime)
	if _, err := s.SessionUser(ctx, tok); !errors.Is(err, cycle.ErrNotFound) {
		t.Errorf("an expired session: %v", err)
	}
	log, _ := s.AuditLog(ctx, AuditRequest{})
	actions := map[taizhang.AuditAction]int{}
	for _, e := range log {
		actions[e.Action]++
	}
	if actions[taizhang.AuditLinkCreate] == 0 || actions[taizhang.AuditLinkRevoke] != 1 || actions[taizhang.AuditLogin] != 2 || actions[taizhang.AuditLocked] != 1 {
		t.Errorf("audit: %v", actions)
	}
}
