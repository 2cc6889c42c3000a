package ledger

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/templates"
)

// LedgerFormat is the _meta format of the ledgers this version writes: version 2 signs an
// unambiguous, length-prefixed encoding of the fields (see Sign).
const LedgerFormat = LedgerFormatV2

// The _meta formats Verify accepts. Ledgers issued as version 1 keep verifying.
const (
	LedgerFormatV1 = "taizhang-ledger/1"
	LedgerFormatV2 = "taizhang-ledger/2"
)

// Sheet names and the header row of Contract 3 (Traditional; rendered in the plan's script).
const (
	SheetGuide  = "填報說明"
	SheetLedger = "工作臺賬"
	SheetMeta   = "_meta"
)

// LedgerHeaders are the column labels of the ledger (Contract 3, then 上期值, shown for context
// and read by label like the rest); ledgerLayout orders them on the sheet.
var LedgerHeaders = []string{"序號", "任務編號", "重點任務", "責任類型", "指標編號", "指標名稱", "目標值", "計量單位",
	"累計完成值", "完成率", "完成狀態", "進展情況", "存在問題", "下步打算", "上期值"}

// Column indexes (0-based) into LedgerHeaders.
const (
	colSeq = iota
	colTask
	colTaskTitle
	colRole
	colID
	colMetric
	colTarget
	colUnit
	colValue
	colRate
	colStatus
	colProgress
	colProblems
	colNext
	colPrevious
)

// signedCols are the locked cells of a row that the signature covers. 序號 is left out: it is
// only a row number, and 完成率 is a formula whose cached value changes as values are filled.
var signedCols = []int{colTask, colTaskTitle, colRole, colID, colMetric, colTarget, colUnit}

// Statuses is the 完成狀態 drop-down.
var Statuses = []string{"已完成", "序時推進", "滯後", "未啟動"}

// FillerLabels label the 填報人 block under the rows.
var FillerLabels = []string{"填報人", "聯繫電話", "審核人", "填報日期"}

// MetaKeys are the _meta keys of Contract 3, in order; signature comes last.
var MetaKeys = []string{"format", "plan_id", "catalog_hash", "agency", "period", "template_id", "issued_at", "signature"}

// Role is 牽頭 for a lead agency, 參與 for a participating one.
const (
	RoleLead = "牽頭"
	RoleJoin = "參與"
)

// LedgerRow is one row of an agency's ledger: an indicator of a task it leads or joins, or the
// N-0 row of a task without indicators.
type LedgerRow struct {
	Task      *taizhang.Task
	Role      string
	Indicator *taizhang.Indicator // nil for an N-0 row
}

// ID is the row's 指標編號.
func (r LedgerRow) ID() string {
	if r.Indicator == nil {
		return taizhang.IndicatorID(r.Task.No, 0)
	}
	return r.Indicator.ID
}

// RowsFor lists the rows of an agency's ledger in task order.
func RowsFor(p *taizhang.Plan, agency string) []LedgerRow {
	var rows []LedgerRow
	for i := range p.Tasks {
		t := &p.Tasks[i]
		role := ""
		switch {
		case contains(t.Lead, agency):
			role = RoleLead
		case contains(t.Participating, agency):
			role = RoleJoin
		default:
			continue
		}
		if len(t.Indicators) == 0 {
			rows = append(rows, LedgerRow{Task: t, Role: role})
			continue
		}
		for j := range t.Indicators {
			rows = append(rows, LedgerRow{Task: t, Role: role, Indicator: &t.Indicators[j]})
		}
	}
	return rows
}

