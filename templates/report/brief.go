package report

import (
	"fmt"
	"math"
	"sort"
	"strings"

	taizhang "taizhang"
	"taizhang/cnum"
	"taizhang/excel"
	"taizhang/reconcile"
)

// briefWidths are the brief's columns: the left half A–G, a gutter H, the right half I–M.
var briefWidths = map[string]float64{"A": 29, "B": 7, "C": 8, "D": 8, "E": 7, "F": 8, "G": 7, "H": 1.5, "I": 6.5, "J": 24, "K": 17, "L": 8, "M": 8}

// briefStatuses are the columns of the brief's status table: invalid and conflicting data
// counted together, as one thing to correct.
var briefStatuses = []string{reconcile.Met, reconcile.OnSchedule, reconcile.Behind, reconcile.Exceeded, reconcile.Invalid, reconcile.NotReported}

// brief is 領導簡報: one A4 page for the leader with two minutes, in three bands of two halves
// whose rows line up: how agencies reported and the indicators by status; each part of the plan
// judged red, amber or green beside the ten indicators furthest behind; the agencies ranked
// beside the change since the last period and how the judgements are made.
func (r *reportWriter) brief() error {
	sh := r.wb.Sheet(r.l.L("領導簡報"))
	// Wide enough that a part's title, an indicator's name and an agency fit on one line (rows of
	// one line are what lets the page print near full size), within A4 landscape's 784 pt.
	for col, w := range briefWidths {
		sh.Width(col, w)
	}
	// The two halves share rows: each row is as tall as the taller of its two halves needs.
	lines := map[int]float64{}
	r.lines = func(row int, n float64) { lines[row] = math.Max(lines[row], n) }
	sh.Set("A1", r.title("推進情況簡報"), excel.StyleTitle).Merge("A1", "M1").Height(1, 24)
	sh.Set("A2", r.l.L(fmt.Sprintf(briefSubtitle, r.d.AsOf.Format(taizhang.DateLayout),
		100*taizhang.Elapsed(r.d.AsOf, r.d.Plan.Year, nil), r.d.Generated.Format(taizhang.TimeLayout))), excel.StyleSubtitle).Merge("A2", "M2")
	r.briefStatusTable(sh, 3)
	r.briefReturns(sh, 3)
	band2 := 8
	left := r.briefSections(sh, band2)
	right := r.briefBehind(sh, band2)
	band3 := max(left, right) + 2
	last := r.briefRanking(sh, band3)
	r.briefChange(sh, band3)
	for row, n := range lines {
		if n > 1 { // a row of one line keeps the application's own height, the least it needs
			sh.AutoHeight(row, excel.RowHeight(n))
		}
	}
	sh.Print(0, r.l.L("領導簡報 ")).OnePage()
	_ = last
	return sh.Err()
}

func (r *reportWriter) heading(sh *excel.Sheet, cell, to, text string) {
	sh.Set(cell, r.l.L(text), excel.StyleLabelLeft).Merge(cell, to)
}

// briefReturns (right, band 1): how many agencies reported, on time or late, and who has not.
func (r *reportWriter) briefReturns(sh *excel.Sheet, row int) {
	var sent, onTime, late int
	var missing []string
	for _, a := range r.d.States {
		if a.Ledger != nil {
			sent++
		}
		switch a.State {
		case taizhang.OnTime:
			onTime++
		case taizhang.Late:
			late++
		case taizhang.Sent, taizhang.Overdue:
			name := a.Agency
			if a.Refused != nil {
				name += r.l.L(briefRefused)
			}
			missing = append(missing, name)
		}
	}
	r.heading(sh, excel.CellName(9, row), excel.CellName(13, row), headReturns)
	text := fmt.Sprintf(briefSent, sent, onTime+late, onTime, late)
	if len(missing) > 0 {
		text += fmt.Sprintf(briefMissing, len(missing), strings.Join(missing, "、"))
	} else {
		text += briefAllReturned
	}
	from, to := excel.CellName(9, row+1), excel.CellName(13, row+3)
	sh.Set(from, r.text(text), excel.StyleText).Merge(from, to)
	r.lines(row+1, math.Max(1, excel.Lines(text, 58)-2))
}

