package catalog

import (
	"regexp"
	"strings"

	taizhang "taizhang"
	"taizhang/script"
)

// knownAliases are short names in common use that the abbreviation rule cannot infer,
// keyed by the folded full name. Aliases that it can infer (省畜牧局 for 省畜牧獸醫局) need no entry.
var knownAliases = map[string][]string{
	"省发展改革委":     {"省发展和改革委员会", "省发改委"},
	"省工业和信息化厅":   {"省工信厅"},
	"省人力资源社会保障厅": {"省人社厅"},
	"省住房城乡建设厅":   {"省住建厅"},
	"省地方金融监管局":   {"省地方金融监督管理局", "省金融监管局"},
	"省市场监管局":     {"省市场监督管理局"},
	"省卫生健康委":     {"省卫健委", "省卫生健康委员会"},
	"人民银行济南分行":   {"中国人民银行济南分行"},
	"省文化和旅游厅":    {"省文旅厅"},
}

// Central and vertically managed units, which answer to their own line rather than to the
// government that issued the plan: customs, tax, the central bank and financial regulators,
// meteorology, the Yellow River commission, state companies.
var reExternal = regexp.MustCompile(`海关|人民银行|^人行|河务局|税务|银保监|金融监管总局|金融监管分局|监管分局|证监局|气象局|` +
	`通信管理局|邮政管理局|铁路|^国家|^中国|^中央|驻鲁|调查队|海事局|烟草|^国网|供电公司|电力公司|消防救援|地震局|边检|出入境`)

// Groups stand for many agencies and cannot fill a ledger themselves: 各市, 各縣(市、區),
// 各街道, 區直各部門, 各相關單位, 各成員單位, a leading group's members.
var reGroup = regexp.MustCompile(`^各|各(?:有关|相关|级|成员)?(?:部门|单位|街道|乡镇|镇|县|市|区)|成员单位|领导小组$|联席会议|` +
	`(?:有关|相关)(?:部门|单位)$|等(?:部门|单位)$`)

// levelPrefixes are the prefixes of each level's own departments, highest level first.
var levelPrefixes = []struct {
	level  taizhang.Level
	prefix rune
}{{taizhang.LevelProvince, '省'}, {taizhang.LevelCity, '市'}, {taizhang.LevelDistrict, '区'}, {taizhang.LevelCounty, '县'}}

// KindOf classifies an agency named in a plan of the given level: a group of agencies, a
// central or vertical unit, a department of a higher level (省直 in a city's plan), or one of
// the level's own.
func KindOf(conv *script.Converter, level taizhang.Level, name string) taizhang.AgencyKind {
	f := conv.Fold(name)
	switch {
	case reGroup.MatchString(f):
		return taizhang.KindGroup
	case reExternal.MatchString(f):
		return taizhang.KindExternal
	}
	if own, ok := prefixLevel(f); ok && higher(own, level) {
		return taizhang.KindExternal // 省直 units in a city's plan report to the province
	}
	return taizhang.KindAgency
}

// prefixLevel is the level whose prefix a folded name starts with (省, 市, 区, 县).
func prefixLevel(f string) (taizhang.Level, bool) {
	for _, lp := range levelPrefixes {
		if strings.HasPrefix(f, string(lp.prefix)) {
			return lp.level, true
		}
	}
	return "", false
}

// higher reports whether level a is above level b (an unknown level is above none).
func higher(a, b taizhang.Level) bool {
	for _, lp := range levelPrefixes {
		switch lp.level {
		case b:
			return false
		case a:
			return b != ""
		}
	}
	return false
}

// detectLevel reads the plan's level from the prefix most of its agencies carry (省科技廳,
// 市發改委, 區發改局), else from its title ("立山區2023年…"), else leaves it unknown.
func detectLevel(conv *script.Converter, plan *taizhang.Plan) taizhang.Level {
	count := map[taizhang.Level]int{}
	for _, a := range plan.Agencies {
		f := conv.Fold(a.Name)
		if reGroup.MatchString(f) || reExternal.MatchString(f) {
			continue
		}
		if l, ok := prefixLevel(f); ok {
			count[l]++
		}
	}
	best := taizhang.Level("")
	for _, lp := range levelPrefixes {
		if count[lp.level] > count[best] {
			best = lp.level
		}
	}
	if best != "" {
		return best
	}
	// The title names the issuer: the last of 省, 市, 區, 縣 before the year or the first verb.
	title := conv.Fold(plan.Title)
	if m := reIssuer.FindStringSubmatch(title); m != nil {
		l, _ := prefixLevel(m[1])
		return l
	}
	return ""
}

