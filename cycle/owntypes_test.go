package cycle

// The cycle gives its own copies of what the packages below it return (see api_test.go at the
// root): these tests keep each copy in step with its original.

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"taizhang/ingest"
	"taizhang/reconcile"
)

// What became of a file is said in the cycle's words, one for each of ingest's, with the same
// value (the command line and the web read them from the cycle only).
func TestFileOutcomesAreIngests(t *testing.T) {
	for kind, outcome := range map[ingest.Kind]FileOutcome{ingest.Accepted: FileAccepted, ingest.Superseded: FileSuperseded,
		ingest.Stale: FileStale, ingest.Duplicate: FileDuplicate, ingest.Refused: FileRefused} {
		if string(kind) != string(outcome) {
			t.Errorf("ingest's %q is the cycle's %q", kind, outcome)
		}
	}
	sum := &ingest.Summary{Count: map[ingest.Kind]int{ingest.Accepted: 2, ingest.Stale: 1, ingest.Refused: 4},
		Outcomes: []ingest.Outcome{{Origin: "收回/a.xlsx", Name: "a.xlsx", Kind: ingest.Superseded, Replaced: 1}}, Skipped: []ingest.Skipped{{Path: "~$a.xlsx", Why: "w"}}}
	res := ingestResult(sum)
	if res.Stored() != 3 || res.Count[FileRefused] != 4 || res.Files[0].Path != "收回/a.xlsx" || res.Files[0].Outcome != FileSuperseded ||
		res.Files[0].Replaced != 1 || res.Skipped[0].Path != "~$a.xlsx" {
		t.Errorf("%+v", res)
	}
}

// The view's reconciliation is reconcile's result, field for field: reconcile --json prints the
// same whichever is marshalled, and a field reconcile adds is one the cycle must add too.
func TestReconciliationIsReconciles(t *testing.T) {
	_, v := twoPeriods(t)
	got, err1 := json.Marshal(v.Result)
	want, err2 := json.Marshal(v.res)
	if err1 != nil || err2 != nil || !bytes.Equal(got, want) {
		t.Errorf("the cycle's reconciliation marshals otherwise than reconcile's (%v, %v)", err1, err2)
	}
	ours := reflect.TypeOf(Reconciliation{})
	for f := range reflect.TypeOf(reconcile.Result{}).Fields() {
		if g, ok := ours.FieldByName(f.Name); !ok || g.Tag != f.Tag {
			t.Errorf("reconcile.Result.%s %s has no match in Reconciliation", f.Name, f.Tag)
		}
	}
}
