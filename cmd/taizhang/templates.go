package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/script"
	"taizhang/store"
	"taizhang/templates"

	"github.com/spf13/cobra"
)

type templatesOptions struct {
	Period   string
	Out      string
	Agencies []string
	Deadline string
	Contact  string
	Script   string
}

func newTemplatesCmd(app *App, run func(context.Context, *App, templatesOptions) error) *cobra.Command {
	var opts templatesOptions
	cmd := &cobra.Command{
		Use:   "templates --period P --out DIR [--agency NAME]... [--deadline DATE] [--contact TEXT] [--script simplified|traditional]",
		Short: "為每個責任單位生成本期工作臺賬模板(帶簽名,可直接填報)",
		Args:  exactArgs(0, "不帶參數"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Period == "" || opts.Out == "" {
				return usagef("請用 --period 指定報告期、--out 指定輸出目錄")
			}
			if err := checkPeriod(opts.Period); err != nil {
				return err
			}
			if opts.Deadline != "" {
				if _, err := time.Parse("2006-01-02", opts.Deadline); err != nil {
					return usagef("報送截止日期 %q 格式不對,應為 2023-04-10", opts.Deadline)
				}
			}
			if opts.Script != "" && opts.Script != string(taizhang.Simplified) && opts.Script != string(taizhang.Traditional) {
				return usagef("--script 只能是 simplified 或 traditional")
			}
			return run(cmd.Context(), app, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Period, "period", "", "報告期:2023、2023-H1、2023-Q1…Q4、2023-01…12")
	f.StringVar(&opts.Out, "out", "", "輸出目錄")
	f.StringArrayVar(&opts.Agencies, "agency", nil, "只生成這些單位的臺賬(可重複;別名、繁簡體均可)")
	f.StringVar(&opts.Deadline, "deadline", "", "報送截止日期 YYYY-MM-DD(默認報告期結束後第10天)")
	f.StringVar(&opts.Contact, "contact", "", "聯系人及電話,寫入填報說明")
	f.StringVar(&opts.Script, "script", "", "表格文字用 simplified(簡體)或 traditional(繁體);默認與計劃一致")
	return cmd
}

func runTemplates(ctx context.Context, app *App, opts templatesOptions) error {
	period, _ := taizhang.ParsePeriod(opts.Period)
	s, plan, info, err := app.loadPlan(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	key, err := s.SigningKey(ctx)
	if errors.Is(err, store.ErrNoKey) {
		return fmt.Errorf("數據庫 %s 中沒有簽名密鑰,無法生成可校驗的臺賬。請運行 taizhang init --force 重新初始化", app.DBPath)
	} else if err != nil {
		return err
	}
	agencies, groups := templates.Responsible(plan)
	if len(opts.Agencies) > 0 {
		res := catalog.NewResolver(script.Default(), plan.Agencies)
		var picked []string
		for _, name := range opts.Agencies {
			canon := res.Resolve(name)
			switch {
			case canon == "":
				return usagef("計劃中沒有單位“%s”。可用的單位見 taizhang catalog export 導出的“單位”表", name)
			case !contains(agencies, canon):
				return usagef("“%s”不牽頭也不參與任何任務(或是單位集合),沒有臺賬", name)
			}
			picked = append(picked, canon)
		}
		agencies, groups = picked, nil
	}
	deadline := period.End().AddDate(0, 0, 10)
	if opts.Deadline != "" {
		deadline, _ = time.Parse("2006-01-02", opts.Deadline)
	}
	issued := app.Now()
	taken := map[string]bool{}
	total := 0
	for _, agency := range agencies {
		name := templates.FileName(period.String(), agency, taken)
		tpl, err := issueLedger(ctx, s, plan, info.CatalogHash, key, ledgerRequest{agency: agency, period: period, deadline: deadline,
			contact: opts.Contact, script: taizhang.Script(opts.Script), issued: issued, path: filepath.Join(opts.Out, name)})
		if err != nil {
			return err
		}
		total += tpl.Rows
		fmt.Fprintf(app.Out, "  %s(%d行)\n", name, tpl.Rows)
	}
	for _, g := range groups {
		fmt.Fprintf(app.Out, "  跳過“%s”:這是單位集合,不是單個單位,不生成臺賬;請由牽頭單位匯總其成員單位的情況\n", g)
	}
	fmt.Fprintf(app.Out, "已生成%s臺賬%d份、共%d行,在 %s;報送截止 %s,目錄版本 %s\n",
		period.Label(), len(agencies), total, opts.Out, deadline.Format("2006-01-02"), short(info.CatalogHash))
	return nil
}

type ledgerRequest struct {
	agency   string
	period   taizhang.Period
	deadline time.Time
	contact  string
	script   taizhang.Script
	issued   time.Time
	path     string
}

// issueLedger writes one agency's signed ledger to req.path and records it as sent.
func issueLedger(ctx context.Context, s *store.Store, plan *taizhang.Plan, hash string, key []byte, req ledgerRequest) (store.Template, error) {
	id, err := newTemplateID()
	if err != nil {
		return store.Template{}, err
	}
	spec := templates.LedgerSpec{Plan: plan, CatalogHash: hash, Agency: req.agency, Period: req.period, TemplateID: id,
		IssuedAt: req.issued, Deadline: req.deadline, Contact: req.contact, Script: req.script, Key: key}
	if err := writeLedger(spec, req.path); err != nil {
		return store.Template{}, fmt.Errorf("生成 %s 的臺賬:%w", req.agency, err)
	}
	tpl := store.Template{ID: id, PlanID: plan.ID, Agency: req.agency, Period: req.period.String(), CatalogHash: hash, FileName: filepath.Base(req.path),
		IssuedAt: req.issued.UTC().Format(time.RFC3339), Deadline: req.deadline.Format("2006-01-02"), Contact: req.contact, Rows: len(templates.RowsFor(plan, req.agency))}
	if err := s.RecordTemplate(ctx, tpl); err != nil {
		return store.Template{}, fmt.Errorf("記錄 %s 的臺賬:%w", req.agency, err)
	}
	return tpl, nil
}

// writeLedger builds one workbook and writes it atomically; one at a time keeps memory flat.
func writeLedger(spec templates.LedgerSpec, path string) error {
	wb, _, err := templates.Ledger(spec)
	if err != nil {
		return err
	}
	defer wb.Close()
	return writeAtomic(path, wb.Write)
}

func newTemplateID() (string, error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
