package catalogbook

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/excel"
	"taizhang/script"
	"taizhang/templates"
)

// Sheet and column labels of the catalog workbook (Traditional; rendered in the plan's script).
const (
	sheetReadme     = "說明"
	sheetTasks      = "任務"
	sheetIndicators = "指標"
	sheetAgencies   = "單位"
)

// Labels of the 說明 sheet that say which plan the catalog is of (read back by PlanOf).
const (
	readmePlan   = "計劃"
	readmeDocNo  = "文號"
	readmePlanID = "計劃編號"
)

// Sheets are the catalog workbook's sheets, in order (Traditional; rendered in the plan's script).
var Sheets = []string{sheetReadme, sheetTasks, sheetIndicators, sheetAgencies}

var indicatorHeaders = []string{"指標編號", "任務編號", "指標名稱", "比較方式", "目標值", "上限值", "計量單位", "約數", "時限", "基期", "原文", "任務內容"}
var agencyHeaders = []string{"單位名稱", "類型", "別名", "牽頭任務數", "參與任務數"}

// Workbook lays out a plan for the coordinator to review and correct in Excel.
func Workbook(p *taizhang.Plan, catalogHash string) (*excel.Workbook, error) {
	l := templates.NewLabeler(p.Script)
	wb := l.Workbook()
	readme := [][]any{
		{l.L(readmePlan), p.Title},
		{l.L(readmeDocNo), p.DocNo},
		{l.L(readmePlanID), p.ID},
		{l.L("目錄版本"), catalogHash},
		{l.L("任務數"), len(p.Tasks)},
		{l.L("如何修改"), l.L(howToEdit + howToUndo)},
	}
	if err := wb.AddTable(excel.Table{Sheet: l.L(sheetReadme), Title: p.Title + l.L(" 任務目錄"),
		Columns: []excel.Column{{Header: l.L("項目"), Width: 14}, {Header: l.L("內容"), Width: 100, Wrap: true}}, Rows: readme}); err != nil {
		return nil, err
	}
	sections := map[int]string{}
	for _, s := range p.Sections {
		sections[s.No] = s.Title
	}
	var taskRows [][]any
	for _, t := range p.Tasks {
		taskRows = append(taskRows, []any{t.No, sections[t.Section], t.Title, l.L(formLabels[t.Form]),
			strings.Join(t.Lead, "、"), strings.Join(t.Participating, "、"), len(t.Indicators), t.Text})
	}
	if err := wb.AddTable(excel.Table{Sheet: l.L(sheetTasks), Title: p.Title + l.L(" 任務清單"), Rows: taskRows,
		Columns: []excel.Column{{Header: l.L("任務編號"), Width: 8}, {Header: l.L("所屬部分"), Width: 16, Wrap: true},
			{Header: l.L("任務名稱"), Width: 22, Wrap: true}, {Header: l.L("責任形式"), Width: 10},
			{Header: l.L("牽頭單位"), Width: 20, Wrap: true}, {Header: l.L("參與單位"), Width: 20, Wrap: true},
			{Header: l.L("指標數"), Width: 7}, {Header: l.L("任務內容"), Width: 70, Wrap: true}}}); err != nil {
		return nil, err
	}
	var comparators []string
	for _, c := range taizhang.Comparators {
		comparators = append(comparators, l.L(c.Label()))
	}
	var indRows [][]any
	for _, t := range p.Tasks {
		for _, ind := range t.Indicators {
			indRows = append(indRows, []any{ind.ID, t.No, ind.Metric, l.L(ind.Comparator.Label()), ind.Value, ind.High, ind.Unit,
				yesNo(l, ind.Approx), deref(ind.Deadline), deref(ind.Baseline), ind.Span, t.Text})
		}
	}
	h := l.All(indicatorHeaders...)
	if err := wb.AddTable(excel.Table{Sheet: l.L(sheetIndicators), Title: p.Title + l.L(" 指標清單"), Rows: indRows,
		Columns: []excel.Column{{Header: h[0], Width: 9}, {Header: h[1], Width: 8}, {Header: h[2], Width: 22, Wrap: true, Input: l.L(promptEditable)},
			{Header: h[3], Width: 16, List: comparators}, {Header: h[4], Width: 10, Number: true, Input: l.L(promptValue)},
			{Header: h[5], Width: 8, Number: true, Input: l.L(promptHigh)}, {Header: h[6], Width: 10, Input: l.L(promptUnit)},
			{Header: h[7], Width: 6, List: l.All("是", "否")}, {Header: h[8], Width: 9, Input: l.L(promptDeadline)},
			{Header: h[9], Width: 10, Input: l.L(promptBaseline)}, {Header: h[10], Width: 30, Wrap: true, Input: l.L(promptSpan)},
			{Header: h[11], Width: 60, Wrap: true}}}); err != nil {
		return nil, err
	}
	led, joined := map[string]int{}, map[string]int{}
	for _, t := range p.Tasks {
		for _, n := range t.Lead {
			led[n]++
		}
		for _, n := range t.Participating {
			joined[n]++
		}
	}
	var kinds []string
	for _, k := range []taizhang.AgencyKind{taizhang.KindAgency, taizhang.KindGroup, taizhang.KindExternal} {
		kinds = append(kinds, l.L(p.Level.KindLabel(k)))
	}
	var agRows [][]any
	for _, a := range p.Agencies {
		agRows = append(agRows, append([]any{a.Name, l.L(p.Level.KindLabel(a.Kind)), strings.Join(a.Aliases, "、"), led[a.Name], joined[a.Name]},
			noteCells(l, a)...))
	}
	ah := l.All(agencyHeaders...)
	agCols := append([]excel.Column{{Header: ah[0], Width: 30}, {Header: ah[1], Width: 14, List: kinds},
		{Header: ah[2], Width: 40, Wrap: true, Input: l.L(promptAliases)}, {Header: ah[3], Width: 10}, {Header: ah[4], Width: 10}}, noteColumns(l)...)
	if err := wb.AddTable(excel.Table{Sheet: l.L(sheetAgencies), Title: p.Title + l.L(" 責任單位"), Rows: agRows, Columns: agCols}); err != nil {
		return nil, err
	}
	return wb, nil
}

