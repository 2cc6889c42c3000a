//go:build !unix

package excel

import "os"

func openNonBlocking(path string) (*os.File, error) { return os.Open(path) }
