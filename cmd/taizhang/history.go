package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	taizhang "taizhang"
	"taizhang/cycle"

	"github.com/spf13/cobra"
)

type historyOptions struct {
	Period taizhang.Period
	Agency string
	JSON   bool
}

func newHistoryCmd(app *App, run func(context.Context, *App, historyOptions) error) *cobra.Command {
	var opts historyOptions
	cmd := periodCommand(&cobra.Command{
		Use:   "history --period 報告期 [--agency 單位] [--json]",
		Short: "本期的記錄,按時間順序:下發臺賬、截止日期調整、收到和拒收的文件、撤回和恢復、鏈接,誰做的、為什麼",
	}, &opts.Period, func(ctx context.Context) error { return run(ctx, app, opts) })
	f := cmd.Flags()
	f.StringVar(&opts.Agency, "agency", "", "只看這個`單位`(別名、繁簡體均可),並列出它的各個版本")
	f.BoolVar(&opts.JSON, "json", false, "以JSON格式輸出,供程序讀取")
	return cmd
}

// eventJSON is one line of history --json.
type eventJSON struct {
	At               time.Time  `json:"at"`
	Agency           string     `json:"agency"`
	Event            string     `json:"event"` // issued, deadline, received, stale, refused, withdrawn, restored, link_created, link_revoked
	Version          int        `json:"version,omitempty"`
	File             string     `json:"file,omitempty"`
	Deadline         string     `json:"deadline,omitempty"`
	PreviousDeadline string     `json:"previous_deadline,omitempty"`
	ReceivedAt       *time.Time `json:"received_at,omitempty"`
	By               string     `json:"by,omitempty"`
	Reason           string     `json:"reason,omitempty"`
}

// versionJSON is one version of an agency's return in history --json --agency: as status --json
// shows it, with who took it in and how many rows were filled.
type versionJSON struct {
	cycle.VersionJSON
	By     string `json:"by,omitempty"`
	Filled int    `json:"filled"`
}

type historyJSON struct {
	Period   string        `json:"period"`
	Agency   string        `json:"agency,omitempty"`
	Events   []eventJSON   `json:"events"`
	Versions []versionJSON `json:"versions,omitempty"`
}

func runHistory(ctx context.Context, app *App, opts historyOptions) error {
	s, err := app.open(ctx, false)
	if err != nil {
		return err
	}
	defer s.Close()
	tl, err := s.Timeline(ctx, cycle.TimelineRequest{Period: opts.Period, Agency: opts.Agency})
	if err != nil {
		return err
	}
	loc := tl.Now.Location()
	if opts.JSON {
		out := historyJSON{Period: tl.Period.String(), Agency: tl.Agency, Events: []eventJSON{}}
		for _, e := range tl.Events {
			j := eventJSON{At: e.At.In(loc), Agency: e.Agency, Event: e.Kind, Version: e.Version, By: by(e.By, e.Channel), Reason: reason(e)}
			if e.File != "" {
				j.File = taizhang.Verbatim(e.File)
			}
			if !e.Deadline.IsZero() {
				j.Deadline = e.Deadline.String()
			}
			if !e.From.IsZero() {
				j.PreviousDeadline = e.From.String()
			}
			if !e.Received.IsZero() {
				r := e.Received.In(loc)
				j.ReceivedAt = &r
			}
			out.Events = append(out.Events, j)
		}
		for _, v := range tl.Versions {
			j := versionJSON{VersionJSON: cycle.NewVersionJSON(&v.Return, loc), By: by(v.By, v.Channel), Filled: v.Filled}
			j.File = taizhang.Verbatim(j.File)
			out.Versions = append(out.Versions, j)
		}
		return writeJSON(app.Out, out)
	}
	printTimeline(app.Out, tl)
	if tl.State != nil {
		fmt.Fprintln(app.Out)
		printVersions(app.Out, tl)
	}
	return nil
}

// by names who did something: a coordinator or the command line's user, or the agency's link.
func by(who string, c taizhang.Channel) string {
	if c == taizhang.ChannelLink {
		return historyUpload
	}
	return who
}

// reason is a reason as it is shown: the program's own words in the reader's script, a person's
// exactly as typed.
func reason(e cycle.Event) string {
	if e.Reason == "" || e.OurWords {
		return e.Reason
	}
	return taizhang.Verbatim(e.Reason)
}

