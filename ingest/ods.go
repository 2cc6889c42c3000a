package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// limitError is a file refused for what it would cost to read, not for being broken.
type limitError struct{ msg string }

func (e limitError) Error() string { return e.msg }

// maxODSCells bounds the cells with content an ODS may declare, repeats multiplied out: a
// ledger has a few thousand; LibreOffice builds every one of them in memory before it converts.
const maxODSCells = 1_000_000

// odsWithinLimits refuses an ODS whose content asks for absurd repeat counts, before
// LibreOffice tries to build such a sheet: a repeat beyond the grid (1,048,576 rows × 16,384
// columns), or more than maxODSCells cells with content once each row's repeat is multiplied by
// its cells' repeats (an 838-byte file can declare 1,048,576 rows × 72 filled cells). Empty,
// unstyled repeats cost LibreOffice nothing and are how it writes the rest of the grid.
func odsWithinLimits(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return errors.New(msgODSDamaged)
	}
	for _, f := range zr.File {
		if f.Name != "content.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return errors.New(msgODSDamaged)
		}
		defer rc.Close()
		return odsCells(xml.NewDecoder(io.LimitReader(rc, 256<<20)))
	}
	return errors.New(msgODSNoContent)
}

func odsCells(dec *xml.Decoder) error {
	var total, inRow, rowRepeat, cellRepeat int64
	counted := false // the current cell's content is counted
	depth := 0       // encoding/xml keeps a frame per open element: bounded here
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return errors.New(msgODSUnparsable)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth++; depth > 256 {
				return limitError{msgODSDeep}
			}
			switch t.Name.Local {
			case "table-row":
				if rowRepeat, err = repeat(t, "number-rows-repeated", 1<<20); err != nil {
					return err
				}
				inRow = 0
			case "table-cell", "covered-table-cell":
				if cellRepeat, err = repeat(t, "number-columns-repeated", 1<<14); err != nil {
					return err
				}
				counted = hasAttr(t, "value-type")
				if counted {
					inRow += cellRepeat
				}
			case "p":
				if !counted { // text without a value type is still a string cell
					counted = true
					inRow += cellRepeat
				}
			}
			if inRow > maxODSCells {
				return odsBomb(inRow)
			}
		case xml.EndElement:
			depth--
			if t.Name.Local == "table-row" {
				if total += rowRepeat * inRow; total > maxODSCells {
					return odsBomb(total)
				}
				inRow = 0
			}
		}
	}
}

func repeat(t xml.StartElement, name string, max int64) (int64, error) {
	for _, a := range t.Attr {
		if a.Name.Local != name {
			continue
		}
		n, err := strconv.ParseFloat(a.Value, 64)
		if err != nil || n < 1 {
			return 1, nil
		}
		if n > float64(max) {
			return 0, limitError{fmt.Sprintf(msgODSRepeat, a.Value)}
		}
		return int64(n), nil
	}
	return 1, nil
}

func hasAttr(t xml.StartElement, name string) bool {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return true
		}
	}
	return false
}

func odsBomb(n int64) error {
	return limitError{fmt.Sprintf(msgODSCells, n, maxODSCells)}
}
