package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"taizhang/internal/plantest"
	"taizhang/office"
)

// Plans as other governments publish them: one whose task 11 is printed "11.121…", one in
// 主办/协办 style, and a PDF whose clause lines repeat at page after page's foot. init reads every
// task and prints the coverage, the names taken as one agency and the groups.
func TestInitReadsOtherGovernmentsPlans(t *testing.T) {
	dir := t.TempDir()
	plans := filepath.Join("..", "..", "catalog", "testdata", "plans")
	tests := []struct {
		file  string
		wants []string
	}{
		{filepath.Join(plans, "odd-number.txt"), []string{"4个部分、45项任务", "读出45项任务:45行读作任务,0行未能读懂"}},
		{filepath.Join(plans, "city-zhuban.txt"), []string{"2个部分、9项任务", "读出9项任务:10行读作任务,0行未能读懂",
			"以下1个名称按同一单位处理", "  市人社局 → 市人力资源和社会保障局:“人力资源和社会保障局”常简称“人社局”",
			"以下5个是一类单位的统称,不单独发台账", "  各区、县级市政府:以“各”“有关”“相关”开头,指一类单位", "  相关乡镇(办):"}},
	}
	if conv := office.Find(); conv.Installed() && !testing.Short() {
		lines := []string{"立山区2024年重点工作任务", "一、稳增长"}
		for i := 1; i <= 90; i++ {
			lines = append(lines, fmt.Sprintf("%d.实施第%d批项目10个。", i, i), "(牵头单位:区发改局)")
		}
		pdf, err := conv.Convert(context.Background(), plantest.FODT("立山区人民政府办公室文件", lines), ".fodt", office.PDF)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "计划.pdf")
		if err := os.WriteFile(path, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		tests = append(tests, struct {
			file  string
			wants []string
		}{path, []string{"1个部分、90项任务、1个责任单位", "读出90项任务:", "行读作任务,0行未能读懂"}})
	} else {
		t.Log("LibreOffice is not installed or -short: the PDF plan is not tested")
	}
	for i, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			code, out, stderr := run(t, "--db", filepath.Join(dir, fmt.Sprintf("%d.db", i)), "init", "--plan", tt.file)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, want := range tt.wants {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			if stderr != "" {
				t.Errorf("problems:\n%s", stderr)
			}
		})
	}
}

// A text that is no plan is refused however many clause examples it quotes: the project's own
// manual (docs/usage.md, once the README); and a plan that stops being read is refused with the
// lines not read, unless --allow-small.
func TestInitRefusesWeakAndStoppedPlans(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := run(t, "--db", filepath.Join(dir, "a.db"), "init", "--plan", filepath.Join("..", "..", "docs", "usage.md"))
	if code != exitError || !strings.Contains(stderr, "usage.md 不像一份工作计划") || !strings.Contains(stderr, "--allow-small") {
		t.Errorf("init docs/usage.md: exit %d %s", code, stderr)
	}
	var b strings.Builder
	b.WriteString("南岭市2024年重点任务\n一、发展\n")
	for n := 1; n <= 12; n++ {
		fmt.Fprintf(&b, "%d.实施第%d项工程。新增企业%d家。(牵头单位:市科技局)\n", n, n, n)
	}
	for n := 13; n <= 20; n++ {
		fmt.Fprintf(&b, "●实施第%d项工程。新增企业%d家。(牵头单位:市科技局)\n", n, n)
	}
	plan := filepath.Join(dir, "计划.txt")
	if err := os.WriteFile(plan, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "b.db")
	code, _, stderr = run(t, "--db", db, "init", "--plan", plan)
	if code != exitError || !strings.Contains(stderr, "只读出了一部分") || !strings.Contains(stderr, "计划.txt 第15行:") || !strings.Contains(stderr, "计划.txt 第22行:") {
		t.Errorf("init of a plan that stops being read: exit %d %s", code, stderr)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a refused init left a database")
	}
	if out := mustRun(t, "--db", db, "init", "--plan", plan, "--allow-small"); !strings.Contains(out, "读出12项任务:12行读作任务,8行未能读懂") {
		t.Errorf("init --allow-small:\n%s", out)
	}
}
