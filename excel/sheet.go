package excel

import (
	"fmt"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Style names the cell styles every taizhang workbook shares.
type Style string

const (
	StyleTitle     Style = "title"     // big, bold, centred
	StyleSubtitle  Style = "subtitle"  // the agency/period line under a title
	StyleHeader    Style = "header"    // bold, shaded, bordered
	StyleCell      Style = "cell"      // bordered, centred
	StyleWrap      Style = "wrap"      // bordered, wrapped, top-left
	StyleInput     Style = "input"     // unlocked, shaded yellow, wrapped: a cell a person fills
	StylePercent   Style = "percent"   // bordered, 0.0%
	StyleLabel     Style = "label"     // bold, right-aligned, no border
	StyleText      Style = "text"      // wrapped, no border (instructions)
	StyleInputText Style = "inputText" // an input cell kept as text: a date typed stays as typed
	StyleLabelLeft Style = "labelLeft" // bold, left-aligned, no border: a heading within a sheet
	StyleNote      Style = "note"      // small, wrapped, no border: how a sheet was made
	StyleLabelTop  Style = "labelTop"  // bold, right-aligned at the top: the label of a paragraph
)

var styleDefs = map[Style]excelize.Style{}

func init() {
	border := []excelize.Border{{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1}}
	font := &excelize.Font{Family: "宋体", Size: 10.5}
	fmtPercent := "0.0%"
	styleDefs = map[Style]excelize.Style{
		StyleTitle: {Font: &excelize.Font{Family: "黑体", Size: 16, Bold: true},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}},
		StyleSubtitle: {Font: &excelize.Font{Family: "宋体", Size: 11}, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}},
		StyleHeader: {Font: &excelize.Font{Family: "黑体", Size: 11, Bold: true}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}},
		StyleCell: {Font: font, Border: border, Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "center", WrapText: true}},
		StyleWrap: {Font: font, Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}},
		StyleInput: {Font: font, Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}, Protection: &excelize.Protection{Locked: false}},
		StylePercent:   {Font: font, Border: border, CustomNumFmt: &fmtPercent, Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "center"}},
		StyleLabel:     {Font: &excelize.Font{Family: "宋体", Size: 11, Bold: true}, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}},
		StyleText:      {Font: &excelize.Font{Family: "宋体", Size: 11}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		StyleLabelLeft: {Font: &excelize.Font{Family: "黑体", Size: 11, Bold: true}, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}},
		StyleLabelTop:  {Font: &excelize.Font{Family: "宋体", Size: 11, Bold: true}, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}},
		StyleNote:      {Font: &excelize.Font{Family: "宋体", Size: 9.5}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		StyleInputText: {Font: font, Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}, NumFmt: 49,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}, Protection: &excelize.Protection{Locked: false}},
	}
}

func (w *Workbook) styleID(s Style) (int, error) {
	if id, ok := w.styles[string(s)]; ok {
		return id, nil
	}
	def, ok := styleDefs[s]
	if !ok {
		return 0, fmt.Errorf("excel: unknown style %q", s)
	}
	id, err := w.f.NewStyle(&def)
	if err != nil {
		return 0, err
	}
	w.styles[string(s)] = id
	return id, nil
}

// Sheet writes one sheet cell by cell. Its methods stop at the first error and keep it,
// so a layout reads as a list of steps with one check at the end (Err).
type Sheet struct {
	w    *Workbook
	Name string
	err  error
}

// Sheet adds a sheet (the first call renames the default one).
func (w *Workbook) Sheet(name string) *Sheet {
	s := &Sheet{w: w, Name: name}
	if w.first {
		s.err = w.f.SetSheetName("Sheet1", name)
		w.first = false
	} else {
		_, s.err = w.f.NewSheet(name)
	}
	return s
}

// Err is the first error any step met.
func (s *Sheet) Err() error { return s.err }

func (s *Sheet) do(f func() error) *Sheet {
	if s.err == nil {
		s.err = f()
	}
	return s
}

// Set writes a value (strings always as text) with a style.
func (s *Sheet) Set(cell string, v any, st Style) *Sheet {
	return s.do(func() error {
		if err := SetValue(s.w.f, s.Name, cell, v); err != nil {
			return err
		}
		if st == "" {
			return nil
		}
		return s.style(cell, cell, st)
	})
}

