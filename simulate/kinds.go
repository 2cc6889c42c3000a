package simulate

import (
	"math"
	"math/rand"

	taizhang "taizhang"
)

// value is a figure an agency would report for an indicator of its kind at time elapsed f, with
// the 完成狀態 it would choose: a running total grows through the year, a level stands near its
// target, a rate or a growth rate a few points either side of it, a rank an integer place.
func value(rng *rand.Rand, ind *taizhang.Indicator, f float64) (float64, string) {
	target := *ind.Value
	switch ind.JudgedKind() {
	case taizhang.KindRank:
		t := max(1, int(target))
		if rng.Float64() < 0.65 {
			return float64(1 + rng.Intn(t)), "已完成"
		}
		return float64(t + 1 + rng.Intn(max(2, t/2))), "滯後"
	case taizhang.KindRate, taizhang.KindGrowth:
		return direct(rng, ind, target)
	case taizhang.KindLevel:
		share := 0.75 + 0.23*rng.Float64()
		switch {
		case ind.Comparator == taizhang.AtMost:
			share = 0.85 + 0.1*rng.Float64()
		case rng.Float64() < 0.25:
			share = 1 + 0.1*rng.Float64()
		}
		v := rounded(ind, target*share)
		if share >= 1 && ind.Comparator != taizhang.AtMost {
			return v, "已完成"
		}
		return v, "序時推進"
	}
	return cumulative(rng, ind, target, f)
}

// direct: a rate or a growth rate, met about a third of the time, otherwise some points short.
func direct(rng *rand.Rand, ind *taizhang.Indicator, target float64) (float64, string) {
	if ind.Comparator == taizhang.AtMost {
		return rounded(ind, target*(0.8+0.18*rng.Float64())), "序時推進"
	}
	var v float64
	if rng.Float64() < 0.3 {
		v = target + rng.Float64()*math.Max(0.5, math.Min(5, target*0.2))
	} else {
		v = target - math.Abs(rng.NormFloat64())*math.Max(2, target*0.15)
	}
	if ind.JudgedKind() == taizhang.KindRate {
		v = math.Min(100, math.Max(0, v))
	}
	v = math.Round(v*10) / 10
	switch {
	case v >= target:
		return v, "已完成"
	case target-v < 5:
		return v, "序時推進"
	}
	return v, "滯後"
}

// cumulative: a running total, most near time elapsed, some done, some well behind; a capped one
// used no faster than time goes.
func cumulative(rng *rand.Rand, ind *taizhang.Indicator, target, f float64) (float64, string) {
	share := f * (0.95 + rng.NormFloat64()*0.12)
	switch r := rng.Float64(); {
	case r < 0.15:
		share = 1 + rng.Float64()*0.1
	case r < 0.3:
		share = f * (0.4 + rng.Float64()*0.4)
	}
	if ind.Comparator == taizhang.AtMost {
		share = math.Min(share, f*1.02)
	}
	status := "序時推進"
	if share >= 1 {
		status = "已完成"
	} else if share < f*0.8 {
		status = "滯後"
	}
	return rounded(ind, math.Max(0, target*share)), status
}

// rounded is a figure as an office types it: to one decimal for percentages and small targets.
func rounded(ind *taizhang.Indicator, v float64) float64 {
	if ind.Unit == "%" || *ind.Value < 20 {
		return math.Round(v*10) / 10
	}
	return math.Round(v)
}

// evolve is this period's figure given last period's, for a kind that is not a running total,
// with the 完成狀態 that goes with it: a level, rate or growth rate mostly a little higher than it
// was (now and then a little lower), a rank a place either way.
func evolve(rng *rand.Rand, ind *taizhang.Indicator, prev float64) (float64, string) {
	target := *ind.Value
	if ind.JudgedKind() == taizhang.KindRank {
		v := math.Max(1, prev+float64(rng.Intn(3)-1))
		if v <= target {
			return v, "已完成"
		}
		return v, "滯後"
	}
	change := 0.06 * rng.Float64()
	if rng.Float64() < 0.1 {
		change = -0.03 * rng.Float64()
	}
	v := rounded(ind, prev*(1+change))
	if ind.JudgedKind() == taizhang.KindRate {
		v = math.Min(100, v)
	}
	switch {
	case ind.Comparator == taizhang.AtMost:
		return v, "序時推進"
	case v >= target:
		return v, "已完成"
	}
	return v, "序時推進"
}
