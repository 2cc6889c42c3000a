package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"taizhang/cycle"
	"taizhang/excel"
	"taizhang/internal/ledgertest"
	"taizhang/templates/ledger"
	"taizhang/templates/report"
)

// Weak input is refused or flagged with a clear message, never taken silently.
func TestWeakInputRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	c := cli{t: t, db: filepath.Join(dir, "t.db")}
	readme := filepath.Join(dir, "README.md")
	os.WriteFile(readme, []byte("# 說明\n\n1. 安裝。\n2. 運行。\n3. 查看結果。\n"), 0o644)
	if text := c.at("2023-06-01", exitError, "init", "--plan", readme); !strings.Contains(text, simp("不像一份工作計劃")) || !strings.Contains(text, "--allow-small") {
		t.Errorf("init --plan README.md: %s", text)
	}
	c.at("2023-06-01", 0, "init", "--script", "traditional")
	// --force replaces a plan, but never with something that is not one.
	if text := c.at("2023-06-01", exitError, "init", "--plan", readme, "--force"); !strings.Contains(text, "不像一份工作計劃") {
		t.Errorf("init --force --plan README.md: %s", text)
	}
	out := filepath.Join(dir, "out")
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"templates", "--period", "2024-Q1", "--out", out}, exitUsage, "不在計劃年度(2023年)內"},
		{[]string{"templates", "--period", "2023-Q1", "--out", out, "--deadline", "2023-03-20"}, exitUsage, "早於2023年第一季度的最後一天(2023-03-31)"},
		{[]string{"status", "--period", "2023-Q3"}, exitError, "taizhang templates --period 2023-Q3"},
		{[]string{"reconcile", "--period", "2023-Q3"}, exitError, "還沒有下發過臺賬"},
		{[]string{"report", "--period", "2023-Q3", "--out", filepath.Join(dir, "r.xlsx")}, exitError, "還沒有下發過臺賬"},
		{[]string{"feedback", "--period", "2023-Q3", "--out", out}, exitError, "還沒有下發過臺賬"},
		{[]string{"remind", "--period", "2023-Q3"}, exitError, "還沒有下發過臺賬"},
		{[]string{"ingest", dir + "/empty"}, exitError, "沒有導入任何文件"},
	} {
		if text := c.at("2023-06-01", tt.code, tt.args...); !strings.Contains(text, tt.want) {
			t.Errorf("%v: %s\nwant %q", tt.args, text, tt.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "r.xlsx")); err == nil {
		t.Error("report wrote a workbook for a period with nothing sent")
	}
	c.at("2023-06-01", 0, "templates", "--period", "2023-Q1", "--out", filepath.Join(dir, "forced"), "--agency", "省財政廳", "--deadline", "2023-03-20", "--force")
	os.MkdirAll(filepath.Join(dir, "empty"), 0o755)
	if text := c.at("2023-06-01", exitError, "ingest", filepath.Join(dir, "empty")); !strings.Contains(text, "沒有找到要導入的文件") {
		t.Errorf("ingest of an empty folder: %s", text)
	}
	if code, _, stderr := runAt("昨天")(t, "--db", c.db, "status", "--period", "2023-Q1"); code != exitUsage || !strings.Contains(stderr, "TAIZHANG_NOW") {
		t.Errorf("a bad TAIZHANG_NOW: exit %d %s", code, stderr)
	}
}

