package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	taizhang "taizhang"
	"taizhang/store"

	"github.com/spf13/cobra"
)

// Exit statuses (Contract 1).
const (
	exitOK       = 0
	exitError    = 1
	exitUsage    = 2
	exitRejected = 3
)

// App carries what every command needs: where to write and which database to use.
type App struct {
	Out, Err io.Writer
	DBPath   string
	Now      func() time.Time
}

// usageError marks a command line that cannot be run as written (exit status 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// errRejected marks a command that finished but rejected some input (exit status 3).
var errRejected = errors.New("some input was rejected")

// rejectedError carries the Chinese message of a run that rejected some input.
type rejectedError struct{ msg string }

func (e rejectedError) Error() string { return e.msg }
func (e rejectedError) Unwrap() error { return errRejected }

// pad left-aligns s in a column w display cells wide (a Chinese character takes two).
func pad(s string, w int) string {
	width := 0
	for _, r := range s {
		if r >= 0x1100 {
			width += 2
		} else {
			width++
		}
	}
	if width >= w {
		return s + " "
	}
	return s + strings.Repeat(" ", w-width)
}

const exitHelp = `
EXIT STATUS
  0  成功
  1  出錯(錯誤信息說明原因和處理辦法)
  2  命令行用法有誤
  3  命令已完成,但有輸入文件被拒收(逐一列出原因)
`

// Main runs the command line and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	app := &App{Out: stdout, Err: stderr, Now: time.Now}
	root := newRootCmd(app)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(context.Background())
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, "錯誤:"+err.Error())
	var ue usageError
	switch {
	case errors.As(err, &ue), isCobraUsage(err):
		return exitUsage
	case errors.Is(err, errRejected):
		return exitRejected
	}
	return exitError
}

// isCobraUsage recognises cobra's own command-line errors, which it does not type.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand", "flag needs an argument", "invalid argument", "accepts ", "requires at least"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

func newRootCmd(app *App) *cobra.Command {
	root := &cobra.Command{
		Use:           "taizhang",
		Short:         "工作計劃臺賬:目錄、分單位臺賬、回收、核對、匯總",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRun: func(cmd *cobra.Command, args []string) {
			if app.DBPath == "" {
				app.DBPath = "taizhang.db"
			}
		},
	}
	root.SetHelpTemplate(root.HelpTemplate() + exitHelp)
	def := os.Getenv("TAIZHANG_DB")
	if def == "" {
		def = "taizhang.db"
	}
	root.PersistentFlags().StringVar(&app.DBPath, "db", def, "數據庫文件 (環境變量 TAIZHANG_DB)")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newInitCmd(app, runInit), newCatalogCmd(app, runCatalogExport, runCatalogImport), newTemplatesCmd(app, runTemplates), newIngestCmd(app, runIngest), newStatusCmd(app, runStatus), newReconcileCmd(app, runReconcile), newReportCmd(app, runReport), newFeedbackCmd(app, runFeedback), newRemindCmd(app, runRemind), newDemoCmd(app, runDemo))
	return root
}

func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("%s 需要%s", cmd.CommandPath(), what)
		}
		return nil
	}
}

// openStore opens the database named by --db, creating its folder.
func (app *App) openStore(ctx context.Context) (*store.Store, error) {
	if dir := filepath.Dir(app.DBPath); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("無法創建數據庫目錄 %s:%w", dir, err)
		}
	}
	s, err := store.Open(ctx, app.DBPath)
	if err != nil {
		return nil, fmt.Errorf("無法打開數據庫 %s:%w", app.DBPath, err)
	}
	s.Now = app.Now
	return s, nil
}

// loadPlan opens the store and loads its plan, with the message a user needs when there is none.
// The caller closes the store.
func (app *App) loadPlan(ctx context.Context) (*store.Store, *taizhang.Plan, store.PlanInfo, error) {
	s, err := app.openStore(ctx)
	if err != nil {
		return nil, nil, store.PlanInfo{}, err
	}
	plan, info, err := s.Plan(ctx)
	if errors.Is(err, store.ErrNoPlan) {
		s.Close()
		return nil, nil, info, fmt.Errorf("數據庫 %s 中還沒有計劃。請先運行 taizhang init", app.DBPath)
	} else if err != nil {
		s.Close()
		return nil, nil, info, err
	}
	return s, plan, info, nil
}

// writeAtomic writes a file through a temporary file in the same folder and renames it into
// place, so a failure never leaves a half-written file under the real name.
func writeAtomic(path string, write func(w io.Writer) error) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// checkPeriod validates a --period value as a usage error.
func checkPeriod(p string) error {
	if _, err := taizhang.ParsePeriod(p); err != nil {
		return usageError{err}
	}
	return nil
}

// openPeriod opens the store and reconciles a period: what reconcile, report, feedback and remind
// all start from. The caller closes the store.
func (app *App) openPeriod(ctx context.Context, opts reconcileOptions) (*store.Store, *periodData, error) {
	s, plan, _, err := app.loadPlan(ctx)
	if err != nil {
		return nil, nil, err
	}
	d, err := loadPeriod(ctx, app, s, plan, opts)
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return s, d, nil
}
