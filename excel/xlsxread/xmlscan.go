package xlsxread

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// xmlScanner is a pull tokenizer over one XML part held in memory. It is not a general XML
// decoder: it resolves namespaces to the few the reader cares about and applies Markup
// Compatibility (mc:Ignorable, mc:AlternateContent) itself, so that the readers above it see
// only the elements Excel would act on. It is strict where Excel is: comments, CDATA,
// processing instructions, entity and character references are parsed by the XML 1.0 rules,
// characters XML forbids are refused, a DTD is refused (OPC forbids one), and any markup that
// is not well formed is an error, never a best guess.
type xmlScanner struct {
	b      []byte
	i      int
	err    error
	ns     []nsBinding
	ign    []string // namespace URIs declared ignorable, innermost last
	open   []openElem
	attrs  []xattr
	tok    xtoken
	endTok bool // the start tag just returned was empty (<x/>): its end comes next
	root   bool // the root element has been seen
	done   bool // the root element has closed
	strict bool // a Strict OOXML namespace was used
	// qualified: the start tag just read has a prefixed attribute or a declaration.
	qualified bool
	// def is the default namespace binding, good while defOK (no binding pushed or popped since).
	def   nsBinding
	defOK bool
}

// nsID names the namespaces the readers look at; every other one is nsOther or nsKnown.
type nsID uint8

const (
	nsNone   nsID = iota // no namespace: unprefixed attributes, elements without a default
	nsMain               // SpreadsheetML, transitional or Strict
	nsRel                // office document relationships (r:id)
	nsPkgRel             // package relationships (.rels parts)
	nsMC                 // Markup Compatibility
	nsXML                // the xml: prefix
	nsKnown              // another namespace Excel understands (x14, xr, drawingml…), nothing we read
	nsOther              // a namespace Excel does not know
)

const (
	uriMain       = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	uriMainStrict = "http://purl.oclc.org/ooxml/spreadsheetml/main"
	uriRel        = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	uriRelStrict  = "http://purl.oclc.org/ooxml/officeDocument/relationships"
	uriPkgRel     = "http://schemas.openxmlformats.org/package/2006/relationships"
	uriMC         = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	uriXML        = "http://www.w3.org/XML/1998/namespace"
)

func classify(uri string) nsID {
	switch uri {
	case uriMain, uriMainStrict:
		return nsMain
	case uriRel, uriRelStrict:
		return nsRel
	case uriPkgRel:
		return nsPkgRel
	case uriMC:
		return nsMC
	case uriXML:
		return nsXML
	case "":
		return nsNone
	}
	// Excel understands its own and the standard's other vocabularies; for choosing an
	// mc:Choice that is what matters, and none of them carries a cell value.
	for _, p := range []string{"http://schemas.openxmlformats.org/", "http://schemas.microsoft.com/office/", "http://purl.oclc.org/ooxml/"} {
		if strings.HasPrefix(uri, p) {
			return nsKnown
		}
	}
	return nsOther
}

type nsBinding struct {
	prefix, uri string
	id          nsID
}

// Roles of an open element: most are passed on; Markup Compatibility wrappers are not.
const (
	roleNormal  = iota
	roleSkip    // ignored with everything inside it (an ignorable element, an unchosen mc:Choice)
	roleUnwrap  // itself hidden, its children passed on (the chosen mc:Choice or mc:Fallback)
	roleAltCont // mc:AlternateContent: only mc:Choice and mc:Fallback may follow
)

// span is a range of the part's bytes. Tokens, names and attributes are spans, not slices:
// they hold no pointers, so the scanner's state is written without GC write barriers.
type span struct{ from, to int }

func (s *xmlScanner) bytes(sp span) []byte { return s.b[sp.from:sp.to] }

type openElem struct {
	qname, local    span
	nsMark, ignMark int
	role            uint8
	chosen          bool // for mc:AlternateContent: a branch was taken
	ns              nsID
}

type xattr struct {
	prefix, local span
	raw           span // the value as written, between the quotes
	ns            nsID
}

type tokKind uint8

const (
	tokStart tokKind = iota + 1
	tokEnd
	tokText
)

// xtoken is the current token.
type xtoken struct {
	kind   tokKind
	ns     nsID
	local  span
	raw    span // text: as written (or CDATA content)
	escape bool // text holds '&' or '\r' and must be decoded
	cdata  bool
}

// is reports whether the current token is element local of namespace ns (start or end).
func (s *xmlScanner) is(ns nsID, local string) bool {
	return s.tok.ns == ns && string(s.b[s.tok.local.from:s.tok.local.to]) == local
}

// lname is the current element's local name.
func (s *xmlScanner) lname() []byte { return s.bytes(s.tok.local) }

// xmlError is a part that is not well-formed XML, or that uses what OOXML forbids.
type xmlError struct {
	off   int
	err   error  // ErrMalformed, ErrForbiddenChar, ErrUnsupported or ErrBadRef
	msg   string // for developers (not shown to users)
	value string // what is wrong, in Chinese, when the error has it (the row of ErrBadRef)
}

