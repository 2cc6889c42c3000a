package cycle

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/templates/ledger"
)

// A refused ledger is on record: the agency reported, was refused, and is told why, in every
// place its state is shown, until a usable version comes after it (issue 10's trust).
func TestRefusedReturnIsOnRecord(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	q2 := taizhang.Period{Year: 2023, Kind: 'Q', Index: 2}
	f.at("2023-06-20 09:00")
	l2 := f.issue(q2)
	tampered := f.fill(l2["省水利廳"], "水利廳.xlsx", map[string]string{"1-1": "8|序時推進"}, func(e *excel.Editor, r *ledger.Returned) error {
		return e.Set(r.Sheet, r.Rows[0].Cell(ledger.ColTarget), "1家")
	})
	f.at("2023-07-08 10:00")
	f.ingest([]string{tampered, tampered}, false) // the same bytes twice: one refusal

	refusals, err := f.s.st.Refusals(ctx, q2)
	if err != nil {
		t.Fatal(err)
	}
	if len(refusals) != 1 || refusals[0].Agency != "省水利廳" || refusals[0].Code != "bad_signature" || refusals[0].File != "水利廳.xlsx" {
		t.Fatalf("refusals = %+v, want one bad_signature of 省水利廳", refusals)
	}

	f.at("2023-07-12 09:00") // past the deadline
	v, err := f.s.View(ctx, ViewRequest{Period: q2})
	if err != nil {
		t.Fatal(err)
	}
	st := v.State("省水利廳")
	if st.State != taizhang.Overdue || st.Refused == nil {
		t.Fatalf("state %s, refused %v; want overdue with the refusal", st.State, st.Refused)
	}
	var missing string
	for _, fd := range v.Result.Findings {
		if fd.Agency == "省水利廳" && fd.Code == taizhang.CodeMissingReturn {
			missing = fd.Message
		}
	}
	if !strings.Contains(missing, "2023-07-08 10:00報回的“水利廳.xlsx”被拒收") || !strings.Contains(missing, "校驗不通過") {
		t.Errorf("missing_return says %q; want when, which file and why it was refused", missing)
	}
	chased := false
	for _, c := range v.Chase {
		if c.Agency == "省水利廳" {
			chased = strings.Contains(strings.Join(c.Missing, ";"), "2023-07-08報回的文件被拒收(校驗不通過")
		}
	}
	if !chased {
		t.Errorf("the chase list does not say the agency's file was refused: %+v", v.Chase)
	}
	res, err := f.s.Feedback(ctx, FeedbackRequest{Period: q2, Out: filepath.Join(f.dir, "feedback"), Agencies: []string{"省水利廳"}})
	if err != nil || len(res.Files) != 1 || !res.Files[0].Blank {
		t.Fatalf("feedback: %+v, %v; want one blank ledger", res, err)
	}
	book, err := excel.Open(res.Files[0].Path, excel.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	dump, _ := excel.Dump(book)
	book.Close()
	for _, want := range []string{"貴單位2023-07-08 10:00報回的“水利廳.xlsx”未被接收:校驗不通過", "儘快報送(報送截止日期2023-07-10已過2天)"} {
		if !strings.Contains(dump, want) {
			t.Errorf("the blank ledger sent back lacks %q", want)
		}
	}

	// A usable version after it: the refusal is history, the agency late.
	f.ingest([]string{f.fill(l2["省水利廳"], "水利廳-改.xlsx", map[string]string{"1-1": "8|序時推進"}, nil)}, false)
	v, err = f.s.View(ctx, ViewRequest{Period: q2})
	if err != nil {
		t.Fatal(err)
	}
	if st := v.State("省水利廳"); st.State != taizhang.Late || st.Refused != nil {
		t.Errorf("after a usable version: state %s, refused %v; want late and no refusal", st.State, st.Refused)
	}
}
