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
