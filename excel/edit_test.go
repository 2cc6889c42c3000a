package excel

import (
	"archive/zip"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// markLikeFeedback does to a workbook what feedback does to a return: a cell highlighted and
// commented, and a first sheet added.
func markLikeFeedback(t *testing.T, path, sheet, cell string) {
	t.Helper()
	err := Edit(path, func(e *Editor) error {
		if err := e.Highlight(sheet, cell, "FFC7CE"); err != nil {
			return err
		}
		if err := e.Comment(sheet, cell, "協調辦公室", "請核對"); err != nil {
			return err
		}
		if err := e.FirstSheet("退回意見"); err != nil {
			return err
		}
		return e.Styled("退回意見", "A1", "意見", StyleTitle)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// selectedTabs names the sheets whose view is selected, in workbook order.
func selectedTabs(t *testing.T, path string) []string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	parts := map[string]string{}
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		parts[zf.Name] = string(b)
	}
	targets := map[string]string{}
	for _, m := range regexp.MustCompile(`<Relationship [^>]*>`).FindAllString(parts["xl/_rels/workbook.xml.rels"], -1) {
		id := regexp.MustCompile(`Id="([^"]+)"`).FindStringSubmatch(m)
		target := regexp.MustCompile(`Target="/?(?:xl/)?([^"]+)"`).FindStringSubmatch(m)
		targets[id[1]] = "xl/" + target[1]
	}
	selected := regexp.MustCompile(`<sheetView[^>]*tabSelected="(1|true)"`)
	var out []string
	for _, m := range regexp.MustCompile(`<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"`).FindAllStringSubmatch(parts["xl/workbook.xml"], -1) {
		if selected.MatchString(parts[targets[m[2]]]) {
			out = append(out, m[1])
		}
	}
	return out
}

// A return with a chart sheet (a person charting the ledger) gets its first sheet: excelize's
// MoveSheet panicked on it. Only the new sheet is selected, even with a worksheet selected after
// the chart sheet, and the print titles stay on their sheets.
func TestFirstSheetWithChartSheet(t *testing.T) {
	f := excelize.NewFile()
	for i, name := range []string{"工作臺賬", "後面"} {
		if i > 0 {
			if _, err := f.NewSheet(name); err != nil {
				t.Fatal(err)
			}
		} else if err := f.SetSheetName("Sheet1", name); err != nil {
			t.Fatal(err)
		}
		f.SetCellValue(name, "A1", name)
		f.SetCellValue(name, "B1", 25)
		f.SetCellValue(name, "B2", 30)
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'工作臺賬'!$1:$3", Scope: "工作臺賬"}); err != nil {
		t.Fatal(err)
	}
	f.SetActiveSheet(1) // 後面
	chart := &excelize.Chart{Type: excelize.Col, Series: []excelize.ChartSeries{{Name: "'工作臺賬'!$A$1", Values: "'工作臺賬'!$B$1:$B$2"}}}
	if err := f.AddChartSheet("圖表", chart); err != nil {
		t.Fatal(err)
	}
	// The chart sheet goes before 後面, which stays the selected tab (MoveSheet would panic).
	sheets := f.WorkBook.Sheets.Sheet
	sheets[1], sheets[2] = sheets[2], sheets[1]
	f.WorkBook.BookViews.WorkBookView[0].ActiveTab = 2
	path := filepath.Join(t.TempDir(), "return.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if got := selectedTabs(t, path); !slices.Equal(got, []string{"後面"}) {
		t.Fatalf("the return's selected tabs: %v", got)
	}

	markLikeFeedback(t, path, "工作臺賬", "B1")
	book, err := Open(path, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	if want := []string{"退回意見", "工作臺賬", "圖表", "後面"}; !slices.Equal(book.Sheets(), want) {
		t.Errorf("sheets %v, want %v", book.Sheets(), want)
	}
	if got := selectedTabs(t, path); !slices.Equal(got, []string{"退回意見"}) {
		t.Errorf("selected tabs %v, want only the first sheet (more are a group)", got)
	}
	if info, err := book.Inspect("工作臺賬"); err != nil || info.PrintTitles != "$1:$3" {
		t.Errorf("工作臺賬 print titles %q (%v)", info.PrintTitles, err)
	}
	if fill, err := book.Fill("工作臺賬", "B1"); fill != "FFC7CE" {
		t.Errorf("B1 fill %q (%v)", fill, err)
	}
}

// A panic while editing one workbook is an error about it.
func TestEditRecovers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.xlsx")
	f := excelize.NewFile()
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var nilMap map[string]int
	err := Edit(path, func(e *Editor) error {
		nilMap["x"] = 1
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "a.xlsx") {
		t.Errorf("err = %v, want the panic as an error naming the file", err)
	}
}
