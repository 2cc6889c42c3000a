package catalog

import (
	"fmt"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/script"
)

// readText reads a plan text with ReadDocument, failing the test on an error.
func readText(t *testing.T, name, text string) *Reading {
	t.Helper()
	r, err := ReadDocument(TextSource(name, text))
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Plan.Validate(); err != nil {
		t.Fatal(err)
	}
	return r
}

// Groups below the plan's level, however they are punctuated, are one group each, never an agency.
func TestGroupsBelowTheLevel(t *testing.T) {
	tests := []struct{ clause, group string }{
		{"各區、縣級市政府負責落實", "各區、縣級市政府"},
		{"各區、縣級市(政府)負責落實", "各區、縣級市(政府)"},
		{"各區,縣級市政府負責落實", "各區,縣級市政府"},
		{"各區、縣級市配合", "各區、縣級市"},
		{"各縣(市、區)負責落實", "各縣(市、區)"},
		{"各縣（市、區）政府負責落實", "各縣（市、區）政府"},
		{"各縣市區負責落實", "各縣市區"},
		{"相關鄉鎮(辦)配合", "相關鄉鎮(辦)"},
		{"相關鄉鎮辦配合", "相關鄉鎮辦"},
		{"各街道配合", "各街道"},
		{"有關單位配合", "有關單位"},
		{"市直有關部門配合", "市直有關部門"},
	}
	conv := script.Default()
	for _, tt := range tests {
		for _, sc := range []taizhang.Script{taizhang.Traditional, taizhang.Simplified} {
			t.Run(tt.clause+"/"+string(sc), func(t *testing.T) {
				text := conv.Convert("臨江市2024年重點工作任務\n一、民生\n1.新建社區食堂20個。(市民政局牽頭,"+tt.clause+")\n", sc)
				r := readText(t, "plan.txt", text)
				task := r.Plan.Tasks[0]
				want := conv.Convert(tt.group, sc)
				if strings.Join(task.Lead, "、") != conv.Convert("市民政局", sc) || len(task.Participating) != 1 || task.Participating[0] != want {
					t.Fatalf("lead %v, participating %v; want %s", task.Lead, task.Participating, want)
				}
				if a := r.Plan.Agency(want); a == nil || a.Kind != taizhang.KindGroup || GroupReason(conv, want) == "" {
					t.Errorf("agency %+v, reason %q", a, GroupReason(conv, want))
				}
				if len(r.Plan.Agencies) != 2 {
					t.Errorf("agencies %v", r.Plan.Agencies)
				}
			})
		}
	}
}

// Two names are one agency only by the abbreviation table or the plan's own word, never because
// they share most of their characters; every merge says why.
func TestMerges(t *testing.T) {
	tests := []struct {
		first, second string
		want          string // "" when they stay two agencies, else the agency's name
		why           string // a word of the reason
	}{
		{"市公安局", "市公安消防局", "", ""},
		{"市公安消防局", "市公安局", "", ""},
		{"區財政局", "市財政局", "", ""},
		{"市文化和旅遊局", "市文化廣電和旅遊局", "", ""},
		{"市人社局", "市人力資源和社會保障局", "市人力資源和社會保障局", "人社局"},
		{"市人力資源和社會保障局", "市人社局", "市人力資源和社會保障局", "人社局"},
		{"市發展和改革委員會", "市發改委", "市發展和改革委員會", "發改委"},
		{"市市場監管局", "市市場監督管理局", "市市場監督管理局", "市場監管局"},
		{"市科學技術局", "市科技局", "市科學技術局", "科技局"},
		{"市交通運輸局", "市交通局", "市交通運輸局", "交通局"},
		{"市自然資源和規劃局", "市自然資源局", "市自然資源和規劃局", "自然資源局"},
		{"省畜牧局", "省畜牧獸醫局", "省畜牧獸醫局", "畜牧局"},
		{"臨江市醫療保障局", "臨江市醫保局", "臨江市醫療保障局", "醫保局"},
		{"市港航中心(以下簡稱港航中心)", "港航中心", "市港航中心", "以下簡稱"},
	}
	conv := script.Default()
	for _, tt := range tests {
		t.Run(tt.first+"+"+tt.second, func(t *testing.T) {
			text := "臨江市2024年重點工作任務\n一、發展\n1.新建項目10個。(牽頭單位:" + tt.first + ")\n2.新建項目20個。(牽頭單位:" + tt.second + ")\n"
			r := readText(t, "plan.txt", text)
			t1, t2 := r.Plan.Tasks[0].Lead, r.Plan.Tasks[1].Lead
			if tt.want == "" {
				if len(r.Plan.Agencies) != 2 || len(r.Merges) != 0 || t1[0] == t2[0] {
					t.Errorf("merged: agencies %v, merges %v", r.Plan.Agencies, r.Merges)
				}
				return
			}
			if len(r.Plan.Agencies) != 1 || t1[0] != tt.want || t2[0] != tt.want || len(r.Merges) != 1 {
				t.Fatalf("agencies %v, leads %v %v, merges %v", r.Plan.Agencies, t1, t2, r.Merges)
			}
			m := r.Merges[0]
			if m.Into != tt.want || !strings.Contains(conv.Fold(m.Reason()), conv.Fold(tt.why)) {
				t.Errorf("merge %+v: %s", m, m.Reason())
			}
			if a := r.Plan.Agency(tt.want); a == nil || AliasReason(conv, a.Name, m.Name) == "" {
				t.Errorf("alias reason of %+v", a)
			}
		})
	}
}

// A list that leaves out the prefix its first name has is read with it, and each such name is
// listed as a merge.
func TestSharedPrefixMerges(t *testing.T) {
	r := readText(t, "plan.txt", "東湖區2024年重點工作任務\n一、發展\n1.新建項目10個。(牽頭單位:區發展改革局、科技局;參與單位:財政局)\n"+
		"2.新建項目20個。(區科技局牽頭)\n")
	var got []string
	for _, m := range r.Merges {
		got = append(got, fmt.Sprintf("%s>%s", m.Name, m.Into))
	}
	if strings.Join(got, " ") != "科技局>區科技局 財政局>區財政局" || len(r.Plan.Agencies) != 3 {
		t.Errorf("merges %v, agencies %v", got, r.Plan.Agencies)
	}
	if got := describeTask(r.Plan.Tasks[0]); got != script.Default().Key("lead 區發展改革局、區科技局 | join 區財政局 | lead") {
		t.Errorf("task 1: %s", got)
	}
}
