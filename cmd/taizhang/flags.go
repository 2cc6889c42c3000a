package main

import (
	"context"
	taizhang "taizhang"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// periodValue is a --period flag, checked as it is parsed: options carry a taizhang.Period.
type periodValue struct{ p *taizhang.Period }

func (v periodValue) String() string {
	if v.p == nil || v.p.Year == 0 {
		return ""
	}
	return v.p.String()
}

func (v periodValue) Set(s string) error {
	p, err := taizhang.ParsePeriod(s)
	if err != nil {
		return valueError{err}
	}
	*v.p = p
	return nil
}

func (periodValue) Type() string { return "period" }

// dateValue is a date flag (--deadline, --until, --as-of).
type dateValue struct{ d *taizhang.Date }

func (v dateValue) String() string {
	if v.d == nil {
		return ""
	}
	return v.d.String()
}

func (v dateValue) Set(s string) error {
	d, err := taizhang.ParseDate(s)
	if err != nil {
		return valueError{err}
	}
	*v.d = d
	return nil
}

func (dateValue) Type() string { return "date" }

// valueError is why one of our flag types refused a value, already said in Chinese; pflag's own
// types say it in Go's English (strconv), which flagError leaves out.
type valueError struct{ err error }

func (e valueError) Error() string { return e.err.Error() }
func (e valueError) Unwrap() error { return e.err }

func periodFlag(f *pflag.FlagSet, p *taizhang.Period, usage string) {
	f.Var(periodValue{p}, "period", usage)
}

func dateFlag(f *pflag.FlagSet, d *taizhang.Date, name, usage string) {
	f.Var(dateValue{d}, name, usage)
}

// periodCommand finishes a command that takes no arguments and needs --period, the shape of most
// commands: it registers --period and runs run once the period is there.
func periodCommand(cmd *cobra.Command, period *taizhang.Period, run func(context.Context) error) *cobra.Command {
	cmd.Args = exactArgs(0, "不帶參數")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if err := needPeriod(*period); err != nil {
			return err
		}
		return run(cmd.Context())
	}
	periodFlag(cmd.Flags(), period, "報告期")
	return cmd
}

// needPeriod is the usage error for a command run without --period.
func needPeriod(p taizhang.Period) error {
	if p.Year == 0 {
		return usagef(msgNeedPeriod)
	}
	return nil
}
