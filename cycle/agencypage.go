package cycle

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	taizhang "taizhang"
	"taizhang/reconcile"
	"taizhang/store"
)

// AgencyPeriod is one agency's reporting for one period: what an agency's private link opens
// (access.Service.OpenLink), and all of what it may see and do.
type AgencyPeriod struct {
	Agency string
	Period taizhang.Period
}

// AuditEntry is the audit trail's entry of what an agency does through its link (action and
// detail as given): its who names the link, for people reading the trail.
func (a AgencyPeriod) AuditEntry(action taizhang.AuditAction, detail string) taizhang.AuditEntry {
	return taizhang.AuditEntry{Who: fmt.Sprintf(auditByLink, a.Agency), Action: action, Period: a.Period.String(), Agency: a.Agency, Detail: detail}
}

// AgencyView is what an agency's link shows: its ledger, deadline, every version it sent and the
// current version's findings.
type AgencyView struct {
	Plan     *taizhang.Plan
	Period   taizhang.Period
	Agency   string
	Now      time.Time
	State    *taizhang.Reporting
	Contact  string // the coordination office's, as written in the ledger
	Ledger   bool   // a ledger was sent and can be downloaded
	Versions []VersionView
	Findings []taizhang.Finding    // the current version's, errors first
	Feedback bool                  // the current version has problems: a marked copy can be downloaded
	Uploads  []taizhang.AuditEntry // the latest uploads through the link, refused ones too, newest first
}

// VersionView is one version as the agency sees it.
type VersionView struct {
	taizhang.Return
	By       string             // who took it in by the command line, or the agency for an upload (Channel says which)
	Findings []taizhang.Finding // found in the file when it was read
}

// AgencyView gathers an agency's page.
func (s *Service) AgencyView(ctx context.Context, a AgencyPeriod) (*AgencyView, error) {
	v, err := s.View(ctx, ViewRequest{Period: a.Period})
	if err != nil {
		return nil, err
	}
	st := v.State(a.Agency)
	if st == nil {
		return nil, ErrNotFound
	}
	page := &AgencyView{Plan: v.Plan, Period: a.Period, Agency: a.Agency, Now: v.Now, State: st, Ledger: st.Ledger != nil, Findings: []taizhang.Finding{}}
	if st.Ledger != nil {
		page.Contact = st.Ledger.Contact
	}
	events, err := s.st.Events(ctx, a.Period)
	if err != nil {
		return nil, dbError(s.opts.Path, err)
	}
	by := map[int64]string{}
	for _, e := range events {
		if e.Action == taizhang.ActionIngest || e.Action == taizhang.ActionStale {
			by[e.ReturnID] = e.By
		}
	}
	for _, r := range st.Versions {
		vv := VersionView{Return: r, By: by[r.ID], Findings: r.Findings}
		if vv.Findings == nil {
			vv.Findings = []taizhang.Finding{}
		}
		page.Versions = append(page.Versions, vv)
	}
	if st.Current != nil {
		page.Findings = agencyFindings(v.res, a.Agency, st.Current)
		page.Feedback = st.Returned() && len(feedbackItems(v.res, a.Agency, st.Current)) > 0
	}
	if page.Uploads, err = s.st.AuditLog(ctx, store.AuditQuery{Period: a.Period.String(), Agency: a.Agency, Actions: []taizhang.AuditAction{taizhang.AuditUpload}, Limit: 10}); err != nil {
		return nil, dbError(s.opts.Path, err)
	}
	slices.Reverse(page.Uploads)
	return page, nil
}

// agencyFindings are the findings an agency must see about its current return: those of its
// file (information left out), a conflict with its co-leads among them; errors first, then by
// where they are.
func agencyFindings(res reconcile.Result, agency string, cur *taizhang.Return) []taizhang.Finding {
	out := []taizhang.Finding{}
	for _, f := range res.Findings {
		if f.Severity == taizhang.SevInfo || f.File != cur.File {
			continue
		}
		if f.Agency == agency { // a co-lead conflict is among them, at the agency's own cell
			f.Message = taizhang.Unmark(f.Message)
			out = append(out, f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Severity.Rank() < out[j].Severity.Rank() })
	return out
}

func findState(states []taizhang.Reporting, agency string) *taizhang.Reporting {
	for i := range states {
		if states[i].Agency == agency {
			return &states[i]
		}
	}
	return nil
}
