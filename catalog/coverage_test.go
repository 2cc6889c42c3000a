package catalog

import (
	"fmt"
	"os"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/data"
	"taizhang/script"
)

// tasksOf writes the plan's tasks as "no.title" joined by spaces.
func tasksOf(p *taizhang.Plan) string {
	var out []string
	for _, t := range p.Tasks {
		out = append(out, fmt.Sprintf("%d.%s", t.No, t.Title))
	}
	return strings.Join(out, " ")
}

// problemsOf writes problems as "line error(detail)" joined by "; ".
func problemsOf(problems []Problem) string {
	var out []string
	for _, pr := range withoutTitle(problems) {
		s := fmt.Sprintf("%d %v", pr.Line, pr.Err)
		if pr.Detail != "" {
			s += "(" + pr.Detail + ")"
		}
		out = append(out, s)
	}
	return strings.Join(out, "; ")
}

// A task number is the number that continues the sequence, whatever follows it; a jump is read
// and reported, a stray number stays text and is reported.
func TestNumbersByContext(t *testing.T) {
	c := "(牽頭單位:市科技局)"
	tests := []struct {
		name, text, tasks, problems string
	}{
		{"dot then digits", "9.任務九。" + c + "\n10.任務十。" + c + "\n11.121人才梯隊項目。" + c + "\n12.任務十二。" + c,
			"1.任務九 2.任務十 3.121人才梯隊項目 4.任務十二", ""},
		{"dun then digits", "9.任務九。" + c + "\n10.任務十。" + c + "\n11、121人才梯隊項目。" + c + "\n12.任務十二。" + c,
			"1.任務九 2.任務十 3.121人才梯隊項目 4.任務十二", ""},
		{"space then digits", "10.任務十。" + c + "\n11. 121人才梯隊項目。" + c + "\n12.任務十二。" + c,
			"1.任務十 2.121人才梯隊項目 3.任務十二", ""},
		{"paren then digits", "(1)任務一。" + c + "\n(2)2024年完成。" + c + "\n(3)任務三。" + c,
			"1.任務一 2.2024年完成 3.任務三", ""},
		{"wrapped decimal before the real number", "1.任務一。新增企業達到\n2.8萬家。" + c + "\n2.任務二。" + c,
			"1.任務一 2.任務二", ""},
		{"jump", "9.任務九。" + c + "\n10.任務十。" + c + "\n16.任務十六。" + c + "\n17.任務十七。" + c,
			"1.任務九 2.任務十 3.任務十六 4.任務十七", "5 " + ErrNumberJump.Error() + "(第10項之後是第16項)"},
		{"jump to a number with digits after it", "9.任務九。" + c + "\n10.任務十。" + c + "\n16.121人才梯隊項目。" + c + "\n17.任務十七。" + c,
			"1.任務九 2.任務十 3.121人才梯隊項目 4.任務十七", "5 " + ErrNumberJump.Error() + "(第10項之後是第16項)"},
		{"stray number", "9.任務九。" + c + "\n10.任務十。" + c + "\n16.任務十六。" + c + "\n11.任務十一。" + c,
			"1.任務九 2.任務十 3.任務十一", "5 " + ErrNumberGap.Error() + "(編號16,上一項任務是第10項)"},
	}
	for _, tt := range tests {
		bothScripts(t, tt.name, "臨江市2024年重點工作\n一、發展\n"+tt.text+"\n", func(t *testing.T, p *taizhang.Plan, problems []Problem) {
			conv := script.Default()
			if got := tasksOf(p); conv.Key(got) != conv.Key(tt.tasks) {
				t.Errorf("tasks %s\nwant  %s", got, tt.tasks)
			}
			if got := problemsOf(problems); conv.Key(got) != conv.Key(tt.problems) {
				t.Errorf("problems %s\nwant     %s", got, tt.problems)
			}
			for _, task := range p.Tasks {
				if len(task.Lead) != 1 {
					t.Errorf("task %d lead %v", task.No, task.Lead)
				}
			}
		})
	}
}

