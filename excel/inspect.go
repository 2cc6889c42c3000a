package excel

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strings"
)

// SheetInfo is what a sheet promises a person: protection, drop-downs, print settings, visibility.
// Tests assert on it; ingest uses Visibility to tell a very hidden _meta from one a person unhid.
type SheetInfo struct {
	Visibility    string // "visible", "hidden" or "veryHidden"
	Protected     bool
	Validations   []ValidationInfo
	Landscape     bool
	PaperA4       bool
	FitToWidth    int
	FitToHeight   int
	PrintTitles   string // "$1:$3"
	Footer        string
	FrozenRows    int
	StructureLock bool // the workbook's structure is locked
}

// ValidationInfo is one data validation rule.
type ValidationInfo struct {
	Sqref  string
	Type   string   // "list", "decimal", …
	List   []string // the choices of a list
	Prompt string
}

// Inspect reports a sheet's settings.
func (b *Book) Inspect(sheet string) (SheetInfo, error) {
	info := SheetInfo{Visibility: "visible"}
	pkg, err := readPackage(b.raw)
	if err != nil {
		return info, err
	}
	if st, ok := pkg.state[sheet]; ok && st != "" {
		info.Visibility = st
	}
	info.Protected = bytes.Contains(pkg.sheetXML[sheet], []byte("<sheetProtection"))
	info.StructureLock = pkg.lockStructure
	f, err := b.excelize()
	if err != nil {
		return info, err
	}
	dvs, err := f.GetDataValidations(sheet)
	if err != nil {
		return info, err
	}
	for _, dv := range dvs {
		v := ValidationInfo{Sqref: dv.Sqref, Type: dv.Type}
		if dv.Prompt != nil {
			v.Prompt = *dv.Prompt
		}
		if dv.Type == "list" {
			v.List = strings.Split(strings.Trim(dv.Formula1, `"`), ",")
		}
		info.Validations = append(info.Validations, v)
	}
	pl, err := f.GetPageLayout(sheet)
	if err != nil {
		return info, err
	}
	info.Landscape = pl.Orientation != nil && *pl.Orientation == "landscape"
	info.PaperA4 = pl.Size != nil && *pl.Size == 9
	if pl.FitToWidth != nil {
		info.FitToWidth = *pl.FitToWidth
	}
	if pl.FitToHeight != nil {
		info.FitToHeight = *pl.FitToHeight
	}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == sheet {
			if i := strings.LastIndex(dn.RefersTo, "!"); i >= 0 {
				info.PrintTitles = dn.RefersTo[i+1:]
			}
		}
	}
	if hf, err := f.GetHeaderFooter(sheet); err == nil && hf != nil {
		info.Footer = hf.OddFooter
	}
	if panes, err := f.GetPanes(sheet); err == nil && panes.Freeze {
		info.FrozenRows = panes.YSplit
	}
	return info, nil
}

// Locked reports whether a cell is locked (the default for a cell without a style that unlocks it).
func (b *Book) Locked(sheet, cell string) (bool, error) {
	f, err := b.excelize()
	if err != nil {
		return false, err
	}
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		return false, err
	}
	st, err := f.GetStyle(id)
	if err != nil {
		return false, err
	}
	return st.Protection == nil || st.Protection.Locked, nil
}

// Formula returns a cell's formula, or "".
func (b *Book) Formula(sheet, cell string) (string, error) {
	if s, err := b.wb.Sheet(sheet); err == nil {
		return s.Formula(cell), nil
	}
	f, err := b.excelize()
	if err != nil {
		return "", err
	}
	return f.GetCellFormula(sheet, cell)
}

type pkgFacts struct {
	state         map[string]string
	sheetXML      map[string][]byte
	lockStructure bool
}

// readPackage reads sheet states, protection and the workbook lock from the package XML.
func readPackage(raw []byte) (*pkgFacts, error) {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, err
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))] = f
	}
	read := func(name string) []byte {
		f := files[strings.ToLower(name)]
		if f == nil || f.UncompressedSize64 > 64<<20 {
			return nil
		}
		rc, err := f.Open()
		if err != nil {
			return nil
		}
		defer rc.Close()
		b, _ := io.ReadAll(io.LimitReader(rc, 64<<20))
		return b
	}
	var wb struct {
		Sheets []struct {
			Name  string `xml:"name,attr"`
			State string `xml:"state,attr"`
			RID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
		Protection *struct {
			LockStructure string `xml:"lockStructure,attr"`
		} `xml:"workbookProtection"`
	}
	if err := xml.Unmarshal(read("xl/workbook.xml"), &wb); err != nil {
		return nil, err
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	_ = xml.Unmarshal(read("xl/_rels/workbook.xml.rels"), &rels)
	target := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if !strings.HasPrefix(t, "/") {
			t = path.Join("xl", t)
		}
		target[r.ID] = strings.TrimPrefix(t, "/")
	}
	facts := &pkgFacts{state: map[string]string{}, sheetXML: map[string][]byte{}}
	facts.lockStructure = wb.Protection != nil && (wb.Protection.LockStructure == "1" || wb.Protection.LockStructure == "true")
	for _, s := range wb.Sheets {
		facts.state[s.Name] = s.State
		facts.sheetXML[s.Name] = read(target[s.RID])
	}
	return facts, nil
}

// Fill returns a cell's fill colour ("FFC7CE"), or "" when it has none.
func (b *Book) Fill(sheet, cell string) (string, error) {
	f, err := b.excelize()
	if err != nil {
		return "", err
	}
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		return "", err
	}
	st, err := f.GetStyle(id)
	if err != nil || len(st.Fill.Color) == 0 {
		return "", err
	}
	c := strings.ToUpper(st.Fill.Color[0])
	if len(c) == 8 { // ARGB
		c = c[2:]
	}
	return c, nil
}

// Comments returns a sheet's cell comments: cell → text.
func (b *Book) Comments(sheet string) (map[string]string, error) {
	f, err := b.excelize()
	if err != nil {
		return nil, err
	}
	cs, err := f.GetComments(sheet)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, c := range cs {
		text := c.Text
		for _, p := range c.Paragraph {
			text += p.Text
		}
		out[c.Cell] = text
	}
	return out, nil
}

// Link returns the target of a cell's hyperlink, or "".
func (b *Book) Link(sheet, cell string) (string, error) {
	f, err := b.excelize()
	if err != nil {
		return "", err
	}
	ok, target, err := f.GetCellHyperLink(sheet, cell)
	if !ok {
		return "", err
	}
	return target, err
}
