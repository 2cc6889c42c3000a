package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/data"
	"taizhang/excel"
	"taizhang/internal/ledgertest"
	"taizhang/store"
	"taizhang/templates"
	"taizhang/templates/ledger"
)

// env is a real database with the embedded plan and real templates issued for some agencies.
type env struct {
	t    testing.TB
	st   *store.Store
	dir  string
	plan *taizhang.Plan
	hash string
	key  []byte
}

func newEnv(t testing.TB) *env {
	t.Helper()
	dir := t.TempDir()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "taizhang.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	p, err := catalog.Parse(data.DefaultPlanName, data.DefaultPlan)
	if err != nil {
		t.Fatal(err)
	}
	hash := catalog.Hash(p)
	if err := st.SavePlan(ctx, p, store.Source{Name: "plan.txt"}, hash, "init"); err != nil {
		t.Fatal(err)
	}
	if err := st.EnsureSigningKey(ctx); err != nil {
		t.Fatal(err)
	}
	key, _ := st.SigningKey(ctx)
	return &env{t: t, st: st, dir: dir, plan: p, hash: hash, key: key}
}

// template issues and records one agency's template for a period and returns its path.
func (e *env) template(agency, period string) string {
	e.t.Helper()
	p, _ := taizhang.ParsePeriod(period)
	id := "tpl-" + period + "-" + agency
	spec := ledger.LedgerSpec{Plan: e.plan, CatalogHash: e.hash, Agency: agency, Period: p, LedgerID: id,
		IssuedAt: time.Date(2023, 3, 20, 0, 0, 0, 0, time.UTC), Deadline: p.End().AddDate(0, 0, 10), Key: e.key}
	wb, _, err := ledger.Ledger(spec)
	if err != nil {
		e.t.Fatal(err)
	}
	defer wb.Close()
	name := templates.FileName(p.String(), agency, map[string]bool{})
	path := filepath.Join(e.dir, "issued", name)
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := wb.SaveAs(path); err != nil {
		e.t.Fatal(err)
	}
	if err := e.st.RecordLedger(context.Background(), taizhang.Ledger{ID: id, PlanID: e.plan.ID, Agency: agency, Period: p,
		CatalogHash: e.hash, FileName: name, IssuedAt: spec.IssuedAt, Deadline: p.DefaultDeadline(),
		Rows: len(ledger.RowsFor(e.plan, agency))}, nil); err != nil {
		e.t.Fatal(err)
	}
	return path
}

// returned copies a template into the returns folder under name, as an agency's reply.
func (e *env) returned(template, name string) string {
	e.t.Helper()
	b, err := os.ReadFile(template)
	if err != nil {
		e.t.Fatal(err)
	}
	path := filepath.Join(e.dir, "returns", name)
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		e.t.Fatal(err)
	}
	return path
}

// rowOf finds the 1-based sheet row of an indicator in a ledger file.
func rowOf(t testing.TB, path, id string) int {
	t.Helper()
	r := ledgertest.Read(t, path)
	for _, row := range r.Rows {
		if row.ID == id {
			return row.Row
		}
	}
	t.Fatalf("%s has no row %s", path, id)
	return 0
}

// fill writes what a person types: id → value (any), plus status and progress for each.
func fill(t testing.TB, path string, values map[string]any) {
	t.Helper()
	rows := map[string]int{}
	for id := range values {
		rows[id] = rowOf(t, path, id)
	}
	err := excel.Edit(path, func(ed *excel.Editor) error {
		var errs []error
		for id, v := range values {
			r := rows[id]
			errs = append(errs, ed.Set(ledger.SheetLedger, ledger.LedgerCell(ledger.ColValue, r), v),
				ed.Set(ledger.SheetLedger, ledger.LedgerCell(ledger.ColStatus, r), "序時推進"),
				ed.Set(ledger.SheetLedger, ledger.LedgerCell(ledger.ColProgress, r), "按計劃推進,已完成階段任務。"))
		}
		return errors.Join(errs...)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func cellAt(col string, row int) string { return col + itoa(row) }

func itoa(n int) string {
	s := ""
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	if s == "" {
		return "0"
	}
	return s
}

func (e *env) run(paths []string, opts Options) *Summary {
	e.t.Helper()
	if opts.Jobs == 0 {
		opts.Jobs = 2
	}
	sum, err := Run(context.Background(), e.st, Walk(paths), opts)
	if err != nil && !errors.Is(err, ErrRefused) {
		e.t.Fatalf("Run: %v", err)
	}
	return sum
}

// outcome returns the outcome for the file with the given base name.
func outcome(t testing.TB, sum *Summary, name string) Outcome {
	t.Helper()
	for _, o := range sum.Outcomes {
		if filepath.Base(o.Origin) == name {
			return o
		}
	}
	var names []string
	for _, o := range sum.Outcomes {
		names = append(names, filepath.Base(o.Origin))
	}
	t.Fatalf("no outcome for %s among %s", name, strings.Join(names, ", "))
	return Outcome{}
}
