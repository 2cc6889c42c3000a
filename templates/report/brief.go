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

// The brief is laid out on a grid of equal narrow columns (about two characters each), each band
// placing its own table by spans of them and merging each cell across its span: the ten
// indicators furthest behind need the page's whole width, the other bands two halves.
// briefCols columns of briefColW fill A4 landscape's 784 pt (a column prints about 7 pixels a
// unit plus 4: 21.4 pt).
const (
	briefCols  = 36
	briefColW  = 3.5
	briefLeft  = 21 // columns of the left half; then a gutter, then the right half
	briefRight = briefLeft + 2
)

// Row heights of the brief, in points: set, not left to the application, so that the page
// comes out the same whatever fonts are installed. A line of Chinese type takes up to 1.45 times
// its size (Noto CJK; SimSun and WenQuanYi less): 15 pt for 10.5 pt, 16 for 11 pt, 14 for 9.5 pt.
const (
	hTitle    = 26
	hSubtitle = 16
	hHeading  = 18
	hHeader   = 18
	hLine     = 15
	hText     = 16
	hNote     = 14
	hGap      = 5
)

// briefStatuses are the columns of the brief's status table, with their spans: invalid and
// conflicting data counted together, as one thing to correct.
var briefStatuses = []struct {
	status string
	span   int
}{{reconcile.Met, 2}, {reconcile.OnSchedule, 3}, {reconcile.Behind, 2}, {reconcile.NotMet, 3}, {reconcile.Exceeded, 3},
	{reconcile.Invalid, 4}, {reconcile.NotReported, 2}}

// briefSheet is the brief being laid out: its sheet and each row's height.
type briefSheet struct {
	r       *reportWriter
	sh      *excel.Sheet
	heights map[int]float64
}

// brief is 領導簡報: one A4 page for the leader with two minutes: how the indicators stand and
// who reported; the ten indicators furthest behind, each with its figure, its target and how far
// it is; each part of the plan judged red, amber or green beside the agencies ranked and the
// change since the last period.
func (r *reportWriter) brief() error {
	b := &briefSheet{r: r, sh: r.wb.Sheet(r.l.L("領導簡報")), heights: map[int]float64{}}
	for i := 1; i <= briefCols; i++ {
		b.sh.Width(excel.ColName(i), briefColW)
	}
	last := excel.ColName(briefCols)
	b.sh.Set("A1", r.title("推進情況簡報"), excel.StyleTitle).Merge("A1", last+"1")
	b.height(1, hTitle)
	f := taizhang.Elapsed(r.d.AsOf, r.d.Plan.Year, nil)
	b.sh.Set("A2", r.l.L(fmt.Sprintf(briefSubtitle, r.d.AsOf.Format(taizhang.DateLayout), 100*f, r.d.Generated.Format(taizhang.TimeLayout))),
		excel.StyleSubtitle).Merge("A2", last+"2")
	b.height(2, hSubtitle)
	row := max(b.statusTable(3), b.returns(3)) + 1
	b.height(row, hGap)
	row = b.behind(row+1) + 1
	b.height(row, hGap)
	b.bottom(row + 1)
	for n, h := range b.heights {
		b.sh.Height(n, h)
	}
	b.sh.Print(0, r.l.L("領導簡報 ")).OnePage()
	return b.sh.Err()
}

// height makes row n at least h points tall.
func (b *briefSheet) height(n int, h float64) { b.heights[n] = math.Max(b.heights[n], h) }

// spanWidth is the width of span grid columns merged, in the units excel.Lines counts (a
// Chinese character is two, a cell's padding one and a half): its printed width less the padding,
// at 5.25 pt a unit.
func spanWidth(span int) float64 { return (float64(span)*(7*briefColW+4)*0.75-3)/5.25 + 1.5 }

// cells writes vals on row n from grid column col, each merged across its span, in style st
// (filled when fill is set); it returns the lines the tallest needs.
func (b *briefSheet) cells(n, col int, spans []int, vals []any, st excel.Style, fills []string) float64 {
	lines := 1.0
	for i, v := range vals {
		from, to := excel.CellName(col, n), excel.CellName(col+spans[i]-1, n)
		b.sh.Set(from, v, st).Style(from, to, st)
		if spans[i] > 1 {
			b.sh.Merge(from, to)
		}
		if i < len(fills) && fills[i] != "" {
			b.sh.Fill(from, to, st, fills[i])
		}
		if s, ok := v.(string); ok {
			lines = math.Max(lines, excel.Lines(s, spanWidth(spans[i])))
		}
		col += spans[i]
	}
	return lines
}

// heading writes a band's heading across columns from..to.
func (b *briefSheet) heading(n, from, to int, text string) {
	b.sh.Set(excel.CellName(from, n), text, excel.StyleLabelLeft).Merge(excel.CellName(from, n), excel.CellName(to, n))
	b.height(n, hHeading)
}

// text writes a paragraph in the right half from row n, over as many rows as it needs (rows the
// left half already sized count at their height); it returns the last row used.
func (b *briefSheet) text(n int, text string, st excel.Style) int {
	// 11 pt type is a little wider than the 10.5 pt excel.Lines counts.
	lineH, width := float64(hText), spanWidth(briefCols-briefRight+1)/1.05
	if st == excel.StyleNote {
		lineH, width = hNote, width*1.1
	}
	need := excel.Lines(text, width) * lineH
	last := n
	for got := 0.0; ; last++ {
		h := b.heights[last]
		if h == 0 {
			h = hLine
			b.height(last, h)
		}
		if got += h; got >= need-1 {
			break
		}
	}
	from, to := excel.CellName(briefRight, n), excel.CellName(briefCols, last)
	b.sh.Set(from, text, st).Merge(from, to)
	return last
}

