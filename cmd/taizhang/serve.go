package main

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
	"taizhang/cycle"
	"taizhang/web"

	"github.com/spf13/cobra"
)

type serveOptions struct {
	Addr      string
	BaseURL   string
	TLSCert   string
	TLSKey    string
	MaxUpload int64 // MB
	// Ready, when set, is told the address the server listens on (tests listen on port 0).
	Ready func(addr string)
}

func newServeCmd(app *App, run func(context.Context, *App, serveOptions) error) *cobra.Command {
	opts := serveOptions{Addr: "127.0.0.1:8080", MaxUpload: web.DefaultMaxUpload >> 20}
	cmd := &cobra.Command{
		Use:   "serve [--addr 地址:端口] [--base-url 網址] [--tls-cert 文件 --tls-key 文件]",
		Short: "網上報送:各單位用專用鏈接下載臺賬、上傳並當場看到結果;協調辦登錄後實時查看報送情況",
		Long: `網上報送服務。各單位打開 taizhang links 生成的專用鏈接,下載本單位臺賬,填好後上傳,
幾秒內就能看到是否接收、有哪些問題;協調辦用 taizhang user add 添加的賬戶登錄,查看報送情況、
問題清單、催報清單和圖表,下載匯總報告、退回意見和催報清單。

默認只在本機(127.0.0.1)監聽。要讓其他電腦訪問,請用 --tls-cert/--tls-key 直接提供 HTTPS,
或在前面放一個提供 HTTPS 的反向代理(如 nginx),並用 --base-url 給出對外的網址(見 README)。
收到 SIGTERM 或 Ctrl-C 時,先處理完正在上傳的文件再退出。`,
		Args: exactArgs(0, "不帶參數"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if (opts.TLSCert == "") != (opts.TLSKey == "") {
				return usagef(msgServeTLSPair)
			}
			if opts.MaxUpload <= 0 {
				return usagef(msgServeMaxUpload)
			}
			if err := checkExposure(opts); err != nil {
				return err
			}
			return run(cmd.Context(), app, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Addr, "addr", opts.Addr, "監聽的`地址:端口`;默認只允許本機訪問")
	f.StringVar(&opts.BaseURL, "base-url", "", "各單位訪問本服務的`網址`(如 https://taizhang.example.gov.cn),寫入 links 生成的鏈接")
	f.StringVar(&opts.TLSCert, "tls-cert", "", "HTTPS 證書`文件`(PEM)")
	f.StringVar(&opts.TLSKey, "tls-key", "", "HTTPS 私鑰`文件`(PEM)")
	f.Int64Var(&opts.MaxUpload, "max-upload", opts.MaxUpload, "上傳文件的大小上限(`MB`)")
	return cmd
}

// checkExposure refuses to serve plain HTTP to other machines: passwords and agencies' links
// would cross the network in clear. A reverse proxy that speaks HTTPS says so with an https
// --base-url.
func checkExposure(opts serveOptions) error {
	if opts.BaseURL != "" {
		u, err := url.Parse(opts.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usagef(msgServeBadBase, opts.BaseURL)
		}
	}
	host, port, err := net.SplitHostPort(opts.Addr)
	if err != nil {
		return usagef(msgServeBadAddr, opts.Addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return usagef(msgServeBadPort, port, opts.Addr)
	}
	if loopback(host) || opts.TLSCert != "" || strings.HasPrefix(opts.BaseURL, "https://") {
		return nil
	}
	return usagef(msgServeExposed, opts.Addr)
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func runServe(ctx context.Context, app *App, opts serveOptions) error {
	var certs []tls.Certificate
	if opts.TLSCert != "" { // before anything is said or saved: a missing key must not leave a started server's address behind
		pair, err := loadTLS(opts.TLSCert, opts.TLSKey)
		if err != nil {
			return err
		}
		certs = []tls.Certificate{pair}
	}
	s, err := app.open(ctx, false)
	if err != nil {
		return err
	}
	defer s.Close()
	if _, _, err := s.Plan(ctx); err != nil {
		return err
	}
	logf := func(format string, args ...any) {
		fmt.Fprintf(app.Err, "%s "+format+"\n", append([]any{time.Now().In(s.Location()).Format(time.DateTime)}, args...)...)
	}
	srv, err := web.New(ctx, s, web.Options{MaxUpload: opts.MaxUpload << 20, TLS: certs != nil, Logf: logf})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return listenError(opts.Addr, err)
	}
	// A client gets 10 s for its headers and 15 minutes for a whole request (a 20 MB upload on a
	// slow county line), so that idle or trickling connections do not pile up.
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 15 * time.Minute, IdleTimeout: 2 * time.Minute,
		MaxHeaderBytes: 64 << 10}
	hs.RegisterOnShutdown(srv.Close)
	done := make(chan error, 1)
	go func() {
		if certs != nil {
			hs.TLSConfig = &tls.Config{Certificates: certs, MinVersion: tls.VersionTLS12}
			done <- hs.ServeTLS(ln, "", "")
		} else {
			done <- hs.Serve(ln)
		}
	}()
	// Only a server that answers is announced, and only then is its address kept for links.
	if err := probe(ctx, ln.Addr().(*net.TCPAddr), certs != nil, done); err != nil {
		hs.Close()
		return err
	}
	if err := announce(ctx, app, s, opts, ln.Addr().(*net.TCPAddr)); err != nil {
		hs.Close()
		return err
	}
	if opts.Ready != nil {
		opts.Ready(ln.Addr().String())
	}
	select {
	case err := <-done:
		return fmt.Errorf(msgServeFailed, err)
	case <-ctx.Done():
	}
	// Stop taking requests, let uploads in flight finish (their ingest runs to the end whatever
	// happens to the request), then close the database.
	fmt.Fprintln(app.Out, msgServeStopping)
	stop, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := hs.Shutdown(stop); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf(msgServeFailed, err)
	}
	fmt.Fprintln(app.Out, msgServeStopped)
	return nil
}

// announce says where the server answers and keeps its address for the links, unless the address
// is only a guess (a wildcard listen without --base-url), which is said instead.
func announce(ctx context.Context, app *App, s *cycle.Service, opts serveOptions, addr *net.TCPAddr) error {
	base, guessed := baseURL(opts, addr)
	if guessed {
		fmt.Fprintf(app.Out, msgServeStartedNoURL, taizhang.Verbatim(addr.String()))
		fmt.Fprintf(app.Err, msgServeNoBaseURL, taizhang.Verbatim(opts.Addr))
	} else {
		if err := s.SetBaseURL(ctx, base); err != nil {
			return err
		}
		fmt.Fprintf(app.Out, msgServeStarted, taizhang.Verbatim(base), taizhang.Verbatim(addr.String()))
	}
	flush(app.Out)
	flush(app.Err)
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
func probe(ctx context.Context, addr *net.TCPAddr, secure bool, done <-chan error) error {
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
		case err := <-done:
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

// baseURL is where agencies reach the server: --base-url, else the address listened on. An
// address that listens everywhere (0.0.0.0, ::) names no machine: guessed is then true, and the
// address is not kept for links.
func baseURL(opts serveOptions, addr *net.TCPAddr) (base string, guessed bool) {
	if opts.BaseURL != "" {
		return opts.BaseURL, false
	}
	scheme := "http"
	if opts.TLSCert != "" {
		scheme = "https"
	}
	return scheme + "://" + addr.String(), addr.IP.IsUnspecified()
}
