// Package catalog turns a plan document into a taizhang.Plan: its sections, tasks, the
// agencies responsible for them and the quantitative targets (indicators) in their text.
//
// A plan comes as text (numbered paragraphs with responsibility clauses or lines) or as a
// table (序號 | 重點任務 | 主要內容 | 牽頭單位 | 參與單位). Readers of each file format (package
// plandoc) turn it into a Source of text lines and table rows; Read parses that, whatever the
// numbering, the wording of responsibility, the level of government or the script.
package catalog

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	taizhang "taizhang"
	"taizhang/script"
)

// Parse reads a plan text file (any of the encodings real plans are saved in) into a Plan.
// name is used in error messages. The problems ParseText reports are dropped.
func Parse(name string, b []byte) (*taizhang.Plan, error) {
	plan, _, err := ParseText(name, b)
	return plan, err
}

// ParseText reads a plan text file into a Plan and lists what it could read only in part.
func ParseText(name string, b []byte) (*taizhang.Plan, []Problem, error) {
	text, err := Decode(b)
	if err != nil {
		return nil, nil, &ParseError{File: name, Err: err}
	}
	return Read(TextSource(name, text))
}

// Read parses a plan document read into lines and table rows. It returns the plan and every
// part it could read only in part, in document order; the error is a *ParseError when the
// document holds no plan at all.
func Read(src Source) (*taizhang.Plan, []Problem, error) {
	r, err := ReadDocument(src)
	if err != nil {
		return nil, nil, err
	}
	return r.Plan, r.Problems, nil
}

// Reading is a plan document read: the plan, every part read only in part (in document order),
// how much of the document its tasks account for, and the names it took as one agency.
type Reading struct {
	Plan     *taizhang.Plan
	Problems []Problem
	Coverage Coverage
	Merges   []Merge
}

// ReadDocument is Read, saying also how much of the document was read and what was merged.
func ReadDocument(src Source) (*Reading, error) {
	p := &parser{conv: script.Default(), name: src.Name}
	p.conventions(src.Blocks)
	p.stated = statedShorts(p.conv, src.Blocks)
	var text []Block
	for _, b := range src.Blocks {
		if b.Cells == nil {
			text = append(text, b)
		}
	}
	// A document holds its tasks either in paragraphs or in a table; a Word file may have both
	// (a covering notice, then the 分工表). The reading that finds more tasks is the plan.
	textRead := p.fork()
	tSections, tItems, tPreamble := textRead.readText(text)
	tableRead := p.fork()
	bSections, bItems, bPreamble := tableRead.readTables(src.Blocks, src.CellsUnmerged)
	chosen := textRead
	sections, items, preamble := tSections, tItems, tPreamble
	if len(bItems) > len(tItems) {
		chosen, sections, items = tableRead, bSections, bItems
		preamble = append(textBefore(src.Blocks, bItems[0].pos), bPreamble...)
	}
	if len(items) == 0 {
		return nil, &ParseError{File: src.Name, Err: ErrNoTasks}
	}
	plan, merges := chosen.finish(sections, items, preamble, src)
	cov := chosen.account(src.Blocks, items, plan.Tasks)
	return &Reading{Plan: plan, Problems: inOrder(chosen.problems, src.Blocks), Coverage: cov, Merges: merges}, nil
}

// inOrder sorts problems into the order of the blocks they are at.
func inOrder(problems []Problem, blocks []Block) []Problem {
	at := map[Pos]int{}
	for i, b := range blocks {
		if _, ok := at[b.Pos]; !ok {
			at[b.Pos] = i
		}
	}
	slices.SortStableFunc(problems, func(a, b Problem) int { return at[a.Pos] - at[b.Pos] })
	return problems
}

// parser holds what one reading of a document learns on the way.
type parser struct {
	conv     *script.Converter
	name     string
	problems []Problem
	// The plan's own conventions, from the whole document: it pairs 責任單位 with 配合單位
	// (so 責任單位 are the leads), and it says that the first listed agency leads.
	respLeads, firstLeads bool
	// What each line or row outside the tasks is, as far as the reading knows (see account).
	marks map[Pos]lineRole
	// The plan's own short names ("以下簡稱"), and the names of lists that left out a prefix
	// their first name has (省發展改革委、科技廳 → 省科技廳).
	stated   map[string]string
	expanded []expansion
	carried  *resp // the last clause that said "下同"
}

// expansion is a name of a list completed with the prefix of the name before it.
type expansion struct{ name, full, prefix string }

func (p *parser) fork() *parser {
	q := *p
	q.problems = nil
	q.marks = map[Pos]lineRole{}
	q.expanded, q.carried = nil, nil
	return &q
}

