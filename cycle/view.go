package cycle

import (
	"context"
	"fmt"
	"time"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/reconcile"
	"taizhang/script"
)

// DefaultTolerance is how far below time elapsed progress may be and still be 序時推進.
const DefaultTolerance = reconcile.DefaultTolerance

// ViewRequest asks for a period's view.
type ViewRequest struct {
	Period    taizhang.Period
	AsOf      taizhang.Date // the day progress is judged at; zero: the period's last day
	Tolerance float64       // zero: DefaultTolerance
}

// View is a period as every command sees it: each agency's reporting state, the reconciliation
// of the current returns (with every finding stored at ingest), and the chase list.
type View struct {
	Plan      *taizhang.Plan
	Info      PlanInfo
	Period    taizhang.Period
	AsOf      time.Time
	Now       time.Time // in the plan's time zone
	Tolerance float64
	States    []taizhang.Reporting
	Result    Reconciliation
	Returns   []taizhang.Return // current returns, with values
	Chase     []taizhang.ChaseItem

	res  reconcile.Result  // Result as reconcile gave it, for the workbooks
	prev *reconcile.Result // the previous period's, for the report's comparison
}

// View reconciles a period. A period for which no ledger was sent and nothing returned is an
// error that says to run templates first.
func (s *Service) View(ctx context.Context, req ViewRequest) (*View, error) {
	plan, info, err := s.Plan(ctx)
	if err != nil {
		return nil, err
	}
	if req.Tolerance == 0 {
		req.Tolerance = reconcile.DefaultTolerance
	}
	h, err := s.history(ctx, req.Period)
	if err != nil {
		return nil, err
	}
	if len(h.ledgers) == 0 && len(h.returns) == 0 {
		return nil, &Error{Err: ErrNothingSent, Msg: fmtNothingSent(req.Period)}
	}
	asOf := req.Period.End()
	if !req.AsOf.IsZero() {
		asOf = req.AsOf.Time()
	}
	now := s.Now()
	v := &View{Plan: plan, Info: info, Period: req.Period, AsOf: asOf, Now: now, Tolerance: req.Tolerance, States: h.States(now, s.loc)}
	in := reconcile.Input{Plan: plan, Period: req.Period, AsOf: asOf, Tolerance: req.Tolerance, Reporting: v.States, Location: s.loc}
	if in.Current, err = s.st.CurrentReturns(ctx, req.Period); err != nil {
		return nil, dbError(s.opts.Path, err)
	}
	if in.Previous, err = s.st.CurrentReturns(ctx, req.Period.Previous()); err != nil {
		return nil, dbError(s.opts.Path, err)
	}
	v.Returns = in.Current
	v.res = reconcile.Run(in)
	v.Result = reconciliation(v.res)
	if len(in.Previous) > 0 {
		prev := reconcile.Run(reconcile.Input{Plan: plan, Period: req.Period.Previous(), Tolerance: req.Tolerance, Current: in.Previous})
		v.prev = &prev
	}
	v.Chase = Chase(v.States, v.res.Findings, s.loc)
	return v, nil
}

// history reads what is on record for a period.
func (s *Service) history(ctx context.Context, period taizhang.Period) (history, error) {
	h := history{plan: s.plan, period: period}
	var err error
	if h.ledgers, err = s.st.Ledgers(ctx, period); err != nil {
		return h, dbError(s.opts.Path, err)
	}
	if h.deadlines, err = s.st.Deadlines(ctx, period); err != nil {
		return h, dbError(s.opts.Path, err)
	}
	if h.returns, err = s.st.Returns(ctx, period); err != nil {
		return h, dbError(s.opts.Path, err)
	}
	if h.refusals, err = s.st.Refusals(ctx, period); err != nil {
		return h, dbError(s.opts.Path, err)
	}
	if h.contacts, err = s.st.LastContacts(ctx); err != nil {
		return h, dbError(s.opts.Path, err)
	}
	return h, nil
}

// Agency is the name in the plan of the agency named (any of its names, either script).
func (v *View) Agency(name string) (string, error) {
	canon := catalog.NewResolver(script.Default(), v.Plan.Agencies).Resolve(name)
	if canon == "" {
		return "", inputf(msgNoSuchAgency, name)
	}
	return canon, nil
}

// State is an agency's reporting state in the view, or nil.
func (v *View) State(agency string) *taizhang.Reporting {
	for i := range v.States {
		if v.States[i].Agency == agency {
			return &v.States[i]
		}
	}
	return nil
}

// Returned counts the agencies with a usable return, and those that were sent a ledger.
func (v *View) Returned() (returned, sent int) {
	for i := range v.States {
		if v.States[i].Returned() {
			returned++
		}
		if v.States[i].Ledger != nil {
			sent++
		}
	}
	return returned, sent
}

func fmtNothingSent(p taizhang.Period) string { return fmt.Sprintf(msgNothingSent, p.Label(), p) }
