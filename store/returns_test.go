package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	taizhang "taizhang"
)

var q2 = taizhang.Period{Year: 2023, Kind: 'Q', Index: 2}

func ret(agency, file string, sortAt time.Time, value float64) *taizhang.Return {
	return &taizhang.Return{Agency: agency, Period: q2, File: file, SHA256: file + sortAt.String(), SortAt: sortAt, ReceivedAt: sortAt,
		Filled: 1, Values: []taizhang.Row{{Indicator: "2-1", Row: 5, Cell: "I5", Raw: "x", Value: &value}},
		Findings: []taizhang.Finding{{Code: taizhang.CodeInvalidValue, Indicator: "2-1", Sheet: "工作臺賬", Cell: "I5", Message: "m"}}}
}

func current(t *testing.T, s *Store, agency string) (int, float64) {
	t.Helper()
	cur, err := s.CurrentReturns(context.Background(), q2)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range cur {
		if r.Agency == agency {
			return r.Version, *r.Values[0].Value
		}
	}
	return 0, 0
}

// The version that becomes current is the newest by the rule, whatever order the files arrive in;
// an older one is kept as history; withdraw and restore change the current version and say who and why.
func TestReturnVersions(t *testing.T) {
	ctx := context.Background()
	s := mustOpenStore(t)
	t0 := time.Date(2023, 7, 5, 9, 0, 0, 0, time.UTC)
	v2 := ret("甲", "v2.xlsx", t0.Add(time.Hour), 22)
	if a, err := s.AddReturn(ctx, v2, "me"); err != nil || !a.Current || v2.Version != 1 {
		t.Fatalf("v2: %+v %v", a, err)
	}
	v1 := ret("甲", "v1.xlsx", t0, 11)
	if a, err := s.AddReturn(ctx, v1, "me"); err != nil || a.Current || a.Newer != 1 || v1.Version != 2 {
		t.Fatalf("an older file after a newer one must not become current: %+v %v", a, err)
	}
	if v, val := current(t, s, "甲"); v != 1 || val != 22 {
		t.Errorf("current = v%d %v, want v1 (22)", v, val)
	}
	v3 := ret("甲", "v3.xlsx", t0.Add(2*time.Hour), 33)
	if a, err := s.AddReturn(ctx, v3, "me"); err != nil || !a.Current || a.Replaced != 1 {
		t.Fatalf("v3: %+v %v", a, err)
	}
	if _, err := s.AddReturn(ctx, ret("甲", "v3.xlsx", t0.Add(2*time.Hour), 33), "me"); !errors.Is(err, ErrDuplicate) {
		t.Errorf("same bytes again: %v", err)
	}
	// Equal times: the later file name is newer.
	a1, b1 := ret("乙", "a.xlsx", t0, 1), ret("乙", "b.xlsx", t0, 2)
	s.AddReturn(ctx, b1, "me")
	if a, _ := s.AddReturn(ctx, a1, "me"); a.Current {
		t.Error("a.xlsx sorts before b.xlsx at the same time")
	}

	w, cur, err := s.Withdraw(ctx, q2, "甲", 0, "coordinator", "發錯了文件")
	if err != nil || w.Version != 3 || cur == nil || cur.Version != 1 {
		t.Fatalf("withdraw current: %+v %+v %v; want v3 withdrawn, v1 (the newest left) current", w, cur, err)
	}
	if _, _, err := s.Withdraw(ctx, q2, "甲", 3, "c", "again"); !errors.Is(err, ErrWithdrawn) {
		t.Errorf("withdraw twice: %v", err)
	}
	if _, err := s.Restore(ctx, q2, "甲", 2, "coordinator", "第2版才是終稿"); err != nil {
		t.Fatal(err)
	}
	if v, val := current(t, s, "甲"); v != 2 || val != 11 {
		t.Errorf("after restore: v%d %v, want v2 (11)", v, val)
	}
	if _, err := s.Restore(ctx, q2, "甲", 2, "c", "again"); !errors.Is(err, ErrNotWithdrawn) {
		t.Errorf("restore the current one: %v", err)
	}
	if _, err := s.Restore(ctx, q2, "甲", 9, "c", "x"); !errors.Is(err, ErrNoSuchVersion) {
		t.Errorf("restore a missing version: %v", err)
	}
	all, _ := s.Returns(ctx, q2)
	var states []string
	for _, r := range all {
		if r.Agency == "甲" {
			states = append(states, r.File+map[bool]string{true: "*", false: ""}[r.Current]+map[bool]string{true: "-", false: ""}[r.Withdrawn])
		}
		if len(r.Findings) != 1 || r.Findings[0].Severity != taizhang.SevError {
			t.Errorf("%s findings = %+v", r.File, r.Findings)
		}
	}
	if got := strings.Join(states, " "); got != "v3.xlsx- v1.xlsx* v2.xlsx" {
		t.Errorf("history (newest version first) = %s", got)
	}
	events, _ := s.Events(ctx, q2)
	var log []string
	for _, e := range events {
		if e.Agency == "甲" {
			log = append(log, e.Action+":"+e.By+":"+e.Reason)
		}
	}
	want := "ingest:me: stale:me: ingest:me: withdraw:coordinator:發錯了文件 restore:coordinator:第2版才是終稿"
	if got := strings.Join(log, " "); got != want {
		t.Errorf("events = %s\nwant %s", got, want)
	}
}

