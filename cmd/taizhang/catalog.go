package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	taizhang "taizhang"

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
			// A folder or a device is said as such, by the path as given (the reader names a
			// file by its base name only, and calls a folder a "special file").
			if fi, err := os.Stat(args[0]); err == nil && fi.IsDir() {
				return usagef(msgImportIsDir, taizhang.Verbatim(args[0]))
			} else if err == nil && !fi.Mode().IsRegular() {
				return usagef(msgImportNotFile, taizhang.Verbatim(args[0]))
			}
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
	fmt.Fprintf(app.Out, msgCatalogExported,
		taizhang.Quote(opts.File), info.Tasks, info.Indicators, info.Agencies, short(info.CatalogHash))
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
			fmt.Fprintln(app.Err, p.Text)
		}
		return fmt.Errorf(msgCatalogRefused, taizhang.Quote(filepath.Base(opts.File)), len(res.Problems))
	case res.Unchanged:
		fmt.Fprintf(app.Out, msgCatalogUnchanged, short(res.From))
	default:
		fmt.Fprintf(app.Out, msgCatalogImported, res.Changed, res.Added, res.Removed, short(res.From), short(res.To))
		for _, r := range res.Retargeted {
			fmt.Fprintf(app.Out, msgCatalogRetarget, r.ID, r.Target, r.Span)
		}
	}
	return nil
}
