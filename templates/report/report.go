package report

import (
	"fmt"
	"sort"
	"strings"
	"time"

	taizhang "taizhang"
	"taizhang/cnum"
	"taizhang/excel"
	"taizhang/reconcile"
	"taizhang/templates"
)

// Data is everything the consolidated workbook shows.
type Data struct {
	Plan      *taizhang.Plan
	Period    taizhang.Period
	AsOf      time.Time
	Generated time.Time // in the plan's time zone
	Tolerance float64
	Result    reconcile.Result
	Previous  *reconcile.Result // the previous period's, when it has returns
	Returns   []taizhang.Return // current returns, with values
	States    []taizhang.Reporting
	Chase     []taizhang.ChaseItem
	Script    taizhang.Script
	Paper     excel.Paper // A4 unless set
	// PrintDetails makes the detail sheets print with the rest. By default printing the workbook
	// gives the leader's pack only (the brief, 總體情況, 分單位情況); each detail sheet keeps its own
	// print settings and prints when asked for (see printOnRequest).
	PrintDetails bool
}

// StatusOrder is the order statuses are counted and charted in.
var StatusOrder = []string{reconcile.Met, reconcile.OnSchedule, reconcile.Behind, reconcile.NotMet, reconcile.Exceeded, reconcile.NotReported, reconcile.Invalid, reconcile.Conflict}

// Workbook lays out the consolidated province-wide workbook.
func Workbook(d Data) (*excel.Workbook, error) {
	to := d.Script
	if to == "" {
		to = d.Plan.Script
	}
	l := templates.NewLabeler(to)
	r := &reportWriter{d: d, l: l, text: func(s string) string { return l.Text(d.Plan.Script, s) }, wb: l.Workbook()}
	r.wb.Paper = d.Paper
	// The order a leader reads in: the brief, the picture, the details, who is behind, what to fix,
	// and last how it was made.
	steps := []func() error{r.brief, r.overview, r.tasks, r.agencies, r.comparison, r.findings, r.chase, r.readme, r.printOnRequest}
	for _, step := range steps {
		if err := step(); err != nil {
			r.wb.Close()
			return nil, err
		}
	}
	return r.wb, nil
}

// detailSheets are the sheets printed on request: a leader's pack is the brief, 總體情況 and
// 分單位情況, a few pages; the details run to scores of pages.
var detailSheets = []string{"重點任務匯總", "與上期對比", "問題清單", "催報清單", "說明"}

// printOnRequest gives each detail sheet a print area of one empty cell beside its table, so that
// printing the workbook (Excel's "print entire workbook", LibreOffice's print and PDF export) gives
// the leader's pack. Each keeps its own page settings (landscape, one page wide, the header row
// on every page): clearing its print area (頁面佈局 → 打印區域 → 取消打印區域) prints it whole,
// and report --print all writes the workbook with every sheet printing.
func (r *reportWriter) printOnRequest() error {
	if r.d.PrintDetails {
		return nil
	}
	for _, name := range detailSheets {
		sh := r.wb.Existing(r.l.L(name))
		if err := sh.PrintArea(excel.CellName(r.widths[r.l.L(name)]+2, 1)).Err(); err != nil {
			return err
		}
	}
	return nil
}

type reportWriter struct {
	d    Data
	l    templates.Labeler
	text func(string) string
	wb   *excel.Workbook
	// widths is how many columns each table sheet has (addTable), for printOnRequest.
	widths map[string]int
}

// addTable adds a table sheet, noting its width.
func (r *reportWriter) addTable(t excel.Table) error {
	if r.widths == nil {
		r.widths = map[string]int{}
	}
	r.widths[t.Sheet] = len(t.Columns)
	return r.wb.AddTable(t)
}

func (r *reportWriter) title(s string) string {
	return fmt.Sprintf(titleLine, r.text(r.d.Plan.Title), r.l.L(s), r.l.L(r.d.Period.Label()))
}

func (r *reportWriter) label(status string) string { return r.l.L(StatusLabels[status]) }