// agencyNotes are columns of the 單位 sheet that say why the plan's reading took names as one
// agency (each alias) and a name as a group of agencies (which gets no ledger), so that the
// coordinator can check and undo each decision in the columns before them. They are not read back.
var agencyNotes = []struct {
	header string // Traditional
	width  float64
	value  func(a taizhang.Agency) string
}{
	{"合併依據", 40, func(a taizhang.Agency) string {
		var why []string
		for _, alias := range a.Aliases {
			why = append(why, alias+":"+catalog.AliasReason(script.Default(), a.Name, alias))
		}
		return strings.Join(why, "\n")
	}},
	{"統稱依據", 30, func(a taizhang.Agency) string {
		if a.Kind != taizhang.KindGroup {
			return ""
		}
		if why := catalog.GroupReason(script.Default(), a.Name); why != "" {
			return why
		}
		return whyGroupSet
	}},
}

// noteCells are an agency's cells of the agencyNotes columns.
func noteCells(l templates.Labeler, a taizhang.Agency) []any {
	var out []any
	for _, n := range agencyNotes {
		out = append(out, l.L(n.value(a)))
	}
	return out
}

// noteColumns are the agencyNotes columns.
func noteColumns(l templates.Labeler) []excel.Column {
	var out []excel.Column
	for _, n := range agencyNotes {
		out = append(out, excel.Column{Header: l.L(n.header), Width: n.width, Wrap: true})
	}
	return out
}

