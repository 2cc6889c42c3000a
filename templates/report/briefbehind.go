package report

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/reconcile"
	"taizhang/templates"
)

// behindItem is one of the indicators furthest behind: the status of the lead agency furthest
// behind, and every lead agency behind on it (co-leads on one line).
type behindItem struct {
	ind      *taizhang.Indicator
	st       reconcile.Status
	agencies []string
	short    float64
}

// shortfall is how far a status is behind, as a share of its target so that kinds compare: the
// gap over the target for one compared directly (a level, a rate, a growth rate, a rank), time
// elapsed less progress for a running total (progress less time elapsed for a cap used too fast).
func shortfall(s reconcile.Status, ind *taizhang.Indicator) float64 {
	switch {
	case s.Gap != nil && s.Target != nil && *s.Target != 0:
		return math.Abs(*s.Gap / *s.Target)
	case s.Progress == nil:
		return 0
	case ind.Comparator == taizhang.AtMost:
		return *s.Progress - s.Expected
	}
	return s.Expected - *s.Progress
}

// furthestBehind lists the indicators behind time or short of their target, furthest first, each
// once whatever the number of its lead agencies.
func (r *reportWriter) furthestBehind(n int) []*behindItem {
	byID := map[string]*behindItem{}
	var items []*behindItem
	for _, s := range r.d.Result.Statuses {
		ind := r.indicator(s.Indicator)
		if ind == nil || (s.Status != reconcile.Behind && s.Status != reconcile.NotMet) {
			continue
		}
		short := shortfall(s, ind)
		it := byID[s.Indicator]
		if it == nil {
			it = &behindItem{ind: ind, st: s, short: short}
			byID[s.Indicator] = it
			items = append(items, it)
		} else if short > it.short {
			it.st, it.short = s, short
		}
		it.agencies = append(it.agencies, s.Agency)
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].short > items[j].short })
	return items[:min(len(items), n)]
}

// behind (band 2, the page's width): the ten indicators furthest behind, each with its figure, its
// target and the measure its kind is judged by: progress against time elapsed for a running
// total, the gap for a level, a rate, a growth rate or a rank. It returns the last row used.
func (b *briefSheet) behind(row int) int {
	r := b.r
	items := r.furthestBehind(10)
	b.heading(row, 1, briefCols, fmt.Sprintf(r.l.L(headBehind), len(items)))
	// 指標, 指標名稱, 牽頭單位, 實際, 目標, 完成進度/差距, 時間進度: the name wide enough for one line.
	spans := []int{2, 10, 7, 4, 5, 5, 3}
	at := []int{1}
	for _, s := range spans {
		at = append(at, at[len(at)-1]+s)
	}
	b.cells(row+1, 1, spans, []any{r.l.L("指標"), r.l.L("指標名稱"), r.l.L("牽頭單位"), r.l.L("實際"), r.l.L("目標"),
		r.l.L("完成進度/差距"), r.l.L("時間進度")}, excel.StyleHeader, nil)
	b.height(row+1, hHeader)
	if len(items) == 0 {
		b.cells(row+2, 1, []int{briefCols}, []any{r.l.L(briefNoBehind)}, excel.StyleText, nil)
		b.height(row+2, hLine)
		return row + 2
	}
	for i, it := range items {
		n := row + 2 + i
		s := it.st
		lines := b.cells(n, 1, spans[:5], []any{s.Indicator, r.text(it.ind.Metric), r.text(b.leads(it.agencies)), r.text(actual(it.ind, s)),
			r.text(templates.TargetText(it.ind))}, excel.StyleWrap, nil)
		if s.Gap != nil || s.Progress == nil {
			b.cells(n, at[5], spans[5:], []any{r.text(r.l.L(gapWords(it.ind, s))), "—"}, excel.StyleCell, []string{statusFill[s.Status]})
		} else {
			b.cells(n, at[5], spans[5:6], []any{*s.Progress}, excel.StylePercent, []string{statusFill[s.Status]})
			b.cells(n, at[6], spans[6:], []any{s.Expected}, excel.StylePercent, nil)
		}
		b.height(n, lines*hLine)
	}
	return row + 1 + len(items)
}

// leads names the lead agencies behind on an indicator, as many as one line holds, then how
// many there are.
func (b *briefSheet) leads(agencies []string) string {
	all := strings.Join(agencies, "、")
	if len(agencies) == 1 || utf8.RuneCountInString(all) <= 12 {
		return all
	}
	return fmt.Sprintf(b.r.l.L(briefMoreLeads), agencies[0], len(agencies))
}

// actual is an indicator's figure as its kind says it: "第7名", "44.1%", "18家"; for co-leads
// reporting shares, their sum.
func actual(ind *taizhang.Indicator, s reconcile.Status) string {
	v := s.Value
	if s.Total != nil {
		v = s.Total
	}
	if v == nil {
		return s.Raw
	}
	n := strconv.FormatFloat(*v, 'f', -1, 64)
	switch ind.JudgedKind() {
	case taizhang.KindRank:
		return fmt.Sprintf(actualRank, n)
	case taizhang.KindGrowth:
		word := "增長"
		if ind.Comparator == taizhang.Decrease {
			word = "下降"
		}
		return fmt.Sprintf(actualGrowth, word, n+ind.Unit)
	}
	return n + ind.Unit
}

// gapWords says how far a figure is from a target compared directly: "差50.9個百分點", "差2位", "差7家".
func gapWords(ind *taizhang.Indicator, s reconcile.Status) string {
	if s.Gap == nil {
		return "—"
	}
	g := strconv.FormatFloat(math.Round(math.Abs(*s.Gap)*10)/10, 'f', -1, 64)
	switch {
	case ind.JudgedKind() == taizhang.KindRank:
		return fmt.Sprintf(gapPlaces, g)
	case ind.JudgedKind().Direct():
		return fmt.Sprintf(gapPoints, g)
	}
	return fmt.Sprintf(gapUnits, g, ind.Unit)
}
