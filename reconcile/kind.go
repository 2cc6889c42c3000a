package reconcile

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	taizhang "taizhang"
)

// Verdict is what an indicator's figure says against its target, judged by its kind: the one
// place where a running total is judged against time elapsed and a rate, a growth rate or a rank
// against its target directly.
type Verdict struct {
	Status   string
	Progress float64  // how far towards the target (value ÷ target; for a level with a baseline, from it); NaN when none
	Gap      *float64 // a direct comparison's shortfall: percentage points (rate, growth), places (rank) or the unit (level); nil when met or timed
	Reason   string   // what was compared, in words ("覆蓋率44.1%,目標95%,差50.9個百分點")
}

// Judge judges value v of indicator ind at time elapsed f, with tolerance tol (a share, as
// Input.Tolerance).
func Judge(ind *taizhang.Indicator, v, f, tol float64) Verdict {
	if ind.Value == nil {
		return Verdict{Status: OnSchedule, Progress: math.NaN(), Reason: reasonZeroTarget}
	}
	target := *ind.Value
	switch kind := ind.JudgedKind(); {
	case kind == taizhang.KindRank:
		return judgeRank(ind, v, target)
	case kind.Direct():
		return judgeDirect(ind, v, target, tol)
	case kind == taizhang.KindLevel:
		return judgeLevel(ind, v, target, f, tol)
	}
	return judgeCumulative(ind, v, target, f, tol)
}

// reached says whether v reaches target as the comparator means it: at least it, within the
// tolerance of it (左右), at least the low end of a range.
func reached(ind *taizhang.Indicator, v, target, tol float64) bool {
	if ind.Comparator == taizhang.About || ind.Approx {
		return v >= target*(1-tol)
	}
	return v >= target*(1-1e-9) // >=, =, range (its low end), increase, decrease
}

// judgeCumulative: a running total, its progress against time elapsed; a cap on it used up no
// faster than time goes.
func judgeCumulative(ind *taizhang.Indicator, v, target, f, tol float64) Verdict {
	if target == 0 {
		return Verdict{Status: OnSchedule, Progress: math.NaN(), Reason: reasonZeroTarget}
	}
	p := v / target
	value, goal := amount(ind, v), targetWords(ind)
	if ind.Comparator == taizhang.AtMost {
		limit := amount(ind, target)
		switch {
		case v > target:
			return Verdict{Status: Exceeded, Progress: p, Reason: fmt.Sprintf(reasonCapExceeded, value, limit)}
		case f >= 1:
			return Verdict{Status: Met, Progress: p, Reason: fmt.Sprintf(reasonCapKept, value, limit)}
		case p > f+tol:
			return Verdict{Status: Behind, Progress: p, Reason: fmt.Sprintf(reasonCapAtRisk, value, limit, pct(p), pct(f))}
		}
		return Verdict{Status: OnSchedule, Progress: p, Reason: fmt.Sprintf(reasonCapOnSchedule, value, limit, pct(p), pct(f))}
	}
	switch {
	case reached(ind, v, target, tol):
		return Verdict{Status: Met, Progress: p, Reason: fmt.Sprintf(reasonCumulativeMet, value, goal, pct(p))}
	case p >= f-tol:
		return Verdict{Status: OnSchedule, Progress: p, Reason: fmt.Sprintf(reasonCumulativeOnSchedule, value, goal, pct(p), pct(f))}
	}
	return Verdict{Status: Behind, Progress: p, Reason: fmt.Sprintf(reasonCumulativeBehind, value, goal, pct(p), pct(f))}
}

// judgeLevel: a stock. With a baseline, its progress from the baseline to the target against
// time elapsed; without one, compared with the target directly (time elapsed only as context).
func judgeLevel(ind *taizhang.Indicator, v, target, f, tol float64) Verdict {
	value, goal := amount(ind, v), targetWords(ind)
	p := math.NaN()
	if target != 0 {
		p = v / target
	}
	if ind.Comparator == taizhang.AtMost {
		if v > target {
			return Verdict{Status: Exceeded, Progress: p, Reason: fmt.Sprintf(reasonLevelOverCap, value, amount(ind, target))}
		}
		return Verdict{Status: Met, Progress: p, Reason: fmt.Sprintf(reasonLevelUnderCap, value, amount(ind, target))}
	}
	if reached(ind, v, target, tol) {
		return Verdict{Status: Met, Progress: p, Reason: fmt.Sprintf(reasonLevelMet, value, goal)}
	}
	if base, ok := ind.BaselineValue(); ok && target != base {
		p = (v - base) / (target - base)
		baseline := amount(ind, base)
		if p >= f-tol {
			return Verdict{Status: OnSchedule, Progress: p, Reason: fmt.Sprintf(reasonLevelOnSchedule, value, baseline, goal, pct(p), pct(f))}
		}
		return Verdict{Status: Behind, Progress: p, Reason: fmt.Sprintf(reasonLevelBehind, value, baseline, goal, pct(p), pct(f))}
	}
	gap := target - v
	return Verdict{Status: NotMet, Progress: p, Gap: &gap, Reason: fmt.Sprintf(reasonLevelNotMet, value, goal, amount(ind, gap), pct(f))}
}

