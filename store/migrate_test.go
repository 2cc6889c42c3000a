package store

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	taizhang "taizhang"
)

// olderDatabase makes a database as a taizhang of an earlier schema left it: the migrations up to
// number last applied. It returns the database to fill with that schema's SQL, and where it is;
// Open then migrates it.
func olderDatabase(t *testing.T, last int) (*sql.DB, string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", DSN(path, true))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.ExecContext(ctx, `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	names, _ := fs.Glob(migrations, "migrations/*.sql")
	sort.Strings(names)
	old := &Store{db: db, Path: path, Now: time.Now}
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		n, _ := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if n > last {
			break
		}
		if err := old.applyMigration(ctx, n, base, name); err != nil {
			t.Fatal(err)
		}
	}
	return db, path
}

// fill runs statements of an older schema.
func fill(t *testing.T, db *sql.DB, statements ...string) {
	t.Helper()
	for _, q := range statements {
		if _, err := db.ExecContext(context.Background(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// migrated opens an older database, migrating it.
func migrated(t *testing.T, db *sql.DB, path string) *Store {
	t.Helper()
	db.Close()
	s, err := OpenExisting(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// A database made before versions were recorded keeps its history: the unsuperseded return is
// current, receipt times are the ingest times, deadlines come from the templates sent.
func TestMigrateOldReturns(t *testing.T) {
	ctx := context.Background()
	db, path := olderDatabase(t, 3)
	fill(t, db,
		`INSERT INTO templates VALUES ('t1', 'p', '甲', '2023-Q2', 'h', 'f.xlsx', '2023-06-10T00:00:00Z', '2023-07-10', '', 3)`,
		`INSERT INTO submissions (id, sha256, file_name, source_path, archive_path, size, plan_id, agency, period, template_id, catalog_hash, signed,
			ledger_sheet, ingested_at, version) VALUES (2, 'b', 'v2.xlsx', '', '', 1, 'p', '甲', '2023-Q2', 't1', 'h', 1, 'S', '2023-07-12T01:00:00Z', 2)`,
		`INSERT INTO submissions (id, sha256, file_name, source_path, archive_path, size, plan_id, agency, period, template_id, catalog_hash, signed,
			ledger_sheet, ingested_at, version, superseded_by) VALUES (1, 'a', 'v1.xlsx', '', '', 1, 'p', '甲', '2023-Q2', 't1', 'h', 1, 'S', '2023-07-08T01:00:00Z', 1, 2)`,
		`INSERT INTO submission_values (submission_id, indicator, sheet_row, cell, raw, value, status) VALUES (2, '2-1', 5, 'I5', '7', 7, '滯後')`)
	s := migrated(t, db, path)
	all, err := s.Returns(ctx, q2)
	if err != nil || len(all) != 2 {
		t.Fatalf("returns %+v %v", all, err)
	}
	if !all[0].Current || all[1].Current || all[0].Filled != 1 || all[1].Filled != 0 ||
		!all[1].ReceivedAt.Equal(time.Date(2023, 7, 8, 1, 0, 0, 0, time.UTC)) {
		t.Errorf("migrated = %+v", all)
	}
	vals, _ := s.Rows(ctx, all[0].ID)
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
	db, path := olderDatabase(t, 12)
	var statements []string
	for i, plan := range []string{"plan-a", "plan-b"} {
		agency := "甲-" + plan
		statements = append(statements,
			`INSERT INTO templates VALUES ('t-`+plan+`', '`+plan+`', '`+agency+`', '2023-Q2', 'h', 'f.xlsx', '2023-06-10T00:00:00Z', '2023-07-10', '', 3)`,
			`INSERT INTO deadlines (period, agency, deadline, set_at, reason) VALUES ('2023-Q2', '`+agency+`', '2023-07-10', '2023-06-10T00:00:00Z', '下發臺賬')`,
			`INSERT INTO submissions (sha256, file_name, source_path, archive_path, size, plan_id, agency, period, template_id, catalog_hash, signed,
				ledger_sheet, ingested_at, version, received_at, sort_at, current, filled)
				VALUES ('`+plan+`', '`+plan+`.xlsx', '', '', 1, '`+plan+`', '乙', '2023-Q2', '', 'h', 1, 'S', '2023-06-10T00:00:00Z', 1,
				'2023-06-10T00:00:00Z', '2023-06-10T00:00:00Z', `+strconv.Itoa(i)+`, 1)`, // plan-b's current: one per agency and period then
			`INSERT INTO refusals (period, agency, file, sha256, received_at, code, reason) VALUES ('2023-Q2', '`+agency+`', 'x.xlsx', '`+plan+`', '2023-06-10T00:00:00Z', 'bad_signature', '')`)
	}
	fill(t, db, statements...)
	s := migrated(t, db, path)
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
	if _, err := s.db.ExecContext(ctx, `UPDATE returns SET current = 1 WHERE plan_id = 'plan-a'`); err != nil {
		t.Errorf("a current version for each plan: %v", err)
	}
	if cur, _ := s.CurrentReturns(ctx, q2); len(cur) != 1 || cur[0].PlanID != "plan-b" {
		t.Errorf("current returns under plan-b: %+v", cur)
	}
	at := time.Date(2023, 6, 10, 0, 0, 0, 0, time.UTC)
	r := ret("乙", "plan-b-2.xlsx", at.Add(time.Hour), 2)
	r.PlanID = "plan-b"
	if a, err := s.AddReturn(ctx, r, "me"); err != nil || r.Version != 2 || a.Replaced != 1 {
		t.Errorf("a second return under plan-b: version %d, %+v, %v; want version 2 replacing 1", r.Version, a, err)
	}
	if ledgers, returns, periods, err := s.PlanRecords(ctx, "plan-a"); err != nil || ledgers != 1 || returns != 1 || strings.Join(periods, ",") != "2023-Q2" {
		t.Errorf("plan-a's records: %d ledgers, %d returns, %v, %v", ledgers, returns, periods, err)
	}
}

// The glossary's names (migration 30): a database filled under the old names (templates,
// submissions, submission_values, submission_findings) reads back whole under the new ones, its
// foreign keys and its partial unique index still hold, and no table, column or index keeps an
// old name.
func TestMigrateGlossaryNames(t *testing.T) {
	ctx := context.Background()
	db, path := olderDatabase(t, 29)
	fill(t, db,
		`INSERT INTO templates (id, plan_id, agency, period, catalog_hash, file_name, issued_at, deadline, contact, rows, issued_by)
			VALUES ('t1', 'p', '甲', '2023-Q2', 'h', 'f.xlsx', '2023-06-10T00:00:00Z', '2023-07-10', '辦 1', 2, '協調辦')`,
		`INSERT INTO deadlines (period, agency, deadline, set_at, set_by, reason, plan_id) VALUES ('2023-Q2', '甲', '2023-07-10', '2023-06-10T00:00:00Z', '協調辦', '下發臺賬', 'p')`,
		`INSERT INTO submissions (id, sha256, file_name, source_path, archive_path, size, plan_id, agency, period, template_id, catalog_hash, signed,
			ledger_sheet, ingested_at, version, received_at, sort_at, current, filled, file_time)
			VALUES (1, 'a', 'v1.xlsx', 's/v1.xlsx', 'aa/a.xlsx', 10, 'p', '甲', '2023-Q2', 't1', 'h', 1, '工作臺賬', '2023-07-08T01:00:00Z', 1,
			'2023-07-08T01:00:00Z', '2023-07-08T01:00:00Z', 0, 1, '')`,
		`INSERT INTO submissions (id, sha256, file_name, source_path, archive_path, size, plan_id, agency, period, template_id, catalog_hash, signed,
			ledger_sheet, ingested_at, version, received_at, sort_at, current, filled, file_time)
			VALUES (2, 'b', 'v2.xlsx', 's/v2.xlsx', 'bb/b.xlsx', 10, 'p', '甲', '2023-Q2', 't1', 'h', 1, '工作臺賬', '2023-07-09T01:00:00Z', 2,
			'2023-07-09T01:00:00Z', '2023-07-09T01:00:00Z', 1, 2, '')`,
		`UPDATE submissions SET superseded_by = 2 WHERE id = 1`,
		`INSERT INTO submission_values (submission_id, indicator, sheet_row, cell, raw, value, status, status_raw) VALUES (2, '2-1', 5, 'I5', '7', 7, '滯後', '滯後')`,
		`INSERT INTO submission_values (submission_id, indicator, sheet_row, cell, raw, value) VALUES (2, '2-2', 6, 'I6', '很多', NULL)`,
		`INSERT INTO submission_findings (submission_id, code, indicator, sheet, cell, message) VALUES (2, 'invalid_value', '2-2', '工作臺賬', 'I6', '不是數字')`,
		`INSERT INTO version_events (submission_id, action, at, by) VALUES (1, 'ingest', '2023-07-08T01:00:00Z', '協調辦')`,
		`INSERT INTO version_events (submission_id, action, at, by) VALUES (2, 'ingest', '2023-07-09T01:00:00Z', '協調辦')`)
	s := migrated(t, db, path)

	ledgers, _ := s.Ledgers(ctx, q2)
	if len(ledgers) != 1 || ledgers[0].ID != "t1" || ledgers[0].IssuedBy != "協調辦" || ledgers[0].Rows != 2 {
		t.Errorf("ledgers = %+v", ledgers)
	}
	all, _ := s.Returns(ctx, q2)
	if len(all) != 2 || all[0].Version != 2 || !all[0].Current || all[1].Current || all[0].LedgerID != "t1" || all[0].Filled != 2 ||
		len(all[0].Findings) != 1 || all[0].Findings[0].Code != taizhang.CodeInvalidValue || all[0].Findings[0].Severity != taizhang.SevError {
		t.Errorf("returns = %+v", all)
	}
	cur, _ := s.CurrentReturns(ctx, q2)
	if len(cur) != 1 || len(cur[0].Values) != 2 || cur[0].Values[0].Raw != "7" || cur[0].Values[1].Value != nil || cur[0].Values[0].StatusRaw != "滯後" {
		t.Errorf("current = %+v", cur)
	}
	if events, _ := s.Events(ctx, q2); len(events) != 2 || events[1].ReturnID != 2 || events[1].By != "協調辦" {
		t.Errorf("events = %+v", events)
	}
	if n, returns, _, _ := s.PlanRecords(ctx, "p"); n != 1 || returns != 2 {
		t.Errorf("plan records: %d ledgers, %d returns", n, returns)
	}

	// Foreign keys and the partial index hold under the new names.
	var problems int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM pragma_foreign_key_check`).Scan(&problems); err != nil || problems != 0 {
		t.Errorf("foreign key check: %d, %v", problems, err)
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO return_rows (return_id, indicator, sheet_row, cell, raw) VALUES (99, '1-1', 4, 'I4', '')`); err == nil {
		t.Error("a row of no return was taken: return_rows lost its foreign key")
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE returns SET current = 1 WHERE id = 1`); err == nil {
		t.Error("two current versions of one agency: the partial unique index is gone")
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM returns WHERE id = 2`); err == nil {
		t.Error("a return another one is superseded by was deleted: superseded_by lost its foreign key")
	}
	fill(t, s.db, `UPDATE returns SET superseded_by = NULL`, `DELETE FROM returns WHERE id = 2`)
	for _, table := range []string{"return_rows", "return_findings", "version_events"} {
		var n int
		s.db.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE return_id = 2`).Scan(&n)
		if n != 0 {
			t.Errorf("%s keeps %d rows of a deleted return: the cascade is gone", table, n)
		}
	}

	// No old name is left in the schema.
	rows, err := s.db.QueryContext(ctx, `SELECT type, name, coalesce(sql, '') FROM sqlite_master`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	indexes := map[string]bool{}
	for rows.Next() {
		var typ, name, text string
		rows.Scan(&typ, &name, &text)
		if strings.Contains(name+text, "template") || strings.Contains(name+text, "submission") {
			t.Errorf("%s %s keeps an old name: %s", typ, name, text)
		}
		indexes[name] = typ == "index"
	}
	for _, name := range []string{"ledgers_period_agency", "returns_period_agency", "returns_current", "return_findings_return", "version_events_return"} {
		if !indexes[name] {
			t.Errorf("no index %s", name)
		}
	}
}

// How a file came (migration 31) was the prefix 網上報送: of who took it in: it becomes the
// channel column of returns and refusals, and who is the agency itself.
func TestMigrateChannel(t *testing.T) {
	ctx := context.Background()
	db, path := olderDatabase(t, 30)
	insert := func(id int, sha, agency string) string {
		return `INSERT INTO returns (id, sha256, file_name, source_path, archive_path, size, plan_id, agency, period, ledger_id, catalog_hash, signed,
			ledger_sheet, ingested_at, version, received_at, sort_at, current, filled)
			VALUES (` + strconv.Itoa(id) + `, '` + sha + `', 'f.xlsx', '', '', 1, 'p', '` + agency + `', '2023-Q2', '', 'h', 1, 'S', '2023-07-08T01:00:00Z', 1,
			'2023-07-08T01:00:00Z', '2023-07-08T01:00:00Z', 1, 1)`
	}
	fill(t, db, insert(1, "a", "甲"), insert(2, "b", "乙"),
		`INSERT INTO version_events (return_id, action, at, by) VALUES (1, 'ingest', '2023-07-08T01:00:00Z', '網上報送:甲')`,
		`INSERT INTO version_events (return_id, action, at, by) VALUES (2, 'ingest', '2023-07-08T01:00:00Z', '協調辦')`,
		`INSERT INTO version_events (return_id, action, at, by, reason) VALUES (1, 'withdraw', '2023-07-09T01:00:00Z', '協調辦', '錯了')`,
		`INSERT INTO refusals (period, agency, file, sha256, received_at, code, reason, ingested_by) VALUES ('2023-Q2', '甲', 'x.xlsx', 'x', '2023-07-07T01:00:00Z', 'bad_signature', '', '網上報送:甲')`,
		`INSERT INTO refusals (period, agency, file, sha256, received_at, code, reason, ingested_by) VALUES ('2023-Q2', '乙', 'y.xlsx', 'y', '2023-07-07T01:00:00Z', 'wrong_period', '', '協調辦')`)
	s := migrated(t, db, path)
	all, _ := s.Returns(ctx, q2)
	channels := map[string]taizhang.Channel{}
	for _, r := range all {
		channels[r.Agency] = r.Channel
	}
	if channels["甲"] != taizhang.ChannelLink || channels["乙"] != taizhang.ChannelFile {
		t.Errorf("channels = %v; want 甲 by link, 乙 by file", channels)
	}
	events, _ := s.Events(ctx, q2)
	var by []string
	for _, e := range events {
		by = append(by, e.By)
	}
	if strings.Join(by, ",") != "甲,協調辦,協調辦" {
		t.Errorf("version events by %v; want the agency for its upload, the coordinator otherwise", by)
	}
	refusals := func() map[string]taizhang.Refusal {
		list, _ := s.Refusals(ctx, q2)
		out := map[string]taizhang.Refusal{}
		for _, r := range list {
			out[r.Agency] = r
		}
		return out
	}
	refused := refusals()
	if len(refused) != 2 || refused["甲"].Channel != taizhang.ChannelLink || refused["甲"].By != "甲" || refused["乙"].Channel != taizhang.ChannelFile || refused["乙"].By != "協調辦" {
		t.Errorf("refusals = %+v", refused)
	}
	// New records say their channel; one not said is a file given to ingest.
	r := ret("丙", "c.xlsx", time.Date(2023, 7, 8, 0, 0, 0, 0, time.UTC), 1)
	r.Channel = taizhang.ChannelLink
	if _, err := s.AddReturn(ctx, r, "丙"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddRefusal(ctx, taizhang.Refusal{Agency: "丙", Period: q2, File: "z.xlsx", SHA256: "z", ReceivedAt: time.Now(), Code: taizhang.RefusedNoMeta}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.ReturnBySHA(ctx, r.SHA256)
	refused = refusals()
	if got == nil || got.Channel != taizhang.ChannelLink || refused["丙"].Channel != taizhang.ChannelFile {
		t.Errorf("a new return by link: %+v; a refusal with no channel: %+v", got, refused["丙"])
	}
}

// Whose words a deadline's reason is (migration 32) was decided by comparing it with the
// program's messages: it becomes a column, set from those words once.
func TestMigrateDeadlineReasonKind(t *testing.T) {
	ctx := context.Background()
	db, path := olderDatabase(t, 31)
	var statements []string
	for i, reason := range []string{"下發臺賬", "重新下發臺賬時指定新的截止日期", "退回意見時重新指定", "領導批准", ""} {
		statements = append(statements, `INSERT INTO deadlines (period, agency, deadline, set_at, set_by, reason)
			VALUES ('2023-Q2', '甲', '2023-07-1`+strconv.Itoa(i)+`', '2023-06-10T0`+strconv.Itoa(i)+`:00:00Z', '協調辦', '`+reason+`')`)
	}
	fill(t, db, statements...)
	s := migrated(t, db, path)
	got, err := s.Deadlines(ctx, q2)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, c := range got {
		kinds = append(kinds, string(c.ReasonKind))
	}
	if strings.Join(kinds, ",") != "issued,reissued,reissued,person,person" {
		t.Errorf("reason kinds %v", kinds)
	}
	// The program's words can now be reworded: what is recorded says whose they are.
	if err := s.SetDeadline(ctx, taizhang.DeadlineChange{Period: q2, Agency: "乙", Deadline: taizhang.NewDate(2023, 7, 10), SetAt: time.Now(),
		Reason: "首次下發臺賬", ReasonKind: taizhang.ReasonIssued}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDeadline(ctx, taizhang.DeadlineChange{Period: q2, Agency: "乙", Deadline: taizhang.NewDate(2023, 7, 12), SetAt: time.Now(), Reason: "下發臺賬"}); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Deadlines(ctx, q2)
	if last := got[len(got)-2:]; !last[0].ReasonKind.Ours() || last[1].ReasonKind != taizhang.ReasonPerson {
		t.Errorf("new changes: %+v; want the program's, then a person's (whatever the words)", last)
	}
}
