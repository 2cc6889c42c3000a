package reconcile

import (
	"math"
	"strings"
	"testing"
	"time"

	taizhang "taizhang"
)

func ptr(v float64) *float64 { return &v }
func sp(s string) *string    { return &s }

func TestJudge(t *testing.T) {
	const tol = 0.05
	tests := []struct {
		name      string
		c         taizhang.Comparator
		v, target float64
		high      *float64
		f         float64
		want      string
	}{
		{">= exactly at target", taizhang.AtLeast, 25, 25, nil, 0.25, Met},
		{">= just below target, ahead of time", taizhang.AtLeast, 24.9, 25, nil, 0.25, OnSchedule},
		{">= at time elapsed", taizhang.AtLeast, 6.25, 25, nil, 0.25, OnSchedule},
		{">= at time elapsed less the tolerance", taizhang.AtLeast, 5, 25, nil, 0.25, OnSchedule},
		{">= just below the tolerance", taizhang.AtLeast, 4.9, 25, nil, 0.25, Behind},
		{"= reached", taizhang.Equal, 85.65, 85.65, nil, 1, Met},
		{"= not reached at year end", taizhang.Equal, 80, 85.65, nil, 1, Behind},
		{"~ within tolerance", taizhang.About, 9.5, 10, nil, 1, Met},
		{"~ just outside tolerance", taizhang.About, 9.49, 10, nil, 1, Behind},
		{"range reaches low", taizhang.Range, 1, 1, ptr(2), 0.5, Met},
		{"range below low", taizhang.Range, 0, 1, ptr(2), 0.5, Behind},
		{"cap within the share", taizhang.AtMost, 60, 241.1, nil, 0.25, OnSchedule},
		{"cap at the share plus tolerance", taizhang.AtMost, 241.1 * 0.3, 241.1, nil, 0.25, OnSchedule},
		{"cap at risk", taizhang.AtMost, 100, 241.1, nil, 0.25, Behind},
		{"cap exactly at cap", taizhang.AtMost, 241.1, 241.1, nil, 0.9, Behind},
		{"cap exceeded", taizhang.AtMost, 241.2, 241.1, nil, 0.5, Exceeded},
		{"cap kept at year end", taizhang.AtMost, 240, 241.1, nil, 1, Met},
		{"decrease on track", taizhang.Decrease, 5, 10, nil, 0.5, OnSchedule},
		{"decrease reached", taizhang.Decrease, 10, 10, nil, 0.5, Met},
		{"increase behind", taizhang.Increase, 1, 10, nil, 0.5, Behind},
	}
	for _, tt := range tests {
		got, p, reason := Judge(tt.c, tt.v, tt.target, tt.high, tt.f, tol)
		if got != tt.want || reason == "" || (math.IsNaN(p) && tt.target != 0) {
			t.Errorf("%s: %s (%.3f, %q), want %s", tt.name, got, p, reason, tt.want)
		}
	}
}

func TestFraction(t *testing.T) {
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	tests := []struct {
		asOf     string
		deadline *string
		want     float64
	}{
		{"2023-03-31", nil, 90.0 / 365},
		{"2023-12-31", nil, 1},
		{"2023-03-31", sp("年底"), 90.0 / 365},
		{"2023-03-31", sp("6月底前"), 90.0 / 181},
		{"2023-07-31", sp("6月底前"), 1},
		{"2022-12-31", nil, 0},
	}
	for _, tt := range tests {
		if got := taizhang.Elapsed(d(tt.asOf), 2023, tt.deadline); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("Fraction(%s, %v) = %v, want %v", tt.asOf, tt.deadline, got, tt.want)
		}
	}
}

// plan: task 1 co-led with two indicators (>= and a cap), task 2 qualitative, task 3 without indicators.
func testPlan() *taizhang.Plan {
	return &taizhang.Plan{Year: 2023, Sections: []taizhang.Section{{No: 1, Title: "一"}},
		Agencies: []taizhang.Agency{{Name: "甲廳"}, {Name: "乙廳"}, {Name: "丙局"}},
		Tasks: []taizhang.Task{
			{No: 1, Section: 1, Title: "建設實驗室", Lead: []string{"甲廳", "乙廳"}, Participating: []string{"丙局"}, Indicators: []taizhang.Indicator{
				{ID: "1-1", Metric: "實驗室", Comparator: taizhang.AtLeast, Value: ptr(20), Unit: "家"},
				{ID: "1-2", Metric: "用水總量", Comparator: taizhang.AtMost, Value: ptr(100), Unit: "億立方米"}}},
			{No: 2, Section: 1, Title: "印發規劃", Lead: []string{"丙局"}, Indicators: []taizhang.Indicator{
				{ID: "2-1", Metric: "印發規劃", Comparator: taizhang.Qualitative, Deadline: sp("6月底前")}}},
			{No: 3, Section: 1, Title: "加強領導", Lead: []string{"丙局"}},
		}}
}

