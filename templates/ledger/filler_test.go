package ledger

import (
	"testing"

	"taizhang/excel"
)

// A clerk who retypes the 填報人 block's labels types Chinese punctuation: each label is known
// with a full-width colon, an ASCII one or none.
func TestFillerLabelColons(t *testing.T) {
	t.Parallel()
	p := embeddedPlan(t)
	spec := ledgerSpec(p, "省水利廳")
	spec.Fill = &Filled{Filler: map[string]string{"填報人": "趙六", "聯繫電話": "0531-8888", "審核人": "錢七"}}
	path := writeLedger(t, t.TempDir(), spec)
	written := readReturned(t, path).FillerAt
	retyped := map[string]string{"填報人:": "填報人：", "聯繫電話:": "联系电话 ：", "審核人:": "審核人"}
	book := openBook(t, path)
	rows, err := book.Rows(SheetLedger)
	book.Close()
	if err != nil {
		t.Fatal(err)
	}
	err = excel.Edit(path, func(e *excel.Editor) error {
		for i, row := range rows {
			for j, v := range row {
				if text, ok := retyped[v]; ok {
					if err := e.Set(SheetLedger, excel.Cell(i, j), text); err != nil {
						return err
					}
					delete(retyped, v)
				}
			}
		}
		return nil
	})
	if err != nil || len(retyped) > 0 {
		t.Fatalf("%v; labels not found: %v", err, retyped)
	}
	r := readReturned(t, path)
	if r.Filler["填報人"] != "趙六" || r.Filler["聯繫電話"] != "0531-8888" || r.Filler["審核人"] != "錢七" {
		t.Errorf("filler = %v", r.Filler)
	}
	for _, label := range []string{"填報人", "聯繫電話", "審核人"} {
		if r.FillerAt[label] != written[label] {
			t.Errorf("%s read at %q, written at %q", label, r.FillerAt[label], written[label])
		}
	}
}
