package excel

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Editor changes an existing workbook the way a person would in a spreadsheet application.
// Tests and the feedback workbooks use it; nothing else needs excelize directly.
type Editor struct {
	f   *excelize.File
	Say func(string) string // puts excel's own words (page numbers) in the reader's script; nil keeps them
}

// Edit opens the workbook at path, lets fn change it, and saves it in place. excelize panics on
// some workbooks it did not expect (a chart sheet did, in MoveSheet): that is an error about the
// one workbook, not the end of a run that marks many.
func Edit(path string, fn func(e *Editor) error) (err error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return translate(path, err)
	}
	defer f.Close()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("excel: editing %s: excelize panicked: %v", filepath.Base(path), r)
		}
	}()
	if err := fn(&Editor{f: f}); err != nil {
		return err
	}
	transitional(f)
	return f.Save()
}

// Set writes a value into a cell (strings as text).
func (e *Editor) Set(sheet, cell string, v any) error { return SetValue(e.f, sheet, cell, v) }

// Get reads a cell's text.
func (e *Editor) Get(sheet, cell string) (string, error) {
	return e.f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
}

// RemoveRow deletes a 1-based row, moving the rows below it up.
func (e *Editor) RemoveRow(sheet string, row int) error { return e.f.RemoveRow(sheet, row) }

// InsertRow inserts an empty row before the 1-based row.
func (e *Editor) InsertRow(sheet string, row int) error { return e.f.InsertRows(sheet, row, 1) }

// Rename renames a sheet.
func (e *Editor) Rename(from, to string) error { return e.f.SetSheetName(from, to) }

// MoveRow moves a 1-based row to just before row to, as a person cutting and inserting it would.
func (e *Editor) MoveRow(sheet string, from, to int) error {
	if err := e.f.DuplicateRowTo(sheet, from, to); err != nil {
		return err
	}
	if to <= from {
		from++
	}
	return e.f.RemoveRow(sheet, from)
}

// Sheets lists the sheet names.
func (e *Editor) Sheets() []string { return e.f.GetSheetList() }

// DeleteSheet removes a sheet.
func (e *Editor) DeleteSheet(sheet string) error { return e.f.DeleteSheet(sheet) }

// Formula writes a formula into a cell without a cached result, as a program (not Excel) would.
func (e *Editor) Formula(sheet, cell, formula string) error {
	if err := e.f.SetCellValue(sheet, cell, nil); err != nil { // drop any cached value
		return err
	}
	return e.f.SetCellFormula(sheet, cell, formula)
}

// Highlight fills a cell with a colour ("FFC7CE"), keeping its font, border, lock and number format.
func (e *Editor) Highlight(sheet, cell, rgb string) error {
	id, err := e.f.GetCellStyle(sheet, cell)
	if err != nil {
		return err
	}
	st, err := e.f.GetStyle(id)
	if err != nil {
		return err
	}
	normaliseColours(st)
	st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{rgb}}
	nid, err := e.f.NewStyle(st)
	if err != nil {
		return err
	}
	return e.f.SetCellStyle(sheet, cell, cell, nid)
}

// normaliseColours makes a style read from any application safe to write again: excelize reads
// colours as ARGB ("FF000000") or empty and, writing, puts an alpha byte in front of whatever it
// is given, so a copied style would come out as "FF00000000" or "FF", which strict readers
// (openpyxl) refuse and Excel repairs. Every colour becomes six hex digits, or none where none
// may be written.
func normaliseColours(st *excelize.Style) {
	fix := func(c string) string {
		c = strings.TrimPrefix(strings.TrimSpace(c), "#")
		if len(c) == 8 {
			c = c[2:]
		}
		if len(c) != 6 || strings.Trim(strings.ToUpper(c), "0123456789ABCDEF") != "" {
			return ""
		}
		return strings.ToUpper(c)
	}
	if st.Font != nil {
		st.Font.Color = fix(st.Font.Color)
	}
	for i := range st.Border {
		// A border always gets a colour written; an automatic one (none given) is black.
		if st.Border[i].Color = fix(st.Border[i].Color); st.Border[i].Color == "" {
			st.Border[i].Color = "000000"
		}
	}
	var fill []string
	for _, c := range st.Fill.Color {
		if c = fix(c); c != "" {
			fill = append(fill, c)
		}
	}
	st.Fill.Color = fill
}

// ErrNoNote means a note cannot be added to the sheet without damaging the workbook.
var ErrNoNote = errors.New("excel: the sheet's note would go into another object's drawing")

// Comment adds a cell comment (a note) by author, or returns ErrNoNote.
func (e *Editor) Comment(sheet, cell, author, text string) error {
	if e.notePartsTaken(sheet) {
		return ErrNoNote
	}
	return e.f.AddComment(sheet, excelize.Comment{Cell: cell, Author: author, Paragraph: []excelize.RichTextRun{
		{Text: author + ":\n", Font: &excelize.Font{Bold: true}}, {Text: text}}, Width: 320, Height: 120})
}

