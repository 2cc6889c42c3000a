package cycle

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"time"

	taizhang "taizhang"
	"taizhang/reconcile"
	"taizhang/store"
	"taizhang/templates"
	"taizhang/templates/ledger"
	"taizhang/templates/report"
)

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
	Findings []taizhang.Finding // the current version's, errors first
	Feedback bool               // the current version has problems: a marked copy can be downloaded
	Uploads  []AuditEntry       // the latest uploads through the link, refused ones too, newest first
}

// VersionView is one version as the agency sees it.
type VersionView struct {
	taizhang.Return
	By       string             // who took it in by the command line, or the agency for an upload (Channel says which)
	Findings []taizhang.Finding // found in the file when it was read
}

// AgencyView gathers an agency's page.
func (s *Service) AgencyView(ctx context.Context, a Access) (*AgencyView, error) {
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
		page.Findings = AgencyFindings(v.Result, a.Agency, st.Current)
		page.Feedback = st.Returned() && len(feedbackItems(v.Result, a.Agency, st.Current)) > 0
	}
	if page.Uploads, err = s.st.AuditLog(ctx, store.AuditQuery{Period: a.Period.String(), Agency: a.Agency, Actions: []string{AuditUpload}, Limit: 10}); err != nil {
		return nil, dbError(s.opts.Path, err)
	}
	slices.Reverse(page.Uploads)
	return page, nil
}

