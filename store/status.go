package store

import "context"

// ReturnStatus is one agency's reporting for a period: what was sent and what came back.
type ReturnStatus struct {
	Agency    string
	Template  *Template    // the latest template sent, nil when none was
	Versions  []Submission // returns, newest first (values not loaded)
	Filled    int          // rows of the current return with a value or a status
	Flagged   int          // values flagged in the current return
	TotalRows int
}

// Status lists, per agency that was sent a template or returned something, its reporting for a period.
func (s *Store) Status(ctx context.Context, period string) ([]ReturnStatus, error) {
	tpls, err := s.Templates(ctx, period)
	if err != nil {
		return nil, err
	}
	subs, err := s.Submissions(ctx, period, false)
	if err != nil {
		return nil, err
	}
	byAgency := map[string]*ReturnStatus{}
	var order []string
	get := func(a string) *ReturnStatus {
		if r, ok := byAgency[a]; ok {
			return r
		}
		r := &ReturnStatus{Agency: a}
		byAgency[a] = r
		order = append(order, a)
		return r
	}
	for i := range tpls {
		r := get(tpls[i].Agency)
		if r.Template == nil {
			r.Template = &tpls[i]
			r.TotalRows = tpls[i].Rows
		}
	}
	for _, sub := range subs {
		r := get(sub.Agency)
		r.Versions = append(r.Versions, sub)
	}
	out := make([]ReturnStatus, 0, len(order))
	for _, a := range order {
		r := byAgency[a]
		if len(r.Versions) > 0 {
			cur := r.Versions[0].ID
			if err := s.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(flag IN ('invalid_value', 'unit_mismatch', 'formula_no_cache')), 0)
				FROM submission_values WHERE submission_id = ? AND (raw <> '' OR status <> '' OR flag <> '')`, cur).Scan(&r.Filled, &r.Flagged); err != nil {
				return nil, err
			}
			if r.TotalRows == 0 {
				if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM submission_values WHERE submission_id = ?`, cur).Scan(&r.TotalRows); err != nil {
					return nil, err
				}
			}
		}
		out = append(out, *r)
	}
	return out, nil
}
