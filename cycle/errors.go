package cycle

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
	ErrFile        = errors.New("cycle: a file or folder cannot be read or written") // writing: every other file would fail the same way
	ErrInterrupted = errors.New("cycle: interrupted")                                // Ctrl-C or SIGTERM: what was finished stays
	ErrSomeRefused = errors.New("cycle: some files were refused")                    // the others were taken: the command finished
	ErrNotFound    = errors.New("cycle: no such thing here")                         // a link, a session, an agency's page: answered as 404, whatever the reason
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

// DatabaseError words a failure of the database at path (SQLite's or the file system's) as a
// sentence that says what to do: for the service beside the cycle (access) on the same database.
func DatabaseError(path string, err error) error { return dbError(path, err) }

// dbError wraps an error from SQLite or the file system in a sentence that says what to do.
func dbError(path string, err error) error {
	path = taizhang.Verbatim(path)
	kind := store.Kind(err)
	switch {
	case errors.Is(err, context.Canceled): // Ctrl-C: the transaction was rolled back
		return interrupted(msgInterrupted)
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
	msg := ""
	switch {
	case errors.Is(err, context.Canceled):
		return interrupted(msgInterrupted)
	case errors.Is(err, fs.ErrNotExist):
		msg = fmt.Sprintf(msgFileMissing, shown)
	case errors.Is(err, fs.ErrPermission):
		msg = fmt.Sprintf(msgFilePermission, shown)
	case errors.Is(err, syscall.ENOSPC):
		msg = fmt.Sprintf(msgFileDiskFull, shown)
	case errors.Is(err, syscall.EROFS):
		msg = fmt.Sprintf(msgFileReadOnly, shown)
	case errors.Is(err, syscall.EISDIR):
		msg = fmt.Sprintf(msgFileIsDir, shown)
	case errors.Is(err, syscall.ENOTDIR):
		return mkdirError(filepath.Dir(path), err)
	}
	if fi, statErr := os.Stat(path); msg == "" && statErr == nil && fi.IsDir() {
		msg = fmt.Sprintf(msgFileIsDir, shown)
	}
	if msg == "" {
		msg = fmt.Sprintf(msgFileError, shown, err)
	}
	return &Error{Err: ErrFile, Msg: msg}
}

// interrupted is the error of a command stopped by Ctrl-C (or SIGTERM), saying what became of
// its work.
func interrupted(msg string) error { return &Error{Err: ErrInterrupted, Msg: msg} }

// Interrupted reports whether err is a command's stop on Ctrl-C or SIGTERM.
func Interrupted(err error) bool {
	return errors.Is(err, ErrInterrupted) || errors.Is(err, context.Canceled)
}

// IsNotFound reports whether err means "no such thing here" (answered as 404).
func IsNotFound(err error) bool { return errors.Is(err, ErrNotFound) }
