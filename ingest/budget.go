package ingest

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// DefaultMemoryBudget bounds the memory all workers of a run may reserve for the files they are
// reading at once (see excel.Estimate). A real ledger needs well under a megabyte; a file that
// needs more than the whole budget is refused, one that needs less waits its turn, so --jobs
// changes the speed of a run and not how much memory it can take.
const DefaultMemoryBudget = 256 << 20

// DefaultJobs caps the default number of workers: reading is quick, the single writer is the
// bottleneck, and each worker holds files in memory.
const DefaultJobs = 4

// DefaultFileTimeout bounds one file: a ledger reads in milliseconds and converts in seconds.
const DefaultFileTimeout = 20 * time.Second

// budget is a counting semaphore over bytes, shared by the workers of a run.
type budget struct {
	mu    sync.Mutex
	cond  *sync.Cond
	total int64
	used  int64
}

func newBudget(total int64) *budget {
	b := &budget{total: total}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// errOverBudget is a file that alone needs more memory than the run may use.
type errOverBudget struct{ need, total int64 }

func (e errOverBudget) Error() string {
	return fmt.Sprintf(msgOverBudget, e.need>>20, e.total>>20)
}

// acquire reserves n bytes, waiting while other files hold too much, until ctx ends. Each file
// reserves once, all it may need, so no worker holds part of the budget while waiting for more.
func (b *budget) acquire(ctx context.Context, n int64) (release func(), err error) {
	if n > b.total {
		return nil, errOverBudget{n, b.total}
	}
	stop := context.AfterFunc(ctx, func() {
		b.mu.Lock()
		b.cond.Broadcast()
		b.mu.Unlock()
	})
	defer stop()
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.used+n > b.total {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		b.cond.Wait()
	}
	b.used += n
	var once sync.Once
	return func() {
		once.Do(func() {
			b.mu.Lock()
			b.used -= n
			b.cond.Broadcast()
			b.mu.Unlock()
		})
	}, nil
}
