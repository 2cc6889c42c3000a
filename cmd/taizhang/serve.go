package main

import (
	"context"
	"fmt"
	"time"

	taizhang "taizhang"
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
或在前面放一個提供 HTTPS 的反向代理(如 nginx),並用 --base-url 給出對外的網址(見 docs/serve.md)。
收到 SIGTERM 或 Ctrl-C 時,先處理完正在上傳的文件再退出。`,
		Args: exactArgs(0, "不帶參數"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if (opts.TLSCert == "") != (opts.TLSKey == "") {
				return usagef(msgServeTLSPair)
			}
			if opts.MaxUpload <= 0 {
				return usagef(msgServeMaxUpload)
			}
			if err := web.CheckExposure(opts.Addr, opts.BaseURL, opts.TLSCert != ""); err != nil {
				return usageError{err}
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

func runServe(ctx context.Context, app *App, opts serveOptions) error {
	s, acc, err := app.openAccess(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	defer acc.Close()
	if _, _, err := s.Plan(ctx); err != nil {
		return err
	}
	logf := func(format string, args ...any) {
		fmt.Fprintf(app.Err, "%s "+format+"\n", append([]any{time.Now().In(s.Location()).Format(time.DateTime)}, args...)...)
	}
	srv, err := web.New(ctx, s, acc, web.Options{Addr: opts.Addr, BaseURL: opts.BaseURL, TLSCert: opts.TLSCert, TLSKey: opts.TLSKey,
		MaxUpload: opts.MaxUpload << 20, Logf: logf})
	if err != nil {
		return err
	}
	if err := srv.Open(ctx); err != nil {
		return err
	}
	announce(app, srv, opts)
	if opts.Ready != nil {
		opts.Ready(srv.Addr().String())
	}
	if err := srv.Wait(ctx); err != nil {
		return err
	}
	fmt.Fprintln(app.Out, msgServeStopping)
	if err := srv.Close(); err != nil {
		return err
	}
	fmt.Fprintln(app.Out, msgServeStopped)
	return nil
}

// announce says where the server answers, or, when the address is only a guess (a wildcard
// listen without --base-url), that it kept none for the links.
func announce(app *App, srv *web.Server, opts serveOptions) {
	base, guessed := srv.URL()
	if guessed {
		fmt.Fprintf(app.Out, msgServeStartedNoURL, taizhang.Verbatim(srv.Addr().String()))
		fmt.Fprintf(app.Err, msgServeNoBaseURL, taizhang.Verbatim(opts.Addr))
	} else {
		fmt.Fprintf(app.Out, msgServeStarted, taizhang.Verbatim(base), taizhang.Verbatim(srv.Addr().String()))
	}
	flush(app.Out)
	flush(app.Err)
}
