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
		case Accepted, Superseded, Stale:
			note := ""
			switch o.Kind {
			case Superseded:
				note = fmt.Sprintf(",替換第%d版", o.Replaced)
			case Stale:
				note = fmt.Sprintf(",比現行版本(第%d版)舊,已存檔未採用", o.Newer)
			}
			if o.Empty {
				note += ",沒有填寫任何內容(空表)"
			}
			if o.Flagged > 0 {
				note += fmt.Sprintf(",%d個數值存疑", o.Flagged)
			}
			fmt.Fprintf(w, "接收 %s:%s %s 第%d版%s\n", Quote(o.Path), o.Agency, o.Period, o.Version, note)
		case Duplicate:
			fmt.Fprintf(w, "重複 %s:相同內容已導入過,跳過(要改用這一版,請用 taizhang restore)\n", Quote(o.Path))
		}
	}
	for _, sk := range s.Skipped {
		fmt.Fprintf(w, "跳過 %s:%s\n", Quote(sk.Path), sk.Why)
	}
}
