package catalog

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"taizhang/script"
)

// bodyNames are the names of government bodies that denote the same body, as plans shorten them
// (folded, Simplified). Two agencies are one when their names are the same prefix (省, 市, 濟南市,
// 市委…) before two names of one row: 省畜牧獸醫局 and 省畜牧局, 市人力資源和社會保障局 and 市人社局.
// Nothing else merges two names: 市公安局 and 市公安消防局 share most of their characters and are
// two bodies.
var bodyNames = [][]string{
	{"发展和改革委员会", "发展改革委员会", "发展改革委", "发改委"},
	{"发展和改革局", "发展改革局", "发改局"},
	{"工业和信息化厅", "工业信息化厅", "工信厅"},
	{"工业和信息化局", "工业信息化局", "工信局"},
	{"科学技术厅", "科技厅"},
	{"科学技术局", "科技局"},
	{"人力资源和社会保障厅", "人力资源社会保障厅", "人社厅"},
	{"人力资源和社会保障局", "人力资源社会保障局", "人社局"},
	{"自然资源和规划局", "自然资源规划局", "资规局", "自然资源局"},
	{"生态环境局", "环境保护局", "环保局"},
	{"住房和城乡建设厅", "住房城乡建设厅", "住建厅"},
	{"住房和城乡建设局", "住房城乡建设局", "住建局"},
	{"交通运输厅", "交通厅"},
	{"交通运输局", "交通局"},
	{"文化和旅游厅", "文化旅游厅", "文旅厅"},
	{"文化和旅游局", "文化旅游局", "文旅局"},
	{"文化广电和旅游局", "文化广电旅游局", "文广旅局"},
	{"卫生健康委员会", "卫生健康委", "卫健委"},
	{"卫生健康局", "卫健局"},
	{"退役军人事务厅", "退役军人厅"},
	{"退役军人事务局", "退役军人局"},
	{"应急管理厅", "应急厅"},
	{"应急管理局", "应急局"},
	{"市场监督管理局", "市场监管局"},
	{"地方金融监督管理局", "地方金融监管局", "金融监管局", "金融局"},
	{"国有资产监督管理委员会", "国资委"},
	{"医疗保障局", "医保局"},
	{"广播电视局", "广电局"},
	{"行政审批服务局", "行政审批局", "审批服务局", "审批局"},
	{"营商环境建设局", "营商局"},
	{"政务服务管理局", "政务服务局"},
	{"政务服务管理办公室", "政务服务办公室", "政务服务办", "政务办"},
	{"机关事务管理局", "机关事务局"},
	{"人民防空办公室", "人防办"},
	{"外事办公室", "外办"},
	{"台湾事务办公室", "台办"},
	{"侨务办公室", "侨办"},
	{"畜牧兽医局", "畜牧局"},
	{"粮食和物资储备局", "粮食和储备局", "粮储局"},
	{"林业和草原局", "林草局", "林业局"},
	{"城市管理局", "城市管理综合执法局", "城市管理行政执法局", "城管局"},
	{"民族宗教事务委员会", "民族宗教委", "民宗委"},
	{"机构编制委员会办公室", "编委办", "编办"},
	{"国际贸易促进委员会", "贸促会"},
	{"供销合作社联合社", "供销合作社", "供销社"},
	{"妇女联合会", "妇联"},
	{"残疾人联合会", "残联"},
	{"科学技术协会", "科协"},
	{"工商业联合会", "工商联"},
	{"政府办公厅", "政府办公室", "政府办"},
}

// bodyRow is, for each name in bodyNames, its row.
var bodyRow = func() map[string]int {
	m := map[string]int{}
	for i, row := range bodyNames {
		for _, n := range row {
			m[n] = i
		}
	}
	return m
}()

// sameBody reports whether two folded names are one body by the table: the same prefix, then two
// names of one row. It returns the two names of the row that matched.
func sameBody(a, b string) (string, string, bool) {
	if a == b {
		return "", "", false
	}
	for at := range a {
		ra, ok := bodyRow[a[at:]]
		if !ok || !strings.HasPrefix(b, a[:at]) {
			continue
		}
		if rb, ok := bodyRow[b[at:]]; ok && rb == ra {
			return a[at:], b[at:], true
		}
	}
	return "", "", false
}

// fuller reports whether body a is the fuller name of its row than b (listed before it).
func fuller(a, b string) bool {
	for _, n := range bodyNames[bodyRow[a]] {
		switch n {
		case a:
			return true
		case b:
			return false
		}
	}
	return false
}

// A plan's own statement that it shortens a name: "省畜牧獸醫局(以下簡稱省畜牧局)".
var (
	reStatedShort = regexp.MustCompile(`([^\s,;。:、()“”]{3,40})\((?:以下)?简称[“"]?([^”"()]{2,20})[”"]?\)`)
	reShortMark   = regexp.MustCompile(`\((?:以下)?简称[^()]*\)`)
	reNameLead    = regexp.MustCompile(`^(?:由|会同|联合|协调|请|及|和|与)`)
)

// statedShorts reads every "(以下簡稱…)" of a document: short name → full name, keys folded.
func statedShorts(conv *script.Converter, blocks []Block) map[string]string {
	out := map[string]string{}
	for _, b := range blocks {
		for _, s := range append([]string{b.Text}, b.Cells...) {
			for _, m := range reStatedShort.FindAllStringSubmatch(conv.Fold(s), -1) {
				full := reNameLead.ReplaceAllString(m[1], "")
				if utf8.RuneCountInString(full) >= 3 {
					out[conv.Key(m[2])] = conv.Key(full)
				}
			}
		}
	}
	return out
}

// tailOf is the end of name that writes the folded body: as many runes (folding keeps the count;
// a key drops spaces, which names of the table do not have).
func tailOf(name, body string) string {
	rs := []rune(strings.TrimSpace(name))
	n := utf8.RuneCountInString(body)
	if n > len(rs) {
		return body
	}
	return string(rs[len(rs)-n:])
}

// Merge is a name the plan uses that was read as another name of one of its agencies.
type Merge struct {
	Name, Into string
	// Short and Full are the abbreviation table's names that made them one ("畜牧局",
	// "畜牧獸醫局", as the plan writes them); both empty when the plan itself stated the short name.
	Short, Full string
	prefix      string // the prefix a list left out, when that is how Name became Into
}

// Reason says why the two names are one agency, in Traditional script.
func (m Merge) Reason() string {
	if m.prefix != "" {
		return fmt.Sprintf(whyPrefix, m.prefix)
	}
	if m.Short == "" {
		return whyStated
	}
	return fmt.Sprintf(whyTable, m.Full, m.Short)
}

// AliasReason says, in Traditional script, why alias is a name of the agency name: a known short
// name of the abbreviation table, one in common use, or else one the plan stated or a coordinator
// added.
func AliasReason(conv *script.Converter, name, alias string) string {
	k, a := conv.Key(name), conv.Key(alias)
	if mine, theirs, ok := sameBody(k, a); ok {
		full, short := tailOf(name, mine), tailOf(alias, theirs)
		if fuller(theirs, mine) {
			full, short = short, full
		}
		return Merge{Short: short, Full: full}.Reason()
	}
	for _, known := range knownAliases[k] {
		if conv.Key(known) == a {
			return whyKnown
		}
	}
	if conv.Fold(name) == conv.Fold(alias) || k == a {
		return whySameName
	}
	return whyStatedOrAdded
}
