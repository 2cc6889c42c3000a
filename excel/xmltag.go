package excel

import (
	"bytes"
	"strings"
)

// nsDecl marks an attribute that declares a namespace: it is never an attribute of the element.
const nsDecl nsID = 255

// maxDepth and maxAttrs bound the scanner's own memory whatever a part holds (a worksheet nests
// six deep and its root has a few dozen declarations): 64 MB of "<a>" would otherwise open
// 21 million elements.
const (
	maxDepth = 256
	maxAttrs = 1024
)

// startTag reads "<name attr='v'…>" or "<name…/>", declares its namespaces and applies Markup
// Compatibility. It returns true when the element is to be seen.
func (s *xmlScanner) startTag() bool {
	if s.done {
		return s.fail(ErrMalformed, "a second root element")
	}
	if len(s.open) >= maxDepth {
		return s.fail(ErrUnsupported, "elements nested too deep")
	}
	s.i++
	qname, ok := s.name()
	if !ok {
		return false
	}
	empty, ok := s.attributes()
	if !ok {
		return false
	}
	e := openElem{qname: qname, nsMark: len(s.ns), ignMark: len(s.ign)}
	if !s.declare() {
		return false
	}
	prefix, local, ok := s.splitQName(qname)
	if !ok {
		return false
	}
	b, ok := s.lookup(s.bytes(prefix))
	if !ok {
		return s.fail(ErrMalformed, "undeclared prefix "+string(s.bytes(prefix)))
	}
	e.ns, e.local = b.id, local
	if !s.compat() {
		return false
	}
	if e.role, ok = s.role(b, local); !ok {
		return false
	}
	// The marks were taken before this element's declarations: restore them when it closes.
	s.open = append(s.open, e)
	s.root = true
	s.endTok = empty
	if e.role != roleNormal {
		return false
	}
	s.tok = xtoken{kind: tokStart, ns: b.id, local: local}
	return true
}

// attributes reads the attributes of a start tag into s.attrs, up to its '>' or "/>".
func (s *xmlScanner) attributes() (empty, ok bool) {
	s.attrs = s.attrs[:0]
	for {
		sp := s.space()
		if s.i >= len(s.b) {
			return false, s.fail(ErrMalformed, "unterminated tag")
		}
		switch s.b[s.i] {
		case '>':
			s.i++
			return false, true
		case '/':
			if s.i+1 < len(s.b) && s.b[s.i+1] == '>' {
				s.i += 2
				return true, true
			}
			return false, s.fail(ErrMalformed, "'/' inside a tag")
		}
		if !sp {
			return false, s.fail(ErrMalformed, "attributes not separated by white space")
		}
		an, ok := s.name()
		if !ok {
			return false, false
		}
		s.space()
		if s.i >= len(s.b) || s.b[s.i] != '=' {
			return false, s.fail(ErrMalformed, "attribute without a value")
		}
		s.i++
		s.space()
		if s.i >= len(s.b) || (s.b[s.i] != '"' && s.b[s.i] != '\'') {
			return false, s.fail(ErrMalformed, "attribute value without quotes")
		}
		q := s.b[s.i]
		s.i++
		from := s.i
		if _, ok := s.chars(q, '<'); !ok {
			return false, false
		}
		if s.i >= len(s.b) || s.b[s.i] != q {
			return false, s.fail(ErrMalformed, "'<' or the end of the part inside an attribute value")
		}
		raw := span{from, s.i}
		s.i++
		prefix, local, ok := s.splitQName(an)
		if !ok {
			return false, false
		}
		for _, a := range s.attrs {
			if bytes.Equal(s.bytes(a.local), s.bytes(local)) && bytes.Equal(s.bytes(a.prefix), s.bytes(prefix)) {
				return false, s.fail(ErrMalformed, "attribute "+string(s.bytes(an))+" given twice")
			}
		}
		if len(s.attrs) == maxAttrs {
			return false, s.fail(ErrUnsupported, "too many attributes")
		}
		s.attrs = append(s.attrs, xattr{prefix: prefix, local: local, raw: raw})
	}
}

// declare pushes the tag's namespace declarations and resolves its attributes' prefixes.
func (s *xmlScanner) declare() bool {
	for i := range s.attrs {
		a := &s.attrs[i]
		var prefix string
		switch {
		case a.prefix.to == a.prefix.from && string(s.bytes(a.local)) == "xmlns":
		case string(s.bytes(a.prefix)) == "xmlns":
			prefix = string(s.bytes(a.local))
		default:
			continue
		}
		a.ns = nsDecl
		uri := decodeAttr(s.bytes(a.raw))
		switch {
		case prefix == "xmlns", prefix == "xml" && uri != uriXML, prefix != "" && uri == "":
			return s.fail(ErrMalformed, "bad namespace declaration of "+prefix)
		case uri == uriMainStrict || uri == uriRelStrict:
			s.strict = true
		}
		s.ns = append(s.ns, nsBinding{prefix: prefix, uri: uri, id: classify(uri)})
	}
	for i := range s.attrs {
		a := &s.attrs[i]
		switch {
		case a.ns == nsDecl:
		case a.prefix.to == a.prefix.from:
			a.ns = nsNone // an unprefixed attribute is in no namespace, whatever the default
		default:
			b, ok := s.lookup(s.bytes(a.prefix))
			if !ok {
				return s.fail(ErrMalformed, "undeclared prefix "+string(s.bytes(a.prefix)))
			}
			a.ns = b.id
		}
	}
	return true
}

