package cycle

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/data"
	"taizhang/excel"
	"taizhang/store"
	"taizhang/templates/ledger"
)

// embeddedFixture is the embedded plan in a new database, in script to.
func embeddedFixture(t *testing.T, to taizhang.Script) *fixture {
	t.Helper()
	return fixtureOf(t, "2023-06-20 09:00", InitRequest{Script: to})
}

// exportJSON is the catalog JSON as `catalog export x.json` writes it, and the catalog version.
func (f *fixture) exportJSON(name string) (string, string) {
	f.t.Helper()
	path := filepath.Join(f.dir, name)
	info, err := f.s.ExportCatalog(context.Background(), path)
	if err != nil {
		f.t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		f.t.Fatal(err)
	}
	return string(b), info.CatalogHash
}

// Switching the script is a display setting: the catalog version stays, the plan's wording comes
// back exactly (批復 is 批复 in Simplified, never 批覆), and a ledger sent before the switch comes
// back as a current one, without the old-catalog finding.
func TestConfigureScriptKeepsVersionAndWording(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := embeddedFixture(t, taizhang.Simplified)
	q2 := taizhang.Period{Year: 2023, Kind: 'Q', Index: 2}
	sent := f.issue(q2)
	// A link made before the switches (access makes them; here, straight into the store).
	if _, err := f.s.st.AddLink(ctx, q2, "省科技厅", "hash-of-a-token", "協調辦"); err != nil {
		t.Fatal(err)
	}
	simp, version := f.exportJSON("simplified.json")
	if !strings.Contains(simp, "国家林草局批复同意") || !strings.Contains(simp, "盐碱地") {
		t.Fatalf("Simplified catalog lacks 国家林草局批复同意 or 盐碱地")
	}
	if err := f.s.Configure(ctx, ConfigRequest{Script: taizhang.Traditional}); err != nil {
		t.Fatal(err)
	}
	trad, v2 := f.exportJSON("traditional.json")
	if v2 != version {
		t.Errorf("switching to Traditional changed the catalog version: %s → %s", short(version), short(v2))
	}
	// The Traditional catalog is the plan's own text, not a conversion of the Simplified one.
	own, err := catalog.Parse(data.DefaultPlanName, data.DefaultPlan)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := catalog.MarshalJSON(own)
	if trad != string(want) {
		t.Errorf("the Traditional catalog is not the plan's text:\n%s", firstLineDiff(trad, string(want)))
	}
	if err := f.s.Configure(ctx, ConfigRequest{Script: taizhang.Simplified}); err != nil {
		t.Fatal(err)
	}
	back, v3 := f.exportJSON("back.json")
	if v3 != version || back != simp {
		t.Errorf("Simplified → Traditional → Simplified: version %s → %s, catalog changed:\n%s", short(version), short(v3), firstLineDiff(back, simp))
	}
	// A ledger sent before the switches comes back as current.
	if err := f.s.Configure(ctx, ConfigRequest{Script: taizhang.Traditional}); err != nil {
		t.Fatal(err)
	}
	f.at("2023-07-05 10:00")
	f.ingest([]string{f.fill(sent["省科技厅"], "科技厅.xlsx", map[string]string{"2-1": "20|序时推进"}, nil)}, false)
	v, err := f.s.View(ctx, ViewRequest{Period: q2})
	if err != nil {
		t.Fatal(err)
	}
	st := v.State("省科技廳")
	if st == nil || st.Current == nil || st.Ledger == nil {
		t.Fatalf("省科技廳 after the switch: %+v", st)
	}
	for _, fd := range st.Current.Findings {
		if fd.Code == taizhang.CodeOldCatalog {
			t.Errorf("a ledger sent before the switch is taken as from an old catalog: %s", fd.Message)
		}
	}
	if v.State("省科技厅") != nil {
		t.Error("the agency is listed under its Simplified name too")
	}
	// The link sent before opens the agency's page under its name now.
	if l, err := f.s.st.LinkByToken(ctx, "hash-of-a-token"); err != nil || l.Agency != "省科技廳" {
		t.Errorf("the link after the switch opens %+v, %v", l, err)
	}
}

// A database whose plan was stored before both scripts were kept: its first switch converts from
// the text as stored, keeps the version, and from then on round trips are exact.
func TestConfigureScriptOnAnOlderDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "old.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	own, err := catalog.Parse(data.DefaultPlanName, data.DefaultPlan)
	if err != nil {
		t.Fatal(err)
	}
	simp := catalog.Convert(own, taizhang.Simplified)
	hash := catalog.Hash(simp) // as versions were computed then
	if err := st.SavePlan(ctx, simp, store.Source{Name: data.DefaultPlanName}, hash, "init"); err != nil {
		t.Fatal(err)
	}
	if err := st.EnsureSigningKey(ctx); err != nil {
		t.Fatal(err)
	}
	st.Close()
	s, err := Open(ctx, Options{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	f := &fixture{t: t, s: s, dir: dir}
	before, _ := f.exportJSON("before.json")
	for _, to := range []taizhang.Script{taizhang.Traditional, taizhang.Simplified, taizhang.Traditional, taizhang.Simplified} {
		if err := s.Configure(ctx, ConfigRequest{Script: to}); err != nil {
			t.Fatal(err)
		}
		if _, v := f.exportJSON("x.json"); v != hash {
			t.Errorf("to %s: version %s, want %s", to, short(v), short(hash))
		}
	}
	if after, _ := f.exportJSON("after.json"); after != before {
		t.Errorf("round trips changed the catalog:\n%s", firstLineDiff(after, before))
	}
}

func firstLineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range al {
		if i >= len(bl) || al[i] != bl[i] {
			return "got:  " + al[i] + "\nwant: " + bl[min(i, len(bl)-1)]
		}
	}
	return "(lengths differ)"
}

