package cycle

import (
	"context"
	"sort"
	"time"

	taizhang "taizhang"
	"taizhang/store"
)

// What happened, in a Timeline's events.
const (
	EventIssued      = "issued"       // a ledger was issued (templates, feedback's blank ledger, a download after a catalog change)
	EventDeadline    = "deadline"     // the deadline in force changed (the first one is set with the first ledger)
	EventReceived    = "received"     // a version was taken in and became current
	EventStale       = "stale"        // a version was taken in, older than the current one: kept, not used
	EventRefused     = "refused"      // a file the agency sent was refused (Reason says why)
	EventWithdrawn   = "withdrawn"    // a version was taken back
	EventRestored    = "restored"     // a version was made current again
	EventLinkCreated = "link_created" // an agency's private link was made
	EventLinkRevoked = "link_revoked" // and revoked
)

// Event is one thing that happened to an agency's reporting for a period: who did it, when, and
// why when a person gave a reason.
type Event struct {
	At       time.Time
	Agency   string
	Kind     string           // one of the Event… constants
	Version  int              // versions: which one
	File     string           // the ledger issued, or the file the version came in
	Deadline taizhang.Date    // issued: the deadline written in it; deadline: the new one
	From     taizhang.Date    // deadline: the one it replaced
	Received time.Time        // versions taken in: when the file arrived (the event is when it was read)
	By       string           // the command line's user, a coordinator, or the agency for what came through its link
	Channel  taizhang.Channel // versions taken in and files refused: how the file came
	Reason   string
	// OurWords says the reason is the program's own (a ledger issued, a refusal), shown in the reader's
	// script; a person's reason is shown as they typed it.
	OurWords bool
}

// TimelineRequest asks for a period's history, of every agency or of one.
type TimelineRequest struct {
	Period taizhang.Period
	Agency string // any of its names, either script; empty: every agency
}

// Timeline is a period's history in time order, and with an agency asked for, its reporting
// state and every version it sent (with who took each in): what withdraw and restore name.
type Timeline struct {
	Period   taizhang.Period
	Agency   string // the agency asked for, by its name in the plan; empty for all
	Now      time.Time
	Events   []Event
	State    *taizhang.Reporting // the agency's; nil for all
	Versions []VersionView       // the agency's, newest first
}

// Timeline gathers what is on record for a period: ledgers issued, deadline changes, versions
// received, refused, withdrawn and restored, and agencies' links made and revoked.
func (s *Service) Timeline(ctx context.Context, req TimelineRequest) (*Timeline, error) {
	plan, _, err := s.Plan(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.checkPeriod(req.Period); err != nil {
		return nil, err
	}
	agency := ""
	if req.Agency != "" {
		if agency, err = s.resolve(plan, req.Agency); err != nil {
			return nil, err
		}
	}
	h, err := s.history(ctx, req.Period)
	if err != nil {
		return nil, err
	}
	if len(h.ledgers) == 0 && len(h.returns) == 0 {
		return nil, &Error{Err: ErrNothingSent, Msg: fmtNothingSent(req.Period)}
	}
	events, err := s.st.Events(ctx, req.Period)
	if err != nil {
		return nil, dbError(s.opts.Path, err)
	}
	links, err := s.st.AuditLog(ctx, store.AuditQuery{Period: req.Period.String(), Agency: agency, Actions: []taizhang.AuditAction{taizhang.AuditLinkCreate, taizhang.AuditLinkRevoke}})
	if err != nil {
		return nil, dbError(s.opts.Path, err)
	}
	t := &Timeline{Period: req.Period, Agency: agency, Now: s.Now()}
	mine := func(a string) bool { return agency == "" || a == agency }
	t.Events = issuedEvents(h, mine)
	received, takenBy := versionEvents(h, events, mine)
	t.Events = append(t.Events, received...)
	for _, l := range links {
		kind := EventLinkCreated
		if l.Action == taizhang.AuditLinkRevoke {
			kind = EventLinkRevoked
		}
		t.Events = append(t.Events, Event{At: l.At, Agency: l.Agency, Kind: kind, By: l.Who})
	}
	// In time order; what was recorded at one moment keeps the order above (a ledger before the
	// versions that answer it).
	sort.SliceStable(t.Events, func(i, j int) bool { return t.Events[i].At.Before(t.Events[j].At) })
	if agency != "" {
		t.State = findState(h.States(t.Now, s.loc), agency)
		if t.State != nil {
			for _, r := range t.State.Versions {
				t.Versions = append(t.Versions, VersionView{Return: r, By: takenBy[r.ID], Findings: r.Findings})
			}
		}
	}
	return t, nil
}

// issuedEvents are the ledgers sent and the deadline changes after the first (which the first
// ledger shows) of the agencies mine takes.
func issuedEvents(h history, mine func(string) bool) []Event {
	var out []Event
	for _, tpl := range h.ledgers {
		if mine(tpl.Agency) {
			out = append(out, Event{At: tpl.IssuedAt, Agency: tpl.Agency, Kind: EventIssued, File: tpl.FileName, Deadline: tpl.Deadline,
				By: tpl.IssuedBy})
		}
	}
	inForce := map[string]taizhang.Date{}
	for _, c := range h.deadlines {
		from, seen := inForce[c.Agency]
		inForce[c.Agency] = c.Deadline
		if !seen || !mine(c.Agency) {
			continue
		}
		out = append(out, Event{At: c.SetAt, Agency: c.Agency, Kind: EventDeadline, Deadline: c.Deadline, From: from, By: c.By,
			Reason: c.Reason, OurWords: c.ReasonKind.Ours()})
	}
	return out
}

// versionEvents are the versions received, archived as stale, withdrawn and restored, and the
// files refused; with who took each version in, by its id.
func versionEvents(h history, events []taizhang.VersionEvent, mine func(string) bool) ([]Event, map[int64]string) {
	byID := map[int64]*taizhang.Return{}
	for i := range h.returns {
		byID[h.returns[i].ID] = &h.returns[i]
	}
	kinds := map[string]string{taizhang.ActionIngest: EventReceived, taizhang.ActionStale: EventStale, taizhang.ActionWithdraw: EventWithdrawn,
		taizhang.ActionRestore: EventRestored}
	var out []Event
	takenBy := map[int64]string{}
	for _, e := range events {
		r := byID[e.ReturnID]
		if r == nil || !mine(e.Agency) {
			continue
		}
		ev := Event{At: e.At, Agency: e.Agency, Kind: kinds[e.Action], Version: e.Version, File: r.File, By: e.By, Reason: e.Reason}
		if e.Action == taizhang.ActionIngest || e.Action == taizhang.ActionStale {
			ev.Received, ev.Channel = r.ReceivedAt, r.Channel
			takenBy[r.ID] = e.By
		}
		out = append(out, ev)
	}
	for _, r := range h.refusals {
		if mine(r.Agency) {
			out = append(out, Event{At: r.ReceivedAt, Agency: r.Agency, Kind: EventRefused, File: r.File, Received: r.ReceivedAt, By: r.By,
				Channel: r.Channel, Reason: r.Reason, OurWords: true})
		}
	}
	return out, takenBy
}
