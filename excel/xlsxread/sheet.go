package xlsxread

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Kind is what a cell holds when it is not plain text or a plain number.
type Kind uint8

const (
	KindPlain   Kind = iota // text or a number
	KindBool                // TRUE/FALSE (stored as 1/0)
	KindDate                // a number shown as a date or time, or an ISO date (t="d")
	KindError               // #N/A, #DIV/0! …
	KindMasked              // its number format shows other text, or nothing, in place of the value (Sheet.Shown)
	KindCovered             // under a merged cell that does not start there: Excel does not show it, and it is not read
)

// scanShared reads sharedStrings.xml: the text of each <si>, its runs joined, phonetic runs
// left out, Excel's _xHHHH_ escapes decoded (as excelize does).
func (l *Workbook) scanShared(part string) ([]string, error) {
	data, err := l.read(part)
	if err != nil {
		return nil, err
	}
	s := newScanner(data)
	var out []string
	err = s.children(nsMain, "sst", func() error {
		if !s.is(nsMain, "si") {
			return nil
		}
		if len(out) >= l.lim.SharedStrings {
			return tooLarge(hintShared, l.lim.SharedStrings)
		}
		if len(out)&1023 == 0 {
			if err := l.ctx.Err(); err != nil {
				return timeout(err)
			}
		}
		t, err := s.richText()
		if err != nil {
			return err
		}
		out = append(out, t)
		return nil
	})
	return out, partError(part, err)
}

// richText reads the <si> or <is> just started: its <t>, then the <t> of each <r> run.
func (s *xmlScanner) richText() (string, error) {
	var plain, runs strings.Builder
	seenT := false
	err := s.children(nsMain, "", func() error {
		switch {
		case s.tok.ns != nsMain:
		case string(s.lname()) == "t":
			if seenT {
				return &xmlError{off: s.i, err: ErrMalformed, msg: "two <t> in one string"}
			}
			seenT = true
			t, ok := s.elemText()
			if !ok {
				return s.err
			}
			plain.WriteString(t)
		case string(s.lname()) == "r":
			runT := false
			return s.children(nsMain, "", func() error {
				if !s.is(nsMain, "t") {
					return nil
				}
				if runT {
					return &xmlError{off: s.i, err: ErrMalformed, msg: "two <t> in one run"}
				}
				runT = true
				t, ok := s.elemText()
				if !ok {
					return s.err
				}
				runs.WriteString(t)
				return nil
			})
		}
		return nil // rPh (phonetic runs), phoneticPr and the rest are skipped
	})
	if err != nil {
		return "", err
	}
	return unescapeBstr(plain.String() + runs.String()), nil
}

// unescapeBstr decodes Excel's _xHHHH_ escapes (ST_Xstring), left to right without overlaps,
// "_x005F_" being a literal underscore. A surrogate code point decodes to nothing, as excelize's
// bstrUnmarshal does.
func unescapeBstr(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' && isHex4(s[i+2:i+6]) {
			n, _ := strconv.ParseUint(s[i+2:i+6], 16, 32)
			switch {
			case n == 0x5F:
				sb.WriteByte('_')
			case n >= 0xD800 && n <= 0xDFFF:
			default:
				sb.WriteRune(rune(n))
			}
			i += 7
			continue
		}
		sb.WriteByte(s[i])
		i++
	}
	return sb.String()
}

func isHex4(s string) bool {
	for i := 0; i < 4; i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f') {
			return false
		}
	}
	return true
}

// Sheet is one worksheet as read: raw values row by row (as excelize's RawCellValue reads
// them), and what else a reader of a ledger must know about its cells.
type Sheet struct {
	rows     [][]string
	formulas map[string]string // cell → formula text ("=" when shared)
	kinds    map[string]Kind   // cells that are not plain text or a plain number
	shown    map[string]string // KindMasked cells: what Excel shows
	problems []*Error          // cells that could not be read (shared-string index out of range)
	merges   []cellRange
	content  int // rows with at least one non-empty cell
	cells    int
}

