package cycle

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/ingest"
)

// IngestRequest asks to take returned files in.
type IngestRequest struct {
	Paths         []string
	Period        *taizhang.Period // only this period; files of another are refused
	Received      time.Time        // when the files arrived; zero: now
	AllowUnsigned bool
	Jobs          int
	Progress      func(done, total int)
}

// Ingest reads returned ledgers into the database (see package ingest). It returns the summary
// even when some files were refused (an error wrapping ingest.ErrRefused).
func (s *Service) Ingest(ctx context.Context, req IngestRequest) (*ingest.Summary, error) {
	if _, _, err := s.Plan(ctx); err != nil {
		return nil, err
	}
	if _, err := s.key(ctx); err != nil {
		return nil, err
	}
	opts := ingest.Options{Jobs: req.Jobs, AllowUnsigned: req.AllowUnsigned, Received: req.Received, Now: s.Now, By: s.opts.User,
		Limits: excel.DefaultLimits, Converter: s.opts.Office, Progress: req.Progress}
	if req.Period != nil {
		if err := s.checkPeriod(*req.Period); err != nil {
			return nil, err
		}
		opts.Period = *req.Period
	}
	if !req.Received.IsZero() && req.Received.After(s.Now().Add(time.Minute)) {
		return nil, inputf(msgReceivedFuture, req.Received.In(s.loc).Format(taizhang.TimeLayout))
	}
	if missing := missingPaths(req.Paths); len(missing) == len(req.Paths) {
		return nil, refusef(msgNoSuchPaths, strings.Join(missing, "、"))
	}
	sum, err := ingest.Run(ctx, s.st, ingest.Walk(req.Paths), opts)
	switch {
	case errors.Is(err, ingest.ErrNothing):
		return sum, refusef(msgNothingToIngest)
	case sum != nil && sum.Interrupted:
		stored := sum.Count[ingest.Accepted] + sum.Count[ingest.Superseded] + sum.Count[ingest.Stale]
		return sum, interrupted(fmt.Sprintf(msgIngestInterrupted, stored, sum.Unprocessed))
	}
	return sum, err
}

// missingPaths lists the paths given that do not exist (shown verbatim).
func missingPaths(paths []string) []string {
	var out []string
	for _, p := range paths {
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			out = append(out, taizhang.Verbatim(p))
		}
	}
	return out
}
