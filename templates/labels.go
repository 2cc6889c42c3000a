// Package templates holds every workbook layout taizhang writes and reads back: the catalog
// workbook for the coordinator, and (later) the agency ledger and the consolidated report.
// Labels are written in Traditional script here and converted to the plan's script on output.
package templates

import (
	taizhang "taizhang"
	"taizhang/script"
)

// labeler renders labels in a plan's script.
type labeler struct {
	conv *script.Converter
	to   taizhang.Script
}

func newLabeler(s taizhang.Script) labeler {
	if s == "" {
		s = taizhang.Traditional
	}
	return labeler{conv: script.Default(), to: s}
}

// L returns a Traditional label in the plan's script.
func (l labeler) L(s string) string {
	if l.to == taizhang.Traditional {
		return s
	}
	return l.conv.Convert(s, l.to)
}

// Text renders a string that mixes the plan's own words (in the plan's script) with ours
// (Traditional): a task title, a target ("控制在241.1億立方米以內"), a finding's message. Both
// end up in the script asked for.
func (l labeler) Text(plan taizhang.Script, s string) string {
	if s == "" {
		return s
	}
	if plan != l.to {
		s = l.conv.Convert(s, l.to)
	}
	return l.L(s)
}

func (l labeler) all(ss ...string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = l.L(s)
	}
	return out
}

// SheetName is the name of one of the sheets taizhang writes (SheetLedger, SheetGuide…) in a script.
func SheetName(name string, s taizhang.Script) string { return newLabeler(s).L(name) }

// key folds a label or cell for matching whatever script or width it was typed in.
func (l labeler) key(s string) string { return l.conv.Key(s) }

var comparatorLabels = map[taizhang.Comparator]string{
	taizhang.AtLeast:     "不少於(>=)",
	taizhang.AtMost:      "不超過(<=)",
	taizhang.About:       "左右(~)",
	taizhang.Equal:       "達到(=)",
	taizhang.Range:       "區間(range)",
	taizhang.Decrease:    "下降(decrease)",
	taizhang.Increase:    "增長(increase)",
	taizhang.Qualitative: "定性(qualitative)",
}

// legacyKindLabels are the kind labels catalog workbooks were written with before the plan's level
// named them; a workbook exported then still imports.
var legacyKindLabels = map[taizhang.AgencyKind]string{
	taizhang.KindAgency:   "省直單位",
	taizhang.KindGroup:    "單位集合",
	taizhang.KindExternal: "中央駐魯單位",
}

var formLabels = map[taizhang.ResponsibilityForm]string{
	taizhang.FormLead:     "牽頭單位",
	taizhang.FormLeadDept: "牽頭部門",
	taizhang.FormByDuty:   "按職責分工負責",
	taizhang.FormNone:     "未明確",
}
