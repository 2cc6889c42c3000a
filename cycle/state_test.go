package cycle

import (
	"context"
	"testing"
	"time"

	taizhang "taizhang"
)

var beijing, _ = time.LoadLocation("Asia/Shanghai")

func bj(s string) time.Time {
	t, err := taizhang.ParseMoment(s, beijing)
	if err != nil {
		panic(err)
	}
	return t
}

func TestStates(t *testing.T) {
	t.Parallel()
	q2 := taizhang.Period{Year: 2023, Kind: 'Q', Index: 2}
	plan := &taizhang.Plan{Year: 2023, Agencies: []taizhang.Agency{{Name: "甲"}, {Name: "乙"}, {Name: "丙"}, {Name: "丁"}, {Name: "戊"}, {Name: "己"}},
		Tasks: []taizhang.Task{{No: 1, Lead: []string{"甲", "乙", "丙", "丁", "戊", "己"}}}}
	deadline := taizhang.NewDate(2023, 7, 10)
	sent := func(a string) taizhang.Ledger { return taizhang.Ledger{Agency: a, Period: q2, Deadline: deadline} }
	version := func(a string, v int, received string, filled int, current, withdrawn bool) taizhang.Return {
		return taizhang.Return{Agency: a, Version: v, ReceivedAt: bj(received), Filled: filled, Current: current, Withdrawn: withdrawn}
	}
	h := history{plan: plan, period: q2,
		ledgers: []taizhang.Ledger{sent("甲"), sent("乙"), sent("丙"), sent("丁"), sent("戊")},
		deadlines: []taizhang.DeadlineChange{{Agency: "甲", Deadline: deadline}, {Agency: "乙", Deadline: deadline}, {Agency: "丙", Deadline: deadline},
			{Agency: "丁", Deadline: deadline}, {Agency: "戊", Deadline: deadline}, {Agency: "戊", Deadline: taizhang.NewDate(2023, 7, 20), Reason: "延期"}},
		returns: []taizhang.Return{
			// 甲: a correction after the deadline; the first receipt, 23:59 on the deadline day in Beijing, counts.
			version("甲", 2, "2023-07-15 10:00", 3, true, false), version("甲", 1, "2023-07-10 23:59", 3, false, false),
			// 乙: the first version was withdrawn (a wrong file); the one that counts came late.
			version("乙", 2, "2023-07-12 09:00", 3, true, false), version("乙", 1, "2023-07-09 09:00", 3, false, true),
			// 丙: only an empty return.
			version("丙", 1, "2023-07-09 09:00", 0, true, false),
			// 丁: nothing. 戊: nothing, but extended. 己: a return without a ledger sent.
			version("己", 1, "2023-07-11 00:00", 2, true, false),
		}}
	got := map[string]taizhang.Reporting{}
	for _, r := range h.States(bj("2023-07-13 08:00"), beijing) {
		got[r.Agency] = r
	}
	for a, want := range map[string]struct {
		state            taizhang.ReportState
		late, left       int
		empty, extended  bool
		deadline, reason string
	}{
		"甲": {state: taizhang.OnTime, deadline: "2023-07-10"},
		"乙": {state: taizhang.Late, late: 2, deadline: "2023-07-10"},
		"丙": {state: taizhang.Overdue, late: 3, empty: true, deadline: "2023-07-10"},
		"丁": {state: taizhang.Overdue, late: 3, deadline: "2023-07-10"},
		"戊": {state: taizhang.Sent, left: 7, extended: true, deadline: "2023-07-20", reason: "延期"},
		"己": {state: taizhang.Late, late: 1, deadline: "2023-07-10"},
	} {
		r := got[a]
		if r.State != want.state || r.DaysLate != want.late || r.DaysLeft != want.left || r.Empty != want.empty || r.Extended != want.extended ||
			r.Deadline.String() != want.deadline || (want.extended && r.DeadlineReason != want.reason) {
			t.Errorf("%s = %s late %d left %d empty %v extended %v deadline %s (%s); want %+v", a, r.State, r.DaysLate, r.DaysLeft, r.Empty, r.Extended,
				r.Deadline, r.DeadlineReason, want)
		}
	}
	if got["甲"].Current == nil || got["甲"].Current.Version != 2 || !got["甲"].FirstReceived.Equal(bj("2023-07-10 23:59")) {
		t.Errorf("甲: current %+v first %v", got["甲"].Current, got["甲"].FirstReceived)
	}
	// At 00:00 on the 11th in Beijing (16:00 UTC on the 10th) the deadline has passed.
	for _, r := range h.States(bj("2023-07-11 00:00"), beijing) {
		if r.Agency == "丁" && (r.State != taizhang.Overdue || r.DaysLate != 1) {
			t.Errorf("丁 just after the deadline: %s %d", r.State, r.DaysLate)
		}
	}
	for _, r := range h.States(bj("2023-07-10 23:59"), beijing) {
		if r.Agency == "丁" && (r.State != taizhang.Sent || r.DaysLeft != 0) {
			t.Errorf("丁 on the deadline day: %s %d", r.State, r.DaysLeft)
		}
	}
}

