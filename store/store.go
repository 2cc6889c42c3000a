// Package store keeps taizhang's data in one SQLite file. It is the only importer of
// database/sql and of the driver (modernc.org/sqlite, pure Go).
//
// Each public method owns one transaction, so that what it writes is there whole or not at all.
package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Errors callers act on.
var (
	ErrNoPlan = errors.New("store: no plan; run init first")
	ErrNoKey  = errors.New("store: no signing key; run init first")
	// ErrNoDatabase: the file does not exist (and the command does not create databases).
	ErrNoDatabase = errors.New("store: no database at this path")
	// ErrIsDir: the path names a folder.
	ErrIsDir = errors.New("store: the path is a folder")
)

// PathError is a database that cannot be opened, with its path.
type PathError struct {
	Path string
	Err  error
}

func (e *PathError) Error() string { return "open " + e.Path + ": " + e.Err.Error() }
func (e *PathError) Unwrap() error { return e.Err }

// Store is an open taizhang database.
type Store struct {
	db   *sql.DB
	Path string
	// Now is the clock; tests replace it.
	Now func() time.Time
}

// Open opens the database at path, creating it if needed, and applies pending migrations.
func Open(ctx context.Context, path string) (*Store, error) { return open(ctx, path, true) }

// OpenExisting opens the database at path, which must exist: commands that read never create an
// empty database for a mistyped path.
func OpenExisting(ctx context.Context, path string) (*Store, error) { return open(ctx, path, false) }

func open(ctx context.Context, path string, create bool) (*Store, error) {
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		return nil, &PathError{Path: path, Err: ErrIsDir}
	case errors.Is(err, fs.ErrNotExist) && !create:
		return nil, &PathError{Path: path, Err: ErrNoDatabase}
	}
	db, err := sql.Open("sqlite", DSN(path, create))
	if err != nil {
		return nil, &PathError{Path: path, Err: err}
	}
	s := &Store{db: db, Path: path, Now: time.Now}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, &PathError{Path: path, Err: err}
	}
	return s, nil
}

// DSN is the driver's name for the database at path: a file: URI with the path escaped, so that
// any path opens the file it names ("a#b.db", "a?b.db", "50%.db"), and the pragmas every
// connection needs. mode=rw refuses to create a missing file.
func DSN(path string, create bool) string {
	q := url.Values{}
	for _, p := range []string{"foreign_keys(1)", "journal_mode(WAL)", "busy_timeout(10000)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate") // writers queue on the busy timeout instead of failing mid-transaction
	if !create {
		q.Set("mode", "rw")
	}
	return "file:" + (&url.URL{Path: filepath.ToSlash(path)}).EscapedPath() + "?" + q.Encode()
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return err
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		version, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with its number", base)
		}
		if err := s.applyMigration(ctx, version, base, name); err != nil {
			return fmt.Errorf("migration %s: %w", base, err)
		}
	}
	return nil
}

func (s *Store) applyMigration(ctx context.Context, version int, base, name string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	body, err := migrations.ReadFile(name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		version, base, s.now()); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *Store) now() string { return s.Now().UTC().Format(time.RFC3339) }

// EnsureSigningKey creates the HMAC key that signs ledgers, once; it never leaves the database.
func (s *Store) EnsureSigningKey(ctx context.Context) error {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ('signing_key', ?) ON CONFLICT (key) DO NOTHING`, key)
	return err
}

// SigningKey returns the HMAC key, or ErrNoKey.
func (s *Store) SigningKey(ctx context.Context) ([]byte, error) {
	var key []byte
	err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'signing_key'`).Scan(&key)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoKey
	}
	return key, err
}

// IntegrityCheck runs SQLite's integrity check and returns its verdict ("ok" when sound).
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	var res string
	err := s.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res)
	return res, err
}

// SetSigningKey installs a known key, replacing any: for moving to a new database without
// invalidating the ledgers already sent, and for benchmarks that reuse signed returns.
func (s *Store) SetSigningKey(ctx context.Context, key []byte) error {
	if len(key) < 16 {
		return errors.New("store: signing key too short")
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ('signing_key', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key)
	return err
}
