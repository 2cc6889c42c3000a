package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	taizhang "taizhang"
	"taizhang/cycle"
	"taizhang/excel"
	"taizhang/internal/demo"
	"taizhang/internal/testenv"
	"taizhang/office"
)

// testApp is an App over a database in dir whose clock reads *clock (noon at the start).
func testApp(dir string, clock *time.Time) *App {
	return &App{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}, DBPath: filepath.Join(dir, "taizhang.db"), User: "tester",
		Clock: cycle.Func(func() time.Time { return *clock })}
}

// beijing is the plan's time zone.
var beijing, _ = time.LoadLocation(taizhang.DefaultTimeZone)

// at is 09:00 Beijing time on the day n days after d.
func at(d taizhang.Date, n int) time.Time { return d.AddDays(n).Start(beijing).Add(9 * time.Hour) }

// simulateFor fills the ledgers issued for p as the demo does.
func simulateFor(t testing.TB, app *App, p taizhang.Period, seed int64, dir string, previous map[string]map[string]float64, trouble bool) []cycle.Simulated {
	t.Helper()
	s, err := app.open(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	returns, err := s.Simulate(context.Background(), cycle.SimulateRequest{Period: p, Seed: seed, Dir: dir, Previous: previous, Trouble: trouble})
	if err != nil {
		t.Fatal(err)
	}
	return returns
}

// simulated is the folder simulatePeriods makes, once for the package: six tests start from it,
// and making it (init, two periods' ledgers, simulated returns, their ingest) takes seconds.
var simulated = testenv.NewFixture(func(t testing.TB, dir string) { simulatePeriods(t, dir) })

// simulatedPeriods copies the database with two simulated periods (2023-Q1 clean, 2023-Q2 with
// trouble, ingested at fixed times), with its ledgers and returns, into a folder of the test's own,
// and returns an App over it whose clock reads 2023-07-20.
func simulatedPeriods(t *testing.T) (*App, string) {
	t.Helper()
	dir := simulated.Copy(t)
	clock := time.Date(2023, 7, 20, 9, 0, 0, 0, beijing)
	return testApp(dir, &clock), dir
}

// simulatePeriods makes, in dir, a database with two simulated periods: init, ledgers, the demo's
// simulated returns, ingested on time and late at fixed times.
func simulatePeriods(t testing.TB, dir string) {
	t.Helper()
	clock := time.Date(2023, 3, 8, 9, 0, 0, 0, beijing)
	app := testApp(dir, &clock)
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(runInit(ctx, app, initOptions{Script: "traditional"}))
	var previous map[string]map[string]float64
	for _, period := range []taizhang.Period{{Year: 2023, Kind: 'Q', Index: 1}, {Year: 2023, Kind: 'Q', Index: 2}} {
		clock = at(period.LastDay(), 2)
		must(runTemplates(ctx, app, templatesOptions{Period: period, Out: filepath.Join(dir, "templates", period.String()), Contact: "協調辦 0531-1234"}))
		// The demo's own simulation step: seed 1 for Q1 (clean), seed 2 for Q2 (with the trouble cases).
		returns := simulateFor(t, app, period, int64(period.Index), filepath.Join(dir, "returns", period.String()), previous, period.Index == 2)
		var onTime, late []string
		onTime, late, previous = demo.SplitReturns(returns)
		clock = at(period.LastDay(), 8)
		if err := runIngest(ctx, app, ingestOptions{Paths: onTime, Jobs: 1}); err != nil {
			t.Logf("ingest %s: %v", period, err)
		}
		if len(late) > 0 {
			clock = at(period.LastDay(), 15)
			if err := runIngest(ctx, app, ingestOptions{Paths: late, Jobs: 1}); err != nil {
				t.Logf("ingest late %s: %v", period, err)
			}
		}
	}
}

var q2 = taizhang.Period{Year: 2023, Kind: 'Q', Index: 2}

// TestReportInvariants: the report of the whole simulated plan, checked by its counts and the
// rules every sheet keeps (the cells themselves are pinned on a small hand-made plan in cycle's
// golden files).
func TestReportInvariants(t *testing.T) {
	t.Parallel()
	app, dir := simulatedPeriods(t)
	out := filepath.Join(dir, "匯總.xlsx")
	if err := runReport(context.Background(), app, reportOptions{reconcileOptions: reconcileOptions{Period: q2, Tolerance: 0.05}, Out: out}); err != nil {
		t.Fatal(err)
	}
	_, v, err := app.view(context.Background(), cycle.ViewRequest{Period: q2})
	if err != nil {
		t.Fatal(err)
	}
	book, err := excel.Open(out, excel.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	if got := strings.Join(book.Sheets(), ","); got != "領導簡報,總體情況,重點任務匯總,分單位情況,與上期對比,問題清單,催報清單,說明" {
		t.Errorf("sheets = %s", got)
	}
	rows := func(sheet string) [][]string {
		r, err := book.Rows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	// One row per status, per finding, per agency, per agency to chase.
	for sheet, want := range map[string]int{"重點任務匯總": len(v.Result.Statuses), "問題清單": len(v.Result.Findings), "分單位情況": len(v.States),
		"催報清單": len(v.Chase)} {
		if got := len(rows(sheet)) - 2; got != want {
			t.Errorf("%s has %d rows, want %d", sheet, got, want)
		}
	}
	// 總體情況's 全部 row adds up, and its parts add up to it.
	overview := rows("總體情況")
	total, _ := strconv.Atoi(overview[3][1])
	sum := 0
	for _, row := range overview[4 : 4+len(v.Plan.Sections)] {
		n, _ := strconv.Atoi(row[1])
		sum += n
	}
	if total != len(v.Result.Statuses) || sum != total {
		t.Errorf("總體情況: 全部 %d, parts %d, statuses %d", total, sum, len(v.Result.Statuses))
	}
	// The trouble the simulator made is in the findings, each with its label.
	issues := fmt.Sprint(rows("問題清單"))
	for _, label := range []string{"未報送", "填報衝突", "數值無效", "比上期倒退", "數值異常", "未達到目標"} {
		if !strings.Contains(issues, label) {
			t.Errorf("問題清單 lacks %s", label)
		}
	}
	// Returned text is text, never a formula.
	for _, s := range book.Sheets() {
		for i, row := range rows(s) {
			for j := range row {
				if f, _ := book.Formula(s, excel.Cell(i, j)); f != "" {
					t.Errorf("%s!%s is a formula %q", s, excel.Cell(i, j), f)
				}
			}
		}
	}
}

// pdfPage is one page of a PDF: its words and their median height in points.
type pdfPage struct {
	text   string
	height float64
	words  []pdfWord
}

// pdfWord is a word as pdftotext -bbox gives it: its text and its box, in points.
type pdfWord struct {
	text                   string
	xMin, yMin, xMax, yMax float64
}

// renderPDF converts a workbook to PDF with LibreOffice and reads each page back with
// pdftotext -bbox. It skips the test where either is missing.
func renderPDF(t *testing.T, xlsx string) []pdfPage {
	t.Helper()
	testenv.NeedSoffice(t)
	pdftotext := testenv.NeedPoppler(t)
	conv := office.Find()
	conv.Timeout = 5 * time.Minute // a busy machine (other tests render beside this one) is no failure here
	b, err := os.ReadFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := conv.Convert(context.Background(), b, ".xlsx", office.PDF)
	if err != nil {
		t.Fatal(err)
	}
	path := strings.TrimSuffix(xlsx, ".xlsx") + ".pdf"
	os.WriteFile(path, pdf, 0o644)
	if keep := os.Getenv("TAIZHANG_KEEP"); keep != "" { // to look at what the test printed
		os.WriteFile(filepath.Join(keep, t.Name()+"-"+filepath.Base(path)), pdf, 0o644)
	}
	out, err := exec.Command(pdftotext, "-bbox", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	word := regexp.MustCompile(`xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	var pages []pdfPage
	for _, p := range strings.Split(string(out), "<page ")[1:] {
		var hs []float64
		var text strings.Builder
		var words []pdfWord
		for _, m := range word.FindAllStringSubmatch(p, -1) {
			w := pdfWord{text: html.UnescapeString(m[5])}
			for i, v := range []*float64{&w.xMin, &w.yMin, &w.xMax, &w.yMax} {
				*v, _ = strconv.ParseFloat(m[1+i], 64)
			}
			words = append(words, w)
			hs = append(hs, w.yMax-w.yMin)
			text.WriteString(w.text)
		}
		sort.Float64s(hs)
		page := pdfPage{text: text.String(), words: words}
		if len(hs) > 0 {
			page.height = hs[len(hs)/2]
		}
		pages = append(pages, page)
	}
	return pages
}

// TestReportPDF prints the report through LibreOffice. By default it prints the leader's pack in
// at most 8 pages: the brief on one page near full size, 總體情況 (with its chart) and
// 分單位情況. With --print all the detail sheets print too, each table's header fitting one page
// width. Either way every page's text is at least 8.5 pt high (median word height), no number
// prints as ###, no short text (a header, a name, a date) is broken or cut with "…", and no
// text prints over another.
func TestReportPDF(t *testing.T) {
	testenv.NeedSoffice(t)
	testenv.NeedPoppler(t)
	t.Parallel()
	app, dir := simulatedPeriods(t)
	write := func(name, print string) string {
		out := filepath.Join(dir, name)
		if err := runReport(context.Background(), app, reportOptions{reconcileOptions: reconcileOptions{Period: q2, Tolerance: 0.05}, Out: out,
			Paper: "A4", Print: print}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	out := write("report.xlsx", "summary")
	pages := renderPDF(t, out)
	t.Logf("default print: %d pages", len(pages))
	if len(pages) > 8 {
		t.Errorf("the default print is %d pages, want at most 8", len(pages))
	}
	brief := 0
	for i, p := range pages {
		if !strings.Contains(p.text, "領導簡報第") && !strings.Contains(p.text, "總體情況第") && !strings.Contains(p.text, "分單位情況第") {
			t.Errorf("page %d is not of the leader's pack: %.60s", i+1, p.text)
		}
		if strings.Contains(p.text, "領導簡報第") {
			brief++
			// The brief fits its page near full size: 10.5 pt type printed at 90% or more
			// (a word box is about 1.2 times the type size). Fitting it by scaling gave 8.5.
			if p.height < 11 {
				t.Errorf("the brief's text is %.1f pt high (median), want at least 11: shrunk to fit its page", p.height)
			}
		}
	}
	if brief != 1 {
		t.Errorf("the brief takes %d pages, want exactly one", brief)
	}
	all := ""
	for _, p := range pages {
		all += p.text
	}
	for _, want := range []string{"各部分指標狀態分佈", "按指標類型", "進度最滯後或差距最大的10個指標", "個百分點"} {
		if !strings.Contains(all, want) {
			t.Errorf("the default print lacks %q", want)
		}
	}
	checkPrint(t, out, pages, "領導簡報", "總體情況", "分單位情況")

	// On request, every sheet, each with its own print settings.
	full := write("report-all.xlsx", "all")
	pages = renderPDF(t, full)
	t.Logf("--print all: %d pages", len(pages))
	// For each table, the page with its first header label shows its last one too.
	for sheet, hdr := range map[string][2]string{"重點任務匯總": {"序號", "下步打算"}, "分單位情況": {"單位", "聯繫人及電話"},
		"問題清單": {"問題類型", "說明"}, "總體情況": {"指標數", "比例"}} {
		found := false
		for _, p := range pages {
			if strings.Contains(p.text, hdr[0]) && strings.Contains(p.text, sheet+"第") {
				found = true
				if !strings.Contains(p.text, hdr[1]) {
					t.Errorf("%s: the page with %s does not show %s: columns spill onto another page", sheet, hdr[0], hdr[1])
				}
				break
			}
		}
		if !found {
			t.Errorf("%s: no page shows its header", sheet)
		}
	}
	checkPrint(t, full, pages, "與上期對比", "催報清單")

	// The command's own PDF (A3, no LibreOffice, not a PDF) is TestReportPDFWording's.
}

// reShortText is a cell's line that must print whole: a label, a name or a date (twelve
// characters at most, no space); longer text may wrap anywhere, as Chinese does.
var reShortText = regexp.MustCompile(`^(?:[^\s]*\p{Han}[^\s]*|\d{4}-\d{2}-\d{2})$`)

// checkPrint checks the printed pages of a workbook: text at least 8.5 pt high, no ###, no text
// cut with "…", no two words printed over each other, and every short line of the cells of the
// sheets named printed as one word (not broken across lines: 完成進/度).
func checkPrint(t *testing.T, xlsx string, pages []pdfPage, sheets ...string) {
	t.Helper()
	words := map[string]bool{}
	for i, p := range pages {
		if p.height < 8.5 {
			t.Errorf("page %d: text %.1f pt high (median), want at least 8.5: %.60s", i+1, p.height, p.text)
		}
		for j, w := range p.words {
			words[w.text] = true
			if strings.Contains(w.text, "###") || strings.HasSuffix(w.text, "…") {
				t.Errorf("page %d prints %q", i+1, w.text)
			}
			for _, o := range p.words[j+1:] {
				if dx, dy := math.Min(w.xMax, o.xMax)-math.Max(w.xMin, o.xMin), math.Min(w.yMax, o.yMax)-math.Max(w.yMin, o.yMin); dx > 1 && dy > 2 {
					t.Errorf("page %d: %q prints over %q", i+1, w.text, o.text)
				}
			}
		}
	}
	book, err := excel.Open(xlsx, excel.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	for _, sheet := range sheets {
		rows, err := book.Rows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			for _, cell := range row {
				for _, line := range strings.Split(cell, "\n") {
					if utf8.RuneCountInString(line) > 12 || !reShortText.MatchString(line) {
						continue
					}
					found := false
					for w := range words {
						if strings.Contains(w, line) {
							found = true
							break
						}
					}
					if !found {
						t.Errorf("%s: %q does not print whole", sheet, line)
					}
				}
			}
		}
	}
}

// TestLedgerPDF prints a large agency's ledger: every page at least 8.5 pt (median word height),
// the guide on one page, every column of the ledger on each page.
func TestLedgerPDF(t *testing.T) {
	testenv.NeedSoffice(t)
	testenv.NeedPoppler(t)
	t.Parallel()
	_, dir := simulatedPeriods(t)
	ledgers := filepath.Join(dir, "templates", "2023-Q2")
	pages := renderPDF(t, filepath.Join(ledgers, "2023-Q2_省工業和信息化廳.xlsx"))
	t.Logf("%d pages", len(pages))
	guide := 0
	for i, p := range pages {
		if p.height < 8.5 {
			t.Errorf("page %d: text %.1f pt high (median), want at least 8.5: %.60s", i+1, p.height, p.text)
		}
		if strings.Contains(p.text, "填報說明") && strings.Contains(p.text, "報送方式") {
			guide++
		}
		if strings.Contains(p.text, "省工業和信息化廳第") && (!strings.Contains(p.text, "序號") || !strings.Contains(p.text, "下步打算") || !strings.Contains(p.text, "上期值")) {
			t.Errorf("page %d of the ledger lacks some of its columns: %.80s", i+1, p.text)
		}
	}
	if guide != 1 {
		t.Errorf("the guide (填報說明) is on %d pages, want one", guide)
	}
}

// TestReconcileJSON: the Contract 4 output, field by field, on the simulated period.
func TestReconcileJSON(t *testing.T) {
	t.Parallel()
	app, _ := simulatedPeriods(t)
	var out bytes.Buffer
	app.Out = &out
	if err := runReconcile(context.Background(), app, reconcileOptions{Period: q2, Tolerance: 0.05, JSON: true}); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got["period"] != "2023-Q2" || got["as_of"] != "2023-06-30" {
		t.Errorf("period/as_of = %v %v", got["period"], got["as_of"])
	}
	statuses := got["statuses"].([]any)
	findings := got["findings"].([]any)
	if len(statuses) != 309 || len(findings) == 0 {
		t.Fatalf("%d statuses, %d findings", len(statuses), len(findings))
	}
	first := statuses[0].(map[string]any)
	for _, k := range []string{"indicator", "agency", "value", "raw", "target", "progress", "status", "kind"} {
		if _, ok := first[k]; !ok {
			t.Errorf("status lacks %q: %v", k, first)
		}
	}
	for _, f := range findings {
		m := f.(map[string]any)
		for _, k := range []string{"code", "severity", "agency", "message"} {
			if m[k] == "" || m[k] == nil {
				t.Errorf("finding lacks %q: %v", k, m)
			}
		}
	}
	// value is the number in the indicator's unit, or null when nothing usable was reported.
	sawNull, sawNumber := false, false
	for _, s := range statuses {
		switch s.(map[string]any)["value"].(type) {
		case nil:
			sawNull = true
		case float64:
			sawNumber = true
		}
	}
	if !sawNull || !sawNumber {
		t.Errorf("values: null seen %v, number seen %v", sawNull, sawNumber)
	}
	out.Reset()
	if err := runReconcile(context.Background(), app, reconcileOptions{Period: q2, Tolerance: 0.05}); err != nil {
		t.Fatal(err)
	}
	if text := out.String(); !strings.Contains(text, "2023年第二季度 核對結果") || !strings.Contains(text, "填報衝突") || !strings.Contains(text, "[2023-Q2_") ||
		strings.Contains(text, "conflict") {
		t.Errorf("reconcile text:\n%.600s", text)
	}
}
