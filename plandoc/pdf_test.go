package plandoc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	taizhang "taizhang"
	"testing"

	"taizhang/office"
)

// What pdftotext gives for a plan printed to PDF: lines broken at the margin (one of them in the
// middle of an agency's name), spaces around numbers, page numbers, a running header.
func TestRejoin(t *testing.T) {
	header := "山东省人民政府办公厅文件"
	pages := []string{
		header + "\n山东省建设先行区 2023 年重点工作任务\n一、深入实施创新驱动发展战略\n" +
			"1.完善实验室体系。积极争创全国重点实验室,力争 2023 年全国重点实验室达到 25 家以上\n" +
			"。实施山东省实验室项目,高标准建设 10 家左右山东省实验室。(牵头单位:省科技厅、省\n" +
			"畜牧兽医局)\n— 1 —\n",
		header + "\n2.推进关键核心技术攻关。企业牵头项目数占比达 70 %以上,实施项目 100 项左右。\n" +
			"3.强化科技型企业培育。力争全省高新技术企业达到 2.8 万家。(牵头单位:省科技厅)\n— 2 —\n",
		header + "\n4.优化创新创业生态。支持 1000 家左右科技型中小企业强化产学研协同创新等工作。\n" +
			"牵头单位:省科技厅\n第 3 页\n",
		header + "\n二、纵深推进新旧动能转换\n3/4\n",
	}
	var got []string
	for _, b := range rejoin(strings.Join(pages, "\f")) {
		got = append(got, fmt.Sprintf("%d:%d %s", b.Page, b.Line, b.Text))
	}
	want := []string{
		"1:2 山东省建设先行区2023年重点工作任务",
		"1:3 一、深入实施创新驱动发展战略",
		"1:4 1.完善实验室体系。积极争创全国重点实验室,力争2023年全国重点实验室达到25家以上。实施山东省实验室项目,高标准建设10家左右山东省实验室。(牵头单位:省科技厅、省畜牧兽医局)",
		// A full line that ends a task: the next one starts a numbered task, so it is not joined.
		"2:2 2.推进关键核心技术攻关。企业牵头项目数占比达70%以上,实施项目100项左右。",
		"2:3 3.强化科技型企业培育。力争全省高新技术企业达到2.8万家。(牵头单位:省科技厅)",
		"3:2 4.优化创新创业生态。支持1000家左右科技型中小企业强化产学研协同创新等工作。",
		"3:3 牵头单位:省科技厅",
		"4:2 二、纵深推进新旧动能转换",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// imagePDF writes a one-page PDF whose page is only a JPEG image: what a scanner produces.
func imagePDF(t testing.TB, jpg []byte) []byte {
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(jpg))
	if err != nil {
		t.Fatal(err)
	}
	content := "q 595 0 0 842 0 0 cm /Im0 Do Q"
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream",
			cfg.Width, cfg.Height, len(jpg), jpg),
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
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

// A scanned plan: page 1 of the sample PDF rendered to an image by pdftoppm, alone on a page.
func TestScannedPDF(t *testing.T) {
	needPDFToText(t)
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm is not installed (apt-get install poppler-utils)")
	}
	dir := t.TempDir()
	cmd := exec.Command("pdftoppm", "-jpeg", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
		filepath.Join("testdata", "forms", "pdf.pdf"), filepath.Join(dir, "page"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	jpg, err := os.ReadFile(filepath.Join(dir, "page.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = ParseBytes(context.Background(), "掃描件.pdf", imagePDF(t, jpg), office.Converter{})
	if !errors.Is(err, ErrScanned) || !strings.Contains(taizhang.Unmark(err.Error()), "掃描件.pdf:這是掃描件") || !strings.Contains(err.Error(), "OCR") {
		t.Errorf("err = %v", err)
	}
}

func TestPDFWithoutPdftotext(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, _, err := Parse(context.Background(), filepath.Join("testdata", "forms", "pdf.pdf"), office.Converter{})
	if !errors.Is(err, ErrNoPDFTool) || !strings.Contains(err.Error(), "apt-get install poppler-utils") {
		t.Errorf("err = %v", err)
	}
}

func TestDamagedPDF(t *testing.T) {
	needPDFToText(t)
	_, _, err := ParseBytes(context.Background(), "plan.pdf", []byte("%PDF-1.4\ngarbage"), office.Converter{})
	if !errors.Is(err, ErrPDF) {
		t.Errorf("err = %v", err)
	}
}
