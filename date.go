package taizhang

import (
	"time"
)

// Date is a calendar date (a deadline, an as-of day), with no time and no zone. A deadline of
// 2023-07-10 ends at midnight of that day where the plan is, never in UTC.
type Date struct{ t time.Time } // midnight UTC of the day; the zero Date is no date

// DateLayout is how a date is written everywhere: on the command line, in tables and workbooks.
const DateLayout = time.DateOnly

// NewDate is the date y-m-d (normalised as time.Date does: 2023-02-30 is 2023-03-02).
func NewDate(y int, m time.Month, d int) Date { return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

// ParseDate reads "2023-07-10".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, dateError(whatDate, wantDate, s)
	}
	return Date{t}, nil
}

// DateOf is the date of t where loc is.
func DateOf(t time.Time, loc *time.Location) Date {
	y, m, d := t.In(loc).Date()
	return NewDate(y, m, d)
}

// IsZero reports whether d is no date.
func (d Date) IsZero() bool { return d.t.IsZero() }

// String is "2023-07-10", or "" for no date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(DateLayout)
}

// AddDays is the date n days later (earlier when n < 0).
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// After reports whether d is a later day than e.
func (d Date) After(e Date) bool { return d.t.After(e.t) }

// DaysSince is the number of days from e to d (positive when d is later).
func (d Date) DaysSince(e Date) int { return int(d.t.Sub(e.t).Hours() / 24) }

// Start is the first instant of the day where loc is.
func (d Date) Start(loc *time.Location) time.Time {
	y, m, day := d.t.Date()
	return time.Date(y, m, day, 0, 0, 0, 0, loc)
}

// End is the first instant after the day where loc is: a deadline is met by anything before it.
func (d Date) End(loc *time.Location) time.Time { return d.AddDays(1).Start(loc) }

// Time is the date as midnight UTC, for code that computes with times (time elapsed).
func (d Date) Time() time.Time { return d.t }

// MarshalText writes the date as "2023-07-10" (JSON strings, SQLite text).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads "2023-07-10"; "" is no date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	*d = v
	return err
}

// DefaultTimeZone is where plans are made: dates are judged and shown in China Standard Time
// unless the plan says otherwise.
const DefaultTimeZone = "Asia/Shanghai"

// TimeLayout is how a moment is shown to a person: "2023-07-15 09:30", in the plan's time zone.
const TimeLayout = "2006-01-02 15:04"

// ParseMoment reads a moment as a person types it, in loc: "2023-07-15" (the start of that day),
// "2023-07-15 09:30", "2023-07-15T09:30", or RFC 3339 with its own offset.
func ParseMoment(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{DateLayout, "2006-01-02T15:04", TimeLayout, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, dateError(whatMoment, wantMoment, s)
}
