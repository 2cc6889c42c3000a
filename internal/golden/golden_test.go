package golden

import (
	"strings"
	"testing"
)

func TestDiffReportsEveryCell(t *testing.T) {
	want := "S!A1\t甲\nS!B1\t1\nS!C1\tx\n"
	got := "S!A1\t甲\nS!B1\t2\nS!D1\ty\n"
	d := Diff(want, got)
	if len(d) != 3 || !strings.Contains(d[0], "S!B1 = “2”, want “1”") || !strings.Contains(d[1], "S!C1 missing") || !strings.Contains(d[2], "S!D1 = “y”, not in") {
		t.Errorf("diff = %q", d)
	}
	if len(Diff(want, want)) != 0 {
		t.Error("equal inputs differ")
	}
}
