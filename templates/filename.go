package templates

import (
	"strings"
	"unicode/utf8"
)

// MaxFileNameBytes keeps names well inside every file system's limit, with room for a suffix.
const MaxFileNameBytes = 120

var reserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true}

// FileName is "<period>_<agency>.xlsx" made safe on Windows, macOS and Linux: no / \ : * ? " < > |
// or control characters, no trailing dots or spaces, at most MaxFileNameBytes bytes, and unique
// among the names already in taken (which it updates, comparing case-insensitively).
func FileName(period, agency string, taken map[string]bool) string {
	clean := strings.Map(func(r rune) rune {
		if r < 0x20 || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, period+"_"+agency)
	clean = strings.TrimRight(clean, ". ")
	if reserved[strings.ToUpper(strings.SplitN(clean, ".", 2)[0])] {
		clean = "_" + clean
	}
	base := truncate(clean, MaxFileNameBytes-len(".xlsx")-4)
	name := base + ".xlsx"
	for i := 2; taken[strings.ToLower(name)]; i++ {
		name = base + "_" + itoa(i) + ".xlsx"
	}
	taken[strings.ToLower(name)] = true
	return name
}

// truncate cuts s to at most n bytes on a rune boundary, without leaving a trailing dot or space.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return strings.TrimRight(s[:n], ". ")
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
