package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	taizhang "taizhang"
)

var q2 = taizhang.Period{Year: 2023, Kind: 'Q', Index: 2}

func ret(agency, file string, sortAt time.Time, value float64) *taizhang.Return {
	return &taizhang.Return{Agency: agency, Period: q2, File: file, SHA256: file + sortAt.String(), SortAt: sortAt, ReceivedAt: sortAt,
		Filled: 1, Values: []taizhang.Row{{Indicator: "2-1", Row: 5, Cell: "I5", Raw: "x", Value: &value}},
		Findings: []taizhang.Finding{{Code: taizhang.CodeInvalidValue, Indicator: "2-1", Sheet: "工作臺賬", Cell: "I5", Message: "m"}}}
}

func current(t *testing.T, s *Store, agency string) (int, float64) {
	t.Helper()
	cur, err := s.CurrentReturns(context.Background(), q2)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range cur {
		if r.Agency == agency {
			return r.Version, *r.Values[0].Value
		}
	}
	return 0, 0
}

// The version that becomes current is the newest by the rule, whatever order the files arrive in;
// an older one is kept as history; withdraw and restore change the current version and say who and why.
func TestReturnVersions(t *testing.T) {
	ctx := context.Background()
	s := mustOpenStore(t)
	t0 := time.Date(2023, 7, 5, 9, 0, 0, 0, time.UTC)
	v2 := ret("甲", "v2.xlsx", t0.Add(time.Hour), 22)
	if a, err := s.AddReturn(ctx, v2, "me"); err != nil || !a.Current || v2.Version != 1 {
		t.Fatalf("v2: %+v %v", a, err)
	}
	v1 := ret("甲", "v1.xlsx", t0, 11)
	if a, err := s.AddReturn(ctx, v1, "me"); err != nil || a.Current || a.Newer != 1 || v1.Version != 2 {
		t.Fatalf("an older file after a newer one must not become current: %+v %v", a, err)
	}
	if v, val := current(t, s, "甲"); v != 1 || val != 22 {
		t.Errorf("current = v%d %v, want v1 (22)", v, val)
	}
	v3 := ret("甲", "v3.xlsx", t0.Add(2*time.Hour), 33)
	if a, err := s.AddReturn(ctx, v3, "me"); err != nil || !a.Current || a.Replaced != 1 {
		t.Fatalf("v3: %+v %v", a, err)
	}
	if _, err := s.AddReturn(ctx, ret("甲", "v3.xlsx", t0.Add(2*time.Hour), 33), "me"); !errors.Is(err, ErrDuplicate) {
		t.Errorf("same bytes again: %v", err)
	}
	// Equal times: the later file name is newer.
	a1, b1 := ret("乙", "a.xlsx", t0, 1), ret("乙", "b.xlsx", t0, 2)
	s.AddReturn(ctx, b1, "me")
	if a, _ := s.AddReturn(ctx, a1, "me"); a.Current {
		t.Error("a.xlsx sorts before b.xlsx at the same time")
	}

	w, cur, err := s.Withdraw(ctx, q2, "甲", 0, "coordinator", "發錯了文件")
	if err != nil || w.Version != 3 || cur == nil || cur.Version != 1 {
		t.Fatalf("withdraw current: %+v %+v %v; want v3 withdrawn, v1 (the newest left) current", w, cur, err)
	}
	if _, _, err := s.Withdraw(ctx, q2, "甲", 3, "c", "again"); !errors.Is(err, ErrWithdrawn) {
		t.Errorf("withdraw twice: %v", err)
	}
	if _, err := s.Restore(ctx, q2, "甲", 2, "coordinator", "第2版才是終稿"); err != nil {
		t.Fatal(err)
	}
	if v, val := current(t, s, "甲"); v != 2 || val != 11 {
		t.Errorf("after restore: v%d %v, want v2 (11)", v, val)
	}
	if _, err := s.Restore(ctx, q2, "甲", 2, "c", "again"); !errors.Is(err, ErrNotWithdrawn) {
		t.Errorf("restore the current one: %v", err)
	}
	if _, err := s.Restore(ctx, q2, "甲", 9, "c", "x"); !errors.Is(err, ErrNoSuchVersion) {
		t.Errorf("restore a missing version: %v", err)
	}
	all, _ := s.Returns(ctx, q2)
	var states []string
	for _, r := range all {
		if r.Agency == "甲" {
			states = append(states, r.File+map[bool]string{true: "*", false: ""}[r.Current]+map[bool]string{true: "-", false: ""}[r.Withdrawn])
		}
		if len(r.Findings) != 1 || r.Findings[0].Severity != taizhang.SevError {
			t.Errorf("%s findings = %+v", r.File, r.Findings)
		}
	}
	if got := strings.Join(states, " "); got != "v3.xlsx- v1.xlsx* v2.xlsx" {
		t.Errorf("history (newest version first) = %s", got)
	}
	events, _ := s.Events(ctx, q2)
	var log []string
	for _, e := range events {
		if e.Agency == "甲" {
			log = append(log, e.Action+":"+e.By+":"+e.Reason)
		}
	}
	want := "ingest:me: stale:me: ingest:me: withdraw:coordinator:發錯了文件 restore:coordinator:第2版才是終稿"
	if got := strings.Join(log, " "); got != want {
		t.Errorf("events = %s\nwant %s", got, want)
	}
}

