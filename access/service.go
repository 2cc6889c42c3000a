// Package access is who may reach the reporting cycle, and the record of what they did: agencies'
// private links (one agency, one period each), coordinators' and viewers' accounts with their
// passwords (argon2id), lockout and sessions, and the audit trail. It stands beside the cycle
// (package cycle) as wtf's AuthService stands beside its domain services: the web server asks it
// who a request is, then asks the cycle for what to show.
package access

import (
	"context"
	"fmt"

	taizhang "taizhang"
	"taizhang/cycle"
	"taizhang/store"
)

// Service is access to one database: the one a cycle.Service has open, with its clock and user.
type Service struct {
	c  *cycle.Service
	st *store.Store
}

// New opens access to the database c has open. Close it before c.
func New(ctx context.Context, c *cycle.Service) (*Service, error) {
	st, err := store.OpenExisting(ctx, c.Path())
	if err != nil {
		return nil, cycle.DatabaseError(c.Path(), err)
	}
	st.Now = c.Now
	return &Service{c: c, st: st}, nil
}

// Close closes access's hold on the database.
func (s *Service) Close() error { return s.st.Close() }

// dbError words a database failure as the cycle does (what to do about a locked or full disk).
func (s *Service) dbError(err error) error { return cycle.DatabaseError(s.c.Path(), err) }

// inputf is a request that cannot be carried out as asked (exit status 2 on the command line).
func inputf(format string, args ...any) error {
	return &cycle.Error{Err: cycle.ErrInput, Msg: fmt.Sprintf(format, args...)}
}

// audit records an entry; a failure to record never undoes what was done, but it is not silent
// either: the caller's own write of the same database would have failed the same way.
func (s *Service) audit(ctx context.Context, e taizhang.AuditEntry) { _ = s.st.Audit(ctx, e) }
