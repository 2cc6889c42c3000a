package catalog

import (
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/data"
	"taizhang/script"
)

// FuzzParse: any bytes either parse into a valid plan whose spans quote their task text,
// or fail with a ParseError; never a panic or a hang.
func FuzzParse(f *testing.F) {
	f.Add(data.DefaultPlan[:4000])
	f.Add([]byte("一、總則\n1.建設10家左右實驗室。(牽頭單位:省科技廳)\n"))
	f.Add([]byte("（一）建设10家左右实验室。（责任单位：省科技厅，配合单位：省财政厅）\r\n"))
	f.Add([]byte("\xEF\xBB\xBF1.x(y按職責分工負責)"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := Parse("fuzz.txt", b)
		checkParsed(t, p, err)
	})
}

// checkParsed fails on an error that is not a ParseError, an invalid plan, or a span that does
// not quote its task.
func checkParsed(t *testing.T, p *taizhang.Plan, err error) {
	if err != nil {
		if _, ok := err.(*ParseError); !ok {
			t.Fatalf("error of type %T: %v", err, err)
		}
		return
	}
	if err := p.Validate(); err != nil {
		t.Fatalf("invalid plan: %v", err)
	}
	for _, task := range p.Tasks {
		for _, ind := range task.Indicators {
			if !strings.Contains(task.Text, ind.Span) {
				t.Fatalf("span %q not in task %d text %q", ind.Span, task.No, task.Text)
			}
		}
	}
}

// FuzzIndicators: the span grammar on any sentence yields valid indicators quoting the sentence.
func FuzzIndicators(f *testing.F) {
	for _, s := range []string{"力爭2023年全國重點實驗室達到25家以上。", "創建1-2家國家臨床醫學研究中心", "控制在241.1億立方米以內",
		"較2020年下降10%左右", "實施投資500萬元以上技術改造項目1萬個左右", "16市全部建成", "各市均建成一所", "6月底前印發實施",
		"新增國家、省技術創新示范企業3家、80家左右", "縣(市、區)50個", "9999999999999999999999家", "1-0家", "約.5%"} {
		f.Add(s)
	}
	conv := script.Default()
	f.Fuzz(func(t *testing.T, s string) {
		valid := strings.ToValidUTF8(s, "\uFFFD")
		for _, ind := range extractIndicators(conv, 1, s) {
			if !strings.Contains(valid, ind.Span) {
				t.Fatalf("span %q not in %q", ind.Span, s)
			}
			if err := ind.Validate(); err != nil && ind.Comparator != "range" {
				t.Fatalf("invalid indicator from %q: %v", s, err)
			}
		}
	})
}

// FuzzReadTable: any table rows ("a|b|c" per line) either parse into a valid plan whose spans
// quote their task text and whose problems say where they are (but for a title taken from the
// file's name), or fail with a ParseError.
func FuzzReadTable(f *testing.F) {
	for _, s := range []string{
		"序號|重點任務|主要內容|牽頭單位|參與單位\n一、穩增長||||\n1|抓項目|實施項目100個以上。|區發改局|區財政局、各街道\n||完成投資增長10%。||區住建局\n合計||||",
		"序號|工作任務|責任單位|完成時限\n(一)穩增長|||\n1|新增市場主體5000戶以上|區市場監管局(牽頭)、區稅務局|2023年6月底前",
		"序號|重點任務|責任單位|\n||牽頭單位|配合單位\n一|擴大投資||\n1|實施項目10個|區發改局|區財政局",
		"序号|重点任务|主要内容\n1|抓项目|实施项目10个。(区发改局牵头,区财政局配合)\n2|新增企业5家|",
		"編號|任務名稱|具體措施|責任單位|配合單位\n1|抓項目|進入全國前十。|區發改局、區工信局|區財政局",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src := Source{Name: "fuzz.xlsx"}
		for i, line := range strings.Split(s, "\n") {
			src.Blocks = append(src.Blocks, Block{Pos: Pos{Table: "T", Row: i + 1}, Cells: strings.Split(line, "|")})
		}
		p, problems, err := Read(src)
		checkParsed(t, p, err)
		for _, pr := range problems {
			if pr.Table != "T" && pr.Err != ErrTitleFromFile || pr.Error() == "" { // the title is the whole file's
				t.Fatalf("problem without its place: %+v", pr)
			}
		}
	})
}
