package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/excel"
	"taizhang/office"
	"taizhang/script"
	"taizhang/store"
	"taizhang/templates/ledger"
)

// Kind is what happened to a file.
type Kind string

const (
	Accepted   Kind = "accepted"   // stored and current; the agency's first return for the period
	Superseded Kind = "superseded" // stored and current; it replaced an earlier version, which stays in the history
	Stale      Kind = "stale"      // stored, but older than the current version, which stays current
	Duplicate  Kind = "duplicate"  // the same bytes were ingested before
	Refused    Kind = "rejected"   // not stored; Reason says why and what to do

	// unprocessed marks a file the run was interrupted on before it was stored or refused for a
	// reason of its own: it is neither, and is left out of the outcomes (Summary.Unprocessed).
	unprocessed Kind = "unprocessed"
)

// Stored reports whether the file was stored as a new version.
func (k Kind) Stored() bool { return k == Accepted || k == Superseded || k == Stale }

// Outcome is the result for one file.
type Outcome struct {
	Origin         string // where the file came from (Source.Origin): the path shown for it
	Name           string
	Kind           Kind
	Code           taizhang.RefusalReason // why it was refused
	Reason         string                 // in Chinese, what is wrong and what to do
	SHA256         string
	Size           int64
	Agency, Period string
	Version        int
	Replaced       int  // the version it replaced as current
	Newer          int  // when stale: the current version, which is newer
	Flagged        int  // values flagged (invalid_value, unit_mismatch)
	Current        bool // duplicate: the version it repeats is the current one
	Withdrawn      bool // duplicate: the version it repeats was withdrawn
	Empty          bool
	SortAt         time.Time // what versions were ordered by
	FileTime       time.Time // the file's modification time, which orders files of one SortAt

	seq       int
	src       Source
	received  time.Time // when it arrived, as the run takes it (see runner.receivedAt)
	data      []byte
	converted string
	sub       *taizhang.Return
}

func (o Outcome) refuse(code taizhang.RefusalReason, reason string) Outcome {
	o.Kind, o.Code, o.Reason = Refused, code, reason
	o.data, o.sub = nil, nil
	return o
}

// Options control a run.
type Options struct {
	Jobs          int             // parallel readers; 0 means one per core, at most DefaultJobs
	AllowUnsigned bool            // accept ledgers whose signature fails or is missing, with a finding
	Period        taizhang.Period // when not zero, files of another period are refused
	// Received is when the files arrived (e-mail date), for the sources that do not say; zero:
	// now, and versions follow each file's modification time.
	Received     time.Time
	Now          func() time.Time
	By           string // who ingests, for the version history
	Limits       excel.Limits
	Converter    office.Converter
	Progress     func(done, total int) // called after each file; nil for none
	MemoryBudget int64                 // bytes all workers together may reserve for files being read; 0: DefaultMemoryBudget
	FileTimeout  time.Duration         // wall time for reading, converting and checking one file; 0: DefaultFileTimeout
	// Agency, when set, refuses ledgers of any other agency: an upload through one agency's link.
	Agency string
	// WriteLock, when set, is held around each file's transaction: a server's concurrent uploads
	// queue on it rather than in SQLite's busy handler, which sleeps in steps of up to 100 ms.
	WriteLock sync.Locker
}

// Summary counts the outcomes of a run.
type Summary struct {
	Outcomes []Outcome
	Skipped  []Skipped
	Count    map[Kind]int
	Flagged  int
	Periods  map[string]map[Kind]int // outcomes by the period each file turned out to be for
	// Interrupted says the run was stopped (Ctrl-C, SIGTERM): the files stored stay stored, and
	// Unprocessed files were neither stored nor refused; running the same command again does them.
	Interrupted bool
	Unprocessed int
}

// ErrRefused is returned (wrapped) by Run when at least one file was refused.
var ErrRefused = errors.New("ingest: some files were refused")

// ErrNothing is returned when a batch holds no file to ingest.
var ErrNothing = errors.New("ingest: no files found")

