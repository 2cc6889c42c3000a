package ingest

import (
	"bytes"
	"io"
	"math"
	"os"
	"path/filepath"
	"time"

	taizhang "taizhang"
	"taizhang/excel"
)

// Source is one file to ingest, wherever it came from: found in a folder by Walk, or uploaded
// through an agency's link and held in memory. Every source is read the same way and under the
// same budgets: its size checked before a byte is read, its memory reserved from the run's
// budget, and a wall-time limit for reading, converting and checking it.
type Source struct {
	Name     string           // the file's own name: shown to people; its extension says what it claims to be
	Origin   string           // where it came from, recorded with the return: its path, or 網上報送/<name> for an upload
	Received time.Time        // when it arrived; zero: Options.Received, else the moment it is stored
	ModTime  time.Time        // its modification time, which orders the versions of one receipt time; zero: unknown
	Channel  taizhang.Channel // how it came; empty: ChannelFile
	// Open gives its bytes to read at will and how many there are, and what to call when done.
	Open func() (r io.ReaderAt, size int64, done func(), err error)

	data []byte // the bytes themselves, for a source made from them: read in place, not copied
}

// FileSource is the file at path: opened without blocking and only if it is a regular file (a
// FIFO or a device named x.xlsx is refused, not waited on), its modification time as it is now.
func FileSource(path string) Source {
	var mtime time.Time
	if fi, err := os.Stat(path); err == nil {
		mtime = fi.ModTime()
	}
	return fileSource(path, mtime)
}

func fileSource(path string, mtime time.Time) Source {
	return Source{Name: filepath.Base(path), Origin: path, ModTime: mtime, Open: func() (io.ReaderAt, int64, func(), error) {
		// The size limit is the run's, checked by the reader once the file is open.
		f, size, err := excel.OpenRegular(path, math.MaxInt64)
		if err != nil {
			return nil, 0, nil, err
		}
		return f, size, func() { f.Close() }, nil
	}}
}

// BytesSource is a file held in memory (an upload), under its own name.
func BytesSource(name string, data []byte) Source {
	return Source{Name: name, Origin: name, data: data, Open: func() (io.ReaderAt, int64, func(), error) {
		return bytes.NewReader(data), int64(len(data)), func() {}, nil
	}}
}

// Batch is what a run takes: the sources to read, and what their producer left out on the way
// (Walk's temporary files skipped, and entries refused by their name or kind without reading).
type Batch struct {
	Sources []Source
	Skipped []Skipped
	Refused []Outcome
}

// channel is how the file came: given to ingest unless said otherwise.
func (s Source) channel() taizhang.Channel {
	if s.Channel == "" {
		return taizhang.ChannelFile
	}
	return s.Channel
}

// read gives the source's bytes, at most max of them: a source made from bytes as they are, any
// other read through (refused if it has grown past max since it was opened).
func (s Source) read(r io.ReaderAt, size, max int64) ([]byte, error) {
	if s.data != nil {
		return s.data, nil
	}
	return excel.ReadAll(io.NewSectionReader(r, 0, max+1), s.Name, size, max)
}