// printTimeline lists the events, one a line.
func printTimeline(w io.Writer, tl *cycle.Timeline) {
	loc := tl.Now.Location()
	who := ""
	if tl.Agency != "" {
		who = " " + tl.Agency
	}
	fmt.Fprintf(w, msgHistoryTitle, tl.Period.Label(), who, tl.Now.Format(taizhang.TimeLayout))
	agencyCol := 0
	if tl.Agency == "" {
		agencyCol = 30
	}
	line := func(at, agency, what, who, detail string) {
		s := pad(at, 18)
		if agencyCol > 0 {
			s += pad(agency, agencyCol)
		}
		fmt.Fprintln(w, strings.TrimRight(s+pad(what, 22)+pad(who, 14)+detail, " "))
	}
	line("時間", "單位", "事項", "操作人", "內容")
	for _, e := range tl.Events {
		what, detail := describe(e, loc)
		if e.Reason != "" {
			detail += fmt.Sprintf(msgHistoryReason, reason(e))
		}
		line(e.At.In(loc).Format(taizhang.TimeLayout), e.Agency, what, by(e.By, e.Channel), detail)
	}
	fmt.Fprintf(w, msgHistoryTotal, len(tl.Events))
}

// describe says what an event was and its particulars.
func describe(e cycle.Event, loc *time.Location) (what, detail string) {
	file := taizhang.Quote(e.File)
	switch e.Kind {
	case cycle.EventIssued:
		return historyIssued, fmt.Sprintf(msgHistoryIssued, file, e.Deadline)
	case cycle.EventDeadline:
		if e.Deadline.Before(e.From) {
			return historyShortened, fmt.Sprintf(msgHistoryDeadline, e.From, e.Deadline, fmt.Sprintf(msgHistoryEarlier, e.From.DaysSince(e.Deadline)))
		}
		return historyExtended, fmt.Sprintf(msgHistoryDeadline, e.From, e.Deadline, fmt.Sprintf(msgHistoryLater, e.Deadline.DaysSince(e.From)))
	case cycle.EventReceived:
		return fmt.Sprintf(historyReceived, e.Version), fmt.Sprintf(msgHistoryReceived, file, e.Received.In(loc).Format(taizhang.TimeLayout))
	case cycle.EventStale:
		return fmt.Sprintf(historyStale, e.Version), fmt.Sprintf(msgHistoryReceived, file, e.Received.In(loc).Format(taizhang.TimeLayout))
	case cycle.EventRefused:
		return historyRefused, file
	case cycle.EventWithdrawn:
		return fmt.Sprintf(historyWithdrawn, e.Version), file
	case cycle.EventRestored:
		return fmt.Sprintf(historyRestored, e.Version), file
	case cycle.EventLinkCreated:
		return historyLinkCreated, ""
	case cycle.EventLinkRevoked:
		return historyLinkRevoked, ""
	}
	return e.Kind, ""
}

// printVersions lists an agency's versions, newest first, and how to withdraw or restore one.
func printVersions(w io.Writer, tl *cycle.Timeline) {
	loc := tl.Now.Location()
	st := tl.State
	parts := []string{st.State.Label(taizhang.Traditional)}
	if !st.Deadline.IsZero() {
		deadline := st.Deadline.String()
		if st.Extended || st.Shortened {
			deadline += msgVersionsChanged
		}
		parts = append(parts, fmt.Sprintf(msgVersionsDeadline, deadline))
	}
	if term := cycle.DeadlineNote(st.State, st.DaysLate, st.DaysLeft); term != "" {
		parts = append(parts, term)
	}
	fmt.Fprintf(w, msgVersionsTitle, tl.Agency, tl.Period.Label(), strings.Join(parts, ","))
	if len(tl.Versions) == 0 {
		fmt.Fprintln(w, msgVersionsNone)
		return
	}
	fmt.Fprintln(w, pad("版本", 8)+pad("狀態", 10)+pad("已填行", 8)+pad("報回時間", 18)+pad("導入時間", 18)+pad("導入人", 14)+"文件")
	for _, v := range tl.Versions {
		standing := versionNotUsed
		switch {
		case v.Current:
			standing = versionCurrent
		case v.Withdrawn:
			standing = versionWithdrawn
		}
		fmt.Fprintln(w, pad(fmt.Sprintf(msgStatusVersion, v.Version), 8)+pad(standing, 10)+pad(fmt.Sprint(v.Filled), 8)+
			pad(v.ReceivedAt.In(loc).Format(taizhang.TimeLayout), 18)+pad(v.IngestedAt.In(loc).Format(taizhang.TimeLayout), 18)+pad(by(v.By, v.Channel), 14)+
			taizhang.Quote(v.File))
	}
	fmt.Fprintf(w, msgVersionsHowTo, tl.Period, tl.Agency, tl.Period, tl.Agency)
}
