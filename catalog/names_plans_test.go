package catalog_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/data"
	"taizhang/internal/testenv"
	"taizhang/office"
	"taizhang/plandoc"
	"taizhang/script"
)

// shortButComplete lists the metric names of two characters or fewer that say all they need to
// (none so far): any other such name is a finding.
var shortButComplete = map[string]bool{}

// Every plan at hand, in every form: no task has two targets of the same name, and no name is
// two characters or fewer. The forms are ../shared/plans/forms (copied to plandoc/testdata/forms).
func TestNamesUniqueInPlans(t *testing.T) {
	conv := script.Default()
	check := func(t *testing.T, p *taizhang.Plan) {
		t.Helper()
		n := 0
		for _, task := range p.Tasks {
			seen := map[string]string{}
			for _, ind := range task.Indicators {
				n++
				if id, ok := seen[conv.Key(ind.Metric)]; ok {
					t.Errorf("task %d: %s and %s are both %q", task.No, id, ind.ID, ind.Metric)
				}
				seen[conv.Key(ind.Metric)] = ind.ID
				if utf8.RuneCountInString(ind.Metric) <= 2 && !shortButComplete[conv.Key(ind.Metric)] {
					t.Errorf("%s: name %q is too short (span %q)", ind.ID, ind.Metric, ind.Span)
				}
				if utf8.RuneCountInString(ind.Metric) > 24 && ind.Comparator != taizhang.Qualitative {
					t.Logf("%s: long name %q", ind.ID, ind.Metric)
				}
			}
		}
		if n == 0 {
			t.Fatal("no targets")
		}
	}
	parseText := func(t *testing.T, name string, b []byte) *taizhang.Plan {
		p, _, err := catalog.ParseText(name, b)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	t.Run("embedded", func(t *testing.T) { check(t, parseText(t, "plan.txt", data.DefaultPlan)) })
	t.Run("embedded/simplified", func(t *testing.T) {
		check(t, parseText(t, "plan.txt", []byte(conv.Convert(string(data.DefaultPlan), taizhang.Simplified))))
	})
	t.Run("district-lines.txt", func(t *testing.T) {
		b, err := os.ReadFile(filepath.Join("testdata", "district-lines.txt"))
		if err != nil {
			t.Fatal(err)
		}
		check(t, parseText(t, "district-lines.txt", b))
	})
	forms := filepath.Join("..", "plandoc", "testdata", "forms")
	for _, file := range []string{"lines.txt", "council.txt", "docx.docx", "xlsx.xlsx", "pdf.pdf"} {
		t.Run(file, func(t *testing.T) {
			if filepath.Ext(file) == ".pdf" {
				testenv.NeedPoppler(t)
			}
			p, _, err := plandoc.Parse(context.Background(), filepath.Join(forms, file), office.Find())
			if err != nil {
				t.Fatal(err)
			}
			check(t, p)
		})
	}
	// The text forms in Traditional script too.
	for _, file := range []string{"lines.txt", "council.txt"} {
		t.Run(file+"/traditional", func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(forms, file))
			if err != nil {
				t.Fatal(err)
			}
			check(t, parseText(t, file, []byte(conv.Convert(string(b), taizhang.Traditional))))
		})
	}
}
