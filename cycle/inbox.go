package cycle

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/ingest"
)

// Inbox takes uploaded returns in, as the web server receives them. Each upload's receipt time is
// the moment the server had the whole file, made strictly increasing within the process, and the
// uploads of one agency are ingested one at a time in that order: two uploads of the same agency
// landing in the same millisecond (or under a fixed clock) still become versions in the order they
// arrived. Different agencies' uploads run side by side; SQLite serialises their short writes.
type Inbox struct {
	s     *Service
	mu    sync.Mutex
	last  time.Time
	lanes map[string]*lane
	// write lets one upload of this process write at a time. SQLite takes one writer anyway; queued
	// here, writers wait their turn at once instead of in SQLite's busy handler, which sleeps in
	// steps of up to 100 ms and made the slowest verdicts several times the typical. Reading and
	// checking the file, and reading the period for the verdict, still run side by side.
	write sync.Mutex
}

// lane is one agency's queue: tickets handed out in arrival order, served in the same order.
type lane struct {
	cond          *sync.Cond
	next, serving uint64
	users         int
}

// NewInbox is the inbox of uploads into the service's database.
func (s *Service) NewInbox() *Inbox { return &Inbox{s: s, lanes: map[string]*lane{}} }

// Upload is one file received through an agency's link.
type Upload struct {
	AgencyPeriod
	Name   string // as the browser sent it; only a safe base name is kept
	Data   []byte
	Remote string // the client's address, for the audit trail
}

// Verdict is what the agency is told of an upload (Contract 5).
type Verdict struct {
	Outcome  string             `json:"outcome"` // accepted, rejected, duplicate, stale
	Version  int                `json:"version"`
	LateDays int                `json:"late_days"`
	Reason   string             `json:"reason"`
	Findings []taizhang.Finding `json:"findings"`
	// Beyond Contract 5, for the page.
	Code       taizhang.RefusalReason `json:"code,omitempty"` // why it was refused
	File       string                 `json:"file"`
	ReceivedAt time.Time              `json:"received_at"`
	Replaced   int                    `json:"replaced,omitempty"` // the version it replaced as current
	Empty      bool                   `json:"empty,omitempty"`    // nothing was filled in
	Feedback   bool                   `json:"feedback"`           // a marked copy of this return can be downloaded
	Deadline   string                 `json:"deadline,omitempty"`
}

// Verdict outcomes (ingest's Superseded is "accepted": the agency sent a new version).
const (
	OutcomeAccepted  = "accepted"
	OutcomeRefused   = "rejected"
	OutcomeDuplicate = "duplicate"
	OutcomeStale     = "stale"
)

// Receive ingests one uploaded file exactly as ingest does (same checks, same budgets, archive
// before commit, one transaction) for the link's agency and period only, and gives the verdict.
// Once the file is received it is taken in whole even if the client goes away or the server is
// asked to stop: the caller's context is not allowed to cut an upload short. The agency's page as
// it stands after the upload comes with the verdict (nil for a refused file).
func (in *Inbox) Receive(ctx context.Context, up Upload) (*Verdict, *AgencyView, error) {
	ctx = context.WithoutCancel(ctx)
	received := in.stamp()
	l, ticket := in.enter(up.Agency)
	defer in.leave(up.Agency, l)
	l.cond.L.Lock()
	for l.serving != ticket {
		l.cond.Wait()
	}
	l.cond.L.Unlock()
	v, page, err := in.receive(ctx, up, received)
	detail := ""
	if v != nil {
		detail = auditDetail(v)
	} else if err != nil {
		detail = err.Error()
	}
	in.write.Lock()
	e := up.AgencyPeriod.AuditEntry(taizhang.AuditUpload, detail)
	e.At, e.Remote = received, up.Remote
	_ = in.s.st.Audit(ctx, e) // a failure to record never undoes the upload; its own write would have failed the same way
	in.write.Unlock()
	return v, page, err
}

// stamp is now, strictly after every receipt time this inbox gave before.
func (in *Inbox) stamp() time.Time {
	in.mu.Lock()
	defer in.mu.Unlock()
	t := in.s.Now()
	if !t.After(in.last) {
		t = in.last.Add(time.Microsecond)
	}
	in.last = t
	return t
}

func (in *Inbox) enter(agency string) (*lane, uint64) {
	in.mu.Lock()
	defer in.mu.Unlock()
	l := in.lanes[agency]
	if l == nil {
		l = &lane{cond: sync.NewCond(&sync.Mutex{})}
		in.lanes[agency] = l
	}
	l.users++
	l.cond.L.Lock()
	ticket := l.next
	l.next++
	l.cond.L.Unlock()
	return l, ticket
}

