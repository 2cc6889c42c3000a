package catalog

import (
	"strings"

	taizhang "taizhang"
)

// finish turns the items into tasks and the tasks into a plan: responsibility, agencies and
// their kinds at the plan's level, targets, title and year.
func (p *parser) finish(sections []taizhang.Section, items []*item, preamble []string, src Source) (*taizhang.Plan, []Merge) {
	plan := &taizhang.Plan{Sections: sections}
	reg := newRegistry(p.conv, p.stated)
	var sample strings.Builder
	for _, s := range preamble {
		sample.WriteString(s)
	}
	for i, it := range items {
		t := p.task(reg, it, i+1)
		plan.Tasks = append(plan.Tasks, t)
		sample.WriteString(t.Text)
	}
	plan.Script = p.conv.Detect(sample.String())
	if readPreamble(plan, p.conv, preamble, src.Name) {
		p.problem(Pos{}, plan.Title, ErrTitleFromFile)
	}
	placeTasks(plan)
	plan.Agencies = reg.agencies()
	plan.Level = detectLevel(p.conv, plan)
	for i := range plan.Agencies {
		plan.Agencies[i].Kind = KindOf(p.conv, plan.Level, plan.Agencies[i].Name)
	}
	// An abbreviation seen first (省畜牧局) may have become an alias later: name every agency canonically.
	res := NewResolver(p.conv, plan.Agencies)
	for i := range plan.Tasks {
		t := &plan.Tasks[i]
		for j, n := range t.Lead {
			t.Lead[j] = res.Resolve(n)
		}
		for j, n := range t.Participating {
			t.Participating[j] = res.Resolve(n)
		}
		t.Participating = without(t.Participating, t.Lead)
		t.Indicators = extractIndicators(p.conv, t.No, t.Text)
		inheritDeadline(t)
		t.NextSeq = len(t.Indicators) + 1
	}
	merges := reg.merges()
	for _, e := range p.expanded {
		merges = append(merges, Merge{Name: e.name, Into: res.Resolve(e.full), prefix: e.prefix})
	}
	return plan, merges
}

// task reads one item into a task, reporting a task without a lead and a lead taken as the first listed.
func (p *parser) task(reg *registry, it *item, no int) taizhang.Task {
	var body string
	var r resp
	switch {
	case it.table && it.respCols:
		body, r = it.tableText(), p.tableResp(it)
		if r.empty() { // empty agency cells: the clause may close the text or stand in a cell of its own
			n := len(p.problems)
			if b, rt := p.tableClause(it); !rt.empty() {
				body, r = b, rt
			} else {
				p.problems, it.clauseErr = p.problems[:n], false
			}
		}
	case it.table: // a table without agency columns: the clause closes the text
		body, r = p.tableClause(it)
	default:
		body, r = p.textTask(it)
	}
	if p.carried != nil && !it.clauseErr { // "下同": a part of an earlier clause holds for this task
		carryInto(&r, p.carried)
	}
	if r.carry != nil {
		p.carried = carryOver(p.carried, r.carry)
	}
	p.expanded = append(p.expanded, r.expanded...)
	t := taizhang.Task{No: no, Section: it.section, Form: r.form, Text: body, Deadline: r.deadline, LeadAssumed: r.assumed,
		Lead: reg.addAll(r.lead), Participating: reg.addAll(r.join)}
	if t.Form == "" {
		t.Form = taizhang.FormNone
	}
	t.Title = squeeze(it.title)
	if t.Title == "" {
		t.Title = firstSentence(p.conv, body)
	}
	if len(r.odd) > 0 {
		p.problem(it.pos, strings.Join(r.odd, "、"), ErrName)
	}
	switch {
	case len(t.Lead) == 0 && !it.clauseErr:
		p.problem(it.pos, t.Title, ErrNoLead)
	case t.LeadAssumed:
		p.problem(it.pos, t.Title, ErrLeadAssumed)
	}
	return t
}

// tableClause reads a table task as text whose clause closes it: its title and content, then a
// clause that stands in a cell under no known header.
func (p *parser) tableClause(it *item) (string, resp) {
	text := it.tableText()
	for _, e := range it.extra {
		if !strings.Contains(text, e) && PlanContent(e) {
			text += e
		}
	}
	it.lines = []textLine{{Block: Block{Pos: it.pos, Text: text}, fold: p.conv.Fold(text)}}
	return p.textTask(it)
}

// tableText is a table task's text as the paragraph form would have it: "標題。內容".
func (it *item) tableText() string {
	title, body := squeeze(it.title), squeeze(it.body)
	switch {
	case title == "":
		return body
	case body == "" || strings.HasPrefix(body, title):
		return strings.TrimSpace(title + strings.TrimPrefix(body, title))
	case strings.ContainsAny(lastRune(title), "。.;;:：!?"):
		return title + body
	}
	return title + "。" + body
}

func firstSentence(conv interface{ Fold(string) string }, text string) string {
	f := conv.Fold(text)
	if loc := reTitleEnd.FindStringIndex(f); loc != nil {
		return string([]rune(text)[:len([]rune(f[:loc[0]]))])
	}
	return text
}

// placeTasks puts tasks found before any section into the first one (or into a section named by
// the plan when it has none), then drops the sections that hold no task and numbers the rest
// from 1, keeping each section's parent.
func placeTasks(plan *taizhang.Plan) {
	for i := range plan.Tasks {
		if plan.Tasks[i].Section == 0 {
			if len(plan.Sections) == 0 {
				plan.Sections = []taizhang.Section{{No: 1, Title: plan.Title}}
			}
			plan.Tasks[i].Section = 1
		}
	}
	used := map[int]bool{}
	for _, t := range plan.Tasks {
		for no := t.Section; no > 0 && !used[no]; no = plan.Sections[no-1].Parent {
			used[no] = true
		}
	}
	renumber := map[int]int{}
	var kept []taizhang.Section
	for _, s := range plan.Sections {
		if used[s.No] {
			renumber[s.No] = len(kept) + 1
			s.No, s.Parent = len(kept)+1, renumber[s.Parent]
			kept = append(kept, s)
		}
	}
	plan.Sections = kept
	for i := range plan.Tasks {
		plan.Tasks[i].Section = renumber[plan.Tasks[i].Section]
	}
}

// inheritDeadline gives the task's deadline to its targets that have none of their own, when
// it is a date ("2023年6月底前"), not a manner ("持續推進").
func inheritDeadline(t *taizhang.Task) {
	if t.Deadline == "" || !strings.ContainsAny(t.Deadline, "年月季底内內") {
		return
	}
	for i := range t.Indicators {
		if t.Indicators[i].Deadline == nil {
			d := t.Deadline
			t.Indicators[i].Deadline = &d
		}
	}
}

func without(list, drop []string) []string {
	out := list[:0]
	for _, n := range list {
		if !contains(drop, n) && !contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

func lastRune(s string) string {
	rs := []rune(s)
	if len(rs) == 0 {
		return ""
	}
	return string(rs[len(rs)-1])
}
