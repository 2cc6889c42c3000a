package ingest

import (
	taizhang "taizhang"

	"strconv"
	"strings"
	"unicode"
)

// Quote is a path for printing: as it is, unless it holds control characters (a newline in a
// file name could forge a line of output), then quoted with escapes; marked verbatim, so that no
// writer converts it to the other script.
func Quote(path string) string {
	if strings.IndexFunc(path, unicode.IsControl) >= 0 {
		path = strconv.Quote(path)
	}
	return taizhang.Verbatim(path)
}
