package catalog

import (
	"math"

	taizhang "taizhang"
	"taizhang/script"
)

// Retargeted is an indicator whose target a catalog import changed, so that the plan's words it
// was read from (its span) no longer say it: the span was dropped, and ledgers, the report and
// prompts show the new target instead.
type Retargeted struct {
	ID   string
	Span string // the plan's words that said the old target
}

// Retarget drops the span of every indicator of now whose target (comparator, value, upper
// value, unit, approximation, baseline) differs from old's, unless the span, read alone, states
// the new target: a span that says 25家以上 cannot stand beside a target of 30. It returns the
// indicators it changed, in catalog order.
func Retarget(old, now *taizhang.Plan) []Retargeted {
	conv := script.Default()
	was := map[string]taizhang.Indicator{}
	for _, t := range old.Tasks {
		for _, ind := range t.Indicators {
			was[ind.ID] = ind
		}
	}
	var out []Retargeted
	for i := range now.Tasks {
		t := &now.Tasks[i]
		for j := range t.Indicators {
			ind := &t.Indicators[j]
			prev, ok := was[ind.ID]
			if !ok || ind.Span == "" || sameTarget(conv, prev, *ind) {
				continue
			}
			if says(conv, t.No, ind.Span, *ind) {
				continue
			}
			out = append(out, Retargeted{ID: ind.ID, Span: ind.Span})
			ind.Span = ""
		}
	}
	return out
}

// says reports whether span, read alone as a task's text, states ind's target.
func says(conv *script.Converter, task int, span string, ind taizhang.Indicator) bool {
	for _, got := range extractIndicators(conv, task, span) {
		if sameTarget(conv, got, ind) {
			return true
		}
	}
	return false
}

func sameTarget(conv *script.Converter, a, b taizhang.Indicator) bool {
	return a.Comparator == b.Comparator && sameNumber(a.Value, b.Value) && sameNumber(a.High, b.High) &&
		conv.Key(a.Unit) == conv.Key(b.Unit) && a.Approx == b.Approx && conv.Key(deref(a.Baseline)) == conv.Key(deref(b.Baseline))
}

func sameNumber(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) <= 1e-9*math.Max(1, math.Abs(*a))
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
