package taizhang

import (
	"strings"
	"testing"
)

func ptr(v float64) *float64 { return &v }

func TestIndicatorValidate(t *testing.T) {
	tests := []struct {
		name string
		ind  Indicator
		err  string
	}{
		{"at least", Indicator{ID: "2-1", Comparator: AtLeast, Value: ptr(25), Unit: "家"}, ""},
		{"range", Indicator{ID: "3-1", Comparator: Range, Value: ptr(1), High: ptr(2)}, ""},
		{"qualitative", Indicator{ID: "58-1", Comparator: Qualitative}, ""},
		{"unknown comparator", Indicator{ID: "1-1", Comparator: ">"}, "unknown comparator"},
		{"no value", Indicator{ID: "1-1", Comparator: Equal}, "needs a value"},
		{"range without high", Indicator{ID: "1-1", Comparator: Range, Value: ptr(1)}, "high >= value"},
		{"range reversed", Indicator{ID: "1-1", Comparator: Range, Value: ptr(3), High: ptr(2)}, "high >= value"},
		{"high on a non-range", Indicator{ID: "1-1", Comparator: Equal, Value: ptr(3), High: ptr(4)}, "only a range"},
	}
	for _, tt := range tests {
		err := tt.ind.Validate()
		if (tt.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.err)
		}
	}
}

func TestParseIndicatorID(t *testing.T) {
	for in, want := range map[string][2]int{"2-1": {2, 1}, " 116-0 ": {116, 0}} {
		task, seq, err := ParseIndicatorID(in)
		if err != nil || task != want[0] || seq != want[1] {
			t.Errorf("ParseIndicatorID(%q) = %d, %d, %v", in, task, seq, err)
		}
	}
	for _, in := range []string{"", "2", "a-1", "0-1", "2-x", "2--1"} {
		if _, _, err := ParseIndicatorID(in); err == nil {
			t.Errorf("ParseIndicatorID(%q) should fail", in)
		}
	}
}

func TestPlanValidate(t *testing.T) {
	p := &Plan{
		Sections: []Section{{No: 1, Title: "s"}},
		Agencies: []Agency{{Name: "省科技廳", Kind: KindAgency}},
		Tasks: []Task{{No: 1, Section: 1, Lead: []string{"省科技廳"}, Indicators: []Indicator{{ID: "1-1", Comparator: Qualitative}}},
			{No: 2, Section: 2, Lead: []string{"省不存在局"}, Indicators: []Indicator{{ID: "1-1", Comparator: Qualitative}}}},
	}
	err := p.Validate()
	for _, want := range []string{"unknown section 2", "unknown agency 省不存在局", "indicator 1-1 listed twice", "does not belong"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v, want it to mention %q", err, want)
		}
	}
}
