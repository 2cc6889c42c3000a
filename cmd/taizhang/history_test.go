package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	taizhang "taizhang"
	"taizhang/store"
	"taizhang/templates/ledger"
)

// history lists, in time order, who did what to a period and why: ledgers issued, deadline
// changes, versions received, withdrawn and restored, links. status --agency lists an agency's
// versions with their files, which withdraw and restore name.
func TestHistory(t *testing.T) {
	t.Parallel()
	dir, db := initDB(t)
	cli := func(now string, want int, args ...string) string {
		t.Helper()
		code, stdout, stderr := runAt(now)(t, append([]string{"--db", db}, args...)...)
		if code != want {
			t.Fatalf("%v: exit %d, want %d\n%s%s", args, code, want, stdout, stderr)
		}
		return stdout
	}
	ledgers := filepath.Join(dir, "ledgers")
	cli("2023-06-25T09:00:00+08:00", 0, "templates", "--period", "2023-Q2", "--out", ledgers, "--agency", "省财政厅", "--agency", "省科技厅")
	cli("2023-07-05T10:00:00+08:00", 0, "deadline", "--period", "2023-Q2", "--agency", "省财政厅", "--until", "2023-07-15", "--reason", "來函申請延期")
	mail := filepath.Join(dir, "mail")
	os.MkdirAll(mail, 0o755)
	copyFile(t, filepath.Join(ledgers, "2023-Q2_省财政厅.xlsx"), filepath.Join(mail, "财政厅.xlsx"))
	fillLedger(t, filepath.Join(mail, "财政厅.xlsx"), 12)
	cli("2023-07-09T09:00:00+08:00", 0, "ingest", "--received", "2023-07-08T17:30", filepath.Join(mail, "财政厅.xlsx"))
	copyFile(t, filepath.Join(ledgers, "2023-Q2_省财政厅.xlsx"), filepath.Join(mail, "财政厅更正.xlsx"))
	fillLedger(t, filepath.Join(mail, "财政厅更正.xlsx"), 15)
	cli("2023-07-10T09:00:00+08:00", 0, "ingest", "--received", "2023-07-09T08:00", filepath.Join(mail, "财政厅更正.xlsx"))
	copyFile(t, filepath.Join(ledgers, "2023-Q2_省财政厅.xlsx"), filepath.Join(mail, "财政厅改目标.xlsx"))
	setCell(t, filepath.Join(mail, "财政厅改目标.xlsx"), "", ledger.ColTarget, "1")
	cli("2023-07-10T11:00:00+08:00", exitRefused, "ingest", "--received", "2023-07-10T10:00", filepath.Join(mail, "财政厅改目标.xlsx"))
	cli("2023-07-11T09:00:00+08:00", 0, "withdraw", "--period", "2023-Q2", "--agency", "省财政厅", "--reason", "更正版填错了单位")
	cli("2023-07-11T10:00:00+08:00", 0, "restore", "--period", "2023-Q2", "--agency", "省财政厅", "--version", "2", "--reason", "核实后仍用更正版")
	cli("2023-07-12T09:00:00+08:00", 0, "links", "--period", "2023-Q2", "--agency", "省财政厅", "--base-url", "https://tz.example.gov.cn")

	var h historyJSON
	if err := json.Unmarshal([]byte(cli("2023-07-20", 0, "history", "--period", "2023-Q2", "--json")), &h); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range h.Events {
		line := e.At.Format("01-02 15:04") + " " + e.Agency + " " + e.Event
		if e.Version > 0 {
			line += " v" + string(rune('0'+e.Version))
		}
		if e.File != "" {
			line += " " + e.File
		}
		if e.Deadline != "" {
			line += " " + e.PreviousDeadline + ">" + e.Deadline
		}
		if e.Reason != "" {
			line += " (" + e.Reason + ")"
		}
		if e.By == "" {
			t.Errorf("%s: no one did it", line)
		}
		got = append(got, line)
	}
	want := []string{
		"06-25 09:00 省科技厅 issued 2023-Q2_省科技厅.xlsx >2023-07-10",
		"06-25 09:00 省财政厅 issued 2023-Q2_省财政厅.xlsx >2023-07-10",
		"07-05 10:00 省财政厅 deadline 2023-07-10>2023-07-15 (來函申請延期)",
		"07-09 09:00 省财政厅 received v1 财政厅.xlsx",
		"07-10 09:00 省财政厅 received v2 财政厅更正.xlsx",
		"07-10 10:00 省财政厅 refused 财政厅改目标.xlsx (校验不通过:单元格G4(目标值)被改为“1”,原为“开工改造城镇老旧小区3898个”。请用下发的原模板重新填报,只填黄色单元格)",
		"07-11 09:00 省财政厅 withdrawn v2 财政厅更正.xlsx (更正版填错了单位)",
		"07-11 10:00 省财政厅 restored v2 财政厅更正.xlsx (核实后仍用更正版)",
		"07-12 09:00 省财政厅 link_created",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("history:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if r := h.Events[3].ReceivedAt; r == nil || r.Format(time.DateTime) != "2023-07-08 17:30:00" {
		t.Errorf("received at %v", r)
	}
	// A person's reason is shown as typed (Traditional here, in a Simplified setting).
	text := cli("2023-07-20", 0, "history", "--period", "2023-Q2", "--agency", "省財政廳")
	for _, want := range []string{"延长截止日期", "2023-07-10 → 2023-07-15,延长5天;原因:來函申請延期", "收到第1版", "财政厅.xlsx(报回 2023-07-08 17:30)",
		"撤回第2版", "恢复第2版", "生成链接", "第2版   现行", "第1版   未采用"} {
		if !strings.Contains(text, want) {
			t.Errorf("history --agency lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "省科技厅") {
		t.Errorf("history --agency 省财政厅 shows another agency:\n%s", text)
	}
	status := cli("2023-07-20", 0, "status", "--period", "2023-Q2", "--agency", "省财政厅")
	for _, want := range []string{"第2版   现行", "财政厅更正.xlsx", "第1版   未采用", "财政厅.xlsx", "2023-07-08 17:30",
		"taizhang restore --period 2023-Q2 --agency 省财政厅 --version 版本号"} {
		if !strings.Contains(status, want) {
			t.Errorf("status --agency lacks %q:\n%s", want, status)
		}
	}
	// The version named in status is the one withdraw takes.
	cli("2023-07-20", 0, "withdraw", "--period", "2023-Q2", "--agency", "省财政厅", "--version", "1", "--reason", "重复")
}

// Reasons the program recorded itself (older versions did, for a deadline changed without one)
// are shown in the reader's script; a person's as typed.
func TestHistoryOurWordsInTheReadersScript(t *testing.T) {
	t.Parallel()
	dir, db := initDB(t)
	run := runAt("2023-07-01")
	if code, _, stderr := run(t, "--db", db, "templates", "--period", "2023-Q2", "--out", filepath.Join(dir, "l"), "--agency", "省财政厅"); code != 0 {
		t.Fatal(stderr)
	}
	ctx := context.Background()
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	q2 := taizhang.Period{Year: 2023, Kind: 'Q', Index: 2}
	at := time.Date(2023, 7, 2, 9, 0, 0, 0, beijing)
	kinds := []taizhang.ReasonKind{taizhang.ReasonReissued, taizhang.ReasonPerson} // as migration 32 marks them
	for i, reason := range []string{"重新下發臺賬時指定新的截止日期", "領導批准"} {
		if err := s.SetDeadline(ctx, taizhang.DeadlineChange{Period: q2, Agency: "省财政厅", Deadline: taizhang.NewDate(2023, 7, 11+i), SetAt: at.Add(time.Duration(i) * time.Hour),
			By: "张三", Reason: reason, ReasonKind: kinds[i]}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	_, text, _ := run(t, "--db", db, "history", "--period", "2023-Q2")
	if !strings.Contains(text, "原因:重新下发台账时指定新的截止日期") || !strings.Contains(text, "原因:領導批准") {
		t.Errorf("history:\n%s", text)
	}
}

// A mail folder given one --received: the correction saved later, "…(1).xlsx", is the later version
// and current, though its name sorts first ('(' before '.'); in one run or two, in either order.
func TestOneReceivedTimeOrdersByModificationTime(t *testing.T) {
	t.Parallel()
	for _, runs := range [][]string{{"both"}, {"original", "correction"}, {"correction", "original"}} {
		dir, db := initDB(t)
		run := runAt("2023-07-09T09:00:00+08:00")
		ledgers := filepath.Join(dir, "ledgers")
		if code, _, stderr := run(t, "--db", db, "templates", "--period", "2023-Q2", "--out", ledgers, "--agency", "省财政厅"); code != 0 {
			t.Fatal(stderr)
		}
		mail := filepath.Join(dir, "mail")
		os.MkdirAll(mail, 0o755)
		original, correction := filepath.Join(mail, "2023-Q2_省财政厅.xlsx"), filepath.Join(mail, "2023-Q2_省财政厅(1).xlsx")
		copyFile(t, filepath.Join(ledgers, "2023-Q2_省财政厅.xlsx"), original)
		fillLedger(t, original, 10)
		copyFile(t, filepath.Join(ledgers, "2023-Q2_省财政厅.xlsx"), correction)
		fillLedger(t, correction, 11)
		base := time.Date(2023, 7, 8, 10, 0, 0, 0, beijing)
		os.Chtimes(original, base, base)
		os.Chtimes(correction, base.Add(time.Hour), base.Add(time.Hour))
		paths := map[string][]string{"both": {mail}, "original": {original}, "correction": {correction}}
		for _, r := range runs {
			if code, stdout, stderr := run(t, append([]string{"--db", db, "ingest", "--received", "2023-07-08"}, paths[r]...)...); code != 0 {
				t.Fatalf("%v: %s%s", runs, stdout, stderr)
			}
		}
		_, text, _ := run(t, "--db", db, "status", "--period", "2023-Q2", "--agency", "省财政厅")
		var current string
		for _, line := range strings.Split(text, "\n") {
			if strings.Contains(line, "现行") && strings.Contains(line, ".xlsx") {
				current = line[strings.LastIndex(line, " ")+1:]
			}
		}
		if current != "2023-Q2_省财政厅(1).xlsx" {
			t.Errorf("%v: the current version is %q\n%s", runs, current, text)
		}
		if runs[0] == "both" && !strings.Contains(text, "第2版   现行") {
			t.Errorf("in one run the correction is version 2:\n%s", text)
		}
	}
}
