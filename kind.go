package taizhang

import (
	"regexp"
	"slices"
	"strconv"
)

// IndicatorKind says how an indicator is judged: what its figure is and what it is compared with.
// A cap (不超過, 控制在…以內, the comparator AtMost) is not a kind: it is a comparator on any kind,
// judged against time elapsed on a running total and directly on a rate.
type IndicatorKind string

const (
	// KindCumulative is a running total within the year (新增, 完成投資, 開展N場, 建設N個): the
	// figure is the total so far this year, judged against time elapsed.
	KindCumulative IndicatorKind = "cumulative"
	// KindLevel is a stock at a point in time (達到25家, 總數, 保有量, 總規模): judged from the
	// baseline to the target against time elapsed when there is a baseline, else against the target.
	KindLevel IndicatorKind = "level"
	// KindRate is a share, coverage or ratio in % (…率, 佔比, 覆蓋…%): compared with its target
	// directly, the gap in percentage points.
	KindRate IndicatorKind = "rate"
	// KindGrowth is a change rate against a base (增長10%, 下降5%): compared with its target
	// directly, the gap in percentage points.
	KindGrowth IndicatorKind = "growth"
	// KindRank is a position (前十, 第N名, 進入…前列): lower is better; met within the target.
	KindRank IndicatorKind = "rank"
	// KindQualitative has no number to judge: the agency's own 完成狀態 is taken.
	KindQualitative IndicatorKind = "qualitative"
)

// Kinds lists every indicator kind in display order.
var Kinds = []IndicatorKind{KindCumulative, KindLevel, KindRate, KindGrowth, KindRank, KindQualitative}

// Valid reports whether k is one of the known kinds.
func (k IndicatorKind) Valid() bool { return slices.Contains(Kinds, k) }

// Label names a kind as a coordinator says it (Traditional script, like every label): the one
// table of these words, for the catalog workbook, its import, the report and the command line.
func (k IndicatorKind) Label() string {
	switch k {
	case KindCumulative:
		return "累計值"
	case KindLevel:
		return "存量"
	case KindRate:
		return "比率"
	case KindGrowth:
		return "增幅"
	case KindRank:
		return "名次"
	case KindQualitative:
		return "定性"
	}
	return string(k)
}

// Direct reports whether an indicator of this kind is compared with its target directly, never
// against time elapsed: a rate, a growth rate or a rank is not half-way because half the year has gone.
func (k IndicatorKind) Direct() bool { return k == KindRate || k == KindGrowth || k == KindRank }

// JudgedKind is the kind an indicator is judged as: its own, or for a catalog stored before
// kinds were kept, qualitative for a target without a number and a running total otherwise
// (how every indicator was judged then).
func (ind *Indicator) JudgedKind() IndicatorKind {
	switch {
	case ind.Kind != "":
		return ind.Kind
	case ind.Comparator == Qualitative || ind.Value == nil:
		return KindQualitative
	}
	return KindCumulative
}

// reBaseNumber finds a figure in a baseline's words that is not a year: "2022年底18家" → 18,
// "較2020年" → none.
var (
	reYear       = regexp.MustCompile(`\d{4}\s*年`)
	reBaseNumber = regexp.MustCompile(`\d+(?:\.\d+)?`)
)

// BaselineValue is the figure of the indicator's baseline (基期), when its words give one beside
// the year ("2022年底18家", "18"): a level's progress runs from it to the target.
func (ind *Indicator) BaselineValue() (float64, bool) {
	if ind.Baseline == nil {
		return 0, false
	}
	m := reBaseNumber.FindString(reYear.ReplaceAllString(*ind.Baseline, " "))
	if m == "" {
		return 0, false
	}
	v, err := strconv.ParseFloat(m, 64)
	return v, err == nil
}
