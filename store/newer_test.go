package store

import (
	"testing"
	"time"

	taizhang "taizhang"
)

// The rule that decides which version is current: the receipt (or file) time, then for one such
// time the file's modification time when both are known, then the file name, then arrival.
func TestNewer(t *testing.T) {
	at := time.Date(2023, 7, 8, 0, 0, 0, 0, time.UTC)
	mt := func(h int) time.Time { return at.Add(time.Duration(h) * time.Hour) }
	for _, tt := range []struct {
		name string
		a, b taizhang.Return
		want bool
	}{
		{"later receipt", taizhang.Return{SortAt: mt(1), File: "a"}, taizhang.Return{SortAt: at, File: "b", FileTime: mt(9)}, true},
		{"one receipt, later file time", taizhang.Return{SortAt: at, File: "x(1).xlsx", FileTime: mt(2)}, taizhang.Return{SortAt: at, File: "x.xlsx", FileTime: mt(1)}, true},
		{"one receipt, earlier file time", taizhang.Return{SortAt: at, File: "x.xlsx", FileTime: mt(1)}, taizhang.Return{SortAt: at, File: "x(1).xlsx", FileTime: mt(2)}, false},
		{"a file time unknown: the name", taizhang.Return{SortAt: at, File: "x.xlsx"}, taizhang.Return{SortAt: at, File: "x(1).xlsx", FileTime: mt(2)}, true},
		{"same file time: the name", taizhang.Return{SortAt: at, File: "b", FileTime: mt(1)}, taizhang.Return{SortAt: at, File: "a", FileTime: mt(1)}, true},
		{"all equal: arrival", taizhang.Return{ID: 2, SortAt: at, File: "a"}, taizhang.Return{ID: 1, SortAt: at, File: "a"}, true},
	} {
		if got := Newer(&tt.a, &tt.b); got != tt.want {
			t.Errorf("%s: Newer = %v, want %v", tt.name, got, tt.want)
		}
	}
}
