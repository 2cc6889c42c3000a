package cycle

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	taizhang "taizhang"
	"taizhang/templates"
	"taizhang/templates/ledger"
	"taizhang/templates/report"
)

// AgencyLedger writes the agency's ledger for the period to w and returns its file name. The
// ledger sent is made again from its record (same template, same signature), showing the deadline
// in force; if the catalog has changed since, a new ledger is issued and recorded, as feedback does.
func (s *Service) AgencyLedger(ctx context.Context, a AgencyPeriod, w io.Writer) (string, error) {
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
func (s *Service) AgencyFeedback(ctx context.Context, a AgencyPeriod, w io.Writer) (string, error) {
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

func copyFile(path string, w io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}
