package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	taizhang "taizhang"
)

// Errors callers act on.
var (
	ErrDuplicate     = errors.New("store: file already ingested")
	ErrNoSuchVersion = errors.New("store: no such version")
	ErrWithdrawn     = errors.New("store: version already withdrawn")
	ErrNotWithdrawn  = errors.New("store: version is current already")
)

// Added says what storing a return did.
type Added struct {
	Current  bool // it became the current version
	Replaced int  // the version it replaced as current, 0 when none
	Newer    int  // when it did not become current: the current version, which sorts after it
}

// Newer reports whether return a sorts after b: a later receipt (or file) time; for one receipt
// time, a later file modification time (when both are known), then a later file name, then a later
// arrival. This is the one rule that decides which version is current.
func Newer(a, b *taizhang.Return) bool {
	if !a.SortAt.Equal(b.SortAt) {
		return a.SortAt.After(b.SortAt)
	}
	if !a.FileTime.IsZero() && !b.FileTime.IsZero() && !a.FileTime.Equal(b.FileTime) {
		return a.FileTime.After(b.FileTime)
	}
	if a.File != b.File {
		return a.File > b.File
	}
	return a.ID > b.ID || a.ID == 0
}

// AddReturn stores a return with its values and findings in one transaction. It refuses bytes seen
// before (ErrDuplicate, with r.ID set to the earlier return), numbers the version for its agency
// and period, and makes it current unless the current version is newer (then it is kept in the
// history as older). It sets r.ID, r.Version, r.Current and r.IngestedAt.
func (s *Store) AddReturn(ctx context.Context, r *taizhang.Return, by string) (Added, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Added{}, err
	}
	defer tx.Rollback()
	var existing int64
	switch err := tx.QueryRowContext(ctx, `SELECT id FROM returns WHERE sha256 = ?`, r.SHA256).Scan(&existing); {
	case err == nil:
		r.ID = existing
		return Added{}, ErrDuplicate
	case !errors.Is(err, sql.ErrNoRows):
		return Added{}, err
	}
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) + 1 FROM returns WHERE period = ? AND agency = ? AND plan_id = ?`,
		r.Period.String(), r.Agency, r.PlanID).Scan(&r.Version); err != nil {
		return Added{}, err
	}
	cur, err := scanReturns(tx.QueryContext(ctx, `SELECT `+returnColumns+` FROM returns WHERE period = ? AND agency = ? AND plan_id = ? AND current = 1`,
		r.Period.String(), r.Agency, r.PlanID))
	if err != nil {
		return Added{}, err
	}
	var added Added
	r.IngestedAt = s.Now().UTC()
	r.Current = len(cur) == 0 || Newer(r, &cur[0])
	if r.Current && len(cur) > 0 {
		added.Replaced = cur[0].Version
		if _, err := tx.ExecContext(ctx, `UPDATE returns SET current = 0 WHERE id = ?`, cur[0].ID); err != nil {
			return Added{}, err
		}
	} else if !r.Current {
		added.Newer = cur[0].Version
	}
	added.Current = r.Current
	if err := insertReturn(ctx, tx, r); err != nil {
		return Added{}, err
	}
	action := taizhang.ActionIngest
	if !r.Current {
		action = taizhang.ActionStale
	}
	if err := s.event(ctx, tx, r.ID, action, by, ""); err != nil {
		return Added{}, err
	}
	return added, tx.Commit()
}

func insertReturn(ctx context.Context, tx *sql.Tx, r *taizhang.Return) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO returns (sha256, file_name, source_path, archive_path, size, plan_id, agency, period,
		ledger_id, catalog_hash, signed, converted, ledger_sheet, filler, phone, reviewer, filled_date, ingested_at, version,
		received_at, sort_at, current, withdrawn, filled, file_time, channel)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
		r.SHA256, r.File, r.SourcePath, r.ArchivePath, r.Size, r.PlanID, r.Agency, r.Period.String(), r.LedgerID,
		r.CatalogHash, r.Signed, r.Converted, r.Sheet, r.Filler, r.Phone, r.Reviewer, r.FilledDate, fmtTime(r.IngestedAt), r.Version,
		fmtTime(r.ReceivedAt), fmtTime(r.SortAt), r.Current, r.Filled, fmtTime(r.FileTime), channel(r.Channel))
	if err != nil {
		return err
	}
	if r.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if err := insertRows(ctx, tx, r.ID, r.Values); err != nil {
		return err
	}
	for _, f := range r.Findings {
		if _, err := tx.ExecContext(ctx, `INSERT INTO return_findings (return_id, code, indicator, sheet, cell, message) VALUES (?, ?, ?, ?, ?, ?)`,
			r.ID, f.Code, f.Indicator, f.Sheet, f.Cell, f.Message); err != nil {
			return err
		}
	}
	return nil
}

// insertRows writes many rows per statement: the single writer is on ingest's critical path.
func insertRows(ctx context.Context, tx *sql.Tx, id int64, values []taizhang.Row) error {
	const perStatement = 50
	for from := 0; from < len(values); from += perStatement {
		chunk := values[from:min(from+perStatement, len(values))]
		var q strings.Builder
		q.WriteString(`INSERT INTO return_rows (return_id, indicator, sheet_row, cell, status_cell, raw, value, typed_unit,
		approx, flag, note, status, status_raw, progress, problems, next_steps) VALUES `)
		args := make([]any, 0, 16*len(chunk))
		for i, v := range chunk {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			args = append(args, id, v.Indicator, v.Row, v.Cell, v.StatusCell, v.Raw, v.Value, v.TypedUnit, v.Approx, v.Flag, v.Note,
				v.Status, v.StatusRaw, v.Progress, v.Problems, v.NextSteps)
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) event(ctx context.Context, tx *sql.Tx, id int64, action, by, reason string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO version_events (return_id, action, at, by, reason) VALUES (?, ?, ?, ?, ?)`,
		id, action, fmtTime(s.Now()), by, reason)
	return err
}