// statusColours maps each status label, as the sheet shows it, to its fill.
func (r *reportWriter) statusColours() map[string]string {
	colours := map[string]string{}
	for st, fill := range statusFill {
		colours[r.label(st)] = fill
	}
	return colours
}

func (r *reportWriter) readme() error {
	d := r.d
	returned, sent := 0, 0
	var first, last time.Time
	loc := d.Generated.Location()
	for _, a := range d.States {
		if a.Ledger != nil {
			sent++
		}
		if a.Returned() {
			returned++
			if first.IsZero() || a.FirstReceived.Before(first) {
				first = a.FirstReceived
			}
			if a.FirstReceived.After(last) {
				last = a.FirstReceived
			}
		}
	}
	window := "—"
	if !first.IsZero() {
		window = fmt.Sprintf(msgWindow, first.In(loc).Format(taizhang.DateLayout), last.In(loc).Format(taizhang.DateLayout))
	}
	rows := [][]any{
		{r.l.L("計劃"), r.text(d.Plan.Title)},
		{r.l.L("文號"), r.text(d.Plan.DocNo)},
		{r.l.L("報告期"), r.l.L(d.Period.Label())},
		{r.l.L("進度截至"), d.AsOf.Format("2006-01-02")},
		{r.l.L("生成時間"), d.Generated.Format(taizhang.TimeLayout)},
		{r.l.L("數據來源"), fmt.Sprintf(r.l.L(msgSources), sent, returned, window)},
		{r.l.L("判定方法"), r.l.L(fmt.Sprintf(msgMethod, d.Tolerance*100))},
		{r.l.L("狀態顏色"), r.l.L(msgColours)},
		{r.l.L("工作表"), r.l.L(msgSheets + map[bool]string{false: msgPrintSummary, true: msgPrintAll}[d.PrintDetails])},
	}
	return r.addTable(excel.Table{Sheet: r.l.L("說明"), Title: r.title("推進情況匯總"), Footer: r.l.L("說明 "),
		Columns: []excel.Column{{Header: r.l.L("項目"), Width: 14}, {Header: r.l.L("內容"), Width: 100, Wrap: true}}, Rows: rows})
}

func (r *reportWriter) counts(filter func(reconcile.Status) bool) map[string]int {
	c := map[string]int{}
	for _, s := range r.d.Result.Statuses {
		if filter(s) {
			c[s.Status]++
		}
	}
	return c
}

// overviewHeaders are 總體情況's column labels, each line fitting its column: a label is broken
// only between its words.
var overviewHeaders = map[string]string{reconcile.Met: "已完成", reconcile.OnSchedule: "序時\n推進", reconcile.Behind: "滯後",
	reconcile.NotMet: "未達到\n目標", reconcile.Exceeded: "超出\n上限", reconcile.NotReported: "未報送", reconcile.Invalid: "數據\n有誤",
	reconcile.Conflict: "數據\n衝突"}

