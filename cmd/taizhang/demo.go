package main

import (
	"context"
	"errors"
	"fmt"

	taizhang "taizhang"
	"taizhang/internal/demo"

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

// runDemo runs the whole cycle (package demo) on a fresh database in opts.Dir and prints each
// step as the command it stands for prints it, with a summary rather than a line per file.
func runDemo(ctx context.Context, app *App, opts demoOptions) error {
	err := demo.Run(ctx, demo.Options{Dir: opts.Dir, Period: opts.Period, Seed: opts.Seed, User: app.User, Office: app.Office},
		func(st demo.Step) { printDemoStep(app, st) })
	var pe *demo.PeriodError
	if errors.As(err, &pe) {
		return demoPeriodError(pe.Period, pe.Year)
	}
	return err
}

// printDemoStep prints a step's heading, or what the step did.
func printDemoStep(app *App, st demo.Step) {
	out := app.Out
	switch {
	case st.Title != "":
		fmt.Fprintf(out, "\n[%d] %s\n", st.N, st.Title)
	case st.Plan != nil:
		app.Script = st.Plan.Plan.Script
		printPlanSummary(out, st.Plan.Plan, st.Plan.Hash)
	case st.Catalog != nil:
		fmt.Fprintf(out, msgCatalogUnchanged, short(st.Catalog.From))
	case st.Issued != nil:
		printIssued(app, templatesOptions{Period: st.Period, Out: st.Out}, st.Issued, false)
	case st.Simulated != nil || st.NoOffice:
		for _, r := range st.Simulated {
			if r.Trouble != "" {
				fmt.Fprintf(out, "  %s:%s\n", r.Agency, r.Trouble)
			}
		}
		if st.NoOffice {
			fmt.Fprintln(out, msgDemoNoOffice)
		}
	case st.Ingested != nil:
		printIngest(app, st.Ingested, false)
	case st.Status != nil:
		printStatus(out, st.Status)
	case st.Reconcile != nil:
		printReconcile(out, st.Reconcile, 1)
	case st.Report != nil:
		v := st.Report
		returned, sent := v.Returned()
		fmt.Fprintf(out, msgReportWritten, st.Period.Label(), st.Out, len(v.Result.Statuses), len(v.Result.Findings), returned, sent)
	case st.Feedback != nil:
		printFeedback(app, feedbackOptions{Period: st.Period, Out: st.Out}, st.Feedback, false)
	case st.Extended != nil:
		fmt.Fprintf(out, msgDemoExtended, st.Extended.Agency, st.Extended.From, st.Extended.To)
	case st.Chase != nil:
		printChase(app, st.Chase)
	case st.Done != nil:
		f := st.Done
		fmt.Fprintf(out, msgDemoDone, f.Report, f.Feedback, f.Catalog, f.Ledgers, f.Returns)
	}
}

// demoPeriodError says the demo needs a period whose previous one is in the plan's year, with
// periods that work.
func demoPeriodError(p taizhang.Period, year int) error {
	return usagef(msgDemoPeriod, p, p.Previous(), year, year, year, year)
}