// AgencyFindings are the findings an agency must see about its current return: those of its
// file (information left out), a conflict with its co-leads among them; errors first, then by
// where they are.
func AgencyFindings(res reconcile.Result, agency string, cur *taizhang.Return) []taizhang.Finding {
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

// AgencyLedger writes the agency's ledger for the period to w and returns its file name. The
// ledger sent is made again from its record (same template, same signature), showing the deadline
// in force; if the catalog has changed since, a new ledger is issued and recorded, as feedback does.
func (s *Service) AgencyLedger(ctx context.Context, a Access, w io.Writer) (string, error) {
	plan, info, err := s.Plan(ctx)
	if err != nil {
		return "", err
	}
	h, err := s.history(ctx, a.Period)
	if err != nil {
		return "", err
	}
	st := findState(h.States(s.Now(), s.loc), a.Agency)
	if st == nil || st.Ledger == nil {
		return "", ErrNotFound
	}
	key, err := s.key(ctx)
	if err != nil {
		return "", err
	}
	tpl := st.Ledger
	if tpl.CatalogHash == info.CatalogHash {
		wb, _, err := ledger.Ledger(ledger.LedgerSpec{Plan: plan, CatalogHash: tpl.CatalogHash, Agency: a.Agency, Period: a.Period, LedgerID: tpl.ID,
			IssuedAt: tpl.IssuedAt, Deadline: st.Deadline.Time(), Contact: tpl.Contact, Key: key})
		if err != nil {
			return "", fmt.Errorf(msgLedgerFailed, a.Agency, err)
		}
		defer wb.Close()
		return tpl.FileName, wb.Write(w)
	}
	dir, err := os.MkdirTemp("", "taizhang-ledger-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, templates.FileName(a.Period.String(), a.Agency, map[string]bool{}))
	if _, err := s.issue(ctx, ledgerRequest{agency: a.Agency, period: a.Period, deadline: st.Deadline, contact: tpl.Contact, path: path, key: key}, nil); err != nil {
		return "", err
	}
	return filepath.Base(path), copyFile(path, w)
}

// AgencyFeedback writes the agency's current return with its problems marked (as feedback does) to
// w and returns its file name; ErrNotFound when there is nothing to mark.
func (s *Service) AgencyFeedback(ctx context.Context, a Access, w io.Writer) (string, error) {
	v, err := s.View(ctx, ViewRequest{Period: a.Period})
	if err != nil {
		return "", err
	}
	st := v.State(a.Agency)
	if st == nil || st.Current == nil || !st.Returned() {
		return "", ErrNotFound // nothing returned: the ledger is what to download
	}
	key, err := s.key(ctx)
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "taizhang-feedback-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, report.FeedbackFileName(a.Period.String(), a.Agency, v.Plan.Script, map[string]bool{}))
	f, err := s.feedbackFor(ctx, v, st, FeedbackRequest{Period: a.Period}, key, path)
	if err != nil {
		return "", err
	}
	if f == nil {
		return "", ErrNotFound
	}
	return filepath.Base(path), copyFile(path, w)
}

// FeedbackZip writes every agency's feedback workbook for the period (as feedback --out does) into
// one zip archive.
func (s *Service) FeedbackZip(ctx context.Context, period taizhang.Period, w io.Writer) (*FeedbackResult, error) {
	dir, err := os.MkdirTemp("", "taizhang-feedback-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	res, err := s.Feedback(ctx, FeedbackRequest{Period: period, Out: dir})
	if err != nil {
		return nil, err
	}
	zw := zip.NewWriter(w)
	for _, f := range res.Files {
		h := &zip.FileHeader{Name: filepath.Base(f.Path), Method: zip.Deflate}
		h.SetMode(0o644)
		planTime(h, s.Now())
		out, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if err := copyFile(f.Path, out); err != nil {
			return nil, err
		}
	}
	return res, zw.Close()
}

// planTime stamps a zip entry with t's wall time in the plan's zone, in the entry's MS-DOS date
// and time alone. Setting Modified would add an extended timestamp, absolute, which unzip and
// most tools show in the reading machine's zone instead: a server running in UTC handed offices
// files stamped 01:00 for 09:00 Beijing time.
func planTime(h *zip.FileHeader, t time.Time) {
	y, mo, d := t.Date()
	hh, mm, ss := t.Clock()
	if y < 1980 {
		return
	}
	//lint:ignore SA1019 the legacy field is the point: no absolute timestamp
	h.ModifiedDate = uint16((y-1980)<<9 | int(mo)<<5 | d)
	//lint:ignore SA1019 as above
	h.ModifiedTime = uint16(hh<<11 | mm<<5 | ss/2)
}

// Periods lists the periods ledgers were sent for, newest first.
func (s *Service) Periods(ctx context.Context) ([]taizhang.Period, error) {
	tpls, err := s.st.AllLedgers(ctx)
	if err != nil {
		return nil, dbError(s.opts.Path, err)
	}
	seen := map[taizhang.Period]bool{}
	var out []taizhang.Period
	for _, t := range tpls {
		if !seen[t.Period] {
			seen[t.Period] = true
			out = append(out, t.Period)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if !a.End().Equal(b.End()) {
			return a.End().After(b.End())
		}
		return a.Start().After(b.Start()) // 2023-Q4 before the year 2023 ending the same day
	})
	return out, nil
}

// ChangeTag changes whenever anything about a period's returns changes, in this process or another.
func (s *Service) ChangeTag(ctx context.Context, period taizhang.Period) (string, error) {
	st, err := s.st.ChangeTag(ctx, period.String())
	if err != nil {
		return "", dbError(s.opts.Path, err)
	}
	return st, nil
}

// Healthy reports whether the database answers.
func (s *Service) Healthy(ctx context.Context) error {
	_, err := s.st.Setting(ctx, settingBaseURL)
	return err
}

func findState(states []taizhang.Reporting, agency string) *taizhang.Reporting {
	for i := range states {
		if states[i].Agency == agency {
			return &states[i]
		}
	}
	return nil
}

func copyFile(path string, w io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

// Labels for people, for the web pages (the command line and the workbooks use the same ones).
var (
	StatusLabels = report.StatusLabels
	StatusOrder  = report.StatusOrder
	DeadlineNote = report.DeadlineNote
	StatusColour = report.StatusColour // chart tones, the report's
	StateColour  = report.StateColour
)

// IsNotFound reports whether err means "no such thing here" (answered as 404).
func IsNotFound(err error) bool { return errors.Is(err, ErrNotFound) }
