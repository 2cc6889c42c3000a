package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"testing"
	"time"

	taizhang "taizhang"
	"taizhang/cycle"
	"taizhang/store"
	"taizhang/templates/ledger"
)

// seedReturns stores n returns for each period, spread over the responsible agencies (later
// ones superseding earlier ones), with a value in every row: what reconcile and report read.
func seedReturns(b *testing.B, app *App, periods []taizhang.Period, n int) {
	ctx := context.Background()
	if err := runInit(ctx, app, initOptions{Script: "traditional"}); err != nil {
		b.Fatal(err)
	}
	s, err := store.Open(ctx, app.DBPath)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	plan, info, _ := s.Plan(ctx)
	agencies, _ := ledger.Responsible(plan)
	for _, ps := range periods {
		for i := 0; i < n; i++ {
			agency := agencies[i%len(agencies)]
			at := time.Date(2023, 12, 1, 0, 0, i, 0, time.UTC)
			sub := &taizhang.Return{SHA256: fmt.Sprintf("%s-%06d", ps, i), File: fmt.Sprintf("%s_%d.xlsx", ps, i), PlanID: plan.ID, Agency: agency,
				Period: ps, LedgerID: "t", CatalogHash: info.CatalogHash, Signed: true, Sheet: "工作臺賬", Filler: "王五", Phone: "0531-1",
				ReceivedAt: at, SortAt: at}
			for k, row := range ledger.RowsFor(plan, agency) {
				v := float64(i%7) + float64(k)
				sub.Values = append(sub.Values, taizhang.Row{Indicator: row.ID(), Row: 4 + k, Cell: fmt.Sprintf("I%d", 4+k), Raw: fmt.Sprint(v), Value: &v,
					Status: "序時推進", Progress: "截至報告期末,已完成階段性任務,累計完成投資12.5億元。"})
				sub.Filled++
			}
			if _, err := s.AddReturn(ctx, sub, "bench"); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func benchReconcileReport(b *testing.B, periods []taizhang.Period, n int) {
	dir := b.TempDir()
	app := &App{Out: io.Discard, Err: io.Discard, DBPath: filepath.Join(dir, "taizhang.db"), Clock: cycle.Fixed(time.Date(2024, 1, 20, 0, 0, 0, 0, time.UTC))}
	seedReturns(b, app, periods, n)
	last := periods[len(periods)-1]
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		app.Out = &bytes.Buffer{}
		if err := runReport(context.Background(), app, reportOptions{reconcileOptions: reconcileOptions{Period: last, Tolerance: cycle.DefaultTolerance}, Out: filepath.Join(dir, "r.xlsx")}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReconcileReport10000Returns: one period whose database holds 10,000 returns
// (every agency's versions; the current one of each is judged), reconcile + the full report.
func BenchmarkReconcileReport10000Returns(b *testing.B) {
	benchReconcileReport(b, []taizhang.Period{{Year: 2023, Kind: 'M', Index: 12}}, 10000)
}

// BenchmarkReconcileReport12Periods: a database holding 12 monthly periods of returns.
func BenchmarkReconcileReport12Periods(b *testing.B) {
	var periods []taizhang.Period
	for m := 1; m <= 12; m++ {
		periods = append(periods, taizhang.Period{Year: 2023, Kind: 'M', Index: m})
	}
	benchReconcileReport(b, periods, 1000)
}
