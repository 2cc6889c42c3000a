package excel

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"

	"taizhang/excel/xlsxread"

	"github.com/xuri/excelize/v2"
)

// Limits bound what reading one workbook may cost (see xlsxread.Limits).
type Limits = xlsxread.Limits

// DefaultLimits fit every real ledger many times over and stop bombs within seconds.
var DefaultLimits = xlsxread.DefaultLimits

// Book is a workbook opened for reading: its cells read by package xlsxread, what else tests
// and the writers inspect (styles, validations, comments) by excelize.
type Book struct {
	Name string             // for messages
	wb   *xlsxread.Workbook // the reader of cells
	f    *excelize.File
	lim  Limits
	raw  []byte // the package, for what only excelize reads (styles, validations, comments)
}

// Open opens a workbook file for reading within limits: a regular file only (not a pipe or a
// device, which could block or never end), read no further than the size limit.
func Open(path string, lim Limits) (*Book, error) {
	lim = lim.WithDefaults()
	b, err := ReadFile(path, lim.FileSize)
	if err != nil {
		return nil, err
	}
	return Read(filepath.Base(path), b, lim)
}

// Read opens a workbook from its bytes.
func Read(name string, b []byte, lim Limits) (*Book, error) {
	return ReadContext(context.Background(), name, b, lim)
}

// ReadContext opens a workbook from its bytes; reading it (now and when sheets are asked for
// later) stops with ErrTimeout when ctx ends.
func ReadContext(ctx context.Context, name string, b []byte, lim Limits) (*Book, error) {
	lim = lim.WithDefaults()
	wb, err := xlsxread.Open(ctx, bytes.NewReader(b), int64(len(b)), lim)
	if err != nil {
		return nil, located(name, "", err)
	}
	return &Book{Name: name, wb: wb, lim: lim, raw: b}, nil
}

// located gives a reader error the file and sheet it happened in.
func located(file, sheet string, err error) error {
	var re *xlsxread.Error
	if errors.As(err, &re) {
		c := &CellError{File: file, Sheet: re.Sheet, Cell: re.Cell, Err: re.Err, Value: re.Value, Hint: re.Hint}
		if c.Sheet == "" {
			c.Sheet = sheet
		}
		return c
	}
	var ce *CellError
	if !errors.As(err, &ce) {
		return &CellError{File: file, Sheet: sheet, Err: ErrNotWorkbook, Hint: "無法讀取:" + err.Error()}
	}
	c := *ce
	c.File = file
	if c.Sheet == "" {
		c.Sheet = sheet
	}
	return &c
}

func translate(name string, err error) error {
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat), errors.Is(err, zip.ErrFormat), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return &CellError{File: name, Err: ErrNotWorkbook, Hint: "文件已損壞或不是.xlsx,請重新保存後再發送"}
	case errors.Is(err, excelize.ErrOptionsUnzipSizeLimit), strings.Contains(err.Error(), "size limit"):
		return &CellError{File: name, Err: ErrTooLarge}
	case strings.Contains(err.Error(), "password"), strings.Contains(err.Error(), "encrypt"):
		return &CellError{File: name, Err: ErrEncrypted}
	}
	return &CellError{File: name, Err: ErrNotWorkbook, Hint: "無法讀取:" + err.Error()}
}

// Close releases the workbook.
func (b *Book) Close() error {
	if b.f != nil {
		return b.f.Close()
	}
	return nil
}

// excelize opens the workbook with excelize for what xlsxread does not read (styles,
// validations, comments); ingest never needs it.
func (b *Book) excelize() (*excelize.File, error) {
	if b.f != nil {
		return b.f, nil
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.raw), excelize.Options{UnzipSizeLimit: b.lim.UnzipSize, UnzipXMLSizeLimit: b.lim.UnzipXMLSize, RawCellValue: true})
	if err != nil {
		return nil, translate(b.Name, err)
	}
	b.f = f
	return f, nil
}

// Sheets lists the sheet names in order.
func (b *Book) Sheets() []string { return b.wb.Sheets() }

// Strict reports a workbook saved as Strict Open XML (ISO/IEC 29500 Strict).
func (b *Book) Strict() bool { return b.wb.Strict() }

// Rows returns the raw cell text of a sheet, row by row. Any fault in the sheet is an error:
// there is no partial read.
func (b *Book) Rows(sheet string) ([][]string, error) {
	s, err := b.wb.Sheet(sheet)
	if err != nil {
		return nil, located(b.Name, sheet, err)
	}
	return s.Rows(), nil
}

// CellKind is what a cell holds when it is not plain text or a plain number.
type CellKind = xlsxread.Kind

// Kinds of cell (see xlsxread.Kind).
const (
	KindPlain = xlsxread.KindPlain // text or a number
	KindBool  = xlsxread.KindBool  // TRUE/FALSE (stored as 1/0)
	KindDate  = xlsxread.KindDate  // a number shown as a date or time, or an ISO date (t="d")
	KindError = xlsxread.KindError // #N/A, #DIV/0! …
	// KindMasked: its number format shows other text, or nothing, in place of the value (Shown).
	KindMasked = xlsxread.KindMasked
	// KindCovered: under a merged cell that does not start there; Excel does not show it, and
	// Rows does not have it.
	KindCovered = xlsxread.KindCovered
)

// Kind says whether a cell holds a boolean, a date or an error value rather than plain text
// or a number, or a value Excel does not show as stored. It is KindPlain for a sheet that was
// not read.
func (b *Book) Kind(sheet, cell string) CellKind {
	if s, err := b.wb.Sheet(sheet); err == nil {
		return s.Kind(cell)
	}
	return KindPlain
}

// Shown is what Excel shows in a KindMasked cell ("" for nothing); Rows has the value stored.
func (b *Book) Shown(sheet, cell string) string {
	if s, err := b.wb.Sheet(sheet); err == nil {
		return s.Shown(cell)
	}
	return ""
}

// Date1904 reports a workbook in the 1904 date system: a date's serial number counts days from
// 1904-01-01, not from 1899-12-30.
func (b *Book) Date1904() bool { return b.wb.Date1904() }

// Problems lists the cells of a sheet that could not be read (a shared-string index out of
// range); each reads as empty in Rows.
func (b *Book) Problems(sheet string) []*CellError {
	s, err := b.wb.Sheet(sheet)
	if err != nil {
		return nil
	}
	var out []*CellError
	for _, p := range s.Problems() {
		out = append(out, located(b.Name, sheet, p).(*CellError))
	}
	return out
}

// ContentRows is the number of rows of a sheet with at least one non-empty cell.
func (b *Book) ContentRows(sheet string) int {
	if s, err := b.wb.Sheet(sheet); err == nil {
		return s.ContentRows()
	}
	return 0
}

// Cell names the cell at 0-based row and column indexes ("D7").
func Cell(row, col int) string { return xlsxread.CellName(row, col) }
