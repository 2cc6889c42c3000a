package catalog

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/script"
)

// bothScripts runs a case on its Traditional text and on the same text in Simplified.
func bothScripts(t *testing.T, name, text string, check func(t *testing.T, p *taizhang.Plan, problems []Problem)) {
	conv := script.Default()
	for _, sc := range []taizhang.Script{taizhang.Traditional, taizhang.Simplified} {
		t.Run(name+"/"+string(sc), func(t *testing.T) {
			p, problems, err := ParseText(fileName(name), []byte(conv.Convert(text, sc)))
			if err != nil {
				t.Fatal(err)
			}
			if err := p.Validate(); err != nil {
				t.Fatal(err)
			}
			check(t, p, problems)
		})
	}
}

// describeTask renders who does a task, folded so both scripts compare alike:
// "lead A、B | join C | form [assumed] [deadline]".
func describeTask(task taizhang.Task) string {
	conv := script.Default()
	s := fmt.Sprintf("lead %s | join %s | %s", strings.Join(task.Lead, "、"), strings.Join(task.Participating, "、"), task.Form)
	if task.LeadAssumed {
		s += " assumed"
	}
	if task.Deadline != "" {
		s += " " + task.Deadline
	}
	return conv.Key(s)
}

// Every way plans name who does a task, one task each.
func TestResponsibilityForms(t *testing.T) {
	tests := []struct {
		name, clause, want string
	}{
		{"seed", "(牽頭單位:省科技廳;參與單位:省財政廳)", "lead 省科技廳 | join 省財政廳 | lead"},
		{"seed comma", "(牽頭單位:省科技廳、省教育廳,參與單位:省財政廳)", "lead 省科技廳、省教育廳 | join 省財政廳 | lead"},
		{"lead dept", "(牽頭部門:省商務廳、省發展改革委)", "lead 省商務廳、省發展改革委 | join  | lead_dept"},
		{"full width", "（牽頭單位：省科技廳；參與單位：省財政廳）", "lead 省科技廳 | join 省財政廳 | lead"},
		{"lines", "\n牽頭單位:省科技廳\n責任單位:省財政廳、省教育廳", "lead 省科技廳 | join 省財政廳、省教育廳 | lead"},
		{"lines peihe", "\n牽頭單位:省科技廳\n配合單位:省財政廳", "lead 省科技廳 | join 省財政廳 | lead"},
		{"lines merged", "\n牽頭單位:區發改局責任單位:立山經濟開發區", "lead 區發改局 | join 立山經濟開發區 | lead"},
		{"lines wrapped", "\n牽頭單位:省農業農村廳、省\n畜牧獸醫局", "lead 省農業農村廳、省畜牧獸醫局 | join  | lead"},
		{"council", "(省發展改革委牽頭,省財政廳、省自然資源廳按職責分工負責)", "lead 省發展改革委 | join 省財政廳、省自然資源廳 | lead"},
		{"council cities", "(省民政廳、省財政廳牽頭,各市政府負責落實)", "lead 省民政廳、省財政廳 | join 各市政府 | lead"},
		{"council nested brackets", "(省民政廳牽頭,各縣(市、區)政府負責落實)", "lead 省民政廳 | join 各縣(市、區)政府 | lead"},
		{"by duty alone", "(省政府辦公廳、省大數據局按職責分工負責)", "lead 省政府辦公廳、省大數據局 | join  | by_duty"},
		{"marked", "(責任單位:省商務廳(牽頭)、省財政廳、省稅務局)", "lead 省商務廳 | join 省財政廳、省稅務局 | lead"},
		{"two marked", "責任單位:省商務廳(牽頭)、省財政廳(牽頭)、省稅務局", "lead 省商務廳、省財政廳 | join 省稅務局 | lead"},
		{"role words", "(責任單位:省商務廳牽頭,省財政廳配合)", "lead 省商務廳 | join 省財政廳 | lead"},
		{"role words bare", "(省商務廳牽頭,省財政廳、省稅務局配合)", "lead 省商務廳 | join 省財政廳、省稅務局 | lead"},
		{"first listed", "(責任單位:省商務廳、省財政廳)", "lead 省商務廳 | join 省財政廳 | lead assumed"},
		{"one listed", "(責任單位:省商務廳)", "lead 省商務廳 | join  | lead"},
		{"last sentence", "責任單位:省科技廳", "lead 省科技廳 | join  | lead"},
		{"fuze", "(省科技廳負責)", "lead 省科技廳 | join  | lead"},
		{"you", "(由省發展改革委牽頭)", "lead 省發展改革委 | join  | lead"},
		{"deadline label", "(牽頭單位:省科技廳;完成時限:2023年6月底前)", "lead 省科技廳 | join  | lead 2023年6月底前"},
		{"deadline words", "(省科技廳牽頭,2023年底前完成)", "lead 省科技廳 | join  | lead 2023年底前完成"},
		{"deadline continuing", "\n牽頭單位:省科技廳\n時間節點:持續推進", "lead 省科技廳 | join  | lead 持續推進"},
		{"deadline long", "(牽頭單位:省科技廳;參與單位:省財政廳;完成時限:長期堅持)", "lead 省科技廳 | join 省財政廳 | lead 長期堅持"},
		{"deadline first", "(2023年底前完成,牽頭單位:省科技廳)", "lead 省科技廳 | join  | lead 2023年底前完成"},
		{"deadline quarter", "(省科技廳牽頭,第三季度完成)", "lead 省科技廳 | join  | lead 第三季度完成"},
		{"deadline only", "(完成時限:2023年底前)", "lead  | join  | none 2023年底前"},
		{"none", "", "lead  | join  | none"},
		// Styles of other governments' plans (issue 22), each as printed.
		{"zhuban", "(主辦:省發展改革委;協辦:省財政廳、省統計局)", "lead 省發展改革委 | join 省財政廳、省統計局 | lead"},
		{"zhuban units", "(主辦單位:省科技廳;協辦單位:省財政廳)", "lead 省科技廳 | join 省財政廳 | lead"},
		{"square brackets", "[省科技廳牽頭,省財政廳、省教育廳按職責分工負責]", "lead 省科技廳 | join 省財政廳、省教育廳 | lead"},
		{"full-width square brackets", "［省科技廳牽頭，省財政廳按職責分工負責］", "lead 省科技廳 | join 省財政廳 | lead"},
		{"lenticular brackets", "【省科技廳牽頭,省財政廳配合】", "lead 省科技廳 | join 省財政廳 | lead"},
		{"by duty, no brackets", "省科技廳、省財政廳、省教育廳按職責分工負責。", "lead 省科技廳、省財政廳、省教育廳 | join  | by_duty"},
		{"lead, no brackets", "省科技廳牽頭,省財政廳配合。", "lead 省科技廳 | join 省財政廳 | lead"},
		{"separately", "(省科技廳、省教育廳分別負責)", "lead 省科技廳、省教育廳 | join  | by_duty"},
		{"etc departments", "(省財政廳牽頭,省審計廳、省統計局等部門配合)", "lead 省財政廳 | join 省審計廳、省統計局 | lead"},
		{"etc in a list", "(牽頭單位:省科技廳;參與單位:省財政廳、省審計廳等有關部門)", "lead 省科技廳 | join 省財政廳、省審計廳 | lead"},
		{"leader", "(責任領導:王明;牽頭單位:省科技廳;責任單位:省財政廳)", "lead 省科技廳 | join 省財政廳 | lead"},
		{"leader lines", "\n責任領導:王明\n牽頭單位:省科技廳\n責任單位:省財政廳", "lead 省科技廳 | join 省財政廳 | lead"},
		{"lead leader", "(牽頭領導:李華;牽頭單位:省科技廳)", "lead 省科技廳 | join  | lead"},
		{"leader in charge", "(分管領導:張強;主責單位:省科技廳;配合單位:省財政廳)", "lead 省科技廳 | join 省財政廳 | lead"},
		{"partners xietong", "(牽頭單位:省科技廳;協同單位:省財政廳)", "lead 省科技廳 | join 省財政廳 | lead"},
		{"responsible department", "(責任部門:省科技廳;配合單位:省財政廳)", "lead 省科技廳 | join 省財政廳 | lead"},
		{"zhuze", "(主責單位:省科技廳)", "lead 省科技廳 | join  | lead"},
		{"shared prefix", "(牽頭單位:省發展改革委、科技廳、工業和信息化廳)", "lead 省發展改革委、省科技廳、省工業和信息化廳 | join  | lead"},
		{"shared prefix across the clause", "(省發展改革委牽頭,科技廳、財政廳按職責分工負責)", "lead 省發展改革委 | join 省科技廳、省財政廳 | lead"},
		{"party prefix", "(牽頭單位:省委組織部、宣傳部、人力資源社會保障廳)", "lead 省委組織部、省委宣傳部、省人力資源社會保障廳 | join  | lead"},
		{"stated short name", "(牽頭單位:省畜牧獸醫局(以下簡稱省畜牧局))", "lead 省畜牧獸醫局 | join  | lead"},
		{"groups below the level", "(省民政廳牽頭,各市、縣(市、區)政府負責落實)", "lead 省民政廳 | join 各市、縣(市、區)政府 | lead"},
	}
	for _, tt := range tests {
		text := "一、總體安排\n1.建設10家左右實驗室。" + tt.clause + "\n"
		bothScripts(t, tt.name, text, func(t *testing.T, p *taizhang.Plan, problems []Problem) {
			task := p.Tasks[0]
			if got := describeTask(task); got != script.Default().Key(tt.want) {
				t.Errorf("got  %s\nwant %s", got, script.Default().Key(tt.want))
			}
			if strings.ContainsAny(script.Default().Fold(task.Text), "牵责") && tt.clause != "" {
				t.Errorf("text keeps the clause: %q", task.Text)
			}
			if len(task.Indicators) != 1 || !strings.Contains(task.Text, task.Indicators[0].Span) {
				t.Fatalf("indicators %+v of %q", task.Indicators, task.Text)
			}
			// A dated task deadline becomes its targets' deadline; a manner does not.
			d := task.Indicators[0].Deadline
			if dated := strings.ContainsAny(task.Deadline, "年月季"); dated != (d != nil && *d == task.Deadline) {
				t.Errorf("indicator deadline %v for task deadline %q", d, task.Deadline)
			}
		})
	}
}

