// Package plandoc reads a plan in the file it comes in — text, Word or WPS, PDF, a workbook or
// CSV — into a catalog.Source of text lines and table rows, and parses it with catalog.Read.
//
// Word documents (.docx) are read directly: their paragraphs and tables, with merged cells and
// Word's own list numbering. .doc, .wps, .odt and .rtf are converted to .docx by LibreOffice
// first, and .xls, .et and .ods to .xlsx (package office). PDFs are read with poppler's
// pdftotext; the lines the page width broke are joined again. The format is told by the
// file's content, so a .doc saved as .docx is still read.
package plandoc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/office"
)

// MaxSize bounds a plan file: real plans, even as scanned PDFs, are a few megabytes.
const MaxSize = 50 << 20

// Parse reads the plan file at path and parses it into a plan. Converting .doc, .wps, .xls and
// .et files needs LibreOffice (conv, from office.Find()); reading PDFs needs pdftotext on PATH.
// The problems list what was read only in part, each with its line or table row and a hint;
// the error is a *plandoc.Error when the file cannot be read, a *catalog.ParseError when it
// holds no plan.
func Parse(ctx context.Context, path string, conv office.Converter) (*taizhang.Plan, []catalog.Problem, error) {
	data, err := ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	return ParseBytes(ctx, filepath.Base(path), data, conv)
}

// ReadFile reads a plan file, saying in Chinese what is wrong with the path.
func ReadFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &Error{File: path, Err: ErrNotFound}
	case err != nil:
		return nil, &Error{File: path, Err: ErrRead, Detail: err.Error()}
	case fi.IsDir():
		return nil, &Error{File: path, Err: ErrIsDir}
	case fi.Size() > MaxSize:
		return nil, &Error{File: path, Err: ErrTooLarge, Detail: fmt.Sprintf("%d MB", fi.Size()>>20)}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{File: path, Err: ErrRead, Detail: err.Error()}
	}
	return data, nil
}

// ParseBytes is Parse for a file already in memory; name (with its extension) is used for
// messages and to tell formats apart.
func ParseBytes(ctx context.Context, name string, data []byte, conv office.Converter) (*taizhang.Plan, []catalog.Problem, error) {
	src, err := ReadSource(ctx, name, data, conv)
	if err != nil {
		return nil, nil, err
	}
	return catalog.Read(src)
}

// ReadPlan is ParseBytes saying also how much of the document its tasks account for and which
// names it took as one agency.
func ReadPlan(ctx context.Context, name string, data []byte, conv office.Converter) (*catalog.Reading, error) {
	src, err := ReadSource(ctx, name, data, conv)
	if err != nil {
		return nil, err
	}
	return catalog.ReadDocument(src)
}

// format is what a file holds, by its content first and its extension second.
type format int

const (
	formatText format = iota
	formatCSV
	formatDOCX
	formatXLSX
	formatPDF
	formatWordOther  // .doc, .wps, .odt, .rtf: converted to .docx
	formatSheetOther // .xls, .et, .ods: converted to .xlsx
	formatUnknown
)

// sniff tells the format of a file from its first bytes and, for the old binary formats that
// hold either a document or a workbook, its extension.
func sniff(name string, data []byte) format {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(data, []byte("%PDF")):
		return formatPDF
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return sniffZip(data, ext)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		// An OLE compound file: Word (.doc, WPS .wps) or Excel (.xls, WPS .et).
		switch {
		case ext == ".xls" || ext == ".et" || ext == ".ett":
			return formatSheetOther
		case ext == ".doc" || ext == ".wps" || ext == ".wpt" || ext == ".dot":
			return formatWordOther
		case bytes.Contains(data, utf16("WordDocument")):
			return formatWordOther
		case bytes.Contains(data, utf16("Workbook")) || bytes.Contains(data, utf16("Book")):
			return formatSheetOther
		}
		return formatUnknown
	case bytes.HasPrefix(data, []byte(`{\rtf`)):
		return formatWordOther
	case ext == ".csv":
		return formatCSV
	}
	return formatText
}

func sniffZip(data []byte, ext string) format {
	switch {
	case bytes.Contains(data, []byte("word/document")):
		return formatDOCX
	case bytes.Contains(data, []byte("xl/workbook")):
		return formatXLSX
	case bytes.Contains(data, []byte("application/vnd.oasis.opendocument.text")):
		return formatWordOther
	case bytes.Contains(data, []byte("application/vnd.oasis.opendocument.spreadsheet")):
		return formatSheetOther
	case ext == ".docx" || ext == ".wps":
		return formatDOCX
	case ext == ".xlsx" || ext == ".et":
		return formatXLSX
	}
	return formatUnknown
}

func utf16(s string) []byte {
	var b []byte
	for _, c := range []byte(s) {
		b = append(b, c, 0)
	}
	return b
}

// ReadSource reads a plan file into lines and table rows, converting it first when it is in a
// format only LibreOffice reads.
func ReadSource(ctx context.Context, name string, data []byte, conv office.Converter) (catalog.Source, error) {
	switch sniff(name, data) {
	case formatText:
		text, err := catalog.Decode(data)
		if err != nil {
			return catalog.Source{}, &catalog.ParseError{File: name, Err: err}
		}
		return catalog.TextSource(name, text), nil
	case formatCSV:
		return readCSV(name, data)
	case formatDOCX:
		return readDOCX(name, data)
	case formatXLSX:
		return readWorkbook(name, data)
	case formatPDF:
		return readPDF(ctx, name, data)
	case formatWordOther:
		docx, err := convert(ctx, conv, name, data, office.DOCX)
		if err != nil {
			return catalog.Source{}, err
		}
		return readDOCX(name, docx)
	case formatSheetOther:
		xlsx, err := convert(ctx, conv, name, data, office.XLSX)
		if err != nil {
			return catalog.Source{}, err
		}
		return readWorkbook(name, xlsx)
	}
	return catalog.Source{}, &Error{File: name, Err: ErrFormat}
}

// convert runs LibreOffice on a file, saying how to install it when it is missing.
func convert(ctx context.Context, conv office.Converter, name string, data []byte, target string) ([]byte, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == "" {
		ext = ".doc"
		if target == office.XLSX {
			ext = ".xls"
		}
	}
	out, err := conv.Convert(ctx, data, ext, target)
	switch {
	case errors.Is(err, office.ErrNotInstalled):
		return nil, &Error{File: name, Err: ErrNoOffice, Hint: office.InstallHint}
	case err != nil:
		return nil, &Error{File: name, Err: ErrConvert, Detail: err.Error()}
	}
	return out, nil
}
