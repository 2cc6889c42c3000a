package cycle

import (
	"fmt"
	"slices"
	"sort"
	"time"

	taizhang "taizhang"
	"taizhang/templates/ledger"
)

// history is everything recorded about a period, from which each agency's state is computed.
type history struct {
	plan      *taizhang.Plan
	period    taizhang.Period
	ledgers   []taizhang.Ledger         // newest first within each agency
	deadlines []taizhang.DeadlineChange // oldest first
	returns   []taizhang.Return         // every version, newest first within each agency
	refusals  []taizhang.Refusal        // files refused, oldest first within each agency
	contacts  map[string]string         // the latest filler and phone of each agency, any period
}

// States computes one reporting state per agency and period: the agencies that get a ledger, in
// catalog order, then any other agency with a ledger or a return on record. It is the only place
// lateness is judged: on the first usable version received, against the deadline in force, with
// days counted where the plan is (loc).
func (h history) States(now time.Time, loc *time.Location) []taizhang.Reporting {
	byAgency := map[string]*taizhang.Reporting{}
	var order []string
	get := func(a string) *taizhang.Reporting {
		if r, ok := byAgency[a]; ok {
			return r
		}
		r := &taizhang.Reporting{Agency: a, LastContact: h.contacts[a]}
		byAgency[a] = r
		order = append(order, a)
		return r
	}
	agencies, _ := ledger.Responsible(h.plan)
	for _, a := range agencies {
		get(a)
	}
	for i := range h.ledgers {
		if r := get(h.ledgers[i].Agency); r.Ledger == nil {
			r.Ledger = &h.ledgers[i]
		}
	}
	first := map[string]taizhang.Date{} // set with the first ledger: extended and shortened are said against it
	for _, c := range h.deadlines {
		r := get(c.Agency)
		if _, ok := first[c.Agency]; !ok {
			first[c.Agency] = c.Deadline
		}
		r.Deadline, r.DeadlineReason = c.Deadline, c.Reason
		r.Extended, r.Shortened = c.Deadline.After(first[c.Agency]), c.Deadline.Before(first[c.Agency])
	}
	for i := range h.returns {
		r := get(h.returns[i].Agency)
		r.Versions = append(r.Versions, h.returns[i])
	}
	for i := range h.refusals {
		get(h.refusals[i].Agency).Refused = &h.refusals[i] // the latest wins
	}
	out := make([]taizhang.Reporting, 0, len(order))
	for _, a := range order {
		r := byAgency[a]
		judge(r, h.period, now, loc)
		out = append(out, *r)
	}
	return out
}

// judge sets an agency's state from its versions, deadline and the time.
func judge(r *taizhang.Reporting, period taizhang.Period, now time.Time, loc *time.Location) {
	if r.Deadline.IsZero() && (r.Ledger != nil || len(r.Versions) > 0) {
		r.Deadline = period.DefaultDeadline()
		if r.Ledger != nil {
			r.Deadline = r.Ledger.Deadline
		}
	}
	for i := range r.Versions {
		v := &r.Versions[i]
		if v.Current {
			r.Current = v
			r.Empty = v.Empty()
		}
		if !v.Withdrawn && !v.Empty() && (r.FirstReceived.IsZero() || v.ReceivedAt.Before(r.FirstReceived)) {
			r.FirstReceived = v.ReceivedAt
		}
	}
	if r.Refused != nil && r.Current != nil && !r.Current.Empty() && !r.Refused.ReceivedAt.After(r.Current.ReceivedAt) {
		r.Refused = nil // a usable version came after it: the refusal is history
	}
	today := taizhang.DateOf(now, loc)
	switch {
	case !r.FirstReceived.IsZero():
		r.State = taizhang.OnTime
		if !r.FirstReceived.Before(r.Deadline.End(loc)) {
			r.State = taizhang.Late
			r.DaysLate = taizhang.DateOf(r.FirstReceived, loc).DaysSince(r.Deadline)
		}
	case r.Ledger == nil:
		r.State = taizhang.NotSent
	case !now.Before(r.Deadline.End(loc)):
		r.State = taizhang.Overdue
		r.DaysLate = today.DaysSince(r.Deadline)
	default:
		r.State = taizhang.Sent
		r.DaysLeft = r.Deadline.DaysSince(today)
	}
}

// Chase lists who to chase (催報) and what each owes: no usable return, rows left empty, values to
// correct; the overdue first, then by how soon the deadline comes.
func Chase(states []taizhang.Reporting, findings []taizhang.Finding, loc *time.Location) []taizhang.ChaseItem {
	empty, invalid := map[string]int{}, map[string]int{}
	other := map[string][]taizhang.Code{} // agency → other problems to correct, in the order found
	for _, f := range findings {
		switch f.Code {
		case taizhang.CodeNotReported:
			empty[f.Agency]++
		case taizhang.CodeInvalidValue, taizhang.CodeUnitMismatch:
			invalid[f.Agency]++
		case taizhang.CodeMissingReturn, taizhang.CodeEmptyReturn, taizhang.CodeRefusedReturn: // said by the state
		default:
			if f.Severity == taizhang.SevError && !slices.Contains(other[f.Agency], f.Code) {
				other[f.Agency] = append(other[f.Agency], f.Code)
			}
		}
	}
	var out []taizhang.ChaseItem
	for _, a := range states {
		var what []string
		switch {
		case a.Refused != nil:
			what = append(what, fmt.Sprintf(owedRefused, a.Refused.ReceivedAt.In(loc).Format(taizhang.DateLayout), a.Refused.Reason))
		case (a.State == taizhang.Sent || a.State == taizhang.Overdue) && a.Empty:
			what = append(what, owedEmpty)
		case a.State == taizhang.Sent || a.State == taizhang.Overdue:
			what = append(what, owedReturn)
		}
		if n := empty[a.Agency]; n > 0 {
			what = append(what, fmt.Sprintf(owedRows, n))
		}
		if n := invalid[a.Agency]; n > 0 {
			what = append(what, fmt.Sprintf(owedValues, n))
		}
		for _, code := range other[a.Agency] {
			what = append(what, fmt.Sprintf(owedOther, code.Label(taizhang.Traditional)))
		}
		if len(what) == 0 {
			continue
		}
		it := taizhang.ChaseItem{Agency: a.Agency, State: a.State, Missing: what, Contact: a.Contact(), Deadline: a.Deadline}
		if a.State == taizhang.Overdue {
			it.DaysLate = a.DaysLate
		}
		if a.State == taizhang.Sent {
			it.DaysLeft = a.DaysLeft
		}
		out = append(out, it)
	}
	// Overdue first (the longest overdue on top), then those still due (the soonest first), then
	// returns with corrections to make, in catalog order.
	rank := func(it taizhang.ChaseItem) (int, int) {
		switch it.State {
		case taizhang.Overdue:
			return 0, -it.DaysLate
		case taizhang.Sent:
			return 1, it.DaysLeft
		}
		return 2, 0
	}
	sort.SliceStable(out, func(i, j int) bool {
		a1, a2 := rank(out[i])
		b1, b2 := rank(out[j])
		return a1 < b1 || a1 == b1 && a2 < b2
	})
	return out
}
