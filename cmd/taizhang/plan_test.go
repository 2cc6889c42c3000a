package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"taizhang/excel"
	"taizhang/templates/ledger"
)

// mustRun runs a command that must succeed and returns its standard output.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, stderr := run(t, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d\n%s%s", args, code, out, stderr)
	}
	return out
}

// linesPlan is a plan other than the embedded one (69 tasks, 23 agencies, no document number).
var linesPlan = filepath.Join("..", "..", "plandoc", "testdata", "forms", "lines.txt")

// editedCatalog loads the embedded plan into a new database, exports its catalog workbook as name
// beside it, and types value as 2-1's target (指标!E3).
func editedCatalog(t *testing.T, name string, value any) (db, book string) {
	t.Helper()
	dir := t.TempDir()
	db, book = filepath.Join(dir, "t.db"), filepath.Join(dir, name)
	mustRun(t, "--db", db, "init")
	mustRun(t, "--db", db, "catalog", "export", book)
	if err := excel.Edit(book, func(e *excel.Editor) error { return e.Set(simp("指標"), "E3", value) }); err != nil {
		t.Fatal(err)
	}
	return db, book
}

// A target changed in the catalog workbook (2-1: 25 → 30) is what the re-issued ledger shows as
// the target, in its cell and prompt, beside the 完成率 formula that divides by it; the import
// says the plan's words no longer state the target.
func TestCatalogImportChangesTheTargetShown(t *testing.T) {
	t.Parallel()
	db, book := editedCatalog(t, "目录.xlsx", 30.0)
	dir := filepath.Dir(db)
	out := mustRun(t, "--db", db, "catalog", "import", book)
	if want := simp("指標2-1的目標改為“30家以上”:計劃原文“全國重點實驗室達到25家以上”說的是原來的目標"); !strings.Contains(out, want) {
		t.Errorf("import summary lacks %q:\n%s", want, out)
	}
	mustRun(t, "--db", db, "templates", "--period", "2023-Q2", "--out", filepath.Join(dir, "out"))
	b, err := excel.Open(filepath.Join(dir, "out", simp("2023-Q2_省科技廳.xlsx")), excel.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	r, err := ledger.ReadReturned(b)
	if err != nil {
		t.Fatal(err)
	}
	var row *ledger.ReturnedRow
	for i := range r.Rows {
		if r.Rows[i].ID == "2-1" {
			row = &r.Rows[i]
		}
	}
	if row == nil {
		t.Fatal("no row 2-1")
	}
	if got := row.Cells[ledger.ColTarget]; got != "30家以上" {
		t.Errorf("目标值 = %q, want 30家以上", got)
	}
	if f, _ := b.Formula(r.Sheet, row.Cell(ledger.ColRate)); !strings.HasSuffix(f, "/30,\"\")") {
		t.Errorf("完成率 = %q", f)
	}
	info, err := b.Inspect(r.Sheet)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range info.Validations {
		if strings.Contains(v.Sqref, row.Cell(ledger.ColValue)) && !strings.Contains(v.Prompt, simp("目標:30家以上")) {
			t.Errorf("the prompt of %s: %q", row.Cell(ledger.ColValue), v.Prompt)
		}
	}
}

// The workbooks taizhang writes are refused as plans, even with --force, each with what it is and
// what to use instead; the plan in the database stays.
func TestInitRefusesOwnWorkbooks(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	at := func(name string) string { return filepath.Join(dir, name) }
	mustRun(t, "--db", db, "init")
	mustRun(t, "--db", db, "templates", "--period", "2023-Q2", "--out", at("ledgers"))
	mustRun(t, "--db", db, "report", "--period", "2023-Q2", "--out", at("汇总.xlsx"))
	mustRun(t, "--db", db, "remind", "--period", "2023-Q2", "--out", at("催报.xlsx"))
	mustRun(t, "--db", db, "feedback", "--period", "2023-Q2", "--out", at("feedback"))
	mustRun(t, "--db", db, "catalog", "export", at("目錄.xlsx"))
	before := mustRun(t, "--db", db, "config")
	for file, want := range map[string]string{
		"汇总.xlsx": "汇总.xlsx 是taizhang生成的汇总报告,不是计划",
		"催报.xlsx": "催报.xlsx 是taizhang生成的催报清单,不是计划",
		"目錄.xlsx": "目錄.xlsx 是taizhang导出的任务目录工作簿,不是计划。要导入在其中做的修改,请运行 taizhang catalog import " + at("目錄.xlsx"),
		filepath.Join("ledgers", "2023-Q2_省科技厅.xlsx"):       "2023-Q2_省科技厅.xlsx 是taizhang生成的台账(分单位填报的工作簿),不是计划。填好报回的台账请用 taizhang ingest 导入",
		filepath.Join("feedback", "2023-Q2_省科技厅_退回意见.xlsx"): "2023-Q2_省科技厅_退回意见.xlsx 是taizhang生成的退回意见",
	} {
		code, out, stderr := run(t, "--db", db, "init", "--force", "--allow-small", "--plan", at(file))
		if code != exitError || out != "" || !strings.Contains(stderr, want) || !strings.Contains(stderr, "不加 --plan 使用内置计划") {
			t.Errorf("init --plan %s: exit %d, %s%s; want %q", file, code, out, stderr, want)
		}
	}
	if after := mustRun(t, "--db", db, "config"); after != before {
		t.Errorf("the plan changed:\n%s\n%s", before, after)
	}
}

// A "plan" with tasks and agencies but not one target is refused unless --allow-small.
func TestInitRefusesAPlanWithoutTargets(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	plan := filepath.Join(dir, "通知.txt")
	text := "某市2023年重点工作任务\n一、深化改革\n1.推进政务服务改革。优化办事流程。(牵头单位:市政务服务局)\n" +
		"2.完善营商环境。持续优化服务。(牵头单位:市发展改革委)\n3.加强财政管理。规范预算执行。(牵头单位:市财政局)\n" +
		"二、改善民生\n4.做好就业工作。加强职业培训。(牵头单位:市人力资源社会保障局)\n5.提高教育质量。推进学校建设。(牵头单位:市教育局)\n" +
		"6.加强医疗服务。改善就医环境。(牵头单位:市卫生健康委)\n"
	if err := os.WriteFile(plan, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "t.db")
	code, _, stderr := run(t, "--db", db, "init", "--plan", plan)
	if want := "通知.txt 不像一份工作计划:识别出6项任务、6个责任单位,但没有一个指标"; code != exitError || !strings.Contains(stderr, want) || !strings.Contains(stderr, "--allow-small") {
		t.Errorf("init: exit %d, %s; want %q", code, stderr, want)
	}
	out := mustRun(t, "--db", db, "init", "--plan", plan, "--allow-small")
	if !strings.Contains(out, "6项任务") || strings.Contains(out, "比较方式") {
		t.Errorf("init --allow-small:\n%s", out)
	}
}

// A failed init leaves nothing it created: no database, no -wal or -shm, whatever failed; a
// database that was there stays as it was.
func TestFailedInitLeavesNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	notPlan := filepath.Join(dir, "letter.txt")
	os.WriteFile(notPlan, []byte("通知\n請各單位於月底前報送材料。\n"), 0o644)
	report := filepath.Join(dir, "汇总.xlsx")
	{
		db := filepath.Join(t.TempDir(), "t.db")
		mustRun(t, "--db", db, "init")
		mustRun(t, "--db", db, "templates", "--period", "2023-Q2", "--out", filepath.Join(dir, "ledgers"))
		mustRun(t, "--db", db, "report", "--period", "2023-Q2", "--out", report)
	}
	for _, args := range [][]string{
		{"init", "--plan", filepath.Join(dir, "missing.txt")},
		{"init", "--plan", dir},
		{"init", "--plan", notPlan},
		{"init", "--plan", report},
		{"init", "--timezone", "Foo/Bar"},
	} {
		db := filepath.Join(dir, "new.db")
		code, _, stderr := run(t, append([]string{"--db", db}, args...)...)
		if code == 0 {
			t.Errorf("%v: exit 0", args)
		}
		for _, f := range []string{db, db + "-wal", db + "-shm", db + "-journal"} {
			if _, err := os.Stat(f); err == nil {
				t.Errorf("%v (%s): left %s behind", args, strings.TrimSpace(stderr), filepath.Base(f))
				os.Remove(f)
			}
		}
	}
	db := filepath.Join(dir, "kept.db")
	mustRun(t, "--db", db, "init")
	if code, _, _ := run(t, "--db", db, "init", "--force", "--plan", notPlan); code != exitError {
		t.Errorf("init --force with a letter: exit %d", code)
	}
	if out := mustRun(t, "--db", db, "config"); !strings.Contains(out, "山东省建设绿色低碳高质量发展先行区") {
		t.Errorf("the database that was there: %s", out)
	}
}

