package plandoc

import (
	"strings"
	"testing"

	"taizhang/catalog"
)

// FuzzReadDOCX: any document.xml and numbering.xml read without a panic into rows no wider than
// the limit, which the catalog parser then takes without a panic either.
func FuzzReadDOCX(f *testing.F) {
	numbering := `<w:numbering><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>` +
		`<w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%2"/></w:lvl></w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="3"/></w:lvlOverride></w:num></w:numbering>`
	f.Add(`<w:document><w:body>`+numbered(0, "穩增長")+numbered(1, "建設10家實驗室。(牽頭單位:省科技廳)")+`</w:body></w:document>`, numbering)
	f.Add(`<w:document><w:body><w:tbl>`+row(cell("序號", ""), cell("重點任務", ""), cell("牽頭單位", ""))+
		row(cell("一、穩增長", `<w:gridSpan w:val="3"/>`))+row(cell("1", `<w:vMerge w:val="restart"/>`), cell("抓項目", ""), cell("區發改局", ""))+
		row(cell("", `<w:vMerge/>`), cell("", `<w:gridSpan w:val="999"/>`))+`</w:tbl></w:body></w:document>`, "")
	f.Add(`<w:p><w:r><mc:AlternateContent><mc:Fallback><w:p><w:r><w:t>x</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent></w:r></w:p></w:tc></w:tbl>`, "<w:numbering>")
	f.Fuzz(func(t *testing.T, body, numbering string) {
		r := &docxReader{src: catalog.Source{Name: "fuzz.docx"}, nums: parseNumbering([]byte(numbering))}
		if err := r.read([]byte(body)); err != nil {
			return
		}
		for _, b := range r.src.Blocks {
			if len(b.Cells) > maxCells {
				t.Fatalf("row of %d cells", len(b.Cells))
			}
		}
		catalog.Read(r.src)
	})
}

// FuzzRejoin: any pdftotext output becomes paragraphs of one line each, placed on a page.
func FuzzRejoin(f *testing.F) {
	f.Add("山东省人民政府办公厅文件\n1.完善实验室体系。力争 2023 年全国重点实验室达到 25 家以上\n。(牵头单位:省科技厅、省\n畜牧兽医局)\n— 1 —\f第 2 页\n")
	f.Add("\f\f\f\n \n3/4\n")
	f.Add("一、总则\n牵头单位:省科技厅\n2.8 万家\n①建设\n")
	f.Fuzz(func(t *testing.T, text string) {
		for _, b := range rejoin(text) {
			if b.Page < 1 || b.Line < 1 || strings.Contains(b.Text, "\n") {
				t.Fatalf("block %+v", b)
			}
		}
	})
}
