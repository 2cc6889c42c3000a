package store

import (
	"errors"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Kinds of SQLite failure a caller answers differently: each says what the person should do
// (wait, free space, fix permissions, pick another file). Kind tells them apart by SQLite's result
// code, never by the wording of the message.
var (
	ErrBusy        = errors.New("store: the database is busy (another writer holds it)")
	ErrReadOnly    = errors.New("store: the database is read-only")
	ErrFull        = errors.New("store: the disk is full")
	ErrNotDatabase = errors.New("store: the file is not a database, or is damaged")
	ErrCannotOpen  = errors.New("store: the database file cannot be opened")
	ErrConstraint  = errors.New("store: a uniqueness or other constraint failed")
)

// Kind returns the kind of an SQLite failure somewhere in err's chain, or nil when err is not one
// (or is of a kind the caller cannot act on).
func Kind(err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return nil
	}
	switch se.Code() & 0xff { // the primary result code; extended codes add bits above it
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return ErrBusy
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM:
		return ErrReadOnly
	case sqlite3.SQLITE_FULL:
		return ErrFull
	case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
		return ErrNotDatabase
	case sqlite3.SQLITE_CANTOPEN:
		return ErrCannotOpen
	case sqlite3.SQLITE_CONSTRAINT:
		return ErrConstraint
	}
	return nil
}
