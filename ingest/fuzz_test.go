package ingest

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/templates/ledger"
)

// FuzzParseValue: whatever is typed, the parser returns the raw text unchanged and either a
// finite number below maxMagnitude, nothing reported, or a flag with a note; never a panic. A
// number typed without separators reads the same with its thousands grouped by commas, and a
// comma that groups no thousands makes it no number at all (issue 20).
func FuzzParseValue(f *testing.F) {
	for _, s := range []string{"25", "25家", "２５", "1,200", "1.2萬", "5.8%", "0.058", "約30", "三十", "30左右", "2023-03-15", "", "—", "無",
		"=SUM(A1)", "1e308", "-0", "三点五万", "一千零一十", "18家(其中3家)", "9999999999999999999999999", "1e300億", "1,5", "1.234,5", "2 5",
		"12345678.25萬", "-1234"} {
		f.Add(s, "家", 25.0)
		f.Add(s, "%", 5.8)
		f.Add(s, "萬千瓦", 7500.0)
	}
	f.Fuzz(func(t *testing.T, raw, unit string, target float64) {
		ind := &taizhang.Indicator{ID: "1-1", Comparator: taizhang.AtLeast, Value: &target, Unit: unit}
		v := ParseValue(raw, ind, false)
		if v.Raw != raw {
			t.Fatalf("raw changed: %q → %q", raw, v.Raw)
		}
		switch {
		case v.Number != nil:
			if n := *v.Number; math.IsNaN(n) || math.IsInf(n, 0) || math.Abs(n) >= maxMagnitude || v.Flag == FlagInvalid || v.Flag == FlagUnit {
				t.Fatalf("%q: number %v with flag %s", raw, n, v.Flag)
			}
		case v.Empty:
		default:
			if v.Flag == "" || v.Note == "" {
				t.Fatalf("%q: neither a number, empty, nor flagged: %+v", raw, v)
			}
		}
		m := rePlainNumber.FindStringSubmatch(raw)
		if m == nil {
			return
		}
		grouped := m[1] + groupThousands(m[2]) + m[3] + m[4]
		if g := ParseValue(grouped, ind, false); v.Number != nil && (g.Number == nil || *g.Number != *v.Number) {
			t.Fatalf("%q reads %v, %q reads %+v", raw, *v.Number, grouped, g)
		}
		if len(m[2]) != 4 { // a comma after the first digit groups len-1 digits, not three
			bad := m[1] + m[2][:1] + "," + m[2][1:] + m[3] + m[4]
			if b := ParseValue(bad, ind, false); b.Number != nil {
				t.Fatalf("%q reads %v: the comma groups no thousands", bad, *b.Number)
			}
		}
	})
}

// rePlainNumber is a number typed with no separator, at least four digits before any decimals,
// and no other digit after it.
var rePlainNumber = regexp.MustCompile(`^([+-]?)([1-9][0-9]{3,})(\.[0-9]+)?([^0-9]*)$`)

// groupThousands puts a comma before every third digit from the right: 1234567 → 1,234,567.
func groupThousands(digits string) string {
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
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
