package xlsxread

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
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

// WithDefaults is lim with every zero field taken from DefaultLimits.
func (lim Limits) WithDefaults() Limits {
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

// Open opens the workbook of size bytes that r holds: it refuses what is plainly no xlsx
// (an empty file, an old .xls, an encrypted one, a zip without a workbook, a zip bomb) and
// reads the sheet list and the shared strings. Reading, now and when sheets are asked for
// later, stops with ErrTimeout when ctx ends. Every error is an *Error.
func Open(ctx context.Context, r io.ReaderAt, size int64, lim Limits) (*Workbook, error) {
	lim = lim.WithDefaults()
	if size > lim.FileSize {
		return nil, tooLarge(hintFileSize, size>>20, lim.FileSize>>20)
	}
	zr, err := sniff(r, size, lim)
	if err != nil {
		return nil, err
	}
	return open(ctx, zr, lim)
}

// cfbMagic starts an OLE compound file: an old .xls, or an encrypted xlsx.
var cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0}

// sniff refuses what is plainly not an xlsx before any part is read.
func sniff(r io.ReaderAt, size int64, lim Limits) (*zip.Reader, error) {
	head := make([]byte, min(size, 8))
	if _, err := r.ReadAt(head, 0); err != nil && err != io.EOF {
		return nil, &Error{Err: ErrNotWorkbook, Hint: hintBrokenZip}
	}
	switch {
	case size == 0:
		return nil, &Error{Err: ErrNotWorkbook, Hint: hintEmpty}
	case bytes.HasPrefix(head, cfbMagic):
		if encrypted(io.NewSectionReader(r, 0, size)) {
			return nil, &Error{Err: ErrEncrypted, Hint: hintEncrypted}
		}
		return nil, &Error{Err: ErrNotWorkbook, Hint: hintXLS}
	case !bytes.HasPrefix(head, []byte("PK")):
		return nil, &Error{Err: ErrNotWorkbook, Hint: hintNotZip}
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, &Error{Err: ErrNotWorkbook, Hint: hintBrokenZip}
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
		return nil, &Error{Err: ErrTooLarge, Hint: fmt.Sprintf(hintUnzipTotal, total>>20, lim.UnzipSize>>20)}
	}
	if !hasWorkbook {
		return nil, &Error{Err: ErrNotWorkbook, Hint: hintNoWorkbook}
	}
	return zr, nil
}

// encryptedPackage is the stream an encrypted xlsx keeps in its compound file, in UTF-16.
var encryptedPackage = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e")

// encrypted reports whether a compound file holds an encrypted xlsx (a password to open).
func encrypted(r io.Reader) bool {
	b, err := io.ReadAll(r)
	return err == nil && bytes.HasPrefix(b, cfbMagic) && bytes.Contains(b, encryptedPackage)
}

// Estimate is the most memory reading a workbook of size bytes can take, from its zip
// directory alone: the file, every part it declares (each inflated at most once, within
// lim.UnzipSize), and a margin for what is parsed out of them. Callers that read many files at
// once reserve it from a shared budget before reading the file. A file that is not a zip costs
// its size.
func Estimate(r io.ReaderAt, size int64, lim Limits) int64 {
	lim = lim.WithDefaults()
	const margin = 4 << 20
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return size + margin
	}
	var total uint64
	for _, f := range zr.File {
		total += min(f.UncompressedSize64, uint64(lim.UnzipXMLSize))
	}
	return size + int64(min(total, uint64(lim.UnzipSize))) + margin
}
