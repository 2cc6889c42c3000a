package cycle

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/internal/golden"
	"taizhang/internal/ledgertest"
	"taizhang/templates/ledger"
)

// fixture is a small hand-made plan, three tasks and five indicators, whose returns make every
// indicator status and nearly every finding code appear, once where it can: a golden file of a
// size a person reads in a diff.
type fixture struct {
	t     *testing.T
	s     *Service
	dir   string
	clock time.Time
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	return fixtureOf(t, "2023-03-01 09:00", InitRequest{Plan: filepath.Join("testdata", "three-tasks", "plan.txt"), AllowSmall: true,
		Script: taizhang.Traditional})
}

// fixtureOf is a new database with the plan req loads, at the moment given.
func fixtureOf(t *testing.T, moment string, req InitRequest) *fixture {
	t.Helper()
	f := &fixture{t: t, dir: t.TempDir()}
	s, err := Open(context.Background(), Options{Path: filepath.Join(f.dir, "taizhang.db"), Create: true, User: "測試",
		Clock: Func(func() time.Time { return f.clock })})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	f.s = s
	f.at(moment)
	if _, err := s.Init(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) at(moment string) {
	t, err := taizhang.ParseMoment(moment, f.s.Location())
	if err != nil {
		f.t.Fatal(err)
	}
	f.clock = t
}

// issue sends the period's ledgers and returns where each agency's is.
func (f *fixture) issue(p taizhang.Period) map[string]string {
	f.t.Helper()
	res, err := f.s.IssueLedgers(context.Background(), IssueRequest{Period: p, Out: filepath.Join(f.dir, "ledgers", p.String()), Contact: "協調辦 0531-1234"})
	if err != nil {
		f.t.Fatal(err)
	}
	out := map[string]string{}
	for _, l := range res.Ledgers {
		out[l.Agency] = l.File
	}
	return out
}

// fill copies a ledger and types into it what an agency would: per row id, the 累計完成值 and,
// after a "|", the 完成狀態; extra edits go to any cell by ledger column.
func (f *fixture) fill(from, name string, rows map[string]string, edit func(e *excel.Editor, r *ledger.Returned) error) string {
	f.t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		f.t.Fatal(err)
	}
	path := filepath.Join(f.dir, "returns", name)
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		f.t.Fatal(err)
	}
	r := ledgertest.Read(f.t, path)
	err = excel.Edit(path, func(e *excel.Editor) error {
		var errs []error
		for _, row := range r.Rows {
			typed, ok := rows[row.ID]
			if !ok {
				continue
			}
			value, status, _ := strings.Cut(typed, "|")
			var v any = value
			if n, ok := number(value); ok {
				v = n
			}
			if value != "" {
				errs = append(errs, e.Set(r.Sheet, row.Cell(ledger.ColValue), v))
			}
			if status != "" {
				errs = append(errs, e.Set(r.Sheet, row.Cell(ledger.ColStatus), status), e.Set(r.Sheet, row.Cell(ledger.ColProgress), "按計劃推進。"))
			}
		}
		if edit != nil {
			errs = append(errs, edit(e, r))
		}
		return errors.Join(errs...)
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return path
}

func number(s string) (float64, bool) {
	var n float64
	for i, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + float64(r-'0')
		_ = i
	}
	return n, s != ""
}

func (f *fixture) ingest(paths []string, allowUnsigned bool) {
	f.t.Helper()
	if _, err := f.s.Ingest(context.Background(), IngestRequest{Paths: paths, AllowUnsigned: allowUnsigned, Jobs: 1}); err != nil && !errors.Is(err, ErrSomeRefused) {
		f.t.Fatal(err)
	}
}

