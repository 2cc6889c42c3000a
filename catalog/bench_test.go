package catalog

import (
	"testing"

	"taizhang/data"
)

// BenchmarkParseEmbedded: the whole embedded plan, text to catalog with indicators.
func BenchmarkParseEmbedded(b *testing.B) {
	b.SetBytes(int64(len(data.DefaultPlan)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("plan.txt", data.DefaultPlan); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHash(b *testing.B) {
	p, err := Parse("plan.txt", data.DefaultPlan)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		Hash(p)
	}
}
