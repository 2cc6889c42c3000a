package catalog

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/script"
)

// planCase is one of the synthetic plans of testdata/plans, written in the styles other
// governments publish, with every task, lead and target as a careful reader lists them.
type planCase struct {
	file, title string
	level       taizhang.Level
	tasks       []string // "title: lead … | join … | form [targets]", as describeTarget writes them
	groups      string   // the groups, "、"-joined in order
	merges      string   // "name>into" joined by " "
}

// describeTargets writes a task's targets: "comparator value[-high] unit; …".
func describeTargets(task taizhang.Task) string {
	var out []string
	for _, ind := range task.Indicators {
		v := strconv.FormatFloat(*ind.Value, 'f', -1, 64)
		if ind.High != nil {
			v += "-" + strconv.FormatFloat(*ind.High, 'f', -1, 64)
		}
		out = append(out, fmt.Sprintf("%s %s %s", ind.Comparator, v, ind.Unit))
	}
	return "[" + strings.Join(out, "; ") + "]"
}

var planCases = []planCase{
	{file: "city-zhuban.txt", title: "临江市2024年重点工作任务分解方案", level: taizhang.LevelCity,
		tasks: []string{
			"扩大有效投资: lead 市发展改革委 | join 市财政局、市统计局 | lead [>= 300 个; increase 8 %]",
			"稳定和扩大就业: lead 市人力资源和社会保障局 | join 市财政局、各区、县级市政府 | lead [>= 24 万; <= 5.5 %]",
			"提升外资外贸水平: lead 市商务局 | join 市发展改革委 | lead [= 50 亿美元; range 5-10 %]",
			"优化营商环境: lead 市营商环境建设局 | join 市人力资源和社会保障局、市市场监管局 | lead [<= 1 个工作日; = 8 大]",
			"建强应急救援队伍: lead 市应急管理局 | join 市公安局、市公安消防局 | lead [= 30 支; <= 15 分钟]",
			"提高健康水平: lead 市卫生健康委 | join 各县(市、区) | lead [>= 80 岁; increase 6 %; increase 6.5 %]",
			"推进社区服务: lead 市民政局 | join 相关乡镇(办)、各街道 | lead [= 20 个]",
			"做好困难群众帮扶: lead 市民政局 | join 有关单位 | lead [= 1.2 万人次]",
			"加强治安防控: lead 市公安局 | join 市财政局、市监察局 | lead [= 500 个]",
		},
		groups: "各区、县级市政府、各县(市、区)、相关乡镇(办)、各街道、有关单位",
		merges: "市人社局>市人力资源和社会保障局"},
	{file: "county-brackets.txt", title: "青山县2024年政府工作报告重点任务分工", level: taizhang.LevelCounty,
		tasks: []string{
			"做强工业经济: lead 县工业和信息化局 | join 县发展改革局、县财政局 | lead [= 15 家; increase 10 %]",
			"发展现代农业: lead 县农业农村局 | join 各乡镇 | lead [= 2 万亩; >= 30 万吨]",
			"壮大县域商贸: lead 县商务局、县市场监管局、县统计局 | join  | by_duty [increase 7 %]",
			"办好人民满意教育: lead 县教育局、县住房城乡建设局 | join  | by_duty [= 3 所; = 1200 个]",
			"推进健康青山建设: lead 县卫生健康局 | join 县医保局、县财政局 | lead [= 3.2 人]",
			"加强养老服务: lead 县民政局 | join 相关乡镇(办)、有关单位 | lead [= 300 张]",
			"提升交通条件: lead 县交通运输局 | join 各乡镇 | lead [= 50 公里]",
		},
		groups: "各乡镇、相关乡镇(办)、有关单位"},
	{file: "district-xiatong.txt", title: "东湖区2024年重点工作任务清单", level: taizhang.LevelDistrict,
		tasks: []string{
			"培育创新主体: lead 区科学技术局 | join 各街道 | lead [>= 40 家]",
			"建设创新平台: lead 区科学技术局 | join 各街道 | lead [= 5 个]",
			"促进成果转化: lead 区科学技术局 | join 各街道 | lead [= 20 亿元]",
			"推动制造业转型: lead 区工业和信息化局 | join 区发展改革局、区科学技术局、区财政局、各街道 | lead [= 60 个]",
			"发展数字经济: lead 区发展改革局、区工业和信息化局、区商务局 | join 各街道 | by_duty [increase 15 %]",
			"扩大消费: lead 区商务局 | join 各街道 | lead [>= 50 场]",
			"强化要素保障: lead 区自然资源局 | join 各街道 | lead [= 2000 亩]",
			"盘活存量土地: lead 区自然资源局 | join 各街道 | lead [= 1500 亩]",
		},
		groups: "各街道",
		merges: "区科技局>区科学技术局 科技局>区科学技术局 财政局>区财政局 工业和信息化局>区工业和信息化局 商务局>区商务局"},
}

