package catalog

import (
	"fmt"
	"strings"

	taizhang "taizhang"
	"taizhang/script"
)

// Convert returns the plan written in the script to, converted with OpenCC: every title, task
// text and deadline, agency name and alias, and indicator field. A span stays a verbatim
// substring of its task's text: where the phrase tables convert it differently alone than in
// context, the span is re-read from the converted text at the same place.
//
// OpenCC's round trips are lossy (批复 → 批覆 → 批覆): a plan is converted from the text the
// plan or the coordinator gave, never back and forth (see Carry).
func Convert(p *taizhang.Plan, to taizhang.Script) *taizhang.Plan {
	conv := script.Default()
	c := func(s string) string {
		if s == "" {
			return s
		}
		return conv.Convert(s, to)
	}
	out := clonePlan(p)
	out.Script = to
	fields(out, func(_ string, s *string) { *s = c(*s) })
	agencyNames(out, func(s *string, _ bool) { *s = c(*s) })
	for i := range out.Tasks {
		for j := range out.Tasks[i].Indicators {
			ind := &out.Tasks[i].Indicators[j]
			ind.Span = spanIn(ind.Span, p.Tasks[i].Text, out.Tasks[i].Text, c)
		}
	}
	dedupeAliases(out)
	return out
}

// ConvertEdits returns plan now in the script of other, where other is old in its other script. A field
// now has exactly as old has it keeps other's text as it is; only a field that changed (a
// coordinator's correction) is converted, once. So a catalog kept in both scripts is converted
// from the text as the plan or the catalog import gave it, and switching scripts loses nothing.
// ConvertEdits(old, other, old) is other with old's structure (ids, kinds, numbering).
func ConvertEdits(old, other, now *taizhang.Plan) *taizhang.Plan {
	conv := script.Default()
	c := func(s string) string {
		if s == "" {
			return s
		}
		return conv.Convert(s, other.Script)
	}
	// The same field in both scripts: by where it is, and for names by the agency they name.
	type pair struct{ was, other string }
	memo := map[string]pair{}
	theirs := map[string]string{}
	fields(other, func(k string, s *string) { theirs[k] = *s })
	fields(old, func(k string, s *string) {
		if o, ok := theirs[k]; ok {
			memo[k] = pair{*s, o}
		}
	})
	spans := map[string]pair{}
	for _, t := range other.Tasks {
		for _, ind := range t.Indicators {
			theirs[spanKey(t.No, ind.ID)] = ind.Span
		}
	}
	for _, t := range old.Tasks {
		for _, ind := range t.Indicators {
			if o, ok := theirs[spanKey(t.No, ind.ID)]; ok {
				spans[spanKey(t.No, ind.ID)] = pair{t.Text + "\x00" + ind.Span, o}
			}
		}
	}
	names, aliases := map[string]string{}, map[string]string{}
	if len(old.Agencies) == len(other.Agencies) { // in the same order: conversion never drops one
		for i, a := range old.Agencies {
			b := other.Agencies[i]
			names[a.Name] = b.Name
			if len(a.Aliases) == len(b.Aliases) {
				for j, alias := range a.Aliases {
					aliases[alias] = b.Aliases[j]
				}
			}
		}
	}
	out := clonePlan(now)
	out.Script = other.Script
	fields(out, func(k string, s *string) {
		if m, ok := memo[k]; ok && m.was == *s {
			*s = m.other
		} else {
			*s = c(*s)
		}
	})
	agencyNames(out, func(s *string, alias bool) {
		known := names
		if alias {
			known = aliases
		}
		if o, ok := known[*s]; ok {
			*s = o
		} else {
			*s = c(*s)
		}
	})
	for i := range out.Tasks {
		t := &now.Tasks[i]
		for j := range out.Tasks[i].Indicators {
			ind := &out.Tasks[i].Indicators[j]
			if m, ok := spans[spanKey(t.No, ind.ID)]; ok && m.was == t.Text+"\x00"+ind.Span {
				ind.Span = m.other
			} else {
				ind.Span = spanIn(ind.Span, t.Text, out.Tasks[i].Text, c)
			}
		}
	}
	dedupeAliases(out)
	return out
}

