package ingest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	taizhang "taizhang"
	"taizhang/internal/ledgertest"
	"taizhang/templates/ledger"
)

// A return whose 2-1 was filled with 25 (its value cell is at, J5 today), then changed the way Excel would show it
// differently from what it stores (issue 20, "What Excel shows, in three more cases" and "A row
// element numbered 0").
type shownReturn struct {
	name   string
	sheet  func(t *testing.T, s, at string) string // the ledger sheet's XML
	styles func(s string) string
	book   func(s string) string // workbook.xml
	code   string                // the refusal code, or the finding at the value cell ("" for none)
	reason string                // part of the reason or of the finding's message
	value  *float64              // 2-1's value when it is taken
	filled string                // the 填報日期 read, when it is checked
}

// formatStyle adds a cell format with number format code and returns a patch of styles.xml;
// the format's index is formatXF.
func formatStyle(code string) func(string) string {
	return func(s string) string {
		numFmt := fmt.Sprintf(`<numFmt numFmtId="200" formatCode="%s"/>`, strings.ReplaceAll(code, `"`, "&quot;"))
		s = strings.Replace(s, `</numFmts>`, numFmt+`</numFmts>`, 1)
		end := strings.Index(s, "</cellXfs>")
		n := strings.Count(s[strings.Index(s, "<cellXfs"):end], "<xf ")
		s = s[:end] + strings.Repeat(`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`, formatXF-n) +
			`<xf numFmtId="200" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` + s[end:]
		return regexp.MustCompile(`<cellXfs count="\d+"`).ReplaceAllString(s, fmt.Sprintf(`<cellXfs count="%d"`, formatXF+1))
	}
}

const formatXF = 98

func styled(t *testing.T, s, at string) string {
	return setCell(t, s, at, fmt.Sprintf(`<c r="%s" s="%d"><v>25</v></c>`, at, formatXF))
}

var shownReturns = []shownReturn{
	{name: "hidden-by-format.xlsx", sheet: styled, styles: formatStyle(";;;"), code: FlagInvalid, reason: "數字格式把所填的“25”隱藏了"},
	{name: "replaced-by-format.xlsx", sheet: styled, styles: formatStyle(`"已完成"`), code: FlagInvalid, reason: "顯示為“已完成”,文件中存的卻是“25”"},
	{name: "zero-hidden.xlsx", sheet: func(t *testing.T, s, at string) string {
		return setCell(t, s, at, fmt.Sprintf(`<c r="%s" s="%d"><v>0</v></c>`, at, formatXF))
	}, styles: formatStyle("0;-0;;@"), code: FlagInvalid, reason: "隱藏"},
	{name: "unit-in-format.xlsx", sheet: styled, styles: formatStyle(`0"家"`), value: num(25)},
	{name: "under-a-merge.xlsx", sheet: func(t *testing.T, s, at string) string {
		return strings.Replace(s, `</sheetData>`, `</sheetData><mergeCells count="1"><mergeCell ref="I5:`+at+`"/></mergeCells>`, 1)
	}, code: FlagInvalid, reason: "被合併單元格遮住"},
	{name: "merge-starting-at-the-value.xlsx", sheet: func(t *testing.T, s, at string) string {
		return strings.Replace(s, `</sheetData>`, `</sheetData><mergeCells count="1"><mergeCell ref="`+at+`:`+at[:1]+`6"/></mergeCells>`, 1)
	}, value: num(25)},
	{name: "row-zero.xlsx", sheet: func(t *testing.T, s, _ string) string {
		return strings.Replace(s, `<sheetData>`, `<sheetData><row r="0"/>`, 1)
	}, code: string(taizhang.RefusedMalformed), reason: "行號或列號無效(“第0行”)"},
	{name: "date1904.xlsx", book: func(s string) string {
		return regexp.MustCompile(`<workbookPr `).ReplaceAllString(s, `<workbookPr date1904="1" `)
	}, value: num(25), filled: "2023-01-02"},
}

