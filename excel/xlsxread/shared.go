package xlsxread

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// scanShared reads sharedStrings.xml: the text of each <si>, its runs joined, phonetic runs
// left out, Excel's _xHHHH_ escapes decoded (as excelize does). The texts are read one after
// another into one buffer and made one string, which each entry is a piece of: two allocations
// for the table, not a few for each entry.
func (l *Workbook) scanShared(part string) ([]string, error) {
	data, err := l.read(part)
	if err != nil {
		return nil, err
	}
	s := newScanner(data)
	var text, runs []byte
	var ends []int
	err = s.children(nsMain, "sst", func() error {
		if !s.is(nsMain, "si") {
			return nil
		}
		if len(ends) >= l.lim.SharedStrings {
			return tooLarge(hintShared, l.lim.SharedStrings)
		}
		if len(ends)&1023 == 0 {
			if err := l.ctx.Err(); err != nil {
				return timeout(err)
			}
		}
		var err error
		text, runs, err = s.appendRichText(text, runs)
		ends = append(ends, len(text))
		return err
	})
	if err != nil {
		return nil, partError(part, err)
	}
	all := string(text)
	out := make([]string, len(ends))
	from := 0
	for i, end := range ends {
		out[i], from = all[from:end], end
	}
	return out, nil
}

// appendRichText appends the text of the <si> or <is> just started to dst: its <t>, then the
// <t> of each <r> run (gathered in runs, a scratch buffer it returns for reuse), escapes decoded.
func (s *xmlScanner) appendRichText(dst, runs []byte) ([]byte, []byte, error) {
	start, runs := len(dst), runs[:0]
	seenT := false
	depth := len(s.open)
	for s.next() {
		switch s.tok.kind {
		case tokEnd:
			if len(s.open) < depth {
				dst = append(dst, runs...)
				return append(dst[:start], unescapeBstr(dst[start:])...), runs, nil
			}
		case tokStart:
			at := len(s.open)
			var ok bool
			switch {
			case s.tok.ns != nsMain: // rPh (phonetic runs), phoneticPr and the rest are skipped
			case string(s.lname()) == "t":
				if seenT {
					return dst, runs, &xmlError{off: s.i, err: ErrMalformed, msg: "two <t> in one string"}
				}
				seenT = true
				if dst, ok = s.appendElemText(dst); !ok {
					return dst, runs, s.err
				}
			case string(s.lname()) == "r":
				if runs, ok = s.appendRun(runs); !ok {
					return dst, runs, s.err
				}
			}
			if len(s.open) == at && s.tok.kind == tokStart && !s.skip() {
				return dst, runs, s.err
			}
		}
	}
	if s.err != nil {
		return dst, runs, s.err
	}
	return dst, runs, &xmlError{off: s.i, err: ErrMalformed, msg: "part ends inside a string"}
}

// appendRun appends the <t> of the <r> just started; a second <t> is malformed.
func (s *xmlScanner) appendRun(dst []byte) ([]byte, bool) {
	seenT := false
	depth := len(s.open)
	for s.next() {
		switch s.tok.kind {
		case tokEnd:
			if len(s.open) < depth {
				return dst, true
			}
		case tokStart:
			at := len(s.open)
			if s.is(nsMain, "t") {
				if seenT {
					return dst, s.fail(ErrMalformed, "two <t> in one run")
				}
				seenT = true
				var ok bool
				if dst, ok = s.appendElemText(dst); !ok {
					return dst, false
				}
			}
			if len(s.open) == at && s.tok.kind == tokStart && !s.skip() {
				return dst, false
			}
		}
	}
	if s.err == nil {
		s.fail(ErrMalformed, "part ends inside a run")
	}
	return dst, false
}

// unescapeBstr decodes Excel's _xHHHH_ escapes (ST_Xstring), left to right without overlaps,
// "_x005F_" being a literal underscore. A surrogate code point decodes to nothing, as excelize's
// bstrUnmarshal does. It decodes in place: the text only shrinks.
func unescapeBstr(b []byte) []byte {
	if !bytes.Contains(b, []byte("_x")) {
		return b
	}
	out := b[:0]
	for i := 0; i < len(b); {
		if i+7 <= len(b) && b[i] == '_' && b[i+1] == 'x' && b[i+6] == '_' && isHex4(b[i+2:i+6]) {
			n, _ := strconv.ParseUint(string(b[i+2:i+6]), 16, 32)
			var r [4]byte
			switch {
			case n == 0x5F:
				out = append(out, '_')
			case n >= 0xD800 && n <= 0xDFFF:
			default:
				out = append(out, r[:utf8.EncodeRune(r[:], rune(n))]...)
			}
			i += 7
			continue
		}
		out = append(out, b[i])
		i++
	}
	return out
}

func isHex4(s []byte) bool {
	for i := 0; i < 4; i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f') {
			return false
		}
	}
	return true
}
