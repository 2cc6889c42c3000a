package cnum

import (
	"math"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		err  bool
	}{
		{"零", 0, false},
		{"三十", 30, false},
		{"十五", 15, false},
		{"一十五", 15, false},
		{"一百零五", 105, false},
		{"一百五", 150, false},
		{"一千零五十", 1050, false},
		{"一千二百", 1200, false},
		{"两万", 20000, false},
		{"兩萬", 20000, false},
		{"两万五", 25000, false},
		{"一万零五", 10005, false},
		{"十万零一十五", 100015, false},
		{"一亿二千万", 120000000, false}, // the old reader made it 1.00002e12
		{"一亿零一万", 100010000, false},
		{"一万二千亿", 1.2e12, false},
		{"三点五", 3.5, false},
		{"三點五", 3.5, false},
		{"三点五万", 35000, false},
		{"二〇二三", 2023, false},
		{"壹佰贰拾叁", 123, false},
		{"负三", -3, false},
		{"", 0, true},
		{"百", 0, true},
		{"一二百", 0, true},
		{"五十百", 0, true},
		{"一万二万", 0, true},
		{"一亿二亿", 0, true},
		{"亿", 0, true},
		{"一百零", 0, true},
		{"三点", 0, true},
		{"一万点五", 0, true},
		{"三十家", 0, true},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if (err != nil) != tt.err || (err == nil && math.Abs(got-tt.want) > 1e-9*math.Max(1, math.Abs(tt.want))) {
			t.Errorf("Parse(%q) = %v, %v; want %v (error %v)", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestCut(t *testing.T) {
	tests := []struct {
		in, mag, rest string
		n             float64
	}{
		{"一千二百万元", "万", "元", 1200},
		{"一亿二千万", "亿", "", 1.2},
		{"三十家", "", "家", 30},
		{"两万户", "万", "户", 2},
	}
	for _, tt := range tests {
		n, mag, rest, ok := Cut(tt.in)
		if !ok || mag != tt.mag || rest != tt.rest || math.Abs(n-tt.n) > 1e-12 {
			t.Errorf("Cut(%q) = %v %q %q %v; want %v %q %q", tt.in, n, mag, rest, ok, tt.n, tt.mag, tt.rest)
		}
	}
}

func TestFormat(t *testing.T) {
	for n, want := range map[int64]string{0: "零", 10: "十", 15: "十五", 20: "二十", 105: "一百零五", 110: "一百一十", 1005: "一千零五",
		1050: "一千零五十", 10000: "一万", 100015: "十万零一十五", 120000000: "一亿二千万", 100010000: "一亿零一万", 1200000000000: "一万二千亿", -3: "负三"} {
		if got := Format(n); got != want {
			t.Errorf("Format(%d) = %s, want %s", n, got, want)
		}
	}
}

// FuzzFormatParse: every integer Format writes (below 10^16, where 亿 sections end) reads back.
func FuzzFormatParse(f *testing.F) {
	for _, n := range []int64{0, 1, 10, 15, 105, 1005, 10005, 100015, 120000000, 100010000, 1200000000000, 9999999999999999, -42} {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, n int64) {
		n %= 1e16
		s := Format(n)
		got, err := Parse(s)
		if err != nil || got != float64(n) {
			t.Fatalf("Parse(Format(%d) = %q) = %v, %v", n, s, got, err)
		}
	})
}
