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

// Simulated is one agency's simulated return.
type Simulated struct {
	Agency  string
	Path    string // "" when the agency does not return
	Late    bool   // returned after the deadline
	Trouble string // what was done to it, in Chinese; "" for a clean return
	Values  map[string]float64
}

// Simulate fills the ledgers issued for a period the way agencies do, signed as issued.
func (s *Service) Simulate(ctx context.Context, req SimulateRequest) ([]Simulated, error) {
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
	rets, err := simulate.Generate(simulate.Options{Plan: plan, CatalogHash: info.CatalogHash, Key: key, Period: req.Period, Seed: req.Seed, Dir: req.Dir,
		LedgerIDs: ids, Previous: req.Previous, Office: s.opts.Office, Trouble: req.Trouble})
	return convertAll(rets, func(r simulate.Return) Simulated { return Simulated(r) }), err
}