const returnColumns = `id, sha256, file_name, source_path, archive_path, size, plan_id, agency, period, ledger_id,
	catalog_hash, signed, converted, ledger_sheet, filler, phone, reviewer, filled_date, ingested_at, version,
	received_at, sort_at, current, withdrawn, filled, file_time, channel`

// channel is how a file came, a file given to ingest unless said otherwise.
func channel(c taizhang.Channel) taizhang.Channel {
	if c == "" {
		return taizhang.ChannelFile
	}
	return c
}

func scanReturns(rows *sql.Rows, err error) ([]taizhang.Return, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []taizhang.Return
	for rows.Next() {
		var r taizhang.Return
		var period, ingested, received, sortAt, fileTime string
		if err := rows.Scan(&r.ID, &r.SHA256, &r.File, &r.SourcePath, &r.ArchivePath, &r.Size, &r.PlanID, &r.Agency, &period, &r.LedgerID,
			&r.CatalogHash, &r.Signed, &r.Converted, &r.Sheet, &r.Filler, &r.Phone, &r.Reviewer, &r.FilledDate, &ingested, &r.Version,
			&received, &sortAt, &r.Current, &r.Withdrawn, &r.Filled, &fileTime, &r.Channel); err != nil {
			return nil, err
		}
		if r.Period, err = taizhang.ParsePeriod(period); err != nil {
			return nil, fmt.Errorf("return %d: %w", r.ID, err)
		}
		r.IngestedAt, r.ReceivedAt, r.SortAt, r.FileTime = parseTime(ingested), parseTime(received), parseTime(sortAt), parseTime(fileTime)
		out = append(out, r)
	}
	return out, rows.Err()
}

// FileHashes returns the SHA-256 of every file ingested so far.
func (s *Store) FileHashes(ctx context.Context) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT sha256 FROM returns`)
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

// Returns lists every version returned for a period, by agency, newest version first, with their
// findings but without their values.
func (s *Store) Returns(ctx context.Context, period taizhang.Period) ([]taizhang.Return, error) {
	out, err := scanReturns(s.db.QueryContext(ctx, `SELECT `+returnColumns+` FROM returns WHERE period = ? AND `+inPlan+` ORDER BY agency, version DESC`, period.String()))
	if err != nil {
		return nil, err
	}
	// One query for the findings of every version, not one per version (see batch.go).
	return out, s.attachFindings(ctx, out, `s.period = ?`, period.String())
}

// CurrentReturns lists each agency's current return for a period, with its values and findings.
func (s *Store) CurrentReturns(ctx context.Context, period taizhang.Period) ([]taizhang.Return, error) {
	out, err := scanReturns(s.db.QueryContext(ctx, `SELECT `+returnColumns+` FROM returns WHERE period = ? AND current = 1 AND `+inPlan+` ORDER BY agency`, period.String()))
	if err != nil {
		return nil, err
	}
	// Two queries for the values and findings of every return, not two per return (see batch.go).
	if err := s.attachRows(ctx, out, `s.period = ? AND s.current = 1`, period.String()); err != nil {
		return nil, err
	}
	return out, s.attachFindings(ctx, out, `s.period = ? AND s.current = 1`, period.String())
}

// Rows loads the rows of one return.
func (s *Store) Rows(ctx context.Context, id int64) ([]taizhang.Row, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT indicator, sheet_row, cell, status_cell, raw, value, typed_unit, approx, flag, note, status,
		status_raw, progress, problems, next_steps FROM return_rows WHERE return_id = ? ORDER BY sheet_row`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []taizhang.Row
	for rows.Next() {
		var v taizhang.Row
		var n sql.NullFloat64
		if err := rows.Scan(&v.Indicator, &v.Row, &v.Cell, &v.StatusCell, &v.Raw, &n, &v.TypedUnit, &v.Approx, &v.Flag, &v.Note, &v.Status,
			&v.StatusRaw, &v.Progress, &v.Problems, &v.NextSteps); err != nil {
			return nil, err
		}
		v.Value = nullFloat(n)
		out = append(out, v)
	}
	return out, rows.Err()
}

