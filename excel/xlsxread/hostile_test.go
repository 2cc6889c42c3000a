package xlsxread

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

const (
	nsMainDecl = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	nsRelDecl  = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	nsMCDecl   = `xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`
)

// pkg is a workbook package under construction: part name → content.
type pkg map[string]string

// book builds a one-sheet package around a sheet's XML, with shared strings and styles when given.
func book(sheet, shared, styles string) pkg {
	rels := `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`
	p := pkg{
		"_rels/.rels":              `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":          `<?xml version="1.0"?><workbook ` + nsMainDecl + ` ` + nsRelDecl + `><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/worksheets/sheet1.xml": sheet,
	}
	if shared != "" {
		rels += `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
		p["xl/sharedStrings.xml"] = shared
	}
	if styles != "" {
		rels += `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`
		p["xl/styles.xml"] = styles
	}
	p["xl/_rels/workbook.xml.rels"] = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels + `</Relationships>`
	return p
}

func (p pkg) zip(t testing.TB) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range p {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sheetXML(extra, rows string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet ` + nsMainDecl + ` ` + nsRelDecl + ` ` + extra + `><sheetData>` + rows + `</sheetData></worksheet>`
}

func sst(items ...string) string {
	return `<?xml version="1.0"?><sst ` + nsMainDecl + `>` + strings.Join(items, "") + `</sst>`
}

// TestHostileXML: sheet XML that is valid but unusual, or invalid, is read as Excel reads it
// (checked against Excel, LibreOffice and openpyxl where they open it) or refused with the
// right sentinel. Each case once fooled the fast reader (issue 11, item 3).
func TestHostileXML(t *testing.T) {
	x99 := `xmlns:x99="urn:example:x99"`
	cases := []struct {
		name     string
		p        pkg
		want     string // "A1=v;B2=w" (only these cells, none extra)
		err      error
		problems string // "A1" cells reported as unreadable
	}{
		{"ignorable element in a cell", book(sheetXML(nsMCDecl+` `+x99+` mc:Ignorable="x99"`, `<row r="5"><c r="I5"><v>10</v><x99:v>999</x99:v></c></row>`), "", ""), "I5=10", nil, ""},
		{"ignorable wrapper around a value", book(sheetXML(nsMCDecl+` `+x99+` mc:Ignorable="x99"`, `<row r="5"><c r="I5"><x99:w><v>999</v></x99:w><v>10</v></c></row>`), "", ""), "I5=10", nil, ""},
		{"foreign element not declared ignorable", book(sheetXML(x99, `<row r="5"><c r="I5"><v>10</v><x99:v>999</x99:v></c></row>`), "", ""), "I5=10", nil, ""},
		{"comment holding markup", book(sheetXML("", `<row r="5"><c r="I5"><v>10</v><!-- note > <v>999</v> --></c></row>`), "", ""), "I5=10", nil, ""},
		{"processing instruction", book(sheetXML("", `<row r="1"><c r="A1"><v>1<?pi <v>9</v> ?>0</v></c></row>`), "", ""), "A1=10", nil, ""},
		{"xmlns:r is not r", book(sheetXML("", `<row r="5"><c xmlns:r="I5" r="J5"><v>7</v></c></row>`), "", ""), "J5=7", nil, ""},
		{"prefixed r is not r", book(sheetXML(x99, `<row r="5"><c x99:r="A5" r="J5"><v>7</v></c></row>`), "", ""), "J5=7", nil, ""},
		{"alternate content: unknown choice", book(sheetXML(nsMCDecl+` `+x99, `<row r="1"><c r="A1"><mc:AlternateContent><mc:Choice Requires="x99"><v>999</v></mc:Choice><mc:Fallback><v>10</v></mc:Fallback></mc:AlternateContent></c></row>`), "", ""), "A1=10", nil, ""},
		{"alternate content: known choice", book(sheetXML(nsMCDecl+` xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"`, `<row r="1"><c r="A1"><mc:AlternateContent><mc:Choice Requires="x14"><v>10</v></mc:Choice><mc:Fallback><v>999</v></mc:Fallback></mc:AlternateContent></c></row>`), "", ""), "A1=10", nil, ""},
		{"CDATA in shared strings", book(sheetXML("", `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`), sst(`<si><t><![CDATA[a<b]]></t></si>`, `<si><t>second</t></si>`), ""), "A1=a<b;B1=second", nil, ""},
		{"references and escapes", book(sheetXML("", `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>&#x4E2D;&amp;&lt;</t></is></c></row>`), sst(`<si><t>a_x000D_b_x005F_x0041_</t></si>`), ""), "A1=a\rb_x0041_;B1=中&<", nil, ""},
		{"phonetic run left out", book(sheetXML("", `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`), sst(`<si><r><t>東</t></r><r><t>京</t></r><rPh sb="0" eb="1"><t>とう</t></rPh></si>`), ""), "A1=東京", nil, ""},
		{"shared index out of range", book(sheetXML("", `<row r="1"><c r="A1" t="s"><v>5</v></c><c r="B1"><v>2</v></c></row>`), sst(`<si><t>x</t></si>`), ""), "B1=2", nil, "A1"},
		{"control character reference", book(sheetXML("", `<row r="1"><c r="A1"><v>&#1;</v></c></row>`), "", ""), "", ErrForbiddenChar, ""},
		{"control character", book(sheetXML("", "<row r=\"1\"><c r=\"A1\"><v>1\x01</v></c></row>"), "", ""), "", ErrForbiddenChar, ""},
		{"U+FFFF", book(sheetXML("", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\uffff</t></is></c></row>"), "", ""), "", ErrForbiddenChar, ""},
		{"DTD entity", book(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "999">]><worksheet `+nsMainDecl+`><sheetData><row r="1"><c r="A1"><v>&e;</v></c></row></sheetData></worksheet>`, "", ""), "", ErrUnsupported, ""},
		{"CDATA inside a shared string list", book(sheetXML("", `<row r="1"><c r="A1" t="s"><v>1</v></c></row>`), sst(`<si><t>a</t></si><![CDATA[</sst>]]><si><t>b</t></si>`), ""), "A1=b", nil, ""},
		{"double dash in a comment", book(sheetXML("", `<row r="1"><c r="A1"><v>1</v><!-- a -- b --></c></row>`), "", ""), "", ErrMalformed, ""},
		{"unclosed element", book(sheetXML("", `<row r="1"><c r="A1"><v>1</c></row>`), "", ""), "", ErrMalformed, ""},
		{"truncated part", book(sheetXML("", `<row r="1"><c r="A1"><v>1</v></c></row>`)[:150], "", ""), "", ErrMalformed, ""},
		{"rows out of order", book(sheetXML("", `<row r="2"><c r="A2"><v>1</v></c></row><row r="1"><c r="A1"><v>2</v></c></row>`), "", ""), "", ErrMalformed, ""},
		{"cell outside its row", book(sheetXML("", `<row r="2"><c r="A7"><v>1</v></c></row>`), "", ""), "", ErrBadRef, ""},
		{"row numbered 0", book(sheetXML("", `<row r="0"/>`), "", ""), "", ErrBadRef, ""},
		{"row number not a number", book(sheetXML("", `<row r="二"><c><v>1</v></c></row>`), "", ""), "", ErrBadRef, ""},
		{"row beyond the last row", book(sheetXML("", `<row r="1048577"><c><v>1</v></c></row>`), "", ""), "", ErrBadRef, ""},
		{"cell in row 0", book(sheetXML("", `<row r="1"><c r="A0"><v>1</v></c></row>`), "", ""), "", ErrBadRef, ""},
		{"cell beyond the last column", book(sheetXML("", `<row r="1"><c r="XFE1"><v>1</v></c></row>`), "", ""), "", ErrBadRef, ""},
		{"merge with a bad reference", book(strings.Replace(sheetXML("", `<row r="1"><c r="A1"><v>1</v></c></row>`), `</worksheet>`, `<mergeCells><mergeCell ref="A1:B0"/></mergeCells></worksheet>`, 1), "", ""), "", ErrBadRef, ""},
		{"a value under a merged cell", book(strings.Replace(sheetXML("", `<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c><c r="C2"><v>4</v></c></row>`), `</worksheet>`, `<mergeCells><mergeCell ref="A1:B2"/></mergeCells></worksheet>`, 1), "", ""), "A1=1;C2=4", nil, ""},
		{"undeclared prefix", book(sheetXML("", `<row r="1"><c r="A1"><q:v>1</q:v></c></row>`), "", ""), "", ErrMalformed, ""},
		{"encoding other than UTF-8", book(`<?xml version="1.0" encoding="GB2312"?><worksheet `+nsMainDecl+`><sheetData/></worksheet>`, "", ""), "", ErrUnsupported, ""},
		{"sheet part missing", func() pkg { p := book(sheetXML("", ""), "", ""); delete(p, "xl/worksheets/sheet1.xml"); return p }(), "", ErrNotWorkbook, ""},
		{"nested too deep", book(sheetXML("", strings.Repeat("<x>", 100000)+strings.Repeat("</x>", 100000)), "", ""), "", ErrUnsupported, ""},
		{"empty formatted row at the last row", book(sheetXML("", `<row r="3"><c r="A3"><v>1</v></c></row><row r="1048576" s="1" customFormat="1"><c r="A1048576" s="1"/></row>`), "", ""), "A3=1", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := readBytes(c.p.zip(t), DefaultLimits)
			var sh *Sheet
			if err == nil {
				sh, err = b.Sheet("S")
			}
			if c.err != nil {
				if !errors.Is(err, c.err) {
					t.Fatalf("err = %v, want %v", err, c.err)
				}
				var ce *Error
				if !errors.As(err, &ce) || ce.Hint == "" || ce.Sheet != "S" {
					t.Errorf("error %#v should be an Error naming the sheet, with a hint", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			addCells(got, "", sh.Rows())
			var parts []string
			for _, kv := range strings.Split(c.want, ";") {
				if k, v, ok := strings.Cut(kv, "="); ok {
					parts = append(parts, "!"+k+"\t"+v)
				}
			}
			if g, w := dumpCells(got), strings.Join(parts, "\n")+"\n"; g != w {
				t.Errorf("cells:\n%s\nwant:\n%s", g, w)
			}
			var probs []string
			for _, p := range sh.Problems() {
				probs = append(probs, p.Cell)
				if !errors.Is(p, ErrSharedIndex) {
					t.Errorf("problem %v", p)
				}
			}
			if strings.Join(probs, ",") != c.problems {
				t.Errorf("problems %v, want %s", probs, c.problems)
			}
		})
	}
}

// TestKinds: a date typed into a cell (a number with a date format) and a boolean are told
// apart from numbers (issue 11, item 9).
func TestKinds(t *testing.T) {
	styles := `<styleSheet ` + nsMainDecl + `><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/><numFmt numFmtId="165" formatCode="0.00&quot;dm&quot;"/></numFmts>` +
		`<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="10"/></cellXfs></styleSheet>`
	p := book(sheetXML("", `<row r="1"><c r="A1" s="1"><v>44928</v></c><c r="B1" s="2"><v>44928</v></c><c r="C1" s="3"><v>3</v></c><c r="D1" s="4"><v>0.5</v></c>`+
		`<c r="E1" t="b"><v>1</v></c><c r="F1" t="e"><v>#N/A</v></c><c r="G1"><v>5</v></c><c r="H1" t="d"><v>2023-01-02</v></c></row>`), "", styles)
	b, err := readBytes(p.zip(t), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	sh, err := b.Sheet("S")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Kind{"A1": KindDate, "B1": KindDate, "C1": KindPlain, "D1": KindPlain, "E1": KindBool, "F1": KindError, "G1": KindPlain, "H1": KindDate}
	for cell, k := range want {
		if got := sh.Kind(cell); got != k {
			t.Errorf("%s: kind %d, want %d", cell, got, k)
		}
	}
}

// TestStrictDetected: a Strict Open XML workbook is recognised and read (the old check looked
// for the Strict namespace in a part's path and never fired).
func TestStrictDetected(t *testing.T) {
	b, err := openFile(t, filepath.Join("testdata", "corpus", "calamine__strict_iso_paths.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if !b.Strict() {
		t.Error("Strict not detected")
	}
	own := book(sheetXML("", `<row r="1"><c r="A1"><v>1</v></c></row>`), "", "")
	if b, _ := readBytes(own.zip(t), DefaultLimits); b.Strict() {
		t.Error("a transitional workbook taken for Strict")
	}
}

// TestLimits: each budget refuses with ErrTooLarge and a hint naming it (issue 11, items 5, 8).
func TestLimits(t *testing.T) {
	rows := func(n int, from int) string {
		var sb strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&sb, `<row r="%d"><c r="A%d"><v>1</v></c></row>`, from+i, from+i)
		}
		return sb.String()
	}
	many := func(n int) string {
		var items []string
		for i := 0; i < n; i++ {
			items = append(items, "<si><t>s</t></si>")
		}
		return sst(items...)
	}
	cases := []struct {
		name string
		p    pkg
		lim  Limits
		hint string // part of the hint; "" when it must read
	}{
		{"rows with content within the limit, far down", book(sheetXML("", rows(3, 1)+rows(1, 25000)+`<row r="1048576" s="1"/>`), "", ""), Limits{Rows: 4}, ""},
		{"rows with content over the limit", book(sheetXML("", rows(5, 1)), "", ""), Limits{Rows: 4}, "有內容的行超過4行"},
		{"shared strings over the limit", book(sheetXML("", ""), many(11), ""), Limits{SharedStrings: 10}, "共享文本超過10條"},
		{"cells over the limit", book(sheetXML("", rows(11, 1)), "", ""), Limits{Cells: 10}, "單元格超過10個"},
		{"formula-only cells over the limit", book(sheetXML("", `<row r="1">`+strings.Repeat(`<c><f>1</f></c>`, 11)+`</row>`), "", ""), Limits{Cells: 10}, "單元格超過10個"},
		{"part over the limit", book(sheetXML("", rows(2000, 1)), "", ""), Limits{UnzipXMLSize: 10000}, "解壓後超過"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := readBytes(c.p.zip(t), c.lim)
			if err == nil {
				_, err = b.Sheet("S")
			}
			if c.hint == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), c.hint) {
				t.Fatalf("err = %v, want ErrTooLarge with %q", err, c.hint)
			}
		})
	}
}

// TestManySheetsOnePart: 2,000 sheet entries pointing at one part inflate and parse it once
// (issue 11, item 5: each sheet re-inflated it), and only Limits.Sheets distinct parts are read.
func TestManySheetsOnePart(t *testing.T) {
	p := book(sheetXML("", `<row r="1"><c r="A1"><v>1</v></c></row>`), "", "")
	var sheets strings.Builder
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&sheets, `<sheet name="S%d" sheetId="%d" r:id="rId1"/>`, i, i+1)
	}
	p["xl/workbook.xml"] = `<workbook ` + nsMainDecl + ` ` + nsRelDecl + `><sheets>` + sheets.String() + `</sheets></workbook>`
	b, err := readBytes(p.zip(t), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range b.Sheets() {
		if _, err := b.Sheet(s); err != nil {
			t.Fatal(err)
		}
	}
	if len(b.parsed) != 1 || b.inflated > int64(len(p["xl/workbook.xml"])+2000) {
		t.Errorf("parsed %d parts, inflated %d bytes", len(b.parsed), b.inflated)
	}
}

// TestDefaultNamespaceChanges: a default namespace declared on one element and another on its
// sibling are each in force only inside their element (the scanner remembers the default one).
func TestDefaultNamespaceChanges(t *testing.T) {
	sheet := `<worksheet ` + nsMainDecl + `><sheetData><row r="1"><c r="A1"><v>1</v></c>` +
		`<c r="B1" xmlns="urn:example:other"><v>2</v></c><c r="C1" xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><v>3</v></c>` +
		`<c r="D1"><v xmlns="urn:example:other">4</v></c><c r="E1"><v>5</v></c></row></sheetData></worksheet>`
	b, err := readBytes(book(sheet, "", "").zip(t), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	sh, err := b.Sheet("S")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	addCells(got, "", sh.Rows())
	if g := dumpCells(got); g != "!A1\t1\n!C1\t3\n!E1\t5\n" {
		t.Errorf("cells:\n%s", g)
	}
}
