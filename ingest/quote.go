package ingest

import (
	"strconv"
	"strings"
	"unicode"
)

// Quote prints a path as it is, unless it holds control characters (a newline in a file name
// could forge a line of output): then it is quoted with escapes.
func Quote(path string) string {
	if strings.IndexFunc(path, unicode.IsControl) < 0 {
		return path
	}
	return strconv.Quote(path)
}
