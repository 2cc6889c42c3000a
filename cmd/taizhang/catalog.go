package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"taizhang/ingest"

	"github.com/spf13/cobra"
)

type catalogExportOptions struct{ File string }
type catalogImportOptions struct{ File string }

func newCatalogCmd(app *App, export func(context.Context, *App, catalogExportOptions) error,
	imp func(context.Context, *App, catalogImportOptions) error) *cobra.Command {
	cmd := &cobra.Command{Use: "catalog", Short: "導出任務目錄供審核,或導入修改後的目錄", Args: noSuchCommand,
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() }}
	cmd.AddCommand(&cobra.Command{
		Use:   "export 文件.xlsx|文件.json",
		Short: "導出任務目錄:.xlsx 供人審核修改,.json 供程序讀取",
		Args:  wrapArgs(exactArgs(1, "一個文件名(.xlsx 或 .json)")),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := catalogExportOptions{File: args[0]}
			if ext := strings.ToLower(filepath.Ext(opts.File)); ext != ".xlsx" && ext != ".json" {
				return usagef(msgBadExport, opts.File)
			}
			return export(cmd.Context(), app, opts)
		},
	}, &cobra.Command{
		Use:   "import 文件.xlsx",
		Short: "導入協調員修改後的目錄工作簿;有任何單元格錯誤時不導入並逐一列出",
		Args:  wrapArgs(exactArgs(1, "一個 .xlsx 文件名")),
		RunE: func(cmd *cobra.Command, args []string) error {
			return imp(cmd.Context(), app, catalogImportOptions{File: args[0]})
		},
	})
	return cmd
}

func runCatalogExport(ctx context.Context, app *App, opts catalogExportOptions) error {
	s, err := app.open(ctx, false)
	if err != nil {
		return err
	}
	defer s.Close()
	info, err := s.ExportCatalog(ctx, opts.File)
	if err != nil {
		return err
	}
	fmt.Fprintf(app.Out, "已導出任務目錄:%s(%d項任務、%d個指標、%d個單位,目錄版本 %s)\n",
		ingest.Quote(opts.File), info.Tasks, info.Indicators, info.Agencies, short(info.CatalogHash))
	return nil
}

func runCatalogImport(ctx context.Context, app *App, opts catalogImportOptions) error {
	s, err := app.open(ctx, false)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := s.ImportCatalog(ctx, opts.File)
	switch {
	case err != nil:
		return err
	case len(res.Problems) > 0:
		for _, p := range res.Problems {
			fmt.Fprintln(app.Err, p.Error())
		}
		return fmt.Errorf("目錄未導入:%s 中有%d處問題(見上),請逐一修改後重新導入;數據庫沒有任何改動", ingest.Quote(filepath.Base(opts.File)), len(res.Problems))
	case res.Unchanged:
		fmt.Fprintf(app.Out, "沒有修改,目錄版本不變(%s)\n", short(res.From))
	default:
		fmt.Fprintf(app.Out, "已導入目錄修改:修改%d個指標、新增%d個、刪除%d個;目錄版本 %s → %s\n", res.Changed, res.Added, res.Removed, short(res.From), short(res.To))
	}
	return nil
}
