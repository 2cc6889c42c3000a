package reconcile

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	taizhang "taizhang"
)

// severity orders statuses for roll-ups: the worst wins.
var severity = map[string]int{Met: 1, OnSchedule: 2, NotReported: 3, Behind: 4, Exceeded: 5, Conflict: 6, Invalid: 7}

// Run reconciles a period.
func Run(in Input) Result {
	if in.Tolerance == 0 {
		in.Tolerance = DefaultTolerance
	}
	if in.Outlier == 0 {
		in.Outlier = DefaultOutlier
	}
	if in.AsOf.IsZero() {
		in.AsOf = in.Period.End()
	}
	r := &run{in: in, returns: index(in.Current), previous: index(in.Previous)}
	r.reporting()
	r.fileFindings()
	for i := range in.Plan.Tasks {
		r.task(&in.Plan.Tasks[i])
	}
	res := Result{Period: in.Period.String(), AsOf: in.AsOf.Format(taizhang.DateLayout), Statuses: r.statuses, Findings: r.findings}
	if res.Statuses == nil {
		res.Statuses = []Status{}
	}
	if res.Findings == nil {
		res.Findings = []taizhang.Finding{}
	}
	res.Tasks, res.Sections, res.Agencies = rollups(in.Plan, r.statuses)
	return res
}

// ret is a return with its rows by indicator id.
type ret struct {
	*taizhang.Return
	rows map[string]*taizhang.Row
}

func index(returns []taizhang.Return) map[string]ret {
	out := map[string]ret{}
	for i := range returns {
		r := ret{Return: &returns[i], rows: map[string]*taizhang.Row{}}
		for j := range r.Values {
			r.rows[r.Values[j].Indicator] = &r.Values[j]
		}
		out[r.Agency] = r
	}
	return out
}

type run struct {
	in       Input
	returns  map[string]ret
	previous map[string]ret
	statuses []Status
	findings []taizhang.Finding
}

// find records a finding, with the one severity its code has.
func (r *run) find(f taizhang.Finding) {
	f.Severity = f.Code.Severity()
	r.findings = append(r.findings, f)
}

// reporting: agencies past their deadline with nothing usable returned, and empty returns.
func (r *run) reporting() {
	loc := r.in.Location
	if loc == nil {
		loc = time.UTC
	}
	for _, a := range r.in.Reporting {
		refused := ""
		if a.Refused != nil {
			refused = fmt.Sprintf(msgRefused, a.Refused.ReceivedAt.In(loc).Format(taizhang.TimeLayout), a.Refused.File, a.Refused.Reason)
		}
		switch {
		case a.State == taizhang.Overdue && a.Refused != nil:
			r.find(taizhang.Finding{Code: taizhang.CodeMissingReturn, Agency: a.Agency,
				Message: fmt.Sprintf(msgOverdueRefused, a.Agency, a.Deadline, a.DaysLate) + refused})
		case a.State == taizhang.Overdue:
			msg := fmt.Sprintf(msgOverdue, a.Agency, a.Deadline, a.DaysLate)
			if a.Extended {
				msg = fmt.Sprintf(msgOverdueExtended, a.Agency, a.Deadline, a.DaysLate)
			}
			r.find(taizhang.Finding{Code: taizhang.CodeMissingReturn, Agency: a.Agency, Message: msg})
		case a.Refused != nil && a.Returned():
			r.find(taizhang.Finding{Code: taizhang.CodeRefusedCorrection, Agency: a.Agency, File: a.Refused.File,
				Message: fmt.Sprintf(msgRefusedCorrection, a.Agency, a.Current.Version) + refused})
		case a.Refused != nil:
			r.find(taizhang.Finding{Code: taizhang.CodeRefusedReturn, Agency: a.Agency, File: a.Refused.File,
				Message: fmt.Sprintf(msgRefusedNothing, a.Agency) + refused})
		}
		if a.Empty && a.Current != nil {
			r.find(taizhang.Finding{Code: taizhang.CodeEmptyReturn, Agency: a.Agency, File: a.Current.File, Sheet: a.Current.Sheet,
				Message: fmt.Sprintf(msgEmptyReturn, a.Agency, a.Current.Version)})
		}
	}
}

