package taizhang_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// importers lists, for each package of the module, what it imports directly (tests aside).
func importers(t *testing.T) map[string][]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, "./...").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	pkgs := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkgs[f[0]] = f[1:]
	}
	return pkgs
}

// The dependency rules of docs/architecture.md: one package per outside dependency,
// the pure and the rendering packages kept apart from the service layer and the command line.
func TestDependencyRules(t *testing.T) {
	pkgs := importers(t)
	only := map[string][]string{
		"github.com/xuri/excelize/v2":     {"taizhang/excel", "taizhang/bench"}, // and excel/xlsxread's tests, as the oracle
		"database/sql":                    {"taizhang/store", "taizhang/bench"}, // bench is the plain reference reader
		"modernc.org/sqlite":              {"taizhang/store", "taizhang/bench"},
		"github.com/longbridgeapp/opencc": {"taizhang/script"},
		"taizhang/reconcile":              {"taizhang/cycle", "taizhang/templates/report"},
		"github.com/spf13/cobra":          {"taizhang/cmd/taizhang"},
		"taizhang/internal/testenv":       {}, // tests only
		"taizhang/office/officetest":      {}, // tests only
	}
	for pkg, imports := range pkgs {
		for _, imp := range imports {
			if allowed, ok := only[imp]; ok && !slices.Contains(allowed, pkg) {
				t.Errorf("%s imports %s; only %v may", pkg, imp, allowed)
			}
		}
	}
	for _, imp := range pkgs["taizhang"] {
		if strings.Contains(strings.Split(imp, "/")[0], ".") || strings.HasPrefix(imp, "taizhang/") {
			t.Errorf("the root package imports %s; it may import the standard library only", imp)
		}
	}
	// The xlsx reader stands alone: the standard library only (excelize only in its tests, as the
	// oracle it is compared with).
	if _, ok := pkgs["taizhang/excel/xlsxread"]; !ok {
		t.Error("no package taizhang/excel/xlsxread")
	}
	for _, imp := range pkgs["taizhang/excel/xlsxread"] {
		if strings.Contains(strings.Split(imp, "/")[0], ".") || strings.HasPrefix(imp, "taizhang") {
			t.Errorf("taizhang/excel/xlsxread imports %s; it may import the standard library only", imp)
		}
	}
	// The web server is a second face of the service layer, like the command line: it renders
	// what cycle and access answer and reads nothing (no store, no excel) on its own.
	for _, imp := range pkgs["taizhang/web"] {
		if strings.HasPrefix(imp, "taizhang/") && !slices.Contains([]string{"taizhang/cycle", "taizhang/access", "taizhang/script"}, imp) {
			t.Errorf("taizhang/web imports %s; it may import taizhang, cycle, access and script only", imp)
		}
	}
	// The command line only wires: flags → options → one service call → printing. It imports the
	// root, the service layer (cycle, access), the web server, script (to print in the user's
	// script) and the demo's scenario, and outside the module only what parses flags and talks to
	// a terminal.
	cmdMay := []string{"taizhang", "taizhang/cycle", "taizhang/access", "taizhang/web", "taizhang/script", "taizhang/internal/demo",
		"github.com/spf13/cobra", "github.com/spf13/pflag", "golang.org/x/term", "golang.org/x/text/width", "github.com/schollz/progressbar/v3"}
	for _, imp := range pkgs["taizhang/cmd/taizhang"] {
		if strings.Contains(strings.Split(imp, "/")[0], ".") || imp == "taizhang" || strings.HasPrefix(imp, "taizhang/") {
			if !slices.Contains(cmdMay, imp) {
				t.Errorf("taizhang/cmd/taizhang imports %s; it may import only %v and the standard library", imp, cmdMay)
			}
		}
	}
	// The demo's scenario drives the service layer as a coordinator would, and nothing below it.
	for _, imp := range pkgs["taizhang/internal/demo"] {
		if strings.HasPrefix(imp, "taizhang/") && imp != "taizhang/cycle" && imp != "taizhang/script" {
			t.Errorf("taizhang/internal/demo imports %s; it may import taizhang, cycle and script only", imp)
		}
	}
	// Access stands beside the cycle: it may ask the cycle, never the other way round.
	for _, imp := range pkgs["taizhang/cycle"] {
		if imp == "taizhang/access" || imp == "taizhang/web" || imp == "taizhang/internal/demo" {
			t.Errorf("taizhang/cycle imports %s, which stands above it", imp)
		}
	}
	// The service layer, and the layouts below it, know nothing of the command line.
	for _, pkg := range []string{"./cycle", "./access", "./internal/demo", "./templates/...", "./ingest", "./reconcile", "./web"} {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if dep == "github.com/spf13/cobra" || strings.HasPrefix(dep, "taizhang/cmd") {
				t.Errorf("%s depends on %s", pkg, dep)
			}
			if pkg == "./ingest" && dep == "taizhang/reconcile" {
				t.Errorf("%s depends on reconcile", pkg)
			}
		}
	}
}
