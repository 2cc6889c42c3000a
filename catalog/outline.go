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
	// "1." "1、" — followed by the task; followed by another digit, the number is only a
	// candidate (5.8% is not task 5, but "11.121人才梯隊項目" is task 11), judged by its sequence.
	reAR           = regexp.MustCompile(`^(\d{1,3})\s*[.、]\s*([^\d.、)%].*)$`)
	reARDigit      = regexp.MustCompile(`^(\d{1,3})\s*[.、]\s*(\d.*)$`)
	reARParen      = regexp.MustCompile(`^(?:\((\d{1,3})\)|(\d{1,3})\))\s*([^\d).、%].*)$`)
	reARParenDigit = regexp.MustCompile(`^\((\d{1,3})\)\s*(\d.*)$`)
	reCircled      = regexp.MustCompile(`^([①-⑳㉑-㉟])\s*(\S.*)$`)
)

// heading is a numbered line: its style, its number and the text after the number (folded).
// An ambiguous one has a digit right after its number ("2.8萬家", "11.121人才梯隊項目"): it is a
// heading only where the sequence expects its number and no plainer heading of it follows.
type heading struct {
	style     style
	n         int
	rest      string
	ambiguous bool
}

// headingOf reads the number at the start of a folded line, if it has one.
func headingOf(f string) (heading, bool) {
	if m := rePart.FindStringSubmatch(f); m != nil {
		return heading{style: stylePart, n: number(m[1]), rest: m[2]}, true
	}
	if m := reCN.FindStringSubmatch(f); m != nil {
		return heading{style: styleCN, n: chineseNumber(m[1]), rest: m[2]}, true
	}
	if m := reCNParen.FindStringSubmatch(f); m != nil {
		return heading{style: styleCNParen, n: chineseNumber(m[1]), rest: m[2]}, true
	}
	if m := reAR.FindStringSubmatch(f); m != nil {
		return heading{style: styleAR, n: number(m[1]), rest: m[2]}, true
	}
	if m := reARParen.FindStringSubmatch(f); m != nil {
		return heading{style: styleARParen, n: number(m[1] + m[2]), rest: m[3]}, true
	}
	if m := reCircled.FindStringSubmatch(f); m != nil {
		r := []rune(m[1])[0]
		n := int(r-'①') + 1
		if r >= '㉑' {
			n = int(r-'㉑') + 21
		}
		return heading{style: styleCircled, n: n, rest: m[2]}, true
	}
	if m := reARDigit.FindStringSubmatch(f); m != nil {
		return heading{style: styleAR, n: number(m[1]), rest: m[2], ambiguous: true}, true
	}
	if m := reARParenDigit.FindStringSubmatch(f); m != nil {
		return heading{style: styleARParen, n: number(m[1]), rest: m[2], ambiguous: true}, true
	}
	return heading{}, false
}

func number(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return chineseNumber(s)
}

// sequence accepts a numbered line as a heading when its number continues the sequence: one
// more than the last of its style (numbering that runs on across sections), or 1 when a
// shallower heading has opened a new part (numbering that restarts in each section). Anything
// else is a number in the text, such as a wrapped line that starts "2.8萬家", unless the numbering
// plainly goes on from it (10, 16, 17: the plan skipped 11–15, and the jump is reported).
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

// maxJump is how far the numbering may jump at the last numbered line of its style, where no
// later number can confirm it.
const maxJump = 10

// follows reports whether h continues its style's numbering.
func (s *sequence) follows(h heading) bool {
	return h.n > 0 && (h.n == s.last[h.style]+1 || (h.n == 1 && (s.fresh[h.style] || h.style <= styleCN)))
}

