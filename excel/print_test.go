package excel

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"
)

// Body rows of a table size themselves (no customHeight, an estimated ht); the footer of a long
// name is cut to what Excel accepts; A3 is honoured.
func TestPrintSetupAndAutoHeights(t *testing.T) {
	wb := NewWorkbook()
	wb.Paper = A3
	long := strings.Repeat("很長的單位名稱", 60)
	if err := wb.AddTable(Table{Sheet: "表", Title: "標題", Footer: long, Columns: []Column{{Header: "甲", Width: 10}, {Header: "乙", Width: 20, Wrap: true}},
		Rows: [][]any{{"一", strings.Repeat("字", 100)}, {"二", "短"}}}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		t.Fatal(err)
	}
	wb.Close()
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var sheet []byte
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			rc, _ := f.Open()
			sheet, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	rows := map[string]string{}
	for _, m := range regexp.MustCompile(`<row r="(\d+)"[^>]*>`).FindAllSubmatch(sheet, -1) {
		rows[string(m[1])] = string(m[0])
	}
	if !strings.Contains(rows["1"], `customHeight="true"`) && !strings.Contains(rows["1"], `customHeight="1"`) {
		t.Errorf("the title keeps its height: %s", rows["1"])
	}
	for _, r := range []string{"3", "4"} {
		if strings.Contains(rows[r], "customHeight") || !strings.Contains(rows[r], `ht="`) {
			t.Errorf("body row %s should size itself with an estimate: %s", r, rows[r])
		}
	}
	if !regexp.MustCompile(`<row r="3"[^>]*ht="(\d\d+)`).Match(sheet) {
		t.Errorf("a 100-character cell in a 20-wide column needs several lines: %s", rows["3"])
	}
	book, err := Read("t.xlsx", buf.Bytes(), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	info, err := book.Inspect("表")
	if err != nil {
		t.Fatal(err)
	}
	if n := len([]rune(info.Footer)); n > 255 || !strings.Contains(info.Footer, "&P") || info.PaperA4 || !info.Landscape || info.FitToHeight != 0 {
		t.Errorf("footer of %d characters, settings %+v", n, info)
	}
}
