package excel

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Limits bound what reading one workbook may cost, whatever the file claims.
type Limits struct {
	FileSize     int64 // bytes on disk
	UnzipSize    int64 // all parts, decompressed
	UnzipXMLSize int64 // one part, decompressed, kept in memory
	Rows         int   // rows read from one sheet
	Cols         int   // columns read from one row
}

// DefaultLimits fit every real ledger many times over and stop bombs within seconds.
var DefaultLimits = Limits{FileSize: 50 << 20, UnzipSize: 200 << 20, UnzipXMLSize: 64 << 20, Rows: 20000, Cols: 200}

// Book is a workbook opened for reading.
type Book struct {
	Name string // for messages
	lean *lean  // the fast reader, when the package is one it reads
	f    *excelize.File
	lim  Limits
	raw  []byte // the package, for the few facts excelize does not expose
}

// Open opens a workbook file for reading within limits.
func Open(path string, lim Limits) (*Book, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	name := fi.Name()
	if fi.Size() > lim.FileSize {
		return nil, &CellError{File: name, Err: ErrTooLarge, Hint: fmt.Sprintf("文件大小%d MB,超過%d MB的上限", fi.Size()>>20, lim.FileSize>>20)}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Read(name, b, lim)
}

// Read opens a workbook from its bytes.
func Read(name string, b []byte, lim Limits) (*Book, error) {
	if int64(len(b)) > lim.FileSize {
		return nil, &CellError{File: name, Err: ErrTooLarge}
	}
	zr, err := sniff(name, b, lim)
	if err != nil {
		return nil, err
	}
	l, err := openLean(zr, lim)
	switch {
	case err == nil:
		return &Book{Name: name, lean: l, lim: lim, raw: b}, nil
	case errors.Is(err, ErrTooLarge):
		return nil, &CellError{File: name, Err: ErrTooLarge}
	}
	// Not a package the lean reader knows (Strict OOXML, odd producers): excelize reads it.
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: lim.UnzipSize, UnzipXMLSizeLimit: lim.UnzipXMLSize, RawCellValue: true})
	if err != nil {
		return nil, translate(name, err)
	}
	if len(f.GetSheetList()) == 0 {
		f.Close()
		return nil, &CellError{File: name, Err: ErrNotWorkbook, Hint: "工作簿中沒有工作表"}
	}
	return &Book{Name: name, f: f, lim: lim, raw: b}, nil
}

// sniff rejects what is plainly not an xlsx before excelize sees it.
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
	if b.lean != nil {
		names := make([]string, len(b.lean.sheets))
		for i, s := range b.lean.sheets {
			names[i] = s.name
		}
		return names
	}
	return b.f.GetSheetList()
}

// Rows returns the raw cell text of a sheet, row by row, within the row and column limits.
func (b *Book) Rows(sheet string) ([][]string, error) {
	if b.lean != nil {
		r, err := b.lean.sheet(sheet)
		switch {
		case errors.Is(err, ErrNoSheet):
			return nil, &CellError{File: b.Name, Sheet: sheet, Err: ErrNoSheet}
		case errors.Is(err, ErrTooLarge):
			return nil, &CellError{File: b.Name, Sheet: sheet, Err: ErrTooLarge, Hint: fmt.Sprintf("超過%d行或單個部件超過%d MB", b.lim.Rows, b.lim.UnzipXMLSize>>20)}
		case err == nil:
			return r.rows, nil
		}
		// A sheet the scanner does not follow: read the whole workbook with excelize instead.
		if _, err := b.excelize(); err != nil {
			return nil, err
		}
	}
	rows, err := b.f.Rows(sheet)
	if err != nil {
		return nil, &CellError{File: b.Name, Sheet: sheet, Err: ErrNoSheet}
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		if len(out) >= b.lim.Rows {
			return nil, &CellError{File: b.Name, Sheet: sheet, Err: ErrTooLarge, Hint: fmt.Sprintf("超過%d行", b.lim.Rows)}
		}
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, translate(b.Name, err)
		}
		if len(cols) > b.lim.Cols {
			cols = cols[:b.lim.Cols]
		}
		out = append(out, cols)
	}
	return out, rows.Error()
}

// Cell names the cell at 0-based row and column indexes ("D7").
func Cell(row, col int) string {
	name, _ := excelize.CoordinatesToCellName(col+1, row+1)
	return name
}
