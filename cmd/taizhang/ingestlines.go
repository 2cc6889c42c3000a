package main

import (
	"fmt"
	"io"
	"sort"

	taizhang "taizhang"
	"taizhang/cycle"
)

// writeFiles prints one line per file taken or already seen and per entry skipped, each path
// through taizhang.Quote, so that a file name holding a line break cannot print a forged
// "接收 …" line of its own (issue 11).
func writeFiles(w io.Writer, res *cycle.IngestResult) {
	for _, f := range res.Files {
		switch f.Outcome {
		case cycle.FileAccepted, cycle.FileSuperseded, cycle.FileStale:
			note := ""
			switch f.Outcome {
			case cycle.FileSuperseded:
				note = fmt.Sprintf(noteReplaced, f.Replaced)
			case cycle.FileStale:
				note = fmt.Sprintf(noteStale, f.Newer)
			}
			if f.Empty {
				note += noteEmpty
			}
			if f.Flagged > 0 {
				note += fmt.Sprintf(noteFlagged, f.Flagged)
			}
			fmt.Fprintf(w, lineAccepted, taizhang.Quote(f.Path), f.Agency, f.Period, f.Version, note)
		case cycle.FileDuplicate:
			switch {
			case f.Version == 0:
				fmt.Fprintf(w, lineDuplicate, taizhang.Quote(f.Path))
			case f.Current:
				fmt.Fprintf(w, lineDuplicateCurrent, taizhang.Quote(f.Path), f.Agency, f.Period, f.Version)
			default:
				fmt.Fprintf(w, lineDuplicateOlder, taizhang.Quote(f.Path), f.Agency, f.Period, f.Version, f.Period, f.Agency, f.Version)
			}
		}
	}
	for _, sk := range res.Skipped {
		fmt.Fprintf(w, lineSkipped, taizhang.Quote(sk.Path), sk.Why)
	}
}

// writeSummary prints the summary table, the periods the files were for, and one line per
// refused file.
func writeSummary(w io.Writer, res *cycle.IngestResult) {
	c := res.Count
	fmt.Fprintf(w, lineSummary, c[cycle.FileAccepted], c[cycle.FileSuperseded], c[cycle.FileStale], c[cycle.FileDuplicate], c[cycle.FileRefused],
		len(res.Skipped), res.Flagged)
	periods := make([]string, 0, len(res.Periods))
	for p := range res.Periods {
		periods = append(periods, p)
	}
	sort.Strings(periods)
	for _, p := range periods {
		c := res.Periods[p]
		label := p
		if pp, err := taizhang.ParsePeriod(p); err == nil {
			label = pp.Label()
		}
		fmt.Fprintf(w, linePeriod, label, c[cycle.FileAccepted], c[cycle.FileSuperseded], c[cycle.FileStale], c[cycle.FileDuplicate])
	}
	fmt.Fprint(w, lineOrder)
	for _, f := range res.Files {
		if f.Outcome == cycle.FileRefused {
			fmt.Fprintf(w, lineRefused, taizhang.Quote(f.Path), f.Reason)
		}
	}
}
