package cycle

import (
	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/excel"
	"taizhang/script"
)

// How a plan was read: what was read only in part, how much of the document its tasks are, and
// the decisions about agencies for the coordinator to check.

// Problem is one thing read only in part (a plan's line or table row) or refused (a catalog
// workbook's cell): where it is, what is wrong and what to do.
type Problem struct {
	File        string // the file as its user named it
	Sheet, Cell string // a workbook's cell; empty for a plan's line or row
	Text        string // the whole sentence for people (Chinese): where, what, what to do
}

func (p Problem) String() string { return p.Text }

// Coverage is how much of a plan's document was read as its tasks.
type Coverage struct {
	Tasks     int // tasks read
	TaskLines int // lines and rows read as parts of tasks
	NotRead   int // lines and rows not understood
	Other     int // preamble, section headings and their text, closing
}

// Merge is a name the plan uses, taken as another name of one of its agencies.
type Merge struct {
	Name, Into string // as the plan writes the name; the agency's name in the catalog
	Reason     string // why they are one agency (Traditional script)
}

// Group is an agency of the plan that is a set of agencies (各市直部門): it gets no ledger.
type Group struct {
	Name   string
	Reason string // why it was taken as a set (Traditional script)
}

func coverage(c catalog.Coverage) Coverage {
	return Coverage{Tasks: c.Tasks, TaskLines: c.TaskLines, NotRead: c.NotReadLines(), Other: c.Other}
}

// groupsIn are the plan's groups, in catalog order, each with why it is one.
func groupsIn(plan *taizhang.Plan) []Group {
	conv := script.Default()
	var out []Group
	for _, a := range plan.Agencies {
		if a.Kind == taizhang.KindGroup {
			out = append(out, Group{Name: a.Name, Reason: catalog.GroupReason(conv, a.Name)})
		}
	}
	return out
}

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
