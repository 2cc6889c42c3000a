package catalog

import (
	"strings"
	"testing"

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
	})
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
