package xlsxread

import (
	"bufio"
	"bytes"
	"context"
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
				out[sheet+"!"+CellName(i, j)] = v
			}
		}
	}
}

// readBytes opens a workbook held in memory.
func readBytes(b []byte, lim Limits) (*Workbook, error) {
	return Open(context.Background(), bytes.NewReader(b), int64(len(b)), lim)
}

// rows reads one sheet's rows.
func (l *Workbook) rows(sheet string) ([][]string, error) {
	s, err := l.Sheet(sheet)
	if err != nil {
		return nil, err
	}
	return s.Rows(), nil
}

// ownCells reads every sheet with this package's reader.
func ownCells(b []byte) (map[string]string, error) {
	book, err := readBytes(b, Limits{Sheets: 1000})
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, s := range book.Sheets() {
		rows, err := book.rows(s)
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

// excelizeMisreads are corpus files excelize reads wrongly; this reader's cells are
// compared with a golden file instead, checked by hand against openpyxl and LibreOffice.
var excelizeMisreads = map[string]string{
	"sheetjs__wtf_path.xlsx":          "excelize assumes the workbook is at xl/workbook.xml; this one is at wtf/workbook.xml",
	"calamine__strict_iso_paths.xlsx": "Strict OOXML: excelize does not know its namespaces",
}

// TestMatchesExcelize: every workbook of the checked-in corpus (testdata/corpus, real files
// from Excel, WPS, LibreOffice, Numbers, Google Sheets and libraries) that is readable is read
// cell for cell as excelize reads it, with no cell missing and none extra; every one that is
// not is refused with an Error.
func TestMatchesExcelize(t *testing.T) {
	for _, c := range corpusManifest(t) {
		t.Run(c.name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "corpus", c.name))
			if err != nil {
				t.Fatal(err)
			}
			got, err := ownCells(b)
			if !strings.HasPrefix(c.expected, "readable") {
				var ce *Error
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
