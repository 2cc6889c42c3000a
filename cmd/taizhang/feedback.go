package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	taizhang "taizhang"
	"taizhang/cycle"

	"github.com/spf13/cobra"
)

type feedbackOptions struct {
	Period   taizhang.Period
	Out      string
	Agencies []string
	Deadline taizhang.Date
	Reason   string
}

func newFeedbackCmd(app *App, run func(context.Context, *App, feedbackOptions) error) *cobra.Command {
	var opts feedbackOptions
	cmd := &cobra.Command{
		Use:   "feedback --period 報告期 --out 目錄 [--agency 單位]... [--deadline 日期 --reason 原因]",
		Short: "把各單位報回的原表退回修改:問題單元格標紅並加批註,首頁列出全部問題;未報送的單位發空白臺賬(截止日期不變)",
		Args:  exactArgs(0, "不帶參數"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := needPeriod(opts.Period); err != nil {
				return err
			}
			if opts.Out == "" {
				return usagef(msgNeedOutDir)
			}
			return run(cmd.Context(), app, opts)
		},
	}
	f := cmd.Flags()
	periodFlag(f, &opts.Period, "報告期")
	f.StringVar(&opts.Out, "out", "", "輸出`目錄`")
	f.StringArrayVar(&opts.Agencies, "agency", nil, "只處理這些`單位`(可重複)")
	dateFlag(f, &opts.Deadline, "deadline", "給未報送單位的新截止日期(只能延長,記入歷史);不指定時沿用原截止日期")
	f.StringVar(&opts.Reason, "reason", "", "延期的`原因`(給出 --deadline 時必填,記入歷史)")
	return cmd
}

func runFeedback(ctx context.Context, app *App, opts feedbackOptions) error {
	s, err := app.open(ctx, false)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := s.Feedback(ctx, cycle.FeedbackRequest{Period: opts.Period, Out: opts.Out, Agencies: opts.Agencies, Deadline: opts.Deadline, Reason: opts.Reason})
	if res != nil && (err == nil || len(res.Files) > 0) {
		printFeedback(app, opts, res, true)
	}
	if err == nil && len(res.Skipped) > 0 {
		return fmt.Errorf(msgFeedbackFailed, len(res.Skipped))
	}
	return err
}

func printFeedback(app *App, opts feedbackOptions, res *cycle.FeedbackResult, verbose bool) {
	blank := 0
	for _, f := range res.Files {
		if f.Blank {
			blank++
		}
		if verbose {
			fmt.Fprintf(app.Out, msgFeedbackFile, taizhang.Quote(filepath.Base(f.Path)), f.Items)
		}
	}
	for _, sk := range res.Skipped {
		fmt.Fprintf(app.Out, msgFeedbackSkipped, sk[0], sk[1])
	}
	fmt.Fprintf(app.Out, msgFeedbackWritten, len(res.Files), blank, taizhang.Quote(opts.Out), res.Clean)
}

type remindOptions struct {
	Period taizhang.Period
	Out    string
}

func newRemindCmd(app *App, run func(context.Context, *App, remindOptions) error) *cobra.Command {
	var opts remindOptions
	cmd := periodCommand(&cobra.Command{
		Use:   "remind --period 報告期 [--out 文件.xlsx|文件.pdf]",
		Short: "催報清單:哪些單位未報送、哪些行未填、哪些數值要更正,聯繫人和逾期天數",
	}, &opts.Period, func(ctx context.Context) error { return run(ctx, app, opts) })
	cmd.Flags().StringVar(&opts.Out, "out", "", "另存為`文件`:.xlsx 工作簿,或 .pdf(需LibreOffice)")
	return cmd
}

func runRemind(ctx context.Context, app *App, opts remindOptions) error {
	s, v, err := app.view(ctx, cycle.ViewRequest{Period: opts.Period})
	if err != nil {
		return err
	}
	defer s.Close()
	printChase(app, v)
	if opts.Out == "" {
		return nil
	}
	if err := s.WriteChase(ctx, v, opts.Out); err != nil {
		return err
	}
	fmt.Fprintf(app.Out, msgChaseSaved, taizhang.Quote(opts.Out))
	return nil
}

func printChase(app *App, v *cycle.View) {
	fmt.Fprintf(app.Out, msgChaseTitle, v.Period.Label(), v.Now.Format(taizhang.TimeLayout), len(v.Chase))
	fmt.Fprintln(app.Out, pad("單位", 30)+pad("缺少或需更正", 34)+pad("聯繫人及電話", 28)+pad("截止", 12)+"期限")
	for _, it := range v.Chase {
		fmt.Fprintln(app.Out, pad(it.Agency, 30)+pad(strings.Join(it.Missing, ";"), 34)+pad(it.Contact, 28)+pad(it.Deadline.String(), 12)+
			cycle.ChaseDeadlineNote(it))
	}
}
