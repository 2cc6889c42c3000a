// Package demo is the whole reporting cycle on the embedded plan, as `taizhang demo` runs it: a
// fresh database in a folder, a clock that moves the way the weeks of a cycle do, simulated
// returns for two periods (the second with the trouble agencies really make), and every step a
// coordinator takes, up to an extension for one overdue agency and the chase list. It calls the
// service layer as the commands do, and emits each step (its heading, then what it did) for the
// command to print.
package demo

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	taizhang "taizhang"
	"taizhang/cycle"
	"taizhang/script"
)

// Options say where the demo runs and what it simulates.
type Options struct {
	Dir    string          // the folder: its database and files are made afresh
	Period taizhang.Period // the troubled period; the one before it is simulated too, to compare with
	Seed   int64           // of the simulated returns (the same seed, the same returns)
	User   string          // who acts, for the record
	Office cycle.Office    // LibreOffice, to convert the return sent as .xls (without it, that case is skipped)
}

// Step is what the demo emits: a heading (N and Title, in Traditional; the results that follow
// belong to it), or one result of the step, for the command to print as it prints the command's
// own. Exactly one of Title and the results is set.
type Step struct {
	N     int
	Title string

	Period    taizhang.Period     // of the result
	Out       string              // the folder or file the step wrote
	Plan      *cycle.InitResult   // the plan loaded
	Catalog   *cycle.ImportResult // the catalog taken back unchanged
	Issued    *cycle.IssueResult
	Simulated []cycle.Simulated // the returns the agencies made
	NoOffice  bool              // with Simulated: the .xls case was skipped, for want of LibreOffice
	Ingested  *cycle.IngestResult
	Status    *cycle.View // printed as status prints it
	Reconcile *cycle.View // printed as reconcile prints it
	Report    *cycle.View // written to Out
	Feedback  *cycle.FeedbackResult
	Extended  *cycle.DeadlineResult
	Chase     *cycle.View
	Done      *Files // the end: where to look
}

// Files are what the demo leaves for people to open.
type Files struct{ Report, Feedback, Catalog, Ledgers, Returns string }

// PeriodError is a period the demo cannot simulate: it and the one before it must lie in the
// plan's year.
type PeriodError struct {
	Period taizhang.Period
	Year   int
}

func (e *PeriodError) Error() string {
	return fmt.Sprintf("demo: %s and %s are not both in %d", e.Period, e.Period.Previous(), e.Year)
}

// run is one run of the demo: a fresh database in a folder, a clock that moves the way the weeks
// of a cycle do, and a step counter.
type run struct {
	s      *cycle.Service
	dir    string
	office cycle.Office
	clock  time.Time
	step   int
	script taizhang.Script
	emit   func(Step)
}

// text is what the demo's coordinator types, in the plan's script.
func (d *run) text(s string) string {
	if d.script == taizhang.Simplified {
		return script.Default().Convert(s, taizhang.Simplified)
	}
	return s
}

// path names a file or folder of the demo in the plan's script.
func (d *run) path(names ...string) string {
	for i, n := range names {
		names[i] = d.text(n)
	}
	return filepath.Join(append([]string{d.dir}, names...)...)
}

// say emits the next step's heading.
func (d *run) say(format string, args ...any) {
	d.step++
	d.emit(Step{N: d.step, Title: fmt.Sprintf(format, args...)})
}

// at moves the demo's clock (noon in the plan's time zone of the given day).
func (d *run) at(day taizhang.Date) { d.clock = day.Start(d.s.Location()).Add(12 * time.Hour) }