func (in *Inbox) leave(agency string, l *lane) {
	l.cond.L.Lock()
	l.serving++
	l.cond.Broadcast()
	l.cond.L.Unlock()
	in.mu.Lock()
	defer in.mu.Unlock()
	if l.users--; l.users == 0 {
		delete(in.lanes, agency)
	}
}

func (in *Inbox) receive(ctx context.Context, up Upload, received time.Time) (*Verdict, *AgencyView, error) {
	s := in.s
	if _, _, err := s.Plan(ctx); err != nil {
		return nil, nil, err
	}
	name := SafeName(up.Name)
	src := ingest.BytesSource(name, up.Data)
	src.Origin, src.Received, src.Channel = uploadOrigin+name, received, taizhang.ChannelLink
	opts := ingest.Options{Jobs: 1, Period: up.Period, Agency: up.Agency, Now: s.Now, By: up.Agency, Limits: excel.DefaultLimits,
		Converter: s.opts.Office, WriteLock: &in.write}
	sum, err := ingest.Run(ctx, s.st, ingest.Batch{Sources: []ingest.Source{src}}, opts)
	v := &Verdict{File: name, ReceivedAt: received.In(s.loc), Findings: []taizhang.Finding{}}
	if sum == nil || len(sum.Outcomes) == 0 {
		if err != nil && sum == nil {
			return nil, nil, dbError(s.opts.Path, err)
		}
		v.Outcome, v.Code, v.Reason = OutcomeRefused, taizhang.RefusedNotSpreadsheet, msgUploadNotLedger
		return v, nil, nil
	}
	o := sum.Outcomes[0]
	switch o.Kind {
	case ingest.Refused:
		v.Outcome, v.Code, v.Reason = OutcomeRefused, o.Code, taizhang.Unmark(o.Reason)
		return v, nil, nil
	case ingest.Duplicate:
		v.Outcome = OutcomeDuplicate
	case ingest.Stale:
		v.Outcome = OutcomeStale
	default:
		v.Outcome, v.Replaced = OutcomeAccepted, o.Replaced
	}
	if o.Kind != ingest.Duplicate { // a duplicate's version is looked up on the agency's own page below
		v.Version, v.Empty = o.Version, o.Empty
	}
	page, err := s.AgencyView(ctx, up.AgencyPeriod)
	if err != nil {
		return nil, nil, err
	}
	if page.State.State == taizhang.Late {
		v.LateDays = page.State.DaysLate
	}
	v.Deadline = page.State.Deadline.String()
	for _, ver := range page.Versions {
		if ver.SHA256 != o.SHA256 {
			continue
		}
		v.Version = ver.Version
		switch {
		case ver.Current:
			v.Findings, v.Feedback = page.Findings, page.Feedback
		default:
			v.Findings = ver.Findings
		}
	}
	if v.Outcome == OutcomeDuplicate && v.Version == 0 {
		v.Reason = msgUploadDuplicateOther
	}
	return v, page, nil
}

func auditDetail(v *Verdict) string {
	switch v.Outcome {
	case OutcomeRefused:
		return fmt.Sprintf(auditRefused, v.File, v.Reason)
	case OutcomeDuplicate:
		return fmt.Sprintf(auditDuplicate, v.File, v.Version)
	case OutcomeStale:
		return fmt.Sprintf(auditStale, v.File, v.Version)
	}
	return fmt.Sprintf(auditAccepted, v.File, v.Version, len(v.Findings))
}

// SafeName is an uploaded file's name made safe to store and show: its last path element only
// (browsers on Windows may send "C:\…\臺賬.xlsx", a hostile client "../../x"), without control
// characters or characters file systems refuse, no leading dots or "~$" (the names of hidden and
// temporary files, which a folder of returns would skip), and at most 120 characters, keeping the
// extension.
func SafeName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		switch {
		case r == utf8.RuneError, unicode.IsControl(r), strings.ContainsRune(`:*?"<>|`, r), unicode.Is(unicode.Cf, r):
			return '_'
		}
		return r
	}, name)
	name = strings.TrimLeft(strings.TrimSpace(name), ".~$ ")
	ext := filepath.Ext(name)
	if utf8.RuneCountInString(ext) > 10 {
		ext = ""
	}
	stem := []rune(strings.TrimSuffix(name, ext))
	if len(stem) > 110 {
		stem = stem[:110]
	}
	if strings.TrimSpace(string(stem)) == "" {
		stem = []rune(uploadDefaultName)
	}
	return string(stem) + ext
}
