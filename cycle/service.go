// Package cycle is the service layer of a reporting cycle: loading the plan, issuing ledgers,
// taking returns in, the reporting state of each agency, the period view (reconciliation, the
// report, feedback and the chase list), deadlines and versions. The command line and the web
// server call it the same way; it knows nothing of either.
package cycle

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
	_ "time/tzdata" // dates are judged in the plan's zone on machines without a zoneinfo database too

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/office"
	"taizhang/store"
)

// Options say which database to open and who is acting, when.
type Options struct {
	Path   string
	Create bool   // only init (and the demo) create a database; everything else needs one
	Clock  Clock  // the zero Clock is the machine's
	User   string // who acts, for the record of deadlines and versions
	Office Office // the zero Office has no LibreOffice
}

// Office is LibreOffice as the cycle uses it: to convert .xls, .et and .ods returns and plans in
// other formats, and to print reports as PDF. It is office's Converter under the cycle's name, so
// that callers choose one (FindOffice, or a stand-in in tests) without importing office.
type Office = office.Converter

// FindOffice is LibreOffice as installed on this machine (none, when soffice is not found).
func FindOffice() Office { return office.Find() }

// Service is one open database and the plan in it.
type Service struct {
	st      *store.Store
	opts    Options
	plan    *taizhang.Plan
	info    PlanInfo
	loc     *time.Location
	loaded  bool
	created []string // the files opening created: a new database, its journal files
}

// Open opens the database named in opts.
func Open(ctx context.Context, opts Options) (*Service, error) {
	open := store.OpenExisting
	var created []string
	if opts.Create {
		open = store.Open
		if _, err := os.Lstat(opts.Path); errors.Is(err, fs.ErrNotExist) {
			for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
				if _, err := os.Lstat(opts.Path + suffix); errors.Is(err, fs.ErrNotExist) {
					created = append(created, opts.Path+suffix)
				}
			}
		}
	}
	st, err := open(ctx, opts.Path)
	if err != nil {
		removeAll(created)
		return nil, openError(opts.Path, err)
	}
	s := &Service{st: st, opts: opts, loc: time.UTC, created: created}
	st.Now = s.Now
	if loc, err := time.LoadLocation(taizhang.DefaultTimeZone); err == nil {
		s.loc = loc
	}
	return s, nil
}

// Close closes the database.
func (s *Service) Close() error { return s.st.Close() }

// Discard closes the database and, when opening it created it, removes it with its journal files:
// a command that failed (init with a file that is not a plan, a mistyped time zone) leaves nothing
// behind. A database that was there before is only closed.
func (s *Service) Discard() error {
	err := s.st.Close()
	removeAll(s.created)
	s.created = nil
	return err
}

func removeAll(paths []string) {
	for _, p := range paths {
		os.Remove(p) // those that were never written are simply not there
	}
}

// Path is the database file.
func (s *Service) Path() string { return s.opts.Path }

// User is who acts.
func (s *Service) User() string { return s.opts.User }

// Now is the service's clock, in the plan's time zone.
func (s *Service) Now() time.Time { return s.opts.Clock.Now(s.loc).In(s.loc) }

// Location is where the plan's dates are judged and shown.
func (s *Service) Location() *time.Location { return s.loc }

// PlanInfo is what is on record about the plan: where it was read from, its catalog version
// (the hash ledgers are signed with), when it was loaded and changed, and its size. Its fields
// are the store's own (the conversion in Plan does not compile otherwise).
type PlanInfo struct {
	ID           string
	Title        string
	SourceName   string
	SourceSHA256 string
	CatalogHash  string
	CreatedAt    string
	UpdatedAt    string
	Tasks        int
	Indicators   int
	Agencies     int
}

// Plan loads the plan (once), or says to run init.
func (s *Service) Plan(ctx context.Context) (*taizhang.Plan, PlanInfo, error) {
	if s.loaded {
		return s.plan, s.info, nil
	}
	plan, stored, err := s.st.Plan(ctx)
	info := PlanInfo(stored)
	if errors.Is(err, store.ErrNoPlan) {
		return nil, info, &Error{Err: ErrNoPlan, Msg: fmt.Sprintf(msgNoPlan, taizhang.Verbatim(s.opts.Path))}
	} else if err != nil {
		return nil, info, dbError(s.opts.Path, err)
	}
	loc, err := plan.Location()
	if err != nil {
		return nil, info, fmt.Errorf(msgBadTimeZone, plan.TimeZone, err)
	}
	catalog.InferKinds(plan) // a catalog stored before kinds were kept: read them from its words
	s.plan, s.info, s.loc, s.loaded = plan, info, loc, true
	return plan, info, nil
}

func (s *Service) forget() { s.loaded = false }

// Healthy reports whether the database answers.
func (s *Service) Healthy(ctx context.Context) error {
	_, err := s.st.Setting(ctx, "web_base_url")
	return err
}

// PeekScript is the script people read, as set with the plan in the database at path, read
// without opening the database for work or changing anything: the command line needs it to speak
// in the user's script before it knows what the command will do. "" when there is no database or
// no plan.
func PeekScript(ctx context.Context, path string) taizhang.Script { return store.PeekScript(ctx, path) }

// Clock says what time it is: the machine's, or the moment TAIZHANG_NOW fixes, so that a
// coordinator (and a test) can reproduce a past day's state.
type Clock struct {
	fixed string
	fn    func() time.Time
}

// Func is a clock that asks fn (the demo moves its clock through the weeks of a cycle).
func Func(fn func() time.Time) Clock { return Clock{fn: fn} }

// ParseClock reads TAIZHANG_NOW: "" for the machine's clock, "2023-07-16" (the start of that day
// in the plan's time zone) or RFC 3339.
func ParseClock(s string) (Clock, error) {
	if s == "" {
		return Clock{}, nil
	}
	if _, err := taizhang.ParseMoment(s, time.UTC); err != nil {
		return Clock{}, &Error{Err: ErrInput, Msg: fmt.Sprintf(msgBadClock, s)}
	}
	return Clock{fixed: s}, nil
}

// Fixed is the clock that always says t.
func Fixed(t time.Time) Clock { return Clock{fixed: t.Format(time.RFC3339Nano)} }

// Now is the time; a fixed date is read in loc.
func (c Clock) Now(loc *time.Location) time.Time {
	if c.fn != nil {
		return c.fn()
	}
	if c.fixed == "" {
		return time.Now()
	}
	if t, err := time.Parse(time.RFC3339Nano, c.fixed); err == nil {
		return t
	}
	t, _ := taizhang.ParseMoment(c.fixed, loc)
	return t
}