func (e *xmlError) Error() string {
	return e.err.Error() + " at byte " + strconv.Itoa(e.off) + ": " + e.msg
}
func (e *xmlError) Unwrap() error { return e.err }

func newScanner(b []byte) *xmlScanner {
	s := &xmlScanner{b: b}
	if bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		s.i = 3
	} else if bytes.HasPrefix(b, []byte{0xFE, 0xFF}) || bytes.HasPrefix(b, []byte{0xFF, 0xFE}) {
		s.fail(ErrUnsupported, "UTF-16 part")
	}
	return s
}

func (s *xmlScanner) fail(err error, msg string) bool {
	if s.err == nil {
		s.err = &xmlError{off: s.i, err: err, msg: msg}
	}
	return false
}

// next moves to the next token the readers should see. It returns false at the end of the
// part or on an error (s.err).
func (s *xmlScanner) next() bool {
	for s.err == nil {
		if s.endTok {
			s.endTok = false
			if s.closeElem() {
				return true
			}
			continue
		}
		if s.i >= len(s.b) {
			if !s.done {
				return s.fail(ErrMalformed, "part ends inside an element")
			}
			return false
		}
		if s.b[s.i] != '<' {
			if s.text() {
				return true
			}
			continue
		}
		if s.markup() {
			return true
		}
	}
	return false
}

// skipping reports whether tokens are being dropped (inside an ignored element).
func (s *xmlScanner) skipping() bool {
	for i := len(s.open) - 1; i >= 0; i-- {
		switch s.open[i].role {
		case roleSkip:
			return true
		case roleNormal:
			return false
		}
	}
	return false
}

// text scans character data up to the next '<'. It returns true when a token is to be seen.
func (s *xmlScanner) text() bool {
	start := s.i
	esc, ok := s.chars('<', '<')
	if !ok {
		return false
	}
	raw := s.b[start:s.i]
	if len(s.open) == 0 || s.done {
		if len(bytes.TrimLeft(raw, " \t\r\n")) > 0 {
			return s.fail(ErrMalformed, "text outside the root element")
		}
		return false
	}
	top := s.open[len(s.open)-1]
	if top.role == roleAltCont {
		if len(bytes.TrimLeft(raw, " \t\r\n")) > 0 {
			return s.fail(ErrMalformed, "text inside mc:AlternateContent")
		}
		return false
	}
	if s.skipping() {
		return false
	}
	s.tok = xtoken{kind: tokText, raw: span{start, s.i}, escape: esc}
	return true
}

// charClass marks the bytes chars must look at: markup, references, line ends, forbidden
// control characters and the start of multi-byte sequences.
var charClass = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = c != '\t' && c != '\n'
	}
	for c := 0x80; c < 0x100; c++ {
		t[c] = true
	}
	t['<'], t['&'], t['>'], t['"'], t['\''], t[']'] = true, true, true, true, true, true
	return t
}()

// chars advances over characters up to stop1 or stop2 (without consuming that byte), checking
// each is a character XML 1.0 allows and each reference is well formed. It reports whether
// the text needs decoding ('&' or '\r' seen).
func (s *xmlScanner) chars(stop1, stop2 byte) (escape, ok bool) {
	b := s.b
	for s.i < len(b) {
		c := b[s.i]
		if !charClass[c] {
			s.i++
			continue
		}
		if c == stop1 || c == stop2 {
			return escape, true
		}
		switch {
		case c == '&':
			n, ok := s.reference()
			if !ok {
				return false, false
			}
			escape = true
			s.i += n
		case c == '\r':
			escape = true
			s.i++
		case c < 0x20:
			return false, s.fail(ErrForbiddenChar, "control character U+"+strconv.FormatInt(int64(c), 16))
		case c >= 0x80:
			r, size := utf8.DecodeRune(b[s.i:])
			if r == utf8.RuneError && size <= 1 {
				return false, s.fail(ErrMalformed, "invalid UTF-8")
			}
			if r == 0xFFFE || r == 0xFFFF {
				return false, s.fail(ErrForbiddenChar, "U+FFFE or U+FFFF")
			}
			s.i += size
		default:
			s.i++
		}
	}
	return escape, true
}

// reference checks the entity or character reference at s.i and returns its length.
func (s *xmlScanner) reference() (int, bool) {
	rest := s.b[s.i:]
	semi := bytes.IndexByte(rest[:min(len(rest), 64)], ';')
	if semi < 0 {
		return 0, s.fail(ErrMalformed, "'&' that starts no reference")
	}
	if _, err := refRune(rest[1:semi]); err != nil {
		return 0, s.fail(err, "reference &"+string(rest[1:semi])+";")
	}
	return semi + 1, true
}

