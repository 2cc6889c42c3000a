package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/data"
	"taizhang/store"

	"github.com/spf13/cobra"
)

type initOptions struct {
	Plan  string // empty: the embedded plan
	Force bool
}

func newInitCmd(app *App, run func(context.Context, *App, initOptions) error) *cobra.Command {
	var opts initOptions
	cmd := &cobra.Command{
		Use:   "init [--plan FILE] [--force]",
		Short: "解析計劃(默認內置的山東省2023年重點工作任務),建立數據庫和任務目錄",
		Args:  exactArgs(0, "不帶參數(計劃文件用 --plan 指定)"),
		RunE:  func(cmd *cobra.Command, args []string) error { return run(cmd.Context(), app, opts) },
	}
	cmd.Flags().StringVar(&opts.Plan, "plan", "", "計劃文本文件(.txt,UTF-8或GB18030);不指定時用內置計劃")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "數據庫已有計劃時替換它")
	return cmd
}

func runInit(ctx context.Context, app *App, opts initOptions) error {
	name, body := data.DefaultPlanName, data.DefaultPlan
	if opts.Plan != "" {
		var err error
		name = filepath.Base(opts.Plan)
		body, err = readPlanFile(opts.Plan)
		if err != nil {
			return err
		}
	}
	plan, err := catalog.Parse(name, body)
	if err != nil {
		return err
	}
	s, err := app.openStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if old, info, err := s.Plan(ctx); err == nil && !opts.Force {
		return fmt.Errorf("數據庫 %s 已有計劃《%s》(%d項任務、%d個指標,目錄版本 %s,導入於 %s)。重新初始化將替換這份目錄;確認替換請加 --force",
			app.DBPath, old.Title, info.Tasks, info.Indicators, short(info.CatalogHash), info.UpdatedAt)
	} else if err != nil && !errors.Is(err, store.ErrNoPlan) {
		return err
	}
	sum := sha256.Sum256(body)
	hash := catalog.Hash(plan)
	if err := s.SavePlan(ctx, plan, store.Source{Name: name, SHA256: hex.EncodeToString(sum[:])}, hash, "init"); err != nil {
		return fmt.Errorf("保存計劃:%w", err)
	}
	if err := s.EnsureSigningKey(ctx); err != nil {
		return fmt.Errorf("創建簽名密鑰:%w", err)
	}
	printPlanSummary(app, plan, hash)
	fmt.Fprintf(app.Out, "數據庫:%s\n", app.DBPath)
	return nil
}

func readPlanFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s:找不到計劃文件。請檢查路徑,或不加 --plan 使用內置計劃", path)
	case err != nil:
		return nil, fmt.Errorf("%s:無法讀取計劃文件(%v)。請檢查文件權限", path, err)
	case fi.IsDir():
		return nil, fmt.Errorf("%s:這是一個目錄,不是計劃文件。請指定計劃的 .txt 文件", path)
	case fi.Size() > 20<<20:
		return nil, fmt.Errorf("%s:文件有%d MB,不像計劃文本。請指定計劃的 .txt 文件", path, fi.Size()>>20)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s:無法讀取計劃文件(%v)。請檢查文件權限", path, err)
	}
	return b, nil
}

func printPlanSummary(app *App, p *taizhang.Plan, hash string) {
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
	fmt.Fprintf(app.Out, "計劃:《%s》%s\n", p.Title, p.DocNo)
	fmt.Fprintf(app.Out, "%d個部分、%d項任務、%d個責任單位(省直%d、中央駐魯%d、單位集合%d)、%d個指標\n",
		len(p.Sections), len(p.Tasks), len(p.Agencies), kinds[taizhang.KindAgency], kinds[taizhang.KindExternal], kinds[taizhang.KindGroup], total)
	var parts []string
	for _, c := range taizhang.Comparators {
		if counts[c] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", c, counts[c]))
		}
	}
	fmt.Fprintf(app.Out, "指標按比較方式:%s\n", strings.Join(parts, ","))
	fmt.Fprintf(app.Out, "目錄版本:%s\n", short(hash))
}

func short(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}