// briefStatusTable (left, band 1): indicators by status, as numbers and shares.
func (r *reportWriter) briefStatusTable(sh *excel.Sheet, row int) {
	c := r.counts(func(reconcile.Status) bool { return true })
	c[reconcile.Invalid] += c[reconcile.Conflict]
	total := len(r.d.Result.Statuses)
	r.heading(sh, excel.CellName(1, row), excel.CellName(7, row), fmt.Sprintf(headStatuses, total))
	sh.Set(excel.CellName(1, row+1), r.l.L("狀態"), excel.StyleHeader).Set(excel.CellName(1, row+2), r.l.L("個數"), excel.StyleHeader).
		Set(excel.CellName(1, row+3), r.l.L("佔比"), excel.StyleHeader)
	for i, st := range briefStatuses {
		label := r.label(st)
		if st == reconcile.Invalid {
			label = r.l.L("數據有誤/衝突")
		}
		share := 0.0
		if total > 0 {
			share = float64(c[st]) / float64(total)
		}
		col := i + 2
		sh.Set(excel.CellName(col, row+1), label, excel.StyleHeader).Fill(excel.CellName(col, row+1), excel.CellName(col, row+1), excel.StyleHeader, statusFill[st]).
			Set(excel.CellName(col, row+2), c[st], excel.StyleCell).Set(excel.CellName(col, row+3), share, excel.StylePercent)
	}
	r.lines(row+1, 2)
}

// briefChange (right, band 3): the change since the last period, and how the brief is made.
func (r *reportWriter) briefChange(sh *excel.Sheet, row int) {
	r.heading(sh, excel.CellName(9, row), excel.CellName(13, row), headChange)
	change := r.text(r.change())
	sh.Set(excel.CellName(9, row+1), change, excel.StyleText).Merge(excel.CellName(9, row+1), excel.CellName(13, row+4))
	note := r.l.L(briefNote)
	sh.Set(excel.CellName(9, row+6), note, excel.StyleNote).Merge(excel.CellName(9, row+6), excel.CellName(13, row+11))
}

// briefSections: each part of the plan, its indicators by status and its judgement. It returns
// the last row used.
func (r *reportWriter) briefSections(sh *excel.Sheet, row int) int {
	r.heading(sh, excel.CellName(1, row), excel.CellName(7, row), headSections)
	for i, h := range []string{"部分", "指標", "已完成", "序時推進", "滯後", "未報送", "評價"} {
		sh.Set(excel.CellName(i+1, row+1), r.l.L(h), excel.StyleHeader)
	}
	r.lines(row+1, 2)
	sectionOf := map[int]int{}
	for _, t := range r.d.Plan.Tasks {
		sectionOf[t.No] = t.Section
	}
	for i, s := range r.d.Plan.Sections {
		no, n := s.No, row+2+i
		c := r.counts(func(st reconcile.Status) bool { return sectionOf[st.Task] == no })
		total := 0
		for _, k := range c {
			total += k
		}
		rag := JudgeRAG(c)
		title := fmt.Sprintf(sectionTitle, cnum.Format(int64(no)), r.text(s.Title))
		sh.Set(excel.CellName(1, n), excel.ClipWidth(title, briefWidths["A"]), excel.StyleText).Set(excel.CellName(2, n), total, excel.StyleCell).
			Set(excel.CellName(3, n), c[reconcile.Met], excel.StyleCell).Set(excel.CellName(4, n), c[reconcile.OnSchedule], excel.StyleCell).
			Set(excel.CellName(5, n), c[reconcile.Behind]+c[reconcile.Exceeded], excel.StyleCell).Set(excel.CellName(6, n), c[reconcile.NotReported], excel.StyleCell).
			Set(excel.CellName(7, n), r.l.L(string(rag)), excel.StyleCell).Fill(excel.CellName(7, n), excel.CellName(7, n), excel.StyleCell, ragFill[rag])
	}
	return row + 1 + len(r.d.Plan.Sections)
}

