package excel

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"
)

// lean reads what a ledger needs (sheet names, shared strings, cell values and which cells hold
// formulas) straight from the package, part by part on demand, with a scanner in place of a
// general XML decoder for the two large parts. It handles what Excel, WPS, LibreOffice and
// excelize write; anything unexpected is an error, and the caller falls back to excelize.
type lean struct {
	files  map[string]*zip.File // by normalised name
	sheets []leanSheet
	shared []string
	lim    Limits
	parsed map[string]*leanRows
}

type leanSheet struct{ name, state, part string }

type leanRows struct {
	rows     [][]string
	formulas map[string]string // cell → formula text ("=" when shared)
}

var errLean = errors.New("excel: not for the lean reader")

func normPart(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

func openLean(zr *zip.Reader, lim Limits) (*lean, error) {
	l := &lean{files: map[string]*zip.File{}, lim: lim, parsed: map[string]*leanRows{}}
	for _, f := range zr.File {
		l.files[normPart(f.Name)] = f
	}
	wbPart := "xl/workbook.xml"
	if rels, err := l.rels("_rels/.rels"); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPart = resolve("", r.Target)
			}
		}
	}
	if strings.Contains(wbPart, "purl.oclc.org") {
		return nil, errLean
	}
	data, err := l.read(wbPart)
	if err != nil {
		return nil, err
	}
	type sheetEntry struct{ name, state, rid string }
	var entries []sheetEntry
	sc := &scanner{b: data}
	for {
		name, closing, _, attrs, ok := sc.next()
		if !ok {
			break
		}
		switch {
		case name == "workbook" && !closing:
			if ns := attr(attrs, "xmlns"); ns != "http://schemas.openxmlformats.org/spreadsheetml/2006/main" && ns != "" {
				return nil, errLean // Strict OOXML and the like: excelize knows them
			}
		case name == "sheet" && !closing:
			entries = append(entries, sheetEntry{attr(attrs, "name"), attr(attrs, "state"), attr(attrs, "id")})
		}
	}
	dir := path.Dir(wbPart)
	rels, err := l.rels(path.Join(dir, "_rels", path.Base(wbPart)+".rels"))
	if err != nil {
		return nil, err
	}
	target := map[string]string{}
	for _, r := range rels {
		target[r.ID] = resolve(dir, r.Target)
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			if data, err := l.read(target[r.ID]); err == nil {
				if l.shared, err = scanShared(data); err != nil {
					return nil, err
				}
			} else if !errors.Is(err, errNoPart) {
				return nil, err
			}
		}
	}
	for _, e := range entries {
		if e.rid == "" || target[e.rid] == "" {
			return nil, errLean
		}
		l.sheets = append(l.sheets, leanSheet{name: e.name, state: e.state, part: target[e.rid]})
	}
	if len(l.sheets) == 0 {
		return nil, errLean
	}
	return l, nil
}

type rel struct{ ID, Type, Target string }

func (l *lean) rels(name string) ([]rel, error) {
	data, err := l.read(name)
	if err != nil {
		return nil, err
	}
	var out []rel
	sc := &scanner{b: data}
	for {
		tag, closing, _, attrs, ok := sc.next()
		if !ok {
			return out, nil
		}
		if tag == "Relationship" && !closing {
			out = append(out, rel{attr(attrs, "Id"), attr(attrs, "Type"), attr(attrs, "Target")})
		}
	}
}

func resolve(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return normPart(target)
	}
	return normPart(path.Join(dir, target))
}

var errNoPart = errors.New("excel: part missing")

