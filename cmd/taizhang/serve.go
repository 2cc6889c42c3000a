package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"taizhang/web"
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
	host, _, err := net.SplitHostPort(opts.Addr)
	if err != nil {
		return usagef(msgServeBadAddr, opts.Addr)
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
	srv, err := web.New(ctx, s, web.Options{MaxUpload: opts.MaxUpload << 20, TLS: opts.TLSCert != "", Logf: logf})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return fmt.Errorf(msgServeListen, opts.Addr, err)
	}
	base := opts.BaseURL
	if base == "" {
		scheme := "http"
		if opts.TLSCert != "" {
			scheme = "https"
		}
		base = scheme + "://" + ln.Addr().String()
	}
	if err := s.SetBaseURL(ctx, base); err != nil {
		ln.Close()
		return err
	}
	// A client gets 10 s for its headers and 15 minutes for a whole request (a 20 MB upload on a
	// slow county line), so that idle or trickling connections do not pile up.
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 15 * time.Minute, IdleTimeout: 2 * time.Minute,
		MaxHeaderBytes: 64 << 10}
	hs.RegisterOnShutdown(srv.Close)
	fmt.Fprintf(app.Out, msgServeStarted, base, ln.Addr())
	if f, ok := app.Out.(interface{ Flush() error }); ok {
		f.Flush()
	}
	if opts.Ready != nil {
		opts.Ready(ln.Addr().String())
	}
	done := make(chan error, 1)
	go func() {
		if opts.TLSCert != "" {
			done <- hs.ServeTLS(ln, opts.TLSCert, opts.TLSKey)
		} else {
			done <- hs.Serve(ln)
		}
	}()
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
