package main

import (
	"context"
	"fmt"
	"time"

	taizhang "taizhang"
	"taizhang/access"

	"github.com/spf13/cobra"
)

type auditOptions struct {
	Since taizhang.Date
	JSON  bool
}

func newAuditCmd(app *App, run func(context.Context, *App, auditOptions) error) *cobra.Command {
	var opts auditOptions
	cmd := &cobra.Command{
		Use:   "audit [--since 日期] [--json]",
		Short: "網上報送的操作記錄:每次上傳、登錄、下載和鏈接變更的時間、操作人和來源地址",
		Args:  exactArgs(0, "不帶參數"),
		RunE:  func(cmd *cobra.Command, args []string) error { return run(cmd.Context(), app, opts) },
	}
	dateFlag(cmd.Flags(), &opts.Since, "since", "只列出這一天(YYYY-MM-DD)以來的記錄")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "以JSON格式輸出,供程序讀取")
	return cmd
}

type auditJSON struct {
	At     time.Time            `json:"at"`
	Who    string               `json:"who"`
	Remote string               `json:"remote,omitempty"`
	Action taizhang.AuditAction `json:"action"`
	Period string               `json:"period,omitempty"`
	Agency string               `json:"agency,omitempty"`
	Detail string               `json:"detail,omitempty"`
}

func runAudit(ctx context.Context, app *App, opts auditOptions) error {
	s, acc, err := app.openAccess(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	defer acc.Close()
	req := access.AuditRequest{}
	if !opts.Since.IsZero() {
		req.Since = opts.Since.Start(s.Location())
	}
	entries, err := acc.AuditLog(ctx, req)
	if err != nil {
		return err
	}
	if opts.JSON {
		out := make([]auditJSON, 0, len(entries))
		for _, e := range entries {
			out = append(out, auditJSON{At: e.At.In(s.Location()), Who: e.Who, Remote: e.Remote, Action: e.Action, Period: e.Period, Agency: e.Agency,
				Detail: taizhang.Unmark(e.Detail)})
		}
		return writeJSON(app.Out, out)
	}
	fmt.Fprintln(app.Out, pad("時間", 18)+pad("操作", 10)+pad("操作人", 30)+pad("來源", 18)+pad("報告期", 10)+"內容")
	for _, e := range entries {
		what := e.Detail
		if e.Agency != "" && e.Action != taizhang.AuditUpload {
			what = e.Agency + " " + what
		}
		fmt.Fprintln(app.Out, pad(e.At.In(s.Location()).Format(taizhang.TimeLayout), 18)+pad(e.Action.Label(taizhang.Traditional), 10)+pad(e.Who, 30)+
			pad(e.Remote, 18)+pad(e.Period, 10)+what)
	}
	fmt.Fprintf(app.Out, msgAuditTotal, len(entries))
	return nil
}
