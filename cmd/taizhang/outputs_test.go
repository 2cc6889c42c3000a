package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// initDB makes a database with the embedded plan (Simplified, the default) in a fresh folder.
func initDB(t *testing.T) (dir, db string) {
	t.Helper()
	dir = t.TempDir()
	db = filepath.Join(dir, "t.db")
	if code, _, stderr := run(t, "--db", db, "init"); code != 0 {
		t.Fatal(stderr)
	}
	return dir, db
}

// An output folder that is a file, or cannot be made, is one Chinese error up front and a
// non-zero exit: nothing written, nothing recorded, no line per agency, no Go English.
func TestOutputFolderIsAFile(t *testing.T) {
	t.Parallel()
	dir, db := initDB(t)
	file := filepath.Join(dir, "汇总.xlsx")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "--db", db, "templates", "--period", "2023-Q2", "--out", filepath.Join(dir, "ledgers")); code != 0 {
		t.Fatal(stderr)
	}
	for _, argv := range [][]string{
		{"feedback", "--period", "2023-Q2", "--out", file},
		{"templates", "--period", "2023-Q2", "--out", file},
		{"templates", "--period", "2023-Q2", "--out", filepath.Join(file, "sub")},
		{"report", "--period", "2023-Q2", "--out", filepath.Join(file, "r.xlsx")},
		{"remind", "--period", "2023-Q2", "--out", filepath.Join(file, "c.xlsx")},
		{"demo", "--dir", file},
	} {
		code, stdout, stderr := run(t, append([]string{"--db", db}, argv...)...)
		if code == 0 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, file+" 是一个文件,不是目录") {
			t.Errorf("%v: exit %d\nstdout:\n%s\nstderr:\n%s", argv, code, stdout, stderr)
		}
		for _, english := range []string{"mkdir", "not a directory", "无法生成", "已生成"} {
			if strings.Contains(stdout+stderr, english) {
				t.Errorf("%v: output has %q:\n%s%s", argv, english, stdout, stderr)
			}
		}
	}
	code, stdout, stderr := run(t, "--db", db, "templates", "--period", "2023-Q2", "--out", "/proc/taizhang-x")
	if code == 0 || !strings.Contains(stderr, "无法创建目录 /proc/taizhang-x:这个位置不允许创建目录") || strings.Contains(stderr, "找不到文件") {
		t.Errorf("/proc: exit %d\n%s%s", code, stdout, stderr)
	}
	// Nothing more was recorded than the one issue above.
	code, stdout, _ = run(t, "--db", db, "status", "--period", "2023-Q2", "--json")
	if code != 0 || strings.Count(stdout, `"template_id"`) != 36 {
		t.Errorf("status after the refusals: exit %d", code)
	}
}

// Files written for people (ledgers, the catalog, the report, the chase list, feedback) are
// readable by colleagues: 0644 less the umask, as any program saves a file.
func TestOutputsReadable(t *testing.T) {
	t.Parallel()
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir, db := initDB(t)
	ledgers := filepath.Join(dir, "ledgers")
	for _, argv := range [][]string{
		{"templates", "--period", "2023-Q2", "--out", ledgers},
		{"catalog", "export", filepath.Join(dir, "目录.xlsx")},
		{"report", "--period", "2023-Q2", "--out", filepath.Join(dir, "汇总.xlsx")},
		{"remind", "--period", "2023-Q2", "--out", filepath.Join(dir, "催报.xlsx")},
		{"feedback", "--period", "2023-Q2", "--out", filepath.Join(dir, "退回")},
	} {
		if code, _, stderr := run(t, append([]string{"--db", db}, argv...)...); code != 0 {
			t.Fatalf("%v: %s", argv, stderr)
		}
	}
	var files []string
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(path) == ".xlsx" {
			files = append(files, path)
		}
		return nil
	})
	if len(files) < 36+4 {
		t.Fatalf("only %d files written", len(files))
	}
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want -rw-r--r--", f, fi.Mode().Perm())
		}
	}
	// Under a stricter umask the files follow it.
	syscall.Umask(0o077)
	if code, _, stderr := run(t, "--db", db, "catalog", "export", filepath.Join(dir, "私.xlsx")); code != 0 {
		t.Fatal(stderr)
	}
	if fi, _ := os.Stat(filepath.Join(dir, "私.xlsx")); fi.Mode().Perm() != 0o600 {
		t.Errorf("umask 077: mode %v", fi.Mode().Perm())
	}
}