// compat applies the element's mc: attributes (ECMA-376 Part 3).
func (s *xmlScanner) compat() bool {
	for _, a := range s.attrs {
		if a.ns != nsMC {
			continue
		}
		prefixes := strings.Fields(decodeAttr(s.bytes(a.raw)))
		switch string(s.bytes(a.local)) {
		case "Ignorable":
			for _, p := range prefixes {
				b, ok := s.lookup([]byte(p))
				if !ok {
					return s.fail(ErrMalformed, "mc:Ignorable names undeclared prefix "+p)
				}
				s.ign = append(s.ign, b.uri)
			}
		case "MustUnderstand":
			for _, p := range prefixes {
				if b, ok := s.lookup([]byte(p)); !ok || b.id == nsOther {
					return s.fail(ErrUnsupported, "mc:MustUnderstand "+p)
				}
			}
		case "PreserveElements", "PreserveAttributes":
			// for editors that save what they ignore; a reader has nothing to do
		default: // ProcessContent and anything else: not used by spreadsheet producers
			return s.fail(ErrUnsupported, "mc:"+string(s.bytes(a.local)))
		}
	}
	return true
}

// role decides whether an element is seen, dropped with its content, or unwrapped.
func (s *xmlScanner) role(b nsBinding, localSpan span) (uint8, bool) {
	local := s.bytes(localSpan)
	if s.skipping() {
		return roleSkip, true
	}
	if n := len(s.open); n > 0 && s.open[n-1].role == roleAltCont {
		parent := &s.open[n-1]
		if b.id != nsMC {
			return 0, s.fail(ErrMalformed, "mc:AlternateContent holds "+string(local))
		}
		switch string(local) {
		case "Choice":
			req, _ := s.attr(nsNone, "Requires")
			if parent.chosen {
				return roleSkip, true
			}
			ok, good := s.understood(req)
			if !good {
				return 0, false
			}
			if !ok {
				return roleSkip, true
			}
			parent.chosen = true
			return roleUnwrap, true
		case "Fallback":
			if parent.chosen {
				return roleSkip, true
			}
			parent.chosen = true
			return roleUnwrap, true
		}
		return 0, s.fail(ErrMalformed, "mc:AlternateContent holds mc:"+string(local))
	}
	switch {
	case b.id == nsMC && string(local) == "AlternateContent":
		return roleAltCont, true
	case b.id == nsMC:
		return 0, s.fail(ErrMalformed, "mc:"+string(local)+" outside mc:AlternateContent")
	case b.id == nsOther && s.ignorable(b.uri):
		return roleSkip, true
	}
	return roleNormal, true
}

// understood says whether every prefix an mc:Choice requires names a namespace Excel knows.
func (s *xmlScanner) understood(requires string) (ok, good bool) {
	prefixes := strings.Fields(requires)
	if len(prefixes) == 0 {
		return false, s.fail(ErrMalformed, "mc:Choice without Requires")
	}
	for _, p := range prefixes {
		b, found := s.lookup([]byte(p))
		if !found {
			return false, s.fail(ErrMalformed, "mc:Choice requires undeclared prefix "+p)
		}
		if b.id == nsOther {
			return false, true
		}
	}
	return true, true
}

func (s *xmlScanner) ignorable(uri string) bool {
	for _, u := range s.ign {
		if u == uri {
			return true
		}
	}
	return false
}

func (s *xmlScanner) endTag() bool {
	s.i += 2
	qname, ok := s.name()
	if !ok {
		return false
	}
	s.space()
	if s.i >= len(s.b) || s.b[s.i] != '>' {
		return s.fail(ErrMalformed, "bad end tag")
	}
	s.i++
	if len(s.open) == 0 || !bytes.Equal(s.bytes(s.open[len(s.open)-1].qname), s.bytes(qname)) {
		return s.fail(ErrMalformed, "end tag </"+string(s.bytes(qname))+"> does not match")
	}
	return s.closeElem()
}