// Commands that only read never create a database; any path names the file it names.
func TestDatabasePaths(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	missing := filepath.Join(dir, "typo", "taizhang.db")
	for _, args := range [][]string{{"status", "--period", "2023-Q1"}, {"catalog", "export", filepath.Join(dir, "c.json")}, {"ingest", dir},
		{"templates", "--period", "2023-Q1", "--out", dir}, {"remind", "--period", "2023-Q1"}} {
		code, _, stderr := run(t, append([]string{"--db", missing}, args...)...)
		if code != exitError || !strings.Contains(stderr, simp("找不到數據庫 ")+missing) || !strings.Contains(stderr, "taizhang init") {
			t.Errorf("%v on a missing database: exit %d %q", args, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Dir(missing)); err == nil {
		t.Error("a read-only command created the database's folder")
	}
	if code, _, stderr := run(t, "--db", dir, "status", "--period", "2023-Q1"); code != exitUsage || !strings.Contains(stderr, simp("是一個目錄")) {
		t.Errorf("--db a folder: exit %d %q", code, stderr)
	}
	odd := filepath.Join(dir, "臺賬#1?.db")
	if code, out, stderr := run(t, "--db", odd, "init"); code != 0 || !strings.Contains(out, simp("數據庫:")+odd) {
		t.Fatalf("init at %s: %d %s", odd, code, stderr)
	}
	if _, err := os.Stat(odd); err != nil {
		t.Errorf("the database is not where it was said to be: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 4 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("stray files: %v", names)
	}
}

// What ingest finds in a file reaches reconcile, the report, feedback and the chase list.
func TestFindingsTravel(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	c := cli{t: t, db: filepath.Join(dir, "t.db")}
	c.at("2023-06-20", 0, "init", "--script", "traditional")
	out := filepath.Join(dir, "ledgers")
	c.at("2023-06-20", 0, "templates", "--period", "2023-Q2", "--out", out, "--agency", "省科技廳", "--agency", "省財政廳", "--agency", "省水利廳")
	// 省科技廳 types a 完成狀態 outside the drop-down.
	sci := filepath.Join(dir, "returns", "sci.xlsx")
	os.MkdirAll(filepath.Dir(sci), 0o755)
	copyFile(t, filepath.Join(out, "2023-Q2_省科技廳.xlsx"), sci)
	fillLedger(t, sci, 10)
	statusCell := setCell(t, sci, "1-0", ledger.ColStatus, "差不多完成了")
	// 省財政廳 changes a target (a locked cell) and is taken with --allow-unsigned.
	fin := filepath.Join(dir, "returns", "fin.xlsx")
	copyFile(t, filepath.Join(out, "2023-Q2_省財政廳.xlsx"), fin)
	fillLedger(t, fin, 10)
	setCell(t, fin, "", ledger.ColTarget, "隨便")
	// 省水利廳 sends its ledger back without filling anything.
	water := filepath.Join(dir, "returns", "water.xlsx")
	copyFile(t, filepath.Join(out, "2023-Q2_省水利廳.xlsx"), water)
	text := c.at("2023-07-05", 0, "ingest", "--allow-unsigned", filepath.Dir(sci))
	if !strings.Contains(text, "空表") {
		t.Errorf("ingest does not say the empty return is empty:\n%s", text)
	}
	var rec cycle.ReconcileJSON
	json.Unmarshal([]byte(c.at("2023-07-12", 0, "reconcile", "--period", "2023-Q2", "--json")), &rec)
	found := map[string]bool{}
	for _, f := range rec.Findings {
		found[string(f.Code)+"/"+f.Agency+"/"+f.Cell] = true
		if f.Code == "not_reported" && f.Cell == statusCell && f.Agency == "省科技廳" {
			t.Errorf("the invalid 完成狀態 is reported as not filled: %+v", f)
		}
	}
	for _, k := range []string{"invalid_value/省科技廳/" + statusCell, "bad_signature/省財政廳/", "empty_return/省水利廳/", "missing_return/省水利廳/"} {
		if !found[k] {
			t.Errorf("reconcile lacks %s", k)
		}
	}
	for _, a := range rec.Reporting {
		if a.Agency == "省水利廳" && (a.State != "overdue" || !a.Empty) {
			t.Errorf("an empty return counts as returned: %+v", a)
		}
	}
	// The report's 問題清單 and the chase list show them.
	c.at("2023-07-12", 0, "report", "--period", "2023-Q2", "--out", filepath.Join(dir, "r.xlsx"))
	issues := ""
	for _, row := range sheetRows(t, filepath.Join(dir, "r.xlsx"), "問題清單") {
		issues += strings.Join(row, "|") + "\n"
	}
	for _, want := range []string{"校驗未通過|需更正|省財政廳", "數值無效|需更正|省科技廳", "空表|需更正|省水利廳"} {
		if !strings.Contains(issues, want) {
			t.Errorf("問題清單 lacks %s:\n%s", want, issues)
		}
	}
	chase := c.at("2023-07-12", 0, "remind", "--period", "2023-Q2")
	if !strings.Contains(chase, "校驗未通過") || !strings.Contains(chase, "空表") {
		t.Errorf("chase list:\n%s", chase)
	}
	// The agency's feedback workbook lists its bad signature.
	fb := filepath.Join(dir, "fb")
	c.at("2023-07-12", 0, "feedback", "--period", "2023-Q2", "--out", fb)
	listing := sheetRows(t, filepath.Join(fb, "2023-Q2_省財政廳_退回意見.xlsx"), report.SheetFeedback)
	if !strings.Contains(strings.Join(flatten(listing), "|"), "校驗未通過") {
		t.Errorf("feedback for 省財政廳 lacks the bad signature: %v", listing)
	}
}

// setCell writes text into a ledger column of the row with id ("" for the first row) and returns the cell.
func setCell(t *testing.T, path, id string, col int, text string) string {
	t.Helper()
	r := ledgertest.Read(t, path)
	cell := ""
	for _, row := range r.Rows {
		if row.ID == id || id == "" {
			cell = row.Cell(col)
			break
		}
	}
	if cell == "" {
		t.Fatalf("%s has no row %s", path, id)
	}
	if err := excel.Edit(path, func(e *excel.Editor) error { return e.Set(r.Sheet, cell, text) }); err != nil {
		t.Fatal(err)
	}
	return cell
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}
