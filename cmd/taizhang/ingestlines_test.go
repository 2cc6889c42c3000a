package main

import (
	"bytes"
	"strings"
	"testing"

	"taizhang/cycle"
)

// TestForgedLines (issue 11, item 9): a file name with a line break prints on one line, quoted,
// wherever ingest names a file.
func TestForgedLines(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	forged := "x\n接收 y.xlsx"
	res := &cycle.IngestResult{Count: map[cycle.FileOutcome]int{cycle.FileRefused: 1}, Files: []cycle.IngestedFile{
		{Path: forged, Outcome: cycle.FileRefused, Reason: "r"}, {Path: forged, Outcome: cycle.FileAccepted, Agency: "省科技廳"},
		{Path: forged, Outcome: cycle.FileDuplicate}}, Skipped: []cycle.SkippedFile{{Path: forged, Why: "隱藏或系統文件"}}}
	writeFiles(&buf, res)
	writeSummary(&buf, res)
	for _, line := range strings.Split(buf.String(), "\n") {
		if strings.HasPrefix(line, "接收 y.xlsx") {
			t.Errorf("a file name printed a line of its own: %q", buf.String())
		}
	}
}
