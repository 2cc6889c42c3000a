package ingest

import (
	"bytes"
	"strings"
	taizhang "taizhang"
	"testing"
)

// TestQuotePaths (issue 11, item 9): a file name with a line break prints on one line, quoted;
// ordinary names, Chinese included, print as they are.
func TestQuotePaths(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"收回/科技廳 一季度.xlsx":               "收回/科技廳 一季度.xlsx",
		"x\n接收 y.xlsx:省科技廳 2023-Q1 第1版": `"x\n接收 y.xlsx:省科技廳 2023-Q1 第1版"`,
		"a\u202egnp.xlsx":               `"a\u202egnp.xlsx"`,
	} {
		if got := taizhang.Unmark(Quote(in)); got != want || Quote(in) != taizhang.Verbatim(want) {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
	var buf bytes.Buffer
	forged := "x\n接收 y.xlsx"
	sum := &Summary{Count: map[Kind]int{Refused: 1}, Outcomes: []Outcome{{Path: forged, Kind: Refused, Reason: "r"},
		{Path: forged, Kind: Accepted, Agency: "省科技廳"}, {Path: forged, Kind: Duplicate}}, Skipped: []Skipped{{forged, whyHidden}}}
	WriteFiles(&buf, sum)
	WriteSummary(&buf, sum)
	for _, line := range strings.Split(buf.String(), "\n") {
		if strings.HasPrefix(line, "接收 y.xlsx") {
			t.Errorf("a file name printed a line of its own: %q", buf.String())
		}
	}
}
