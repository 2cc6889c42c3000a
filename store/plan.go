package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	taizhang "taizhang"
)

// PlanInfo describes the stored plan: where it came from and which catalog version it is.
type PlanInfo struct {
	ID           string
	Title        string
	SourceName   string
	SourceSHA256 string
	CatalogHash  string
	CreatedAt    string
	UpdatedAt    string
	Tasks        int
	Indicators   int
	Agencies     int
}

// Source identifies the document a plan was parsed from.
type Source struct {
	Name   string
	SHA256 string
}

// SavePlan replaces the stored plan with p in one transaction and records its catalog version.
// reason says why ("init", "catalog import") for the version history.
func (s *Store) SavePlan(ctx context.Context, p *taizhang.Plan, src Source, catalogHash, reason string) error {
	return s.ReplacePlan(ctx, p, nil, src, catalogHash, reason, nil)
}

// ReplacePlan is SavePlan for a catalog kept in both scripts: p in the script people read, and
// other, the same catalog in the other script (nil: none). renames are agencies renamed (old name
// → new, as when the scripts are switched): the ledgers sent, deadlines, returns and links on
// record follow the new names, in the same transaction.
func (s *Store) ReplacePlan(ctx context.Context, p, other *taizhang.Plan, src Source, catalogHash, reason string, renames map[string]string) error {
	otherJSON := ""
	if other != nil {
		b, err := json.Marshal(storedPlan(other))
		if err != nil {
			return err
		}
		otherJSON = string(b)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	created := s.now()
	if err := tx.QueryRowContext(ctx, `SELECT created_at FROM plans WHERE id = ?`, p.ID).Scan(&created); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM plans`); err != nil {
		return err
	}
	tz := p.TimeZone
	if tz == "" {
		tz = taizhang.DefaultTimeZone
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO plans (id, title, doc_no, year, level, script, source_name, source_sha256, catalog_hash, created_at, updated_at, time_zone, other_script)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ID, p.Title, p.DocNo, p.Year, string(p.Level), string(p.Script), src.Name, src.SHA256, catalogHash, created, s.now(), tz, otherJSON); err != nil {
		return err
	}
	if err := insertCatalog(ctx, tx, p); err != nil {
		return err
	}
	for from, to := range renames {
		for _, table := range []string{"ledgers", "deadlines", "returns", "agency_links"} {
			if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET agency = ? WHERE agency = ?`, to, from); err != nil {
				return err
			}
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO catalog_versions (hash, plan_id, created_at, reason) VALUES (?, ?, ?, ?)
		ON CONFLICT (hash) DO NOTHING`, catalogHash, p.ID, s.now(), reason); err != nil {
		return err
	}
	return tx.Commit()
}

func insertCatalog(ctx context.Context, tx *sql.Tx, p *taizhang.Plan) error {
	for _, sec := range p.Sections {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sections (plan_id, no, title, parent) VALUES (?, ?, ?, ?)`, p.ID, sec.No, sec.Title, sec.Parent); err != nil {
			return fmt.Errorf("section %d: %w", sec.No, err)
		}
	}
	for i, a := range p.Agencies {
		if _, err := tx.ExecContext(ctx, `INSERT INTO agencies (plan_id, name, kind, ord) VALUES (?, ?, ?, ?)`, p.ID, a.Name, string(a.Kind), i); err != nil {
			return fmt.Errorf("agency %s: %w", a.Name, err)
		}
		for j, alias := range a.Aliases {
			if _, err := tx.ExecContext(ctx, `INSERT INTO agency_aliases (plan_id, agency, alias, ord) VALUES (?, ?, ?, ?)`, p.ID, a.Name, alias, j); err != nil {
				return fmt.Errorf("alias %s of %s: %w", alias, a.Name, err)
			}
		}
	}
	insInd, err := tx.PrepareContext(ctx, `INSERT INTO indicators (plan_id, id, task_no, ord, metric, span, comparator, value, high, unit, approx, deadline, baseline)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer insInd.Close()
	for _, t := range p.Tasks {
		if _, err := tx.ExecContext(ctx, `INSERT INTO tasks (plan_id, no, section, title, text, form, next_seq, deadline, lead_assumed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			p.ID, t.No, t.Section, t.Title, t.Text, string(t.Form), t.NextSeq, t.Deadline, t.LeadAssumed); err != nil {
			return fmt.Errorf("task %d: %w", t.No, err)
		}
		for role, names := range map[string][]string{"lead": t.Lead, "participating": t.Participating} {
			for i, n := range names {
				if _, err := tx.ExecContext(ctx, `INSERT INTO task_agencies (plan_id, task_no, role, agency, ord) VALUES (?, ?, ?, ?, ?)`, p.ID, t.No, role, n, i); err != nil {
					return fmt.Errorf("task %d %s %s: %w", t.No, role, n, err)
				}
			}
		}
		for i, ind := range t.Indicators {
			if _, err := insInd.ExecContext(ctx, p.ID, ind.ID, t.No, i, ind.Metric, ind.Span, string(ind.Comparator), ind.Value, ind.High,
				ind.Unit, ind.Approx, ind.Deadline, ind.Baseline); err != nil {
				return fmt.Errorf("indicator %s: %w", ind.ID, err)
			}
		}
	}
	return nil
}

