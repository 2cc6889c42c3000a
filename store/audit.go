package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	taizhang "taizhang"
)

// Audit records an entry; its time is the store's clock.
func (s *Store) Audit(ctx context.Context, e taizhang.AuditEntry) error {
	if e.At.IsZero() {
		e.At = s.Now()
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO audit (at, who, remote, action, period, agency, detail) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		fmtTime(e.At), e.Who, e.Remote, string(e.Action), e.Period, e.Agency, e.Detail)
	return err
}

// AuditQuery selects entries: since a time, of one agency and period, of some actions; the newest
// Limit (0: all), always returned oldest first.
type AuditQuery struct {
	Since   time.Time
	Period  string
	Agency  string
	Actions []taizhang.AuditAction
	Limit   int
}

// AuditLog lists entries.
func (s *Store) AuditLog(ctx context.Context, q AuditQuery) ([]taizhang.AuditEntry, error) {
	var where []string
	var args []any
	if !q.Since.IsZero() {
		where, args = append(where, "at >= ?"), append(args, fmtTime(q.Since))
	}
	if q.Period != "" {
		where, args = append(where, "period = ?"), append(args, q.Period)
	}
	if q.Agency != "" {
		where, args = append(where, "agency = ?"), append(args, q.Agency)
	}
	if len(q.Actions) > 0 {
		where = append(where, "action IN (?"+strings.Repeat(", ?", len(q.Actions)-1)+")")
		for _, a := range q.Actions {
			args = append(args, string(a))
		}
	}
	query := `SELECT id, at, who, remote, action, period, agency, detail FROM audit`
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY id DESC"
	if q.Limit > 0 {
		query += " LIMIT ?"
		args = append(args, q.Limit)
	}
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []taizhang.AuditEntry
	for rows.Next() {
		var e taizhang.AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Who, &e.Remote, &e.Action, &e.Period, &e.Agency, &e.Detail); err != nil {
			return nil, err
		}
		e.At = parseTime(at)
		out = append(out, e)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, rows.Err()
}

// ChangeTag changes whenever a period's returns or versions change, in this process or another: the
// web board polls it to know when to refresh.
func (s *Store) ChangeTag(ctx context.Context, period string) (string, error) {
	var n, max int64
	var events int64
	err := s.db.QueryRowContext(ctx, `SELECT count(*), coalesce(max(id), 0), (SELECT count(*) FROM version_events e JOIN returns s2 ON s2.id = e.return_id WHERE s2.period = ?)
		FROM returns WHERE period = ?`, period, period).Scan(&n, &max, &events)
	if err != nil {
		return "", err
	}
	var deadlines, ledgers int64
	if err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM deadlines WHERE period = ?), (SELECT count(*) FROM ledgers WHERE period = ?)`,
		period, period).Scan(&deadlines, &ledgers); err != nil {
		return "", err
	}
	return fmt.Sprintf("%d.%d.%d.%d.%d", n, max, events, deadlines, ledgers), nil
}
