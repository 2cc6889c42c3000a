package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	taizhang "taizhang"
)

// Errors of links, users and sessions.
var (
	ErrNoLink     = errors.New("store: no such link, or it was revoked")
	ErrLinkExists = errors.New("store: the agency has a live link for the period")
)

// Link is an agency's private link for one period. The token itself is never stored.
type Link struct {
	ID        int64
	Period    taizhang.Period
	Agency    string
	CreatedAt time.Time
	CreatedBy string
	RevokedAt time.Time // zero while live
	RevokedBy string
}

// AddLink records a new link by its token's hash. It refuses a second live link for the same
// agency and period (ErrLinkExists): a link that was sent stays the one that works until revoked.
func (s *Store) AddLink(ctx context.Context, period taizhang.Period, agency, tokenHash, by string) (Link, error) {
	l := Link{Period: period, Agency: agency, CreatedAt: s.Now().UTC(), CreatedBy: by}
	res, err := s.db.ExecContext(ctx, `INSERT INTO agency_links (token_hash, period, agency, created_at, created_by) VALUES (?, ?, ?, ?, ?)`,
		tokenHash, period.String(), agency, fmtTime(l.CreatedAt), by)
	if err != nil {
		if isUnique(err) {
			return Link{}, ErrLinkExists
		}
		return Link{}, err
	}
	l.ID, err = res.LastInsertId()
	return l, err
}

// LinkByToken finds the live link with this token hash, or ErrNoLink.
func (s *Store) LinkByToken(ctx context.Context, tokenHash string) (Link, error) {
	links, err := s.scanLinks(ctx, `WHERE token_hash = ? AND revoked_at = ''`, tokenHash)
	if err != nil {
		return Link{}, err
	}
	if len(links) == 0 {
		return Link{}, ErrNoLink
	}
	return links[0], nil
}

// Links lists the live links of a period, oldest first.
func (s *Store) Links(ctx context.Context, period taizhang.Period) ([]Link, error) {
	return s.scanLinks(ctx, `WHERE period = ? AND revoked_at = '' ORDER BY id`, period.String())
}

// RevokeLink revokes an agency's live link for a period; false when it had none.
func (s *Store) RevokeLink(ctx context.Context, period taizhang.Period, agency, by string) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE agency_links SET revoked_at = ?, revoked_by = ? WHERE period = ? AND agency = ? AND revoked_at = ''`,
		fmtTime(s.Now()), by, period.String(), agency)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

func (s *Store) scanLinks(ctx context.Context, where string, args ...any) ([]Link, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, period, agency, created_at, created_by, revoked_at, revoked_by FROM agency_links `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Link
	for rows.Next() {
		var l Link
		var period, created, revoked string
		if err := rows.Scan(&l.ID, &period, &l.Agency, &created, &l.CreatedBy, &revoked, &l.RevokedBy); err != nil {
			return nil, err
		}
		if l.Period, err = taizhang.ParsePeriod(period); err != nil {
			return nil, err
		}
		l.CreatedAt, l.RevokedAt = parseTime(created), parseTime(revoked)
		out = append(out, l)
	}
	return out, rows.Err()
}

// Setting reads a text setting ("" when unset).
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var v []byte
	err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return string(v), err
}

// SetSetting writes a text setting.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, []byte(value))
	return err
}
