package excel

import (
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestReadOwnWorkbook: a workbook written by this package reads back cell for cell as excelize
// reads it, and formulas are told from text that looks like one.
func TestReadOwnWorkbook(t *testing.T) {
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
	book, err := Open(own, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	got, err := book.Rows("表一")
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(own, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want, _ := f.GetRows("表一", excelize.Options{RawCellValue: true})
	if !reflect.DeepEqual(nonEmpty(got), nonEmpty(want)) {
		t.Errorf("rows %q, excelize reads %q", got, want)
	}
	if f, _ := book.Formula("表一", "D3"); f != "B2*2" {
		t.Errorf("formula D3 = %q", f)
	}
	if f, _ := book.Formula("表一", "C3"); f != "" {
		t.Errorf("text that looks like a formula is not one: %q", f)
	}
}

// nonEmpty is the non-empty cells of rows by name.
func nonEmpty(rows [][]string) map[string]string {
	out := map[string]string{}
	for i, r := range rows {
		for j, v := range r {
			if v != "" {
				out[Cell(i, j)] = v
			}
		}
	}
	return out
}

// TestReadErrorsLocated: a sheet the reader refuses, and a cell it cannot read, are CellErrors
// that name the file and the sheet, in Chinese.
func TestReadErrorsLocated(t *testing.T) {
	wb := NewWorkbook()
	wb.Sheet("表一").Set("A1", "x", StyleCell)
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		t.Fatal(err)
	}
	b, err := Read("回執.xlsx", buf.Bytes(), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	_, err = b.Rows("沒有這張表")
	var ce *CellError
	if !errors.As(err, &ce) || !errors.Is(err, ErrNoSheet) || ce.File != "回執.xlsx" || !strings.Contains(err.Error(), "回執.xlsx 工作表“沒有這張表”:找不到工作表") {
		t.Errorf("missing sheet: %v", err)
	}
	_, err = Read("空.xlsx", nil, DefaultLimits)
	if !errors.As(err, &ce) || ce.File != "空.xlsx" || !strings.Contains(err.Error(), "空.xlsx:不是有效的Excel工作簿(.xlsx)。文件是空的") {
		t.Errorf("empty file: %v", err)
	}
}
