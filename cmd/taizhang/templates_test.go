package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/store"
	"taizhang/templates/ledger"
)

func TestTemplatesArgv(t *testing.T) {
	t.Parallel()
	var got templatesOptions
	app := &App{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
	cmd := newTemplatesCmd(app, func(_ context.Context, _ *App, o templatesOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--period", "2023-Q1", "--out", "d", "--agency", "省科技廳", "--agency", "省畜牧局", "--deadline", "2023-04-15", "--contact", "張三", "--script", "simplified"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	want := templatesOptions{Period: taizhang.Period{Year: 2023, Kind: 'Q', Index: 1}, Out: "d", Agencies: []string{"省科技廳", "省畜牧局"},
		Deadline: taizhang.NewDate(2023, 4, 15), Contact: "張三", Script: "simplified"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("options = %+v, want %+v", got, want)
	}
	for _, argv := range [][]string{{"templates", "--out", "d"}, {"templates", "--period", "2023-Q5", "--out", "d"},
		{"templates", "--period", "2023", "--out", "d", "--deadline", "4月10日"}, {"templates", "--period", "2023", "--out", "d", "--script", "latin"}} {
		if code, _, _ := run(t, argv...); code != exitUsage {
			t.Errorf("%v: exit %d, want 2", argv, code)
		}
	}
}

func TestTemplatesCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	out := filepath.Join(dir, "out")
	if code, _, stderr := run(t, "--db", db, "templates", "--period", "2023-Q1", "--out", out); code != exitError || !strings.Contains(stderr, "taizhang init") {
		t.Errorf("templates before init: exit %d, %q", code, stderr)
	}
	if code, _, stderr := run(t, "--db", db, "init", "--script", "traditional"); code != 0 {
		t.Fatal(stderr)
	}
	code, stdout, stderr := run(t, "--db", db, "templates", "--period", "2023-Q1", "--out", out, "--contact", "協調辦 0531-1234")
	if code != 0 {
		t.Fatalf("templates: exit %d\n%s", code, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.xlsx"))
	if len(files) != 36 || !strings.Contains(stdout, "跳過“山東自貿試驗區領導小組各成員單位”") || !strings.Contains(stdout, "臺賬36份") {
		t.Errorf("%d files; output:\n%s", len(files), stdout)
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	recorded, err := s.Ledgers(context.Background(), taizhang.Period{Year: 2023, Kind: 'Q', Index: 1})
	if err != nil || len(recorded) != 36 {
		t.Fatalf("recorded %d templates, %v", len(recorded), err)
	}
	key, _ := s.SigningKey(context.Background())
	_, info, _ := s.Plan(context.Background())
	for _, tpl := range recorded {
		book, err := excel.Open(filepath.Join(out, tpl.FileName), excel.DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		r, err := ledger.ReadReturned(book)
		book.Close()
		if err != nil || r.Verify(key) != nil || r.Meta.LedgerID != tpl.ID || r.Meta.CatalogHash != info.CatalogHash ||
			r.Meta.Agency != tpl.Agency || len(r.Rows) != tpl.Rows || tpl.Deadline.String() != "2023-04-10" {
			t.Errorf("%s: recorded %+v, read %+v (%v)", tpl.FileName, tpl, r.Meta, err)
		}
	}
	// --agency takes aliases and either script; an unknown one is a usage error.
	out2 := filepath.Join(dir, "out2")
	code, stdout, _ = run(t, "--db", db, "templates", "--period", "2023-Q2", "--out", out2, "--agency", "省畜牧局", "--agency", "省科技厅")
	entries, _ := os.ReadDir(out2)
	if code != 0 || len(entries) != 2 || !strings.Contains(stdout, "2023-Q2_省畜牧獸醫局.xlsx") {
		t.Errorf("--agency: exit %d, %d files\n%s", code, len(entries), stdout)
	}
	if code, _, stderr := run(t, "--db", db, "templates", "--period", "2023-Q2", "--out", out2, "--agency", "省不存在局"); code != exitUsage || !strings.Contains(stderr, "省不存在局") {
		t.Errorf("unknown agency: exit %d %q", code, stderr)
	}
}
