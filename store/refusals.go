package store

import (
	"context"
	"fmt"

	taizhang "taizhang"
)

// AddRefusal records a file an agency sent that was refused. The same bytes refused again for
// the same agency and period are not recorded twice; it reports whether this one was new.
func (s *Store) AddRefusal(ctx context.Context, r taizhang.Refusal) (bool, error) {
	res, err := s.db.ExecContext(ctx, `INSERT OR IGNORE INTO refusals (period, agency, file, sha256, received_at, code, reason, source, channel, ingested_by, plan_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce((SELECT id FROM plans), ''))`, r.Period.String(), r.Agency, r.File, r.SHA256, fmtTime(r.ReceivedAt), r.Code, r.Reason,
		r.Source, channel(r.Channel), r.By)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// Refusals lists the files refused for a period under the current plan, by agency and then in the
// order they arrived.
func (s *Store) Refusals(ctx context.Context, period taizhang.Period) ([]taizhang.Refusal, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT agency, file, sha256, received_at, code, reason, source, channel, ingested_by
		FROM refusals WHERE period = ? AND `+inPlan+` ORDER BY agency, received_at, id`, period.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []taizhang.Refusal
	for rows.Next() {
		r := taizhang.Refusal{Period: period}
		var at string
		if err := rows.Scan(&r.Agency, &r.File, &r.SHA256, &at, &r.Code, &r.Reason, &r.Source, &r.Channel, &r.By); err != nil {
			return nil, err
		}
		if r.ReceivedAt = parseTime(at); r.ReceivedAt.IsZero() {
			return nil, fmt.Errorf("store: refusal of %s has a bad time %q", r.File, at)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