func (r *reportWriter) overview() error {
	d := r.d
	name := r.l.L("總體情況")
	sh := r.wb.Sheet(name)
	headers := []string{"部分", "指標數"}
	for _, st := range StatusOrder {
		headers = append(headers, overviewHeaders[st])
	}
	headers = append(headers, "完成率", "序時以上\n比例")
	last := excel.ColName(len(headers))
	sh.Set("A1", r.title("總體情況"), excel.StyleTitle).Merge("A1", last+"1").Height(1, 32)
	sh.Set("A2", fmt.Sprintf(r.l.L(msgOverviewNote), d.AsOf.Format("2006-01-02")), excel.StyleSubtitle).Merge("A2", last+"2")
	for i, h := range headers {
		sh.Set(excel.CellName(i+1, 3), r.l.L(h), excel.StyleHeader)
		if i >= 2 && i-2 < len(StatusOrder) {
			sh.Fill(excel.CellName(i+1, 3), excel.CellName(i+1, 3), excel.StyleHeader, statusFill[StatusOrder[i-2]])
		}
	}
	sh.Width("A", 30).Height(3, excel.RowHeight(2))
	for i := 2; i <= len(headers); i++ {
		sh.Width(excel.ColName(i), 8)
	}
	sh.Width(excel.ColName(len(headers)), 9) // 序時以上 is four characters
	row := 4
	writeRow := func(title string, c map[string]int) {
		r.overviewRow(sh, row, title, c)
		row++
	}
	writeRow(r.l.L("全部"), r.counts(func(reconcile.Status) bool { return true }))
	sectionOf := map[int]int{}
	for _, t := range d.Plan.Tasks {
		sectionOf[t.No] = t.Section
	}
	firstSection := row
	for _, s := range d.Plan.Sections {
		no := s.No
		writeRow(fmt.Sprintf(sectionTitle, cnum.Format(int64(no)), r.text(s.Title)), r.counts(func(st reconcile.Status) bool { return sectionOf[st.Task] == no }))
	}
	lastSection := row - 1
	// By kind: how running totals, levels, rates, growth rates and ranks stand, each judged its way.
	sh.Set(excel.CellName(1, row), r.l.L(headByKind), excel.StyleLabelLeft).Merge(excel.CellName(1, row), excel.CellName(len(headers), row))
	row++
	for _, k := range taizhang.Kinds {
		c := r.counts(func(st reconcile.Status) bool { return st.Kind == k })
		if len(c) > 0 {
			writeRow(fmt.Sprintf(r.l.L(kindRowTitle), r.l.L(k.Label()), r.l.L(kindMeasures[k])), c)
		}
	}
	// The agencies that have not returned, above the chart: the line a leader most needs.
	notes := row
	var missing []string
	for _, a := range d.States {
		if a.State == taizhang.Sent || a.State == taizhang.Overdue {
			missing = append(missing, r.text(a.Agency))
		}
	}
	msg := r.l.L(msgAllReturned)
	if len(missing) > 0 {
		msg = fmt.Sprintf(r.l.L(msgNotReturned), len(missing)) + strings.Join(missing, "、")
	}
	sh.Set(excel.CellName(1, notes), msg, excel.StyleText).Merge(excel.CellName(1, notes), excel.CellName(len(headers), notes)).
		Height(notes, excel.RowHeight(excel.Lines(msg, 110)))
	var series []excel.Series
	for i, st := range StatusOrder {
		col := excel.ColName(3 + i)
		series = append(series, excel.Series{Name: fmt.Sprintf("'%s'!$%s$3", name, col), Values: fmt.Sprintf("'%s'!$%s$%d:$%s$%d", name, col, firstSection, col, lastSection),
			Colour: statusChart[st]})
	}
	sh.StackedColumns(excel.CellName(1, notes+2), r.l.L("各部分指標狀態分佈"), fmt.Sprintf("'%s'!$A$%d:$A$%d", name, firstSection, lastSection), series, 880, 250)
	sh.Freeze(3).Print(3, name+" ").OnePage()
	return sh.Err()
}

// overviewRow writes one row of 總體情況: a part of the plan (or a kind) and its statuses counted.
func (r *reportWriter) overviewRow(sh *excel.Sheet, row int, title string, c map[string]int) {
	total := 0
	for _, n := range c {
		total += n
	}
	sh.Set(excel.CellName(1, row), title, excel.StyleWrap).Set(excel.CellName(2, row), total, excel.StyleCell)
	for i, st := range StatusOrder {
		sh.Set(excel.CellName(3+i, row), c[st], excel.StyleCell)
	}
	var rate, good any = "—", "—" // a part with no indicator has no rate, not 0%
	if total > 0 {
		rate = float64(c[reconcile.Met]) / float64(total)
		good = float64(c[reconcile.Met]+c[reconcile.OnSchedule]) / float64(total)
	}
	sh.Set(excel.CellName(3+len(StatusOrder), row), rate, excel.StylePercent).Set(excel.CellName(4+len(StatusOrder), row), good, excel.StylePercent)
	sh.Height(row, excel.RowHeight(excel.Lines(title, 30)))
}

