package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/excel"
	"taizhang/office"
	"taizhang/script"
	"taizhang/store"
	"taizhang/templates"
)

// Kind is what happened to a file.
type Kind string

const (
	Accepted   Kind = "accepted"   // stored; the agency's first return for the period
	Superseded Kind = "superseded" // stored; it replaced an earlier return, which stays in the history
	Duplicate  Kind = "duplicate"  // the same bytes were ingested before
	Rejected   Kind = "rejected"   // not stored; Reason says why and what to do
)

// Outcome is the result for one file.
type Outcome struct {
	Path, Name     string
	Kind           Kind
	Code           string // why it was rejected
	Reason         string // in Chinese, what is wrong and what to do
	SHA256         string
	Size           int64
	Agency, Period string
	Version        int
	Flagged        int // values flagged (invalid_value, unit_mismatch)

	data      []byte
	converted string
	sub       *store.Submission
}

func (o Outcome) reject(code, reason string) Outcome {
	o.Kind, o.Code, o.Reason = Rejected, code, reason
	o.data, o.sub = nil, nil
	return o
}

// Options control a run.
type Options struct {
	Jobs          int    // parallel readers; 0 means one per core, at most DefaultJobs
	AllowUnsigned bool   // accept ledgers whose signature fails or is missing, with a finding
	Period        string // when set, files of another period are rejected
	Limits        excel.Limits
	Converter     office.Converter
	Progress      func(done, total int) // called after each file; nil for none
	MemoryBudget  int64                 // bytes all workers together may reserve for files being read; 0: DefaultMemoryBudget
	FileTimeout   time.Duration         // wall time for reading, converting and checking one file; 0: DefaultFileTimeout
}

// Summary counts the outcomes of a run.
type Summary struct {
	Outcomes []Outcome
	Skipped  []Skipped
	Count    map[Kind]int
	Flagged  int
}

// ErrRejected is returned (wrapped) by Run when at least one file was rejected.
var ErrRejected = errors.New("ingest: some files were rejected")

// Run ingests the files and folders in paths into st: reading in parallel, writing through one
// writer, each file archived by its SHA-256 next to the database and stored in one transaction.
func Run(ctx context.Context, st *store.Store, paths []string, opts Options) (*Summary, error) {
	plan, info, err := st.Plan(ctx)
	if err != nil {
		return nil, err
	}
	key, err := st.SigningKey(ctx)
	if err != nil {
		return nil, err
	}
	c, err := newChecker(ctx, st, plan, info.CatalogHash, key, opts)
	if err != nil {
		return nil, err
	}
	files, skipped, rejected := Walk(paths)
	sum := &Summary{Skipped: skipped, Count: map[Kind]int{}}
	total := len(files) + len(rejected)
	done := 0
	record := func(o Outcome) {
		sum.Outcomes = append(sum.Outcomes, o)
		sum.Count[o.Kind]++
		if o.Kind == Accepted || o.Kind == Superseded {
			sum.Flagged += o.Flagged
		}
		done++
		if opts.Progress != nil {
			opts.Progress(done, total)
		}
	}
	for _, o := range rejected {
		record(o)
	}
	archive := ArchiveDir(st.Path)
	jobs := opts.Jobs
	if jobs <= 0 { // issue 11: the default is capped; memory is bounded by c.budget whatever --jobs says
		jobs = min(runtime.NumCPU(), DefaultJobs)
	}
	in := make(chan string)
	out := make(chan Outcome, jobs)
	var wg sync.WaitGroup
	for i := 0; i < jobs; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range in {
				o := c.safeRead(ctx, path, st)
				if o.Kind == "" {
					// Archive here, in parallel, before the writer commits: the copy is on disk
					// (fsynced) before any row of the file is.
					rel, err := archiveFile(archive, o.SHA256, filepath.Ext(o.Name), o.data)
					if err != nil {
						o = o.reject(CodeUnreadable, "歸檔失敗,未導入:"+err.Error())
					} else {
						o.sub.ArchivePath = rel
					}
				}
				out <- o
			}
		}()
	}
	go func() {
		defer close(in)
		for _, f := range files {
			select {
			case in <- f:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(out) }()
	var writeErr error
	for o := range out {
		// Take every outcome that is ready, make their archive copies durable together, then
		// commit them one transaction per file: no file's rows are committed before its copy is safe.
		batch := []Outcome{o}
	drain:
		for len(batch) < 64 {
			select {
			case more, ok := <-out:
				if !ok {
					break drain
				}
				batch = append(batch, more)
			default:
				break drain
			}
		}
		synced := false
		for _, o := range batch {
			if o.Kind == "" && writeErr == nil {
				if !synced {
					if err := syncArchive(archive); err != nil {
						writeErr = fmt.Errorf("歸檔同步:%w", err)
					}
					synced = true
				}
				if writeErr == nil {
					o, writeErr = store1(ctx, st, o)
				}
			}
			if writeErr != nil && o.Kind == "" {
				o = o.reject(CodeUnreadable, "未導入:"+writeErr.Error())
			}
			o.data, o.sub = nil, nil // a run of 10,000 files must not keep every file's values
			record(o)
		}
	}
	if writeErr != nil {
		return sum, writeErr
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	if sum.Count[Rejected] > 0 {
		return sum, fmt.Errorf("%w: %d", ErrRejected, sum.Count[Rejected])
	}
	return sum, nil
}

// safeRead reads one file and turns a panic in a dependency into a rejection: one bad file
// must never stop the run.
func (c *checker) safeRead(ctx context.Context, path string, st *store.Store) (o Outcome) {
	defer func() {
		if r := recover(); r != nil {
			o = Outcome{Path: path, Name: filepath.Base(path)}.reject(CodeUnreadable, fmt.Sprintf("文件結構異常,無法讀取(%v);請用Excel或WPS重新保存後發回", r))
		}
	}()
	return c.readFile(ctx, path, st)
}

// store1 stores an accepted, already archived file in one transaction.
func store1(ctx context.Context, st *store.Store, o Outcome) (Outcome, error) {
	superseded, err := st.AddSubmission(ctx, o.sub)
	switch {
	case errors.Is(err, store.ErrDuplicate):
		o.Kind = Duplicate
		return o, nil
	case err != nil:
		return o, fmt.Errorf("保存 %s:%w", o.Name, err)
	}
	o.Kind, o.Version = Accepted, o.sub.Version
	if superseded != 0 {
		o.Kind = Superseded
	}
	return o, nil
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
		indicator: map[string]*taizhang.Indicator{}, templates: map[string]store.Template{}}
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
		for _, row := range templates.RowsFor(plan, a.Name) {
			ids[row.ID()] = true
		}
		c.rowsOf[a.Name] = ids
	}
	for _, label := range templates.Statuses {
		c.statuses[script.Default().Key(label)] = label
	}
	if c.known, err = st.FileHashes(ctx); err != nil {
		return nil, err
	}
	tpls, err := st.AllTemplates(ctx)
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

// WriteSummary prints the summary table and one line per rejected file.
func WriteSummary(w io.Writer, s *Summary) {
	fmt.Fprintf(w, "\n接收 %d | 替換舊版 %d | 重複 %d | 拒收 %d | 跳過 %d | 數值存疑 %d\n",
		s.Count[Accepted], s.Count[Superseded], s.Count[Duplicate], s.Count[Rejected], len(s.Skipped), s.Flagged)
	for _, o := range s.Outcomes {
		if o.Kind == Rejected {
			fmt.Fprintf(w, "拒收 %s:%s\n", Quote(o.Path), o.Reason) // issue 11: a name cannot print a line of its own
		}
	}
}
