package catalogbook

import (
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/data"
	"taizhang/excel"
)

func embeddedPlan(t testing.TB) *taizhang.Plan {
	t.Helper()
	p, err := catalog.Parse(data.DefaultPlanName, data.DefaultPlan)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func writeCatalog(t testing.TB, p *taizhang.Plan) string {
	t.Helper()
	wb, err := Workbook(p, catalog.Hash(p))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	path := filepath.Join(t.TempDir(), "目錄.xlsx")
	if err := wb.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func readCatalog(t testing.TB, path string, p *taizhang.Plan) (*taizhang.Plan, []*excel.CellError) {
	t.Helper()
	book, err := excel.Open(path, excel.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	return Read(book, p)
}

func TestCatalogRoundTripKeepsHash(t *testing.T) {
	p := embeddedPlan(t)
	got, errs := readCatalog(t, writeCatalog(t, p), p)
	if len(errs) > 0 {
		t.Fatalf("unedited workbook refused: %v", errs[0])
	}
	if catalog.Hash(got) != catalog.Hash(p) {
		a, _ := catalog.MarshalJSON(p)
		b, _ := catalog.MarshalJSON(got)
		al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
		for i := range al {
			if i < len(bl) && al[i] != bl[i] {
				t.Fatalf("export → import changed the catalog at JSON line %d:\n%s\n%s", i+1, al[i], bl[i])
			}
		}
		t.Fatal("export → import changed the catalog hash")
	}
}

func TestCatalogSheets(t *testing.T) {
	p := embeddedPlan(t)
	book, err := excel.Open(writeCatalog(t, p), excel.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	if got := strings.Join(book.Sheets(), ","); got != "說明,任務,指標,單位" {
		t.Errorf("sheets = %s", got)
	}
	rows, _ := book.Rows("指標")
	if got := strings.Join(rows[1], "|"); !strings.HasPrefix(got, "指標編號|任務編號|指標名稱|比較方式|目標值") {
		t.Errorf("indicator header = %s", got)
	}
	// Row 3 is the first indicator, 2-1: 全國重點實驗室達到25家以上.
	if r := rows[2]; r[0] != "2-1" || r[3] != "不少於" || r[4] != "25" || r[6] != "家" || r[10] != "全國重點實驗室達到25家以上" {
		t.Errorf("first indicator row = %v", r)
	}
	// The drop-down of 比較方式 shows Chinese only, one label each.
	info, err := book.Inspect("指標")
	if err != nil {
		t.Fatal(err)
	}
	var lists []string
	for _, v := range info.Validations {
		if v.Type == "list" && len(v.List) == len(taizhang.Comparators) {
			lists = append(lists, strings.Join(v.List, ","))
		}
	}
	if want := "不少於,不超過,左右,達到,區間,下降,增長,定性"; len(lists) != 1 || lists[0] != want {
		t.Errorf("comparator drop-down = %q, want %q", lists, want)
	}
	tasks, _ := book.Rows("任務")
	if len(tasks) != 2+116 {
		t.Errorf("task rows = %d, want 118", len(tasks))
	}
}

func TestCatalogImportEdits(t *testing.T) {
	p := embeddedPlan(t)
	path := writeCatalog(t, p)
	// Rows: 1 title, 2 header, 3 = 2-1, 4 = 2-2, 5 = 3-1 …
	err := excel.Edit(path, func(e *excel.Editor) error {
		steps := []error{
			e.Set("指標", "E3", 26.0),       // 2-1: target 25 → 26
			e.Set("指標", "D4", "達到(=)"),    // 2-2: ~ → =, as exports before Chinese-only labels wrote it
			e.Set("指標", "G4", "個"),        // 2-2: unit
			e.RemoveRow("指標", 5),          // delete 3-1
			e.Set("單位", "C4", "省工信廳、工信廳"), // aliases of the second agency (row 3 is the first)
		}
		// add an indicator to task 1 at the end
		rows := 2 + 176 + 1
		steps = append(steps, e.Set("指標", "B"+strconv.Itoa(rows), 1), e.Set("指標", "C"+strconv.Itoa(rows), "嶗山實驗室入軌運行"),
			e.Set("指標", "D"+strconv.Itoa(rows), "定性"), e.Set("指標", "K"+strconv.Itoa(rows), "推動嶗山實驗室高質量入軌運行"))
		return errors.Join(steps...)
	})
	if err != nil {
		t.Fatal(err)
	}
	got, errs := readCatalog(t, path, p)
	if len(errs) > 0 {
		t.Fatalf("import refused: %v", errs)
	}
	i21 := find(got, "2-1")
	if i21 == nil || *i21.Value != 26 {
		t.Errorf("2-1 = %+v, want value 26", i21)
	}
	if i22 := find(got, "2-2"); i22 == nil || i22.Comparator != taizhang.Equal || i22.Unit != "個" {
		t.Errorf("2-2 = %+v", i22)
	}
	if find(got, "3-1") != nil {
		t.Error("3-1 should be deleted")
	}
	if n := find(got, "1-1"); n == nil || n.Comparator != taizhang.Qualitative || n.Span != "推動嶗山實驗室高質量入軌運行" {
		t.Errorf("new indicator 1-1 = %+v", n)
	}
	if a := got.Agency("省工業和信息化廳"); a == nil || strings.Join(a.Aliases, ",") != "省工信廳,工信廳" {
		t.Errorf("aliases = %v", a)
	}
	if catalog.Hash(got) == catalog.Hash(p) {
		t.Error("edits should change the catalog hash")
	}
	// A second round: adding an indicator to task 3 after deleting 3-1 gets a new id, never 3-1 again.
	again := writeCatalog(t, got)
	rows := 2 + 177 // title, header, 177 indicators (one deleted, one added)
	if err := excel.Edit(again, func(e *excel.Editor) error {
		return errors.Join(e.Set("指標", "B"+strconv.Itoa(rows+1), 3), e.Set("指標", "D"+strconv.Itoa(rows+1), "達到(=)"),
			e.Set("指標", "E"+strconv.Itoa(rows+1), 2.0), e.Set("指標", "G"+strconv.Itoa(rows+1), "家"))
	}); err != nil {
		t.Fatal(err)
	}
	third, errs := readCatalog(t, again, got)
	if len(errs) > 0 {
		t.Fatalf("second import refused: %v", errs)
	}
	var ids []string
	for _, ind := range third.Task(3).Indicators {
		ids = append(ids, ind.ID)
	}
	if strings.Join(ids, ",") != "3-2,3-3,3-4" {
		t.Errorf("task 3 ids = %v, want 3-2,3-3,3-4 (ids are never reused)", ids)
	}
}

// Comparators are read as this version writes them (區間), as earlier exports wrote them (區間(range),
// 不少於(>=)), by code alone, and in the other script.
func TestCatalogImportReadsEveryComparatorLabel(t *testing.T) {
	p := embeddedPlan(t)
	path := writeCatalog(t, p)
	// 2-1 and 2-2 become ranges, 3-1 (a range) is left as earlier exports wrote it, 3-2 becomes at
	// least, 3-3 qualitative.
	if err := excel.Edit(path, func(e *excel.Editor) error {
		return errors.Join(e.Set("指標", "D3", "區間(range)"), e.Set("指標", "F3", 40.0), e.Set("指標", "D4", "区间"), e.Set("指標", "F4", 90.0),
			e.Set("指標", "D5", "區間(range)"), e.Set("指標", "D6", "不少於(>=)"), e.Set("指標", "D7", "qualitative"))
	}); err != nil {
		t.Fatal(err)
	}
	got, errs := readCatalog(t, path, p)
	if len(errs) > 0 {
		t.Fatalf("import refused: %v", errs)
	}
	for id, want := range map[string]taizhang.Comparator{"2-1": taizhang.Range, "2-2": taizhang.Range, "3-1": taizhang.Range, "3-2": taizhang.AtLeast,
		"3-3": taizhang.Qualitative} {
		if ind := find(got, id); ind == nil || ind.Comparator != want {
			t.Errorf("%s = %+v, want %s", id, ind, want)
		}
	}
}

func TestCatalogImportRejectsInvalidCells(t *testing.T) {
	p := embeddedPlan(t)
	path := writeCatalog(t, p)
	err := excel.Edit(path, func(e *excel.Editor) error {
		return errors.Join(
			e.Set("指標", "E3", "二十五家"),  // not a number
			e.Set("指標", "D4", "大約"),    // not a comparator
			e.Set("指標", "A5", "999-1"), // an id that does not exist
			e.Set("指標", "F6", 1.0),     // a high value on a non-range row
			e.Set("單位", "B3", "市直單位"),  // unknown kind
			e.Set("單位", "C4", "省科技廳"),  // alias taken by another agency
		)
	})
	if err != nil {
		t.Fatal(err)
	}
	got, errs := readCatalog(t, path, p)
	if got != nil {
		t.Error("a workbook with invalid cells must change nothing")
	}
	want := map[string]error{"指標!E3": excel.ErrNotNumber, "指標!D4": excel.ErrNotInList, "指標!A5": excel.ErrUnknownValue,
		"指標!F6": excel.ErrUnknownValue, "單位!B3": excel.ErrNotInList, "單位!C4": excel.ErrDuplicate}
	for _, e := range errs {
		key := e.Sheet + "!" + e.Cell
		if w, ok := want[key]; !ok || !errors.Is(e, w) {
			t.Errorf("unexpected error %s: %v", key, e)
		}
		delete(want, key)
		if !strings.Contains(e.Error(), "目錄.xlsx") || e.Hint == "" {
			t.Errorf("error %q should name the file and say what to fix", e.Error())
		}
	}
	for k := range want {
		t.Errorf("missing error at %s", k)
	}
}

func find(p *taizhang.Plan, id string) *taizhang.Indicator {
	for _, t := range p.Tasks {
		for i := range t.Indicators {
			if t.Indicators[i].ID == id {
				return &t.Indicators[i]
			}
		}
	}
	return nil
}

// The 單位 sheet says why each alias is the same agency and why each group is one, beside the
// cells that undo them: deleting the alias, changing the kind.
func TestAgencyNotes(t *testing.T) {
	text := "临江市2024年重点工作任务\n一、发展\n1.新建项目10个。(牵头单位:市人社局;参与单位:各区、县级市政府)\n" +
		"2.新建项目20个。(牵头单位:市人力资源和社会保障局)\n"
	p, err := catalog.Parse("plan.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	path := writeCatalog(t, p)
	book, err := excel.Open(path, excel.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := book.Rows("单位")
	book.Close()
	if got := strings.Join(rows[1], "|"); got != "单位名称|类型|别名|牵头任务数|参与任务数|合并依据|统称依据" {
		t.Fatalf("header %s", got)
	}
	want := map[string][2]string{
		"市人力资源和社会保障局": {"市人社局:“人力资源和社会保障局”常简称“人社局”", ""},
		"各区、县级市政府":    {"", "以“各”“有关”“相关”开头,指一类单位"},
	}
	seen := 0
	for _, r := range rows[2:] {
		w, ok := want[r[0]]
		if ok {
			seen++
		}
		if ok && (cell(r, 5) != w[0] || cell(r, 6) != w[1]) {
			t.Errorf("%s: %q %q, want %q %q", r[0], cell(r, 5), cell(r, 6), w[0], w[1])
		}
	}
	if seen != len(want) {
		t.Errorf("rows %v", rows)
	}
	// Undoing both in the workbook: the alias deleted, the group made an agency.
	err = excel.Edit(path, func(e *excel.Editor) error {
		for i, r := range rows {
			var err error
			switch r[0] {
			case "市人力资源和社会保障局":
				err = e.Set("单位", excel.Cell(i, 2), "")
			case "各区、县级市政府":
				err = e.Set("单位", excel.Cell(i, 1), "市直单位")
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, errs := readCatalog(t, path, p)
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	if a := got.Agency("市人力资源和社会保障局"); a == nil || len(a.Aliases) != 0 {
		t.Errorf("alias kept: %+v", a)
	}
	if a := got.Agency("各区、县级市政府"); a == nil || a.Kind != taizhang.KindAgency {
		t.Errorf("group kept: %+v", a)
	}
}
