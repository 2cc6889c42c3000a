package catalog

import (
	"regexp"
	"strconv"
	"strings"

	"taizhang/script"
)

// style is a way of numbering a heading. Official documents nest them in this order
// (GB/T 9704: 一、 → (一) → 1. → (1)), with 第一部分 above and ① below, so the style is also
// the depth: a heading of a shallower style closes every deeper one.
type style int

const (
	stylePart    style = iota // 第一部分, 第一章
	styleCN                   // 一、
	styleCNParen              // (一)
	styleAR                   // 1. 1、
	styleARParen              // (1) 1)
	styleCircled              // ①
	nStyles
)

const cnDigits = `[一二三四五六七八九十百零〇两]+`

// Patterns run on folded text (Simplified, half-width).
var (
	rePart    = regexp.MustCompile(`^第(` + cnDigits + `|\d{1,2})(?:部分|章|篇)\s*[、.:]?\s*(.*)$`)
	reCN      = regexp.MustCompile(`^(` + cnDigits + `)\s*[、.]\s*(\S.*)$`)
	reCNParen = regexp.MustCompile(`^\((` + cnDigits + `)\)\s*[、.]?\s*(\S.*)$`)
	// "1." "1、" — followed by the task, never by another digit (5.8% is not task 5).
	reAR      = regexp.MustCompile(`^(\d{1,3})\s*[.、]\s*([^\d.、)%].*)$`)
	reARParen = regexp.MustCompile(`^(?:\((\d{1,3})\)|(\d{1,3})\))\s*([^\d).、%].*)$`)
	reCircled = regexp.MustCompile(`^([①-⑳㉑-㉟])\s*(\S.*)$`)
)

// heading is a numbered line: its style, its number and the text after the number (folded).
type heading struct {
	style style
	n     int
	rest  string
}

// headingOf reads the number at the start of a folded line, if it has one.
func headingOf(f string) (heading, bool) {
	if m := rePart.FindStringSubmatch(f); m != nil {
		return heading{stylePart, number(m[1]), m[2]}, true
	}
	if m := reCN.FindStringSubmatch(f); m != nil {
		return heading{styleCN, chineseNumber(m[1]), m[2]}, true
	}
	if m := reCNParen.FindStringSubmatch(f); m != nil {
		return heading{styleCNParen, chineseNumber(m[1]), m[2]}, true
	}
	if m := reAR.FindStringSubmatch(f); m != nil {
		return heading{styleAR, number(m[1]), m[2]}, true
	}
	if m := reARParen.FindStringSubmatch(f); m != nil {
		return heading{styleARParen, number(m[1] + m[2]), m[3]}, true
	}
	if m := reCircled.FindStringSubmatch(f); m != nil {
		r := []rune(m[1])[0]
		n := int(r-'①') + 1
		if r >= '㉑' {
			n = int(r-'㉑') + 21
		}
		return heading{styleCircled, n, m[2]}, true
	}
	return heading{}, false
}

func number(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return chineseNumber(s)
}

// sequence accepts a numbered line as a heading only when its number follows on: one more than
// the last of its style (numbering that runs on across sections), or 1 when a shallower heading
// has opened a new part (numbering that restarts in each section). Anything else is a number in
// the text, such as a wrapped line that starts "2.8萬家".
type sequence struct {
	last  [nStyles]int // the last accepted number of each style
	fresh [nStyles]bool
}

func newSequence() *sequence {
	s := &sequence{}
	for i := range s.fresh {
		s.fresh[i] = true
	}
	return s
}

// accept reports whether h follows on, and if so records it.
func (s *sequence) accept(h heading) bool {
	ok := h.n == s.last[h.style]+1 || (h.n == 1 && (s.fresh[h.style] || h.style <= styleCN))
	if !ok || h.n <= 0 {
		return false
	}
	s.last[h.style], s.fresh[h.style] = h.n, false
	for d := h.style + 1; d < nStyles; d++ {
		s.fresh[d] = true
	}
	return true
}

// lineKind is what one line of text is, once the outline is known.
type lineKind int

const (
	linePlain lineKind = iota
	lineHeading
	lineLabel // a responsibility line of its own: "牽頭單位:…"
)

