package cycle

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/ingest"
)

// IngestRequest asks to take returned files in.
type IngestRequest struct {
	Paths         []string         // files and folders (recursively)
	Period        *taizhang.Period // only this period; files of another are refused
	Received      time.Time        // when the files arrived; zero: now
	AllowUnsigned bool
	Jobs          int
	Progress      func(done, total int)
}

// IngestResult is what became of each file an ingest was given, and the counts.
type IngestResult struct {
	// Files in the order they were decided: those refused by their name or kind first, then the
	// others in the order their versions are numbered.
	Files   []IngestedFile
	Skipped []SkippedFile // temporary and hidden files left alone, each with why
	Count   map[FileOutcome]int
	Flagged int                            // values flagged in the files stored
	Periods map[string]map[FileOutcome]int // outcomes by the period each file turned out to be for
	// Interrupted says the run was stopped (Ctrl-C, SIGTERM): the files stored stay stored, and
	// Unprocessed files were neither stored nor refused; running the same command again does them.
	Interrupted bool
	Unprocessed int
	// OfficeHint says how to install LibreOffice when a file could not be converted for want of it.
	OfficeHint string
}

// Stored counts the files stored as new versions.
func (r *IngestResult) Stored() int {
	return r.Count[FileAccepted] + r.Count[FileSuperseded] + r.Count[FileStale]
}

// FileOutcome is what became of one file.
type FileOutcome string

// File outcomes.
const (
	FileAccepted   FileOutcome = "accepted"   // stored and current; the agency's first return for the period
	FileSuperseded FileOutcome = "superseded" // stored and current; it replaced an earlier version, which stays in the history
	FileStale      FileOutcome = "stale"      // stored, but older than the current version, which stays current
	FileDuplicate  FileOutcome = "duplicate"  // the same bytes were ingested before
	FileRefused    FileOutcome = "rejected"   // not stored; Reason says why and what to do
)

// IngestedFile is what became of one file.
type IngestedFile struct {
	Path, Name     string // where it came from (as given or found), and its own name
	Outcome        FileOutcome
	Code           taizhang.RefusalReason // why it was refused
	Reason         string                 // in Chinese, what is wrong and what to do
	SHA256         string
	Agency, Period string
	Version        int
	Replaced       int  // the version it replaced as current
	Newer          int  // when stale: the current version, which is newer
	Flagged        int  // values flagged (invalid_value, unit_mismatch)
	Current        bool // duplicate: the version it repeats is the current one
	Withdrawn      bool // duplicate: the version it repeats was withdrawn
	Empty          bool
}

// SkippedFile is a file left alone on purpose (temporary or hidden), and why.
type SkippedFile struct{ Path, Why string }

// Ingest reads returned ledgers into the database (see package ingest). It returns what became of
// each file even when some were refused (then the error is ErrSomeRefused).
func (s *Service) Ingest(ctx context.Context, req IngestRequest) (*IngestResult, error) {
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
	res := ingestResult(sum)
	if res != nil && !s.opts.Office.Installed() && slices.ContainsFunc(res.Files, func(f IngestedFile) bool { return f.Code == taizhang.RefusedConversion }) {
		res.OfficeHint = ingest.InstallHint
	}
	switch {
	case errors.Is(err, ingest.ErrNothing):
		return res, refusef(msgNothingToIngest)
	case sum != nil && sum.Interrupted:
		return res, interrupted(fmt.Sprintf(msgIngestInterrupted, res.Stored(), sum.Unprocessed))
	case errors.Is(err, ingest.ErrRefused):
		return res, ErrSomeRefused
	}
	return res, err
}

// ingestResult is ingest's summary as the cycle tells it.
func ingestResult(sum *ingest.Summary) *IngestResult {
	if sum == nil {
		return nil
	}
	res := &IngestResult{Count: counts(sum.Count), Flagged: sum.Flagged, Periods: map[string]map[FileOutcome]int{}, Interrupted: sum.Interrupted,
		Unprocessed: sum.Unprocessed}
	for p, c := range sum.Periods {
		res.Periods[p] = counts(c)
	}
	for _, o := range sum.Outcomes {
		res.Files = append(res.Files, IngestedFile{Path: o.Origin, Name: o.Name, Outcome: FileOutcome(o.Kind), Code: o.Code, Reason: o.Reason,
			SHA256: o.SHA256, Agency: o.Agency, Period: o.Period, Version: o.Version, Replaced: o.Replaced, Newer: o.Newer, Flagged: o.Flagged,
			Current: o.Current, Withdrawn: o.Withdrawn, Empty: o.Empty})
	}
	for _, sk := range sum.Skipped {
		res.Skipped = append(res.Skipped, SkippedFile(sk))
	}
	return res
}

func counts(in map[ingest.Kind]int) map[FileOutcome]int {
	out := make(map[FileOutcome]int, len(in))
	for k, n := range in {
		out[FileOutcome(k)] = n
	}
	return out
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
