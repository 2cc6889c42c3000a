package catalog

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/data"
	"taizhang/script"
)

// TestKindsOfTheEmbeddedPlan holds the kind of every one of the embedded plan's 177 indicators,
// each with the rule that gave it and the plan's words it was read from (testdata/kinds.tsv,
// read by a person row by row): a change to the rules that changes any of them shows here.
func TestKindsOfTheEmbeddedPlan(t *testing.T) {
	p, err := Parse(data.DefaultPlanName, data.DefaultPlan)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join("testdata", "kinds.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]string{}
	var order []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, _, _ := strings.Cut(line, "\t")
		want[id] = line
		order = append(order, id)
	}
	if len(order) != 177 {
		t.Fatalf("the table holds %d indicators, want the plan's 177", len(order))
	}
	conv := script.Default()
	seen := 0
	for i := range p.Tasks {
		tk := &p.Tasks[i]
		words := taskKindWords(conv, tk)
		for j, ind := range tk.Indicators {
			seen++
			kind, rule, decided := inferKind(words[j])
			if ind.Kind != kind || ind.KindUndecided == decided {
				t.Errorf("%s: Parse gave %s (undecided %v), the rules %s (decided %v)", ind.ID, ind.Kind, ind.KindUndecided, kind, decided)
			}
			if got := kindRow(ind, kind, rule, decided, words[j]); got != want[ind.ID] {
				t.Errorf("%s:\n got %s\nwant %s", ind.ID, got, want[ind.ID])
			}
		}
	}
	if seen != len(order) {
		t.Errorf("the plan has %d indicators, the table %d", seen, len(order))
	}
}

// kindRow is an indicator's row of testdata/kinds.tsv.
func kindRow(ind taizhang.Indicator, kind taizhang.IndicatorKind, rule string, decided bool, w kindWords) string {
	state := "yes"
	if !decided {
		state = "undecided"
	}
	v := ""
	if ind.Value != nil {
		v = fmt.Sprint(*ind.Value)
	}
	return strings.Join([]string{ind.ID, string(kind), state, rule, string(ind.Comparator) + v + w.unit,
		"[" + w.before + "] {" + w.span + "} <" + w.metric + ">"}, "\t")
}

// TestInferKind: the rules on targets as other plans word them, in either script.
func TestInferKind(t *testing.T) {
	tests := []struct {
		text string
		want taizhang.IndicatorKind
		sure bool
	}{
		{"全市規上工業增加值增長6%以上。(牽頭單位:市工信局)", taizhang.KindGrowth, true},
		{"城镇调查失业率控制在5.5%以内。(牵头单位:市人社局)", taizhang.KindRate, true},
		{"地区生产总值在全省排名保持第3位。(牵头单位:市发改委)", taizhang.KindRank, true},
		{"新能源汽车保有量达到12万辆。(牵头单位:市公安局)", taizhang.KindLevel, true},
		{"新增城镇就业8万人以上。(牵头单位:市人社局)", taizhang.KindCumulative, true},
		{"完成固定资产投资500亿元。(牵头单位:市发改委)", taizhang.KindCumulative, true},
		{"全年接待游客3000万人次。(牵头单位:市文旅局)", taizhang.KindCumulative, false},
		{"6月底前出台实施方案。(牵头单位:市政府办)", taizhang.KindQualitative, true},
	}
	for _, tt := range tests {
		p, err := Parse("plan.txt", []byte("一、工作\n1.任务甲。"+tt.text+"\n2.乙。\n3.丙。\n4.丁。\n5.戊。\n"))
		if err != nil {
			t.Fatal(err)
		}
		inds := p.Tasks[0].Indicators
		if len(inds) == 0 {
			t.Errorf("%s: no indicator", tt.text)
			continue
		}
		if inds[0].Kind != tt.want || inds[0].KindUndecided == tt.sure {
			t.Errorf("%s: %s (undecided %v), want %s (undecided %v)", tt.text, inds[0].Kind, inds[0].KindUndecided, tt.want, !tt.sure)
		}
	}
}

// InferKinds fills in only what has no kind: the coordinator's choice stays.
func TestInferKindsKeepsChoices(t *testing.T) {
	v := 25.0
	p := &taizhang.Plan{Tasks: []taizhang.Task{{No: 1, Text: "全国重点实验室达到25家以上", Indicators: []taizhang.Indicator{
		{ID: "1-1", Comparator: taizhang.AtLeast, Value: &v, Unit: "家", Span: "全国重点实验室达到25家以上", Kind: taizhang.KindCumulative},
		{ID: "1-2", Comparator: taizhang.AtLeast, Value: &v, Unit: "家", Span: "全国重点实验室达到25家以上"}}}}}
	InferKinds(p)
	if k := p.Tasks[0].Indicators; k[0].Kind != taizhang.KindCumulative || k[1].Kind != taizhang.KindLevel || k[1].KindUndecided {
		t.Errorf("kinds %s, %s (undecided %v)", k[0].Kind, k[1].Kind, k[1].KindUndecided)
	}
}
