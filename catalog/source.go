package catalog

import (
	"strings"
	"unicode/utf8"
)

// Source is a plan document read into blocks in reading order: the paragraphs (or lines) of its
// text and the rows of its tables. Readers of .txt, .docx, .pdf, .xlsx and .csv files (package
// plandoc) produce it; Read parses it. Positions are kept so that every problem can say where it is.
type Source struct {
	Name   string // the file name, for messages
	Blocks []Block
	// CellsUnmerged says the reader could not see merged cells (a workbook read cell by cell, a
	// CSV): an empty lead cell below a filled one is then taken as merged down, and reported.
	CellsUnmerged bool
}

// Block is one line or paragraph of text, or one row of a table.
type Block struct {
	Pos
	Text  string   // a line or paragraph; empty for a table row
	Cells []string // a table row, one string per grid column; nil for text
}

// Pos is where a block is in its document. Only the fields that apply are set.
type Pos struct {
	Page  int    // page of a PDF
	Line  int    // line of a text file or a PDF's text
	Para  int    // paragraph of a Word document
	Table string // the table of a Word document ("表1") or the sheet of a workbook
	Row   int    // row of that table, 1-based as a spreadsheet numbers it
}

// TextSource splits decoded text into one block per line, numbered from 1.
func TextSource(name, text string) Source {
	src := Source{Name: name}
	for i, line := range strings.Split(text, "\n") {
		src.Blocks = append(src.Blocks, Block{Pos: Pos{Line: i + 1}, Text: line})
	}
	return src
}

// excerpt shortens text for a message: the first 30 characters.
func excerpt(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= 30 {
		return s
	}
	return string([]rune(s)[:30]) + "…"
}
