package cycle

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	taizhang "taizhang"
	"taizhang/internal/testenv"
	"taizhang/office"
)

// Ingest stopped part-way (Ctrl-C cancels the context): the files stored stay stored, the rest
// are counted as not processed, never as refused, and the same run again takes the rest, the
// stored ones skipped as duplicates.
func TestIngestInterrupted(t *testing.T) {
	t.Parallel()
	clock := time.Date(2023, 7, 5, 9, 0, 0, 0, beijing)
	s := webService(t, &clock)
	ctx := context.Background()
	dir := filepath.Dir(s.Path())
	q1 := taizhang.Period{Year: 2023, Kind: 'Q', Index: 1}
	if _, err := s.IssueLedgers(ctx, IssueRequest{Period: q1, Out: filepath.Join(dir, "ledgers")}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "ledgers", "*.xlsx"))
	if len(files) != 72 {
		t.Fatalf("%d ledgers", len(files))
	}
	stop, cancel := context.WithCancel(ctx)
	defer cancel()
	sum, err := s.Ingest(stop, IngestRequest{Paths: []string{filepath.Join(dir, "ledgers")}, Jobs: 2,
		Progress: func(done, total int) {
			if done == 20 {
				cancel()
			}
		}})
	var ce *Error
	if !errors.Is(err, ErrInterrupted) || !errors.As(err, &ce) {
		t.Fatalf("err = %v, want an interruption", err)
	}
	stored := sum.Stored()
	if !sum.Interrupted || sum.Count[FileRefused] != 0 || stored < 20 || stored+sum.Unprocessed != 72 {
		t.Errorf("stored %d, unprocessed %d, counts %v", stored, sum.Unprocessed, sum.Count)
	}
	for _, o := range sum.Files {
		if o.Outcome == FileRefused {
			t.Errorf("%s refused: %s", o.Name, o.Reason)
		}
	}
	for _, want := range []string{"已導入", "未處理", "再次運行同一命令"} {
		if !strings.Contains(ce.Msg, want) {
			t.Errorf("message %q lacks %q", ce.Msg, want)
		}
	}
	inDB := 0
	for _, p := range []taizhang.Period{q1, webQ2} {
		rs, err := s.st.Returns(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		inDB += len(rs)
	}
	if inDB != stored {
		t.Errorf("%d returns in the database, the summary says %d stored", inDB, stored)
	}
	again, err := s.Ingest(ctx, IngestRequest{Paths: []string{filepath.Join(dir, "ledgers")}})
	if err != nil {
		t.Fatal(err)
	}
	if again.Count[FileDuplicate] != stored || again.Count[FileAccepted] != 72-stored {
		t.Errorf("the rerun: %v", again.Count)
	}
}

// Issuing stopped part-way leaves exactly the ledgers it recorded: a file appears under its name
// only once its record is committed, and no temporary file is left behind.
func TestIssueInterrupted(t *testing.T) {
	t.Parallel()
	clock := time.Date(2023, 7, 5, 9, 0, 0, 0, beijing)
	s := webService(t, &clock)
	ctx := context.Background()
	for i, after := range []int{1, 5, 17} {
		period := taizhang.Period{Year: 2023, Kind: 'M', Index: 7 + i} // a period of its own per round
		out := filepath.Join(filepath.Dir(s.Path()), period.String())
		stop, cancel := context.WithCancel(ctx)
		go func() { // Ctrl-C as the after-th file appears
			for stop.Err() == nil {
				if files, _ := filepath.Glob(filepath.Join(out, "*.xlsx")); len(files) >= after {
					cancel()
				}
				time.Sleep(100 * time.Microsecond)
			}
		}()
		res, err := s.IssueLedgers(stop, IssueRequest{Period: period, Out: out})
		cancel()
		if err == nil {
			t.Logf("after %d: finished before the cancel", after)
		} else if !errors.Is(err, ErrInterrupted) {
			t.Fatalf("after %d: %v", after, err)
		}
		recorded, err := s.st.Ledgers(ctx, period)
		if err != nil {
			t.Fatal(err)
		}
		onRecord := map[string]bool{}
		for _, tpl := range recorded {
			onRecord[tpl.FileName] = true
		}
		entries, _ := os.ReadDir(out)
		files := 0
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") {
				t.Errorf("after %d: temporary file left: %s", after, e.Name())
				continue
			}
			files++
			if !onRecord[e.Name()] {
				t.Errorf("after %d: %s is on disk but not recorded as sent", after, e.Name())
			}
		}
		if files != len(recorded) || len(res.Ledgers) != len(recorded) {
			t.Errorf("after %d: %d files, %d recorded, %d said to be issued", after, files, len(recorded), len(res.Ledgers))
		}
		t.Logf("after %d: %d ledgers issued and recorded", after, files)
	}
}

// A PDF conversion stopped by Ctrl-C says it was interrupted, not that LibreOffice timed out.
func TestPDFInterrupted(t *testing.T) {
	testenv.NeedSoffice(t)
	t.Parallel()
	conv := office.Find()
	clock := time.Date(2023, 7, 20, 9, 0, 0, 0, beijing)
	s := webService(t, &clock)
	s.opts.Office = conv
	ctx := context.Background()
	v, err := s.View(ctx, ViewRequest{Period: webQ2})
	if err != nil {
		t.Fatal(err)
	}
	stop, cancel := context.WithCancel(ctx)
	defer time.AfterFunc(500*time.Millisecond, cancel).Stop() // Ctrl-C half a second in
	path := filepath.Join(filepath.Dir(s.Path()), "汇总.pdf")
	err = s.WriteReport(stop, v, ReportRequest{Path: path})
	if err == nil {
		t.Skip("the conversion finished within half a second")
	}
	if !Interrupted(err) || !strings.Contains(err.Error(), "已中斷") || strings.Contains(err.Error(), "timed out") {
		t.Errorf("err = %v", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Errorf("%s written", path)
	}
}