// The synthetic plans, each in both scripts: every task, its lead and participating agencies,
// its targets; the groups and merges; every line accounted for.
func TestSyntheticPlans(t *testing.T) {
	conv := script.Default()
	for _, pc := range append(planCases, oddNumberCase()) {
		b, err := os.ReadFile(filepath.Join("testdata", "plans", pc.file))
		if err != nil {
			t.Fatal(err)
		}
		for _, sc := range []taizhang.Script{taizhang.Simplified, taizhang.Traditional} {
			t.Run(pc.file+"/"+string(sc), func(t *testing.T) {
				r := readText(t, pc.file, conv.Convert(string(b), sc))
				p := r.Plan
				if conv.Key(p.Title) != conv.Key(pc.title) || p.Level != pc.level || p.Year != 2024 {
					t.Errorf("title %q, level %s, year %d", p.Title, p.Level, p.Year)
				}
				if len(p.Tasks) != len(pc.tasks) {
					t.Fatalf("%d tasks, want %d", len(p.Tasks), len(pc.tasks))
				}
				for i, want := range pc.tasks {
					if got := conv.Key(p.Tasks[i].Title + ": " + describeTask(p.Tasks[i]) + " " + describeTargets(p.Tasks[i])); got != conv.Key(want) {
						t.Errorf("task %d:\n got %s\nwant %s", i+1, got, conv.Key(want))
					}
				}
				var groups, merges []string
				for _, a := range p.Agencies {
					if a.Kind == taizhang.KindGroup {
						groups = append(groups, a.Name)
					}
				}
				for _, m := range r.Merges {
					merges = append(merges, m.Name+">"+m.Into)
				}
				if conv.Key(strings.Join(groups, "、")) != conv.Key(pc.groups) || conv.Key(strings.Join(merges, " ")) != conv.Key(pc.merges) {
					t.Errorf("groups %v, merges %v", groups, merges)
				}
				if c := r.Coverage; c.NotReadLines() != 0 || c.Weak() || c.TaskLines < len(pc.tasks) {
					t.Errorf("coverage %+v", c)
				}
				if len(r.Problems) != 0 {
					t.Errorf("problems %v", r.Problems)
				}
			})
		}
	}
}

// oddNumberCase is the plan whose task 11 is printed "11.121人才梯隊項目" (121 is the programme's
// name): 45 tasks in four sections, then a closing.
func oddNumberCase() planCase {
	leads := []string{"市人力资源和社会保障局", "市科技局", "市教育局", "市财政局", "市委组织部"}
	pc := planCase{file: "odd-number.txt", title: "南岭市2024年人才工作重点任务", level: taizhang.LevelCity}
	for n := 1; n <= 45; n++ {
		join, form := "市财政局", "lead"
		if leads[(n-1)%5] == "市财政局" {
			join = ""
		}
		task := fmt.Sprintf("实施第%d项人才工程: lead %s | join %s | %s [>= %d 人]", n, leads[(n-1)%5], join, form, n*10)
		if n == 11 {
			task = "121人才梯队项目: lead 市人力资源和社会保障局 | join 市财政局 | lead [= 22 名]"
		}
		pc.tasks = append(pc.tasks, task)
	}
	return pc
}
