package reconcile

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	taizhang "taizhang"
)

// severity orders statuses for roll-ups: the worst wins.
var severity = map[string]int{Met: 1, OnSchedule: 2, NotReported: 3, Behind: 4, Exceeded: 5, Conflict: 6, Invalid: 7}

// Labels are the statuses as the report shows them (Traditional).
var Labels = map[string]string{Met: "已完成", OnSchedule: "序時推進", Behind: "滯後", Exceeded: "超出上限", NotReported: "未報送",
	Invalid: "數據有誤", Conflict: "數據衝突"}

// Run reconciles a period.
func Run(in Input) Result {
	if in.Tolerance == 0 {
		in.Tolerance = 0.05
	}
	if in.Outlier == 0 {
		in.Outlier = 5
	}
	if in.AsOf.IsZero() {
		in.AsOf = in.Period.End()
	}
	if in.Now.IsZero() {
		in.Now = in.AsOf
	}
	r := &run{in: in, returns: map[string]*Return{}, previous: map[string]*Return{}}
	for i := range in.Current {
		r.returns[in.Current[i].Agency] = &in.Current[i]
	}
	for i := range in.Previous {
		r.previous[in.Previous[i].Agency] = &in.Previous[i]
	}
	r.missingReturns()
	for i := range in.Plan.Tasks {
		r.task(&in.Plan.Tasks[i])
	}
	r.participants()
	res := Result{Period: in.Period.String(), AsOf: in.AsOf.Format("2006-01-02"), Statuses: r.statuses, Findings: r.findings}
	if res.Statuses == nil {
		res.Statuses = []Status{}
	}
	if res.Findings == nil {
		res.Findings = []Finding{}
	}
	res.Tasks, res.Sections, res.Agencies = rollups(in.Plan, r.statuses)
	return res
}

type run struct {
	in       Input
	returns  map[string]*Return
	previous map[string]*Return
	statuses []Status
	findings []Finding
}

func (r *run) find(f Finding) { r.findings = append(r.findings, f) }

