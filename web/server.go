// Package web is taizhang serve: each agency's private page, where it downloads its ledger and
// uploads its return and is told at once what is wrong, and the coordinator's pages behind a
// login. Handlers ask the service layer (package access: who is asking; package cycle: what to
// show and do) and render; they decide nothing of their own about returns, states or findings.
// The server owns its lifecycle as well (Open, Close): listening, TLS, timeouts, graceful
// shutdown, and the rule that plain HTTP is never served to other machines (CheckExposure).
package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	taizhang "taizhang"
	"taizhang/access"
	"taizhang/cycle"
)

// DefaultMaxUpload is the largest upload taken (a ledger is well under 1 MB).
const DefaultMaxUpload = 20 << 20

// Options configure a server.
type Options struct {
	// Addr is where Open listens ("127.0.0.1:8080"); BaseURL, where agencies reach the server
	// ("": the address listened on); TLSCert and TLSKey, PEM files when the server speaks HTTPS
	// itself. CheckExposure says whether they may be served together.
	Addr, BaseURL, TLSCert, TLSKey string

	MaxUpload int64 // bytes; 0: DefaultMaxUpload
	// LoginsPerMinute is how many login attempts one address may make a minute; 0: 10.
	LoginsPerMinute int
	// TLS says the server itself speaks HTTPS (then it sends Strict-Transport-Security); set
	// when TLSCert is.
	TLS bool
	// Logf receives what went wrong, for the operator (never shown to a client).
	Logf func(format string, args ...any)
	// Poll is how often live pages look for changes made by other processes; 0: 2 s.
	Poll time.Duration
}

// Server is taizhang serve: the handler of every page (ServeHTTP) and, once open, the listener.
type Server struct {
	svc     *cycle.Service
	acc     *access.Service
	inbox   *cycle.Inbox
	opts    Options
	plan    *taizhang.Plan
	pages   map[string]*template.Template
	handler http.Handler
	changes hub
	logins  limiter
	closing chan struct{}
	once    sync.Once

	ln     net.Listener
	hs     *http.Server
	failed chan error // what ended serving, when it ended on its own
}

// New builds the server over open services. The plan is loaded once: the server serves the plan
// that was in the database when it started.
func New(ctx context.Context, svc *cycle.Service, acc *access.Service, opts Options) (*Server, error) {
	if opts.MaxUpload <= 0 {
		opts.MaxUpload = DefaultMaxUpload
	}
	if opts.LoginsPerMinute <= 0 {
		opts.LoginsPerMinute = 10
	}
	if opts.Logf == nil {
		opts.Logf = func(string, ...any) {}
	}
	if opts.Poll <= 0 {
		opts.Poll = 2 * time.Second
	}
	opts.TLS = opts.TLS || opts.TLSCert != ""
	plan, _, err := svc.Plan(ctx)
	if err != nil {
		return nil, err
	}
	s := &Server{svc: svc, acc: acc, inbox: svc.NewInbox(), opts: opts, plan: plan, closing: make(chan struct{}),
		changes: hub{ch: make(chan struct{})}, logins: limiter{perMinute: opts.LoginsPerMinute, seen: map[string][]time.Time{}}}
	if s.pages, err = s.parsePages(); err != nil {
		return nil, err
	}
	s.handler = s.routes()
	return s, nil
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// endStreams ends the live connections (the board's event streams), so that a graceful shutdown
// does not wait for them; uploads in flight are left to finish.
func (s *Server) endStreams() { s.once.Do(func() { close(s.closing) }) }

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.Handle("GET /assets/", http.StripPrefix("/assets/", cacheAssets(gzipped(assets(), http.FileServerFS(assets())))))
	mux.HandleFunc("GET /a/{token}", s.agencyPage)
	mux.HandleFunc("GET /a/{token}/ledger.xlsx", s.agencyLedger)
	mux.HandleFunc("GET /a/{token}/feedback.xlsx", s.agencyFeedback)
	mux.HandleFunc("POST /a/{token}/returns", s.agencyUpload)
	mux.HandleFunc("GET /login", s.loginPage)
	mux.HandleFunc("POST /login", s.login)
	mux.HandleFunc("POST /logout", s.coordinator(s.logout))
	mux.HandleFunc("GET /{$}", s.coordinator(s.home))
	mux.HandleFunc("GET /periods/{period}", s.coordinator(s.period(s.board)))
	mux.HandleFunc("GET /periods/{period}/findings", s.coordinator(s.period(s.findings)))
	mux.HandleFunc("GET /periods/{period}/chase", s.coordinator(s.period(s.chase)))
	mux.HandleFunc("GET /periods/{period}/chart.json", s.coordinator(s.period(s.chart)))
	mux.HandleFunc("GET /periods/{period}/events", s.coordinator(s.period(s.events)))
	mux.HandleFunc("GET /periods/{period}/report.xlsx", s.coordinator(s.period(s.report)))
	mux.HandleFunc("GET /periods/{period}/remind.xlsx", s.coordinator(s.period(s.remind)))
	mux.HandleFunc("GET /periods/{period}/feedback.zip", s.coordinator(s.period(s.feedbackZip)))
	mux.HandleFunc("GET /audit", s.coordinator(s.auditPage))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.problem(w, r, http.StatusNotFound, msgNotFoundTitle, msgNotFound)
	})
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.problem(w, r, http.StatusForbidden, msgForbiddenTitle, msgForbidden)
	}))
	return s.recover(s.headers(cop.Handler(mux)))
}

