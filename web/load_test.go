package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	taizhang "taizhang"
	"taizhang/cycle"
)

// TestConcurrentUploads sends every agency's return five times (five different versions) on
// loopback, 16 uploads at a time: nothing may be lost or duplicated, each agency's versions must
// follow the order it uploaded them in, and status (a separate service on the same database, as
// the command line opens it) must say what the board shows.
func TestConcurrentUploads(t *testing.T) {
	if testing.Short() {
		t.Skip("180 uploads")
	}
	t.Parallel()
	st := newSite(t, taizhang.Simplified) // as mainland offices run it: every answer converted
	const versions, parallel = 5, 16
	files := map[string][][]byte{}
	for seed := int64(1); seed <= versions; seed++ {
		for a, path := range st.returns(seed) {
			files[a] = append(files[a], readFile(t, path))
		}
	}
	agencies := make([]string, 0, len(files))
	for a, f := range files {
		if len(f) == versions {
			agencies = append(agencies, a)
		}
	}
	sort.Strings(agencies)
	t.Logf("%d agencies × %d versions, %d at a time", len(agencies), versions, parallel)

	// Each worker takes an agency and uploads its versions one after another, as a clerk correcting
	// a return does; 16 agencies upload at once.
	work := make(chan string)
	var mu sync.Mutex
	got := map[string][]cycle.Verdict{}
	var latencies []time.Duration
	var wg sync.WaitGroup
	for w := 0; w < parallel; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range work {
				for i, data := range files[a] {
					start := time.Now()
					v := verdictOf(t, st.upload(st.tokens[a], "臺賬-v"+strconv.Itoa(i+1)+".xlsx", data, nil))
					took := time.Since(start)
					mu.Lock()
					got[a] = append(got[a], v)
					latencies = append(latencies, took)
					mu.Unlock()
				}
			}
		}()
	}
	start := time.Now()
	for _, a := range agencies {
		work <- a
	}
	close(work)
	wg.Wait()
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	t.Logf("%d uploads in %v; upload to verdict p50 %v, p95 %v, max %v", len(latencies), time.Since(start).Round(time.Millisecond),
		latencies[len(latencies)/2].Round(time.Millisecond), latencies[len(latencies)*95/100].Round(time.Millisecond), latencies[len(latencies)-1].Round(time.Millisecond))

	for _, a := range agencies {
		for i, v := range got[a] {
			if v.Outcome != cycle.OutcomeAccepted || v.Version != i+1 {
				t.Errorf("%s upload %d: %s version %d %s", a, i+1, v.Outcome, v.Version, v.Reason)
			}
		}
	}
	// What is stored: every version once, numbered in upload order, the last one current.
	ctx := context.Background()
	cli, err := cycle.Open(ctx, cycle.Options{Path: st.db, Clock: cycle.Fixed(*st.clock)})
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	view, err := cli.View(ctx, cycle.ViewRequest{Period: q2})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, a := range agencies {
		s := view.State(a)
		total += len(s.Versions)
		if len(s.Versions) != versions || s.Current == nil || s.Current.Version != versions || s.State != taizhang.OnTime {
			t.Errorf("%s: %d versions, state %s", a, len(s.Versions), s.State)
			continue
		}
		for _, r := range s.Versions { // newest first
			sum := sha256.Sum256(files[a][r.Version-1])
			if r.SHA256 != hex.EncodeToString(sum[:]) {
				t.Errorf("%s version %d is not the %dth file uploaded", a, r.Version, r.Version)
			}
			if r.Version > 1 && !r.ReceivedAt.After(s.Versions[versions-r.Version+1].ReceivedAt) {
				t.Errorf("%s version %d not received after version %d", a, r.Version, r.Version-1)
			}
		}
	}
	if total != versions*len(agencies) {
		t.Errorf("%d versions stored, want %d", total, versions*len(agencies))
	}

	// The board says what status says.
	c := st.login()
	_, board := st.get("/periods/2023-Q2", c, "")
	rows := regexp.MustCompile(`data-agency="([^"]+)" data-state="([^"]+)" data-version="(\d*)"`).FindAllStringSubmatch(board, -1)
	shown := map[string][2]string{}
	for _, m := range rows {
		shown[m[1]] = [2]string{m[2], m[3]}
	}
	status := view.StatusJSON()
	if len(shown) != len(status.Agencies) {
		t.Errorf("the board shows %d agencies, status %d", len(shown), len(status.Agencies))
	}
	for _, j := range status.Agencies {
		want := [2]string{j.State, ""}
		if j.Version > 0 {
			want[1] = strconv.Itoa(j.Version)
		}
		if shown[j.Agency] != want {
			t.Errorf("%s: board %v, status %v", j.Agency, shown[j.Agency], want)
		}
	}
	_ = filepath.Join
}
