package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
)

// limitError is a file refused for what it would cost to read, not for being broken.
type limitError struct{ msg string }

func (e limitError) Error() string { return e.msg }

// odsWithinLimits refuses an ODS whose content asks for absurd repeat counts ("999999999 rows
// × 999999999 columns" in a 1 KB file), before LibreOffice tries to build such a sheet.
func odsWithinLimits(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("ODS文件已損壞,請重新保存後發回")
	}
	for _, f := range zr.File {
		if f.Name != "content.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("ODS文件已損壞,請重新保存後發回")
		}
		defer rc.Close()
		dec := xml.NewDecoder(io.LimitReader(rc, 256<<20))
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return fmt.Errorf("ODS文件內容無法解析,請用Excel或WPS另存為.xlsx")
			}
			se, ok := tok.(xml.StartElement)
			if !ok {
				continue
			}
			// Applications repeat empty rows up to the grid's end (1,048,576 × 16,384); more than the
			// grid holds is a bomb, not a sheet.
			for _, a := range se.Attr {
				n, _ := strconv.ParseFloat(a.Value, 64)
				if (a.Name.Local == "number-rows-repeated" && n > 1<<20) || (a.Name.Local == "number-columns-repeated" && n > 1<<14) {
					return limitError{fmt.Sprintf("ODS文件聲明了%s個重複的行或列,超出任何表格的上限(疑似惡意文件),已拒收", a.Value)}
				}
			}
		}
	}
	return fmt.Errorf("ODS文件中沒有內容(content.xml),無法讀取")
}
