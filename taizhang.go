// Package taizhang holds the domain types every other package speaks: the plan
// (sections, tasks, agencies, indicators), periods and dates, the ledgers sent, the returns and
// their versions, findings and each agency's reporting state.
// It imports only the standard library.
package taizhang

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Plan is one published work plan: its identity, its sections, agencies and tasks.
type Plan struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	DocNo string `json:"doc_no"`
	Year  int    `json:"year"`
	// Level is the government that issued the plan; its own departments carry its prefix
	// (省直, 市直, 區直, 縣直). Empty when the plan does not show it.
	Level    Level     `json:"level,omitempty"`
	Script   Script    `json:"-"`
	TimeZone string    `json:"-"` // IANA name of where the plan's dates are judged; "" means DefaultTimeZone
	Sections []Section `json:"-"`
	Agencies []Agency  `json:"-"`
	Tasks    []Task    `json:"-"`
}

// Script is the writing system of a plan; every sheet a person sees uses it.
type Script string

const (
	Traditional Script = "traditional"
	Simplified  Script = "simplified"
)

// Section is one numbered part of the plan ("一、深入實施創新驅動發展戰略").
type Section struct {
	No    int    `json:"no"`
	Title string `json:"title"`
	// Parent is the section this one is a part of ("(一)" under "一、"), 0 for a top-level one.
	Parent int `json:"parent,omitempty"`
}

// AgencyKind tells a real agency from a group of agencies and from a central unit outside the province.
type AgencyKind string

const (
	KindAgency   AgencyKind = "agency"
	KindGroup    AgencyKind = "group"
	KindExternal AgencyKind = "external"
)

// Agency is one responsible unit, with the other names it goes by.
type Agency struct {
	Name    string     `json:"name"`
	Aliases []string   `json:"aliases"`
	Kind    AgencyKind `json:"kind"`
}

// ResponsibilityForm records how the plan assigned the task.
type ResponsibilityForm string

const (
	FormLead     ResponsibilityForm = "lead"      // (牽頭單位:…)
	FormLeadDept ResponsibilityForm = "lead_dept" // (牽頭部門:…)
	FormByDuty   ResponsibilityForm = "by_duty"   // (…按職責分工負責)
	FormNone     ResponsibilityForm = "none"      // no clause
)

// Task is one numbered key task.
type Task struct {
	No            int                `json:"no"`
	Section       int                `json:"section"`
	Title         string             `json:"title"`
	Text          string             `json:"text"`
	Lead          []string           `json:"lead"`
	Participating []string           `json:"participating"`
	Form          ResponsibilityForm `json:"responsibility_form"`
	Indicators    []Indicator        `json:"indicators"`
	// Deadline is the task's own deadline as the plan words it ("2023年6月底前", "持續推進"),
	// from its responsibility clause or a deadline column.
	Deadline string `json:"deadline,omitempty"`
	// LeadAssumed marks a task whose plan listed its responsible agencies without saying which
	// leads: the first listed was taken as the lead, for the coordinator to confirm.
	LeadAssumed bool `json:"lead_assumed,omitempty"`
	// NextSeq is the next free indicator number of this task, so that ids are never reused
	// after the coordinator deletes one.
	NextSeq int `json:"-"`
}

// Comparator says how a reported value is judged against the target.
type Comparator string

const (
	AtLeast     Comparator = ">="
	AtMost      Comparator = "<="
	About       Comparator = "~"
	Equal       Comparator = "="
	Range       Comparator = "range"
	Decrease    Comparator = "decrease"
	Increase    Comparator = "increase"
	Qualitative Comparator = "qualitative"
)

// Comparators lists every comparator in display order.
var Comparators = []Comparator{AtLeast, AtMost, About, Equal, Range, Decrease, Increase, Qualitative}

// Label names a comparator as a coordinator says it (Traditional script, like every label): the
// one table of these words, for the catalog workbook, its import and the command line.
func (c Comparator) Label() string {
	switch c {
	case AtLeast:
		return "不少於"
	case AtMost:
		return "不超過"
	case About:
		return "左右"
	case Equal:
		return "達到"
	case Range:
		return "區間"
	case Decrease:
		return "下降"
	case Increase:
		return "增長"
	case Qualitative:
		return "定性"
	}
	return string(c)
}

// Valid reports whether c is one of the known comparators.
func (c Comparator) Valid() bool {
	for _, k := range Comparators {
		if c == k {
			return true
		}
	}
	return false
}

// Indicator is one quantitative (or measurable) target of a task.
type Indicator struct {
	ID         string        `json:"id"`
	Metric     string        `json:"metric"`
	Span       string        `json:"span"`
	Comparator Comparator    `json:"comparator"`
	Value      *float64      `json:"value"`
	High       *float64      `json:"high"`
	Unit       string        `json:"unit"`
	Approx     bool          `json:"approx"`
	Deadline   *string       `json:"deadline"`
	Baseline   *string       `json:"baseline"`
	Kind       IndicatorKind `json:"kind"`
	// KindUndecided marks a kind the plan's words did not decide: the catalog workbook shows it
	// for the coordinator to choose, which clears it.
	KindUndecided bool `json:"kind_undecided,omitempty"`
	// Shares says the co-lead agencies each report their own share of the figure, summed into the
	// indicator's (the coordinator says so); otherwise each reports the whole and they must agree.
	Shares bool `json:"shares,omitempty"`
}

