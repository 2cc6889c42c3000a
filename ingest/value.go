// Package ingest takes returned ledger workbooks into the database: it walks folders, converts
// old formats, reads and verifies each ledger, parses what people typed, archives each file by
// its SHA-256 and stores it in one transaction, or refuses it with a reason.
package ingest

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	taizhang "taizhang"
	"taizhang/cnum"
	"taizhang/script"
)

// Flags a parsed value can carry (they become findings of the same code).
const (
	FlagInvalid   = "invalid_value"
	FlagUnit      = "unit_mismatch"
	FlagNoCache   = "formula_no_cache"
	FlagConverted = "converted" // a certain conversion was applied (not a problem; kept as a note)
)

// Value is one parsed 累計完成值.
type Value struct {
	Raw    string   // exactly what the cell held
	Number *float64 // in the indicator's unit; nil when empty or unusable
	Typed  string   // the unit typed after the number, if any
	Empty  bool     // nothing reported ("", "—", "無")
	Approx bool     // 約30, 30左右
	Flag   string   // "", FlagInvalid, FlagUnit, FlagNoCache
	Note   string   // what was done or what is wrong, in Chinese
}

var emptyWords = map[string]bool{"": true, "—": true, "-": true, "--": true, "——": true, "/": true, "无": true, "暂无": true,
	"n/a": true, "na": true, "空": true, "未填": true, "无数据": true, "不适用": true}

var (
	reNumber   = regexp.MustCompile(`^([+-]?\d+(?:\.\d+)?|[+-]?\.\d+)(?:[eE][+-]?\d+)?`)
	rePrefix   = regexp.MustCompile(`^(约为|约|大约|近|超过|超|达到|达|累计|共)`)
	reSuffix   = regexp.MustCompile(`(左右|以上|余|多|上下)$`)
	reDateLike = regexp.MustCompile(`^[-/.年]\d{1,2}[-/.月]`)
)

// Count words: a count typed with another of them ("30个" in a 家 row) is the same count.
var countWords = "个家项所座处条名人户场张册台头只次件套辆艘宗款类种批"

// ParseValue reads what a person typed into a 累計完成值 cell for an indicator.
// formula says the cell holds a formula; raw is then its cached value ("" when there is none).
func ParseValue(raw string, ind *taizhang.Indicator, formula bool) Value {
	v := Value{Raw: raw}
	conv := script.Default()
	s, grouped := ungroup(strings.TrimSpace(conv.Fold(raw)))
	if formula && s == "" {
		v.Flag, v.Note = FlagNoCache, noteNoCache
		return v
	}
	if emptyWords[strings.ToLower(s)] {
		v.Empty = true
		return v
	}
	if !grouped {
		return invalid(v, invalidGrouping)
	}
	if m := rePrefix.FindString(s); m != "" {
		s = s[len(m):]
		v.Approx = m == "约" || m == "大约" || m == "近" || m == "约为"
	}
	if m := reSuffix.FindString(s); m != "" {
		s = strings.TrimSuffix(s, m)
		v.Approx = v.Approx || m == "左右" || m == "上下"
	}
	var n float64
	var rest string
	if m := reNumber.FindString(s); m != "" {
		n, _ = strconv.ParseFloat(m, 64)
		rest = s[len(m):]
	} else if r, _ := utf8.DecodeRuneInString(s); cnum.IsNumeral(r) {
		// A magnitude in the numeral (一千二百万) is kept apart, as the 万 of "1200万" is, so that
		// it converts into the indicator's unit: 0.12 in a 亿元 row.
		cn, mag, after, ok := cnum.Cut(s)
		if !ok {
			return invalid(v, invalidNumeral)
		}
		n, rest = cn, mag+after
	} else {
		return invalid(v, invalidNotNumber)
	}
	if math.IsInf(n, 0) || math.IsNaN(n) {
		return invalid(v, invalidNotFinite)
	}
	rest = strings.TrimSuffix(reSuffix.ReplaceAllString(rest, ""), "。")
	// Explanations belong in 進展情況; a bracketed note after the unit is tolerated.
	if i := strings.IndexAny(rest, "(["); i > 0 && strings.HasSuffix(rest, ")") || i > 0 && strings.HasSuffix(rest, "]") {
		rest = rest[:i]
	}
	rest = strings.TrimLeft(rest, "余多")
	if reDateLike.MatchString(rest) {
		return invalid(v, invalidDate)
	}
	if strings.ContainsAny(rest, "0123456789,;。、:") {
		return invalid(v, invalidTrailing)
	}
	v.Typed = rest
	unit, display := "", ""
	target := 0.0
	if ind != nil {
		unit, display = conv.Fold(ind.Unit), ind.Unit
		if ind.Value != nil {
			target = *ind.Value
		}
	}
	v = convert(v, n, rest, unit, target)
	if v.Flag == FlagUnit || v.Flag == FlagConverted {
		v.Note = strings.ReplaceAll(v.Note, "“"+unit+"”", "“"+display+"”")
	}
	return v
}

func invalid(v Value, why string) Value {
	v.Flag, v.Note = FlagInvalid, fmt.Sprintf(noteInvalid, why)
	return v
}

// maxMagnitude bounds a stored value, in the indicator's unit: no indicator counts to 10^15
// (China's GDP is about 1.3×10^14 元), a float64 holds integers exactly only below 9×10^15, and
// every ratio and sum made from values below it stays finite, so every writer can print it.
const maxMagnitude = 1e15

