package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Errors of users and sessions.
var (
	ErrNoUser     = errors.New("store: no such user")
	ErrUserExists = errors.New("store: the user exists")
	ErrNoSession  = errors.New("store: no such session, or it expired")
)

// User is a coordinator who logs in to the web server.
type User struct {
	Name        string
	Password    string // the PHC string of its hash
	CreatedAt   time.Time
	Failed      int
	FailedSince time.Time
	LockedUntil time.Time
}

// PutUser adds a user, or (replace) sets an existing user's password and clears its lockout.
func (s *Store) PutUser(ctx context.Context, name, hash string, replace bool) error {
	q := `INSERT INTO users (name, password, created_at) VALUES (?, ?, ?)`
	if replace {
		q += ` ON CONFLICT (name) DO UPDATE SET password = excluded.password, failed = 0, failed_since = '', locked_until = ''`
	}
	_, err := s.db.ExecContext(ctx, q, name, hash, s.now())
	if err != nil && !replace && isUnique(err) {
		return ErrUserExists
	}
	return err
}

// User reads a user, or ErrNoUser.
func (s *Store) User(ctx context.Context, name string) (User, error) {
	var u User
	var created, since, locked string
	err := s.db.QueryRowContext(ctx, `SELECT name, password, created_at, failed, failed_since, locked_until FROM users WHERE name = ?`, name).
		Scan(&u.Name, &u.Password, &created, &u.Failed, &since, &locked)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, ErrNoUser
	}
	u.CreatedAt, u.FailedSince, u.LockedUntil = parseTime(created), parseTime(since), parseTime(locked)
	return u, err
}

// LoginFailed counts a failed login. Failures within window add up; at max the user is locked
// until now+lock and the count starts again. It returns the lock's end (zero when not locked).
// It is one transaction, so two servers counting at once do not lose a failure.
func (s *Store) LoginFailed(ctx context.Context, name string, max int, window, lock time.Duration) (time.Time, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return time.Time{}, err
	}
	defer tx.Rollback()
	var failed int
	var since string
	if err := tx.QueryRowContext(ctx, `SELECT failed, failed_since FROM users WHERE name = ?`, name).Scan(&failed, &since); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return time.Time{}, ErrNoUser
		}
		return time.Time{}, err
	}
	now := s.Now().UTC()
	if start := parseTime(since); start.IsZero() || now.Sub(start) > window {
		failed, since = 0, fmtTime(now)
	}
	failed++
	var until time.Time
	if failed >= max {
		until = now.Add(lock)
		failed, since = 0, ""
	}
	if _, err := tx.ExecContext(ctx, `UPDATE users SET failed = ?, failed_since = ?, locked_until = CASE WHEN ? = '' THEN locked_until ELSE ? END WHERE name = ?`,
		failed, since, fmtTime(until), fmtTime(until), name); err != nil {
		return time.Time{}, err
	}
	return until, tx.Commit()
}

// LoginSucceeded clears a user's failed logins.
func (s *Store) LoginSucceeded(ctx context.Context, name string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE users SET failed = 0, failed_since = '' WHERE name = ?`, name)
	return err
}

// AddSession records a session by its token's hash.
func (s *Store) AddSession(ctx context.Context, tokenHash, user string, expires time.Time) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO sessions (token_hash, user, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		tokenHash, user, s.now(), fmtTime(expires))
	return err
}

// Session is the user of a live session, or ErrNoSession.
func (s *Store) Session(ctx context.Context, tokenHash string) (string, error) {
	var user, expires string
	err := s.db.QueryRowContext(ctx, `SELECT user, expires_at FROM sessions WHERE token_hash = ?`, tokenHash).Scan(&user, &expires)
	if errors.Is(err, sql.ErrNoRows) || err == nil && !s.Now().Before(parseTime(expires)) {
		return "", ErrNoSession
	}
	return user, err
}

// DeleteSession ends a session (and any that expired).
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ? OR expires_at < ?`, tokenHash, s.now())
	return err
}

func isUnique(err error) bool { return errors.Is(Kind(err), ErrConstraint) }
