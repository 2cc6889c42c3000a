package excel

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestOpenRegularOnly: a FIFO or a device named .xlsx is refused at once, not read for ever.
func TestOpenRegularOnly(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "x.xlsx")
	if err := mkfifo(fifo); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	if _, err := Open(fifo, DefaultLimits); !errors.Is(err, ErrNotRegular) {
		t.Errorf("FIFO: %v", err)
	}
	zero := filepath.Join(dir, "zero.xlsx")
	if err := os.Symlink("/dev/zero", zero); err == nil {
		if _, err := Open(zero, DefaultLimits); !errors.Is(err, ErrNotRegular) {
			t.Errorf("/dev/zero: %v", err)
		}
	}
}
