package officetest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"taizhang/internal/testenv"
	"taizhang/office"
)

func TestStandIn(t *testing.T) {
	t.Parallel()
	conv := Converter()
	if !conv.Installed() {
		t.Fatal("the stand-in says it is not installed")
	}
	ctx := context.Background()
	pdf, err := conv.Convert(ctx, []byte("PK..."), ".xlsx", office.PDF)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("PDF: %v %.10q", err, pdf)
	}
	if out, err := conv.Convert(ctx, []byte("PK-xlsx"), ".xlsx", office.XLSX); err != nil || string(out) != "PK-xlsx" {
		t.Errorf("xlsx resave: %v %q", err, out)
	}
	if _, err := conv.Convert(ctx, []byte("\xd0\xcf\x11\xe0"), ".xls", office.XLSX); err == nil {
		t.Error("the stand-in converted an .xls")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := conv.Convert(cancelled, nil, ".xlsx", office.PDF); err == nil {
		t.Error("a cancelled conversion went on")
	}
	// ConvertAll writes each output under OutputName and skips what it cannot convert.
	dir := t.TempDir()
	files := []string{filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "b.xls")}
	for _, f := range files {
		os.WriteFile(f, []byte("x"), 0o644)
	}
	out := filepath.Join(dir, "out")
	if err := conv.ConvertAll(ctx, files, office.PDF, out); err != nil {
		t.Fatal(err)
	}
	if err := conv.ConvertAll(ctx, files, office.XLSX, filepath.Join(dir, "x")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "b.pdf")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "x", "b.xlsx")); err == nil {
		t.Error("the stand-in converted b.xls")
	}
}

// The blank PDF is one that poppler reads as one page.
func TestBlankPDFReads(t *testing.T) {
	t.Parallel()
	pdfinfo := filepath.Join(filepath.Dir(testenv.NeedPoppler(t)), "pdfinfo")
	path := filepath.Join(t.TempDir(), "blank.pdf")
	os.WriteFile(path, []byte(blankPDF), 0o644)
	out, err := exec.Command(pdfinfo, path).CombinedOutput()
	if err != nil || !regexp.MustCompile(`(?m)^Pages:\s+1$`).Match(out) {
		t.Errorf("pdfinfo: %v\n%s", err, out)
	}
}
