package plandoc

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"taizhang/catalog"
	"taizhang/office"
)

// A problem in a Word table names the table and row; one in a PDF names the page and line.
func TestProblemPositions(t *testing.T) {
	ctx := context.Background()
	body := para("立山區2023年重點工作任務分工方案") + `<w:tbl>` +
		row(cell("序號", ""), cell("重點任務", ""), cell("牽頭單位", ""), cell("參與單位", "")) +
		row(cell("1", ""), cell("實施項目10個", ""), cell("區發改局", ""), cell("", "")) +
		row(cell("2", ""), cell("新增企業5家", ""), cell("", ""), cell("區財政局", "")) + `</w:tbl>`
	_, problems, err := ParseBytes(ctx, "分工.docx", makeDOCX(t, body, ""), office.Converter{})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(problems); !strings.HasPrefix(got, "[分工.docx 表1 第3行:沒有找到這項任務的責任單位(“新增企業5家”)") {
		t.Errorf("problems %s", got)
	}

	conv := needOffice(t)
	needPDFToText(t)
	var text strings.Builder
	text.WriteString("立山區2023年重點工作任務\n一、穩增長\n")
	for i := 1; i <= 120; i++ {
		clause := "(牽頭單位:區發改局)"
		if i == 100 {
			clause = ""
		}
		fmt.Fprintf(&text, "%d.實施第%d批項目10個。%s\n", i, i, clause)
	}
	pdf, err := conv.Convert(ctx, []byte(text.String()), ".txt", office.PDF)
	if err != nil {
		t.Fatal(err)
	}
	p, problems, err := ParseBytes(ctx, "計劃.pdf", pdf, conv)
	if err != nil {
		t.Fatal(err)
	}
	// Where task 100 stands depends on the font LibreOffice found: pdftotext's own reading says.
	page, line := 0, 0
	for i, pg := range strings.Split(pdfText(t, pdf), "\f") {
		for j, l := range strings.Split(pg, "\n") {
			if strings.HasPrefix(l, "100.") {
				page, line = i+1, j+1
			}
		}
	}
	if len(p.Tasks) != 120 || len(problems) != 1 || problems[0].Err != catalog.ErrNoLead || problems[0].Page != page || problems[0].Line != line {
		t.Fatalf("%d tasks, problems %v; task 100 is on page %d line %d", len(p.Tasks), problems, page, line)
	}
	if want := fmt.Sprintf("計劃.pdf 第%d頁 第%d行:", page, line); !strings.HasPrefix(problems[0].Error(), want) {
		t.Errorf("problem %v", problems[0])
	}
}
