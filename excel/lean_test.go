package excel

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite golden files")

// excelizeCells reads every sheet the reference way (excelize, raw values) as "Sheet!A1" → value.
func excelizeCells(b []byte) (map[string]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		addCells(out, sheet, rows)
	}
	return out, nil
}

func addCells(out map[string]string, sheet string, rows [][]string) {
	for i, r := range rows {
		for j, v := range r {
			if v != "" {
				out[sheet+"!"+Cell(i, j)] = v
			}
		}
	}
}

// leanCells reads every sheet with the lean reader.
func leanCells(b []byte) (map[string]string, error) {
	book, err := Read("x.xlsx", b, Limits{Sheets: 1000})
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, s := range book.Sheets() {
		rows, err := book.Rows(s)
		if err != nil {
			return nil, err
		}
		addCells(out, s, rows)
	}
	return out, nil
}

// diffCells lists every cell one reader has and the other has not, or reads differently.
func diffCells(got, want map[string]string) []string {
	var d []string
	for k, v := range want {
		if g, ok := got[k]; !ok {
			d = append(d, fmt.Sprintf("%s: missing (want %q)", k, v))
		} else if g != v {
			d = append(d, fmt.Sprintf("%s: %q, want %q", k, g, v))
		}
	}
	for k, v := range got {
		if _, ok := want[k]; !ok {
			d = append(d, fmt.Sprintf("%s: extra cell %q", k, v))
		}
	}
	sort.Strings(d)
	return d
}

func dumpCells(m map[string]string) string {
	var lines []string
	for k, v := range m {
		lines = append(lines, k+"\t"+strings.ReplaceAll(v, "\n", `\n`))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}

// excelizeMisreads are corpus files excelize reads wrongly; the lean reader's cells are
// compared with a golden file instead, checked by hand against openpyxl and LibreOffice.
var excelizeMisreads = map[string]string{
	"sheetjs__wtf_path.xlsx":          "excelize assumes the workbook is at xl/workbook.xml; this one is at wtf/workbook.xml",
	"calamine__strict_iso_paths.xlsx": "Strict OOXML: excelize does not know its namespaces",
}

// TestLeanMatchesExcelize: every workbook of the checked-in corpus (testdata/corpus, real files
// from Excel, WPS, LibreOffice, Numbers, Google Sheets and libraries) that is readable is read
// by the lean reader cell for cell as excelize reads it, with no cell missing and none extra;
// every one that is not is refused with a CellError.
func TestLeanMatchesExcelize(t *testing.T) {
	for _, c := range corpusManifest(t) {
		t.Run(c.name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "corpus", c.name))
			if err != nil {
				t.Fatal(err)
			}
			got, err := leanCells(b)
			if !strings.HasPrefix(c.expected, "readable") {
				var ce *CellError
				if err == nil || !errors.As(err, &ce) {
					t.Fatalf("expected %q, got %v", c.expected, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("readable workbook refused: %v", err)
			}
			if why, ok := excelizeMisreads[c.name]; ok {
				golden := filepath.Join("testdata", "corpus", c.name+".golden")
				if *update {
					os.WriteFile(golden, []byte(dumpCells(got)), 0o644)
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatal(err)
				}
				if dumpCells(got) != string(want) {
					t.Errorf("cells differ from %s (%s):\n%s", golden, why, dumpCells(got))
				}
				return
			}
			want, err := excelizeCells(b)
			if err != nil {
				t.Fatalf("excelize: %v", err)
			}
			if d := diffCells(got, want); len(d) > 0 {
				t.Errorf("%d cells differ from excelize's:\n%s", len(d), strings.Join(d[:min(len(d), 20)], "\n"))
			}
		})
	}
}

type corpusFile struct{ name, expected string }

func corpusManifest(t *testing.T) []corpusFile {
	f, err := os.Open(filepath.Join("testdata", "corpus", "MANIFEST.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []corpusFile
	sc := bufio.NewScanner(f)
	sc.Scan()
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		out = append(out, corpusFile{cols[0], cols[1]})
	}
	if len(out) < 20 {
		t.Fatalf("corpus has %d files", len(out))
	}
	return out
}

// TestLeanOwnWorkbook: a workbook written by this package reads back cell for cell, formulas
// are told from text that looks like one.
func TestLeanOwnWorkbook(t *testing.T) {
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
	b, _ := os.ReadFile(own)
	got, err := leanCells(b)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := excelizeCells(b)
	if d := diffCells(got, want); len(d) > 0 {
		t.Errorf("differ: %v", d)
	}
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
