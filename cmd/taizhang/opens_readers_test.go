package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/internal/testenv"
	"taizhang/office"
	"taizhang/templates"
	"taizhang/templates/ledger"
	"taizhang/templates/report"
)

// The readers TestEveryWorkbookOpens opens workbooks in, and what it compares.

// opener opens workbooks in the independent readers this machine has.
type opener struct {
	python  string // a python3 that imports openpyxl; "" for none
	script  string // testdata/opens/openpyxl_check.py
	office  office.Converter
	scratch string
	batches int
}

func newOpener(t *testing.T) *opener {
	t.Helper()
	script, err := filepath.Abs(filepath.Join("testdata", "opens", "openpyxl_check.py"))
	if err != nil {
		t.Fatal(err)
	}
	if testing.Short() || testenv.CI() { // skipped under -short; CI runs both readers
		testenv.NeedPython(t)
		testenv.NeedSoffice(t)
	}
	o := &opener{script: script, office: office.Find(), python: testenv.Python(), scratch: t.TempDir()}
	switch {
	case o.python == "" && !o.office.Installed():
		t.Skip("neither openpyxl (Debian: python3-openpyxl) nor LibreOffice (libreoffice-calc-nogui) is installed")
	case o.python == "":
		t.Log("openpyxl is not installed (Debian: python3-openpyxl): only LibreOffice opens the workbooks")
	case !o.office.Installed():
		t.Log("LibreOffice is not installed (libreoffice-calc-nogui): only openpyxl opens the workbooks")
	}
	// A batch of a couple of hundred small workbooks takes LibreOffice under a minute.
	o.office.Timeout = 5 * time.Minute
	return o
}

// fillJob is a return openpyxl makes: a ledger with cells typed, maybe a chart sheet added, saved.
type fillJob struct {
	In         string            `json:"in"`
	Out        string            `json:"out"`
	Sheet      string            `json:"sheet"`
	Cells      map[string]string `json:"cells"`
	Chartsheet string            `json:"chartsheet,omitempty"`
	Chart      string            `json:"chart,omitempty"` // the chart's data, "J4:J9"
}

// pyBook is what openpyxl made of one workbook.
type pyBook struct {
	Error    string         `json:"error"`
	Warnings []string       `json:"warnings"`
	Cells    map[string]any `json:"cells"`
	Formulas []string       `json:"formulas"`
	Dates    []string       `json:"dates"`
}

// batch is what one round gives the readers.
type batch struct {
	openpyxl []string  // files openpyxl loads
	fills    []fillJob // returns openpyxl makes first
	office   []string  // files LibreOffice saves as xlsx
}

// opened is what one batch found.
type opened struct {
	py   map[string]pyBook // by file
	fill map[string]string // by fillJob.Out: openpyxl's error, or ""
	lo   map[string]string // by file: LibreOffice's xlsx of it; absent when it could not load it
	// The files given to LibreOffice.
	asked map[string]bool
}

// run runs the batch: openpyxl and LibreOffice, each in one process, side by side.
func (o *opener) run(t *testing.T, b batch) opened {
	t.Helper()
	o.batches++
	res := opened{asked: map[string]bool{}}
	var pyErr, loErr error
	var wg sync.WaitGroup
	if o.python != "" {
		wg.Go(func() { res.py, res.fill, pyErr = o.openpyxl(b.openpyxl, b.fills) })
	}
	if o.office.Installed() {
		for _, f := range b.office {
			res.asked[f] = true
		}
		wg.Go(func() { res.lo, loErr = o.libreOffice(b.office, filepath.Join(o.scratch, strconv.Itoa(o.batches))) })
	}
	wg.Wait()
	if pyErr != nil {
		t.Fatalf("openpyxl: %v", pyErr)
	}
	if loErr != nil {
		t.Fatalf("LibreOffice: %v", loErr)
	}
	return res
}

