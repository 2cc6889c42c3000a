// Package hostile writes the large hostile returns of issue 11 (zip and XML bombs, files that
// are not files), for ingest's safety test and for `go run ./bench -hostile`, which runs ingest
// on each in a process of its own and reports its peak memory and wall time. They are
// generated, not checked in: each is small on disk and huge once read.
package hostile

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	taizhang "taizhang"
)

// File is one hostile return and the refusal code ingest must give it.
type File struct {
	Name string
	Code taizhang.RefusalReason // the refusal ingest must give it
	What string
}

// Write writes every hostile file into dir (files that need what the system may not allow, a
// FIFO or a link to a device, are left out when it does not) and lists them.
func Write(dir string) ([]File, error) {
	var out []File
	for _, g := range generators {
		path := filepath.Join(dir, g.file.Name)
		if err := g.write(path); err != nil {
			if g.optional {
				continue
			}
			return nil, fmt.Errorf("%s: %w", g.file.Name, err)
		}
		out = append(out, g.file)
	}
	return out, nil
}

type generator struct {
	file     File
	write    func(path string) error
	optional bool
}

var generators = []generator{
	{File{"many-sheets-one-part.xlsx", taizhang.RefusedNotLedger, "2,000 <sheet> entries pointing at one 60 MB part (parsed once, no ledger in it)"}, manySheets, false},
	{File{"many-shared-strings.xlsx", taizhang.RefusedTooLarge, "3.5 million shared strings in a 150 KB file"}, manyStrings, false},
	{File{"zip-bomb.xlsx", taizhang.RefusedTooLarge, "a 300 MB sheet of comments"}, zipBomb, false},
	{File{"million-rows.xlsx", taizhang.RefusedTooLarge, "1,048,576 rows with a value each"}, millionRows, false},
	{File{"ods-bomb.ods", taizhang.RefusedTooLarge, "an ODS of 1,048,576 rows × 72 filled cells"}, odsBomb, false},
	{File{"fifo.xlsx", taizhang.RefusedUnreadable, "a FIFO named .xlsx"}, mkfifo, true},
	{File{"zero.xlsx", taizhang.RefusedUnreadable, "a link to /dev/zero"}, func(p string) error { return os.Symlink("/dev/zero", p) }, true},
}

const (
	mainNS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	relNS  = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
)

// pkg writes an xlsx whose parts are given; a part's content may be streamed by a function.
func pkg(path string, parts map[string]func(w io.Writer)) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	for _, name := range []string{"_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"} {
		gen, ok := parts[name]
		if !ok {
			gen = skeleton[name]
		}
		if gen == nil {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(w, 1<<16)
		gen(bw)
		if err := bw.Flush(); err != nil {
			return err
		}
	}
	return zw.Close()
}

func text(s string) func(w io.Writer) { return func(w io.Writer) { io.WriteString(w, s) } }

var skeleton = map[string]func(w io.Writer){
	"_rels/.rels":     text(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
	"xl/workbook.xml": text(`<?xml version="1.0"?><workbook ` + mainNS + ` ` + relNS + `><sheets><sheet name="工作臺賬" sheetId="1" r:id="rId1"/></sheets></workbook>`),
	"xl/_rels/workbook.xml.rels": text(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`),
	"xl/worksheets/sheet1.xml": text(`<?xml version="1.0"?><worksheet ` + mainNS + `><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`),
}

// padded streams a worksheet of n bytes whose bulk is white space between two rows.
func padded(n int) func(w io.Writer) {
	return func(w io.Writer) {
		io.WriteString(w, `<?xml version="1.0"?><worksheet `+mainNS+`><sheetData><row r="1"><c r="A1"><v>1</v></c></row>`)
		pad := bytes.Repeat([]byte(" "), 1<<16)
		for written := 0; written < n; written += len(pad) {
			w.Write(pad)
		}
		io.WriteString(w, `</sheetData></worksheet>`)
	}
}

func manySheets(path string) error {
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0"?><workbook ` + mainNS + ` ` + relNS + `><sheets>`)
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&sb, `<sheet name="表%d" sheetId="%d" r:id="rId1"/>`, i+1, i+1)
	}
	sb.WriteString(`</sheets></workbook>`)
	return pkg(path, map[string]func(w io.Writer){"xl/workbook.xml": text(sb.String()), "xl/worksheets/sheet1.xml": padded(60 << 20)})
}

func manyStrings(path string) error {
	return pkg(path, map[string]func(w io.Writer){"xl/sharedStrings.xml": func(w io.Writer) {
		io.WriteString(w, `<?xml version="1.0"?><sst `+mainNS+` count="3500000">`)
		for i := 0; i < 3500000; i++ {
			io.WriteString(w, `<si><t>x</t></si>`)
		}
		io.WriteString(w, `</sst>`)
	}})
}

func zipBomb(path string) error {
	return pkg(path, map[string]func(w io.Writer){"xl/worksheets/sheet1.xml": func(w io.Writer) {
		io.WriteString(w, `<?xml version="1.0"?><worksheet `+mainNS+`><sheetData>`)
		pad := bytes.Repeat([]byte("<!---->"), 1<<16)
		for written := 0; written < 300<<20; written += len(pad) {
			w.Write(pad)
		}
		io.WriteString(w, `</sheetData></worksheet>`)
	}})
}

func millionRows(path string) error {
	return pkg(path, map[string]func(w io.Writer){"xl/worksheets/sheet1.xml": func(w io.Writer) {
		io.WriteString(w, `<?xml version="1.0"?><worksheet `+mainNS+`><dimension ref="A1:A1048576"/><sheetData>`)
		for i := 1; i <= 1048576; i++ {
			fmt.Fprintf(w, `<row r="%d"><c r="A%d"><v>1</v></c></row>`, i, i)
		}
		io.WriteString(w, `</sheetData></worksheet>`)
	}})
}

func odsBomb(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	if err != nil {
		return err
	}
	io.WriteString(w, "application/vnd.oasis.opendocument.spreadsheet")
	if w, err = zw.Create("content.xml"); err != nil {
		return err
	}
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S">`+
		`<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="72" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>`+
		`</table:table></office:spreadsheet></office:body></office:document-content>`)
	return zw.Close()
}
