package cycle

import (
	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/excel"
)

// Problem is one thing read only in part (a plan's line or table row) or refused (a catalog
// workbook's cell): where it is, what is wrong and what to do.
type Problem struct {
	File        string // the file as its user named it
	Sheet, Cell string // a workbook's cell; empty for a plan's line or row
	Text        string // the whole sentence for people (Chinese): where, what, what to do
}

func (p Problem) String() string { return p.Text }

// planProblems are the parts of a plan read only in part.
func planProblems(in []catalog.Problem) []Problem {
	return convertAll(in, func(p catalog.Problem) Problem { return Problem{File: p.File, Text: p.Error()} })
}

// cellProblems are the cells of a workbook refused, each file named as the user gave it, in any
// script.
func cellProblems(in []*excel.CellError) []Problem {
	return convertAll(in, func(ce *excel.CellError) Problem {
		ce.File = taizhang.Verbatim(ce.File)
		return Problem{File: ce.File, Sheet: ce.Sheet, Cell: ce.Cell, Text: ce.Error()}
	})
}
