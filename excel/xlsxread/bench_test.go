package xlsxread

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// BenchmarkReadLedger: one filled ledger (the LibreOffice-resaved one of the corpus), every
// sheet read, by this reader and by excelize (open, GetRows raw).
func BenchmarkReadLedger(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "corpus", "taizhang__libreoffice-resaved-ledger.xlsx"))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("xlsxread", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			book, err := readBytes(data, DefaultLimits)
			if err != nil {
				b.Fatal(err)
			}
			for _, s := range book.Sheets() {
				if _, err := book.Sheet(s); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("excelize", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
			if err != nil {
				b.Fatal(err)
			}
			for _, s := range f.GetSheetList() {
				if _, err := f.GetRows(s, excelize.Options{RawCellValue: true}); err != nil {
					b.Fatal(err)
				}
			}
			f.Close()
		}
	})
}
