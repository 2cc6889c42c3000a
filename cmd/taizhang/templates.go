package main

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"

	taizhang "taizhang"
	"taizhang/cycle"

	"github.com/spf13/cobra"
)

type templatesOptions struct {
	Period   taizhang.Period
	Out      string
	Agencies []string
	Deadline taizhang.Date
	Reason   string
	Contact  string
	Script   string
	Force    bool
}

func newTemplatesCmd(app *App, run func(context.Context, *App, templatesOptions) error) *cobra.Command {
	var opts templatesOptions
	cmd := &cobra.Command{
		Use:   "templates --period 報告期 --out 目錄 [--agency 單位]... [--deadline 日期] [--contact 文本] [--script simplified|traditional]",
		Short: "為每個責任單位生成本期工作臺賬模板(帶簽名,可直接填報)",
		Args:  exactArgs(0, "不帶參數"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := needPeriod(opts.Period); err != nil {
				return err
			}
			if opts.Out == "" {
				return usagef(msgNeedOutDir)
			}
			if err := checkScript(opts.Script); err != nil {
				return err
			}
			return run(cmd.Context(), app, opts)
		},
	}
	f := cmd.Flags()
	periodFlag(f, &opts.Period, "報告期:2023、2023-H1、2023-Q1…Q4、2023-01…12")
	f.StringVar(&opts.Out, "out", "", "輸出`目錄`")
	f.StringArrayVar(&opts.Agencies, "agency", nil, "只生成這些`單位`的臺賬(可重複;別名、繁簡體均可)")
	dateFlag(f, &opts.Deadline, "deadline", "報送截止日期 YYYY-MM-DD(默認沿用已定的截止日期,首次下發為報告期結束後第10天)")
	f.StringVar(&opts.Reason, "reason", "", "改動已定截止日期的`原因`(改動時必填,記入歷史)")
	f.StringVar(&opts.Contact, "contact", "", "`聯繫人`及電話,寫入填報說明")
	f.StringVar(&opts.Script, "script", "", "表格`文字`用 simplified(簡體)或 traditional(繁體);默認按設置")
	f.BoolVar(&opts.Force, "force", false, "允許提前已定的截止日期,或截止日期早於報告期結束")
	return cmd
}

func checkScript(s string) error {
	if s != "" && s != string(taizhang.Simplified) && s != string(taizhang.Traditional) {
		return usagef(msgBadScript)
	}
	return nil
}

func runTemplates(ctx context.Context, app *App, opts templatesOptions) error {
	s, err := app.open(ctx, false)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := s.IssueLedgers(ctx, cycle.IssueRequest{Period: opts.Period, Out: opts.Out, Agencies: opts.Agencies, Deadline: opts.Deadline,
		Reason: opts.Reason, Contact: opts.Contact, Script: taizhang.Script(opts.Script), Force: opts.Force})
	if res != nil && (err == nil || len(res.Ledgers) > 0) {
		printIssued(app, opts, res, true)
	}
	return err
}

// printIssued lists the ledgers written (one line each when verbose) and sums them up.
func printIssued(app *App, opts templatesOptions, res *cycle.IssueResult, verbose bool) {
	total := 0
	deadlines := map[taizhang.Date]int{}
	for _, l := range res.Ledgers {
		total += l.Rows
		deadlines[l.Deadline]++
		if verbose {
			note := ""
			if l.Changed {
				note = fmt.Sprintf(msgLedgerNewDeadline, l.Deadline.String())
			}
			fmt.Fprintf(app.Out, msgLedgerFile, taizhang.Quote(filepath.Base(l.File)), l.Rows, note)
		}
	}
	for _, g := range res.Groups {
		fmt.Fprintf(app.Out, msgLedgerGroup, g)
	}
	var ds []taizhang.Date
	for d := range deadlines {
		ds = append(ds, d)
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i].Before(ds[j]) })
	due := ""
	for _, d := range ds {
		if len(ds) == 1 {
			due = d.String()
		} else {
			due += fmt.Sprintf(msgLedgerDeadlines, d, deadlines[d])
		}
	}
	fmt.Fprintf(app.Out, msgLedgersWritten,
		opts.Period.Label(), len(res.Ledgers), total, taizhang.Quote(opts.Out), due, short(res.CatalogHash))
}
