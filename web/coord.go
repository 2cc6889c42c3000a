package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	taizhang "taizhang"
	"taizhang/access"
	"taizhang/cycle"
)

const sessionCookie = "taizhang_session"

type userKey struct{}

// coordinator lets a logged-in coordinator through; anyone else is sent to the login page (a JSON
// client gets 401).
func (s *Server) coordinator(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		user := ""
		if c, err := r.Cookie(sessionCookie); err == nil {
			u, err := s.acc.SessionUser(r.Context(), c.Value)
			if err != nil && !cycle.IsNotFound(err) {
				s.fail(w, r, err)
				return
			}
			user = u
		}
		if user == "" {
			if wantsJSON(r) || r.Method != http.MethodGet {
				s.problem(w, r, http.StatusUnauthorized, msgLoginTitle, msgLoginNeeded)
				return
			}
			seeOther(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()))
			return
		}
		next(w, r.WithContext(context.WithValue(r.Context(), userKey{}, user)))
	}
}

// seeOther redirects (303) as http.Redirect does, without its English body ("See Other"):
// browsers follow the Location header, and no one should read English here.
func seeOther(w http.ResponseWriter, r *http.Request, to string) {
	http.Redirect(noBody{w}, r, to, http.StatusSeeOther)
}

// noBody is a response whose body is dropped.
type noBody struct{ http.ResponseWriter }

func (noBody) Write(b []byte) (int, error) { return len(b), nil }

func userOf(r *http.Request) string { u, _ := r.Context().Value(userKey{}).(string); return u }

type loginData struct {
	Next, Name, Error string
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "login", page{Title: msgLoginTitle, Data: loginData{Next: safeNext(r.URL.Query().Get("next"))}})
}

// safeNext keeps a redirect after login on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		s.problem(w, r, http.StatusBadRequest, msgLoginTitle, msgBadLogin)
		return
	}
	name, next := strings.TrimSpace(r.PostForm.Get("name")), safeNext(r.PostForm.Get("next"))
	d := loginData{Next: next, Name: name}
	if !s.logins.allow(remoteHost(r), time.Now()) {
		s.audit(r, taizhang.AuditEntry{Who: name, Action: taizhang.AuditLoginFailed, Detail: auditRateLimited})
		d.Error = msgBusy
		s.render(w, r, http.StatusTooManyRequests, "login", page{Title: msgLoginTitle, Data: d})
		return
	}
	token, err := s.acc.Login(r.Context(), name, r.PostForm.Get("password"), remote(r))
	switch {
	case errors.Is(err, access.ErrBadLogin):
		d.Error = msgBadLogin
		s.render(w, r, http.StatusUnauthorized, "login", page{Title: msgLoginTitle, Data: d})
		return
	case errors.Is(err, access.ErrLocked):
		d.Error = fmt.Sprintf(msgLocked, int(access.LoginLock/time.Minute))
		s.render(w, r, http.StatusForbidden, "login", page{Title: msgLoginTitle, Data: d})
		return
	case err != nil:
		s.fail(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", MaxAge: int(access.SessionLifetime / time.Second),
		Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	seeOther(w, r, next)
}

// remoteHost is the peer address alone, what login attempts are counted by.
func remoteHost(r *http.Request) string { return strings.Fields(remote(r))[0] }

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.acc.Logout(r.Context(), c.Value, userOf(r), remote(r)); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	seeOther(w, r, "/login")
}

// home is the board of the newest period.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	periods, err := s.svc.Periods(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(periods) == 0 {
		s.render(w, r, http.StatusOK, "error", page{Title: msgNoPeriodTitle, User: userOf(r), Data: msgNoPeriod})
		return
	}
	r.SetPathValue("period", periods[0].String())
	s.period(s.board)(w, r)
}

// periodHandler serves one period's page with its view.
type periodHandler func(w http.ResponseWriter, r *http.Request, v *cycle.View, periods []taizhang.Period)

// period reads the period in the path and its view; a period without ledgers is 404.
func (s *Server) period(next periodHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, err := taizhang.ParsePeriod(r.PathValue("period"))
		if err != nil {
			s.problem(w, r, http.StatusNotFound, msgNotFoundTitle, msgNoSuchPeriod)
			return
		}
		periods, err := s.svc.Periods(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if !slices.Contains(periods, p) {
			s.problem(w, r, http.StatusNotFound, msgNotFoundTitle, msgNoSuchPeriod)
			return
		}
		if strings.HasSuffix(r.URL.Path, "/events") { // the stream reads its views as it goes
			next(w, r, &cycle.View{Period: p}, periods)
			return
		}
		v, err := s.svc.View(r.Context(), cycle.ViewRequest{Period: p})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		next(w, r, v, periods)
	}
}

// boardRow is one agency on the board.
type boardRow struct {
	cycle.StateJSON
	Errors, Warnings int
}