// A plan that says the first listed agency leads: its lists are not flagged as guesses.
func TestFirstListedLeadsByThePlan(t *testing.T) {
	text := "各責任單位中排在第一位的為牽頭單位。\n一、總體安排\n1.建設實驗室。(責任單位:省商務廳、省財政廳)\n"
	bothScripts(t, "stated", text, func(t *testing.T, p *taizhang.Plan, problems []Problem) {
		if got := describeTask(p.Tasks[0]); got != script.Default().Key("lead 省商務廳 | join 省財政廳 | lead") {
			t.Errorf("got %s", got)
		}
		if problems = withoutTitle(problems); len(problems) != 0 {
			t.Errorf("problems: %v", problems)
		}
	})
}

// A plan pairing 責任單位 with 配合單位 makes 責任單位 the leads, even where no 配合單位 follows;
// in brackets or on lines of their own.
func TestResponsibleWithPartners(t *testing.T) {
	for name, text := range map[string]string{
		"brackets": "一、總體安排\n1.建設實驗室。(責任單位:省商務廳、省財政廳;配合單位:省稅務局)\n2.建設平臺。(責任單位:省科技廳、省教育廳)\n",
		"lines":    "一、總體安排\n1.建設實驗室。\n責任單位:省商務廳、省財政廳\n配合單位:省稅務局\n2.建設平臺。\n責任單位:省科技廳、省教育廳\n",
	} {
		bothScripts(t, name, text, func(t *testing.T, p *taizhang.Plan, problems []Problem) {
			for i, want := range []string{"lead 省商務廳、省財政廳 | join 省稅務局 | lead", "lead 省科技廳、省教育廳 | join  | lead"} {
				if got := describeTask(p.Tasks[i]); got != script.Default().Key(want) {
					t.Errorf("task %d: got %s, want %s", i+1, got, want)
				}
			}
		})
	}
}