// Run runs the whole cycle on a fresh database in opts.Dir, with simulated returns for the
// period and the one before it, and emits each step. It calls the service the commands call.
func Run(ctx context.Context, opts Options, emit func(Step)) error {
	if prev := opts.Period.Previous(); prev.Year != opts.Period.Year {
		return &PeriodError{Period: opts.Period, Year: opts.Period.Year}
	}
	if err := clearDir(opts.Dir); err != nil {
		return err
	}
	d := &run{dir: opts.Dir, office: opts.Office, emit: emit}
	s, err := cycle.Open(ctx, cycle.Options{Path: filepath.Join(opts.Dir, "taizhang.db"), Create: true, User: opts.User, Office: opts.Office,
		Clock: cycle.Func(func() time.Time { return d.clock })})
	if err != nil {
		return err
	}
	defer s.Close()
	d.s = s
	d.at(opts.Period.Previous().LastDay().AddDays(-20))
	if err := d.setup(ctx); err != nil {
		return err
	}
	if plan, _, err := s.Plan(ctx); err == nil && plan.Year != opts.Period.Year {
		return &PeriodError{Period: opts.Period, Year: plan.Year}
	}
	var previous map[string]map[string]float64
	for i, p := range []taizhang.Period{opts.Period.Previous(), opts.Period} {
		if previous, err = d.period(ctx, p, opts.Seed+int64(i), previous, i == 1); err != nil {
			return err
		}
	}
	emit(Step{Done: &Files{Report: d.path(fileReport + opts.Period.String() + ".xlsx"), Feedback: d.path(dirFeedback, opts.Period.String()),
		Catalog: d.path(fileCatalog), Ledgers: d.path(dirLedgers), Returns: d.path(dirReturns)}})
	return nil
}

// clearDir makes the demo's folder and removes what an earlier demo left in it (the database, the
// archive and the files below, under their names in either script); nothing else is touched.
func clearDir(dir string) error {
	if err := cycle.OutputDir(dir); err != nil {
		return err
	}
	for _, sub := range append([]string{"taizhang.db", "taizhang.db-wal", "taizhang.db-shm", "archive", "catalog.json"}, written...) {
		for _, name := range []string{sub, script.Default().Convert(sub, taizhang.Simplified)} {
			matches, _ := filepath.Glob(filepath.Join(dir, name))
			for _, m := range matches {
				if err := os.RemoveAll(m); err != nil {
					return err
				}
			}
		}
	}
	return os.MkdirAll(dir, 0o755)
}

// setup loads the plan and takes the catalog through the coordinator's review.
func (d *run) setup(ctx context.Context) error {
	d.say(stepInit)
	res, err := d.s.Init(ctx, cycle.InitRequest{})
	if err != nil {
		return err
	}
	d.script = res.Plan.Script
	d.emit(Step{Plan: res})
	d.say(stepCatalog)
	xlsx := d.path(fileCatalog)
	for _, f := range []string{xlsx, filepath.Join(d.dir, "catalog.json")} {
		if _, err := d.s.ExportCatalog(ctx, f); err != nil {
			return err
		}
	}
	imp, err := d.s.ImportCatalog(ctx, xlsx)
	if err != nil {
		return err
	}
	if !imp.Unchanged {
		return fmt.Errorf("demo: the catalog changed on a round trip (%d problems)", len(imp.Problems))
	}
	d.emit(Step{Catalog: imp})
	return nil
}

// period runs one period: ledgers out, simulated returns in (on time, then late), and for the
// troubled period the whole follow-up.
func (d *run) period(ctx context.Context, p taizhang.Period, seed int64, previous map[string]map[string]float64, troubled bool) (map[string]map[string]float64, error) {
	d.at(p.LastDay().AddDays(-20))
	d.say(stepIssue, p.Label(), p)
	out := d.path(dirLedgers, p.String())
	issued, err := d.s.IssueLedgers(ctx, cycle.IssueRequest{Period: p, Out: out, Contact: d.text(contact)})
	if err != nil {
		return nil, err
	}
	d.emit(Step{Period: p, Out: out, Issued: issued})
	returns, err := d.s.Simulate(ctx, cycle.SimulateRequest{Period: p, Seed: seed, Dir: d.path(dirReturns, p.String()), Previous: previous, Trouble: troubled})
	if err != nil {
		return nil, err
	}
	onTime, late, values := SplitReturns(returns)
	d.say(stepFill, p.Label(), seed)
	d.emit(Step{Period: p, Simulated: returns, NoOffice: troubled && !d.office.Installed()})
	d.at(p.DefaultDeadline().AddDays(-2))
	d.say(stepOnTime, len(onTime))
	if err := d.ingest(ctx, onTime); err != nil {
		return nil, err
	}
	if len(late) > 0 {
		d.at(p.DefaultDeadline().AddDays(5))
		d.say(stepLate, len(late))
		if err := d.ingest(ctx, late); err != nil {
			return nil, err
		}
	}
	if troubled {
		d.at(p.DefaultDeadline().AddDays(6))
		if err := d.followUp(ctx, p); err != nil {
			return nil, err
		}
	}
	return values, nil
}

