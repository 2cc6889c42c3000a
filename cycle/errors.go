package cycle

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"

	taizhang "taizhang"
	"taizhang/store"
)

// Kinds of failure the caller tells apart (the command line maps them to exit statuses, the web
// server to HTTP statuses).
var (
	ErrInput       = errors.New("cycle: the request cannot be carried out as asked") // fix the command
	ErrRefused     = errors.New("cycle: the input was refused")                      // fix the file or add the flag the message names
	ErrNoPlan      = errors.New("cycle: no plan; run init")
	ErrNothingSent = errors.New("cycle: no ledger was sent for the period")
	ErrNoDatabase  = errors.New("cycle: no database")
)

// Error is a failure with its message for people (Chinese) and its kind.
type Error struct {
	Err error  // one of the kinds above
	Msg string // what is wrong and what to do
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

func inputf(format string, args ...any) error {
	return &Error{Err: ErrInput, Msg: fmt.Sprintf(format, args...)}
}

func refusef(format string, args ...any) error {
	return &Error{Err: ErrRefused, Msg: fmt.Sprintf(format, args...)}
}

// openError says why a database cannot be opened, in words a coordinator can act on.
func openError(path string, err error) error {
	path = taizhang.Verbatim(path)
	switch {
	case errors.Is(err, store.ErrNoDatabase):
		return &Error{Err: ErrNoDatabase, Msg: fmt.Sprintf(msgNoDatabase, path)}
	case errors.Is(err, store.ErrIsDir):
		return &Error{Err: ErrInput, Msg: fmt.Sprintf(msgDBIsDir, path)}
	}
	return dbError(taizhang.Unmark(path), err)
}

// dbError wraps an error from SQLite or the file system in a sentence that says what to do.
func dbError(path string, err error) error {
	path = taizhang.Verbatim(path)
	kind := store.Kind(err)
	switch {
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EROFS), kind == store.ErrReadOnly:
		return fmt.Errorf(msgDBPermission, path, err)
	case kind == store.ErrBusy:
		return fmt.Errorf(msgDBLocked, path, err)
	case errors.Is(err, syscall.ENOSPC), kind == store.ErrFull:
		return fmt.Errorf(msgDiskFull, path, err)
	case kind == store.ErrNotDatabase:
		return fmt.Errorf(msgNotADatabase, path, err)
	case kind == store.ErrCannotOpen:
		return fmt.Errorf(msgCannotOpen, path, err)
	}
	return fmt.Errorf(msgDBError, path, err)
}

// fileError says why a file cannot be read or written.
func fileError(path string, err error) error {
	shown := taizhang.Verbatim(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf(msgFileMissing, shown)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf(msgFilePermission, shown)
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf(msgFileDiskFull, shown)
	case errors.Is(err, syscall.EISDIR):
		return fmt.Errorf(msgFileIsDir, shown)
	}
	if fi, statErr := os.Stat(path); statErr == nil && fi.IsDir() {
		return fmt.Errorf(msgFileIsDir, shown)
	}
	return fmt.Errorf(msgFileError, shown, err)
}
