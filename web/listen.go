package web

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	taizhang "taizhang"
)

// CheckExposure refuses to serve plain HTTP to other machines: passwords and agencies' links
// would cross the network in clear. addr may be another machine's to reach only when the server
// speaks HTTPS itself (tls), or when a reverse proxy in front does, which an https baseURL says.
func CheckExposure(addr, baseURL string, tls bool) error {
	if baseURL != "" {
		u, err := url.Parse(baseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf(msgServeBadBase, baseURL)
		}
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf(msgServeBadAddr, addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf(msgServeBadPort, port, addr)
	}
	if Loopback(host) || tls || strings.HasPrefix(baseURL, "https://") {
		return nil
	}
	return fmt.Errorf(msgServeExposed, addr)
}

// Loopback reports whether host names this machine only.
func Loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Open starts the server: it loads the certificate (Options.TLSCert, TLSKey), listens on
// Options.Addr and returns once the server answers its own health check through that listener.
// Only then is the address agencies reach it at (URL) kept for the links made later, unless it
// is only a guess. A client gets 10 s for its headers and 15 minutes for a whole request (a 20 MB
// upload on a slow county line), so that idle or trickling connections do not pile up.
func (s *Server) Open(ctx context.Context) error {
	var certs []tls.Certificate
	if s.opts.TLSCert != "" { // before anything is listened on or saved
		pair, err := loadTLS(s.opts.TLSCert, s.opts.TLSKey)
		if err != nil {
			return err
		}
		certs = []tls.Certificate{pair}
	}
	ln, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		return listenError(s.opts.Addr, err)
	}
	s.ln = ln
	s.hs = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 15 * time.Minute, IdleTimeout: 2 * time.Minute,
		MaxHeaderBytes: 64 << 10}
	s.hs.RegisterOnShutdown(s.endStreams)
	s.failed = make(chan error, 1)
	go func() {
		if certs != nil {
			s.hs.TLSConfig = &tls.Config{Certificates: certs, MinVersion: tls.VersionTLS12}
			s.failed <- s.hs.ServeTLS(ln, "", "")
		} else {
			s.failed <- s.hs.Serve(ln)
		}
	}()
	if err := probe(ctx, s.Addr(), certs != nil, s.failed); err != nil {
		s.hs.Close()
		return err
	}
	if base, guessed := s.URL(); !guessed {
		if err := s.acc.SetBaseURL(ctx, base); err != nil {
			s.hs.Close()
			return err
		}
	}
	return nil
}

// Addr is the address the server listens on, once open.
func (s *Server) Addr() *net.TCPAddr { return s.ln.Addr().(*net.TCPAddr) }

// URL is where agencies reach the server: Options.BaseURL, else the address listened on. An
// address that listens everywhere (0.0.0.0, ::) names no machine: guessed is then true, and the
// address is not kept for links.
func (s *Server) URL() (base string, guessed bool) {
	if s.opts.BaseURL != "" {
		return s.opts.BaseURL, false
	}
	scheme := "http"
	if s.opts.TLSCert != "" {
		scheme = "https"
	}
	return scheme + "://" + s.Addr().String(), s.Addr().IP.IsUnspecified()
}

// Wait blocks until ctx ends (nil) or the server stops serving on its own (the reason).
func (s *Server) Wait(ctx context.Context) error {
	select {
	case err := <-s.failed:
		return fmt.Errorf(msgServeFailed, err)
	case <-ctx.Done():
		return nil
	}
}

// Close stops taking requests and lets those in flight finish (an upload's ingest runs to the
// end whatever happens to its request), for at most two minutes; the board's live streams end at
// once.
func (s *Server) Close() error {
	if s.hs == nil {
		s.endStreams()
		return nil
	}
	stop, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := s.hs.Shutdown(stop); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf(msgServeFailed, err)
	}
	return nil
}

// loadTLS reads the certificate and its key, saying in Chinese which file is wrong and how.
func loadTLS(certFile, keyFile string) (tls.Certificate, error) {
	for _, f := range []string{certFile, keyFile} {
		if _, err := os.Stat(f); err != nil {
			why := msgTLSUnreadable
			if errors.Is(err, fs.ErrNotExist) {
				why = msgTLSMissing
			} else if errors.Is(err, fs.ErrPermission) {
				why = msgTLSPermission
			}
			return tls.Certificate{}, fmt.Errorf(why, taizhang.Verbatim(f))
		}
	}
	pair, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf(msgTLSBad, taizhang.Verbatim(certFile), taizhang.Verbatim(keyFile))
	}
	return pair, nil
}

// listenError says why the address cannot be listened on.
func listenError(addr string, err error) error {
	var dns *net.DNSError
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return fmt.Errorf(msgServeInUse, addr)
	case errors.Is(err, syscall.EACCES):
		return fmt.Errorf(msgServePrivileged, addr)
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return fmt.Errorf(msgServeNoSuchAddr, addr)
	case errors.As(err, &dns):
		return fmt.Errorf(msgServeUnknownHost, addr)
	}
	return fmt.Errorf(msgServeListen, addr, err)
}

// probe asks the server's health check through its own listener until it answers: only then is
// it serving (a certificate the TLS stack refuses would fail here).
func probe(ctx context.Context, addr *net.TCPAddr, secure bool, failed <-chan error) error {
	host := addr.IP
	if host.IsUnspecified() {
		host = net.IPv4(127, 0, 0, 1)
		if addr.IP.To4() == nil && !addr.IP.Equal(net.IPv6unspecified) {
			host = net.IPv6loopback
		}
	}
	scheme := "http"
	if secure {
		scheme = "https"
	}
	client := &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, // only asks whether it answers; no secret crosses
	}}
	defer client.CloseIdleConnections()
	url := scheme + "://" + net.JoinHostPort(host.String(), strconv.Itoa(addr.Port)) + "/healthz"
	var last error
	for range 50 {
		select {
		case err := <-failed:
			return fmt.Errorf(msgServeFailed, err)
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		res, err := client.Get(url)
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("%s", res.Status)
		}
		last = err
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf(msgServeNoAnswer, last)
}
