package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// Usage errors say what is wrong in the words of the mistake: a mistyped command (with the one
// probably meant), a stray argument, a period or date that does not exist or is written another
// way (with the likely meaning), never repeating the value or quoting it the Go way.
func TestUsageErrorsSayWhatIsWrong(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "t.db")
	for _, tt := range []struct {
		argv      []string
		want, not string
	}{
		{[]string{"statu", "--period", "2023-Q2"}, "没有“statu”这个命令,是不是 status?", "没有 --period 这个选项"},
		{[]string{"ingst", "x"}, "没有“ingst”这个命令,是不是 ingest", ""},
		{[]string{"catalog", "exprt", "a.xlsx"}, "是不是 export?", ""},
		{[]string{"help", "statu"}, "是不是 status?", ""},
		{[]string{"status", "--period", "2023-Q2", "extra"}, "taizhang status 不接受“extra”这样的参数", "需要不带参数"},
		{[]string{"status", "--period", "2023Q2"}, "选项 --period 的值“2023Q2”格式不对,应写作 2023、2023-H1、2023-Q1…2023-Q4 或 2023-01…2023-12。是不是 2023-Q2?", `"`},
		{[]string{"status", "--period", "2023Q5"}, "选项 --period 的值“2023Q5”不对:一年只有四个季度", "报告期"},
		{[]string{"status", "--period", "2023-7"}, "是不是 2023-07?", ""},
		{[]string{"status", "--period", "2023年第二季度"}, "是不是 2023-Q2?", ""},
		{[]string{"ingest", "x", "--received", "2023-13-01"}, "选项 --received 的值“2023-13-01”不是有效的日期", "格式不对"},
		{[]string{"ingest", "x", "--received", "2023/7/15"}, "是不是 2023-07-15?", ""},
		{[]string{"deadline", "--period", "2023-Q2", "--agency", "x", "--until", "2023-02-30", "--reason", "x"}, "“2023-02-30”不是有效的日期", ""},
		{[]string{"demo", "--period", "2023-Q1"}, "演示要模拟两期:2023-Q1 和它的上一期 2022-Q4(用于对比),两期都须在内置计划的年度(2023年)内。请换一个报告期,如 2023-Q2、2023-H2 或 2023-07", ""},
	} {
		code, _, stderr := run(t, append([]string{"--db", db}, tt.argv...)...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) || tt.not != "" && strings.Contains(stderr, tt.not) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d %s\nwant %q", tt.argv, code, stderr, tt.want)
		}
	}
}
