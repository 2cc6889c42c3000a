package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/ingest"
	"taizhang/office"
	"taizhang/reconcile"
	"taizhang/script"
	"taizhang/store"
	"taizhang/templates"

	"github.com/spf13/cobra"
)

type feedbackOptions struct {
	Period   string
	Out      string
	Agencies []string
}

func newFeedbackCmd(app *App, run func(context.Context, *App, feedbackOptions) error) *cobra.Command {
	var opts feedbackOptions
	cmd := &cobra.Command{
		Use:   "feedback --period P --out DIR [--agency NAME]...",
		Short: "把各單位報回的原表退回修改:問題單元格標紅並加批注,首頁列出全部問題;未報送的單位發空白臺賬",
		Args:  exactArgs(0, "不帶參數"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkPeriod(opts.Period); err != nil {
				return err
			}
			if opts.Out == "" {
				return usagef("請用 --out 指定輸出目錄")
			}
			return run(cmd.Context(), app, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Period, "period", "", "報告期")
	cmd.Flags().StringVar(&opts.Out, "out", "", "輸出目錄")
	cmd.Flags().StringArrayVar(&opts.Agencies, "agency", nil, "只處理這些單位(可重複)")
	return cmd
}

func runFeedback(ctx context.Context, app *App, opts feedbackOptions) error {
	period, _ := taizhang.ParsePeriod(opts.Period)
	s, plan, info, err := app.loadPlan(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	d, err := loadPeriod(ctx, app, s, plan, reconcileOptions{Period: opts.Period, Tolerance: 0.05})
	if err != nil {
		return err
	}
	key, err := s.SigningKey(ctx)
	if errors.Is(err, store.ErrNoKey) {
		return fmt.Errorf("數據庫中沒有簽名密鑰,請先運行 taizhang init")
	} else if err != nil {
		return err
	}
	subs, err := s.Submissions(ctx, period.String(), false)
	if err != nil {
		return err
	}
	current := map[string]store.Submission{}
	for _, sub := range subs {
		if sub.SupersededBy == nil {
			current[sub.Agency] = sub
		}
	}
	wanted := map[string]bool{}
	if len(opts.Agencies) > 0 {
		res := catalog.NewResolver(script.Default(), d.plan.Agencies)
		for _, a := range opts.Agencies {
			canon := res.Resolve(a)
			if canon == "" {
				return usagef("計劃中沒有單位“%s”", a)
			}
			wanted[canon] = true
		}
	}
	deadline := app.Now().AddDate(0, 0, 5)
	conv := office.Find()
	taken := map[string]bool{}
	var sent, blank, clean, skipped int
	for _, rep := range d.reporting {
		if len(wanted) > 0 && !wanted[rep.Agency] {
			continue
		}
		path := filepath.Join(opts.Out, templates.FeedbackFileName(period.String(), rep.Agency, taken))
		spec := templates.FeedbackSpec{Agency: rep.Agency, Period: period, Deadline: deadline, Contact: rep.Contact, Script: d.plan.Script}
		sub, returned := current[rep.Agency]
		switch {
		case !returned && !rep.Sent:
			continue
		case !returned:
			if _, err := issueLedger(ctx, s, d.plan, info.CatalogHash, key, ledgerRequest{agency: rep.Agency, period: period, deadline: deadline,
				contact: rep.Contact, issued: app.Now(), path: path}); err != nil {
				return err
			}
			spec.Items = []templates.FeedbackItem{{Code: reconcile.CodeMissingReturn, Message: fmt.Sprintf("貴單位尚未報送%s工作臺賬。請在本表“工作臺賬”中填寫黃色單元格,於%s前報送。",
				period.Label(), deadline.Format("2006-01-02"))}}
			blank++
		default:
			spec.Items = feedbackItems(d.result, rep.Agency, sub)
			if len(spec.Items) == 0 {
				clean++
				continue
			}
			if err := copyReturn(ctx, app, conv, sub, path); err != nil {
				fmt.Fprintf(app.Out, "  跳過 %s:%v\n", rep.Agency, err)
				skipped++
				continue
			}
		}
		if err := templates.MarkFeedback(path, spec); err != nil {
			return fmt.Errorf("標注 %s:%w", filepath.Base(path), err)
		}
		sent++
		fmt.Fprintf(app.Out, "  %s(%d處問題)\n", filepath.Base(path), len(spec.Items))
	}
	fmt.Fprintf(app.Out, "已生成%d份退回意見(其中%d份是發給未報送單位的空白臺賬),在 %s;%d個單位沒有問題,未生成", sent, blank, opts.Out, clean)
	if skipped > 0 {
		fmt.Fprintf(app.Out, ";%d份無法生成(見上)", skipped)
	}
	fmt.Fprintln(app.Out)
	return nil
}

// feedbackItems are the problems in an agency's current return that have a cell to mark.
func feedbackItems(res reconcile.Result, agency string, sub store.Submission) []templates.FeedbackItem {
	var items []templates.FeedbackItem
	seen := map[string]bool{}
	add := func(code, cell, msg string) {
		if cell == "" || seen[code+cell] {
			return
		}
		seen[code+cell] = true
		items = append(items, templates.FeedbackItem{Code: code, Sheet: sub.LedgerSheet, Cell: cell, Message: msg})
	}
	for _, f := range res.Findings {
		if f.Agency == agency && f.File == sub.FileName {
			add(f.Code, f.Cell, f.Message)
		}
	}
	for _, st := range res.Statuses {
		if st.Agency == agency && st.Status == reconcile.Conflict {
			add(reconcile.CodeConflict, st.Cell, st.Reason+"。請與共同牽頭單位核實後統一填報")
		}
	}
	return items
}

// copyReturn puts the agency's own archived return at path, as xlsx.
func copyReturn(ctx context.Context, app *App, conv office.Converter, sub store.Submission, path string) error {
	b, err := os.ReadFile(filepath.Join(ingest.ArchiveDir(app.DBPath), sub.ArchivePath))
	if err != nil {
		return fmt.Errorf("找不到歸檔的原件:%w", err)
	}
	if sub.Converted != "" {
		if b, err = conv.Convert(ctx, b, "."+sub.Converted, office.XLSX); err != nil {
			return fmt.Errorf("原件是.%s格式,需要LibreOffice轉換:%w", sub.Converted, err)
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

type remindOptions struct {
	Period string
	Out    string
}

func newRemindCmd(app *App, run func(context.Context, *App, remindOptions) error) *cobra.Command {
	var opts remindOptions
	cmd := &cobra.Command{
		Use:   "remind --period P [--out FILE.xlsx]",
		Short: "催報清單:哪些單位未報送、哪些行未填、哪些數值要更正,聯系人和逾期天數",
		Args:  exactArgs(0, "不帶參數"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkPeriod(opts.Period); err != nil {
				return err
			}
			return run(cmd.Context(), app, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Period, "period", "", "報告期")
	cmd.Flags().StringVar(&opts.Out, "out", "", "另存為工作簿 .xlsx")
	return cmd
}

func runRemind(ctx context.Context, app *App, opts remindOptions) error {
	period, _ := taizhang.ParsePeriod(opts.Period)
	s, d, err := app.openPeriod(ctx, reconcileOptions{Period: opts.Period, Tolerance: 0.05})
	if err != nil {
		return err
	}
	defer s.Close()
	data := templates.ReportData{Plan: d.plan, Period: period, AsOf: d.asOf, Generated: app.Now(), Result: d.result, Reporting: d.reporting}
	items := templates.ChaseList(data, app.Now())
	fmt.Fprintf(app.Out, "%s催報清單(%s,共%d個單位)\n", period.Label(), app.Now().Format("2006-01-02"), len(items))
	fmt.Fprintln(app.Out, pad("單位", 30)+pad("缺少或需更正", 34)+pad("聯系人及電話", 28)+pad("截止", 12)+"期限")
	for _, it := range items {
		when := ""
		if !it.Deadline.IsZero() {
			when = fmt.Sprintf("還有%d天", -it.DaysLate)
			if it.DaysLate > 0 {
				when = fmt.Sprintf("逾期%d天", it.DaysLate)
			}
		}
		fmt.Fprintln(app.Out, pad(it.Agency, 30)+pad(it.Missing, 34)+pad(it.Contact, 28)+pad(dateOrEmpty(it.Deadline), 12)+when)
	}
	if opts.Out == "" {
		return nil
	}
	wb, err := templates.RemindWorkbook(data)
	if err != nil {
		return err
	}
	defer wb.Close()
	if err := writeAtomic(opts.Out, wb.Write); err != nil {
		return fmt.Errorf("寫入 %s:%w", opts.Out, err)
	}
	fmt.Fprintf(app.Out, "已另存為 %s\n", opts.Out)
	return nil
}

func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}
