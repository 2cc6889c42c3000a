package xlsxread

import (
	"strconv"
	"strings"
)

// numFormat is what a custom number format does to a value, as far as a reader must know to
// say what Excel shows: for each section, whether it shows the value at all, and otherwise the
// text it prints in its place ("" for nothing: ";;;", or an empty section such as the zero
// section of "0;-0;;@").
type numFormat struct {
	sections []fmtSection
}

type fmtSection struct {
	number  bool   // a digit placeholder, a date or time code or General: a number is shown
	text    bool   // an @: text is shown (and a number, in General: this is the text section)
	literal string // what the section prints besides
	cond    *fmtCond
}

// fmtCond is a section's condition, as in [>100] or [<=0].
type fmtCond struct {
	op string
	v  float64
}

func (c *fmtCond) holds(v float64) bool {
	switch c.op {
	case "<":
		return v < c.v
	case "<=":
		return v <= c.v
	case ">":
		return v > c.v
	case ">=":
		return v >= c.v
	case "=":
		return v == c.v
	case "<>":
		return v != c.v
	}
	return false
}

// parseNumFormat reads a format code; it returns nil when no section can replace a value (the
// common case, which costs nothing per cell) or when the code is not one Excel takes.
func parseNumFormat(code string) *numFormat {
	if strings.TrimSpace(code) == "" {
		return nil
	}
	f := &numFormat{}
	var cur fmtSection
	var lit strings.Builder
	end := func() {
		cur.literal = strings.TrimSpace(lit.String())
		f.sections = append(f.sections, cur)
		cur, lit = fmtSection{}, strings.Builder{}
	}
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == ';':
			end()
		case c == '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return nil
			}
			lit.WriteString(code[i+1 : i+1+j])
			i += j + 1
		case c == '\\' && i+1 < len(code):
			i++
			lit.WriteByte(code[i]) // a multi-byte character goes on byte by byte below
		case (c == '_' || c == '*') && i+1 < len(code):
			i += skipChar(code[i+1:]) // _x: the width of x, blank; *x: x repeated to fill the cell
		case c == '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				return nil
			}
			bracket(code[i+1:i+j], &cur, &lit)
			i += j
		case keyword(code[i:]) > 0:
			cur.number = true
			i += keyword(code[i:]) - 1
		case c == '@':
			cur.text = true
		case strings.IndexByte("0#?yYmMdDhHsSeEgGbB", c) >= 0:
			cur.number = true
		case (c == 'A' || c == 'a') && (hasFoldPrefix(code[i:], "AM/PM") || hasFoldPrefix(code[i:], "A/P")):
			cur.number = true
		default:
			lit.WriteByte(c)
		}
	}
	end()
	if len(f.sections) > 4 || f.showsAll() {
		return nil
	}
	return f
}

// skipChar is the length of the character at the start of s (UTF-8).
func skipChar(s string) int {
	n := 1
	for n < len(s) && s[n]&0xC0 == 0x80 {
		n++
	}
	return n
}

// keyword is the length of General (any case) or of G/通用格式, the name Chinese Excel and WPS
// give it, at the start of s; 0 when neither is there.
func keyword(s string) int {
	for _, k := range []string{"general", "g/通用格式"} {
		if hasFoldPrefix(s, k) {
			return len(k)
		}
	}
	return 0
}

func hasFoldPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// bracket reads what is between [ and ]: a condition, an elapsed-time code, a currency or locale
// ([$€-407] prints €), a colour or a numeral system (which print nothing).
func bracket(in string, cur *fmtSection, lit *strings.Builder) {
	lower := strings.ToLower(in)
	switch {
	case lower != "" && strings.Trim(lower, "hms") == "":
		cur.number = true
	case strings.HasPrefix(in, "$"):
		sym, _, _ := strings.Cut(in[1:], "-")
		lit.WriteString(sym)
	case in != "" && strings.IndexByte("<>=", in[0]) >= 0:
		op := strings.TrimRight(in[:min(2, len(in))], "0123456789.-+ ")
		v, err := strconv.ParseFloat(strings.TrimSpace(in[len(op):]), 64)
		if err == nil {
			cur.cond = &fmtCond{op: op, v: v}
		}
	}
}

// showsAll says whether every section a value can fall in shows it.
func (f *numFormat) showsAll() bool {
	for i, s := range f.sections {
		if i < 3 && !s.number && !s.text || i == 3 && !s.text {
			return false
		}
	}
	return true
}

// number says what Excel shows for the number v: replaced reports that the format prints
// shown in its place ("" for nothing). ok is false when the format does not say (a condition
// no section meets): Excel then shows the number its own way.
func (f *numFormat) number(v float64) (shown string, replaced bool) {
	s, ok := f.section(v)
	if !ok || s.number || s.text {
		return "", false
	}
	if len(f.sections) == 1 && v < 0 && s.literal != "" {
		return "-" + s.literal, true // one section for all numbers: Excel puts the sign before it
	}
	return s.literal, true
}

// text says what Excel shows for a text value: only a fourth section applies to text.
func (f *numFormat) text() (shown string, replaced bool) {
	if len(f.sections) < 4 || f.sections[3].text {
		return "", false
	}
	return f.sections[3].literal, true
}

// section picks the section a number falls in: by the conditions when the first two sections
// have any, else positive;negative;zero (two sections: zero goes with the positives).
func (f *numFormat) section(v float64) (fmtSection, bool) {
	secs := f.sections[:min(len(f.sections), 3)]
	if secs[0].cond != nil || len(secs) > 1 && secs[1].cond != nil {
		for i, s := range secs {
			if s.cond == nil && i > 0 || s.cond != nil && s.cond.holds(v) {
				return s, true
			}
		}
		return fmtSection{}, false
	}
	switch {
	case len(secs) == 1, v > 0, v == 0 && len(secs) == 2:
		return secs[0], true
	case v < 0:
		return secs[1], true
	}
	return secs[2], true
}
