package catalog

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	taizhang "taizhang"
)

// column is the part a table column plays, found by its header.
type column int

const (
	colNo column = iota
	colTitle
	colContent
	colLead
	colJoin
	colResp
	colDeadline
	nColumns
)

// headerWords are the headers each column goes by in 分工方案 tables (folded, spaces removed,
// anything in brackets dropped: "牽頭單位(部門)" is 牽頭單位).
var headerWords = [nColumns]*regexp.Regexp{
	colNo:       regexp.MustCompile(`^(?:序号|编号|序|任务编号|任务序号|no\.?)$`),
	colTitle:    regexp.MustCompile(`^(?:重点任务|工作任务|任务名称|重点工作|工作事项|任务事项|任务|重点事项|工作重点|项目名称|事项|主要任务|重点工作任务)$`),
	colContent:  regexp.MustCompile(`^(?:主要内容|工作目标|具体措施|工作内容|目标任务|任务内容|主要措施|具体内容|工作举措|目标要求|具体任务|任务目标|工作措施|具体工作|工作要求|主要目标|年度目标)$`),
	colLead:     regexp.MustCompile(`^(?:牵头单位|牵头部门|主责单位|牵头责任单位|牵头领导单位|主办单位)$`),
	colJoin:     regexp.MustCompile(`^(?:参与单位|配合单位|协办单位|协同单位|参加单位|配合部门|参与部门|协助单位)$`),
	colResp:     regexp.MustCompile(`^(?:责任单位|责任部门|负责单位|责任主体|实施单位)$`),
	colDeadline: regexp.MustCompile(`^(?:完成时限|时间节点|完成时间|时限要求|完成期限|时间安排|进度安排|时限|完成时限要求)$`),
}

var reBracketed = regexp.MustCompile(`\([^()]*\)`)

// layout is where each column of a task table is, -1 when it has none.
type layout struct {
	col      [nColumns]int
	leadDept bool // the lead column says 牽頭部門
}

func (l layout) has(c column) bool { return l.col[c] >= 0 }

func (l layout) cell(row []string, c column) string {
	if i := l.col[c]; i >= 0 && i < len(row) {
		return strings.TrimSpace(row[i])
	}
	return ""
}

// headerOf reads a row as a task table's header: it needs a task column (title or content)
// and at least one more it knows.
func (p *parser) headerOf(row []string) (layout, bool) {
	var l layout
	for i := range l.col {
		l.col[i] = -1
	}
	known := 0
	for i, c := range row {
		k := reBracketed.ReplaceAllString(p.conv.Key(c), "")
		for col, re := range headerWords {
			if k != "" && l.col[col] < 0 && re.MatchString(strings.ToLower(k)) {
				l.col[col] = i
				known++
				if column(col) == colLead && strings.HasSuffix(k, "部门") {
					l.leadDept = true
				}
				break
			}
		}
	}
	return l, known >= 2 && (l.has(colTitle) || l.has(colContent))
}

// tableReader walks the rows of a document's tables.
type tableReader struct {
	p        *parser
	lay      layout
	width    int // cells in the header row, to know a table continued on the next page
	haveLay  bool
	open     [nStyles]int
	sections []taizhang.Section
	items    []*item
	prevNo   string
	preamble []string
	unmerged bool // merged cells are not seen: an empty lead cell may be merged down
	// Tasks whose empty lead cell may be merged down from the task from (see mergedDown).
	waiting []*item
	from    *item
	lastNo  int // the last task's plain number, to report a jump
}

// readTables lays out the tasks of every task table in the document, in order. A table
// without a header continues the one before when it has as many columns (a table broken by a
// page in Word).
func (p *parser) readTables(blocks []Block, unmerged bool) (sections []taizhang.Section, items []*item, preamble []string) {
	tr := &tableReader{p: p, unmerged: unmerged}
	for start := 0; start < len(blocks); {
		end := start
		for end < len(blocks) && blocks[end].Cells != nil && blocks[end].Table == blocks[start].Table {
			end++
		}
		if end == start {
			start++
			continue
		}
		tr.table(blocks[start:end])
		start = end
	}
	return tr.sections, tr.items, tr.preamble
}

