package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	taizhang "taizhang"
	"taizhang/cycle"
)

// agencyData is an agency's page: its view, the link's base path and, after an upload, the verdict.
type agencyData struct {
	*cycle.AgencyView
	Base      string // /a/<token>
	Verdict   *cycle.Verdict
	MaxUpload int64 // MB
	MaxBytes  int64 // the page checks a file's size before sending it
}

// openLink opens the link in the path, or answers 404 (unknown, malformed and revoked alike).
func (s *Server) openLink(w http.ResponseWriter, r *http.Request) (cycle.AgencyPeriod, bool) {
	a, err := s.acc.OpenLink(r.Context(), r.PathValue("token"))
	switch {
	case cycle.IsNotFound(err):
		s.problem(w, r, http.StatusNotFound, msgNotFoundTitle, msgNotFound)
		return a, false
	case err != nil:
		s.fail(w, r, err)
		return a, false
	}
	return a, true
}

func (s *Server) agencyPage(w http.ResponseWriter, r *http.Request) {
	a, ok := s.openLink(w, r)
	if !ok {
		return
	}
	view, err := s.svc.AgencyView(r.Context(), a)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if wantsJSON(r) {
		s.writeJSON(w, http.StatusOK, agencyJSON(view))
		return
	}
	s.showAgency(w, r, a, view, nil, http.StatusOK)
}

// showAgency renders the agency's page, with a verdict on top after an upload.
func (s *Server) showAgency(w http.ResponseWriter, r *http.Request, a cycle.AgencyPeriod, view *cycle.AgencyView, v *cycle.Verdict, status int) {
	d := agencyData{AgencyView: view, Base: "/a/" + r.PathValue("token"), Verdict: v, MaxUpload: s.opts.MaxUpload >> 20, MaxBytes: s.opts.MaxUpload}
	s.render(w, r, status, "agency", page{Title: view.Agency, Period: a.Period, Nav: "agency", Data: d})
}

// agencyJSON is GET /a/{token} for a JSON client: the agency's state, versions and findings.
func agencyJSON(v *cycle.AgencyView) any {
	type version struct {
		cycle.VersionJSON
		By       string `json:"by"`
		Findings any    `json:"findings"`
	}
	out := struct {
		Agency   string    `json:"agency"`
		Period   string    `json:"period"`
		State    string    `json:"state"`
		Deadline string    `json:"deadline"`
		DaysLate int       `json:"days_late"`
		DaysLeft int       `json:"days_left"`
		Versions []version `json:"versions"`
		Findings any       `json:"findings"`
		Feedback bool      `json:"feedback"`
	}{Agency: v.Agency, Period: v.Period.String(), State: string(v.State.State), Deadline: v.State.Deadline.String(), DaysLate: v.State.DaysLate,
		DaysLeft: v.State.DaysLeft, Versions: []version{}, Findings: v.Findings, Feedback: v.Feedback}
	for _, r := range v.Versions {
		out.Versions = append(out.Versions, version{VersionJSON: cycle.VersionJSON{Version: r.Version, File: r.File, SHA256: r.SHA256,
			ReceivedAt: r.ReceivedAt.In(v.Now.Location()), IngestedAt: r.IngestedAt.In(v.Now.Location()), Current: r.Current, Withdrawn: r.Withdrawn,
			Empty: r.Empty()}, By: r.By, Findings: r.Findings})
	}
	return out
}

func (s *Server) agencyLedger(w http.ResponseWriter, r *http.Request) {
	s.agencyDownload(w, r, s.svc.AgencyLedger, msgNoLedgerTitle, msgNoLedger)
}

func (s *Server) agencyFeedback(w http.ResponseWriter, r *http.Request) {
	s.agencyDownload(w, r, s.svc.AgencyFeedback, msgNoFeedbackTitle, msgNoFeedback)
}