// order sorts the sources the way versions are numbered, a rule a person can predict: by the time
// each arrived (a source's own, or the one given with --received) or else its modification time
// (never later than now: a file cannot have arrived after it is read); sources of one time (a
// mail folder given one --received) by their modification time, then by name, then by where they
// came from. store.Newer applies the same rule. Each job carries its place in that order.
func order(sources []Source, received, now time.Time) []Outcome {
	jobs := make([]Outcome, len(sources))
	for i, src := range sources {
		jobs[i] = Outcome{Origin: src.Origin, Name: src.Name, src: src, SortAt: src.Received, FileTime: src.ModTime}
		if jobs[i].SortAt.IsZero() {
			jobs[i].SortAt = received
		}
		jobs[i].received = jobs[i].SortAt
		if jobs[i].SortAt.IsZero() {
			jobs[i].SortAt = now
			if !src.ModTime.IsZero() && src.ModTime.Before(now) {
				jobs[i].SortAt = src.ModTime
			}
		}
	}
	sort.SliceStable(jobs, func(i, j int) bool {
		a, b := jobs[i], jobs[j]
		if !a.SortAt.Equal(b.SortAt) {
			return a.SortAt.Before(b.SortAt)
		}
		if !a.FileTime.Equal(b.FileTime) {
			return a.FileTime.Before(b.FileTime)
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Origin < b.Origin
	})
	for i := range jobs {
		jobs[i].seq = i
	}
	return jobs
}

// Run ingests a batch of sources into st (Walk makes one of files and folders): reading in
// parallel and committing through one writer in a fixed order (see order), each file archived by
// its SHA-256 next to the database and stored in one transaction. Whatever order the workers
// finish in, versions are numbered and made current in that order.
func Run(ctx context.Context, st *store.Store, b Batch, opts Options) (*Summary, error) {
	plan, info, err := st.Plan(ctx)
	if err != nil {
		return nil, err
	}
	key, err := st.SigningKey(ctx)
	if err != nil {
		return nil, err
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	c, err := newChecker(ctx, st, plan, info.CatalogHash, key, opts)
	if err != nil {
		return nil, err
	}
	sources, refused := byName(b)
	sum := &Summary{Skipped: b.Skipped, Count: map[Kind]int{}, Periods: map[string]map[Kind]int{}}
	if len(sources)+len(refused) == 0 {
		return sum, ErrNothing
	}
	r := &runner{st: st, c: c, opts: opts, sum: sum, archive: ArchiveDir(st.Path), total: len(sources) + len(refused)}
	for _, o := range refused {
		r.record(o)
	}
	r.run(ctx, order(sources, opts.Received, opts.Now()))
	if r.writeErr != nil {
		return sum, r.writeErr
	}
	if err := ctx.Err(); err != nil {
		sum.Interrupted, sum.Unprocessed = true, r.total-r.done
		return sum, err
	}
	if sum.Count[Refused] > 0 {
		return sum, fmt.Errorf("%w: %d", ErrRefused, sum.Count[Refused])
	}
	return sum, nil
}

type runner struct {
	st       *store.Store
	c        *checker
	opts     Options
	sum      *Summary
	archive  string
	total    int
	done     int
	writeErr error
}

func (r *runner) record(o Outcome) {
	r.sum.Outcomes = append(r.sum.Outcomes, o)
	r.sum.Count[o.Kind]++
	if o.Kind.Stored() {
		r.sum.Flagged += o.Flagged
	}
	if o.Period != "" {
		if r.sum.Periods[o.Period] == nil {
			r.sum.Periods[o.Period] = map[Kind]int{}
		}
		r.sum.Periods[o.Period][o.Kind]++
	}
	r.done++
	if r.opts.Progress != nil {
		r.opts.Progress(r.done, r.total)
	}
}

// byName refuses, without reading them, the sources whose name says they are no workbook (a
// .pdf uploaded, a .csv), after those the batch's producer refused: a source found by Walk was
// checked there already.
func byName(b Batch) ([]Source, []Outcome) {
	refused := b.Refused
	var sources []Source
	for _, src := range b.Sources {
		if !spreadsheetExt[strings.ToLower(filepath.Ext(src.Name))] {
			refused = append(refused, Outcome{Origin: src.Origin, Name: src.Name, Kind: Refused, Code: taizhang.RefusedNotSpreadsheet,
				Reason: refuseByName(src.Name)})
			continue
		}
		sources = append(sources, src)
	}
	return sources, refused
}

// run reads files in parallel and commits them in their order. The feeder never runs more than a
// window ahead of the writer, so a slow file (a conversion) does not let finished ones pile up.
func (r *runner) run(ctx context.Context, jobs []Outcome) {
	workers := r.opts.Jobs
	if workers <= 0 { // the default is capped; memory is bounded by the checker's budget whatever Jobs says
		workers = min(runtime.NumCPU(), DefaultJobs)
	}
	in := make(chan Outcome)
	out := make(chan Outcome, workers)
	window := make(chan struct{}, 4*workers+16)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for job := range in {
				out <- r.read(ctx, job)
			}
		}()
	}
	go func() {
		defer close(in)
		for _, job := range jobs {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case in <- job:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(out) }()
	pending := map[int]Outcome{}
	next := 0
	for o := range out {
		pending[o.seq] = o
		var batch []Outcome
		for {
			o, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			batch = append(batch, o)
			next++
		}
		r.commit(ctx, batch)
		for range batch {
			<-window
		}
	}
}

// read reads one file and archives it, in parallel, before the writer commits: the copy is on disk
// before any row of the file is.
func (r *runner) read(ctx context.Context, job Outcome) Outcome {
	o := r.c.safeRead(ctx, job.src)
	o.seq, o.SortAt, o.FileTime, o.received = job.seq, job.SortAt, job.FileTime, job.received
	if o.Kind == Refused && ctx.Err() != nil {
		o.Kind = unprocessed // refused because the run was stopped, not for anything in the file
	}
	if o.Kind == Duplicate {
		o = r.sameAs(ctx, o)
	}
	if o.Kind != "" {
		return o
	}
	rel, err := archiveFile(r.archive, o.SHA256, filepath.Ext(o.Name), o.data)
	if err != nil {
		return o.refuse(taizhang.RefusedUnreadable, fmt.Sprintf(msgArchiveFailed, err))
	}
	o.sub.ArchivePath = rel
	o.data = nil
	return o
}

// commit makes the archive copies of a batch durable together, then stores each file in its own
// transaction, in order: no file's rows are committed before its copy is safe.
func (r *runner) commit(ctx context.Context, batch []Outcome) {
	synced := false
	for _, o := range batch {
		if o.Kind == "" && ctx.Err() != nil {
			o.Kind = unprocessed
		}
		if o.Kind == "" && r.writeErr == nil {
			if !synced {
				if err := syncArchive(r.archive); err != nil {
					r.writeErr = fmt.Errorf(msgArchiveSync, err)
				}
				synced = true
			}
			if r.writeErr == nil {
				o, r.writeErr = r.store(ctx, o)
			}
			if r.writeErr != nil && ctx.Err() != nil { // the transaction was rolled back: stopped, not failed
				o.Kind, r.writeErr = unprocessed, nil
			}
		}
		if o.Kind == unprocessed {
			continue
		}
		if r.writeErr != nil && o.Kind == "" {
			o = o.refuse(taizhang.RefusedUnreadable, fmt.Sprintf(msgNotStored, r.writeErr))
		}
		if ref, ok := r.refusal(o); ok && r.writeErr == nil {
			err := r.refuse(ctx, ref)
			if err != nil && ctx.Err() != nil {
				continue // stopped before the refusal was recorded: the next run reads the file again
			}
			r.writeErr = err
		}
		o.data, o.sub, o.src = nil, nil, Source{} // a run of 10,000 files must not keep every file's values (nor an upload's bytes)
		r.record(o)
	}
}

// refusal is the record of a refused file when it can be laid at an agency's door: the file came
// through the agency's own link (any refusal), or it is a ledger that names the agency and period
// (but not one refused only because this run is for another period or plan: it may be taken there).
func (r *runner) refusal(o Outcome) (taizhang.Refusal, bool) {
	if o.Kind != Refused || o.SHA256 == "" {
		return taizhang.Refusal{}, false
	}
	agency, period := o.Agency, o.Period
	if r.opts.Agency != "" {
		agency, period = r.opts.Agency, r.opts.Period.String()
	} else if o.Code == taizhang.RefusedWrongPeriod || o.Code == taizhang.RefusedWrongPlan {
		return taizhang.Refusal{}, false
	}
	p, err := taizhang.ParsePeriod(period)
	if agency == "" || err != nil {
		return taizhang.Refusal{}, false
	}
	return taizhang.Refusal{Agency: agency, Period: p, File: o.Name, SHA256: o.SHA256, ReceivedAt: r.receivedAt(o),
		Code: o.Code, Reason: o.Reason, Source: o.Origin, Channel: o.src.channel(), By: r.opts.By}, true
}

// refuse records a refusal; an agency that sends the same refused bytes again is one refusal.
func (r *runner) refuse(ctx context.Context, ref taizhang.Refusal) error {
	if r.opts.WriteLock != nil {
		r.opts.WriteLock.Lock()
		defer r.opts.WriteLock.Unlock()
	}
	if _, err := r.st.AddRefusal(ctx, ref); err != nil {
		return fmt.Errorf(msgStoreFailed, ref.File, err)
	}
	return nil
}

// receivedAt is when a file arrived: as given (--received, an upload's time), else now.
func (r *runner) receivedAt(o Outcome) time.Time {
	if !o.received.IsZero() {
		return o.received
	}
	return r.opts.Now()
}

// store stores an accepted, already archived file in one transaction.
func (r *runner) store(ctx context.Context, o Outcome) (Outcome, error) {
	o.sub.SortAt, o.sub.FileTime = o.SortAt, o.FileTime
	o.sub.ReceivedAt = r.receivedAt(o)
	if r.opts.WriteLock != nil {
		r.opts.WriteLock.Lock()
	}
	added, err := r.st.AddReturn(ctx, o.sub, r.opts.By)
	if r.opts.WriteLock != nil {
		r.opts.WriteLock.Unlock()
	}
	switch {
	case errors.Is(err, store.ErrDuplicate):
		o.Kind = Duplicate
		return r.sameAs(ctx, o), nil
	case err != nil:
		return o, fmt.Errorf(msgStoreFailed, o.Name, err)
	}
	o.Version, o.Replaced, o.Newer, o.Empty = o.sub.Version, added.Replaced, added.Newer, o.sub.Empty()
	switch {
	case !added.Current:
		o.Kind = Stale
	case added.Replaced != 0:
		o.Kind = Superseded
	default:
		o.Kind = Accepted
	}
	return o, nil
}

// safeRead reads one file and turns a panic in a dependency into a refusal: one bad file
// must never stop the run.
func (c *checker) safeRead(ctx context.Context, src Source) (o Outcome) {
	defer func() {
		if r := recover(); r != nil {
			o = Outcome{Origin: src.Origin, Name: src.Name, src: src}.refuse(taizhang.RefusedUnreadable, fmt.Sprintf(msgPanic, r))
		}
	}()
	return c.readFile(ctx, src)
}

// ArchiveDir is the archive folder beside a database.
func ArchiveDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "archive") }

