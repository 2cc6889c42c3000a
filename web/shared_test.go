package web

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	taizhang "taizhang"
	"taizhang/access"
	"taizhang/cycle"
	"taizhang/store"
)

// TestTwoServersAndTheCommandLineShareADatabase runs two servers on one database file (each with
// its own service, as two processes would have) and an ingest from the command line's service at
// the same time: every file is stored once, each agency's versions are numbered without gaps, and
// the database stays sound.
func TestTwoServersAndTheCommandLineShareADatabase(t *testing.T) {
	t.Parallel()
	st := newSite(t, taizhang.Traditional)
	ctx := context.Background()
	other, err := cycle.Open(ctx, cycle.Options{Path: st.db, Clock: cycle.Func(func() time.Time { return *st.clock })})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	otherAcc, err := access.New(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	defer otherAcc.Close()
	srv2, err := New(ctx, other, otherAcc, Options{Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	second := httptest.NewServer(srv2)
	defer second.Close()
	cli, err := cycle.Open(ctx, cycle.Options{Path: st.db, User: "協調辦", Clock: cycle.Func(func() time.Time { return *st.clock })})
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()

	v1, v2 := st.returns(1), st.returns(2)
	agencies := make([]string, 0, len(v1))
	for a := range v1 {
		agencies = append(agencies, a)
	}
	sort.Strings(agencies)
	third := len(agencies) / 3
	var wg sync.WaitGroup
	// The first third through the first server, the second third through the second, two
	// versions each; the last third by the command line, both versions at once.
	for i, a := range agencies[:2*third] {
		base := st.http.URL
		if i >= third {
			base = second.URL
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, f := range []string{v1[a], v2[a]} {
				site := *st
				site.http = &httptest.Server{URL: base}
				if v := verdictOf(t, site.upload(st.tokens[a], filepath.Base(f), readFile(t, f), nil)); v.Outcome != cycle.OutcomeAccepted {
					t.Errorf("%s: %+v", a, v)
				}
			}
		}()
	}
	var paths []string
	for _, a := range agencies[2*third:] {
		paths = append(paths, v1[a], v2[a])
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		if _, err := cli.Ingest(ctx, cycle.IngestRequest{Paths: paths, Period: &q2, Jobs: 2}); err != nil {
			t.Errorf("ingest: %v", err)
		}
	}()
	wg.Wait()

	view, err := cli.View(ctx, cycle.ViewRequest{Period: q2})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range agencies {
		s := view.State(a)
		if len(s.Versions) != 2 || s.Versions[0].Version != 2 || s.Versions[1].Version != 1 || s.Current == nil {
			t.Errorf("%s: %d versions", a, len(s.Versions))
		}
	}
	db, err := store.OpenExisting(ctx, st.db)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if ok, err := db.IntegrityCheck(ctx); err != nil || ok != "ok" {
		t.Errorf("integrity check: %q %v", ok, err)
	}
}