// fileFindings: what was found while reading each current return travels with it.
func (r *run) fileFindings() {
	for _, ret := range r.in.Current {
		for _, f := range ret.Findings {
			f.Agency, f.File = ret.Agency, ret.File
			if f.Task == 0 && f.Indicator != "" {
				f.Task, _, _ = taizhang.ParseIndicatorID(f.Indicator)
			}
			r.find(f)
		}
	}
}

// task judges each indicator of a task (or its N-0 row) for each lead agency.
func (r *run) task(t *taizhang.Task) {
	inds := t.Indicators
	if len(inds) == 0 {
		inds = []taizhang.Indicator{{ID: taizhang.IndicatorID(t.No, 0), Comparator: taizhang.Qualitative, Metric: t.Title}}
	}
	for i := range inds {
		ind := &inds[i]
		var judged []int
		for _, agency := range t.Lead {
			st := r.judge(t, ind, agency)
			r.statuses = append(r.statuses, st)
			judged = append(judged, len(r.statuses)-1)
		}
		r.conflicts(t, ind, judged)
	}
}

func (r *run) judge(t *taizhang.Task, ind *taizhang.Indicator, agency string) Status {
	st := Status{Indicator: ind.ID, Task: t.No, Agency: agency, Target: ind.Value}
	f := taizhang.Elapsed(r.in.AsOf, r.in.Plan.Year, ind.Deadline)
	st.Expected = round(f)
	ret, ok := r.returns[agency]
	if !ok {
		st.Status, st.Reason = NotReported, reasonNoReturn
		return st
	}
	rep, ok := ret.rows[ind.ID]
	st.File, st.Sheet = ret.File, ret.Sheet
	if !ok {
		st.Status, st.Reason = NotReported, reasonNoRow
		return st
	}
	st.Raw, st.Value, st.Cell = rep.Raw, rep.Value, rep.Cell
	where := taizhang.Finding{Agency: agency, Task: t.No, Indicator: ind.ID, File: ret.File, Sheet: ret.Sheet, Cell: rep.Cell}
	switch {
	case rep.Flag == string(taizhang.CodeInvalidValue) || rep.Flag == string(taizhang.CodeUnitMismatch) || rep.Flag == "formula_no_cache":
		st.Status, st.Reason = Invalid, rep.Note // the finding came with the file
		return st
	case ind.Comparator == taizhang.Qualitative || ind.Value == nil:
		return r.qualitative(st, where, rep, ind, f)
	case rep.Value == nil:
		st.Status, st.Reason = NotReported, reasonNoValue
		where.Code = taizhang.CodeNotReported
		where.Message = fmt.Sprintf(msgNoValue, ind.ID, short(ind.Metric), ind.Unit)
		r.find(where)
		return st
	}
	v, target := *rep.Value, *ind.Value
	status, progress, reason := Judge(ind.Comparator, v, target, ind.High, f, r.in.Tolerance)
	st.Status, st.Reason = status, reason
	if !math.IsNaN(progress) {
		p := round(progress)
		st.Progress = &p
	}
	switch status {
	case Behind:
		where.Code = taizhang.CodeBehind
		where.Message = fmt.Sprintf(msgBehind, ind.ID, short(ind.Metric), reason)
		r.find(where)
	case Exceeded:
		where.Code = taizhang.CodeExceeded
		where.Message = fmt.Sprintf(msgExceeded, ind.ID, short(ind.Metric), reason)
		r.find(where)
	}
	r.outlier(where, ind, agency, v, target)
	r.selfAssessment(where, rep, status, ind)
	r.regression(where, ind, agency, v)
	return st
}

// qualitative judges a row without a number by the agency's own 完成狀態.
func (r *run) qualitative(st Status, where taizhang.Finding, rep *taizhang.Row, ind *taizhang.Indicator, f float64) Status {
	if rep.Status == "" && rep.StatusRaw != "" {
		// Typed outside the drop-down: the file's invalid_value finding says so, not "not filled".
		st.Status, st.Reason = Invalid, fmt.Sprintf(reasonStatusNotInList, rep.StatusRaw)
		return st
	}
	st.Status, st.Reason = selfStatus(rep.Status, f)
	if st.Status == NotReported {
		where.Code, where.Cell = taizhang.CodeNotReported, rep.StatusCell
		where.Message = fmt.Sprintf(msgNoStatus, ind.ID, short(ind.Metric))
		r.find(where)
	}
	return st
}

