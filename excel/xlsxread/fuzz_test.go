package xlsxread

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fuzzShared is the shared-strings table every fuzzed sheet is read with.
var fuzzShared = sst(`<si><t>零</t></si>`, `<si><t>one &amp; 1</t></si>`, `<si><r><t>tw</t></r><r><t>o</t></r></si>`, `<si><t xml:space="preserve"> 3 </t></si>`)

// FuzzSheetXML feeds the same sheet XML to this reader and to excelize and fails on any
// difference in cells, missing or extra. excelize is the oracle only where it reads as Excel
// does (see oracleFits); elsewhere this reader must merely not panic. Cells this reader
// reports as unreadable (a bad shared-string index, which excelize reads as string 0 or nothing)
// are left out of the comparison: they are findings, not values; so are the cells under a merged
// cell, which excelize reads and Excel does not show.
func FuzzSheetXML(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "sheets", "*.xml"))
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, sheet []byte) {
		data := book(string(sheet), fuzzShared, "").zip(t)
		lim := Limits{Cols: 16384, UnzipXMLSize: 1 << 20}
		b, err := readBytes(data, lim)
		var sh *Sheet
		if err == nil {
			sh, err = b.Sheet("S")
		}
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error is not an Error: %T %v", err, err)
			}
			return
		}
		if !oracleFits(sheet) {
			return
		}
		want, err := excelizeCells(data)
		if err != nil {
			return
		}
		got := map[string]string{}
		addCells(got, "S", sh.Rows())
		for _, p := range sh.Problems() {
			delete(got, "S!"+p.Cell)
			delete(want, "S!"+p.Cell)
		}
		for k := range want { // excelize reads the values under a merged cell; Excel does not show them
			if sh.Kind(strings.TrimPrefix(k, "S!")) == KindCovered {
				delete(want, k)
			}
		}
		if d := diffCells(got, want); len(d) > 0 {
			t.Fatalf("xlsxread and excelize differ:\n%s", strings.Join(d, "\n"))
		}
	})
}

// cellPath is where the elements excelize looks for by local name alone belong.
var cellPath = map[string]string{"sheetData": "worksheet", "row": "sheetData", "c": "row", "v": "c", "f": "c", "is": "c",
	"t": "is r rPh", "r": "is", "rPh": "is"}

// oracleFits says whether excelize reads this sheet as Excel does: well-formed XML with no DTD,
// every element in the SpreadsheetML namespace and no prefixed attribute but xml:space
// (excelize matches local names only, so x99:v reads as v and xmlns:r as r), namespace
// declarations on the root only, and the cell elements only where the schema puts them
// (excelize takes a <row> anywhere in the part).
func oracleFits(sheet []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(sheet))
	var path []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return false
		}
		switch t := tok.(type) {
		case xml.Directive:
			return false
		case xml.StartElement:
			if t.Name.Space != uriMain {
				return false
			}
			for _, a := range t.Attr {
				decl := a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns")
				if (decl && len(path) > 0) || (!decl && a.Name.Space != "" && a.Name.Space != uriXML) {
					return false
				}
			}
			parent := ""
			if len(path) > 0 {
				parent = path[len(path)-1]
			}
			if want, ok := cellPath[t.Name.Local]; ok && !strings.Contains(" "+want+" ", " "+parent+" ") {
				return false
			}
			if t.Name.Local == "t" && parent == "r" && (len(path) < 2 || path[len(path)-2] != "is") {
				return false
			}
			path = append(path, t.Name.Local)
		case xml.EndElement:
			path = path[:len(path)-1]
		}
	}
}