func (p *parser) problem(pos Pos, text string, err error) {
	p.problems = append(p.problems, Problem{File: p.name, Pos: pos, Text: excerpt(text), Err: err})
}

// problemf is problem with a detail, written from the sentinel's detail format and args.
func (p *parser) problemf(pos Pos, text string, err error, args ...any) {
	p.problems = append(p.problems, Problem{File: p.name, Pos: pos, Text: excerpt(text), Err: err,
		Detail: fmt.Sprintf(details[err], args...)})
}

// conventions reads the plan's conventions from every line and cell. Label lines in a row
// ("責任單位:…" then "配合單位:…") are read together, as one clause.
func (p *parser) conventions(blocks []Block) {
	run := map[role]bool{}
	for _, b := range blocks {
		for _, s := range append([]string{b.Text}, b.Cells...) {
			if s == "" {
				continue
			}
			f := p.conv.Fold(strings.TrimSpace(s))
			if strings.Contains(f, "牵头") && reFirstLeads.MatchString(f) {
				p.firstLeads = true
			}
			labelLine := reLabelLine.MatchString(f)
			if !labelLine {
				clear(run)
				if !strings.Contains(f, "责") { // 責任單位, 責任部門, 負責單位
					continue
				}
			}
			for _, m := range reLabel.FindAllString(f, -1) {
				run[labelRoles[strings.TrimSpace(strings.TrimSuffix(m, ":"))]] = true
			}
			if run[roleResp] && run[roleJoin] && !run[roleLead] {
				p.respLeads = true
			}
			if !labelLine {
				clear(run)
			}
		}
	}
}

// item is one task as the document lays it out, before its agencies and targets are read.
type item struct {
	pos     Pos
	section int        // 1-based index of its section; 0 before any section
	lines   []textLine // text: the first line (its number removed) and the lines that follow
	// A table row (or rows, when cells are merged down): its title and content cells, and the
	// text of its agency and deadline cells, read once the whole task is known.
	table      bool
	title      string
	body       string
	cells      [nColumns][]string
	respCols   bool // the table has agency columns; without, the clause is in the text
	respIsJoin bool // a 牽頭單位 column stands beside 責任單位
	respIsLead bool // a 配合單位 column stands beside 責任單位
	leadDept   bool
	clauseErr  bool     // its clause was reported as not understood
	rows       []Pos    // a table task's rows
	extra      []string // the text of its cells under no known header
}

// readText lays out text lines: the preamble, the sections and the task items.
func (p *parser) readText(blocks []Block) (sections []taizhang.Section, items []*item, preamble []string) {
	lines := p.scanLines(blocks)
	ts, ok := p.taskStyle(lines)
	if !ok {
		return nil, nil, nil
	}
	var open [nStyles]int // the section open at each style
	var cur *item
	intro := false // after a section heading, before its first task: the section's own text
	for _, tl := range lines {
		if tl.kind == lineHeading {
			rest := tailRunes(tl.Text, tl.h.rest)
			switch {
			case tl.h.style < ts:
				sections = append(sections, taizhang.Section{No: len(sections) + 1, Title: sectionTitle(p.conv, rest),
					Parent: innermost(open[:tl.h.style])})
				for d := tl.h.style; d < nStyles; d++ {
					open[d] = 0
				}
				open[tl.h.style] = len(sections)
				cur, intro = nil, true
				p.mark(tl.Pos, lineOutline)
				continue
			case tl.h.style == ts:
				if tl.jump && len(items) > 0 {
					p.problemf(tl.Pos, tl.Text, ErrNumberJump, tl.from, tl.h.n)
				}
				tl.Text, tl.fold = rest, tl.h.rest
				cur = &item{pos: tl.Pos, section: innermost(open[:ts]), lines: []textLine{tl}}
				items = append(items, cur)
				continue
			}
		}
		taskLike := hasClause(tl) || tl.numbered && tl.numStyle == ts && !tl.h.ambiguous
		switch {
		case tl.gap && tl.numStyle == ts && cur != nil:
			cur.lines = append(cur.lines, tl)
			p.problemf(tl.Pos, tl.Text, ErrNumberGap, tl.h.n, tl.from)
			p.mark(tl.Pos, lineNotRead)
		case cur != nil:
			cur.lines = append(cur.lines, tl)
		case len(items) > 0 && taskLike:
			p.mark(tl.Pos, lineNotRead)
			intro = false
		case len(sections) == 0:
			preamble = append(preamble, tl.Text)
		case intro:
			p.mark(tl.Pos, lineOutline)
		}
	}
	for _, it := range items {
		trimTail(it)
	}
	return sections, items, preamble
}