func spanKey(task int, id string) string { return fmt.Sprintf("span/%d/%s", task, id) }

// fields calls fn with every text of a plan that is written in a script, each with a key that
// says where it is, but agencies' names (agencyNames) and spans (read from their task's text).
func fields(p *taizhang.Plan, fn func(key string, s *string)) {
	fn("title", &p.Title)
	fn("doc_no", &p.DocNo)
	for i := range p.Sections {
		fn(fmt.Sprintf("section/%d", p.Sections[i].No), &p.Sections[i].Title)
	}
	opt := func(key string, s *string) {
		if s != nil {
			fn(key, s)
		}
	}
	for i := range p.Tasks {
		t := &p.Tasks[i]
		key := fmt.Sprintf("task/%d/", t.No)
		fn(key+"title", &t.Title)
		fn(key+"text", &t.Text)
		fn(key+"deadline", &t.Deadline)
		for j := range t.Indicators {
			ind := &t.Indicators[j]
			key := fmt.Sprintf("task/%d/indicator/%s/", t.No, ind.ID)
			fn(key+"metric", &ind.Metric)
			fn(key+"unit", &ind.Unit)
			opt(key+"deadline", ind.Deadline)
			opt(key+"baseline", ind.Baseline)
		}
	}
}

// agencyNames calls fn with every agency's name and alias, and every name a task gives.
func agencyNames(p *taizhang.Plan, fn func(s *string, alias bool)) {
	for i := range p.Agencies {
		a := &p.Agencies[i]
		fn(&a.Name, false)
		for j := range a.Aliases {
			fn(&a.Aliases[j], true)
		}
	}
	for i := range p.Tasks {
		t := &p.Tasks[i]
		for j := range t.Lead {
			fn(&t.Lead[j], false)
		}
		for j := range t.Participating {
			fn(&t.Participating[j], false)
		}
	}
}

// clonePlan copies a plan deeply: changing the copy's text leaves the original as it was.
func clonePlan(p *taizhang.Plan) *taizhang.Plan {
	out := *p
	out.Sections = append([]taizhang.Section(nil), p.Sections...)
	out.Agencies = make([]taizhang.Agency, len(p.Agencies))
	for i, a := range p.Agencies {
		a.Aliases = append([]string{}, a.Aliases...)
		out.Agencies[i] = a
	}
	out.Tasks = make([]taizhang.Task, len(p.Tasks))
	for i, t := range p.Tasks {
		t.Lead = append([]string{}, t.Lead...)
		t.Participating = append([]string{}, t.Participating...)
		t.Indicators = append([]taizhang.Indicator{}, t.Indicators...)
		for j := range t.Indicators {
			ind := &t.Indicators[j]
			ind.Value, ind.High = cloneFloat(ind.Value), cloneFloat(ind.High)
			ind.Deadline, ind.Baseline = cloneString(ind.Deadline), cloneString(ind.Baseline)
		}
		out.Tasks[i] = t
	}
	return &out
}

func cloneFloat(p *float64) *float64 {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func cloneString(p *string) *string {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// spanIn is span, converted, as it stands in the converted text.
func spanIn(span, text, converted string, c func(string) string) string {
	s := c(span)
	if strings.Contains(converted, s) {
		return s
	}
	at := strings.Index(text, span)
	from, n := len([]rune(text[:max(at, 0)])), len([]rune(span))
	rs := []rune(converted)
	if at < 0 || len([]rune(text)) != len(rs) || from+n > len(rs) {
		return s
	}
	return string(rs[from : from+n])
}

// dedupeAliases drops aliases that became their agency's name or each other once converted.
func dedupeAliases(p *taizhang.Plan) {
	for i := range p.Agencies {
		a := &p.Agencies[i]
		out := []string{}
		for _, alias := range a.Aliases {
			if alias != a.Name && !contains(out, alias) {
				out = append(out, alias)
			}
		}
		a.Aliases = out
	}
}
