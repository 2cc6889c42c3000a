package cycle

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	taizhang "taizhang"
	"taizhang/ingest"
	"taizhang/office"
	"taizhang/reconcile"
	"taizhang/templates/report"
)

// FeedbackRequest asks for each agency's workbook back, its problems marked.
type FeedbackRequest struct {
	Period   taizhang.Period
	Out      string
	Agencies []string      // only these; empty: all
	Deadline taizhang.Date // optional: a new deadline for the agencies that get a blank ledger, recorded as an extension
	Reason   string
}

// FeedbackFile is one workbook written.
type FeedbackFile struct {
	Agency string
	Path   string
	Items  int
	Blank  bool // a fresh ledger for an agency that has not returned
}

// FeedbackResult is what Feedback did.
type FeedbackResult struct {
	Files   []FeedbackFile
	Clean   int         // agencies whose return has nothing to correct
	Skipped [][2]string // agency, why: one bad return never stops the others
}

// Feedback writes, per agency, a copy of its current return with every problem highlighted and
// commented and a first sheet listing them, or a fresh ledger when nothing usable came back. It
// never moves a deadline unless asked: a blank ledger carries the deadline in force.
func (s *Service) Feedback(ctx context.Context, req FeedbackRequest) (*FeedbackResult, error) {
	v, err := s.View(ctx, ViewRequest{Period: req.Period})
	if err != nil {
		return nil, err
	}
	if !req.Deadline.IsZero() && req.Deadline.Before(req.Period.LastDay()) {
		return nil, inputf(msgDeadlineBeforeEnd, req.Deadline, req.Period.Label(), req.Period.LastDay())
	}
	wanted := map[string]bool{}
	for _, name := range req.Agencies {
		canon, err := s.resolve(v.Plan, name)
		if err != nil {
			return nil, err
		}
		wanted[canon] = true
	}
	if err := checkFeedbackDeadline(v, req, wanted); err != nil {
		return nil, err
	}
	key, err := s.key(ctx)
	if err != nil {
		return nil, err
	}
	if err := OutputDir(req.Out); err != nil {
		return nil, err
	}
	res := &FeedbackResult{}
	taken := map[string]bool{}
	for i := range v.States {
		st := &v.States[i]
		if (len(wanted) > 0 && !wanted[st.Agency]) || (st.Ledger == nil && st.Current == nil) {
			continue
		}
		if ctx.Err() != nil {
			return res, interrupted(fmt.Sprintf(msgFeedbackInterrupted, len(res.Files)))
		}
		path := filepath.Join(req.Out, report.FeedbackFileName(req.Period.String(), st.Agency, v.Plan.Script, taken))
		f, err := s.feedbackFor(ctx, v, st, req, key, path)
		switch {
		case Interrupted(err):
			return res, interrupted(fmt.Sprintf(msgFeedbackInterrupted, len(res.Files)))
		case errors.Is(err, ErrFile):
			return res, err // the folder cannot take files: every other agency's would fail the same way
		case err != nil:
			res.Skipped = append(res.Skipped, [2]string{st.Agency, err.Error()})
		case f == nil:
			res.Clean++
		default:
			res.Files = append(res.Files, *f)
		}
	}
	return res, nil
}

// feedbackFor writes one agency's workbook; nil when its return needs nothing.
func (s *Service) feedbackFor(ctx context.Context, v *View, st *taizhang.Reporting, req FeedbackRequest, key []byte, path string) (*FeedbackFile, error) {
	spec := report.FeedbackSpec{Agency: st.Agency, Period: req.Period, When: s.when(st.Deadline, again), Script: v.Plan.Script}
	if st.Ledger != nil {
		spec.Contact = st.Ledger.Contact
	}
	blank := needsBlank(st)
	if blank {
		deadline, err := s.blankLedger(ctx, st, req, key, path)
		if err != nil {
			return nil, err
		}
		spec.When = s.when(deadline, "")
		spec.Items = []report.FeedbackItem{{Code: taizhang.CodeMissingReturn, Severity: taizhang.CodeMissingReturn.Severity(), Message: s.missingMessage(st, req.Period, deadline)}}
	} else {
		spec.Items = feedbackItems(v.res, st.Agency, st.Current)
		if len(spec.Items) == 0 {
			return nil, nil
		}
		if err := s.copyReturn(ctx, st.Current, path); err != nil {
			return nil, err
		}
	}
	if err := report.MarkFeedback(path, spec); err != nil {
		os.Remove(path)
		return nil, fmt.Errorf(msgMarkFailed, err)
	}
	return &FeedbackFile{Agency: st.Agency, Path: path, Items: len(spec.Items), Blank: blank}, nil
}

// needsBlank reports whether an agency gets a fresh ledger rather than its own return marked:
// nothing usable came back.
func needsBlank(st *taizhang.Reporting) bool { return st.Current == nil || st.Empty && !st.Returned() }

