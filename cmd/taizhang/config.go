package main

import (
	"context"
	"fmt"

	taizhang "taizhang"
	"taizhang/cycle"

	"github.com/spf13/cobra"
)

type configOptions struct {
	Script   string
	TimeZone string
}

func newConfigCmd(app *App, run func(context.Context, *App, configOptions) error) *cobra.Command {
	var opts configOptions
	cmd := &cobra.Command{
		Use:   "config [--script simplified|traditional] [--timezone 時區]",
		Short: "查看或修改設置:文字用簡體還是繁體,日期按哪個時區判定",
		Args:  exactArgs(0, "不帶參數"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkScript(opts.Script); err != nil {
				return err
			}
			return run(cmd.Context(), app, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Script, "script", "", "改為 simplified(簡體)或 traditional(繁體);只改變顯示的文字,計劃原文和目錄版本不變")
	cmd.Flags().StringVar(&opts.TimeZone, "timezone", "", "改為這個`時區`,如 Asia/Shanghai")
	return cmd
}

func runConfig(ctx context.Context, app *App, opts configOptions) error {
	s, err := app.open(ctx, false)
	if err != nil {
		return err
	}
	defer s.Close()
	if opts.Script != "" || opts.TimeZone != "" {
		if err := s.Configure(ctx, cycle.ConfigRequest{Script: taizhang.Script(opts.Script), TimeZone: opts.TimeZone}); err != nil {
			return err
		}
	}
	plan, info, err := s.Plan(ctx)
	if err != nil {
		return err
	}
	app.Script = plan.Script
	names := map[taizhang.Script]string{taizhang.Simplified: msgSimplified, taizhang.Traditional: msgTraditional}
	fmt.Fprintf(app.Out, msgConfig, taizhang.Quote(s.Path()), plan.Title, short(info.CatalogHash),
		names[plan.Script], plan.Script, s.Location())
	return nil
}
