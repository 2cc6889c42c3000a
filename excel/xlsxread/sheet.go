package xlsxread

import (
	"sort"
	"strconv"
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

// Sheet is one worksheet as read: raw values row by row (as excelize's RawCellValue reads
// them), and what else a reader of a ledger must know about its cells.
type Sheet struct {
	rows     [][]string
	notes    []cellNote // cells with a formula, a kind other than plain, or text shown, by position
	problems []*Error   // cells that could not be read (shared-string index out of range)
	merges   []cellRange
	content  int // rows with at least one non-empty cell
	cells    int
}

// cellNote is what a cell holds besides its value.
type cellNote struct {
	pos     int64 // row<<16 | column, both 1-based: sheet order
	kind    Kind
	formula string // "=" for a formula shared from another cell
	shown   string // for KindMasked: what Excel shows
}

func cellPosOf(row, col int) int64 { return int64(row)<<16 | int64(col) }

// note is the note of a cell by name, or none.
func (r *Sheet) note(cell string) cellNote {
	col, row, err := splitRef(cell)
	if err != nil {
		return cellNote{}
	}
	pos := cellPosOf(row, col)
	i := sort.Search(len(r.notes), func(i int) bool { return r.notes[i].pos >= pos })
	if i < len(r.notes) && r.notes[i].pos == pos {
		return r.notes[i]
	}
	return cellNote{}
}

// Rows is the raw text of the sheet's cells, row by row; a cell that was not read is "".
func (r *Sheet) Rows() [][]string { return r.rows }

// Kind says whether a cell holds a boolean, a date or an error value rather than plain text
// or a number, or a value Excel does not show as it is stored.
func (r *Sheet) Kind(cell string) Kind { return r.note(cell).kind }

// Shown is what Excel shows in a KindMasked cell ("" for nothing); Rows has the value stored.
func (r *Sheet) Shown(cell string) string { return r.note(cell).shown }

// Formula is a cell's formula ("=" for one shared from another cell), or "".
func (r *Sheet) Formula(cell string) string { return r.note(cell).formula }

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

// splitRef reads "AB12" as column 28, row 12.
func splitRef[T string | []byte](ref T) (col, row int, err error) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3 {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	if i == 0 || i == len(ref) || col > maxCols || ref[i] < '1' || ref[i] > '9' {
		return 0, 0, errBadRef
	}
	for ; i < len(ref); i++ {
		if ref[i] < '0' || ref[i] > '9' || row > maxRows {
			return 0, 0, errBadRef
		}
		row = row*10 + int(ref[i]-'0')
	}
	if row > maxRows {
		return 0, 0, errBadRef
	}
	return col, row, nil
}

var errBadRef = &xmlError{err: ErrBadRef, msg: "bad cell reference"}

// CellName names the cell at 0-based row and column indexes ("D7").
func CellName(row, col int) string {
	var b [16]byte
	i := 3
	for n := col + 1; n > 0 && i > 0; n = (n - 1) / 26 {
		i--
		b[i] = byte('A' + (n-1)%26)
	}
	digits := strconv.AppendInt(b[3:3], int64(row+1), 10)
	return string(b[i : 3+len(digits)])
}