func yesNo(l templates.Labeler, b bool) string {
	if b {
		return l.L("是")
	}
	return l.L("否")
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// Identity is which plan a catalog workbook was exported from, as its 說明 sheet says.
type Identity struct {
	ID, Title, DocNo string // ID is empty in workbooks exported before it was written
}

// PlanOf reads which plan a catalog workbook is of; false when it has no 說明 sheet naming one.
func PlanOf(book *excel.Book) (Identity, bool) {
	l := templates.NewLabeler("")
	var id Identity
	for _, s := range book.Sheets() {
		if l.Key(s) != l.Key(sheetReadme) {
			continue
		}
		rows, err := book.Rows(s)
		if err != nil {
			return id, false
		}
		for _, row := range rows {
			if len(row) < 2 {
				continue
			}
			switch l.Key(strings.TrimSpace(row[0])) {
			case l.Key(readmePlan):
				id.Title = strings.TrimSpace(row[1])
			case l.Key(readmeDocNo):
				id.DocNo = strings.TrimSpace(row[1])
			case l.Key(readmePlanID):
				id.ID = strings.TrimSpace(row[1])
			}
		}
	}
	return id, id.Title != "" || id.ID != ""
}

// Read applies the corrections in a catalog workbook to p and returns the corrected plan.
// It checks every cell; when any is wrong it returns all the problems and no plan.
func Read(book *excel.Book, p *taizhang.Plan) (*taizhang.Plan, []*excel.CellError) {
	l := templates.NewLabeler(p.Script)
	r := &catalogReader{l: l, book: book, plan: p}
	out := clonePlan(p)
	r.readIndicators(out)
	r.readAgencies(out)
	if len(r.errs) > 0 {
		return nil, r.errs
	}
	if err := out.Validate(); err != nil {
		return nil, []*excel.CellError{{File: book.Name, Err: excel.ErrUnknownValue, Hint: err.Error()}}
	}
	return out, nil
}

type catalogReader struct {
	l    templates.Labeler
	book *excel.Book
	plan *taizhang.Plan
	errs []*excel.CellError
}

func (r *catalogReader) fail(sheet, cell string, err error, value, hint string) {
	r.errs = append(r.errs, &excel.CellError{File: r.book.Name, Sheet: sheet, Cell: cell, Err: err, Value: value, Hint: r.l.L(hint)})
}

// table finds a sheet by its label in either script and the header row by its labels, wherever
// they moved; it returns the body rows and, for each wanted header, its column (or -1).
func (r *catalogReader) table(label string, headers []string) (sheet string, header int, rows [][]string, cols []int, ok bool) {
	for _, s := range r.book.Sheets() {
		if r.l.Key(s) == r.l.Key(label) {
			sheet = s
		}
	}
	if sheet == "" {
		r.fail(r.l.L(label), "", excel.ErrNoSheet, "", fmt.Sprintf(hintNoSheet, label))
		return "", 0, nil, nil, false
	}
	all, err := r.book.Rows(sheet)
	if err != nil {
		if ce, isCE := err.(*excel.CellError); isCE {
			r.errs = append(r.errs, ce)
		}
		return "", 0, nil, nil, false
	}
	for i := 0; i < len(all) && i < 20; i++ {
		cols = make([]int, len(headers))
		found := 0
		for j, h := range headers {
			cols[j] = -1
			for c, v := range all[i] {
				if r.l.Key(strings.TrimSpace(v)) == r.l.Key(h) {
					cols[j] = c
					found++
					break
				}
			}
		}
		if found >= 2 && cols[0] >= 0 {
			return sheet, i, all[i+1:], cols, true
		}
	}
	r.fail(sheet, "", excel.ErrHeader, "", fmt.Sprintf(hintNoHeader, headers[0]))
	return "", 0, nil, nil, false
}

func cell(row []string, col int) string {
	if col < 0 || col >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[col])
}

var (
	reParenCode = regexp.MustCompile(`\(([^()]+)\)\s*$`)
	reAliasSep  = regexp.MustCompile(`[、,，;；\n]+`)
)

// comparator reads a comparator by its label in either script, by its code (">=", "range"), or as
// earlier exports wrote it, a label with its code ("區間(range)").
func (r *catalogReader) comparator(s string) (taizhang.Comparator, bool) {
	k := r.l.Key(s)
	for _, c := range taizhang.Comparators {
		if k == r.l.Key(c.Label()) || k == string(c) {
			return c, true
		}
	}
	if m := reParenCode.FindStringSubmatch(k); m != nil && taizhang.Comparator(m[1]).Valid() {
		return taizhang.Comparator(m[1]), true
	}
	return "", false
}

