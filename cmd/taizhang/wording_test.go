package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/office/officetest"
	"taizhang/templates/ledger"
)

// ingest of a path that is not there imports nothing and says so; with another file beside it,
// the summary counts what was imported instead of claiming "the rest were imported".
func TestIngestMissingPath(t *testing.T) {
	t.Parallel()
	dir, db := initDB(t)
	missing := filepath.Join(dir, "nothere")
	code, stdout, stderr := run(t, "--db", db, "ingest", missing+"/")
	if code != exitError || !strings.Contains(stderr, "找不到 "+missing+"/,没有导入任何文件") || strings.Contains(stdout+stderr, "其余文件已导入") {
		t.Errorf("a missing path: exit %d\n%s%s", code, stdout, stderr)
	}
	ledgers := filepath.Join(dir, "ledgers")
	if code, _, stderr := run(t, "--db", db, "templates", "--period", "2023-Q2", "--out", ledgers, "--agency", "省科技厅"); code != 0 {
		t.Fatal(stderr)
	}
	one := filepath.Join(ledgers, "2023-Q2_省科技厅.xlsx")
	code, stdout, stderr = run(t, "--db", db, "ingest", missing, one)
	if code != exitRefused || !strings.Contains(stdout, "拒收 "+missing+":找不到文件或目录") || !strings.Contains(stderr, "1个文件被拒收(原因见上);已导入1个") {
		t.Errorf("a missing path beside a file: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = run(t, "--db", db, "ingest", missing, one)
	if code != exitRefused || !strings.Contains(stderr, "1个文件被拒收(原因见上),没有导入新的文件") {
		t.Errorf("again: exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(one); err != nil {
		t.Fatal(err)
	}
}

// A file ingested again names the version it repeats; restore is suggested only for a version
// that is not current. Duplicates count under their period, so the per-period line agrees with
// the summary (they used to be left out: a file seen before was never read for its period).
func TestDuplicateNamesItsVersion(t *testing.T) {
	t.Parallel()
	dir, db := initDB(t)
	run := runAt("2023-07-09T09:00:00+08:00")
	ledgers := filepath.Join(dir, "ledgers")
	if code, _, stderr := run(t, "--db", db, "templates", "--period", "2023-Q2", "--out", ledgers, "--agency", "省财政厅", "--agency", "省科技厅"); code != 0 {
		t.Fatal(stderr)
	}
	first, second := filepath.Join(dir, "a", "财政厅.xlsx"), filepath.Join(dir, "b", "财政厅更正.xlsx")
	os.MkdirAll(filepath.Dir(first), 0o755)
	os.MkdirAll(filepath.Dir(second), 0o755)
	copyFile(t, filepath.Join(ledgers, "2023-Q2_省财政厅.xlsx"), first)
	fillLedger(t, first, 1)
	copyFile(t, filepath.Join(ledgers, "2023-Q2_省财政厅.xlsx"), second)
	fillLedger(t, second, 2)
	for _, p := range []string{first, second, filepath.Join(ledgers, "2023-Q2_省科技厅.xlsx")} {
		if code, stdout, stderr := run(t, "--db", db, "ingest", p); code != 0 {
			t.Fatalf("%s: %s%s", p, stdout, stderr)
		}
	}
	code, stdout, stderr := run(t, "--db", db, "ingest", filepath.Join(dir, "a"), filepath.Join(dir, "b"), ledgers)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"重复 " + second + ":与 省财政厅 2023-Q2 第2版(现行版本)内容相同,跳过\n",
		"重复 " + first + ":与 省财政厅 2023-Q2 第1版内容相同,跳过;那一版不是现行版本,要改用它:taizhang restore --period 2023-Q2 --agency 省财政厅 --version 1 --reason 原因\n",
		"重复 " + filepath.Join(ledgers, "2023-Q2_省科技厅.xlsx") + ":与 省科技厅 2023-Q2 第1版(现行版本)内容相同",
		"接收 0 | 替换旧版 0 | 旧版存档 1 | 重复 3 |",
		"2023年第二季度:接收 0,替换旧版 0,旧版存档 1,重复 3\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, second+":与 省财政厅 2023-Q2 第2版(现行版本)内容相同,跳过;") {
		t.Errorf("restore suggested for the current version:\n%s", stdout)
	}
}

// Words that reached people in English or jargon, or said the wrong thing.
func TestPlainWords(t *testing.T) {
	t.Parallel()
	dir, db := initDB(t)
	run := runAt("2023-07-09T09:00:00+08:00")
	ledgers := filepath.Join(dir, "ledgers")
	if code, _, stderr := run(t, "--db", db, "templates", "--period", "2023-Q2", "--out", ledgers, "--agency", "省财政厅"); code != 0 {
		t.Fatal(stderr)
	}
	// catalog import of a folder or a device: said as such, by the path given.
	if code, _, stderr := run(t, "--db", db, "catalog", "import", dir); code != exitUsage || !strings.Contains(stderr, dir+" 是一个目录,不是文件") {
		t.Errorf("catalog import of a folder: exit %d %s", code, stderr)
	}
	if code, _, stderr := run(t, "--db", db, "catalog", "import", "/dev/null"); code != exitUsage || !strings.Contains(stderr, "/dev/null 不是普通文件(是设备或管道)") {
		t.Errorf("catalog import of a device: exit %d %s", code, stderr)
	}
	// No _meta: the hidden check sheet, in the help and in the refusal.
	noMeta := filepath.Join(dir, "无校验.xlsx")
	copyFile(t, filepath.Join(ledgers, "2023-Q2_省财政厅.xlsx"), noMeta)
	if err := excel.Edit(noMeta, func(e *excel.Editor) error { return e.DeleteSheet(ledger.SheetMeta) }); err != nil {
		t.Fatal(err)
	}
	_, stdout, stderr := run(t, "--db", db, "ingest", noMeta)
	_, help, _ := run(t, "--db", db, "ingest", "--help")
	if strings.Contains(stdout+stderr+help, "_meta") || !strings.Contains(stdout, "隐藏的校验工作表被删除") || !strings.Contains(help, "隐藏的校验工作表") {
		t.Errorf("_meta reached people:\n%s%s%s", stdout, stderr, help)
	}
	// A time zone is asked for by example, not by the name of a standard.
	if code, _, stderr := run(t, "--db", filepath.Join(dir, "z.db"), "init", "--timezone", "Beijing"); code == 0 || strings.Contains(stderr, "IANA") || !strings.Contains(stderr, "Asia/Shanghai") {
		t.Errorf("init --timezone Beijing: exit %d %s", code, stderr)
	}
	// user add --reset of an existing account is a reset: said and audited as one.
	add := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		app := &App{Out: &scriptWriter{w: &out, to: func() taizhang.Script { return taizhang.Simplified }}, Err: &errOut, DBPath: db, User: "tester"}
		root := newRootCmd(app)
		root.SetArgs(args)
		root.SetIn(strings.NewReader("a long password\n"))
		if err := root.Execute(); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		app.Out.(*scriptWriter).Flush()
		return out.String()
	}
	if got := add("user", "add", "张三"); !strings.Contains(got, "已添加账户“张三”。") || strings.Contains(got, "账户“张三”的密码") {
		t.Errorf("user add: %s", got)
	}
	if got := add("user", "add", "张三", "--reset"); !strings.Contains(got, "已为账户“张三”设置新密码") {
		t.Errorf("user add --reset: %s", got)
	}
	if got := add("user", "add", "李四", "--reset"); !strings.Contains(got, "已添加账户“李四”") {
		t.Errorf("user add --reset of a new account: %s", got)
	}
	_, audit, _ := run(t, "--db", db, "audit")
	if strings.Count(audit, "添加用户") != 2 || strings.Count(audit, "重设密码") != 1 {
		t.Errorf("audit:\n%s", audit)
	}
}

// A PDF report is called a report, not a workbook. (What is printed is the sentence, not the
// PDF: LibreOffice's stand-in makes it; TestReportPDF renders one.)
func TestReportPDFWording(t *testing.T) {
	t.Parallel()
	dir, db := initDB(t)
	if code, _, stderr := run(t, "--db", db, "templates", "--period", "2023-Q2", "--out", filepath.Join(dir, "l")); code != 0 {
		t.Fatal(stderr)
	}
	pdf := filepath.Join(dir, "汇总.pdf")
	code, stdout, stderr := runOffice(t, officetest.Converter(), "--db", db, "report", "--period", "2023-Q2", "--out", pdf)
	if code != 0 || !strings.Contains(stdout, "汇总报告(PDF):"+pdf) || strings.Contains(stdout, "工作簿") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	if b, _ := os.ReadFile(pdf); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("report --out .pdf wrote %.8q", b)
	}
	if code, _, stderr := runOffice(t, officetest.Converter(), "--db", db, "report", "--period", "2023-Q2", "--out", pdf, "--paper", "A3"); code != 0 {
		t.Errorf("report --paper A3: exit %d %s", code, stderr)
	}
	if code, _, stderr := runOffice(t, officetest.Converter(), "--db", db, "report", "--period", "2023-Q2", "--out", filepath.Join(dir, "r.doc")); code != exitUsage {
		t.Errorf("report --out r.doc: exit %d %s", code, stderr)
	}
	// Without LibreOffice, a message saying how to get it, and nothing written.
	none := filepath.Join(dir, "无.pdf")
	code, _, stderr = run(t, "--db", db, "report", "--period", "2023-Q2", "--out", none)
	if code == 0 || !strings.Contains(stderr, "apt-get install libreoffice-calc-nogui") {
		t.Errorf("a PDF without LibreOffice: exit %d %s", code, stderr)
	}
	if _, err := os.Stat(none); err == nil {
		t.Errorf("%s written without LibreOffice", none)
	}
}
