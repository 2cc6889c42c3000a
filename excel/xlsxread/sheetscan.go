package xlsxread

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// sheetScan is the state of reading one worksheet. Cell texts are read one after another into
// text and made one string at the end, which each value is a piece of: memory is allocated per
// sheet (and grows by doubling), not per cell.
type sheetScan struct {
	l         *Workbook
	s         *xmlScanner
	out       *Sheet
	row, col  int
	tokens    int
	text      []byte    // the values read, one after another
	vals      []cellVal // the cells that hold a value, in sheet order
	runs      []byte    // scratch for rich text runs
	cellVisit func() error
}

// cellVal is where a cell's value is: a piece of text, or an entry of the shared strings.
type cellVal struct {
	row, col int32
	from, to int32 // in text; to < 0: shared string from
}

// cellXML is one <c> as read.
type cellXML struct {
	typ        cellType
	style      []byte // the s attribute as written, nil when there is none
	v, is      span   // in ss.text
	hasV, hasF bool
	hasIs      bool
	f          string
}

type cellType uint8

const (
	typeNumber cellType = iota // "" or n
	typeShared                 // s
	typeInline                 // inlineStr
	typeStr                    // str: a formula's text
	typeBool                   // b
	typeError                  // e
	typeDate                   // d
)

func cellTypeOf(t []byte) (cellType, bool) {
	switch string(t) {
	case "", "n":
		return typeNumber, true
	case "s":
		return typeShared, true
	case "inlineStr":
		return typeInline, true
	case "str":
		return typeStr, true
	case "b":
		return typeBool, true
	case "e":
		return typeError, true
	case "d":
		return typeDate, true
	}
	return 0, false
}

// scanSheet reads a worksheet's cells into rows (raw values, the way excelize's RawCellValue
// reads them), notes formulas, booleans, dates, errors and values Excel does not show, and any
// cell it could not read.
func (l *Workbook) scanSheet(data []byte) (*Sheet, error) {
	ss := &sheetScan{l: l, s: newScanner(data), out: &Sheet{}}
	ss.cellVisit = ss.cellElem
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
		ss.buildRows()
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
	if v, ok := s.attrBytes(nsNone, "r"); ok {
		n, err := strconv.Atoi(string(bytes.TrimSpace(v))) // xsd:unsignedInt: white space collapses
		switch {
		case err != nil || n < 1 || n > maxRows:
			return ss.badRef("row number "+string(v), fmt.Sprintf(valueRow, v))
		case n <= ss.row:
			return ss.malformed("row number " + string(v) + " out of order")
		}
		r = n
	}
	if r > maxRows {
		return ss.badRef("row beyond the last row of a sheet", fmt.Sprintf(valueRow, strconv.Itoa(r)))
	}
	ss.row, ss.col = r, 0
	before := ss.out.cells
	err := s.children(nsMain, "", ss.cellVisit)
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
	t, _ := s.attrBytes(nsNone, "t")
	typ, ok := cellTypeOf(t)
	if !ok {
		return ss.malformed("cell type " + string(t))
	}
	c.typ = typ
	if style, ok := s.attrBytes(nsNone, "s"); ok {
		if _, err := strconv.ParseUint(string(style), 10, 32); err != nil {
			return ss.malformed("cell style " + string(style)) // excelize drops such a cell without a word
		}
		c.style = style
	}
	if ref, ok := s.attrBytes(nsNone, "r"); ok {
		col, row, err := splitRef(ref)
		switch {
		case err != nil:
			return ss.badRef("cell reference "+string(ref), string(ref))
		case row != ss.row:
			return ss.badRef("cell reference "+string(ref)+" not in its row", fmt.Sprintf(valueNotInRow, ref, ss.row))
		case col <= ss.col:
			return ss.malformed("cell reference " + string(ref) + " out of order")
		}
		ss.col = col
	} else if ss.col++; ss.col > maxCols {
		return ss.badRef("cell beyond the last column", fmt.Sprintf(valueCol, ss.col))
	}
	mark := len(ss.text)
	if err := ss.cellChildren(&c); err != nil {
		return err
	}
	return ss.put(&c, mark)
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
	var seen *bool
	switch string(s.lname()) {
	case "v":
		seen = &c.hasV
	case "f":
		seen = &c.hasF
	case "is":
		seen = &c.hasIs
	default:
		return nil
	}
	if *seen {
		return ss.malformed("two <" + string(s.lname()) + "> in cell " + CellName(ss.row-1, ss.col-1))
	}
	*seen = true
	from := len(ss.text)
	var ok bool
	switch string(s.lname()) {
	case "v":
		ss.text, ok = s.appendElemText(ss.text)
		c.v = span{from, len(ss.text)}
	case "f":
		ss.text, ok = s.appendElemText(ss.text)
		c.f, ss.text = string(ss.text[from:]), ss.text[:from] // few cells have one: a string each
	case "is":
		var err error
		if ss.text, ss.runs, err = s.appendRichText(ss.text, ss.runs); err != nil {
			return err
		}
		c.is, ok = span{from, len(ss.text)}, true
	}
	if !ok {
		return s.err
	}
	return nil
}

