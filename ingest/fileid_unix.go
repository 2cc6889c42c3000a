//go:build unix

package ingest

import (
	"io/fs"
	"syscall"
)

// fileID identifies a file or folder whatever path or link leads to it.
type fileID struct{ dev, ino uint64 }

func idOf(fi fs.FileInfo) (fileID, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, false
	}
	return fileID{uint64(st.Dev), uint64(st.Ino)}, true
}
