package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/office"
	"taizhang/script"
)

// run runs the command line as a user would on a machine with only Go (no LibreOffice, whether
// or not this one has it), and returns the exit status and both outputs.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return runOffice(t, office.Converter{}, args...)
}

// runOffice is run with conv for LibreOffice: office.Find(), or officetest's stand-in.
func runOffice(t *testing.T, conv office.Converter, args ...string) (int, string, string) {
	t.Helper()
	return runEnv(t, conv, os.Getenv, args...)
}

// runEnv is run with conv for LibreOffice and getenv for the environment.
func runEnv(t *testing.T, conv office.Converter, getenv func(string) string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := mainApp(&App{User: currentUser(), Office: conv}, getenv, args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// runAt is run with TAIZHANG_NOW set to now for the commands it runs, not for the process, so
// that the test stays parallel (t.Setenv would bar that): run := runAt("2023-07-01").
func runAt(now string) func(t *testing.T, args ...string) (int, string, string) {
	getenv := func(key string) string {
		if key == "TAIZHANG_NOW" {
			return now
		}
		return os.Getenv(key)
	}
	return func(t *testing.T, args ...string) (int, string, string) {
		t.Helper()
		return runEnv(t, office.Converter{}, getenv, args...)
	}
}

func TestArgvToOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		argv []string
		want any
	}{
		{[]string{"init"}, initOptions{}},
		{[]string{"init", "--plan", "p.txt", "--force"}, initOptions{Plan: "p.txt", Force: true}},
		{[]string{"catalog", "export", "a.xlsx"}, catalogExportOptions{File: "a.xlsx"}},
		{[]string{"catalog", "export", "a.JSON"}, catalogExportOptions{File: "a.JSON"}},
		{[]string{"catalog", "import", "b.xlsx"}, catalogImportOptions{File: "b.xlsx"}},
		{[]string{"init", "--allow-small", "--timezone", "Asia/Urumqi"}, initOptions{AllowSmall: true, TimeZone: "Asia/Urumqi"}},
		{[]string{"demo", "--dir", "x"}, demoOptions{Dir: "x", Period: taizhang.Period{Year: 2023, Kind: 'Q', Index: 2}, Seed: 1}},
		{[]string{"demo", "--period", "2023-h2"}, demoOptions{Dir: "demo", Period: taizhang.Period{Year: 2023, Kind: 'H', Index: 2}, Seed: 1}},
	}
	for _, tt := range tests {
		var got any
		app := &App{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
		capture := func(_ context.Context, _ *App, o any) error { got = o; return nil }
		root := newRootCmd(app)
		root.RemoveCommand(root.Commands()...)
		root.AddCommand(
			newInitCmd(app, func(c context.Context, a *App, o initOptions) error { return capture(c, a, o) }),
			newCatalogCmd(app, func(c context.Context, a *App, o catalogExportOptions) error { return capture(c, a, o) },
				func(c context.Context, a *App, o catalogImportOptions) error { return capture(c, a, o) }),
			newDemoCmd(app, func(c context.Context, a *App, o demoOptions) error { return capture(c, a, o) }))
		root.SetArgs(tt.argv)
		if err := root.Execute(); err != nil {
			t.Errorf("%v: %v", tt.argv, err)
			continue
		}
		if got != tt.want {
			t.Errorf("%v: options = %#v, want %#v", tt.argv, got, tt.want)
		}
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	t.Parallel()
	for _, argv := range [][]string{
		{"nosuchcommand"},
		{"init", "--nosuchflag"},
		{"init", "extra"},
		{"catalog", "export"},
		{"catalog", "export", "a.csv"},
	} {
		code, _, stderr := run(t, append([]string{"--db", filepath.Join(t.TempDir(), "t.db")}, argv...)...)
		if code != exitUsage || !strings.HasPrefix(stderr, "错误:") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and an error line", argv, code, stderr)
		}
	}
}

// simp is a Traditional literal as the default (Simplified) setting shows it.
func simp(s string) string { return script.Default().Convert(s, taizhang.Simplified) }

// Help is Chinese throughout, in the user's script: no cobra English, no internal words.
func TestHelpInChinese(t *testing.T) {
	t.Parallel()
	code, out, _ := run(t, "--help")
	if code != 0 || !strings.Contains(out, simp("退出狀態")) || !strings.Contains(out, simp("3  命令已完成")) {
		t.Errorf("help: exit %d\n%s", code, out)
	}
	root := newRootCmd(&App{})
	check := func(to taizhang.Script, db string) {
		for _, c := range append(root.Commands(), root.Commands()[0].Commands()...) {
			args := []string{"--db", db, c.Name(), "--help"}
			if c.HasParent() && c.Parent() != root {
				args = []string{"--db", db, c.Parent().Name(), c.Name(), "--help"}
			}
			code, out, stderr := run(t, args...)
			if code != 0 || stderr != "" {
				t.Errorf("%v: exit %d %s", args, code, stderr)
			}
			for _, english := range []string{"Usage", "Flags", "Available Commands", "completion", "help for", "[flags]", "Contract", " string", " int", "default"} {
				if strings.Contains(out, english) {
					t.Errorf("%v: help has %q:\n%s", args, english, out)
				}
			}
			other := taizhang.Traditional
			if to == taizhang.Traditional {
				other = taizhang.Simplified
			}
			if bad := script.Default().NotIn(out, to); len(bad) > 0 {
				t.Errorf("%v in %s: help has characters of %s: %q", args, to, other, string(bad))
			}
		}
	}
	check(taizhang.Simplified, filepath.Join(t.TempDir(), "none.db"))
	db := filepath.Join(t.TempDir(), "t.db")
	if code, _, stderr := run(t, "--db", db, "init", "--script", "traditional"); code != 0 {
		t.Fatal(stderr)
	}
	check(taizhang.Traditional, db)
}

func TestInitExportImport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	code, out, stderr := run(t, "--db", db, "init", "--script", "traditional")
	if code != 0 || !strings.Contains(out, "12個部分、116項任務、37個責任單位(省直單位31、中央及垂直管理單位5、單位集合1)") || !strings.Contains(out, "177個指標") {
		t.Fatalf("init: exit %d\n%s%s", code, out, stderr)
	}
	// Comparators by their Chinese names, as the catalog workbook names them.
	if want := "指標按比較方式:不少於 51,不超過 2,左右 35,達到 78,區間 3,下降 1,增長 3,定性 4\n"; !strings.Contains(out, want) {
		t.Errorf("init: comparators not as %q:\n%s", want, out)
	}
	// A second init names what it would replace and needs --force.
	code, _, stderr = run(t, "--db", db, "init")
	if code != exitError || !strings.Contains(stderr, "已有計劃《山東省建設綠色低碳高質量發展先行區2023年重點工作任務》") || !strings.Contains(stderr, "--force") {
		t.Errorf("second init: exit %d, %q", code, stderr)
	}
	if code, _, stderr = run(t, "--db", db, "init", "--force", "--script", "traditional"); code != 0 {
		t.Errorf("init --force: exit %d, %s", code, stderr)
	}
	js := filepath.Join(dir, "c.json")
	if code, _, stderr = run(t, "--db", db, "catalog", "export", js); code != 0 {
		t.Fatalf("export json: %d %s", code, stderr)
	}
	var doc struct {
		Plan struct {
			ID    string
			Title string
			DocNo string `json:"doc_no"`
			Year  int
		}
		Sections []map[string]any
		Agencies []struct {
			Name    string
			Aliases []string
			Kind    string
		}
		Tasks []struct {
			No                 int
			Lead               []string
			ResponsibilityForm string `json:"responsibility_form"`
			Indicators         []map[string]any
		}
	}
	b, _ := os.ReadFile(js)
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Plan.DocNo != "魯政辦字〔2023〕5號" || len(doc.Sections) != 12 || len(doc.Tasks) != 116 || doc.Tasks[72].ResponsibilityForm != "by_duty" {
		t.Errorf("catalog json: %+v, %d sections, %d tasks", doc.Plan, len(doc.Sections), len(doc.Tasks))
	}
	first := doc.Tasks[1].Indicators[0]
	for _, key := range []string{"id", "metric", "span", "comparator", "value", "high", "unit", "approx", "deadline", "baseline"} {
		if _, ok := first[key]; !ok {
			t.Errorf("indicator JSON lacks %q: %v", key, first)
		}
	}
	if first["id"] != "2-1" || first["comparator"] != ">=" || first["value"] != 25.0 || first["high"] != nil || first["unit"] != "家" {
		t.Errorf("indicator 2-1 = %v", first)
	}

	xlsx := filepath.Join(dir, "目錄.xlsx")
	if code, _, stderr = run(t, "--db", db, "catalog", "export", xlsx); code != 0 {
		t.Fatalf("export xlsx: %d %s", code, stderr)
	}
	code, out, _ = run(t, "--db", db, "catalog", "import", xlsx)
	if code != 0 || !strings.Contains(out, "沒有修改,目錄版本不變") {
		t.Errorf("import unedited: exit %d, %q", code, out)
	}
	// An invalid cell: every problem listed with sheet and cell, nothing imported, exit 1.
	if err := excel.Edit(xlsx, func(e *excel.Editor) error { return e.Set("指標", "E3", "很多") }); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = run(t, "--db", db, "catalog", "import", xlsx)
	if code != exitError || !strings.Contains(stderr, "工作表“指標” 單元格E3:不是數字(“很多”)") || !strings.Contains(stderr, "沒有任何改動") {
		t.Errorf("import invalid: exit %d, %q", code, stderr)
	}
	if err := excel.Edit(xlsx, func(e *excel.Editor) error { return e.Set("指標", "E3", 30.0) }); err != nil {
		t.Fatal(err)
	}
	code, out, _ = run(t, "--db", db, "catalog", "import", xlsx)
	if code != 0 || !strings.Contains(out, "修改1個指標、新增0個、刪除0個") {
		t.Errorf("import edited: exit %d, %q", code, out)
	}
}

func TestPlanFileErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	empty := filepath.Join(dir, "empty.txt")
	binary := filepath.Join(dir, "plan.docx")
	notPlan := filepath.Join(dir, "letter.txt")
	os.WriteFile(empty, nil, 0o644)
	os.WriteFile(binary, []byte("PK\x03\x04\x00\x00binary\x00\x01\x02"), 0o644)
	os.WriteFile(notPlan, []byte("通知\n請各單位於月底前報送材料。\n"), 0o644)
	tests := []struct {
		plan, want string
	}{
		{filepath.Join(dir, "missing.txt"), simp("找不到計劃文件")},
		{dir, simp("這是一個目錄")},
		{empty, simp("empty.txt:文件是空的")},
		{binary, simp("plan.docx:Word文件已損壞")},
		{notPlan, simp("letter.txt:沒有找到編號的重點任務")},
	}
	for _, tt := range tests {
		code, out, stderr := run(t, "--db", db, "init", "--plan", tt.plan)
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		if code != exitError || len(lines) != 1 || !strings.Contains(stderr, tt.want) || strings.Contains(stderr, "goroutine") || out != "" {
			t.Errorf("init --plan %s: exit %d, stderr %q; want one line containing %q", filepath.Base(tt.plan), code, stderr, tt.want)
		}
	}
	if _, err := os.Stat(db); err == nil {
		code, _, _ := run(t, "--db", db, "catalog", "export", filepath.Join(dir, "x.json"))
		if code != exitError {
			t.Errorf("export without a plan: exit %d, want 1", code)
		}
	}
}

