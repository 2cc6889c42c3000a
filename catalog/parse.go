// Package catalog turns a plan document into a taizhang.Plan: its sections, tasks, the
// agencies responsible for them and the quantitative targets (indicators) in their text.
package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"

	taizhang "taizhang"
	"taizhang/script"
)

// Patterns run on folded text: Simplified script, half-width punctuation.
var (
	reSection = regexp.MustCompile(`^(?:第)?([一二三四五六七八九十]+)(?:、|\.|部分\s*)\s*(\S.*)$`)
	// "1." "1、" "1)" "(1)" "(一)" — followed by the task, never by another digit (5.8% is not task 5).
	reTaskArabic  = regexp.MustCompile(`^(\d{1,3})\s*[.、)]\s*([^\d.、)].*)$`)
	reTaskParen   = regexp.MustCompile(`^\((\d{1,3}|[零〇一二两三四五六七八九十百]+)\)\s*(\S.*)$`)
	reDocNo       = regexp.MustCompile(`[^\s,，]*[(〔\[]\d{4}[)〕\]]\d+号`)
	reQuotedTitle = regexp.MustCompile(`《([^《》]+(?:任务|计划|方案|要点|清单|安排))》`)
	reTitleLine   = regexp.MustCompile(`(?:任务|计划|方案|要点|清单|安排)$`)
	reYear        = regexp.MustCompile(`(20\d\d)年`)
	reDocYear     = regexp.MustCompile(`[(〔\[](20\d\d)[)〕\]]`)
)

type rawTask struct {
	section int
	line    int
	text    []string
}

// Parse reads a plan document (any of the encodings and forms real plans come in) into a Plan.
// name is used in error messages.
func Parse(name string, b []byte) (*taizhang.Plan, error) {
	text, err := decode(b)
	if err != nil {
		return nil, &ParseError{File: name, Err: err}
	}
	conv := script.Default()
	plan := &taizhang.Plan{Script: conv.Detect(text)}
	var preamble []string
	var tasks []*rawTask
	lastNumber := 0
	for i, raw := range strings.Split(text, "\n") {
		line := strings.TrimSpace(strings.Trim(raw, "\u3000\ufeff"))
		if line == "" {
			continue
		}
		f := conv.Fold(line)
		if m := reSection.FindStringSubmatch(f); m != nil && chineseNumber(m[1]) == len(plan.Sections)+1 &&
			len([]rune(m[2])) <= 60 && !strings.HasSuffix(m[2], "。") {
			title := string([]rune(line)[len([]rune(line))-len([]rune(m[2])):])
			plan.Sections = append(plan.Sections, taizhang.Section{No: len(plan.Sections) + 1, Title: squeeze(title)})
			continue
		}
		if n, rest, ok := taskStart(f); ok && (n == lastNumber+1 || (n == 1 && len(tasks) > 0 && tasks[len(tasks)-1].section < len(plan.Sections))) {
			lastNumber = n
			body := string([]rune(line)[len([]rune(line))-len([]rune(rest)):])
			tasks = append(tasks, &rawTask{section: len(plan.Sections), line: i + 1, text: []string{body}})
			continue
		}
		if len(tasks) > 0 {
			t := tasks[len(tasks)-1]
			t.text = append(t.text, line)
			continue
		}
		if len(plan.Sections) == 0 {
			preamble = append(preamble, line)
		}
	}
	if len(tasks) == 0 {
		return nil, &ParseError{File: name, Err: ErrNoTasks}
	}
	readPreamble(plan, conv, preamble, name)
	reg := newRegistry(conv)
	for i, rt := range tasks {
		if rt.section == 0 {
			// A plan without section headings: put every task in one section named by the plan.
			if len(plan.Sections) == 0 {
				plan.Sections = append(plan.Sections, taizhang.Section{No: 1, Title: plan.Title})
			}
			rt.section = 1
		}
		task := parseTask(conv, reg, i+1, rt.section, squeeze(strings.Join(rt.text, "")))
		plan.Tasks = append(plan.Tasks, task)
	}
	plan.Agencies = reg.agencies()
	// An abbreviation seen first (省畜牧局) may have become an alias later: name every agency canonically.
	res := NewResolver(conv, plan.Agencies)
	for i := range plan.Tasks {
		t := &plan.Tasks[i]
		for j, n := range t.Lead {
			t.Lead[j] = res.Resolve(n)
		}
		for j, n := range t.Participating {
			t.Participating[j] = res.Resolve(n)
		}
	}
	for i := range plan.Tasks {
		t := &plan.Tasks[i]
		t.Indicators = extractIndicators(conv, t.No, t.Text)
		t.NextSeq = len(t.Indicators) + 1
	}
	return plan, nil
}

func taskStart(f string) (n int, rest string, ok bool) {
	if m := reTaskArabic.FindStringSubmatch(f); m != nil {
		n, _ = strconv.Atoi(m[1])
		return n, m[2], true
	}
	if m := reTaskParen.FindStringSubmatch(f); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil {
			return n, m[2], true
		}
		return chineseNumber(m[1]), m[2], true
	}
	return 0, "", false
}

