package simulate

import (
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/data"
	"taizhang/excel"
	"taizhang/templates/ledger"
)

func TestGenerateIsDeterministicAndTroubled(t *testing.T) {
	p, err := catalog.Parse(data.DefaultPlanName, data.DefaultPlan)
	if err != nil {
		t.Fatal(err)
	}
	period, _ := taizhang.ParsePeriod("2023-Q2")
	key := []byte("k")
	gen := func(dir string) []Return {
		rets, err := Generate(Options{Plan: p, CatalogHash: catalog.Hash(p), Key: key, Period: period, Seed: 7, Dir: dir, Trouble: true,
			Previous: map[string]map[string]float64{"省工業和信息化廳": {"12-1": 0.5, "13-1": 20}, "省水利廳": {"35-1": 10}}})
		if err != nil {
			t.Fatal(err)
		}
		return rets
	}
	a, b := gen(filepath.Join(t.TempDir(), "a")), gen(filepath.Join(t.TempDir(), "b"))
	strip := func(rs []Return) []Return {
		out := make([]Return, len(rs))
		for i, r := range rs {
			r.Path = filepath.Base(r.Path)
			out[i] = r
		}
		return out
	}
	if !reflect.DeepEqual(strip(a), strip(b)) {
		t.Error("the same seed gave different returns")
	}
	var troubles []string
	missing, late := 0, 0
	for _, r := range a {
		switch {
		case r.Path == "":
			missing++
		case r.Late:
			late++
		}
		if r.Trouble != "" && r.Trouble != "未報送" && r.Trouble != "逾期報送" {
			troubles = append(troubles, r.Trouble)
		}
	}
	sort.Strings(troubles)
	if missing != 2 || late != 2 || len(troubles) < 6 {
		t.Errorf("missing %d, late %d, troubles %v", missing, late, troubles)
	}
	// A clean return is a valid, signed, filled ledger with the 填報人 block.
	for _, r := range a {
		if r.Trouble != "" || r.Path == "" {
			continue
		}
		book, err := excel.Open(r.Path, excel.DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		ret, err := ledger.ReadReturned(book)
		book.Close()
		if err != nil || ret.Verify(key) != nil || ret.Filler["填報人"] == "" || !strings.HasPrefix(ret.Filler["聯繫電話"], "0531-") {
			t.Fatalf("%s: %v %+v", r.Path, err, ret.Filler)
		}
		filled := 0
		for _, row := range ret.Rows {
			if row.Cells[ledger.ColProgress] != "" {
				filled++
			}
		}
		if filled < len(ret.Rows)*3/4 {
			t.Errorf("%s: only %d of %d rows have progress text", r.Path, filled, len(ret.Rows))
		}
		break
	}
}