// IndicatorID is the stable id of the seq-th indicator of a task: "<task>-<seq>".
func IndicatorID(task, seq int) string { return fmt.Sprintf("%d-%d", task, seq) }

// ParseIndicatorID splits "12-3" into 12 and 3.
func ParseIndicatorID(id string) (task, seq int, err error) {
	a, b, ok := strings.Cut(strings.TrimSpace(id), "-")
	if ok {
		task, err = strconv.Atoi(a)
		if err == nil {
			seq, err = strconv.Atoi(b)
		}
	}
	if !ok || err != nil || task <= 0 || seq < 0 {
		return 0, 0, fmt.Errorf("indicator id %q: want <task>-<n>", id)
	}
	return task, seq, nil
}

// Validate checks the invariants the rest of the tool relies on.
func (ind *Indicator) Validate() error {
	switch {
	case !ind.Comparator.Valid():
		return fmt.Errorf("indicator %s: unknown comparator %q", ind.ID, ind.Comparator)
	case ind.Comparator != Qualitative && ind.Value == nil:
		return fmt.Errorf("indicator %s: comparator %s needs a value", ind.ID, ind.Comparator)
	case ind.Comparator == Range && (ind.High == nil || *ind.High < *ind.Value):
		return fmt.Errorf("indicator %s: a range needs high >= value", ind.ID)
	case ind.Comparator != Range && ind.High != nil:
		return fmt.Errorf("indicator %s: only a range has a high value", ind.ID)
	case ind.Kind != "" && !ind.Kind.Valid():
		return fmt.Errorf("indicator %s: unknown kind %q", ind.ID, ind.Kind)
	case ind.Shares && ind.Kind != KindCumulative && ind.Kind != KindLevel:
		return fmt.Errorf("indicator %s: only a running total or a level can be reported in shares", ind.ID)
	}
	return nil
}

// Validate checks the plan's structure: unique numbers, known sections and agencies, valid indicators.
func (p *Plan) Validate() error {
	var errs []error
	sections := map[int]bool{}
	for _, s := range p.Sections {
		if s.Parent != 0 && (!sections[s.Parent] || s.Parent >= s.No) {
			errs = append(errs, fmt.Errorf("section %d: parent %d is not an earlier section", s.No, s.Parent))
		}
		sections[s.No] = true
	}
	if !p.Level.Valid() {
		errs = append(errs, fmt.Errorf("unknown level %q", p.Level))
	}
	agencies := map[string]bool{}
	for _, a := range p.Agencies {
		if agencies[a.Name] {
			errs = append(errs, fmt.Errorf("agency %s listed twice", a.Name))
		}
		agencies[a.Name] = true
	}
	tasks := map[int]bool{}
	ids := map[string]bool{}
	for i := range p.Tasks {
		t := &p.Tasks[i]
		if tasks[t.No] {
			errs = append(errs, fmt.Errorf("task %d listed twice", t.No))
		}
		tasks[t.No] = true
		if !sections[t.Section] {
			errs = append(errs, fmt.Errorf("task %d: unknown section %d", t.No, t.Section))
		}
		for _, name := range append(append([]string{}, t.Lead...), t.Participating...) {
			if !agencies[name] {
				errs = append(errs, fmt.Errorf("task %d: unknown agency %s", t.No, name))
			}
		}
		for j := range t.Indicators {
			ind := &t.Indicators[j]
			if ids[ind.ID] {
				errs = append(errs, fmt.Errorf("indicator %s listed twice", ind.ID))
			}
			ids[ind.ID] = true
			if n, _, err := ParseIndicatorID(ind.ID); err != nil || n != t.No {
				errs = append(errs, fmt.Errorf("task %d: indicator id %q does not belong to it", t.No, ind.ID))
			}
			if err := ind.Validate(); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// Location is where the plan's dates are judged and shown.
func (p *Plan) Location() (*time.Location, error) {
	name := p.TimeZone
	if name == "" {
		name = DefaultTimeZone
	}
	return time.LoadLocation(name)
}

// Task returns the task numbered no, or nil.
func (p *Plan) Task(no int) *Task {
	for i := range p.Tasks {
		if p.Tasks[i].No == no {
			return &p.Tasks[i]
		}
	}
	return nil
}

// Agency returns the agency named name (its canonical name), or nil.
func (p *Plan) Agency(name string) *Agency {
	for i := range p.Agencies {
		if p.Agencies[i].Name == name {
			return &p.Agencies[i]
		}
	}
	return nil
}

// Indicator returns the indicator with id, or nil.
func (p *Plan) Indicator(id string) *Indicator {
	for i := range p.Tasks {
		for j := range p.Tasks[i].Indicators {
			if p.Tasks[i].Indicators[j].ID == id {
				return &p.Tasks[i].Indicators[j]
			}
		}
	}
	return nil
}
