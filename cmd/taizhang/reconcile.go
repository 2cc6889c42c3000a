package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	taizhang "taizhang"
	"taizhang/cycle"

	"github.com/spf13/cobra"
)

type reconcileOptions struct {
	Period    taizhang.Period
	JSON      bool
	Tolerance float64
	AsOf      taizhang.Date
}

func addReconcileFlags(cmd *cobra.Command, opts *reconcileOptions) {
	periodFlag(cmd.Flags(), &opts.Period, "報告期")
	cmd.Flags().Float64Var(&opts.Tolerance, "tolerance", cycle.DefaultTolerance, "判定“序時推進”“左右”時允許的偏差")
	dateFlag(cmd.Flags(), &opts.AsOf, "as-of", "按此日期計算時間進度 YYYY-MM-DD(默認報告期末)")
}

func (o reconcileOptions) validate() error {
	if err := needPeriod(o.Period); err != nil {
		return err
	}
	if o.Tolerance < 0 || o.Tolerance >= 1 {
		return usagef(msgBadTolerance)
	}
	return nil
}

func (o reconcileOptions) request() cycle.ViewRequest {
	return cycle.ViewRequest{Period: o.Period, AsOf: o.AsOf, Tolerance: o.Tolerance}
}

func newReconcileCmd(app *App, run func(context.Context, *App, reconcileOptions) error) *cobra.Command {
	var opts reconcileOptions
	cmd := &cobra.Command{
		Use:   "reconcile --period 報告期 [--json] [--tolerance 0.05] [--as-of 日期]",
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
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "以JSON格式輸出指標狀態、問題和各單位報送情況,供程序讀取")
	return cmd
}

// view opens the service and reconciles a period: what reconcile, report, feedback and remind
// all start from. The caller closes the service.
func (app *App) view(ctx context.Context, req cycle.ViewRequest) (*cycle.Service, *cycle.View, error) {
	s, err := app.open(ctx, false)
	if err != nil {
		return nil, nil, err
	}
	v, err := s.View(ctx, req)
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return s, v, nil
}

func runReconcile(ctx context.Context, app *App, opts reconcileOptions) error {
	s, v, err := app.view(ctx, opts.request())
	if err != nil {
		return err
	}
	defer s.Close()
	if opts.JSON {
		return writeJSON(app.Out, v.ReconcileJSON())
	}
	printReconcile(app.Out, v, -1)
	return nil
}

// printReconcile prints the counts and the findings, at most max per code (-1: all).
func printReconcile(w io.Writer, v *cycle.View, max int) {
	fmt.Fprintf(w, msgReconcileTitle, v.Period.Label(), v.Result.AsOf)
	counts := map[string]int{}
	for _, s := range v.Result.Statuses {
		counts[s.Status]++
	}
	fmt.Fprint(w, msgReconcileStatuses)
	for _, st := range cycle.StatusOrder {
		fmt.Fprintf(w, " %s %d", cycle.StatusLabels[st], counts[st])
	}
	fmt.Fprintln(w)
	returned, sent := v.Returned()
	fmt.Fprintf(w, msgReconcileReturned, returned, sent)
	bySev := map[taizhang.Severity]int{}
	for _, f := range v.Result.Findings {
		bySev[f.Severity]++
	}
	fmt.Fprintf(w, msgReconcileFindings, len(v.Result.Findings), bySev[taizhang.SevError], bySev[taizhang.SevWarning], bySev[taizhang.SevInfo])
	fmt.Fprintf(w, ":%s\n", countsByCode(v.Result.Findings))
	shown := map[taizhang.Code]int{}
	for _, f := range v.Result.Findings {
		if max >= 0 && shown[f.Code] >= max {
			continue
		}
		shown[f.Code]++
		where := ""
		if f.File != "" {
			where = " [" + f.File
			if f.Sheet != "" {
				where += "!" + f.Sheet
			}
			if f.Cell != "" {
				where += "!" + f.Cell
			}
			where += "]"
		}
		fmt.Fprintf(w, "  %s %s%s\n", pad(f.Code.Label(taizhang.Traditional), 10), f.Message, where)
	}
}

// countsByCode is the count of each code found, in taizhang.Codes' order: "未報送 3,填報衝突 2".
// A code outside that list (none: a test says so) still counts, last, so that the counts add up
// to the total.
func countsByCode(findings []taizhang.Finding) string {
	byCode := map[taizhang.Code]int{}
	for _, f := range findings {
		byCode[f.Code]++
	}
	var parts []string
	add := func(code taizhang.Code) {
		if byCode[code] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", code.Label(taizhang.Traditional), byCode[code]))
			delete(byCode, code)
		}
	}
	for _, code := range taizhang.Codes {
		add(code)
	}
	for _, code := range slices.Sorted(maps.Keys(byCode)) {
		add(code)
	}
	return strings.Join(parts, ",")
}

type reportOptions struct {
	reconcileOptions
	Out    string
	Script string
	Paper  string
	Print  string // summary (the leader's pack) or all (every sheet)
}

func newReportCmd(app *App, run func(context.Context, *App, reportOptions) error) *cobra.Command {
	var opts reportOptions
	cmd := &cobra.Command{
		Use:   "report --period 報告期 --out 文件.xlsx|文件.pdf [--paper A3] [--as-of 日期] [--tolerance 0.05]",
		Short: "生成供領導閱看的全省匯總工作簿(可直接打印)",
		Args:  exactArgs(0, "不帶參數"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.validate(); err != nil {
				return err
			}
			if opts.Out == "" {
				return usagef(msgNeedOutFile)
			}
			if err := checkScript(opts.Script); err != nil {
				return err
			}
			if !cycle.ValidPaper(opts.Paper) {
				return usagef(msgBadPaper)
			}
			if opts.Print != "summary" && opts.Print != "all" {
				return usagef(msgBadPrint, opts.Print)
			}
			return run(cmd.Context(), app, opts)
		},
	}
	addReconcileFlags(cmd, &opts.reconcileOptions)
	cmd.Flags().StringVar(&opts.Out, "out", "", "輸出`文件`:.xlsx 工作簿,或 .pdf(需LibreOffice)")
	cmd.Flags().StringVar(&opts.Paper, "paper", "A4", "打印`紙張`:A4 或 A3")
	cmd.Flags().StringVar(&opts.Print, "print", "summary", "打印`範圍`:summary(默認,簡報、總體情況和分單位情況,不超過8頁)或 all(連同各明細表)")
	cmd.Flags().StringVar(&opts.Script, "script", "", "`文字`用 simplified(簡體)或 traditional(繁體);默認按設置")
	return cmd
}

func runReport(ctx context.Context, app *App, opts reportOptions) error {
	s, v, err := app.view(ctx, opts.request())
	if err != nil {
		return err
	}
	defer s.Close()
	req := cycle.ReportRequest{Path: opts.Out, Script: taizhang.Script(opts.Script), Paper: opts.Paper, PrintDetails: opts.Print == "all"}
	if err := s.WriteReport(ctx, v, req); err != nil {
		return err
	}
	returned, sent := v.Returned()
	written := msgReportWritten
	if strings.EqualFold(filepath.Ext(opts.Out), ".pdf") {
		written = msgReportPDFWritten
	}
	fmt.Fprintf(app.Out, written, v.Period.Label(), taizhang.Quote(filepath.Clean(opts.Out)),
		len(v.Result.Statuses), len(v.Result.Findings), returned, sent)
	return nil
}