type textLine struct {
	Block
	fold string
	kind lineKind
	h    heading
	// gap marks a numbered line whose number does not follow on; it is reported once the
	// task level is known, if it is at that level.
	gap      bool
	gapStyle style
}

// reLabelLine is a line that starts with a responsibility or deadline label.
var reLabelLine = regexp.MustCompile(`^` + labelWords + `\s*:`)

// scanLines folds each non-empty line and marks the headings that follow on and the label lines.
func (p *parser) scanLines(blocks []Block) []textLine {
	seq := newSequence()
	var out []textLine
	for _, b := range blocks {
		text := strings.TrimSpace(strings.Trim(b.Text, "\u3000\ufeff"))
		if text == "" {
			continue
		}
		b.Text = text
		tl := textLine{Block: b, fold: p.conv.Fold(text)}
		switch h, ok := headingOf(tl.fold); {
		case reLabelLine.MatchString(tl.fold):
			tl.kind = lineLabel
		case ok && seq.accept(h):
			tl.kind, tl.h = lineHeading, h
		case ok && h.n > 1:
			tl.gap, tl.gapStyle = true, h.style
		}
		out = append(out, tl)
	}
	return out
}

// taskStyle decides which numbered level holds the tasks: the level whose items carry one
// responsibility clause each (a level above holds many per item: sections; a level below holds
// them on some items only: a list inside a task), with the best coverage, the deeper on a tie.
// When no level has one clause per item, the deepest level mostly covered; when the plan has no
// clause at all, the most numerous level below the top one.
func (p *parser) taskStyle(lines []textLine) (style, bool) {
	var items, covered, groups [nStyles]int
	var open [nStyles]bool // an item of this style is open and has no clause yet
	var inItem [nStyles]bool
	prevClause := false
	for _, tl := range lines {
		if tl.kind == lineHeading {
			items[tl.h.style]++
			for d := tl.h.style; d < nStyles; d++ {
				open[d], inItem[d] = false, false
			}
			open[tl.h.style], inItem[tl.h.style] = true, true
			prevClause = false
		}
		clause := hasClause(tl)
		for d := range nStyles {
			if clause && inItem[d] && !prevClause {
				groups[d]++ // label lines in a row are one clause
			}
			if clause && open[d] {
				covered[d]++
				open[d] = false
			}
		}
		prevClause = clause
	}
	best, bestRatio := style(-1), 0.0
	for d := range nStyles {
		if covered[d] == 0 || groups[d]*2 > covered[d]*3 {
			continue
		}
		if r := float64(covered[d]) / float64(items[d]); r >= bestRatio {
			best, bestRatio = d, r
		}
	}
	if best >= 0 {
		return best, true
	}
	for d := nStyles - 1; d >= 0; d-- {
		if items[d] > 0 && covered[d]*2 >= items[d] {
			return d, true
		}
	}
	return mostNumerous(items)
}

// mostNumerous is the level with most items below the top one, else the only one.
func mostNumerous(items [nStyles]int) (style, bool) {
	top, best := style(-1), style(-1)
	for d := range nStyles {
		switch {
		case items[d] == 0:
		case top < 0:
			top, best = d, d
		case best == top || items[d] > items[best]:
			best = d
		}
	}
	return best, best >= 0
}

// hasClause reports whether a line carries a responsibility clause: a label line, or a
// bracketed clause at its end that names a role.
func hasClause(tl textLine) bool {
	if tl.kind == lineLabel {
		return true
	}
	if _, from, to, ok := tailBracket(tl.fold); ok && reRoleWord.MatchString(tl.fold[from:to]) {
		return true
	}
	return reBareClause.MatchString(tl.fold)
}

// StartsItem reports whether a line of laid-out text starts a numbered heading ("一、", "(二)",
// "3.", "①") or a responsibility line ("牽頭單位:"), in either script and width, so that a
// reader joining lines the page width broke (a PDF's) keeps such a line apart.
func StartsItem(line string) bool {
	f := script.Default().Fold(strings.TrimSpace(line))
	if reLabelLine.MatchString(f) {
		return true
	}
	_, ok := headingOf(f)
	return ok
}
