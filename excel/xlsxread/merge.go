package xlsxread

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// cellRange is a rectangle of cells, 1-based and inclusive.
type cellRange struct{ top, left, bottom, right int32 }

// mergeElem reads one <mergeCell ref="A1:B2"/>. A merge costs memory as a cell does.
func (ss *sheetScan) mergeElem() error {
	s := ss.s
	if !s.is(nsMain, "mergeCell") {
		return nil
	}
	ref, _ := s.attr(nsNone, "ref")
	from, to, _ := strings.Cut(strings.TrimSpace(ref), ":")
	if to == "" {
		to = from
	}
	c1, r1, err1 := splitRef(from)
	c2, r2, err2 := splitRef(to)
	if err1 != nil || err2 != nil {
		return ss.badRef("merge "+ref, fmt.Sprintf(valueMerge, ref))
	}
	if ss.out.cells++; ss.out.cells > ss.l.lim.Cells {
		return tooLarge(hintCells, ss.l.lim.Cells)
	}
	m := cellRange{int32(min(r1, r2)), int32(min(c1, c2)), int32(max(r1, r2)), int32(max(c1, c2))}
	if m.top != m.bottom || m.left != m.right {
		ss.out.merges = append(ss.out.merges, m)
	}
	return nil
}

// cover applies the merged cells: a cell under a merge that does not start there is not shown
// by Excel, so its value, formula and any problem reading it are dropped, and a cell that held
// one is marked KindCovered. Cells are visited in row order, merges entering and leaving as
// events on a Fenwick tree over the columns, so the cost is (cells + merges) × log(columns)
// however the merges overlap.
func (r *Sheet) cover(ctx context.Context) error {
	if len(r.merges) == 0 {
		return nil
	}
	cells := r.keptCells()
	events := make([]coverEvent, 0, 3*len(r.merges))
	for _, m := range r.merges {
		// Row top: the columns right of the top-left cell; the rows below: all of its columns.
		events = append(events, coverEvent{m.top, m.left + 1, m.right, 1}, coverEvent{m.bottom + 1, m.left + 1, m.right, -1})
		if m.bottom > m.top {
			events = append(events, coverEvent{m.top + 1, m.left, m.left, 1}, coverEvent{m.bottom + 1, m.left, m.left, -1})
		}
	}
	slices.SortFunc(events, func(a, b coverEvent) int { return int(a.row - b.row) })
	var tree fenwick
	next := 0
	var covered []cellNote
	for i, c := range cells {
		if i&1023 == 0 && ctx.Err() != nil {
			return timeout(ctx.Err())
		}
		for ; next < len(events) && events[next].row <= c.row; next++ {
			e := events[next]
			if e.from <= e.to {
				tree.add(e.from, e.delta)
				tree.add(e.to+1, -e.delta)
			}
		}
		if tree.sum(c.col) > 0 {
			if i := int(c.row) - 1; i < len(r.rows) && int(c.col) <= len(r.rows[i]) {
				r.rows[i][c.col-1] = ""
			}
			covered = append(covered, cellNote{pos: cellPosOf(int(c.row), int(c.col)), kind: KindCovered})
		}
	}
	r.coverNotes(covered)
	r.merges = nil
	r.content = 0
	for i, row := range r.rows {
		for len(row) > 0 && row[len(row)-1] == "" {
			row = row[:len(row)-1]
		}
		r.rows[i] = row
		if len(row) > 0 {
			r.content++
		}
	}
	for len(r.rows) > 0 && len(r.rows[len(r.rows)-1]) == 0 {
		r.rows = r.rows[:len(r.rows)-1]
	}
	return nil
}

// coverNotes puts the notes of the covered cells (in sheet order) in place of what the cells held,
// and forgets the problems reading them.
func (r *Sheet) coverNotes(covered []cellNote) {
	if len(covered) == 0 {
		return
	}
	notes := make([]cellNote, 0, len(r.notes)+len(covered))
	i, j := 0, 0
	for i < len(r.notes) || j < len(covered) {
		switch {
		case j == len(covered) || i < len(r.notes) && r.notes[i].pos < covered[j].pos:
			notes = append(notes, r.notes[i])
			i++
		case i < len(r.notes) && r.notes[i].pos == covered[j].pos:
			notes = append(notes, covered[j]) // its formula and text shown go with its value
			i, j = i+1, j+1
		default:
			notes = append(notes, covered[j])
			j++
		}
	}
	r.notes = notes
	r.problems = slices.DeleteFunc(r.problems, func(p *Error) bool { return r.Kind(p.Cell) == KindCovered })
}

type coverEvent struct {
	row, from, to, delta int32
}

// cellPos is a cell that holds something.
type cellPos struct{ row, col int32 }

// keptCells lists every cell that holds a value, a note or a problem, in sheet order.
func (r *Sheet) keptCells() []cellPos {
	var out []cellPos
	for i, row := range r.rows {
		for j, v := range row {
			if v != "" {
				out = append(out, cellPos{int32(i + 1), int32(j + 1)})
			}
		}
	}
	for _, n := range r.notes {
		out = append(out, cellPos{int32(n.pos >> 16), int32(n.pos & 0xFFFF)})
	}
	for _, p := range r.problems {
		if col, row, err := splitRef(p.Cell); err == nil {
			out = append(out, cellPos{int32(row), int32(col)})
		}
	}
	slices.SortFunc(out, func(a, b cellPos) int {
		if a.row != b.row {
			return int(a.row - b.row)
		}
		return int(a.col - b.col)
	})
	return slices.Compact(out)
}

// fenwick counts, for each column, the merges that cover it in the current row.
type fenwick [maxCols + 2]int32

func (t *fenwick) add(i, d int32) {
	for ; int(i) < len(t); i += i & -i {
		t[i] += d
	}
}

func (t *fenwick) sum(i int32) int32 {
	s := int32(0)
	for ; i > 0; i -= i & -i {
		s += t[i]
	}
	return s
}