// archiveFile writes data under its SHA-256 (atomically; an existing copy is kept) and returns
// its path relative to the archive folder. It is made durable by syncArchive before any commit.
func archiveFile(dir, sha, ext string, data []byte) (string, error) {
	rel := filepath.Join(sha[:2], sha+ext)
	path := filepath.Join(dir, rel)
	if _, err := os.Stat(path); err == nil {
		return rel, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return "", err
	}
	if perFileSync {
		if err := tmp.Sync(); err != nil {
			tmp.Close()
			return "", err
		}
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", err
	}
	if perFileSync {
		if d, err := os.Open(filepath.Dir(path)); err == nil {
			d.Sync()
			d.Close()
		}
	}
	return rel, nil
}

func newChecker(ctx context.Context, st *store.Store, plan *taizhang.Plan, hash string, key []byte, opts Options) (c *checker, err error) {
	if opts.Limits.FileSize == 0 {
		opts.Limits = excel.DefaultLimits
	}
	// issue 11: one memory budget for all workers, one wall-time budget per file
	if opts.MemoryBudget <= 0 {
		opts.MemoryBudget = DefaultMemoryBudget
	}
	if opts.FileTimeout <= 0 {
		opts.FileTimeout = DefaultFileTimeout
	}
	c = &checker{plan: plan, hash: hash, key: key, opts: opts, conv: opts.Converter, budget: newBudget(opts.MemoryBudget),
		resolver:  catalog.NewResolver(script.Default(), plan.Agencies),
		indicator: map[string]*taizhang.Indicator{}, templates: map[string]taizhang.Ledger{}}
	for i := range plan.Tasks {
		for j := range plan.Tasks[i].Indicators {
			ind := &plan.Tasks[i].Indicators[j]
			c.indicator[ind.ID] = ind
		}
	}
	// What every file is checked against, computed once per run rather than once per file.
	c.rowsOf, c.statuses = map[string]map[string]bool{}, map[string]string{}
	for _, a := range plan.Agencies {
		ids := map[string]bool{}
		for _, row := range ledger.RowsFor(plan, a.Name) {
			ids[row.ID()] = true
		}
		c.rowsOf[a.Name] = ids
	}
	for _, label := range ledger.Statuses {
		c.statuses[script.Default().Key(label)] = label
	}
	if c.known, err = st.FileHashes(ctx); err != nil {
		return nil, err
	}
	tpls, err := st.AllLedgers(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range tpls {
		c.templates[t.ID] = t
	}
	return c, nil
}

func periodFromLabel(label string) string {
	p, err := taizhang.ParsePeriodLabel(label)
	if err != nil {
		return ""
	}
	return p.String()
}