// statusTable (left, band 1): indicators by status, as numbers and shares. It returns the last row.
func (b *briefSheet) statusTable(row int) int {
	r := b.r
	c := r.counts(func(reconcile.Status) bool { return true })
	c[reconcile.Invalid] += c[reconcile.Conflict]
	total := len(r.d.Result.Statuses)
	b.heading(row, 1, briefLeft, fmt.Sprintf(r.l.L(headStatuses), total))
	spans, head, count, share, fills := []int{2}, []any{r.l.L("狀態")}, []any{r.l.L("個數")}, []any{r.l.L("佔比")}, []string{""}
	for _, st := range briefStatuses {
		label := r.label(st.status)
		if st.status == reconcile.Invalid {
			label = r.l.L("數據有誤/衝突")
		}
		s := 0.0
		if total > 0 {
			s = float64(c[st.status]) / float64(total)
		}
		spans, head, count, share = append(spans, st.span), append(head, label), append(count, c[st.status]), append(share, s)
		fills = append(fills, statusFill[st.status])
	}
	b.cells(row+1, 1, spans, head, excel.StyleHeader, fills)
	b.height(row+1, hHeader)
	for i, vals := range [][]any{count, share} {
		st := []excel.Style{excel.StyleCell, excel.StylePercent}[i]
		b.cells(row+2+i, 1, spans[:1], vals[:1], excel.StyleHeader, nil)
		b.cells(row+2+i, 1+spans[0], spans[1:], vals[1:], st, nil)
	}
	b.height(row+2, hLine)
	b.height(row+3, hLine)
	return row + 3
}

// returns (right, band 1): how many agencies reported, on time or late, and who has not. It
// returns the last row used.
func (b *briefSheet) returns(row int) int {
	r := b.r
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
	b.heading(row, briefRight, briefCols, r.l.L(headReturns))
	text := fmt.Sprintf(briefSent, sent, onTime+late, onTime, late)
	if len(missing) > 0 {
		text += fmt.Sprintf(briefMissing, len(missing), strings.Join(missing, "、"))
	} else {
		text += briefAllReturned
	}
	return b.text(row+1, r.text(r.l.L(text)), excel.StyleText)
}

// bottom is band 3: each part of the plan on the left; the agencies ranked, the change since
// the last period and how the brief is made on the right.
func (b *briefSheet) bottom(row int) {
	b.sections(row)
	r := b.r
	b.heading(row, briefRight, briefCols, fmt.Sprintf(r.l.L(headRanking), len(b.ranking())))
	n := b.text(row+1, r.text(b.rankingText()), excel.StyleText)
	b.heading(n+1, briefRight, briefCols, r.l.L(headChange))
	n = b.text(n+2, r.text(r.l.L(r.change())), excel.StyleText)
	b.text(n+1, r.l.L(briefNote), excel.StyleNote)
}

// sections (left, band 3): each part of the plan, its indicators by status and its judgement.
// It returns the last row used.
func (b *briefSheet) sections(row int) int {
	r := b.r
	b.heading(row, 1, briefLeft, r.l.L(headSections))
	spans := []int{9, 2, 2, 2, 2, 2, 2}
	b.cells(row+1, 1, spans, []any{r.l.L("部分"), r.l.L("指標"), r.l.L("已完成"), r.l.L("序時\n推進"), r.l.L("滯後或\n未達標"),
		r.l.L("未報送"), r.l.L("評價")}, excel.StyleHeader, nil)
	b.height(row+1, 2*hHeader-4)
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
		lines := b.cells(n, 1, spans[:1], []any{title}, excel.StyleWrap, nil)
		b.cells(n, 1+spans[0], spans[1:6], []any{total, c[reconcile.Met], c[reconcile.OnSchedule], c[reconcile.Behind] + c[reconcile.NotMet],
			c[reconcile.NotReported]}, excel.StyleCell, nil)
		b.cells(n, 1+spans[0]+10, spans[6:], []any{r.l.L(string(rag))}, excel.StyleCell, []string{ragFill[rag]})
		b.height(n, lines*hLine)
	}
	return row + 1 + len(r.d.Plan.Sections)
}

// ranked is a lead agency's standing: the share of its indicators done or on schedule.
type ranked struct {
	agency    string
	share     float64
	met, lead int
}

// ranking ranks the lead agencies by the share of their indicators done or on schedule, then
// by how many are done.
func (b *briefSheet) ranking() []*ranked {
	per := map[string]*ranked{}
	var list []*ranked
	for _, s := range b.r.d.Result.Statuses {
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
	return list
}

// rankingText names the first five and the last five agencies (all when ten or fewer), each with
// its share done or on schedule.
func (b *briefSheet) rankingText() string {
	r := b.r
	list := b.ranking()
	line := func(from, to int) string {
		var parts []string
		for i := from; i < to; i++ {
			parts = append(parts, fmt.Sprintf(briefRankLine, list[i].agency, 100*list[i].share))
		}
		return strings.Join(parts, "、")
	}
	if len(list) <= 10 {
		return r.l.L(briefRankAll) + line(0, len(list))
	}
	return r.l.L(briefRankFirst) + line(0, 5) + "\n" + fmt.Sprintf(r.l.L(briefRankLast), len(list)-4, len(list)) + line(len(list)-5, len(list))
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
	rank := map[string]int{reconcile.Met: 0, reconcile.OnSchedule: 1, reconcile.NotReported: 2, reconcile.Behind: 3, reconcile.NotMet: 3,
		reconcile.Exceeded: 4, reconcile.Invalid: 4, reconcile.Conflict: 4}
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
		prev[reconcile.Behind], now[reconcile.Behind], prev[reconcile.NotMet], now[reconcile.NotMet],
		prev[reconcile.NotReported], now[reconcile.NotReported], better, worse)
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
