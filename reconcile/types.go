// Package reconcile judges a period's returns against the plan: a status for every indicator and
// responsible lead agency, findings that say what to check and where (those found while reading
// each file travel with it), and roll-ups by task, section and agency. It is pure: domain values
// in, results out; no database, no files, no clock.
package reconcile

import (
	"time"

	taizhang "taizhang"
)

// Statuses (Contract 4).
const (
	Met         = "met"
	OnSchedule  = "on_schedule"
	Behind      = "behind"
	NotMet      = "not_met" // a level, rate, growth rate or rank short of its target: compared directly, never with time
	Exceeded    = "exceeded"
	NotReported = "not_reported"
	Invalid     = "invalid"
	Conflict    = "conflict"
)

// DefaultTolerance is how far below time elapsed progress may be and still be 序時推進, and
// how far an "about" (左右) target may be missed: five points, the usual allowance of 督查 offices.
const DefaultTolerance = 0.05

// DefaultOutlier: a value more than this many times its target is probably in the wrong unit.
const DefaultOutlier = 5

// Input is everything a reconciliation looks at.
type Input struct {
	Plan      *taizhang.Plan
	Period    taizhang.Period
	AsOf      time.Time            // the date progress is judged at: the period end unless given
	Tolerance float64              // e.g. 0.05
	Outlier   float64              // a value more than this many times the target is an outlier (default 5)
	Reporting []taizhang.Reporting // each agency's reporting state for the period
	Current   []taizhang.Return    // the current return of each agency, with values and findings
	Previous  []taizhang.Return    // the current returns of the previous period, when there is one
	Location  *time.Location       // where the plan is, for times in messages; UTC when nil
}

// Status is the judgement of one indicator for one lead agency.
type Status struct {
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

// Result is a period's reconciliation.
type Result struct {
	Period   string             `json:"period"`
	AsOf     string             `json:"as_of"`
	Statuses []Status           `json:"statuses"`
	Findings []taizhang.Finding `json:"findings"`
	Tasks    []Rollup           `json:"tasks"`
	Sections []Rollup           `json:"sections"`
	Agencies []Rollup           `json:"agencies"`
}
