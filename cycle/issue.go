package cycle

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/script"
	"taizhang/store"
	"taizhang/templates"
	"taizhang/templates/ledger"
)

// IssueRequest asks for ledgers for a period.
type IssueRequest struct {
	Period   taizhang.Period
	Out      string          // folder
	Agencies []string        // only these (any alias, either script); empty: every responsible agency
	Deadline taizhang.Date   // zero: the deadline in force, else the default (period end + 10 days)
	Reason   string          // why a deadline in force is changed
	Contact  string          // the coordination office's contact, written in the guide
	Script   taizhang.Script // of the workbook text; empty: the plan's
	Force    bool            // accept a deadline before the period ends
}

// Issued is one ledger written.
type Issued struct {
	Agency   string
	File     string // path
	Rows     int
	Deadline taizhang.Date
	Changed  bool // the deadline in force was changed by this request
}

// IssueResult is what IssueLedgers did.
type IssueResult struct {
	Ledgers     []Issued
	Groups      []string // collectives skipped: they get no ledger of their own
	CatalogHash string
}

// IssueLedgers writes one signed ledger per agency and records each as sent. Each agency's
// deadline is the one in force: set when its first ledger is issued, changed only when the request
// names another date.
func (s *Service) IssueLedgers(ctx context.Context, req IssueRequest) (*IssueResult, error) {
	plan, info, err := s.Plan(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.checkPeriod(req.Period); err != nil {
		return nil, err
	}
	if !req.Deadline.IsZero() && req.Deadline.Before(req.Period.LastDay()) && !req.Force {
		return nil, inputf(msgDeadlineBeforeEnd, req.Deadline, req.Period.Label(), req.Period.LastDay())
	}
	agencies, groups, err := s.pick(plan, req.Agencies)
	if err != nil {
		return nil, err
	}
	key, err := s.key(ctx)
	if err != nil {
		return nil, err
	}
	deadlines, err := s.deadlinesInForce(ctx, req.Period)
	if err != nil {
		return nil, err
	}
	if err := checkReissueDeadline(req, agencies, deadlines); err != nil {
		return nil, err
	}
	previous, err := s.previousValues(ctx, req.Period)
	if err != nil {
		return nil, err
	}
	if err := OutputDir(req.Out); err != nil {
		return nil, err
	}
	res := &IssueResult{Groups: groups, CatalogHash: info.CatalogHash}
	taken := map[string]bool{}
	for _, a := range agencies {
		if ctx.Err() != nil {
			return res, interrupted(fmt.Sprintf(msgIssueInterrupted, len(res.Ledgers), len(agencies)-len(res.Ledgers)))
		}
		path := filepath.Join(req.Out, templates.FileName(req.Period.String(), a, taken))
		change := s.deadlineFor(req, a, deadlines)
		deadline := deadlines[a]
		if change != nil {
			deadline = change.Deadline
		}
		tpl, err := s.issue(ctx, ledgerRequest{agency: a, period: req.Period, deadline: deadline, contact: req.Contact, script: req.Script, path: path, key: key,
			previous: previous[a]}, change)
		if Interrupted(err) {
			return res, interrupted(fmt.Sprintf(msgIssueInterrupted, len(res.Ledgers), len(agencies)-len(res.Ledgers)))
		} else if err != nil {
			return res, err
		}
		res.Ledgers = append(res.Ledgers, Issued{Agency: a, File: path, Rows: tpl.Rows, Deadline: deadline, Changed: change != nil && !deadlines[a].IsZero()})
	}
	return res, nil
}

// deadlineFor is the deadline change issuing a ledger makes: the first deadline of an agency, or
// the request's date when it differs from the one in force; nil when nothing changes.
func (s *Service) deadlineFor(req IssueRequest, agency string, inForce map[string]taizhang.Date) *taizhang.DeadlineChange {
	cur := inForce[agency]
	c := &taizhang.DeadlineChange{Period: req.Period, Agency: agency, SetAt: s.Now(), By: s.opts.User, Deadline: req.Deadline}
	switch {
	case cur.IsZero() && req.Deadline.IsZero():
		c.Deadline, c.Reason, c.ReasonKind = req.Period.DefaultDeadline(), reasonIssued, taizhang.ReasonIssued
	case cur.IsZero():
		c.Reason, c.ReasonKind = reasonIssued, taizhang.ReasonIssued
	case req.Deadline.IsZero() || req.Deadline == cur:
		return nil
	default:
		c.Reason, c.ReasonKind = req.Reason, taizhang.ReasonPerson // checkReissueDeadline made sure there is one
	}
	return c
}

// checkReissueDeadline refuses a --deadline that would change deadlines in force without a reason,
// or bring any forward without --force: issuing again keeps a deadline unless a person says why.
func checkReissueDeadline(req IssueRequest, agencies []string, inForce map[string]taizhang.Date) error {
	if req.Deadline.IsZero() {
		return nil
	}
	changed := 0
	var earlier []string
	for _, a := range agencies {
		cur, ok := inForce[a]
		if !ok || cur == req.Deadline {
			continue
		}
		changed++
		if req.Deadline.Before(cur) {
			earlier = append(earlier, fmt.Sprintf(msgAgencyDeadline, a, cur))
		}
	}
	switch {
	case changed > 0 && strings.TrimSpace(req.Reason) == "":
		return inputf(msgReissueReason, changed, req.Deadline)
	case len(earlier) > 0 && !req.Force:
		return inputf(msgReissueEarlier, strings.Join(earlier, "、"), req.Deadline)
	}
	return nil
}

// deadlinesInForce gives each agency's deadline for a period, where one was set.
func (s *Service) deadlinesInForce(ctx context.Context, period taizhang.Period) (map[string]taizhang.Date, error) {
	changes, err := s.st.Deadlines(ctx, period)
	if err != nil {
		return nil, dbError(s.opts.Path, err)
	}
	out := map[string]taizhang.Date{}
	for _, c := range changes {
		out[c.Agency] = c.Deadline
	}
	return out, nil
}

// pick resolves the agencies asked for, or lists every agency that gets a ledger.
func (s *Service) pick(plan *taizhang.Plan, names []string) (agencies, groups []string, err error) {
	agencies, groups = ledger.Responsible(plan)
	if len(names) == 0 {
		return agencies, groups, nil
	}
	res := catalog.NewResolver(script.Default(), plan.Agencies)
	var picked []string
	for _, name := range names {
		canon := res.Resolve(name)
		switch {
		case canon == "":
			return nil, nil, inputf(msgNoSuchAgency, name)
		case !slices.Contains(agencies, canon):
			return nil, nil, inputf(msgNoLedgerFor, name)
		}
		if !slices.Contains(picked, canon) {
			picked = append(picked, canon)
		}
	}
	return picked, nil, nil
}

// Recipients are the agencies of the plan that get a ledger for a period (all of them, or those
// named: any of their names, in either script), in catalog order; an error names a name that is
// not an agency of the plan, or one that gets no ledger, or a period outside the plan's year.
func (s *Service) Recipients(ctx context.Context, period taizhang.Period, names []string) ([]string, error) {
	plan, _, err := s.Plan(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.checkPeriod(period); err != nil {
		return nil, err
	}
	agencies, _, err := s.pick(plan, names)
	return agencies, err
}

// checkPeriod refuses periods outside the plan's year: a 2024 ledger of a 2023 plan is a typo.
func (s *Service) checkPeriod(p taizhang.Period) error {
	if s.plan != nil && s.plan.Year != 0 && p.Year != s.plan.Year {
		return inputf(msgPeriodYear, p, s.plan.Year, s.plan.Year)
	}
	return nil
}

func (s *Service) key(ctx context.Context) ([]byte, error) {
	key, err := s.st.SigningKey(ctx)
	if errors.Is(err, store.ErrNoKey) {
		return nil, fmt.Errorf(msgNoKey, taizhang.Verbatim(s.opts.Path))
	} else if err != nil {
		return nil, dbError(s.opts.Path, err)
	}
	return key, nil
}

type ledgerRequest struct {
	agency   string
	period   taizhang.Period
	deadline taizhang.Date
	contact  string
	script   taizhang.Script
	path     string
	key      []byte
	previous map[string]string // last period's value of each row, for context
}

// previousValues gives, per agency and row, what its current return of the period before said,
// as typed: the ledger shows it beside the cell to fill. Only periods of the plan's own year count:
// a new year's values start again.
func (s *Service) previousValues(ctx context.Context, period taizhang.Period) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	prev := period.Previous()
	if prev.Year != period.Year {
		return out, nil
	}
	returns, err := s.st.CurrentReturns(ctx, prev)
	if err != nil {
		return nil, dbError(s.opts.Path, err)
	}
	for _, r := range returns {
		vals := map[string]string{}
		for _, v := range r.Values {
			switch {
			case v.Value != nil:
				vals[v.Indicator] = strconv.FormatFloat(*v.Value, 'f', -1, 64)
			case v.Raw != "":
				vals[v.Indicator] = v.Raw
			}
		}
		out[r.Agency] = vals
	}
	return out, nil
}

// issue writes one agency's signed ledger to req.path and records it as sent, with the deadline
// change it makes, if any. The file takes its name only once the record is committed: a ledger
// under its real name is always one on record, whatever stops the command (Ctrl-C, a full disk).
func (s *Service) issue(ctx context.Context, req ledgerRequest, change *taizhang.DeadlineChange) (taizhang.Ledger, error) {
	id, err := newLedgerID()
	if err != nil {
		return taizhang.Ledger{}, err
	}
	issued := s.Now()
	spec := ledger.LedgerSpec{Plan: s.plan, CatalogHash: s.info.CatalogHash, Agency: req.agency, Period: req.period, LedgerID: id,
		IssuedAt: issued, Deadline: req.deadline.Time(), Contact: req.contact, Script: req.script, Key: req.key, Previous: req.previous}
	wb, _, err := ledger.Ledger(spec)
	if err != nil {
		return taizhang.Ledger{}, fmt.Errorf(msgLedgerFailed, req.agency, err)
	}
	defer wb.Close()
	file, err := writeBeside(req.path, wb.Write)
	if err != nil {
		return taizhang.Ledger{}, err
	}
	tpl := taizhang.Ledger{ID: id, PlanID: s.plan.ID, Agency: req.agency, Period: req.period, CatalogHash: s.info.CatalogHash,
		FileName: filepath.Base(req.path), IssuedAt: issued, Deadline: req.deadline, Contact: req.contact, Rows: len(ledger.RowsFor(s.plan, req.agency)),
		IssuedBy: s.opts.User}
	if err := s.st.RecordLedger(ctx, tpl, change); err != nil {
		file.discard()
		if ctx.Err() != nil {
			return taizhang.Ledger{}, ctx.Err()
		}
		return taizhang.Ledger{}, dbError(s.opts.Path, err)
	}
	return tpl, file.place()
}

func newLedgerID() (string, error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}
