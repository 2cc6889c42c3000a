package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"taizhang/cycle"
)

// deadlineOf is what status --json says of an agency's deadline.
func deadlineOf(t *testing.T, db, agency string) cycle.StateJSON {
	t.Helper()
	code, stdout, stderr := run(t, "--db", db, "status", "--period", "2023-Q2", "--json")
	if code != 0 {
		t.Fatal(stderr)
	}
	var st cycle.StatusJSON
	if err := json.Unmarshal([]byte(stdout), &st); err != nil {
		t.Fatal(err)
	}
	for _, a := range st.Agencies {
		if a.Agency == agency {
			return a
		}
	}
	t.Fatalf("%s not in status", agency)
	return cycle.StateJSON{}
}

// Every change of a deadline in force needs a reason, whichever command makes it; bringing one
// forward needs --force (feedback never does it), and is never called an extension.
func TestDeadlineChangesNeedAReason(t *testing.T) {
	t.Parallel()
	dir, db := initDB(t)
	out := filepath.Join(dir, "ledgers")
	run := runAt("2023-07-01")
	cli := func(want int, args ...string) string {
		t.Helper()
		code, stdout, stderr := run(t, append([]string{"--db", db}, args...)...)
		if code != want {
			t.Fatalf("%v: exit %d, want %d\n%s%s", args, code, want, stdout, stderr)
		}
		return stdout + stderr
	}
	// The first issue sets the deadline; no reason is asked for.
	cli(0, "templates", "--period", "2023-Q2", "--out", out, "--agency", "省科技厅", "--agency", "省财政厅", "--deadline", "2023-07-12")
	// Issuing again with another date: refused without a reason, nothing written or changed.
	got := cli(exitUsage, "templates", "--period", "2023-Q2", "--out", filepath.Join(dir, "again"), "--agency", "省科技厅", "--deadline", "2023-07-20")
	if !strings.Contains(got, "--reason") {
		t.Errorf("no word of --reason: %s", got)
	}
	if d := deadlineOf(t, db, "省科技厅"); d.Deadline != "2023-07-12" || d.Extended {
		t.Errorf("deadline changed without a reason: %+v", d)
	}
	cli(0, "templates", "--period", "2023-Q2", "--out", out, "--agency", "省科技厅", "--deadline", "2023-07-20", "--reason", "分管领导批准")
	if d := deadlineOf(t, db, "省科技厅"); d.Deadline != "2023-07-20" || !d.Extended || d.DeadlineReason != "分管领导批准" {
		t.Errorf("after a re-issue with a reason: %+v", d)
	}
	// Re-issuing with the same date is no change and needs nothing.
	cli(0, "templates", "--period", "2023-Q2", "--out", out, "--agency", "省科技厅", "--deadline", "2023-07-20")
	// Bringing it forward needs --force too.
	if got := cli(exitUsage, "templates", "--period", "2023-Q2", "--out", out, "--agency", "省科技厅", "--deadline", "2023-07-15", "--reason", "x"); !strings.Contains(got, "提前") {
		t.Errorf("shortening: %s", got)
	}
	// feedback --deadline: a reason, and only later.
	cli(exitUsage, "feedback", "--period", "2023-Q2", "--out", filepath.Join(dir, "fb"), "--deadline", "2023-07-25")
	if got := cli(exitUsage, "feedback", "--period", "2023-Q2", "--out", filepath.Join(dir, "fb"), "--deadline", "2023-07-14", "--reason", "x"); !strings.Contains(got, "只能延长") {
		t.Errorf("feedback shortening: %s", got)
	}
	cli(0, "feedback", "--period", "2023-Q2", "--out", filepath.Join(dir, "fb"), "--deadline", "2023-07-25", "--reason", "来函申请延期")
	if d := deadlineOf(t, db, "省财政厅"); d.Deadline != "2023-07-25" || !d.Extended || d.DeadlineReason != "来函申请延期" {
		t.Errorf("after feedback --deadline: %+v", d)
	}
	// deadline --until earlier: refused without --force; with it, said as 提前 and never "extended".
	if got := cli(exitUsage, "deadline", "--period", "2023-Q2", "--agency", "省财政厅", "--until", "2023-07-11", "--reason", "录入有误"); !strings.Contains(got, "提前到 2023-07-11(提前14天)") {
		t.Errorf("deadline shortening: %s", got)
	}
	if got := cli(0, "deadline", "--period", "2023-Q2", "--agency", "省财政厅", "--until", "2023-07-11", "--reason", "录入有误", "--force"); !strings.Contains(got, "2023-07-25 → 2023-07-11,提前14天(原因:录入有误)") {
		t.Errorf("deadline --force: %s", got)
	}
	if d := deadlineOf(t, db, "省财政厅"); d.Deadline != "2023-07-11" || d.Extended || !d.Shortened || d.DeadlineReason != "录入有误" {
		t.Errorf("a shortened deadline: %+v", d)
	}
	if got := cli(0, "deadline", "--period", "2023-Q2", "--agency", "省财政厅", "--until", "2023-07-18", "--reason", "批准延期"); !strings.Contains(got, "2023-07-11 → 2023-07-18,延长7天") {
		t.Errorf("deadline extension: %s", got)
	}
}