// Every line is part of a task, of the preamble, headings or closing, or not understood; a plan
// that stops being read says where.
func TestCoverage(t *testing.T) {
	var b strings.Builder
	b.WriteString("南嶺市2024年重點任務\n為推動發展,制定本任務。\n一、發展\n") // lines 1–3
	for n := 1; n <= 12; n++ {                          // lines 4–15
		fmt.Fprintf(&b, "%d.實施第%d項工程。新增企業%d家。(牽頭單位:市科技局)\n", n, n, n)
	}
	b.WriteString("二、保障\n")     // line 16
	for n := 13; n <= 20; n++ { // lines 17–24: bullets, not numbers
		fmt.Fprintf(&b, "●實施第%d項工程。新增企業%d家。(牽頭單位:市科技局)\n", n, n)
	}
	b.WriteString("各單位要高度重視。\n南嶺市人民政府\n") // lines 25–26
	r := readText(t, "plan.txt", b.String())
	c := r.Coverage
	if c.Tasks != 12 || c.TaskLines != 12 || c.NotReadLines() != 10 || c.Other != 4 {
		t.Errorf("coverage %+v", c)
	}
	s, stopped := c.Stopped()
	if !stopped || s.From.Line != 17 || s.To.Line != 26 || s.Lines != 10 || s.TaskLike != 8 {
		t.Errorf("stopped %v at %+v", stopped, s)
	}
	want := "plan.txt 第17行至第26行(共10行):這幾行在第一項任務之後,但沒有讀成任何任務"
	if got := problemsOf(r.Problems); got != "17 "+ErrNotRead.Error() || !strings.HasPrefix(r.Problems[len(r.Problems)-1].Error(), want) {
		t.Errorf("problems %s: %v", got, r.Problems)
	}
	// The closing after the last task is the plan's, not a task's.
	r = readText(t, "plan.txt", "南嶺市2024年重點任務\n一、發展\n1.實施工程。(牽頭單位:市科技局)\n2.實施工程。(牽頭單位:市財政局)\n各單位要高度重視。\n南嶺市人民政府\n2024年2月1日\n")
	if c := r.Coverage; c.TaskLines != 2 || c.Other != 5 || c.NotReadLines() != 0 || strings.Contains(r.Plan.Tasks[1].Text, "重視") {
		t.Errorf("coverage %+v, task 2 %q", c, r.Plan.Tasks[1].Text)
	}
}

// A plan is judged by how much of its text its tasks hold: the project's manual (docs/usage.md,
// once the README), which quotes a clause or two and numbers its steps, is no plan; real plans in
// every form are.
func TestWeakPlans(t *testing.T) {
	readme, err := os.ReadFile("../docs/usage.md")
	if err != nil {
		t.Fatal(err)
	}
	r, err := ReadDocument(TextSource("usage.md", string(readme)))
	if err != nil {
		t.Fatal(err)
	}
	if !r.Coverage.Weak() {
		t.Errorf("the manual read as a plan: %d tasks, %d%% of its text", len(r.Plan.Tasks), r.Coverage.TaskShare())
	}
	letter := "各區縣人民政府:\n現就做好2024年春節期間有關工作通知如下:\n1.高度重視,加強領導。各地要充分認識做好節日期間工作的重要意義,切實加強組織領導。\n" +
		"2.加強值班,確保安全。要嚴格落實領導帶班和24小時值班制度。\n3.及時報告。遇有重大情況及時報告。\n" +
		"市政府辦公室\n2024年1月20日\n"
	if r := readText(t, "通知.txt", letter); !r.Coverage.Weak() {
		t.Errorf("a letter read as a plan: %+v", r.Coverage)
	}
	plans := map[string]string{"embedded": string(data.DefaultPlan)}
	for _, pc := range planCases {
		b, err := os.ReadFile("testdata/plans/" + pc.file)
		if err != nil {
			t.Fatal(err)
		}
		plans[pc.file] = string(b)
	}
	for name, text := range plans {
		if r := readText(t, name, text); r.Coverage.Weak() || r.Coverage.NotReadLines() != 0 {
			t.Errorf("%s: %+v", name, r.Coverage)
		}
	}
}
