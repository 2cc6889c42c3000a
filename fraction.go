package taizhang

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var reMonthDeadline = regexp.MustCompile(`(\d{1,2})月`)

// Elapsed is the share of an indicator's time span gone at asOf: from 1 January of the plan year
// to its deadline ("6月底前" → 30 June; "年底", "年內" or none → 31 December), between 0 and 1.
func Elapsed(asOf time.Time, year int, deadline *string) float64 {
	start := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	if deadline != nil {
		if m := reMonthDeadline.FindStringSubmatch(*deadline); m != nil {
			month, _ := strconv.Atoi(m[1])
			if month >= 1 && month <= 12 {
				end = time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC)
			}
		} else if strings.Contains(*deadline, "上半年") {
			end = time.Date(year, 6, 30, 0, 0, 0, 0, time.UTC)
		}
	}
	days := end.Sub(start).Hours()/24 + 1
	gone := asOf.Sub(start).Hours()/24 + 1
	return math.Max(0, math.Min(1, gone/days))
}