// Plan loads the stored plan, or returns ErrNoPlan.
func (s *Store) Plan(ctx context.Context) (*taizhang.Plan, PlanInfo, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, PlanInfo{}, err
	}
	defer tx.Rollback()
	p := &taizhang.Plan{}
	var info PlanInfo
	var scriptName string
	err = tx.QueryRowContext(ctx, `SELECT id, title, doc_no, year, level, script, source_name, source_sha256, catalog_hash, created_at, updated_at, time_zone FROM plans`).
		Scan(&p.ID, &p.Title, &p.DocNo, &p.Year, &p.Level, &scriptName, &info.SourceName, &info.SourceSHA256, &info.CatalogHash, &info.CreatedAt, &info.UpdatedAt, &p.TimeZone)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, PlanInfo{}, ErrNoPlan
	}
	if err != nil {
		return nil, PlanInfo{}, err
	}
	p.Script = taizhang.Script(scriptName)
	info.ID, info.Title = p.ID, p.Title
	if err := loadCatalog(ctx, tx, p); err != nil {
		return nil, PlanInfo{}, err
	}
	info.Tasks, info.Agencies = len(p.Tasks), len(p.Agencies)
	for _, t := range p.Tasks {
		info.Indicators += len(t.Indicators)
	}
	return p, info, nil
}

// loadCatalog reads a plan's sections, agencies with their aliases, tasks with their agencies,
// and indicators, each in catalog order.
func loadCatalog(ctx context.Context, tx *sql.Tx, p *taizhang.Plan) error {
	steps := []struct {
		query string
		row   func(*sql.Rows) error
	}{
		{`SELECT no, title, parent FROM sections WHERE plan_id = ? ORDER BY no`, func(rows *sql.Rows) error {
			var sec taizhang.Section
			err := rows.Scan(&sec.No, &sec.Title, &sec.Parent)
			p.Sections = append(p.Sections, sec)
			return err
		}},
		{`SELECT name, kind FROM agencies WHERE plan_id = ? ORDER BY ord`, func(rows *sql.Rows) error {
			a := taizhang.Agency{Aliases: []string{}}
			err := rows.Scan(&a.Name, &a.Kind)
			p.Agencies = append(p.Agencies, a)
			return err
		}},
		{`SELECT agency, alias FROM agency_aliases WHERE plan_id = ? ORDER BY agency, ord`, func(rows *sql.Rows) error {
			var agency, alias string
			err := rows.Scan(&agency, &alias)
			if a := p.Agency(agency); a != nil {
				a.Aliases = append(a.Aliases, alias)
			}
			return err
		}},
		{`SELECT no, section, title, text, form, next_seq, deadline, lead_assumed FROM tasks WHERE plan_id = ? ORDER BY no`, func(rows *sql.Rows) error {
			t := taizhang.Task{Lead: []string{}, Participating: []string{}, Indicators: []taizhang.Indicator{}}
			err := rows.Scan(&t.No, &t.Section, &t.Title, &t.Text, &t.Form, &t.NextSeq, &t.Deadline, &t.LeadAssumed)
			p.Tasks = append(p.Tasks, t)
			return err
		}},
		{`SELECT task_no, role, agency FROM task_agencies WHERE plan_id = ? ORDER BY task_no, role, ord`, func(rows *sql.Rows) error {
			var no int
			var role, agency string
			err := rows.Scan(&no, &role, &agency)
			if t := p.Task(no); t != nil && role == "lead" {
				t.Lead = append(t.Lead, agency)
			} else if t != nil {
				t.Participating = append(t.Participating, agency)
			}
			return err
		}},
		{`SELECT task_no, id, metric, span, comparator, value, high, unit, approx, deadline, baseline
			FROM indicators WHERE plan_id = ? ORDER BY task_no, ord`, func(rows *sql.Rows) error { return scanIndicator(rows, p) }},
	}
	for _, st := range steps {
		if err := each(ctx, tx, st.query, st.row, p.ID); err != nil {
			return err
		}
	}
	return nil
}

