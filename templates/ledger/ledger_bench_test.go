package ledger

import (
	"fmt"
	"io"
	"runtime"
	"testing"

	taizhang "taizhang"
)

// BenchmarkLedgersEmbedded: every agency's ledger of the embedded plan for one period, written
// one at a time (the unit of the "< 0.5 s" target is one op here).
func BenchmarkLedgersEmbedded(b *testing.B) {
	p := embeddedPlan(b)
	agencies, _ := Responsible(p)
	benchLedgers(b, p, agencies)
}

// BenchmarkLedgers1000Agencies: a synthetic plan whose 116 tasks are spread over 1,000 agencies.
// Memory per op is what matters: it must not grow with the number of agencies (one file at a time).
func BenchmarkLedgers1000Agencies(b *testing.B) {
	p := embeddedPlan(b)
	p.Agencies = nil
	for i := 0; i < 1000; i++ {
		p.Agencies = append(p.Agencies, taizhang.Agency{Name: fmt.Sprintf("第%d單位", i+1), Kind: taizhang.KindAgency})
	}
	for i := range p.Tasks {
		p.Tasks[i].Lead = []string{p.Agencies[(i*7)%1000].Name, p.Agencies[(i*7+500)%1000].Name}
		p.Tasks[i].Participating = nil
		for k := 0; k < 8; k++ {
			p.Tasks[i].Participating = append(p.Tasks[i].Participating, p.Agencies[(i*13+k*101)%1000].Name)
		}
	}
	agencies, _ := Responsible(p)
	b.Logf("%d agencies with a ledger", len(agencies))
	benchLedgers(b, p, agencies)
}

func benchLedgers(b *testing.B, p *taizhang.Plan, agencies []string) {
	b.ReportAllocs()
	var peak uint64
	for b.Loop() {
		for _, a := range agencies {
			wb, _, err := Ledger(ledgerSpec(p, a))
			if err != nil {
				b.Fatal(err)
			}
			if err := wb.Write(io.Discard); err != nil {
				b.Fatal(err)
			}
			wb.Close()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	b.ReportMetric(float64(len(agencies)), "files/op")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}
