package taizhang_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The service layer is a boundary, not a hallway (docs/architecture.md): what cycle and access
// export speaks only the root's types, the standard library's and its own, so that the command
// line and the web server compile against the service layer alone. access may speak cycle's
// types (it stands beside the cycle); cycle's Office is office's converter, the LibreOffice seam
// a caller chooses (FindOffice, or a stand-in in tests). The test type-checks each package and
// walks every exported name: functions, methods, fields of exported structs, variables,
// constants and aliases.
func TestServiceLayerOwnsItsTypes(t *testing.T) {
	for pkg, allowed := range map[string][]string{
		"taizhang/cycle":  {"taizhang", "taizhang/cycle", "taizhang/office"},
		"taizhang/access": {"taizhang", "taizhang/access", "taizhang/cycle"},
	} {
		p := typeCheck(t, pkg)
		seen := map[types.Type]bool{}
		var visit func(where string, typ types.Type)
		visit = func(where string, typ types.Type) {
			if seen[typ] {
				return
			}
			seen[typ] = true
			switch tt := typ.(type) {
			case *types.Alias:
				visit(where, types.Unalias(tt))
			case *types.Named:
				if obj := tt.Obj(); obj.Pkg() != nil && strings.HasPrefix(obj.Pkg().Path(), "taizhang") && !slices.Contains(allowed, obj.Pkg().Path()) {
					t.Errorf("%s: %s mentions %s.%s", pkg, where, obj.Pkg().Path(), obj.Name())
					return
				}
				if obj := tt.Obj(); obj.Pkg() != nil && obj.Pkg().Path() == pkg {
					visit(obj.Name(), tt.Underlying())
					for i := range tt.NumMethods() {
						if m := tt.Method(i); m.Exported() {
							visit(obj.Name()+"."+m.Name(), m.Type())
						}
					}
				}
				for i := range tt.TypeArgs().Len() {
					visit(where, tt.TypeArgs().At(i))
				}
			case *types.Pointer:
				visit(where, tt.Elem())
			case *types.Slice:
				visit(where, tt.Elem())
			case *types.Array:
				visit(where, tt.Elem())
			case *types.Map:
				visit(where, tt.Key())
				visit(where, tt.Elem())
			case *types.Chan:
				visit(where, tt.Elem())
			case *types.Signature:
				for v := range tt.Params().Variables() {
					visit(where, v.Type())
				}
				for v := range tt.Results().Variables() {
					visit(where, v.Type())
				}
			case *types.Struct:
				for f := range tt.Fields() {
					if f.Exported() {
						visit(where+"."+f.Name(), f.Type())
					}
				}
			case *types.Interface:
				for m := range tt.Methods() {
					visit(where+"."+m.Name(), m.Type())
				}
			}
		}
		scope := p.Scope()
		for _, name := range scope.Names() {
			if obj := scope.Lookup(name); obj.Exported() {
				visit(name, obj.Type())
			}
		}
	}
}

// typeCheck type-checks a package of the module from its source, its imports from the export
// data the go command builds.
func typeCheck(t *testing.T, pkg string) *types.Package {
	t.Helper()
	out, err := exec.Command("go", "list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}\t{{.Dir}}\t{{join .GoFiles \",\"}}", pkg).Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	exports := map[string]string{}
	var dir string
	var files []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(line, "\t")
		exports[f[0]] = f[1]
		if f[0] == pkg {
			dir, files = f[2], strings.Split(f[3], ",")
		}
	}
	fset := token.NewFileSet()
	var parsed []*ast.File
	for _, name := range files {
		file, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, file)
	}
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) { return os.Open(exports[path]) })
	p, err := (&types.Config{Importer: imp}).Check(pkg, fset, parsed, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