type boardData struct {
	View    *cycle.View
	Periods []taizhang.Period
	Rows    []boardRow
	Totals  map[string]int
	States  []string
	Filter  boardFilter
	Shown   int
	Query   string // the filter as a query string, for the live refresh
}

type boardFilter struct {
	State    string // one reporting state, or ""
	Problems bool   // only agencies with findings
	Agency   string // part of the name
}

func (s *Server) board(w http.ResponseWriter, r *http.Request, v *cycle.View, periods []taizhang.Period) {
	if wantsJSON(r) {
		s.writeJSON(w, http.StatusOK, v.StatusJSON())
		return
	}
	q := r.URL.Query()
	d := boardData{View: v, Periods: periods, Totals: map[string]int{},
		Filter: boardFilter{State: q.Get("state"), Problems: q.Get("problems") != "", Agency: strings.TrimSpace(q.Get("agency"))}}
	for _, st := range taizhang.ReportStates {
		d.States = append(d.States, string(st))
	}
	errs, warns := map[string]int{}, map[string]int{}
	for _, f := range v.Result.Findings {
		switch f.Severity {
		case taizhang.SevError:
			errs[f.Agency]++
		case taizhang.SevWarning:
			warns[f.Agency]++
		}
	}
	for _, j := range v.StatesJSON() {
		d.Totals[j.State]++
		row := boardRow{StateJSON: j, Errors: errs[j.Agency], Warnings: warns[j.Agency]}
		if d.Filter.State != "" && j.State != d.Filter.State ||
			d.Filter.Problems && row.Errors+row.Warnings == 0 ||
			d.Filter.Agency != "" && !strings.Contains(j.Agency, d.Filter.Agency) {
			continue
		}
		d.Rows = append(d.Rows, row)
	}
	d.Shown = len(d.Rows)
	d.Query = r.URL.RawQuery
	p := page{Title: v.Period.Label(), User: userOf(r), Period: v.Period, Nav: "board", Data: d}
	if q.Get("part") == "board" {
		s.renderPart(w, r, "board", "rows", p)
		return
	}
	s.render(w, r, http.StatusOK, "board", p)
}

type findingsData struct {
	View       *cycle.View
	Findings   []taizhang.Finding
	Codes      []taizhang.Code     // the codes found, in taizhang.Codes' order
	Severities []taizhang.Severity // every severity, to filter by
	Code       string              // the filters, as the address gives them
	Severity   string
	Agency     string
}

func (s *Server) findings(w http.ResponseWriter, r *http.Request, v *cycle.View, _ []taizhang.Period) {
	if wantsJSON(r) {
		s.writeJSON(w, http.StatusOK, v.ReconcileJSON())
		return
	}
	q := r.URL.Query()
	d := findingsData{View: v, Code: q.Get("code"), Severity: q.Get("severity"), Severities: taizhang.Severities,
		Agency: strings.TrimSpace(q.Get("agency"))}
	seen := map[taizhang.Code]bool{}
	for _, f := range v.Result.Findings {
		seen[f.Code] = true
		if d.Code != "" && string(f.Code) != d.Code || d.Severity != "" && string(f.Severity) != d.Severity || d.Agency != "" && !strings.Contains(f.Agency, d.Agency) {
			continue
		}
		d.Findings = append(d.Findings, f)
	}
	for _, c := range taizhang.Codes {
		if seen[c] {
			d.Codes = append(d.Codes, c)
			delete(seen, c)
		}
	}
	d.Codes = append(d.Codes, slices.Sorted(maps.Keys(seen))...) // none: every code is in taizhang.Codes (a test says so)
	s.render(w, r, http.StatusOK, "findings", page{Title: v.Period.Label(), User: userOf(r), Period: v.Period, Nav: "findings", Data: d})
}

func (s *Server) chase(w http.ResponseWriter, r *http.Request, v *cycle.View, _ []taizhang.Period) {
	if wantsJSON(r) {
		s.writeJSON(w, http.StatusOK, v.Chase)
		return
	}
	s.render(w, r, http.StatusOK, "chase", page{Title: v.Period.Label(), User: userOf(r), Period: v.Period, Nav: "chase", Data: v})
}

