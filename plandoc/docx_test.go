package plandoc

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/office"
)

// makeDOCX writes a Word package with the given body (the inside of w:body) and numbering part.
func makeDOCX(t testing.TB, body, numbering string, styles ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ` +
			`ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
			`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>` + body + `</w:body></w:document>`,
	}
	if len(styles) > 0 {
		parts["word/styles.xml"] = `<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
			strings.Join(styles, "") + `</w:styles>`
	}
	if numbering != "" {
		parts["word/numbering.xml"] = `<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
			numbering + `</w:numbering>`
	}
	for _, name := range []string{"[Content_Types].xml", "word/document.xml", "word/numbering.xml", "word/styles.xml"} {
		if parts[name] == "" {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(parts[name]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func para(text string) string { return `<w:p><w:r><w:t>` + text + `</w:t></w:r></w:p>` }

// numbered is a paragraph numbered by Word at list 1, level lvl.
func numbered(lvl int, text string) string {
	return fmt.Sprintf(`<w:p><w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="1"/></w:numPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>`+
		`<w:r><w:t>%s</w:t></w:r></w:p>`, lvl, text)
}

func cell(text string, props string) string {
	return `<w:tc><w:tcPr>` + props + `</w:tcPr>` + para(text) + `</w:tc>`
}

func row(cells ...string) string { return `<w:tr>` + strings.Join(cells, "") + `</w:tr>` }

// Word's own list numbers, merged cells, alternate content, tracked deletions and text boxes
// read as a person sees the document.
func TestReadDOCX(t *testing.T) {
	numbering := `<w:abstractNum w:abstractNumId="0">` +
		`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl></w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`
	body := para(`立山區2023年重點工作任務`) +
		numbered(0, `擴大有效投資`) +
		numbered(1, `實施重點項目100個以上。(牽頭單位:區發改局)`) +
		numbered(1, `新簽約項目30個。<w:tab/>(牽頭單位:區商務局)`) +
		numbered(0, `促進消費`) +
		numbered(1, `社會消費品零售總額增長8%。(牽頭單位:區商務局)`) +
		`<w:p><w:r><w:t xml:space="preserve">新增</w:t></w:r><w:del><w:r><w:delText>刪去的</w:delText></w:r></w:del>` +
		`<w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent>` + para(`文本框`) + `</w:txbxContent></w:drawing></mc:Choice>` +
		`<mc:Fallback><w:pict><w:txbxContent>` + para(`文本框`) + `</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>` +
		`<w:r><w:t>企業</w:t></w:r></w:p>` +
		`<w:tbl>` +
		row(cell("序號", ""), cell("重點任務", ""), cell("牽頭單位", ""), cell("參與單位", "")) +
		row(cell("一、穩增長", `<w:gridSpan w:val="4"/>`)) +
		row(cell("1", `<w:vMerge w:val="restart"/>`), cell("抓項目", ""), cell("區發改局", `<w:vMerge w:val="restart"/>`), cell("區財政局", "")) +
		row(cell("", `<w:vMerge/>`), cell("抓招商", ""), cell("", `<w:vMerge/>`), cell("", "")) +
		`</w:tbl>`
	src, err := readDOCX("plan.docx", makeDOCX(t, body, numbering))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range src.Blocks {
		if b.Cells != nil {
			got = append(got, fmt.Sprintf("%s:%d %s", b.Table, b.Row, strings.Join(b.Cells, "|")))
		} else {
			got = append(got, fmt.Sprintf("%d %s", b.Para, b.Text))
		}
	}
	want := []string{
		"1 立山區2023年重點工作任務",
		"2 一、擴大有效投資",
		"3 1.實施重點項目100個以上。(牽頭單位:區發改局)",
		"4 2.新簽約項目30個。\t(牽頭單位:區商務局)",
		"5 二、促進消費",
		"6 1.社會消費品零售總額增長8%。(牽頭單位:區商務局)",
		"7 文本框", // the text box's own paragraph, once (not its fallback)
		"8 新增企業",
		"表1:1 序號|重點任務|牽頭單位|參與單位",
		"表1:2 一、穩增長|||",
		"表1:3 1|抓項目|區發改局|區財政局",
		"表1:4 1|抓招商|區發改局|",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The same document as a plan: the numbered paragraphs are tasks; the table, with fewer, is not.
	p, _, err := catalog.Read(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Sections) != 2 || len(p.Tasks) != 3 || p.Level != taizhang.LevelDistrict {
		t.Errorf("%d sections, %d tasks, level %q", len(p.Sections), len(p.Tasks), p.Level)
	}
}

func TestReadDOCXDamaged(t *testing.T) {
	for name, data := range map[string][]byte{
		"not a zip":   []byte("PK\x03\x04 word/document but cut"),
		"no document": makeZip(t, map[string]string{"word/other.xml": "<x/>"}),
		"bad xml":     makeZip(t, map[string]string{"word/document.xml": "<w:document><w:body><w:p>"}),
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := ParseBytes(context.Background(), "plan.docx", data, office.Converter{})
			if !errors.Is(err, ErrDocument) || !strings.Contains(err.Error(), "另存為.docx") {
				t.Errorf("err = %v", err)
			}
		})
	}
}

func makeZip(t testing.TB, parts map[string]string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, body := range parts {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Headings numbered by their paragraph style (a "標題 1" that draws "一、"), as WPS and Word
// templates do, read with their numbers; a paragraph may turn its style's number off.
func TestReadDOCXStyleNumbering(t *testing.T) {
	numbering := `<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl></w:abstractNum>` +
		`<w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>`
	styles := []string{
		`<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>`,
		`<w:style w:type="paragraph" w:styleId="Heading2"><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="7"/></w:numPr></w:pPr></w:style>`,
		`<w:style w:type="paragraph" w:styleId="Task"><w:basedOn w:val="Heading2"/></w:style>`,
		`<w:style w:type="paragraph" w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style>`,
	}
	styled := func(style, text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	body := styled("Heading1", "擴大投資") + styled("Task", "實施項目10個。(牽頭單位:區發改局)") +
		styled("Heading2", "新增企業5家。(牽頭單位:區工信局)") + styled("Loop", "說明") +
		`<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>不編號</w:t></w:r></w:p>`
	src, err := readDOCX("plan.docx", makeDOCX(t, body, numbering, styles...))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range src.Blocks {
		got = append(got, b.Text)
	}
	want := "一、擴大投資|1.實施項目10個。(牽頭單位:區發改局)|2.新增企業5家。(牽頭單位:區工信局)|說明|不編號"
	if strings.Join(got, "|") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, "|"), want)
	}
}