func (r *run) missingReturns() {
	for _, s := range r.in.Sent {
		if _, ok := r.returns[s.Agency]; ok {
			continue
		}
		if r.in.Now.After(s.Deadline.AddDate(0, 0, 1)) {
			days := int(r.in.Now.Sub(s.Deadline).Hours() / 24)
			r.find(Finding{Code: CodeMissingReturn, Severity: SevError, Agency: s.Agency,
				Message: fmt.Sprintf("%s的臺賬已超過報送截止日期(%s)%d天仍未報回,請催報", s.Agency, s.Deadline.Format("2006-01-02"), days)})
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
	f := Fraction(r.in.AsOf, r.in.Plan.Year, ind.Deadline)
	st.Expected = round(f)
	ret, ok := r.returns[agency]
	if !ok {
		st.Status, st.Reason = NotReported, "臺賬未報回"
		return st
	}
	rep, ok := ret.Values[ind.ID]
	st.File, st.Sheet = ret.File, ret.Sheet
	if !ok {
		st.Status, st.Reason = NotReported, "臺賬中沒有這一行"
		return st
	}
	st.Raw, st.Value, st.Cell = rep.Raw, rep.Value, rep.Cell
	switch {
	case rep.Flag == CodeInvalidValue || rep.Flag == CodeUnitMismatch || rep.Flag == "formula_no_cache":
		st.Status, st.Reason = Invalid, rep.Note
		return st
	case ind.Comparator == taizhang.Qualitative || ind.Value == nil:
		st.Status, st.Reason = selfStatus(rep.Status, f)
		if st.Status == NotReported {
			r.find(Finding{Code: CodeNotReported, Severity: SevWarning, Agency: agency, Task: t.No, Indicator: ind.ID, File: ret.File, Sheet: ret.Sheet, Cell: rep.StatusAt,
				Message: fmt.Sprintf("指標%s(%s)未填寫完成狀態和進展,請補填", ind.ID, short(ind.Metric))})
		}
		return st
	case rep.Value == nil:
		st.Status, st.Reason = NotReported, "累計完成值未填寫"
		r.find(Finding{Code: CodeNotReported, Severity: SevWarning, Agency: agency, Task: t.No, Indicator: ind.ID, File: ret.File, Sheet: ret.Sheet, Cell: rep.Cell,
			Message: fmt.Sprintf("指標%s(%s)的累計完成值未填寫,請按計量單位“%s”補填數字", ind.ID, short(ind.Metric), ind.Unit)})
		return st
	}
	v, target := *rep.Value, *ind.Value
	status, progress, reason := Judge(ind.Comparator, v, target, ind.High, f, r.in.Tolerance)
	st.Status, st.Reason = status, reason
	if !math.IsNaN(progress) {
		p := round(progress)
		st.Progress = &p
	}
	where := Finding{Agency: agency, Task: t.No, Indicator: ind.ID, File: ret.File, Sheet: ret.Sheet, Cell: rep.Cell}
	switch status {
	case Behind:
		where.Code, where.Severity = CodeBehind, SevWarning
		where.Message = fmt.Sprintf("指標%s(%s)%s,%s", ind.ID, short(ind.Metric), reason, "請說明原因和趕進度的措施")
		r.find(where)
	case Exceeded:
		where.Code, where.Severity = CodeExceeded, SevError
		where.Message = fmt.Sprintf("指標%s(%s)%s", ind.ID, short(ind.Metric), reason)
		r.find(where)
	}
	switch {
	case target > 0 && v > r.in.Outlier*target && ind.Comparator != taizhang.AtMost:
		where.Code, where.Severity = CodeOutlier, SevWarning
		where.Message = fmt.Sprintf("指標%s填報%s,是目標(%s%s)的%.0f倍,請核對單位和數值", ind.ID, fmtNum(v), fmtNum(target), ind.Unit, v/target)
		r.find(where)
	case r.jump(ind, agency, v, target):
		where.Code, where.Severity = CodeOutlier, SevWarning
		prev := *r.previous[agency].Values[ind.ID].Value
		where.Message = fmt.Sprintf("指標%s本期%s,比上期%s增加%s,遠超此前進度和年度目標的節奏,請核對是否多報或單位有誤", ind.ID, fmtNum(v), fmtNum(prev), fmtNum(v-prev))
		r.find(where)
	}
	r.selfAssessment(where, rep, status, ind)
	r.regression(where, ind, agency, v)
	return st
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

func (r *run) selfAssessment(where Finding, rep Reported, status string, ind *taizhang.Indicator) {
	switch {
	case rep.Status == "已完成" && status != Met:
		where.Message = fmt.Sprintf("指標%s自評“已完成”,但填報值%s未達到目標%s,請核對", ind.ID, fmtNum(*rep.Value), fmtTarget(ind))
	case status == Met && (rep.Status == "滯後" || rep.Status == "未啟動"):
		where.Message = fmt.Sprintf("指標%s填報值%s已達到目標%s,但自評“%s”,請核對", ind.ID, fmtNum(*rep.Value), fmtTarget(ind), rep.Status)
	default:
		return
	}
	where.Code, where.Severity, where.Cell = CodeSelfAssessment, SevWarning, rep.StatusAt
	r.find(where)
}

// regression: a cumulative value lower than the previous period's in the same year.
func (r *run) regression(where Finding, ind *taizhang.Indicator, agency string, v float64) {
	prev, ok := r.previous[agency]
	if !ok || ind.Unit == "%" || ind.Comparator == taizhang.Increase || ind.Comparator == taizhang.Decrease {
		return
	}
	if p, ok := prev.Values[ind.ID]; ok && p.Value != nil && v < *p.Value*(1-1e-9) {
		where.Code, where.Severity = CodeRegression, SevWarning
		where.Message = fmt.Sprintf("指標%s是累計數,本期%s比上期%s還少,請核對", ind.ID, fmtNum(v), fmtNum(*p.Value))
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
	p, ok := prev.Values[ind.ID]
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
	r.find(Finding{Code: CodeConflict, Severity: SevError, Agency: strings.Join(t.Lead, "、"), Task: t.No, Indicator: ind.ID, File: st.File, Sheet: st.Sheet, Cell: st.Cell,
		Message: fmt.Sprintf("指標%s由%s共同牽頭,填報不一致:%s。請牽頭單位協商統一口徑", ind.ID, strings.Join(t.Lead, "、"), strings.Join(parts, ";"))})
}

// participants reports problems in rows of participating agencies (their values are not judged).
func (r *run) participants() {
	ids := make([]string, 0)
	agencies := make([]string, 0, len(r.returns))
	for a := range r.returns {
		agencies = append(agencies, a)
	}
	sort.Strings(agencies)
	for _, a := range agencies {
		ret := r.returns[a]
		ids = ids[:0]
		for id := range ret.Values {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			rep := ret.Values[id]
			code := ""
			switch rep.Flag {
			case CodeInvalidValue, "formula_no_cache":
				code = CodeInvalidValue
			case CodeUnitMismatch:
				code = CodeUnitMismatch
			default:
				continue
			}
			task, _, _ := taizhang.ParseIndicatorID(id)
			r.find(Finding{Code: code, Severity: SevError, Agency: a, Task: task, Indicator: id, File: ret.File, Sheet: ret.Sheet, Cell: rep.Cell,
				Message: fmt.Sprintf("指標%s的累計完成值“%s”:%s", id, rep.Raw, rep.Note)})
		}
	}
}

var reMonthDeadline = regexp.MustCompile(`(\d{1,2})月`)

// Fraction is the share of an indicator's time span gone at asOf: from 1 January of the plan year
// to its deadline ("6月底前" → 30 June; "年底", "年內" or none → 31 December), between 0 and 1.
func Fraction(asOf time.Time, year int, deadline *string) float64 {
	start := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	if deadline != nil {
		if m := reMonthDeadline.FindStringSubmatch(*deadline); m != nil {
			month, _ := strconv.Atoi(m[1])
			if month >= 1 && month <= 12 {
				end = time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC)
			}
		} else if strings.Contains(*deadline, "上半年") {
			end = time.Date(year, 6, 30, 0, 0, 0, 0, time.UTC)
		}
	}
	days := end.Sub(start).Hours()/24 + 1
	gone := asOf.Sub(start).Hours()/24 + 1
	return math.Max(0, math.Min(1, gone/days))
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