// outline renders a plan's structure: its sections ("甲部分<parent") and its tasks ("任務一@section").
func outline(p *taizhang.Plan) string {
	conv := script.Default()
	var parts []string
	for _, s := range p.Sections {
		parts = append(parts, fmt.Sprintf("%s<%d", s.Title, s.Parent))
	}
	parts = append(parts, "|")
	for _, t := range p.Tasks {
		parts = append(parts, fmt.Sprintf("%d.%s@%d", t.No, t.Title, t.Section))
	}
	return conv.Key(strings.Join(parts, " "))
}

// Every numbering plans use, and nested levels kept as they are.
func TestNumberingStyles(t *testing.T) {
	c := "(牽頭單位:省科技廳)"
	tests := []struct {
		name, text, want string
	}{
		{"dot, running on", "一、甲部分\n1.任務一。" + c + "\n2.任務二。" + c + "\n二、乙部分\n3.任務三。" + c,
			"甲部分<0 乙部分<0 | 1.任務一@1 2.任務二@1 3.任務三@2"},
		{"dun", "一、甲部分\n1、任務一。" + c + "\n2、任務二。" + c + "\n二、乙部分\n3、任務三。" + c,
			"甲部分<0 乙部分<0 | 1.任務一@1 2.任務二@1 3.任務三@2"},
		{"paren arabic", "一、甲部分\n(1)任務一。" + c + "\n(2)任務二。" + c,
			"甲部分<0 | 1.任務一@1 2.任務二@1"},
		{"paren chinese restarting", "一、甲部分\n(一)任務一。" + c + "\n(二)任務二。" + c + "\n二、乙部分\n(一)任務三。" + c,
			"甲部分<0 乙部分<0 | 1.任務一@1 2.任務二@1 3.任務三@2"},
		{"full-width paren", "一、甲部分\n（一）任務一。" + c + "\n（二）任務二。" + c + "\n二、乙部分\n（一）任務三。" + c,
			"甲部分<0 乙部分<0 | 1.任務一@1 2.任務二@1 3.任務三@2"},
		{"circled", "一、甲部分\n①任務一。" + c + "\n②任務二。" + c + "\n二、乙部分\n①任務三。" + c,
			"甲部分<0 乙部分<0 | 1.任務一@1 2.任務二@1 3.任務三@2"},
		{"part", "第一部分 甲部分\n1.任務一。" + c + "\n第二部分 乙部分\n1.任務二。" + c,
			"甲部分<0 乙部分<0 | 1.任務一@1 2.任務二@2"},
		{"paren sections", "(一)甲部分\n1.任務一。" + c + "\n(二)乙部分\n2.任務二。" + c,
			"甲部分<0 乙部分<0 | 1.任務一@1 2.任務二@2"},
		{"nested", "一、甲部分\n(一)甲一\n1.任務一。" + c + "\n2.任務二。" + c + "\n(二)甲二\n3.任務三。" + c +
			"\n二、乙部分\n(一)乙一\n1.任務四。" + c,
			"甲部分<0 甲一<1 甲二<1 乙部分<0 乙一<4 | 1.任務一@2 2.任務二@2 3.任務三@3 4.任務四@5"},
		{"list inside tasks", "一、甲部分\n1.任務一。\n(1)做甲。\n(2)做乙。" + c + "\n2.任務二。\n(1)做丙。" + c,
			"甲部分<0 | 1.任務一@1 2.任務二@1"},
		{"no sections", "1.任務一。" + c + "\n2.任務二。" + c, "plan<0 | 1.任務一@1 2.任務二@1"},
		{"preamble sections without tasks", "一、總體要求\n堅持穩中求進。\n二、重點任務\n(一)任務一。" + c + "\n(二)任務二。" + c,
			"重點任務<0 | 1.任務一@1 2.任務二@1"},
		{"wrapped number not a task", "一、甲部分\n1.任務一。新增企業達到\n2.8萬家。" + c + "\n2.任務二。" + c,
			"甲部分<0 | 1.任務一@1 2.任務二@1"},
	}
	for _, tt := range tests {
		bothScripts(t, tt.name, tt.text+"\n", func(t *testing.T, p *taizhang.Plan, problems []Problem) {
			if got, want := outline(p), script.Default().Key(tt.want); got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
			for _, task := range p.Tasks {
				if len(task.Lead) != 1 {
					t.Errorf("task %d lead %v", task.No, task.Lead)
				}
			}
		})
	}
}