// outlier: a value far beyond its target, or one that jumped far beyond the trend.
func (r *run) outlier(where taizhang.Finding, ind *taizhang.Indicator, agency string, v, target float64) {
	where.Code = taizhang.CodeOutlier
	switch {
	case target > 0 && v > r.in.Outlier*target && ind.Comparator != taizhang.AtMost:
		where.Message = fmt.Sprintf(msgOutlier, ind.ID, fmtNum(v), fmtNum(target), ind.Unit, v/target)
	case r.jump(ind, agency, v, target):
		prev := *r.previous[agency].rows[ind.ID].Value
		where.Message = fmt.Sprintf(msgJump, ind.ID, fmtNum(v), fmtNum(prev), fmtNum(v-prev))
	default:
		return
	}
	r.find(where)
}

// Judge applies a comparator: the status, the progress (value ÷ target) and why, for a value at
// time elapsed f of the indicator's time span.
func Judge(c taizhang.Comparator, v, target float64, high *float64, f, tol float64) (string, float64, string) {
	if target == 0 {
		return OnSchedule, math.NaN(), reasonZeroTarget
	}
	p := v / target
	pct := func(x float64) string { return strconv.FormatFloat(math.Round(x*1000)/10, 'f', -1, 64) + "%" }
	switch c {
	case taizhang.AtMost:
		switch {
		case v > target:
			return Exceeded, p, fmt.Sprintf(reasonCapExceeded, fmtNum(v), fmtNum(target))
		case f >= 1:
			return Met, p, reasonCapKept
		case p > f+tol:
			return Behind, p, fmt.Sprintf(reasonCapAtRisk, pct(p), pct(f))
		}
		return OnSchedule, p, fmt.Sprintf(reasonCapOnSchedule, pct(p))
	case taizhang.About:
		if v >= target*(1-tol) {
			return Met, p, fmt.Sprintf(reasonAboutMet, pct(p), pct(tol))
		}
	case taizhang.Range:
		if v >= target {
			return Met, p, fmt.Sprintf(reasonRangeMet, pct(p))
		}
	default: // >=, =, increase, decrease
		if v >= target*(1-1e-9) {
			return Met, p, fmt.Sprintf(reasonMet, pct(p))
		}
	}
	if p >= f-tol {
		return OnSchedule, p, fmt.Sprintf(reasonOnSchedule, pct(p), pct(f))
	}
	return Behind, p, fmt.Sprintf(reasonBehind, pct(p), pct(f))
}

// selfStatus reads the agency's own 完成狀態 for rows without a number to judge.
func selfStatus(s string, f float64) (string, string) {
	switch s {
	case "已完成":
		return Met, reasonSelfMet
	case "序時推進":
		return OnSchedule, reasonSelfOnSchedule
	case "滯後":
		return Behind, reasonSelfBehind
	case "未啟動":
		return Behind, reasonSelfNotStarted
	}
	return NotReported, reasonNoStatus
}

func (r *run) selfAssessment(where taizhang.Finding, rep *taizhang.Row, status string, ind *taizhang.Indicator) {
	switch {
	case rep.Status == "已完成" && status != Met:
		where.Message = fmt.Sprintf(msgSelfMetNotMet, ind.ID, fmtNum(*rep.Value), fmtTarget(ind))
	case status == Met && (rep.Status == "滯後" || rep.Status == "未啟動"):
		where.Message = fmt.Sprintf(msgMetSelfBehind, ind.ID, fmtNum(*rep.Value), fmtTarget(ind), rep.Status)
	default:
		return
	}
	where.Code, where.Cell = taizhang.CodeSelfAssessment, rep.StatusCell
	r.find(where)
}

// regression: a cumulative value lower than the previous period's in the same year.
func (r *run) regression(where taizhang.Finding, ind *taizhang.Indicator, agency string, v float64) {
	prev, ok := r.previous[agency]
	if !ok || ind.Unit == "%" || ind.Comparator == taizhang.Increase || ind.Comparator == taizhang.Decrease {
		return
	}
	if p, ok := prev.rows[ind.ID]; ok && p.Value != nil && v < *p.Value*(1-1e-9) {
		where.Code = taizhang.CodeRegression
		where.Message = fmt.Sprintf(msgRegression, ind.ID, fmtNum(v), fmtNum(*p.Value))
		r.find(where)
	}
}

