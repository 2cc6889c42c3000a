package cycle

import (
	"context"

	taizhang "taizhang"
	"taizhang/simulate"
)

// SimulateRequest asks for simulated returns of the ledgers issued for a period (for the demo,
// tests and benchmarks).
type SimulateRequest struct {
	Period   taizhang.Period
	Seed     int64
	Dir      string
	Previous map[string]map[string]float64 // agency → indicator → last period's value
	Trouble  bool
}

// Simulate fills the ledgers issued for a period the way agencies do, signed as issued.
func (s *Service) Simulate(ctx context.Context, req SimulateRequest) ([]simulate.Return, error) {
	plan, info, err := s.Plan(ctx)
	if err != nil {
		return nil, err
	}
	key, err := s.key(ctx)
	if err != nil {
		return nil, err
	}
	tpls, err := s.st.Ledgers(ctx, req.Period)
	if err != nil {
		return nil, dbError(s.opts.Path, err)
	}
	ids := map[string]string{}
	for _, t := range tpls {
		if ids[t.Agency] == "" { // newest first
			ids[t.Agency] = t.ID
		}
	}
	return simulate.Generate(simulate.Options{Plan: plan, CatalogHash: info.CatalogHash, Key: key, Period: req.Period, Seed: req.Seed, Dir: req.Dir,
		LedgerIDs: ids, Previous: req.Previous, Office: s.opts.Office, Trouble: req.Trouble})
}
