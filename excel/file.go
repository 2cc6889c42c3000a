package excel

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"taizhang/excel/xlsxread"
)

// OpenRegular opens a file for reading only if it is a regular file of at most max bytes.
// It opens without blocking, so that a FIFO named x.xlsx cannot hang the caller, and checks the
// open file itself (not the name, which could change in between), so a link to /dev/zero or a
// directory is refused too.
func OpenRegular(path string, max int64) (*os.File, int64, error) {
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, 0, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	name := filepath.Base(path)
	if !fi.Mode().IsRegular() {
		f.Close()
		hint := hintNotRegular
		if fi.IsDir() {
			hint = hintIsDir
		}
		return nil, 0, &CellError{File: name, Err: ErrNotRegular, Hint: hint}
	}
	if err := CheckSize(name, fi.Size(), max); err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, fi.Size(), nil
}

// CheckSize refuses a file of size bytes over max, before any of it is read.
func CheckSize(name string, size, max int64) error {
	if size > max {
		return &CellError{File: name, Err: ErrTooLarge, Hint: fmt.Sprintf(hintFileSize, size>>20, max>>20)}
	}
	return nil
}

// ReadFile reads a regular file of at most max bytes (see OpenRegular).
func ReadFile(path string, max int64) ([]byte, error) {
	f, size, err := OpenRegular(path, max)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadAll(f, filepath.Base(path), size, max)
}

// ReadAll reads an open file whose size was size, refusing it if it has grown past max.
func ReadAll(f io.Reader, name string, size, max int64) ([]byte, error) {
	b := make([]byte, 0, size)
	buf := make([]byte, 64<<10)
	for {
		n, err := f.Read(buf)
		b = append(b, buf[:n]...)
		if int64(len(b)) > max {
			return nil, &CellError{File: name, Err: ErrTooLarge, Hint: fmt.Sprintf(hintFileSize, len(b)>>20, max>>20)}
		}
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// Estimate is the most memory reading a workbook of size bytes can take (see xlsxread.Estimate).
func Estimate(r io.ReaderAt, size int64, lim Limits) int64 { return xlsxread.Estimate(r, size, lim) }
