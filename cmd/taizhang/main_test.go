package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/excel"
)

// run runs the command line as a user would and returns the exit status and both outputs.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestArgvToOptions(t *testing.T) {
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
		{[]string{"demo", "--period", "2023-h1"}, demoOptions{Dir: "demo", Period: taizhang.Period{Year: 2023, Kind: 'H', Index: 1}, Seed: 1}},
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
	for _, argv := range [][]string{
		{"nosuchcommand"},
		{"init", "--nosuchflag"},
		{"init", "extra"},
		{"catalog", "export"},
		{"catalog", "export", "a.csv"},
	} {
		code, _, stderr := run(t, append([]string{"--db", filepath.Join(t.TempDir(), "t.db")}, argv...)...)
		if code != exitUsage || !strings.HasPrefix(stderr, "錯誤:") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and an error line", argv, code, stderr)
		}
	}
}

func TestHelpListsExitStatus(t *testing.T) {
	code, out, _ := run(t, "--help")
	if code != 0 || !strings.Contains(out, "EXIT STATUS") || !strings.Contains(out, "3  命令已完成") {
		t.Errorf("help: exit %d\n%s", code, out)
	}
}

func TestInitExportImport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	code, out, stderr := run(t, "--db", db, "init")
	if code != 0 || !strings.Contains(out, "12個部分、116項任務、37個責任單位") || !strings.Contains(out, "176個指標") {
		t.Fatalf("init: exit %d\n%s%s", code, out, stderr)
	}
	// A second init names what it would replace and needs --force.
	code, _, stderr = run(t, "--db", db, "init")
	if code != exitError || !strings.Contains(stderr, "已有計劃《山東省建設綠色低碳高質量發展先行區2023年重點工作任務》") || !strings.Contains(stderr, "--force") {
		t.Errorf("second init: exit %d, %q", code, stderr)
	}
	if code, _, stderr = run(t, "--db", db, "init", "--force"); code != 0 {
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
	if code, out, stderr = run(t, "--db", db, "catalog", "export", xlsx); code != 0 {
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
		{filepath.Join(dir, "missing.txt"), "找不到計劃文件"},
		{dir, "這是一個目錄"},
		{empty, "empty.txt:文件是空的"},
		{binary, "plan.docx:不是文本文件"},
		{notPlan, "letter.txt:沒有找到編號的重點任務"},
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

// TestDemo runs the demo as on a machine with only Go: no LibreOffice on PATH.
func TestDemo(t *testing.T) {
	t.Setenv("PATH", "")
	dir := t.TempDir()
	code, out, stderr := run(t, "demo", "--dir", dir)
	if code != 0 {
		t.Fatalf("demo: exit %d\n%s", code, stderr)
	}
	for _, f := range []string{"taizhang.db", "任務目錄.xlsx", "catalog.json", "臺賬模板/2023-Q2/2023-Q2_省科技廳.xlsx", "匯總_2023-Q2.xlsx"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("demo did not write %s", f)
		}
	}
	if !strings.Contains(out, "目錄版本不變") || !strings.Contains(out, "填報衝突 1") || !strings.Contains(out, "匯總工作簿:"+filepath.Join(dir, "匯總_2023-Q2.xlsx")) || !strings.Contains(out, "退回意見:"+filepath.Join(dir, "退回意見", "2023-Q2")) ||
		!strings.Contains(out, "本機沒有LibreOffice:跳過") || strings.Contains(out, "\n接收 "+filepath.Join(dir, "模擬報送")) || !strings.Contains(out, "接收 36 | ") {
		t.Errorf("demo output:\n%s", out)
	}
}
