//go:build linux

package ingest

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncArchive makes every archived file and rename under dir durable with one syncfs(2): one
// journal commit for a whole batch instead of one fsync per file.
func syncArchive(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Syncfs(int(f.Fd()))
}

// perFileSync: with syncfs available, files are not fsynced one by one.
const perFileSync = false
