package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
)

type demoOptions struct {
	Dir    string
	Period string
}

func newDemoCmd(app *App, run func(context.Context, *App, demoOptions) error) *cobra.Command {
	var opts demoOptions
	cmd := &cobra.Command{
		Use:   "demo [--dir DIR]",
		Short: "在內置計劃上演示整個流程(新建數據庫、導入計劃、導出目錄、生成分單位臺賬)",
		Args:  exactArgs(0, "不帶參數"),
		RunE:  func(cmd *cobra.Command, args []string) error { return run(cmd.Context(), app, opts) },
	}
	cmd.Flags().StringVar(&opts.Dir, "dir", "demo", "演示用的目錄(會新建其中的數據庫)")
	cmd.Flags().StringVar(&opts.Period, "period", "2023-Q1", "演示的報告期")
	return cmd
}

// runDemo runs every step of the cycle that exists so far on a fresh database in opts.Dir.
func runDemo(ctx context.Context, app *App, opts demoOptions) error {
	if opts.Period == "" {
		opts.Period = "2023-Q1"
	}
	if err := os.RemoveAll(filepath.Join(opts.Dir, "臺賬模板")); err != nil {
		return err
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return err
	}
	db := filepath.Join(opts.Dir, "taizhang.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(db + suffix); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	step := func(n int, what string) { fmt.Fprintf(app.Out, "\n[%d] %s\n", n, what) }
	sub := *app
	sub.DBPath = db
	step(1, "導入內置計劃:taizhang init --db "+db)
	if err := runInit(ctx, &sub, initOptions{}); err != nil {
		return err
	}
	xlsx, js := filepath.Join(opts.Dir, "任務目錄.xlsx"), filepath.Join(opts.Dir, "catalog.json")
	step(2, "導出任務目錄供審核:taizhang catalog export "+xlsx)
	if err := runCatalogExport(ctx, &sub, catalogExportOptions{File: xlsx}); err != nil {
		return err
	}
	step(3, "導出目錄JSON供程序使用:taizhang catalog export "+js)
	if err := runCatalogExport(ctx, &sub, catalogExportOptions{File: js}); err != nil {
		return err
	}
	step(4, "導入未修改的目錄(目錄版本應不變):taizhang catalog import "+xlsx)
	if err := runCatalogImport(ctx, &sub, catalogImportOptions{File: xlsx}); err != nil {
		return err
	}
	ledgers := filepath.Join(opts.Dir, "臺賬模板")
	step(5, "為每個責任單位生成"+opts.Period+"工作臺賬:taizhang templates --period "+opts.Period+" --out "+ledgers)
	if err := runTemplates(ctx, &sub, templatesOptions{Period: opts.Period, Out: ledgers, Contact: "省發展改革委 協調辦公室"}); err != nil {
		return err
	}
	fmt.Fprintf(app.Out, "\n完成。任務目錄:%s\n分單位臺賬:%s\n(回收、核對和匯總報告將在後續版本中加入演示)\n", xlsx, ledgers)
	return nil
}
