package taizhang_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/script"
)

// Every finding code, refusal reason, severity and reporting state has a label in both scripts,
// the Simplified one exactly what OpenCC makes of the Traditional (so a workbook reads the same
// whether a writer takes the Simplified word or converts the Traditional one), labels that tell
// them apart, and each code a severity of the list.
func TestLabels(t *testing.T) {
	conv := script.Default()
	check := func(kind string, values []string, label func(i int, s taizhang.Script) string) {
		t.Helper()
		seen := map[string]string{}
		for i, v := range values {
			trad, simp := label(i, taizhang.Traditional), label(i, taizhang.Simplified)
			switch {
			case trad == "" || trad == v || simp == "" || simp == v:
				t.Errorf("%s %s: labels %q, %q", kind, v, trad, simp)
			case conv.Convert(trad, taizhang.Simplified) != simp:
				t.Errorf("%s %s: Simplified label %q, OpenCC says %q", kind, v, simp, conv.Convert(trad, taizhang.Simplified))
			case seen[trad] != "":
				t.Errorf("%s %s and %s share the label %q", kind, seen[trad], v, trad)
			}
			seen[trad] = v
		}
		if len(seen) != len(values) {
			t.Errorf("%s: a value listed twice in %v", kind, values)
		}
	}
	check("code", strs(taizhang.Codes), func(i int, s taizhang.Script) string { return taizhang.Codes[i].Label(s) })
	check("refusal reason", strs(taizhang.RefusalReasons), func(i int, s taizhang.Script) string { return taizhang.RefusalReasons[i].Label(s) })
	check("severity", strs(taizhang.Severities), func(i int, s taizhang.Script) string { return taizhang.Severities[i].Label(s) })
	check("reporting state", strs(taizhang.ReportStates), func(i int, s taizhang.Script) string { return taizhang.ReportStates[i].Label(s) })
	check("audit action", strs(taizhang.AuditActions), func(i int, s taizhang.Script) string { return taizhang.AuditActions[i].Label(s) })
	for _, c := range taizhang.Codes {
		if !slices.Contains(taizhang.Severities, c.Severity()) {
			t.Errorf("code %s: severity %q", c, c.Severity())
		}
	}
	// The defects this table fixed: missing_row had no label, severity or place; refused_return
	// was an error in one place and a warning in another (a refused correction is its own code).
	if taizhang.CodeMissingRow.Label(taizhang.Traditional) != "缺少指標行" || taizhang.CodeRefusedReturn.Severity() != taizhang.SevError ||
		taizhang.CodeRefusedCorrection.Severity() != taizhang.SevWarning || taizhang.RefusedMalformed.Label(taizhang.Simplified) != "文件已损坏" {
		t.Error("missing_row, refused_return, refused_correction or malformed_xml lost its label or severity")
	}
	if got := taizhang.Code("made_up").Label(taizhang.Simplified); got != "made_up" {
		t.Errorf("an unknown code is labelled %q; want the code itself, never blank", got)
	}
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// emission is a code or reason the module's code can produce, and where.
type emission struct {
	value string
	kind  string // "Code", "RefusalReason", or "" when the context does not say which
	at    string
}

// Every code any package can emit is in the root's lists: the test reads every non-test Go file
// of the module and collects each constant of type Code or RefusalReason, each conversion to
// them, and each value given to a field named Code (in a composite literal or an assignment) that
// is a string constant. A conversion of something not constant cannot be checked, and fails.
// Outside the root there is no table of words keyed by these types, and no list of them (a
// second set of labels or a second order).
func TestEveryCodeIsListed(t *testing.T) {
	fset := token.NewFileSet()
	pkgs := map[string][]*ast.File{} // directory → its files
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		pkgs[filepath.Dir(path)] = append(pkgs[filepath.Dir(path)], f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	root := constants(pkgs["."])
	var found []emission
	for dir, files := range pkgs {
		c := collector{fset: fset, t: t, root: dir == ".", consts: constants(files), rootConsts: root}
		for _, f := range files {
			ast.Inspect(f, c.visit)
		}
		found = append(found, c.found...)
	}
	if len(found) < len(taizhang.Codes)+len(taizhang.RefusalReasons) {
		t.Fatalf("found only %d codes: the walk is broken", len(found))
	}
	codes, reasons := strs(taizhang.Codes), strs(taizhang.RefusalReasons)
	for _, e := range found {
		ok := e.kind == "Code" && slices.Contains(codes, e.value) || e.kind == "RefusalReason" && slices.Contains(reasons, e.value) ||
			e.kind == "" && (slices.Contains(codes, e.value) || slices.Contains(reasons, e.value))
		if !ok {
			t.Errorf("%s: %q is not in taizhang.Codes or taizhang.RefusalReasons: add it to the table in finding.go or record.go, with its labels (and severity)", e.at, e.value)
		}
	}
}

// constant is a package-level string constant: its value and its declared type ("" untyped).
type constant struct{ value, typ string }

func constants(files []*ast.File) map[string]constant {
	out := map[string]constant{}
	for _, f := range files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if i < len(vs.Values) {
						if v, ok := stringLit(vs.Values[i]); ok {
							out[name.Name] = constant{v, typeName(vs.Type)}
						}
					}
				}
			}
		}
	}
	return out
}

