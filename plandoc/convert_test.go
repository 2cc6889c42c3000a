package plandoc

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	taizhang "taizhang"
	"testing"

	"taizhang/catalog"
	"taizhang/excel"
	"taizhang/internal/testenv"
	"taizhang/office"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func needOffice(t testing.TB) office.Converter {
	t.Helper()
	testenv.NeedSoffice(t) // .doc/.wps/.xls/.et plans are not tested without it
	return office.Find()
}

// The Word and Excel forms saved in the old binary formats, as offices still send them: .doc and
// .wps (WPS Office's document, the Word 97 format under its own name), .xls and .et. LibreOffice
// writes them from the sample .docx and .xlsx, and reads them back through the conversion.
func TestBinaryOfficeFormsAgainstGold(t *testing.T) {
	conv := needOffice(t)
	ctx := context.Background()
	gold := readGold(t)
	for _, tc := range []struct {
		from    string
		targets []string // conversions in turn
		as      []string
	}{
		// Straight from this .docx, LibreOffice 7.4 writes its table into the .doc as one
		// paragraph (it mishandles the table width python-docx wrote); through .odt it keeps it.
		{"docx.docx", []string{"odt", "doc:MS Word 97"}, []string{"plan.doc", "plan.wps"}},
		{"xlsx.xlsx", []string{"xls:MS Excel 97"}, []string{"plan.xls", "plan.et"}},
	} {
		old, err := os.ReadFile(filepath.Join("testdata", "forms", tc.from))
		if err != nil {
			t.Fatal(err)
		}
		ext := filepath.Ext(tc.from)
		for _, target := range tc.targets {
			if old, err = conv.Convert(ctx, old, ext, target); err != nil {
				t.Fatal(err)
			}
			ext = "." + strings.SplitN(target, ":", 2)[0]
		}
		for _, name := range tc.as {
			t.Run(name, func(t *testing.T) {
				p, _, err := ParseBytes(ctx, name, old, conv)
				if err != nil {
					t.Fatal(err)
				}
				s := compare(gold, p)
				t.Logf("%s: %s", name, s)
				if s.leads != s.tasks || s.joins != s.tasks || s.targetsFound*100 < s.targets*97 {
					t.Errorf("%s: %s\n%s", name, s, strings.Join(s.diffs, "\n"))
				}
			})
		}
	}
}

// The sample table saved as CSV by Excel or WPS: UTF-8 with a BOM, or GB18030.
func TestCSVAgainstGold(t *testing.T) {
	book, err := excel.Open(filepath.Join("testdata", "forms", "xlsx.xlsx"), excel.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	rows, err := book.Rows(book.Sheets()[0])
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(rows)
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	gold := readGold(t)
	for name, data := range map[string][]byte{"utf8.csv": append([]byte("\xEF\xBB\xBF"), b.Bytes()...), "gb18030.csv": gb} {
		t.Run(name, func(t *testing.T) {
			p, _, err := ParseBytes(context.Background(), name, data, office.Converter{})
			if err != nil {
				t.Fatal(err)
			}
			if s := compare(gold, p); s.leads != s.tasks || s.joins != s.tasks || s.targetsFound*100 < s.targets*97 {
				t.Errorf("%s: %s\n%s", name, s, strings.Join(s.diffs, "\n"))
			}
		})
	}
}

// Without LibreOffice, a .doc is refused with how to install it.
func TestOfficeMissing(t *testing.T) {
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	for _, name := range []string{"plan.doc", "plan.wps", "plan.xls", "plan.et"} {
		_, _, err := ParseBytes(context.Background(), name, ole, office.Converter{})
		if !errors.Is(err, ErrNoOffice) || !strings.Contains(err.Error(), "apt-get install") || !strings.HasPrefix(taizhang.Unmark(err.Error()), name+":") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

// Files that are no plan at all are refused with what to do.
func TestNotAPlan(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		err  error
	}{
		{"plan.zip", makeZip(t, map[string]string{"a.txt": "x"}), ErrFormat},
		{"plan.bin", []byte{0xD0, 0xCF, 0x11, 0xE0, 0, 0, 0, 0}, ErrFormat},
		{"plan.txt", []byte("\x00\x01\x02binary"), catalog.ErrBinary},
		{"plan.txt", []byte("各市人民政府:\n現將有關事項通知如下。\n"), catalog.ErrNoTasks},
		{"plan.csv", []byte("a,b\n1,2\n"), catalog.ErrNoTasks},
		{"plan.xlsx", []byte("PK\x03\x04 xl/workbook but cut"), excel.ErrNotWorkbook},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ParseBytes(context.Background(), tt.name, tt.data, office.Converter{})
			if !errors.Is(err, tt.err) || !strings.HasPrefix(taizhang.Unmark(err.Error()), tt.name) || !strings.Contains(err.Error(), "請") {
				t.Errorf("err = %v, want %v with the file name and a hint", err, tt.err)
			}
		})
	}
}

// A path that is no file is refused in Chinese, with what to do.
func TestBadPath(t *testing.T) {
	for path, want := range map[string]error{filepath.Join(t.TempDir(), "無.docx"): ErrNotFound, t.TempDir(): ErrIsDir} {
		_, _, err := Parse(context.Background(), path, office.Converter{})
		if !errors.Is(err, want) || !strings.Contains(err.Error(), "請") {
			t.Errorf("%s: err = %v", path, err)
		}
	}
}
