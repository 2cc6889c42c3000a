package plandoc

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"regexp"
	"sort"
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
	if scanned(src.Blocks, strings.Count(out.String(), "\f")) {
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

// pageLines splits the text into pages and lines, dropping empty lines, page numbers and the
// lines that open or close most pages alike (a running header or footer).
func pageLines(text string) []pdfLine {
	pages := strings.Split(text, "\f")
	edges := map[string]int{}
	for _, pg := range pages {
		ls := nonBlank(strings.Split(pg, "\n"))
		for j, l := range ls {
			if j < 2 || j >= len(ls)-2 {
				edges[reDigits.ReplaceAllString(l, "#")]++
			}
		}
	}
	var out []pdfLine
	for p, pg := range pages {
		for j, raw := range strings.Split(pg, "\n") {
			l := strings.TrimSpace(raw)
			if l == "" || rePageNo.MatchString(l) || (len(pages) >= 4 && edges[reDigits.ReplaceAllString(l, "#")]*2 > len(pages)) {
				continue
			}
			out = append(out, pdfLine{page: p + 1, line: j + 1, text: l})
		}
	}
	return out
}

func nonBlank(ls []string) []string {
	var out []string
	for _, l := range ls {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
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
