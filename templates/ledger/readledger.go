package ledger

import (
	"crypto/hmac"
	"errors"
	"fmt"
	"regexp"
	"strings"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/templates"
)

// Errors a returned ledger can have as a whole; cell-level problems are excel.CellErrors.
var (
	ErrNoLedger     = errors.New("templates: no ledger sheet")
	ErrNoMeta       = errors.New("templates: no _meta sheet")
	ErrBadSignature = errors.New("templates: signature does not verify")
)

// ReturnedRow is one row of a returned ledger, found by its 指標編號 wherever it was moved.
type ReturnedRow struct {
	ID    string
	Row   int      // 1-based sheet row
	Cells []string // by ledger column (LedgerHeaders order); "" where the column is missing
	cols  []int    // sheet column (0-based) of each ledger column, or -1
}

// Cell names the sheet cell of a ledger column in this row ("I7").
func (r ReturnedRow) Cell(col int) string {
	if r.cols[col] < 0 {
		return ""
	}
	return excel.Cell(r.Row-1, r.cols[col])
}

// Ledger column indexes for callers (ingest) that read the filled cells.
const (
	ColValue    = colValue
	ColStatus   = colStatus
	ColProgress = colProgress
	ColProblems = colProblems
	ColNext     = colNext
	ColTarget   = colTarget
	ColUnit     = colUnit
	ColPrevious = colPrevious
	ColRate     = colRate
)

// Returned is a ledger workbook as it came back.
type Returned struct {
	Meta      Meta
	HasMeta   bool
	Sheet     string // the ledger sheet, whatever it was renamed to
	HeaderRow int    // 1-based
	Rows      []ReturnedRow
	Filler    map[string]string // 填報人 block: label → value
	FillerAt  map[string]string // label → cell
	signed    map[string][]string
}

var reRowID = regexp.MustCompile(`^\d+-\d+$`)

// maxLedgerCandidates bounds the sheets searched for the header row: the ledger is the sheet
// named 工作臺賬 or, renamed, one of the first few others. A workbook of 2,000 sheets is not
// searched sheet by sheet.
const maxLedgerCandidates = 4

// ReadReturned finds the ledger in a workbook: the _meta sheet by name whatever its visibility,
// the ledger sheet by its header row (renamed or not), columns by their labels (moved or with
// columns inserted), and rows by 指標編號. Only _meta and the ledger sheet are parsed (at most
// maxLedgerCandidates sheets are tried for the ledger); any error reading them is returned.
func ReadReturned(book *excel.Book) (*Returned, error) {
	r := &Returned{Filler: map[string]string{}, FillerAt: map[string]string{}, signed: map[string][]string{}}
	l := templates.NewLabeler("")
	sheets := book.Sheets()
	for _, s := range sheets {
		if strings.EqualFold(strings.TrimSpace(s), SheetMeta) {
			if err := r.readMeta(book, s); err != nil {
				return nil, err
			}
			break
		}
	}
	// Prefer the sheet with the ledger's name; any sheet with the header row will do, but the
	// guide and _meta are not candidates. A renamed ledger usually keeps 臺賬 in its name.
	var named, likely, others []string
	for _, s := range sheets {
		switch k := l.Key(strings.TrimSpace(s)); {
		case k == l.Key(SheetLedger):
			named = append(named, s)
		case k == l.Key(SheetGuide), strings.EqualFold(strings.TrimSpace(s), SheetMeta):
		case strings.Contains(k, l.Key("臺賬")):
			likely = append(likely, s)
		default:
			others = append(others, s)
		}
	}
	candidates := append(append(named, likely...), others...)
	for i, s := range candidates {
		if i == maxLedgerCandidates {
			break
		}
		rows, err := book.Rows(s)
		if err != nil {
			return nil, err
		}
		header, cols := findHeader(l, rows)
		if header < 0 {
			continue
		}
		r.Sheet, r.HeaderRow = s, header+1
		r.readRows(l, rows[header+1:], header+1, cols)
		return r, nil
	}
	return r, ErrNoLedger
}

func (r *Returned) readMeta(book *excel.Book, sheet string) error {
	rows, err := book.Rows(sheet)
	if err != nil {
		return err
	}
	m := map[string]string{}
	for _, row := range rows {
		if len(row) >= 2 {
			m[strings.TrimSpace(row[0])] = strings.TrimSpace(row[1])
		}
	}
	r.Meta = Meta{Format: m["format"], PlanID: m["plan_id"], CatalogHash: m["catalog_hash"], Agency: m["agency"],
		Period: m["period"], LedgerID: m["template_id"], IssuedAt: m["issued_at"], Signature: m["signature"]}
	r.HasMeta = m["format"] != ""
	return nil
}