// TestWhatExcelShowsIngested: each return is taken as Excel shows it: a value under a merged
// cell or behind a number format that hides or replaces it is invalid_value with what was
// stored and what Excel shows; the 填報日期 of a 1904-date-system workbook is the day the clerk
// saw; a row numbered 0 is refused as such. Before: 25 was stored from all three cells with no
// finding, the date came out four years and a day early (2018-12-31), and row 0 was refused as
// "XML不完整或有語法錯誤".
func TestWhatExcelShowsIngested(t *testing.T) {
	e := newEnv(t)
	tpl := e.template("省科技廳", "2023-Q1")
	for i, c := range shownReturns {
		t.Run(c.name, func(t *testing.T) {
			path, at := shownFile(t, e, tpl, c)
			o := outcome(t, e.run([]string{path}, Options{Received: time.Now().Add(time.Duration(i) * time.Second)}), c.name)
			checkShownOutcome(t, e, o, c, at)
		})
	}
}

// TestWhatExcelShowsThroughLibreOffice: a return whose value a number format replaces, re-saved
// by LibreOffice, is flagged the same way.
func TestWhatExcelShowsThroughLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: needs LibreOffice (soffice)")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice is not installed")
	}
	e := newEnv(t)
	tpl := e.template("省科技廳", "2023-Q1")
	cases := []shownReturn{shownReturns[1], shownReturns[4], shownReturns[7]}
	out := filepath.Join(e.dir, "resaved")
	args := []string{"-env:UserInstallation=file://" + filepath.Join(e.dir, "lo"), "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out}
	cells := map[string]string{}
	for _, c := range cases {
		path, at := shownFile(t, e, tpl, c)
		args, cells[c.name] = append(args, path), at
	}
	if b, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v %s", err, b)
	}
	for i, c := range cases {
		o := outcome(t, e.run([]string{filepath.Join(out, c.name)}, Options{Received: time.Now().Add(time.Duration(i) * time.Second)}), c.name)
		checkShownOutcome(t, e, o, c, cells[c.name])
	}
}

// shownFile writes a case's return: the template filled (2-1 = 25, 填報日期 typed as a date),
// then its parts patched. It returns the file and 2-1's value cell.
func shownFile(t *testing.T, e *env, tpl string, c shownReturn) (path, at string) {
	r := ledgertest.Read(t, tpl)
	dateAt := r.FillerAt["填報日期"]
	for _, row := range r.Rows {
		if row.ID == "2-1" {
			at = row.Cell(ledger.ColValue)
		}
	}
	path = e.returned(tpl, c.name)
	fill(t, path, map[string]any{"2-1": 25.0})
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b = patchPart(t, b, "xl/worksheets/sheet2.xml", func(s string) string {
		// 2023-01-02 typed into a date cell: 44928 in the 1900 date system, 43466 in the 1904 one
		serial := map[bool]string{false: "44928", true: "43466"}[c.book != nil]
		s = setCell(t, s, dateAt, `<c r="`+dateAt+`" s="`+dateStyle+`"><v>`+serial+`</v></c>`)
		if c.sheet != nil {
			s = c.sheet(t, s, at)
		}
		return s
	})
	b = patchPart(t, b, "xl/styles.xml", func(s string) string {
		if c.styles != nil {
			s = c.styles(s)
		}
		return addDateStyle(t)(s)
	})
	if c.book != nil {
		b = patchPart(t, b, "xl/workbook.xml", c.book)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, at
}

func checkShownOutcome(t *testing.T, e *env, o Outcome, c shownReturn, at string) {
	t.Helper()
	if c.code == string(taizhang.RefusedMalformed) {
		if o.Kind != Refused || string(o.Code) != c.code || !strings.Contains(o.Reason, c.reason) || strings.Contains(o.Reason, "XML不完整") {
			t.Fatalf("%s %s %q; want refused %s with %q", o.Kind, o.Code, o.Reason, c.code, c.reason)
		}
		return
	}
	if o.Kind != Accepted && o.Kind != Superseded {
		t.Fatalf("%s %s %q; want accepted", o.Kind, o.Code, o.Reason)
	}
	sub, _ := current21(t, e, c.value)
	var found []string
	for _, f := range sub.Findings {
		if f.Indicator == "2-1" && f.Cell == at {
			found = append(found, string(f.Code)+" "+f.Message)
		}
	}
	if c.code == "" && len(found) > 0 || c.code != "" && (len(found) != 1 || !strings.Contains(found[0], c.code) || !strings.Contains(found[0], c.reason)) {
		t.Errorf("findings at %s %q; want %s with %q", at, found, c.code, c.reason)
	}
	if c.filled != "" && sub.FilledDate != c.filled {
		t.Errorf("填報日期 %q, want %q", sub.FilledDate, c.filled)
	}
}
