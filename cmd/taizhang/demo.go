package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	taizhang "taizhang"
	"taizhang/office"
	"taizhang/simulate"

	"github.com/spf13/cobra"
)

type demoOptions struct {
	Dir    string
	Period string
	Seed   int64
}

func newDemoCmd(app *App, run func(context.Context, *App, demoOptions) error) *cobra.Command {
	var opts demoOptions
	cmd := &cobra.Command{
		Use:   "demo [--dir DIR] [--period P] [--seed N]",
		Short: "在內置計劃上演示整個流程:目錄、分單位臺賬、模擬報送兩期、導入、核對、匯總報告、退回意見、催報",
		Args:  exactArgs(0, "不帶參數"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkPeriod(opts.Period); err != nil {
				return err
			}
			return run(cmd.Context(), app, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Dir, "dir", "demo", "演示用的目錄(其中的數據庫和文件會重新生成)")
	cmd.Flags().StringVar(&opts.Period, "period", "2023-Q2", "演示的報告期(上一期也會模擬,用於對比)")
	cmd.Flags().Int64Var(&opts.Seed, "seed", 1, "模擬報送的隨機種子(相同種子得到相同結果)")
	return cmd
}

// runDemo runs the whole cycle on a fresh database in opts.Dir, with simulated returns for the
// period and the one before it, and a clock that moves the way the weeks of a cycle do.
func runDemo(ctx context.Context, app *App, opts demoOptions) error {
	period, err := taizhang.ParsePeriod(opts.Period)
	if err != nil {
		return usageError{err}
	}
	for _, sub := range []string{"taizhang.db", "taizhang.db-wal", "taizhang.db-shm", "archive", "臺賬模板", "模擬報送", "退回意見", "任務目錄.xlsx", "catalog.json"} {
		if err := os.RemoveAll(filepath.Join(opts.Dir, sub)); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return err
	}
	clock := period.Previous().End().AddDate(0, 0, -20)
	sub := *app
	sub.Out = &summaryOnly{w: app.Out} // each step's summary, not one line per file
	sub.DBPath = filepath.Join(opts.Dir, "taizhang.db")
	sub.Now = func() time.Time { return clock }
	n := 0
	step := func(what string) {
		n++
		fmt.Fprintf(app.Out, "\n[%d] %s\n", n, what)
	}
	step("導入內置計劃:taizhang init")
	if err := runInit(ctx, &sub, initOptions{}); err != nil {
		return err
	}
	xlsx, js := filepath.Join(opts.Dir, "任務目錄.xlsx"), filepath.Join(opts.Dir, "catalog.json")
	step("導出任務目錄供審核,並原樣導入(目錄版本應不變):taizhang catalog export / import")
	for _, f := range []string{xlsx, js} {
		if err := runCatalogExport(ctx, &sub, catalogExportOptions{File: f}); err != nil {
			return err
		}
	}
	if err := runCatalogImport(ctx, &sub, catalogImportOptions{File: xlsx}); err != nil {
		return err
	}
	soffice := office.Find().Soffice
	var previous map[string]map[string]float64
	var report, feedback string
	for i, p := range []taizhang.Period{period.Previous(), period} {
		clock = p.End().AddDate(0, 0, -20)
		ledgers := filepath.Join(opts.Dir, "臺賬模板", p.String())
		step(fmt.Sprintf("下發%s臺賬:taizhang templates --period %s", p.Label(), p))
		if err := runTemplates(ctx, &sub, templatesOptions{Period: p.String(), Out: ledgers, Contact: "省發展改革委 協調辦公室 0531-86000000"}); err != nil {
			return err
		}
		troubled := i == 1
		returns, err := simulateReturns(ctx, &sub, p, opts.Seed+int64(i), filepath.Join(opts.Dir, "模擬報送", p.String()), previous, troubled, soffice)
		if err != nil {
			return err
		}
		var onTime, late []string
		onTime, late, previous = splitReturns(returns)
		step(fmt.Sprintf("各單位填報%s臺賬(模擬,種子%d)", p.Label(), opts.Seed+int64(i)))
		for _, r := range returns {
			if r.Trouble != "" {
				fmt.Fprintf(app.Out, "  %s:%s\n", r.Agency, r.Trouble)
			}
		}
		if troubled && soffice == "" {
			fmt.Fprintln(app.Out, "  (本機沒有LibreOffice:跳過“以.xls報送”的情形,其餘照常)")
		}
		clock = p.End().AddDate(0, 0, 8)
		step(fmt.Sprintf("截止前導入按時報回的%d份:taizhang ingest", len(onTime)))
		if err := ignoreRejected(runIngest(ctx, &sub, ingestOptions{Paths: onTime})); err != nil {
			return err
		}
		if len(late) > 0 {
			clock = p.End().AddDate(0, 0, 15)
			step(fmt.Sprintf("截止後導入逾期報回的%d份", len(late)))
			if err := ignoreRejected(runIngest(ctx, &sub, ingestOptions{Paths: late})); err != nil {
				return err
			}
		}
		if !troubled {
			continue
		}
		clock = p.End().AddDate(0, 0, 16)
		step("報送情況:taizhang status --period " + p.String())
		if err := runStatus(ctx, &sub, statusOptions{Period: p.String()}); err != nil {
			return err
		}
		step("核對:taizhang reconcile --period " + p.String())
		d, err := loadPeriodFor(ctx, &sub, p)
		if err != nil {
			return err
		}
		printSummary(app, d)
		report = filepath.Join(opts.Dir, "匯總_"+p.String()+".xlsx")
		step("生成匯總工作簿:taizhang report --period " + p.String())
		if err := runReport(ctx, &sub, reportOptions{reconcileOptions: reconcileOptions{Period: p.String(), Tolerance: 0.05}, Out: report}); err != nil {
			return err
		}
		feedback = filepath.Join(opts.Dir, "退回意見", p.String())
		step("把有問題的報表退回各單位修改:taizhang feedback --period " + p.String())
		if err := runFeedback(ctx, &sub, feedbackOptions{Period: p.String(), Out: feedback}); err != nil {
			return err
		}
		step("催報清單:taizhang remind --period " + p.String())
		if err := runRemind(ctx, &sub, remindOptions{Period: p.String(), Out: filepath.Join(opts.Dir, "催報清單_"+p.String()+".xlsx")}); err != nil {
			return err
		}
	}
	fmt.Fprintf(app.Out, "\n完成。\n  匯總工作簿:%s\n  退回意見:%s\n  任務目錄:%s\n  分單位臺賬:%s\n  模擬報送:%s\n", report, feedback, xlsx,
		filepath.Join(opts.Dir, "臺賬模板"), filepath.Join(opts.Dir, "模擬報送"))
	return nil
}

// summaryOnly passes a command's output through, less the one-line-per-file listings
// (indented file names, 接收/重複 lines) that would bury the steps of the demo.
type summaryOnly struct {
	w       io.Writer
	pending []byte
}

func (s *summaryOnly) Write(p []byte) (int, error) {
	s.pending = append(s.pending, p...)
	for {
		i := bytes.IndexByte(s.pending, '\n')
		if i < 0 {
			return len(p), nil
		}
		line := s.pending[:i+1]
		perFile := bytes.HasPrefix(line, []byte("  20")) ||
			((bytes.HasPrefix(line, []byte("接收 ")) || bytes.HasPrefix(line, []byte("重複 "))) && !bytes.Contains(line, []byte(" | ")))
		if !perFile {
			if _, err := s.w.Write(line); err != nil {
				return 0, err
			}
		}
		s.pending = s.pending[i+1:]
	}
}

func ignoreRejected(err error) error {
	if errors.Is(err, errRejected) {
		return nil // the demo's tampered return is meant to be rejected
	}
	return err
}

func loadPeriodFor(ctx context.Context, app *App, p taizhang.Period) (*periodData, error) {
	s, d, err := app.openPeriod(ctx, reconcileOptions{Period: p.String(), Tolerance: 0.05})
	if err != nil {
		return nil, err
	}
	s.Close()
	return d, nil
}

// printSummary is the short form of reconcile's output for the demo: counts and a few findings.
func printSummary(app *App, d *periodData) {
	counts := map[string]int{}
	for _, f := range d.result.Findings {
		counts[f.Code]++
	}
	fmt.Fprintf(app.Out, "  %d個指標狀態,%d個問題:", len(d.result.Statuses), len(d.result.Findings))
	for _, code := range []string{"missing_return", "conflict", "invalid_value", "unit_mismatch", "regression", "self_assessment_mismatch", "behind", "not_reported"} {
		if counts[code] > 0 {
			fmt.Fprintf(app.Out, " %s %d", code, counts[code])
		}
	}
	fmt.Fprintln(app.Out)
	shown := map[string]bool{}
	for _, f := range d.result.Findings {
		if f.Code == "behind" || f.Code == "not_reported" || shown[f.Code] {
			continue
		}
		shown[f.Code] = true
		fmt.Fprintf(app.Out, "  例 %s:%s\n", f.Code, f.Message)
	}
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

// simulateReturns fills the templates just issued for p, signed with this database's key.
func simulateReturns(ctx context.Context, app *App, p taizhang.Period, seed int64, dir string, previous map[string]map[string]float64, trouble bool, soffice string) ([]simulate.Return, error) {
	s, plan, info, err := app.loadPlan(ctx)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	key, err := s.SigningKey(ctx)
	if err != nil {
		return nil, err
	}
	tpls, err := s.Templates(ctx, p.String())
	if err != nil {
		return nil, err
	}
	ids := map[string]string{}
	for _, t := range tpls {
		if ids[t.Agency] == "" {
			ids[t.Agency] = t.ID
		}
	}
	return simulate.Generate(simulate.Options{Plan: plan, CatalogHash: info.CatalogHash, Key: key, Period: p, Seed: seed, Dir: dir,
		TemplateIDs: ids, Previous: previous, Soffice: soffice, Trouble: trouble})
}