// A district's plan in the lines form: the level and kinds come from the plan, not from a
// province's list, and collectives are groups that get no ledger.
func TestDistrictPlan(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "district-lines.txt"))
	if err != nil {
		t.Fatal(err)
	}
	bothScripts(t, "lishan", string(b), func(t *testing.T, p *taizhang.Plan, problems []Problem) {
		conv := script.Default()
		if p.Level != taizhang.LevelDistrict || p.Year != 2023 || conv.Key(p.Title) != conv.Key("立山区2023年重点工作任务分工方案") ||
			conv.Key(p.DocNo) != conv.Key("鞍立政发〔2023〕2号") {
			t.Errorf("level %q, year %d, title %q, doc no %q", p.Level, p.Year, p.Title, p.DocNo)
		}
		if got := outline(p); got != conv.Key("全力推动经济稳增长<0 扩大有效投资<1 促进消费升级<1 持续优化营商环境<0 | "+
			"1.实施重点项目100个以上,完成固定资产投资增长10%@2 2.新签约亿元以上项目30个@2 3.社会消费品零售总额增长8%左右@3 "+
			"4.落实减税降费政策,新增市场主体5000户以上@4 5.空气质量优良天数比例达到85%以上@4 6.推动区域营商环境评价进入全市前三@4") {
			t.Errorf("outline %s", got)
		}
		wantTasks := []string{
			"lead 区发改局 | join 立山经济开发区、各街道 | lead 2023年12月底前",
			"lead 区商务局 | join 区直各部门 | lead",
			"lead 区商务局 | join 各相关单位 | lead 持续推进",
			"lead 区市场监管局、区税务局 | join 区财政局 | lead",
			"lead 市生态环境局立山分局 | join 各街道 | lead",
			"lead 区营商局 | join 区直各部门 | lead assumed",
		}
		for i, want := range wantTasks {
			if got := describeTask(p.Tasks[i]); got != conv.Key(want) {
				t.Errorf("task %d: got %s, want %s", i+1, got, conv.Key(want))
			}
		}
		kinds := map[string]taizhang.AgencyKind{
			"区发改局": taizhang.KindAgency, "立山经济开发区": taizhang.KindAgency, "区财政局": taizhang.KindAgency,
			"各街道": taizhang.KindGroup, "区直各部门": taizhang.KindGroup, "各相关单位": taizhang.KindGroup,
			"区税务局": taizhang.KindExternal, "市生态环境局立山分局": taizhang.KindExternal,
		}
		res := NewResolver(conv, p.Agencies)
		for name, kind := range kinds {
			a := p.Agency(res.Resolve(name))
			if a == nil || a.Kind != kind {
				t.Errorf("agency %s = %+v, want kind %s", name, a, kind)
			}
		}
		if got := p.Level.KindLabel(taizhang.KindAgency); got != "區直單位" {
			t.Errorf("label %q", got)
		}
		// The rank and the targets: 100个, 10%, 30个, 8%, 5000户, 85%, 前三.
		var targets []string
		for _, task := range p.Tasks {
			for _, ind := range task.Indicators {
				targets = append(targets, fmt.Sprintf("%d %s %v %s", task.No, ind.Comparator, *ind.Value, conv.Fold(ind.Unit)))
			}
		}
		if got := strings.Join(targets, ", "); got != "1 >= 100 个, 1 increase 10 %, 2 = 30 个, 3 increase 8 %, 4 >= 5000 户, 5 >= 85 %, 6 <= 3 名" {
			t.Errorf("targets %s", got)
		}
		if len(problems) != 1 || problems[0].Err != ErrLeadAssumed || problems[0].Line != 28 {
			t.Errorf("problems %v", problems)
		}
	})
}