func scanIndicator(rows *sql.Rows, p *taizhang.Plan) error {
	var no int
	var ind taizhang.Indicator
	var value, high sql.NullFloat64
	var deadline, baseline sql.NullString
	if err := rows.Scan(&no, &ind.ID, &ind.Metric, &ind.Span, &ind.Comparator, &value, &high, &ind.Unit, &ind.Approx, &deadline, &baseline); err != nil {
		return err
	}
	ind.Value, ind.High = nullFloat(value), nullFloat(high)
	ind.Deadline, ind.Baseline = nullString(deadline), nullString(baseline)
	if t := p.Task(no); t != nil {
		t.Indicators = append(t.Indicators, ind)
	}
	return nil
}

// each runs a query and calls row for every row it returns.
func each(ctx context.Context, tx *sql.Tx, query string, row func(*sql.Rows) error, args ...any) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func nullFloat(v sql.NullFloat64) *float64 {
	if !v.Valid {
		return nil
	}
	return &v.Float64
}

func nullString(v sql.NullString) *string {
	if !v.Valid {
		return nil
	}
	return &v.String
}

// CatalogVersions lists the hashes of every catalog version this database has held, oldest first.
func (s *Store) CatalogVersions(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT hash FROM catalog_versions ORDER BY created_at, rowid`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// PeekScript reads the script of the plan in the database at path without changing anything: the
// command line needs it to speak in the user's script before it knows what the command will do.
// It returns "" when there is no database or no plan.
func PeekScript(ctx context.Context, path string) taizhang.Script {
	if fi, err := os.Stat(path); err != nil || fi.IsDir() {
		return ""
	}
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: filepath.ToSlash(path)}).EscapedPath()+"?mode=ro&_pragma=busy_timeout(2000)")
	if err != nil {
		return ""
	}
	defer db.Close()
	var s string
	if err := db.QueryRowContext(ctx, `SELECT script FROM plans`).Scan(&s); err != nil {
		return ""
	}
	return taizhang.Script(s)
}

// SetTimeZone changes where the plan's dates are judged.
func (s *Store) SetTimeZone(ctx context.Context, tz string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE plans SET time_zone = ?, updated_at = ?`, tz, s.now())
	return err
}

// OtherScript loads the stored plan in the other script (see ReplacePlan), or nil when the plan
// was stored without it.
func (s *Store) OtherScript(ctx context.Context) (*taizhang.Plan, error) {
	var text string
	err := s.db.QueryRowContext(ctx, `SELECT other_script FROM plans`).Scan(&text)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, ErrNoPlan
	case err != nil:
		return nil, err
	case text == "":
		return nil, nil
	}
	var sp planJSON
	if err := json.Unmarshal([]byte(text), &sp); err != nil {
		return nil, fmt.Errorf("the catalog in the other script: %w", err)
	}
	return sp.plan(), nil
}

// planJSON is how a plan is kept as JSON in the database: everything, numbering included.
type planJSON struct {
	Plan     taizhang.Plan      `json:"plan"`
	Script   taizhang.Script    `json:"script"`
	TimeZone string             `json:"time_zone"`
	Sections []taizhang.Section `json:"sections"`
	Agencies []taizhang.Agency  `json:"agencies"`
	Tasks    []taskJSON         `json:"tasks"`
}

type taskJSON struct {
	taizhang.Task
	NextSeq int `json:"next_seq"`
}

func storedPlan(p *taizhang.Plan) planJSON {
	sp := planJSON{Plan: *p, Script: p.Script, TimeZone: p.TimeZone, Sections: p.Sections, Agencies: p.Agencies}
	for _, t := range p.Tasks {
		sp.Tasks = append(sp.Tasks, taskJSON{Task: t, NextSeq: t.NextSeq})
	}
	return sp
}

func (sp planJSON) plan() *taizhang.Plan {
	p := sp.Plan
	p.Script, p.TimeZone, p.Sections, p.Agencies = sp.Script, sp.TimeZone, sp.Sections, sp.Agencies
	for _, t := range sp.Tasks {
		t.Task.NextSeq = t.NextSeq
		p.Tasks = append(p.Tasks, t.Task)
	}
	return &p
}
