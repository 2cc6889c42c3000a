package excel

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Paper is a paper size for printing (the OOXML paper codes).
type Paper int

const (
	A4 Paper = 9
	A3 Paper = 8
)

// ParsePaper reads "A4" or "A3".
func ParsePaper(s string) (Paper, bool) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "", "A4":
		return A4, true
	case "A3":
		return A3, true
	}
	return 0, false
}

// maxFooter is how many characters of footer text are kept: Excel refuses headers and footers
// over 255 characters, and the page number takes some.
const maxFooter = 200

// printSetup makes a sheet print landscape on the paper, fitted to the page width only (never to
// its height, which would shrink a long table to unreadable type), with narrow margins, rows
// 1..titleRows repeated on every page, and page numbers (pages, "第 &P 页,共 &N 页") in the footer.
func printSetup(f *excelize.File, sheet string, titleRows int, footer, pages string, paper Paper) error {
	if paper == 0 {
		paper = A4
	}
	size, orient, one, zero := int(paper), "landscape", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	l, r, t, b, h, ft := 0.4, 0.4, 0.55, 0.55, 0.25, 0.25
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &l, Right: &r, Top: &t, Bottom: &b, Header: &h, Footer: &ft}); err != nil {
		return err
	}
	if titleRows > 0 {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
			RefersTo: fmt.Sprintf("'%s'!$1:$%d", strings.ReplaceAll(sheet, "'", "''"), titleRows)}); err != nil {
			return err
		}
	}
	if rs := []rune(footer); len(rs) > maxFooter {
		footer = string(rs[:maxFooter]) + "… "
	}
	footer = strings.ReplaceAll(footer, "&", "&&") // & starts a field code in headers and footers
	return f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C" + footer + pages})
}

// reRow finds a row element's number and a customHeight attribute.
var reRow = regexp.MustCompile(`<row r="(\d+)"([^>]*?) customHeight="(?:1|true)"`)

// autoHeights drops customHeight from the rows that should size themselves to their text. Such a
// row keeps its estimated height (Excel shows it as is and grows it when a person types more),
// and LibreOffice recomputes it; a custom height would cut long text off on screen and on paper.
// excelize marks every height it sets as custom, hence this pass over the written package.
func autoHeights(pkg []byte, auto map[string]map[int]bool) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		return nil, err
	}
	parts, err := sheetParts(zr)
	if err != nil {
		return nil, err
	}
	rows := map[string]map[int]bool{}
	for sheet, set := range auto {
		if p, ok := parts[sheet]; ok {
			rows[p] = set
		}
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		data, err := readPart(f)
		if err != nil {
			return nil, err
		}
		if set, ok := rows[f.Name]; ok {
			data = reRow.ReplaceAllFunc(data, func(m []byte) []byte {
				sub := reRow.FindSubmatch(m)
				n, _ := strconv.Atoi(string(sub[1]))
				if !set[n] {
					return m
				}
				return []byte(`<row r="` + string(sub[1]) + `"` + string(sub[2]))
			})
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func readPart(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// sheetParts maps sheet names to their parts in a package this package wrote.
func sheetParts(zr *zip.Reader) (map[string]string, error) {
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	read := func(name string, v any) error {
		f := files[name]
		if f == nil {
			return fmt.Errorf("excel: %s missing", name)
		}
		data, err := readPart(f)
		if err != nil {
			return err
		}
		return xml.Unmarshal(data, v)
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := read("xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := read("xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	target := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		out[s.Name] = target[s.RID]
	}
	return out, nil
}
