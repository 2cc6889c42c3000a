// Package templates holds what every workbook taizhang writes has in common: labels rendered in
// the script people read, file names safe on every system, a target as the plan says it. The
// layouts live in subpackages, one per job: ledger (Contract 3: build, sign, read back), report
// (the consolidated workbook, the chase list, feedback marks) and catalogbook (the coordinator's
// catalog workbook and its import). Labels are written in Traditional script and converted on output.
package templates

import (
	"fmt"
	"strconv"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/script"
)

// Labeler renders labels in the script people read.
type Labeler struct {
	conv *script.Converter
	to   taizhang.Script
}

// NewLabeler renders in script s (Traditional when empty).
func NewLabeler(s taizhang.Script) Labeler {
	if s == "" {
		s = taizhang.Traditional
	}
	return Labeler{conv: script.Default(), to: s}
}

// Script is the script it renders in.
func (l Labeler) Script() taizhang.Script { return l.to }

// Workbook starts a workbook whose own words (page numbers, input errors) are in l's script too.
func (l Labeler) Workbook() *excel.Workbook {
	wb := excel.NewWorkbook()
	wb.Say = l.L
	return wb
}

// L returns a Traditional label in the script asked for.
func (l Labeler) L(s string) string {
	if l.to == taizhang.Traditional {
		return s
	}
	return l.conv.Convert(s, l.to)
}

// Text renders a string that mixes the plan's own words (in the plan's script) with ours
// (Traditional): a task title, a target ("控制在241.1億立方米以內"), a finding's message. Both
// end up in the script asked for.
func (l Labeler) Text(plan taizhang.Script, s string) string {
	if s == "" {
		return s
	}
	if plan != l.to {
		s = l.conv.Convert(s, l.to)
	}
	return l.L(s)
}

// All renders several labels.
func (l Labeler) All(ss ...string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = l.L(s)
	}
	return out
}

// Key folds a label or cell for matching whatever script or width it was typed in.
func (l Labeler) Key(s string) string { return l.conv.Key(s) }

// Convert converts text to a script, for what is neither a label nor the plan's (user text).
func (l Labeler) Convert(s string, to taizhang.Script) string { return l.conv.Convert(s, to) }

// Fold maps text to its folded (Simplified, half-width) form, rune for rune.
func (l Labeler) Fold(s string) string { return l.conv.Fold(s) }

// SheetName is the name of one of the sheets taizhang writes in a script.
func SheetName(name string, s taizhang.Script) string { return NewLabeler(s).L(name) }

// TargetText shows a target the way the plan says it: "25家以上", "控制在241.1億立方米以內", "1-2家".
func TargetText(ind *taizhang.Indicator) string {
	if ind == nil {
		return "—"
	}
	num := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'f', -1, 64)
	}
	v := num(ind.Value) + ind.Unit
	change := v // of an increase or a decrease, "30%" or "30%左右"
	if ind.Approx {
		change = fmt.Sprintf(targetAbout, v)
	}
	base := ""
	if ind.Baseline != nil {
		base = *ind.Baseline
	}
	if ind.Kind == taizhang.KindRank && ind.Comparator == taizhang.AtMost {
		return fmt.Sprintf(targetRank, num(ind.Value))
	}
	switch ind.Comparator {
	case taizhang.AtLeast:
		return fmt.Sprintf(targetAtLeast, v)
	case taizhang.AtMost:
		return fmt.Sprintf(targetAtMost, v)
	case taizhang.About:
		return fmt.Sprintf(targetAbout, v)
	case taizhang.Range:
		return num(ind.Value) + "-" + num(ind.High) + ind.Unit
	case taizhang.Increase:
		return fmt.Sprintf(targetIncrease, base, change)
	case taizhang.Decrease:
		return fmt.Sprintf(targetDecrease, base, change)
	case taizhang.Qualitative:
		if ind.Span != "" {
			return ind.Span
		}
		return ind.Metric
	}
	return v
}