func (l *lean) read(name string) ([]byte, error) {
	f := l.files[normPart(name)]
	if f == nil {
		return nil, errNoPart
	}
	if f.UncompressedSize64 > uint64(l.lim.UnzipXMLSize) {
		return nil, ErrTooLarge
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, l.lim.UnzipXMLSize+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > l.lim.UnzipXMLSize {
		return nil, ErrTooLarge
	}
	return data, nil
}

func (l *lean) sheet(name string) (*leanRows, error) {
	if r, ok := l.parsed[name]; ok {
		return r, nil
	}
	for _, s := range l.sheets {
		if s.name == name {
			data, err := l.read(s.part)
			if err != nil {
				return nil, err
			}
			r, err := scanSheet(data, l.shared, l.lim)
			if err != nil {
				return nil, err
			}
			l.parsed[name] = r
			return r, nil
		}
	}
	return nil, ErrNoSheet
}

// scanner walks XML tags and text without building a tree.
type scanner struct {
	b []byte
	i int
}

// next moves to the next tag and returns its local name (without a namespace prefix), whether it
// closes ("</x>"), whether it is empty ("<x/>"), and its attributes' raw text.
func (s *scanner) next() (name string, closing, empty bool, attrs []byte, ok bool) {
	for {
		j := bytes.IndexByte(s.b[s.i:], '<')
		if j < 0 {
			return "", false, false, nil, false
		}
		s.i += j + 1
		if s.i >= len(s.b) {
			return "", false, false, nil, false
		}
		switch s.b[s.i] {
		case '?', '!': // declarations, comments: skip to '>'
			k := bytes.IndexByte(s.b[s.i:], '>')
			if k < 0 {
				return "", false, false, nil, false
			}
			if bytes.HasPrefix(s.b[s.i:], []byte("![CDATA[")) {
				return "", false, false, nil, false // not written by the producers we read; let excelize handle it
			}
			s.i += k + 1
			continue
		case '/':
			closing = true
			s.i++
		}
		k := bytes.IndexByte(s.b[s.i:], '>')
		if k < 0 {
			return "", false, false, nil, false
		}
		tag := s.b[s.i : s.i+k]
		s.i += k + 1
		if len(tag) > 0 && tag[len(tag)-1] == '/' {
			empty = true
			tag = tag[:len(tag)-1]
		}
		end := bytes.IndexAny(tag, " \t\r\n")
		nameBytes := tag
		if end >= 0 {
			nameBytes, attrs = tag[:end], tag[end:]
		}
		if c := bytes.IndexByte(nameBytes, ':'); c >= 0 {
			nameBytes = nameBytes[c+1:]
		}
		return string(nameBytes), closing, empty, attrs, true
	}
}

// text returns the unescaped text up to the next tag.
func (s *scanner) text() (string, error) {
	j := bytes.IndexByte(s.b[s.i:], '<')
	if j < 0 {
		return "", errLean
	}
	raw := s.b[s.i : s.i+j]
	s.i += j
	return unescape(raw)
}

func attr(attrs []byte, key string) string {
	for len(attrs) > 0 {
		attrs = bytes.TrimLeft(attrs, " \t\r\n")
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			return ""
		}
		k := bytes.TrimSpace(attrs[:eq])
		rest := bytes.TrimLeft(attrs[eq+1:], " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return ""
		}
		q := rest[0]
		end := bytes.IndexByte(rest[1:], q)
		if end < 0 {
			return ""
		}
		if c := bytes.IndexByte(k, ':'); c >= 0 {
			k = k[c+1:]
		}
		if string(k) == key {
			v, _ := unescape(rest[1 : 1+end])
			return v
		}
		attrs = rest[2+end:]
	}
	return ""
}

func unescape(b []byte) (string, error) {
	if bytes.IndexByte(b, '\r') >= 0 { // XML end-of-line handling: CRLF and CR read as LF
		b = bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
	}
	if bytes.IndexByte(b, '&') < 0 {
		if !utf8.Valid(b) {
			return "", errLean
		}
		return string(b), nil
	}
	var sb strings.Builder
	for len(b) > 0 {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			sb.Write(b)
			break
		}
		sb.Write(b[:i])
		b = b[i:]
		semi := bytes.IndexByte(b, ';')
		if semi < 0 || semi > 12 {
			return "", errLean
		}
		ent := string(b[1:semi])
		b = b[semi+1:]
		switch ent {
		case "lt":
			sb.WriteByte('<')
		case "gt":
			sb.WriteByte('>')
		case "amp":
			sb.WriteByte('&')
		case "quot":
			sb.WriteByte('"')
		case "apos":
			sb.WriteByte('\'')
		default:
			if !strings.HasPrefix(ent, "#") {
				return "", errLean // a DTD entity: not in a workbook we accept
			}
			var n uint64
			var err error
			if strings.HasPrefix(ent, "#x") || strings.HasPrefix(ent, "#X") {
				n, err = strconv.ParseUint(ent[2:], 16, 32)
			} else {
				n, err = strconv.ParseUint(ent[1:], 10, 32)
			}
			if err != nil {
				return "", errLean
			}
			sb.WriteRune(rune(n))
		}
	}
	return sb.String(), nil
}