// table reads one table: its header (within its first rows), then its section and task rows.
func (tr *tableReader) table(rows []Block) {
	first := 0
	found := false
	for i := 0; i < len(rows) && i < 10; i++ {
		if l, ok := tr.p.headerOf(rows[i].Cells); ok {
			tr.lay, tr.width, tr.haveLay, found, first = l, len(rows[i].Cells), true, true, i+1
			tr.subHeader(rows, &first)
			break
		}
	}
	if !found {
		if !tr.haveLay || len(rows[0].Cells) != tr.width {
			if len(tr.items) == 0 {
				for _, r := range rows {
					tr.preamble = append(tr.preamble, distinct(r.Cells)...)
				}
			} else if len(rows) > 0 {
				tr.p.problem(Pos{Table: rows[0].Table}, strings.Join(distinct(rows[0].Cells), " "), ErrNoHeader)
			}
			return
		}
	} else {
		for _, r := range rows[:first-1] {
			tr.preamble = append(tr.preamble, distinct(r.Cells)...)
		}
	}
	for _, r := range rows[first:] {
		tr.row(r)
	}
}

// subHeader takes a second header row under a merged one ("責任單位" over "牽頭 | 配合").
func (tr *tableReader) subHeader(rows []Block, first *int) {
	if *first >= len(rows) {
		return
	}
	l, _ := tr.p.headerOf(rows[*first].Cells)
	n := 0
	for c := range l.col {
		if l.col[c] >= 0 {
			n++
		}
	}
	if n == 0 || tr.lay.cell(rows[*first].Cells, colNo) != "" && strings.ContainsAny(tr.lay.cell(rows[*first].Cells, colNo), "0123456789") {
		return
	}
	for c := range l.col {
		if l.col[c] >= 0 {
			tr.lay.col[c] = l.col[c]
		}
	}
	if tr.lay.has(colLead) && tr.lay.col[colResp] == tr.lay.col[colLead] {
		tr.lay.col[colResp] = -1
	}
	*first++
}

