package ingest

import "context"

// sameAs fills in which version a duplicate repeats (its agency, period and number, and whether
// it is current), so that the summary names it and suggests restore only when it is not current,
// and counts it under its period like every other file. Left as it is when the lookup fails.
func (r *runner) sameAs(ctx context.Context, o Outcome) Outcome {
	prev, err := r.st.ReturnBySHA(ctx, o.SHA256)
	if err != nil || prev == nil {
		return o
	}
	o.Agency, o.Period, o.Version = prev.Agency, prev.Period.String(), prev.Version
	o.Current, o.Withdrawn = prev.Current, prev.Withdrawn
	return o
}
