package cycle

import (
	"context"
	"errors"
	"strings"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/script"
	"taizhang/store"
)

// DeadlineRequest changes one agency's deadline for a period.
type DeadlineRequest struct {
	Period taizhang.Period
	Agency string
	Until  taizhang.Date
	Reason string
	Force  bool // accept a date earlier than the one in force, or before the period ends
}

// DeadlineResult is the change made.
type DeadlineResult struct {
	Agency   string
	From, To taizhang.Date
}

// ExtendDeadline records a new deadline for one agency: a person's decision, with the reason. A
// date earlier than the one in force needs Force: shortening is never a slip of the keyboard.
func (s *Service) ExtendDeadline(ctx context.Context, req DeadlineRequest) (*DeadlineResult, error) {
	plan, _, err := s.Plan(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.checkPeriod(req.Period); err != nil {
		return nil, err
	}
	agency, err := s.resolve(plan, req.Agency)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(req.Reason) == "" {
		return nil, inputf(msgReasonNeeded)
	}
	if req.Until.Before(req.Period.LastDay()) && !req.Force {
		return nil, inputf(msgDeadlineBeforeEnd, req.Until, req.Period.Label(), req.Period.LastDay())
	}
	inForce, err := s.deadlinesInForce(ctx, req.Period)
	if err != nil {
		return nil, err
	}
	from, ok := inForce[agency]
	if !ok {
		return nil, inputf(msgNotSentTo, req.Period.Label(), agency, req.Period)
	}
	if from == req.Until {
		return nil, inputf(msgSameDeadline, agency, from)
	}
	if req.Until.Before(from) && !req.Force {
		return nil, inputf(msgDeadlineEarlier, agency, from, req.Until, from.DaysSince(req.Until))
	}
	c := taizhang.DeadlineChange{Period: req.Period, Agency: agency, Deadline: req.Until, SetAt: s.Now(), By: s.opts.User, Reason: req.Reason,
		ReasonKind: taizhang.ReasonPerson}
	if err := s.st.SetDeadline(ctx, c); err != nil {
		return nil, dbError(s.opts.Path, err)
	}
	return &DeadlineResult{Agency: agency, From: from, To: req.Until}, nil
}

// VersionRequest names a version of an agency's return.
type VersionRequest struct {
	Period  taizhang.Period
	Agency  string
	Version int // 0: the current one (withdraw only)
	Reason  string
}

// VersionResult says what changed: the version acted on and the one now current (nil: none).
type VersionResult struct {
	Agency  string
	Version *taizhang.Return
	Current *taizhang.Return
}

// Withdraw takes a version back; the newest version left becomes current. The history keeps it,
// with who withdrew it and why.
func (s *Service) Withdraw(ctx context.Context, req VersionRequest) (*VersionResult, error) {
	agency, err := s.versionRequest(ctx, req)
	if err != nil {
		return nil, err
	}
	v, cur, err := s.st.Withdraw(ctx, req.Period, agency, req.Version, s.opts.User, req.Reason)
	if err != nil {
		return nil, s.versionError(req, agency, err)
	}
	return &VersionResult{Agency: agency, Version: v, Current: cur}, nil
}

// Restore makes a version current again, whether it was withdrawn or merely older.
func (s *Service) Restore(ctx context.Context, req VersionRequest) (*VersionResult, error) {
	if req.Version <= 0 {
		return nil, inputf(msgVersionNeeded, req.Period, req.Agency)
	}
	agency, err := s.versionRequest(ctx, req)
	if err != nil {
		return nil, err
	}
	cur, err := s.st.Restore(ctx, req.Period, agency, req.Version, s.opts.User, req.Reason)
	if err != nil {
		return nil, s.versionError(req, agency, err)
	}
	return &VersionResult{Agency: agency, Version: cur, Current: cur}, nil
}

func (s *Service) versionRequest(ctx context.Context, req VersionRequest) (string, error) {
	plan, _, err := s.Plan(ctx)
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(req.Reason) == "" {
		return "", inputf(msgReasonNeeded)
	}
	return s.resolve(plan, req.Agency)
}

func (s *Service) versionError(req VersionRequest, agency string, err error) error {
	switch {
	case errors.Is(err, store.ErrNoSuchVersion) && req.Version == 0:
		return inputf(msgNoCurrent, agency, req.Period.Label())
	case errors.Is(err, store.ErrNoSuchVersion):
		return inputf(msgNoSuchVersion, agency, req.Period.Label(), req.Version, req.Period)
	case errors.Is(err, store.ErrWithdrawn):
		return inputf(msgAlreadyWithdrawn, req.Version)
	case errors.Is(err, store.ErrNotWithdrawn):
		return inputf(msgAlreadyCurrent, req.Version)
	}
	return dbError(s.opts.Path, err)
}

// resolve finds an agency by any of its names, in either script.
func (s *Service) resolve(plan *taizhang.Plan, name string) (string, error) {
	canon := catalog.NewResolver(script.Default(), plan.Agencies).Resolve(name)
	if canon == "" {
		return "", inputf(msgNoSuchAgency, name)
	}
	return canon, nil
}
