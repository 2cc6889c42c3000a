// Package officetest stands in for LibreOffice in tests where the conversion is not what is
// tested: what a command says when it saves a PDF, whether a file reaches the converter. The
// tests of the conversions themselves run LibreOffice (internal/testenv.NeedSoffice).
package officetest

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"taizhang/office"
)

// Converter is an office.Converter whose conversions are instant: to PDF, a one-page PDF with
// nothing on it; .xlsx to .xlsx, the same bytes (what a resave by LibreOffice keeps is tested
// with LibreOffice); anything else fails, as a file LibreOffice cannot load does.
func Converter() office.Converter { return office.Converter{Stand: stand{}} }

type stand struct{}

func (stand) Convert(ctx context.Context, data []byte, ext, target string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	switch {
	case target == office.PDF:
		return []byte(blankPDF), nil
	case target == office.XLSX && strings.EqualFold(ext, ".xlsx"):
		return bytes.Clone(data), nil
	}
	return nil, fmt.Errorf("officetest: no stand-in converts %s to %s", ext, target)
}

// blankPDF is a valid PDF of one empty A4 page; the cross-reference table gives each object's
// byte offset.
const blankPDF = "%PDF-1.4\n" +
	"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" +
	"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n" +
	"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n" +
	"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000115 00000 n \n" +
	"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n186\n%%EOF\n"
