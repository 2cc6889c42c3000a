package plandoc

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"taizhang/catalog"
)

// pdfTimeout bounds one pdftotext run: a real plan takes well under a second.
const pdfTimeout = 60 * time.Second

// readPDF reads a PDF's text with poppler's pdftotext in reading order (not -layout, whose
// padding would have to be undone, and which interleaves side-by-side columns), then joins
// again the lines the page width broke.
func readPDF(ctx context.Context, name string, data []byte) (catalog.Source, error) {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		return catalog.Source{}, &Error{File: name, Err: ErrNoPDFTool}
	}
	ctx, cancel := context.WithTimeout(ctx, pdfTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, tool, "-enc", "UTF-8", "-eol", "unix", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		detail := strings.TrimSpace(stderr.String())
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			detail = detailTimeout
		}
		return catalog.Source{}, &Error{File: name, Err: ErrPDF, Detail: lastLine(detail)}
	}
	src := catalog.Source{Name: name, Blocks: rejoin(out.String())}
	if scanned(src.Blocks, strings.Count(out.String(), "\f")) { // a form feed ends every page
		return catalog.Source{}, &Error{File: name, Err: ErrScanned}
	}
	return src, nil
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// scanned reports a PDF whose pages hold (almost) no text: images of pages.
func scanned(blocks []catalog.Block, pages int) bool {
	n := 0
	for _, b := range blocks {
		n += utf8.RuneCountInString(strings.TrimSpace(b.Text))
	}
	return n < 20*max(pages, 1)
}

// pdfLine is one line of pdftotext's output with its page and line on the page.
type pdfLine struct {
	page, line int
	text       string
}

// rejoin turns pdftotext's output into paragraphs: it drops page numbers and running
// headers and footers, joins a line that reaches the right margin to the next one (unless that
// one starts a heading or a responsibility line), and removes the spaces the layout puts
// around numbers among Chinese text. Each paragraph keeps the page and line it starts on.
func rejoin(text string) []catalog.Block {
	lines := pageLines(text)
	full := fullWidth(lines)
	var out []catalog.Block
	var cur *catalog.Block
	for i, l := range lines {
		if cur == nil {
			out = append(out, catalog.Block{Pos: catalog.Pos{Page: l.page, Line: l.line}})
			cur = &out[len(out)-1]
		}
		cur.Text += l.text
		if i+1 < len(lines) && continues(l.text, lines[i+1].text, full) {
			continue
		}
		cur.Text = tidy(cur.Text)
		cur = nil
	}
	return out
}

var (
	rePageNo = regexp.MustCompile(`^(?:[-—–－]\s*)?\d{1,4}(?:\s*[-—–－])?$|^第\s*\d+\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?$|^\d+\s*/\s*\d+$`)
	reDigits = regexp.MustCompile(`\d+`)
)

// Running headers and footers stand in the first or last edgeLines lines of a page; they are told
// only in a document of at least minRunningPages pages.
const (
	edgeLines       = 2
	minRunningPages = 3
)

// pageLines splits pdftotext's output into pages (a form feed ends every page, the last one too)
// and lines, dropping empty lines and the page numbers, running headers and footers that stand
// at a page's edge. Nothing is dropped anywhere else: a line that repeats in the body, such as a
// "(牽頭單位:…)" clause, is the plan's text.
func pageLines(text string) []pdfLine {
	pages := strings.Split(strings.TrimSuffix(text, "\f"), "\f")
	var lines [][]pdfLine
	for p, pg := range pages {
		var ls []pdfLine
		for j, raw := range strings.Split(pg, "\n") {
			if l := strings.TrimSpace(raw); l != "" {
				ls = append(ls, pdfLine{page: p + 1, line: j + 1, text: l})
			}
		}
		lines = append(lines, ls)
	}
	var out []pdfLine
	for _, ls := range lines {
		from, to := 0, len(ls)
		for from < to && from < edgeLines && atEdge(lines, ls[from], true, from) {
			from++
		}
		for to > from && len(ls)-to < edgeLines && atEdge(lines, ls[to-1], false, len(ls)-to) {
			to--
		}
		out = append(out, ls[from:to]...)
	}
	return out
}

// atEdge reports whether l, the k-th line from the top (or from the bottom) of its page, is a
// page number or a running header (footer): a line that is no part of the plan's content and that
// the same place of most pages repeats, with only a page number changing.
func atEdge(pages [][]pdfLine, l pdfLine, top bool, k int) bool {
	if rePageNo.MatchString(l.text) {
		return true
	}
	if len(pages) < minRunningPages || catalog.PlanContent(l.text) {
		return false
	}
	key := reDigits.ReplaceAllString(l.text, "#")
	var same []pdfLine
	for _, ls := range pages {
		i := k
		if !top {
			i = len(ls) - 1 - k
		}
		if i >= 0 && i < len(ls) && reDigits.ReplaceAllString(ls[i].text, "#") == key {
			same = append(same, ls[i])
		}
	}
	return len(same)*2 > len(pages) && pageNumbered(same)
}

// pageNumbered reports whether the numbers in lines that read alike are each the same on every
// page or go up with the page (a page number in a header); a body line that merely looks alike,
// "23.實施…" and "45.實施…", does neither.
func pageNumbered(lines []pdfLine) bool {
	first := reDigits.FindAllString(lines[0].text, -1)
	for j, d := range first {
		v0, _ := strconv.Atoi(d)
		same, paged := true, true
		for _, l := range lines[1:] {
			ds := reDigits.FindAllString(l.text, -1)
			if len(ds) != len(first) {
				return false
			}
			v, _ := strconv.Atoi(ds[j])
			same = same && ds[j] == d
			paged = paged && v-v0 == l.page-lines[0].page
		}
		if !same && !paged {
			return false
		}
	}
	return true
}

// width is a line's width in half-width cells: Chinese characters and full-width forms take two.
func width(s string) int {
	w := 0
	for _, r := range s {
		if r >= 0x1100 && (unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x30FF) || (r >= 0xFF00 && r <= 0xFFEF) ||
			strings.ContainsRune("“”‘’—…", r)) {
			w += 2
		} else {
			w++
		}
	}
	return w
}

// fullWidth is the width of a line that fills the text block: the 90th percentile of all
// widths, so that a few long odd lines (a table, a URL) do not set it.
func fullWidth(lines []pdfLine) int {
	if len(lines) == 0 {
		return 0
	}
	ws := make([]int, len(lines))
	for i, l := range lines {
		ws[i] = width(l.text)
	}
	sort.Ints(ws)
	return ws[len(ws)*9/10]
}

// continues reports whether line next goes on from line l: l reaches the margin and next does
// not start a heading or a responsibility line, unless l plainly stops mid-sentence.
func continues(l, next string, full int) bool {
	if width(l)*100 < full*85 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(l)
	if strings.ContainsRune("、,,(“‘《—-", last) {
		return true
	}
	return !catalog.StartsItem(next)
}

var rePercentSpace = regexp.MustCompile(`(\d)\s+([%‰])`)

// tidy removes the spaces pdftotext leaves between Chinese characters and the numbers set among
// them ("達到 25 家以上" → "達到25家以上"), keeping those between Latin words.
func tidy(s string) string {
	return catalog.Squeeze(rePercentSpace.ReplaceAllString(s, "$1$2"))
}
