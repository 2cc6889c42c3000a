package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/cycle"
	"taizhang/excel"
	"taizhang/internal/ledgertest"
	"taizhang/templates/ledger"
)

// cli runs the command line with TAIZHANG_NOW at now, against db, and fails the test on a
// non-zero exit unless want says otherwise.
type cli struct {
	t  *testing.T
	db string
}

func (c cli) at(now string, want int, args ...string) string {
	c.t.Helper()
	code, out, stderr := runAt(now)(c.t, append([]string{"--db", c.db}, args...)...)
	if code != want {
		c.t.Fatalf("%s %v: exit %d, want %d\n%s%s", now, args, code, want, out, stderr)
	}
	return out + stderr
}

// fillLedger types a value into the first numeric row of a ledger, as an agency would.
func fillLedger(t *testing.T, path string, value float64) {
	t.Helper()
	r := ledgertest.Read(t, path)
	if len(r.Rows) == 0 {
		t.Fatalf("%s: no rows", path)
	}
	err := excel.Edit(path, func(e *excel.Editor) error {
		return e.Set(r.Sheet, r.Rows[0].Cell(ledger.ColValue), value)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// standing is what every view says of one agency: state, deadline, days late.
type standing struct {
	state    string
	deadline string
	late     int
}

// agree checks that status --json, reconcile --json, the report's 分單位情況 and the chase list
// say the same of every agency, and returns what they say.
func (c cli) agree(now string) map[string]standing {
	c.t.Helper()
	var st cycle.StatusJSON
	if err := json.Unmarshal([]byte(c.at(now, 0, "status", "--period", "2023-Q2", "--json")), &st); err != nil {
		c.t.Fatal(err)
	}
	want := map[string]standing{}
	for _, a := range st.Agencies {
		want[a.Agency] = standing{a.State, a.Deadline, a.DaysLate}
	}
	var rec cycle.ReconcileJSON
	if err := json.Unmarshal([]byte(c.at(now, 0, "reconcile", "--period", "2023-Q2", "--json")), &rec); err != nil {
		c.t.Fatal(err)
	}
	for _, a := range rec.Reporting {
		if got := (standing{a.State, a.Deadline, a.DaysLate}); got != want[a.Agency] {
			c.t.Errorf("%s: reconcile says %+v, status %+v", a.Agency, got, want[a.Agency])
		}
	}
	dir := c.t.TempDir()
	c.at(now, 0, "report", "--period", "2023-Q2", "--out", filepath.Join(dir, "r.xlsx"))
	c.at(now, 0, "remind", "--period", "2023-Q2", "--out", filepath.Join(dir, "c.xlsx"))
	labels := map[string]string{}
	for _, st := range taizhang.ReportStates {
		labels[st.Label(taizhang.Traditional)] = string(st)
	}
	for _, row := range sheetRows(c.t, filepath.Join(dir, "r.xlsx"), "分單位情況")[2:] {
		late := 0
		fmt.Sscanf(cellOf(row, 7), "逾期%d天", &late)
		if got := (standing{labels[cellOf(row, 4)], cellOf(row, 5), late}); got != want[row[0]] {
			c.t.Errorf("%s: the report says %+v, status %+v", row[0], got, want[row[0]])
		}
	}
	for _, row := range sheetRows(c.t, filepath.Join(dir, "c.xlsx"), "催報清單")[2:] {
		w := want[row[1]]
		late := 0
		fmt.Sscanf(cellOf(row, 5), "逾期%d天", &late)
		if cellOf(row, 4) != w.deadline || (w.state == "overdue" && late != w.late) {
			c.t.Errorf("%s: the chase list says %s %s, status %+v", row[1], cellOf(row, 4), cellOf(row, 5), w)
		}
	}
	return want
}

func sheetRows(t *testing.T, path, sheet string) [][]string {
	t.Helper()
	book, err := excel.Open(path, excel.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	rows, err := book.Rows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func cellOf(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// TestTrustScenario: one agency returns on time, another never, feedback goes out, a third gets
// an extension, the first sends a correction, which is withdrawn and restored. After each step
// every view agrees on each agency's state, deadline and days late, and lateness is judged on the
// first receipt, in Beijing time, against deadlines only a person changed.
func TestTrustScenario(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	c := cli{t: t, db: filepath.Join(dir, "t.db")}
	const onTime, never, extended = "省科技廳", "省財政廳", "省水利廳"
	c.at("2023-06-20", 0, "init", "--script", "traditional")
	out := filepath.Join(dir, "ledgers")
	c.at("2023-06-20T10:00:00+08:00", 0, "templates", "--period", "2023-Q2", "--out", out, "--agency", onTime, "--agency", never, "--agency", extended)
	check := func(now string, want map[string]standing) {
		t.Helper()
		got := c.agree(now)
		for a, w := range want {
			if got[a] != w {
				t.Errorf("%s at %s: %+v, want %+v", a, now, got[a], w)
			}
		}
	}
	check("2023-07-01", map[string]standing{onTime: {"sent", "2023-07-10", 0}, never: {"sent", "2023-07-10", 0}, "省教育廳": {"not_sent", "", 0}})

	// 23:30 on the deadline day in Beijing is 15:30 UTC: on time, not late.
	v1 := filepath.Join(dir, "v1.xlsx")
	copyFile(t, filepath.Join(out, "2023-Q2_"+onTime+".xlsx"), v1)
	fillLedger(t, v1, 11)
	c.at("2023-07-10T23:30:00+08:00", 0, "ingest", v1)
	check("2023-07-12T09:00:00+08:00", map[string]standing{onTime: {"on_time", "2023-07-10", 0}, never: {"overdue", "2023-07-10", 2}, extended: {"overdue", "2023-07-10", 2}})

	// Feedback sends blank ledgers; no deadline moves, and the blank ledger says the deadline in force.
	fb := filepath.Join(dir, "feedback")
	c.at("2023-07-12T09:00:00+08:00", 0, "feedback", "--period", "2023-Q2", "--out", fb)
	guide := sheetRows(t, filepath.Join(fb, "2023-Q2_"+never+"_退回意見.xlsx"), ledger.SheetGuide)
	if !strings.Contains(fmt.Sprint(guide), "2023-07-10") {
		t.Errorf("the blank ledger's guide does not carry the deadline in force: %v", guide)
	}
	check("2023-07-13T09:00:00+08:00", map[string]standing{never: {"overdue", "2023-07-10", 3}, extended: {"overdue", "2023-07-10", 3}})
	c.at("2023-07-20", 0, "feedback", "--period", "2023-Q2", "--out", fb) // running it again moves nothing either
	check("2023-07-20", map[string]standing{never: {"overdue", "2023-07-10", 10}})

	// Only a person moves a deadline, with a reason.
	c.at("2023-07-13", exitUsage, "deadline", "--period", "2023-Q2", "--agency", extended, "--until", "2023-07-25")
	c.at("2023-07-13", 0, "deadline", "--period", "2023-Q2", "--agency", extended, "--until", "2023-07-25", "--reason", "防汛任務重,申請延期")
	check("2023-07-20", map[string]standing{extended: {"sent", "2023-07-25", 0}, never: {"overdue", "2023-07-10", 10}})
	var st cycle.StatusJSON
	json.Unmarshal([]byte(c.at("2023-07-20", 0, "status", "--period", "2023-Q2", "--json")), &st)
	for _, a := range st.Agencies {
		if a.Agency == extended && (!a.Extended || a.DeadlineReason != "防汛任務重,申請延期" || a.DaysLeft != 5) {
			t.Errorf("extended agency: %+v", a)
		}
	}

	// A correction received later keeps the first receipt's lateness: still on time.
	v2 := filepath.Join(dir, "v2.xlsx")
	copyFile(t, v1, v2)
	fillLedger(t, v2, 22)
	text := c.at("2023-07-21", 0, "ingest", v2, "--received", "2023-07-15T09:30")
	if !strings.Contains(text, "第2版,替換第1版") {
		t.Errorf("ingest of the correction:\n%s", text)
	}
	check("2023-07-21", map[string]standing{onTime: {"on_time", "2023-07-10", 0}})
	json.Unmarshal([]byte(c.at("2023-07-21", 0, "status", "--period", "2023-Q2", "--json")), &st)
	for _, a := range st.Agencies {
		if a.Agency == onTime && (a.Version != 2 || len(a.Versions) != 2 || a.Versions[0].ReceivedAt.Format("2006-01-02 15:04") != "2023-07-15 09:30") {
			t.Errorf("after the correction: %+v", a)
		}
	}
	if text := c.at("2023-07-21", 0, "status", "--period", "2023-Q2"); !strings.Contains(text, "2023-07-10 23:30") || strings.Contains(text, "T23:30") {
		t.Errorf("status shows times in Beijing time as 2023-07-10 23:30:\n%s", text)
	}

	// Withdraw the correction: version 1 is current again, still on time; restore it back.
	if text := c.at("2023-07-22", 0, "withdraw", "--period", "2023-Q2", "--agency", onTime, "--reason", "報錯了數"); !strings.Contains(text, "已撤回第2版") || !strings.Contains(text, "現行版本:第1版") {
		t.Errorf("withdraw: %s", text)
	}
	check("2023-07-22", map[string]standing{onTime: {"on_time", "2023-07-10", 0}})
	if v := currentValue(t, c, onTime); v != 11 {
		t.Errorf("after withdrawing v2 the value is %v, want v1's 11", v)
	}
	c.at("2023-07-22", 0, "restore", "--period", "2023-Q2", "--agency", onTime, "--version", "2", "--reason", "經核實第2版正確")
	if v := currentValue(t, c, onTime); v != 22 {
		t.Errorf("after restoring v2 the value is %v, want 22", v)
	}
	// Re-ingesting the same bytes is still a duplicate; restore is the way back to a version.
	if text := c.at("2023-07-22", 0, "ingest", v1); !strings.Contains(text, "taizhang restore") {
		t.Errorf("duplicate: %s", text)
	}
	check("2023-07-26", map[string]standing{onTime: {"on_time", "2023-07-10", 0}, extended: {"overdue", "2023-07-25", 1}, never: {"overdue", "2023-07-10", 16}})
}

func currentValue(t *testing.T, c cli, agency string) float64 {
	t.Helper()
	var rec cycle.ReconcileJSON
	json.Unmarshal([]byte(c.at("2023-07-22", 0, "reconcile", "--period", "2023-Q2", "--json")), &rec)
	for _, s := range rec.Statuses {
		if s.Agency == agency && s.Value != nil {
			return *s.Value
		}
	}
	return -1
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

var _ = taizhang.DateLayout
