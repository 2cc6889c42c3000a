package reconcile

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

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
	rows map[string]*taizhang.Value
}

func index(returns []taizhang.Return) map[string]ret {
	out := map[string]ret{}
	for i := range returns {
		r := ret{Return: &returns[i], rows: map[string]*taizhang.Value{}}
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

func (r *run) find(f taizhang.Finding) { r.findings = append(r.findings, f) }

// reporting: agencies past their deadline with nothing usable returned, and empty returns.
func (r *run) reporting() {
	for _, a := range r.in.Reporting {
		if a.State == taizhang.Overdue {
			msg := fmt.Sprintf("%s的臺賬已超過報送截止日期(%s)%d天仍未報回,請催報", a.Agency, a.Deadline, a.DaysLate)
			if a.Extended {
				msg = fmt.Sprintf("%s的臺賬已超過延長後的報送截止日期(%s)%d天仍未報回,請催報", a.Agency, a.Deadline, a.DaysLate)
			}
			r.find(taizhang.Finding{Code: taizhang.CodeMissingReturn, Severity: taizhang.SevError, Agency: a.Agency, Message: msg})
		}
		if a.Empty && a.Current != nil {
			r.find(taizhang.Finding{Code: taizhang.CodeEmptyReturn, Severity: taizhang.SevError, Agency: a.Agency, File: a.Current.File, Sheet: a.Current.Sheet,
				Message: fmt.Sprintf("%s報回的臺賬(第%d版)沒有填寫任何內容,不計為已報送;請在黃色單元格中填寫後重新報送", a.Agency, a.Current.Version)})
		}
	}
}

// fileFindings: what was found while reading each current return travels with it.
func (r *run) fileFindings() {
	for _, ret := range r.in.Current {
		for _, f := range ret.Findings {
			f.Agency, f.File = ret.Agency, ret.File
			if f.Severity == "" {
				f.Severity = taizhang.Severity(f.Code)
			}
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
	f := taizhang.Fraction(r.in.AsOf, r.in.Plan.Year, ind.Deadline)
	st.Expected = round(f)
	ret, ok := r.returns[agency]
	if !ok {
		st.Status, st.Reason = NotReported, "臺賬未報回"
		return st
	}
	rep, ok := ret.rows[ind.ID]
	st.File, st.Sheet = ret.File, ret.Sheet
	if !ok {
		st.Status, st.Reason = NotReported, "臺賬中沒有這一行"
		return st
	}
	st.Raw, st.Value, st.Cell = rep.Raw, rep.Number, rep.Cell
	where := taizhang.Finding{Agency: agency, Task: t.No, Indicator: ind.ID, File: ret.File, Sheet: ret.Sheet, Cell: rep.Cell}
	switch {
	case rep.Flag == taizhang.CodeInvalidValue || rep.Flag == taizhang.CodeUnitMismatch || rep.Flag == "formula_no_cache":
		st.Status, st.Reason = Invalid, rep.Note // the finding came with the file
		return st
	case ind.Comparator == taizhang.Qualitative || ind.Value == nil:
		return r.qualitative(st, where, rep, ind, f)
	case rep.Number == nil:
		st.Status, st.Reason = NotReported, "累計完成值未填寫"
		where.Code, where.Severity = taizhang.CodeNotReported, taizhang.SevWarning
		where.Message = fmt.Sprintf("指標%s(%s)的累計完成值未填寫,請按計量單位“%s”補填數字", ind.ID, short(ind.Metric), ind.Unit)
		r.find(where)
		return st
	}
	v, target := *rep.Number, *ind.Value
	status, progress, reason := Judge(ind.Comparator, v, target, ind.High, f, r.in.Tolerance)
	st.Status, st.Reason = status, reason
	if !math.IsNaN(progress) {
		p := round(progress)
		st.Progress = &p
	}
	switch status {
	case Behind:
		where.Code, where.Severity = taizhang.CodeBehind, taizhang.SevWarning
		where.Message = fmt.Sprintf("指標%s(%s)%s,%s", ind.ID, short(ind.Metric), reason, "請說明原因和趕進度的措施")
		r.find(where)
	case Exceeded:
		where.Code, where.Severity = taizhang.CodeExceeded, taizhang.SevError
		where.Message = fmt.Sprintf("指標%s(%s)%s", ind.ID, short(ind.Metric), reason)
		r.find(where)
	}
	r.outlier(where, ind, agency, v, target)
	r.selfAssessment(where, rep, status, ind)
	r.regression(where, ind, agency, v)
	return st
}

// qualitative judges a row without a number by the agency's own 完成狀態.
func (r *run) qualitative(st Status, where taizhang.Finding, rep *taizhang.Value, ind *taizhang.Indicator, f float64) Status {
	if rep.Status == "" && rep.StatusRaw != "" {
		// Typed outside the drop-down: the file's invalid_value finding says so, not "not filled".
		st.Status, st.Reason = Invalid, "完成狀態“"+rep.StatusRaw+"”不在下拉選項中"
		return st
	}
	st.Status, st.Reason = selfStatus(rep.Status, f)
	if st.Status == NotReported {
		where.Code, where.Severity, where.Cell = taizhang.CodeNotReported, taizhang.SevWarning, rep.StatusCell
		where.Message = fmt.Sprintf("指標%s(%s)未填寫完成狀態和進展,請補填", ind.ID, short(ind.Metric))
		r.find(where)
	}
	return st
}

// outlier: a value far beyond its target, or one that jumped far beyond the trend.
func (r *run) outlier(where taizhang.Finding, ind *taizhang.Indicator, agency string, v, target float64) {
	where.Code, where.Severity = taizhang.CodeOutlier, taizhang.SevWarning
	switch {
	case target > 0 && v > r.in.Outlier*target && ind.Comparator != taizhang.AtMost:
		where.Message = fmt.Sprintf("指標%s填報%s,是目標(%s%s)的%.0f倍,請核對單位和數值", ind.ID, fmtNum(v), fmtNum(target), ind.Unit, v/target)
	case r.jump(ind, agency, v, target):
		prev := *r.previous[agency].rows[ind.ID].Number
		where.Message = fmt.Sprintf("指標%s本期%s,比上期%s增加%s,遠超此前進度和年度目標的節奏,請核對是否多報或單位有誤", ind.ID, fmtNum(v), fmtNum(prev), fmtNum(v-prev))
	default:
		return
	}
	r.find(where)
}

// Judge applies a comparator: the status, the progress (value ÷ target) and why, for a value at
// time fraction f of the indicator's time span.
func Judge(c taizhang.Comparator, v, target float64, high *float64, f, tol float64) (string, float64, string) {
	if target == 0 {
		return OnSchedule, math.NaN(), "目標為0,無法計算進度"
	}
	p := v / target
	pct := func(x float64) string { return strconv.FormatFloat(math.Round(x*1000)/10, 'f', -1, 64) + "%" }
	switch c {
	case taizhang.AtMost:
		switch {
		case v > target:
			return Exceeded, p, fmt.Sprintf("已達%s,超出上限%s", fmtNum(v), fmtNum(target))
		case f >= 1:
			return Met, p, "全年控制在上限以內"
		case p > f+tol:
			return Behind, p, fmt.Sprintf("已用上限的%s,時間過半程度為%s,有超限風險", pct(p), pct(f))
		}
		return OnSchedule, p, fmt.Sprintf("已用上限的%s,在序時範圍內", pct(p))
	case taizhang.About:
		if v >= target*(1-tol) {
			return Met, p, fmt.Sprintf("完成%s,達到目標(允許偏差%s)", pct(p), pct(tol))
		}
	case taizhang.Range:
		if v >= target {
			return Met, p, fmt.Sprintf("完成%s,達到區間下限", pct(p))
		}
	default: // >=, =, increase, decrease
		if v >= target*(1-1e-9) {
			return Met, p, fmt.Sprintf("完成%s,達到目標", pct(p))
		}
	}
	if p >= f-tol {
		return OnSchedule, p, fmt.Sprintf("完成目標的%s,時間進度%s", pct(p), pct(f))
	}
	return Behind, p, fmt.Sprintf("僅完成目標的%s,落後於時間進度%s", pct(p), pct(f))
}

// selfStatus reads the agency's own 完成狀態 for rows without a number to judge.
func selfStatus(s string, f float64) (string, string) {
	switch s {
	case "已完成":
		return Met, "單位自評已完成"
	case "序時推進":
		return OnSchedule, "單位自評序時推進"
	case "滯後":
		return Behind, "單位自評滯後"
	case "未啟動":
		return Behind, "單位自評未啟動"
	}
	return NotReported, "未填寫完成狀態"
}

func (r *run) selfAssessment(where taizhang.Finding, rep *taizhang.Value, status string, ind *taizhang.Indicator) {
	switch {
	case rep.Status == "已完成" && status != Met:
		where.Message = fmt.Sprintf("指標%s自評“已完成”,但填報值%s未達到目標%s,請核對", ind.ID, fmtNum(*rep.Number), fmtTarget(ind))
	case status == Met && (rep.Status == "滯後" || rep.Status == "未啟動"):
		where.Message = fmt.Sprintf("指標%s填報值%s已達到目標%s,但自評“%s”,請核對", ind.ID, fmtNum(*rep.Number), fmtTarget(ind), rep.Status)
	default:
		return
	}
	where.Code, where.Severity, where.Cell = taizhang.CodeSelfAssessment, taizhang.SevWarning, rep.StatusCell
	r.find(where)
}

// regression: a cumulative value lower than the previous period's in the same year.
func (r *run) regression(where taizhang.Finding, ind *taizhang.Indicator, agency string, v float64) {
	prev, ok := r.previous[agency]
	if !ok || ind.Unit == "%" || ind.Comparator == taizhang.Increase || ind.Comparator == taizhang.Decrease {
		return
	}
	if p, ok := prev.rows[ind.ID]; ok && p.Number != nil && v < *p.Number*(1-1e-9) {
		where.Code, where.Severity = taizhang.CodeRegression, taizhang.SevWarning
		where.Message = fmt.Sprintf("指標%s是累計數,本期%s比上期%s還少,請核對", ind.ID, fmtNum(v), fmtNum(*p.Number))
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
	return ok && p.Number != nil && *p.Number > 0 && v > 4**p.Number && v-*p.Number > target/2
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
		parts = append(parts, fmt.Sprintf("%s填報%s(%s!%s)", st.Agency, fmtNum(*st.Value), st.File, st.Cell))
	}
	if !differ {
		return
	}
	for _, i := range judged {
		if r.statuses[i].Value != nil {
			r.statuses[i].Status = Conflict
			r.statuses[i].Reason = "共同牽頭單位填報不一致:" + strings.Join(parts, ";")
		}
	}
	st := r.statuses[judged[0]]
	r.find(taizhang.Finding{Code: taizhang.CodeConflict, Severity: taizhang.SevError, Agency: strings.Join(t.Lead, "、"), Task: t.No, Indicator: ind.ID, File: st.File, Sheet: st.Sheet, Cell: st.Cell,
		Message: fmt.Sprintf("指標%s由%s共同牽頭,填報不一致:%s。請牽頭單位協商統一口徑", ind.ID, strings.Join(t.Lead, "、"), strings.Join(parts, ";"))})
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
				ru.Reason = fmt.Sprintf("任務%d:%s", t.No, taskRoll[t.No].Reason)
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
			ru.Reason = fmt.Sprintf("指標%s(%s):%s", s.Indicator, s.Agency, s.Reason)
		}
	}
	return ru
}
