package cycle

import (
	taizhang "taizhang"
	"taizhang/reconcile"
)

// Reconciliation is a period judged (Contract 4): a status for every indicator and responsible
// lead agency, the findings, and the roll-ups by task, section and agency. It is reconcile's
// result as the cycle gives it: its fields are reconcile's own, field for field (the conversions
// below do not compile otherwise), so reconcile --json prints the same.
type Reconciliation struct {
	Period   string             `json:"period"`
	AsOf     string             `json:"as_of"`
	Statuses []IndicatorStatus  `json:"statuses"`
	Findings []taizhang.Finding `json:"findings"`
	Tasks    []Rollup           `json:"tasks"`
	Sections []Rollup           `json:"sections"`
	Agencies []Rollup           `json:"agencies"`
}

// IndicatorStatus is the judgement of one indicator for one lead agency; Status is one of
// StatusOrder, labelled by StatusLabels.
type IndicatorStatus struct {
	Indicator string                 `json:"indicator"`
	Task      int                    `json:"task"`
	Agency    string                 `json:"agency"`
	Value     *float64               `json:"value"`
	Raw       string                 `json:"raw"`
	Target    *float64               `json:"target"`
	Progress  *float64               `json:"progress"` // value ÷ target (for caps: value ÷ cap; a level with a baseline: from it); null for a rank
	Expected  float64                `json:"expected"` // time elapsed: what a running total is judged against, context for the others
	Status    string                 `json:"status"`
	Kind      taizhang.IndicatorKind `json:"kind"`
	// Gap is how far a level, rate, growth rate or rank is from its target when compared with it
	// directly: percentage points (rate, growth), places (rank) or the unit (level).
	Gap *float64 `json:"gap,omitempty"`
	// Total is the figure judged when co-leads report shares: their sum (Value is this agency's share).
	Total  *float64 `json:"total,omitempty"`
	Reason string   `json:"reason"`
	File   string   `json:"file,omitempty"`
	Sheet  string   `json:"sheet,omitempty"`
	Cell   string   `json:"cell,omitempty"`
}

// Rollup is the status of a task, section or agency: counts by status and the worst, with why.
type Rollup struct {
	Key    string         `json:"key"`
	Title  string         `json:"title"`
	Status string         `json:"status"`
	Reason string         `json:"reason"`
	Counts map[string]int `json:"counts"`
}

// reconciliation is r as the cycle gives it (nil lists stay nil: JSON prints them as null, as
// before).
func reconciliation(r reconcile.Result) Reconciliation {
	return Reconciliation{Period: r.Period, AsOf: r.AsOf, Statuses: convertAll(r.Statuses, func(s reconcile.Status) IndicatorStatus { return IndicatorStatus(s) }),
		Findings: r.Findings, Tasks: rollups(r.Tasks), Sections: rollups(r.Sections), Agencies: rollups(r.Agencies)}
}

func rollups(in []reconcile.Rollup) []Rollup {
	return convertAll(in, func(r reconcile.Rollup) Rollup { return Rollup(r) })
}

func convertAll[T, U any](in []T, conv func(T) U) []U {
	if in == nil {
		return nil
	}
	out := make([]U, len(in))
	for i, v := range in {
		out[i] = conv(v)
	}
	return out
}
