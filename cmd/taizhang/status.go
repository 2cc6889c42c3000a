package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	taizhang "taizhang"
	"taizhang/cycle"

	"github.com/spf13/cobra"
)

type statusOptions struct {
	Period taizhang.Period
	Agency string // one agency, with its versions
	JSON   bool
}

func newStatusCmd(app *App, run func(context.Context, *App, statusOptions) error) *cobra.Command {
	var opts statusOptions
	cmd := periodCommand(&cobra.Command{
		Use:   "status --period 報告期 [--agency 單位] [--json]",
		Short: "各單位本期臺賬:是否下發、截止日期、是否報回、何時、第幾版、填了多少行、多少數值存疑",
	}, &opts.Period, func(ctx context.Context) error { return run(ctx, app, opts) })
	cmd.Flags().StringVar(&opts.Agency, "agency", "", "只看這個`單位`,並列出它的各個版本(文件、報回時間、誰導入的),供 withdraw、restore 的 --version 使用")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "以JSON格式輸出,供程序讀取")
	return cmd
}

func runStatus(ctx context.Context, app *App, opts statusOptions) error {
	s, err := app.open(ctx, false)
	if err != nil {
		return err
	}
	defer s.Close()
	if opts.Agency != "" && !opts.JSON {
		tl, err := s.Timeline(ctx, cycle.TimelineRequest{Period: opts.Period, Agency: opts.Agency})
		if err != nil {
			return err
		}
		printVersions(app.Out, tl)
		fmt.Fprintf(app.Out, msgVersionsHistory, opts.Period, tl.Agency)
		return nil
	}
	v, err := s.View(ctx, cycle.ViewRequest{Period: opts.Period})
	if err != nil {
		return err
	}
	if opts.JSON && opts.Agency != "" {
		agency, err := v.Agency(opts.Agency)
		if err != nil {
			return err
		}
		for _, j := range v.StatesJSON() {
			if j.Agency == agency {
				return writeJSON(app.Out, j)
			}
		}
		return fmt.Errorf(msgNoStateFor, agency, opts.Period.Label())
	}
	if opts.JSON {
		return writeJSON(app.Out, v.StatusJSON())
	}
	printStatus(app.Out, v)
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// printStatus is the reporting table: one line per agency, times in the plan's time zone.
func printStatus(w io.Writer, v *cycle.View) {
	loc := v.Now.Location()
	fmt.Fprintf(w, msgStatusTitle, v.Period.Label(), v.Now.Format(taizhang.TimeLayout))
	fmt.Fprintln(w, pad("單位", 32)+pad("狀態", 10)+pad("截止", 12)+pad("期限", 10)+pad("首次報回", 18)+pad("現行版本", 16)+pad("已填/行數", 10)+"存疑")
	totals := map[taizhang.ReportState]int{}
	for _, j := range v.StatesJSON() {
		st := v.State(j.Agency)
		totals[st.State]++
		deadline := j.Deadline
		if j.Extended || j.Shortened {
			deadline += "*"
		}
		first := ""
		switch {
		case j.FirstReceived != nil:
			first = j.FirstReceived.In(loc).Format(taizhang.TimeLayout)
		case j.Refused != nil:
			first = msgStatusRefusedMark // explained below the table
		}
		ver := ""
		if j.Version > 0 {
			ver = fmt.Sprintf(msgStatusVersion, j.Version)
			if len(j.Versions) > 1 {
				ver += fmt.Sprintf(msgStatusVersions, len(j.Versions))
			}
		}
		if st.Empty {
			ver += msgStatusEmpty
		}
		fmt.Fprintln(w, pad(j.Agency, 32)+pad(st.State.Label(taizhang.Traditional), 10)+pad(deadline, 12)+pad(cycle.DeadlineNote(st.State, st.DaysLate, st.DaysLeft), 10)+
			pad(first, 18)+pad(ver, 16)+pad(fmt.Sprintf("%d/%d", j.Filled, j.Rows), 10)+fmt.Sprint(j.Flagged))
	}
	fmt.Fprint(w, msgStatusTotals)
	for _, state := range taizhang.ReportStates {
		if totals[state] > 0 {
			fmt.Fprintf(w, " %s %d", state.Label(taizhang.Traditional), totals[state])
		}
	}
	fmt.Fprintln(w)
	for _, st := range v.States {
		if r := st.Refused; r != nil {
			fmt.Fprintf(w, msgStatusRefused, st.Agency, r.ReceivedAt.In(loc).Format(taizhang.TimeLayout), taizhang.Verbatim(r.File), r.Reason)
		}
	}
	for _, st := range v.States {
		if st.Extended || st.Shortened {
			fmt.Fprintf(w, msgStatusExtended, v.Period)
			break
		}
	}
}
