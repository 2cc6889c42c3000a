package plandoc

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"taizhang/catalog"
)

// Limits on what one Word document may cost to read, whatever it claims.
const (
	maxPart  = 64 << 20 // one part, decompressed
	maxCells = 200      // grid columns of one table
)

// readDOCX reads a Word document's body in order: each paragraph a text block, each table row
// a row block. A cell merged down (vMerge) repeats its text in the rows it covers and a cell
// spanning columns (gridSpan) keeps its text in its first column, as a workbook does. List
// numbers that Word draws (numPr) are written in front of their paragraphs, since a plan's
// "1." or "(一)" is often one of them. Text in a cell's paragraphs is joined by line breaks.
func readDOCX(name string, data []byte) (catalog.Source, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return catalog.Source{}, &Error{File: name, Err: ErrDocument}
	}
	body, err := readPart(zr, "word/document.xml")
	if err != nil || body == nil {
		return catalog.Source{}, &Error{File: name, Err: ErrDocument}
	}
	numbering, _ := readPart(zr, "word/numbering.xml") // a document without lists has none
	styles, _ := readPart(zr, "word/styles.xml")
	r := &docxReader{src: catalog.Source{Name: name}, nums: parseNumbering(numbering)}
	r.nums.parseStyles(styles)
	if err := r.read(body); err != nil {
		return catalog.Source{}, &Error{File: name, Err: ErrDocument, Detail: err.Error()}
	}
	return r.src, nil
}

// readPart reads one part of the package within maxPart; nil when it is absent.
func readPart(zr *zip.Reader, name string) ([]byte, error) {
	for _, f := range zr.File {
		if !strings.EqualFold(strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/"), name) {
			continue
		}
		if f.UncompressedSize64 > maxPart {
			return nil, fmt.Errorf("%s: %d bytes", name, f.UncompressedSize64)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, maxPart+1))
		if err != nil || len(b) > maxPart {
			return nil, fmt.Errorf("%s: unreadable or too large", name)
		}
		return b, nil
	}
	return nil, nil
}

// docxReader walks document.xml keeping the paragraph and table it is in.
type docxReader struct {
	src    catalog.Source
	nums   *numbering
	para   int // paragraphs read, for positions
	tables int
	// The paragraphs being read: a text box inside a paragraph holds paragraphs of its own.
	paras []*docxPara
	// The tables being read: the outermost one gives rows; text of nested ones goes into its cell.
	stack  []*docxTable
	skip   int  // depth inside parts whose text is not the document's (deleted, fallback, instructions)
	props  int  // depth inside paragraph properties, whose w:tab are tab stops, not tabs
	inText bool // inside w:t
}

type docxPara struct {
	text          strings.Builder
	numID, numLvl string
	style         string
}

func (r *docxReader) p() *docxPara {
	if len(r.paras) == 0 {
		r.paras = append(r.paras, &docxPara{}) // text outside any paragraph: keep it in one
	}
	return r.paras[len(r.paras)-1]
}

type docxTable struct {
	name  string
	rows  int
	row   []string // grid columns of the row being read
	above []string // the previous row, for cells merged down
	cell  strings.Builder
	span  int
	merge string // "", "restart" or "continue"
	inRow bool
}

// skipped are elements whose text is not part of the document as a reader sees it.
var skipped = map[string]bool{"del": true, "moveFrom": true, "Fallback": true, "instrText": true, "delText": true,
	"footnoteReference": true, "endnoteReference": true}