// put stores a cell's value the way excelize reads it raw, and notes what else it holds. The
// text read for the cell starts at mark.
func (ss *sheetScan) put(c *cellXML, mark int) error {
	out, lim := ss.out, ss.l.lim
	problems := len(out.problems)
	val, note, err := ss.value(c)
	if err != nil {
		return err
	}
	// Everything kept costs memory: a value, a formula or a problem counts against Cells.
	if val.to != val.from || c.hasF || len(out.problems) > problems {
		if out.cells++; out.cells > lim.Cells {
			return tooLarge(hintCells, lim.Cells)
		}
	}
	if c.hasF {
		note.formula = "="
		if c.f != "" {
			note.formula = c.f
		}
	}
	if note.kind != KindPlain || note.formula != "" {
		note.pos = cellPosOf(ss.row, ss.col)
		out.notes = append(out.notes, note)
	}
	if val.to == val.from || ss.col > lim.Cols {
		ss.text = ss.text[:mark]
		return nil
	}
	if val.to >= 0 { // the value is the last text read: what was read before it is not kept
		n := copy(ss.text[mark:], ss.text[val.from:val.to])
		ss.text = ss.text[:mark+n]
		val.from, val.to = int32(mark), int32(mark+n)
	} else {
		ss.text = ss.text[:mark]
	}
	val.row, val.col = int32(ss.row), int32(ss.col)
	ss.vals = append(ss.vals, val)
	return nil
}

// value is where a cell's raw value is, by its type, and what it notes: a boolean, a date, an
// error, a value its number format does not show; an unreadable shared string is a problem.
func (ss *sheetScan) value(c *cellXML) (cellVal, cellNote, error) {
	text := cellVal{from: int32(c.v.from), to: int32(c.v.to)}
	switch c.typ {
	case typeShared:
		v := ss.text[c.v.from:c.v.to]
		if len(v) == 0 {
			return cellVal{}, cellNote{}, nil
		}
		i, err := strconv.Atoi(string(bytes.TrimSpace(v)))
		if err != nil || i < 0 || i >= len(ss.l.shared) {
			ss.out.problems = append(ss.out.problems, &Error{Cell: CellName(ss.row-1, ss.col-1), Err: ErrSharedIndex, Value: string(v),
				Hint: fmt.Sprintf(hintSharedIndex, len(ss.l.shared))})
			return cellVal{}, cellNote{}, nil
		}
		if ss.l.shared[i] == "" {
			return cellVal{}, cellNote{}, nil
		}
		note, err := ss.textFormat(c)
		return cellVal{from: int32(i), to: -1}, note, err
	case typeInline:
		if c.hasIs { // without <is>, the <v> (as excelize reads it)
			text = cellVal{from: int32(c.is.from), to: int32(c.is.to)}
		}
		note, err := ss.textFormat(c)
		return text, note, err
	case typeStr:
		note, err := ss.textFormat(c)
		return text, note, err
	case typeBool:
		return text, cellNote{kind: KindBool}, nil
	case typeError:
		return text, cellNote{kind: KindError}, nil
	case typeDate:
		return text, cellNote{kind: KindDate}, nil
	}
	note, err := ss.numberFormat(c)
	return text, note, err
}

// numberFormat notes a number shown as a date, or not shown as it is: its number format
// prints other text, or nothing, in its place.
func (ss *sheetScan) numberFormat(c *cellXML) (cellNote, error) {
	if c.v.to == c.v.from {
		return cellNote{}, nil
	}
	xf, err := ss.l.xf(c.style)
	if err != nil {
		return cellNote{}, err
	}
	var note cellNote
	if xf.date {
		note.kind = KindDate
	}
	if xf.mask == nil {
		return note, nil
	}
	n, err := strconv.ParseFloat(string(bytes.TrimSpace(ss.text[c.v.from:c.v.to])), 64)
	if err != nil {
		return note, nil
	}
	if shown, ok := xf.mask.number(n); ok {
		note.kind, note.shown = KindMasked, shown
	}
	return note, nil
}

// textFormat notes text whose number format prints other text, or nothing, in its place.
func (ss *sheetScan) textFormat(c *cellXML) (cellNote, error) {
	if c.style == nil {
		return cellNote{}, nil
	}
	xf, err := ss.l.xf(c.style)
	if err != nil || xf.mask == nil {
		return cellNote{}, err
	}
	if shown, ok := xf.mask.text(); ok {
		return cellNote{kind: KindMasked, shown: shown}, nil
	}
	return cellNote{}, nil
}

// buildRows makes the rows out of the values read: one string for all their text, one slice
// for all the rows' cells.
func (ss *sheetScan) buildRows() {
	if len(ss.vals) == 0 {
		return
	}
	text := string(ss.text)
	last := ss.vals[len(ss.vals)-1].row
	rows := make([][]string, last)
	width := 0
	for i, v := range ss.vals {
		if i+1 == len(ss.vals) || ss.vals[i+1].row != v.row {
			width += int(v.col)
		}
	}
	cells := make([]string, width)
	for i := 0; i < len(ss.vals); {
		j := i
		for j < len(ss.vals) && ss.vals[j].row == ss.vals[i].row {
			j++
		}
		w := int(ss.vals[j-1].col)
		row := cells[:w:w]
		cells = cells[w:]
		for _, v := range ss.vals[i:j] {
			if v.to < 0 {
				row[v.col-1] = ss.l.shared[v.from]
			} else {
				row[v.col-1] = text[v.from:v.to]
			}
		}
		rows[ss.vals[i].row-1] = row
		i = j
	}
	ss.out.rows = rows
	ss.out.notes = slices.Clip(ss.out.notes)
}
