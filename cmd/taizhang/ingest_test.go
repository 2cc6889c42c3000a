package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/cycle"
	"taizhang/excel"
	"taizhang/templates/ledger"
)

func TestIngestArgv(t *testing.T) {
	t.Parallel()
	var got ingestOptions
	app := &App{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
	cmd := newIngestCmd(app, func(_ context.Context, _ *App, o ingestOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"a.xlsx", "dir", "--allow-unsigned", "--jobs", "3", "--period", "2023-Q1"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	want := ingestOptions{Paths: []string{"a.xlsx", "dir"}, AllowUnsigned: true, Jobs: 3, Period: taizhang.Period{Year: 2023, Kind: 'Q', Index: 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("options = %+v, want %+v", got, want)
	}
	for _, argv := range [][]string{{"ingest"}, {"ingest", "x", "--jobs", "-1"}, {"ingest", "x", "--period", "Q1"}, {"ingest", "x", "--received", "7月15日"}, {"status"}, {"status", "--period", "2023-Q9"}} {
		if code, _, _ := run(t, argv...); code != exitUsage {
			t.Errorf("%v: exit %d, want 2", argv, code)
		}
	}
}

func TestIngestAndStatusCommands(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	run(t, "--db", db, "init", "--script", "traditional")
	out := filepath.Join(dir, "out")
	run(t, "--db", db, "templates", "--period", "2023-Q1", "--out", out, "--agency", "省科技廳", "--agency", "省財政廳")
	returns := filepath.Join(dir, "returns")
	os.MkdirAll(returns, 0o755)
	b, _ := os.ReadFile(filepath.Join(out, "2023-Q1_省科技廳.xlsx"))
	os.WriteFile(filepath.Join(returns, "科技廳.xlsx"), b, 0o644)
	if err := excel.Edit(filepath.Join(returns, "科技廳.xlsx"), func(e *excel.Editor) error {
		return e.Set("工作臺賬", ledger.LedgerCell(ledger.ColValue, 5), 12.0)
	}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(returns, "~$科技廳.xlsx"), []byte("lock"), 0o644)
	os.WriteFile(filepath.Join(returns, "說明.docx"), []byte("PK"), 0o644)
	code, stdout, stderr := run(t, "--db", db, "ingest", returns)
	if code != exitRefused || !strings.Contains(stdout, "接收 "+filepath.Join(returns, "科技廳.xlsx")+":省科技廳 2023-Q1 第1版") ||
		!strings.Contains(stdout, "跳過 "+filepath.Join(returns, "~$科技廳.xlsx")) || !strings.Contains(stdout, "拒收 "+filepath.Join(returns, "說明.docx")+":不是表格文件") ||
		!strings.Contains(stdout, "接收 1 | 替換舊版 0 | 舊版存檔 0 | 重複 0 | 拒收 1 | 跳過 1") || !strings.Contains(stderr, "1個文件被拒收") {
		t.Errorf("ingest: exit %d\n%s\n%s", code, stdout, stderr)
	}
	code, stdout, _ = run(t, "--db", db, "status", "--period", "2023-Q1", "--json")
	var st cycle.StatusJSON
	if err := json.Unmarshal([]byte(stdout), &st); err != nil || code != 0 {
		t.Fatalf("status --json: %d %v\n%s", code, err, stdout)
	}
	states := map[string]string{}
	for _, a := range st.Agencies {
		states[a.Agency] = a.State
		if a.Agency == "省科技廳" && (a.Version != 1 || len(a.Versions) != 1 || a.Rows != 32 || a.LedgerID == "") {
			t.Errorf("省科技廳 = %+v", a)
		}
	}
	// 省科技廳 returned (after 2023-04-10: late), 省財政廳 sent but not returned (overdue), others never sent.
	if states["省科技廳"] != "late" || states["省財政廳"] != "overdue" || states["省水利廳"] != "not_sent" || len(st.Agencies) != 36 {
		t.Errorf("states = %v (%d agencies)", states, len(st.Agencies))
	}
	code, stdout, _ = run(t, "--db", db, "status", "--period", "2023-Q1")
	if code != 0 || !strings.Contains(stdout, "2023年第一季度 報送情況") || !strings.Contains(stdout, "逾期報送") || !strings.Contains(stdout, "第1版") {
		t.Errorf("status:\n%s", stdout)
	}
}
