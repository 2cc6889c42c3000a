package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	taizhang "taizhang"
	"taizhang/cycle"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

type ingestOptions struct {
	Paths         []string
	AllowUnsigned bool
	Jobs          int
	Period        taizhang.Period
	Received      string // when the files arrived: a date or date and time, in the plan's time zone
}

func newIngestCmd(app *App, run func(context.Context, *App, ingestOptions) error) *cobra.Command {
	var opts ingestOptions
	cmd := &cobra.Command{
		Use:   "ingest 路徑... [--received 時間] [--period 報告期] [--allow-unsigned] [--jobs 數字]",
		Short: "導入各單位報回的臺賬(文件或目錄,遞歸);逐一校驗,每個文件一個事務,原件按SHA-256歸檔",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef(msgNeedPaths)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if opts.Jobs < 0 {
				return usagef(msgBadJobs)
			}
			if opts.Received != "" {
				if _, err := taizhang.ParseMoment(opts.Received, time.UTC); err != nil {
					var input *taizhang.InputError
					if errors.As(err, &input) {
						return usagef(msgFlagBadInput, "--received", opts.Received, input.Why)
					}
					return usageError{err}
				}
			}
			return run(cmd.Context(), app, opts)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.AllowUnsigned, "allow-unsigned", false, "簽名校驗不通過、或隱藏的校驗工作表被刪除的臺賬也導入(記為問題)")
	f.IntVar(&opts.Jobs, "jobs", 0, "並行讀取的`文件數`(默認按CPU核數,最多4個;內存總量另有上限)")
	periodFlag(f, &opts.Period, "只接收這個報告期的臺賬,其他報告期的拒收")
	f.StringVar(&opts.Received, "received", "", "文件實際收到的`時間`(如郵件日期),2023-07-15 或 2023-07-15T09:30;默認為導入時間。"+
		"版本按報回時間排先後;報回時間相同的(如一個郵件目錄),按文件修改時間,再按文件名,較晚的為現行版本")
	return cmd
}

func runIngest(ctx context.Context, app *App, opts ingestOptions) error {
	s, err := app.open(ctx, false)
	if err != nil {
		return err
	}
	defer s.Close()
	if _, _, err := s.Plan(ctx); err != nil {
		return err
	}
	req := cycle.IngestRequest{Paths: opts.Paths, AllowUnsigned: opts.AllowUnsigned, Jobs: opts.Jobs}
	if opts.Period.Year != 0 {
		req.Period = &opts.Period
	}
	if opts.Received != "" {
		req.Received, _ = taizhang.ParseMoment(opts.Received, s.Location())
	}
	bar := progress(app)
	if bar != nil {
		req.Progress = bar.update
	}
	res, err := s.Ingest(ctx, req)
	bar.finish()
	if res != nil {
		printIngest(app, res, true)
	}
	if errors.Is(err, cycle.ErrSomeRefused) {
		if stored := res.Stored(); stored > 0 {
			return refusedError{fmt.Sprintf(msgIngestRefused, res.Count[cycle.FileRefused], stored)}
		}
		return refusedError{fmt.Sprintf(msgIngestNoneStored, res.Count[cycle.FileRefused])}
	}
	return err
}

// printIngest lists what happened to each file (when verbose) and sums the run up.
func printIngest(app *App, res *cycle.IngestResult, verbose bool) {
	if verbose {
		writeFiles(app.Out, res)
	}
	writeSummary(app.Out, res)
	if res.OfficeHint != "" {
		fmt.Fprintln(app.Err, res.OfficeHint)
	}
}

// bar is a progress bar on a terminal; nil elsewhere (its methods accept nil).
type bar struct{ b *progressbar.ProgressBar }

func progress(app *App) *bar {
	w := app.Err
	if sw, ok := w.(*scriptWriter); ok {
		w = sw.w
	}
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return &bar{}
}

func (b *bar) update(done, total int) {
	if b.b == nil {
		b.b = progressbar.NewOptions(total, progressbar.OptionSetWriter(os.Stderr), progressbar.OptionSetDescription(msgIngestProgress),
			progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
	}
	b.b.Set(done)
}

func (b *bar) finish() {
	if b != nil && b.b != nil {
		b.b.Finish()
	}
}
