package main

import (
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

// A target changed in the catalog workbook (2-1: 25 → 30) is what the re-issued ledger shows as
// the target, in its cell and prompt, beside the 完成率 formula that divides by it; the import
// says the plan's words no longer state the target.
func TestCatalogImportChangesTheTargetShown(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	mustRun(t, "--db", db, "init")
	book := filepath.Join(dir, "目录.xlsx")
	mustRun(t, "--db", db, "catalog", "export", book)
	if err := excel.Edit(book, func(e *excel.Editor) error { return e.Set(simp("指標"), "E3", 30.0) }); err != nil {
		t.Fatal(err)
	}
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
