package main

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	taizhang "taizhang"
	"taizhang/access"
	"taizhang/store"
)

// TestMain lets the test binary act as the taizhang command, so that tests can run it as a
// separate process and kill it; after the tests it removes the demo's folder, which they share.
func TestMain(m *testing.M) {
	access.CheapPasswordHashesForTests() // the tests log in many times; access's tests check the real cost
	if os.Getenv("TAIZHANG_TEST_MAIN") == "1" {
		os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
	}
	code := m.Run()
	if demoRun.dir != "" {
		os.RemoveAll(demoRun.dir)
	}
	simulated.Remove()
	os.Exit(code)
}

func command(db string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], append([]string{"--db", db}, args...)...)
	cmd.Env = append(os.Environ(), "TAIZHANG_TEST_MAIN=1")
	return cmd
}

// makeReturns issues templates for six monthly periods and gathers n of them, as returns, into
// one folder, which it returns.
func makeReturns(t *testing.T, db, dir string, n int) string {
	t.Helper()
	if b, err := command(db, "init").CombinedOutput(); err != nil {
		t.Fatalf("init: %v %s", err, b)
	}
	var files []string
	for m := 1; m <= 6 && len(files) < n; m++ {
		out := filepath.Join(dir, fmt.Sprintf("2023-%02d", m))
		if b, err := command(db, "templates", "--period", fmt.Sprintf("2023-%02d", m), "--out", out).CombinedOutput(); err != nil {
			t.Fatalf("templates: %v %s", err, b)
		}
		got, _ := filepath.Glob(filepath.Join(out, "*.xlsx"))
		files = append(files, got...)
	}
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, f := range files[:n] {
		if err := os.Link(f, filepath.Join(in, fmt.Sprintf("%03d_%s", i, filepath.Base(f)))); err != nil {
			t.Fatal(err)
		}
	}
	return in
}

func checkWholeOrAbsent(t *testing.T, db string) int {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if res, err := s.IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Fatalf("integrity_check = %q, %v", res, err)
	}
	total := 0
	for m := 1; m <= 6; m++ {
		period := taizhang.Period{Year: 2023, Kind: 'M', Index: m}
		subs, err := s.Returns(ctx, period)
		if err != nil {
			t.Fatal(err)
		}
		tpls, _ := s.Ledgers(ctx, period)
		rows := map[string]int{}
		for _, tpl := range tpls {
			rows[tpl.Agency] = tpl.Rows
		}
		current := map[string]int{}
		for _, sub := range subs {
			if sub.Current {
				current[sub.Agency]++
			}
			if sub.Values, err = s.Rows(ctx, sub.ID); err != nil {
				t.Fatal(err)
			}
			if len(sub.Values) != rows[sub.Agency] {
				t.Errorf("%s %s: %d values stored, want %d (a half-written file)", sub.Period, sub.Agency, len(sub.Values), rows[sub.Agency])
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(db), "archive", sub.ArchivePath)); err != nil {
				t.Errorf("%s: archived copy missing: %v", sub.File, err)
			}
		}
		for a, n := range current {
			if n != 1 {
				t.Errorf("%s %s: %d current versions", period, a, n)
			}
		}
		total += len(subs)
	}
	return total
}

// TestIngestSurvivesKills kills ingest at random moments during a 200-file run; after each kill the
// database is sound and every file is wholly present or absent; a rerun completes the set once.
func TestIngestSurvivesKills(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	// Not parallel: it times a signal against a child command's progress, which tests beside it
	// would slow.
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	list := makeReturns(t, db, filepath.Join(dir, "returns"), 200)
	// How long a whole run takes here, so the kills land inside one.
	probeDB := filepath.Join(dir, "probe", "t.db")
	os.MkdirAll(filepath.Dir(probeDB), 0o755)
	command(probeDB, "init").Run()
	start := time.Now()
	command(probeDB, "ingest", "--allow-unsigned", list).Run()
	full := time.Since(start)
	t.Logf("a whole run of 200 files takes %v", full)
	rng := rand.New(rand.NewSource(1))
	before, mid := 0, 0
	for round := 0; round < 6; round++ {
		cmd := command(db, "ingest", list)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(full * time.Duration(10+rng.Intn(40)) / 100)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		n := checkWholeOrAbsent(t, db)
		t.Logf("round %d: killed with %d files stored", round, n)
		if n > before && n < 200 {
			mid++
		}
		if n < before {
			t.Errorf("stored files went down from %d to %d", before, n)
		}
		before = n
	}
	if mid == 0 {
		t.Logf("no kill landed in the middle of a run this time (timing); the checks still hold")
	}
	out, err := command(db, "ingest", list).CombinedOutput()
	if err != nil {
		t.Fatalf("rerun: %v\n%s", err, out)
	}
	if n := checkWholeOrAbsent(t, db); n != 200 {
		t.Errorf("after the rerun %d files stored, want 200", n)
	}
}

// TestTwoIngestsAtOnce: two processes ingesting the same folder both finish, and each file is stored once.
func TestTwoIngestsAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	// Not parallel: it times a signal against a child command's progress, which tests beside it
	// would slow.
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	list := makeReturns(t, db, filepath.Join(dir, "returns"), 80)
	var wg sync.WaitGroup
	outs := make([][]byte, 2)
	errs := make([]error, 2)
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			outs[i], errs[i] = command(db, "ingest", list).CombinedOutput()
		}(i)
	}
	wg.Wait()
	for i := range errs {
		if errs[i] != nil {
			t.Errorf("process %d: %v\n%s", i, errs[i], outs[i])
		}
	}
	if n := checkWholeOrAbsent(t, db); n != 80 {
		t.Errorf("%d files stored, want 80", n)
	}
}
