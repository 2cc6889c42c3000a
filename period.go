package taizhang

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Period is a reporting period: a year, a half, a quarter or a month.
type Period struct {
	Year  int
	Kind  byte // 'Y', 'H', 'Q' or 'M'
	Index int  // 1-based half, quarter or month; 0 for a year
}

var rePeriod = regexp.MustCompile(`^(\d{4})(?:-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$`)

// ParsePeriod reads "2023", "2023-H1", "2023-Q3" or "2023-07".
func ParsePeriod(s string) (Period, error) {
	m := rePeriod.FindStringSubmatch(strings.ToUpper(strings.TrimSpace(s)))
	if m == nil {
		return Period{}, periodError(s)
	}
	p := Period{Kind: 'Y'}
	p.Year, _ = strconv.Atoi(m[1])
	switch {
	case m[2] == "":
	case m[2][0] == 'H' || m[2][0] == 'Q':
		p.Kind = m[2][0]
		p.Index = int(m[2][1] - '0')
	default:
		p.Kind = 'M'
		p.Index, _ = strconv.Atoi(m[2])
	}
	return p, nil
}

// String is the period as written on the command line and in file names.
func (p Period) String() string {
	switch p.Kind {
	case 'H', 'Q':
		return fmt.Sprintf("%d-%c%d", p.Year, p.Kind, p.Index)
	case 'M':
		return fmt.Sprintf("%d-%02d", p.Year, p.Index)
	}
	return strconv.Itoa(p.Year)
}

// Label is the period in Chinese, as a ledger title shows it (Traditional script).
func (p Period) Label() string {
	switch p.Kind {
	case 'H':
		return fmt.Sprintf("%d年%s", p.Year, map[int]string{1: "上半年", 2: "下半年"}[p.Index])
	case 'Q':
		return fmt.Sprintf("%d年第%s季度", p.Year, []string{"", "一", "二", "三", "四"}[p.Index])
	case 'M':
		return fmt.Sprintf("%d年%d月", p.Year, p.Index)
	}
	return fmt.Sprintf("%d年度", p.Year)
}

// End is the last day of the period.
func (p Period) End() time.Time {
	month := 12
	switch p.Kind {
	case 'H':
		month = 6 * p.Index
	case 'Q':
		month = 3 * p.Index
	case 'M':
		month = p.Index
	}
	return time.Date(p.Year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC)
}

// Start is the first day of the period.
func (p Period) Start() time.Time {
	month := 1
	switch p.Kind {
	case 'H':
		month = 6*(p.Index-1) + 1
	case 'Q':
		month = 3*(p.Index-1) + 1
	case 'M':
		month = p.Index
	}
	return time.Date(p.Year, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
}

var rePeriodLabel = regexp.MustCompile(`^(\d{4})年(?:(上|下)半年|第([一二三四])季度|(\d{1,2})月|度)?$`)

// ParsePeriodLabel reads a period as a ledger title shows it ("2023年第一季度", "2023年上半年",
// "2023年7月", "2023年度"), in either script.
func ParsePeriodLabel(s string) (Period, error) {
	s = strings.TrimSpace(s)
	m := rePeriodLabel.FindStringSubmatch(s)
	if m == nil {
		return Period{}, fmt.Errorf("報告期 %q 無法識別", s)
	}
	p := Period{Kind: 'Y'}
	p.Year, _ = strconv.Atoi(m[1])
	switch {
	case m[2] != "":
		p.Kind, p.Index = 'H', map[string]int{"上": 1, "下": 2}[m[2]]
	case m[3] != "":
		p.Kind, p.Index = 'Q', strings.Index("一二三四", m[3])/len("一")+1
	case m[4] != "":
		p.Kind = 'M'
		p.Index, _ = strconv.Atoi(m[4])
		if p.Index < 1 || p.Index > 12 {
			return Period{}, fmt.Errorf("報告期 %q 無法識別", s)
		}
	}
	return p, nil
}

// Previous is the period of the same kind just before p (2023-Q1 → 2022-Q4, 2023 → 2022).
func (p Period) Previous() Period {
	switch p.Kind {
	case 'H', 'Q', 'M':
		n := map[byte]int{'H': 2, 'Q': 4, 'M': 12}[p.Kind]
		if p.Index == 1 {
			return Period{Year: p.Year - 1, Kind: p.Kind, Index: n}
		}
		return Period{Year: p.Year, Kind: p.Kind, Index: p.Index - 1}
	}
	return Period{Year: p.Year - 1, Kind: 'Y'}
}

// LastDay is the last day of the period as a date.
func (p Period) LastDay() Date {
	y, m, d := p.End().Date()
	return NewDate(y, m, d)
}

// DefaultDeadline is the deadline a ledger gets unless the coordinator sets one: ten days after
// the period ends, long enough for an office to collect, check and sign off its figures.
func (p Period) DefaultDeadline() Date { return p.LastDay().AddDays(DefaultDeadlineDays) }

// DefaultDeadlineDays is how many days after a period ends its ledgers are due by default.
const DefaultDeadlineDays = 10
