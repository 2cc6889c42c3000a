package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sort"
	"time"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/ingest"
	"taizhang/office"
	"taizhang/store"
	"taizhang/templates"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
)

type ingestOptions struct {
	Paths         []string
	AllowUnsigned bool
	Jobs          int
	Period        string
}

func newIngestCmd(app *App, run func(context.Context, *App, ingestOptions) error) *cobra.Command {
	var opts ingestOptions
	cmd := &cobra.Command{
		Use:   "ingest PATH... [--allow-unsigned] [--jobs N] [--period P]",
		Short: "導入各單位報回的臺賬(文件或目錄,遞歸);逐一校驗,每個文件一個事務,原件按SHA-256歸檔",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("請給出要導入的文件或目錄")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if opts.Jobs < 0 {
				return usagef("--jobs 不能為負數")
			}
			if opts.Period != "" {
				if err := checkPeriod(opts.Period); err != nil {
					return err
				}
			}
			return run(cmd.Context(), app, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.AllowUnsigned, "allow-unsigned", false, "校驗不通過或缺少_meta的臺賬也導入(記為問題)")
	cmd.Flags().IntVar(&opts.Jobs, "jobs", runtime.NumCPU(), "並行讀取的文件數")
	cmd.Flags().StringVar(&opts.Period, "period", "", "只接收這個報告期的臺賬,其他報告期的拒收")
	return cmd
}

func runIngest(ctx context.Context, app *App, opts ingestOptions) error {
	s, _, _, err := app.loadPlan(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := s.SigningKey(ctx); errors.Is(err, store.ErrNoKey) {
		return fmt.Errorf("數據庫中沒有簽名密鑰,無法校驗臺賬。請先運行 taizhang init")
	}
	conv := office.Find()
	iopts := ingest.Options{Jobs: opts.Jobs, AllowUnsigned: opts.AllowUnsigned, Period: opts.Period, Limits: excel.DefaultLimits, Converter: conv}
	var bar *progressbar.ProgressBar
	if f, ok := app.Err.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
		iopts.Progress = func(done, total int) {
			if bar == nil {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription("導入臺賬"),
					progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
			}
			bar.Set(done)
		}
	}
	sum, err := ingest.Run(ctx, s, opts.Paths, iopts)
	if bar != nil {
		bar.Finish()
	}
	if sum != nil {
		for _, o := range sum.Outcomes {
			switch o.Kind {
			case ingest.Accepted, ingest.Superseded:
				note := ""
				if o.Kind == ingest.Superseded {
					note = ",替換此前版本"
				}
				if o.Flagged > 0 {
					note += fmt.Sprintf(",%d個數值存疑", o.Flagged)
				}
				fmt.Fprintf(app.Out, "接收 %s:%s %s 第%d版%s\n", o.Path, o.Agency, o.Period, o.Version, note)
			case ingest.Duplicate:
				fmt.Fprintf(app.Out, "重複 %s:相同內容已導入過,跳過\n", o.Path)
			}
		}
		for _, sk := range sum.Skipped {
			fmt.Fprintf(app.Out, "跳過 %s:%s\n", sk.Path, sk.Why)
		}
		ingest.WriteSummary(app.Out, sum)
		if conv.Soffice == "" {
			for _, o := range sum.Outcomes {
				if o.Code == ingest.CodeConvert {
					fmt.Fprintln(app.Err, ingest.InstallHint)
					break
				}
			}
		}
	}
	if errors.Is(err, ingest.ErrRejected) {
		return rejectedError{fmt.Sprintf("%d個文件被拒收(原因見上),其餘文件已導入", sum.Count[ingest.Rejected])}
	}
	return err
}

type statusOptions struct {
	Period string
	JSON   bool
}

func newStatusCmd(app *App, run func(context.Context, *App, statusOptions) error) *cobra.Command {
	var opts statusOptions
	cmd := &cobra.Command{
		Use:   "status --period P [--json]",
		Short: "各單位本期臺賬:是否下發、是否報回、何時、第幾版、填了多少行、多少數值存疑",
		Args:  exactArgs(0, "不帶參數"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkPeriod(opts.Period); err != nil {
				return err
			}
			return run(cmd.Context(), app, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Period, "period", "", "報告期")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "輸出JSON")
	return cmd
}

type statusJSON struct {
	Period   string         `json:"period"`
	AsOf     string         `json:"as_of"`
	Agencies []agencyJSON   `json:"agencies"`
	Totals   map[string]int `json:"totals"`
}

type agencyJSON struct {
	Agency     string        `json:"agency"`
	State      string        `json:"state"` // not_sent, missing, overdue, returned, late
	TemplateID string        `json:"template_id,omitempty"`
	SentAt     string        `json:"sent_at,omitempty"`
	Deadline   string        `json:"deadline,omitempty"`
	ReturnedAt string        `json:"returned_at,omitempty"`
	Version    int           `json:"version,omitempty"`
	Rows       int           `json:"rows"`
	Filled     int           `json:"filled"`
	Flagged    int           `json:"flagged"`
	Filler     string        `json:"filler,omitempty"`
	Phone      string        `json:"phone,omitempty"`
	Versions   []versionJSON `json:"versions"`
}

type versionJSON struct {
	Version    int    `json:"version"`
	File       string `json:"file"`
	SHA256     string `json:"sha256"`
	IngestedAt string `json:"ingested_at"`
	Current    bool   `json:"current"`
}

var stateLabels = map[string]string{"not_sent": "未下發", "missing": "未報送", "overdue": "逾期未報", "returned": "已報送", "late": "逾期報送"}

func runStatus(ctx context.Context, app *App, opts statusOptions) error {
	period, _ := taizhang.ParsePeriod(opts.Period)
	s, plan, _, err := app.loadPlan(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	statuses, err := s.Status(ctx, period.String())
	if err != nil {
		return err
	}
	now := app.Now()
	byAgency := map[string]store.ReturnStatus{}
	for _, st := range statuses {
		byAgency[st.Agency] = st
	}
	agencies, _ := templates.Responsible(plan)
	for _, st := range statuses { // agencies no longer in the catalog but with history
		if !contains(agencies, st.Agency) {
			agencies = append(agencies, st.Agency)
		}
	}
	out := statusJSON{Period: period.String(), AsOf: now.Format("2006-01-02"), Totals: map[string]int{}}
	for _, a := range agencies {
		st := byAgency[a]
		aj := agencyJSON{Agency: a, Rows: st.TotalRows, Filled: st.Filled, Flagged: st.Flagged, Versions: []versionJSON{}}
		if aj.Rows == 0 {
			aj.Rows = len(templates.RowsFor(plan, a))
		}
		deadline := period.End().AddDate(0, 0, 10)
		if st.Template != nil {
			aj.TemplateID, aj.SentAt, aj.Deadline = st.Template.ID, st.Template.IssuedAt, st.Template.Deadline
			if d, err := time.Parse("2006-01-02", st.Template.Deadline); err == nil {
				deadline = d
			}
		}
		endOfDeadline := deadline.AddDate(0, 0, 1)
		switch {
		case len(st.Versions) > 0:
			cur := st.Versions[0]
			aj.ReturnedAt, aj.Version, aj.Filler, aj.Phone = cur.IngestedAt, cur.Version, cur.Filler, cur.Phone
			aj.State = "returned"
			first := st.Versions[len(st.Versions)-1]
			if t, err := time.Parse(time.RFC3339, first.IngestedAt); err == nil && st.Template != nil && t.After(endOfDeadline) {
				aj.State = "late"
			}
			for _, v := range st.Versions {
				aj.Versions = append(aj.Versions, versionJSON{Version: v.Version, File: v.FileName, SHA256: v.SHA256, IngestedAt: v.IngestedAt, Current: v.SupersededBy == nil})
			}
		case st.Template == nil:
			aj.State = "not_sent"
		case now.After(endOfDeadline):
			aj.State = "overdue"
		default:
			aj.State = "missing"
		}
		out.Totals[aj.State]++
		out.Agencies = append(out.Agencies, aj)
	}
	if opts.JSON {
		enc := json.NewEncoder(app.Out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	fmt.Fprintf(app.Out, "%s 報送情況(截至%s)\n", period.Label(), out.AsOf)
	fmt.Fprintln(app.Out, pad("單位", 34)+pad("狀態", 10)+pad("截止", 12)+pad("報回時間", 22)+pad("版本", 14)+pad("已填/行數", 11)+"存疑")
	for _, a := range out.Agencies {
		ver := ""
		if a.Version > 0 {
			ver = fmt.Sprintf("第%d版", a.Version)
			if len(a.Versions) > 1 {
				ver += fmt.Sprintf("(共%d版)", len(a.Versions))
			}
		}
		fmt.Fprintln(app.Out, pad(a.Agency, 34)+pad(stateLabels[a.State], 10)+pad(a.Deadline, 12)+pad(a.ReturnedAt, 22)+pad(ver, 14)+
			pad(fmt.Sprintf("%d/%d", a.Filled, a.Rows), 11)+fmt.Sprint(a.Flagged))
	}
	keys := make([]string, 0, len(out.Totals))
	for k := range out.Totals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprint(app.Out, "合計:")
	for _, k := range keys {
		fmt.Fprintf(app.Out, " %s %d", stateLabels[k], out.Totals[k])
	}
	fmt.Fprintln(app.Out)
	return nil
}
