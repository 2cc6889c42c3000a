package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// Submission is one accepted return and everything read from it.
type Submission struct {
	ID           int64
	SHA256       string
	FileName     string
	SourcePath   string
	ArchivePath  string
	Size         int64
	PlanID       string
	Agency       string
	Period       string
	TemplateID   string
	CatalogHash  string
	Signed       bool
	Converted    string
	LedgerSheet  string
	Filler       string
	Phone        string
	Reviewer     string
	FilledDate   string
	IngestedAt   string
	Version      int
	SupersededBy *int64
	Values       []SubmittedValue
	Findings     []FileFinding
}

// SubmittedValue is one row of a return.
type SubmittedValue struct {
	Indicator  string
	SheetRow   int
	Cell       string // 累計完成值
	StatusCell string // 完成狀態
	Raw        string
	Value      *float64
	TypedUnit  string
	Approx     bool
	Flag       string
	Note       string
	Status     string
	Progress   string
	Problems   string
	NextSteps  string
}

// FileFinding is a problem found in an accepted file.
type FileFinding struct {
	Code, Indicator, Sheet, Cell, Message string
}

// ErrDuplicate means the same bytes were ingested before.
var ErrDuplicate = errors.New("store: file already ingested")

// AddSubmission stores a return in one transaction: it refuses bytes seen before, numbers the
// version for its agency and period, and supersedes the current one. It sets sub.ID and sub.Version;
// on ErrDuplicate it sets sub.ID to the earlier submission.
func (s *Store) AddSubmission(ctx context.Context, sub *Submission) (superseded int64, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var existing int64
	switch err := tx.QueryRowContext(ctx, `SELECT id FROM submissions WHERE sha256 = ?`, sub.SHA256).Scan(&existing); {
	case err == nil:
		sub.ID = existing
		return 0, ErrDuplicate
	case !errors.Is(err, sql.ErrNoRows):
		return 0, err
	}
	var current sql.NullInt64
	var version int
	if err := tx.QueryRowContext(ctx, `SELECT max(id) FROM submissions WHERE period = ? AND agency = ? AND superseded_by IS NULL`,
		sub.Period, sub.Agency).Scan(&current); err != nil {
		return 0, err
	}
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM submissions WHERE period = ? AND agency = ?`,
		sub.Period, sub.Agency).Scan(&version); err != nil {
		return 0, err
	}
	sub.Version = version + 1
	sub.IngestedAt = s.now()
	res, err := tx.ExecContext(ctx, `INSERT INTO submissions (sha256, file_name, source_path, archive_path, size, plan_id, agency, period,
		template_id, catalog_hash, signed, converted, ledger_sheet, filler, phone, reviewer, filled_date, ingested_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		sub.SHA256, sub.FileName, sub.SourcePath, sub.ArchivePath, sub.Size, sub.PlanID, sub.Agency, sub.Period, sub.TemplateID,
		sub.CatalogHash, sub.Signed, sub.Converted, sub.LedgerSheet, sub.Filler, sub.Phone, sub.Reviewer, sub.FilledDate, sub.IngestedAt, sub.Version)
	if err != nil {
		return 0, err
	}
	if sub.ID, err = res.LastInsertId(); err != nil {
		return 0, err
	}
	if current.Valid {
		if _, err := tx.ExecContext(ctx, `UPDATE submissions SET superseded_by = ? WHERE id = ?`, sub.ID, current.Int64); err != nil {
			return 0, err
		}
		superseded = current.Int64
	}
	// Many rows per statement: the single writer is on ingest's critical path.
	const perStatement = 50
	for from := 0; from < len(sub.Values); from += perStatement {
		chunk := sub.Values[from:min(from+perStatement, len(sub.Values))]
		var q strings.Builder
		q.WriteString(`INSERT INTO submission_values (submission_id, indicator, sheet_row, cell, status_cell, raw, value, typed_unit,
		approx, flag, note, status, progress, problems, next_steps) VALUES `)
		args := make([]any, 0, 15*len(chunk))
		for i, v := range chunk {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			args = append(args, sub.ID, v.Indicator, v.SheetRow, v.Cell, v.StatusCell, v.Raw, v.Value, v.TypedUnit, v.Approx, v.Flag, v.Note,
				v.Status, v.Progress, v.Problems, v.NextSteps)
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return 0, err
		}
	}
	for _, f := range sub.Findings {
		if _, err := tx.ExecContext(ctx, `INSERT INTO submission_findings (submission_id, code, indicator, sheet, cell, message) VALUES (?, ?, ?, ?, ?, ?)`,
			sub.ID, f.Code, f.Indicator, f.Sheet, f.Cell, f.Message); err != nil {
			return 0, err
		}
	}
	return superseded, tx.Commit()
}

