package web

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	taizhang "taizhang"
	"taizhang/cycle"
	"taizhang/excel"
	"taizhang/internal/ledgertest"
	"taizhang/internal/testenv"
	"taizhang/templates/ledger"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// screenshots is where the test saves what it saw: $TAIZHANG_SCREENSHOTS, else testdata/screenshots
// (ignored by git).
func screenshots(t *testing.T) string {
	dir := os.Getenv("TAIZHANG_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join("testdata", "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browse starts a headless Chromium with the flags this closed network needs and a fresh profile.
func browse(t *testing.T) context.Context {
	path := testenv.NeedChromium(t)
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "zh-CN"), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 1000)}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	return ctx
}

func shot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// TestBrowser drives a real Chromium through an agency's and a coordinator's day: the agency opens
// its link, downloads its ledger, fills it and uploads it (accepted), uploads a tampered copy (the
// reason shown); a coordinator who is logged out is sent to the login page, logs in and sees the
// agency's new state on the board, which follows the next upload live; a wrong link is refused.
func TestBrowser(t *testing.T) {
	t.Parallel()
	ctx := browse(t)
	st := newSite(t, taizhang.Simplified)
	shots := screenshots(t)
	agency := ""
	for a := range st.tokens {
		if strings.Contains(a, "科技") || agency == "" {
			agency = a
		}
	}
	link := st.url("/a/" + st.tokens[agency])
	downloads := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(sel))
		must(err)
		return s
	}

	// The agency opens its link.
	must(chromedp.Do(ctx, chromedp.Navigate(link), chromedp.WaitVisible("#upload")))
	if h := text("h1"); h != agency {
		t.Fatalf("the page is for %q", h)
	}
	shot(t, ctx, shots, "1-agency-page.png")

	// It downloads its ledger.
	_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads})
	must(err)
	must(chromedp.Do(ctx, chromedp.Click(`a[href$="/ledger.xlsx"]`)))
	ledger := waitForFile(t, downloads, ".xlsx")
	t.Logf("downloaded %s", filepath.Base(ledger))

	// It fills the ledger as its clerk would (the values a simulated clerk typed) and uploads it.
	filled := filepath.Join(t.TempDir(), "填好的台账.xlsx")
	copyInto(t, ledger, filled)
	fillLike(t, filled, st.returns(1)[agency])
	must(chromedp.Do(ctx, chromedp.SetUploadFiles("#file", []string{filled}), chromedp.Click("#upload-button"),
		chromedp.WaitVisible(`#verdict [data-outcome="accepted"]`)))
	verdict := text("#verdict")
	if !strings.Contains(verdict, "已接收:第1版") || !strings.Contains(verdict, "按时报送") {
		t.Errorf("verdict: %s", verdict)
	}
	shot(t, ctx, shots, "2-agency-accepted.png")

	// A tampered copy (a target changed) is refused, with the reason.
	tampered := filepath.Join(t.TempDir(), "改了目标值.xlsx")
	copyInto(t, filled, tampered)
	tamper(t, tampered)
	must(chromedp.Do(ctx, chromedp.SetUploadFiles("#file", []string{tampered}), chromedp.Click("#upload-button"),
		chromedp.WaitVisible(`#verdict [data-outcome="rejected"]`)))
	verdict = text("#verdict")
	if !strings.Contains(verdict, "未接收") || !strings.Contains(verdict, "校验不通过") {
		t.Errorf("tampered verdict: %s", verdict)
	}
	shot(t, ctx, shots, "3-agency-refused.png")

	// A file over the limit is stopped in the page, before it is sent.
	big := filepath.Join(t.TempDir(), "太大.xlsx")
	must(os.WriteFile(big, make([]byte, DefaultMaxUpload+1), 0o644))
	must(chromedp.Do(ctx, chromedp.SetUploadFiles("#file", []string{big}), chromedp.Click("#upload-button"), chromedp.WaitVisible("#busy")))
	if msg := text("#busy"); !strings.Contains(msg, "超过20 MB") {
		t.Errorf("too large: %q", msg)
	}

	// A wrong link is refused.
	must(chromedp.Do(ctx, chromedp.Navigate(st.url("/a/"+strings.Repeat("x", 43))), chromedp.WaitVisible("h1")))
	if h := text("h1"); h != "页面不存在" {
		t.Errorf("a wrong link shows %q", h)
	}

	// A logged-out coordinator is sent to the login page.
	must(chromedp.Do(ctx, chromedp.Navigate(st.url("/periods/2023-Q2")), chromedp.WaitVisible(`input[name="password"]`)))
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.Contains(loc, "/login") {
		t.Errorf("logged out, the board went to %s", loc)
	}
	shot(t, ctx, shots, "0-login.png")
	// Logs in and sees the agency's new state on the board.
	must(chromedp.Do(ctx, chromedp.SendKeys(`input[name="name"]`, testUser), chromedp.SendKeys(`input[name="password"]`, testPassword),
		chromedp.Click(`button[type="submit"]`), chromedp.WaitVisible("#board")))
	row := fmt.Sprintf(`tr[data-agency=%q]`, agency)
	state, err := chromedp.Run(ctx, chromedp.AttributeValue(row, "data-state"))
	must(err)
	if state.Value != string(taizhang.OnTime) {
		t.Errorf("board: %s is %q", agency, state.Value)
	}
	must(chromedp.Do(ctx, chromedp.WaitVisible("#chart-sections canvas"), chromedp.WaitVisible("#chart-states canvas"), chromedp.Sleep(1500*time.Millisecond)))
	shot(t, ctx, shots, "4-board.png")

	// A correction uploaded now appears on the board without a reload.
	v := verdictOf(t, st.upload(st.tokens[agency], "更正.xlsx", readFile(t, st.returns(2)[agency]), nil))
	if v.Outcome != cycle.OutcomeAccepted || v.Version != 2 {
		t.Fatalf("correction: %+v", v)
	}
	must(chromedp.Do(ctx, chromedp.WaitVisible(row+`[data-version="2"]`)))

	// The findings list and the chase list.
	must(chromedp.Do(ctx, chromedp.Navigate(st.url("/periods/2023-Q2/findings")), chromedp.WaitVisible("table")))
	shot(t, ctx, shots, "5-findings.png")
	must(chromedp.Do(ctx, chromedp.Navigate(st.url("/periods/2023-Q2/chase")), chromedp.WaitVisible("table")))
	shot(t, ctx, shots, "6-chase.png")
	must(chromedp.Do(ctx, chromedp.Navigate(link), chromedp.WaitVisible("#upload")))
	shot(t, ctx, shots, "7-agency-after.png")
}

// waitForFile waits for a finished download in dir.
func waitForFile(t *testing.T, dir, ext string) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ext) {
				return filepath.Join(dir, e.Name())
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no %s downloaded into %s", ext, dir)
	return ""
}

func copyInto(t *testing.T, from, to string) {
	t.Helper()
	if err := os.WriteFile(to, readFile(t, from), 0o644); err != nil {
		t.Fatal(err)
	}
}

// fillLike types into a ledger what was typed into another copy of it (row by row, by 指標編號).
func fillLike(t *testing.T, path, like string) {
	t.Helper()
	src, dst := ledgertest.Read(t, like), ledgertest.Read(t, path)
	byID := map[string][]string{}
	for _, row := range src.Rows {
		byID[row.ID] = row.Cells
	}
	err := excel.Edit(path, func(e *excel.Editor) error {
		for _, row := range dst.Rows {
			for _, col := range []int{ledger.ColValue, ledger.ColStatus, ledger.ColProgress, ledger.ColProblems, ledger.ColNext} {
				if cells := byID[row.ID]; col < len(cells) && cells[col] != "" {
					v := cells[col]
					if err := e.Set(dst.Sheet, row.Cell(col), v); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