// chart is the data of the board's charts: indicator statuses by section, and reporting states.
func (s *Server) chart(w http.ResponseWriter, r *http.Request, v *cycle.View, _ []taizhang.Period) {
	type series struct {
		Key    string `json:"key"`
		Name   string `json:"name"`
		Colour string `json:"colour"` // the report's chart colour: one palette on paper and screen
		Data   []int  `json:"data"`
	}
	out := struct {
		Sections []string `json:"sections"`
		Series   []series `json:"series"`
		States   []series `json:"states"`
	}{Sections: []string{}, Series: []series{}, States: []series{}}
	for _, sec := range v.Result.Sections {
		out.Sections = append(out.Sections, sec.Key+"、"+sec.Title)
	}
	for _, st := range cycle.StatusOrder {
		sr := series{Key: st, Name: cycle.StatusLabels[st], Colour: cycle.StatusColour(st)}
		total := 0
		for _, sec := range v.Result.Sections {
			sr.Data = append(sr.Data, sec.Counts[st])
			total += sec.Counts[st]
		}
		if total > 0 {
			out.Series = append(out.Series, sr)
		}
	}
	totals := map[taizhang.ReportState]int{}
	for _, st := range v.States {
		totals[st.State]++
	}
	for _, st := range taizhang.ReportStates {
		if totals[st] > 0 {
			out.States = append(out.States, series{Key: string(st), Name: st.Label(taizhang.Traditional), Colour: cycle.StateColour(st), Data: []int{totals[st]}})
		}
	}
	s.writeJSON(w, http.StatusOK, out)
}

// events tells the board when to refresh (server-sent events): at once after an upload to this
// server, and within Poll of a change made by another server or the command line.
func (s *Server) events(w http.ResponseWriter, r *http.Request, v *cycle.View, _ []taizhang.Period) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	// The stream outlives the server's read timeout; it has no body to read.
	_ = http.NewResponseController(w).SetReadDeadline(time.Time{})
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("X-Accel-Buffering", "no") // nginx: pass events through at once
	last, err := s.svc.ChangeTag(r.Context(), v.Period)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusOK)
	fmt.Fprintf(w, "retry: 3000\n: %s\n\n", "connected")
	flusher.Flush()
	tick := time.NewTicker(s.opts.Poll)
	defer tick.Stop()
	idle := 0
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.closing:
			return
		case <-s.changes.wait():
		case <-tick.C:
		}
		stamp, err := s.svc.ChangeTag(r.Context(), v.Period)
		if err != nil {
			return
		}
		if stamp != last {
			last = stamp
			idle = 0
			fmt.Fprintf(w, "event: change\ndata: %s\n\n", stamp)
		} else if idle++; idle*int(s.opts.Poll) >= int(15*time.Second) {
			idle = 0
			fmt.Fprint(w, ": keep-alive\n\n")
		} else {
			continue
		}
		flusher.Flush()
	}
}

func (s *Server) report(w http.ResponseWriter, r *http.Request, v *cycle.View, _ []taizhang.Period) {
	s.workbook(w, r, v, "匯總_"+v.Period.String()+".xlsx", func(path string) error {
		return s.svc.WriteReport(r.Context(), v, cycle.ReportRequest{Path: path})
	})
}

func (s *Server) remind(w http.ResponseWriter, r *http.Request, v *cycle.View, _ []taizhang.Period) {
	s.workbook(w, r, v, "催報清單_"+v.Period.String()+".xlsx", func(path string) error {
		return s.svc.WriteChase(r.Context(), v, path)
	})
}

// workbook writes a workbook of the view to a temporary file and sends it.
func (s *Server) workbook(w http.ResponseWriter, r *http.Request, v *cycle.View, name string, write func(path string) error) {
	dir, err := os.MkdirTemp("", "taizhang-web-")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "out.xlsx")
	if err := write(path); err != nil {
		s.fail(w, r, err)
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.download(w, r, taizhang.AuditEntry{Who: userOf(r), Period: v.Period.String()}, s.localName(name), data)
}

func (s *Server) feedbackZip(w http.ResponseWriter, r *http.Request, v *cycle.View, _ []taizhang.Period) {
	var buf bytes.Buffer
	if _, err := s.svc.FeedbackZip(r.Context(), v.Period, &buf); err != nil {
		s.fail(w, r, err)
		return
	}
	s.changes.notify() // agencies that had not returned were sent a fresh ledger
	s.download(w, r, taizhang.AuditEntry{Who: userOf(r), Period: v.Period.String()}, s.localName("退回意見_"+v.Period.String()+".zip"), buf.Bytes())
}

// localName is a file name of ours in the plan's script.
func (s *Server) localName(name string) string { return string(s.localize([]byte(name))) }

type auditData struct {
	Entries []taizhang.AuditEntry
	Since   string
}

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	req := access.AuditRequest{Limit: 500}
	d := auditData{Since: r.URL.Query().Get("since")}
	if d.Since != "" {
		day, err := taizhang.ParseDate(d.Since)
		if err == nil {
			req.Since = day.Start(s.svc.Location())
		}
	}
	entries, err := s.acc.AuditLog(r.Context(), req)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if wantsJSON(r) {
		s.writeJSON(w, http.StatusOK, entries)
		return
	}
	slices.Reverse(entries)
	d.Entries = entries
	s.render(w, r, http.StatusOK, "audit", page{Title: msgAuditTitle, User: userOf(r), Nav: "audit", Data: d})
}