func TestChase(t *testing.T) {
	t.Parallel()
	states := []taizhang.Reporting{
		{Agency: "甲", State: taizhang.OnTime, Current: &taizhang.Return{Filler: "張三", Phone: "1"}},
		{Agency: "乙", State: taizhang.Overdue, DaysLate: 3, LastContact: "李四 2"},
		{Agency: "丙", State: taizhang.Sent, DaysLeft: 1, Empty: true},
		{Agency: "丁", State: taizhang.Overdue, DaysLate: 9},
	}
	findings := []taizhang.Finding{{Code: taizhang.CodeNotReported, Agency: "甲"}, {Code: taizhang.CodeNotReported, Agency: "甲"},
		{Code: taizhang.CodeBadSignature, Severity: taizhang.SevError, Agency: "甲"}, {Code: taizhang.CodeInvalidValue, Agency: "甲"}}
	got := Chase(states, findings, time.UTC)
	var order []string
	for _, it := range got {
		order = append(order, it.Agency)
	}
	if len(got) != 4 || order[0] != "丁" || order[1] != "乙" || order[2] != "丙" || order[3] != "甲" {
		t.Fatalf("order = %v", order)
	}
	if m := got[3].Missing; len(m) != 3 || m[0] != "2行未填寫" || m[1] != "1個數值需更正" || m[2] != "校驗未通過,需核實更正" || got[3].Contact != "張三 1" {
		t.Errorf("甲 = %+v", got[3])
	}
	if got[1].Contact != "李四 2" || got[1].DaysLate != 3 || got[2].Missing[0] != owedEmpty || got[2].DaysLeft != 1 {
		t.Errorf("乙 %+v 丙 %+v", got[1], got[2])
	}
}

// Whose words a deadline's reason is, is recorded with it: the first ledger's is the program's,
// shown in the reader's script; an extension's is the person's, shown as typed.
func TestDeadlineReasonKinds(t *testing.T) {
	clock := time.Date(2023, 7, 5, 9, 0, 0, 0, beijing)
	s := webService(t, &clock)
	ctx := context.Background()
	if _, err := s.ExtendDeadline(ctx, DeadlineRequest{Period: webQ2, Agency: "省科技廳", Until: taizhang.NewDate(2023, 7, 20), Reason: "下發臺賬"}); err != nil {
		t.Fatal(err)
	}
	changes, err := s.st.Deadlines(ctx, webQ2)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range changes {
		last := i == len(changes)-1
		if last && c.ReasonKind != taizhang.ReasonPerson || !last && c.ReasonKind != taizhang.ReasonIssued {
			t.Errorf("%s %s %q: kind %q", c.Agency, c.Deadline, c.Reason, c.ReasonKind)
		}
	}
	tl, err := s.Timeline(ctx, TimelineRequest{Period: webQ2, Agency: "省科技廳"})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range tl.Events {
		if e.Kind == EventDeadline && e.OurWords {
			t.Errorf("a person's reason, worded as the program's, is taken as ours: %+v", e)
		}
	}
}