// Responsible lists the agencies that get a ledger (those that lead or join a task, groups excluded)
// and the groups skipped, in catalog order.
func Responsible(p *taizhang.Plan) (agencies, groups []string) {
	named := map[string]bool{}
	for _, t := range p.Tasks {
		for _, n := range append(append([]string{}, t.Lead...), t.Participating...) {
			named[n] = true
		}
	}
	for _, a := range p.Agencies {
		if !named[a.Name] {
			continue
		}
		if a.Kind == taizhang.KindGroup {
			groups = append(groups, a.Name)
		} else {
			agencies = append(agencies, a.Name)
		}
	}
	return agencies, groups
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// LedgerSpec is everything one agency's ledger shows and signs.
type LedgerSpec struct {
	Plan        *taizhang.Plan
	CatalogHash string
	Agency      string
	Period      taizhang.Period
	LedgerID    string
	IssuedAt    time.Time
	Deadline    time.Time
	Contact     string
	Script      taizhang.Script   // of the labels and text; empty: the plan's
	Key         []byte            // HMAC key
	Fill        *Filled           // optional: what an agency typed, for simulated returns and tests
	Previous    map[string]string // optional: last period's reported value of each row, shown for context
}

// Filled is what an agency types into its ledger: per row id the input cells, and the 填報人 block.
type Filled struct {
	Rows   map[string]FilledRow
	Filler map[string]string // label (填報人, 聯繫電話, 審核人, 填報日期) → text
}

// FilledRow is one row's input cells. Value is written as typed: a float64 as a number,
// a string as text ("25家", "２５").
type FilledRow struct {
	Value                                 any
	Status, Progress, Problems, NextSteps string
}

// Meta is the content of a ledger's _meta sheet.
type Meta struct {
	Format, PlanID, CatalogHash, Agency, Period, LedgerID, IssuedAt, Signature string
}

func (m Meta) values() []string {
	return []string{m.Format, m.PlanID, m.CatalogHash, m.Agency, m.Period, m.LedgerID, m.IssuedAt, m.Signature}
}

// Sign computes the signature over the meta fields and, for every row in 指標編號 order, its id
// and signed locked cells. Rows are sorted first, so moving rows does not break it. The text
// signed depends on m.Format: version 1 joined fields with "\n" and "\x1f" unescaped (a cell
// holding those characters could carry a deleted row's text: see signedV1Safe); version 2
// writes every field as its length and its bytes, so no field can stand in for another.
func Sign(key []byte, m Meta, rows map[string][]string) string {
	mac := hmac.New(sha256.New, key)
	ids := make([]string, 0, len(rows))
	for id := range rows {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if m.Format == LedgerFormatV1 {
		signV1(mac, m, ids, rows)
	} else {
		signV2(mac, m, ids, rows)
	}
	return hex.EncodeToString(mac.Sum(nil))
}

func signV1(w io.Writer, m Meta, ids []string, rows map[string][]string) {
	for i, v := range m.values()[:7] {
		fmt.Fprintf(w, "%s=%s\n", MetaKeys[i], canon(v))
	}
	for _, id := range ids {
		fmt.Fprintf(w, "%s", canon(id))
		for _, c := range rows[id] {
			fmt.Fprintf(w, "\x1f%s", canon(c))
		}
		w.Write([]byte{'\n'})
	}
}

// signV2 writes each string as "<length>:<bytes>," (a netstring) and each list as its count
// first: the meta fields with their keys, then the number of rows, then each row's id and cells.
func signV2(w io.Writer, m Meta, ids []string, rows map[string][]string) {
	str := func(s string) { fmt.Fprintf(w, "%d:%s,", len(s), s) }
	str(LedgerFormatV2)
	for i, v := range m.values()[:7] {
		str(MetaKeys[i])
		str(canon(v))
	}
	fmt.Fprintf(w, "%d#", len(ids))
	for _, id := range ids {
		str(canon(id))
		fmt.Fprintf(w, "%d#", len(rows[id]))
		for _, c := range rows[id] {
			str(canon(c))
		}
	}
}

// signedV1Safe reports whether a version-1 ledger's signed text is unambiguous: no meta value
// holds a line break and no signed cell holds a line break or the unit separator, the
// characters that version 1 joined fields with. No ledger was ever issued with them (the
// cells come from the catalog), so a return that holds them was forged.
func signedV1Safe(m Meta, rows map[string][]string) bool {
	for _, v := range m.values()[:7] {
		if strings.ContainsAny(v, "\n\r") {
			return false
		}
	}
	for id, cells := range rows {
		if strings.ContainsAny(id, "\n\r\x1f") {
			return false
		}
		for _, c := range cells {
			if strings.ContainsAny(c, "\n\r\x1f") {
				return false
			}
		}
	}
	return true
}

// canon makes a cell's text comparable however an application re-saved it: trimmed, and a number
// in its shortest form ("2.0" and "2" are the same task number).
func canon(s string) string {
	s = strings.TrimSpace(s)
	if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) && !strings.ContainsAny(s, "xXeE_") {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return s
}

// Ledger lays out one agency's ledger workbook.
func Ledger(spec LedgerSpec) (*excel.Workbook, Meta, error) {
	p := spec.Plan
	to := spec.Script
	if to == "" {
		to = p.Script
	}
	l := templates.NewLabeler(to)
	text := func(s string) string { return l.Text(p.Script, s) }
	rows := RowsFor(p, spec.Agency)
	meta := Meta{Format: LedgerFormat, PlanID: p.ID, CatalogHash: spec.CatalogHash, Agency: spec.Agency,
		Period: spec.Period.String(), LedgerID: spec.LedgerID, IssuedAt: spec.IssuedAt.UTC().Format(time.RFC3339)}
	wb := l.Workbook()
	if err := guideSheet(wb, l, text, spec, rows); err != nil {
		wb.Close()
		return nil, Meta{}, err
	}
	signed := map[string][]string{}
	sh := wb.Sheet(l.L(SheetLedger))
	last := excel.ColName(len(ledgerLayout))
	title := fmt.Sprintf(titleLine, text(p.Title), l.L("工作臺賬"), l.L(spec.Period.Label()))
	sh.Set("A1", title, excel.StyleTitle).Merge("A1", last+"1").AutoHeight(1, 2*excel.RowHeight(1))
	info := fmt.Sprintf(agencyLine, l.L("填報單位"), text(spec.Agency), l.L("報告期"), l.L(spec.Period.Label()),
		l.L("報送截止"), spec.Deadline.Format(taizhang.DateLayout))
	sh.Set("A2", info, excel.StyleSubtitle).Merge("A2", last+"2").Height(2, 22)
	const headerRow = 3
	for i, col := range ledgerLayout {
		sh.Set(excel.CellName(i+1, headerRow), l.L(LedgerHeaders[col]), excel.StyleHeader).Width(excel.ColName(i+1), ledgerWidths[col])
	}
	sh.AutoHeight(headerRow, excel.RowHeight(2))
	for i, r := range rows {
		n := headerRow + 1 + i
		cells := lockedCells(r, l, text)
		cells[colPrevious] = text(spec.Previous[r.ID()])
		ledgerRow(sh, l, n, i+1, r, cells, spec.Fill)
		signed[r.ID()] = signedValues(cells)
	}
	lastRow := headerRow + len(rows)
	if len(rows) > 0 {
		status := excel.ColName(ledgerPos[colStatus])
		sh.Validate(fmt.Sprintf("%s%d:%s%d", status, headerRow+1, status, lastRow),
			excel.Validation{List: l.All(Statuses...), InputTitle: l.L("完成狀態"), Input: l.L(promptStatus), ErrorMsg: l.L(promptStatusError)})
	}
	fillerBlock(sh, l, lastRow+2, spec.Fill)
	sh.Freeze(headerRow).Protect().Print(headerRow, text(spec.Agency)+"  ").Activate()
	if err := sh.Err(); err != nil {
		wb.Close()
		return nil, Meta{}, err
	}
	meta.Signature = Sign(spec.Key, meta, signed)
	ms := wb.Sheet(SheetMeta)
	for i, v := range meta.values() {
		ms.Set(excel.CellName(1, i+1), MetaKeys[i], "").Set(excel.CellName(2, i+1), v, "")
	}
	ms.Hide(true)
	if err := ms.Err(); err != nil {
		wb.Close()
		return nil, Meta{}, err
	}
	if err := wb.LockStructure(); err != nil {
		wb.Close()
		return nil, Meta{}, err
	}
	return wb, meta, nil
}

// ledgerLayout is the order of the columns on the sheet: 上期值 stands beside the value to fill.
var ledgerLayout = []int{colSeq, colTask, colTaskTitle, colRole, colID, colMetric, colTarget, colUnit, colPrevious, colValue, colRate,
	colStatus, colProgress, colProblems, colNext}

// ledgerPos is the 1-based sheet column of each ledger column.
var ledgerPos = func() map[int]int {
	m := map[int]int{}
	for i, c := range ledgerLayout {
		m[c] = i + 1
	}
	return m
}()

// LedgerCell names the cell of a ledger column (ColValue…) in a sheet row of a ledger as issued,
// for what fills one in (the simulator, tests); a returned one is read by its labels instead.
func LedgerCell(col, row int) string { return excel.CellName(ledgerPos[col], row) }

// ledgerWidths, in Excel character units (a Chinese character is two), add up to what A4
// landscape holds at 90% or more: 10.5 pt text prints at 9.5 pt, and long text wraps.
var ledgerWidths = map[int]float64{colSeq: 4.5, colTask: 5, colTaskTitle: 11, colRole: 5, colID: 6.5, colMetric: 13, colTarget: 16, colUnit: 6.5,
	colPrevious: 7.5, colValue: 9, colRate: 9, colStatus: 8.5, colProgress: 23.5, colProblems: 14, colNext: 14}

// promptByKind is what a row's value cell asks for, by the indicator's kind: the total so far
// this year, the level now, the rate, the growth rate or the place, in its unit (then the target).
func promptByKind(ind *taizhang.Indicator) string {
	if ind == nil {
		return promptNumberUnit
	}
	switch ind.JudgedKind() {
	case taizhang.KindLevel:
		return promptLevel
	case taizhang.KindRate:
		return promptRate
	case taizhang.KindGrowth:
		if ind.Comparator == taizhang.Decrease {
			return promptDecrease
		}
		return promptGrowth
	case taizhang.KindRank:
		return promptRank
	}
	return promptNumberUnit
}

// ledgerRow writes one row of the ledger: its locked cells, the cells to fill, the 完成率 formula
// and the prompt, sized to its text.
func ledgerRow(sh *excel.Sheet, l templates.Labeler, n, seq int, r LedgerRow, cells map[int]string, fill *Filled) {
	c := func(col int) string { return excel.CellName(ledgerPos[col], n) }
	ind := r.Indicator
	sh.Set(c(colSeq), seq, excel.StyleCell).Set(c(colTask), r.Task.No, excel.StyleCell)
	for _, col := range []int{colTaskTitle, colMetric, colTarget} {
		sh.Set(c(col), cells[col], excel.StyleWrap)
	}
	for _, col := range []int{colRole, colID, colUnit, colPrevious} {
		sh.Set(c(col), cells[col], excel.StyleCell)
	}
	for _, col := range []int{colValue, colStatus, colProgress, colProblems, colNext} {
		sh.Style(c(col), c(col), excel.StyleInput)
	}
	if f, ok := fill.row(r.ID()); ok {
		sh.Set(c(colValue), f.Value, excel.StyleInput).Set(c(colStatus), f.Status, excel.StyleInput).
			Set(c(colProgress), f.Progress, excel.StyleInput).Set(c(colProblems), f.Problems, excel.StyleInput).
			Set(c(colNext), f.NextSteps, excel.StyleInput)
	}
	// 完成率 is the value over the target, but not for a rank: seventh of a top ten is not 70%.
	if ind != nil && ind.Value != nil && *ind.Value > 0 && ind.Comparator != taizhang.Qualitative && ind.JudgedKind() != taizhang.KindRank {
		sh.Formula(c(colRate), rateFormula(c(colValue), *ind.Value, ind.Unit == "%"), excel.StylePercent)
	} else {
		sh.Set(c(colRate), "—", excel.StyleCell)
	}
	msg := l.L(promptNumber)
	if unit := cells[colUnit]; unit != "" {
		msg = fmt.Sprintf(l.L(promptByKind(ind)), unit, cells[colTarget])
	}
	sh.Validate(c(colValue), excel.Validation{Number: true, InputTitle: l.L("累計完成值"), Input: excel.Clip(msg, 250), ErrorMsg: excel.Clip(msg, 220)})
	lines := 1.0
	for _, col := range []int{colTaskTitle, colMetric, colTarget} {
		lines = math.Max(lines, excel.Lines(cells[col], ledgerWidths[col]))
	}
	if f, ok := fill.row(r.ID()); ok {
		lines = math.Max(lines, excel.Lines(f.Progress, ledgerWidths[colProgress]))
	}
	sh.AutoHeight(n, excel.RowHeight(math.Max(lines, 2)))
}

// rateFormula is 完成率: the value over the target. In a % row a clerk may type 78 or 78%
// (which Excel stores as 0.78 in a cell formatted as a percentage): CELL("format") tells them
// apart, in Excel, WPS and LibreOffice alike.
func rateFormula(value string, target float64, percent bool) string {
	t := strconv.FormatFloat(target, 'f', -1, 64)
	if percent {
		return fmt.Sprintf(`IF(ISNUMBER(%s),IF(LEFT(CELL("format",%s),1)="P",%s*100,%s)/%s,"")`, value, value, value, value, t)
	}
	return fmt.Sprintf(`IF(ISNUMBER(%s),%s/%s,"")`, value, value, t)
}

// fillerBlock is the 填報人 block under the rows: each label, then an input cell to its right.
func fillerBlock(sh *excel.Sheet, l templates.Labeler, row int, fill *Filled) {
	for i, label := range FillerLabels {
		col := ledgerPos[[]int{colTaskTitle, colTarget, colValue, colProgress}[i]]
		input, end := excel.CellName(col+1, row), excel.CellName(col+1, row)
		if i < len(FillerLabels)-1 { // the column right of the label is a narrow one: a name or phone needs two
			end = excel.CellName(col+2, row)
		}
		sh.Set(excel.CellName(col, row), l.L(label)+":", excel.StyleLabel).Style(input, end, excel.StyleInputText).Merge(input, end)
		if fill != nil && fill.Filler[label] != "" {
			sh.Set(input, fill.Filler[label], excel.StyleInputText)
		}
	}
	sh.Height(row, 24)
}

func (f *Filled) row(id string) (FilledRow, bool) {
	if f == nil {
		return FilledRow{}, false
	}
	r, ok := f.Rows[id]
	return r, ok
}

// lockedCells are the texts a row's locked cells show, by ledger column.
func lockedCells(r LedgerRow, l templates.Labeler, text func(string) string) map[int]string {
	metric, unit, target := l.L(noIndicator), "", text(templates.TargetText(r.Indicator))
	if r.Indicator != nil {
		metric, unit = text(r.Indicator.Metric), text(r.Indicator.Unit)
		if r.Indicator.Span != "" {
			target = text(r.Indicator.Span) // the target in the plan's own words
		}
	}
	return map[int]string{colTask: strconv.Itoa(r.Task.No), colTaskTitle: text(r.Task.Title), colRole: l.L(r.Role), colID: r.ID(),
		colMetric: metric, colTarget: target, colUnit: unit}
}

func signedValues(cells map[int]string) []string {
	out := make([]string, len(signedCols))
	for i, c := range signedCols {
		out[i] = cells[c]
	}
	return out
}

func guideSheet(wb *excel.Workbook, l templates.Labeler, text func(string) string, spec LedgerSpec, rows []LedgerRow) error {
	contact := spec.Contact
	if contact == "" {
		contact = l.L(guideNoContact)
	}
	units := map[string][]string{}
	var order []string
	for _, r := range rows {
		if r.Indicator == nil || r.Indicator.Unit == "" {
			continue
		}
		u := text(r.Indicator.Unit)
		if _, ok := units[u]; !ok {
			order = append(order, u)
		}
		units[u] = append(units[u], r.ID())
	}
	var unitLines []string
	for _, u := range order {
		unitLines = append(unitLines, fmt.Sprintf(guideUnit, u, strings.Join(units[u], "、")))
	}
	var prev string
	if len(spec.Previous) > 0 {
		prev = l.L(guidePrevious)
	}
	items := [][2]string{
		{"填報單位", text(spec.Agency)},
		{"報告期", l.L(spec.Period.Label())},
		{"報送截止", spec.Deadline.Format("2006-01-02")},
		{"聯繫人", contact},
		{"填什麼", l.L(guideWhat)},
		{"累計完成值", l.L(guideValue) + prev},
		{"完成狀態", l.L(guideStatus)},
		{"進展情況", l.L(guideProgress)},
		{"請勿", l.L(guideDont)},
		{"計量單位", strings.Join(unitLines, "\n")},
		{"報送方式", l.L(guideSend)},
	}
	sh := wb.Sheet(l.L(SheetGuide))
	const width = 110 // with the label column, what A4 landscape holds at full size
	sh.Set("A1", text(spec.Plan.Title)+" "+l.L("工作臺賬 填報說明"), excel.StyleTitle).Merge("A1", "B1").AutoHeight(1, 2*excel.RowHeight(1)).
		Width("A", 14).Width("B", width)
	for i, it := range items {
		row := i + 2
		sh.Set(excel.CellName(1, row), l.L(it[0]), excel.StyleLabelTop).Set(excel.CellName(2, row), it[1], excel.StyleText).
			AutoHeight(row, excel.RowHeight(excel.Lines(it[1], width))+4)
	}
	sh.Print(1, l.L(SheetGuide)+" ")
	return sh.Err()
}
