package plandoc

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"taizhang/catalog"
	"taizhang/internal/plantest"
	"taizhang/office"
)

// What pdftotext gives, page by page: running headers and footers go only where they stand, at a
// page's edge; a line that repeats in the body stays, however often; the form feed that ends the
// last page opens no page of its own.
func TestPageLines(t *testing.T) {
	header, clause := "临江市人民政府办公室文件", "(牵头单位:市发改委)"
	page := func(n int, body ...string) string {
		return header + "\n" + strings.Join(body, "\n") + fmt.Sprintf("\n\n— %d —\n", n)
	}
	tests := []struct {
		name string
		text string
		want string // the lines kept, "page:line text", joined by " | "
	}{
		{"clause at every page's foot",
			page(1, "1.甲。", clause) + "\f" + page(2, "2.乙。", clause) + "\f" + page(3, "3.丙。", clause) + "\f" + page(4, "4.丁。", clause) + "\f",
			"1:2 1.甲。 | 1:3 " + clause + " | 2:2 2.乙。 | 2:3 " + clause + " | 3:2 3.丙。 | 3:3 " + clause + " | 4:2 4.丁。 | 4:3 " + clause},
		{"header's words in the body, and below the header (no other page has them there)",
			page(1, "1.甲。", header+"转发。") + "\f" + page(2, header, "2.乙。") + "\f" + page(3, "3.丙。") + "\f",
			"1:2 1.甲。 | 1:3 " + header + "转发。 | 2:2 " + header + " | 2:3 2.乙。 | 3:2 3.丙。"},
		{"page number in the body",
			page(1, "1.甲。", "12", "乙。") + "\f" + page(2, "丙。") + "\f" + page(3, "丁。") + "\f",
			"1:2 1.甲。 | 1:3 12 | 1:4 乙。 | 2:2 丙。 | 3:2 丁。"},
		{"lines alike in number only",
			"23.实施第23批项目10个。\n中\n24.实施第24批项目10个。\f45.实施第45批项目10个。\n中\n46.实施第46批项目10个。\f" +
				"67.实施第67批项目10个。\n中\n68.实施第68批项目10个。\f",
			"1:1 23.实施第23批项目10个。 | 1:2 中 | 1:3 24.实施第24批项目10个。 | 2:1 45.实施第45批项目10个。 | 2:2 中 | 2:3 46.实施第46批项目10个。 | " +
				"3:1 67.实施第67批项目10个。 | 3:2 中 | 3:3 68.实施第68批项目10个。"},
		{"header numbered by the page",
			"公报 第5页\n甲。\n乙。\f公报 第6页\n丙。\n丁。\f公报 第7页\n戊。\n己。\f",
			"1:2 甲。 | 1:3 乙。 | 2:2 丙。 | 2:3 丁。 | 3:2 戊。 | 3:3 己。"},
		{"two pages: too few to tell a header",
			page(1, "甲。") + "\f" + page(2, "乙。") + "\f",
			"1:1 " + header + " | 1:2 甲。 | 2:1 " + header + " | 2:2 乙。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, l := range pageLines(tt.text) {
				got = append(got, fmt.Sprintf("%d:%d %s", l.page, l.line, l.text))
			}
			if g := strings.Join(got, " | "); g != tt.want {
				t.Errorf("got  %s\nwant %s", g, tt.want)
			}
		})
	}
}

// A district's plan printed with a running header and page numbers, each task's clause on a line
// of its own: the clauses repeat at the foot of page after page, and every one is read.
func TestPDFRepeatingClauses(t *testing.T) {
	conv := needOffice(t)
	needPDFToText(t)
	leads := []string{"区发改局", "区财政局", "区住建局"}
	lines := []string{"立山区2024年重点工作任务", "一、稳增长"}
	for i := 1; i <= 120; i++ {
		lines = append(lines, fmt.Sprintf("%d.实施第%d批项目10个。", i, i), "(牵头单位:"+leads[i%len(leads)]+")")
	}
	ctx := context.Background()
	pdf, err := conv.Convert(ctx, plantest.FODT("立山区人民政府办公室文件", lines), ".fodt", office.PDF)
	if err != nil {
		t.Fatal(err)
	}
	r, err := ReadPlan(ctx, "计划.pdf", pdf, conv)
	if err != nil {
		t.Fatal(err)
	}
	p := r.Plan
	if len(p.Tasks) != 120 || p.Title != "立山区2024年重点工作任务" {
		t.Fatalf("%d tasks, title %q", len(p.Tasks), p.Title)
	}
	for i, task := range p.Tasks {
		if lead := leads[(i+1)%len(leads)]; len(task.Lead) != 1 || task.Lead[0] != lead || len(task.Indicators) != 1 {
			t.Errorf("task %d: lead %v, want %s; %d targets", task.No, task.Lead, lead, len(task.Indicators))
		}
		if strings.Contains(task.Text, "文件") || strings.Contains(task.Text, "—") {
			t.Errorf("task %d keeps the header or footer: %q", task.No, task.Text)
		}
	}
	if c := r.Coverage; c.NotReadLines() != 0 || c.TaskLines < 120 {
		t.Errorf("coverage %+v", c)
	}
	if len(r.Problems) != 0 {
		t.Errorf("problems %v", r.Problems)
	}
}

