package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/excel"
	"taizhang/store"
	"taizhang/templates"

	"github.com/spf13/cobra"
)

type catalogExportOptions struct{ File string }
type catalogImportOptions struct{ File string }

func newCatalogCmd(app *App, export func(context.Context, *App, catalogExportOptions) error,
	imp func(context.Context, *App, catalogImportOptions) error) *cobra.Command {
	cmd := &cobra.Command{Use: "catalog", Short: "導出任務目錄供審核,或導入修改後的目錄"}
	cmd.AddCommand(&cobra.Command{
		Use:   "export FILE.xlsx|FILE.json",
		Short: "導出任務目錄:.xlsx 供人審核修改,.json 供程序讀取",
		Args:  exactArgs(1, "一個文件名(.xlsx 或 .json)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := catalogExportOptions{File: args[0]}
			if ext := strings.ToLower(filepath.Ext(opts.File)); ext != ".xlsx" && ext != ".json" {
				return usagef("導出文件須以 .xlsx 或 .json 結尾:%s", opts.File)
			}
			return export(cmd.Context(), app, opts)
		},
	}, &cobra.Command{
		Use:   "import FILE.xlsx",
		Short: "導入協調員修改後的目錄工作簿;有任何單元格錯誤時不導入並逐一列出",
		Args:  exactArgs(1, "一個 .xlsx 文件名"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return imp(cmd.Context(), app, catalogImportOptions{File: args[0]})
		},
	})
	return cmd
}

func runCatalogExport(ctx context.Context, app *App, opts catalogExportOptions) error {
	s, plan, info, err := app.loadPlan(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if strings.EqualFold(filepath.Ext(opts.File), ".json") {
		b, err := catalog.MarshalJSON(plan)
		if err != nil {
			return err
		}
		err = writeAtomic(opts.File, func(w io.Writer) error { _, err := w.Write(b); return err })
		if err != nil {
			return fmt.Errorf("寫入 %s:%w", opts.File, err)
		}
	} else {
		wb, err := templates.CatalogWorkbook(plan, info.CatalogHash)
		if err != nil {
			return err
		}
		defer wb.Close()
		if err := writeAtomic(opts.File, wb.Write); err != nil {
			return fmt.Errorf("寫入 %s:%w", opts.File, err)
		}
	}
	fmt.Fprintf(app.Out, "已導出任務目錄:%s(%d項任務、%d個指標、%d個單位,目錄版本 %s)\n",
		opts.File, info.Tasks, info.Indicators, info.Agencies, short(info.CatalogHash))
	return nil
}

func runCatalogImport(ctx context.Context, app *App, opts catalogImportOptions) error {
	s, plan, info, err := app.loadPlan(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	book, err := excel.Open(opts.File, excel.DefaultLimits)
	if err != nil {
		return fmt.Errorf("%v", err)
	}
	defer book.Close()
	corrected, problems := templates.ReadCatalog(book, plan)
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(app.Err, p.Error())
		}
		return fmt.Errorf("目錄未導入:%s 中有%d處問題(見上),請逐一修改後重新導入;數據庫沒有任何改動", filepath.Base(opts.File), len(problems))
	}
	hash := catalog.Hash(corrected)
	if hash == info.CatalogHash {
		fmt.Fprintf(app.Out, "沒有修改,目錄版本不變(%s)\n", short(hash))
		return nil
	}
	if err := s.SavePlan(ctx, corrected, store.Source{Name: info.SourceName, SHA256: info.SourceSHA256}, hash, "catalog import "+filepath.Base(opts.File)); err != nil {
		return fmt.Errorf("保存目錄:%w", err)
	}
	changed, added, removed := diffIndicators(plan, corrected)
	fmt.Fprintf(app.Out, "已導入目錄修改:修改%d個指標、新增%d個、刪除%d個;目錄版本 %s → %s\n", changed, added, removed, short(info.CatalogHash), short(hash))
	return nil
}

func diffIndicators(old, new *taizhang.Plan) (changed, added, removed int) {
	index := func(p *taizhang.Plan) map[string]string {
		m := map[string]string{}
		for _, t := range p.Tasks {
			for _, ind := range t.Indicators {
				b, _ := json.Marshal(ind) // compares values, not the pointers inside
				m[ind.ID] = string(b)
			}
		}
		return m
	}
	a, b := index(old), index(new)
	for id, v := range a {
		if w, ok := b[id]; !ok {
			removed++
		} else if v != w {
			changed++
		}
	}
	for id := range b {
		if _, ok := a[id]; !ok {
			added++
		}
	}
	return changed, added, removed
}