func (d *run) ingest(ctx context.Context, paths []string) error {
	res, err := d.s.Ingest(ctx, cycle.IngestRequest{Paths: paths})
	if res != nil {
		d.emit(Step{Ingested: res})
	}
	if errors.Is(err, cycle.ErrSomeRefused) {
		return nil // the demo's tampered return is meant to be refused
	}
	return err
}

// followUp is the coordinator's work after the deadline: status, reconcile, report, feedback, an
// extension for one agency, and the chase list.
func (d *run) followUp(ctx context.Context, p taizhang.Period) error {
	d.say(stepStatus, p)
	v, err := d.s.View(ctx, cycle.ViewRequest{Period: p})
	if err != nil {
		return err
	}
	d.emit(Step{Period: p, Status: v})
	d.say(stepReconcile, p)
	d.emit(Step{Period: p, Reconcile: v})
	report := d.path(fileReport + p.String() + ".xlsx")
	d.say(stepReport, p)
	if err := d.s.WriteReport(ctx, v, cycle.ReportRequest{Path: report}); err != nil {
		return err
	}
	d.emit(Step{Period: p, Out: report, Report: v})
	d.say(stepFeedback, p)
	out := d.path(dirFeedback, p.String())
	fb, err := d.s.Feedback(ctx, cycle.FeedbackRequest{Period: p, Out: out})
	if err != nil {
		return err
	}
	d.emit(Step{Period: p, Out: out, Feedback: fb})
	if err := d.extend(ctx, v); err != nil {
		return err
	}
	d.say(stepRemind, p)
	if v, err = d.s.View(ctx, cycle.ViewRequest{Period: p}); err != nil {
		return err
	}
	d.emit(Step{Period: p, Chase: v})
	return d.s.WriteChase(ctx, v, d.path(fileChase+p.String()+".xlsx"))
}

// extend grants the first overdue agency five more days, as a coordinator does on request.
func (d *run) extend(ctx context.Context, v *cycle.View) error {
	for _, st := range v.States {
		if st.State != taizhang.Overdue {
			continue
		}
		until := taizhang.DateOf(v.Now, d.s.Location()).AddDays(5)
		d.say(stepExtend, st.Agency, v.Period, st.Agency, until)
		res, err := d.s.ExtendDeadline(ctx, cycle.DeadlineRequest{Period: v.Period, Agency: st.Agency, Until: until, Reason: d.text(reason)})
		if err != nil {
			return err
		}
		d.emit(Step{Period: v.Period, Extended: res})
		return nil
	}
	return nil
}

// SplitReturns sorts simulated returns into the files that come back on time and late (a missing
// return has no file), and keeps each agency's values for the next period's simulation.
func SplitReturns(returns []cycle.Simulated) (onTime, late []string, values map[string]map[string]float64) {
	values = map[string]map[string]float64{}
	for _, r := range returns {
		values[r.Agency] = r.Values
		switch {
		case r.Path == "":
		case r.Late:
			late = append(late, r.Path)
		default:
			onTime = append(onTime, r.Path)
		}
	}
	return onTime, late, values
}
