package main

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	taizhang "taizhang"
	"taizhang/access"
	"taizhang/web"

	"github.com/spf13/cobra"
)

type linksOptions struct {
	Period   taizhang.Period
	Agencies []string
	JSON     bool
	Revoke   bool
	BaseURL  string
}

func newLinksCmd(app *App, run func(context.Context, *App, linksOptions) error) *cobra.Command {
	var opts linksOptions
	cmd := periodCommand(&cobra.Command{
		Use:   "links --period 報告期 [--agency 單位]... [--json] [--revoke]",
		Short: "各單位網上報送的專用鏈接:沒有鏈接的單位生成一個(只顯示這一次);--revoke 作廢",
		Long: `為每個單位生成本期網上報送的專用鏈接(隨機生成,數據庫只保存其摘要),通過郵件或內部通知發給各單位。
鏈接只能打開該單位本期的頁面。已有鏈接的單位不會重新生成,鏈接也無法再次顯示;
鏈接丟失或外洩時,用 --revoke 作廢,再運行一次本命令生成新的鏈接。`,
	}, &opts.Period, func(ctx context.Context) error { return run(ctx, app, opts) })
	f := cmd.Flags()
	f.StringArrayVar(&opts.Agencies, "agency", nil, "只處理這些`單位`(可重複)")
	f.BoolVar(&opts.JSON, "json", false, "以JSON格式輸出,供程序讀取")
	f.BoolVar(&opts.Revoke, "revoke", false, "作廢這些單位的鏈接")
	f.StringVar(&opts.BaseURL, "base-url", "", "鏈接開頭的`網址`;默認為 serve 最近一次使用的網址")
	return cmd
}

// linkJSON is one line of links --json (Contract 5), with when the link was made and whether it
// is new (only a new link's url can be shown).
type linkJSON struct {
	Agency    string    `json:"agency"`
	Period    string    `json:"period"`
	URL       string    `json:"url"`
	CreatedAt time.Time `json:"created_at"`
	New       bool      `json:"new"`
	Revoked   bool      `json:"revoked,omitempty"`
}

func runLinks(ctx context.Context, app *App, opts linksOptions) error {
	s, acc, err := app.openAccess(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	defer acc.Close()
	links, err := acc.Links(ctx, access.LinksRequest{Period: opts.Period, Agencies: opts.Agencies, BaseURL: opts.BaseURL, Revoke: opts.Revoke})
	if err != nil {
		return err
	}
	if opts.JSON {
		out := make([]linkJSON, 0, len(links))
		for _, l := range links {
			out = append(out, linkJSON{Agency: l.Agency, Period: l.Period.String(), URL: l.URL, CreatedAt: l.CreatedAt.In(s.Location()), New: l.New, Revoked: opts.Revoke})
		}
		return writeJSON(app.Out, out)
	}
	fresh, old := 0, 0
	for _, l := range links {
		switch {
		case opts.Revoke:
			fmt.Fprintf(app.Out, msgLinkRevoked, pad(l.Agency, 32), l.CreatedAt.In(s.Location()).Format(taizhang.TimeLayout))
		case l.New:
			fresh++
			fmt.Fprintf(app.Out, "%s%s\n", pad(l.Agency, 32), taizhang.Verbatim(l.URL))
		default:
			old++
			fmt.Fprintf(app.Out, msgLinkExists, pad(l.Agency, 32), l.CreatedAt.In(s.Location()).Format(taizhang.TimeLayout))
		}
	}
	switch {
	case opts.Revoke:
		fmt.Fprintf(app.Out, msgLinksRevoked, opts.Period.Label(), len(links), opts.Period)
	default:
		var notes []string
		if fresh > 0 {
			notes = append(notes, msgLinksShownOnce)
		}
		if old > 0 {
			notes = append(notes, msgLinksNotShownAgain)
		}
		fmt.Fprintf(app.Out, msgLinksMade, opts.Period.Label(), fresh, old)
		if len(notes) > 0 {
			fmt.Fprint(app.Out, strings.Join(notes, ";")+"。")
		}
		fmt.Fprintln(app.Out)
	}
	warnLoopback(app, links, opts.Period)
	return nil
}

// warnLoopback warns when new links point at this machine only (no serve --base-url recorded and
// none given): other agencies' computers cannot open them.
func warnLoopback(app *App, links []access.Link, period taizhang.Period) {
	for _, l := range links {
		if !l.New {
			continue
		}
		u, err := url.Parse(l.URL)
		if err == nil && web.Loopback(u.Hostname()) {
			fmt.Fprintf(app.Err, msgLinksLoopback, taizhang.Verbatim(u.Scheme+"://"+u.Host), period)
		}
		return
	}
}
