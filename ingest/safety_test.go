package ingest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"taizhang/office"
	"testing"
	"time"
)

// writeZip writes a zip with the given members; big members are streamed from a generator.
func writeZip(t *testing.T, path string, members map[string]func(w *bufio.Writer)) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"} {
		gen, ok := members[name]
		if !ok {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		bw := bufio.NewWriterSize(w, 1<<16)
		gen(bw)
		bw.Flush()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

func text(s string) func(w *bufio.Writer) { return func(w *bufio.Writer) { w.WriteString(s) } }

var skeleton = map[string]func(w *bufio.Writer){
	"[Content_Types].xml":        text(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`),
	"_rels/.rels":                text(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
	"xl/workbook.xml":            text(`<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="工作臺賬" sheetId="1" r:id="rId1"/></sheets></workbook>`),
	"xl/_rels/workbook.xml.rels": text(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`),
}

func with(extra map[string]func(w *bufio.Writer)) map[string]func(w *bufio.Writer) {
	m := map[string]func(w *bufio.Writer){}
	for k, v := range skeleton {
		m[k] = v
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

// TestSafetyLimits: hostile and broken files are each rejected within seconds with a clear reason.
func TestSafetyLimits(t *testing.T) {
	e := newEnv(t)
	dir := filepath.Join(e.dir, "hostile")
	os.MkdirAll(dir, 0o755)
	writeZip(t, filepath.Join(dir, "zip-bomb.xlsx"), with(map[string]func(w *bufio.Writer){
		"xl/worksheets/sheet1.xml": func(w *bufio.Writer) {
			w.WriteString(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
			pad := bytes.Repeat([]byte("<!---->"), 1<<16)
			for written := 0; written < 300<<20; written += len(pad) {
				w.Write(pad)
			}
			w.WriteString(`</sheetData></worksheet>`)
		}}))
	writeZip(t, filepath.Join(dir, "xml-bomb.xlsx"), with(map[string]func(w *bufio.Writer){
		"xl/sharedStrings.xml":     text(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1"><si><t>&lol9;</t></si></sst>`),
		"xl/worksheets/sheet1.xml": text(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`),
	}))
	writeZip(t, filepath.Join(dir, "million-rows.xlsx"), with(map[string]func(w *bufio.Writer){
		"xl/worksheets/sheet1.xml": func(w *bufio.Writer) {
			w.WriteString(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:A1048576"/><sheetData>`)
			for i := 1; i <= 1048576; i++ {
				fmt.Fprintf(w, `<row r="%d"><c r="A%d"><v>1</v></c></row>`, i, i)
			}
			w.WriteString(`</sheetData></worksheet>`)
		}}))
	huge, _ := os.Create(filepath.Join(dir, "huge.xlsx"))
	huge.Truncate(200 << 20) // a 200 MB file (sparse on disk)
	huge.Close()
	tpl := e.template("省海洋局", "2023-Q1")
	b, _ := os.ReadFile(tpl)
	os.WriteFile(filepath.Join(dir, "truncated.xlsx"), b[:len(b)/2], 0o644)
	os.WriteFile(filepath.Join(dir, "empty.xlsx"), nil, 0o644)
	if enc, err := os.ReadFile(filepath.Join("..", "..", "shared", "corpus", "foreign", "calamine__pass_protected.xlsx")); err == nil {
		os.WriteFile(filepath.Join(dir, "password.xlsx"), enc, 0o644)
	}
	want := map[string]string{"zip-bomb.xlsx": CodeTooLarge, "xml-bomb.xlsx": "", "million-rows.xlsx": CodeTooLarge, "huge.xlsx": CodeTooLarge,
		"truncated.xlsx": CodeUnreadable, "empty.xlsx": CodeUnreadable, "password.xlsx": CodeEncrypted}
	start := time.Now()
	sum := e.run([]string{dir}, Options{Jobs: 2})
	elapsed := time.Since(start)
	for _, o := range sum.Outcomes {
		code, ok := want[o.Name]
		if !ok {
			t.Errorf("unexpected file %s", o.Name)
			continue
		}
		if o.Kind != Rejected || (code != "" && o.Code != code) || o.Reason == "" {
			t.Errorf("%s: %s %s %q; want rejected %s", o.Name, o.Kind, o.Code, o.Reason, code)
		}
		t.Logf("%s: %s — %s", o.Name, o.Code, o.Reason)
	}
	if elapsed > 60*time.Second {
		t.Errorf("hostile files took %v", elapsed)
	}
	t.Logf("all hostile files rejected in %v", elapsed)
}

// TestForeignCorpus: every real spreadsheet that is not a ledger of this plan is rejected with a
// reason that fits it; never accepted, never a panic or a hang.
func TestForeignCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "foreign")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no ../shared/corpus beside the project")
	}
	e := newEnv(t)
	start := time.Now()
	sum := e.run([]string{dir}, Options{Jobs: 2, Converter: office.Find()})
	if n := len(sum.Outcomes) + len(sum.Skipped); n != 46 { // 45 files and the manifest
		t.Errorf("%d outcomes", n)
	}
	for _, o := range sum.Outcomes {
		if o.Kind != Rejected || o.Reason == "" {
			t.Errorf("%s: %s %q", o.Name, o.Kind, o.Reason)
		}
		switch {
		case strings.HasSuffix(o.Name, ".csv") || strings.HasSuffix(o.Name, ".tsv"):
			if o.Code != CodeNotSpreadsheet {
				t.Errorf("%s: %s", o.Name, o.Code)
			}
		case strings.Contains(o.Name, "pass_protected"), strings.Contains(o.Name, "password"):
			if o.Code != CodeEncrypted {
				t.Errorf("%s: %s %s", o.Name, o.Code, o.Reason)
			}
		case strings.Contains(o.Name, "594_dos"):
			if o.Code != CodeTooLarge || !strings.Contains(o.Reason, "重複") {
				t.Errorf("%s: %s %s", o.Name, o.Code, o.Reason)
			}
		}
		t.Logf("%-55s %-18s %s", o.Name, o.Code, o.Reason)
	}
	t.Logf("foreign corpus: %d files in %v", len(sum.Outcomes), time.Since(start))
}
