// Package plantest writes plan documents for tests: a text with a running header and page numbers
// that LibreOffice prints to a PDF as governments publish plans.
package plantest

import (
	"html"
	"strings"
)

// FODT writes a flat OpenDocument text, one paragraph per line, with a running header and a page
// number in the footer on every page.
func FODT(header string, lines []string) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
<style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.5cm"/></style:header-style>
<style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.5cm"/></style:footer-style></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">
<style:header><text:p>`)
	b.WriteString(html.EscapeString(header))
	b.WriteString(`</text:p></style:header><style:footer><text:p>— <text:page-number text:select-page="current">1</text:page-number> —</text:p></style:footer>
</style:master-page></office:master-styles><office:body><office:text>`)
	for _, l := range lines {
		b.WriteString("<text:p>" + html.EscapeString(l) + "</text:p>\n")
	}
	b.WriteString("</office:text></office:body></office:document>\n")
	return []byte(b.String())
}