// progressText merges what the lead wrote with what participants wrote, labelled.
func (r *reportWriter) progressText(task *taizhang.Task, id, lead string, field func(taizhang.Row) string) string {
	byAgency := map[string]taizhang.Row{}
	for _, ret := range r.d.Returns {
		for _, v := range ret.Values {
			if v.Indicator == id {
				byAgency[ret.Agency] = v
			}
		}
	}
	var parts []string
	if t := strings.TrimSpace(field(byAgency[lead])); t != "" {
		parts = append(parts, r.text(t))
	}
	for _, p := range task.Participating {
		if t := strings.TrimSpace(field(byAgency[p])); t != "" {
			parts = append(parts, r.text(fmt.Sprintf(participantNote, p, t)))
		}
	}
	return strings.Join(parts, "\n")
}

// maxRowLines is how many lines of text a row of a table may hold: a row prints on one page, and
// Excel takes no row over 409 pt; text beyond it would print over the next row or the header.
const maxRowLines = 24

// fitRow keeps what the agencies wrote to what one row can print in a column width wide, saying
// where the rest is when it is cut.
func (r *reportWriter) fitRow(text string, width float64) string {
	if excel.Lines(text, width) <= maxRowLines {
		return text
	}
	more := r.l.L(msgSeeLedgers)
	lines := strings.Split(text, "\n")
	var kept []string
	for _, line := range lines {
		if excel.Lines(strings.Join(append(kept, line, more), "\n"), width) > maxRowLines {
			break
		}
		kept = append(kept, line)
	}
	return strings.Join(append(kept, more), "\n")
}