// What cannot be read is reported with its line and a hint, and parsing goes on.
func TestProblems(t *testing.T) {
	text := "一、甲部分\n" + // 1
		"1.任務一。(牽頭單位:省科技廳)\n" + // 2
		"3.任務三。(牽頭單位:省財政廳)\n" + // 3: out of sequence, stays in task 1
		"2.任務二。\n" + // 4
		"牽頭單位:見附件\n" + // 5: no agency
		"3.任務四。建設平臺。(牽頭單位:省教育廳)\n" + // 6
		"建設基地。(牽頭單位:省商務廳)\n" + // 7: a task without its number
		"4.任務五。(省科技廳牽頭,完成)\n" // 8: "完成" is no deadline: the clause is not understood
	bothScripts(t, "problems", text, func(t *testing.T, p *taizhang.Plan, problems []Problem) {
		want := []struct {
			line int
			err  error
		}{{0, ErrTitleFromFile}, {3, ErrNumberGap}, {5, ErrClause}, {7, ErrTwoClauses}, {8, ErrClause}}
		var got []string
		for _, pr := range problems {
			got = append(got, fmt.Sprintf("%d %v", pr.Line, pr.Err))
			at := fmt.Sprintf("plan.txt 第%d行:", pr.Line)
			if pr.Line == 0 {
				at = "plan.txt:"
			}
			if !strings.HasPrefix(pr.Error(), at) || pr.Hint() == "" {
				t.Errorf("message %q, hint %q", pr.Error(), pr.Hint())
			}
		}
		var w []string
		for _, x := range want {
			w = append(w, fmt.Sprintf("%d %v", x.line, x.err))
		}
		if strings.Join(got, "; ") != strings.Join(w, "; ") {
			t.Errorf("problems\n got %v\nwant %v", got, w)
		}
		if len(p.Tasks) != 4 || len(p.Agencies) != 2 {
			t.Errorf("%d tasks, agencies %v", len(p.Tasks), p.Agencies)
		}
	})
}