func TestRun(t *testing.T) {
	q2, _ := taizhang.ParsePeriod("2023-Q2")
	deadline := taizhang.NewDate(2023, 7, 10)
	in := Input{Plan: testPlan(), Period: q2,
		Reporting: []taizhang.Reporting{{Agency: "甲廳", State: taizhang.OnTime, Deadline: deadline}, {Agency: "乙廳", State: taizhang.Late, Deadline: deadline},
			{Agency: "丙局", State: taizhang.Overdue, Deadline: deadline, DaysLate: 10}},
		Current: []taizhang.Return{
			{Agency: "甲廳", File: "甲.xlsx", Sheet: "工作臺賬", Values: []taizhang.Row{
				{Indicator: "1-1", Cell: "I4", StatusCell: "K4", Raw: "12", Value: ptr(12), Status: "已完成"},
				{Indicator: "1-2", Cell: "I5", Raw: "很多", Flag: "invalid_value", Note: "不是數字"}},
				Findings: []taizhang.Finding{{Code: taizhang.CodeInvalidValue, Indicator: "1-2", Sheet: "工作臺賬", Cell: "I5", Message: "指標1-2的累計完成值“很多”:不是數字"}}},
			{Agency: "乙廳", File: "乙.xlsx", Sheet: "工作臺賬", Values: []taizhang.Row{
				{Indicator: "1-1", Cell: "I4", Raw: "8", Value: ptr(8)},
				{Indicator: "1-2", Cell: "I5", Raw: "120", Value: ptr(120)}}},
		},
		Previous: []taizhang.Return{{Agency: "乙廳", Values: []taizhang.Row{{Indicator: "1-1", Value: ptr(9)}}}},
	}
	res := Run(in)
	got := map[string]string{}
	for _, s := range res.Statuses {
		got[s.Indicator+"/"+s.Agency] = s.Status
	}
	want := map[string]string{"1-1/甲廳": Conflict, "1-1/乙廳": Conflict, "1-2/甲廳": Invalid, "1-2/乙廳": Exceeded,
		"2-1/丙局": NotReported, "3-0/丙局": NotReported}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("status %s = %s, want %s", k, got[k], w)
		}
	}
	if len(res.Statuses) != len(want) {
		t.Errorf("%d statuses: %v", len(res.Statuses), got)
	}
	codes := map[string]string{}
	for _, f := range res.Findings {
		if _, dup := codes[string(f.Code)+"/"+f.Agency+"/"+f.Indicator]; dup {
			t.Errorf("finding reported twice: %+v", f)
		}
		codes[string(f.Code)+"/"+f.Agency+"/"+f.Indicator] = f.Cell
		if f.Message == "" || f.Severity == "" {
			t.Errorf("finding without a message or severity: %+v", f)
		}
	}
	for k, cell := range map[string]string{
		"missing_return/丙局/": "",
		"conflict/甲廳/1-1":    "I4", "conflict/乙廳/1-1": "I4",
		"invalid_value/甲廳/1-2":            "I5",
		"exceeded/乙廳/1-2":                 "I5",
		"regression/乙廳/1-1":               "I4",
		"self_assessment_mismatch/甲廳/1-1": "K4",
	} {
		if c, ok := codes[k]; !ok || c != cell {
			t.Errorf("finding %s at %q missing (have %v)", k, cell, codes)
		}
	}
	for _, f := range res.Findings {
		if f.Code == taizhang.CodeConflict && (!strings.Contains(f.Message, "甲廳填報12家") || !strings.Contains(f.Message, "乙廳填報8家") || strings.Contains(f.Message, ".xlsx")) {
			t.Errorf("conflict should show both values with their unit, not the other agency's file: %s", f.Message)
		}
		if f.Code == taizhang.CodeConflict && strings.Join(f.CoLeads, ",") != "甲廳,乙廳" {
			t.Errorf("a conflict carries its co-leads as a list: %q", f.CoLeads)
		}
		if f.Code == taizhang.CodeMissingReturn && !strings.Contains(f.Message, "2023-07-10)10天") {
			t.Errorf("missing return should give the deadline and days: %s", f.Message)
		}
	}
	if res.Tasks[0].Status != Invalid || res.Sections[0].Status != Invalid || !strings.HasPrefix(res.Sections[0].Reason, "任務1:") {
		t.Errorf("roll-ups: task %+v section %+v", res.Tasks[0], res.Sections[0])
	}
}

