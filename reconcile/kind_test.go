package reconcile

import (
	"strings"
	"testing"

	taizhang "taizhang"
)

// kindPlan: one indicator of each kind that is judged by a number, two co-leads on a running
// total they report in shares.
func kindPlan() *taizhang.Plan {
	return &taizhang.Plan{Year: 2023, Sections: []taizhang.Section{{No: 1, Title: "一"}},
		Agencies: []taizhang.Agency{{Name: "甲廳"}, {Name: "乙廳"}},
		Tasks: []taizhang.Task{
			{No: 1, Section: 1, Title: "名城", Lead: []string{"甲廳"}, Indicators: []taizhang.Indicator{
				{ID: "1-1", Metric: "“兩名城”國內城市排名", Comparator: taizhang.AtMost, Value: ptr(10), Unit: "名", Kind: taizhang.KindRank},
				{ID: "1-2", Metric: "生活垃圾分類設施覆蓋率", Comparator: taizhang.Equal, Value: ptr(95), Unit: "%", Kind: taizhang.KindRate},
				{ID: "1-3", Metric: "軟件業務收入", Comparator: taizhang.Increase, Value: ptr(10), Unit: "%", Approx: true, Kind: taizhang.KindGrowth},
				{ID: "1-4", Metric: "全國重點實驗室", Comparator: taizhang.AtLeast, Value: ptr(25), Unit: "家", Kind: taizhang.KindLevel}}},
			{No: 2, Section: 1, Title: "投資", Lead: []string{"甲廳", "乙廳"}, Indicators: []taizhang.Indicator{
				{ID: "2-1", Metric: "完成投資", Comparator: taizhang.AtLeast, Value: ptr(100), Unit: "億元", Kind: taizhang.KindCumulative, Shares: true}}},
		}}
}

func TestRunByKind(t *testing.T) {
	q2, _ := taizhang.ParsePeriod("2023-Q2")
	row := func(id string, v float64, status string) taizhang.Row {
		return taizhang.Row{Indicator: id, Value: ptr(v), Raw: fmtNum(v), Cell: "I" + id, StatusCell: "K" + id, Status: status}
	}
	in := Input{Plan: kindPlan(), Period: q2, Current: []taizhang.Return{
		{Agency: "甲廳", Values: []taizhang.Row{row("1-1", 7, "已完成"), row("1-2", 44.1, "已完成"), row("1-3", 4.7, "序時推進"), row("1-4", 18, ""),
			row("2-1", 30, "")}},
		{Agency: "乙廳", Values: []taizhang.Row{row("2-1", 25, "")}}},
		Previous: []taizhang.Return{{Agency: "甲廳", Values: []taizhang.Row{row("1-1", 5, ""), row("1-2", 50, ""), row("1-3", 4.7, "")}}},
	}
	res := Run(in)
	got := map[string]Status{}
	for _, s := range res.Statuses {
		got[s.Indicator+"/"+s.Agency] = s
	}
	for k, want := range map[string]struct {
		status string
		kind   taizhang.IndicatorKind
		reason string
	}{
		"1-1/甲廳": {Met, taizhang.KindRank, "排名第7,目標前10,已達到"},
		"1-2/甲廳": {NotMet, taizhang.KindRate, "覆蓋率44.1%,目標95%,差50.9個百分點"},
		"1-3/甲廳": {NotMet, taizhang.KindGrowth, "增長4.7%,目標增長10%左右,差5.3個百分點"},
		"1-4/甲廳": {NotMet, taizhang.KindLevel, "現有18家,目標25家以上,差7家"},
		// 30 + 25 of 100 at mid-year: the sum is on schedule, and the two differ without a conflict.
		"2-1/甲廳": {OnSchedule, taizhang.KindCumulative, "合計55億元(甲廳填報30億元、乙廳填報25億元)"},
		"2-1/乙廳": {OnSchedule, taizhang.KindCumulative, "合計55億元"},
	} {
		s := got[k]
		if s.Status != want.status || s.Kind != want.kind || !strings.Contains(s.Reason, want.reason) {
			t.Errorf("%s: %s %s %q, want %s %s with %q", k, s.Status, s.Kind, s.Reason, want.status, want.kind, want.reason)
		}
	}
	if s := got["2-1/甲廳"]; s.Total == nil || *s.Total != 55 || *s.Value != 30 {
		t.Errorf("shares: value %v total %v", s.Value, s.Total)
	}
	findings := map[string]taizhang.Finding{}
	for _, f := range res.Findings {
		findings[string(f.Code)+"/"+f.Indicator] = f
		if strings.Contains(f.Message, "滯後") || strings.Contains(f.Message, "時間進度") && f.Indicator != "1-4" && f.Indicator != "2-1" {
			t.Errorf("a rate, growth rate or rank judged by time: %s", f.Message)
		}
	}
	for key, part := range map[string]string{
		"self_assessment_mismatch/1-2": "自評“已完成”,但覆蓋率44.1%,目標95%,差50.9個百分點",
		"not_met/1-2":                  "覆蓋率44.1%,目標95%,差50.9個百分點",
		"not_met/1-3":                  "差5.3個百分點",
		"regression/1-2":               "本期44.1%,比上期50%下降",
		"regression/1-1":               "排名由上期第5位退至本期第7位",
	} {
		if f, ok := findings[key]; !ok || !strings.Contains(f.Message, part) {
			t.Errorf("%s: %q, want it to say %q", key, f.Message, part)
		}
	}
	for _, key := range []string{"self_assessment_mismatch/1-1", "conflict/2-1", "behind/1-2", "regression/1-3", "outlier/1-1"} {
		if f, ok := findings[key]; ok {
			t.Errorf("unexpected %s: %s", key, f.Message)
		}
	}
	// A rank that is not a place is an outlier; a rate over 100% too.
	in.Current[0].Values[0], in.Current[0].Values[1] = row("1-1", 0.7, ""), row("1-2", 441, "")
	found := 0
	for _, f := range Run(in).Findings {
		if f.Code == taizhang.CodeOutlier && (f.Indicator == "1-1" && strings.Contains(f.Message, "名次") || f.Indicator == "1-2" && strings.Contains(f.Message, "100%")) {
			found++
		}
	}
	if found != 2 {
		t.Errorf("%d outliers by kind, want 2", found)
	}
}

// A running total's regression holds within a year only: 2023-Q1 after 2022-Q4 starts again.
func TestRegressionWithinTheYear(t *testing.T) {
	q1, _ := taizhang.ParsePeriod("2023-Q1")
	in := Input{Plan: testPlan(), Period: q1,
		Current:  []taizhang.Return{{Agency: "甲廳", Values: []taizhang.Row{{Indicator: "1-1", Value: ptr(2)}}}},
		Previous: []taizhang.Return{{Agency: "甲廳", Values: []taizhang.Row{{Indicator: "1-1", Value: ptr(19)}}}}}
	for _, f := range Run(in).Findings {
		if f.Code == taizhang.CodeRegression {
			t.Errorf("a new year's running total is not a regression: %s", f.Message)
		}
	}
}
