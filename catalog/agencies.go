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
// 各街道, 區直各部門, 各相關單位, 相關鄉鎮(辦), 有關單位, 各成員單位, a leading group's members. Each
// rule says why, for the coordinator who may undo it.
var groupRules = []struct {
	re  *regexp.Regexp
	why string // Traditional
}{
	{regexp.MustCompile(`^(?:各|有关|相关)`), whyEach},
	{regexp.MustCompile(`各(?:有关|相关|级|成员)?(?:部门|单位|街道|乡镇|镇|县|市|区)`), whyAll},
	{regexp.MustCompile(`成员单位|领导小组$|联席会议`), whyMembers},
	{regexp.MustCompile(`(?:有关|相关)(?:部门|单位)$|等(?:部门|单位)$`), whyOthers},
}

// groupReason is why a folded name is a group, or "" when it is none.
func groupReason(f string) string {
	for _, g := range groupRules {
		if g.re.MatchString(f) {
			return g.why
		}
	}
	return ""
}

// GroupReason says, in Traditional script, why the plan's reading took an agency's name as a group
// of agencies (which gets no ledger); "" when the name reads as one agency.
func GroupReason(conv *script.Converter, name string) string { return groupReason(conv.Fold(name)) }

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
	case groupReason(f) != "":
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
		if groupReason(f) != "" || reExternal.MatchString(f) {
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

// registry collects agencies as tasks name them, merging names that denote the same agency:
// the same name in another script or width, a known alias, a short name of the abbreviation
// table with the same prefix, or a short name the plan itself states ("以下簡稱").
type registry struct {
	conv   *script.Converter
	list   []*taizhang.Agency
	byKey  map[string]*taizhang.Agency
	stated map[string]string // the plan's own short names: short → full, keys
	merged []merged
}

// merged is a name taken as another name of an agency, and why.
type merged struct {
	name        string
	into        *taizhang.Agency
	short, full string // the table's names, when the table said so, as the two names write them
}

func newRegistry(conv *script.Converter, stated map[string]string) *registry {
	return &registry{conv: conv, byKey: map[string]*taizhang.Agency{}, stated: stated}
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
		long := r.conv.Key(a.Name)
		m := merged{name: name, into: a}
		var ok, newIsFuller bool
		switch {
		case r.stated[key] == long:
			ok = true
		case r.stated[long] == key:
			ok, newIsFuller = true, true
		default:
			var mine, theirs string
			mine, theirs, ok = sameBody(key, long)
			newIsFuller = ok && fuller(mine, theirs)
			m.short, m.full = tailOf(a.Name, theirs), tailOf(name, mine)
			if !newIsFuller {
				m.short, m.full = tailOf(name, mine), tailOf(a.Name, theirs)
			}
		}
		if !ok {
			continue
		}
		if newIsFuller { // the short name came first; the full one becomes the agency's name
			m.name = a.Name
			a.Aliases = append(a.Aliases, a.Name)
			a.Name = name
		} else {
			a.Aliases = append(a.Aliases, name)
		}
		r.byKey[key] = a
		r.merged = append(r.merged, m)
		return a
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

// merges lists the names taken as another agency's, each with the agency's final name.
func (r *registry) merges() []Merge {
	var out []Merge
	for _, m := range r.merged {
		out = append(out, Merge{Name: m.name, Into: m.into.Name, Short: m.short, Full: m.full})
	}
	return out
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