// headers sets the security headers every answer carries. Pages load scripts only from /assets/
// (no inline script anywhere); ECharts sets inline styles on what it draws, hence 'unsafe-inline'
// for styles alone. Referrer-Policy keeps an agency's link out of any Referer header.
func (s *Server) headers(next http.Handler) http.Handler {
	csp := strings.Join([]string{"default-src 'none'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
		"connect-src 'self'", "font-src 'self'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'"}, "; ")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if !strings.HasPrefix(r.URL.Path, "/assets/") {
			h.Set("Cache-Control", "no-store")
		}
		if s.opts.TLS {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

func cacheAssets(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		next.ServeHTTP(w, r)
	})
}

// recover turns a panic into the plain error page; the operator's log gets the value.
func (s *Server) recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.fail(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if err := s.svc.Healthy(r.Context()); err != nil {
		s.opts.Logf("healthz: %v", err)
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, "ok")
}

// remote is who the audit trail says a request came from: the peer's address, and the address a
// reverse proxy on this machine says it forwarded for.
func remote(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		if fwd := strings.TrimSpace(strings.Split(r.Header.Get("X-Forwarded-For"), ",")[0]); fwd != "" && net.ParseIP(fwd) != nil {
			return fwd + " (via " + host + ")"
		}
	}
	return host
}

// hub tells live pages that something changed in this process (other processes are noticed by
// polling the database).
type hub struct {
	mu sync.Mutex
	ch chan struct{}
}

func (h *hub) wait() <-chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.ch
}

func (h *hub) notify() {
	h.mu.Lock()
	defer h.mu.Unlock()
	close(h.ch)
	h.ch = make(chan struct{})
}

// limiter allows each address perMinute login attempts in any minute.
type limiter struct {
	mu        sync.Mutex
	perMinute int
	seen      map[string][]time.Time
}

func (l *limiter) allow(addr string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	recent := l.seen[addr][:0]
	for _, t := range l.seen[addr] {
		if now.Sub(t) < time.Minute {
			recent = append(recent, t)
		}
	}
	if len(l.seen) > 10000 { // forget idle addresses rather than grow without end
		for a, ts := range l.seen {
			if len(ts) == 0 || now.Sub(ts[len(ts)-1]) >= time.Minute {
				delete(l.seen, a)
			}
		}
	}
	if len(recent) >= l.perMinute {
		l.seen[addr] = recent
		return false
	}
	l.seen[addr] = append(recent, now)
	return true
}

// isClientGone reports whether a write failed because the client went away.
func isClientGone(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, net.ErrClosed)
}
