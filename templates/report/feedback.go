package report

import (
	"errors"
	"fmt"
	"strings"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/templates"
)

// SheetFeedback is the first sheet of a workbook sent back to an agency.
const SheetFeedback = "退回意見"

// Feedback colours: red for a cell to correct, amber for one to check or explain, as the report
// colours them.
const (
	FeedbackColour = "FFC7CE"
	CheckColour    = "FFEB9C"
)

// FeedbackItem is one problem to point out in an agency's workbook.
type FeedbackItem struct {
	Code     taizhang.Code
	Severity taizhang.Severity // taizhang.SevError: to correct (red); else to check or explain (amber)
	Sheet    string            // the sheet of the cell, "" for the workbook as a whole
	Cell     string
	Message  string // what is wrong and what to do
}

// FeedbackSpec says whose workbook it is and by when it must come back.
type FeedbackSpec struct {
	Agency  string
	Period  taizhang.Period
	When    string // by when to report again, a clause in Traditional: "於2023-07-10前報送。"
	Contact string
	Script  taizhang.Script
	Items   []FeedbackItem
}

// MarkFeedback marks the workbook at path (a copy of the agency's own return, or a fresh
// template): each item's cell is highlighted and carries a comment, and a first sheet lists every
// item with a link to its cell. Only styles, comments and a sheet are added: the locked cells and
// _meta are untouched, so the signature still verifies and the corrected workbook ingests as is.
func MarkFeedback(path string, spec FeedbackSpec) error {
	l := templates.NewLabeler(spec.Script)
	sheet := l.L(SheetFeedback)
	return excel.Edit(path, func(e *excel.Editor) error {
		e.Say = l.L
		marked, err := markCells(e, l, spec.Items)
		if err != nil {
			return err
		}
		if err := e.FirstSheet(sheet); err != nil {
			return err
		}
		contact := spec.Contact
		if contact == "" {
			contact = l.L(coordinator)
		}
		intro := l.L(fmt.Sprintf(feedbackIntroBlank, spec.When, contact))
		if marked > 0 {
			intro = l.L(fmt.Sprintf(feedbackIntro, spec.When, contact))
		}
		steps := []error{
			e.Styled(sheet, "A1", l.L(fmt.Sprintf(feedbackTitle, spec.Agency, spec.Period.Label())), excel.StyleTitle),
			e.Merge(sheet, "A1", "D1"), e.Height(sheet, 1, 32),
			e.Styled(sheet, "A2", intro, excel.StyleText), e.Merge(sheet, "A2", "D2"), e.Height(sheet, 2, 14*excel.Lines(intro, 120)+8),
			e.Width(sheet, "A", 6), e.Width(sheet, "B", 12), e.Width(sheet, "C", 16), e.Width(sheet, "D", 90),
		}
		for i, h := range []string{"序號", "問題類型", "位置", "說明及修改要求"} {
			steps = append(steps, e.Styled(sheet, excel.CellName(i+1, 3), l.L(h), excel.StyleHeader))
		}
		for i, it := range spec.Items {
			steps = append(steps, listItem(e, l, sheet, 4+i, i+1, it)...)
		}
		steps = append(steps, e.Freeze(sheet, 3), e.Print(sheet, 3, sheet+" "))
		for _, err := range steps {
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// markCells colours each item's cell (red to correct, amber to check) and gives it one comment
// with all its problems; it returns how many cells it marked.
func markCells(e *excel.Editor, l templates.Labeler, items []FeedbackItem) (int, error) {
	var cells []string
	notes := map[string][]string{}
	fix := map[string]bool{} // cells with something to correct, not only to explain
	for _, it := range items {
		if it.Cell == "" {
			continue
		}
		key := it.Sheet + "!" + it.Cell
		if _, ok := notes[key]; !ok {
			cells = append(cells, key)
		}
		notes[key] = append(notes[key], l.L(it.Message))
		fix[key] = fix[key] || it.Severity == taizhang.SevError
	}
	for _, key := range cells {
		sheetName, cell, _ := strings.Cut(key, "!")
		colour := CheckColour
		if fix[key] {
			colour = FeedbackColour
		}
		if err := e.Highlight(sheetName, cell, colour); err != nil {
			return 0, fmt.Errorf("highlight %s: %w", key, err)
		}
		// Where the workbook has no room for a note, the first sheet's list still says it.
		err := e.Comment(sheetName, cell, l.L(coordinator), strings.Join(notes[key], "\n"))
		if err != nil && !errors.Is(err, excel.ErrNoNote) {
			return 0, fmt.Errorf("comment %s: %w", key, err)
		}
	}
	return len(cells), nil
}

// listItem writes item n of the first sheet's list at row: its type, a link to its cell, what to do.
func listItem(e *excel.Editor, l templates.Labeler, sheet string, row, n int, it FeedbackItem) []error {
	where := l.L(feedbackWholeFile)
	if it.Cell != "" {
		where = it.Sheet + "!" + it.Cell
	}
	steps := []error{e.Styled(sheet, excel.CellName(1, row), n, excel.StyleCell), e.Styled(sheet, excel.CellName(2, row), it.Code.Label(l.Script()), excel.StyleCell),
		e.Styled(sheet, excel.CellName(3, row), where, excel.StyleCell), e.Styled(sheet, excel.CellName(4, row), l.L(it.Message), excel.StyleWrap),
		e.Height(sheet, row, 14*excel.Lines(it.Message, 90)+6)}
	if it.Cell != "" {
		steps = append(steps, e.Link(sheet, excel.CellName(3, row), "'"+it.Sheet+"'!"+it.Cell))
	}
	return steps
}

// FeedbackFileName names the workbook sent back to an agency, in the script people read.
func FeedbackFileName(period, agency string, s taizhang.Script, taken map[string]bool) string {
	name := templates.FileName(period, agency, taken)
	return name[:len(name)-len(".xlsx")] + "_" + templates.NewLabeler(s).L(SheetFeedback) + ".xlsx"
}
