// Package ledgertest reads a ledger file back as ingest does, for tests of the packages that
// write, fill or mark ledgers (the ledger package's own tests keep their copy: they cannot import
// this one).
package ledgertest

import (
	"testing"

	"taizhang/excel"
	"taizhang/templates/ledger"
)

// Read opens the workbook at path and reads its ledger sheet; any failure ends the test.
func Read(t testing.TB, path string) *ledger.Returned {
	t.Helper()
	book, err := excel.Open(path, excel.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	r, err := ledger.ReadReturned(book)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return r
}