// Records belong to the plan they were made under. After init --force with another plan, a
// period shows that plan's ledgers and returns only, versions are numbered and made current within
// it, and the old plan's records stay whole: loading the old plan again brings them all back.
func TestInitAnotherPlanKeepsRecordsAsHistory(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := embeddedFixture(t, taizhang.Simplified)
	q2 := taizhang.Period{Year: 2023, Kind: 'Q', Index: 2}
	first := f.issue(q2)
	f.at("2023-07-05 10:00")
	f.ingest([]string{f.fill(first["省科技厅"], "科技厅-第一份计划.xlsx", map[string]string{"2-1": "20|序时推进"}, nil),
		f.fill(first["省财政厅"], "财政厅-改了目标.xlsx", nil, func(e *excel.Editor, r *ledger.Returned) error {
			return e.Set(r.Sheet, r.Rows[0].Cell(ledger.ColTarget), "随便写的目标")
		})}, false)
	before, err := f.s.View(ctx, ViewRequest{Period: q2})
	if err != nil {
		t.Fatal(err)
	}
	if _, sent := before.Returned(); sent != len(first) {
		t.Fatalf("sent %d, issued %d", sent, len(first))
	}
	if st := before.State("省财政厅"); st == nil || st.Refused == nil {
		t.Fatalf("省财政厅's tampered ledger is not on record as refused: %+v", st)
	}

	f.at("2023-07-06 09:00")
	res, err := f.s.Init(ctx, InitRequest{Plan: filepath.Join("..", "plandoc", "testdata", "forms", "lines.txt"), Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if r := res.Records; r == nil || r.SamePlan || r.Ledgers != len(first) || r.Returns != 1 || strings.Join(r.Periods, ",") != "2023-Q2" {
		t.Fatalf("what init says it leaves: %+v", r)
	}
	if _, err := f.s.View(ctx, ViewRequest{Period: q2}); !errors.Is(err, ErrNothingSent) {
		t.Fatalf("the new plan's 2023-Q2 before any ledger: %v, want ErrNothingSent", err)
	}
	second := f.issue(q2)
	f.at("2023-07-07 10:00")
	f.ingest([]string{f.fill(second["省科技厅"], "科技厅-第二份计划.xlsx", map[string]string{"2-1": "21|序时推进"}, nil)}, false)
	v, err := f.s.View(ctx, ViewRequest{Period: q2})
	if err != nil {
		t.Fatal(err)
	}
	agencies := map[string]bool{}
	for _, a := range v.Plan.Agencies {
		agencies[a.Name] = true
	}
	for _, st := range v.States {
		if !agencies[st.Agency] {
			t.Errorf("%s, of the old plan only, is in the new plan's view", st.Agency)
		}
	}
	if _, sent := v.Returned(); sent != len(second) {
		t.Errorf("sent %d, want the new plan's %d", sent, len(second))
	}
	for _, c := range v.Chase {
		if !agencies[c.Agency] {
			t.Errorf("chasing %s, of the old plan", c.Agency)
		}
	}
	st := v.State("省科技厅")
	if st == nil || st.Current == nil || st.Current.Version != 1 || st.Current.File != "科技厅-第二份计划.xlsx" || len(st.Versions) != 1 {
		t.Errorf("省科技厅 under the new plan: %+v", st)
	}
	if st := v.State("省财政厅"); st == nil || st.Refused != nil {
		t.Errorf("省财政厅 under the new plan carries the old plan's refusal: %+v", st)
	}

	// The first plan again: everything it had is back, its current version included.
	if _, err := f.s.Init(ctx, InitRequest{Force: true}); err != nil {
		t.Fatal(err)
	}
	again, err := f.s.View(ctx, ViewRequest{Period: q2})
	if err != nil {
		t.Fatal(err)
	}
	if _, sent := again.Returned(); sent != len(first) {
		t.Errorf("the first plan again: sent %d, want %d", sent, len(first))
	}
	if st := again.State("省科技厅"); st == nil || st.Current == nil || st.Current.File != "科技厅-第一份计划.xlsx" {
		t.Errorf("省科技厅 under the first plan again: %+v", st)
	}
}
