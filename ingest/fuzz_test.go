package ingest

import (
	"os"
	"path/filepath"
	"testing"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/templates/ledger"
)

// FuzzParseValue: whatever is typed, the parser returns the raw text unchanged and either a finite
// number, nothing reported, or a flag with a note; never a panic.
func FuzzParseValue(f *testing.F) {
	for _, s := range []string{"25", "25家", "２５", "1,200", "1.2萬", "5.8%", "0.058", "約30", "三十", "30左右", "2023-03-15", "", "—", "無",
		"=SUM(A1)", "1e308", "-0", "三点五万", "一千零一十", "18家(其中3家)", "9999999999999999999999999"} {
		f.Add(s, "家", 25.0)
		f.Add(s, "%", 5.8)
		f.Add(s, "萬千瓦", 7500.0)
	}
	f.Fuzz(func(t *testing.T, raw, unit string, target float64) {
		v := ParseValue(raw, &taizhang.Indicator{ID: "1-1", Comparator: taizhang.AtLeast, Value: &target, Unit: unit}, false)
		if v.Raw != raw {
			t.Fatalf("raw changed: %q → %q", raw, v.Raw)
		}
		switch {
		case v.Number != nil:
			if *v.Number != *v.Number || v.Flag == FlagInvalid || v.Flag == FlagUnit {
				t.Fatalf("%q: number %v with flag %s", raw, *v.Number, v.Flag)
			}
		case v.Empty:
		default:
			if v.Flag == "" || v.Note == "" {
				t.Fatalf("%q: neither a number, empty, nor flagged: %+v", raw, v)
			}
		}
	})
}

// FuzzReadLedger: any bytes offered as a returned ledger are read or refused with an error;
// never a panic, and a ledger that reads has rows with ids and cells.
func FuzzReadLedger(f *testing.F) {
	e := newEnv(f)
	b, err := os.ReadFile(e.template("省科技廳", "2023-Q1"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add(b[:len(b)*2/3])
	// The checked-in returns, each a small real ledger with one oddity.
	seeds, _ := filepath.Glob(filepath.Join("testdata", "returns", "*.xlsx"))
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		book, err := excel.Read("fuzz.xlsx", data, excel.DefaultLimits)
		if err != nil {
			return
		}
		defer book.Close()
		r, err := ledger.ReadReturned(book)
		if err != nil {
			return
		}
		_ = r.Verify(e.key)
		for _, row := range r.Rows {
			if row.ID == "" || len(row.Cells) != len(ledger.LedgerHeaders) {
				t.Fatalf("row %+v", row)
			}
		}
	})
}