// jump: a cumulative value that grew in one period by more than three times what it had reached
// before and by more than half the year's target: far beyond the trend.
func (r *run) jump(ind *taizhang.Indicator, agency string, v, target float64) bool {
	prev, ok := r.previous[agency]
	if !ok || ind.Unit == "%" || ind.Comparator == taizhang.Increase || ind.Comparator == taizhang.Decrease {
		return false
	}
	p, ok := prev.rows[ind.ID]
	return ok && p.Value != nil && *p.Value > 0 && v > 4**p.Value && v-*p.Value > target/2
}

// conflicts: co-leads that report different values for the same indicator.
func (r *run) conflicts(t *taizhang.Task, ind *taizhang.Indicator, judged []int) {
	if len(judged) < 2 {
		return
	}
	var parts []string
	var first *float64
	differ := false
	for _, i := range judged {
		st := r.statuses[i]
		if st.Value == nil {
			continue
		}
		if first == nil {
			first = st.Value
		} else if math.Abs(*st.Value-*first) > r.in.Tolerance*math.Max(math.Abs(*first), 1e-9) {
			differ = true
		}
		parts = append(parts, fmt.Sprintf(msgConflictPart, st.Agency, fmtNum(*st.Value), ind.Unit))
	}
	if !differ {
		return
	}
	for _, i := range judged {
		if r.statuses[i].Value != nil {
			r.statuses[i].Status = Conflict
			r.statuses[i].Reason = reasonConflict + strings.Join(parts, ";")
		}
	}
	// One finding per co-lead that reported, at its own cell: each has to act, and each agency's
	// counts, feedback and chase list must see it.
	for _, i := range judged {
		st := r.statuses[i]
		if st.Value == nil {
			continue
		}
		r.find(taizhang.Finding{Code: taizhang.CodeConflict, Agency: st.Agency, Task: t.No, Indicator: ind.ID, File: st.File, Sheet: st.Sheet, Cell: st.Cell,
			Message: fmt.Sprintf(msgConflict, ind.ID, strings.Join(t.Lead, "、"), strings.Join(parts, ";")), CoLeads: slices.Clone(t.Lead)})
	}
}

func round(x float64) float64 { return math.Round(x*10000) / 10000 }

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func fmtTarget(ind *taizhang.Indicator) string {
	if ind.Value == nil {
		return ""
	}
	return fmtNum(*ind.Value) + ind.Unit
}

func short(s string) string {
	rs := []rune(s)
	if len(rs) > 20 {
		return string(rs[:20]) + "…"
	}
	return s
}

// rollups summarise statuses by task, section and agency: the worst status wins, with its reason.
func rollups(p *taizhang.Plan, statuses []Status) (tasks, sections, agencies []Rollup) {
	byTask := map[int][]Status{}
	byAgency := map[string][]Status{}
	for _, s := range statuses {
		byTask[s.Task] = append(byTask[s.Task], s)
		byAgency[s.Agency] = append(byAgency[s.Agency], s)
	}
	taskRoll := map[int]Rollup{}
	for _, t := range p.Tasks {
		ru := roll(strconv.Itoa(t.No), t.Title, byTask[t.No])
		taskRoll[t.No] = ru
		tasks = append(tasks, ru)
	}
	for _, s := range p.Sections {
		var sts []Status
		for _, t := range p.Tasks {
			if t.Section == s.No {
				sts = append(sts, byTask[t.No]...)
			}
		}
		ru := roll(strconv.Itoa(s.No), s.Title, sts)
		// A section's reason names its worst task.
		for _, t := range p.Tasks {
			if t.Section == s.No && taskRoll[t.No].Status == ru.Status && ru.Status != "" {
				ru.Reason = fmt.Sprintf(reasonSectionWorst, t.No, taskRoll[t.No].Reason)
				break
			}
		}
		sections = append(sections, ru)
	}
	names := make([]string, 0, len(byAgency))
	for a := range byAgency {
		names = append(names, a)
	}
	sort.Strings(names)
	for _, a := range names {
		agencies = append(agencies, roll(a, a, byAgency[a]))
	}
	return tasks, sections, agencies
}

func roll(key, title string, sts []Status) Rollup {
	ru := Rollup{Key: key, Title: title, Counts: map[string]int{}}
	worst := 0
	for _, s := range sts {
		ru.Counts[s.Status]++
		if severity[s.Status] > worst {
			worst = severity[s.Status]
			ru.Status = s.Status
			ru.Reason = fmt.Sprintf(reasonRollup, s.Indicator, s.Agency, s.Reason)
		}
	}
	return ru
}
