package plandoc

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"

	"taizhang/catalog"
)

// numbering draws the list numbers Word puts in front of paragraphs (numbering.xml): for each
// list, each level's start, format ("decimal", "chineseCounting", …) and text ("%1.", "(%2)").
// Counters run per list and reset below the level that advances, as Word draws them.
type numbering struct {
	lists    map[string]*numList // by numId
	abstract map[string][]numLevel
	counters map[string][]int
	styles   map[string]styleNum // paragraph styles that number their paragraphs ("Heading 1")
}

// styleNum is the list a paragraph style numbers with, and the style it is based on.
type styleNum struct {
	numID, lvl, basedOn string
}

type numList struct {
	abstract string
	start    map[int]int // level overrides
}

type numLevel struct {
	start int
	fmt   string
	text  string
}

type xmlNumbering struct {
	Abstract []struct {
		ID     string `xml:"abstractNumId,attr"`
		Levels []struct {
			Ilvl  int `xml:"ilvl,attr"`
			Start struct {
				Val string `xml:"val,attr"`
			} `xml:"start"`
			Fmt struct {
				Val string `xml:"val,attr"`
			} `xml:"numFmt"`
			Text struct {
				Val string `xml:"val,attr"`
			} `xml:"lvlText"`
		} `xml:"lvl"`
	} `xml:"abstractNum"`
	Nums []struct {
		ID       string `xml:"numId,attr"`
		Abstract struct {
			Val string `xml:"val,attr"`
		} `xml:"abstractNumId"`
		Overrides []struct {
			Ilvl  int `xml:"ilvl,attr"`
			Start struct {
				Val string `xml:"val,attr"`
			} `xml:"startOverride"`
		} `xml:"lvlOverride"`
	} `xml:"num"`
}

type xmlStyles struct {
	Styles []struct {
		ID      string `xml:"styleId,attr"`
		BasedOn struct {
			Val string `xml:"val,attr"`
		} `xml:"basedOn"`
		NumPr struct {
			Ilvl struct {
				Val string `xml:"val,attr"`
			} `xml:"ilvl"`
			NumID struct {
				Val string `xml:"val,attr"`
			} `xml:"numId"`
		} `xml:"pPr>numPr"`
	} `xml:"style"`
}

// parseStyles reads which paragraph styles number their paragraphs (styles.xml).
func (n *numbering) parseStyles(b []byte) {
	var x xmlStyles
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	if len(b) == 0 || d.Decode(&x) != nil {
		return
	}
	for _, st := range x.Styles {
		n.styles[st.ID] = styleNum{numID: st.NumPr.NumID.Val, lvl: st.NumPr.Ilvl.Val, basedOn: st.BasedOn.Val}
	}
}

// styleList is the list and level a paragraph of the style is numbered at, following basedOn
// (a few steps: styles do not nest deeply, and a loop must end).
func (n *numbering) styleList(style string) (numID, lvl string) {
	for i := 0; i < 10 && style != ""; i++ {
		st, ok := n.styles[style]
		if !ok {
			return "", ""
		}
		if st.numID != "" {
			return st.numID, st.lvl
		}
		style = st.basedOn
	}
	return "", ""
}

// parseNumbering reads numbering.xml; a missing or unreadable one draws no numbers.
func parseNumbering(b []byte) *numbering {
	n := &numbering{lists: map[string]*numList{}, abstract: map[string][]numLevel{}, counters: map[string][]int{}, styles: map[string]styleNum{}}
	var x xmlNumbering
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	if len(b) == 0 || d.Decode(&x) != nil {
		return n
	}
	for _, a := range x.Abstract {
		levels := make([]numLevel, 9)
		for _, l := range a.Levels {
			if l.Ilvl < 0 || l.Ilvl >= len(levels) {
				continue
			}
			start, err := strconv.Atoi(l.Start.Val)
			if err != nil {
				start = 1
			}
			levels[l.Ilvl] = numLevel{start: start, fmt: l.Fmt.Val, text: l.Text.Val}
		}
		n.abstract[a.ID] = levels
	}
	for _, num := range x.Nums {
		l := &numList{abstract: num.Abstract.Val, start: map[int]int{}}
		for _, o := range num.Overrides {
			if v, err := strconv.Atoi(o.Start.Val); err == nil {
				l.start[o.Ilvl] = v
			}
		}
		n.lists[num.ID] = l
	}
	return n
}

// label advances list numID at level lvl and returns the number Word draws there ("3.", "(二)");
// "" for bullets and lists it does not know.
func (n *numbering) label(numID, lvl string) string {
	list := n.lists[numID]
	if list == nil || numID == "0" {
		return ""
	}
	levels := n.abstract[list.abstract]
	ilvl, _ := strconv.Atoi(lvl)
	if ilvl < 0 || ilvl >= len(levels) {
		return ""
	}
	c := n.counters[numID]
	if c == nil {
		c = make([]int, len(levels))
		n.counters[numID] = c
	}
	start := func(i int) int {
		if v, ok := list.start[i]; ok {
			return v
		}
		return levels[i].start
	}
	if c[ilvl] == 0 {
		c[ilvl] = start(ilvl)
	} else {
		c[ilvl]++
	}
	for i := ilvl + 1; i < len(c); i++ {
		c[i] = 0
	}
	if levels[ilvl].fmt == "bullet" || levels[ilvl].fmt == "none" {
		return ""
	}
	text := levels[ilvl].text
	for i := 0; i <= ilvl; i++ {
		v := c[i]
		if v == 0 {
			v = start(i)
		}
		text = strings.ReplaceAll(text, "%"+strconv.Itoa(i+1), formatNumber(v, levels[i].fmt))
	}
	return text
}

// formatNumber writes n in one of Word's number formats.
func formatNumber(n int, format string) string {
	switch format {
	case "chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional", "taiwaneseCounting", "taiwaneseCountingThousand":
		return catalog.ChineseNumeral(n)
	case "ideographDigital":
		var b strings.Builder
		for _, d := range strconv.Itoa(n) {
			b.WriteString(string([]rune("〇一二三四五六七八九")[d-'0']))
		}
		return b.String()
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
	case "upperLetter", "lowerLetter":
		if n >= 1 && n <= 26 {
			base := 'a'
			if format == "upperLetter" {
				base = 'A'
			}
			return string(rune(base + rune(n-1)))
		}
	}
	return strconv.Itoa(n)
}
