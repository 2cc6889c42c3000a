package store

import (
	"context"
	"database/sql"

	taizhang "taizhang"
)

// The web server reads a period's returns after every upload, so reading them costs one query per
// table rather than one per return: with modernc's SQLite every query is prepared anew, and the
// per-return queries were most of the time from upload to verdict.

// attachRows loads the rows of every return selected by where (over returns s) into out.
func (s *Store) attachRows(ctx context.Context, out []taizhang.Return, where string, args ...any) error {
	byID := index(out)
	rows, err := s.db.QueryContext(ctx, `SELECT v.return_id, v.indicator, v.sheet_row, v.cell, v.status_cell, v.raw, v.value, v.typed_unit,
		v.approx, v.flag, v.note, v.status, v.status_raw, v.progress, v.problems, v.next_steps
		FROM return_rows v JOIN returns s ON s.id = v.return_id WHERE `+where+` ORDER BY v.return_id, v.sheet_row`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var v taizhang.Row
		var n sql.NullFloat64
		if err := rows.Scan(&id, &v.Indicator, &v.Row, &v.Cell, &v.StatusCell, &v.Raw, &n, &v.TypedUnit, &v.Approx, &v.Flag, &v.Note, &v.Status,
			&v.StatusRaw, &v.Progress, &v.Problems, &v.NextSteps); err != nil {
			return err
		}
		v.Value = nullFloat(n)
		if r := byID[id]; r != nil {
			r.Values = append(r.Values, v)
		}
	}
	return rows.Err()
}

// attachFindings loads the findings of every return selected by where into out, in the order
// they were found.
func (s *Store) attachFindings(ctx context.Context, out []taizhang.Return, where string, args ...any) error {
	byID := index(out)
	rows, err := s.db.QueryContext(ctx, `SELECT f.return_id, f.code, f.indicator, f.sheet, f.cell, f.message
		FROM return_findings f JOIN returns s ON s.id = f.return_id WHERE `+where+` ORDER BY f.rowid`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var f taizhang.Finding
		if err := rows.Scan(&id, &f.Code, &f.Indicator, &f.Sheet, &f.Cell, &f.Message); err != nil {
			return err
		}
		f.Severity = f.Code.Severity()
		if r := byID[id]; r != nil {
			r.Findings = append(r.Findings, f)
		}
	}
	return rows.Err()
}

func index(out []taizhang.Return) map[int64]*taizhang.Return {
	byID := make(map[int64]*taizhang.Return, len(out))
	for i := range out {
		byID[out[i].ID] = &out[i]
	}
	return byID
}
