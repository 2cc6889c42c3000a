// Package testenv gives tests what they need of the machine. The Need functions decide whether a
// test that needs a program outside Go runs: LibreOffice, poppler (pdftotext, pdftoppm), python3
// with openpyxl, Chromium, PostgreSQL. A Fixture is a folder made once for a package's tests,
// each of which works on its own copy (CopyDir).
//
// The suite has two speeds. Under -short each Need function skips the test: `go test -short ./...`
// needs nothing but Go. Without -short it finds the program and returns its path; where the
// program is missing it skips the test, except when the environment variable CI is set: then the
// test fails, so CI never passes by silently skipping what it was meant to run (.ci/run installs
// every program named here).
//
// It imports the standard library only, so any package's tests can use it (office's included).
package testenv

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
)

// CI reports whether the environment variable CI is set: every test must run, none may skip for
// want of a program.
func CI() bool { return os.Getenv("CI") != "" }

// need skips t under -short; otherwise it returns the path find gives, or, when that is "",
// skips (fails under CI) saying what is missing and how to install it.
func need(t testing.TB, what, install string, find func() string) string {
	t.Helper()
	path := ""
	if !testing.Short() {
		path = find() // not under -short: finding python means running it
	}
	switch verdict(testing.Short(), CI(), path) {
	case skipShort:
		t.Skipf("-short: this test needs %s", what)
	case failMissing:
		t.Fatalf("%s is not installed, and CI must run every test (.ci/run installs it: %s)", what, install)
	case skipMissing:
		t.Skipf("%s is not installed (Debian: %s); skipped", what, install)
	}
	return path
}

// What becomes of a test that needs a program.
const (
	run = iota
	skipShort
	skipMissing
	failMissing
)

// verdict decides, from -short, CI and where the program is ("" for nowhere).
func verdict(short, ci bool, path string) int {
	switch {
	case short:
		return skipShort
	case path != "":
		return run
	case ci:
		return failMissing
	}
	return skipMissing
}

// lookPath is the first of names on PATH, or "".
func lookPath(names ...string) string {
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Soffice is the path of LibreOffice's soffice, or "" where it is not installed.
func Soffice() string { return lookPath("soffice", "libreoffice") }

// NeedSoffice returns the path of LibreOffice (soffice), skipping the test as the package doc says.
func NeedSoffice(t testing.TB) string {
	t.Helper()
	return need(t, "LibreOffice (soffice)", "apt-get install libreoffice-calc-nogui libreoffice-writer-nogui", Soffice)
}

// NeedPoppler returns the path of pdftotext, skipping the test as the package doc says unless
// both pdftotext and pdftoppm are installed.
func NeedPoppler(t testing.TB) string {
	t.Helper()
	return need(t, "poppler (pdftotext, pdftoppm)", "apt-get install poppler-utils", func() string {
		if lookPath("pdftoppm") == "" {
			return ""
		}
		return lookPath("pdftotext")
	})
}

// python is a python3 that imports openpyxl: Debian's python3-openpyxl is what CI installs; a
// python3 elsewhere on PATH may have it too. Starting python costs a tenth of a second: once.
var python = sync.OnceValue(func() string {
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		if p, err := exec.LookPath(py); err == nil && exec.Command(p, "-c", "import openpyxl").Run() == nil {
			return p
		}
	}
	return ""
})

// Python is the path of a python3 that imports openpyxl, or "".
func Python() string { return python() }

// NeedPython returns the path of a python3 that imports openpyxl, skipping the test as the
// package doc says.
func NeedPython(t testing.TB) string {
	t.Helper()
	return need(t, "python3 with openpyxl", "apt-get install python3-openpyxl", Python)
}

// NeedChromium returns the path of Chromium (or Chrome), skipping the test as the package doc says.
func NeedChromium(t testing.TB) string {
	t.Helper()
	return need(t, "Chromium", "apt-get install chromium", func() string { return lookPath("chromium", "chromium-browser", "google-chrome") })
}

// NeedPostgres returns the folder holding PostgreSQL's server programs (initdb, pg_ctl,
// postgres), skipping the test as the package doc says. Debian keeps them off PATH, in
// /usr/lib/postgresql/<version>/bin: the newest version there is taken.
func NeedPostgres(t testing.TB) string {
	t.Helper()
	return need(t, "PostgreSQL (initdb, pg_ctl)", "apt-get install postgresql", postgres)
}

// postgres is the folder of initdb: on PATH, else Debian's newest /usr/lib/postgresql/<version>/bin.
func postgres() string {
	if p := lookPath("initdb"); p != "" {
		return filepath.Dir(p)
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	dir, newest := "", -1
	for _, f := range found {
		bin := filepath.Dir(f)
		if v, err := strconv.Atoi(filepath.Base(filepath.Dir(bin))); err == nil && v > newest {
			dir, newest = bin, v
		}
	}
	return dir
}

// CopyDir copies the folder from, with everything in it, to the folder to (made as needed): a
// test starts from its own copy of a fixture made once for its package. Any failure ends the test.
func CopyDir(t testing.TB, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatalf("copy %s: %v", from, err)
	}
}

// Fixture is a folder that a package's tests start from (a database with what it holds, the
// files beside it), made once when the first test asks for it; each test works on its own copy,
// so tests that start from it may run in parallel. TestMain calls Remove when the tests are done.
type Fixture struct {
	build func(t testing.TB, dir string)
	once  sync.Once
	dir   string
	made  bool // false when build failed (it ended the first test that asked)
}

// NewFixture is a fixture that build makes in dir, a folder of its own; build fails t, the first
// test that asks, when it cannot.
func NewFixture(build func(t testing.TB, dir string)) *Fixture { return &Fixture{build: build} }

// Copy makes the fixture on first use, copies it into a new folder of t's and returns that folder.
func (f *Fixture) Copy(t testing.TB) string {
	t.Helper()
	f.once.Do(func() {
		var err error
		if f.dir, err = os.MkdirTemp("", "taizhang-fixture-*"); err != nil {
			t.Fatal(err)
		}
		f.build(t, f.dir)
		f.made = true
	})
	if !f.made {
		t.Fatal("the fixture could not be made: see the first test that asked for it")
	}
	dir := t.TempDir()
	CopyDir(t, f.dir, dir)
	return dir
}

// Remove removes the fixture's folder, when it was made.
func (f *Fixture) Remove() {
	if f.dir != "" {
		os.RemoveAll(f.dir)
	}
}
