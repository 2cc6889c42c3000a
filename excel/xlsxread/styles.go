package xlsxread

import (
	"errors"
	"strconv"
	"strings"
)

// styleTable is what styles.xml says about values, by cellXfs index: which cell formats show a
// number as a date, and which number formats can show something else in place of a value.
type styleTable struct {
	xfs []xfInfo
}

type xfInfo struct {
	date bool
	mask *numFormat // nil when the format always shows the value
}

// xf is what cell format s (a cell's s attribute, nil for the default) does to a value.
// styles.xml is read on the first call.
func (l *Workbook) xf(s []byte) (xfInfo, error) {
	if l.styles == nil {
		t, err := l.readStyles()
		if err != nil {
			return xfInfo{}, err
		}
		l.styles = t
	}
	i := 0
	for _, c := range s { // checked a number by the caller; too large an index is no format
		if i = i*10 + int(c-'0'); i > len(l.styles.xfs) {
			break
		}
	}
	if i < len(l.styles.xfs) {
		return l.styles.xfs[i], nil
	}
	return xfInfo{}, nil
}

func (l *Workbook) readStyles() (*styleTable, error) {
	t := &styleTable{}
	if l.stylesAt == "" {
		return t, nil
	}
	data, err := l.readInto(l.stylesAt, &l.styleBuf) // read while a sheet is scanned: not into partBuf
	if errors.Is(err, errNoPart) {
		return t, nil
	}
	if err != nil {
		return nil, err
	}
	custom := map[int]string{}
	var xfs []int
	s := newScanner(data)
	err = s.children(nsMain, "styleSheet", func() error {
		if s.tok.ns != nsMain {
			return nil
		}
		switch string(s.lname()) {
		case "numFmts":
			return s.children(nsMain, "", func() error {
				if s.is(nsMain, "numFmt") {
					id, _ := s.attr(nsNone, "numFmtId")
					code, _ := s.attr(nsNone, "formatCode")
					if n, err := strconv.Atoi(strings.TrimSpace(id)); err == nil {
						custom[n] = code
					}
				}
				return nil
			})
		case "cellXfs":
			return s.children(nsMain, "", func() error {
				if s.is(nsMain, "xf") {
					id, _ := s.attr(nsNone, "numFmtId")
					n, _ := strconv.Atoi(strings.TrimSpace(id))
					xfs = append(xfs, n)
				}
				return nil
			})
		}
		return nil
	})
	if err != nil {
		return nil, partError(l.stylesAt, err)
	}
	formats := map[int]xfInfo{}
	for _, id := range xfs {
		info, ok := formats[id]
		if !ok {
			code, custom := custom[id]
			info = xfInfo{date: !custom && builtinDate(id) || custom && dateCode(code)}
			if custom {
				info.mask = parseNumFormat(code)
			}
			formats[id] = info
		}
		t.xfs = append(t.xfs, info)
	}
	return t, nil
}

// builtinDate: Excel's built-in date and time formats, with those of the CJK locales.
func builtinDate(id int) bool {
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58) || (id >= 71 && id <= 81)
}

// dateCode reports whether a custom number format shows a date or time: a y, m, d, h or s
// outside quotes, escapes and [colour] or [$-locale] brackets ([h], [mm], [ss] are elapsed time).
func dateCode(code string) bool {
	for _, section := range strings.SplitN(code, ";", 2)[:1] {
		for i := 0; i < len(section); i++ {
			switch c := section[i]; c {
			case '"':
				if j := strings.IndexByte(section[i+1:], '"'); j >= 0 {
					i += j + 1
				} else {
					return false
				}
			case '\\', '_', '*':
				i++
			case '[':
				j := strings.IndexByte(section[i:], ']')
				if j < 0 {
					return false
				}
				inner := strings.ToLower(section[i+1 : i+j])
				if strings.Trim(inner, "hms") == "" && inner != "" {
					return true
				}
				i += j
			default:
				switch c | 0x20 {
				case 'y', 'm', 'd', 'h', 's':
					return true
				}
			}
		}
	}
	return false
}
