package store

import (
	"context"
	"database/sql"
	"fmt"

	taizhang "taizhang"
)

// RecordLedger records one issued ledger and, when given, a change of the agency's deadline, in
// one transaction.
func (s *Store) RecordLedger(ctx context.Context, t taizhang.Ledger, change *taizhang.DeadlineChange) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO ledgers (id, plan_id, agency, period, catalog_hash, file_name, issued_at, deadline, contact, rows,
		issued_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, t.ID, t.PlanID, t.Agency, t.Period.String(), t.CatalogHash, t.FileName,
		fmtTime(t.IssuedAt), t.Deadline.String(), t.Contact, t.Rows, t.IssuedBy); err != nil {
		return err
	}
	if change != nil {
		if err := insertDeadline(ctx, tx, *change); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// SetDeadline records a change of an agency's deadline for a period.
func (s *Store) SetDeadline(ctx context.Context, c taizhang.DeadlineChange) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := insertDeadline(ctx, tx, c); err != nil {
		return err
	}
	return tx.Commit()
}

func insertDeadline(ctx context.Context, tx *sql.Tx, c taizhang.DeadlineChange) error {
	kind := c.ReasonKind
	if kind == "" {
		kind = taizhang.ReasonPerson // shown as typed unless said to be ours
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO deadlines (period, agency, deadline, set_at, set_by, reason, reason_kind, plan_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, coalesce((SELECT id FROM plans), ''))`,
		c.Period.String(), c.Agency, c.Deadline.String(), fmtTime(c.SetAt), c.By, c.Reason, kind)
	return err
}

// Deadlines lists the deadline history of a period under the current plan, oldest first: the last
// entry of an agency is the deadline in force.
func (s *Store) Deadlines(ctx context.Context, period taizhang.Period) ([]taizhang.DeadlineChange, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT agency, deadline, set_at, set_by, reason, reason_kind FROM deadlines WHERE period = ? AND `+inPlan+` ORDER BY id`,
		period.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []taizhang.DeadlineChange
	for rows.Next() {
		c := taizhang.DeadlineChange{Period: period}
		var d, at string
		if err := rows.Scan(&c.Agency, &d, &at, &c.By, &c.Reason, &c.ReasonKind); err != nil {
			return nil, err
		}
		if c.Deadline, err = taizhang.ParseDate(d); err != nil {
			return nil, fmt.Errorf("deadline of %s: %w", c.Agency, err)
		}
		c.SetAt = parseTime(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

const ledgerColumns = `id, plan_id, agency, period, catalog_hash, file_name, issued_at, deadline, contact, rows, issued_by`

// Ledgers lists the ledgers issued for a period under the current plan, newest first within each
// agency.
func (s *Store) Ledgers(ctx context.Context, period taizhang.Period) ([]taizhang.Ledger, error) {
	return s.queryLedgers(ctx, `SELECT `+ledgerColumns+` FROM ledgers WHERE period = ? AND `+inPlan+`
		ORDER BY agency, issued_at DESC, rowid DESC`, period.String())
}

// AllLedgers lists every ledger issued under the current plan.
func (s *Store) AllLedgers(ctx context.Context) ([]taizhang.Ledger, error) {
	return s.queryLedgers(ctx, `SELECT `+ledgerColumns+` FROM ledgers WHERE `+inPlan)
}

// inPlan selects the rows of the plan in the database (all rows while there is none). A period's
// ledgers, deadlines and returns are read under the current plan only: after init --force with
// another plan, the old plan's stay in the database as history (see PlanRecords) and count again
// if it is loaded again.
const inPlan = `plan_id = coalesce((SELECT id FROM plans), plan_id)`

// PlanRecords counts what is on record under a plan: ledgers sent, returns received, and the
// periods they are for.
func (s *Store) PlanRecords(ctx context.Context, planID string) (ledgers, returns int, periods []string, err error) {
	if err = s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM ledgers WHERE plan_id = ?), (SELECT count(*) FROM returns WHERE plan_id = ?)`,
		planID, planID).Scan(&ledgers, &returns); err != nil {
		return 0, 0, nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT period FROM ledgers WHERE plan_id = ? UNION SELECT period FROM returns WHERE plan_id = ?
		ORDER BY period`, planID, planID)
	if err != nil {
		return 0, 0, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return 0, 0, nil, err
		}
		periods = append(periods, p)
	}
	return ledgers, returns, periods, rows.Err()
}

func (s *Store) queryLedgers(ctx context.Context, query string, args ...any) ([]taizhang.Ledger, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []taizhang.Ledger
	for rows.Next() {
		var t taizhang.Ledger
		var period, issued, deadline string
		if err := rows.Scan(&t.ID, &t.PlanID, &t.Agency, &period, &t.CatalogHash, &t.FileName, &issued, &deadline, &t.Contact, &t.Rows,
			&t.IssuedBy); err != nil {
			return nil, err
		}
		if t.Period, err = taizhang.ParsePeriod(period); err != nil {
			return nil, fmt.Errorf("template %s: %w", t.ID, err)
		}
		if t.Deadline, err = taizhang.ParseDate(deadline); err != nil {
			return nil, fmt.Errorf("template %s: %w", t.ID, err)
		}
		t.IssuedAt = parseTime(issued)
		out = append(out, t)
	}
	return out, rows.Err()
}