func TestDeadlines(t *testing.T) {
	ctx := context.Background()
	s := mustOpenStore(t)
	at := time.Date(2023, 6, 10, 0, 0, 0, 0, time.UTC)
	tpl := taizhang.Ledger{ID: "t1", Agency: "甲", Period: q2, IssuedAt: at, Deadline: taizhang.NewDate(2023, 7, 10), Rows: 3}
	if err := s.RecordLedger(ctx, tpl, &taizhang.DeadlineChange{Period: q2, Agency: "甲", Deadline: tpl.Deadline, SetAt: at, Reason: "下發臺賬"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDeadline(ctx, taizhang.DeadlineChange{Period: q2, Agency: "甲", Deadline: taizhang.NewDate(2023, 7, 20), SetAt: at.Add(time.Hour), By: "c", Reason: "延期"}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Deadlines(ctx, q2)
	if err != nil || len(got) != 2 || got[1].Deadline.String() != "2023-07-20" || got[1].Reason != "延期" || got[1].By != "c" {
		t.Errorf("deadlines = %+v, %v", got, err)
	}
	tpls, _ := s.Ledgers(ctx, q2)
	if len(tpls) != 1 || tpls[0].Deadline.String() != "2023-07-10" || !tpls[0].IssuedAt.Equal(at) || tpls[0].Period != q2 {
		t.Errorf("templates = %+v", tpls)
	}
}

// Any path opens the file it names; commands that read never create a database.
func TestOpenPaths(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, name := range []string{"a#b.db", "a?b.db", "50%.db", "空 格.db", "臺賬 (2023).db"} {
		path := filepath.Join(dir, name)
		s, err := Open(ctx, path)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		s.Close()
		if _, err := os.Stat(path); err != nil {
			t.Errorf("%s: the database went elsewhere: %v", name, err)
		}
		if s, err = OpenExisting(ctx, path); err != nil {
			t.Errorf("reopen %s: %v", name, err)
		} else {
			s.Close()
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".db") && !strings.Contains(e.Name(), ".db-") {
			t.Errorf("stray file %q", e.Name())
		}
	}
	missing := filepath.Join(dir, "no", "such.db")
	if _, err := OpenExisting(ctx, missing); !errors.Is(err, ErrNoDatabase) {
		t.Errorf("missing: %v", err)
	}
	if _, err := os.Stat(filepath.Dir(missing)); err == nil {
		t.Error("OpenExisting created the folder of a missing database")
	}
	if _, err := OpenExisting(ctx, dir); !errors.Is(err, ErrIsDir) {
		t.Errorf("a folder: %v", err)
	}
}