// Rows is the raw text of the sheet's cells, row by row; a cell that was not read is "".
func (r *Sheet) Rows() [][]string { return r.rows }

// Kind says whether a cell holds a boolean, a date or an error value rather than plain text
// or a number, or a value Excel does not show as it is stored.
func (r *Sheet) Kind(cell string) Kind { return r.kinds[cell] }

// Shown is what Excel shows in a KindMasked cell ("" for nothing); Rows has the value stored.
func (r *Sheet) Shown(cell string) string { return r.shown[cell] }

// Formula is a cell's formula ("=" for one shared from another cell), or "".
func (r *Sheet) Formula(cell string) string { return r.formulas[cell] }

// Problems lists the cells that could not be read (a shared-string index out of range); each
// reads as empty in Rows.
func (r *Sheet) Problems() []*Error {
	out := make([]*Error, len(r.problems))
	for i, p := range r.problems {
		c := *p
		out[i] = &c
	}
	return out
}

// ContentRows is the number of rows with at least one non-empty cell.
func (r *Sheet) ContentRows() int { return r.content }

// sheetScan is the state of reading one worksheet.
type sheetScan struct {
	l        *Workbook
	s        *xmlScanner
	out      *Sheet
	row, col int
	tokens   int
}

// scanSheet reads a worksheet's cells into rows (raw values, the way excelize's RawCellValue
// reads them), notes formulas, booleans, dates, errors and values Excel does not show, and any
// cell it could not read.
func (l *Workbook) scanSheet(data []byte) (*Sheet, error) {
	ss := &sheetScan{l: l, s: newScanner(data), out: &Sheet{formulas: map[string]string{}, kinds: map[string]Kind{}, shown: map[string]string{}}}
	s := ss.s
	seen := false
	for s.next() && s.tok.kind == tokText {
	}
	if s.err == nil && (s.tok.kind != tokStart || s.tok.ns != nsMain) {
		s.err = &xmlError{off: s.i, err: ErrMalformed, msg: "root element is not a sheet"}
	}
	err := s.err
	if err == nil { // a worksheet; a chartsheet or dialogsheet has no sheetData and no cells
		err = s.children(nsMain, "", func() error {
			switch {
			case s.is(nsMain, "mergeCells"):
				return s.children(nsMain, "", ss.mergeElem)
			case !s.is(nsMain, "sheetData"):
				return nil
			case seen:
				return &xmlError{off: s.i, err: ErrMalformed, msg: "two <sheetData>"}
			}
			seen = true
			return s.children(nsMain, "", ss.rowElem)
		})
	}
	if err == nil {
		err = ss.out.cover(ss.l.ctx)
	}
	if err != nil {
		var xe *xmlError
		if !errors.As(err, &xe) {
			return nil, err
		}
		ce := &Error{Err: xe.err, Value: xe.value, Hint: fmt.Sprintf(xmlHints[xe.err], "工作表內容")}
		if ss.row > 0 && xe.err != ErrBadRef { // name the cell the scanner was in, or the last one before the fault
			ce.Cell = CellName(ss.row-1, max(ss.col, 1)-1)
		}
		return nil, ce
	}
	return ss.out, nil
}

func (ss *sheetScan) rowElem() error {
	s := ss.s
	if !s.is(nsMain, "row") {
		return nil
	}
	r := ss.row + 1
	if v, ok := s.attr(nsNone, "r"); ok {
		n, err := strconv.Atoi(strings.TrimSpace(v)) // xsd:unsignedInt: white space collapses
		switch {
		case err != nil || n < 1 || n > maxRows:
			return ss.badRef("row number "+v, fmt.Sprintf(valueRow, v))
		case n <= ss.row:
			return ss.malformed("row number " + v + " out of order")
		}
		r = n
	}
	if r > maxRows {
		return ss.badRef("row beyond the last row of a sheet", fmt.Sprintf(valueRow, strconv.Itoa(r)))
	}
	ss.row, ss.col = r, 0
	before := ss.out.cells
	err := s.children(nsMain, "", ss.cellElem)
	if ss.out.cells > before {
		ss.out.content++
		if ss.out.content > ss.l.lim.Rows {
			return tooLarge(hintRows, ss.l.lim.Rows)
		}
	}
	return err
}

