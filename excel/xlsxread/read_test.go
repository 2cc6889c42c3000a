package xlsxread

import (
	"bufio"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// openFile opens a workbook file.
func openFile(t testing.TB, path string) (*Workbook, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	return Open(context.Background(), f, fi.Size(), DefaultLimits)
}

// TestForeignCorpus opens every real spreadsheet in ../shared/corpus/foreign: each is read or
// refused with an Error within seconds; never a panic or a hang.
func TestForeignCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "foreign")
	manifest, err := os.Open(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		t.Skip("no ../shared/corpus beside the project:", err)
	}
	defer manifest.Close()
	sc := bufio.NewScanner(manifest)
	sc.Buffer(nil, 1<<20)
	sc.Scan() // header
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		name, expected := cols[0], cols[8]
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			book, err := openFile(t, filepath.Join(dir, name))
			if time.Since(start) > 10*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
			if err != nil {
				var ce *Error
				if !errors.As(err, &ce) || ce.Hint == "" {
					t.Errorf("error %T %v should be an Error with a hint", err, err)
				}
				if strings.HasPrefix(expected, "readable") && (strings.HasSuffix(name, ".xlsx") || strings.HasSuffix(name, ".xlsm")) {
					t.Errorf("a readable workbook was refused: %v", err)
				}
				return
			}
			if strings.HasPrefix(expected, "refuse: encrypted") || strings.HasPrefix(expected, "refuse: empty") || strings.HasPrefix(expected, "refuse: corrupt - incomplete") {
				t.Errorf("expected %q but it opened", expected)
			}
			for _, s := range book.Sheets() {
				if _, err := book.Sheet(s); err != nil && strings.HasPrefix(expected, "readable") {
					t.Errorf("sheet %s of a readable workbook: %v", s, err)
				}
			}
		})
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		err  error
	}{
		{"empty", nil, ErrNotWorkbook},
		{"text", []byte("Attachment not found!"), ErrNotWorkbook},
		{"xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, ErrNotWorkbook},
		{"encrypted", append([]byte{0xD0, 0xCF, 0x11, 0xE0}, []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e")...), ErrEncrypted},
		{"truncated zip", []byte("PK\x03\x04\x14\x00"), ErrNotWorkbook},
	}
	for _, tt := range tests {
		_, err := readBytes(tt.in, DefaultLimits)
		if !errors.Is(err, tt.err) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.err)
		}
	}
}

// TestCellNames: names and references read back to the same row and column.
func TestCellNames(t *testing.T) {
	for _, c := range []struct {
		row, col int
		name     string
	}{{0, 0, "A1"}, {6, 3, "D7"}, {9, 26, "AA10"}, {1048575, 16383, "XFD1048576"}, {99, 701, "ZZ100"}, {0, 702, "AAA1"}} {
		if got := CellName(c.row, c.col); got != c.name {
			t.Errorf("CellName(%d, %d) = %s, want %s", c.row, c.col, got, c.name)
		}
		if col, row, err := splitRef(c.name); err != nil || row != c.row+1 || col != c.col+1 {
			t.Errorf("splitRef(%s) = %d, %d, %v", c.name, col, row, err)
		}
	}
	for _, bad := range []string{"", "A", "1", "a1", "A0", "A01", "XFE1", "A1048577", "AAAA1", "A1B", "A 1"} {
		if _, _, err := splitRef(bad); err == nil {
			t.Errorf("splitRef(%q) took it", bad)
		}
	}
}