// convert expresses n (typed with unit typed) in the indicator's unit.
func convert(v Value, n float64, typed, unit string, target float64) Value {
	set := func(x float64) Value {
		if math.IsNaN(x) || math.Abs(x) >= maxMagnitude { // 1e300亿 overflows to +Inf here
			v.Flag, v.Note = "", ""
			return invalid(v, invalidTooLarge)
		}
		x = round15(x)
		v.Number = &x
		return v
	}
	switch {
	case typed == "" && unit == "%" && n > 0 && n < 1 && target >= 1:
		v.Note = fmt.Sprintf(notePercent, strconv.FormatFloat(n, 'f', -1, 64), strconv.FormatFloat(n*100, 'f', -1, 64))
		v.Flag = FlagConverted
		return set(n * 100)
	case typed == "" || typed == unit:
		return set(n)
	case unit == "%" && (typed == "%" || typed == "个百分点" || typed == "百分点"):
		return set(n)
	case typed == "%" && unit != "%":
		return mismatch(v, typed, unit)
	}
	tm, tb := splitUnit(typed)
	um, ub := splitUnit(unit)
	switch {
	case tb == ub, tb == "" && tm != 1, sameBase(tb, ub):
		if tb == "" && ub == "" && tm == 1 {
			return mismatch(v, typed, unit)
		}
		x := n * tm / um
		if tm != um {
			v.Flag = FlagConverted
			v.Note = fmt.Sprintf(noteConverted, strconv.FormatFloat(n, 'f', -1, 64), asWritten(typed), strconv.FormatFloat(round15(x), 'f', -1, 64), unit)
		}
		return set(x)
	case tm == um && isCount(tb) && isCount(ub):
		return set(n) // 30个 in a 家 row: the same count
	}
	return mismatch(v, typed, unit)
}

// round15 keeps 15 significant digits, dropping what unit arithmetic adds (7.5億 is
// 75000.00000000001萬) at any magnitude; rounding to 1e-9, as before, made 1e14 99999999999999.98.
func round15(x float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 15, 64), 64)
	return r
}

// asWritten puts a unit read from folded (Simplified) text back in Traditional, the script every
// note is kept in until it is shown in the reader's (万千瓦 typed or 萬千瓦, shown as the reader writes it).
func asWritten(unit string) string { return script.Default().Convert(unit, taizhang.Traditional) }

func mismatch(v Value, typed, unit string) Value {
	v.Flag = FlagUnit
	v.Note = fmt.Sprintf(noteMismatch, asWritten(typed), unit)
	return v
}

// splitUnit separates a 万/亿 multiplier from the base unit: "万千瓦" → 1e4, "千瓦".
func splitUnit(u string) (float64, string) {
	switch {
	case strings.HasPrefix(u, "亿"):
		return 1e8, u[len("亿"):]
	case strings.HasPrefix(u, "万") && u != "万":
		return 1e4, u[len("万"):]
	case u == "万":
		return 1e4, ""
	case u == "千" || u == "百":
		return map[string]float64{"千": 1e3, "百": 1e2}[u], ""
	}
	return 1, u
}

var sameBases = [][]string{{"平方公里", "平方千米"}, {"公里", "千米"}, {"千瓦时", "度"}, {"人", "名"}, {"人次", "人"}}

func sameBase(a, b string) bool {
	for _, set := range sameBases {
		if (set[0] == a && set[1] == b) || (set[0] == b && set[1] == a) {
			return true
		}
	}
	return false
}

func isCount(u string) bool {
	return u != "" && len([]rune(u)) == 1 && strings.Contains(countWords, u)
}

// separators are the characters that may group digits: a comma (full-width ones are folded to
// it), a space of any width, a tab.
func separator(r rune) bool {
	switch r {
	case ',', ' ', '\t', '\u00a0', '\u2009', '\u202f', '\u3000':
		return true
	}
	return false
}

// ungroup drops digit-group separators and white space, and reports whether every separator
// between two digits groups thousands: one separator, three digits after it, one to three
// digits (not a lone 0) before the first, none in a fraction, one kind in a number. So
// "1,500", "1,234.5" and "12,345,678" read, while "1,5", "12,5", "1,50", "1.234,5" and "2 5",
// which mean other numbers in other conventions or are two numbers, do not.
func ungroup(s string) (string, bool) {
	var b strings.Builder
	ok := true
	digits, groups := 0, 0 // the current run of digits, the groups of the number it is in
	var kind rune          // the separator of the current number
	var prev rune          // the last character kept
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if !separator(r) {
			if r >= '0' && r <= '9' {
				digits++
			} else {
				digits, groups, kind = 0, 0, 0
			}
			b.WriteRune(r)
			prev = r
			continue
		}
		j := i
		for j < len(rs) && separator(rs[j]) {
			j++
		}
		if digits > 0 && j < len(rs) && rs[j] >= '0' && rs[j] <= '9' { // between two digits
			next := 0
			for k := j; k < len(rs) && rs[k] >= '0' && rs[k] <= '9'; k++ {
				next++
			}
			first := groups == 0 && (digits > 3 || digits == 1 && prev == '0' || fraction(rs, i-digits))
			ok = ok && j == i+1 && next == 3 && !first && (kind == 0 || kind == r)
			kind, groups, digits = r, groups+1, 0
		}
		i = j - 1
	}
	return b.String(), ok
}

// fraction reports whether the digits starting at rs[i] follow a decimal point.
func fraction(rs []rune, i int) bool { return i > 0 && rs[i-1] == '.' }
