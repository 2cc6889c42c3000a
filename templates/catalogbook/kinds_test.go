package catalogbook

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/excel"
)

// indicatorRow is the sheet row of an indicator in an exported 指標 sheet (a title and a header first).
func indicatorRow(t *testing.T, p *taizhang.Plan, id string) string {
	t.Helper()
	n := 3
	for _, tk := range p.Tasks {
		for _, ind := range tk.Indicators {
			if ind.ID == id {
				return strconv.Itoa(n)
			}
			n++
		}
	}
	t.Fatalf("no indicator %s", id)
	return ""
}

// The 指標類型 column shows each kind, with a marker on those the plan's words left open; choosing
// a kind clears the marker, a marker left stays, and the choice changes the catalog version.
func TestCatalogKinds(t *testing.T) {
	p := embeddedPlan(t)
	path := writeCatalog(t, p)
	book, err := excel.Open(path, excel.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := book.Rows("指標")
	if h := rows[1]; h[10] != "指標類型" || h[11] != "共同牽頭" || h[12] != "原文" {
		t.Errorf("header = %v", h)
	}
	for id, want := range map[string]string{"2-1": "存量", "19-5": "名次", "53-1": "比率", "19-4": "增幅", "48-3": "累計值", "58-1": "定性",
		"22-1": "存量\n(待確認)", "59-2": "累計值\n(待確認)"} {
		n, _ := strconv.Atoi(indicatorRow(t, p, id))
		if got := rows[n-1][10]; got != want {
			t.Errorf("%s: 指標類型 %q, want %q", id, got, want)
		}
	}
	n, _ := strconv.Atoi(indicatorRow(t, p, "40-4")) // three lead agencies
	if got := rows[n-1][11]; got != "填同一數值" {
		t.Errorf("40-4: 共同牽頭 %q", got)
	}
	info, err := book.Inspect("指標")
	if err != nil {
		t.Fatal(err)
	}
	book.Close()
	found := false
	for _, v := range info.Validations {
		found = found || strings.Join(v.List, ",") == "累計值,存量,比率,增幅,名次,定性"
	}
	if !found {
		t.Error("no 指標類型 drop-down")
	}
	if err := excel.Edit(path, func(e *excel.Editor) error {
		return errors.Join(
			e.Set("指標", "K"+indicatorRow(t, p, "22-1"), "累計值"),    // chosen: the marker goes
			e.Set("指標", "K"+indicatorRow(t, p, "22-2"), "存量"),     // the same kind chosen: the marker goes too
			e.Set("指標", "K"+indicatorRow(t, p, "53-1"), "存量"),     // a rate judged as a level
			e.Set("指標", "K"+indicatorRow(t, p, "2-1"), "累计值"),     // Simplified
			e.Set("指標", "L"+indicatorRow(t, p, "40-4"), "各報份額相加"), // co-leads report shares
		)
	}); err != nil {
		t.Fatal(err)
	}
	got, errs := readCatalog(t, path, p)
	if len(errs) > 0 {
		t.Fatalf("import refused: %v", errs)
	}
	for id, want := range map[string]struct {
		kind      taizhang.IndicatorKind
		undecided bool
	}{"22-1": {taizhang.KindCumulative, false}, "22-2": {taizhang.KindLevel, false}, "22-3": {taizhang.KindLevel, true},
		"53-1": {taizhang.KindLevel, false}, "2-1": {taizhang.KindCumulative, false}, "19-5": {taizhang.KindRank, false}} {
		if ind := find(got, id); ind.Kind != want.kind || ind.KindUndecided != want.undecided {
			t.Errorf("%s: %s (undecided %v), want %s (undecided %v)", id, ind.Kind, ind.KindUndecided, want.kind, want.undecided)
		}
	}
	if !find(got, "40-4").Shares || find(got, "40-3").Shares {
		t.Error("40-4 should report shares, 40-3 not")
	}
	if catalog.Hash(got) == catalog.Hash(p) {
		t.Error("a kind chosen should change the catalog version")
	}
}

// A kind not in the list, and shares on a rate, are refused at their cells.
func TestCatalogKindsRefused(t *testing.T) {
	p := embeddedPlan(t)
	path := writeCatalog(t, p)
	if err := excel.Edit(path, func(e *excel.Editor) error {
		return errors.Join(e.Set("指標", "K"+indicatorRow(t, p, "2-1"), "大概"), e.Set("指標", "L"+indicatorRow(t, p, "53-1"), "各報份額相加"))
	}); err != nil {
		t.Fatal(err)
	}
	got, errs := readCatalog(t, path, p)
	if got != nil || len(errs) != 2 {
		t.Fatalf("want two problems, got %v", errs)
	}
	for i, cell := range []string{"K" + indicatorRow(t, p, "2-1"), "L" + indicatorRow(t, p, "53-1")} {
		if errs[i].Cell != cell || !errors.Is(errs[i], excel.ErrNotInList) || errs[i].Hint == "" {
			t.Errorf("problem %d: %v, want at %s", i, errs[i], cell)
		}
	}
}