func TestDeadlines(t *testing.T) {
	ctx := context.Background()
	s := mustOpenStore(t)
	at := time.Date(2023, 6, 10, 0, 0, 0, 0, time.UTC)
	tpl := taizhang.Ledger{ID: "t1", Agency: "甲", Period: q2, IssuedAt: at, Deadline: taizhang.NewDate(2023, 7, 10), Rows: 3}
	if err := s.RecordLedger(ctx, tpl, &taizhang.DeadlineChange{Period: q2, Agency: "甲", Deadline: tpl.Deadline, SetAt: at, Reason: "下發臺賬"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDeadline(ctx, taizhang.DeadlineChange{Period: q2, Agency: "甲", Deadline: taizhang.NewDate(2023, 7, 20), SetAt: at.Add(time.Hour), By: "c", Reason: "延期"}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Deadlines(ctx, q2)
	if err != nil || len(got) != 2 || got[1].Deadline.String() != "2023-07-20" || got[1].Reason != "延期" || got[1].By != "c" {
		t.Errorf("deadlines = %+v, %v", got, err)
	}
	tpls, _ := s.Ledgers(ctx, q2)
	if len(tpls) != 1 || tpls[0].Deadline.String() != "2023-07-10" || !tpls[0].IssuedAt.Equal(at) || tpls[0].Period != q2 {
		t.Errorf("templates = %+v", tpls)
	}
}

// Any path opens the file it names; commands that read never create a database.
func TestOpenPaths(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, name := range []string{"a#b.db", "a?b.db", "50%.db", "空 格.db", "臺賬 (2023).db"} {
		path := filepath.Join(dir, name)
		s, err := Open(ctx, path)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		s.Close()
		if _, err := os.Stat(path); err != nil {
			t.Errorf("%s: the database went elsewhere: %v", name, err)
		}
		if s, err = OpenExisting(ctx, path); err != nil {
			t.Errorf("reopen %s: %v", name, err)
		} else {
			s.Close()
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".db") && !strings.Contains(e.Name(), ".db-") {
			t.Errorf("stray file %q", e.Name())
		}
	}
	missing := filepath.Join(dir, "no", "such.db")
	if _, err := OpenExisting(ctx, missing); !errors.Is(err, ErrNoDatabase) {
		t.Errorf("missing: %v", err)
	}
	if _, err := os.Stat(filepath.Dir(missing)); err == nil {
		t.Error("OpenExisting created the folder of a missing database")
	}
	if _, err := OpenExisting(ctx, dir); !errors.Is(err, ErrIsDir) {
		t.Errorf("a folder: %v", err)
	}
}

// A database made before versions were recorded keeps its history: the unsuperseded return is
// current, receipt times are the ingest times, deadlines come from the templates sent.
func TestMigrateOldReturns(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	// Roll the schema back to version 3 by rebuilding it from the first three migrations.
	s.Close()
	os.Remove(path)
	db, err := sql.Open("sqlite", DSN(path, true))
	if err != nil {
		t.Fatal(err)
	}
	old := &Store{db: db, Path: path, Now: time.Now}
	if _, err := db.ExecContext(ctx, `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"0001_catalog.sql", "0002_templates.sql", "0003_submissions.sql"} {
		if err := old.applyMigration(ctx, i+1, name, "migrations/"+name); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		`INSERT INTO templates VALUES ('t1', 'p', '甲', '2023-Q2', 'h', 'f.xlsx', '2023-06-10T00:00:00Z', '2023-07-10', '', 3)`,
		`INSERT INTO submissions (id, sha256, file_name, source_path, archive_path, size, plan_id, agency, period, template_id, catalog_hash, signed,
			ledger_sheet, ingested_at, version) VALUES (2, 'b', 'v2.xlsx', '', '', 1, 'p', '甲', '2023-Q2', 't1', 'h', 1, 'S', '2023-07-12T01:00:00Z', 2)`,
		`INSERT INTO submissions (id, sha256, file_name, source_path, archive_path, size, plan_id, agency, period, template_id, catalog_hash, signed,
			ledger_sheet, ingested_at, version, superseded_by) VALUES (1, 'a', 'v1.xlsx', '', '', 1, 'p', '甲', '2023-Q2', 't1', 'h', 1, 'S', '2023-07-08T01:00:00Z', 1, 2)`,
		`INSERT INTO submission_values (submission_id, indicator, sheet_row, cell, raw, value, status) VALUES (2, '2-1', 5, 'I5', '7', 7, '滯後')`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s, err = OpenExisting(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	all, err := s.Returns(ctx, q2)
	if err != nil || len(all) != 2 {
		t.Fatalf("returns %+v %v", all, err)
	}
	if !all[0].Current || all[1].Current || all[0].Filled != 1 || all[1].Filled != 0 ||
		!all[1].ReceivedAt.Equal(time.Date(2023, 7, 8, 1, 0, 0, 0, time.UTC)) {
		t.Errorf("migrated = %+v", all)
	}
	vals, _ := s.Values(ctx, all[0].ID)
	if len(vals) != 1 || vals[0].StatusRaw != "滯後" {
		t.Errorf("values = %+v", vals)
	}
	d, _ := s.Deadlines(ctx, q2)
	if len(d) != 1 || d[0].Deadline.String() != "2023-07-10" || d[0].Agency != "甲" {
		t.Errorf("deadlines = %+v", d)
	}
}

// A database from before records were kept by plan: the migration gives each deadline and refusal
// the plan of the ledger it was set with or for, and lets each plan have its own current version of an agency's
// return. Reading a period then takes the plan in the database only.
func TestMigrateRecordsByPlan(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2023, 6, 10, 0, 0, 0, 0, time.UTC)
	for _, plan := range []string{"plan-a", "plan-b"} {
		tpl := taizhang.Ledger{ID: "t-" + plan, PlanID: plan, Agency: "甲-" + plan, Period: q2, IssuedAt: at, Deadline: taizhang.NewDate(2023, 7, 10)}
		if err := s.RecordLedger(ctx, tpl, &taizhang.DeadlineChange{Period: q2, Agency: tpl.Agency, Deadline: tpl.Deadline, SetAt: at}); err != nil {
			t.Fatal(err)
		}
		r := ret("乙", plan+".xlsx", at, 1)
		r.PlanID = plan
		if _, err := s.AddReturn(ctx, r, "me"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddRefusal(ctx, taizhang.Refusal{Agency: tpl.Agency, Period: q2, File: "x.xlsx", SHA256: plan, ReceivedAt: at, Code: "bad_signature"}); err != nil {
			t.Fatal(err)
		}
	}
	// Back to the schema before migration 0013, deadlines without their plan.
	for _, q := range []string{`ALTER TABLE plans DROP COLUMN other_script`, `ALTER TABLE deadlines DROP COLUMN plan_id`, `ALTER TABLE refusals DROP COLUMN plan_id`,
		`UPDATE submissions SET current = 0 WHERE plan_id = 'plan-a'`, `DROP INDEX submissions_current`,
		`CREATE UNIQUE INDEX submissions_current ON submissions (period, agency) WHERE current = 1`,
		`DELETE FROM schema_migrations WHERE version = 13`} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	s.Close()
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SavePlan(ctx, &taizhang.Plan{ID: "plan-b", Title: "乙計劃", Year: 2023, Script: taizhang.Traditional}, Source{}, "h", "init"); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Deadlines(ctx, q2)
	tpls, _ := s.Ledgers(ctx, q2)
	refused, _ := s.Refusals(ctx, q2)
	if len(got) != 1 || got[0].Agency != "甲-plan-b" || len(tpls) != 1 || tpls[0].PlanID != "plan-b" || len(refused) != 1 || refused[0].Agency != "甲-plan-b" {
		t.Errorf("under plan-b: deadlines %+v, ledgers %+v, refusals %+v", got, tpls, refused)
	}
	// plan-a's return becomes current within plan-a while plan-b's is current within plan-b.
	if _, err := s.db.ExecContext(ctx, `UPDATE submissions SET current = 1 WHERE plan_id = 'plan-a'`); err != nil {
		t.Errorf("a current version for each plan: %v", err)
	}
	if cur, _ := s.CurrentReturns(ctx, q2); len(cur) != 1 || cur[0].PlanID != "plan-b" {
		t.Errorf("current returns under plan-b: %+v", cur)
	}
	r := ret("乙", "plan-b-2.xlsx", at.Add(time.Hour), 2)
	r.PlanID = "plan-b"
	if a, err := s.AddReturn(ctx, r, "me"); err != nil || r.Version != 2 || a.Replaced != 1 {
		t.Errorf("a second return under plan-b: version %d, %+v, %v; want version 2 replacing 1", r.Version, a, err)
	}
	if ledgers, returns, periods, err := s.PlanRecords(ctx, "plan-a"); err != nil || ledgers != 1 || returns != 1 || strings.Join(periods, ",") != "2023-Q2" {
		t.Errorf("plan-a's records: %d ledgers, %d returns, %v, %v", ledgers, returns, periods, err)
	}
}