// demoRun is the one run of the demo that tests share: TestDemo checks what it prints and
// writes, TestEveryWorkbookOpens opens every workbook it writes. TestMain removes its folder.
var demoRun struct {
	once             sync.Once
	dir, out, stderr string
	code             int
}

// sharedDemo runs the demo once, as on a machine with only Go (no LibreOffice), and returns its
// folder and what it printed.
func sharedDemo(t *testing.T) (dir, out string) {
	t.Helper()
	demoRun.once.Do(func() {
		d, err := os.MkdirTemp("", "taizhang-demo-*")
		if err != nil {
			demoRun.code, demoRun.stderr = -1, err.Error()
			return
		}
		demoRun.dir = d
		demoRun.code, demoRun.out, demoRun.stderr = run(t, "demo", "--dir", d)
	})
	if demoRun.code != 0 {
		t.Fatalf("demo: exit %d\n%s", demoRun.code, demoRun.stderr)
	}
	return demoRun.dir, demoRun.out
}

// TestDemo runs the demo as on a machine with only Go: no LibreOffice. With the default
// setting, everything it prints and writes is in Simplified script.
func TestDemo(t *testing.T) {
	t.Parallel()
	dir, out := sharedDemo(t)
	for _, f := range []string{"taizhang.db", "任務目錄.xlsx", "catalog.json", "臺賬模板/2023-Q2/2023-Q2_省科技廳.xlsx", "匯總_2023-Q2.xlsx",
		"退回意見/2023-Q2/2023-Q2_省水利廳_退回意見.xlsx"} {
		if _, err := os.Stat(filepath.Join(dir, simp(f))); err != nil {
			t.Errorf("demo did not write %s", simp(f))
		}
	}
	for _, want := range []string{"目錄版本不變", "填報衝突 2", "數值異常", "匯總工作簿:" + filepath.Join(dir, "匯總_2023-Q2.xlsx"),
		"退回意見:" + filepath.Join(dir, "退回意見", "2023-Q2"), "本機沒有LibreOffice:跳過", "接收 36 | "} {
		if !strings.Contains(out, simp(want)) {
			t.Errorf("demo output lacks %q", simp(want))
		}
	}
	if strings.Contains(out, "\n"+simp("接收 ")+filepath.Join(dir, simp("模擬報送"))) {
		t.Error("the demo lists every file")
	}
	if bad := script.Default().NotIn(out, taizhang.Simplified); len(bad) > 0 {
		t.Errorf("demo output has Traditional characters %q:\n%s", string(bad), out)
	}
	for _, f := range []string{"臺賬模板/2023-Q2/2023-Q2_省科技廳.xlsx", "匯總_2023-Q2.xlsx", "任務目錄.xlsx", "退回意見/2023-Q2/2023-Q2_省水利廳_退回意見.xlsx"} {
		book, err := excel.Open(filepath.Join(dir, simp(f)), excel.DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		dump, err := excel.Dump(book)
		book.Close()
		if err != nil {
			t.Fatal(err)
		}
		if bad := script.Default().NotIn(dump, taizhang.Simplified); len(bad) > 0 {
			t.Errorf("%s has Traditional characters %q", simp(f), string(bad))
		}
	}
}