// briefBehind (right, band 2): the ten indicators furthest behind time elapsed, with their
// lead agencies. It returns the last row used.
func (r *reportWriter) briefBehind(sh *excel.Sheet, row int) int {
	var behind []reconcile.Status
	for _, s := range r.d.Result.Statuses {
		if s.Status == reconcile.Behind && s.Progress != nil {
			behind = append(behind, s)
		}
	}
	gap := func(s reconcile.Status) float64 {
		if ind := r.indicator(s.Indicator); ind != nil && ind.Comparator == taizhang.AtMost {
			return *s.Progress - s.Expected // a cap used up too fast
		}
		return s.Expected - *s.Progress
	}
	sort.SliceStable(behind, func(i, j int) bool { return gap(behind[i]) > gap(behind[j]) })
	behind = behind[:min(len(behind), 10)]
	r.heading(sh, excel.CellName(9, row), excel.CellName(13, row), fmt.Sprintf(headBehind, len(behind)))
	for i, h := range []string{"指標", "指標名稱", "牽頭單位", "完成進度", "時間進度"} {
		sh.Set(excel.CellName(9+i, row+1), r.l.L(h), excel.StyleHeader)
	}
	r.lines(row+1, 2)
	for i, s := range behind {
		n := row + 2 + i
		metric := ""
		if ind := r.indicator(s.Indicator); ind != nil {
			metric = r.text(ind.Metric)
		}
		sh.Set(excel.CellName(9, n), s.Indicator, excel.StyleCell).Set(excel.CellName(10, n), excel.ClipWidth(metric, briefWidths["J"]), excel.StyleText).
			Set(excel.CellName(11, n), excel.ClipWidth(r.text(s.Agency), briefWidths["K"]), excel.StyleText).Set(excel.CellName(12, n), *s.Progress, excel.StylePercent).
			Set(excel.CellName(13, n), s.Expected, excel.StylePercent).Fill(excel.CellName(12, n), excel.CellName(12, n), excel.StylePercent, statusFill[reconcile.Behind])
	}
	if len(behind) == 0 {
		sh.Set(excel.CellName(9, row+2), r.l.L(briefNoBehind), excel.StyleText).Merge(excel.CellName(9, row+2), excel.CellName(13, row+2))
	}
	return row + 1 + max(len(behind), 1)
}

