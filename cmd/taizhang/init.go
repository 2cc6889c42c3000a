package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	taizhang "taizhang"
	"taizhang/cycle"

	"github.com/spf13/cobra"
)

type initOptions struct {
	Plan       string // empty: the embedded plan
	Force      bool
	AllowSmall bool
	TimeZone   string
	Script     string
}

func newInitCmd(app *App, run func(context.Context, *App, initOptions) error) *cobra.Command {
	var opts initOptions
	cmd := &cobra.Command{
		Use:   "init [--plan 文件] [--script simplified|traditional] [--timezone Asia/Shanghai] [--force]",
		Short: "解析計劃(默認內置的山東省2023年重點工作任務),建立數據庫和任務目錄",
		Args:  exactArgs(0, "不帶參數(計劃文件用 --plan 指定)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkScript(opts.Script); err != nil {
				return err
			}
			return run(cmd.Context(), app, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Plan, "plan", "", "計劃`文件`:"+cycle.PlanFormats+"(文本文件UTF-8或GB18030;.doc .wps .xls .et 需要LibreOffice,.pdf 需要pdftotext);不指定時用內置計劃")
	f.BoolVar(&opts.Force, "force", false, "數據庫已有計劃時替換它;換成另一份計劃時,原計劃的臺賬和報送留在數據庫中作為歷史")
	f.BoolVar(&opts.AllowSmall, "allow-small", false, "接受任務少於5項、沒有責任單位、沒有一個指標或任務只佔全文一小部分的計劃(通常是選錯了文件),以及只讀出一部分的計劃")
	f.StringVar(&opts.Script, "script", "", "表格和屏幕上的`文字`用 simplified(簡體,默認)或 traditional(繁體);計劃內容用OpenCC轉換")
	f.StringVar(&opts.TimeZone, "timezone", "", "判定和顯示日期所用的`時區`(默認 Asia/Shanghai)")
	return cmd
}

func runInit(ctx context.Context, app *App, opts initOptions) error {
	s, err := app.open(ctx, true)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := s.Init(ctx, cycle.InitRequest{Plan: opts.Plan, Force: opts.Force, AllowSmall: opts.AllowSmall, TimeZone: opts.TimeZone,
		Script: taizhang.Script(opts.Script)})
	if err != nil {
		s.Discard() // a database this init created goes with it
		return err
	}
	app.Script = res.Plan.Script
	printPlanSummary(app.Out, res.Plan, res.Hash)
	printReading(app.Out, res)
	fmt.Fprintf(app.Out, msgInitDatabase, taizhang.Quote(s.Path()))
	if r := res.Records; r != nil && r.SamePlan {
		fmt.Fprintf(app.Out, msgInitKept, r.Ledgers, r.Returns, strings.Join(r.Periods, "、"))
	} else if r != nil {
		fmt.Fprintf(app.Out, msgInitLeft, res.Replaced.Title, r.Ledgers, r.Returns, strings.Join(r.Periods, "、"))
	}
	if len(res.Problems) > 0 {
		fmt.Fprintf(app.Err, msgInitPartial, len(res.Problems))
		for _, p := range res.Problems {
			fmt.Fprintf(app.Err, "  %s\n", p.Text)
		}
	}
	return nil
}

func printPlanSummary(w io.Writer, p *taizhang.Plan, hash string) {
	counts := map[taizhang.Comparator]int{}
	total := 0
	for _, t := range p.Tasks {
		for _, ind := range t.Indicators {
			counts[ind.Comparator]++
			total++
		}
	}
	kinds := map[taizhang.AgencyKind]int{}
	for _, a := range p.Agencies {
		kinds[a.Kind]++
	}
	fmt.Fprintf(w, msgPlanTitle, p.Title, p.DocNo)
	fmt.Fprintf(w, msgPlanCounts, len(p.Sections), len(p.Tasks), len(p.Agencies),
		p.Level.KindLabel(taizhang.KindAgency), kinds[taizhang.KindAgency], p.Level.KindLabel(taizhang.KindExternal), kinds[taizhang.KindExternal],
		p.Level.KindLabel(taizhang.KindGroup), kinds[taizhang.KindGroup], total)
	if line := countLine(taizhang.Comparators, counts, taizhang.Comparator.Label); line != "" {
		fmt.Fprintf(w, msgPlanComparison, line)
	}
	printKinds(w, p)
	fmt.Fprintf(w, msgPlanCatalog, short(hash))
}

// printKinds counts the indicators by kind and names those whose kind the plan's words left for
// the coordinator to choose.
func printKinds(w io.Writer, p *taizhang.Plan) {
	counts := map[taizhang.IndicatorKind]int{}
	var undecided []string
	for _, t := range p.Tasks {
		for _, ind := range t.Indicators {
			counts[ind.JudgedKind()]++
			if ind.KindUndecided {
				undecided = append(undecided, fmt.Sprintf("%s(%s)", ind.ID, ind.JudgedKind().Label()))
			}
		}
	}
	if line := countLine(taizhang.Kinds, counts, taizhang.IndicatorKind.Label); line != "" {
		fmt.Fprintf(w, msgPlanKinds, line)
	}
	if len(undecided) > 0 {
		fmt.Fprintf(w, msgPlanUndecided, len(undecided), strings.Join(undecided, "、"))
	}
}

// printReading prints how much of the document was read as tasks, then every decision about
// agencies for the coordinator to check: the names taken as one agency and the groups.
func printReading(w io.Writer, res *cycle.InitResult) {
	c := res.Coverage
	fmt.Fprintf(w, msgInitCoverage, c.Tasks, c.TaskLines, c.NotRead, c.Other)
	if len(res.Merges) > 0 {
		fmt.Fprintf(w, msgInitMerges, len(res.Merges))
		for _, m := range res.Merges {
			fmt.Fprintf(w, "  %s → %s:%s\n", m.Name, m.Into, m.Reason)
		}
	}
	if len(res.Groups) > 0 {
		fmt.Fprintf(w, msgInitGroups, len(res.Groups), res.Plan.Level.KindLabel(taizhang.KindAgency))
		for _, g := range res.Groups {
			fmt.Fprintf(w, "  %s:%s\n", g.Name, g.Reason)
		}
	}
}

func short(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}

// countLine says how many of each key were counted, in the keys' order, the ones not seen left
// out: "不少於 51,不超過 2". Empty when none was.
func countLine[K comparable](keys []K, counts map[K]int, label func(K) string) string {
	var parts []string
	for _, k := range keys {
		if counts[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", label(k), counts[k]))
		}
	}
	return strings.Join(parts, ",")
}
