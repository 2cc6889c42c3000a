package taizhang

import (
	"testing"
	"time"
)

func TestDateBoundariesAreLocal(t *testing.T) {
	sh, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	d, err := ParseDate("2023-07-10")
	if err != nil {
		t.Fatal(err)
	}
	// The deadline ends at midnight in Beijing, not at 08:00 the next morning (midnight UTC).
	if end := d.End(sh); !end.Equal(time.Date(2023, 7, 10, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("End = %v, want 2023-07-11 00:00 +08:00", end)
	}
	late := time.Date(2023, 7, 11, 7, 0, 0, 0, sh) // 23:00 UTC on the 10th
	if got := DateOf(late, sh); got.String() != "2023-07-11" || !got.After(d) || got.DaysSince(d) != 1 {
		t.Errorf("DateOf = %s, DaysSince = %d", got, got.DaysSince(d))
	}
	if got := DateOf(late, time.UTC); got != d {
		t.Errorf("in UTC it is still the 10th: %s", got)
	}
}

func TestParseMoment(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	for in, want := range map[string]time.Time{
		"2023-07-15":                time.Date(2023, 7, 15, 0, 0, 0, 0, sh),
		"2023-07-15T09:30":          time.Date(2023, 7, 15, 9, 30, 0, 0, sh),
		"2023-07-15 09:30":          time.Date(2023, 7, 15, 9, 30, 0, 0, sh),
		"2023-07-15T09:30:00Z":      time.Date(2023, 7, 15, 9, 30, 0, 0, time.UTC),
		"2023-07-15T09:30:00+08:00": time.Date(2023, 7, 15, 9, 30, 0, 0, sh),
	} {
		got, err := ParseMoment(in, sh)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseMoment(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "2023-7-15", "15/07/2023", "2023-07-15 9:30am"} {
		if _, err := ParseMoment(bad, sh); err == nil {
			t.Errorf("ParseMoment(%q) should fail", bad)
		}
	}
}