// agencyDownload sends the workbook write makes for the link's agency and period, or says what is
// missing (no ledger issued, nothing returned to mark) when there is none.
func (s *Server) agencyDownload(w http.ResponseWriter, r *http.Request, write func(context.Context, cycle.AgencyPeriod, io.Writer) (string, error), title, missing string) {
	a, ok := s.openLink(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	name, err := write(r.Context(), a, &buf)
	switch {
	case cycle.IsNotFound(err):
		s.problem(w, r, http.StatusNotFound, title, missing)
		return
	case err != nil:
		s.fail(w, r, err)
		return
	}
	s.download(w, r, a.AuditEntry(taizhang.AuditDownload, name), name, buf.Bytes())
}

// agencyUpload takes one file from the form's "file" field, ingests it and answers with the
// verdict: the agency's page with the verdict on top, or the verdict as JSON (Contract 5).
func (s *Server) agencyUpload(w http.ResponseWriter, r *http.Request) {
	a, ok := s.openLink(w, r)
	if !ok {
		return
	}
	name, data, status := s.readUpload(w, r)
	switch status {
	case http.StatusRequestEntityTooLarge:
		s.audit(r, a.AuditEntry(taizhang.AuditUpload, fmt.Sprintf(auditTooLarge, s.opts.MaxUpload>>20)))
		s.problem(w, r, status, msgTooLargeTitle, fmt.Sprintf(msgTooLarge, s.opts.MaxUpload>>20))
		return
	case http.StatusBadRequest:
		s.problem(w, r, status, msgNoFileTitle, msgNoFile)
		return
	}
	v, view, err := s.inbox.Receive(r.Context(), cycle.Upload{AgencyPeriod: a, Name: name, Data: data, Remote: remote(r)})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.changes.notify()
	if wantsJSON(r) {
		s.writeJSON(w, http.StatusOK, v)
		return
	}
	if view == nil { // a refused file changed nothing: the page as it was
		if view, err = s.svc.AgencyView(r.Context(), a); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.showAgency(w, r, a, view, v, http.StatusOK)
}

// readUpload reads the "file" part of a multipart form, at most MaxUpload bytes. It answers 413
// before reading a body that says it is too large, and as soon as one turns out to be.
func (s *Server) readUpload(w http.ResponseWriter, r *http.Request) (string, []byte, int) {
	const slack = 64 << 10 // the form's other fields and part headers
	if r.ContentLength > s.opts.MaxUpload+slack {
		return "", nil, http.StatusRequestEntityTooLarge
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxUpload+slack)
	mr, err := r.MultipartReader()
	if err != nil {
		return "", nil, http.StatusBadRequest
	}
	for {
		part, err := mr.NextPart()
		var tooLarge *http.MaxBytesError
		switch {
		case errors.As(err, &tooLarge):
			return "", nil, http.StatusRequestEntityTooLarge
		case err != nil:
			return "", nil, http.StatusBadRequest
		}
		if part.FormName() != "file" {
			part.Close()
			continue
		}
		name := partFileName(part.Header.Get("Content-Disposition"))
		data, err := io.ReadAll(io.LimitReader(part, s.opts.MaxUpload+1))
		switch {
		case errors.As(err, &tooLarge), int64(len(data)) > s.opts.MaxUpload:
			return "", nil, http.StatusRequestEntityTooLarge
		case err != nil:
			return "", nil, http.StatusBadRequest
		case len(data) == 0 && name == "":
			return "", nil, http.StatusBadRequest
		}
		return name, data, http.StatusOK
	}
}

// partFileName is the file name a browser sent, unlike mime/multipart's FileName not cut to its
// base name first: cycle.SafeName does that, and the audit trail sees the same name it would.
func partFileName(disposition string) string {
	_, params, err := mime.ParseMediaType(disposition)
	if err != nil {
		return ""
	}
	return params["filename"]
}

// download sends a file as an attachment and records who downloaded what (e says who, for which
// period and agency).
func (s *Server) download(w http.ResponseWriter, r *http.Request, e taizhang.AuditEntry, name string, data []byte) {
	e.Action, e.Detail = taizhang.AuditDownload, name
	s.audit(r, e)
	ctype := "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	if strings.HasSuffix(name, ".zip") {
		ctype = "application/zip"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	if _, err := w.Write(data); err != nil && !isClientGone(err) {
		s.opts.Logf("download %s: %v", name, err)
	}
}

// audit records an entry with the request's address.
func (s *Server) audit(r *http.Request, e taizhang.AuditEntry) {
	e.Remote = remote(r)
	if err := s.acc.Audit(r.Context(), e); err != nil {
		s.opts.Logf("audit: %v", err)
	}
}
