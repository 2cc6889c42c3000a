package catalog

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Decode turns the bytes of a plan document into text: it drops a byte-order mark, decodes
// UTF-16 and GB18030 (the encoding of most Chinese government .txt files saved on Windows),
// normalises line ends, and refuses binary files.
func Decode(b []byte) (string, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return "", ErrEncoding
		}
		b = out
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return "", ErrEmpty
	}
	if looksBinary(b) {
		return "", ErrBinary
	}
	if !utf8.Valid(b) {
		out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
		if err != nil || !utf8.Valid(out) || bytes.Count(out, []byte("\uFFFD")) > 0 {
			return "", ErrEncoding
		}
		b = out
	}
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n"), nil
}

// looksBinary reports NUL bytes or many control characters in the first 8 KiB, which no text plan has.
func looksBinary(b []byte) bool {
	if len(b) > 8192 {
		b = b[:8192]
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	return ctl*50 > len(b)
}