// Formula writes a formula with a style.
func (s *Sheet) Formula(cell, formula string, st Style) *Sheet {
	return s.do(func() error {
		if err := s.w.f.SetCellFormula(s.Name, cell, formula); err != nil {
			return err
		}
		return s.style(cell, cell, st)
	})
}

// Style styles a range.
func (s *Sheet) Style(from, to string, st Style) *Sheet {
	return s.do(func() error { return s.style(from, to, st) })
}

// Fill styles a range as st with a background colour ("C6EFCE").
func (s *Sheet) Fill(from, to string, st Style, rgb string) *Sheet {
	return s.do(func() error {
		key := string(st) + "#" + rgb
		id, ok := s.w.styles[key]
		if !ok {
			def, known := styleDefs[st]
			if !known {
				return fmt.Errorf("excel: unknown style %q", st)
			}
			def.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{rgb}}
			var err error
			if id, err = s.w.f.NewStyle(&def); err != nil {
				return err
			}
			s.w.styles[key] = id
		}
		return s.w.f.SetCellStyle(s.Name, from, to, id)
	})
}

// OnePage prints the sheet on exactly one page: for a summary laid out to fit one, so that the
// scale stays near full size while no line spills onto a second sheet of paper.
func (s *Sheet) OnePage() *Sheet {
	return s.do(func() error {
		one := 1
		return s.w.f.SetPageLayout(s.Name, &excelize.PageLayoutOptions{FitToWidth: &one, FitToHeight: &one})
	})
}

func (s *Sheet) style(from, to string, st Style) error {
	id, err := s.w.styleID(st)
	if err != nil {
		return err
	}
	return s.w.f.SetCellStyle(s.Name, from, to, id)
}

// Merge merges a range.
func (s *Sheet) Merge(from, to string) *Sheet {
	return s.do(func() error { return s.w.f.MergeCell(s.Name, from, to) })
}

// Width sets the width of a column ("A").
func (s *Sheet) Width(col string, width float64) *Sheet {
	return s.do(func() error { return s.w.f.SetColWidth(s.Name, col, col, width) })
}

// Height sets the height of a 1-based row, in points.
func (s *Sheet) Height(row int, points float64) *Sheet {
	return s.do(func() error { return s.w.f.SetRowHeight(s.Name, row, min(points, 409)) })
}

// Freeze keeps rows 1..row in view while scrolling.
func (s *Sheet) Freeze(row int) *Sheet {
	return s.do(func() error {
		return s.w.f.SetPanes(s.Name, &excelize.Panes{Freeze: true, YSplit: row, TopLeftCell: fmt.Sprintf("A%d", row+1), ActivePane: "bottomLeft"})
	})
}

// Validation restricts what a range accepts.
type Validation struct {
	List       []string // a drop-down
	Number     bool     // any decimal number
	InputTitle string
	Input      string // shown when a cell is selected
	ErrorMsg   string
}

// Validate adds a validation to a range ("K4:K30").
func (s *Sheet) Validate(sqref string, v Validation) *Sheet {
	return s.do(func() error { return s.w.validate(s.Name, sqref, v) })
}

func (w *Workbook) validate(sheet, sqref string, v Validation) error {
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(sqref)
	switch {
	case len(v.List) > 0:
		if err := dv.SetDropList(v.List); err != nil {
			return err
		}
	case v.Number:
		if err := dv.SetRange(-1e15, 1e15, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
	}
	if v.ErrorMsg != "" {
		dv.SetError(excelize.DataValidationErrorStyleStop, say(w.Say, msgInputError), v.ErrorMsg)
	}
	if v.Input != "" {
		dv.SetInput(v.InputTitle, v.Input)
	}
	return w.f.AddDataValidation(sheet, dv)
}

// Protect locks every cell not styled as input. No password: the lock prevents accidents;
// the signature, not the lock, detects tampering. Rows may be resized so long text can be read.
func (s *Sheet) Protect() *Sheet {
	return s.do(func() error {
		return s.w.f.ProtectSheet(s.Name, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true,
			FormatRows: true, FormatColumns: true})
	})
}

// Print sets landscape on the workbook's paper, one page wide, rows 1..titleRows repeated on
// every page, and page numbers.
func (s *Sheet) Print(titleRows int, footer string) *Sheet {
	return s.do(func() error { return printSetup(s.w.f, s.Name, titleRows, footer, say(s.w.Say, msgPages), s.w.Paper) })
}