// briefRanking ranks the lead agencies by the share of their indicators done or on schedule, and
// shows the first five and the last five. It returns the last row used.
func (r *reportWriter) briefRanking(sh *excel.Sheet, row int) int {
	type ranked struct {
		agency    string
		share     float64
		met, lead int
	}
	per := map[string]*ranked{}
	var list []*ranked
	for _, s := range r.d.Result.Statuses {
		a := per[s.Agency]
		if a == nil {
			a = &ranked{agency: s.Agency}
			per[s.Agency] = a
			list = append(list, a)
		}
		a.lead++
		if s.Status == reconcile.Met {
			a.met++
		}
		if s.Status == reconcile.Met || s.Status == reconcile.OnSchedule {
			a.share++
		}
	}
	for _, a := range list {
		a.share /= float64(a.lead)
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.share != b.share {
			return a.share > b.share
		}
		if a.met != b.met {
			return a.met > b.met
		}
		return a.agency < b.agency
	})
	shown := list
	title := fmt.Sprintf(headRanking, len(list))
	if len(list) > 10 {
		shown = append(append([]*ranked{}, list[:5]...), list[len(list)-5:]...)
		title = fmt.Sprintf(headRankingCut, len(list))
	}
	r.heading(sh, excel.CellName(1, row), excel.CellName(7, row), title)
	cols := [][2]int{{1, 1}, {2, 3}, {4, 5}, {6, 7}} // 單位, 報送, 序時以上, 已完成: cells merged across the half's columns
	for i, h := range []string{"名次 單位", "報送", "序時以上", "已完成"} {
		sh.Set(excel.CellName(cols[i][0], row+1), r.l.L(h), excel.StyleHeader).Merge(excel.CellName(cols[i][0], row+1), excel.CellName(cols[i][1], row+1)).
			Style(excel.CellName(cols[i][0], row+1), excel.CellName(cols[i][1], row+1), excel.StyleHeader)
	}
	states := map[string]taizhang.ReportState{}
	for _, a := range r.d.States {
		states[a.Agency] = a.State
	}
	skipped := 0 // a row that says the middle of the ranking is left out
	if len(list) > 10 {
		sh.Set(excel.CellName(1, row+7), r.l.L(fmt.Sprintf(briefRankSkipped, len(list)-5)), excel.StyleNote).
			Merge(excel.CellName(1, row+7), excel.CellName(7, row+7))
	}
	for i, a := range shown {
		n, rank := row+2+i, i+1
		if len(list) > 10 && i >= 5 {
			rank, skipped = len(list)-9+i, 1
			n++
		}
		st := states[a.agency]
		cell := func(k int) (string, string) { return excel.CellName(cols[k][0], n), excel.CellName(cols[k][1], n) }
		c0, _ := cell(0)
		sh.Set(c0, excel.ClipWidth(fmt.Sprintf(briefRankLine, rank, r.text(a.agency)), briefWidths["A"]), excel.StyleText)
		from, to := cell(1)
		sh.Set(from, st.Label(r.l.Script()), excel.StyleCell).Merge(from, to).Fill(from, to, excel.StyleCell, stateFill[st])
		from, to = cell(2)
		sh.Set(from, a.share, excel.StylePercent).Merge(from, to).Style(from, to, excel.StylePercent)
		from, to = cell(3)
		sh.Set(from, a.met, excel.StyleCell).Merge(from, to).Style(from, to, excel.StyleCell)
	}
	return row + 1 + len(shown) + skipped
}

// change says in one sentence how the period compares with the one before.
func (r *reportWriter) change() string {
	if r.d.Previous == nil {
		return briefNoPrevious
	}
	prev, now := map[string]int{}, map[string]int{}
	before := map[string]string{}
	for _, s := range r.d.Previous.Statuses {
		prev[s.Status]++
		before[s.Indicator+"|"+s.Agency] = s.Status
	}
	better, worse := 0, 0
	rank := map[string]int{reconcile.Met: 0, reconcile.OnSchedule: 1, reconcile.NotReported: 2, reconcile.Behind: 3, reconcile.Exceeded: 4,
		reconcile.Invalid: 4, reconcile.Conflict: 4}
	for _, s := range r.d.Result.Statuses {
		now[s.Status]++
		if p, ok := before[s.Indicator+"|"+s.Agency]; ok {
			switch {
			case rank[s.Status] < rank[p]:
				better++
			case rank[s.Status] > rank[p]:
				worse++
			}
		}
	}
	return fmt.Sprintf(briefComparison,
		r.d.Period.Previous().Label(), prev[reconcile.Met], now[reconcile.Met], prev[reconcile.OnSchedule], now[reconcile.OnSchedule],
		prev[reconcile.Behind], now[reconcile.Behind], prev[reconcile.NotReported], now[reconcile.NotReported], better, worse)
}

func (r *reportWriter) indicator(id string) *taizhang.Indicator {
	task, _, _ := taizhang.ParseIndicatorID(id)
	if t := r.d.Plan.Task(task); t != nil {
		for i := range t.Indicators {
			if t.Indicators[i].ID == id {
				return &t.Indicators[i]
			}
		}
	}
	return nil
}