// notePartsTaken reports whether the parts excelize would write a sheet's first note into are
// taken. It names them after the number of notes parts in the workbook (comments<n+1>.xml,
// vmlDrawing<n+1>.vml), whatever drawings the workbook has besides: a check box or a header
// picture is in vmlDrawing1.vml, which would then carry the note as well (a check box's drawing
// of another sheet then belongs to two; a picture's makes excelize fail).
func (e *Editor) notePartsTaken(sheet string) bool {
	notes, err := e.f.GetComments(sheet)
	if err != nil || len(notes) > 0 {
		return false // the sheet's own parts take it
	}
	if controls, err := e.f.GetFormControls(sheet); err != nil || len(controls) > 0 {
		return false // so does the sheet's own drawing
	}
	parts := map[string]bool{}
	e.f.Pkg.Range(func(k, _ any) bool {
		parts[k.(string)] = true
		return true
	})
	for k := range e.f.Comments {
		parts[k] = true
	}
	for k := range e.f.VMLDrawing {
		parts[k] = true
	}
	n := 1
	for p := range parts {
		if strings.Contains(p, "xl/comments") {
			n++
		}
	}
	return parts[fmt.Sprintf("xl/drawings/vmlDrawing%d.vml", n)] || parts[fmt.Sprintf("xl/comments%d.xml", n)]
}

// FirstSheet adds an empty sheet in front of the others and makes it the one shown on opening.
//
// The sheets are put in order in the workbook part itself, not with excelize's MoveSheet: that
// reads every sheet but the active one as a worksheet and panics on a chart sheet, which a
// person may well add to a ledger. Sheet-scoped defined names (print titles) carry a sheet's
// index, which excelize does not follow when the order changes, so they are taken off by sheet
// name before the move and put back after it.
func (e *Editor) FirstSheet(name string) error {
	var scoped []excelize.DefinedName
	for _, dn := range e.f.GetDefinedName() {
		if dn.Scope != "" && dn.Scope != "Workbook" {
			scoped = append(scoped, dn)
			if err := e.f.DeleteDefinedName(&excelize.DefinedName{Name: dn.Name, Scope: dn.Scope}); err != nil {
				return err
			}
		}
	}
	if _, err := e.f.NewSheet(name); err != nil {
		return err
	}
	wb := e.f.WorkBook // read by NewSheet, which put the new sheet last
	if wb == nil || len(wb.Sheets.Sheet) == 0 {
		return fmt.Errorf("excel: no workbook part after adding sheet %s", name)
	}
	n := len(wb.Sheets.Sheet)
	order := slices.Concat(wb.Sheets.Sheet[n-1:], wb.Sheets.Sheet[:n-1])
	// SetActiveSheet selects the first tab and deselects the others, but stops at the first sheet
	// that is not a worksheet: a worksheet after a chart sheet would stay selected too, and two
	// selected tabs open as a group, where typing into one sheet types into both. So it runs on
	// an order with every worksheet ahead of the other kinds, and the real order is put back.
	worksheets, others := order[:0:0], order[:0:0] // empty, of excelize's type for a sheet entry
	for _, sh := range order {
		if _, err := e.f.GetSheetProps(sh.Name); err == nil { // fails on any other kind of sheet
			worksheets = append(worksheets, sh)
		} else {
			others = append(others, sh)
		}
	}
	wb.Sheets.Sheet = slices.Concat(worksheets, others)
	e.f.SetActiveSheet(0)
	wb.Sheets.Sheet = order
	for i := range scoped {
		if err := e.f.SetDefinedName(&scoped[i]); err != nil {
			return err
		}
	}
	return nil
}

// Styled writes a value with one of the shared styles.
func (e *Editor) Styled(sheet, cell string, v any, st Style) error {
	if err := SetValue(e.f, sheet, cell, v); err != nil {
		return err
	}
	def, ok := styleDefs[st]
	if !ok {
		return nil
	}
	id, err := e.f.NewStyle(&def)
	if err != nil {
		return err
	}
	return e.f.SetCellStyle(sheet, cell, cell, id)
}

// Width sets a column's width.
func (e *Editor) Width(sheet, col string, w float64) error {
	return e.f.SetColWidth(sheet, col, col, w)
}

// Link makes a cell a link to a place in the workbook ("'工作臺賬'!I7").
func (e *Editor) Link(sheet, cell, location string) error {
	return e.f.SetCellHyperLink(sheet, cell, location, "Location")
}

// InsertCol inserts an empty column before the named one ("I"), as a person adding a column would.
func (e *Editor) InsertCol(sheet, col string) error { return e.f.InsertCols(sheet, col, 1) }

// Merge merges a range.
func (e *Editor) Merge(sheet, from, to string) error { return e.f.MergeCell(sheet, from, to) }

// Height sets a 1-based row's height in points.
func (e *Editor) Height(sheet string, row int, points float64) error {
	return e.f.SetRowHeight(sheet, row, min(points, 409))
}

// Print sets A4 landscape, one page wide, rows 1..titleRows repeated, page numbers.
func (e *Editor) Print(sheet string, titleRows int, footer string) error {
	return printSetup(e.f, sheet, titleRows, footer, say(e.Say, msgPages), A4)
}

// Freeze keeps rows 1..row in view.
func (e *Editor) Freeze(sheet string, row int) error {
	return e.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: row, TopLeftCell: fmt.Sprintf("A%d", row+1), ActivePane: "bottomLeft"})
}