// PrintArea limits what the sheet prints to ref ("A1:M30"); its other print settings stay.
func (s *Sheet) PrintArea(ref string) *Sheet {
	return s.do(func() error {
		return s.w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: s.Name,
			RefersTo: fmt.Sprintf("'%s'!%s", strings.ReplaceAll(s.Name, "'", "''"), absolute(ref))})
	})
}

// absolute writes a range with $ signs, as print areas are kept: "A1:M30" → "$A$1:$M$30".
func absolute(ref string) string {
	parts := strings.Split(ref, ":")
	for i, p := range parts {
		col := strings.TrimRight(p, "0123456789")
		parts[i] = "$" + col + "$" + p[len(col):]
	}
	return strings.Join(parts, ":")
}

// AutoHeight sets a row's estimated height, in points, and lets applications size it to its text.
func (s *Sheet) AutoHeight(row int, points float64) *Sheet {
	return s.do(func() error { return s.w.autoHeight(s.Name, row, points) })
}

// Hide hides the sheet; very hidden sheets are not listed in Excel's Unhide dialog.
func (s *Sheet) Hide(very bool) *Sheet {
	return s.do(func() error { return s.w.f.SetSheetVisible(s.Name, false, very) })
}

// Activate makes this sheet the one shown when the workbook opens.
func (s *Sheet) Activate() *Sheet {
	return s.do(func() error {
		i, err := s.w.f.GetSheetIndex(s.Name)
		if err == nil {
			s.w.f.SetActiveSheet(i)
		}
		return err
	})
}

// LockStructure stops sheets being added, deleted, renamed or unhidden (no password).
func (w *Workbook) LockStructure() error {
	return w.f.ProtectWorkbook(&excelize.WorkbookProtectionOptions{LockStructure: true})
}

// CellName names the cell at 1-based column and row ("C7").
func CellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// ColName names a 1-based column ("C").
func ColName(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}

// Series is one data series of a chart: a name, a range of values ("'總體情況'!$C$6:$C$17")
// and its colour ("70AD47"; empty: the application's).
type Series struct{ Name, Values, Colour string }

// StackedColumns adds a stacked column chart at cell, its categories and series given as ranges.
func (s *Sheet) StackedColumns(cell, title, categories string, series []Series, width, height uint) *Sheet {
	return s.do(func() error {
		var cs []excelize.ChartSeries
		for _, se := range series {
			c := excelize.ChartSeries{Name: se.Name, Categories: categories, Values: se.Values}
			if se.Colour != "" {
				c.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{se.Colour}}
			}
			cs = append(cs, c)
		}
		return s.w.f.AddChart(s.Name, cell, &excelize.Chart{Type: excelize.ColStacked, Series: cs,
			Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title}}},
			Legend: excelize.ChartLegend{Position: "bottom"},
			// Dark axis labels: the default (15% of the text colour) all but vanishes on paper.
			XAxis:     excelize.ChartAxis{Font: excelize.Font{Color: "404040", Size: 9}},
			YAxis:     excelize.ChartAxis{Font: excelize.Font{Color: "404040", Size: 9}, MajorGridLines: true},
			Dimension: excelize.ChartDimension{Width: width, Height: height}})
	})
}

// Highlight fills the cells of a range whose text equals a key with that key's colour ("C6EFCE").
func (s *Sheet) Highlight(sqref string, colours map[string]string) *Sheet {
	return s.do(func() error {
		keys := make([]string, 0, len(colours))
		for k := range colours {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var opts []excelize.ConditionalFormatOptions
		for _, text := range keys {
			id, err := s.w.f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colours[text]}}})
			if err != nil {
				return err
			}
			opts = append(opts, excelize.ConditionalFormatOptions{Type: "cell", Criteria: "==", Format: &id, Value: `"` + text + `"`})
		}
		return s.w.f.SetConditionalFormat(s.Name, sqref, opts)
	})
}

// Filter adds an autofilter over a range ("A3:P200").
func (s *Sheet) Filter(ref string) *Sheet {
	return s.do(func() error { return s.w.f.AutoFilter(s.Name, ref, nil) })
}
