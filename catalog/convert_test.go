package catalog

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/data"
)

// The embedded plan converted to Simplified keeps every span a verbatim substring of its task's
// text, every agency reachable, and its counts.
func TestConvertPlan(t *testing.T) {
	p, err := Parse(data.DefaultPlanName, data.DefaultPlan)
	if err != nil {
		t.Fatal(err)
	}
	s := Convert(p, taizhang.Simplified)
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if s.Script != taizhang.Simplified || s.Title == p.Title || !strings.Contains(s.Title, "山东省") || len(s.Tasks) != len(p.Tasks) {
		t.Errorf("converted plan: %s %q", s.Script, s.Title)
	}
	for _, task := range s.Tasks {
		for _, ind := range task.Indicators {
			if !strings.Contains(task.Text, ind.Span) {
				t.Errorf("%s: span %q not in the converted text", ind.ID, ind.Span)
			}
		}
	}
	if s.Agency("省科技厅") == nil || s.Agency("省科技廳") != nil {
		t.Error("agency names are not converted")
	}
	back := Convert(s, taizhang.Traditional)
	if back.Agency("省科技廳") == nil || back.Tasks[1].Indicators[0].Span != p.Tasks[1].Indicators[0].Span {
		t.Errorf("round trip: %v %q", back.Agency("省科技廳"), back.Tasks[1].Indicators[0].Span)
	}
}

// A plan written in Simplified (批复), shown in Traditional (批覆) and back: converting the
// Traditional text back gives 批覆, a word the plan never wrote; Carry gives the plan's text back,
// byte for byte, and keeps a section's parent.
func TestCarryRoundTripIsExact(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "plandoc", "testdata", "forms", "lines.txt"))
	if err != nil {
		t.Fatal(err)
	}
	p := mustParse(t, b)
	p.Sections[1].Parent = 1 // as a nested plan has it
	if p.Script != taizhang.Simplified || !strings.Contains(jsonOf(t, p), "国家林草局批复同意") {
		t.Fatalf("the plan: %s, without 批复", p.Script)
	}
	trad := Convert(p, taizhang.Traditional)
	if !strings.Contains(jsonOf(t, trad), "國家林草局批覆同意") || trad.Sections[1].Parent != 1 {
		t.Fatalf("Traditional: no 批覆, or the section's parent lost (%d)", trad.Sections[1].Parent)
	}
	if lossy := jsonOf(t, Convert(trad, taizhang.Simplified)); !strings.Contains(lossy, "批覆") {
		t.Log("OpenCC's round trip is exact now: Carry still must be")
	}
	back := ConvertEdits(trad, p, trad)
	if got, want := jsonOf(t, back), jsonOf(t, p); got != want {
		t.Errorf("Carry(Traditional, plan, Traditional) differs from the plan:\n%s", firstDiff(got, want))
	}
	if back.Script != taizhang.Simplified || back.Sections[1].Parent != 1 {
		t.Errorf("back: script %s, parent %d", back.Script, back.Sections[1].Parent)
	}
	if Version(p, trad) != Version(trad, p) || Version(p, trad) == Hash(p) {
		t.Error("Version must not depend on which script is shown")
	}
}

// A coordinator's correction, typed in the script shown, is converted once for the other script;
// every other field keeps the other script's text as it was.
func TestCarryConvertsOnlyWhatChanged(t *testing.T) {
	p := mustParse(t, data.DefaultPlan)
	simp := Convert(p, taizhang.Simplified)
	edited := clonePlan(simp)
	ind := &edited.Tasks[1].Indicators[0]
	ind.Metric, ind.Unit, ind.Span = "国家级重点实验室", "个", ""
	edited.Agencies[0].Aliases = append(edited.Agencies[0].Aliases, "发改委")
	other := ConvertEdits(simp, p, edited)
	if other.Script != taizhang.Traditional {
		t.Fatalf("script %s", other.Script)
	}
	got := other.Tasks[1].Indicators[0]
	if got.Metric != "國家級重點實驗室" || got.Unit != "個" || got.Span != "" {
		t.Errorf("the edited indicator in Traditional: %+v", got)
	}
	if a := other.Agencies[0]; a.Name != p.Agencies[0].Name || a.Aliases[len(a.Aliases)-1] != "發改委" {
		t.Errorf("agency: %+v", a)
	}
	// Everything else is the plan's own Traditional text.
	other.Tasks[1].Indicators[0] = p.Tasks[1].Indicators[0]
	other.Agencies[0].Aliases = p.Agencies[0].Aliases
	if got, want := jsonOf(t, other), jsonOf(t, p); got != want {
		t.Errorf("unedited fields changed:\n%s", firstDiff(got, want))
	}
	if err := other.Validate(); err != nil {
		t.Error(err)
	}
}

func jsonOf(t *testing.T, p *taizhang.Plan) string {
	t.Helper()
	b, err := MarshalJSON(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range al {
		if i >= len(bl) || al[i] != bl[i] {
			return fmt.Sprintf("line %d: %s\nwant:    %s", i+1, al[i], bl[min(i, len(bl)-1)])
		}
	}
	return "(lengths differ)"
}
