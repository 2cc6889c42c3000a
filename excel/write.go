// Package excel is the only importer of excelize. It writes the table sheets every taizhang
// workbook is made of (styled, filterable, print-ready for A4 landscape) and reads workbooks back
// within limits, translating excelize's errors into CellError.
package excel

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"
)

// Column describes one column of a table sheet.
type Column struct {
	Header string
	Width  float64  // in Excel character units; 0 fits the header and the contents
	Wrap   bool     // long text: wrap and grow the row
	List   []string // drop-down choices for the body cells
	Number bool     // body cells must be numbers (validated in Excel)
	Input  string   // the input message shown when a body cell is selected
}

// Table is one sheet: an optional title row, a header row and body rows.
type Table struct {
	Sheet   string
	Title   string // merged over all columns above the header when set
	Columns []Column
	Rows    [][]any // string, float64, *float64, int, bool or nil
	Footer  string  // page footer text before the page number
}

// Workbook is a workbook being written.
type Workbook struct {
	f      *excelize.File
	styles map[string]int
	first  bool
	Paper  Paper                   // what every sheet prints on; A4 unless set
	Say    func(string) string     // puts excel's own words (page numbers, input errors) in the reader's script; nil keeps them
	auto   map[string]map[int]bool // sheet → rows that size themselves to their text
}

// NewWorkbook starts an empty workbook.
func NewWorkbook() *Workbook {
	return &Workbook{f: excelize.NewFile(), styles: map[string]int{}, first: true, Paper: A4, auto: map[string]map[int]bool{}}
}

// Close releases the workbook's resources.
func (w *Workbook) Close() error { return w.f.Close() }

// Write writes the workbook as .xlsx.
func (w *Workbook) Write(out io.Writer) error {
	if len(w.auto) == 0 {
		return w.f.Write(out)
	}
	var buf bytes.Buffer
	if err := w.f.Write(&buf); err != nil {
		return err
	}
	b, err := autoHeights(buf.Bytes(), w.auto)
	if err != nil {
		return err
	}
	_, err = out.Write(b)
	return err
}

