package cycle

import (
	"context"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/templates/ledger"
)

// missing_row (an unsigned return lacks a row of its ledger) was emitted by ingest with no label
// or severity, and printed blank: it is named in the report's problem list, in either script, and
// in the feedback sent back.
func TestMissingRowIsLabelled(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	q2 := taizhang.Period{Year: 2023, Kind: 'Q', Index: 2}
	f.at("2023-06-20 09:00")
	l2 := f.issue(q2)
	f.at("2023-07-05 10:00")
	f.ingest([]string{f.fill(l2["省科技廳"], "科技廳.xlsx", map[string]string{"1-1": "12|序時推進"}, func(e *excel.Editor, r *ledger.Returned) error {
		return e.RemoveRow(r.Sheet, r.Rows[1].Row) // 1-2 gone: the signature fails, taken with --allow-unsigned
	})}, true)
	v, err := f.s.View(ctx, ViewRequest{Period: q2})
	if err != nil {
		t.Fatal(err)
	}
	var missing *taizhang.Finding
	for i, fd := range v.Result.Findings {
		if fd.Code == taizhang.CodeMissingRow {
			missing = &v.Result.Findings[i]
		}
	}
	if missing == nil || missing.Agency != "省科技廳" || missing.Indicator != "1-2" || missing.Severity != taizhang.SevWarning {
		t.Fatalf("missing_row finding = %+v; want 省科技廳's 1-2, a warning", missing)
	}
	for _, script := range []taizhang.Script{taizhang.Traditional, taizhang.Simplified} {
		path := filepath.Join(f.dir, "report-"+string(script)+".xlsx")
		if err := f.s.WriteReport(ctx, v, ReportRequest{Path: path, Script: script}); err != nil {
			t.Fatal(err)
		}
		sheet := map[taizhang.Script]string{taizhang.Traditional: "問題清單", taizhang.Simplified: "问题清单"}[script]
		rows := map[string]string{} // the problem list's rows, as "type|severity|indicator"
		for line := range strings.Lines(dump(t, path)) {
			cell, value, _ := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
			if name, at, ok := strings.Cut(cell, "!"); ok && name == sheet {
				col, row := at[:1], at[1:]
				if col == "B" || col == "C" || col == "F" {
					rows[row] += value + "|"
				}
			}
		}
		want := taizhang.CodeMissingRow.Label(script) + "|" + taizhang.SevWarning.Label(script) + "|1-2|"
		if !slices.Contains(slices.Collect(maps.Values(rows)), want) {
			t.Errorf("the report's %s has no row %q: %v", sheet, want, rows)
		}
	}
	res, err := f.s.Feedback(ctx, FeedbackRequest{Period: q2, Out: filepath.Join(f.dir, "feedback"), Agencies: []string{"省科技廳"}})
	if err != nil || len(res.Files) != 1 {
		t.Fatalf("feedback: %+v, %v", res, err)
	}
	if d := dump(t, res.Files[0].Path); !strings.Contains(d, "缺少指標行") {
		t.Errorf("the feedback does not name the missing row:\n%s", d)
	}
}

// dump is a workbook's cells, as excel.Dump gives them.
func dump(t *testing.T, path string) string {
	t.Helper()
	book, err := excel.Open(path, excel.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	d, err := excel.Dump(book)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
