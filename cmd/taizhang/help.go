package main

import (
	"errors"
	"fmt"
	"strings"

	taizhang "taizhang"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Help and usage in Chinese: cobra's own templates, help command and flag listing are English.
const usageTemplate = `用法:{{if (and .Runnable .HasParent)}}
  {{zhUseLine .}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} 命令 [選項]{{end}}{{if .HasExample}}

示例:
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

命令:{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

選項:
{{zhFlags .LocalFlags}}{{end}}{{if .HasAvailableInheritedFlags}}

全局選項:
{{zhFlags .InheritedFlags}}{{end}}{{if .HasAvailableSubCommands}}

各命令的詳細說明:{{.CommandPath}} 命令 --help{{end}}
`

const helpTemplate = `{{with (or .Long .Short)}}{{. | trimTrailingWhitespaces}}

{{end}}{{if or .Runnable .HasSubCommands}}{{.UsageString}}{{end}}`

func init() {
	cobra.AddTemplateFunc("zhFlags", zhFlags)
	cobra.AddTemplateFunc("zhUseLine", func(c *cobra.Command) string { return strings.Replace(c.UseLine(), "[flags]", "[選項]", 1) })
}

// zhFlags lists flags the way pflag does, with the value's name and default in Chinese.
func zhFlags(fs *pflag.FlagSet) string {
	type line struct{ left, usage string }
	var lines []line
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		left := "      --" + f.Name
		if f.Shorthand != "" {
			left = "  -" + f.Shorthand + ", --" + f.Name
		}
		name, usage := pflag.UnquoteUsage(f)
		if f.Value.Type() != "bool" {
			left += " " + valueName(f, name)
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
			usage += fmt.Sprintf(msgHelpDefault, f.DefValue)
		}
		lines = append(lines, line{left, usage})
		width = max(width, displayWidth(left))
	})
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(pad(l.left, width+2) + l.usage + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// valueName is what a flag takes, in words: the name quoted in its usage, else by type.
func valueName(f *pflag.Flag, name string) string {
	if strings.Contains(f.Usage, "`") {
		return name
	}
	switch f.Value.Type() {
	case "period":
		return helpPeriod
	case "date":
		return helpDate
	case "int", "int64":
		return helpNumber
	case "float64":
		return helpDecimal
	case "stringArray":
		return helpNames
	}
	return helpText
}

// setupHelp puts every word of help in Chinese: templates, the help command and flag, and no
// shell-completion command (offices have no use for it, and its help is English).
func setupHelp(root *cobra.Command) {
	root.SetUsageTemplate(usageTemplate)
	root.SetHelpTemplate(helpTemplate + exitHelp)
	root.CompletionOptions.DisableDefaultCmd = true
	root.PersistentFlags().BoolP("help", "h", false, "顯示幫助")
	root.SetHelpCommand(&cobra.Command{
		Use:   "help [命令]",
		Short: "顯示某個命令的幫助",
		Args:  wrapArgs(cobra.ArbitraryArgs),
		RunE: func(c *cobra.Command, args []string) error {
			cmd, rest, err := c.Root().Find(args)
			if cmd == nil || err != nil || len(rest) > 0 {
				return unknownCommand(c.Root(), strings.Join(args, " "))
			}
			return cmd.Help()
		},
	})
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return usageError{flagError(cmd, err)} })
}

// unknownCommand says there is no such command, and which one was probably meant.
func unknownCommand(parent *cobra.Command, name string) error {
	if parent.SuggestionsMinimumDistance <= 0 {
		parent.SuggestionsMinimumDistance = 2 // ingst → ingest, statu → status
	}
	if guesses := parent.SuggestionsFor(name); len(guesses) > 0 {
		return usagef(msgDidYouMean, name, strings.Join(guesses, "、"), parent.CommandPath())
	}
	return usagef(msgUnknownCommand, name, parent.CommandPath())
}

// flagError says in Chinese what is wrong with a flag, naming it. A command with subcommands
// given a word it does not know before the flag (taizhang statu --period …) has a mistyped
// command, not a wrong flag: that is what is said.
func flagError(cmd *cobra.Command, err error) error {
	if cmd.HasSubCommands() && len(cmd.Flags().Args()) > 0 {
		var ue usageError
		if errors.As(unknownCommand(cmd, cmd.Flags().Args()[0]), &ue) {
			return ue.err
		}
	}
	var (
		notExist *pflag.NotExistError
		required *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &notExist):
		return fmt.Errorf(msgNoSuchFlag, cmd.CommandPath(), flagName(notExist.GetSpecifiedName(), notExist.GetSpecifiedShortnames()), cmd.CommandPath())
	case errors.As(err, &required):
		return fmt.Errorf(msgFlagNeedsValue, "--"+required.GetFlag().Name)
	case errors.As(err, &invalid):
		var input *taizhang.InputError
		if errors.As(invalid, &input) { // says what is wrong itself, without repeating the value
			return fmt.Errorf(msgFlagBadInput, "--"+invalid.GetFlag().Name, invalid.GetValue(), input.Why)
		}
		why := ""
		var ours valueError
		if errors.As(invalid, &ours) {
			why = ":" + ours.Error()
		}
		return fmt.Errorf(msgFlagBadValue, "--"+invalid.GetFlag().Name, invalid.GetValue(), why)
	case errors.As(err, &syntax):
		return fmt.Errorf(msgFlagSyntax, syntax.GetSpecifiedFlag())
	}
	return err
}

func flagName(name, short string) string {
	if name != "" {
		return "--" + name
	}
	return "-" + short
}