// checkFeedbackDeadline refuses a --deadline without a reason, or one that would bring an
// agency's deadline forward: feedback only extends (taizhang deadline --force shortens one).
func checkFeedbackDeadline(v *View, req FeedbackRequest, wanted map[string]bool) error {
	if req.Deadline.IsZero() {
		return nil
	}
	if strings.TrimSpace(req.Reason) == "" {
		return inputf(msgReasonNeeded)
	}
	for i := range v.States {
		st := &v.States[i]
		if (len(wanted) > 0 && !wanted[st.Agency]) || (st.Ledger == nil && st.Current == nil) || !needsBlank(st) {
			continue
		}
		if req.Deadline.Before(st.Deadline) {
			return inputf(msgFeedbackEarlier, st.Agency, st.Deadline, req.Deadline, req.Period)
		}
	}
	return nil
}

// blankLedger issues a fresh ledger with the deadline in force, or the request's, recorded.
func (s *Service) blankLedger(ctx context.Context, st *taizhang.Reporting, req FeedbackRequest, key []byte, path string) (taizhang.Date, error) {
	deadline := st.Deadline
	var change *taizhang.DeadlineChange
	if !req.Deadline.IsZero() && req.Deadline != deadline {
		deadline = req.Deadline // checkFeedbackDeadline made sure it is later, with a reason
		change = &taizhang.DeadlineChange{Period: req.Period, Agency: st.Agency, Deadline: deadline, SetAt: s.Now(), By: s.opts.User, Reason: req.Reason,
			ReasonKind: taizhang.ReasonPerson}
	}
	contact := ""
	if st.Ledger != nil {
		contact = st.Ledger.Contact
	}
	previous, err := s.previousValues(ctx, req.Period)
	if err != nil {
		return deadline, err
	}
	_, err = s.issue(ctx, ledgerRequest{agency: st.Agency, period: req.Period, deadline: deadline, contact: contact, path: path, key: key,
		previous: previous[st.Agency]}, change)
	return deadline, err
}

// missingMessage says why a blank ledger comes back (nothing returned, an empty one, a refused
// file) and by when to report.
func (s *Service) missingMessage(st *taizhang.Reporting, p taizhang.Period, deadline taizhang.Date) string {
	why := fmt.Sprintf(msgNotReturnedBlank, p.Label())
	switch {
	case st.Refused != nil:
		why = fmt.Sprintf(msgRefusedBlank, st.Refused.ReceivedAt.In(s.loc).Format(taizhang.TimeLayout), st.Refused.File, st.Refused.Reason)
	case st.Current != nil && st.Empty:
		why = fmt.Sprintf(msgEmptyBlank, st.Current.Version)
	}
	return why + s.when(deadline, "")
}

// when says by when to report again: by the deadline in force, or, when it has passed, as soon as
// possible (a date already gone would only confuse).
func (s *Service) when(deadline taizhang.Date, again string) string {
	today := taizhang.DateOf(s.Now(), s.loc)
	if today.After(deadline) {
		return fmt.Sprintf(msgWhenOverdue, again, deadline, today.DaysSince(deadline))
	}
	return fmt.Sprintf(msgWhenDue, deadline, again)
}

// feedbackItems are the problems in an agency's current return that it must see: every finding
// of its file (information only left out) and every conflict of its values.
func feedbackItems(res reconcile.Result, agency string, cur *taizhang.Return) []report.FeedbackItem {
	var items []report.FeedbackItem
	seen := map[string]bool{}
	add := func(code taizhang.Code, sev taizhang.Severity, cell, msg string) {
		key := string(code) + "|" + cell + "|" + msg
		if seen[key] {
			return
		}
		seen[key] = true
		sheet := cur.Sheet
		if cell == "" {
			sheet = ""
		}
		items = append(items, report.FeedbackItem{Code: code, Severity: sev, Sheet: sheet, Cell: cell, Message: msg})
	}
	for _, f := range res.Findings { // a co-lead conflict is among them, at the agency's own cell
		if f.Agency == agency && f.File == cur.File && f.Severity != taizhang.SevInfo {
			add(f.Code, f.Severity, f.Cell, f.Message)
		}
	}
	// What must be corrected first, then what to check or explain.
	sort.SliceStable(items, func(i, j int) bool { return items[i].Severity.Rank() < items[j].Severity.Rank() })
	return items
}

// copyReturn puts the agency's own archived return at path, as xlsx.
func (s *Service) copyReturn(ctx context.Context, r *taizhang.Return, path string) error {
	b, err := os.ReadFile(filepath.Join(ingest.ArchiveDir(s.opts.Path), r.ArchivePath))
	if err != nil {
		return fmt.Errorf(msgNoArchive, r.File, err)
	}
	if r.Converted != "" {
		if b, err = s.opts.Office.Convert(ctx, b, "."+r.Converted, office.XLSX); err != nil {
			return fmt.Errorf(msgConvertBack, r.Converted, err)
		}
	}
	return writeAtomic(path, func(w io.Writer) error { _, err := w.Write(b); return err })
}
