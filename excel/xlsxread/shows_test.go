package xlsxread

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestNumFormatShown: what Excel shows in place of a value, by format code as typed in Excel's
// Format Cells → Custom box, for the value as typed (issue 20).
func TestNumFormatShown(t *testing.T) {
	cases := []struct {
		code, value string
		text        bool   // the value is text
		shown       string // what Excel shows instead of the value; "=" when it shows the value
	}{
		{";;;", "25", false, ""},
		{";;;", "-25", false, ""},
		{";;;", "0", false, ""},
		{";;;", "完成", true, ""},
		{`"已完成"`, "25", false, "已完成"},
		{`"已完成"`, "-25", false, "-已完成"},
		{`"已完成"`, "完成了", true, "="},
		{`\完\成`, "25", false, "完成"},
		{`0;"負數"`, "-3", false, "負數"},
		{`0;"負數"`, "3", false, "="},
		{`0;"負數"`, "0", false, "="},
		{"0;-0;;@", "0", false, ""},
		{"0;-0;;@", "7", false, "="},
		{"0;-0;;@", "七", true, "="},
		{`0;-0;0;"文字"`, "七", true, "文字"},
		{`[>100]"超額";0`, "150", false, "超額"},
		{`[>100]"超額";0`, "50", false, "="},
		{`[Red][<0]"虧損";[Blue]0.0`, "-1", false, "虧損"},
		{`#,##0"家"`, "25", false, "="},
		{`0.00_);[Red](0.00)`, "-2", false, "="},
		{`G/通用格式"萬元"`, "25", false, "="},
		{`[$-804]G/通用格式`, "25", false, "="},
		{`[DBNum1][$-804]General`, "25", false, "="},
		{`yyyy"年"m"月"d"日"`, "44928", false, "="},
		{`[h]:mm`, "1.5", false, "="},
		{`AM/PM`, "0.5", false, "="},
		{`[$€-407]`, "25", false, "€"},
		{`"第"@"號"`, "25", false, "="}, // a text section shows a number in General
		{`_(* ""_)`, "25", false, ""},
		{"@", "25", false, "="},
		{"", "25", false, "="},
	}
	for _, c := range cases {
		f := parseNumFormat(c.code)
		shown, masked := "", false
		switch {
		case f == nil:
		case c.text:
			shown, masked = f.text()
		default:
			n, err := strconv.ParseFloat(c.value, 64)
			if err != nil {
				t.Fatal(err)
			}
			shown, masked = f.number(n)
		}
		got := "="
		if masked {
			got = shown
		}
		if got != c.shown {
			t.Errorf("format %s, value %s: shows %q, want %q", c.code, c.value, got, c.shown)
		}
	}
}

// shownBook is a workbook as a clerk could send it, written by excelize: values behind number
// formats that hide or replace them, a merged cell over values, a date, in the 1904 date system.
func shownBook(t *testing.T) string {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	style := func(code string) int {
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	set := func(cell string, v any, code string) {
		if err := f.SetCellValue(sh, cell, v); err != nil {
			t.Fatal(err)
		}
		if code != "" {
			if err := f.SetCellStyle(sh, cell, cell, style(code)); err != nil {
				t.Fatal(err)
			}
		}
	}
	set("A1", 25, ";;;")
	set("A2", 25, `"已完成"`)
	set("A3", 0, "0;-0;;@")
	set("A4", -3, `0;"負數"`)
	set("A5", 25, `#,##0"家"`)
	set("A6", "看不見的字", ";;;")
	if err := f.MergeCell(sh, "B1", "C2"); err != nil {
		t.Fatal(err)
	}
	set("B1", 1, "")
	set("C3", 4, "")
	set("E1", 43466, "yyyy-mm-dd") // 2023-01-02 in the 1904 system
	yes := true
	if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	// Merging keeps only B1's value, in Excel as in excelize; a program (or a hand editing the
	// XML) can put values under it, and LibreOffice keeps them.
	hidden := strings.NewReplacer(`<c r="B1"><v>1</v></c>`, `<c r="B1"><v>1</v></c><c r="C1"><v>2</v></c>`,
		`<c r="A2" s="2"><v>25</v></c>`, `<c r="A2" s="2"><v>25</v></c><c r="B2"><v>3</v></c><c r="C2"><f>B1*2</f><v>2</v></c>`)
	p := pkgOf(t, buf.Bytes())
	if p["xl/worksheets/sheet1.xml"] = hidden.Replace(p["xl/worksheets/sheet1.xml"]); !strings.Contains(p["xl/worksheets/sheet1.xml"], `r="C2"`) {
		t.Fatal("excelize writes the sheet differently: the cells under the merge were not put in")
	}
	path := filepath.Join(t.TempDir(), "shown.xlsx")
	if err := os.WriteFile(path, p.zip(t), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// pkgOf reads a package's parts.
func pkgOf(t *testing.T, b []byte) pkg {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	p := pkg{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		p[f.Name] = string(data)
	}
	return p
}

// TestWhatExcelShows: a value under a merged cell is not read; a value behind a format that
// hides or replaces it is read as stored, marked, with what Excel shows; the 1904 date system
// is reported. On the workbook as excelize writes it and as LibreOffice re-saves it.
func TestWhatExcelShows(t *testing.T) {
	path := shownBook(t)
	t.Run("excelize", func(t *testing.T) { checkShown(t, path) })
	t.Run("libreoffice", func(t *testing.T) {
		if testing.Short() {
			t.Skip("-short: needs LibreOffice (soffice)")
		}
		if _, err := exec.LookPath("soffice"); err != nil {
			t.Skip("no soffice on PATH:", err)
		}
		out := filepath.Join(t.TempDir(), "lo")
		cmd := exec.Command("soffice", "--headless", "-env:UserInstallation=file://"+filepath.Join(out, "profile"), "--convert-to", "xlsx", "--outdir", out, path)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, b)
		}
		checkShown(t, filepath.Join(out, filepath.Base(path)))
	})
}

func checkShown(t *testing.T, path string) {
	wb, err := openFile(t, path)
	if err != nil {
		t.Fatal(err)
	}
	if !wb.Date1904() {
		t.Error("the 1904 date system not reported")
	}
	sh, err := wb.Sheet("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	cells := map[string]string{}
	addCells(cells, "", sh.Rows())
	want := map[string]struct {
		value string
		kind  Kind
		shown string
	}{
		"A1": {"25", KindMasked, ""},
		"A2": {"25", KindMasked, "已完成"},
		"A3": {"0", KindMasked, ""},
		"A4": {"-3", KindMasked, "負數"},
		"A5": {"25", KindPlain, ""},
		"A6": {"看不見的字", KindMasked, ""},
		"B1": {"1", KindPlain, ""},
		"C1": {"", KindCovered, ""},
		"B2": {"", KindCovered, ""},
		"C2": {"", KindCovered, ""},
		"C3": {"4", KindPlain, ""},
		"E1": {"43466", KindDate, ""},
	}
	for cell, w := range want {
		if v := cells["!"+cell]; v != w.value || sh.Kind(cell) != w.kind || sh.Shown(cell) != w.shown {
			t.Errorf("%s: %q kind %d shown %q; want %q kind %d shown %q", cell, v, sh.Kind(cell), sh.Shown(cell), w.value, w.kind, w.shown)
		}
	}
	if f := sh.Formula("C2"); f != "" {
		t.Errorf("a covered cell's formula is read: %q", f)
	}
	if len(cells) != 9 {
		t.Errorf("cells %v", cells)
	}
}
