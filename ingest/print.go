package ingest

import (
	"fmt"
	"io"
)

// WriteFiles prints one line per file taken or already seen and per entry skipped, each path
// through Quote: the lines cmd/taizhang prints before WriteSummary, so that a file name holding a
// line break cannot print a forged "接收 …" line of its own (issue 11). cmd can call it in place
// of its own loop.
func WriteFiles(w io.Writer, s *Summary) {
	for _, o := range s.Outcomes {
		switch o.Kind {
		case Accepted, Superseded:
			note := ""
			if o.Kind == Superseded {
				note = ",替換此前版本"
			}
			if o.Flagged > 0 {
				note += fmt.Sprintf(",%d個數值存疑", o.Flagged)
			}
			fmt.Fprintf(w, "接收 %s:%s %s 第%d版%s\n", Quote(o.Path), o.Agency, o.Period, o.Version, note)
		case Duplicate:
			fmt.Fprintf(w, "重複 %s:相同內容已導入過,跳過\n", Quote(o.Path))
		}
	}
	for _, sk := range s.Skipped {
		fmt.Fprintf(w, "跳過 %s:%s\n", Quote(sk.Path), sk.Why)
	}
}
