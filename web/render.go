package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"

	taizhang "taizhang"
	"taizhang/cycle"
	"taizhang/script"
)

//go:embed pages/*.html
var pageFS embed.FS

//go:embed assets
var assetFS embed.FS

// assets are the files under /assets/: the style sheet, the page script and ECharts (with its
// licence), all served from the binary: offices' intranets reach no CDN.
func assets() fs.FS {
	sub, err := fs.Sub(assetFS, "assets")
	if err != nil {
		panic(err)
	}
	return sub
}

// parsePages parses every page with the shared layout and the helpers pages use.
func (s *Server) parsePages() (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"time": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(s.svc.Location()).Format(taizhang.TimeLayout)
		},
		"timep": func(t *time.Time) string {
			if t == nil || t.IsZero() {
				return ""
			}
			return t.In(s.svc.Location()).Format(taizhang.TimeLayout)
		},
		"verbatim":     taizhang.Verbatim, // a file name as the agency named it: never converted
		"state":        func(st taizhang.ReportState) string { return st.Label(taizhang.Traditional) },
		"stateS":       func(st string) string { return taizhang.ReportState(st).Label(taizhang.Traditional) },
		"finding":      func(code taizhang.Code) string { return code.Label(taizhang.Traditional) },
		"refusal":      func(r taizhang.RefusalReason) string { return r.Label(taizhang.Traditional) },
		"severity":     func(sev taizhang.Severity) string { return sev.Label(taizhang.Traditional) },
		"status":       func(st string) string { return cycle.StatusLabels[st] },
		"deadlineNote": func(st taizhang.ReportState, late, left int) string { return cycle.DeadlineNote(st, late, left) },
		"deadlineNoteS": func(st string, late, left int) string {
			return cycle.DeadlineNote(taizhang.ReportState(st), late, left)
		},
		"unmark":    taizhang.Unmark,
		"audit":     func(a taizhang.AuditAction) string { return a.Label(taizhang.Traditional) },
		"join":      strings.Join,
		"where":     where,
		"add":       func(a, b int) int { return a + b },
		"periodURL": func(p taizhang.Period) string { return "/periods/" + p.String() },
		"verdictOf": func(v *cycle.Verdict, d agencyData) verdictData { return verdictData{V: v, D: d} },
		"channel":   channel,
		"count": func(fs []taizhang.Finding, sev taizhang.Severity) int {
			n := 0
			for _, f := range fs {
				if f.Severity == sev {
					n++
				}
			}
			return n
		},
	}
	layout, err := pageFS.ReadFile("pages/layout.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(pageFS, "pages/*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, name := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(name, "pages/"), ".html")
		if base == "layout" {
			continue
		}
		body, err := pageFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		t, err := template.New("layout").Funcs(funcs).Parse(string(layout))
		if err != nil {
			return nil, err
		}
		if _, err := t.Parse(string(body)); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out[base] = t
	}
	return out, nil
}

// verdictData is the verdict block's data: the verdict and the page it is shown on.
type verdictData struct {
	V *cycle.Verdict
	D agencyData
}

// channel says how a version came in: through the agency's link, or taken in by the coordinator.
// Who at the coordination office did it is theirs to know (taizhang history), not the agency's:
// it is the login of the machine that ran ingest.
func channel(c taizhang.Channel) string {
	if c == taizhang.ChannelLink {
		return chanUpload
	}
	return chanCoordinator
}

// where names a finding's place: 工作臺賬!I7.
func where(f taizhang.Finding) string {
	switch {
	case f.Sheet != "" && f.Cell != "":
		return f.Sheet + "!" + f.Cell
	case f.Cell != "":
		return f.Cell
	}
	return f.Sheet
}

// page is what every page's layout needs.
type page struct {
	Title  string
	User   string // the coordinator logged in, "" on agency pages
	Plan   *taizhang.Plan
	Period taizhang.Period
	Nav    string // which coordinator page is open
	Data   any
}

// render writes a page in the plan's script.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	t := s.pages[name]
	if t == nil {
		s.fail(w, r, fmt.Errorf("web: no page %q", name))
		return
	}
	if p.Plan == nil {
		p.Plan = s.plan
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, p); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(s.localize(buf.Bytes()))
}

// renderPart writes one named block of a page (the board's table, refreshed live).
func (s *Server) renderPart(w http.ResponseWriter, r *http.Request, name, block string, p page) {
	if p.Plan == nil {
		p.Plan = s.plan
	}
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, block, p); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(s.localize(buf.Bytes()))
}

// writeJSON writes v as JSON (Contract 5), its text in the plan's script.
func (s *Server) writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, "{}", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(s.localize(buf.Bytes()))
}

// localize puts text written in Traditional into the plan's script, leaving what is marked
// verbatim (file names) as it is and removing the marks.
func (s *Server) localize(b []byte) []byte {
	simplified := s.plan != nil && s.plan.Script == taizhang.Simplified
	var out bytes.Buffer
	out.Grow(len(b))
	taizhang.EachVerbatim(string(b), func(piece string, verbatim bool) {
		if simplified && !verbatim {
			piece = script.Default().Convert(piece, taizhang.Simplified)
		}
		out.WriteString(piece)
	})
	return out.Bytes()
}

// wantsJSON reports whether the client asked for JSON.
func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

// problem answers with a status and a message: a Chinese page, or JSON for a JSON client.
func (s *Server) problem(w http.ResponseWriter, r *http.Request, status int, title, msg string) {
	if wantsJSON(r) {
		s.writeJSON(w, status, map[string]string{"error": title, "message": msg})
		return
	}
	s.render(w, r, status, "error", page{Title: title, Data: msg})
}

// fail logs what went wrong for the operator and tells the client only that something did:
// no stack trace, no path, no SQL ever reaches a browser.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	s.opts.Logf("%s %s: %v", r.Method, r.URL.Path, err)
	if wantsJSON(r) {
		s.writeJSON(w, http.StatusInternalServerError, map[string]string{"error": msgErrorTitle, "message": msgError})
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	var buf bytes.Buffer
	if t := s.pages["error"]; t != nil && t.Execute(&buf, page{Title: msgErrorTitle, Plan: s.plan, Data: msgError}) == nil {
		w.Write(s.localize(buf.Bytes()))
	}
}
