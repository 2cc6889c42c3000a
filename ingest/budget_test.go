package ingest

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	taizhang "taizhang"
)

// TestBudget: reservations never exceed the budget however many workers ask, a file bigger
// than the budget is refused at once, and a waiter gives up when its file's deadline passes.
func TestBudget(t *testing.T) {
	t.Parallel()
	b := newBudget(100)
	if _, err := b.acquire(context.Background(), 101); !errors.As(err, &errOverBudget{}) {
		t.Fatalf("over budget: %v", err)
	}
	var held, peak atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			release, err := b.acquire(context.Background(), 40)
			if err != nil {
				t.Error(err)
				return
			}
			if n := held.Add(40); n > peak.Load() {
				peak.Store(n)
			}
			time.Sleep(time.Millisecond)
			held.Add(-40)
			release()
		}()
	}
	wg.Wait()
	if peak.Load() > 100 {
		t.Errorf("%d bytes held at once, budget 100", peak.Load())
	}
	release, _ := b.acquire(context.Background(), 90)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := b.acquire(ctx, 20); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("waiter past its deadline: %v", err)
	}
	release()
}

// TestFileDeadline: a file whose reading outlasts FileTimeout is refused as a resource limit
// with the reason, the run goes on (here the deadline is too short for any file).
func TestFileDeadline(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ret := e.returned(e.template("省科技廳", "2023-Q1"), "slow.xlsx")
	o := outcome(t, e.run([]string{ret}, Options{FileTimeout: time.Nanosecond}), "slow.xlsx")
	if o.Kind != Refused || o.Code != taizhang.RefusedTooLarge || !strings.Contains(o.Reason, "超過1ns") {
		t.Errorf("%+v", o)
	}
}
