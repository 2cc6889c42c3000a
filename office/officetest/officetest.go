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
		return blankPDF(), nil
	case target == office.XLSX && strings.EqualFold(ext, ".xlsx"):
		return bytes.Clone(data), nil
	}
	return nil, fmt.Errorf("officetest: no stand-in converts %s to %s", ext, target)
}

// blankPDF is a valid PDF of one empty A4 page, its cross-reference table at the right offsets.
func blankPDF() []byte {
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}
