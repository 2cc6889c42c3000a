//go:build !linux

package ingest

// syncArchive: each file (and its folder) was already fsynced as it was written.
func syncArchive(dir string) error { return nil }

const perFileSync = true
