package main

import (
	"cmp"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	taizhang "taizhang"
	"taizhang/cycle"
	"taizhang/excel"
	"taizhang/office"
	"taizhang/store"
	"taizhang/templates/ledger"
	"taizhang/templates/report"
)

// TestEveryWorkbookOpens loads every workbook the tool writes in two readers that share no code
// with it, openpyxl and LibreOffice, and fails on any error, any openpyxl warning, and any cell
// either of them reads differently from the tool's own reader. The workbooks are everything the
// demo writes (ledgers, simulated returns, feedback, the catalog, the report, the chase list), and
// feedback made from returns saved by openpyxl (with a chart sheet added) and by LibreOffice and
// from real Excel, WPS and Tencent Docs files (testdata/opens), marked as feedback marks a return.
//
// openpyxl, the stricter reader (every part parsed, nothing repaired), loads every one.
// LibreOffice saves every one but the demo's ledgers, returns and feedback, of which it saves the
// largest and the smallest of each folder (TAIZHANG_OPEN_ALL=1: all): the rest are made by the
// same code from other rows, and at a tenth of a second or more a workbook, LibreOffice would add
// half a minute to this package's tests. What it saved is read back: every cell it read, every
// note of feedback, and feedback's signature. Each reader runs once per batch, side by side.
func TestEveryWorkbookOpens(t *testing.T) {
	t.Parallel()
	o := newOpener(t)
	demo, _ := sharedDemo(t)
	books, sample := demoWorkbooks(t, demo)
	work := t.TempDir()
	ctx := context.Background()
	db := copyDatabase(t, demo, work)
	key := signingKey(ctx, t, db)

	// Two agencies return their ledgers: one through openpyxl, one through LibreOffice.
	pyReturn, loSource, fills := returnsToMake(t, demo, work)
	start := time.Now()
	first := o.run(t, batch{openpyxl: append(slices.Clone(books), loSource), fills: fills, office: append(slices.Clone(sample), loSource)})
	t.Logf("%d workbooks opened in %v", len(books)+1, time.Since(start).Round(time.Millisecond))
	for _, f := range books {
		o.verify(t, demo, f, first, nil)
	}
	o.verify(t, work, loSource, first, nil)
	stillSigned(t, demo, slices.DeleteFunc(slices.Clone(sample), func(f string) bool { return !strings.Contains(f, simp("退回意見")) }), first, key)
	var returns []string
	if o.python != "" {
		if err := first.fill[pyReturn]; err != "" {
			t.Fatalf("openpyxl could not save the return: %s", err)
		}
		returns = append(returns, pyReturn)
	}
	if o.office.Installed() {
		loReturn := filepath.Join(filepath.Dir(pyReturn), strings.TrimSuffix(filepath.Base(loSource), ".xlsx")+"_libreoffice.xlsx")
		if err := os.Rename(first.lo[loSource], loReturn); err != nil {
			t.Fatalf("LibreOffice did not save %s: %v", filepath.Base(loSource), err)
		}
		returns = append(returns, loReturn)
	}

	// They come back as feedback; so do real files of other programs, marked the same way.
	fromReturns := feedbackFrom(ctx, t, db, work, returns, o.office)
	marked, originals := markCorpus(t, work)
	start = time.Now()
	second := o.run(t, batch{openpyxl: slices.Concat(fromReturns, marked, originals), office: slices.Concat(fromReturns, marked)})
	t.Logf("%d feedback workbooks opened in %v", len(fromReturns)+len(marked), time.Since(start).Round(time.Millisecond))
	for _, f := range fromReturns {
		o.verify(t, work, f, second, nil)
	}
	stillSigned(t, work, fromReturns, second, key)
	for i, f := range marked {
		// What openpyxl already said of the file as it came is the other program's doing.
		o.verify(t, work, f, second, second.py[originals[i]].Warnings)
	}
}

