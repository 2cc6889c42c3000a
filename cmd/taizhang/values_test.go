package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"taizhang/excel"
	"taizhang/internal/ledgertest"
	"taizhang/templates/ledger"
)

// TestHugeValueKeepsThePeriod (issue 20, "One cell breaks the period"): a value of 1e300 is
// flagged invalid_value with what was typed, not stored as +Inf, and reconcile --json and
// status --json still answer for the period. Before: reconcile --json exited 1 for everyone.
func TestHugeValueKeepsThePeriod(t *testing.T) {
	dir := t.TempDir()
	c := cli{t: t, db: filepath.Join(dir, "t.db")}
	c.at("2023-06-20", 0, "init", "--script", "traditional")
	out := filepath.Join(dir, "ledgers")
	c.at("2023-06-20", 0, "templates", "--period", "2023-Q2", "--out", out, "--agency", "省科技廳")
	ret := filepath.Join(dir, "back.xlsx")
	copyFile(t, filepath.Join(out, "2023-Q2_省科技廳.xlsx"), ret)
	r := ledgertest.Read(t, ret)
	err := excel.Edit(ret, func(e *excel.Editor) error {
		for _, row := range r.Rows {
			if row.ID == "2-1" { // a count of 家: the value is parsed as a number
				return e.Set(r.Sheet, row.Cell(ledger.ColValue), 1e300)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	c.at("2023-07-01", 0, "ingest", ret)
	var rec struct {
		Findings []struct{ Code, Message string } `json:"findings"`
	}
	text := c.at("2023-07-01", 0, "reconcile", "--period", "2023-Q2", "--json")
	if err := json.Unmarshal([]byte(text), &rec); err != nil {
		t.Fatalf("reconcile --json: %v\n%s", err, text)
	}
	found := false
	for _, f := range rec.Findings {
		found = found || f.Code == "invalid_value" && strings.Contains(f.Message, "“1000000000") && strings.Contains(f.Message, "數字太大")
	}
	if !found {
		t.Errorf("no invalid_value finding with the raw text: %+v", rec.Findings)
	}
	c.at("2023-07-01", 0, "status", "--period", "2023-Q2", "--json")
}
