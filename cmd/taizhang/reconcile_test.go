package main

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/cycle"
)

// The per-code counts of reconcile add up to the total: every code counts, in taizhang.Codes'
// order (refused_return was once left out of the order, and the line undercounted), and a code
// outside the list would still count, last.
func TestReconcileCountsAddUp(t *testing.T) {
	var findings []taizhang.Finding
	for i, code := range append(append([]taizhang.Code{}, taizhang.Codes...), "made_up") {
		for range i%3 + 1 {
			findings = append(findings, taizhang.Finding{Code: code, Severity: code.Severity(), Agency: "甲", Message: "m"})
		}
	}
	q2, _ := taizhang.ParsePeriod("2023-Q2")
	var out bytes.Buffer
	printReconcile(&out, &cycle.View{Period: q2, Result: cycle.Reconciliation{Findings: findings}}, 0)
	line := ""
	for l := range strings.Lines(out.String()) {
		if strings.HasPrefix(l, "問題 ") {
			line = strings.TrimSpace(l)
		}
	}
	total, _ := strconv.Atoi(regexp.MustCompile(`^問題 (\d+) 個`).FindStringSubmatch(line)[1])
	_, counts, _ := strings.Cut(line, ":")
	sum, labels := 0, []string{}
	for part := range strings.SplitSeq(counts, ",") {
		label, n, _ := strings.Cut(part, " ")
		k, err := strconv.Atoi(n)
		if err != nil {
			t.Fatalf("%q in %q", part, line)
		}
		sum += k
		labels = append(labels, label)
	}
	if total != len(findings) || sum != total {
		t.Errorf("%q: total %d, the counts add up to %d; want %d", line, total, sum, len(findings))
	}
	want := []string{}
	for _, code := range taizhang.Codes {
		want = append(want, code.Label(taizhang.Traditional))
	}
	want = append(want, "made_up")
	if strings.Join(labels, ",") != strings.Join(want, ",") {
		t.Errorf("counted %v; want every code in taizhang.Codes' order: %v", labels, want)
	}
}
