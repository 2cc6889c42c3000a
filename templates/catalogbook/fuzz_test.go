package catalogbook

import (
	"bytes"
	"testing"

	"taizhang/catalog"
	"taizhang/excel"
)

// FuzzReadCatalog: any bytes offered as a catalog workbook are read or refused with
// CellErrors; never a panic, and an accepted workbook always yields a valid plan.
func FuzzReadCatalog(f *testing.F) {
	p := embeddedPlan(f)
	wb, err := Workbook(p, catalog.Hash(p))
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add(buf.Bytes()[:buf.Len()/2]) // truncated
	f.Add([]byte("PK\x05\x06" + string(make([]byte, 18))))
	f.Fuzz(func(t *testing.T, b []byte) {
		book, err := excel.Read("fuzz.xlsx", b, excel.DefaultLimits)
		if err != nil {
			if _, ok := err.(*excel.CellError); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		defer book.Close()
		got, errs := Read(book, p)
		if len(errs) == 0 {
			if err := got.Validate(); err != nil {
				t.Fatalf("accepted an invalid catalog: %v", err)
			}
		}
	})
}
