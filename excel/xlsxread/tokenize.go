package xlsxread

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
)

// Tokenize inflates each named part of a package, within DefaultLimits, and runs the XML
// scanner over it to its end, building nothing; it returns the number of tokens. It is what
// reading costs before any cell is made: bench -reader sets it between inflating alone and
// Open with Sheet.
func Tokenize(r io.ReaderAt, size int64, parts []string) (int, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return 0, &Error{Err: ErrNotWorkbook, Hint: hintBrokenZip}
	}
	l := &Workbook{ctx: context.Background(), files: map[string]*zip.File{}, lim: DefaultLimits}
	for _, f := range zr.File {
		l.files[normPart(f.Name)] = f
	}
	n := 0
	for _, part := range parts {
		data, err := l.read(part)
		if err != nil {
			return n, fmt.Errorf("%s: %w", part, err)
		}
		s := newScanner(data)
		for s.next() {
			n++
		}
		if s.err != nil {
			return n, partError(part, s.err)
		}
	}
	return n, nil
}
