package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// odsOf builds an ODS package around a content.xml body (the rows of one table).
func odsOf(t *testing.T, rows string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
	w, _ = zw.Create("content.xml")
	w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S">` +
		rows + `</table:table></office:spreadsheet></office:body></office:document-content>`))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestODSRepeats (issue 11, item 5): repeat counts are multiplied, rows by cells, before
// LibreOffice sees the file; real LibreOffice files, with their huge empty repeats, pass.
func TestODSRepeats(t *testing.T) {
	t.Parallel()
	cells72 := `<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="72" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>`
	cases := []struct {
		name string
		data []byte
		bomb bool
	}{
		{"1,048,576 rows × 72 filled cells", odsOf(t, cells72), true},
		{"text cells without a value type", odsOf(t, `<table:table-row table:number-rows-repeated="100000"><table:table-cell table:number-columns-repeated="20"><text:p>x</text:p></table:table-cell></table:table-row>`), true},
		{"empty grid to the end", odsOf(t, `<table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>`), false},
		{"nested too deep", odsOf(t, strings.Repeat("<text:span>", 5000)+strings.Repeat("</text:span>", 5000)), true},
		{"a repeat beyond the grid", odsOf(t, `<table:table-row table:number-rows-repeated="99999999"><table:table-cell/></table:table-row>`), true},
	}
	for _, name := range []string{"libreoffice-any-sheets.ods", "libreoffice-date.ods", "calamine-594-dos.ods"} {
		b, err := os.ReadFile(filepath.Join("testdata", "ods", name))
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, struct {
			name string
			data []byte
			bomb bool
		}{name, b, strings.Contains(name, "dos")})
	}
	for _, c := range cases {
		err := odsWithinLimits(c.data)
		var le limitError
		if isBomb := errors.As(err, &le); isBomb != c.bomb {
			t.Errorf("%s (%d bytes): %v", c.name, len(c.data), err)
		}
		if c.bomb && !strings.Contains(err.Error(), "重複") && !strings.Contains(err.Error(), "嵌套") {
			t.Errorf("%s: reason %q should name the repeats", c.name, err)
		}
		if !c.bomb && err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}
