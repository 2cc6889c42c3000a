package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Kind tells SQLite failures apart by result code, so the service layer can say what to do.
func TestKind(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte("這不是數據庫,只是一段文字。"+string(make([]byte, 4096))), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := OpenExisting(ctx, junk)
	if got := Kind(err); got != ErrNotDatabase {
		t.Errorf("a text file: Kind(%v) = %v, want ErrNotDatabase", err, got)
	}

	path := filepath.Join(dir, "t.db")
	s1, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s1.Close()
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	hold, err := s1.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Close()
	if _, err := hold.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	defer hold.ExecContext(ctx, "ROLLBACK")
	wait, err := s2.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer wait.Close()
	if _, err := wait.ExecContext(ctx, "PRAGMA busy_timeout = 0"); err != nil {
		t.Fatal(err)
	}
	_, err = wait.ExecContext(ctx, "BEGIN IMMEDIATE")
	if got := Kind(err); got != ErrBusy {
		t.Errorf("a second writer: Kind(%v) = %v, want ErrBusy", err, got)
	}

	hold.ExecContext(ctx, "ROLLBACK")
	if _, err := s1.db.ExecContext(ctx, "CREATE TABLE u (k TEXT PRIMARY KEY); INSERT INTO u VALUES ('a')"); err != nil {
		t.Fatal(err)
	}
	_, err = s1.db.ExecContext(ctx, "INSERT INTO u VALUES ('a')")
	if got := Kind(err); got != ErrConstraint || !isUnique(err) {
		t.Errorf("a repeated key: Kind(%v) = %v, want ErrConstraint", err, got)
	}

	if got := Kind(errors.New("database is locked")); got != nil {
		t.Errorf("a plain error with SQLite's words: Kind = %v, want nil (codes, not wording)", got)
	}
	if got := Kind(nil); got != nil {
		t.Errorf("Kind(nil) = %v", got)
	}
}