// judgeDirect: a rate or a growth rate, compared with its target; the gap in percentage points.
func judgeDirect(ind *taizhang.Indicator, v, target, tol float64) Verdict {
	p := math.NaN()
	if target != 0 {
		p = v / target
	}
	what, goal := measured(ind, v), targetWords(ind)
	if ind.Comparator == taizhang.AtMost {
		if v > target*(1+1e-9) {
			over := v - target
			return Verdict{Status: Exceeded, Progress: p, Gap: &over, Reason: fmt.Sprintf(reasonRateOverCap, what, amount(ind, target), points(over))}
		}
		return Verdict{Status: Met, Progress: p, Reason: fmt.Sprintf(reasonRateUnderCap, what, amount(ind, target))}
	}
	if reached(ind, v, target, tol) {
		return Verdict{Status: Met, Progress: p, Reason: fmt.Sprintf(reasonRateMet, what, goal)}
	}
	gap := target - v
	return Verdict{Status: NotMet, Progress: p, Gap: &gap, Reason: fmt.Sprintf(reasonRateNotMet, what, goal, points(gap))}
}

// judgeRank: a place, lower is better; met within the target (the high end of a range).
func judgeRank(ind *taizhang.Indicator, v, target float64) Verdict {
	if ind.Comparator == taizhang.Range && ind.High != nil {
		target = *ind.High
	}
	place, goal := fmtNum(v), fmtNum(target)
	if v <= target+1e-9 {
		return Verdict{Status: Met, Progress: math.NaN(), Reason: fmt.Sprintf(reasonRankMet, place, goal)}
	}
	gap := v - target
	return Verdict{Status: NotMet, Progress: math.NaN(), Gap: &gap, Reason: fmt.Sprintf(reasonRankNotMet, place, goal, fmtNum(gap))}
}

func pct(x float64) string { return strconv.FormatFloat(math.Round(x*1000)/10, 'f', -1, 64) + "%" }

// points is a gap in percentage points, to one decimal.
func points(x float64) string { return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64) }

// amount is a figure with the indicator's unit: "18家", "241.1億立方米".
func amount(ind *taizhang.Indicator, v float64) string {
	return strconv.FormatFloat(math.Round(v*1e6)/1e6, 'f', -1, 64) + ind.Unit
}

// targetWords says the target as the comparison reads: "25家以上", "241.1億立方米以內",
// "10%左右", "增長10%", "1-2家".
func targetWords(ind *taizhang.Indicator) string {
	if ind.Value == nil {
		return ""
	}
	v := fmtNum(*ind.Value) + ind.Unit
	switch ind.Comparator {
	case taizhang.AtLeast:
		return v + "以上"
	case taizhang.AtMost:
		return v + "以內"
	case taizhang.About:
		if ind.JudgedKind() == taizhang.KindGrowth {
			return growthWord(ind) + v + "左右"
		}
		return v + "左右"
	case taizhang.Range:
		if ind.High != nil {
			return fmtNum(*ind.Value) + "-" + fmtNum(*ind.High) + ind.Unit
		}
	case taizhang.Increase, taizhang.Decrease:
		w := growthWord(ind) + v
		if ind.Approx {
			w += "左右"
		}
		return w
	}
	return v
}

// growthWord is 增長 or 下降, as the target moves.
func growthWord(ind *taizhang.Indicator) string {
	if ind.Comparator == taizhang.Decrease {
		return "下降"
	}
	return "增長"
}

// reRateWord finds what a rate measures at the end of its metric: 覆蓋率, 佔比, 比重, 水平.
var reRateWord = regexp.MustCompile(`(?:[^\s,、(]{2}率|佔比|占比|比重|比例|水平)$`)

// measured names the value by what it is: "覆蓋率44.1%", "增長4.7%", "比率44.1%".
func measured(ind *taizhang.Indicator, v float64) string {
	if ind.JudgedKind() == taizhang.KindGrowth {
		return growthWord(ind) + amount(ind, v)
	}
	word := "比率"
	if m := reRateWord.FindString(strings.TrimSpace(ind.Metric)); m != "" {
		word = m
	}
	return word + amount(ind, v)
}
