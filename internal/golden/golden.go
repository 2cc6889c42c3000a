// Package golden compares a test's output with a golden file of "key<TAB>value" lines (a
// workbook's cells as excel.Dump writes them), reporting every key whose value differs, is
// missing or is extra, not only the first; -update rewrites the file and fails if it cannot.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Updating reports whether the test run rewrites golden files.
func Updating() bool { return *update }

// Compare compares got with the golden file at path.
func Compare(t testing.TB, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatalf("update %s: %v", path, err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatalf("update %s: %v", path, err)
		}
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to write it)", err)
	}
	for _, d := range Diff(string(b), got) {
		t.Errorf("%s: %s", filepath.Base(path), d)
	}
}

// Diff lists, key by key, how got differs from want.
func Diff(want, got string) []string {
	w, g := lines(want), lines(got)
	keys := map[string]bool{}
	for k := range w {
		keys[k] = true
	}
	for k := range g {
		keys[k] = true
	}
	var sorted []string
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	var out []string
	for _, k := range sorted {
		wv, inW := w[k]
		gv, inG := g[k]
		switch {
		case !inG:
			out = append(out, k+" missing, want "+quote(wv))
		case !inW:
			out = append(out, k+" = "+quote(gv)+", not in the golden file")
		case wv != gv:
			out = append(out, k+" = "+quote(gv)+", want "+quote(wv))
		}
	}
	return out
}

func lines(s string) map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(s, "\n") {
		if line == "" {
			continue
		}
		k, v, _ := strings.Cut(line, "\t")
		m[k] = v
	}
	return m
}

func quote(s string) string { return "“" + s + "”" }