func pct(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func (r *reportWriter) tasks() error {
	d := r.d
	name := r.l.L("重點任務匯總")
	inds := map[string]*taizhang.Indicator{}
	for i := range d.Plan.Tasks {
		for j := range d.Plan.Tasks[i].Indicators {
			ind := &d.Plan.Tasks[i].Indicators[j]
			inds[ind.ID] = ind
		}
	}
	var rows [][]any
	for i, s := range d.Result.Statuses {
		task := d.Plan.Task(s.Task)
		ind := inds[s.Indicator]
		metric, target := r.l.L(noIndicator), "—"
		if ind != nil {
			metric, target = r.text(ind.Metric), r.text(templates.TargetText(ind))
		}
		var value any
		if s.Value != nil {
			value = *s.Value
		} else if s.Raw != "" {
			value = s.Raw
		}
		problems := r.progressText(task, s.Indicator, s.Agency, func(x taizhang.Row) string { return x.Problems })
		next := r.progressText(task, s.Indicator, s.Agency, func(x taizhang.Row) string { return x.NextSteps })
		if next != "" {
			next = r.l.L(labelNextSteps) + next
		}
		// Time elapsed is what a running total (or a level from its baseline) is judged against; a
		// rate, a growth rate or a rank is not, and a rank has no progress to speak of.
		var expected any = s.Expected
		if s.Kind.Direct() || s.Gap != nil || s.Kind == taizhang.KindQualitative {
			expected = "—"
		}
		progress := r.progressText(task, s.Indicator, s.Agency, func(x taizhang.Row) string { return x.Progress })
		rows = append(rows, []any{i + 1, task.No, r.text(task.Title), s.Indicator, metric, r.l.L(s.Kind.Label()), target, r.text(s.Agency), value,
			pct(s.Progress), expected, r.label(s.Status), r.text(s.Reason), r.fitRow(progress, 24), r.fitRow(strings.TrimSpace(problems+"\n"+next), 19)})
	}
	h := r.l.All("序號", "任務", "重點任務", "指標", "指標名稱", "類型", "目標值", "牽頭單位", "填報值", "完成\n進度", "時間\n進度", "狀態", "狀態說明",
		"進展情況", "存在問題及\n下步打算")
	if err := r.addTable(excel.Table{Sheet: name, Title: r.title("重點任務推進情況匯總表"), Footer: name + " ", Rows: rows,
		Columns: []excel.Column{{Header: h[0], Width: 4.5}, {Header: h[1], Width: 4.5}, {Header: h[2], Width: 12, Wrap: true}, {Header: h[3], Width: 6},
			{Header: h[4], Width: 13, Wrap: true}, {Header: h[5], Width: 6}, {Header: h[6], Width: 13, Wrap: true}, {Header: h[7], Width: 10.5, Wrap: true},
			{Header: h[8], Width: 8, Wrap: true}, {Header: h[9], Width: 8}, {Header: h[10], Width: 8}, {Header: h[11], Width: 8, Wrap: true},
			{Header: h[12], Width: 16, Wrap: true}, {Header: h[13], Width: 24, Wrap: true}, {Header: h[14], Width: 19, Wrap: true}}}); err != nil {
		return err
	}
	if len(rows) == 0 {
		return nil
	}
	last := 2 + len(rows)
	return r.wb.Existing(name).Style("J3", fmt.Sprintf("K%d", last), excel.StylePercent).Highlight(fmt.Sprintf("L3:L%d", last), r.statusColours()).Err()
}

func (r *reportWriter) agencies() error {
	d := r.d
	name := r.l.L("分單位情況")
	led, joined := map[string]int{}, map[string]int{}
	for _, t := range d.Plan.Tasks {
		for _, a := range t.Lead {
			led[a]++
		}
		for _, a := range t.Participating {
			joined[a]++
		}
	}
	perAgency := map[string]map[string]int{}
	for _, s := range d.Result.Statuses {
		if perAgency[s.Agency] == nil {
			perAgency[s.Agency] = map[string]int{}
		}
		perAgency[s.Agency][s.Status]++
	}
	flagged := map[string]int{}
	for _, f := range d.Result.Findings {
		if f.Code == taizhang.CodeInvalidValue || f.Code == taizhang.CodeUnitMismatch {
			flagged[f.Agency]++
		}
	}
	loc := d.Generated.Location()
	var rows [][]any
	for _, a := range d.States {
		c := perAgency[a.Agency]
		total := 0
		for _, n := range c {
			total += n
		}
		returned, days := "", ""
		switch {
		case a.Returned():
			returned = a.FirstReceived.In(loc).Format(taizhang.DateLayout)
		case a.Refused != nil: // it did report, and was refused: the problem list says why
			returned = fmt.Sprintf(r.l.L(msgRefusedOn), a.Refused.ReceivedAt.In(loc).Format(taizhang.DateLayout))
		}
		if a.DaysLate > 0 {
			days = fmt.Sprintf(r.l.L(msgDaysLate), a.DaysLate)
		}
		version := ""
		if a.Current != nil {
			version = fmt.Sprintf(r.l.L(msgVersion), a.Current.Version)
		}
		// The name and the number on lines of their own: a number broken at its hyphen cannot be dialled.
		contact := strings.Replace(r.text(a.Contact()), " ", "\n", 1)
		rows = append(rows, []any{r.text(a.Agency), led[a.Agency], joined[a.Agency], total, a.State.Label(r.l.Script()), a.Deadline.String(), returned, days, version,
			c[reconcile.Met], c[reconcile.OnSchedule], c[reconcile.Behind] + c[reconcile.NotMet], c[reconcile.Exceeded], c[reconcile.NotReported],
			flagged[a.Agency], contact})
	}
	// Headers are broken only between words ("牽頭\n任務"), and every column holds its widest line.
	h := r.l.All("單位", "牽頭\n任務", "參與\n任務", "牽頭\n指標", "報送情況", "報送截止", "首次報回", "逾期", "現行\n版本", "已完成",
		"序時\n推進", "滯後或\n未達標", "超出\n上限", "未填報", "存疑\n數值", "聯繫人及電話")
	err := r.addTable(excel.Table{Sheet: name, Title: r.title("分單位推進情況"), Footer: name + " ", Rows: rows,
		Columns: []excel.Column{{Header: h[0], Width: 20, Wrap: true}, {Header: h[1], Width: 6}, {Header: h[2], Width: 6},
			{Header: h[3], Width: 6}, {Header: h[4], Width: 10, Wrap: true}, {Header: h[5], Width: 12.5}, {Header: h[6], Width: 12.5, Wrap: true},
			{Header: h[7], Width: 9.5}, {Header: h[8], Width: 6}, {Header: h[9], Width: 7.5}, {Header: h[10], Width: 6},
			{Header: h[11], Width: 7.5}, {Header: h[12], Width: 6}, {Header: h[13], Width: 7.5}, {Header: h[14], Width: 6}, {Header: h[15], Width: 17, Wrap: true}}})
	if err != nil || len(rows) == 0 {
		return err
	}
	colours := map[string]string{}
	for st, fill := range stateFill {
		colours[st.Label(r.l.Script())] = fill
	}
	return r.wb.Existing(name).Highlight(fmt.Sprintf("E3:E%d", 2+len(rows)), colours).Err()
}
func (r *reportWriter) findings() error {
	name := r.l.L("問題清單")
	fs := append([]taizhang.Finding{}, r.d.Result.Findings...)
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Severity.Rank() < fs[j].Severity.Rank() })
	var rows [][]any
	for i, f := range fs {
		where := f.File
		for _, part := range []string{f.Sheet, f.Cell} {
			if where != "" && part != "" {
				where += "!" + part
			}
		}
		task := any(nil)
		if f.Task > 0 {
			task = f.Task
		}
		rows = append(rows, []any{i + 1, f.Code.Label(r.l.Script()), f.Severity.Label(r.l.Script()), r.text(f.Agency), task, f.Indicator, where, r.text(f.Message)})
	}
	h := r.l.All("序號", "問題類型", "處理", "單位", "任務", "指標", "位置(文件!工作表!單元格)", "說明")
	return r.addTable(excel.Table{Sheet: name, Title: r.title("問題清單"), Footer: name + " ", Rows: rows,
		Columns: []excel.Column{{Header: h[0], Width: 5}, {Header: h[1], Width: 10}, {Header: h[2], Width: 7}, {Header: h[3], Width: 18, Wrap: true},
			{Header: h[4], Width: 6}, {Header: h[5], Width: 7}, {Header: h[6], Width: 30, Wrap: true}, {Header: h[7], Width: 60, Wrap: true}}})
}

