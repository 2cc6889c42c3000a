package catalog

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"taizhang/script"
)

// folded pairs a piece of original text with its folded form (Simplified, half-width) of the
// same rune count, so that a regexp matched on the folded string slices the original.
type folded struct {
	orig []rune
	fold string
	// byteToRune[i] is the rune index of byte offset i in fold (len(fold)+1 entries).
	byteToRune []int
}

func newFolded(c *script.Converter, s string) *folded {
	f := &folded{orig: []rune(s), fold: c.Fold(s)}
	f.byteToRune = make([]int, len(f.fold)+1)
	ri := 0
	for i := range f.fold {
		f.byteToRune[i] = ri
		ri++
	}
	// fill the continuation bytes of multi-byte runes with the index of their rune
	last := 0
	for i := 0; i < len(f.fold); i++ {
		if utf8.RuneStart(f.fold[i]) {
			last = f.byteToRune[i]
		} else {
			f.byteToRune[i] = last
		}
	}
	f.byteToRune[len(f.fold)] = len(f.orig)
	return f
}

// orig returns the original text between two byte offsets of the folded string.
func (f *folded) slice(from, to int) string {
	return string(f.orig[f.byteToRune[from]:f.byteToRune[to]])
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) ||
		r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…'
}

// Squeeze removes the spaces a line break, a PDF's layout or a careless typist left between
// Chinese characters (and around numbers standing among them), keeping spaces between two Latin
// words or numbers.
func Squeeze(s string) string { return squeeze(s) }

// squeeze removes the spaces a line break or a careless typist left between Chinese characters,
// keeping spaces between two Latin words or numbers.
func squeeze(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if unicode.IsSpace(r) || r == '\u3000' {
			j := i
			for j < len(rs) && (unicode.IsSpace(rs[j]) || rs[j] == '\u3000') {
				j++
			}
			if i > 0 && j < len(rs) && !isCJK(rs[i-1]) && !isCJK(rs[j]) {
				b.WriteByte(' ')
			}
			i = j - 1
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// chineseNumber reads 一…九十百 numerals up to 999 ("十二" → 12, "一百零五" → 105), or -1.
func chineseNumber(s string) int {
	if s == "" {
		return -1
	}
	digits := map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '兩': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	total, cur := 0, 0
	seenUnit := false
	for _, r := range s {
		if d, ok := digits[r]; ok {
			cur = d
			continue
		}
		unit := 0
		switch r {
		case '十':
			unit = 10
		case '百':
			unit = 100
		case '千':
			unit = 1000
		default:
			return -1
		}
		if cur == 0 && (unit == 10) {
			cur = 1 // 十二 = 12
		}
		total += cur * unit
		cur = 0
		seenUnit = true
	}
	total += cur
	if !seenUnit && utf8.RuneCountInString(s) > 1 {
		// 二〇二三: digit by digit
		n := 0
		for _, r := range s {
			n = n*10 + digits[r]
		}
		return n
	}
	return total
}

// ChineseNumeral writes 1–999 as plans number their parts (一, 十二, 一百零五); other numbers in digits.
func ChineseNumeral(n int) string {
	if n <= 0 || n >= 1000 {
		return strconv.Itoa(n)
	}
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	s := ""
	if n >= 100 {
		s += digits[n/100] + "百"
		n %= 100
		if n > 0 && n < 10 {
			s += "零"
		}
	}
	if n >= 10 {
		if n/10 > 1 || s != "" {
			s += digits[n/10]
		}
		s += "十"
		n %= 10
	}
	return s + digits[n]
}

// bracketDepth is how a rune changes the depth of brackets and quotes: +1 opening, -1 closing.
func bracketDepth(r rune) int {
	switch r {
	case '(', '“', '《', '‘', '[', '【', '〔':
		return 1
	case ')', '”', '》', '’', ']', '】', '〕':
		return -1
	}
	return 0
}
