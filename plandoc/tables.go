package plandoc

import (
	"encoding/csv"
	"errors"
	"io"
	"strings"

	"taizhang/catalog"
	"taizhang/excel"
)

// readWorkbook reads every sheet of a workbook as table rows, row numbers as Excel shows them.
func readWorkbook(name string, data []byte) (catalog.Source, error) {
	book, err := excel.Read(name, data, excel.DefaultLimits)
	if err != nil {
		return catalog.Source{}, err // an *excel.CellError, in Chinese with a hint
	}
	defer book.Close()
	src := catalog.Source{Name: name, CellsUnmerged: true} // excel.Book gives cell text, not merged ranges
	for _, sheet := range book.Sheets() {
		rows, err := book.Rows(sheet)
		if err != nil {
			return catalog.Source{}, err
		}
		src.Blocks = append(src.Blocks, tableBlocks(sheet, rows, nil)...)
	}
	if len(src.Blocks) == 0 {
		return catalog.Source{}, &Error{File: name, Err: ErrNoTable}
	}
	return src, nil
}

// tableBlocks makes one block per non-empty row; lines, when given, are the rows' line numbers.
func tableBlocks(table string, rows [][]string, lines []int) []catalog.Block {
	var out []catalog.Block
	for i, r := range rows {
		if len(strings.Join(r, "")) == 0 {
			continue
		}
		n := i + 1
		if lines != nil {
			n = lines[i]
		}
		out = append(out, catalog.Block{Pos: catalog.Pos{Table: table, Row: n}, Cells: r})
	}
	return out
}

// readCSV reads a CSV file (UTF-8 or GB18030, as Excel and WPS save it; comma, tab or
// semicolon separated) as one table whose rows are numbered by their line.
func readCSV(name string, data []byte) (catalog.Source, error) {
	text, err := catalog.Decode(data)
	if err != nil {
		return catalog.Source{}, &catalog.ParseError{File: name, Err: err}
	}
	rows, lines := parseCSV(text)
	src := catalog.Source{Name: name, Blocks: tableBlocks("CSV", rows, lines), CellsUnmerged: true}
	if len(src.Blocks) == 0 {
		return catalog.Source{}, &catalog.ParseError{File: name, Err: catalog.ErrEmpty}
	}
	return src, nil
}

// parseCSV reads records leniently (stray quotes, ragged rows), each with the line it starts on.
func parseCSV(text string) (rows [][]string, lines []int) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = separator(text)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				continue // a malformed record: the rest of the file still reads
			}
			break
		}
		line, _ := r.FieldPos(0)
		rows, lines = append(rows, rec), append(lines, line)
	}
	return rows, lines
}

// separator guesses the field separator from the first line: the most frequent of , \t ;.
func separator(text string) rune {
	first, _, _ := strings.Cut(text, "\n")
	best, n := ',', 0
	for _, c := range []rune{',', '\t', ';', '，'} {
		if k := strings.Count(first, string(c)); k > n {
			best, n = c, k
		}
	}
	return best
}
