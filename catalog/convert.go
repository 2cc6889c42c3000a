package catalog

import (
	"strings"

	taizhang "taizhang"
	"taizhang/script"
)

// Convert returns the plan written in the script to, converted with OpenCC: every title, task
// text, agency name and alias, and indicator field. A span stays a verbatim substring of its
// task's text: where the phrase tables convert it differently alone than in context, the span
// is re-read from the converted text at the same place.
func Convert(p *taizhang.Plan, to taizhang.Script) *taizhang.Plan {
	conv := script.Default()
	c := func(s string) string {
		if s == "" {
			return s
		}
		return conv.Convert(s, to)
	}
	cs := func(ss []string) []string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = c(s)
		}
		return out
	}
	cp := func(s *string) *string {
		if s == nil {
			return nil
		}
		v := c(*s)
		return &v
	}
	out := *p
	out.Script, out.Title, out.DocNo = to, c(p.Title), c(p.DocNo)
	out.Sections = make([]taizhang.Section, len(p.Sections))
	for i, s := range p.Sections {
		out.Sections[i] = taizhang.Section{No: s.No, Title: c(s.Title)}
	}
	out.Agencies = make([]taizhang.Agency, len(p.Agencies))
	for i, a := range p.Agencies {
		out.Agencies[i] = taizhang.Agency{Name: c(a.Name), Aliases: dedupe(cs(a.Aliases), c(a.Name)), Kind: a.Kind}
	}
	out.Tasks = make([]taizhang.Task, len(p.Tasks))
	for i, t := range p.Tasks {
		nt := t
		nt.Title, nt.Text, nt.Lead, nt.Participating = c(t.Title), c(t.Text), cs(t.Lead), cs(t.Participating)
		nt.Indicators = make([]taizhang.Indicator, len(t.Indicators))
		for j, ind := range t.Indicators {
			ni := ind
			ni.Metric, ni.Unit, ni.Deadline, ni.Baseline = c(ind.Metric), c(ind.Unit), cp(ind.Deadline), cp(ind.Baseline)
			ni.Span = spanIn(ind.Span, t.Text, nt.Text, c)
			nt.Indicators[j] = ni
		}
		out.Tasks[i] = nt
	}
	return &out
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

// dedupe drops aliases that became the name itself or each other once converted.
func dedupe(aliases []string, name string) []string {
	out := []string{}
	for _, a := range aliases {
		if a != name && !contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}