// FuzzPageLines: whatever the body, pages made of it with a running header and a page number keep
// every line inside a page, every edge line that carries the plan's content, and every edge line
// no other page repeats at its place; the header and the page numbers go.
func FuzzPageLines(f *testing.F) {
	f.Add("1.实施项目10个。\n(牵头单位:区发改局)\n2.新增企业5家。\n(牵头单位:区发改局)\n3.乙。\n(牵头单位:区发改局)", uint8(3))
	f.Add("甲\n乙\n丙\n丁\n戊\n己\n庚\n辛", uint8(4))
	f.Add("牵头单位:区发改局\n12\n— 3 —\n立山区人民政府办公室文件", uint8(2))
	f.Fuzz(func(t *testing.T, body string, per uint8) {
		const header = "立山区人民政府办公室文件"
		var lines []string
		for _, l := range strings.Split(body, "\n") {
			if l = strings.TrimSpace(l); l != "" && l != header && !rePageNo.MatchString(l) && !strings.ContainsAny(l, "\f\r\v\u0085\u2028\u2029") {
				lines = append(lines, l)
			}
		}
		n := int(per%6) + 1 // body lines per page
		var pages [][]string
		for i := 0; i < len(lines); i += n {
			pages = append(pages, lines[i:min(i+n, len(lines))])
		}
		var text strings.Builder
		for p, pg := range pages {
			fmt.Fprintf(&text, "%s\n%s\n\n— %d —\n\f", header, strings.Join(pg, "\n"), p+1)
		}
		kept := map[string]int{}
		for _, l := range pageLines(text.String()) {
			kept[fmt.Sprintf("%d %s", l.page, l.text)]++
			if len(pages) >= minRunningPages && l.line == 1 && l.text == header || l.text == fmt.Sprintf("— %d —", l.page) {
				t.Fatalf("page %d keeps %q", l.page, l.text)
			}
		}
		edge := map[string]int{} // how many pages have a line alike (digits aside) at this place
		key := func(s string) string { return reDigits.ReplaceAllString(s, "#") }
		for _, pg := range pages {
			edge["top "+key(pg[0])]++
			edge["foot "+key(pg[len(pg)-1])]++
		}
		for p, pg := range pages {
			for i, l := range pg {
				alone := (i > 0 || edge["top "+key(l)] == 1) && (i < len(pg)-1 || edge["foot "+key(l)] == 1)
				if (i > 0 && i < len(pg)-1 || catalog.PlanContent(l) || alone) && kept[fmt.Sprintf("%d %s", p+1, l)] == 0 {
					t.Fatalf("page %d lost %q of %q", p+1, l, pg)
				}
			}
		}
	})
}

// pdfText is pdftotext's own reading of a PDF, for tests that look for a line's page.
func pdfText(t testing.TB, pdf []byte) string {
	t.Helper()
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", "-eol", "unix", "-", "-")
	cmd.Stdin = strings.NewReader(string(pdf))
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// A Word table whose clause stands in a paragraph of its own in the content cell, or in a cell
// under no header, while the agency cells are empty: the lead is read all the same.
func TestDOCXClauseOutsideTheAgencyCells(t *testing.T) {
	twoParas := `<w:tc><w:tcPr></w:tcPr>` + para("实施项目10个。") + para("(牵头单位:区发改局;参与单位:区财政局)") + `</w:tc>`
	body := para("立山区2024年重点工作任务分工") + `<w:tbl>` +
		row(cell("序号", ""), cell("重点任务", ""), cell("主要内容", ""), cell("牵头单位", ""), cell("参与单位", ""), cell("", "")) +
		row(cell("1", ""), cell("抓项目", ""), twoParas, cell("", ""), cell("", ""), cell("", "")) +
		row(cell("2", ""), cell("促消费", ""), cell("新增企业5家。", ""), cell("", ""), cell("", ""), cell("区商务局牵头,区市场监管局配合", "")) +
		row(cell("3", ""), cell("优环境", ""), cell("新增市场主体500户。", ""), cell("区营商局", ""), cell("", ""), cell("", "")) + `</w:tbl>`
	p, problems, err := ParseBytes(context.Background(), "分工.docx", makeDOCX(t, body, ""), office.Converter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, task := range p.Tasks {
		got = append(got, fmt.Sprintf("%s|%s|%s", task.Title, strings.Join(task.Lead, "、"), strings.Join(task.Participating, "、")))
		if strings.Contains(task.Text, "牵头") {
			t.Errorf("task %d keeps its clause: %q", task.No, task.Text)
		}
	}
	if g := strings.Join(got, " "); g != "抓项目|区发改局|区财政局 促消费|区商务局|区市场监管局 优环境|区营商局|" || len(problems) != 0 {
		t.Errorf("tasks %s, problems %v", g, problems)
	}
}
