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
				note = fmt.Sprintf(noteReplaced, o.Replaced)
			case Stale:
				note = fmt.Sprintf(noteStale, o.Newer)
			}
			if o.Empty {
				note += noteEmpty
			}
			if o.Flagged > 0 {
				note += fmt.Sprintf(noteFlagged, o.Flagged)
			}
			fmt.Fprintf(w, lineAccepted, Quote(o.Origin), o.Agency, o.Period, o.Version, note)
		case Duplicate:
			switch {
			case o.Version == 0:
				fmt.Fprintf(w, lineDuplicate, Quote(o.Origin))
			case o.Current:
				fmt.Fprintf(w, lineDuplicateCurrent, Quote(o.Origin), o.Agency, o.Period, o.Version)
			default:
				fmt.Fprintf(w, lineDuplicateOlder, Quote(o.Origin), o.Agency, o.Period, o.Version, o.Period, o.Agency, o.Version)
			}
		}
	}
	for _, sk := range s.Skipped {
		fmt.Fprintf(w, lineSkipped, Quote(sk.Path), sk.Why)
	}
}
