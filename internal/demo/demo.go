package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	taizhang "taizhang"
	"taizhang/cycle"
	"taizhang/ingest"
	"taizhang/script"
	"taizhang/simulate"

	"github.com/spf13/cobra"
)

type demoOptions struct {
	Dir    string
	Period taizhang.Period
	Seed   int64
}

func newDemoCmd(app *App, run func(context.Context, *App, demoOptions) error) *cobra.Command {
	opts := demoOptions{Period: taizhang.Period{Year: 2023, Kind: 'Q', Index: 2}}
	cmd := &cobra.Command{
		Use:   "demo [--dir 目錄] [--period 報告期] [--seed 數字]",
		Short: "在內置計劃上演示整個流程:目錄、分單位臺賬、模擬報送兩期、導入、核對、匯總報告、退回意見、延期、催報",
		Args:  exactArgs(0, "不帶參數"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if prev := opts.Period.Previous(); prev.Year != opts.Period.Year {
				return demoPeriodError(opts.Period, opts.Period.Year)
			}
			return run(cmd.Context(), app, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Dir, "dir", "demo", "演示用的`目錄`(其中的數據庫和文件會重新生成)")
	periodFlag(cmd.Flags(), &opts.Period, "演示的報告期(上一期也會模擬,用於對比)")
	cmd.Flags().Int64Var(&opts.Seed, "seed", 1, "模擬報送的隨機種子(相同種子得到相同結果)")
	return cmd
}

// demoFolders are what the demo writes besides the database, named in Traditional (and shown in
// the user's script).
var demoFolders = []string{demoLedgers, demoReturns, demoFeedback, demoCatalog, demoReport + "*.xlsx", demoChase + "*.xlsx"}

// demo is one run of the demo: a fresh database in a folder, a clock that moves the way the weeks
// of a cycle do, and a step counter.
type demo struct {
	app    *App
	s      *cycle.Service
	dir    string
	clock  time.Time
	step   int
	script taizhang.Script
}

// text is what the demo's coordinator types, in the plan's script.
func (d *demo) text(s string) string {
	if d.script == taizhang.Simplified {
		return script.Default().Convert(s, taizhang.Simplified)
	}
	return s
}

// path names a file or folder of the demo in the plan's script.
func (d *demo) path(names ...string) string {
	for i, n := range names {
		names[i] = d.text(n)
	}
	return filepath.Join(append([]string{d.dir}, names...)...)
}

// say prints the next step's number and title.
func (d *demo) say(format string, args ...any) {
	d.step++
	fmt.Fprintf(d.app.Out, "\n[%d] %s\n", d.step, fmt.Sprintf(format, args...))
}

// at moves the demo's clock (noon in the plan's time zone of the given day).
func (d *demo) at(day taizhang.Date) { d.clock = day.Start(d.s.Location()).Add(12 * time.Hour) }

// runDemo runs the whole cycle on a fresh database in opts.Dir, with simulated returns for the
// period and the one before it. It calls the service the commands call, and prints each step's
// summary rather than a line per file.
func runDemo(ctx context.Context, app *App, opts demoOptions) error {
	if err := cycle.OutputDir(opts.Dir); err != nil {
		return err
	}
	for _, sub := range append([]string{"taizhang.db", "taizhang.db-wal", "taizhang.db-shm", "archive", "catalog.json"}, demoFolders...) {
		for _, name := range []string{sub, script.Default().Convert(sub, taizhang.Simplified)} {
			matches, _ := filepath.Glob(filepath.Join(opts.Dir, name))
			for _, m := range matches {
				if err := os.RemoveAll(m); err != nil {
					return err
				}
			}
		}
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return err
	}
	d := &demo{app: app, dir: opts.Dir}
	s, err := cycle.Open(ctx, cycle.Options{Path: filepath.Join(opts.Dir, "taizhang.db"), Create: true, User: app.User, Office: app.Office,
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
		return demoPeriodError(opts.Period, plan.Year)
	}
	var previous map[string]map[string]float64
	for i, p := range []taizhang.Period{opts.Period.Previous(), opts.Period} {
		if previous, err = d.period(ctx, p, opts.Seed+int64(i), previous, i == 1); err != nil {
			return err
		}
	}
	fmt.Fprintf(app.Out, msgDemoDone,
		d.path(demoReport+opts.Period.String()+".xlsx"), d.path(demoFeedback, opts.Period.String()),
		d.path(demoCatalog), d.path(demoLedgers), d.path(demoReturns))
	return nil
}

// setup loads the plan and takes the catalog through the coordinator's review.
func (d *demo) setup(ctx context.Context) error {
	d.say(msgDemoInit)
	res, err := d.s.Init(ctx, cycle.InitRequest{})
	if err != nil {
		return err
	}
	d.script, d.app.Script = res.Plan.Script, res.Plan.Script
	printPlanSummary(d.app.Out, res.Plan, res.Hash)
	d.say(msgDemoCatalog)
	xlsx := d.path(demoCatalog)
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
	fmt.Fprintf(d.app.Out, msgCatalogUnchanged, short(imp.From))
	return nil
}

// period runs one period: ledgers out, simulated returns in (on time, then late), and for the
// troubled period the whole follow-up.
func (d *demo) period(ctx context.Context, p taizhang.Period, seed int64, previous map[string]map[string]float64, troubled bool) (map[string]map[string]float64, error) {
	d.at(p.LastDay().AddDays(-20))
	d.say(msgDemoIssue, p.Label(), p)
	opts := templatesOptions{Period: p, Out: d.path(demoLedgers, p.String()), Contact: d.text(demoContact)}
	issued, err := d.s.IssueLedgers(ctx, cycle.IssueRequest{Period: p, Out: opts.Out, Contact: opts.Contact})
	if err != nil {
		return nil, err
	}
	printIssued(d.app, opts, issued, false)
	returns, err := d.s.Simulate(ctx, cycle.SimulateRequest{Period: p, Seed: seed, Dir: d.path(demoReturns, p.String()), Previous: previous, Trouble: troubled})
	if err != nil {
		return nil, err
	}
	onTime, late, values := splitReturns(returns)
	d.say(msgDemoFill, p.Label(), seed)
	for _, r := range returns {
		if r.Trouble != "" {
			fmt.Fprintf(d.app.Out, "  %s:%s\n", r.Agency, r.Trouble)
		}
	}
	if troubled && !d.app.Office.Installed() {
		fmt.Fprintln(d.app.Out, msgDemoNoOffice)
	}
	d.at(p.DefaultDeadline().AddDays(-2))
	d.say(msgDemoOnTime, len(onTime))
	if err := d.ingest(ctx, onTime); err != nil {
		return nil, err
	}
	if len(late) > 0 {
		d.at(p.DefaultDeadline().AddDays(5))
		d.say(msgDemoLate, len(late))
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

func (d *demo) ingest(ctx context.Context, paths []string) error {
	sum, err := d.s.Ingest(ctx, cycle.IngestRequest{Paths: paths})
	if sum != nil {
		printIngest(d.app, sum, false)
	}
	if errors.Is(err, ingest.ErrRefused) {
		return nil // the demo's tampered return is meant to be refused
	}
	return err
}

// followUp is the coordinator's work after the deadline: status, reconcile, report, feedback, an
// extension for one agency, and the chase list.
func (d *demo) followUp(ctx context.Context, p taizhang.Period) error {
	d.say(msgDemoStatus, p)
	v, err := d.s.View(ctx, cycle.ViewRequest{Period: p})
	if err != nil {
		return err
	}
	printStatus(d.app.Out, v)
	d.say(msgDemoReconcile, p)
	printReconcile(d.app.Out, v, 1)
	report := d.path(demoReport + p.String() + ".xlsx")
	d.say(msgDemoReport, p)
	if err := d.s.WriteReport(ctx, v, cycle.ReportRequest{Path: report}); err != nil {
		return err
	}
	returned, sent := v.Returned()
	fmt.Fprintf(d.app.Out, msgReportWritten, p.Label(), report, len(v.Result.Statuses), len(v.Result.Findings), returned, sent)
	d.say(msgDemoFeedback, p)
	fopts := feedbackOptions{Period: p, Out: d.path(demoFeedback, p.String())}
	fb, err := d.s.Feedback(ctx, cycle.FeedbackRequest{Period: p, Out: fopts.Out})
	if err != nil {
		return err
	}
	printFeedback(d.app, fopts, fb, false)
	if err := d.extend(ctx, v); err != nil {
		return err
	}
	d.say(msgDemoRemind, p)
	if v, err = d.s.View(ctx, cycle.ViewRequest{Period: p}); err != nil {
		return err
	}
	printChase(d.app, v)
	return d.s.WriteChase(ctx, v, d.path(demoChase+p.String()+".xlsx"))
}

// extend grants the first overdue agency five more days, as a coordinator does on request.
func (d *demo) extend(ctx context.Context, v *cycle.View) error {
	for _, st := range v.States {
		if st.State != taizhang.Overdue {
			continue
		}
		until := taizhang.DateOf(v.Now, d.s.Location()).AddDays(5)
		d.say(msgDemoExtend, st.Agency, v.Period, st.Agency, until)
		res, err := d.s.ExtendDeadline(ctx, cycle.DeadlineRequest{Period: v.Period, Agency: st.Agency, Until: until, Reason: d.text(demoReason)})
		if err != nil {
			return err
		}
		fmt.Fprintf(d.app.Out, msgDemoExtended, res.Agency, res.From, res.To)
		return nil
	}
	return nil
}

// demoPeriodError says the demo needs a period whose previous one is in the plan's year, with
// periods that work.
func demoPeriodError(p taizhang.Period, year int) error {
	return usagef(msgDemoPeriod, p, p.Previous(), year, year, year, year)
}

// splitReturns sorts simulated returns into the files that come back on time and late (a missing
// return has no file), and keeps each agency's values for the next period's simulation.
func splitReturns(returns []simulate.Return) (onTime, late []string, values map[string]map[string]float64) {
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
