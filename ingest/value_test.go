package ingest

import (
	"strconv"
	"testing"

	taizhang "taizhang"
)

func ind(unit string, target float64) *taizhang.Indicator {
	return &taizhang.Indicator{ID: "1-1", Comparator: taizhang.AtLeast, Value: &target, Unit: unit}
}

func TestParseValue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		raw     string
		unit    string
		target  float64
		formula bool
		want    string // number, "empty", or the flag
		approx  bool
	}{
		{"plain", "25", "家", 25, false, "25", false},
		{"with unit", "25家", "家", 25, false, "25", false},
		{"full width", "２５", "家", 25, false, "25", false},
		{"full width unit", "２５家", "家", 25, false, "25", false},
		{"thousands", "1,200", "个", 1000, false, "1200", false},
		{"full width comma", "1，200", "個", 1000, false, "1200", false},
		{"wan in a count row", "1.2萬", "個", 10000, false, "12000", false},
		{"wan in a wan row", "2.8萬家", "萬家", 2.8, false, "2.8", false},
		{"plain count in a wan row", "28000家", "萬家", 2.8, false, "2.8", false},
		{"yi into wan", "7.5億千瓦", "萬千瓦", 7500, false, "75000", false},
		{"percent", "5.8%", "%", 5.8, false, "5.8", false},
		{"fraction in a percent row", "0.058", "%", 5.8, false, "5.8", false},
		{"percent points", "3個百分點", "%", 5, false, "3", false},
		{"about", "約30", "家", 30, false, "30", true},
		{"about after", "30左右", "家", 30, false, "30", true},
		{"more than", "30余家", "家", 30, false, "30", false},
		{"chinese", "三十", "家", 30, false, "30", false},
		{"chinese with unit", "一千二百家", "家", 1000, false, "1200", false},
		{"chinese wan", "两万", "户", 30000, false, "20000", false},
		{"chinese yi and wan", "一亿二千万", "元", 1e8, false, "120000000", false},
		{"chinese magnitude into the unit", "一千二百万", "亿元", 1, false, "0.12", false},
		{"chinese magnitude with the unit", "一千二百万元", "亿元", 1, false, "0.12", false},
		{"chinese decimals with magnitude", "三点五万", "万千瓦", 5, false, "3.5", false},
		{"chinese spoken short", "一百五", "家", 100, false, "150", false},
		{"chinese malformed", "五十百", "家", 25, false, FlagInvalid, false},
		{"other count word", "30个", "家", 30, false, "30", false},
		{"same base", "215平方千米", "平方公里", 215, false, "215", false},
		{"bracketed note", "18家(其中新增3家)", "家", 25, false, "18", false},
		{"negative", "-1.5", "%", 10, false, "-1.5", false},
		{"simplified unit", "820万千瓦", "萬千瓦", 820, false, "820", false},
		{"formula with cache", "18", "家", 25, true, "18", false},
		{"formula without cache", "", "家", 25, true, FlagNoCache, false},
		{"empty", "", "家", 25, false, "empty", false},
		{"dash", "—", "家", 25, false, "empty", false},
		{"none", "無", "家", 25, false, "empty", false},
		{"unit mismatch", "30萬千瓦", "家", 25, false, FlagUnit, false},
		{"percent in a count row", "50%", "家", 25, false, FlagUnit, false},
		{"words", "正在推進", "家", 25, false, FlagInvalid, false},
		{"formula text", "=A1+1", "家", 25, false, FlagInvalid, false},
		{"sentence after unit", "18家,另有5家在建", "家", 25, false, FlagInvalid, false},
		{"date", "2023-03-15", "家", 25, false, FlagInvalid, false},
		// Separators (issue 20): thousands read as today; anything else is another number in
		// another convention, or two numbers, and is refused rather than guessed.
		{"thousands with a decimal", "1,234.5", "個", 1000, false, "1234.5", false},
		{"millions", "12,345,678", "元", 1e7, false, "12345678", false},
		{"thousands with a unit", "1,500萬元", "億元", 1, false, "0.15", false},
		{"negative thousands", "-1,500", "個", 1000, false, "-1500", false},
		{"space thousands", "1 500", "個", 1000, false, "1500", false},
		{"space before the unit", "25 家", "家", 25, false, "25", false},
		{"decimal comma", "1,5", "家", 25, false, FlagInvalid, false},
		{"decimal comma, two digits before", "12,5", "家", 25, false, FlagInvalid, false},
		{"decimal comma, two digits after", "1,50", "家", 25, false, FlagInvalid, false},
		{"european thousands", "1.234,5", "家", 25, false, FlagInvalid, false},
		{"european thousands, whole", "1.234,567", "家", 25, false, FlagInvalid, false},
		{"two numbers", "2 5", "家", 25, false, FlagInvalid, false},
		{"zero decimal comma", "0,500", "家", 25, false, FlagInvalid, false},
		{"group of four", "1,2345", "家", 25, false, FlagInvalid, false},
		{"four before the comma", "1234,567", "家", 25, false, FlagInvalid, false},
		{"comma and space", "1, 500", "家", 25, false, FlagInvalid, false},
		{"mixed separators", "1,234 567", "家", 25, false, FlagInvalid, false},
		{"full width decimal comma", "１，５", "家", 25, false, FlagInvalid, false},
		// Every stored value is finite and printable (issue 20): 1e300 was stored as +Inf.
		{"huge", "1e300", "家", 25, false, FlagInvalid, false},
		{"overflow after the unit", "1e300億", "元", 1e8, false, FlagInvalid, false},
		{"huge negative", "-1e300", "%", 10, false, FlagInvalid, false},
		{"huge in wan", "9e14萬", "元", 1e8, false, FlagInvalid, false},
		{"large but a value", "1e14", "元", 1e8, false, "100000000000000", false},
		{"beyond float64", "1e400", "家", 25, false, FlagInvalid, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := ParseValue(tt.raw, ind(tt.unit, tt.target), tt.formula)
			got := ""
			switch {
			case v.Empty:
				got = "empty"
			case v.Number != nil:
				got = strconv.FormatFloat(*v.Number, 'f', -1, 64)
			default:
				got = v.Flag
			}
			if got != tt.want || v.Approx != tt.approx || v.Raw != tt.raw {
				t.Errorf("ParseValue(%q, %s) = %s approx=%v flag=%s note=%q; want %s approx=%v", tt.raw, tt.unit, got, v.Approx, v.Flag, v.Note, tt.want, tt.approx)
			}
			if v.Number == nil && !v.Empty && v.Note == "" {
				t.Errorf("a refused value must say what to fix")
			}
		})
	}
}