// scanShared reads sharedStrings.xml: the text of each <si>, runs joined, phonetic runs left out.
func scanShared(data []byte) ([]string, error) {
	s := &scanner{b: data}
	var out []string
	var cur strings.Builder
	inSI, inPh := false, false
	for {
		name, closing, empty, _, ok := s.next()
		if !ok {
			break
		}
		switch {
		case name == "si" && !closing && !empty:
			inSI = true
			cur.Reset()
		case name == "si" && (closing || empty):
			out = append(out, cur.String())
			inSI = false
		case name == "rPh":
			inPh = !closing && !empty
		case name == "t" && !closing && !empty && inSI && !inPh:
			t, err := s.text()
			if err != nil {
				return nil, err
			}
			cur.WriteString(t)
		}
	}
	return out, nil
}

// scanSheet reads a worksheet's cells into rows (raw values, the way excelize's RawCellValue
// reads them) and notes which cells hold formulas.
func scanSheet(data []byte, shared []string, lim Limits) (*leanRows, error) {
	s := &scanner{b: data}
	out := &leanRows{formulas: map[string]string{}}
	row, col := 0, 0
	inData := false
	var cellRef, cellType, value string
	var isText strings.Builder
	inCell, inIS := false, false
	for {
		name, closing, empty, attrs, ok := s.next()
		if !ok {
			break
		}
		if !inData {
			if name == "sheetData" && !closing {
				if empty {
					break
				}
				inData = true
			}
			continue
		}
		switch name {
		case "sheetData":
			if closing {
				return out, nil
			}
		case "row":
			if closing {
				continue
			}
			if r := attr(attrs, "r"); r != "" {
				n, err := strconv.Atoi(r)
				if err != nil || n <= row {
					return nil, errLean
				}
				row = n
			} else {
				row++
			}
			if row > lim.Rows {
				return nil, ErrTooLarge
			}
			col = 0
		case "c":
			if closing {
				if inCell {
					if err := out.put(row, col, cellRef, cellType, value, isText.String(), shared, lim); err != nil {
						return nil, err
					}
				}
				inCell = false
				continue
			}
			cellRef, cellType, value = attr(attrs, "r"), attr(attrs, "t"), ""
			isText.Reset()
			if cellRef != "" {
				c, r, err := splitRef(cellRef)
				if err != nil || r != row {
					return nil, errLean
				}
				col = c
			} else {
				col++
				cellRef = Cell(row-1, col-1)
			}
			if empty {
				continue
			}
			inCell = true
		case "v":
			if !closing && !empty && inCell {
				t, err := s.text()
				if err != nil {
					return nil, err
				}
				value = t
			}
		case "f":
			if closing || !inCell {
				continue
			}
			out.formulas[cellRef] = "="
			if !empty {
				t, err := s.text()
				if err != nil {
					return nil, err
				}
				if t != "" {
					out.formulas[cellRef] = t
				}
			}
		case "is":
			inIS = !closing && !empty
		case "t":
			if inIS && !closing && !empty {
				t, err := s.text()
				if err != nil {
					return nil, err
				}
				isText.WriteString(t)
			}
		case "rPh":
			if inIS && !closing && !empty {
				// phonetic text inside an inline string: skip to its end
				end := bytes.Index(s.b[s.i:], []byte("rPh>"))
				if end < 0 {
					return nil, errLean
				}
				s.i += end + 4
			}
		}
	}
	if inData {
		return nil, errLean // truncated sheet
	}
	return out, nil
}

func (out *leanRows) put(row, col int, ref, typ, v, is string, shared []string, lim Limits) error {
	var val string
	switch typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(shared) {
			return errLean
		}
		val = shared[i]
	case "inlineStr":
		val = is
	default: // n, str, b, e, d: the value as written
		val = v
	}
	if val == "" || col > lim.Cols {
		return nil
	}
	for len(out.rows) < row {
		out.rows = append(out.rows, nil)
	}
	r := out.rows[row-1]
	for len(r) < col {
		r = append(r, "")
	}
	r[col-1] = val
	out.rows[row-1] = r
	return nil
}

// splitRef reads "AB12" as column 28, row 12.
func splitRef(ref string) (col, row int, err error) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	if i == 0 || i == len(ref) || col > 16384 {
		return 0, 0, fmt.Errorf("bad cell reference %q", ref)
	}
	row, err = strconv.Atoi(ref[i:])
	if err != nil || row <= 0 {
		return 0, 0, fmt.Errorf("bad cell reference %q", ref)
	}
	return col, row, nil
}
