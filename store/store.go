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
)

// Store is an open taizhang database.
type Store struct {
	db   *sql.DB
	Path string
	// Now is the clock; tests replace it.
	Now func() time.Time
}

// Open opens (creating if needed) the database at path and applies pending migrations.
func Open(ctx context.Context, path string) (*Store, error) {
	q := url.Values{}
	for _, p := range []string{"foreign_keys(1)", "journal_mode(WAL)", "busy_timeout(10000)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate") // writers queue on the busy timeout instead of failing mid-transaction
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{db: db, Path: path, Now: time.Now}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
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

// EnsureSigningKey creates the HMAC key that signs templates, once; it never leaves the database.
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
