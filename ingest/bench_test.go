package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	taizhang "taizhang"
	"taizhang/simulate"
)

// BenchmarkIngest: one op is ingesting 100 simulated returns (36 agencies × 3 months) into a fresh
// database, with validation, signature, archive and transactions. Reported per file as well.
func BenchmarkIngest(b *testing.B) {
	e := newEnv(b)
	dir := filepath.Join(e.dir, "returns")
	var files []string
	for m := 1; len(files) < 100; m++ {
		p, _ := taizhang.ParsePeriod(fmt.Sprintf("2023-%02d", m))
		rets, err := simulate.Generate(simulate.Options{Plan: e.plan, CatalogHash: e.hash, Key: e.key, Period: p, Seed: int64(m), Dir: filepath.Join(dir, p.String())})
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range rets {
			if r.Path != "" && len(files) < 100 {
				files = append(files, r.Path)
			}
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		fresh := newEnv(b)
		if err := fresh.st.SetSigningKey(context.Background(), e.key); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err := Run(context.Background(), fresh.st, Walk(files), Options{Jobs: 2})
		if err != nil || sum.Count[Accepted] != len(files) {
			b.Fatalf("%v %v", err, sum.Count)
		}
		b.StopTimer()
		os.RemoveAll(ArchiveDir(fresh.st.Path))
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N*len(files)), "ms/file")
}
