package access

import (
	"context"
	"time"

	taizhang "taizhang"
	"taizhang/store"
)

// Audit records an entry in the audit trail.
func (s *Service) Audit(ctx context.Context, e taizhang.AuditEntry) error {
	if err := s.st.Audit(ctx, e); err != nil {
		return s.dbError(err)
	}
	return nil
}

// AuditRequest selects audit entries: since a time, of one agency and period, of some actions;
// the newest Limit (0: all).
type AuditRequest struct {
	Since   time.Time
	Period  string
	Agency  string
	Actions []taizhang.AuditAction
	Limit   int
}

// AuditLog lists the audit trail, oldest first.
func (s *Service) AuditLog(ctx context.Context, req AuditRequest) ([]taizhang.AuditEntry, error) {
	out, err := s.st.AuditLog(ctx, store.AuditQuery(req))
	if err != nil {
		return nil, s.dbError(err)
	}
	return out, nil
}
