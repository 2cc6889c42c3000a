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

// parseNumbering reads numbering.xml; a missing or unreadable one draws no numbers.
func parseNumbering(b []byte) *numbering {
	n := &numbering{lists: map[string]*numList{}, abstract: map[string][]numLevel{}, counters: map[string][]int{}}
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