func (r *catalogReader) readIndicators(out *taizhang.Plan) {
	sheet, header, rows, cols, ok := r.table(sheetIndicators, indicatorHeaders)
	if !ok {
		return
	}
	existing := map[string]taizhang.Indicator{}
	for _, t := range r.plan.Tasks {
		for _, ind := range t.Indicators {
			existing[ind.ID] = ind
		}
	}
	seen := map[string]string{} // id → cell where it was first seen
	kept := map[int][]taizhang.Indicator{}
	for i, row := range rows {
		rowNo := header + 1 + i // 0-based index of this row in the sheet
		at := func(c int) string { return excel.Cell(rowNo, max(cols[c], 0)) }
		if strings.Join(row, "") == "" {
			continue
		}
		id, taskText := cell(row, cols[0]), cell(row, cols[1])
		var task *taizhang.Task
		if n, err := strconv.Atoi(taskText); err == nil {
			task = out.Task(n)
		}
		if task == nil {
			r.fail(sheet, at(1), excel.ErrUnknownValue, taskText, fmt.Sprintf(hintTaskNo, len(r.plan.Tasks)))
			continue
		}
		var ind taizhang.Indicator
		if id != "" {
			old, known := existing[id]
			if !known {
				r.fail(sheet, at(0), excel.ErrUnknownValue, id, hintNewID)
				continue
			}
			if first, dup := seen[id]; dup {
				r.fail(sheet, at(0), excel.ErrDuplicate, id, fmt.Sprintf(hintDuplicateID, first))
				continue
			}
			if n, _, _ := taizhang.ParseIndicatorID(id); n != task.No {
				r.fail(sheet, at(1), excel.ErrUnknownValue, taskText, fmt.Sprintf(hintMovedTask, id, n))
				continue
			}
			seen[id] = at(0)
			ind = old
		}
		if !r.readIndicatorCells(sheet, row, cols, at, task, &ind) {
			continue
		}
		kept[task.No] = append(kept[task.No], ind)
	}
	if len(r.errs) > 0 {
		return
	}
	for i := range out.Tasks {
		t := &out.Tasks[i]
		var inds []taizhang.Indicator
		for _, ind := range kept[t.No] {
			if ind.ID == "" {
				ind.ID = taizhang.IndicatorID(t.No, t.NextSeq)
				t.NextSeq++
			}
			inds = append(inds, ind)
		}
		// Keep the stable order of ids whatever order the rows were sorted or moved into.
		sort.SliceStable(inds, func(a, b int) bool {
			_, sa, _ := taizhang.ParseIndicatorID(inds[a].ID)
			_, sb, _ := taizhang.ParseIndicatorID(inds[b].ID)
			return sa < sb
		})
		if inds == nil {
			inds = []taizhang.Indicator{}
		}
		t.Indicators = inds
	}
}

