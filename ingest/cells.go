package ingest

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	taizhang "taizhang"
	"time"

	"taizhang/excel"
	"taizhang/templates/ledger"
)

// cellChecks are what the reader says about the ledger sheet's cells beyond their text: which
// could not be read (a shared-string index out of range) and which hold a date, a boolean or
// an error value. A value cell with any of them is invalid_value, whatever its text.
type cellChecks struct {
	book     *excel.Book
	sheet    string
	problems map[string]*excel.CellError
	claimed  map[string]bool
}

func newCellChecks(book *excel.Book, sheet string) *cellChecks {
	c := &cellChecks{book: book, sheet: sheet, problems: map[string]*excel.CellError{}, claimed: map[string]bool{}}
	for _, p := range book.Problems(sheet) {
		c.problems[p.Cell] = p
	}
	return c
}

// value returns an invalid value with what was seen when the value cell is one of those; ok
// says the text should be parsed as typed.
func (c *cellChecks) value(cell, raw string) (Value, bool) {
	if cell == "" {
		return Value{}, true
	}
	if p, ok := c.problems[cell]; ok {
		c.claimed[cell] = true
		return Value{Raw: raw, Flag: FlagInvalid, Note: fmt.Sprintf(msgSharedIndex, cell, p.Value)}, false
	}
	switch c.book.Kind(c.sheet, cell) {
	case excel.KindBool:
		word := "FALSE"
		if strings.TrimSpace(raw) == "1" {
			word = "TRUE"
		}
		return Value{Raw: raw, Flag: FlagInvalid, Note: fmt.Sprintf(msgBool, cell, word)}, false
	case excel.KindDate:
		return Value{Raw: raw, Flag: FlagInvalid, Note: fmt.Sprintf(msgDate, cell, dateText(raw), raw)}, false
	case excel.KindError:
		return Value{Raw: raw, Flag: FlagInvalid, Note: fmt.Sprintf(msgErrorValue, cell, raw)}, false
	}
	return Value{}, true
}

// unclaimed lists the unreadable cells that are not value cells, in cell order.
func (c *cellChecks) unclaimed() []*excel.CellError {
	var out []*excel.CellError
	for cell, p := range c.problems {
		if !c.claimed[cell] {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Cell < out[j].Cell })
	return out
}

// dateText shows a date cell as a person saw it: a serial number in Excel's 1900 date system
// (44928 is 2023-01-02), or an ISO date as written.
func dateText(raw string) string {
	f, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || f < 1 || f > 2958465 || math.IsNaN(f) {
		return raw
	}
	day := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(f))
	if f != math.Trunc(f) {
		secs := int(math.Round((f - math.Trunc(f)) * 86400))
		return day.Add(time.Duration(secs) * time.Second).Format("2006-01-02 15:04")
	}
	return day.Format("2006-01-02")
}

// missingRows are the findings of an unsigned return: one for each row of the agency's ledger
// that it lacks (deleted, or lost to a broken file), so nothing is dropped without a word.
func missingRows(r *ledger.Returned, responsible map[string]bool) []taizhang.Finding {
	got := map[string]bool{}
	for _, row := range r.Rows {
		got[row.ID] = true
	}
	var ids []string
	for id := range responsible {
		if !got[id] {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	var out []taizhang.Finding
	for _, id := range ids {
		out = append(out, taizhang.Finding{Code: taizhang.CodeMissingRow, Indicator: id, Sheet: r.Sheet, Message: fmt.Sprintf(msgMissingRow, id)})
	}
	return out
}