// The year and title come from the document, whatever year it is: the title, the document
// number, the file name, or the first year the preamble names.
func TestYearAndTitle(t *testing.T) {
	body := "\n一、總體安排\n1.建設實驗室。(牽頭單位:市科技局)\n"
	tests := []struct {
		file, text, title string
		year              int
	}{
		{"plan.txt", "濟南市2024年重點工作任務" + body, "濟南市2024年重點工作任務", 2024},
		{"plan.txt", "濟政辦字〔2025〕3號\n關於印發《濟南市重點工作任務》的通知" + body, "濟南市重點工作任務", 2025},
		{"濟南市2026年工作要點.txt", "各區縣人民政府:" + body, "濟南市2026年工作要點", 2026},
		{"plan.txt", "市政府工作要點\n2027年1月5日" + body, "市政府工作要點", 2027},
		{"plan.txt", "濟南市人民政府\n關於加快建設先進製造業強市的實施意見\n(2024年3月1日)" + body, "濟南市人民政府關於加快建設先進製造業強市的實施意見", 2024},
		{"plan.txt", "濟南市人民政府辦公廳文件\n濟政辦發〔2024〕7號\n濟南市人民政府辦公廳關於印發濟南市2024年民生實事分工方案的通知\n各區縣人民政府:" + body,
			"濟南市2024年民生實事分工方案", 2024},
		{"plan.txt", "濟南市人民政府辦公廳文件\n濟南市民生實事推進表\n各區縣人民政府:\n2024年1月5日" + body, "濟南市民生實事推進表", 2024},
	}
	for _, tt := range tests {
		bothScripts(t, tt.file, tt.text, func(t *testing.T, p *taizhang.Plan, problems []Problem) {
			conv := script.Default()
			if p.Year != tt.year || conv.Key(p.Title) != conv.Key(tt.title) || p.Level != taizhang.LevelCity {
				t.Errorf("year %d, title %q, level %q; want %d, %q, city", p.Year, p.Title, p.Level, tt.year, tt.title)
			}
			// The file's name stands in for a title only with a warning.
			fromFile := len(problems) > 0 && problems[0].Err == ErrTitleFromFile
			if want := tt.file != "plan.txt"; fromFile != want {
				t.Errorf("title from the file %v, want %v: %v", fromFile, want, problems)
			}
		})
	}
}

// withoutTitle drops the problem of a plan without a title, for cases about other things.
func withoutTitle(problems []Problem) []Problem {
	var out []Problem
	for _, pr := range problems {
		if pr.Err != ErrTitleFromFile {
			out = append(out, pr)
		}
	}
	return out
}

// fileName is the name a case's plan file has: the case name when it is one.
func fileName(name string) string {
	if strings.HasSuffix(name, ".txt") {
		return name
	}
	return "plan.txt"
}
