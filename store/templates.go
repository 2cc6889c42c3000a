package store

import (
	"context"
)

// Template is a ledger workbook issued to an agency.
type Template struct {
	ID          string
	PlanID      string
	Agency      string
	Period      string
	CatalogHash string
	FileName    string
	IssuedAt    string
	Deadline    string
	Contact     string
	Rows        int
}

// RecordTemplate records one issued template.
func (s *Store) RecordTemplate(ctx context.Context, t Template) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO templates (id, plan_id, agency, period, catalog_hash, file_name, issued_at, deadline, contact, rows)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, t.ID, t.PlanID, t.Agency, t.Period, t.CatalogHash, t.FileName, t.IssuedAt, t.Deadline, t.Contact, t.Rows)
	return err
}

const templateColumns = `id, plan_id, agency, period, catalog_hash, file_name, issued_at, deadline, contact, rows`

// Templates lists the templates issued for a period, newest first within each agency.
func (s *Store) Templates(ctx context.Context, period string) ([]Template, error) {
	return s.queryTemplates(ctx, `SELECT `+templateColumns+` FROM templates WHERE period = ? ORDER BY agency, issued_at DESC, rowid DESC`, period)
}

func (s *Store) queryTemplates(ctx context.Context, query string, args ...any) ([]Template, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Template
	for rows.Next() {
		var t Template
		if err := rows.Scan(&t.ID, &t.PlanID, &t.Agency, &t.Period, &t.CatalogHash, &t.FileName, &t.IssuedAt, &t.Deadline, &t.Contact, &t.Rows); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// AllTemplates lists every issued template.
func (s *Store) AllTemplates(ctx context.Context) ([]Template, error) {
	return s.queryTemplates(ctx, `SELECT `+templateColumns+` FROM templates`)
}