// trimTail cuts from a task the lines after its last clause: the plan's closing after its last
// task ("各單位要高度重視…", the issuer, the date), not part of it. A label line wrapped by the
// page width stays.
func trimTail(it *item) {
	last := -1
	for i, tl := range it.lines {
		if i > 0 && tl.kind == lineLabel || hasClause(tl) {
			last = i
		}
	}
	if last < 0 {
		return
	}
	end := last + 1
	for end < len(it.lines) && it.lines[last].kind == lineLabel && wrappedLabel(it.lines[end]) {
		end++
	}
	it.lines = it.lines[:end]
}

// wrappedLabel reports whether a line after a label line is more of it, broken by the page width.
func wrappedLabel(tl textLine) bool {
	return tl.kind == linePlain && len([]rune(tl.Text)) <= 30 && !strings.Contains(tl.fold, "。")
}

// innermost is the deepest open section, or 0.
func innermost(open []int) int {
	for d := len(open) - 1; d >= 0; d-- {
		if open[d] > 0 {
			return open[d]
		}
	}
	return 0
}

// tailRunes returns the end of s that has as many runes as its folded tail.
func tailRunes(s, foldedTail string) string {
	rs := []rune(s)
	return string(rs[len(rs)-len([]rune(foldedTail)):])
}

// sectionTitle is a heading's text up to its first full stop: "(一)加快轉型。具體…" → "加快轉型".
func sectionTitle(conv *script.Converter, rest string) string {
	if loc := reTitleEnd.FindStringIndex(conv.Fold(rest)); loc != nil {
		rest = newFolded(conv, rest).slice(0, loc[0])
	}
	return squeeze(rest)
}

// textBefore is the text of the blocks before pos: the title and notice above a task table.
func textBefore(blocks []Block, pos Pos) []string {
	var out []string
	for _, b := range blocks {
		if b.Pos == pos {
			break
		}
		if b.Cells == nil && strings.TrimSpace(b.Text) != "" {
			out = append(out, strings.TrimSpace(b.Text))
		}
	}
	return out
}

var reTitleEnd = regexp.MustCompile(`[。;!?]|\.(?:[^\d]|$)`)

// textTask reads a text item: its body, and its responsibility from label lines, a bracketed
// clause closing the text, or a labelled last sentence.
func (p *parser) textTask(it *item) (body string, r resp) {
	var bodyLines, respLines []textLine
	for i, tl := range it.lines {
		switch {
		case i > 0 && tl.kind == lineLabel:
			respLines = append(respLines, tl)
		case len(respLines) > 0 && wrappedLabel(tl):
			respLines = append(respLines, tl) // a label line wrapped by the page width
		default:
			bodyLines = append(bodyLines, tl)
		}
	}
	for i, tl := range bodyLines[:len(bodyLines)-1] {
		if hasClause(tl) && bodyLines[i+1].kind != lineLabel && !bodyLines[i+1].gap { // a gap is reported already
			p.problem(bodyLines[i+1].Pos, bodyLines[i+1].Text, ErrTwoClauses)
			p.mark(bodyLines[i+1].Pos, lineNotRead) // a task without its number, most likely
		}
	}
	body = squeeze(joinText(bodyLines))
	if len(respLines) > 0 {
		f := newFolded(p.conv, squeeze(joinText(respLines)))
		r, ok := p.clause(f, 0, len(f.fold))
		if !ok || r.empty() && r.deadline == "" {
			p.problem(respLines[0].Pos, respLines[0].Text, ErrClause)
			it.clauseErr = true
		}
		return body, r
	}
	f := newFolded(p.conv, body)
	if open, from, to, ok := tailBracket(f.fold); ok {
		if r, ok := p.clause(f, from, to); ok {
			return strings.TrimSpace(f.slice(0, open)), r
		}
		if last := bodyLines[len(bodyLines)-1]; reRoleWord.MatchString(f.fold[from:to]) {
			p.problem(last.Pos, last.Text, ErrClause) // names a role, but not in a way we read
			it.clauseErr = true
		}
	}
	if m := reBareClause.FindStringSubmatchIndex(f.fold); m != nil {
		if r, ok := p.clause(f, m[2], len(f.fold)); ok {
			end := m[0] // keep the full stop that ended the text
			if strings.HasPrefix(f.fold[end:], "。") {
				end += len("。")
			} else if strings.HasPrefix(f.fold[end:], ";") {
				end++
			}
			return strings.TrimSpace(f.slice(0, end)), r
		}
	}
	if from, to, ok := bareRoleSentence(f.fold); ok {
		if r, ok := p.clause(f, from, to); ok && len(r.odd) == 0 && !r.empty() {
			return strings.TrimSpace(f.slice(0, from)), r
		}
	}
	return body, resp{}
}

func joinText(lines []textLine) string {
	var b strings.Builder
	for _, tl := range lines {
		b.WriteString(tl.Text)
	}
	return b.String()
}