// Every finding stored with a file at ingest reaches the result, with the file and agency; a
// 完成狀態 typed outside the drop-down makes the row invalid, never "not filled"; an empty return
// is named as such.
func TestFileFindingsTravel(t *testing.T) {
	q2, _ := taizhang.ParsePeriod("2023-Q2")
	cur := taizhang.Return{Agency: "丙局", File: "丙.xlsx", Sheet: "臺賬", Version: 2,
		Values: []taizhang.Row{{Indicator: "2-1", StatusCell: "K4", StatusRaw: "差不多完成了"}, {Indicator: "3-0", StatusCell: "K5", Status: "序時推進", StatusRaw: "序時推進"}},
		Findings: []taizhang.Finding{
			{Code: taizhang.CodeBadSignature, Sheet: "臺賬", Message: "校驗未通過"},
			{Code: taizhang.CodeOldCatalog, Sheet: "臺賬", Message: "舊版目錄"},
			{Code: taizhang.CodeUnknownRow, Indicator: "9-9", Sheet: "臺賬", Cell: "I9", Message: "目錄中沒有指標9-9"},
			{Code: taizhang.CodeInvalidValue, Indicator: "2-1", Sheet: "臺賬", Cell: "K4", Message: "完成狀態“差不多完成了”不在下拉選項中"}}}
	empty := taizhang.Return{Agency: "甲廳", File: "甲.xlsx", Sheet: "工作臺賬", Version: 1}
	in := Input{Plan: testPlan(), Period: q2, Current: []taizhang.Return{cur, empty},
		Reporting: []taizhang.Reporting{{Agency: "甲廳", State: taizhang.Overdue, Empty: true, Current: &empty, Deadline: taizhang.NewDate(2023, 7, 10), DaysLate: 3}}}
	res := Run(in)
	seen := map[string]taizhang.Finding{}
	for _, f := range res.Findings {
		seen[string(f.Code)+"/"+f.Agency] = f
	}
	for code, sev := range map[taizhang.Code]taizhang.Severity{taizhang.CodeBadSignature: taizhang.SevError, taizhang.CodeOldCatalog: taizhang.SevInfo,
		taizhang.CodeUnknownRow: taizhang.SevInfo, taizhang.CodeInvalidValue: taizhang.SevError} {
		f, ok := seen[string(code)+"/丙局"]
		if !ok || f.File != "丙.xlsx" || f.Severity != sev {
			t.Errorf("%s: %+v (present %v), want file 丙.xlsx, severity %s", code, f, ok, sev)
		}
	}
	if f := seen["unknown_row/丙局"]; f.Task != 9 || f.Cell != "I9" {
		t.Errorf("unknown_row keeps its place: %+v", f)
	}
	if _, ok := seen["not_reported/丙局"]; ok {
		t.Error("a 完成狀態 typed outside the list is invalid, not unreported")
	}
	for _, s := range res.Statuses {
		if s.Indicator == "2-1" && s.Status != Invalid {
			t.Errorf("2-1 = %s (%s), want invalid", s.Status, s.Reason)
		}
	}
	if f, ok := seen["empty_return/甲廳"]; !ok || f.File != "甲.xlsx" || !strings.Contains(f.Message, "沒有填寫任何內容") {
		t.Errorf("empty return: %+v", f)
	}
	if _, ok := seen["missing_return/甲廳"]; !ok {
		t.Error("an overdue agency whose only return is empty is still missing its return")
	}
}

