package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"time"

	taizhang "taizhang"
	"taizhang/reconcile"
	"taizhang/store"
	"taizhang/templates"

	"github.com/spf13/cobra"
)

type reconcileOptions struct {
	Period    string
	JSON      bool
	Tolerance float64
	AsOf      string
}

func addReconcileFlags(cmd *cobra.Command, opts *reconcileOptions) {
	cmd.Flags().StringVar(&opts.Period, "period", "", "報告期")
	cmd.Flags().Float64Var(&opts.Tolerance, "tolerance", 0.05, "判定“序時推進”“左右”時允許的偏差")
	cmd.Flags().StringVar(&opts.AsOf, "as-of", "", "按此日期計算時間進度 YYYY-MM-DD(默認報告期末)")
}

func (o reconcileOptions) validate() error {
	if err := checkPeriod(o.Period); err != nil {
		return err
	}
	if o.Tolerance < 0 || o.Tolerance >= 1 {
		return usagef("--tolerance 應在0和1之間,如0.05")
	}
	if o.AsOf != "" {
		if _, err := time.Parse("2006-01-02", o.AsOf); err != nil {
			return usagef("--as-of %q 格式不對,應為 2023-03-31", o.AsOf)
		}
	}
	return nil
}

func newReconcileCmd(app *App, run func(context.Context, *App, reconcileOptions) error) *cobra.Command {
	var opts reconcileOptions
	cmd := &cobra.Command{
		Use:   "reconcile --period P [--json] [--tolerance 0.05] [--as-of DATE]",
		Short: "對照目標和時間進度核對本期報送:每個指標的狀態和需要處理的問題",
		Args:  exactArgs(0, "不帶參數"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.validate(); err != nil {
				return err
			}
			return run(cmd.Context(), app, opts)
		},
	}
	addReconcileFlags(cmd, &opts)
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "輸出JSON(Contract 4)")
	return cmd
}

// periodData is a period's reconciliation and what the report shows beside it.
type periodData struct {
	plan      *taizhang.Plan
	result    reconcile.Result
	previous  *reconcile.Result
	returns   []reconcile.Return
	reporting []templates.AgencyReporting
	asOf      time.Time
}

func loadPeriod(ctx context.Context, app *App, s *store.Store, plan *taizhang.Plan, opts reconcileOptions) (*periodData, error) {
	period, _ := taizhang.ParsePeriod(opts.Period)
	asOf := period.End()
	if opts.AsOf != "" {
		asOf, _ = time.Parse("2006-01-02", opts.AsOf)
	}
	in, reporting, err := reconcileInput(ctx, s, plan, period)
	if err != nil {
		return nil, err
	}
	in.AsOf, in.Now, in.Tolerance = asOf, app.Now(), opts.Tolerance
	d := &periodData{plan: plan, result: reconcile.Run(in), returns: in.Current, reporting: reporting, asOf: asOf}
	if len(in.Previous) > 0 {
		prevIn, _, err := reconcileInput(ctx, s, plan, period.Previous())
		if err != nil {
			return nil, err
		}
		prevIn.Tolerance = opts.Tolerance
		prev := reconcile.Run(prevIn)
		d.previous = &prev
	}
	return d, nil
}

// reconcileInput reads a period's templates and current returns (and the previous period's returns).
func reconcileInput(ctx context.Context, s *store.Store, plan *taizhang.Plan, period taizhang.Period) (reconcile.Input, []templates.AgencyReporting, error) {
	in := reconcile.Input{Plan: plan, Period: period}
	tpls, err := s.Templates(ctx, period.String())
	if err != nil {
		return in, nil, err
	}
	sent := map[string]store.Template{}
	for _, t := range tpls {
		if _, ok := sent[t.Agency]; !ok { // newest first
			sent[t.Agency] = t
			d, _ := time.Parse("2006-01-02", t.Deadline)
			in.Sent = append(in.Sent, reconcile.Sent{Agency: t.Agency, Deadline: d})
		}
	}
	current, err := currentReturns(ctx, s, period.String())
	if err != nil {
		return in, nil, err
	}
	in.Current = current
	if in.Previous, err = currentReturns(ctx, s, period.Previous().String()); err != nil {
		return in, nil, err
	}
	returned := map[string]reconcile.Return{}
	for _, r := range current {
		returned[r.Agency] = r
	}
	agencies, _ := templates.Responsible(plan)
	var reporting []templates.AgencyReporting
	for _, a := range agencies {
		ar := templates.AgencyReporting{Agency: a}
		if t, ok := sent[a]; ok {
			ar.Sent = true
			ar.Deadline, _ = time.Parse("2006-01-02", t.Deadline)
			ar.Contact = t.Contact
		}
		if r, ok := returned[a]; ok {
			ar.Returned, ar.ReturnedAt, ar.Filler, ar.Phone = true, r.IngestedAt, r.Filler, r.Phone
		}
		reporting = append(reporting, ar)
	}
	return in, reporting, nil
}

