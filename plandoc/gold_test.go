package plandoc

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/internal/testenv"
	"taizhang/office"
	"taizhang/script"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// goldTask is one task of testdata/forms/gold.json: sections 1–6 of the embedded plan, read by
// hand, in the order the documents hold them.
type goldTask struct {
	No            int      `json:"no"`
	Title         string   `json:"title"`
	Lead          []string `json:"lead"`
	Participating []string `json:"participating"`
	Indicators    []struct {
		Comparator string   `json:"comparator"`
		Value      *float64 `json:"value"`
		Unit       string   `json:"unit"`
	} `json:"indicators"`
}

func readGold(t testing.TB) []goldTask {
	b, err := os.ReadFile(filepath.Join("testdata", "forms", "gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold []goldTask
	if err := json.Unmarshal(b, &gold); err != nil {
		t.Fatal(err)
	}
	return gold
}

// score is how a parsed plan compares with the gold: tasks whose lead (and participating)
// agencies are exactly the gold's, and numeric targets found with the gold's value and unit.
type score struct {
	tasks, leads, joins   int
	targets, targetsFound int
	diffs                 []string
}

func (s score) String() string {
	return fmt.Sprintf("leads %d/%d, participating %d/%d, numeric targets %d/%d (%.1f%%)",
		s.leads, s.tasks, s.joins, s.tasks, s.targetsFound, s.targets, 100*float64(s.targetsFound)/float64(max(s.targets, 1)))
}

func compare(gold []goldTask, p *taizhang.Plan) score {
	conv := script.Default()
	res := catalog.NewResolver(conv, p.Agencies)
	names := func(list []string) string {
		var out []string
		for _, n := range list {
			if r := res.Resolve(n); r != "" {
				n = r
			}
			out = append(out, conv.Key(n))
		}
		return strings.Join(out, "、")
	}
	s := score{tasks: len(gold)}
	for i, g := range gold {
		var task taizhang.Task
		if i < len(p.Tasks) {
			task = p.Tasks[i]
		}
		if names(g.Lead) == names(task.Lead) {
			s.leads++
		} else {
			s.diffs = append(s.diffs, fmt.Sprintf("task %d lead %v, want %v", g.No, task.Lead, g.Lead))
		}
		if names(g.Participating) == names(task.Participating) {
			s.joins++
		} else {
			s.diffs = append(s.diffs, fmt.Sprintf("task %d participating %v, want %v", g.No, task.Participating, g.Participating))
		}
		found := map[string]int{}
		for _, ind := range task.Indicators {
			if ind.Value != nil {
				found[strconv.FormatFloat(*ind.Value, 'f', -1, 64)+" "+conv.Fold(ind.Unit)]++
			}
		}
		for _, ind := range g.Indicators {
			if ind.Value == nil {
				continue
			}
			s.targets++
			k := strconv.FormatFloat(*ind.Value, 'f', -1, 64) + " " + conv.Fold(ind.Unit)
			if found[k] > 0 {
				found[k]--
				s.targetsFound++
			} else {
				s.diffs = append(s.diffs, fmt.Sprintf("task %d target %s %s missed", g.No, ind.Comparator, k))
			}
		}
	}
	if len(p.Tasks) != len(gold) {
		s.diffs = append(s.diffs, fmt.Sprintf("%d tasks, want %d", len(p.Tasks), len(gold)))
	}
	return s
}

// TestFormsAgainstGold is the measure: every form of the same plan gives the gold's lead
// and participating agencies for every task and at least 98% of its numeric targets.
// go test ./plandoc -run Gold -v prints the scores.
func TestFormsAgainstGold(t *testing.T) {
	gold := readGold(t)
	for _, file := range []string{"lines.txt", "council.txt", "docx.docx", "xlsx.xlsx", "pdf.pdf"} {
		t.Run(file, func(t *testing.T) {
			if filepath.Ext(file) == ".pdf" {
				needPDFToText(t)
			}
			data, err := ReadFile(filepath.Join("testdata", "forms", file))
			if err != nil {
				t.Fatal(err)
			}
			r, err := ReadPlan(context.Background(), file, data, office.Find())
			if err != nil {
				t.Fatal(err)
			}
			p, problems := r.Plan, r.Problems
			if err := p.Validate(); err != nil {
				t.Fatal(err)
			}
			s := compare(gold, p)
			t.Logf("%s: %s; %d problems; %d lines read as tasks, %d not understood", file, s, len(problems), r.Coverage.TaskLines, r.Coverage.NotReadLines())
			if r.Coverage.NotReadLines() != 0 || r.Coverage.Weak() {
				t.Errorf("coverage %+v", r.Coverage)
			}
			for _, pr := range problems {
				t.Logf("  %v", pr)
			}
			if s.leads != s.tasks || s.joins != s.tasks || s.targetsFound*100 < s.targets*98 || len(p.Tasks) != len(gold) {
				t.Errorf("%s: %s\n%s", file, s, strings.Join(s.diffs, "\n"))
			}
			if p.Year != 2023 || !strings.Contains(p.Title, "2023年重点工作任务") || p.Level != taizhang.LevelProvince || len(p.Sections) != 6 {
				t.Errorf("title %q, year %d, level %q, %d sections", p.Title, p.Year, p.Level, len(p.Sections))
			}
		})
	}
}

func needPDFToText(t testing.TB) {
	t.Helper()
	testenv.NeedPoppler(t) // PDF plans are not tested without it
}

// The paragraph forms in Traditional script with full-width punctuation, and in GB18030: the
// same plan as another office would type or save it.
func TestTextFormsOtherScriptAgainstGold(t *testing.T) {
	gold := readGold(t)
	conv := script.Default()
	for _, file := range []string{"lines.txt", "council.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", "forms", file))
		if err != nil {
			t.Fatal(err)
		}
		trad := strings.NewReplacer("(", "（", ")", "）", ":", "：", ",", "，").Replace(conv.Convert(string(b), taizhang.Traditional))
		gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(b)
		if err != nil {
			t.Fatal(err)
		}
		for variant, data := range map[string][]byte{"traditional": []byte(trad), "gb18030": gb} {
			t.Run(file+"/"+variant, func(t *testing.T) {
				p, _, err := ParseBytes(context.Background(), file, data, office.Converter{})
				if err != nil {
					t.Fatal(err)
				}
				if s := compare(gold, p); s.leads != s.tasks || s.joins != s.tasks || s.targetsFound*100 < s.targets*98 {
					t.Errorf("%s", strings.Join(append([]string{s.String()}, s.diffs...), "\n"))
				}
			})
		}
	}
}

// The paragraph forms as Word documents and PDFs, written by LibreOffice from the text: Word's
// paragraphs, and the page width breaking lines and agency names.
func TestTextFormsInOtherFilesAgainstGold(t *testing.T) {
	conv := needOffice(t)
	needPDFToText(t)
	gold := readGold(t)
	ctx := context.Background()
	for _, file := range []string{"lines.txt", "council.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", "forms", file))
		if err != nil {
			t.Fatal(err)
		}
		for _, target := range []string{office.DOCX, office.PDF} {
			out, err := conv.Convert(ctx, b, ".txt", target)
			if err != nil {
				t.Fatal(err)
			}
			name := strings.TrimSuffix(file, ".txt") + "." + strings.SplitN(target, ":", 2)[0]
			t.Run(name, func(t *testing.T) {
				p, problems, err := ParseBytes(ctx, name, out, conv)
				if err != nil {
					t.Fatal(err)
				}
				s := compare(gold, p)
				t.Logf("%s: %s; %d problems", name, s, len(problems))
				if s.leads != s.tasks || s.joins != s.tasks || s.targetsFound*100 < s.targets*98 {
					t.Errorf("%s", strings.Join(append([]string{s.String()}, s.diffs...), "\n"))
				}
			})
		}
	}
}
