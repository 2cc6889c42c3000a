package excel

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Limits bound what reading one workbook may cost, whatever the file claims. A zero field
// takes its value from DefaultLimits.
type Limits struct {
	FileSize      int64 // bytes on disk
	UnzipSize     int64 // all parts inflated, in total (each part is inflated at most once)
	UnzipXMLSize  int64 // one part, inflated, kept in memory
	Rows          int   // rows with content in one sheet
	Cols          int   // columns read from one row
	SharedStrings int   // entries of the shared-strings table
	Cells         int   // non-empty cells in one sheet
	Sheets        int   // sheets parsed in one workbook (a ledger needs two: the ledger and _meta)
}

// DefaultLimits fit every real ledger many times over and stop bombs within seconds.
var DefaultLimits = Limits{FileSize: 50 << 20, UnzipSize: 200 << 20, UnzipXMLSize: 64 << 20, Rows: 20000, Cols: 200,
	SharedStrings: 200000, Cells: 500000, Sheets: 16}

func (lim Limits) withDefaults() Limits {
	d := DefaultLimits
	set64 := func(v *int64, def int64) {
		if *v <= 0 {
			*v = def
		}
	}
	set := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	set64(&lim.FileSize, d.FileSize)
	set64(&lim.UnzipSize, d.UnzipSize)
	set64(&lim.UnzipXMLSize, d.UnzipXMLSize)
	set(&lim.Rows, d.Rows)
	set(&lim.Cols, d.Cols)
	set(&lim.SharedStrings, d.SharedStrings)
	set(&lim.Cells, d.Cells)
	set(&lim.Sheets, d.Sheets)
	return lim
}

// Book is a workbook opened for reading.
type Book struct {
	Name string // for messages
	lean *lean  // the reader of cells
	f    *excelize.File
	lim  Limits
	raw  []byte // the package, for what only excelize reads (styles, validations, comments)
}

// Open opens a workbook file for reading within limits: a regular file only (not a pipe or a
// device, which could block or never end), read no further than the size limit.
func Open(path string, lim Limits) (*Book, error) {
	lim = lim.withDefaults()
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
	lim = lim.withDefaults()
	if int64(len(b)) > lim.FileSize {
		return nil, &CellError{File: name, Err: ErrTooLarge, Hint: fmt.Sprintf(hintFileSize, len(b)>>20, lim.FileSize>>20)}
	}
	zr, err := sniff(name, b, lim)
	if err != nil {
		return nil, err
	}
	l, err := openLean(ctx, zr, lim)
	if err != nil {
		return nil, located(name, "", err)
	}
	return &Book{Name: name, lean: l, lim: lim, raw: b}, nil
}

// located gives a reader error the file and sheet it happened in.
func located(file, sheet string, err error) error {
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

// sniff refuses what is plainly not an xlsx before excelize sees it.
func sniff(name string, b []byte, lim Limits) (*zip.Reader, error) {
	switch {
	case len(b) == 0:
		return nil, &CellError{File: name, Err: ErrNotWorkbook, Hint: "文件是空的(0字節),請重新保存後再發送"}
	case bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		if bytes.Contains(b, []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e")) {
			return nil, &CellError{File: name, Err: ErrEncrypted, Hint: "請取消打開密碼(文件→信息→保護工作簿)後重新保存"}
		}
		return nil, &CellError{File: name, Err: ErrNotWorkbook, Hint: "這是舊版.xls格式,請用Excel或WPS另存為.xlsx"}
	case !bytes.HasPrefix(b, []byte("PK")):
		return nil, &CellError{File: name, Err: ErrNotWorkbook, Hint: "文件內容不是表格,請確認附件完整"}
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, &CellError{File: name, Err: ErrNotWorkbook, Hint: "文件已損壞或不完整,請重新保存後再發送"}
	}
	var total uint64
	hasWorkbook := false
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		n := strings.ToLower(strings.ReplaceAll(zf.Name, `\`, "/"))
		if strings.HasSuffix(n, "workbook.xml") || strings.HasSuffix(n, "workbook.bin") {
			hasWorkbook = true
		}
	}
	if total > uint64(lim.UnzipSize) {
		return nil, &CellError{File: name, Err: ErrTooLarge, Hint: fmt.Sprintf("解壓後有%d MB,超過%d MB的上限(疑似壓縮炸彈)", total>>20, lim.UnzipSize>>20)}
	}
	if !hasWorkbook {
		return nil, &CellError{File: name, Err: ErrNotWorkbook, Hint: "壓縮包中沒有工作簿內容(可能是Numbers、ODS或其他格式),請另存為.xlsx"}
	}
	return zr, nil
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

// excelize opens the workbook with excelize for what the lean reader does not do (styles,
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
func (b *Book) Sheets() []string {
	names := make([]string, len(b.lean.sheets))
	for i, s := range b.lean.sheets {
		names[i] = s.name
	}
	return names
}

// Strict reports a workbook saved as Strict Open XML (ISO/IEC 29500 Strict).
func (b *Book) Strict() bool { return b.lean.strict }

// Rows returns the raw cell text of a sheet, row by row. Any fault in the sheet is an error:
// there is no partial read.
func (b *Book) Rows(sheet string) ([][]string, error) {
	r, err := b.lean.sheet(sheet)
	if err != nil {
		if errors.Is(err, ErrNoSheet) {
			return nil, &CellError{File: b.Name, Sheet: sheet, Err: ErrNoSheet}
		}
		return nil, located(b.Name, sheet, err)
	}
	return r.rows, nil
}

// Kind says whether a cell holds a boolean, a date or an error value rather than plain text
// or a number. It is KindPlain for a sheet that was not read.
func (b *Book) Kind(sheet, cell string) CellKind {
	if r, err := b.lean.sheet(sheet); err == nil {
		return r.kinds[cell]
	}
	return KindPlain
}

// Problems lists the cells of a sheet that could not be read (a shared-string index out of
// range); each reads as empty in Rows.
func (b *Book) Problems(sheet string) []*CellError {
	r, err := b.lean.sheet(sheet)
	if err != nil {
		return nil
	}
	out := make([]*CellError, len(r.problems))
	for i, p := range r.problems {
		c := *p
		c.File, c.Sheet = b.Name, sheet
		out[i] = &c
	}
	return out
}

// ContentRows is the number of rows of a sheet with at least one non-empty cell.
func (b *Book) ContentRows(sheet string) int {
	if r, err := b.lean.sheet(sheet); err == nil {
		return r.content
	}
	return 0
}

// Cell names the cell at 0-based row and column indexes ("D7").
func Cell(row, col int) string {
	name, _ := excelize.CoordinatesToCellName(col+1, row+1)
	return name
}