func currentReturns(ctx context.Context, s *store.Store, period string) ([]reconcile.Return, error) {
	subs, err := s.CurrentSubmissions(ctx, period)
	if err != nil {
		return nil, err
	}
	var out []reconcile.Return
	for _, sub := range subs {
		at, _ := time.Parse(time.RFC3339, sub.IngestedAt)
		r := reconcile.Return{Agency: sub.Agency, File: sub.FileName, Sheet: sub.LedgerSheet, IngestedAt: at, Filler: sub.Filler, Phone: sub.Phone,
			Values: map[string]reconcile.Reported{}}
		for _, v := range sub.Values {
			r.Values[v.Indicator] = reconcile.Reported{Indicator: v.Indicator, Cell: v.Cell, StatusAt: v.StatusCell, Raw: v.Raw, Value: v.Value,
				Flag: v.Flag, Note: v.Note, Status: v.Status, Progress: v.Progress, Problems: v.Problems, NextSteps: v.NextSteps}
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Agency < out[j].Agency })
	return out, nil
}

func runReconcile(ctx context.Context, app *App, opts reconcileOptions) error {
	s, d, err := app.openPeriod(ctx, opts)
	if err != nil {
		return err
	}
	defer s.Close()
	if opts.JSON {
		enc := json.NewEncoder(app.Out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(d.result)
	}
	printReconcile(app.Out, d)
	return nil
}

func printReconcile(w io.Writer, d *periodData) {
	p, _ := taizhang.ParsePeriod(d.result.Period)
	fmt.Fprintf(w, "%s 核對結果(時間進度截至%s)\n", p.Label(), d.result.AsOf)
	counts := map[string]int{}
	for _, s := range d.result.Statuses {
		counts[s.Status]++
	}
	fmt.Fprint(w, "指標狀態(按牽頭單位計):")
	for _, st := range templates.StatusOrder {
		fmt.Fprintf(w, " %s %d", reconcile.Labels[st], counts[st])
	}
	fmt.Fprintln(w)
	bySev := map[string]int{}
	for _, f := range d.result.Findings {
		bySev[f.Severity]++
	}
	fmt.Fprintf(w, "問題 %d 個(需更正 %d,需核實 %d):\n", len(d.result.Findings), bySev[reconcile.SevError], bySev[reconcile.SevWarning])
	for _, f := range d.result.Findings {
		where := ""
		if f.File != "" {
			where = " [" + f.File + "!" + f.Sheet + "!" + f.Cell + "]"
		}
		fmt.Fprintf(w, "  %-26s %s%s\n", f.Code, f.Message, where)
	}
}

type reportOptions struct {
	reconcileOptions
	Out    string
	Script string
}

func newReportCmd(app *App, run func(context.Context, *App, reportOptions) error) *cobra.Command {
	var opts reportOptions
	cmd := &cobra.Command{
		Use:   "report --period P --out FILE.xlsx [--as-of DATE] [--tolerance 0.05]",
		Short: "生成供領導閱看的全省匯總工作簿(可直接打印)",
		Args:  exactArgs(0, "不帶參數"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.validate(); err != nil {
				return err
			}
			if opts.Out == "" {
				return usagef("請用 --out 指定輸出的 .xlsx 文件")
			}
			return run(cmd.Context(), app, opts)
		},
	}
	addReconcileFlags(cmd, &opts.reconcileOptions)
	cmd.Flags().StringVar(&opts.Out, "out", "", "輸出文件 .xlsx")
	cmd.Flags().StringVar(&opts.Script, "script", "", "simplified 或 traditional;默認與計劃一致")
	return cmd
}

func runReport(ctx context.Context, app *App, opts reportOptions) error {
	s, d, err := app.openPeriod(ctx, opts.reconcileOptions)
	if err != nil {
		return err
	}
	defer s.Close()
	period, _ := taizhang.ParsePeriod(opts.Period)
	wb, err := templates.Report(templates.ReportData{Plan: d.plan, Period: period, AsOf: d.asOf, Generated: app.Now(), Tolerance: opts.Tolerance,
		Result: d.result, Previous: d.previous, Returns: d.returns, Reporting: d.reporting, Script: taizhang.Script(opts.Script)})
	if err != nil {
		return err
	}
	defer wb.Close()
	if err := writeAtomic(opts.Out, wb.Write); err != nil {
		return fmt.Errorf("寫入 %s:%w", opts.Out, err)
	}
	returned := 0
	for _, r := range d.reporting {
		if r.Returned {
			returned++
		}
	}
	fmt.Fprintf(app.Out, "已生成%s匯總工作簿:%s(%d個指標狀態、%d個問題,%d/%d個單位已報送)\n", period.Label(), opts.Out, len(d.result.Statuses), len(d.result.Findings), returned, len(d.reporting))
	return nil
}