// init --force with another plan says what it leaves as history; status and reconcile then count
// the new plan's ledgers only; loading the first plan again brings its ledgers back.
func TestInitAnotherPlanLeavesLedgersAsHistory(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	mustRun(t, "--db", db, "init")
	mustRun(t, "--db", db, "templates", "--period", "2023-Q2", "--out", filepath.Join(dir, "a"))
	out := mustRun(t, "--db", db, "init", "--force", "--plan", linesPlan)
	if want := "原计划《山东省建设绿色低碳高质量发展先行区2023年重点工作任务》已下发的36份台账、收到的0份报送(2023-Q2)保留在数据库中作为历史"; !strings.Contains(out, want) {
		t.Errorf("init --force with another plan does not say %q:\n%s", want, out)
	}
	if code, _, stderr := run(t, "--db", db, "status", "--period", "2023-Q2"); code == 0 || !strings.Contains(stderr, "还没有下发过台账") {
		t.Errorf("status of the new plan before its ledgers: exit %d, %s", code, stderr)
	}
	issued := mustRun(t, "--db", db, "templates", "--period", "2023-Q2", "--out", filepath.Join(dir, "b"))
	if !strings.Contains(issued, "台账23份") {
		t.Fatalf("templates under the new plan:\n%s", issued)
	}
	if out := mustRun(t, "--db", db, "reconcile", "--period", "2023-Q2"); !strings.Contains(out, "共下发23个单位") {
		t.Errorf("reconcile counts the old plan's ledgers:\n%s", out)
	}
	if out := mustRun(t, "--db", db, "status", "--period", "2023-Q2"); strings.Contains(out, "省卫生健康委") {
		t.Errorf("status lists an agency of the old plan only:\n%s", out)
	}
	out = mustRun(t, "--db", db, "init", "--force")
	if !strings.Contains(out, "已下发的23份台账") {
		t.Errorf("init --force back:\n%s", out)
	}
	if out := mustRun(t, "--db", db, "reconcile", "--period", "2023-Q2"); !strings.Contains(out, "共下发36个单位") {
		t.Errorf("the first plan again:\n%s", out)
	}
	// The same plan read again keeps its records in force, and says so.
	if out := mustRun(t, "--db", db, "init", "--force"); !strings.Contains(out, "同一份计划重新导入:已下发的36份台账、收到的0份报送(2023-Q2)照常有效") {
		t.Errorf("init --force with the same plan:\n%s", out)
	}
}

