// Package reconcile judges a period's returns against the plan: a status for every indicator and
// responsible lead agency, findings that say what to check and where, and roll-ups by task,
// section and agency. It is pure: domain values in, results out; no database, no files, no clock.
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
	Exceeded    = "exceeded"
	NotReported = "not_reported"
	Invalid     = "invalid"
	Conflict    = "conflict"
)

// Finding codes.
const (
	CodeMissingReturn  = "missing_return"
	CodeNotReported    = "not_reported"
	CodeInvalidValue   = "invalid_value"
	CodeUnitMismatch   = "unit_mismatch"
	CodeConflict       = "conflict"
	CodeRegression     = "regression"
	CodeOutlier        = "outlier"
	CodeSelfAssessment = "self_assessment_mismatch"
	CodeBehind         = "behind"
	CodeExceeded       = "exceeded"
)

// Severities.
const (
	SevError   = "error"   // the return must be corrected
	SevWarning = "warning" // the coordinator should check
	SevInfo    = "info"
)

// Input is everything a reconciliation looks at.
type Input struct {
	Plan      *taizhang.Plan
	Period    taizhang.Period
	AsOf      time.Time // the date progress is judged at: the period end unless given
	Now       time.Time // today, for deadlines of missing returns
	Tolerance float64   // e.g. 0.05
	Outlier   float64   // a value more than this many times the target is an outlier (default 5)
	Sent      []Sent
	Current   []Return // the current return of each agency for the period
	Previous  []Return // the current returns of the previous period, when there is one
}

// Sent is a template issued to an agency.
type Sent struct {
	Agency   string
	Deadline time.Time
}

// Return is an agency's current return.
type Return struct {
	Agency     string
	File       string
	Sheet      string
	IngestedAt time.Time
	Filler     string
	Phone      string
	Values     map[string]Reported // by indicator id
}

// Reported is one row of a return.
type Reported struct {
	Indicator string
	Cell      string // the 累計完成值 cell
	StatusAt  string // the 完成狀態 cell
	Raw       string
	Value     *float64
	Flag      string // invalid_value, unit_mismatch, formula_no_cache from ingest
	Note      string
	Status    string // 已完成, 序時推進, 滯後, 未啟動 or ""
	Progress  string
	Problems  string
	NextSteps string
}

// Status is the judgement of one indicator for one lead agency.
type Status struct {
	Indicator string   `json:"indicator"`
	Task      int      `json:"task"`
	Agency    string   `json:"agency"`
	Value     *float64 `json:"value"`
	Raw       string   `json:"raw"`
	Target    *float64 `json:"target"`
	Progress  *float64 `json:"progress"` // value ÷ target (for caps: value ÷ cap)
	Expected  float64  `json:"expected"` // the time fraction the value is judged against
	Status    string   `json:"status"`
	Reason    string   `json:"reason"`
	File      string   `json:"file,omitempty"`
	Sheet     string   `json:"sheet,omitempty"`
	Cell      string   `json:"cell,omitempty"`
}

// Finding is something the coordinator should act on.
type Finding struct {
	Code      string `json:"code"`
	Severity  string `json:"severity"`
	Agency    string `json:"agency"`
	Task      int    `json:"task,omitempty"`
	Indicator string `json:"indicator,omitempty"`
	File      string `json:"file,omitempty"`
	Sheet     string `json:"sheet,omitempty"`
	Cell      string `json:"cell,omitempty"`
	Message   string `json:"message"`
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
	Period   string    `json:"period"`
	AsOf     string    `json:"as_of"`
	Statuses []Status  `json:"statuses"`
	Findings []Finding `json:"findings"`
	Tasks    []Rollup  `json:"tasks"`
	Sections []Rollup  `json:"sections"`
	Agencies []Rollup  `json:"agencies"`
}
