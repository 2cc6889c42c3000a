package main

import (
	"context"
	"fmt"

	taizhang "taizhang"
	"taizhang/cycle"

	"github.com/spf13/cobra"
)

type deadlineOptions struct {
	Period taizhang.Period
	Agency string
	Until  taizhang.Date
	Reason string
	Force  bool
}

func newDeadlineCmd(app *App, run func(context.Context, *App, deadlineOptions) error) *cobra.Command {
	var opts deadlineOptions
	cmd := &cobra.Command{
		Use:   "deadline --period 報告期 --agency 單位 --until 日期 --reason 原因",
		Short: "調整一個單位本期的報送截止日期(如批准延期),記錄原因;提前須加 --force",
		Args:  exactArgs(0, "不帶參數"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := needPeriod(opts.Period); err != nil {
				return err
			}
			if opts.Agency == "" {
				return usagef(msgNeedAgency)
			}
			if opts.Until.IsZero() {
				return usagef(msgNeedUntil)
			}
			return run(cmd.Context(), app, opts)
		},
	}
	f := cmd.Flags()
	periodFlag(f, &opts.Period, "報告期")
	f.StringVar(&opts.Agency, "agency", "", "`單位`(別名、繁簡體均可)")
	dateFlag(f, &opts.Until, "until", "新的報送截止日期 YYYY-MM-DD")
	f.StringVar(&opts.Reason, "reason", "", "`原因`(必填,記入歷史)")
	f.BoolVar(&opts.Force, "force", false, "允許提前截止日期,或早於報告期結束")
	return cmd
}

func runDeadline(ctx context.Context, app *App, opts deadlineOptions) error {
	s, err := app.open(ctx, false)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := s.ExtendDeadline(ctx, cycle.DeadlineRequest{Period: opts.Period, Agency: opts.Agency, Until: opts.Until, Reason: opts.Reason, Force: opts.Force})
	if err != nil {
		return err
	}
	if res.To.Before(res.From) {
		fmt.Fprintf(app.Out, msgDeadlineShortened, res.Agency, opts.Period.Label(), res.From, res.To, res.From.DaysSince(res.To), opts.Reason)
	} else {
		fmt.Fprintf(app.Out, msgDeadlineExtended, res.Agency, opts.Period.Label(), res.From, res.To, res.To.DaysSince(res.From), opts.Reason)
	}
	return nil
}

type versionOptions struct {
	Period  taizhang.Period
	Agency  string
	Version int
	Reason  string
}

func newVersionCmd(app *App, use, short string, run func(context.Context, *App, versionOptions) error) *cobra.Command {
	var opts versionOptions
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  exactArgs(0, "不帶參數"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := needPeriod(opts.Period); err != nil {
				return err
			}
			if opts.Agency == "" {
				return usagef(msgNeedAgency)
			}
			if opts.Version < 0 {
				return usagef(msgBadVersion)
			}
			return run(cmd.Context(), app, opts)
		},
	}
	f := cmd.Flags()
	periodFlag(f, &opts.Period, "報告期")
	f.StringVar(&opts.Agency, "agency", "", "`單位`(別名、繁簡體均可)")
	f.IntVar(&opts.Version, "version", 0, "版本號(見 taizhang status --period 報告期 --agency 單位)")
	f.StringVar(&opts.Reason, "reason", "", "`原因`(必填,記入歷史)")
	return cmd
}

func newWithdrawCmd(app *App, run func(context.Context, *App, versionOptions) error) *cobra.Command {
	return newVersionCmd(app, "withdraw --period 報告期 --agency 單位 [--version 版本號] --reason 原因",
		"撤回一個單位報錯的一版(默認現行版本):之前最新的一版成為現行版本,撤回的版本留在歷史中", run)
}

func newRestoreCmd(app *App, run func(context.Context, *App, versionOptions) error) *cobra.Command {
	return newVersionCmd(app, "restore --period 報告期 --agency 單位 --version 版本號 --reason 原因",
		"把一個單位的某一版(撤回的或較舊的)恢復為現行版本", run)
}

func runWithdraw(ctx context.Context, app *App, opts versionOptions) error {
	return changeVersion(ctx, app, opts, (*cycle.Service).Withdraw, msgWithdrawn)
}

func runRestore(ctx context.Context, app *App, opts versionOptions) error {
	return changeVersion(ctx, app, opts, (*cycle.Service).Restore, msgRestored)
}

// changeVersion makes the change and says what it did with done (msgWithdrawn or msgRestored).
func changeVersion(ctx context.Context, app *App, opts versionOptions,
	change func(*cycle.Service, context.Context, cycle.VersionRequest) (*cycle.VersionResult, error), done string) error {
	s, err := app.open(ctx, false)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := change(s, ctx, cycle.VersionRequest{Period: opts.Period, Agency: opts.Agency, Version: opts.Version, Reason: opts.Reason})
	if err != nil {
		return err
	}
	cur := msgNoCurrentVersion
	if res.Current != nil {
		cur = fmt.Sprintf(msgCurrentVersion, res.Current.Version, res.Current.File)
	}
	fmt.Fprintf(app.Out, done, res.Agency, opts.Period.Label(), res.Version.Version, res.Version.File, cur)
	return nil
}