// catalog import names the file as the user gave it, in every message; another plan's catalog is
// refused in one sentence naming both plans, not cell by cell.
func TestCatalogImportMessages(t *testing.T) {
	t.Parallel()
	db, book := editedCatalog(t, "目錄.xlsx", "很多")
	dir := filepath.Dir(db)
	code, _, stderr := run(t, "--db", db, "catalog", "import", book)
	if code != exitError || !strings.Contains(stderr, "目錄.xlsx 工作表“指标” 单元格E3") || !strings.Contains(stderr, "目录未导入:目錄.xlsx") ||
		strings.Contains(stderr, "目录.xlsx") {
		t.Errorf("import with a bad cell: exit %d\n%s", code, stderr)
	}

	other := filepath.Join(dir, "other.db")
	mustRun(t, "--db", other, "init", "--plan", linesPlan)
	code, _, stderr = run(t, "--db", other, "catalog", "import", book)
	want := "目錄.xlsx 是另一份计划《山东省建设绿色低碳高质量发展先行区2023年重点工作任务》鲁政办字〔2023〕5号的任务目录"
	if lines := strings.Count(stderr, "\n"); code != exitError || lines != 1 || !strings.Contains(stderr, want) || !strings.Contains(stderr, "catalog export") {
		t.Errorf("another plan's catalog: exit %d, %d lines\n%s\nwant %q", code, lines, stderr, want)
	}
	// A catalog exported before the plan's id was written is told by its title and document number.
	mine := filepath.Join(dir, "mine.xlsx")
	mustRun(t, "--db", other, "catalog", "export", mine)
	if err := excel.Edit(mine, func(e *excel.Editor) error { return e.Set(simp("說明"), "B5", "") }); err != nil {
		t.Fatal(err)
	}
	if out := mustRun(t, "--db", other, "catalog", "import", mine); !strings.Contains(out, "没有修改") {
		t.Errorf("an older export of this plan's catalog: %s", out)
	}
}

// init's help names every plan format it reads.
func TestInitHelpNamesFormats(t *testing.T) {
	t.Parallel()
	out := mustRun(t, "--db", filepath.Join(t.TempDir(), "none.db"), "init", "--help")
	for _, ext := range []string{".txt", ".docx", ".doc", ".wps", ".pdf", ".xlsx", ".xls", ".et", ".csv", "GB18030"} {
		if !strings.Contains(out, ext+" ") && !strings.Contains(out, ext+"(") && !strings.Contains(out, ext+";") {
			t.Errorf("init --help does not name %s:\n%s", ext, out)
		}
	}
}