func TestRunQualitativeAndOutlier(t *testing.T) {
	q2, _ := taizhang.ParsePeriod("2023-Q2")
	in := Input{Plan: testPlan(), Period: q2, Current: []taizhang.Return{
		{Agency: "丙局", Values: []taizhang.Row{{Indicator: "2-1", Status: "已完成"}, {Indicator: "3-0", Status: "序時推進"}}},
		{Agency: "甲廳", Values: []taizhang.Row{{Indicator: "1-1", Value: ptr(150), Cell: "I4"}, {Indicator: "1-2", Value: ptr(40), Cell: "I5"}}},
	}}
	res := Run(in)
	got := map[string]string{}
	for _, s := range res.Statuses {
		got[s.Indicator+"/"+s.Agency] = s.Status
	}
	if got["2-1/丙局"] != Met || got["3-0/丙局"] != OnSchedule || got["1-1/甲廳"] != Met || got["1-2/甲廳"] != OnSchedule || got["1-1/乙廳"] != NotReported {
		t.Errorf("statuses %v", got)
	}
	outlier := false
	for _, f := range res.Findings {
		if f.Code == taizhang.CodeOutlier && f.Indicator == "1-1" {
			outlier = true
		}
		if f.Code == taizhang.CodeMissingReturn {
			t.Errorf("no template was sent, so no return is missing: %+v", f)
		}
	}
	if !outlier {
		t.Error("150 against a target of 20 is an outlier")
	}
	// A jump far beyond the trend: 2 last quarter, 19 now, for a target of 20.
	in.Current[1].Values[0] = taizhang.Row{Indicator: "1-1", Value: ptr(19), Cell: "I4"}
	in.Previous = []taizhang.Return{{Agency: "甲廳", Values: []taizhang.Row{{Indicator: "1-1", Value: ptr(2)}}}}
	jump := false
	for _, f := range Run(in).Findings {
		if f.Code == taizhang.CodeOutlier && f.Indicator == "1-1" && strings.Contains(f.Message, "比上期2增加17") {
			jump = true
		}
	}
	if !jump {
		t.Error("from 2 to 19 in one quarter is a jump beyond the trend")
	}
}

// A refused file is said where the agency's state is: overdue with nothing usable, not yet due
// with nothing usable (to correct), or a correction refused while an earlier version stands (to
// check): two codes, each with its one severity.
func TestRefusedReturns(t *testing.T) {
	q2, _ := taizhang.ParsePeriod("2023-Q2")
	refused := &taizhang.Refusal{Agency: "x", File: "乙.xlsx", ReceivedAt: time.Date(2023, 7, 8, 2, 0, 0, 0, time.UTC), Reason: "校驗不通過"}
	cur := taizhang.Return{Agency: "丙局", File: "丙.xlsx", Version: 2}
	in := Input{Plan: testPlan(), Period: q2, Location: time.FixedZone("CST", 8*3600), Reporting: []taizhang.Reporting{
		{Agency: "甲廳", State: taizhang.Overdue, Refused: refused, Deadline: taizhang.NewDate(2023, 7, 10), DaysLate: 3},
		{Agency: "乙廳", State: taizhang.Sent, Refused: refused, Deadline: taizhang.NewDate(2023, 7, 10)},
		{Agency: "丙局", State: taizhang.OnTime, Refused: refused, Current: &cur, Deadline: taizhang.NewDate(2023, 7, 10)}}}
	type want struct {
		code     taizhang.Code
		severity taizhang.Severity
		message  string
	}
	wants := map[string]want{
		"甲廳": {taizhang.CodeMissingReturn, taizhang.SevError, "已超過報送截止日期(2023-07-10)3天仍沒有可用的版本,請催報。2023-07-08 10:00報回的“乙.xlsx”被拒收:校驗不通過"},
		"乙廳": {taizhang.CodeRefusedReturn, taizhang.SevError, "乙廳還沒有可用的臺賬,請按原因修改後重新報送。2023-07-08 10:00報回的“乙.xlsx”被拒收"},
		"丙局": {taizhang.CodeRefusedCorrection, taizhang.SevWarning, "丙局最近報回的文件未被採用,現行版本仍是第2版。"},
	}
	got := map[string]taizhang.Finding{}
	for _, f := range Run(in).Findings {
		if f.Code == taizhang.CodeMissingReturn || f.Code == taizhang.CodeRefusedReturn || f.Code == taizhang.CodeRefusedCorrection {
			got[f.Agency] = f
		}
	}
	for agency, w := range wants {
		f := got[agency]
		if f.Code != w.code || f.Severity != w.severity || !strings.Contains(f.Message, w.message) {
			t.Errorf("%s: %s %s %q; want %s %s containing %q", agency, f.Code, f.Severity, f.Message, w.code, w.severity, w.message)
		}
	}
}
