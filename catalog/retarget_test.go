package catalog

import (
	"testing"

	taizhang "taizhang"
	"taizhang/data"
)

// A target changed by a catalog import drops the plan's words that said the old one; a correction
// the words do say (a misread number), or a change elsewhere, keeps them.
func TestRetarget(t *testing.T) {
	old := mustParse(t, data.DefaultPlan)
	in := func(p *taizhang.Plan, id string) *taizhang.Indicator {
		if ind := p.Indicator(id); ind != nil {
			return ind
		}
		t.Fatalf("no indicator %s", id)
		return nil
	}
	eleven, thirty, ten := 11.0, 30.0, 10.0
	in(old, "2-2").Value = &eleven // as if misread: the text says 10家左右
	now := clonePlan(old)
	find := func(id string) *taizhang.Indicator { return in(now, id) }
	find("2-1").Value = &thirty               // 全國重點實驗室達到25家以上 → 30
	find("3-2").Unit = "個"                    // 培育建設7家左右省制造業創新中心: 家 → 個
	find("4-2").Comparator = taizhang.AtLeast // 新備案省級新型研發機構30家左右 → 30以上
	find("2-2").Value = &ten                  // corrected to what the words say
	find("3-1").Metric = "國家級臨床醫學研究中心"        // a name, not the target
	got := Retarget(old, now)
	want := map[string]string{"2-1": "全國重點實驗室達到25家以上", "3-2": "培育建設7家左右省制造業創新中心", "4-2": "新備案省級新型研發機構30家左右"}
	if len(got) != len(want) {
		t.Errorf("retargeted %+v, want %v", got, want)
	}
	for _, r := range got {
		if want[r.ID] != r.Span {
			t.Errorf("%s: span %q, want %q", r.ID, r.Span, want[r.ID])
		}
		if find(r.ID).Span != "" {
			t.Errorf("%s keeps its span %q", r.ID, find(r.ID).Span)
		}
	}
	if find("2-2").Span != "高標準建設10家左右山東省實驗室" || find("3-1").Span != "創建1-2家國家臨床醫學研究中心" {
		t.Errorf("2-2 or 3-1 lost its span: %q, %q", find("2-2").Span, find("3-1").Span)
	}
}