// FileHashes returns the SHA-256 of every file ingested so far.
func (s *Store) FileHashes(ctx context.Context) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT sha256 FROM submissions`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return nil, err
		}
		out[h] = true
	}
	return out, rows.Err()
}

// Submissions lists the returns of a period (all versions), newest version first per agency.
func (s *Store) Submissions(ctx context.Context, period string, withValues bool) ([]Submission, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, sha256, file_name, source_path, archive_path, size, plan_id, agency, period, template_id,
		catalog_hash, signed, converted, ledger_sheet, filler, phone, reviewer, filled_date, ingested_at, version, superseded_by
		FROM submissions WHERE period = ? ORDER BY agency, version DESC`, period)
	if err != nil {
		return nil, err
	}
	var out []Submission
	for rows.Next() {
		var sub Submission
		var sup sql.NullInt64
		if err := rows.Scan(&sub.ID, &sub.SHA256, &sub.FileName, &sub.SourcePath, &sub.ArchivePath, &sub.Size, &sub.PlanID, &sub.Agency,
			&sub.Period, &sub.TemplateID, &sub.CatalogHash, &sub.Signed, &sub.Converted, &sub.LedgerSheet, &sub.Filler, &sub.Phone,
			&sub.Reviewer, &sub.FilledDate, &sub.IngestedAt, &sub.Version, &sup); err != nil {
			rows.Close()
			return nil, err
		}
		if sup.Valid {
			sub.SupersededBy = &sup.Int64
		}
		out = append(out, sub)
	}
	rows.Close()
	if err := rows.Err(); err != nil || !withValues {
		return out, err
	}
	for i := range out {
		if err := s.loadValues(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Store) loadValues(ctx context.Context, sub *Submission) error {
	rows, err := s.db.QueryContext(ctx, `SELECT indicator, sheet_row, cell, status_cell, raw, value, typed_unit, approx, flag, note, status, progress, problems, next_steps
		FROM submission_values WHERE submission_id = ? ORDER BY sheet_row`, sub.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var v SubmittedValue
		var val sql.NullFloat64
		if err := rows.Scan(&v.Indicator, &v.SheetRow, &v.Cell, &v.StatusCell, &v.Raw, &val, &v.TypedUnit, &v.Approx, &v.Flag, &v.Note, &v.Status, &v.Progress, &v.Problems, &v.NextSteps); err != nil {
			rows.Close()
			return err
		}
		v.Value = nullFloat(val)
		sub.Values = append(sub.Values, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = s.db.QueryContext(ctx, `SELECT code, indicator, sheet, cell, message FROM submission_findings WHERE submission_id = ? ORDER BY rowid`, sub.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var f FileFinding
		if err := rows.Scan(&f.Code, &f.Indicator, &f.Sheet, &f.Cell, &f.Message); err != nil {
			return err
		}
		sub.Findings = append(sub.Findings, f)
	}
	return rows.Err()
}

// CurrentSubmissions lists each agency's current return for a period, with its values; earlier
// versions stay in the history but are not loaded.
func (s *Store) CurrentSubmissions(ctx context.Context, period string) ([]Submission, error) {
	all, err := s.Submissions(ctx, period, false)
	if err != nil {
		return nil, err
	}
	var out []Submission
	for _, sub := range all {
		if sub.SupersededBy != nil {
			continue
		}
		if err := s.loadValues(ctx, &sub); err != nil {
			return nil, err
		}
		out = append(out, sub)
	}
	return out, nil
}
