package store

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"reflect"
	"testing"

	"taizhang/catalog"
	"taizhang/data"
)

func mustOpenStore(tb testing.TB) *Store {
	tb.Helper()
	s, err := Open(context.Background(), filepath.Join(tb.TempDir(), "taizhang.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestSaveAndLoadPlan(t *testing.T) {
	ctx := context.Background()
	s := mustOpenStore(t)
	if _, _, err := s.Plan(ctx); !errors.Is(err, ErrNoPlan) {
		t.Fatalf("empty store: err = %v, want ErrNoPlan", err)
	}
	p, err := catalog.Parse(data.DefaultPlanName, data.DefaultPlan)
	if err != nil {
		t.Fatal(err)
	}
	hash := catalog.Hash(p)
	if err := s.SavePlan(ctx, p, Source{Name: "plan.txt", SHA256: "abc"}, hash, "init"); err != nil {
		t.Fatal(err)
	}
	got, info, err := s.Plan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.Tasks != 116 || info.CatalogHash != hash || info.SourceName != "plan.txt" || info.Agencies != len(p.Agencies) {
		t.Errorf("info = %+v", info)
	}
	if catalog.Hash(got) != hash {
		t.Error("the loaded plan hashes differently from the saved one")
	}
	if !reflect.DeepEqual(got.Tasks, p.Tasks) || !reflect.DeepEqual(got.Agencies, p.Agencies) || !reflect.DeepEqual(got.Sections, p.Sections) {
		t.Error("the loaded plan differs from the saved one")
	}
	// Saving again replaces, never duplicates, and keeps one version per distinct catalog.
	if err := s.SavePlan(ctx, p, Source{Name: "plan.txt", SHA256: "abc"}, hash, "init"); err != nil {
		t.Fatal(err)
	}
	versions, err := s.CatalogVersions(ctx)
	if err != nil || len(versions) != 1 || versions[0] != hash {
		t.Errorf("versions = %v, %v", versions, err)
	}
	if res, err := s.IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Errorf("integrity_check = %q, %v", res, err)
	}
}

func TestSigningKey(t *testing.T) {
	ctx := context.Background()
	s := mustOpenStore(t)
	if _, err := s.SigningKey(ctx); !errors.Is(err, ErrNoKey) {
		t.Fatalf("err = %v, want ErrNoKey", err)
	}
	if err := s.EnsureSigningKey(ctx); err != nil {
		t.Fatal(err)
	}
	k1, err := s.SigningKey(ctx)
	if err != nil || len(k1) != 32 {
		t.Fatalf("key %x, %v", k1, err)
	}
	if err := s.EnsureSigningKey(ctx); err != nil {
		t.Fatal(err)
	}
	if k2, _ := s.SigningKey(ctx); string(k1) != string(k2) {
		t.Error("EnsureSigningKey replaced an existing key")
	}
}

func TestPragmas(t *testing.T) {
	s := mustOpenStore(t)
	ctx := context.Background()
	var mode string
	var fk, timeout int
	if err := s.db.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v", mode, err)
	}
	if err := s.db.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys = %d, %v", fk, err)
	}
	if err := s.db.QueryRowContext(ctx, `PRAGMA busy_timeout`).Scan(&timeout); err != nil || timeout < 1000 {
		t.Errorf("busy_timeout = %d, %v", timeout, err)
	}
	var n int
	files, _ := fs.Glob(migrations, "migrations/*.sql") // every embedded migration, however many there are
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(files) || n == 0 {
		t.Errorf("migrations applied = %d, %v; want %d", n, err, len(files))
	}
}