func (r *docxReader) read(body []byte) error {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skipped[t.Name.Local] {
				r.skip++
			}
			r.start(t)
		case xml.EndElement:
			if skipped[t.Name.Local] && r.skip > 0 { // a stray end tag must not hide the rest
				r.skip--
			}
			r.end(t.Name.Local)
		case xml.CharData:
			if r.skip == 0 && r.inText {
				r.p().text.Write(t)
			}
		}
	}
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func (r *docxReader) start(t xml.StartElement) {
	switch t.Name.Local {
	case "pPr", "rPr", "sectPr":
		r.props++
	case "t":
		r.inText = true
	case "tab", "br", "cr", "noBreakHyphen":
		if r.skip == 0 && r.props == 0 {
			r.p().text.WriteString(map[string]string{"tab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "-"}[t.Name.Local])
		}
	case "p":
		r.paras = append(r.paras, &docxPara{})
	case "numId":
		r.p().numID = attr(t, "val")
	case "ilvl":
		r.p().numLvl = attr(t, "val")
	case "pStyle":
		r.p().style = attr(t, "val")
	case "tbl":
		r.tables++
		r.stack = append(r.stack, &docxTable{name: fmt.Sprintf(tableName, r.tables)})
	case "tr":
		if tb := r.table(); tb != nil {
			tb.row, tb.inRow = nil, true
		}
	case "tc":
		if tb := r.table(); tb != nil {
			tb.cell.Reset()
			tb.span, tb.merge = 1, ""
		}
	case "gridSpan":
		if tb := r.table(); tb != nil {
			fmt.Sscan(attr(t, "val"), &tb.span)
			tb.span = min(max(tb.span, 1), maxCells)
		}
	case "vMerge":
		if tb := r.table(); tb != nil {
			tb.merge = attr(t, "val")
			if tb.merge == "" {
				tb.merge = "continue"
			}
		}
	}
}

func (r *docxReader) table() *docxTable {
	if len(r.stack) == 0 {
		return nil
	}
	return r.stack[len(r.stack)-1]
}

func (r *docxReader) end(local string) {
	switch local {
	case "pPr", "rPr", "sectPr":
		r.props = max(0, r.props-1)
	case "t":
		r.inText = false
	case "p":
		r.endParagraph()
	case "tc":
		if tb := r.table(); tb != nil {
			r.endCell(tb)
		}
	case "tr":
		if tb := r.table(); tb != nil && tb.inRow {
			r.endRow(tb)
		}
	case "tbl":
		if len(r.stack) > 0 {
			r.stack = r.stack[:len(r.stack)-1]
		}
	}
}

// endParagraph puts a paragraph, with its list number, into the cell it is in or the body.
func (r *docxReader) endParagraph() {
	para := r.p()
	r.paras = r.paras[:len(r.paras)-1]
	if r.skip > 0 {
		return // a paragraph of a fallback or a deletion: not in the document a person sees
	}
	text := strings.TrimRight(para.text.String(), " \t\n")
	if para.numID == "" { // numbered by its style, unless it says otherwise (numId 0)
		para.numID, para.numLvl = r.nums.styleList(para.style)
	}
	if strings.TrimSpace(text) != "" && para.numID != "" {
		text = r.nums.label(para.numID, para.numLvl) + text
	}
	if tb := r.table(); tb != nil {
		if text != "" {
			if tb.cell.Len() > 0 {
				tb.cell.WriteByte('\n')
			}
			tb.cell.WriteString(text)
		}
		return
	}
	r.para++
	r.src.Blocks = append(r.src.Blocks, catalog.Block{Pos: catalog.Pos{Para: r.para}, Text: text})
}

// endCell adds a cell to its row at its grid column: the text of the cell above when it is
// merged down, its own text then empty columns when it spans several.
func (r *docxReader) endCell(tb *docxTable) {
	text := strings.TrimSpace(tb.cell.String())
	col := len(tb.row)
	if tb.merge == "continue" && col < len(tb.above) {
		text = tb.above[col]
	}
	if col+tb.span > maxCells {
		return
	}
	tb.row = append(tb.row, text)
	for i := 1; i < tb.span; i++ {
		tb.row = append(tb.row, "")
	}
}

// endRow gives a row of the outermost table as a block; a row of a table nested in a cell
// becomes a line of that cell.
func (r *docxReader) endRow(tb *docxTable) {
	tb.inRow = false
	tb.rows++
	tb.above = tb.row
	if len(r.stack) > 1 {
		outer := r.stack[len(r.stack)-2]
		if line := strings.Join(nonEmpty(tb.row), " "); line != "" {
			if outer.cell.Len() > 0 {
				outer.cell.WriteByte('\n')
			}
			outer.cell.WriteString(line)
		}
		return
	}
	r.src.Blocks = append(r.src.Blocks, catalog.Block{Pos: catalog.Pos{Table: tb.name, Row: tb.rows}, Cells: tb.row})
}

func nonEmpty(cells []string) []string {
	var out []string
	for _, c := range cells {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}