// refRune decodes the body of a reference ("amp", "#38", "#x26").
func refRune(name []byte) (rune, error) {
	switch string(name) {
	case "lt":
		return '<', nil
	case "gt":
		return '>', nil
	case "amp":
		return '&', nil
	case "quot":
		return '"', nil
	case "apos":
		return '\'', nil
	}
	if len(name) == 0 || name[0] != '#' {
		return 0, ErrUnsupported // an entity only a DTD could define
	}
	if len(name) < 2 {
		return 0, ErrMalformed
	}
	var n uint64
	var err error
	if name[1] == 'x' {
		n, err = strconv.ParseUint(string(name[2:]), 16, 32)
	} else {
		n, err = strconv.ParseUint(string(name[1:]), 10, 32)
	}
	if err != nil {
		return 0, ErrMalformed
	}
	r := rune(n)
	if !xmlChar(r) {
		return 0, ErrForbiddenChar
	}
	return r, nil
}

// xmlChar is XML 1.0's Char production.
func xmlChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// markup handles what starts with '<'. It returns true when a token is to be seen.
func (s *xmlScanner) markup() bool {
	rest := s.b[s.i:]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		return s.comment()
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		return s.cdata()
	case bytes.HasPrefix(rest, []byte("<!")):
		return s.fail(ErrUnsupported, "DTD or declaration") // OPC: a part shall not use a DTD
	case bytes.HasPrefix(rest, []byte("<?")):
		return s.pi()
	case bytes.HasPrefix(rest, []byte("</")):
		return s.endTag()
	}
	return s.startTag()
}

func (s *xmlScanner) comment() bool {
	s.i += 4
	j := bytes.Index(s.b[s.i:], []byte("--"))
	if j < 0 {
		return s.fail(ErrMalformed, "unterminated comment")
	}
	end := s.i + j
	if _, ok := s.charsIn(s.i, end); !ok {
		return false
	}
	if end+2 >= len(s.b) || s.b[end+2] != '>' {
		s.i = end
		return s.fail(ErrMalformed, "'--' inside a comment")
	}
	s.i = end + 3
	return false
}

// charsIn checks the characters of b[from:to] (no references: comments, CDATA, PIs).
func (s *xmlScanner) charsIn(from, to int) (bool, bool) {
	cr := false
	for i := from; i < to; {
		c := s.b[i]
		switch {
		case c == '\r':
			cr = true
			i++
		case c < 0x20 && c != '\t' && c != '\n':
			s.i = i
			return false, s.fail(ErrForbiddenChar, "control character")
		case c >= 0x80:
			r, size := utf8.DecodeRune(s.b[i:to])
			if r == utf8.RuneError && size <= 1 {
				s.i = i
				return false, s.fail(ErrMalformed, "invalid UTF-8")
			}
			if r == 0xFFFE || r == 0xFFFF {
				s.i = i
				return false, s.fail(ErrForbiddenChar, "U+FFFE or U+FFFF")
			}
			i += size
		default:
			i++
		}
	}
	return cr, true
}

func (s *xmlScanner) cdata() bool {
	if len(s.open) == 0 || s.done {
		return s.fail(ErrMalformed, "CDATA outside the root element")
	}
	start := s.i + len("<![CDATA[")
	j := bytes.Index(s.b[start:], []byte("]]>"))
	if j < 0 {
		return s.fail(ErrMalformed, "unterminated CDATA section")
	}
	cr, ok := s.charsIn(start, start+j)
	if !ok {
		return false
	}
	s.i = start + j + 3
	if s.open[len(s.open)-1].role == roleAltCont {
		return s.fail(ErrMalformed, "CDATA inside mc:AlternateContent")
	}
	if s.skipping() {
		return false
	}
	s.tok = xtoken{kind: tokText, raw: span{start, start + j}, escape: cr, cdata: true}
	return true
}

func (s *xmlScanner) pi() bool {
	start := s.i
	j := bytes.Index(s.b[s.i+2:], []byte("?>"))
	if j < 0 {
		return s.fail(ErrMalformed, "unterminated processing instruction")
	}
	body := s.b[s.i+2 : s.i+2+j]
	if _, ok := s.charsIn(s.i+2, s.i+2+j); !ok {
		return false
	}
	target := body
	if k := bytes.IndexAny(body, " \t\r\n"); k >= 0 {
		target = body[:k]
	}
	if len(target) == 0 {
		return s.fail(ErrMalformed, "processing instruction without a target")
	}
	if strings.EqualFold(string(target), "xml") {
		if start != 0 && !(start == 3 && bytes.HasPrefix(s.b, []byte("\xEF\xBB\xBF"))) {
			return s.fail(ErrMalformed, "XML declaration not at the start")
		}
		if enc := pseudoAttr(body, "encoding"); enc != "" && !strings.EqualFold(enc, "utf-8") && !strings.EqualFold(enc, "utf8") {
			return s.fail(ErrUnsupported, "encoding "+enc)
		}
	}
	s.i += 2 + j + 2
	return false
}

// pseudoAttr reads encoding="…" from an XML declaration.
func pseudoAttr(body []byte, name string) string {
	i := bytes.Index(body, []byte(name))
	if i < 0 {
		return ""
	}
	rest := bytes.TrimLeft(body[i+len(name):], " \t\r\n")
	if len(rest) == 0 || rest[0] != '=' {
		return ""
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	end := bytes.IndexByte(rest[1:], rest[0])
	if end < 0 {
		return ""
	}
	return string(rest[1 : 1+end])
}