// twoPeriods: Q1 returns to compare with; in Q2 the co-leads of 1-1 disagree, 1-2's cap is broken by
// one lead and typed as words by the other, 2-1 is on schedule, 2-2 met far beyond its target, 2-3
// behind, lower than in Q1 and self-assessed as done, 3-1 sent back empty; the participant types
// a unit into a number and changes a target, and is taken unsigned.
func twoPeriods(t *testing.T) (*fixture, *View) {
	f := newFixture(t)
	q1, q2 := taizhang.Period{Year: 2023, Kind: 'Q', Index: 1}, taizhang.Period{Year: 2023, Kind: 'Q', Index: 2}
	f.at("2023-03-20 09:00")
	l1 := f.issue(q1)
	f.at("2023-04-05 10:00")
	f.ingest([]string{
		f.fill(l1["省科技廳"], "q1-科技廳.xlsx", map[string]string{"1-1": "5|序時推進", "1-2": "30|序時推進"}, nil),
		f.fill(l1["省水利廳"], "q1-水利廳.xlsx", map[string]string{"1-1": "5|序時推進", "1-2": "30|序時推進"}, nil),
		f.fill(l1["省工業和信息化廳"], "q1-工信廳.xlsx", map[string]string{"2-1": "60|序時推進", "2-2": "2|序時推進", "2-3": "3|序時推進"}, nil),
		f.fill(l1["省發展改革委"], "q1-發改委.xlsx", map[string]string{"3-1": "|序時推進"}, nil),
	}, false)
	f.at("2023-06-20 09:00")
	l2 := f.issue(q2)
	f.at("2023-07-05 10:00")
	f.ingest([]string{f.fill(l2["省科技廳"], "科技廳.xlsx", map[string]string{"1-1": "12|序時推進", "1-2": "120|序時推進"}, nil)}, false)
	f.at("2023-07-06 10:00")
	f.ingest([]string{f.fill(l2["省財政廳"], "財政廳.xlsx", map[string]string{"1-1": "5萬千瓦|序時推進"}, func(e *excel.Editor, r *ledger.Returned) error {
		return e.Set(r.Sheet, r.Rows[0].Cell(ledger.ColTarget), "隨便寫的目標")
	})}, true)
	f.at("2023-07-08 10:00")
	f.ingest([]string{f.fill(l2["省水利廳"], "水利廳.xlsx", map[string]string{"1-1": "8|序時推進", "1-2": "很多|序時推進"}, nil)}, false)
	f.at("2023-07-09 10:00")
	f.ingest([]string{f.fill(l2["省發展改革委"], "發改委.xlsx", map[string]string{}, nil)}, false)
	f.at("2023-07-12 16:00")
	f.ingest([]string{f.fill(l2["省工業和信息化廳"], "工信廳.xlsx", map[string]string{"2-1": "150|序時推進", "2-2": "60|已完成", "2-3": "1|已完成"}, nil)}, false)
	f.at("2023-07-20 09:00")
	v, err := f.s.View(context.Background(), ViewRequest{Period: q2})
	if err != nil {
		t.Fatal(err)
	}
	return f, v
}

// TestReportGoldenPerSheet: the report of the hand-made plan, one golden file per sheet.
func TestReportGoldenPerSheet(t *testing.T) {
	t.Parallel()
	f, v := twoPeriods(t)
	statuses, codes := map[string]int{}, map[taizhang.Code]int{}
	for _, s := range v.Result.Statuses {
		statuses[s.Status]++
	}
	for _, fd := range v.Result.Findings {
		codes[fd.Code]++
	}
	for _, st := range []string{"met", "on_schedule", "behind", "exceeded", "not_reported", "invalid", "conflict"} {
		if statuses[st] == 0 {
			t.Errorf("no %s status: %v", st, statuses)
		}
	}
	for _, c := range []taizhang.Code{"missing_return", "empty_return", "not_reported", "invalid_value", "unit_mismatch", "conflict", "regression",
		"outlier", "self_assessment_mismatch", "behind", "exceeded", "bad_signature"} {
		if codes[c] == 0 {
			t.Errorf("no %s finding: %v", c, codes)
		}
	}
	out := filepath.Join(f.dir, "匯總.xlsx")
	if err := f.s.WriteReport(context.Background(), v, ReportRequest{Path: out}); err != nil {
		t.Fatal(err)
	}
	book, err := excel.Open(out, excel.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	dump, err := excel.Dump(book)
	if err != nil {
		t.Fatal(err)
	}
	sheets := map[string]*strings.Builder{}
	for _, line := range strings.SplitAfter(dump, "\n") {
		sheet, _, ok := strings.Cut(line, "!")
		if !ok {
			continue
		}
		if sheets[sheet] == nil {
			sheets[sheet] = &strings.Builder{}
		}
		sheets[sheet].WriteString(line)
	}
	var names []string
	for name := range sheets {
		names = append(names, name)
	}
	sort.Strings(names)
	if len(names) != 8 {
		t.Errorf("sheets = %v", names)
	}
	for _, name := range names {
		golden.Compare(t, filepath.Join("testdata", "three-tasks", "report-"+name+".golden"), sheets[name].String())
	}
}