// distinct lists the non-empty cells of a row once each (a merged cell repeats its text).
func distinct(cells []string) []string {
	var out []string
	for _, c := range cells {
		c = strings.TrimSpace(c)
		if c != "" && !contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

var reRowNo = regexp.MustCompile(`^\(?\d{1,3}(?:[.、)]\d{0,3})*\)?[.、]?$`)

// Rows that stand alone but are no section: totals and notes.
var reNotSection = regexp.MustCompile(`^(?:合计|小计|总计|备注|注\s*[:：]|说明|附\s*[:：件])|。$`)

var reCNNo = regexp.MustCompile(`^(\()?(` + cnDigits + `)\)?[、.]?$`)

// row reads one row below the header: nothing, the header repeated on a new page, a section,
// a task, or more of the task above (its number or title cell merged down).
func (tr *tableReader) row(b Block) {
	cells := distinct(b.Cells)
	if len(cells) == 0 {
		return
	}
	if _, ok := tr.p.headerOf(b.Cells); ok {
		return
	}
	if tr.sectionRow(b, cells) {
		return
	}
	no := tr.p.conv.Fold(tr.lay.cell(b.Cells, colNo))
	title := tr.lay.cell(b.Cells, colTitle)
	var prev *item
	if n := len(tr.items); n > 0 {
		prev = tr.items[n-1]
	}
	switch {
	case prev != nil && (no == "" || no == tr.prevNo) && (title == "" || title == prev.title):
		tr.addCells(prev, b)
	case no != "" && !reRowNo.MatchString(no), prev == nil && no == "" && title == "" && tr.lay.cell(b.Cells, colContent) == "":
		tr.p.problem(b.Pos, strings.Join(cells, " "), ErrRow)
	default:
		it := &item{pos: b.Pos, section: innermost(tr.open[:]), title: title, table: true, leadDept: tr.lay.leadDept}
		tr.addCells(it, b)
		tr.mergedDown(it, prev)
		tr.jumped(it, no)
		tr.items = append(tr.items, it)
		tr.prevNo = no
	}
}

// jumped reports a task whose plain number (序號 "16") skips some after the last one ("10"),
// unless it starts the numbering again (1, as each section may).
func (tr *tableReader) jumped(it *item, no string) {
	n, err := strconv.Atoi(strings.TrimRight(no, ".、"))
	if err != nil {
		return
	}
	if tr.lastNo > 0 && n != tr.lastNo+1 && n != 1 {
		tr.p.problemf(it.pos, it.title, ErrNumberJump, tr.lastNo, n)
	}
	tr.lastNo = n
}

// mergedDown handles an empty lead cell under a filled one: in a workbook, a lead cell merged
// down over several tasks keeps its text only in its first row. The rows are taken as merged only
// once a later task of the same section has a lead of its own; empty lead cells that run to the
// end of a section are tasks without a lead (those of a closing section, "加強組織領導").
func (tr *tableReader) mergedDown(it, prev *item) {
	empty := len(it.cells[colLead]) == 0 && len(it.cells[colResp]) == 0
	switch {
	case !tr.unmerged || !tr.lay.has(colLead):
	case !empty:
		for _, w := range tr.waiting {
			w.cells[colLead] = tr.from.cells[colLead]
			tr.p.problem(w.pos, w.title, ErrLeadInherited)
		}
		tr.waiting = nil
	case len(tr.waiting) > 0 || prev != nil && len(prev.cells[colLead]) > 0 && prev.section == it.section:
		if len(tr.waiting) == 0 {
			tr.from = prev
		}
		tr.waiting = append(tr.waiting, it)
	}
}

// addCells adds a row's content and agency cells to a task.
func (tr *tableReader) addCells(it *item, b Block) {
	it.rows = append(it.rows, b.Pos)
	if c := tr.lay.cell(b.Cells, colContent); c != "" && !strings.Contains(it.body, c) {
		if it.body != "" && !strings.ContainsAny(lastRune(it.body), "。;;.!?") {
			it.body += "。"
		}
		it.body += c
	}
	if !tr.lay.has(colContent) && it.title == "" {
		it.title = tr.lay.cell(b.Cells, colTitle)
	}
	for _, c := range []column{colLead, colJoin, colResp, colDeadline} {
		if v := tr.lay.cell(b.Cells, c); v != "" && !contains(it.cells[c], v) {
			it.cells[c] = append(it.cells[c], v)
		}
	}
	for i, c := range b.Cells { // cells under no known header: a clause may stand in one
		if c = strings.TrimSpace(c); c != "" && !slices.Contains(tr.lay.col[:], i) && !contains(it.extra, c) {
			it.extra = append(it.extra, c)
		}
	}
	it.respCols = tr.lay.has(colLead) || tr.lay.has(colJoin) || tr.lay.has(colResp)
	it.respIsJoin = tr.lay.has(colLead)
	it.respIsLead = !tr.lay.has(colLead) && tr.lay.has(colJoin)
}

// sectionRow reads a row as a section heading: one text across the row ("一、深入實施…", a
// merged cell), or a Chinese numeral in the number column with the title beside it.
func (tr *tableReader) sectionRow(b Block, cells []string) bool {
	conv := tr.p.conv
	no := conv.Fold(tr.lay.cell(b.Cells, colNo))
	var text string
	switch m := reCNNo.FindStringSubmatch(no); {
	case m != nil:
		text = tr.lay.cell(b.Cells, colTitle)
		if text == "" {
			text = tr.lay.cell(b.Cells, colContent)
		}
		if m[1] != "" {
			text = "(" + m[2] + ")" + text
		} else {
			text = m[2] + "、" + text
		}
	case len(cells) == 1 && !reRowNo.MatchString(conv.Fold(cells[0])) && !reNotSection.MatchString(conv.Fold(cells[0])):
		text = cells[0]
		h, ok := headingOf(conv.Fold(squeeze(text)))
		notFirst := b.Cells[0] == "" // a merged row keeps its text in its first cell
		if notFirst && (!ok || h.style >= styleAR) {
			return false // more text of the task above
		}
	default:
		return false
	}
	text = squeeze(text)
	st, title := styleCN, text
	if h, ok := headingOf(conv.Fold(text)); ok && h.style < styleAR {
		st, title = h.style, tailRunes(text, h.rest)
	}
	tr.waiting = nil // empty lead cells up to a section's end are no merged cell
	tr.sections = append(tr.sections, taizhang.Section{No: len(tr.sections) + 1, Title: sectionTitle(conv, title), Parent: innermost(tr.open[:st])})
	for d := st; d < nStyles; d++ {
		tr.open[d] = 0
	}
	tr.open[st] = len(tr.sections)
	return true
}

// tableResp reads a table task's agency and deadline cells. A 責任單位 column lists the
// participants when a 牽頭單位 column stands beside it, the leads when a 配合單位 column does,
// and otherwise is one list whose lead is marked or listed first.
func (p *parser) tableResp(it *item) resp {
	var r resp
	read := func(c column, ro role) {
		for _, v := range it.cells[c] {
			f := newFolded(p.conv, v)
			p.roleList(f, 0, len(f.fold), ro, &r)
		}
	}
	read(colLead, roleLead)
	respRole := roleResp
	switch {
	case it.respIsJoin:
		respRole = roleJoin
	case it.respIsLead || p.respLeads:
		respRole = roleLead
	}
	read(colResp, respRole)
	read(colJoin, roleJoin)
	for _, v := range it.cells[colDeadline] {
		r.deadline = squeeze(v)
	}
	if r.carry != nil {
		p.settle(r.carry)
	}
	if !r.empty() {
		p.settle(&r)
		if it.leadDept {
			r.form = taizhang.FormLeadDept
		}
	}
	return r
}
