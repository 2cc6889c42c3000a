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