var reIssuer = regexp.MustCompile(`^[^\d]{1,12}?(省|市|区|县)(?:人民政府|政府)?(?:20\d\d|关于|建设|重点|工作|\d)`)

// registry collects agencies as tasks name them, merging names that denote the same agency.
type registry struct {
	conv  *script.Converter
	list  []*taizhang.Agency
	byKey map[string]*taizhang.Agency
}

func newRegistry(conv *script.Converter) *registry {
	return &registry{conv: conv, byKey: map[string]*taizhang.Agency{}}
}

func (r *registry) addAll(names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		a := r.add(n)
		if !contains(out, a.Name) {
			out = append(out, a.Name)
		}
	}
	return out
}

// add returns the agency a name denotes, creating it the first time.
func (r *registry) add(name string) *taizhang.Agency {
	key := r.conv.Key(name)
	if a, ok := r.byKey[key]; ok {
		if a.Name != name && !contains(a.Aliases, name) {
			a.Aliases = append(a.Aliases, name)
		}
		return a
	}
	for _, a := range r.list {
		short, long := key, r.conv.Key(a.Name)
		if abbreviates(short, long) {
			a.Aliases = append(a.Aliases, name)
			r.byKey[key] = a
			return a
		}
		if abbreviates(long, short) {
			// The abbreviation came first; the full name becomes the canonical one.
			a.Aliases = append(a.Aliases, a.Name)
			a.Name = name
			r.byKey[key] = a
			return a
		}
	}
	a := &taizhang.Agency{Name: name, Aliases: []string{}, Kind: taizhang.KindAgency} // kinds are set once the level is known
	for _, alias := range knownAliases[key] {
		a.Aliases = append(a.Aliases, r.conv.Convert(alias, r.conv.Detect(name)))
	}
	r.byKey[key] = a
	for _, alias := range a.Aliases {
		r.byKey[r.conv.Key(alias)] = a
	}
	r.list = append(r.list, a)
	return a
}

// abbreviates reports whether short is an abbreviation of long in the way agency names are
// shortened: the same head (省畜牧), the same kind of body at the end (局), and the rest of
// short found in long in order (省畜牧局 ⊂ 省畜牧獸醫局).
func abbreviates(short, long string) bool {
	s, l := []rune(short), []rune(long)
	if len(s) < 4 || len(s) >= len(l) || string(s[:3]) != string(l[:3]) || s[len(s)-1] != l[len(l)-1] {
		return false
	}
	i := 0
	for _, r := range l {
		if i < len(s) && s[i] == r {
			i++
		}
	}
	return i == len(s)
}

func (r *registry) agencies() []taizhang.Agency {
	out := make([]taizhang.Agency, len(r.list))
	for i, a := range r.list {
		out[i] = *a
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Resolver finds the canonical agency for any name or alias, across scripts and punctuation.
type Resolver struct {
	conv  *script.Converter
	byKey map[string]string
}

// NewResolver indexes a plan's agencies and their aliases.
func NewResolver(conv *script.Converter, agencies []taizhang.Agency) *Resolver {
	r := &Resolver{conv: conv, byKey: map[string]string{}}
	for _, a := range agencies {
		r.byKey[conv.Key(a.Name)] = a.Name
		for _, alias := range a.Aliases {
			if k := conv.Key(alias); r.byKey[k] == "" {
				r.byKey[k] = a.Name
			}
		}
	}
	return r
}

// Resolve returns the canonical name of the agency called name, or "" when there is none.
func (r *Resolver) Resolve(name string) string {
	return r.byKey[r.conv.Key(strings.TrimSpace(name))]
}
