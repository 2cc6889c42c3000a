package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	taizhang "taizhang"
)

// Versions are numbered and made current in one predictable order (receipt or modification time,
// then file name), whatever order the workers finish in.
func TestVersionsAreDeterministic(t *testing.T) {
	t.Parallel()
	base := time.Date(2023, 7, 5, 9, 0, 0, 0, time.UTC)
	for run := 0; run < 6; run++ {
		e := newEnv(t)
		tpl := e.template("省財政廳", "2023-Q1")
		// Names sort the other way round from their times: the times decide.
		for i, name := range []string{"c.xlsx", "b.xlsx", "a.xlsx"} {
			p := e.returned(tpl, name)
			fill(t, p, map[string]any{"39-1": float64(11 * (i + 1))})
			at := base.Add(time.Duration(i) * time.Hour)
			os.Chtimes(p, at, at)
		}
		sum := e.run([]string{filepath.Join(e.dir, "returns")}, Options{Jobs: 4})
		for i, name := range []string{"c.xlsx", "b.xlsx", "a.xlsx"} {
			if o := outcome(t, sum, name); o.Version != i+1 {
				t.Fatalf("run %d: %s is version %d, want %d", run, name, o.Version, i+1)
			}
		}
		if _, vals := currentValues(t, e, "省財政廳", "2023-Q1"); *vals["39-1"].Value != 33 {
			t.Fatalf("run %d: current value %v, want 33 (a.xlsx, the newest)", run, *vals["39-1"].Value)
		}
	}
}

// A file older than the current version is stored as history, not made current; --received sets
// the time versions are ordered by and lateness is judged on; each file's period is reported.
func TestOlderFileStaysHistory(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tpl := e.template("省財政廳", "2023-Q1")
	tplQ2 := e.template("省財政廳", "2023-Q2")
	v1, v2 := e.returned(tpl, "v1.xlsx"), e.returned(tpl, "v2.xlsx")
	fill(t, v1, map[string]any{"39-1": 1.0})
	fill(t, v2, map[string]any{"39-1": 2.0})
	os.Chtimes(v1, time.Date(2023, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2023, 4, 1, 0, 0, 0, 0, time.UTC))
	os.Chtimes(v2, time.Date(2023, 4, 5, 0, 0, 0, 0, time.UTC), time.Date(2023, 4, 5, 0, 0, 0, 0, time.UTC))
	if o := outcome(t, e.run([]string{v2}, Options{}), "v2.xlsx"); o.Kind != Accepted {
		t.Fatalf("v2 = %+v", o)
	}
	sum := e.run([]string{v1}, Options{})
	if o := outcome(t, sum, "v1.xlsx"); o.Kind != Stale || o.Version != 2 || o.Newer != 1 {
		t.Fatalf("v1 after v2 = %+v, want stale", o)
	}
	if _, vals := currentValues(t, e, "省財政廳", "2023-Q1"); *vals["39-1"].Value != 2 {
		t.Errorf("current = %v, want v2's 2", *vals["39-1"].Value)
	}
	// A Q2 file in a run without --period is taken, and the summary says it was for Q2.
	q2 := e.returned(tplQ2, "q2.xlsx")
	fill(t, q2, map[string]any{"39-1": 5.0})
	received := time.Date(2023, 7, 9, 15, 0, 0, 0, time.UTC)
	sum = e.run([]string{q2}, Options{Received: received})
	if sum.Periods["2023-Q2"][Accepted] != 1 || len(sum.Periods) != 1 {
		t.Errorf("periods = %v", sum.Periods)
	}
	rets, _ := e.st.Returns(context.Background(), taizhang.Period{Year: 2023, Kind: 'Q', Index: 2})
	if len(rets) != 1 || !rets[0].ReceivedAt.Equal(received) || !rets[0].SortAt.Equal(received) {
		t.Errorf("q2 = %+v", rets)
	}
}
