package taizhang

import "strings"

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
