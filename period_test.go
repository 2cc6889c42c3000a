package taizhang

import "testing"

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in, str, label, end string
	}{
		{"2023", "2023", "2023年度", "2023-12-31"},
		{"2023-h1", "2023-H1", "2023年上半年", "2023-06-30"},
		{"2023-Q1", "2023-Q1", "2023年第一季度", "2023-03-31"},
		{"2024-Q4", "2024-Q4", "2024年第四季度", "2024-12-31"},
		{"2024-02", "2024-02", "2024年2月", "2024-02-29"},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.in)
		if err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if p.String() != tt.str || p.Label() != tt.label || p.End().Format("2006-01-02") != tt.end {
			t.Errorf("%s = %s %s %s", tt.in, p, p.Label(), p.End().Format("2006-01-02"))
		}
	}
	for _, bad := range []string{"", "23", "2023-Q5", "2023-13", "2023-H3", "2023-1", "2023Q1"} {
		if _, err := ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) should fail", bad)
		}
	}
}

func TestParsePeriodLabel(t *testing.T) {
	for _, want := range []string{"2023", "2023-H1", "2023-H2", "2023-Q1", "2023-Q4", "2023-07", "2023-12"} {
		p, _ := ParsePeriod(want)
		got, err := ParsePeriodLabel(p.Label())
		if err != nil || got != p {
			t.Errorf("ParsePeriodLabel(%q) = %v, %v; want %s", p.Label(), got, err, want)
		}
	}
	for _, bad := range []string{"", "2023年第五季度", "2023年13月", "第一季度"} {
		if _, err := ParsePeriodLabel(bad); err == nil {
			t.Errorf("ParsePeriodLabel(%q) should fail", bad)
		}
	}
}

func TestPrevious(t *testing.T) {
	for in, want := range map[string]string{"2023-Q1": "2022-Q4", "2023-Q3": "2023-Q2", "2023-H1": "2022-H2", "2023-01": "2022-12", "2023-07": "2023-06", "2023": "2022"} {
		p, _ := ParsePeriod(in)
		if got := p.Previous().String(); got != want {
			t.Errorf("%s.Previous() = %s, want %s", in, got, want)
		}
	}
}
