// Package cnum reads and writes Chinese numerals: 三十, 一千零五, 两万, 一亿二千万, 三点五,
// 二〇二三, in either script, with the financial forms (壹贰叁…拾佰仟) too.
package cnum

import (
	"errors"
	"math"
	"strings"
	"unicode/utf8"
)

// ErrSyntax is a string that is not a Chinese numeral.
var ErrSyntax = errors.New("cnum: not a Chinese numeral")

var digits = map[rune]int64{
	'零': 0, '〇': 0, '○': 0, '一': 1, '壹': 1, '二': 2, '两': 2, '兩': 2, '贰': 2, '貳': 2, '三': 3, '叁': 3, '參': 3,
	'四': 4, '肆': 4, '五': 5, '伍': 5, '六': 6, '陆': 6, '陸': 6, '七': 7, '柒': 7, '八': 8, '捌': 8, '九': 9, '玖': 9,
}

// small units work inside a section of four digits; big ones end a section.
var small = map[rune]int64{'十': 10, '拾': 10, '百': 100, '佰': 100, '千': 1000, '仟': 1000}
var big = map[rune]int64{'万': 1e4, '萬': 1e4, '亿': 1e8, '億': 1e8}

func isPoint(r rune) bool { return r == '点' || r == '點' }
func isMinus(r rune) bool { return r == '负' || r == '負' }

// IsNumeral reports whether r can be part of a Chinese numeral.
func IsNumeral(r rune) bool {
	_, d := digits[r]
	_, s := small[r]
	_, b := big[r]
	return d || s || b || isPoint(r)
}

// Parse reads a whole string as a Chinese numeral.
func Parse(s string) (float64, error) {
	v, _, rest, ok := cut(s)
	if !ok || rest != "" {
		return 0, ErrSyntax
	}
	return v, nil
}

// Magnitude is the value of a magnitude Cut returns: 1e4 for 万, 1e8 for 亿, 1 for "".
func Magnitude(mag string) float64 {
	switch mag {
	case "万":
		return 1e4
	case "亿":
		return 1e8
	}
	return 1
}

// Cut reads the Chinese numeral at the start of s (its longest run of numeral characters, with
// a leading 负) and returns its value as n × Magnitude(mag), where mag is the largest of 万 and
// 亿 the numeral holds ("一千二百万" is 1200 and 万, "一亿二千万" 1.2 and 亿, "三十" 30 and ""),
// and the text after it. Keeping the magnitude apart lets a caller convert it the way it converts
// "1200万". ok is false when s does not start with a well-formed numeral.
func Cut(s string) (n float64, mag, rest string, ok bool) {
	v, scale, rest, ok := cut(s)
	switch scale {
	case 1e8:
		mag = "亿"
	case 1e4:
		mag = "万"
	}
	return v / scale, mag, rest, ok
}

// cut reads the numeral at the start of s: its whole value and the largest magnitude it holds.
func cut(s string) (v, scale float64, rest string, ok bool) {
	neg := false
	if r, size := utf8.DecodeRuneInString(s); isMinus(r) {
		neg, s = true, s[size:]
	}
	end := 0
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if !IsNumeral(r) {
			break
		}
		end += size
	}
	if end == 0 {
		return 0, 1, s, false
	}
	v, scale, ok = value(s[:end])
	if !ok {
		return 0, 1, s, false
	}
	if neg {
		v = -v
	}
	return v, scale, s[end:], true
}

// value reads a numeral: integer part, then decimals after 点, then an optional magnitude
// after the decimals ("三点五万"). scale is the largest magnitude it holds.
func value(s string) (v, scale float64, ok bool) {
	whole, frac, hasPoint := cutPoint(s)
	scale = 1
	var w float64
	if whole != "" {
		i, sc, ok := integer(whole)
		if !ok {
			return 0, 0, false
		}
		w, scale = float64(i), sc
	}
	if !hasPoint {
		return w, scale, whole != ""
	}
	if scale != 1 { // "一万点五": a decimal point after a magnitude is not a number
		return 0, 0, false
	}
	f, place, tail := 0.0, 0.1, ""
	for i, r := range frac {
		d, isDigit := digits[r]
		if !isDigit {
			tail = frac[i:]
			break
		}
		f += float64(d) * place
		place /= 10
	}
	if place == 0.1 {
		return 0, 0, false // nothing after the point
	}
	v = w + f
	if tail != "" {
		m, ok := big[[]rune(tail)[0]]
		if !ok || utf8.RuneCountInString(tail) != 1 {
			return 0, 0, false
		}
		v, scale = v*float64(m), float64(m)
	}
	return v, scale, true
}