func (o *opener) openpyxl(load []string, fills []fillJob) (map[string]pyBook, map[string]string, error) {
	job, err := json.Marshal(map[string]any{"load": load, "fill": fills})
	if err != nil {
		return nil, nil, err
	}
	cmd := exec.Command(o.python, o.script)
	cmd.Stdin = bytes.NewReader(job)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, nil, fmt.Errorf("%v: %s", err, stderr.Bytes())
	}
	var res struct {
		Fill map[string]string `json:"fill"`
		Load map[string]pyBook `json:"load"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		return nil, nil, fmt.Errorf("%v: %.200s", err, out)
	}
	return res.Load, res.Fill, nil
}

// libreOffice saves files as xlsx in one run and returns where it saved each. Each is linked
// under a number first: LibreOffice names its output after the input's base name, and the demo's
// folders repeat names.
func (o *opener) libreOffice(files []string, dir string) (map[string]string, error) {
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	if err := os.MkdirAll(in, 0o755); err != nil {
		return nil, err
	}
	links := make([]string, len(files))
	for i, f := range files {
		links[i] = filepath.Join(in, fmt.Sprintf("%03d.xlsx", i))
		if err := os.Link(f, links[i]); err != nil {
			if err := copyBytes(f, links[i]); err != nil {
				return nil, err
			}
		}
	}
	if err := o.office.ConvertAll(context.Background(), links, office.XLSX, out); err != nil {
		return nil, err
	}
	saved := map[string]string{}
	for i, f := range files {
		p := filepath.Join(out, office.OutputName(links[i], office.XLSX))
		if fi, err := os.Stat(p); err == nil && fi.Size() > 0 {
			saved[f] = p
		}
	}
	return saved, nil
}

// maxCellErrors caps the cells reported per workbook and reader: one broken part can make every
// cell of a sheet differ.
const maxCellErrors = 5

// verify fails the test for every way file did not open cleanly: an openpyxl error, a warning
// not in known, a cell openpyxl or LibreOffice reads differently from the tool, and a feedback
// mark LibreOffice lost.
func (o *opener) verify(t *testing.T, root, file string, r opened, known []string) {
	t.Helper()
	name, _ := filepath.Rel(root, file)
	ours, err := cellsOf(file)
	if err != nil {
		t.Errorf("%s: the tool cannot read it back: %v", name, err) // and still, what do the others say?
	}
	if o.python != "" {
		b, ok := r.py[file]
		switch {
		case !ok:
			t.Errorf("%s: openpyxl did not report on it", name)
		case b.Error != "":
			t.Errorf("%s: openpyxl cannot load it: %s", name, b.Error)
		default:
			for _, w := range b.Warnings {
				if !slices.Contains(known, w) {
					t.Errorf("%s: openpyxl warns: %s", name, w)
				}
			}
			if ours == nil {
				break // nothing to compare with
			}
			for _, d := range diffOpenpyxl(ours, b) {
				t.Errorf("%s: openpyxl: %s", name, d)
			}
		}
	}
	if r.asked[file] {
		saved, ok := r.lo[file]
		if !ok {
			t.Errorf("%s: LibreOffice cannot load it (it saved nothing)", name)
			return
		}
		theirs, err := cellsOf(saved)
		if err != nil {
			t.Errorf("%s: what LibreOffice saved of it cannot be read: %v", name, err)
			return
		}
		n := 0
		for _, k := range sortedKeys(ours) {
			if v, ok := theirs[k]; (!ok || !sameValue(ours[k], v)) && n < maxCellErrors {
				t.Errorf("%s: LibreOffice reads %s as %q, the tool as %q", name, k, v, ours[k])
				n++
			}
		}
		for _, d := range marksLost(file, saved) {
			t.Errorf("%s: after LibreOffice, %s", name, d)
		}
	}
}

// diffOpenpyxl lists the cells openpyxl reads otherwise than the tool. Formulas and dates are
// only required to be there: openpyxl computes no formula, and a date's number depends on the
// workbook's date system.
func diffOpenpyxl(ours map[string]string, b pyBook) []string {
	var diffs []string
	add := func(format string, args ...any) {
		if len(diffs) < maxCellErrors {
			diffs = append(diffs, fmt.Sprintf(format, args...))
		}
	}
	seen := map[string]bool{}
	for _, k := range append(slices.Clone(b.Formulas), b.Dates...) {
		seen[k] = true
	}
	for _, k := range sortedKeys(b.Cells) {
		seen[k] = true
		want, ok := ours[k]
		switch v := b.Cells[k].(type) {
		case string:
			ok = ok && v == want
		case float64:
			ok = ok && sameValue(strconv.FormatFloat(v, 'g', -1, 64), want)
		case bool:
			ok = ok && (want == "1" || strings.EqualFold(want, "TRUE")) == v
		}
		if !ok {
			add("%s is %#v, the tool reads %q", k, b.Cells[k], want)
		}
	}
	for _, k := range sortedKeys(ours) {
		if !seen[k] {
			add("%s is empty, the tool reads %q", k, ours[k])
		}
	}
	return diffs
}

// cellsOf reads every non-empty cell of every sheet with the tool's own reader: "Sheet!A1" → text.
func cellsOf(path string) (map[string]string, error) {
	book, err := excel.Open(path, excel.DefaultLimits)
	if err != nil {
		return nil, err
	}
	defer book.Close()
	cells := map[string]string{}
	for _, s := range book.Sheets() {
		rows, err := book.Rows(s)
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %w", s, err)
		}
		for i, row := range rows {
			for j, v := range row {
				if v != "" {
					cells[s+"!"+excel.Cell(i, j)] = v
				}
			}
		}
	}
	return cells, nil
}

// sameValue compares two cells' text, numbers by value: programs write 160.11 as
// "160.11000000000001" or "160.11", and 3 as "3.0".
func sameValue(a, b string) bool {
	if a == b {
		return true
	}
	x, errX := strconv.ParseFloat(a, 64)
	y, errY := strconv.ParseFloat(b, 64)
	return errX == nil && errY == nil && (x == y || abs(x-y) <= 1e-9*max(abs(x), abs(y)))
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// marks are the cells a feedback workbook marks, as its first sheet lists them ("工作台账!J4").
func marks(book *excel.Book) []string {
	if len(book.Sheets()) == 0 {
		return nil
	}
	first := book.Sheets()[0]
	if first != report.SheetFeedback && first != templates.NewLabeler(taizhang.Simplified).L(report.SheetFeedback) {
		return nil
	}
	rows, _ := book.Rows(first)
	var out []string
	for _, row := range rows {
		if len(row) > 2 && strings.Contains(row[2], "!") {
			out = append(out, row[2])
		}
	}
	return out
}

// marksLost says which of a feedback workbook's marks (the first sheet's list, each cell's
// comment) its copy saved by LibreOffice lost. (Fills are not compared: LibreOffice writes no
// theme part, and without one excelize reads no colour at all.)
func marksLost(file, conv string) []string {
	book, err := excel.Open(file, excel.DefaultLimits)
	if err != nil {
		return nil // verify has said so
	}
	want := marks(book)
	book.Close()
	if len(want) == 0 {
		return nil
	}
	got, err := excel.Open(conv, excel.DefaultLimits)
	if err != nil {
		return []string{err.Error()}
	}
	defer got.Close()
	var lost []string
	if len(marks(got)) != len(want) {
		lost = append(lost, fmt.Sprintf("the first sheet lists %d marks, not %d", len(marks(got)), len(want)))
	}
	comments := map[string]map[string]string{}
	for _, m := range want {
		sheet, cell, _ := strings.Cut(m, "!")
		if _, ok := comments[sheet]; !ok {
			comments[sheet], _ = got.Comments(sheet)
		}
		if comments[sheet][cell] == "" {
			lost = append(lost, m+" has no comment")
		}
	}
	return lost[:min(len(lost), maxCellErrors)]
}

// stillSigned fails the test for each feedback workbook whose copy saved by LibreOffice no
// longer reads as a ledger whose signature verifies: a person who opens it there and saves it
// must be able to send it back.
func stillSigned(t *testing.T, root string, files []string, r opened, key []byte) {
	t.Helper()
	for _, f := range files {
		saved, ok := r.lo[f]
		if !ok {
			continue // verify has said so, or there is no LibreOffice
		}
		name, _ := filepath.Rel(root, f)
		book, err := excel.Open(saved, excel.DefaultLimits)
		if err != nil {
			t.Errorf("%s after LibreOffice: %v", name, err)
			continue
		}
		ret, err := ledger.ReadReturned(book)
		if err == nil {
			err = ret.Verify(key)
		}
		book.Close()
		if err != nil {
			t.Errorf("%s after LibreOffice: %v", name, err)
		}
	}
}
