package cycle

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	taizhang "taizhang"
	"taizhang/internal/testenv"
	"taizhang/store"
)

var webQ2 = taizhang.Period{Year: 2023, Kind: 'Q', Index: 2}

// webService is a database with the embedded plan and Q2's ledgers sent, its clock at *clock: a
// copy of webBase.
func webService(t testing.TB, clock *time.Time) *Service {
	t.Helper()
	dir := webBase.Copy(t)
	s, err := Open(context.Background(), Options{Path: filepath.Join(dir, "taizhang.db"), User: "協調辦", Clock: Func(func() time.Time { return *clock })})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// webBase is the database webService starts from, made once for the package. TestMain removes it.
var webBase = testenv.NewFixture(func(t testing.TB, dir string) {
	ctx := context.Background()
	s, err := Open(ctx, Options{Path: filepath.Join(dir, "taizhang.db"), Create: true, User: "協調辦", Clock: Fixed(time.Date(2023, 7, 5, 9, 0, 0, 0, beijing))})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Init(ctx, InitRequest{Script: taizhang.Traditional}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.IssueLedgers(ctx, IssueRequest{Period: webQ2, Out: filepath.Join(dir, "ledgers"), Contact: "協調辦 0531-1234"}); err != nil {
		t.Fatal(err)
	}
})

// returnsOf simulates each agency's return (seed n gives a different version of each).
func returnsOf(t testing.TB, s *Service, seed int64) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	rets, err := s.Simulate(context.Background(), SimulateRequest{Period: webQ2, Seed: seed, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, r := range rets {
		if r.Path == "" {
			continue
		}
		b, err := os.ReadFile(r.Path)
		if err != nil {
			t.Fatal(err)
		}
		out[r.Agency] = b
	}
	return out
}

func TestInboxKeepsArrivalOrderUnderAFixedClock(t *testing.T) {
	t.Parallel()
	clock := time.Date(2023, 7, 5, 9, 0, 0, 0, beijing)
	s := webService(t, &clock)
	ctx := context.Background()
	var agency string
	var files [][]byte
	for seed := int64(1); seed <= 6; seed++ {
		for a, b := range returnsOf(t, s, seed) {
			if agency == "" || a == agency {
				agency = a
				files = append(files, b)
				break
			}
		}
	}
	in := s.NewInbox()
	// Uploads of one agency arrive one after another but are all in flight at once.
	var wg sync.WaitGroup
	verdicts := make([]*Verdict, len(files))
	started := make(chan struct{})
	for i, b := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i > 0 {
				<-started
			}
			v, _, err := in.Receive(ctx, Upload{AgencyPeriod: AgencyPeriod{Agency: agency, Period: webQ2}, Name: "臺賬.xlsx", Data: b})
			if err != nil {
				t.Error(err)
				return
			}
			verdicts[i] = v
		}()
		if i == 0 {
			// the first has taken its receipt time before the others start
			for !in.entered(agency) {
				time.Sleep(time.Millisecond)
			}
			close(started)
		}
	}
	wg.Wait()
	byTime := map[time.Time]int{}
	for i, v := range verdicts {
		if v == nil {
			t.Fatalf("upload %d: no verdict", i)
		}
		if v.Outcome != OutcomeAccepted {
			t.Fatalf("upload %d: %s %s", i, v.Outcome, v.Reason)
		}
		byTime[v.ReceivedAt] = v.Version
	}
	if len(byTime) != len(files) {
		t.Fatalf("receipt times not distinct: %v", byTime)
	}
	page, err := s.AgencyView(ctx, AgencyPeriod{Agency: agency, Period: webQ2})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Versions) != len(files) {
		t.Fatalf("%d versions, want %d", len(page.Versions), len(files))
	}
	// Newest first: version numbers follow receipt times, and the last received is current.
	for i := 1; i < len(page.Versions); i++ {
		a, b := page.Versions[i-1], page.Versions[i]
		if a.Version != b.Version+1 || !a.ReceivedAt.After(b.ReceivedAt) {
			t.Errorf("version %d received %v, version %d received %v", a.Version, a.ReceivedAt, b.Version, b.ReceivedAt)
		}
	}
	if !page.Versions[0].Current {
		t.Errorf("the last version received is not current")
	}
	log, err := s.st.AuditLog(ctx, store.AuditQuery{Agency: agency, Actions: []taizhang.AuditAction{taizhang.AuditUpload}})
	if err != nil || len(log) != len(files) {
		t.Fatalf("audit: %d entries, %v", len(log), err)
	}
}

