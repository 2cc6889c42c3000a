package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"os/user"
	"strings"
	"syscall"

	taizhang "taizhang"
	"taizhang/access"
	"taizhang/cycle"

	"github.com/spf13/cobra"
	"golang.org/x/text/width"
)

// Exit statuses (Contract 1).
const (
	exitOK      = 0
	exitError   = 1
	exitUsage   = 2
	exitRefused = 3
)

// App carries what every command needs: where to write, which database, what time it is, who acts.
type App struct {
	Out, Err io.Writer
	DBPath   string
	Clock    cycle.Clock
	User     string
	Office   cycle.Office
	Script   taizhang.Script // what people read; "" until known (see App.script)
}

// open opens the service over the database; only init and demo create one.
func (app *App) open(ctx context.Context, create bool) (*cycle.Service, error) {
	return cycle.Open(ctx, cycle.Options{Path: app.DBPath, Create: create, Clock: app.Clock, User: app.User, Office: app.Office})
}

// openAccess opens the service and access to its database (links, accounts, the audit trail).
// Close both, access first.
func (app *App) openAccess(ctx context.Context) (*cycle.Service, *access.Service, error) {
	s, err := app.open(ctx, false)
	if err != nil {
		return nil, nil, err
	}
	acc, err := access.New(ctx, s)
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return s, acc, nil
}

// usageError marks a command line that cannot be run as written (exit status 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// errRefused marks a command that finished but refused some input (exit status 3).
var errRefused = errors.New("some input was refused")

// refusedError carries the Chinese message of a run that refused some input.
type refusedError struct{ msg string }

func (e refusedError) Error() string { return e.msg }
func (e refusedError) Unwrap() error { return errRefused }

// Main runs the command line and returns the exit status. Ctrl-C cancels the command cleanly:
// ingest stops taking files and commits nothing half-read, templates records every ledger it
// leaves, and each says what became of its work. A second Ctrl-C ends the process at once.
func Main(args []string, stdout, stderr io.Writer) int {
	return mainApp(&App{User: currentUser(), Office: cycle.FindOffice()}, os.Getenv, args, stdout, stderr)
}

// mainApp is Main for an App whose user and LibreOffice are given (tests give a stand-in), with
// getenv for the environment (tests give TAIZHANG_NOW without setting it for the whole process).
func mainApp(app *App, getenv func(string) string, args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // the next signal has its default effect
	}()
	out := &scriptWriter{w: stdout, to: app.script}
	errOut := &scriptWriter{w: stderr, to: app.script}
	defer out.Flush()
	defer errOut.Flush()
	app.Out, app.Err = out, errOut
	err := setup(app, getenv)
	if err == nil {
		root := newRootCmd(app)
		root.SetArgs(args)
		root.SetOut(out)
		root.SetErr(errOut)
		err = root.ExecuteContext(ctx)
	}
	if err == nil {
		return exitOK
	}
	out.Flush()
	var known *cycle.Error
	if errors.Is(err, context.Canceled) && !errors.As(err, &known) {
		err = errors.New(msgInterrupted) // not Go's "context canceled"
	}
	fmt.Fprintln(errOut, msgErrorPrefix+err.Error())
	return exitCode(err)
}

// setup reads the environment: the database (TAIZHANG_DB) and the clock (TAIZHANG_NOW).
func setup(app *App, getenv func(string) string) error {
	app.DBPath = getenv("TAIZHANG_DB")
	if app.DBPath == "" {
		app.DBPath = defaultDB
	}
	clock, err := cycle.ParseClock(getenv("TAIZHANG_NOW"))
	if err != nil {
		return usageError{err}
	}
	app.Clock = clock
	return nil
}

const defaultDB = "taizhang.db"

func exitCode(err error) int {
	var ue usageError
	switch {
	case errors.As(err, &ue), errors.Is(err, cycle.ErrInput):
		return exitUsage
	case errors.Is(err, errRefused), errors.Is(err, cycle.ErrSomeRefused):
		return exitRefused
	}
	return exitError
}

func currentUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return os.Getenv("USER")
}

func newRootCmd(app *App) *cobra.Command {
	root := &cobra.Command{
		Use:           "taizhang",
		Short:         "工作計劃臺賬:目錄、分單位臺賬、回收、核對、匯總",
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          noSuchCommand,
		RunE:          func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	setupHelp(root)
	root.PersistentFlags().StringVar(&app.DBPath, "db", app.DBPath, "數據庫`文件`(也可用環境變量 TAIZHANG_DB 指定)")
	root.AddCommand(newInitCmd(app, runInit), newCatalogCmd(app, runCatalogExport, runCatalogImport), newTemplatesCmd(app, runTemplates),
		newIngestCmd(app, runIngest), newStatusCmd(app, runStatus), newReconcileCmd(app, runReconcile), newReportCmd(app, runReport),
		newFeedbackCmd(app, runFeedback), newRemindCmd(app, runRemind), newDeadlineCmd(app, runDeadline),
		newWithdrawCmd(app, runWithdraw), newRestoreCmd(app, runRestore), newConfigCmd(app, runConfig), newDemoCmd(app, runDemo),
		newServeCmd(app, runServe), newLinksCmd(app, runLinks), newUserCmd(app, runUserAdd), newAuditCmd(app, runAudit),
		newHistoryCmd(app, runHistory)) // issue 14: the web server
	for _, c := range root.Commands() {
		c.Args = wrapArgs(c.Args)
	}
	return root
}

// noSuchCommand is the Args of a command with subcommands: without it, cobra reports an unknown
// subcommand as an untyped error.
func noSuchCommand(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return unknownCommand(cmd, args[0])
	}
	return nil
}

// wrapArgs turns cobra's own argument errors into usage errors (exit 2).
func wrapArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	if check == nil {
		return nil
	}
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			var ue usageError
			if errors.As(err, &ue) {
				return err
			}
			return usageError{err}
		}
		return nil
	}
}

func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case n == 0 && len(args) > 0 && cmd.Flags().Lookup("period") != nil:
			return usagef(msgNoArgsPeriod, cmd.CommandPath(), strings.Join(args, " "), cmd.CommandPath())
		case n == 0 && len(args) > 0:
			return usagef(msgNoArgs, cmd.CommandPath(), strings.Join(args, " "), cmd.CommandPath())
		case len(args) != n:
			return usagef(msgArgs, cmd.CommandPath(), what)
		}
		return nil
	}
}

// pad left-aligns s in a column w display cells wide (a Chinese character takes two).
func pad(s string, w int) string {
	width := displayWidth(s)
	if width >= w {
		return s + " "
	}
	return s + strings.Repeat(" ", w-width)
}

// displayWidth is how many terminal cells s takes: two for each East Asian wide or full-width
// character, one for any other.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}