func (r *catalogReader) readIndicatorCells(sheet string, row []string, cols []int, at func(int) string, task *taizhang.Task, ind *taizhang.Indicator) bool {
	n := len(r.errs)
	cmpText := cell(row, cols[3])
	c, ok := r.comparator(cmpText)
	if !ok {
		r.fail(sheet, at(3), excel.ErrNotInList, cmpText, hintComparator)
	}
	number := func(col int, required bool, what string) *float64 {
		s := cell(row, cols[col])
		if s == "" {
			if required {
				r.fail(sheet, at(col), excel.ErrRequired, "", what)
			}
			return nil
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(r.l.Fold(s), ",", ""), 64)
		if err != nil {
			r.fail(sheet, at(col), excel.ErrNotNumber, s, hintNumber)
			return nil
		}
		return &v
	}
	value := number(4, ok && c != taizhang.Qualitative, hintValueRequired)
	high := number(5, ok && c == taizhang.Range, hintHighRequired)
	if ok && c != taizhang.Range && high != nil {
		r.fail(sheet, at(5), excel.ErrUnknownValue, cell(row, cols[5]), hintHighNotUsed)
	}
	if ok && c == taizhang.Range && value != nil && high != nil && *high < *value {
		r.fail(sheet, at(5), excel.ErrUnknownValue, cell(row, cols[5]), hintHighBelow)
	}
	unit := cell(row, cols[6])
	if ok && c != taizhang.Qualitative && unit == "" {
		r.fail(sheet, at(6), excel.ErrRequired, "", hintUnit)
	}
	approx := false
	switch a := r.l.Key(cell(row, cols[7])); a {
	case "", r.l.Key("否"):
	case r.l.Key("是"):
		approx = true
	default:
		r.fail(sheet, at(7), excel.ErrNotInList, cell(row, cols[7]), hintApprox)
	}
	span := cell(row, cols[10])
	if span != "" && !strings.Contains(task.Text, span) {
		r.fail(sheet, at(10), excel.ErrUnknownValue, span, hintSpan)
	}
	if len(r.errs) > n {
		return false
	}
	ind.Comparator, ind.Value, ind.High, ind.Unit, ind.Approx = c, value, high, unit, approx
	if c == taizhang.Qualitative && value == nil {
		ind.Unit = unit
	}
	ind.Metric, ind.Span = cell(row, cols[2]), span
	ind.Deadline, ind.Baseline = optional(cell(row, cols[8])), optional(cell(row, cols[9]))
	return true
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (r *catalogReader) readAgencies(out *taizhang.Plan) {
	sheet, header, rows, cols, ok := r.table(sheetAgencies, agencyHeaders)
	if !ok {
		return
	}
	owner := map[string]string{} // folded name or alias → agency
	for _, a := range r.plan.Agencies {
		owner[r.l.Key(a.Name)] = a.Name
	}
	for i, row := range rows {
		rowNo := header + 1 + i
		at := func(c int) string { return excel.Cell(rowNo, max(cols[c], 0)) }
		name := cell(row, cols[0])
		if name == "" {
			continue
		}
		a := out.Agency(owner[r.l.Key(name)])
		if a == nil {
			r.fail(sheet, at(0), excel.ErrUnknownValue, name, hintAgencyName)
			continue
		}
		kindText := cell(row, cols[1])
		kind := taizhang.AgencyKind("")
		for k, label := range legacyKindLabels {
			if r.l.Key(kindText) == r.l.Key(label) || r.l.Key(kindText) == r.l.Key(out.Level.KindLabel(k)) || kindText == string(k) {
				kind = k
			}
		}
		if kind == "" {
			r.fail(sheet, at(1), excel.ErrNotInList, kindText, hintKind)
		} else {
			a.Kind = kind
		}
		aliases := []string{}
		for _, alias := range reAliasSep.Split(cell(row, cols[2]), -1) {
			alias = strings.TrimSpace(alias)
			if alias == "" {
				continue
			}
			if o, taken := owner[r.l.Key(alias)]; taken && o != a.Name {
				r.fail(sheet, at(2), excel.ErrDuplicate, alias, fmt.Sprintf(hintAliasTaken, alias, o))
				continue
			}
			owner[r.l.Key(alias)] = a.Name
			aliases = append(aliases, alias)
		}
		a.Aliases = aliases
	}
}

// clonePlan deep-copies the parts of a plan that import changes.
func clonePlan(p *taizhang.Plan) *taizhang.Plan {
	out := *p
	out.Agencies = make([]taizhang.Agency, len(p.Agencies))
	for i, a := range p.Agencies {
		a.Aliases = append([]string{}, a.Aliases...)
		out.Agencies[i] = a
	}
	out.Tasks = make([]taizhang.Task, len(p.Tasks))
	for i, t := range p.Tasks {
		t.Indicators = append([]taizhang.Indicator{}, t.Indicators...)
		out.Tasks[i] = t
	}
	return &out
}

// legacyKindLabels are the kind labels catalog workbooks were written with before the plan's level
// named them; a workbook exported then still imports.
var legacyKindLabels = map[taizhang.AgencyKind]string{
	taizhang.KindAgency:   "省直單位",
	taizhang.KindGroup:    "單位集合",
	taizhang.KindExternal: "中央駐魯單位",
}

var formLabels = map[taizhang.ResponsibilityForm]string{
	taizhang.FormLead:     "牽頭單位",
	taizhang.FormLeadDept: "牽頭部門",
	taizhang.FormByDuty:   "按職責分工負責",
	taizhang.FormNone:     "未明確",
}
