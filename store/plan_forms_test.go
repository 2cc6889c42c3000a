package store

import (
	"context"
	"reflect"
	"testing"

	taizhang "taizhang"
	"taizhang/catalog"
)

// A district's plan with subsections, a deadline and a lead taken as the first listed keeps all
// of them through the database (migration 0010).
func TestSaveAndLoadPlanForms(t *testing.T) {
	ctx := context.Background()
	s := mustOpenStore(t)
	plan := "立山區2023年重點工作任務分工方案\n一、經濟發展\n(一)項目建設\n" +
		"1.新開工項目30個以上。(責任單位:區發改局、區財政局;完成時限:2023年6月底前)\n" +
		"2.推進招商。(區商務局牽頭,各街道負責落實)\n"
	p, _, err := catalog.ParseText("立山區.txt", []byte(plan))
	if err != nil {
		t.Fatal(err)
	}
	if p.Level != taizhang.LevelDistrict || len(p.Sections) != 2 || p.Sections[1].Parent != 1 ||
		p.Tasks[0].Deadline != "2023年6月底前" || !p.Tasks[0].LeadAssumed {
		t.Fatalf("parsed plan lacks what this test stores: level %q, sections %+v, task 1 %+v", p.Level, p.Sections, p.Tasks[0])
	}
	hash := catalog.Hash(p)
	if err := s.SavePlan(ctx, p, Source{Name: "立山區.txt"}, hash, "init"); err != nil {
		t.Fatal(err)
	}
	got, _, err := s.Plan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.Level != p.Level || !reflect.DeepEqual(got.Sections, p.Sections) || !reflect.DeepEqual(got.Tasks, p.Tasks) {
		t.Errorf("loaded %q %+v %+v\nwant %q %+v %+v", got.Level, got.Sections, got.Tasks, p.Level, p.Sections, p.Tasks)
	}
	if catalog.Hash(got) != hash {
		t.Error("the loaded plan hashes differently from the saved one")
	}
}
