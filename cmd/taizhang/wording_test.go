package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ingest of a path that is not there imports nothing and says so; with another file beside it,
// the summary counts what was imported instead of claiming "the rest were imported".
func TestIngestMissingPath(t *testing.T) {
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
	if code != exitRejected || !strings.Contains(stdout, "拒收 "+missing+":找不到文件或目录") || !strings.Contains(stderr, "1个文件被拒收(原因见上);已导入1个") {
		t.Errorf("a missing path beside a file: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = run(t, "--db", db, "ingest", missing, one)
	if code != exitRejected || !strings.Contains(stderr, "1个文件被拒收(原因见上),没有导入新的文件") {
		t.Errorf("again: exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(one); err != nil {
		t.Fatal(err)
	}
}
