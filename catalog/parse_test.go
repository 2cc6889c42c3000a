package catalog

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/data"
	"taizhang/script"

	"golang.org/x/text/encoding/simplifiedchinese"
)

var update = flag.Bool("update", false, "rewrite golden files")

func mustParse(t testing.TB, b []byte) *taizhang.Plan {
	t.Helper()
	p, err := Parse("plan.txt", b)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if err := p.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	return p
}

func TestParseEmbeddedStructure(t *testing.T) {
	p := mustParse(t, data.DefaultPlan)
	if got := len(p.Sections); got != 12 {
		t.Errorf("sections = %d, want 12", got)
	}
	if got := len(p.Tasks); got != 116 {
		t.Fatalf("tasks = %d, want 116", got)
	}
	if p.DocNo != "魯政辦字〔2023〕5號" || p.Year != 2023 || p.Script != taizhang.Traditional {
		t.Errorf("doc_no, year, script = %q, %d, %s", p.DocNo, p.Year, p.Script)
	}
	if p.Title != "山東省建設綠色低碳高質量發展先行區2023年重點工作任務" {
		t.Errorf("title = %q", p.Title)
	}
	if p.Sections[11].Title != "切實抓好組織實施" {
		t.Errorf("section 12 = %q", p.Sections[11].Title)
	}
	forms := map[taizhang.ResponsibilityForm]int{}
	for _, task := range p.Tasks {
		forms[task.Form]++
	}
	want := map[taizhang.ResponsibilityForm]int{taizhang.FormLead: 111, taizhang.FormLeadDept: 1, taizhang.FormByDuty: 1, taizhang.FormNone: 3}
	for f, n := range want {
		if forms[f] != n {
			t.Errorf("form %s: %d tasks, want %d", f, forms[f], n)
		}
	}
	tests := []struct {
		no            int
		section       int
		title         string
		form          taizhang.ResponsibilityForm
		lead, partner string
	}{
		{1, 1, "高質量建設嶗山實驗室", taizhang.FormLead, "省科技廳", ""},
		{6, 1, "推進關鍵核心技術攻關", taizhang.FormLead, "省科技廳、省工業和信息化廳", "省生態環境廳"},
		{10, 1, "培育引進創新人才", taizhang.FormLead, "省委組織部、省人力資源社會保障廳、省科技廳、省教育廳、省工業和信息化廳", ""},
		{21, 2, "強化金融助企服務", taizhang.FormLead, "省工業和信息化廳", "人民銀行濟南分行、省地方金融監管局"},
		{60, 6, "實施農業全產業鏈提升工程", taizhang.FormLead, "省農業農村廳、省畜牧獸醫局", ""},
		{73, 8, "全力推進服務型數字政府建設", taizhang.FormByDuty, "省政府辦公廳、省委編辦、省大數據局、省發展改革委、省司法廳、省市場監管局", ""},
		{81, 8, "融入“一帶一路”高質量發展", taizhang.FormLeadDept, "省商務廳、省發展改革委", ""},
		{83, 8, "實施山東自貿試驗區2.0版", taizhang.FormLead, "省商務廳", "山東自貿試驗區領導小組各成員單位"},
		{84, 8, "提升開發區載體功能", taizhang.FormLead, "省商務廳", "省發展改革委、省科技廳、省工業和信息化廳、省自然資源廳、青島海關、濟南海關"},
		{116, 12, "強化督導檢查", taizhang.FormNone, "", ""},
	}
	for _, tt := range tests {
		task := p.Task(tt.no)
		if task.Section != tt.section || task.Title != tt.title || task.Form != tt.form ||
			strings.Join(task.Lead, "、") != tt.lead || strings.Join(task.Participating, "、") != tt.partner {
			t.Errorf("task %d = section %d, %q, %s, lead %v, participating %v; want %d, %q, %s, %s, %s",
				tt.no, task.Section, task.Title, task.Form, task.Lead, task.Participating, tt.section, tt.title, tt.form, tt.lead, tt.partner)
		}
		if strings.Contains(task.Text, "牽頭單位") {
			t.Errorf("task %d text keeps its responsibility clause: %q", tt.no, task.Text)
		}
	}
}