type collector struct {
	fset       *token.FileSet
	t          *testing.T
	root       bool
	consts     map[string]constant // this package's
	rootConsts map[string]constant
	found      []emission
}

func (c *collector) visit(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.ValueSpec:
		if k := codeType(n.Type, c.root); k != "" {
			for _, v := range n.Values {
				c.value(v, k)
			}
		}
	case *ast.CallExpr:
		if k := codeType(n.Fun, c.root); k != "" && len(n.Args) == 1 {
			if !c.value(n.Args[0], k) {
				c.t.Errorf("%s: converts a value that is not a constant to %s: use a constant of the root's list", c.fset.Position(n.Pos()), k)
			}
		}
	case *ast.KeyValueExpr:
		if key, ok := n.Key.(*ast.Ident); ok && key.Name == "Code" {
			c.value(n.Value, "")
		}
	case *ast.AssignStmt:
		for i, lhs := range n.Lhs {
			if sel, ok := lhs.(*ast.SelectorExpr); ok && sel.Sel.Name == "Code" && i < len(n.Rhs) {
				c.value(n.Rhs[i], "")
			}
		}
	case *ast.MapType:
		if k := codeType(n.Key, c.root); k != "" && !c.root && typeName(n.Value) == "string" {
			c.t.Errorf("%s: a table of words keyed by %s outside the root: use its Label", c.fset.Position(n.Pos()), k)
		}
	case *ast.CompositeLit:
		if at, ok := n.Type.(*ast.ArrayType); ok && !c.root && codeType(at.Elt, false) != "" {
			c.t.Errorf("%s: a list of codes outside the root: use taizhang.Codes or taizhang.RefusalReasons", c.fset.Position(n.Pos()))
		}
	}
	return true
}

// value records e when it is a string constant (a literal, a constant of this package or of the
// root) and reports whether it was one.
func (c *collector) value(e ast.Expr, kind string) bool {
	at := c.fset.Position(e.Pos()).String()
	if v, ok := stringLit(e); ok {
		c.found = append(c.found, emission{v, kind, at})
		return true
	}
	var k constant
	var ok bool
	switch e := e.(type) {
	case *ast.Ident:
		k, ok = c.consts[e.Name]
		if c.root {
			k, ok = c.rootConsts[e.Name]
		}
	case *ast.SelectorExpr:
		if x, isIdent := e.X.(*ast.Ident); isIdent && x.Name == "taizhang" {
			k, ok = c.rootConsts[e.Sel.Name]
		}
	}
	if !ok {
		return false
	}
	if kind == "" && (k.typ == "Code" || k.typ == "RefusalReason") {
		kind = k.typ
	}
	c.found = append(c.found, emission{k.value, kind, at})
	return true
}

// codeType says whether a type expression names taizhang.Code or taizhang.RefusalReason
// (unqualified within the root): "Code", "RefusalReason" or "".
func codeType(e ast.Expr, root bool) string {
	name := typeName(e)
	if !root {
		name, _ = strings.CutPrefix(name, "taizhang.")
	} else if strings.Contains(name, ".") {
		return ""
	}
	if name == "Code" || name == "RefusalReason" {
		if root || typeName(e) != name {
			return name
		}
	}
	return ""
}

func typeName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok {
			return x.Name + "." + e.Sel.Name
		}
	}
	return ""
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	v, err := strconv.Unquote(lit.Value)
	return v, err == nil
}