// Withdraw takes a version back (version 0: the current one). When it was current, the newest
// version left becomes current; the return stays in the history with who withdrew it and why.
// It returns the withdrawn version and the version now current (nil when none is).
func (s *Store) Withdraw(ctx context.Context, period taizhang.Period, agency string, version int, by, reason string) (*taizhang.Return, *taizhang.Return, error) {
	return s.changeVersion(ctx, period, agency, version, func(ctx context.Context, tx *sql.Tx, all []taizhang.Return, v *taizhang.Return) (*taizhang.Return, error) {
		if v.Withdrawn {
			return nil, ErrWithdrawn
		}
		if _, err := tx.ExecContext(ctx, `UPDATE returns SET withdrawn = 1, current = 0 WHERE id = ?`, v.ID); err != nil {
			return nil, err
		}
		if err := s.event(ctx, tx, v.ID, taizhang.ActionWithdraw, by, reason); err != nil {
			return nil, err
		}
		var next *taizhang.Return
		for i := range all {
			r := &all[i]
			if r.ID == v.ID || r.Withdrawn {
				continue
			}
			if r.Current {
				return r, nil // another version was current: it stays
			}
			if next == nil || Newer(r, next) {
				next = r
			}
		}
		if next != nil {
			if _, err := tx.ExecContext(ctx, `UPDATE returns SET current = 1 WHERE id = ?`, next.ID); err != nil {
				return nil, err
			}
			next.Current = true
		}
		return next, nil
	})
}

// Restore makes a version current again, withdrawn or merely older, whatever came after it.
func (s *Store) Restore(ctx context.Context, period taizhang.Period, agency string, version int, by, reason string) (*taizhang.Return, error) {
	_, cur, err := s.changeVersion(ctx, period, agency, version, func(ctx context.Context, tx *sql.Tx, all []taizhang.Return, v *taizhang.Return) (*taizhang.Return, error) {
		if v.Current {
			return nil, ErrNotWithdrawn
		}
		if _, err := tx.ExecContext(ctx, `UPDATE returns SET current = 0 WHERE period = ? AND agency = ? AND current = 1 AND `+inPlan, period.String(), agency); err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE returns SET current = 1, withdrawn = 0 WHERE id = ?`, v.ID); err != nil {
			return nil, err
		}
		v.Current, v.Withdrawn = true, false
		return v, s.event(ctx, tx, v.ID, taizhang.ActionRestore, by, reason)
	})
	return cur, err
}

// changeVersion finds a version (0: the current one) and applies change in one transaction.
func (s *Store) changeVersion(ctx context.Context, period taizhang.Period, agency string, version int,
	change func(context.Context, *sql.Tx, []taizhang.Return, *taizhang.Return) (*taizhang.Return, error)) (*taizhang.Return, *taizhang.Return, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()
	all, err := scanReturns(tx.QueryContext(ctx, `SELECT `+returnColumns+` FROM returns WHERE period = ? AND agency = ? AND `+inPlan+` ORDER BY version DESC`,
		period.String(), agency))
	if err != nil {
		return nil, nil, err
	}
	var v *taizhang.Return
	for i := range all {
		if (version == 0 && all[i].Current) || (version != 0 && all[i].Version == version) {
			v = &all[i]
		}
	}
	if v == nil {
		return nil, nil, ErrNoSuchVersion
	}
	got := *v
	cur, err := change(ctx, tx, all, v)
	if err != nil {
		return nil, nil, err
	}
	return &got, cur, tx.Commit()
}

// Events lists the version events of a period, oldest first.
func (s *Store) Events(ctx context.Context, period taizhang.Period) ([]taizhang.VersionEvent, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT e.return_id, s.agency, s.version, e.action, e.at, e.by, e.reason
		FROM version_events e JOIN returns s ON s.id = e.return_id WHERE s.period = ? AND s.`+inPlan+` ORDER BY e.id`, period.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []taizhang.VersionEvent
	for rows.Next() {
		e := taizhang.VersionEvent{Period: period}
		var at string
		if err := rows.Scan(&e.ReturnID, &e.Agency, &e.Version, &e.Action, &at, &e.By, &e.Reason); err != nil {
			return nil, err
		}
		e.At = parseTime(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// Times are stored in UTC with their full precision; two versions saved in the same second still sort.
func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// LastContacts gives, per agency, the filler and phone of its most recent return of any period
// that named one: who to call when a ledger has not come back.
func (s *Store) LastContacts(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT agency, filler, phone FROM returns WHERE filler <> '' OR phone <> '' ORDER BY ingested_at, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var a, name, phone string
		if err := rows.Scan(&a, &name, &phone); err != nil {
			return nil, err
		}
		out[a] = taizhang.JoinContact(name, phone)
	}
	return out, rows.Err()
}