func cutPoint(s string) (whole, frac string, found bool) {
	for i, r := range s {
		if isPoint(r) {
			return s[:i], s[i+utf8.RuneLen(r):], true
		}
	}
	return s, "", false
}

// integer reads an integer numeral, with units ("一千零五") or digit by digit ("二〇二三").
func integer(s string) (int64, float64, bool) {
	unitless := true
	for _, r := range s {
		if _, d := digits[r]; !d {
			unitless = false
		}
	}
	if unitless {
		var n int64
		for _, r := range s {
			if n > math.MaxInt64/10-9 {
				return 0, 0, false
			}
			n = n*10 + digits[r]
		}
		return n, 1, true
	}
	return withUnits(s)
}

// withUnits reads 一亿二千万零五: sections of up to four digits, each digit before its unit,
// closed by 万 or 亿; 零 stands for skipped places. A last digit straight after a unit counts
// one place lower, as people say it: 一百五 is 150, 两万五 is 25000.
func withUnits(s string) (int64, float64, bool) {
	var total, wan, section, num int64
	var lastSmall int64 = 1e4 // units within a section must fall: 千, then 百, then 十
	var lastUnit int64        // the unit just read; 0 after a digit or 零
	haveNum, zero := false, false
	scale := 1.0
	for _, r := range s {
		if d, ok := digits[r]; ok {
			if haveNum {
				return 0, 0, false // two digits without a unit between them
			}
			if d == 0 {
				zero, lastUnit = true, 0
				continue
			}
			num, haveNum = d, true
			if zero {
				lastUnit = 0
			}
			zero = false
			continue
		}
		if u, ok := small[r]; ok {
			if u >= lastSmall || (!haveNum && u != 10) {
				return 0, 0, false
			}
			if !haveNum {
				num = 1 // 十五; 一百十
			}
			section += num * u
			num, haveNum, zero, lastSmall, lastUnit = 0, false, false, u, u
			continue
		}
		u := big[r]
		part := section + num
		switch {
		case u == 1e4 && (part == 0 || wan != 0):
			return 0, 0, false
		case u == 1e4:
			wan = part * 1e4
			scale = math.Max(scale, 1e4)
		case total != 0 || part+wan == 0:
			return 0, 0, false // a second 亿, or 亿 with nothing before it
		default:
			total, wan, scale = (total+wan+part)*1e8, 0, 1e8
		}
		section, num, haveNum, zero, lastSmall, lastUnit = 0, 0, false, false, 1e4, u
	}
	if zero && !haveNum {
		return 0, 0, false // a numeral does not end in 零
	}
	if haveNum && lastUnit >= 100 {
		num *= lastUnit / 10
	}
	return total + wan + section + num, scale, true
}

// Format writes an integer as Chinese numerals the usual way: 十五, 一百零五, 一千零五十,
// 十万零一十五, 一亿零一万, 一亿二千万, 负三.
func Format(n int64) string {
	switch {
	case n == 0:
		return "零"
	case n == math.MinInt64:
		return "负" + format(uint64(math.MaxInt64)+1, true)
	case n < 0:
		return "负" + format(uint64(-n), true)
	}
	return format(uint64(n), true)
}

func format(n uint64, leading bool) string {
	for _, g := range []struct {
		size uint64
		unit string
	}{{1e8, "亿"}, {1e4, "万"}} {
		if n < g.size {
			continue
		}
		hi, lo := n/g.size, n%g.size
		s := format(hi, leading) + g.unit
		if lo == 0 {
			return s
		}
		if lo < g.size/10 {
			s += "零"
		}
		return s + format(lo, false)
	}
	return four(n, leading)
}

// four writes 1 to 9999; leading drops the 一 of 一十 at the start of the whole number.
func four(n uint64, leading bool) string {
	const names = "零一二三四五六七八九"
	units := []string{"千", "百", "十", ""}
	var sb strings.Builder
	zero := false
	for i, div := range []uint64{1000, 100, 10, 1} {
		d := n / div % 10
		if d == 0 {
			zero = sb.Len() > 0
			continue
		}
		if zero {
			sb.WriteString("零")
			zero = false
		}
		if !(leading && sb.Len() == 0 && d == 1 && div == 10) {
			sb.WriteString(string([]rune(names)[d]))
		}
		sb.WriteString(units[i])
	}
	return sb.String()
}
