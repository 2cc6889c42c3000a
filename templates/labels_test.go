package templates

import (
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/data"
)

func find(t *testing.T, p *taizhang.Plan, id string) *taizhang.Indicator {
	for _, task := range p.Tasks {
		for i := range task.Indicators {
			if task.Indicators[i].ID == id {
				return &task.Indicators[i]
			}
		}
	}
	t.Fatalf("no indicator %s", id)
	return nil
}

func TestTargetText(t *testing.T) {
	p, err := catalog.Parse(data.DefaultPlanName, data.DefaultPlan)
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{"2-1": "25家以上", "48-3": "控制在241.1億立方米以內", "3-1": "1-2家", "2-2": "10家左右",
		"50-4": "較2020年下降10%左右", "78-2": "增長10%", "7-1": "2.8萬家", "58-1": "6月底前印發實施"} {
		if got := TargetText(find(t, p, id)); got != want {
			t.Errorf("TargetText(%s) = %q, want %q", id, got, want)
		}
	}
}

func TestFileName(t *testing.T) {
	taken := map[string]bool{}
	tests := []struct{ agency, want string }{
		{"省科技廳", "2023-Q1_省科技廳.xlsx"},
		{`a/b\c:d*e?f"g<h>i|j`, "2023-Q1_a_b_c_d_e_f_g_h_i_j.xlsx"},
		{"trailing. . ", "2023-Q1_trailing.xlsx"},
		{"省科技廳", "2023-Q1_省科技廳_2.xlsx"},
		{"省科技廳", "2023-Q1_省科技廳_3.xlsx"},
	}
	for _, tt := range tests {
		if got := FileName("2023-Q1", tt.agency, taken); got != tt.want {
			t.Errorf("FileName(%q) = %q, want %q", tt.agency, got, tt.want)
		}
	}
	long := FileName("2023-Q1", strings.Repeat("省", 100), taken)
	if len(long) > MaxFileNameBytes || !strings.HasSuffix(long, ".xlsx") {
		t.Errorf("long name %d bytes: %s", len(long), long)
	}
	if got := FileName("2023", "CON", map[string]bool{}); got != "2023_CON.xlsx" {
		t.Errorf("FileName(CON) = %s", got)
	}
}