func (r *reportWriter) chase() error {
	name := r.l.L("催報清單")
	var rows [][]any
	for i, c := range r.d.Chase {
		rows = append(rows, []any{i + 1, r.text(c.Agency), r.text(strings.Join(c.Missing, ";")), r.text(c.Contact), c.Deadline.String(), r.l.L(ChaseDeadlineNote(c))})
	}
	h := r.l.All("序號", "單位", "缺少或需更正", "聯繫人及電話", "報送截止", "期限")
	return r.addTable(excel.Table{Sheet: name, Title: r.title("催報清單"), Footer: name + " ", Rows: rows,
		Columns: []excel.Column{{Header: h[0], Width: 5}, {Header: h[1], Width: 26, Wrap: true}, {Header: h[2], Width: 33, Wrap: true},
			{Header: h[3], Width: 26, Wrap: true}, {Header: h[4], Width: 12}, {Header: h[5], Width: 16}}})
}

// statusRank orders statuses from done to nothing usable, to tell a fall back from a step forward.
var statusRank = map[string]int{reconcile.Met: 0, reconcile.OnSchedule: 1, reconcile.Behind: 2, reconcile.NotMet: 2, reconcile.Exceeded: 3, reconcile.Invalid: 3,
	reconcile.Conflict: 3, reconcile.NotReported: 4}