// judge decides whether h is a heading, given next, the number of the next plain (unambiguous)
// numbered line of its style (0 when there is none). It records an accepted heading and
// reports whether it jumped.
func (s *sequence) judge(h heading, next int) (ok, jumped bool) {
	switch {
	case s.follows(h):
		ok = !h.ambiguous || next != h.n // "2.8萬家" before the real "2.": a number in the text
	case h.n <= s.last[h.style]:
	case next == h.n+1, next == 0 && !h.ambiguous && h.n-s.last[h.style] <= maxJump:
		ok, jumped = true, true
	}
	if ok {
		s.last[h.style], s.fresh[h.style] = h.n, false
		for d := h.style + 1; d < nStyles; d++ {
			s.fresh[d] = true
		}
	}
	return ok, jumped
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
	// gap marks a numbered line whose number does not continue the sequence; jump, a heading
	// whose number skipped some (from is the number before it). Each is reported once the task
	// level is known, if it is at that level.
	gap, jump bool
	from      int
	numStyle  style
	numbered  bool // it starts with a number of some style, heading or not
}

// reLabelLine is a line that starts with a responsibility or deadline label.
var reLabelLine = regexp.MustCompile(`^` + labelWords + `\s*:`)

// scanLines folds each non-empty line and marks the headings that continue the sequence and the
// label lines.
func (p *parser) scanLines(blocks []Block) []textLine {
	var out []textLine
	for _, b := range blocks {
		text := strings.TrimSpace(strings.Trim(b.Text, "\u3000\ufeff"))
		if text == "" {
			continue
		}
		b.Text = text
		tl := textLine{Block: b, fold: p.conv.Fold(text)}
		if reLabelLine.MatchString(tl.fold) {
			tl.kind = lineLabel
		} else if h, ok := headingOf(tl.fold); ok {
			tl.h, tl.numbered, tl.numStyle = h, true, h.style
		}
		out = append(out, tl)
	}
	seq := newSequence()
	for i := range out {
		tl := &out[i]
		if !tl.numbered {
			continue
		}
		last := seq.last[tl.h.style]
		switch ok, jumped := seq.judge(tl.h, nextNumber(out[i+1:], tl.h.style)); {
		case ok:
			tl.kind, tl.jump, tl.from = lineHeading, jumped, last
		case tl.h.n > 1 && !tl.h.ambiguous: // an ambiguous one is a number in the text
			tl.gap, tl.from = true, last
		}
	}
	return out
}

// nextNumber is the number of the first plain numbered line of style st in lines, or 0.
func nextNumber(lines []textLine, st style) int {
	for _, tl := range lines {
		if tl.numbered && !tl.h.ambiguous && tl.h.style == st {
			return tl.h.n
		}
	}
	return 0
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
	return reBareClause.MatchString(tl.fold) || bareRole(tl.Text)
}

// bareRole reports whether a line ends in a clause without labels or brackets that reads whole:
// every part names agencies and a role ("甲、乙按職責分工負責").
func bareRole(text string) bool {
	conv := script.Default()
	f := newFolded(conv, text)
	from, to, ok := bareRoleSentence(f.fold)
	if !ok {
		return false
	}
	r, ok := (&parser{conv: conv}).clause(f, from, to)
	return ok && len(r.odd) == 0 && !r.empty()
}

// StartsItem reports whether a line of laid-out text starts a numbered heading ("一、", "(二)",
// "3.", "①") or a responsibility line ("牽頭單位:"), in either script and width, so that a
// reader joining lines the page width broke (a PDF's) keeps such a line apart.
func StartsItem(line string) bool {
	f := script.Default().Fold(strings.TrimSpace(line))
	if reLabelLine.MatchString(f) {
		return true
	}
	h, ok := headingOf(f)
	return ok && !h.ambiguous
}

// PlanContent reports whether a line of laid-out text carries what a plan is read by: a numbered
// heading, a responsibility line or a responsibility clause. A reader dropping running headers and
// footers (a PDF's) never drops such a line, however often it repeats.
func PlanContent(line string) bool {
	line = strings.TrimSpace(line)
	f := script.Default().Fold(line)
	tl := textLine{Block: Block{Text: line}, fold: f}
	if reLabelLine.MatchString(f) {
		tl.kind = lineLabel
	}
	return StartsItem(line) || hasClause(tl)
}
