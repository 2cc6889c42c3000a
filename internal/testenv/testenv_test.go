package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

func TestVerdict(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		short, ci bool
		path      string
		want      int
	}{
		{short: true, path: "/usr/bin/soffice", want: skipShort},
		{short: true, ci: true, want: skipShort}, // CI runs the full suite: -short there is asked for
		{path: "/usr/bin/soffice", want: run},
		{ci: true, path: "/usr/bin/soffice", want: run},
		{want: skipMissing},
		{ci: true, want: failMissing},
	} {
		if got := verdict(tt.short, tt.ci, tt.path); got != tt.want {
			t.Errorf("verdict(short %v, CI %v, %q) = %d, want %d", tt.short, tt.ci, tt.path, got, tt.want)
		}
	}
}

// Under -short every Need skips before looking; otherwise each finds its program or skips (here
// CI is not expected to be set: go test -short in CI would skip too).
func TestNeedSkipsUnderShort(t *testing.T) {
	t.Parallel()
	if !testing.Short() {
		t.Skip("checks -short")
	}
	for name, need := range map[string]func(testing.TB) string{"soffice": NeedSoffice, "poppler": NeedPoppler, "python": NeedPython,
		"chromium": NeedChromium, "postgres": NeedPostgres} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if !t.Skipped() {
					t.Errorf("%s did not skip under -short", name)
				}
			}()
			need(t)
		})
	}
}

// Debian's PostgreSQL is found off PATH, where it is installed.
func TestPostgresFolder(t *testing.T) {
	t.Parallel()
	dir := postgres()
	if dir == "" {
		t.Skip("PostgreSQL is not installed here")
	}
	if _, err := os.Stat(filepath.Join(dir, "pg_ctl")); err != nil {
		t.Errorf("%s has no pg_ctl: %v", dir, err)
	}
	t.Log(dir)
}

func TestCopyDir(t *testing.T) {
	t.Parallel()
	from, to := t.TempDir(), filepath.Join(t.TempDir(), "copy")
	os.MkdirAll(filepath.Join(from, "a", "b"), 0o755)
	os.WriteFile(filepath.Join(from, "top.db"), []byte("db"), 0o644)
	os.WriteFile(filepath.Join(from, "a", "b", "臺賬.xlsx"), []byte("PK"), 0o644)
	CopyDir(t, from, to)
	for name, want := range map[string]string{"top.db": "db", "a/b/臺賬.xlsx": "PK"} {
		if b, err := os.ReadFile(filepath.Join(to, name)); err != nil || string(b) != want {
			t.Errorf("%s: %q %v", name, b, err)
		}
	}
}

// A fixture is made once, whatever the number of tests that copy it, and each copy is the
// test's own.
func TestFixture(t *testing.T) {
	made := 0
	f := NewFixture(func(t testing.TB, dir string) {
		made++
		os.WriteFile(filepath.Join(dir, "db"), []byte("v1"), 0o644)
	})
	defer f.Remove()
	a, b := f.Copy(t), f.Copy(t)
	os.WriteFile(filepath.Join(a, "db"), []byte("changed"), 0o644)
	if got, _ := os.ReadFile(filepath.Join(b, "db")); made != 1 || a == b || string(got) != "v1" {
		t.Errorf("made %d times; copies %s and %s; the second reads %q", made, a, b, got)
	}
	f.Remove()
	if _, err := os.Stat(f.dir); err == nil {
		t.Errorf("%s is still there after Remove", f.dir)
	}
}
