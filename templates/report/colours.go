package report

import (
	taizhang "taizhang"
	"taizhang/reconcile"
)

// Status colours, the same in every sheet and the chart: green for done or on schedule, amber
// for behind, red for what needs correcting (a cap broken, bad or conflicting data), grey for
// nothing reported. Fills are the pale tints a printed page reads through; chart colours are
// the full tones of the same hues.
var (
	statusFill = map[string]string{reconcile.Met: "C6EFCE", reconcile.OnSchedule: "E2EFDA", reconcile.Behind: "FFEB9C", reconcile.NotMet: "FCE4D6",
		reconcile.Exceeded: "FFC7CE", reconcile.Invalid: "FFC7CE", reconcile.Conflict: "FFC7CE", reconcile.NotReported: "E7E6E6"}
	statusChart = map[string]string{reconcile.Met: "00B050", reconcile.OnSchedule: "92D050", reconcile.Behind: "FFC000", reconcile.NotMet: "F4B183",
		reconcile.Exceeded: "C00000", reconcile.Invalid: "FF6161", reconcile.Conflict: "E26B0A", reconcile.NotReported: "A6A6A6"}
)

// RAG is a red, amber, green (or grey: no data) judgement of a part of the plan.
type RAG string

const (
	Red   RAG = "紅"
	Amber RAG = "黃"
	Green RAG = "綠"
	Grey  RAG = "灰"
)

var ragFill = map[RAG]string{Red: "FFC7CE", Amber: "FFEB9C", Green: "C6EFCE", Grey: "E7E6E6"}

// JudgeRAG judges a set of statuses by counts.
func JudgeRAG(c map[string]int) RAG {
	total := 0
	for _, n := range c {
		total += n
	}
	if total == 0 || c[reconcile.NotReported] == total {
		return Grey
	}
	short := c[reconcile.Behind] + c[reconcile.NotMet] // behind time, or short of a target compared directly
	switch {
	case c[reconcile.Exceeded]+c[reconcile.Invalid]+c[reconcile.Conflict] > 0 || 10*short >= 3*total:
		return Red
	case 10*short >= total || 10*c[reconcile.NotReported] >= 2*total:
		return Amber
	}
	return Green
}

// StatusColour is a status's chart tone as CSS writes it ("#00B050"), for the web board's charts:
// one palette for paper and screen.
func StatusColour(status string) string { return "#" + statusChart[status] }

// StateColour is a reporting state's chart tone as CSS writes it: green on time, amber late, red
// overdue, grey not yet returned, pale grey not sent.
func StateColour(st taizhang.ReportState) string { return "#" + stateChart[st] }

var stateChart = map[taizhang.ReportState]string{taizhang.OnTime: "00B050", taizhang.Late: "FFC000", taizhang.Overdue: "C00000",
	taizhang.Sent: "A6A6A6", taizhang.NotSent: "D9D9D9"}

// stateFill colours an agency's reporting state the same way.
var stateFill = map[taizhang.ReportState]string{taizhang.OnTime: "C6EFCE", taizhang.Late: "FFEB9C", taizhang.Overdue: "FFC7CE",
	taizhang.Sent: "E7E6E6", taizhang.NotSent: "FFFFFF"}
