package taizhang

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// What the domain types say to people when text is not a period, a date or a moment, in
// Traditional script (writers convert it to the reader's).
const (
	whatPeriod = "報告期"
	whatDate   = "日期"
	whatMoment = "時間"

	wantPeriod     = "格式不對,應寫作 2023、2023-H1、2023-Q1…2023-Q4 或 2023-01…2023-12"
	wantDate       = "格式不對,應寫作 2023-07-10"
	wantMoment     = "格式不對,應寫作 2023-07-15 或 2023-07-15T09:30"
	noSuchQuarter  = "不對:一年只有四個季度,Q1…Q4"
	noSuchHalf     = "不對:半年只有 H1(上半年)和 H2(下半年)"
	noSuchMonth    = "不對:月份應為01…12"
	noSuchDate     = "不是有效的日期:月份應為01…12,日不能超過當月的天數"
	guessedMeaning = "。是不是 %s?"
)

// InputError is text that cannot be read as a period, a date or a moment: what was typed, what
// is wrong with it and, when a likely meaning can be guessed, that guess.
type InputError struct {
	What  string // 報告期, 日期 or 時間
	Input string
	Why   string // what is wrong, and what it should look like; starts with 不對 or 格式不對
}

func (e *InputError) Error() string { return e.What + "“" + e.Input + "”" + e.Why }

var (
	rePeriodLoose = regexp.MustCompile(`^(\d{4})\s*[-_/.年 ]?\s*(?:([HQ])\s*(\d{1,2})|(\d{1,2})月?)$`)
	reDateLoose   = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})日?`)
	reDateShape   = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)
)

// periodError says why s is not a period, and guesses what was meant: 2023Q2 → 2023-Q2,
// 2023-7 → 2023-07, 2023年第二季度 → 2023-Q2.
func periodError(s string) error {
	e := &InputError{What: whatPeriod, Input: s, Why: wantPeriod}
	if p, err := ParsePeriodLabel(s); err == nil {
		e.Why += fmt.Sprintf(guessedMeaning, p)
		return e
	}
	m := rePeriodLoose.FindStringSubmatch(strings.ToUpper(strings.TrimSpace(s)))
	if m == nil {
		return e
	}
	n, _ := strconv.Atoi(m[3] + m[4])
	switch {
	case m[2] == "Q" && (n < 1 || n > 4):
		e.Why = noSuchQuarter
	case m[2] == "H" && (n < 1 || n > 2):
		e.Why = noSuchHalf
	case m[2] == "" && (n < 1 || n > 12):
		e.Why = noSuchMonth
	case m[2] != "":
		e.Why += fmt.Sprintf(guessedMeaning, fmt.Sprintf("%s-%s%d", m[1], m[2], n))
	default:
		e.Why += fmt.Sprintf(guessedMeaning, fmt.Sprintf("%s-%02d", m[1], n))
	}
	return e
}

// dateError says why s is not a date (what is the moment's kind of text), telling a date that
// does not exist (2023-13-01, 2023-02-30) from one written another way (2023/7/1 → 2023-07-01).
func dateError(what, want, s string) error {
	e := &InputError{What: what, Input: s, Why: want}
	if reDateShape.MatchString(s) {
		if _, err := time.Parse(DateLayout, s[:10]); err != nil {
			e.Why = noSuchDate
			return e
		}
	}
	if m := reDateLoose.FindStringSubmatch(strings.TrimSpace(s)); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC); t.Month() == time.Month(mo) && t.Day() == d {
			e.Why += fmt.Sprintf(guessedMeaning, t.Format(DateLayout))
		} else {
			e.Why = noSuchDate
		}
	}
	return e
}