// closeElem closes the innermost element; it returns true when its end is to be seen.
func (s *xmlScanner) closeElem() bool {
	e := s.open[len(s.open)-1]
	s.open = s.open[:len(s.open)-1]
	s.ns, s.ign = s.ns[:e.nsMark], s.ign[:e.ignMark]
	if len(s.open) == 0 {
		s.done = true
	}
	if e.role != roleNormal {
		return false
	}
	s.tok = xtoken{kind: tokEnd, ns: e.ns, local: e.local}
	return true
}

func (s *xmlScanner) lookup(prefix []byte) (nsBinding, bool) {
	switch string(prefix) {
	case "xml":
		return nsBinding{prefix: "xml", uri: uriXML, id: nsXML}, true
	case "xmlns":
		return nsBinding{}, false
	}
	for i := len(s.ns) - 1; i >= 0; i-- {
		if s.ns[i].prefix == string(prefix) {
			return s.ns[i], true
		}
	}
	if len(prefix) == 0 {
		return nsBinding{id: nsNone}, true
	}
	return nsBinding{}, false
}

func (s *xmlScanner) space() bool {
	start := s.i
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
			continue
		}
		break
	}
	return s.i > start
}

// name reads an XML name (letters, digits, '_', ':', '.', '-', and any non-ASCII).
func (s *xmlScanner) name() (span, bool) {
	start := s.i
	for s.i < len(s.b) {
		c := s.b[s.i]
		if c >= 0x80 || c == '_' || c == ':' || (c|0x20 >= 'a' && c|0x20 <= 'z') || (s.i > start && (c == '-' || c == '.' || (c >= '0' && c <= '9'))) {
			s.i++
			continue
		}
		break
	}
	if s.i == start {
		return span{}, s.fail(ErrMalformed, "expected a name")
	}
	return span{start, s.i}, true
}

func (s *xmlScanner) splitQName(q span) (prefix, local span, ok bool) {
	c := bytes.IndexByte(s.bytes(q), ':')
	if c < 0 {
		return span{q.from, q.from}, q, true
	}
	prefix, local = span{q.from, q.from + c}, span{q.from + c + 1, q.to}
	if c == 0 || local.to == local.from || bytes.IndexByte(s.bytes(local), ':') >= 0 {
		return span{}, span{}, s.fail(ErrMalformed, "bad qualified name "+string(s.bytes(q)))
	}
	return prefix, local, true
}

// attr returns the value of the current start tag's attribute in namespace ns.
func (s *xmlScanner) attr(ns nsID, local string) (string, bool) {
	for _, a := range s.attrs {
		if a.ns == ns && string(s.b[a.local.from:a.local.to]) == local {
			return decodeAttr(s.bytes(a.raw)), true
		}
	}
	return "", false
}

// decodeAttr applies XML's end-of-line handling, attribute-value normalisation (each literal
// white-space character becomes a space) and references. The value was checked while scanning.
func decodeAttr(raw []byte) string {
	if !bytes.ContainsAny(raw, "&\t\n\r") {
		return string(raw)
	}
	raw = bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n"))
	var sb strings.Builder
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; c {
		case '\t', '\n', '\r':
			sb.WriteByte(' ')
		case '&':
			semi := bytes.IndexByte(raw[i:], ';')
			r, _ := refRune(raw[i+1 : i+semi])
			sb.WriteRune(r)
			i += semi
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

// tokText is the text of the current text token: references decoded, line ends normalised.
func (s *xmlScanner) tokText() string {
	t := s.tok
	if !t.escape {
		return string(s.bytes(t.raw))
	}
	raw := bytes.ReplaceAll(s.bytes(t.raw), []byte("\r\n"), []byte("\n"))
	var sb strings.Builder
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case c == '\r':
			sb.WriteByte('\n')
		case c == '&' && !t.cdata:
			semi := bytes.IndexByte(raw[i:], ';')
			r, _ := refRune(raw[i+1 : i+semi])
			sb.WriteRune(r)
			i += semi
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

// text reads the character data directly inside the element whose start was just seen, up to
// its end; child elements and their text are skipped, as encoding/xml does for a string field.
func (s *xmlScanner) elemText() (string, bool) {
	var out string
	var sb *strings.Builder
	depth := 0
	for s.next() {
		switch s.tok.kind {
		case tokText:
			if depth > 0 {
				continue
			}
			t := s.tokText()
			switch {
			case sb != nil:
				sb.WriteString(t)
			case out == "":
				out = t
			default:
				sb = &strings.Builder{}
				sb.WriteString(out)
				sb.WriteString(t)
			}
		case tokStart:
			depth++
		case tokEnd:
			if depth == 0 {
				if sb != nil {
					return sb.String(), true
				}
				return out, true
			}
			depth--
		}
	}
	return "", false
}

// skip consumes the element whose start was just seen, with everything inside it.
func (s *xmlScanner) skip() bool {
	depth := 0
	for s.next() {
		switch s.tok.kind {
		case tokStart:
			depth++
		case tokEnd:
			if depth == 0 {
				return true
			}
			depth--
		}
	}
	return false
}