func (ss *sheetScan) malformed(msg string) error {
	return &xmlError{off: ss.s.i, err: ErrMalformed, msg: msg}
}

// badRef is a row or column number no sheet can have; value says which, in Chinese.
func (ss *sheetScan) badRef(msg, value string) error {
	return &xmlError{off: ss.s.i, err: ErrBadRef, msg: msg, value: value}
}

// The last row and column of a sheet (Excel 2007 and later).
const (
	maxRows = 1 << 20
	maxCols = 16384
)

type cellXML struct {
	ref, typ, style string
	v, f, is        *string
	fShared         bool
}

func (ss *sheetScan) cellElem() error {
	s := ss.s
	if !s.is(nsMain, "c") {
		return nil
	}
	ss.tokens++
	if ss.tokens&1023 == 0 {
		if err := ss.l.ctx.Err(); err != nil {
			return timeout(err)
		}
	}
	var c cellXML
	ref, hasRef := s.attr(nsNone, "r")
	c.typ, _ = s.attr(nsNone, "t")
	style, hasStyle := s.attr(nsNone, "s")
	if _, err := strconv.ParseUint(style, 10, 32); hasStyle && err != nil {
		return ss.malformed("cell style " + style) // excelize drops such a cell without a word
	}
	c.style = style
	if hasRef {
		col, row, err := splitRef(ref)
		switch {
		case err != nil:
			return ss.badRef("cell reference "+ref, ref)
		case row != ss.row:
			return ss.badRef("cell reference "+ref+" not in its row", fmt.Sprintf(valueNotInRow, ref, ss.row))
		case col <= ss.col:
			return ss.malformed("cell reference " + ref + " out of order")
		}
		ss.col = col
	} else {
		ss.col++
		if ss.col > maxCols {
			return ss.badRef("cell beyond the last column", fmt.Sprintf(valueCol, ss.col))
		}
	}
	if hasRef {
		c.ref = ref // checked: uppercase letters, then a row without leading zeros
	} else {
		c.ref = CellName(ss.row-1, ss.col-1)
	}
	if err := ss.cellChildren(&c); err != nil {
		return err
	}
	return ss.put(&c)
}

// cellChildren reads the children of the <c> just started (children() without a closure: this
// runs once per cell).
func (ss *sheetScan) cellChildren(c *cellXML) error {
	s := ss.s
	depth := len(s.open)
	for s.next() {
		switch s.tok.kind {
		case tokEnd:
			if len(s.open) < depth {
				return nil
			}
		case tokStart:
			at := len(s.open)
			if err := ss.cellChild(c); err != nil {
				return err
			}
			if s.err != nil {
				return s.err
			}
			if len(s.open) == at && s.tok.kind == tokStart && !s.skip() {
				return s.err
			}
		}
	}
	if s.err != nil {
		return s.err
	}
	return ss.malformed("part ends inside a cell")
}

func (ss *sheetScan) cellChild(c *cellXML) error {
	s := ss.s
	if s.tok.ns != nsMain {
		return nil
	}
	once := func(p **string, read func() (string, error)) error {
		if *p != nil {
			return ss.malformed("two <" + string(s.lname()) + "> in cell " + c.ref)
		}
		t, err := read()
		*p = &t
		return err
	}
	text := func() (string, error) {
		t, ok := s.elemText()
		if !ok {
			return "", s.err
		}
		return t, nil
	}
	switch string(s.lname()) {
	case "v":
		return once(&c.v, text)
	case "f":
		t, _ := s.attr(nsNone, "t")
		c.fShared = t == "shared"
		return once(&c.f, text)
	case "is":
		return once(&c.is, s.richText)
	}
	return nil
}

