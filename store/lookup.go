package store

import (
	"context"

	taizhang "taizhang"
)

// ReturnBySHA is the version stored with these bytes (without values or findings), nil when
// there is none: what a duplicate repeats.
func (s *Store) ReturnBySHA(ctx context.Context, sha string) (*taizhang.Return, error) {
	out, err := scanReturns(s.db.QueryContext(ctx, `SELECT `+returnColumns+` FROM returns WHERE sha256 = ?`, sha))
	if err != nil || len(out) == 0 {
		return nil, err
	}
	return &out[0], nil
}