// readPreamble finds the document number, title and year in the lines before the first section.
func readPreamble(plan *taizhang.Plan, conv *script.Converter, lines []string, name string) {
	for i, line := range lines {
		f := conv.Fold(line)
		if plan.DocNo == "" {
			if loc := reDocNo.FindStringIndex(f); loc != nil {
				plan.DocNo = newFolded(conv, line).slice(loc[0], loc[1])
			}
		}
		if plan.Title == "" {
			if m := reQuotedTitle.FindStringSubmatchIndex(f); m != nil {
				plan.Title = newFolded(conv, line).slice(m[2], m[3])
			} else if reTitleLine.MatchString(f) && len([]rune(line)) <= 40 {
				plan.Title = line
				// A title broken over two short lines: "…先行區" / "2023年重點工作任務".
				if i > 0 && len([]rune(lines[i-1]))+len([]rune(line)) <= 60 && !strings.ContainsAny(lines[i-1], "。,,:：") {
					plan.Title = lines[i-1] + line
				}
			}
		}
	}
	if plan.Title == "" {
		plan.Title = strings.TrimSuffix(name, ".txt")
	}
	ft := conv.Fold(plan.Title)
	if m := reYear.FindStringSubmatch(ft); m != nil {
		plan.Year, _ = strconv.Atoi(m[1])
	} else if m := reDocYear.FindStringSubmatch(conv.Fold(plan.DocNo)); m != nil {
		plan.Year, _ = strconv.Atoi(m[1])
	}
	sum := sha256.Sum256([]byte(conv.Key(plan.DocNo) + "|" + conv.Key(plan.Title)))
	plan.ID = "plan-" + hex.EncodeToString(sum[:6])
}

var (
	// The responsibility clause closes a task: "(牽頭單位:A、B,參與單位:C)" or "(A、B按職責分工負責)".
	reClauseTail = regexp.MustCompile(`\(([^()]*)\)\s*[。.;;]?\s*$`)
	reLeadLabel  = regexp.MustCompile(`(牵头单位|牵头部门|责任单位|主办单位|牵头)\s*:`)
	reJoinLabel  = regexp.MustCompile(`[,;、]?\s*(参与单位|配合单位|参加单位|协办单位|协同单位)\s*:`)
	reByDuty     = regexp.MustCompile(`^(.*?)(?:等)?(?:按职责分工负责|按照职责分工负责|分工负责)$`)
	reBareClause = regexp.MustCompile(`[。;]\s*(牵头单位|牵头部门|责任单位)\s*:(.*)$`)
	reTitleEnd   = regexp.MustCompile(`[。;!?]|\.(?:[^\d]|$)`)
)

func parseTask(conv *script.Converter, reg *registry, no, section int, body string) taizhang.Task {
	t := taizhang.Task{No: no, Section: section, Form: taizhang.FormNone, Lead: []string{}, Participating: []string{}}
	f := newFolded(conv, body)
	text := body
	if m := f.find(reClauseTail); m != nil {
		inner := f.fold[m[2]:m[3]]
		if form, lead, join, ok := readClause(f, m[2], m[3], inner); ok {
			t.Form, text = form, strings.TrimSpace(f.slice(0, m[0]))
			t.Lead, t.Participating = reg.addAll(lead), reg.addAll(join)
		}
	} else if m := f.find(reBareClause); m != nil {
		// A clause written as a last sentence without brackets: "…。責任單位:省科技廳"
		if form, lead, join, ok := readClause(f, m[2], len(f.fold), f.fold[m[2]:]); ok {
			t.Form, text = form, strings.TrimSpace(f.slice(0, m[0]+1))
			t.Lead, t.Participating = reg.addAll(lead), reg.addAll(join)
		}
	}
	t.Text = text
	tf := conv.Fold(text)
	if loc := reTitleEnd.FindStringIndex(tf); loc != nil {
		t.Title = newFolded(conv, text).slice(0, loc[0])
	} else {
		t.Title = text
	}
	return t
}

// readClause reads the inside of a responsibility clause (folded text between byte offsets
// from and to of f), returning the agency names as the plan wrote them.
func readClause(f *folded, from, to int, inner string) (form taizhang.ResponsibilityForm, lead, join []string, ok bool) {
	if m := reLeadLabel.FindStringSubmatchIndex(inner); m != nil && strings.TrimSpace(inner[:m[0]]) == "" {
		form = taizhang.FormLead
		if strings.HasSuffix(inner[m[2]:m[3]], "部门") {
			form = taizhang.FormLeadDept
		}
		rest := inner[m[1]:]
		leadEnd := len(rest)
		if j := reJoinLabel.FindStringSubmatchIndex(rest); j != nil {
			leadEnd = j[0]
			join = splitNames(f.slice(from+m[1]+j[1], to))
		}
		lead = splitNames(f.slice(from+m[1], from+m[1]+leadEnd))
		return form, lead, join, len(lead) > 0
	}
	if m := reByDuty.FindStringSubmatchIndex(inner); m != nil {
		lead = splitNames(f.slice(from+m[2], from+m[3]))
		return taizhang.FormByDuty, lead, nil, len(lead) > 0
	}
	return "", nil, nil, false
}

var reNameSep = regexp.MustCompile(`[、,，;；\s]+`)

func splitNames(s string) []string {
	var out []string
	for _, n := range reNameSep.Split(s, -1) {
		n = strings.Trim(n, " .。:：")
		if n != "" {
			out = append(out, n)
		}
	}
	return out
}
