package excel

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// transitional makes a Strict Open XML workbook, which the reader takes, the Transitional one
// excelize writes. excelize reads Strict parts as Transitional and writes back the parts it read
// that way, but keeps conformance="strict" on the workbook, where it also stops excelize from
// putting back the root element's namespaces: the sheets' r:id then has no prefix declared, and
// no reader opens the workbook. The parts excelize did not read (shared strings, document
// properties) it writes back Strict, which a Transitional reader takes for no content at all. So
// the package's writer makes every part Transitional on the way out.
func transitional(f *excelize.File) {
	if f.WorkBook == nil || f.WorkBook.Conformance != "strict" {
		return
	}
	f.WorkBook.Conformance = ""
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return &transitionalZip{Writer: zip.NewWriter(w)} })
}

// transitionalZip writes a package, each XML part with Strict names made Transitional.
type transitionalZip struct {
	*zip.Writer
	name string
	part *bytes.Buffer // the part being written, until the next one or the end
	w    io.Writer
}

func (z *transitionalZip) Create(name string) (io.Writer, error) {
	if err := z.flush(); err != nil {
		return nil, err
	}
	w, err := z.Writer.Create(name)
	if err != nil {
		return nil, err
	}
	switch path.Ext(name) {
	case ".xml", ".rels", ".vml":
		z.name, z.part, z.w = name, &bytes.Buffer{}, w
		return z.part, nil
	}
	return w, nil
}

func (z *transitionalZip) flush() error {
	if z.part == nil {
		return nil
	}
	b := toTransitional(z.name, z.part.Bytes())
	z.part = nil
	_, err := z.w.Write(b)
	return err
}

func (z *transitionalZip) Close() error {
	if err := z.flush(); err != nil {
		return err
	}
	return z.Writer.Close()
}

// Strict names differ from Transitional ones in their prefix and year: the Strict
// http://purl.oclc.org/ooxml/<area>/<name> is http://schemas.openxmlformats.org/<area>/2006/<name>
// (ECMA-376 Part 1, §A), except the document properties, which are spelled apart.
var (
	strictProperties = strings.NewReplacer(
		"http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
		"http://purl.oclc.org/ooxml/officeDocument/relationships/customProperties", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties",
		"http://purl.oclc.org/ooxml/officeDocument/extendedProperties", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
		"http://purl.oclc.org/ooxml/officeDocument/customProperties", "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties")
	strictName = regexp.MustCompile(`http://purl\.oclc\.org/ooxml/([A-Za-z]+)/`)
	// A theme's DrawingML writes a percentage as "75%" in Strict, in thousandths ("75000") in
	// Transitional.
	strictPercent = regexp.MustCompile(`( [A-Za-z]+=")(-?[0-9]+(?:\.[0-9]+)?)%"`)
)

func toTransitional(name string, part []byte) []byte {
	part = bytes.Replace(part, []byte(` conformance="strict"`), nil, 1)
	if bytes.Contains(part, []byte("http://purl.oclc.org/ooxml/")) {
		part = []byte(strictProperties.Replace(string(part)))
		part = strictName.ReplaceAll(part, []byte("http://schemas.openxmlformats.org/$1/2006/"))
	}
	// excelize writes the theme it read back with Transitional names but Strict values.
	if strings.HasPrefix(name, "xl/theme/") {
		part = strictPercent.ReplaceAllFunc(part, func(m []byte) []byte {
			sub := strictPercent.FindSubmatch(m)
			v, err := strconv.ParseFloat(string(sub[2]), 64)
			if err != nil {
				return m
			}
			return []byte(string(sub[1]) + strconv.Itoa(int(math.Round(v*1000))) + `"`)
		})
	}
	return part
}
