// Package script converts between Simplified and Traditional Chinese and folds text for matching.
// It is the only importer of OpenCC.
//
// Matching works on a folded copy of the text that has exactly as many runes as the original
// (each rune mapped alone), so a position found in the folded text is a position in the original:
// spans quoted from a plan stay verbatim in whatever script and punctuation the plan used.
package script

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	taizhang "taizhang"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/width"
)

// Converter converts whole strings with OpenCC's phrase-aware dictionaries, and folds single runes.
// Each direction's dictionaries load on first use (about 50 ms each): ingest only ever folds.
type Converter struct {
	t2s, s2t func() (*opencc.OpenCC, error)
	mu       sync.Mutex
	fold     map[rune]rune // cache: rune → simplified, half-width rune
	toTrad   map[rune]bool // cache: runes that change under s2t (Simplified-only forms)
}

var shared = sync.OnceValues(func() (*Converter, error) { return newConverter() })

// Default returns the process-wide converter. Its dictionaries are immutable once loaded, and
// loading them costs tens of milliseconds, so they are loaded once.
func Default() *Converter {
	c, _ := shared() // newConverter cannot fail: loading is deferred to first use
	return c
}

func newConverter() (*Converter, error) {
	return &Converter{
		t2s:  sync.OnceValues(func() (*opencc.OpenCC, error) { return opencc.New("t2s") }),
		s2t:  sync.OnceValues(func() (*opencc.OpenCC, error) { return opencc.New("s2t") }),
		fold: map[rune]rune{}, toTrad: map[rune]bool{}}, nil
}

// must returns a direction's converter; the dictionaries are embedded, so failing to load them
// is a build defect, not a runtime condition.
func must(load func() (*opencc.OpenCC, error)) *opencc.OpenCC {
	cc, err := load()
	if err != nil {
		panic(fmt.Sprintf("script: load OpenCC dictionaries: %v", err))
	}
	return cc
}

// Convert returns s in the given script, using OpenCC's phrase tables.
func (c *Converter) Convert(s string, to taizhang.Script) string {
	load := c.s2t
	if to == taizhang.Simplified {
		load = c.t2s
	}
	out, err := must(load).Convert(s)
	if err != nil {
		return s // the dictionaries are in memory; a failure here leaves the text as it was
	}
	if to == taizhang.Simplified {
		out = mainland.Replace(out)
	} else {
		out = traditional.Replace(out)
	}
	return out
}

// mainland writes 着 where OpenCC's t2s keeps 著 (its table serves 著作 as well as 著力): the
// words of work plans, as mainland offices write them. Each keeps its length, as Fold needs.
// It also writes the Simplified form of the variant characters t2s leaves alone (mainlandRunes).
var mainland, traditional = func() (*strings.Replacer, *strings.Replacer) {
	pairs := [][2]string{{"著力", "着力"}, {"著眼", "着眼"}, {"著重", "着重"}, {"著手", "着手"}, {"著想", "着想"}, {"著陸", "着陆"},
		{"著落", "着落"}, {"著實", "着实"}, {"著裝", "着装"}}
	var t2s, s2t []string
	for _, p := range pairs {
		t2s = append(t2s, p[0], p[1])
		s2t = append(s2t, p[1], p[0]) // OpenCC's s2t keeps some of these as 着
		s2t = append(s2t, p[1][:len("着")]+string([]rune(p[0])[1:]), p[0])
	}
	for from, to := range mainlandRunes { // one way: s2t already writes the standard form (碱 → 鹼)
		t2s = append(t2s, string(from), string(to))
	}
	return strings.NewReplacer(t2s...), strings.NewReplacer(s2t...)
}()

// mainlandRunes are variant Traditional characters OpenCC's t2s keeps as they are, with the
// Simplified character mainland offices write: 鹽堿地 is 盐碱地, not 盐堿地. Folding maps them too
// (foldAlias), so that a name typed either way matches.
var mainlandRunes = map[rune]rune{'堿': '碱'}

// Fold maps every rune of s to its Simplified, half-width form, keeping the rune count.
func (c *Converter) Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, r := range s {
		b.WriteRune(c.foldRune(r))
	}
	return b.String()
}

// FoldRunes is Fold returning runes, for parsers that index by rune.
func (c *Converter) FoldRunes(s string) []rune {
	out := make([]rune, 0, len(s)/3+1)
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, r := range s {
		out = append(out, c.foldRune(r))
	}
	return out
}

func (c *Converter) foldRune(r rune) rune {
	if r < 0x80 {
		return r
	}
	if f, ok := c.fold[r]; ok {
		return f
	}
	f := Width(r)
	if f == r && r >= 0x2E80 {
		if out, err := must(c.t2s).Convert(string(r)); err == nil && utf8.RuneCountInString(out) == 1 {
			f, _ = utf8.DecodeRuneInString(out)
		}
	}
	if alias, ok := foldAlias[f]; ok {
		f = alias
	}
	c.fold[r] = f
	return f
}

// foldAlias folds forms that Convert writes for one word (著力 and 着力, 鹽堿地 and 盐碱地) to one
// rune, so a plan in either script matches the same.
var foldAlias = func() map[rune]rune {
	m := map[rune]rune{'着': '著'}
	for from, to := range mainlandRunes {
		m[from] = to
	}
	return m
}()

// Width maps a full-width form (ASCII, the ideographic space, ￥, ￠ and the other full-width
// symbols) to its half-width form, as Unicode's East Asian Width tables say. Wide punctuation
// (、。「」) is left alone: it has no half-width form a Chinese text uses (、 would become ､).
func Width(r rune) rune {
	if p := width.LookupRune(r); p.Kind() == width.EastAsianFullwidth && p.Narrow() != 0 {
		return p.Narrow()
	}
	return r
}

// Detect guesses the script of s by counting runes that exist only in one of the two scripts.
func (c *Converter) Detect(s string) taizhang.Script {
	trad, simp := 0, 0
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, r := range s {
		if r < 0x2E80 {
			continue
		}
		if f := c.foldRune(r); f != r && foldAlias[r] != f { // an alias (着 → 著) says nothing of the script
			trad++
			continue
		}
		isSimp, ok := c.toTrad[r]
		if !ok {
			out, err := must(c.s2t).Convert(string(r))
			isSimp = err == nil && out != string(r)
			c.toTrad[r] = isSimp
		}
		if isSimp {
			simp++
		}
	}
	if simp > trad {
		return taizhang.Simplified
	}
	return taizhang.Traditional
}

// Key folds a name for matching across scripts, widths, spaces and bracket styles.
func (c *Converter) Key(s string) string {
	f := c.Fold(s)
	var b strings.Builder
	for _, r := range f {
		switch r {
		case ' ', '\t', '\n', '\r', '\u00a0', '·', '•':
			continue
		case '〔', '［', '[', '【':
			r = '('
		case '〕', '］', ']', '】':
			r = ')'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// NotIn lists the distinct runes of s that converting s to script to would change: the
// Traditional-only characters of a text meant to be Simplified, or the reverse. The conversion is
// phrase-aware (批准 is Traditional too, though 准 alone becomes 準). Tests use it to check that
// what people read is in their script.
func (c *Converter) NotIn(s string, to taizhang.Script) []rune {
	from, conv := []rune(s), []rune(c.Convert(s, to))
	seen := map[rune]bool{}
	var out []rune
	for i, r := range from {
		changed := i >= len(conv) || conv[i] != r
		if len(from) != len(conv) { // phrase tables changed the length: judge each rune alone
			changed = c.Convert(string(r), to) != string(r)
		}
		if changed && r >= 0x2E80 && !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}