// demoWorkbooks lists every workbook the demo wrote (its archive holds copies of the simulated
// returns), after checking that each kind is among them, and the ones LibreOffice opens: the
// catalog, the report and the chase list, and of each folder of ledgers, returns or feedback the
// largest and the smallest; with TAIZHANG_OPEN_ALL=1, all of them.
func demoWorkbooks(t *testing.T, demo string) (books, sample []string) {
	t.Helper()
	folders := map[string][]string{}
	err := filepath.WalkDir(demo, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && d.Name() == "archive":
			return filepath.SkipDir
		case strings.HasSuffix(p, ".xlsx"):
			books = append(books, p)
			folders[filepath.Dir(p)] = append(folders[filepath.Dir(p)], p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"臺賬模板/2023-Q1/", "臺賬模板/2023-Q2/", "模擬報送/2023-Q2/", "退回意見/2023-Q2/", "任務目錄.xlsx", "匯總_2023-Q2.xlsx", "催報清單_2023-Q2.xlsx"} {
		if !slices.ContainsFunc(books, func(b string) bool { return strings.Contains(b, simp(kind)) }) {
			t.Errorf("the demo wrote no %s", simp(kind))
		}
	}
	size := func(p string) int64 {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	all := os.Getenv("TAIZHANG_OPEN_ALL") == "1"
	for _, dir := range sortedKeys(folders) {
		files := folders[dir]
		if dir != demo && !all {
			slices.SortFunc(files, func(a, b string) int { return cmp.Compare(size(a), size(b)) })
			files = []string{files[0], files[len(files)-1]}
		}
		sample = append(sample, files...)
	}
	return books, sample
}

// copyDatabase copies the demo's database and archive, for returns to be ingested into.
func copyDatabase(t *testing.T, demo, work string) string {
	t.Helper()
	db := filepath.Join(work, "db")
	for _, name := range []string{"taizhang.db", "taizhang.db-wal", "archive"} {
		if err := copyTree(filepath.Join(demo, name), filepath.Join(db, name)); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	return filepath.Join(db, "taizhang.db")
}

func signingKey(ctx context.Context, t *testing.T, db string) []byte {
	t.Helper()
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	key, err := s.SigningKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// returnsToMake picks two agencies' ledgers of 2023-Q2 and prepares their returns: one for
// openpyxl to fill and save with a chart sheet added, one filled by the tool's editor for
// LibreOffice to save. Each has an unreadable value, so that feedback has a cell to mark.
func returnsToMake(t *testing.T, demo, work string) (pyReturn, loSource string, fills []fillJob) {
	t.Helper()
	ledgers, _ := filepath.Glob(filepath.Join(demo, simp("臺賬模板"), "2023-Q2", "*.xlsx"))
	slices.Sort(ledgers)
	dir := filepath.Join(work, "returns")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, l := range ledgers {
		sheet, cells, chart := fillFor(t, l)
		if cells == nil {
			continue
		}
		base := strings.TrimSuffix(filepath.Base(l), ".xlsx")
		switch {
		case pyReturn == "":
			pyReturn = filepath.Join(dir, base+"_openpyxl.xlsx")
			fills = append(fills, fillJob{In: l, Out: pyReturn, Sheet: sheet, Cells: cells, Chartsheet: "图表", Chart: chart})
		case loSource == "":
			loSource = filepath.Join(work, filepath.Base(l))
			copyFile(t, l, loSource)
			err := excel.Edit(loSource, func(e *excel.Editor) error {
				for cell, v := range cells {
					if err := e.Set(sheet, cell, v); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			return pyReturn, loSource, fills
		}
	}
	t.Fatal("no two ledgers of 2023-Q2 with an indicator")
	return
}

// fillFor is what a person types into a ledger: an unreadable value and a status in the first
// indicator's row. It returns the ledger's sheet, the cells, and the value column's rows for a
// chart; no cells when the ledger has no indicator.
func fillFor(t *testing.T, path string) (sheet string, cells map[string]string, chart string) {
	t.Helper()
	book, err := excel.Open(path, excel.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	ret, err := ledger.ReadReturned(book)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range ret.Rows {
		if !strings.HasSuffix(row.ID, "-0") {
			last := ret.Rows[len(ret.Rows)-1]
			return ret.Sheet, map[string]string{row.Cell(ledger.ColValue): "见附件", row.Cell(ledger.ColStatus): "序时推进"},
				ret.Rows[0].Cell(ledger.ColValue) + ":" + last.Cell(ledger.ColValue)
		}
	}
	return ret.Sheet, nil, ""
}

// feedbackFrom ingests the returns into the copy of the demo's database, as later versions, and
// writes their agencies' feedback.
func feedbackFrom(ctx context.Context, t *testing.T, db, work string, returns []string, conv office.Converter) []string {
	t.Helper()
	now := time.Date(2023, 7, 20, 12, 0, 0, 0, beijing)
	s, err := cycle.Open(ctx, cycle.Options{Path: db, Clock: cycle.Func(func() time.Time { return now }), User: "tester", Office: conv})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sum, err := s.Ingest(ctx, cycle.IngestRequest{Paths: returns, Received: now, Jobs: 1})
	if err != nil {
		t.Fatalf("ingest the returns: %v", err)
	}
	var agencies []string
	for _, o := range sum.Files {
		if o.Outcome != cycle.FileSuperseded && o.Outcome != cycle.FileAccepted {
			t.Fatalf("%s: %s %s", o.Name, o.Outcome, o.Reason)
		}
		agencies = append(agencies, o.Agency)
	}
	fb, err := s.Feedback(ctx, cycle.FeedbackRequest{Period: q2, Out: filepath.Join(work, "feedback"), Agencies: agencies})
	if err != nil {
		t.Fatal(err)
	}
	for _, sk := range fb.Skipped {
		t.Errorf("no feedback for %s: %s", sk[0], sk[1])
	}
	var files []string
	for _, f := range fb.Files {
		files = append(files, f.Path)
	}
	if len(files) != len(returns) {
		t.Errorf("%d feedback workbooks for %d returns", len(files), len(returns))
	}
	return files
}

// markCorpus copies each real workbook of testdata/opens and marks it as feedback marks a return:
// a few cells of every sheet highlighted and commented, and the 退回意见 sheet put first. It
// returns the marked copies and, in the same order, the files as they came.
func markCorpus(t *testing.T, work string) (marked, originals []string) {
	t.Helper()
	originals, _ = filepath.Glob(filepath.Join("testdata", "opens", "*.xlsx"))
	if len(originals) == 0 {
		t.Fatal("no workbooks in testdata/opens")
	}
	dir := filepath.Join(work, "corpus")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, orig := range originals {
		orig, _ = filepath.Abs(orig)
		originals[i] = orig
		path := filepath.Join(dir, filepath.Base(orig))
		copyFile(t, orig, path)
		items, err := cellsToMark(path)
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(orig), err)
		}
		spec := report.FeedbackSpec{Agency: "省科技厅", Period: q2, When: "於2023-07-25前報送。", Script: taizhang.Simplified, Items: items}
		if err := report.MarkFeedback(path, spec); err != nil {
			t.Errorf("%s: feedback cannot mark it: %v", filepath.Base(orig), err)
			continue
		}
		marked = append(marked, path)
	}
	return marked, originals
}

// cellsToMark picks up to four non-empty cells of every sheet, the kind of cells findings point at.
func cellsToMark(path string) ([]report.FeedbackItem, error) {
	book, err := excel.Open(path, excel.DefaultLimits)
	if err != nil {
		return nil, err
	}
	defer book.Close()
	var items []report.FeedbackItem
	for _, sheet := range book.Sheets() {
		rows, _ := book.Rows(sheet) // a chart sheet has none
		n := 0
		for i, row := range rows {
			for j, v := range row {
				if v != "" && n < 4 {
					items = append(items, report.FeedbackItem{Code: taizhang.CodeInvalidValue, Severity: taizhang.SevError, Sheet: sheet, Cell: excel.Cell(i, j),
						Message: "数值无法识别,请填写数字"})
					n++
				}
			}
		}
	}
	return items, nil
}

func copyBytes(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

// copyTree copies a file or a folder.
func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(to, rel)), 0o755); err != nil {
			return err
		}
		return copyBytes(p, filepath.Join(to, rel))
	})
}
