package ledger

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/data"
	"taizhang/excel"
	"taizhang/internal/testenv"
	"taizhang/templates"
)

var testKey = []byte("0123456789abcdef0123456789abcdef")

func embeddedPlan(t testing.TB) *taizhang.Plan {
	t.Helper()
	p, err := catalog.Parse(data.DefaultPlanName, data.DefaultPlan)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func ledgerSpec(p *taizhang.Plan, agency string) LedgerSpec {
	period, _ := taizhang.ParsePeriod("2023-Q1")
	return LedgerSpec{Plan: p, CatalogHash: catalog.Hash(p), Agency: agency, Period: period, LedgerID: "t-" + agency,
		IssuedAt: time.Date(2023, 3, 20, 8, 0, 0, 0, time.UTC), Deadline: time.Date(2023, 4, 10, 0, 0, 0, 0, time.UTC), Contact: "張三 0531-12345678", Key: testKey}
}

func writeLedger(t testing.TB, dir string, spec LedgerSpec) string {
	t.Helper()
	wb, _, err := Ledger(spec)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	path := filepath.Join(dir, templates.FileName(spec.Period.String(), spec.Agency, map[string]bool{}))
	if err := wb.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func openBook(t testing.TB, path string) *excel.Book {
	t.Helper()
	book, err := excel.Open(path, excel.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { book.Close() })
	return book
}

func readReturned(t testing.TB, path string) *Returned {
	t.Helper()
	r, err := ReadReturned(openBook(t, path))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// expectedRows lists, independently of RowsFor, the ids and roles an agency's ledger must have.
func expectedRows(p *taizhang.Plan, agency string) []string {
	var out []string
	for _, t := range p.Tasks {
		role := ""
		for _, n := range t.Lead {
			if n == agency {
				role = "牽頭"
			}
		}
		for _, n := range t.Participating {
			if n == agency && role == "" {
				role = "參與"
			}
		}
		if role == "" {
			continue
		}
		if len(t.Indicators) == 0 {
			out = append(out, fmt.Sprintf("%d-0 %s", t.No, role))
		}
		for _, ind := range t.Indicators {
			out = append(out, ind.ID+" "+role)
		}
	}
	return out
}

func TestLedgerRowsForThreeAgencies(t *testing.T) {
	p := embeddedPlan(t)
	dir := t.TempDir()
	tests := []struct {
		agency string
		why    string
		must   []string
	}{
		{"省委宣傳部", "leads only", []string{"86-1 牽頭", "88-0 牽頭"}},
		{"省工業和信息化廳", "co-leads task 3 with 省科技廳 and leads alone elsewhere", []string{"3-1 牽頭", "12-1 牽頭", "76-1 參與"}},
		{"省稅務局", "participates only", []string{"79-0 參與"}},
	}
	for _, tt := range tests {
		r := readReturned(t, writeLedger(t, dir, ledgerSpec(p, tt.agency)))
		var got []string
		for _, row := range r.Rows {
			got = append(got, row.ID+" "+row.Cells[colRole])
		}
		want := expectedRows(p, tt.agency)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s (%s): rows\n got %v\nwant %v", tt.agency, tt.why, got, want)
		}
		for _, m := range tt.must {
			if !strings.Contains(strings.Join(got, ","), m) {
				t.Errorf("%s: missing row %s", tt.agency, m)
			}
		}
		if r.Meta.Agency != tt.agency || r.Meta.Period != "2023-Q1" || r.Meta.Format != LedgerFormat {
			t.Errorf("%s: meta %+v", tt.agency, r.Meta)
		}
		if err := r.Verify(testKey); err != nil {
			t.Errorf("%s: %v", tt.agency, err)
		}
	}
	// The co-led task appears in each lead's file.
	r := readReturned(t, writeLedger(t, dir, ledgerSpec(p, "省科技廳")))
	if r.Rows[2].ID != "2-2" || !strings.Contains(fmt.Sprint(r.Rows), "3-1") {
		t.Errorf("省科技廳 rows: %v", r.Rows)
	}
}

func TestLedgerLayout(t *testing.T) {
	p := embeddedPlan(t)
	path := writeLedger(t, t.TempDir(), ledgerSpec(p, "省科技廳"))
	book := openBook(t, path)
	if got := strings.Join(book.Sheets(), ","); got != "填報說明,工作臺賬,_meta" {
		t.Fatalf("sheets = %s", got)
	}
	rows, _ := book.Rows(SheetLedger)
	if !strings.HasPrefix(rows[0][0], "山東省建設綠色低碳高質量發展先行區2023年重點工作任務 工作臺賬(2023年第一季度)") {
		t.Errorf("title = %q", rows[0][0])
	}
	if !strings.Contains(rows[1][0], "填報單位:省科技廳") || !strings.Contains(rows[1][0], "2023-04-10") {
		t.Errorf("agency line = %q", rows[1][0])
	}
	var header []string
	for _, c := range ledgerLayout {
		header = append(header, LedgerHeaders[c])
	}
	if got := strings.Join(rows[2], ","); got != strings.Join(header, ",") || !strings.HasPrefix(got, "序號,任務編號,重點任務,責任類型,指標編號,指標名稱,目標值,計量單位,上期值,累計完成值,完成率,完成狀態") {
		t.Errorf("header = %s", got)
	}
	// Row 5 is 2-1: 全國重點實驗室, the target in the plan's words.
	at := func(col int) string {
		if i := ledgerPos[col] - 1; i < len(rows[4]) {
			return rows[4][i]
		}
		return ""
	}
	if at(colID) != "2-1" || at(colTarget) != "全國重點實驗室達到25家以上" || at(colUnit) != "家" || at(colRole) != "牽頭" || at(colTask) != "2" || at(colPrevious) != "" {
		t.Errorf("row 5 = %v", rows[4])
	}
	if f, _ := book.Formula(SheetLedger, LedgerCell(colRate, 5)); f != `IF(ISNUMBER(J5),J5/25,"")` {
		t.Errorf("完成率 formula = %q", f)
	}
	for i, c := range ledgerLayout {
		locked, err := book.Locked(SheetLedger, excel.CellName(i+1, 5))
		if err != nil {
			t.Fatal(err)
		}
		wantUnlocked := c == colValue || c == colStatus || c == colProgress || c == colProblems || c == colNext
		if locked == wantUnlocked {
			t.Errorf("%s (%s) locked = %v", excel.CellName(i+1, 5), LedgerHeaders[c], locked)
		}
	}
	r, _ := ReadReturned(book)
	for _, label := range FillerLabels {
		cell := fillerInput(t, book, label)
		if locked, _ := book.Locked(SheetLedger, cell); locked {
			t.Errorf("%s input %s is locked", label, cell)
		}
	}
	if len(r.Filler) != 0 {
		t.Errorf("an empty template has filler values %v", r.Filler)
	}
	info, err := book.Inspect(SheetLedger)
	if err != nil {
		t.Fatal(err)
	}
	if !info.Protected || !info.StructureLock || !info.Landscape || !info.PaperA4 || info.FitToWidth != 1 || info.FitToHeight != 0 ||
		info.PrintTitles != "$1:$3" || !strings.Contains(info.Footer, "&P") || info.FrozenRows != 3 {
		t.Errorf("ledger sheet settings = %+v", info)
	}
	var status, numbers int
	for _, v := range info.Validations {
		switch {
		case v.Type == "list" && strings.Join(v.List, ",") == "已完成,序時推進,滯後,未啟動" && strings.HasPrefix(v.Sqref, "L4:L"):
			status++
		case v.Type == "decimal" && strings.Contains(v.Prompt, "單位:"):
			numbers++
		}
	}
	withUnit := 0
	for _, row := range r.Rows {
		if row.Cells[colUnit] != "" {
			withUnit++
		}
	}
	if status != 1 || numbers != withUnit || withUnit < 25 { // rows without a unit (1-0, 76-1) ask only for a number
		t.Errorf("validations: %d status lists, %d unit prompts for %d rows: %+v", status, numbers, len(r.Rows), info.Validations[:2])
	}
	meta, _ := book.Inspect(SheetMeta)
	if meta.Visibility != "veryHidden" {
		t.Errorf("_meta visibility = %s", meta.Visibility)
	}
	metaRows, _ := book.Rows(SheetMeta)
	var keys []string
	for _, row := range metaRows {
		keys = append(keys, row[0])
	}
	if strings.Join(keys, ",") != strings.Join(MetaKeys, ",") {
		t.Errorf("_meta keys = %v", keys)
	}
	guide, _ := book.Rows(SheetGuide)
	text := fmt.Sprint(guide)
	for _, want := range []string{"2023-04-10", "張三 0531-12345678", "不要刪除或插入行", "萬家:7-1、7-2"} {
		if !strings.Contains(text, want) {
			t.Errorf("填報說明 lacks %q", want)
		}
	}
}

// fillerInput finds the input cell to the right of a 填報人-block label.
func fillerInput(t *testing.T, book *excel.Book, label string) string {
	rows, _ := book.Rows(SheetLedger)
	for i, row := range rows {
		for j, v := range row {
			if v == label+":" {
				return excel.Cell(i, j+1)
			}
		}
	}
	t.Fatalf("no %s label", label)
	return ""
}

func TestSignatureDetectsChangesToLockedCells(t *testing.T) {
	p := embeddedPlan(t)
	dir := t.TempDir()
	base := writeLedger(t, dir, ledgerSpec(p, "省科技廳"))
	edit := func(name string, fn func(e *excel.Editor) error) *Returned {
		path := filepath.Join(dir, name+".xlsx")
		b, _ := os.ReadFile(base)
		os.WriteFile(path, b, 0o644)
		if err := excel.Edit(path, fn); err != nil {
			t.Fatal(err)
		}
		return readReturned(t, path)
	}
	// Every locked, signed cell of a row: changing any one breaks the signature.
	for _, col := range signedCols {
		cell := excel.CellName(col+1, 5)
		r := edit("locked-"+cell, func(e *excel.Editor) error { return e.Set(SheetLedger, cell, "30") })
		if err := r.Verify(testKey); !errors.Is(err, ErrBadSignature) {
			t.Errorf("changing %s (%s): err = %v, want ErrBadSignature", cell, LedgerHeaders[col], err)
		}
	}
	for name, fn := range map[string]func(e *excel.Editor) error{
		"meta period": func(e *excel.Editor) error { return e.Set(SheetMeta, "B5", "2023-Q2") },
		"meta agency": func(e *excel.Editor) error { return e.Set(SheetMeta, "B4", "省財政廳") },
		"row deleted": func(e *excel.Editor) error { return e.RemoveRow(SheetLedger, 6) },
	} {
		if err := edit(strings.ReplaceAll(name, " ", "-"), fn).Verify(testKey); !errors.Is(err, ErrBadSignature) {
			t.Errorf("%s: err = %v, want ErrBadSignature", name, err)
		}
	}
	if err := edit("other-key", func(e *excel.Editor) error { return nil }).Verify([]byte("another key")); !errors.Is(err, ErrBadSignature) {
		t.Errorf("another database's key: err = %v", err)
	}
	// What a person may do keeps it valid: fill the inputs, move rows, rename the sheet.
	r := edit("filled", func(e *excel.Editor) error {
		return errors.Join(e.Set(SheetLedger, LedgerCell(colValue, 5), 18.0), e.Set(SheetLedger, LedgerCell(colStatus, 5), "序時推進"),
			e.Set(SheetLedger, LedgerCell(colProgress, 5), "已爭創18家。"),
			e.MoveRow(SheetLedger, 5, 12), e.Rename(SheetLedger, "Sheet1"))
	})
	if err := r.Verify(testKey); err != nil {
		t.Errorf("filled, moved and renamed: %v", err)
	}
	if r.Sheet != "Sheet1" {
		t.Errorf("ledger sheet = %s", r.Sheet)
	}
	for _, row := range r.Rows {
		if row.ID == "2-1" && (row.Cells[colValue] != "18" || row.Cells[colStatus] != "序時推進" || row.Row != 11 || row.Cell(colValue) != LedgerCell(colValue, 11)) {
			t.Errorf("moved row 2-1 = %+v at %s", row.Cells, row.Cell(colValue))
		}
	}
	r = edit("no-meta", func(e *excel.Editor) error { return e.DeleteSheet(SheetMeta) })
	if err := r.Verify(testKey); !errors.Is(err, ErrNoMeta) {
		t.Errorf("_meta deleted: err = %v", err)
	}
}

func TestLedgerSimplified(t *testing.T) {
	p := embeddedPlan(t)
	spec := ledgerSpec(p, "省畜牧獸醫局")
	spec.Script = taizhang.Simplified
	path := writeLedger(t, t.TempDir(), spec)
	book := openBook(t, path)
	if got := strings.Join(book.Sheets(), ","); got != "填报说明,工作台账,_meta" {
		t.Errorf("sheets = %s", got)
	}
	rows, _ := book.Rows("工作台账")
	if rows[2][0] != "序号" || rows[2][4] != "指标编号" || !strings.Contains(rows[1][0], "省畜牧兽医局") {
		t.Errorf("simplified header %v / %q", rows[2], rows[1][0])
	}
	r, err := ReadReturned(book)
	if err != nil || r.Verify(testKey) != nil || len(r.Rows) != len(expectedRows(p, "省畜牧獸醫局")) {
		t.Errorf("simplified ledger: %v, %d rows", err, len(r.Rows))
	}
	if r.Meta.Agency != "省畜牧獸醫局" {
		t.Errorf("_meta keeps the canonical agency name, got %q", r.Meta.Agency)
	}
}

// TestLedgersThroughLibreOffice converts every template of the embedded plan with LibreOffice
// headless and reads the copies back: same rows, same ids, signature still verifying.
func TestLedgersThroughLibreOffice(t *testing.T) {
	soffice := testenv.NeedSoffice(t)
	p := embeddedPlan(t)
	in, out := t.TempDir(), t.TempDir()
	agencies, _ := Responsible(p)
	want := map[string][]string{}
	var files []string
	for _, a := range agencies {
		path := writeLedger(t, in, ledgerSpec(p, a))
		files = append(files, path)
		for _, row := range readReturned(t, path).Rows {
			want[filepath.Base(path)] = append(want[filepath.Base(path)], row.ID)
		}
	}
	args := append([]string{"-env:UserInstallation=file://" + t.TempDir(), "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out}, files...)
	cmd := exec.Command(soffice, args...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for _, a := range agencies {
		name := templates.FileName("2023-Q1", a, map[string]bool{})
		r := readReturned(t, filepath.Join(out, name))
		var ids []string
		for _, row := range r.Rows {
			ids = append(ids, row.ID)
		}
		if strings.Join(ids, ",") != strings.Join(want[name], ",") {
			t.Errorf("%s after LibreOffice: ids %v, want %v", name, ids, want[name])
		}
		if err := r.Verify(testKey); err != nil {
			t.Errorf("%s after LibreOffice: %v", name, err)
		}
	}
}

func TestLedgerFill(t *testing.T) {
	p := embeddedPlan(t)
	spec := ledgerSpec(p, "省水利廳")
	spec.Fill = &Filled{Rows: map[string]FilledRow{"35-1": {Value: 20.0, Status: "序時推進", Progress: "已完成12座。"}, "37-1": {Value: "１００平方公里"}},
		Filler: map[string]string{"填報人": "趙六", "填報日期": "2023-04-03"}}
	r := readReturned(t, writeLedger(t, t.TempDir(), spec))
	if err := r.Verify(testKey); err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, row := range r.Rows {
		got[row.ID] = row.Cells
	}
	if c := got["35-1"]; c[colValue] != "20" || c[colStatus] != "序時推進" || c[colProgress] != "已完成12座。" {
		t.Errorf("35-1 = %v", c)
	}
	if c := got["37-1"]; c[colValue] != "１００平方公里" {
		t.Errorf("37-1 = %v", c)
	}
	if r.Filler["填報人"] != "趙六" || r.Filler["填報日期"] != "2023-04-03" || r.Filler["審核人"] != "" {
		t.Errorf("filler = %v", r.Filler)
	}
}

// A Traditional ledger writes 聯繫 (聯系 is neither script), and a ledger sent with the old label
// (聯系電話) still gives its phone number back.
func TestLedgerContactWords(t *testing.T) {
	p := embeddedPlan(t)
	spec := ledgerSpec(p, "省水利廳")
	spec.Fill = &Filled{Filler: map[string]string{"聯繫電話": "0531-8888"}}
	path := writeLedger(t, t.TempDir(), spec)
	book := openBook(t, path)
	dump, err := excel.Dump(book)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(dump, "聯繫人") || !strings.Contains(dump, "聯繫電話") || strings.Contains(dump, "聯系") {
		t.Errorf("ledger words: want 聯繫人 and 聯繫電話, no 聯系:\n%s", dump)
	}
	if r := readReturned(t, path); r.Filler["聯繫電話"] != "0531-8888" {
		t.Errorf("phone = %v", r.Filler)
	}
	label := ""
	rows, _ := book.Rows(SheetLedger)
	for i, row := range rows {
		for j, v := range row {
			if v == "聯繫電話:" {
				label = excel.Cell(i, j)
			}
		}
	}
	if err := excel.Edit(path, func(e *excel.Editor) error { return e.Set(SheetLedger, label, "聯系電話:") }); err != nil {
		t.Fatal(err)
	}
	if r := readReturned(t, path); r.Filler["聯繫電話"] != "0531-8888" {
		t.Errorf("with the old label, phone = %v", r.Filler)
	}
}