// put stores a cell's value the way excelize reads it raw, and notes what else it holds.
func (ss *sheetScan) put(c *cellXML) error {
	out, lim := ss.out, ss.l.lim
	problems := len(out.problems)
	val, err := ss.value(c)
	if err != nil {
		return err
	}
	// Everything kept costs memory: a value, a formula or a problem counts against Cells.
	if val != "" || c.f != nil || len(out.problems) > problems {
		if out.cells++; out.cells > lim.Cells {
			return tooLarge(hintCells, lim.Cells)
		}
	}
	if c.f != nil {
		out.formulas[c.ref] = "="
		if *c.f != "" {
			out.formulas[c.ref] = *c.f
		}
	}
	if val == "" || ss.col > lim.Cols {
		return nil
	}
	for len(out.rows) < ss.row {
		out.rows = append(out.rows, nil)
	}
	r := out.rows[ss.row-1]
	for len(r) < ss.col {
		r = append(r, "")
	}
	r[ss.col-1] = val
	out.rows[ss.row-1] = r
	return nil
}

// value is a cell's raw value by its type; it notes booleans, dates, errors and unreadable cells.
func (ss *sheetScan) value(c *cellXML) (string, error) {
	out := ss.out
	v := ""
	if c.v != nil {
		v = *c.v
	}
	switch c.typ {
	case "s":
		if v == "" {
			return "", nil
		}
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(ss.l.shared) {
			out.problems = append(out.problems, &Error{Cell: c.ref, Err: ErrSharedIndex, Value: v,
				Hint: fmt.Sprintf(hintSharedIndex, len(ss.l.shared))})
			return "", nil
		}
		return ss.l.shared[i], ss.textFormat(c)
	case "inlineStr":
		if c.is != nil { // without <is>, the <v> (as excelize reads it)
			return *c.is, ss.textFormat(c)
		}
		return v, ss.textFormat(c)
	case "str":
		return v, ss.textFormat(c)
	case "b":
		out.kinds[c.ref] = KindBool
	case "e":
		out.kinds[c.ref] = KindError
	case "d":
		out.kinds[c.ref] = KindDate
	case "", "n":
		return v, ss.numberFormat(c, v)
	default:
		return "", ss.malformed("cell type " + c.typ)
	}
	return v, nil
}

// numberFormat notes a number shown as a date, or not shown as it is: its number format
// prints other text, or nothing, in its place.
func (ss *sheetScan) numberFormat(c *cellXML, v string) error {
	if v == "" {
		return nil
	}
	xf, err := ss.l.xf(c.style)
	if err != nil {
		return err
	}
	if xf.date {
		ss.out.kinds[c.ref] = KindDate
	}
	if xf.mask == nil {
		return nil
	}
	n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil {
		return nil
	}
	if shown, ok := xf.mask.number(n); ok {
		ss.out.kinds[c.ref], ss.out.shown[c.ref] = KindMasked, shown
	}
	return nil
}

// textFormat notes text whose number format prints other text, or nothing, in its place.
func (ss *sheetScan) textFormat(c *cellXML) error {
	if c.style == "" {
		return nil
	}
	xf, err := ss.l.xf(c.style)
	if err != nil || xf.mask == nil {
		return err
	}
	if shown, ok := xf.mask.text(); ok {
		ss.out.kinds[c.ref], ss.out.shown[c.ref] = KindMasked, shown
	}
	return nil
}

// splitRef reads "AB12" as column 28, row 12.
func splitRef(ref string) (col, row int, err error) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3 {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	if i == 0 || i == len(ref) || col > maxCols || ref[i] < '1' || ref[i] > '9' {
		return 0, 0, fmt.Errorf("bad cell reference %q", ref)
	}
	row, err = strconv.Atoi(ref[i:])
	if err != nil || row <= 0 || row > maxRows {
		return 0, 0, fmt.Errorf("bad cell reference %q", ref)
	}
	return col, row, nil
}

// CellName names the cell at 0-based row and column indexes ("D7").
func CellName(row, col int) string {
	var b [3]byte
	i := len(b)
	for n := col + 1; n > 0 && i > 0; n = (n - 1) / 26 {
		i--
		b[i] = byte('A' + (n-1)%26)
	}
	return string(b[i:]) + strconv.Itoa(row+1)
}
