package catalog

import (
	"fmt"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/script"
)

// tableSource makes a Source of one table from rows written "a | b | c", in the given script.
func tableSource(sc taizhang.Script, rows ...string) Source {
	conv := script.Default()
	src := Source{Name: "分工表.xlsx"}
	for i, r := range rows {
		cells := strings.Split(conv.Convert(r, sc), "|")
		for j := range cells {
			cells[j] = strings.TrimSpace(cells[j])
		}
		src.Blocks = append(src.Blocks, Block{Pos: Pos{Table: "任務分工", Row: i + 1}, Cells: cells})
	}
	return src
}

// The table forms 分工方案 take: columns found by their headers, merged section rows, cells
// merged down, the responsibility columns read by what stands beside them, a deadline column.
func TestTables(t *testing.T) {
	const title = "立山區2023年重點工作任務分工方案 | | | | "
	tests := []struct {
		name     string
		rows     []string
		want     []string // describeTask of each task
		outline  string
		problems string
	}{
		{name: "lead and participating columns",
			rows: []string{title, "序號 | 重點任務 | 主要內容 | 牽頭單位 | 參與單位", "一、擴大投資 | | | | ",
				"1 | 抓項目 | 實施重點項目100個以上。 | 區發改局 | 區財政局、各街道",
				" | | 完成投資增長10%。 | | 區住建局",       // the number and title merged down: more of task 1
				"序號 | 重點任務 | 主要內容 | 牽頭單位 | 參與單位", // the header again on a new page
				"2 | 促消費 | 社會消費品零售總額增長8%。 | 區商務局 | ", "合計 | | | | "},
			want:     []string{"lead 區發改局 | join 區財政局、各街道、區住建局 | lead", "lead 區商務局 | join  | lead"},
			outline:  "擴大投資<0 | 1.抓項目@1 2.促消費@1",
			problems: "8 " + ErrRow.Error()},
		{name: "one responsibility column with marks",
			rows: []string{"序號 | 工作任務 | 責任單位 | 完成時限", "(一)穩增長 | | | ",
				"1 | 新增市場主體5000戶以上 | 區市場監管局(牽頭)、區稅務局 | 2023年6月底前",
				"2 | 優化營商環境 | 區營商局、區直各部門 | 持續推進"},
			want: []string{"lead 區市場監管局 | join 區稅務局 | lead 2023年6月底前",
				"lead 區營商局 | join 區直各部門 | lead assumed 持續推進"},
			outline:  "穩增長<0 | 1.新增市場主體5000戶以上@1 2.優化營商環境@1",
			problems: "4 " + ErrLeadAssumed.Error()},
		{name: "first listed leads, says the header",
			rows: []string{"序號 | 工作任務 | 責任單位(牽頭單位列第一位)", "1 | 新增市場主體5000戶以上 | 區市場監管局、區稅務局"},
			want: []string{"lead 區市場監管局 | join 區稅務局 | lead"}, outline: "plan<0 | 1.新增市場主體5000戶以上@1"},
		{name: "responsible beside partners",
			rows: []string{"編號 | 任務名稱 | 具體措施 | 責任單位 | 配合單位",
				"1 | 抓項目 | 實施項目10個。 | 區發改局、區工信局 | 區財政局"},
			want:    []string{"lead 區發改局、區工信局 | join 區財政局 | lead"},
			outline: "plan<0 | 1.抓項目@1"},
		{name: "two header rows",
			rows: []string{"序號 | 重點任務 | 責任單位 | ", " | | 牽頭單位 | 配合單位",
				"一 | 擴大投資 | | ", "1 | 實施項目10個 | 區發改局 | 區財政局"},
			want:    []string{"lead 區發改局 | join 區財政局 | lead"},
			outline: "擴大投資<0 | 1.實施項目10個@1"},
		{name: "clause in the content",
			rows: []string{"序號 | 重點任務 | 主要內容", "1 | 抓項目 | 實施項目10個。(區發改局牽頭,區財政局配合)"},
			want: []string{"lead 區發改局 | join 區財政局 | lead"}, outline: "plan<0 | 1.抓項目@1"},
		{name: "clause in a cell of its own",
			rows: []string{"序號 | 重點任務 | 主要內容 | ", "1 | 抓項目 | 實施項目10個。 | (牽頭單位:區發改局;參與單位:區財政局)",
				"2 | 促消費 | 新增企業5家。 | 區商務局牽頭"},
			want:    []string{"lead 區發改局 | join 區財政局 | lead", "lead 區商務局 | join  | lead"},
			outline: "plan<0 | 1.抓項目@1 2.促消費@1"},
		{name: "clause in the content, agency cells empty",
			rows: []string{"序號 | 重點任務 | 主要內容 | 牽頭單位 | 參與單位", "1 | 抓項目 | 實施項目10個。\n(牽頭單位:區發改局;參與單位:區財政局) | | ",
				"2 | 促消費 | 新增企業5家。 | 區商務局 | "},
			want:    []string{"lead 區發改局 | join 區財政局 | lead", "lead 區商務局 | join  | lead"},
			outline: "plan<0 | 1.抓項目@1 2.促消費@1"},
		{name: "numbers that jump",
			rows:     []string{"序號 | 重點任務 | 牽頭單位", "9 | 實施項目10個 | 區發改局", "10 | 新增企業5家 | 區財政局", "16 | 新增企業6家 | 區財政局"},
			want:     []string{"lead 區發改局 | join  | lead", "lead 區財政局 | join  | lead", "lead 區財政局 | join  | lead"},
			outline:  "plan<0 | 1.實施項目10個@1 2.新增企業5家@1 3.新增企業6家@1",
			problems: "4 " + ErrNumberJump.Error()},
		{name: "lead merged down in a workbook",
			rows:     []string{"序號 | 重點任務 | 牽頭單位", "1 | 實施項目10個 | 區發改局", "2 | 新增企業5家 | ", "3 | 新增企業6家 | 區財政局"},
			want:     []string{"lead 區發改局 | join  | lead", "lead 區發改局 | join  | lead", "lead 區財政局 | join  | lead"},
			outline:  "plan<0 | 1.實施項目10個@1 2.新增企業5家@1 3.新增企業6家@1",
			problems: "3 " + ErrLeadInherited.Error()},
		{name: "no lead at a section's end in a workbook",
			rows: []string{"序號 | 重點任務 | 牽頭單位", "一、穩增長 | | ", "1 | 實施項目10個 | 區發改局", "2 | 新增企業5家 | ",
				"二、抓落實 | | ", "3 | 加強組織領導 | ", "4 | 強化督導檢查 | "},
			want:     []string{"lead 區發改局 | join  | lead", "lead  | join  | none", "lead  | join  | none", "lead  | join  | none"},
			outline:  "穩增長<0 抓落實<0 | 1.實施項目10個@1 2.新增企業5家@1 3.加強組織領導@2 4.強化督導檢查@2",
			problems: "4 " + ErrNoLead.Error() + "; 6 " + ErrNoLead.Error() + "; 7 " + ErrNoLead.Error()},
	}
	conv := script.Default()
	for _, tt := range tests {
		for _, sc := range []taizhang.Script{taizhang.Traditional, taizhang.Simplified} {
			t.Run(tt.name+"/"+string(sc), func(t *testing.T) {
				src := tableSource(sc, tt.rows...)
				src.Name, src.CellsUnmerged = "plan.xlsx", true
				p, problems, err := Read(src)
				if err != nil {
					t.Fatal(err)
				}
				if err := p.Validate(); err != nil {
					t.Fatal(err)
				}
				if len(p.Tasks) != len(tt.want) {
					t.Fatalf("%d tasks, want %d: %s", len(p.Tasks), len(tt.want), outline(p))
				}
				for i, w := range tt.want {
					if got := describeTask(p.Tasks[i]); got != conv.Key(w) {
						t.Errorf("task %d: got %s, want %s", i+1, got, conv.Key(w))
					}
				}
				if got := outline(p); got != conv.Key(tt.outline) {
					t.Errorf("outline %s, want %s", got, conv.Key(tt.outline))
				}
				var got []string
				for _, pr := range withoutTitle(problems) {
					got = append(got, fmt.Sprintf("%d %v", pr.Row, pr.Err))
				}
				if strings.Join(got, "; ") != tt.problems {
					t.Errorf("problems %v, want %s", got, tt.problems)
				}
			})
		}
	}
}
