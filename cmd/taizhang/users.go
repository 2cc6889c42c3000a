package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

type userAddOptions struct {
	Name  string
	Reset bool
	In    io.Reader // where the password is read from: a terminal (asked twice, not shown) or a pipe
}

func newUserCmd(app *App, runAdd func(context.Context, *App, userAddOptions) error) *cobra.Command {
	user := &cobra.Command{
		Use:   "user",
		Short: "協調辦登錄網上報送服務的賬戶",
		Args:  noSuchCommand,
		RunE:  func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	var opts userAddOptions
	add := &cobra.Command{
		Use:   "add 名稱 [--reset]",
		Short: "添加賬戶;密碼從終端輸入(不顯示),或從標準輸入讀一行",
		Args:  wrapArgs(exactArgs(1, "一個賬戶名稱")),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name, opts.In = args[0], cmd.InOrStdin()
			return runAdd(cmd.Context(), app, opts)
		},
	}
	add.Flags().BoolVar(&opts.Reset, "reset", false, "賬戶已存在時重設其密碼(並解除登錄鎖定)")
	user.AddCommand(add)
	return user
}

func runUserAdd(ctx context.Context, app *App, opts userAddOptions) error {
	s, acc, err := app.openAccess(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	defer acc.Close()
	password, err := readPassword(app, opts.In)
	if err != nil {
		return err
	}
	existed, err := acc.SetUser(ctx, opts.Name, password, opts.Reset)
	if err != nil {
		return err
	}
	done := msgUserAdded
	if existed {
		done = msgUserReset
	}
	fmt.Fprintf(app.Out, done, opts.Name)
	return nil
}

// readPassword asks twice on a terminal without echo, or reads one line from a pipe.
func readPassword(app *App, in io.Reader) (string, error) {
	if f, ok := in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(app.Err, msgPasswordPrompt)
		flush(app.Err)
		first, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(app.Err)
		if err != nil {
			return "", err
		}
		fmt.Fprint(app.Err, msgPasswordAgain)
		flush(app.Err)
		second, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(app.Err)
		if err != nil {
			return "", err
		}
		if string(first) != string(second) {
			return "", usagef(msgPasswordMismatch)
		}
		return string(first), nil
	}
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", usagef(msgPasswordNeeded)
	}
	return line, nil
}

func flush(w io.Writer) {
	if f, ok := w.(interface{ Flush() error }); ok {
		f.Flush()
	}
}