// findHeader returns the 0-based header row and the sheet column of each ledger column.
func findHeader(l templates.Labeler, rows [][]string) (int, []int) {
	keys := make([]string, len(LedgerHeaders))
	for i, h := range LedgerHeaders {
		keys[i] = l.Key(h)
	}
	for i := 0; i < len(rows) && i < 50; i++ {
		cols := make([]int, len(LedgerHeaders))
		found := 0
		for j := range cols {
			cols[j] = -1
		}
		for c, v := range rows[i] {
			k := l.Key(strings.TrimSpace(v))
			for j, want := range keys {
				if k == want && cols[j] < 0 {
					cols[j] = c
					found++
				}
			}
		}
		if found >= len(LedgerHeaders)/2 && cols[colID] >= 0 {
			return i, cols
		}
	}
	return -1, nil
}

func (r *Returned) readRows(l templates.Labeler, rows [][]string, offset int, cols []int) {
	fillerKeys := map[string]string{}
	for _, f := range FillerLabels {
		fillerKeys[l.Key(f)] = f
	}
	for i, row := range rows {
		sheetRow := offset + i + 1
		get := func(c int) string {
			if c < 0 || c >= len(row) {
				return ""
			}
			return strings.TrimSpace(row[c])
		}
		if id := get(cols[colID]); reRowID.MatchString(id) {
			rr := ReturnedRow{ID: id, Row: sheetRow, Cells: make([]string, len(LedgerHeaders)), cols: cols}
			for j := range LedgerHeaders {
				rr.Cells[j] = get(cols[j])
			}
			r.Rows = append(r.Rows, rr)
			signed := make([]string, len(signedCols))
			for j, c := range signedCols {
				signed[j] = rr.Cells[c]
			}
			r.signed[id] = signed
			continue
		}
		for c, v := range row {
			label := fillerKeys[l.Key(strings.TrimRight(strings.TrimSpace(v), ":："))]
			if label == "" {
				continue
			}
			// The input is the cell right of its label (they move together); empty when not filled.
			r.FillerAt[label] = excel.Cell(sheetRow-1, c+1)
			if c+1 < len(row) {
				if v := strings.TrimSpace(row[c+1]); v != "" && fillerKeys[l.Key(strings.TrimRight(v, ":："))] == "" {
					r.Filler[label] = v
				}
			}
		}
	}
}

// Verify checks the signature with the database's key. A duplicated row id makes it fail too.
func (r *Returned) Verify(key []byte) error {
	if !r.HasMeta {
		return ErrNoMeta
	}
	seen := map[string]bool{}
	for _, row := range r.Rows {
		if seen[row.ID] {
			return ErrBadSignature
		}
		seen[row.ID] = true
	}
	switch r.Meta.Format {
	case LedgerFormatV2:
	case LedgerFormatV1:
		if !signedV1Safe(r.Meta, r.signed) {
			return ErrBadSignature
		}
	default:
		return ErrBadSignature
	}
	want := Sign(key, r.Meta, r.signed)
	if !hmac.Equal([]byte(want), []byte(r.Meta.Signature)) {
		return ErrBadSignature
	}
	return nil
}

// ChangedLockedCell names the first locked cell of a returned ledger whose text differs from what
// the catalog says it should be, in either script: "單元格G5(目標值)被改為“30家”,原為“25家以上”".
// It returns "" when every locked cell matches.
func ChangedLockedCell(p *taizhang.Plan, agency string, r *Returned) string {
	rows := map[string]LedgerRow{}
	for _, row := range RowsFor(p, agency) {
		rows[row.ID()] = row
	}
	for _, to := range []taizhang.Script{p.Script, other(p.Script)} {
		l := templates.NewLabeler(to)
		text := func(s string) string { return l.Text(p.Script, s) }
		var first string
		mismatches := 0
		for _, got := range r.Rows {
			want, ok := rows[got.ID]
			if !ok {
				continue
			}
			cells := lockedCells(want, l, text)
			for _, c := range signedCols {
				if canon(got.Cells[c]) != canon(cells[c]) {
					mismatches++
					if first == "" {
						first = fmt.Sprintf(msgChangedCell, got.Cell(c), LedgerHeaders[c], got.Cells[c], cells[c])
					}
				}
			}
		}
		// The script the template was written in is the one with few differences.
		if mismatches > 0 && mismatches <= len(r.Rows) {
			return first
		}
		if mismatches == 0 {
			return ""
		}
	}
	return ""
}

func other(s taizhang.Script) taizhang.Script {
	if s == taizhang.Simplified {
		return taizhang.Traditional
	}
	return taizhang.Simplified
}

// AgencyLine reads the "填報單位:X    報告期:Y" line above a ledger's header: label → value.
func AgencyLine(book *excel.Book, sheet string) map[string]string {
	out := map[string]string{}
	rows, err := book.Rows(sheet)
	if err != nil {
		return out
	}
	l := templates.NewLabeler("")
	for i := 0; i < len(rows) && i < 10; i++ {
		for _, cell := range rows[i] {
			for _, part := range strings.Fields(strings.ReplaceAll(cell, "　", " ")) {
				k, _, ok := strings.Cut(l.Fold(part), ":")
				if !ok {
					continue
				}
				for _, label := range []string{"填報單位", "報告期"} {
					if l.Key(k) == l.Key(label) {
						// keep the original text of the value
						out[label] = string([]rune(part)[len([]rune(k))+1:])
					}
				}
			}
		}
	}
	return out
}
