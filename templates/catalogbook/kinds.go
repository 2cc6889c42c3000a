package catalogbook

import (
	"strings"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/templates"
)

// indicatorColumn is a column of the 指標 sheet beyond the first twelve (indicatorHeaders): its
// header, its layout, what it shows for an indicator and how it reads back. Columns are added to
// indicatorColumns, each beside the others, and stand before 原文 (extraAt): the sheet grows
// without moving a column that was there, and import finds every column by its header.
type indicatorColumn struct {
	header string // Traditional, rendered in the plan's script
	column func(l templates.Labeler, header string) excel.Column
	value  func(l templates.Labeler, t *taizhang.Task, ind *taizhang.Indicator) any
	// marked says whether the cell holds a marker for the coordinator (filled amber).
	marked func(ind *taizhang.Indicator) bool
	// read applies the cell's text to ind; it returns the hint of what to correct, or "".
	read func(l templates.Labeler, text string, t *taizhang.Task, ind *taizhang.Indicator) string
}

// extraAt is where indicatorColumns stand on the sheet: before 原文 and 任務內容, the long texts.
const extraAt = 10

var indicatorColumns = []indicatorColumn{
	{header: "指標類型", column: kindColumn, value: kindValue, marked: func(ind *taizhang.Indicator) bool { return ind.KindUndecided }, read: readKind},
	{header: "共同牽頭", column: sharesColumn, value: sharesValue, read: readShares},
}

// kindUndecided follows the label of a kind the plan's words did not decide; choosing any kind
// from the drop-down (the same one too) clears it.
const kindUndecided = "(待確認)"

// Choices of 共同牽頭, for an indicator with more than one lead agency.
const (
	sharesNo  = "填同一數值"
	sharesYes = "各報份額相加"
)

func kindColumn(l templates.Labeler, header string) excel.Column {
	var labels []string
	for _, k := range taizhang.Kinds {
		labels = append(labels, l.L(k.Label()))
	}
	return excel.Column{Header: header, Width: 9, List: labels, Input: l.L(promptKind)}
}

func kindValue(l templates.Labeler, _ *taizhang.Task, ind *taizhang.Indicator) any {
	label := l.L(ind.JudgedKind().Label())
	if ind.KindUndecided {
		label += "\n" + l.L(kindUndecided) // on a line of its own: the column stays narrow
	}
	return label
}

func readKind(l templates.Labeler, text string, _ *taizhang.Task, ind *taizhang.Indicator) string {
	undecided := strings.HasSuffix(l.Key(text), l.Key(kindUndecided))
	k := strings.TrimSpace(strings.TrimSuffix(l.Key(text), l.Key(kindUndecided)))
	if k == "" && !undecided {
		// Left blank: an added row gets the kind its words say (catalog.InferKinds), a row that had one keeps it.
		return ""
	}
	for _, kind := range taizhang.Kinds {
		if k == l.Key(kind.Label()) || k == string(kind) {
			ind.Kind, ind.KindUndecided = kind, undecided && ind.Kind == kind && ind.KindUndecided
			return ""
		}
	}
	return hintIndicatorKind
}

func sharesColumn(l templates.Labeler, header string) excel.Column {
	return excel.Column{Header: header, Width: 11, Wrap: true, List: l.All(sharesNo, sharesYes), Input: l.L(promptShares)}
}

func sharesValue(l templates.Labeler, t *taizhang.Task, ind *taizhang.Indicator) any {
	switch {
	case ind.Shares:
		return l.L(sharesYes)
	case len(t.Lead) > 1:
		return l.L(sharesNo)
	}
	return nil
}

func readShares(l templates.Labeler, text string, t *taizhang.Task, ind *taizhang.Indicator) string {
	switch l.Key(text) {
	case "", l.Key(sharesNo):
		ind.Shares = false
	case l.Key(sharesYes):
		if k := ind.JudgedKind(); k != taizhang.KindCumulative && k != taizhang.KindLevel {
			return hintSharesKind
		}
		ind.Shares = true
	default:
		return hintShares
	}
	return ""
}

// withIndicatorColumns puts indicatorColumns into the 指標 sheet's columns and rows, at extraAt.
func withIndicatorColumns(l templates.Labeler, cols []excel.Column, rows [][]any, refs []indicatorRef) ([]excel.Column, [][]any) {
	var extra []excel.Column
	for _, c := range indicatorColumns {
		extra = append(extra, c.column(l, l.L(c.header)))
	}
	cols = insertAt(cols, extraAt, extra...)
	for i := range rows {
		var vals []any
		for _, c := range indicatorColumns {
			vals = append(vals, c.value(l, refs[i].task, refs[i].ind))
		}
		rows[i] = insertAt(rows[i], extraAt, vals...)
	}
	return cols, rows
}

// markIndicatorColumns fills amber the cells that hold a marker for the coordinator.
func markIndicatorColumns(sh *excel.Sheet, refs []indicatorRef) {
	for j, c := range indicatorColumns {
		if c.marked == nil {
			continue
		}
		for i, ref := range refs {
			if c.marked(ref.ind) {
				cell := excel.CellName(extraAt+j+1, i+3) // a title row and a header row come first
				sh.Fill(cell, cell, excel.StyleInput, markerFill)
			}
		}
	}
}

// markerFill is the amber of a cell that waits for the coordinator's choice.
const markerFill = "FFEB9C"

// indicatorRef is the indicator of a row of the 指標 sheet, and its task.
type indicatorRef struct {
	task *taizhang.Task
	ind  *taizhang.Indicator
}

func insertAt[T any](s []T, at int, vals ...T) []T {
	at = min(at, len(s))
	out := make([]T, 0, len(s)+len(vals))
	out = append(out, s[:at]...)
	out = append(out, vals...)
	return append(out, s[at:]...)
}

// readIndicatorColumns applies the cells of indicatorColumns (cols holds their columns, -1 for one
// the workbook has not: an export made before it was added keeps what the catalog says).
func (r *catalogReader) readIndicatorColumns(sheet string, row []string, cols []int, at func(int) string, task *taizhang.Task, ind *taizhang.Indicator) {
	for i, c := range indicatorColumns {
		col := len(indicatorHeaders) + i
		if cols[col] < 0 {
			continue
		}
		text := cell(row, cols[col])
		if hint := c.read(r.l, text, task, ind); hint != "" {
			r.fail(sheet, at(col), excel.ErrNotInList, text, hint)
		}
	}
}

// indicatorHeadersAll are the headers import looks for: the first twelve, then indicatorColumns'.
func indicatorHeadersAll() []string {
	out := append([]string{}, indicatorHeaders...)
	for _, c := range indicatorColumns {
		out = append(out, c.header)
	}
	return out
}
