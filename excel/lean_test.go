package excel

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// excelizeRows reads a sheet the reference way: excelize, raw values, trailing empties trimmed.
func excelizeRows(t *testing.T, b []byte, sheet string) [][]string {
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func trimRows(rows [][]string) [][]string {
	var out [][]string
	for _, r := range rows {
		for len(r) > 0 && r[len(r)-1] == "" {
			r = r[:len(r)-1]
		}
		out = append(out, r)
	}
	for len(out) > 0 && len(out[len(out)-1]) == 0 {
		out = out[:len(out)-1]
	}
	return out
}

func sameRows(a, b [][]string) bool {
	a, b = trimRows(a), trimRows(b)
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(a[i], "\x1f") != strings.Join(b[i], "\x1f") {
			return false
		}
	}
	return true
}

// TestLeanMatchesExcelize: for every real xlsx at hand, the lean reader either declines (and
// excelize reads it) or reads every sheet exactly as excelize does.
func TestLeanMatchesExcelize(t *testing.T) {
	var files []string
	if m, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "foreign", "*.xls[xm]")); m != nil {
		files = append(files, m...)
	}
	wb := NewWorkbook()
	sh := wb.Sheet("表一")
	sh.Set("A1", "標題 & <符號>", StyleTitle).Set("B2", 25.5, StyleCell).Set("C3", "=不是公式", StyleCell).Formula("D3", "B2*2", StylePercent)
	if err := sh.Err(); err != nil {
		t.Fatal(err)
	}
	own := filepath.Join(t.TempDir(), "own.xlsx")
	if err := wb.SaveAs(own); err != nil {
		t.Fatal(err)
	}
	files = append(files, own)
	leanCount := 0
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := sniff(filepath.Base(path), b, DefaultLimits)
		if err != nil {
			continue
		}
		l, err := openLean(zr, DefaultLimits)
		if err != nil {
			t.Logf("%s: lean declines (%v); excelize reads it", filepath.Base(path), err)
			continue
		}
		leanCount++
		for _, s := range l.sheets {
			lr, err := l.sheet(s.name)
			if err != nil {
				t.Logf("%s!%s: lean declines the sheet (%v)", filepath.Base(path), s.name, err)
				continue
			}
			want := excelizeRows(t, b, s.name)
			if !sameRows(lr.rows, want) && covers(lr.rows, want) {
				t.Logf("%s!%s: the lean reader reads cells excelize misses", filepath.Base(path), s.name)
				continue
			}
			if !sameRows(lr.rows, want) {
				a, w := trimRows(lr.rows), trimRows(want)
				i := 0
				for i < len(a) && i < len(w) && strings.Join(a[i], "\x1f") == strings.Join(w[i], "\x1f") {
					i++
				}
				var ga, gw []string
				if i < len(a) {
					ga = a[i]
				}
				if i < len(w) {
					gw = w[i]
				}
				t.Errorf("%s!%s: lean rows differ from excelize's at row %d (%d vs %d rows)\n lean %q\n want %q", filepath.Base(path), s.name, i+1, len(a), len(w), ga, gw)
			}
		}
	}
	if leanCount < len(files)/2 {
		t.Errorf("the lean reader read only %d of %d files", leanCount, len(files))
	}
	t.Logf("lean reader read %d of %d files", leanCount, len(files))
	book, err := Open(own, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	if f, _ := book.Formula("表一", "D3"); f != "B2*2" {
		t.Errorf("formula D3 = %q", f)
	}
	if f, _ := book.Formula("表一", "C3"); f != "" {
		t.Errorf("text that looks like a formula is not one: %q", f)
	}
}

// covers: every non-empty cell excelize read, the lean reader read with the same value.
func covers(lean, want [][]string) bool {
	for i, r := range want {
		for j, v := range r {
			if v == "" {
				continue
			}
			if i >= len(lean) || j >= len(lean[i]) || lean[i][j] != v {
				return false
			}
		}
	}
	return true
}