// SaveAs writes the workbook to a file.
func (w *Workbook) SaveAs(path string) error {
	var buf bytes.Buffer
	if err := w.Write(&buf); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// autoHeight sets a row's estimated height and lets applications size it to its text.
func (w *Workbook) autoHeight(sheet string, row int, points float64) error {
	if err := w.f.SetRowHeight(sheet, row, min(points, 409)); err != nil {
		return err
	}
	if w.auto[sheet] == nil {
		w.auto[sheet] = map[int]bool{}
	}
	w.auto[sheet][row] = true
	return nil
}

// Existing returns the Sheet handle of a sheet AddTable wrote, for further touches (highlights, charts).
func (w *Workbook) Existing(name string) *Sheet { return &Sheet{w: w, Name: name} }

// AddTable writes a table sheet. The first table replaces the default empty sheet.
func (w *Workbook) AddTable(t Table) error {
	sh := w.Sheet(t.Sheet)
	last := ColName(len(t.Columns))
	headerRow := 1
	widths := t.widths()
	if t.Title != "" {
		// The title's 16 pt type is about one and a half times the body's: as many lines as that takes.
		total := 0.0
		for _, w := range widths {
			total += w
		}
		sh.Set("A1", t.Title, StyleTitle).Merge("A1", last+"1").Height(1, 8+22*Lines(t.Title, total/1.55))
		headerRow = 2
	}
	for i, c := range t.Columns {
		sh.Set(CellName(i+1, headerRow), c.Header, StyleHeader)
	}
	// A header that wraps gets the lines it needs (黑体 11 bold is a little wider than body text).
	headerLines := 1.0
	for i, c := range t.Columns {
		headerLines = math.Max(headerLines, Lines(c.Header, widths[i]/1.1))
	}
	if headerLines > 1 { // tight: LibreOffice printed a blank page after a sheet whose repeated header was 35 pt
		sh.AutoHeight(headerRow, 14*headerLines+2)
	}
	lastRow := headerRow + len(t.Rows)
	for r, vals := range t.Rows {
		for i, v := range vals[:min(len(vals), len(t.Columns))] {
			sh.Set(CellName(i+1, headerRow+1+r), v, "")
		}
	}
	for i, c := range t.Columns {
		col := ColName(i + 1)
		sh.Width(col, widths[i])
		if lastRow > headerRow {
			sh.Style(col+itoa(headerRow+1), col+itoa(lastRow), c.style())
			if len(c.List) > 0 || c.Number || c.Input != "" {
				errMsg := "" // a text column prompts only: there is nothing to refuse
				switch {
				case len(c.List) > 0:
					errMsg = say(w.Say, msgPickFromList)
				case c.Number:
					errMsg = say(w.Say, msgTypeNumber)
				}
				sh.Validate(col+itoa(headerRow+1)+":"+col+itoa(lastRow), Validation{List: c.List, Number: c.Number, InputTitle: c.Header,
					Input: c.Input, ErrorMsg: errMsg})
			}
		}
	}
	// Rows tall enough for their wrapped Chinese text, sized again by the application. Every
	// text cell wraps (a short column too: a row sized for one line printed its second line over
	// the next row).
	for r, vals := range t.Rows {
		lines := 1.0
		for i, v := range vals {
			if _, text := v.(string); i < len(t.Columns) && (t.Columns[i].Wrap || text) {
				lines = math.Max(lines, Lines(fmt.Sprint(deref(v)), widths[i]))
			}
		}
		sh.AutoHeight(headerRow+1+r, RowHeight(lines))
	}
	sh.Freeze(headerRow)
	if lastRow > headerRow {
		sh.Filter("A" + itoa(headerRow) + ":" + last + itoa(lastRow))
	}
	return sh.Print(headerRow, t.Footer).Err()
}

// widths are the table's column widths: as given, or fitted to the header and the contents.
func (t Table) widths() []float64 {
	widths := make([]float64, len(t.Columns))
	for i, c := range t.Columns {
		if c.Width > 0 {
			widths[i] = c.Width
			continue
		}
		widths[i] = math.Max(TextWidth(c.Header)+2, 6)
		if c.Wrap {
			continue
		}
		for _, r := range t.Rows {
			if i < len(r) {
				widths[i] = math.Min(math.Max(widths[i], TextWidth(fmt.Sprint(deref(r[i])))+2), 40)
			}
		}
	}
	return widths
}

// style is how a column's body cells look: input cells shaded, long text wrapped.
func (c Column) style() Style {
	switch {
	case len(c.List) > 0 || c.Number || c.Input != "":
		return StyleInput
	case c.Wrap:
		return StyleWrap
	}
	return StyleCell
}

// RowHeight is the height in points of a row of n lines of the body font (10.5 pt 宋体).
func RowHeight(lines float64) float64 { return math.Min(15*lines+5, 409) }

// Lines estimates how many lines s takes in a column width wide, counting its own line breaks.
func Lines(s string, width float64) float64 {
	n := 0.0
	for _, part := range strings.Split(s, "\n") {
		n += math.Max(1, math.Ceil(TextWidth(part)/math.Max(width-1.5, 1)))
	}
	return n
}

// ClipWidth cuts s to fit a column width wide (in Excel's units, as TextWidth counts), with "…"
// where it was cut: for a summary that must stay on one line, its full text shown elsewhere.
func ClipWidth(s string, width float64) string {
	limit := width - 1 // the cell's own padding
	if TextWidth(s) <= limit {
		return s
	}
	var b strings.Builder
	used := TextWidth("…")
	for _, r := range s {
		w := TextWidth(string(r))
		if used+w > limit {
			break
		}
		used += w
		b.WriteRune(r)
	}
	return b.String() + "…"
}

// Clip cuts s to at most n characters, marking the cut: Excel refuses longer prompts (255),
// error messages (225), footers (255) and cells (32,767).
func Clip(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}

// SetValue writes one cell. Strings are always written as text, never as formulas, whatever they start with.
func SetValue(f *excelize.File, sheet, cell string, v any) error {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		return f.SetCellStr(sheet, cell, x)
	case *float64:
		if x == nil {
			return nil
		}
		return f.SetCellFloat(sheet, cell, *x, -1, 64)
	case float64:
		return f.SetCellFloat(sheet, cell, x, -1, 64)
	case int:
		return f.SetCellInt(sheet, cell, int64(x))
	case bool:
		return f.SetCellBool(sheet, cell, x)
	case time.Time: // a date, as Excel stores one: a serial number shown in a date format
		return f.SetCellValue(sheet, cell, x)
	}
	return f.SetCellStr(sheet, cell, fmt.Sprint(v))
}

func deref(v any) any {
	if p, ok := v.(*float64); ok {
		if p == nil {
			return ""
		}
		return *p
	}
	if v == nil {
		return ""
	}
	return v
}

// TextWidth estimates the width of s in Excel character units: a wide character (Chinese, and
// full-width forms) is two, another a little over one. Characters of ambiguous width (“”, →, …,
// ①) count as wide: Chinese fonts print them so.
func TextWidth(s string) float64 {
	wide, narrow := cells(s)
	for _, r := range s {
		if width.LookupRune(r).Kind() == width.EastAsianAmbiguous {
			wide, narrow = wide+1, narrow-1
		}
	}
	return 2*float64(wide) + 1.1*float64(narrow)
}

// DisplayWidth is how many terminal cells s takes: two for a wide character, one for another.
// It is the one width rule of the tool, with TextWidth, both from Unicode's East Asian Width.
func DisplayWidth(s string) int {
	wide, narrow := cells(s)
	return 2*wide + narrow
}

func cells(s string) (wide, narrow int) {
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			wide++
		default:
			narrow++
		}
	}
	return wide, narrow
}

func itoa(n int) string { return fmt.Sprint(n) }
