package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	taizhang "taizhang"
	"taizhang/cycle"
	"taizhang/excel"
	"taizhang/internal/testenv"
	"taizhang/office"
	"taizhang/store"
	"taizhang/templates/ledger"
	"taizhang/templates/report"
)

func reconcileQ2(t *testing.T, app *App) *cycle.View {
	t.Helper()
	s, v, err := app.view(context.Background(), cycle.ViewRequest{Period: q2})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	return v
}

// findingsAt lists an agency's findings of the given codes, by cell.
func findingsAt(v *cycle.View, agency string, codes ...taizhang.Code) map[string]taizhang.Code {
	out := map[string]taizhang.Code{}
	for _, f := range v.Result.Findings {
		for _, c := range codes {
			if f.Agency == agency && f.Code == c {
				out[f.Cell] = f.Code
			}
		}
	}
	return out
}

func TestFeedbackRoundTrip(t *testing.T) {
	t.Parallel()
	app, dir := simulatedPeriods(t)
	ctx := context.Background()
	before := reconcileQ2(t, app)
	// The agency whose return has an invalid value (the simulated formula without a cached result).
	var agency string
	for _, f := range before.Result.Findings {
		if f.Code == taizhang.CodeInvalidValue {
			agency = f.Agency
		}
	}
	if agency == "" {
		t.Fatal("the simulated period should have an invalid value")
	}
	toFix := findingsAt(before, agency, taizhang.CodeInvalidValue, taizhang.CodeNotReported)
	out := filepath.Join(dir, "feedback")
	if err := runFeedback(ctx, app, feedbackOptions{Period: q2, Out: out}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(out, report.FeedbackFileName("2023-Q2", agency, taizhang.Traditional, map[string]bool{}))
	book, err := excel.Open(path, excel.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if book.Sheets()[0] != report.SheetFeedback {
		t.Errorf("first sheet = %s", book.Sheets()[0])
	}
	ret, err := ledger.ReadReturned(book)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := store.Open(ctx, app.DBPath)
	key, _ := s.SigningKey(ctx)
	s.Close()
	if err := ret.Verify(key); err != nil {
		t.Errorf("the feedback workbook no longer verifies: %v", err)
	}
	// Adding the first sheet must not shift the other sheets' print settings onto their neighbours.
	for sheet, titles := range map[string]string{ret.Sheet: "$1:$3", ledger.SheetGuide: "$1:$1", report.SheetFeedback: "$1:$3"} {
		if info, err := book.Inspect(sheet); err != nil || info.PrintTitles != titles || !info.Landscape {
			t.Errorf("%s: print titles %q landscape %v (%v), want %s", sheet, info.PrintTitles, info.Landscape, err, titles)
		}
	}
	comments, _ := book.Comments(ret.Sheet)
	listing, _ := book.Rows(report.SheetFeedback)
	fix := map[string]bool{} // cells with something to correct: red; the others amber
	for _, f := range before.Result.Findings {
		fix[f.Cell] = fix[f.Cell] || f.Agency == agency && f.File != "" && f.Severity == taizhang.SevError
	}
	for _, f := range before.Result.Findings {
		if f.Agency != agency || f.Cell == "" || f.File == "" {
			continue
		}
		want := report.CheckColour
		if fix[f.Cell] {
			want = report.FeedbackColour
		}
		if fill, _ := book.Fill(ret.Sheet, f.Cell); fill != want {
			t.Errorf("%s %s (%s): fill %q, want %q", f.Code, f.Cell, f.Severity, fill, want)
		}
		if !strings.Contains(comments[f.Cell], f.Message) {
			t.Errorf("%s %s: comment %q lacks %q", f.Code, f.Cell, comments[f.Cell], f.Message)
		}
		found := false
		for i, row := range listing {
			if len(row) > 3 && row[2] == ret.Sheet+"!"+f.Cell {
				link, _ := book.Link(report.SheetFeedback, excel.Cell(i, 2))
				found = link == "'"+ret.Sheet+"'!"+f.Cell
			}
		}
		if !found {
			t.Errorf("%s %s: no linked row in %s", f.Code, f.Cell, report.SheetFeedback)
		}
	}
	book.Close()

	// A person corrects the marked cells and sends the same workbook back.
	err = excel.Edit(path, func(e *excel.Editor) error {
		var errs []error
		for cell, code := range toFix {
			if strings.TrimRight(cell, "0123456789") == strings.TrimRight(ledger.LedgerCell(ledger.ColValue, 1), "0123456789") {
				errs = append(errs, e.Set(ret.Sheet, cell, 1.0))
			} else if code == taizhang.CodeNotReported {
				errs = append(errs, e.Set(ret.Sheet, cell, "序時推進"))
			}
		}
		return errors.Join(errs...)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := runIngest(ctx, app, ingestOptions{Paths: []string{path}, Jobs: 1}); err != nil {
		t.Fatalf("ingest corrected: %v\n%s", err, app.Out)
	}
	after := reconcileQ2(t, app)
	if left := findingsAt(after, agency, taizhang.CodeInvalidValue, taizhang.CodeNotReported); len(left) > 0 {
		t.Errorf("findings left after the correction: %v (fixed %v)", left, toFix)
	}
	s, _ = store.Open(ctx, app.DBPath)
	subs, _ := s.Returns(ctx, q2)
	s.Close()
	versions := 0
	for _, sub := range subs {
		if sub.Agency == agency {
			versions++
		}
	}
	if versions != 2 {
		t.Errorf("%s has %d versions, want the return and its correction", agency, versions)
	}

	// The corrected copy goes back through LibreOffice. (TestEveryWorkbookOpens has feedback saved
	// by it, each still a ledger whose signature verifies: the demo's largest and smallest, those
	// made from returns saved by openpyxl and LibreOffice; with TAIZHANG_OPEN_ALL=1, all.)
	testenv.NeedSoffice(t)
	conv := office.Find()
	conv.Timeout = 5 * time.Minute // the resave is tested, not its time on a busy machine
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if b, err = conv.Convert(ctx, b, ".xlsx", office.XLSX); err != nil {
		t.Fatal(err)
	}
	resaved := filepath.Join(dir, "resaved", filepath.Base(path))
	if err := os.MkdirAll(filepath.Dir(resaved), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(resaved, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if lo, err := excel.Open(resaved, excel.DefaultLimits); err != nil {
		t.Errorf("after LibreOffice: %v", err)
	} else {
		r, err := ledger.ReadReturned(lo)
		if err != nil || r.Verify(key) != nil {
			t.Errorf("after LibreOffice: %v", err)
		}
		lo.Close()
	}
	// The corrected one, re-saved by LibreOffice, ingests as a duplicate-free new version of the same content.
	if err := runIngest(ctx, app, ingestOptions{Paths: []string{resaved}, Jobs: 1}); err != nil {
		t.Errorf("ingest the LibreOffice copy: %v", err)
	}
	if left := findingsAt(reconcileQ2(t, app), agency, taizhang.CodeInvalidValue, taizhang.CodeNotReported); len(left) > 0 {
		t.Errorf("after the LibreOffice copy: %v", left)
	}
}

func TestRemind(t *testing.T) {
	t.Parallel()
	app, dir := simulatedPeriods(t)
	out := filepath.Join(dir, "催報.xlsx")
	if err := runRemind(context.Background(), app, remindOptions{Period: q2, Out: out}); err != nil {
		t.Fatal(err)
	}
	text := app.Out.(interface{ String() string }).String()
	if !strings.Contains(text, "2023年第二季度催報清單") || !strings.Contains(text, "未報送臺賬") || !strings.Contains(text, "逾期10天") {
		t.Errorf("remind output:\n%s", text[strings.Index(text, "催報清單")-30:])
	}
	book, err := excel.Open(out, excel.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	rows, _ := book.Rows("催報清單")
	if len(rows) < 5 || rows[1][2] != "缺少或需更正" {
		t.Errorf("催報清單 rows: %v", rows[:2])
	}
}
