package xlsxread

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

// Workbook is an xlsx package opened for reading: its sheet names and shared strings are read
// by Open; each sheet is read on demand (Sheet), once. Each part is inflated at
// most once and each sheet parsed at most once; every step is bounded by Limits and by the
// context given to Open.
type Workbook struct {
	ctx      context.Context
	files    map[string]*zip.File // by normalised name
	sheets   []sheetRef
	shared   []string
	lim      Limits
	parsed   map[string]*Sheet // by part
	inflated int64
	strict   bool
	date1904 bool // dates count from 1904-01-01 (Excel for Mac before 2011, some exports)
	styles   *styleTable
	stylesAt string // the styles part, "" when there is none
	// Parts are inflated into these, one file's worth of memory reused part after part: what is
	// read out of a part is copied, so a part's bytes are dead once it is scanned. Styles are read
	// while a sheet is scanned, hence two.
	partBuf, styleBuf []byte
}

type sheetRef struct{ name, state, part string }

func normPart(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

func open(ctx context.Context, zr *zip.Reader, lim Limits) (*Workbook, error) {
	l := &Workbook{ctx: ctx, files: map[string]*zip.File{}, lim: lim, parsed: map[string]*Sheet{}}
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
			return nil, &Error{Err: ErrNotWorkbook, Hint: fmt.Sprintf(hintNoSheetPart, e.name)}
		}
		l.sheets = append(l.sheets, sheetRef{name: e.name, state: e.state, part: part})
	}
	if len(l.sheets) == 0 {
		return nil, &Error{Err: ErrNotWorkbook, Hint: hintNoSheets}
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

// read inflates one part within the per-part and per-file limits and the context, into partBuf:
// the bytes are good until the next read.
func (l *Workbook) read(name string) ([]byte, error) { return l.readInto(name, &l.partBuf) }

// readInto inflates one part into *buf, grown as needed.
func (l *Workbook) readInto(name string, buf *[]byte) ([]byte, error) {
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
	if uint64(cap(*buf)) < f.UncompressedSize64 {
		*buf = make([]byte, f.UncompressedSize64)
	}
	data := (*buf)[:f.UncompressedSize64]
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
	var one [1]byte
	if n, err := rc.Read(one[:]); n != 0 || err != io.EOF {
		return nil, corrupt(name, fmt.Errorf("part longer than declared or damaged: %v", err))
	}
	l.inflated += int64(len(data))
	return data, nil
}

func corrupt(part string, err error) error {
	return &Error{Err: ErrNotWorkbook, Hint: fmt.Sprintf(hintCorrupt, part)}
}

func timeout(err error) error {
	return &Error{Err: ErrTimeout, Hint: hintTimeout}
}

func resolve(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return normPart(target)
	}
	return normPart(path.Join(dir, target))
}

func (l *Workbook) rels(name string) ([]rel, error) {
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

func (l *Workbook) workbook(part string) ([]sheetEntry, error) {
	data, err := l.read(part)
	if errors.Is(err, errNoPart) {
		return nil, &Error{Err: ErrNotWorkbook, Hint: hintNoWorkbook}
	}
	if err != nil {
		return nil, err
	}
	var out []sheetEntry
	s := newScanner(data)
	err = s.children(nsMain, "workbook", func() error {
		if s.is(nsMain, "workbookPr") {
			v, _ := s.attr(nsNone, "date1904")
			v = strings.TrimSpace(v) // xsd:boolean: white space collapses
			l.date1904 = v == "1" || v == "true"
		}
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

// partError turns a scanner error into an Error that names the part.
func partError(part string, err error) error {
	var xe *xmlError
	if !errors.As(err, &xe) {
		return err
	}
	return &Error{Err: xe.err, Hint: fmt.Sprintf(xmlHints[xe.err], part)}
}

// Sheet reads a sheet by name, the first time it is asked for; other names for the same part
// share the result. Any fault in the sheet is an error: there is no partial read.
func (l *Workbook) Sheet(name string) (*Sheet, error) {
	for _, s := range l.sheets {
		if s.name != name {
			continue
		}
		if r, ok := l.parsed[s.part]; ok {
			return r, nil
		}
		if len(l.parsed) >= l.lim.Sheets {
			return nil, inSheet(name, tooLarge(hintSheets, l.lim.Sheets))
		}
		data, err := l.read(s.part)
		if errors.Is(err, errNoPart) {
			return nil, &Error{Sheet: name, Err: ErrNotWorkbook, Hint: fmt.Sprintf(hintNoPart, s.part)}
		}
		if err != nil {
			return nil, inSheet(name, err)
		}
		r, err := l.scanSheet(data)
		if err != nil {
			return nil, inSheet(name, err)
		}
		l.parsed[s.part] = r
		return r, nil
	}
	return nil, &Error{Sheet: name, Err: ErrNoSheet}
}

// inSheet names the sheet in an Error.
func inSheet(name string, err error) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	c := *e
	c.Sheet = name
	return &c
}

// Sheets lists the sheet names in workbook order.
func (l *Workbook) Sheets() []string {
	names := make([]string, len(l.sheets))
	for i, s := range l.sheets {
		names[i] = s.name
	}
	return names
}

// Strict reports a workbook saved as Strict Open XML (ISO/IEC 29500 Strict).
func (l *Workbook) Strict() bool { return l.strict }

// Date1904 reports a workbook in the 1904 date system: a date's serial number counts days from
// 1904-01-01, not from 1899-12-30 (workbookPr date1904).
func (l *Workbook) Date1904() bool { return l.date1904 }
