package catalog

import (
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/data"
)

// The embedded plan converted to Simplified keeps every span a verbatim substring of its task's
// text, every agency reachable, and its counts.
func TestConvertPlan(t *testing.T) {
	p, err := Parse(data.DefaultPlanName, data.DefaultPlan)
	if err != nil {
		t.Fatal(err)
	}
	s := Convert(p, taizhang.Simplified)
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if s.Script != taizhang.Simplified || s.Title == p.Title || !strings.Contains(s.Title, "山东省") || len(s.Tasks) != len(p.Tasks) {
		t.Errorf("converted plan: %s %q", s.Script, s.Title)
	}
	for _, task := range s.Tasks {
		for _, ind := range task.Indicators {
			if !strings.Contains(task.Text, ind.Span) {
				t.Errorf("%s: span %q not in the converted text", ind.ID, ind.Span)
			}
		}
	}
	if s.Agency("省科技厅") == nil || s.Agency("省科技廳") != nil {
		t.Error("agency names are not converted")
	}
	back := Convert(s, taizhang.Traditional)
	if back.Agency("省科技廳") == nil || back.Tasks[1].Indicators[0].Span != p.Tasks[1].Indicators[0].Span {
		t.Errorf("round trip: %v %q", back.Agency("省科技廳"), back.Tasks[1].Indicators[0].Span)
	}
}