func TestAgencies(t *testing.T) {
	p := mustParse(t, data.DefaultPlan)
	if got := len(p.Agencies); got != 37 {
		t.Errorf("agencies = %d, want 37", got)
	}
	tests := []struct {
		name  string
		kind  taizhang.AgencyKind
		alias string
	}{
		{"省畜牧獸醫局", taizhang.KindAgency, "省畜牧局"},
		{"山東自貿試驗區領導小組各成員單位", taizhang.KindGroup, ""},
		{"青島海關", taizhang.KindExternal, ""},
		{"人民銀行濟南分行", taizhang.KindExternal, "中國人民銀行濟南分行"},
		{"山東黃河河務局", taizhang.KindExternal, ""},
		{"省科技廳", taizhang.KindAgency, ""},
	}
	for _, tt := range tests {
		a := p.Agency(tt.name)
		if a == nil {
			t.Errorf("agency %s missing", tt.name)
			continue
		}
		if a.Kind != tt.kind || (tt.alias != "" && !contains(a.Aliases, tt.alias)) {
			t.Errorf("agency %s = %s %v, want %s with alias %q", tt.name, a.Kind, a.Aliases, tt.kind, tt.alias)
		}
	}
	res := NewResolver(script.Default(), p.Agencies)
	for in, want := range map[string]string{"省畜牧局": "省畜牧獸醫局", "省畜牧兽医局": "省畜牧獸醫局", " 省科技厅": "省科技廳", "省不存在局": ""} {
		if got := res.Resolve(in); got != want {
			t.Errorf("Resolve(%q) = %q, want %q", in, got, want)
		}
	}
}

type target struct {
	task       int
	comparator taizhang.Comparator
	value      string
	high       string
	unit       string
}

func (t target) String() string {
	return fmt.Sprintf("%d %s %s-%s %s", t.task, t.comparator, t.value, t.high, t.unit)
}

func readTargets(t *testing.T) []target {
	f, err := os.Open(filepath.Join("testdata", "targets.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []target
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") || sc.Text() == "" {
			continue
		}
		c := strings.Split(sc.Text(), "\t")
		n, _ := strconv.Atoi(c[0])
		out = append(out, target{n, taizhang.Comparator(c[1]), c[2], c[3], script.Default().Fold(c[4])})
	}
	return out
}

func targetsOf(p *taizhang.Plan) []target {
	var out []target
	for _, task := range p.Tasks {
		for _, ind := range task.Indicators {
			tg := target{task: task.No, comparator: ind.Comparator, unit: script.Default().Fold(ind.Unit)}
			if ind.Value != nil {
				tg.value = strconv.FormatFloat(*ind.Value, 'f', -1, 64)
			}
			if ind.High != nil {
				tg.high = strconv.FormatFloat(*ind.High, 'f', -1, 64)
			}
			out = append(out, tg)
		}
	}
	return out
}

// score matches found targets to the hand-checked ones (same task, comparator, value and unit).
func score(want, got []target) (missed, spurious []target) {
	left := map[target]int{}
	for _, w := range want {
		left[w]++
	}
	for _, g := range got {
		if left[g] > 0 {
			left[g]--
		} else {
			spurious = append(spurious, g)
		}
	}
	for _, w := range want {
		if left[w] > 0 {
			left[w]--
			missed = append(missed, w)
		}
	}
	return missed, spurious
}

// TestTargetsAgainstHandCheckedTable is the target: at least 97% of the targets a careful
// reader lists are found with the right comparator, value and unit; fewer than 3% of the found are not targets.
func TestTargetsAgainstHandCheckedTable(t *testing.T) {
	want := readTargets(t)
	got := targetsOf(mustParse(t, data.DefaultPlan))
	missed, spurious := score(want, got)
	recall := 1 - float64(len(missed))/float64(len(want))
	falseShare := float64(len(spurious)) / float64(len(got))
	t.Logf("targets: %d listed, %d found, recall %.1f%%, not targets %.1f%%", len(want), len(got), recall*100, falseShare*100)
	if recall < 0.97 {
		t.Errorf("recall %.3f < 0.97; missed: %v", recall, missed)
	}
	if falseShare >= 0.03 {
		t.Errorf("%.3f of found are not targets: %v", falseShare, spurious)
	}
}

// variants are the forms real plans come in, made from the embedded plan.
func variants(t *testing.T) map[string][]byte {
	conv := script.Default()
	src := string(data.DefaultPlan)
	fullWidth := strings.NewReplacer("(", "（", ")", "）", ":", "：", ",", "，").Replace(src)
	var renumbered []string
	reNum := regexp.MustCompile(`^(\d+)\.`)
	for _, line := range strings.Split(src, "\n") {
		if m := reNum.FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[1])
			line = "（" + ChineseNumeral(n) + "）" + line[len(m[0]):]
		}
		renumbered = append(renumbered, line)
	}
	// Break every task line after its 40th rune and add stray spaces, as a PDF copy does.
	var broken []string
	for _, line := range strings.Split(src, "\n") {
		rs := []rune(line)
		if len(rs) > 80 && reNum.MatchString(line) {
			broken = append(broken, string(rs[:40])+"  ", "  "+string(rs[40:60])+" "+string(rs[60:]))
			continue
		}
		broken = append(broken, line)
	}
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(conv.Convert(src, taizhang.Simplified))
	if err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{
		"simplified":  []byte(conv.Convert(src, taizhang.Simplified)),
		"full-width":  []byte(fullWidth),
		"zeren-peihe": []byte(strings.NewReplacer("牽頭單位", "責任單位", "參與單位", "配合單位").Replace(src)),
		"paren-num":   []byte(strings.Join(renumbered, "\n")),
		"line-breaks": []byte(strings.Join(broken, "\n")),
		"crlf-bom":    append([]byte("\xEF\xBB\xBF"), strings.ReplaceAll(src, "\n", "\r\n")...),
		"gb18030":     []byte(gb),
	}
}