func TestUploadVerdicts(t *testing.T) {
	t.Parallel()
	clock := time.Date(2023, 7, 5, 9, 0, 0, 0, beijing)
	s := webService(t, &clock)
	ctx := context.Background()
	rets := returnsOf(t, s, 1)
	var a, other string
	for name := range rets {
		if a == "" {
			a = name
		} else if other == "" {
			other = name
		}
	}
	in := s.NewInbox()
	up := func(name string, b []byte) *Verdict {
		t.Helper()
		v, _, err := in.Receive(ctx, Upload{AgencyPeriod: AgencyPeriod{Agency: a, Period: webQ2}, Name: name, Data: b})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if v := up("../../etc/passwd", []byte("root:x:0:0")); v.Outcome != OutcomeRefused || v.File != "passwd" {
		t.Errorf("a path-like name: %+v", v)
	}
	// A refusal names the file as the agency sent it, and nothing of the server's (no folder).
	if v := up("壞.xlsx", []byte("PK\x03\x04 no zip")); v.Outcome != OutcomeRefused || v.File != "壞.xlsx" || strings.Contains(v.Reason, os.TempDir()) {
		t.Errorf("a broken workbook: %+v", v)
	}
	if v := up("C:\\Users\\x\\其他單位.xlsx", rets[other]); v.Outcome != OutcomeRefused || v.Code != "wrong_agency" {
		t.Errorf("another agency's ledger: %+v", v)
	}
	start := time.Now()
	v := up("臺賬.xlsx", rets[a])
	t.Logf("one upload to verdict: %v", time.Since(start))
	if v.Outcome != OutcomeAccepted || v.Version != 1 || v.LateDays != 0 {
		t.Errorf("first return: %+v", v)
	}
	if v := up("臺賬(再發).xlsx", rets[a]); v.Outcome != OutcomeDuplicate || v.Version != 1 {
		t.Errorf("the same bytes again: %+v", v)
	}
	clock = time.Date(2023, 7, 14, 9, 0, 0, 0, beijing)
	if v := up("臺賬.xlsx", returnsOf(t, s, 2)[a]); v.Outcome != OutcomeAccepted || v.Version != 2 || v.Replaced != 1 || v.LateDays != 0 {
		t.Errorf("a correction after the deadline keeps the first receipt's standing: %+v", v)
	}
	// Another agency's first return, four days after the deadline: late by four days.
	clock = time.Date(2023, 7, 14, 9, 0, 0, 0, beijing)
	late, _, err := in.Receive(ctx, Upload{AgencyPeriod: AgencyPeriod{Agency: other, Period: webQ2}, Name: "遲交.xlsx", Data: rets[other]})
	if err != nil || late.Outcome != OutcomeAccepted || late.LateDays != 4 {
		t.Errorf("a late first return: %+v %v", late, err)
	}
	// What came through the link says so as a fact, not in who took it in: the agency did, by link.
	tl, err := s.Timeline(ctx, TimelineRequest{Period: webQ2, Agency: a})
	if err != nil || len(tl.Versions) != 2 {
		t.Fatalf("timeline %+v, %v", tl, err)
	}
	for _, v := range tl.Versions {
		if v.Channel != taizhang.ChannelLink || v.By != a {
			t.Errorf("version %d: channel %q by %q; want link by %s", v.Version, v.Channel, v.By, a)
		}
	}
	for _, e := range tl.Events {
		if (e.Kind == EventReceived || e.Kind == EventRefused) && (e.Channel != taizhang.ChannelLink || e.By != a) {
			t.Errorf("%s %s: channel %q by %q; want link by %s", e.Kind, e.File, e.Channel, e.By, a)
		}
	}
	uploads, _ := s.st.AuditLog(ctx, store.AuditQuery{Agency: a, Actions: []taizhang.AuditAction{taizhang.AuditUpload}})
	if len(uploads) == 0 || uploads[0].Who != "網上報送:"+a {
		t.Errorf("the audit trail names an upload's link: %+v", uploads)
	}
	for _, e := range []string{"", "..", "~$臺賬.xlsx", ".hidden.xlsx", "a/b\\c:d.xlsx", "\x00\x1f.xlsx"} {
		if got := SafeName(e); got == "" || filepath.Base(got) != got || got[0] == '.' || got[0] == '~' {
			t.Errorf("SafeName(%q) = %q", e, got)
		}
	}
}

// entered reports whether an upload of agency has entered the inbox (read under the inbox's lock:
// the uploads write lanes as they enter).
func (in *Inbox) entered(agency string) bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.lanes[agency] != nil
}
