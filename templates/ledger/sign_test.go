package ledger

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"taizhang/excel"
)

// TestVersion1LedgerStillVerifies: a ledger issued before the canonical encoding (format
// taizhang-ledger/1, checked in, signed with the key "v1-test-key") keeps verifying, and fails
// with any other key.
func TestVersion1LedgerStillVerifies(t *testing.T) {
	book, err := excel.Open(filepath.Join("testdata", "v1-ledger", "in.xlsx"), excel.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	r, err := ReadReturned(book)
	if err != nil {
		t.Fatal(err)
	}
	if r.Meta.Format != LedgerFormatV1 {
		t.Fatalf("format %q", r.Meta.Format)
	}
	if err := r.Verify([]byte("v1-test-key")); err != nil {
		t.Errorf("a version-1 ledger no longer verifies: %v", err)
	}
	if err := r.Verify([]byte("other")); !errors.Is(err, ErrBadSignature) {
		t.Errorf("wrong key: %v", err)
	}
}

// TestSignatureRowDeleted (issue 11, item 4): version 1 joined fields with "\n" and "\x1f"
// unescaped, so a row could be deleted and its text carried in the last cell of the row before
// it with the signature unchanged. Version 2 encodes each field with its length; a version-1
// return whose cells hold those characters is refused.
func TestSignatureRowDeleted(t *testing.T) {
	key := []byte("k")
	rows := map[string][]string{
		"1-1": {"1", "任務一", "牽頭", "1-1", "指標一", "25家以上", "家"},
		"1-2": {"1", "任務一", "牽頭", "1-2", "指標二", "30家以上", "家"},
	}
	forged := map[string][]string{"1-1": append([]string{}, rows["1-1"]...)}
	carried := "1-2"
	for _, c := range rows["1-2"] {
		carried += "\x1f" + c
	}
	forged["1-1"][6] += "\n" + carried
	for _, format := range []string{LedgerFormatV1, LedgerFormatV2} {
		m := Meta{Format: format, PlanID: "p", CatalogHash: "h", Agency: "省科技廳", Period: "2023-Q1", LedgerID: "t", IssuedAt: "2023-03-20T00:00:00Z"}
		m.Signature = Sign(key, m, rows)
		same := Sign(key, m, forged) == m.Signature
		if same != (format == LedgerFormatV1) {
			t.Errorf("%s: forged text signs the same: %v", format, same)
		}
		r := &Returned{Meta: m, HasMeta: true, signed: forged, Rows: []ReturnedRow{{ID: "1-1"}}}
		if err := r.Verify(key); !errors.Is(err, ErrBadSignature) {
			t.Errorf("%s: a return with a row deleted verifies (%v)", format, err)
		}
		r = &Returned{Meta: m, HasMeta: true, signed: rows, Rows: []ReturnedRow{{ID: "1-1"}, {ID: "1-2"}}}
		if err := r.Verify(key); err != nil {
			t.Errorf("%s: the genuine return fails: %v", format, err)
		}
	}
	m := Meta{Format: "taizhang-ledger/9"}
	m.Signature = Sign(key, m, rows)
	if err := (&Returned{Meta: m, HasMeta: true, signed: rows}).Verify(key); !errors.Is(err, ErrBadSignature) {
		t.Errorf("an unknown format verifies: %v", err)
	}
}

// TestReadReturnedParsesTwoSheets (issue 11, item 5): only _meta and the ledger sheet are
// parsed, even when the ledger was renamed and sheets were added before it: the book is opened
// with a budget of two parsed sheets.
func TestReadReturnedParsesTwoSheets(t *testing.T) {
	src := filepath.Join("testdata", "v1-ledger", "in.xlsx")
	path := filepath.Join(t.TempDir(), "renamed.xlsx")
	b, _ := os.ReadFile(src)
	os.WriteFile(path, b, 0o644)
	err := excel.Edit(path, func(ed *excel.Editor) error {
		var errs []error
		for i := 0; i < 6; i++ {
			name := fmt.Sprintf("附表%d", i)
			errs = append(errs, ed.FirstSheet(name), ed.Set(name, "A1", "x"))
		}
		return errors.Join(append(errs, ed.Rename(SheetLedger, "海洋局臺賬"))...)
	})
	if err != nil {
		t.Fatal(err)
	}
	book, err := excel.Open(path, excel.Limits{Sheets: 2})
	if err != nil {
		t.Fatal(err)
	}
	r, err := ReadReturned(book)
	if err != nil || r.Sheet != "海洋局臺賬" || !r.HasMeta {
		t.Fatalf("sheet %q, meta %v: %v", r.Sheet, r.HasMeta, err)
	}
}
