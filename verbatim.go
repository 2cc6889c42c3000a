package taizhang

import (
	"strconv"
	"strings"
	"unicode"
)

// Marks around text that must reach the reader exactly as it is (private-use characters, never
// in real text).
const (
	verbatimOpen  = "\ue000"
	verbatimClose = "\ue001"
)

// Verbatim marks text that must reach the reader exactly as it is: a path or a file name the user
// gave, never converted to the other script. Writers that convert scripts honour the marks and
// remove them; Unmark removes them for any other reader.
func Verbatim(s string) string { return verbatimOpen + s + verbatimClose }

// Quote is a path or file name to print: as it is when every character is printable, otherwise
// quoted with Go's escapes, so that a file name holding a line break or a control character cannot
// print a line of its own (a forged "接收 …"). It is marked Verbatim: no writer converts a path to
// the other script.
func Quote(path string) string {
	for _, r := range path {
		if !unicode.IsPrint(r) && r != ' ' || r == '"' {
			return Verbatim(strconv.Quote(path))
		}
	}
	return Verbatim(path)
}

// Unmark removes the marks Verbatim adds.
func Unmark(s string) string {
	return strings.NewReplacer(verbatimOpen, "", verbatimClose, "").Replace(s)
}

// EachVerbatim calls fn for each piece of s in order, saying whether it was marked verbatim; the
// marks themselves are left out.
func EachVerbatim(s string, fn func(piece string, verbatim bool)) {
	for s != "" {
		i := strings.Index(s, verbatimOpen)
		if i < 0 {
			fn(s, false)
			return
		}
		if i > 0 {
			fn(s[:i], false)
		}
		s = s[i+len(verbatimOpen):]
		j := strings.Index(s, verbatimClose)
		if j < 0 {
			fn(s, true)
			return
		}
		fn(s[:j], true)
		s = s[j+len(verbatimClose):]
	}
}
