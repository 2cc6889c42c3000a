package catalogbook

import (
	"bytes"
	"io"
	"testing"

	"taizhang/catalog"
	"taizhang/excel"
)

func BenchmarkCatalogExport(b *testing.B) {
	p := embeddedPlan(b)
	hash := catalog.Hash(p)
	b.ReportAllocs()
	for b.Loop() {
		wb, err := Workbook(p, hash)
		if err != nil {
			b.Fatal(err)
		}
		if err := wb.Write(io.Discard); err != nil {
			b.Fatal(err)
		}
		wb.Close()
	}
}

func BenchmarkCatalogImport(b *testing.B) {
	p := embeddedPlan(b)
	wb, err := Workbook(p, catalog.Hash(p))
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		book, err := excel.Read("目錄.xlsx", buf.Bytes(), excel.DefaultLimits)
		if err != nil {
			b.Fatal(err)
		}
		if _, errs := Read(book, p); len(errs) > 0 {
			b.Fatal(errs[0])
		}
		book.Close()
	}
}