func (r *reportWriter) comparison() error {
	name := r.l.L("與上期對比")
	h := r.l.All("指標\n編號", "指標名稱", "牽頭單位", "上期值", "本期值", "變化", "上期狀態", "本期狀態")
	cols := []excel.Column{{Header: h[0], Width: 8}, {Header: h[1], Width: 24, Wrap: true}, {Header: h[2], Width: 18, Wrap: true}, {Header: h[3], Width: 10},
		{Header: h[4], Width: 10}, {Header: h[5], Width: 10}, {Header: h[6], Width: 10}, {Header: h[7], Width: 10}}
	var rows [][]any
	if r.d.Previous == nil {
		rows = append(rows, []any{"—", r.l.L(msgNoPrevious)})
	} else {
		prev := map[string]reconcile.Status{}
		for _, s := range r.d.Previous.Statuses {
			prev[s.Indicator+"|"+s.Agency] = s
		}
		metrics := map[string]string{}
		for _, t := range r.d.Plan.Tasks {
			for _, ind := range t.Indicators {
				metrics[ind.ID] = ind.Metric
			}
		}
		// Only the indicators whose status moved, those that fell back first: a cumulative value
		// changes every period, and its change is in 重點任務匯總.
		type moved struct {
			row   []any
			worse bool
		}
		var list []moved
		same := 0
		for _, s := range r.d.Result.Statuses {
			p, ok := prev[s.Indicator+"|"+s.Agency]
			if !ok {
				continue
			}
			if p.Status == s.Status {
				same++
				continue
			}
			var change any
			if p.Value != nil && s.Value != nil {
				change = *s.Value - *p.Value
			}
			metric := r.text(metrics[s.Indicator])
			if metric == "" {
				metric = r.l.L(noIndicator)
			}
			list = append(list, moved{[]any{s.Indicator, metric, r.text(s.Agency), p.Value, s.Value, change, r.label(p.Status), r.label(s.Status)},
				statusRank[s.Status] > statusRank[p.Status]})
		}
		sort.SliceStable(list, func(i, j int) bool { return list[i].worse && !list[j].worse })
		for _, m := range list {
			rows = append(rows, m.row)
		}
		switch {
		case len(rows) == 0:
			rows = append(rows, []any{"—", r.l.L(msgNoChange)})
		case same > 0:
			rows = append(rows, []any{"—", fmt.Sprintf(r.l.L(msgUnchanged), same)})
		}
	}
	if err := r.addTable(excel.Table{Sheet: name, Title: r.title("與上期對比"), Footer: name + " ", Rows: rows, Columns: cols}); err != nil || r.d.Previous == nil {
		return err
	}
	last := 2 + len(rows)
	return r.wb.Existing(name).Highlight(fmt.Sprintf("G3:H%d", last), r.statusColours()).Err()
}

// DeadlineNote says how an agency stands against its deadline: "逾期3天", "還有2天", "今天截止", or "".
func DeadlineNote(state taizhang.ReportState, daysLate, daysLeft int) string {
	switch {
	case (state == taizhang.Overdue || state == taizhang.Late) && daysLate > 0:
		return fmt.Sprintf(msgDaysLate, daysLate)
	case state == taizhang.Sent && daysLeft > 0:
		return fmt.Sprintf(msgDaysLeft, daysLeft)
	case state == taizhang.Sent:
		return msgDueToday
	}
	return ""
}

// ChaseDeadlineNote is DeadlineNote for the chase list, where an agency that reported owes corrections: it says
// so rather than leaving the column blank.
func ChaseDeadlineNote(c taizhang.ChaseItem) string {
	switch c.State {
	case taizhang.OnTime:
		return chaseReported
	case taizhang.Late:
		return chaseReportedLate
	}
	return DeadlineNote(c.State, c.DaysLate, c.DaysLeft)
}

// ChaseWorkbook is the 催報清單 alone, for sending around.
func ChaseWorkbook(d Data) (*excel.Workbook, error) {
	to := d.Script
	if to == "" {
		to = d.Plan.Script
	}
	l := templates.NewLabeler(to)
	r := &reportWriter{d: d, l: l, text: func(s string) string { return l.Text(d.Plan.Script, s) }, wb: l.Workbook()}
	if err := r.chase(); err != nil {
		r.wb.Close()
		return nil, err
	}
	return r.wb, nil
}