func TestParseVariants(t *testing.T) {
	conv := script.Default()
	base := mustParse(t, data.DefaultPlan)
	for name, b := range variants(t) {
		t.Run(name, func(t *testing.T) {
			p := mustParse(t, b)
			if len(p.Sections) != 12 || len(p.Tasks) != 116 || len(p.Agencies) != len(base.Agencies) {
				t.Fatalf("sections %d, tasks %d, agencies %d", len(p.Sections), len(p.Tasks), len(p.Agencies))
			}
			for i, task := range p.Tasks {
				bt := base.Tasks[i]
				if conv.Key(task.Title) != conv.Key(bt.Title) || task.Form != bt.Form ||
					conv.Key(strings.Join(task.Lead, ",")) != conv.Key(strings.Join(bt.Lead, ",")) ||
					conv.Key(strings.Join(task.Participating, ",")) != conv.Key(strings.Join(bt.Participating, ",")) {
					t.Errorf("task %d: %q %s %v %v; want %q %s %v %v", task.No, task.Title, task.Form, task.Lead, task.Participating, bt.Title, bt.Form, bt.Lead, bt.Participating)
				}
				for _, ind := range task.Indicators {
					if !strings.Contains(task.Text, ind.Span) {
						t.Errorf("indicator %s: span %q not in the task text", ind.ID, ind.Span)
					}
				}
			}
			missed, spurious := score(targetsOf(base), targetsOf(p))
			if len(missed) > 0 || len(spurious) > 0 {
				t.Errorf("targets differ from the embedded plan's: missed %v, extra %v", missed, spurious)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		err  error
	}{
		{"empty", nil, ErrEmpty},
		{"spaces", []byte(" \n\t\r\n"), ErrEmpty},
		{"bom only", []byte("\xEF\xBB\xBF"), ErrEmpty},
		{"binary", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"), ErrBinary},
		{"no tasks", []byte("各市人民政府:\n現將有關事項通知如下。\n"), ErrNoTasks},
		{"latin1", []byte("caf\xe9 \xff\xfe\xfd"), ErrEncoding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("計劃.txt", tt.in)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "計劃.txt:") || !strings.Contains(msg, "請") {
				t.Errorf("message %q should name the file and say what to do", msg)
			}
		})
	}
}

// TestGolden pins the whole catalog of the embedded plan, so that any change to the parser shows
// up as a reviewed diff (go test ./catalog -update).
func TestGolden(t *testing.T) {
	p := mustParse(t, data.DefaultPlan)
	var b bytes.Buffer
	for _, task := range p.Tasks {
		fmt.Fprintf(&b, "task %d [%d] %s | %s | lead %s | participating %s\n", task.No, task.Section, task.Title, task.Form,
			strings.Join(task.Lead, "、"), strings.Join(task.Participating, "、"))
		for _, ind := range task.Indicators {
			fmt.Fprintf(&b, "  %s\t%s\n", ind.ID, formatIndicator(ind))
		}
	}
	for _, a := range p.Agencies {
		fmt.Fprintf(&b, "agency %s %s %s\n", a.Name, a.Kind, strings.Join(a.Aliases, "、"))
	}
	golden := filepath.Join("testdata", "shandong-2023.golden")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("catalog differs from %s at line %d:\n got: %s\nwant: %s\n(run with -update after checking)", golden, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("catalog differs from %s in length: %d lines, want %d", golden, len(gl), len(wl))
	}
}

func formatIndicator(ind taizhang.Indicator) string {
	f := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'f', -1, 64)
	}
	s := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	return strings.Join([]string{string(ind.Comparator), f(ind.Value), f(ind.High), ind.Unit, strconv.FormatBool(ind.Approx),
		s(ind.Deadline), s(ind.Baseline), ind.Metric, ind.Span}, "\t")
}
