package catalog

import (
	"strings"
	"unicode/utf8"

	taizhang "taizhang"
)

// lineRole is what a line of text or a table row is to the plan that was read.
type lineRole int

const (
	lineLoose    lineRole = iota // not marked while reading: decided by what stands before it
	lineTask                     // part of a task: its number, text, clause or row
	lineOutline                  // a section heading, a section's own text, a table's header
	linePreamble                 // before the first task: title, document number, notice, aims
	lineClosing                  // after the last task: measures, signature, date
	lineNotRead                  // after the first task, in no task, and looking like one
)

func (p *parser) mark(pos Pos, r lineRole) { p.marks[pos] = r }

// Coverage says how much of a document was read as tasks: every non-empty line (or table row)
// is part of a task, of the preamble, headings or closing, or not understood.
type Coverage struct {
	Tasks     int // tasks read
	TaskLines int // lines and rows read as parts of tasks
	Other     int // preamble, section headings and their text, closing
	NotRead   []Stretch
	// Characters of the lines of tasks whose agencies were read, and of all lines: how much of
	// the text is the plan's tasks. A README that quotes a clause, or a letter with numbered
	// points, has numbered items but few with agencies.
	TaskChars, Chars int
}

// Stretch is a run of lines or rows that were not understood, in document order.
type Stretch struct {
	From, To Pos
	Lines    int
	TaskLike int    // of them, numbered at the tasks' level or carrying a responsibility clause
	Text     string // the first line, shortened
}

// NotReadLines is how many lines were not understood.
func (c Coverage) NotReadLines() int {
	n := 0
	for _, s := range c.NotRead {
		n += s.Lines
	}
	return n
}

// Long stretches: a plan that stops being read. A stretch is long when it holds this many lines
// that look like tasks, or this many lines in all.
const (
	longTaskLike = 3
	longLines    = 10
)

// Stopped returns the first long stretch not understood after the first task: the reading lost
// the plan there. ok is false when every stretch is short.
func (c Coverage) Stopped() (Stretch, bool) {
	for _, s := range c.NotRead {
		if s.TaskLike >= longTaskLike || s.Lines >= longLines {
			return s, true
		}
	}
	return Stretch{}, false
}

// minTaskShare is the least share of a document's characters a plan's tasks hold: a plan is
// mostly its tasks, while a README, a letter or a manual that quotes a clause or two is not.
const minTaskShare = 0.3

// Weak reports a document whose tasks are too small a part of its text to make it a plan.
func (c Coverage) Weak() bool {
	return c.Chars > 0 && float64(c.TaskChars) < minTaskShare*float64(c.Chars)
}

// TaskShare is the share of the document's characters read as tasks, in percent.
func (c Coverage) TaskShare() int {
	if c.Chars == 0 {
		return 0
	}
	return c.TaskChars * 100 / c.Chars
}

// blockText is what a block says: a line's text, or a row's distinct cells.
func blockText(b Block) string {
	if b.Cells == nil {
		return strings.TrimSpace(b.Text)
	}
	return strings.Join(distinct(b.Cells), " ")
}

// account decides what every block of the document is to the reading chosen, from the marks the
// reading left and the tasks it found. A block left unmarked takes the part of the marked block
// before it: the text of a task not read is not read either, while text after a task or heading is
// the closing (or, between tasks, the document's own text). Stretches not understood become
// problems, except lines already reported one by one.
func (p *parser) account(blocks []Block, items []*item, tasks []taizhang.Task) Coverage {
	assigned := map[Pos]bool{} // lines of tasks with agencies
	for i, it := range items {
		has := len(tasks[i].Lead)+len(tasks[i].Participating) > 0
		for _, pos := range it.rows {
			p.marks[pos], assigned[pos] = lineTask, has
		}
		for _, tl := range it.lines {
			if p.marks[tl.Pos] != lineNotRead {
				p.marks[tl.Pos], assigned[tl.Pos] = lineTask, has
			}
		}
	}
	var c Coverage
	c.Tasks = len(items)
	reported := map[Pos]bool{}
	for _, pr := range p.problems {
		reported[pr.Pos] = true
	}
	seenTask, prev := false, linePreamble
	var cur *Stretch
	allReported := true
	flush := func() {
		if cur != nil && !allReported {
			p.problems = append(p.problems, Problem{File: p.name, Pos: cur.From, Through: cur.To, Lines: cur.Lines, Text: cur.Text, Err: ErrNotRead})
		}
		if cur != nil {
			c.NotRead = append(c.NotRead, *cur)
		}
		cur, allReported = nil, true
	}
	for _, b := range blocks {
		text := blockText(b)
		if text == "" {
			continue
		}
		role := p.marks[b.Pos]
		switch {
		case role == lineTask:
			seenTask = true
		case !seenTask:
			role = linePreamble
		case role == lineLoose && prev == lineNotRead:
			role = lineNotRead
		case role == lineLoose:
			role = lineClosing
		}
		n := utf8.RuneCountInString(text)
		c.Chars += n
		switch role {
		case lineTask:
			c.TaskLines++
			if assigned[b.Pos] {
				c.TaskChars += n
			}
		case lineNotRead:
			if cur == nil {
				cur = &Stretch{From: b.Pos, Text: excerpt(text)}
			}
			cur.To, cur.Lines = b.Pos, cur.Lines+1
			if p.marks[b.Pos] == lineNotRead {
				cur.TaskLike++
			}
			allReported = allReported && reported[b.Pos]
		default:
			c.Other++
		}
		if role != lineNotRead {
			flush()
		}
		prev = role
	}
	flush()
	return c
}
