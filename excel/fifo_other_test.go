//go:build !unix

package excel

import "errors"

func mkfifo(path string) error { return errors.New("no FIFOs") }
