package excel

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"
)

// lean reads what a ledger needs (sheet names, shared strings, cell values, which cells hold
// formulas, which hold dates or booleans) straight from the package, part by part on demand,
// with xmlScanner in place of a general XML decoder. Each part is inflated at most once and
// each sheet parsed at most once; every step is bounded by Limits and by the context.
type lean struct {
	ctx      context.Context
	files    map[string]*zip.File // by normalised name
	sheets   []leanSheet
	shared   []string
	lim      Limits
	parsed   map[string]*leanRows // by part
	inflated int64
	strict   bool
	styles   *styleTable
	stylesAt string // the styles part, "" when there is none
}

type leanSheet struct{ name, state, part string }

// leanRows is one sheet as read: raw values row by row, and what else ingest must know.
type leanRows struct {
	rows     [][]string
	formulas map[string]string   // cell → formula text ("=" when shared)
	kinds    map[string]CellKind // cells that hold a boolean, a date or an error
	problems []*CellError        // cells that could not be read (shared-string index out of range)
	content  int                 // rows with at least one non-empty cell
	cells    int
}

func normPart(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

func openLean(ctx context.Context, zr *zip.Reader, lim Limits) (*lean, error) {
	l := &lean{ctx: ctx, files: map[string]*zip.File{}, lim: lim, parsed: map[string]*leanRows{}}
	for _, f := range zr.File {
		l.files[normPart(f.Name)] = f
	}
	wbPart := "xl/workbook.xml"
	if rels, err := l.rels("_rels/.rels"); err == nil {
		for _, r := range rels {
			if r.kind() == "officeDocument" {
				wbPart = resolve("", r.Target)
			}
		}
	} else if !errors.Is(err, errNoPart) {
		return nil, err
	}
	entries, err := l.workbook(wbPart)
	if err != nil {
		return nil, err
	}
	dir := path.Dir(wbPart)
	rels, err := l.rels(path.Join(dir, "_rels", path.Base(wbPart)+".rels"))
	if err != nil {
		return nil, err
	}
	target := map[string]string{}
	sharedAt := ""
	for _, r := range rels {
		target[r.ID] = resolve(dir, r.Target)
		switch r.kind() {
		case "sharedStrings":
			sharedAt = target[r.ID]
		case "styles":
			l.stylesAt = target[r.ID]
		}
	}
	for _, e := range entries {
		part := target[e.rid]
		if part == "" {
			return nil, &CellError{Err: ErrNotWorkbook, Hint: fmt.Sprintf("工作表“%s”沒有對應的內容部件,文件已損壞;請用Excel重新保存後再發送", e.name)}
		}
		l.sheets = append(l.sheets, leanSheet{name: e.name, state: e.state, part: part})
	}
	if len(l.sheets) == 0 {
		return nil, &CellError{Err: ErrNotWorkbook, Hint: "工作簿中沒有工作表"}
	}
	if sharedAt != "" {
		if l.shared, err = l.scanShared(sharedAt); err != nil && !errors.Is(err, errNoPart) {
			return nil, err
		}
	}
	return l, nil
}

type rel struct{ ID, Type, Target string }

// kind is the last segment of a relationship type, the same in transitional and Strict OOXML.
func (r rel) kind() string { return r.Type[strings.LastIndexByte(r.Type, '/')+1:] }

var errNoPart = errors.New("excel: part missing")

// read inflates one part, once, within the per-part and per-file limits and the context.
func (l *lean) read(name string) ([]byte, error) {
	f := l.files[normPart(name)]
	if f == nil {
		if u, err := url.PathUnescape(name); err == nil && u != name {
			f = l.files[normPart(u)]
		}
		if f == nil {
			return nil, errNoPart
		}
	}
	if f.UncompressedSize64 > uint64(l.lim.UnzipXMLSize) {
		return nil, tooLarge(hintPart, name, l.lim.UnzipXMLSize>>20)
	}
	if l.inflated+int64(f.UncompressedSize64) > l.lim.UnzipSize {
		return nil, tooLarge(hintUnzip, l.lim.UnzipSize>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, corrupt(name, err)
	}
	defer rc.Close()
	// archive/zip refuses to inflate past the declared size, so the declared size is the bound:
	// the part is read into a buffer of exactly that size, a megabyte at a time, and then to EOF,
	// where archive/zip checks the CRC.
	data := make([]byte, f.UncompressedSize64)
	for off := 0; off < len(data); {
		if err := l.ctx.Err(); err != nil {
			return nil, timeout(err)
		}
		n, err := io.ReadFull(rc, data[off:min(len(data), off+1<<20)])
		off += n
		if err != nil {
			return nil, corrupt(name, err)
		}
	}
	if n, err := rc.Read(make([]byte, 1)); n != 0 || err != io.EOF {
		return nil, corrupt(name, fmt.Errorf("part longer than declared or damaged: %v", err))
	}
	l.inflated += int64(len(data))
	return data, nil
}

func corrupt(part string, err error) error {
	return &CellError{Err: ErrNotWorkbook, Hint: fmt.Sprintf(hintCorrupt, part)}
}

func timeout(err error) error {
	return &CellError{Err: ErrTimeout, Hint: hintTimeout}
}

func resolve(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return normPart(target)
	}
	return normPart(path.Join(dir, target))
}

func (l *lean) rels(name string) ([]rel, error) {
	data, err := l.read(name)
	if err != nil {
		return nil, err
	}
	var out []rel
	s := newScanner(data)
	err = s.children(nsPkgRel, "Relationships", func() error {
		if !s.is(nsPkgRel, "Relationship") {
			return nil
		}
		if len(out) == maxSheetEntries*4 {
			return tooLarge(hintSheetEntries, maxSheetEntries)
		}
		if mode, _ := s.attr(nsNone, "TargetMode"); mode == "External" {
			return nil
		}
		id, _ := s.attr(nsNone, "Id")
		typ, _ := s.attr(nsNone, "Type")
		target, _ := s.attr(nsNone, "Target")
		out = append(out, rel{id, typ, target})
		return nil
	})
	return out, partError(name, err)
}

type sheetEntry struct{ name, state, rid string }

// maxSheetEntries bounds the sheets a workbook may list (Excel's own limit is memory; a ledger
// has three). Listing them is cheap, but a 64 MB workbook part could list a million.
const maxSheetEntries = 4096

func (l *lean) workbook(part string) ([]sheetEntry, error) {
	data, err := l.read(part)
	if errors.Is(err, errNoPart) {
		return nil, &CellError{Err: ErrNotWorkbook, Hint: "壓縮包中沒有工作簿內容(可能是Numbers、ODS或其他格式),請另存為.xlsx"}
	}
	if err != nil {
		return nil, err
	}
	var out []sheetEntry
	s := newScanner(data)
	err = s.children(nsMain, "workbook", func() error {
		if !s.is(nsMain, "sheets") {
			return nil
		}
		return s.children(nsMain, "", func() error {
			if s.is(nsMain, "sheet") {
				if len(out) == maxSheetEntries {
					return tooLarge(hintSheetEntries, maxSheetEntries)
				}
				name, _ := s.attr(nsNone, "name")
				state, _ := s.attr(nsNone, "state")
				rid, _ := s.attr(nsRel, "id")
				out = append(out, sheetEntry{name, state, rid})
			}
			return nil
		})
	})
	l.strict = s.strict
	return out, partError(part, err)
}

// children calls visit at the start of each child element of the element just started (or,
// with a root name, of the part's root element, which must be that element). visit may
// consume the child; what it leaves is skipped.
func (s *xmlScanner) children(ns nsID, root string, visit func() error) error {
	if root != "" {
		for s.next() && s.tok.kind == tokText {
		}
		if s.err != nil {
			return s.err
		}
		if s.tok.kind != tokStart || s.tok.ns != ns || string(s.lname()) != root {
			return &xmlError{off: s.i, err: ErrMalformed, msg: "root element is not " + root}
		}
	}
	depth := len(s.open)
	for s.next() {
		switch s.tok.kind {
		case tokEnd:
			if len(s.open) < depth {
				return nil
			}
		case tokStart:
			at := len(s.open)
			if err := visit(); err != nil {
				return err
			}
			if s.err != nil {
				return s.err
			}
			if len(s.open) == at && s.tok.kind == tokStart { // visit left the child open
				if !s.skip() {
					return s.err
				}
			}
		}
	}
	if s.err != nil {
		return s.err
	}
	return &xmlError{off: s.i, err: ErrMalformed, msg: "part ends early"}
}

// partError turns a scanner error into a CellError that names the part.
func partError(part string, err error) error {
	var xe *xmlError
	if !errors.As(err, &xe) {
		return err
	}
	return &CellError{Err: xe.err, Hint: fmt.Sprintf(xmlHints[xe.err], part)}
}

// sheet parses a sheet's part once; other names for the same part share the result.
func (l *lean) sheet(name string) (*leanRows, error) {
	for _, s := range l.sheets {
		if s.name != name {
			continue
		}
		if r, ok := l.parsed[s.part]; ok {
			return r, nil
		}
		if len(l.parsed) >= l.lim.Sheets {
			return nil, tooLarge(hintSheets, l.lim.Sheets)
		}
		data, err := l.read(s.part)
		if errors.Is(err, errNoPart) {
			return nil, &CellError{Err: ErrNotWorkbook, Hint: fmt.Sprintf(hintNoPart, s.part)}
		}
		if err != nil {
			return nil, err
		}
		r, err := l.scanSheet(data)
		if err != nil {
			return nil, err
		}
		l.parsed[s.part] = r
		return r, nil
	}
	return nil, ErrNoSheet
}
