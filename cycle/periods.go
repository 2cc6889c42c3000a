package cycle

import (
	"context"
	"sort"

	taizhang "taizhang"
)

// Periods lists the periods ledgers were sent for, newest first.
func (s *Service) Periods(ctx context.Context) ([]taizhang.Period, error) {
	tpls, err := s.st.AllLedgers(ctx)
	if err != nil {
		return nil, dbError(s.opts.Path, err)
	}
	seen := map[taizhang.Period]bool{}
	var out []taizhang.Period
	for _, t := range tpls {
		if !seen[t.Period] {
			seen[t.Period] = true
			out = append(out, t.Period)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if !a.End().Equal(b.End()) {
			return a.End().After(b.End())
		}
		return a.Start().After(b.Start()) // 2023-Q4 before the year 2023 ending the same day
	})
	return out, nil
}

// ChangeTag changes whenever anything about a period's returns changes, in this process or another.
func (s *Service) ChangeTag(ctx context.Context, period taizhang.Period) (string, error) {
	st, err := s.st.ChangeTag(ctx, period.String())
	if err != nil {
		return "", dbError(s.opts.Path, err)
	}
	return st, nil
}
