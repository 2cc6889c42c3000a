package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/internal/ledgertest"
	"taizhang/templates/ledger"
)

// fillRows types values and 完成狀態 into rows of a ledger by 指標編號, as an agency would.
func fillRows(t *testing.T, path string, rows map[string][2]any) {
	t.Helper()
	r := ledgertest.Read(t, path)
	err := excel.Edit(path, func(e *excel.Editor) error {
		var errs []error
		for _, row := range r.Rows {
			if v, ok := rows[row.ID]; ok {
				errs = append(errs, e.Set(r.Sheet, row.Cell(ledger.ColValue), v[0]), e.Set(r.Sheet, row.Cell(ledger.ColStatus), v[1]))
				delete(rows, row.ID)
			}
		}
		return errors.Join(errs...)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) > 0 {
		t.Fatalf("%s has no rows %v", path, rows)
	}
}

// statusesOf runs reconcile --json and gives each status by "indicator/agency".
func statusesOf(c cli, now string) (map[string]map[string]any, []map[string]any) {
	c.t.Helper()
	var got struct {
		Statuses []map[string]any `json:"statuses"`
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal([]byte(c.at(now, 0, "reconcile", "--period", "2023-Q2", "--json")), &got); err != nil {
		c.t.Fatal(err)
	}
	out := map[string]map[string]any{}
	for _, s := range got.Statuses {
		if _, ok := s["kind"]; !ok {
			c.t.Fatalf("a status without its kind: %v", s)
		}
		out[s["indicator"].(string)+"/"+s["agency"].(string)] = s
	}
	return out, got.Findings
}

// TestKindsScenario: real ledgers of the embedded plan filled, ingested, reconciled and reported
// at mid-year. A rank inside its target is met; a rate and a growth rate below target are not met,
// with the gap in percentage points and never behind time; a running total at 40% is behind; the
// capped running total 用水總量 past its prorated cap is at risk. The brief's ten are distinct
// indicators with their figures and targets. Choosing another kind in the catalog workbook changes
// the verdict and the catalog version.
func TestKindsScenario(t *testing.T) {
	dir, db := initDB(t)
	c := cli{t, db}
	const now = "2023-07-16T12:00"
	var doc struct {
		Tasks []struct {
			Indicators []taizhang.Indicator `json:"indicators"`
		} `json:"tasks"`
	}
	c.at(now, 0, "catalog", "export", filepath.Join(dir, "c.json"))
	b, err := os.ReadFile(filepath.Join(dir, "c.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, task := range doc.Tasks {
		for _, ind := range task.Indicators {
			n++
			if !ind.Kind.Valid() {
				t.Errorf("%s: kind %q", ind.ID, ind.Kind)
			}
		}
	}
	if n != 177 {
		t.Errorf("%d indicators in the catalog JSON", n)
	}
	ledgers := filepath.Join(dir, "l")
	c.at("2023-06-20T09:00", 0, "templates", "--period", "2023-Q2", "--out", ledgers)
	path := func(agency string) string { return filepath.Join(ledgers, "2023-Q2_"+agency+".xlsx") }
	fillRows(t, path("省工业和信息化厅"), map[string][2]any{"19-5": {7.0, "已完成"}, "19-4": {4.7, "序时推进"}})
	fillRows(t, path("省住房城乡建设厅"), map[string][2]any{"53-1": {44.1, "已完成"}, "48-3": {150.0, "序时推进"}})
	fillRows(t, path("省水利厅"), map[string][2]any{"48-3": {150.0, "序时推进"}})
	fillRows(t, path("省海洋局"), map[string][2]any{"48-3": {150.0, "序时推进"}})
	fillRows(t, path("省科技厅"), map[string][2]any{"2-2": {4.0, "序时推进"}})
	c.at(now, 0, "ingest", "--received", "2023-07-05T10:00", path("省工业和信息化厅"), path("省住房城乡建设厅"), path("省水利厅"),
		path("省海洋局"), path("省科技厅"))

	st, findings := statusesOf(c, now)
	for key, want := range map[string]struct{ status, kind, reason string }{
		"19-5/省工业和信息化厅": {"met", "rank", "排名第7,目标前10,已达到"},
		"53-1/省住房城乡建设厅": {"not_met", "rate", "覆盖率44.1%,目标95%,差50.9个百分点"},
		"19-4/省工业和信息化厅": {"not_met", "growth", "增长4.7%,目标增长10%左右,差5.3个百分点"},
		"2-2/省科技厅":      {"behind", "cumulative", "累计4家,目标10家左右,仅完成40%,落后于时间进度49.6%"},
		"48-3/省水利厅":     {"behind", "cumulative", "有超限风险"},
		"48-3/省海洋局":     {"behind", "cumulative", "累计150亿立方米,已用上限241.1亿立方米的62.2%"},
	} {
		s := st[key]
		if s["status"] != want.status || s["kind"] != want.kind || !strings.Contains(s["reason"].(string), want.reason) {
			t.Errorf("%s: %v %v %q, want %s %s with %q", key, s["status"], s["kind"], s["reason"], want.status, want.kind, want.reason)
		}
	}
	for _, key := range []string{"53-1/省住房城乡建设厅", "19-4/省工业和信息化厅"} {
		if s := st[key]; s["gap"] == nil || strings.Contains(s["reason"].(string), "滞后") || strings.Contains(s["reason"].(string), "时间进度") {
			t.Errorf("%s is judged by time: %v", key, s)
		}
	}
	for _, f := range findings {
		id := f["indicator"]
		if (id == "53-1" || id == "19-4" || id == "19-5") && f["code"] == "behind" {
			t.Errorf("a rate, growth rate or rank behind time: %v", f["message"])
		}
		if id == "19-5" && f["code"] == "self_assessment_mismatch" {
			t.Errorf("a rank inside its target is done: %v", f["message"])
		}
	}
	briefTen(t, c, now, dir)

	// The coordinator judges 2-2 as a level: not met (4 of 10, no baseline), and a new catalog version.
	book := filepath.Join(dir, "目录.xlsx")
	c.at(now, 0, "catalog", "export", book)
	rows := sheetRows(t, book, "指标")
	col, row := -1, -1
	for j, h := range rows[1] {
		if h == "指标类型" {
			col = j
		}
	}
	for i, r := range rows {
		if cellOf(r, 0) == "2-2" {
			row = i
		}
	}
	if col < 0 || row < 0 || cellOf(rows[row], col) != "累计值" {
		t.Fatalf("指标类型 column %d, row of 2-2 %d", col, row)
	}
	if err := excel.Edit(book, func(e *excel.Editor) error { return e.Set("指标", excel.Cell(row, col), "存量") }); err != nil {
		t.Fatal(err)
	}
	out := c.at(now, 0, "catalog", "import", book)
	if m := regexp.MustCompile(`目录版本 (\w+) → (\w+)`).FindStringSubmatch(out); m == nil || m[1] == m[2] {
		t.Errorf("a kind chosen should change the catalog version:\n%s", out)
	}
	st, _ = statusesOf(c, now)
	if s := st["2-2/省科技厅"]; s["status"] != "not_met" || s["kind"] != "level" || !strings.Contains(s["reason"].(string), "现有4家,目标10家左右,差6家") {
		t.Errorf("2-2 as a level: %v", s)
	}
}

// briefTen checks the brief's ten furthest behind: distinct indicators (co-leads on one line),
// each with its figure and its target, the running totals with progress against time elapsed
// and the rest with their gap.
func briefTen(t *testing.T, c cli, now, dir string) {
	t.Helper()
	out := filepath.Join(dir, "r.xlsx")
	c.at(now, 0, "report", "--period", "2023-Q2", "--out", out)
	rows := sheetRows(t, out, "领导简报")
	start := -1
	for i, r := range rows {
		if cellOf(r, 2) == "指标名称" {
			start = i + 1
		}
	}
	if start < 0 {
		t.Fatal("no ten furthest behind in the brief")
	}
	// Grid columns of 指標, 指標名稱, 牽頭單位, 實際, 目標, 完成進度/差距, 時間進度 (see briefbehind.go).
	seen := map[string]string{}
	for _, r := range rows[start:] {
		id := cellOf(r, 0)
		if strings.HasPrefix(id, "四、") || id == "" {
			break
		}
		if _, dup := seen[id]; dup {
			t.Errorf("%s is in the ten twice", id)
		}
		seen[id] = strings.Join([]string{cellOf(r, 12), cellOf(r, 19), cellOf(r, 23), cellOf(r, 28), cellOf(r, 33)}, "|")
		if cellOf(r, 19) == "" || cellOf(r, 23) == "" || cellOf(r, 28) == "" {
			t.Errorf("%s: figure, target or measure missing: %v", id, seen[id])
		}
	}
	for id, want := range map[string]string{
		"53-1": "省住房城乡建设厅|44.1%|95%|差50.9个百分点|—",
		"19-4": "省工业和信息化厅|增长4.7%|增长10%左右|差5.3个百分点|—",
		"48-3": "省水利厅等3个单位|150亿立方米|控制在241.1亿立方米以内|0.6221|0.4959",
	} {
		if seen[id] != want {
			t.Errorf("the brief's %s: %q, want %q", id, seen[id], want)
		}
	}
	if len(seen) < 4 {
		t.Errorf("the brief's ten: %v", seen)
	}
}
