//go:build unix

package excel

import (
	"os"
	"syscall"
)

// openNonBlocking opens for reading with O_NONBLOCK: opening a FIFO does not wait for a writer.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
