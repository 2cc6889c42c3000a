package store

import (
	"io/fs"
	"strconv"
	"strings"
	"testing"
)

// Each migration is recorded by its number alone: two files with one number (from two branches
// merged) would leave the second silently unapplied.
func TestMigrationNumbersUnique(t *testing.T) {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil || len(names) == 0 {
		t.Fatal(names, err)
	}
	seen := map[int]string{}
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		n, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			t.Fatalf("%s: %v", base, err)
		}
		if other, ok := seen[n]; ok {
			t.Errorf("%s and %s share the number %d: renumber one", other, base, n)
		}
		seen[n] = base
	}
}
