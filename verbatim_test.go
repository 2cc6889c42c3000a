package taizhang

import (
	"strings"
	"testing"
)

func TestVerbatim(t *testing.T) {
	s := "找不到 " + Verbatim("臺賬/a.db") + " 請" + Verbatim("") + "檢查"
	var parts []string
	EachVerbatim(s, func(p string, v bool) {
		if v {
			p = "[" + p + "]"
		}
		parts = append(parts, p)
	})
	if got := strings.Join(parts, ""); got != "找不到 [臺賬/a.db] 請[]檢查" {
		t.Errorf("pieces = %q", got)
	}
	if got := Unmark(s); got != "找不到 臺賬/a.db 請檢查" {
		t.Errorf("Unmark = %q", got)
	}
}

// TestQuotePaths (issue 11, item 9): a file name with a line break prints on one line, quoted;
// ordinary names, Chinese included, print as they are.
func TestQuotePaths(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"收回/科技廳 一季度.xlsx":               "收回/科技廳 一季度.xlsx",
		"x\n接收 y.xlsx:省科技廳 2023-Q1 第1版": `"x\n接收 y.xlsx:省科技廳 2023-Q1 第1版"`,
		"a\u202egnp.xlsx":               `"a\u202egnp.xlsx"`,
	} {
		if got := Unmark(Quote(in)); got != want || Quote(in) != Verbatim(want) {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
}
