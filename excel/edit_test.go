package excel

import (
	"archive/zip"
	"bytes"
	"errors"
	"image"
	"image/png"
	"io"
	"os"
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

// A return saved as Strict Open XML, which the reader takes, is marked and still opens: excelize
// wrote its workbook part in the Transitional form with conformance="strict" kept and the r:
// prefix of its sheets undeclared, a workbook no reader opens, and left the parts it did not
// read (shared strings, properties) Strict, which openpyxl reads as empty.
func TestEditStrictWorkbook(t *testing.T) {
	src := filepath.Join("xlsxread", "testdata", "corpus", "calamine__strict_iso_paths.xlsx")
	path := filepath.Join(t.TempDir(), "strict.xlsx")
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	before, err := Open(path, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	sheet := before.Sheets()[0]
	rows, err := before.Rows(sheet)
	before.Close()
	if err != nil || !before.Strict() {
		t.Fatalf("%s: %v, strict %v", src, err, before.Strict())
	}

	// Marked without a new string, so that the shared strings stay as excelize read them.
	err = Edit(path, func(e *Editor) error {
		return errors.Join(e.Highlight(sheet, "A1", "FFC7CE"), e.Comment(sheet, "A1", "協調辦公室", "請核對"), e.FirstSheet("退回意見"))
	})
	if err != nil {
		t.Fatal(err)
	}
	book, err := Open(path, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	if want := []string{"退回意見", sheet}; !slices.Equal(book.Sheets(), want) {
		t.Errorf("sheets %v, want %v", book.Sheets(), want)
	}
	got, err := book.Rows(sheet)
	if err != nil || !slices.EqualFunc(got, rows, slices.Equal) {
		t.Errorf("%s's cells changed (%v)", sheet, err)
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		part, _ := io.ReadAll(rc)
		rc.Close()
		// A package is Strict or Transitional throughout; excelize writes the parts it reads as
		// Transitional, so every part must be.
		if bytes.Contains(part, []byte(`conformance="strict"`)) || bytes.Contains(part, []byte("http://purl.oclc.org/ooxml/")) {
			t.Errorf("%s is still Strict in a Transitional package", zf.Name)
		}
		if m := regexp.MustCompile(`="-?[0-9.]+%"`).Find(part); m != nil && strings.HasPrefix(zf.Name, "xl/theme/") {
			t.Errorf("%s has a Strict percentage, %s", zf.Name, m)
		}
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

// A sheet's first note goes where excelize would put it only when nothing else is there: a check
// box or a footer picture is in the drawing it would name, which would then carry the note too
// (belonging to two sheets, or failing: excelize reads a picture's shape id as a number). Such a
// note is refused; a sheet whose own drawing holds check boxes, or that has notes, takes more.
func TestNoteBesideAnotherDrawing(t *testing.T) {
	var pic bytes.Buffer
	if err := png.Encode(&pic, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		other func(f *excelize.File) error
		taken bool // every later note is refused too: no notes part ever comes
	}{
		{"check box", func(f *excelize.File) error {
			return f.AddFormControl("表二", excelize.FormControl{Cell: "B2", Type: excelize.FormControlCheckBox, Text: "已核"})
		}, false},
		{"footer picture", func(f *excelize.File) error {
			return f.AddHeaderFooterImage("表二", &excelize.HeaderFooterImageOptions{Position: excelize.HeaderFooterImagePositionRight,
				IsFooter: true, File: pic.Bytes(), Extension: ".png", Width: "10pt", Height: "10pt"})
		}, true},
	} {
		f := excelize.NewFile()
		if _, err := f.NewSheet("表二"); err != nil {
			t.Fatal(err)
		}
		f.SetCellValue("Sheet1", "A1", "值")
		if err := tc.other(f); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "return.xlsx")
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		f.Close()
		for i, sheet := range []string{"Sheet1", "表二", "Sheet1"} {
			err := Edit(path, func(e *Editor) error { return e.Comment(sheet, "A1", "協調辦公室", "請核對") })
			if want := i == 0 || tc.taken; errors.Is(err, ErrNoNote) != want || (err != nil && !errors.Is(err, ErrNoNote)) {
				t.Errorf("%s: note %d, on %s: %v, want refused %v", tc.name, i+1, sheet, err, want)
			}
		}
		book, err := Open(path, DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		for _, sheet := range []string{"Sheet1", "表二"} {
			if notes, err := book.Comments(sheet); err != nil || (len(notes) == 1) == tc.taken {
				t.Errorf("%s: %s has notes %v (%v)", tc.name, sheet, notes, err)
			}
		}
		book.Close()
	}
}
