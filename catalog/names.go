package catalog

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	taizhang "taizhang"
	"taizhang/script"
)

// Naming: once a task's targets are read, every metric name is made unique within the task and
// able to stand alone on a ledger row, from the plan's own words. In order:
//
//  1. A list of values after one name is distributed over the name's own list: "新增國家、省技術創新
//     示范企業3家、80家左右" → 新增國家技術創新示范企業 / 新增省技術創新示范企業; "原油、天然氣產量
//     分別達到2100萬噸、5億立方米" → 原油產量 / 天然氣產量.
//  2. A short or generic name (three characters or fewer, or only words such as 項目, 總量, 規模) is
//     completed from its clause: the words its list shares ("開展213座水庫、75座水閘安全鑒定" →
//     水庫安全鑒定; "整治修復濱海濕地25平方千米、岸線18千米" → 整治修復岸線), what stands between
//     the verb and the number ("建成龍口南山LNG接收站一期4座儲罐" → 龍口南山LNG接收站一期儲罐), the
//     thing a measure word measures ("新型研發機構30家左右,總量達到430家左右" → 省級新型研發機構總量),
//     or the fuller name the task uses elsewhere ("共同體" → 創新創業共同體).
//  3. A name longer than 24 characters keeps what follows its last 的.
//  4. Names still shared are told apart by their units ("3898個、69.95萬戶" → …個數 / …戶數), by
//     what stands before the number, by the clause that qualifies them ("實施國家水土保持重點工程,
//     全省治理水土流失面積215平方公里" → 國家水土保持重點工程治理水土流失面積), and as a last resort by
//     the target in parentheses.
//
// Matching is on the folded text; names are sliced from the original, so they keep its script.
// The few words naming adds (個數, 金額, 面積…) are written in the task's script.

// source says where a target's metric name came from.
type source int

const (
	srcInherited   source = iota // the previous name in a list of values ("3家、80家左右")
	srcAfter                     // what is counted, after the number ("打造10家生態工業園區")
	srcBefore                    // the noun phrase before the number ("全國重點實驗室達到25家")
	srcWhole                     // "16市全部建成…": the whole phrase
	srcRank                      // a place in a ranking
	srcQualitative               // a target without a number
)

// site is where one target stands in its task's folded text.
type site struct {
	q           quantity
	src         source
	clauseStart int // just past the separator before the quantity (or the previous quantity's end)
	lead        int // clauseStart past the lead words (力爭, 確保…)
	from, to    int // the metric, for srcAfter and srcBefore
}

// maxName is the length names are kept within when the plan's words allow.
const maxName = 24

// Words of plans in folded form: the verbs and adverbs that open a phrase (stripped to leave
// what is counted), levels of government (distributed over a list), words that measure (the
// head a list shares), and names that say nothing alone.
const (
	adverbs = `重点|加快|大力|积极|持续|全面|进一步|深入|着力|有序|稳步|全力|统筹|高标准|高质量|高水平|力争|确保|争取|努力|其中|` +
		`累计|全年|年内|年底前|年底`
	verbs = `推动|推进|实施|开展|建设|建成|新建|新增|新备案|备案|打造|培育|创建|完成|整治|修复|治理|改造|新开工|开工|续建|竣工|` +
		`遴选|评选|选择|组织|举办|实现|提供|构建|培养|吸引|引进|引育|壮大|做强|做优|做大|推出|赋能|关停|退出|淘汰|新认定|认定|` +
		`发布|争创|启动|设立|成立|支持|引导|鼓励|带动|扶持|招引|签约|签发|储备|谋划|推广|形成|提升|提高|改扩建|扩建|安排|开发|` +
		`选树|表彰|建立|培训|投运|投产|运行|落实|促进|加强|强化|拓展|扩大|增加|保持|稳定|达到|改建|筹集|发放|惠及`
	levelWords   = `国家级|国家|省级|省|市级|市|县级|县|区级|区|全国|全省|全市|世界|国际|中央|部级`
	measureWords = `播种面积|种植面积|建筑面积|营业收入|主营业务收入|销售收入|进出口总额|进出口额|装机容量|增加值|覆盖率|利用率|达标率|` +
		`产量|产值|面积|总量|总额|总数|规模|数量|比重|占比|比例|收入|投资|金额|长度|容量|率`
	genericWords = `项目|建设|工程|任务|总量|总数|数量|规模|面积|产量|比例|比重|占比|个数`
	scopeWords   = `全省|全市|全区|全县|全国|各市|各地`
	// What starts the predicate a list of things shares ("80%以上的設區市、30%以上的縣(市、區)達到四星級以上標準").
	predicateVerbs = `达到|实现|完成|通过|纳入|具备|建成|开展|进入`
)

var (
	// Verbs in a row, or in a list ("新建、改擴建"), 新 before a verb too ("新改建").
	reLeadVerbs  = regexp.MustCompile(`^(?:` + longestFirst(adverbs) + `|新?(?:` + longestFirst(verbs) + `))(?:、?(?:` + longestFirst(adverbs) + `|新?(?:` + longestFirst(verbs) + `)))*`)
	reLevelWord  = regexp.MustCompile(`^(?:` + longestFirst(levelWords) + `)`)
	reLevelWhole = regexp.MustCompile(`^(?:` + longestFirst(levelWords) + `)$`)
	reMeasureEnd = regexp.MustCompile(`(?:` + longestFirst(measureWords) + `)$`)
	reMeasure    = regexp.MustCompile(`^总?(?:` + longestFirst(measureWords) + `)$`)
	reGeneric    = regexp.MustCompile(`^(?:` + longestFirst(genericWords) + `)+$`)
	reScope      = regexp.MustCompile(`^(?:` + scopeWords + `)`)
	rePredicate  = regexp.MustCompile(`^(?:` + predicateVerbs + `)`)
	// A verb that may follow the noun it is done to or for ("企業提供轉(續)貸").
	reVerbAt = regexp.MustCompile(`^(?:` + longestFirst(verbs) + `)`)
)

// longestFirst orders alternatives so that a word is tried before its prefixes (新增 before 新).
func longestFirst(alts string) string {
	words := strings.Split(alts, "|")
	slices.SortStableFunc(words, func(a, b string) int { return len(b) - len(a) })
	return strings.Join(words, "|")
}

// namer names the targets of one task.
type namer struct {
	conv  *script.Converter
	f     *folded
	depth []int
	inds  []taizhang.Indicator
	sites []site
	sc    taizhang.Script // the task's script, for the words naming adds; "" until needed
}

// nameIndicators makes the metric names of one task's targets unique and self-explanatory.
func nameIndicators(conv *script.Converter, f *folded, depth []int, inds []taizhang.Indicator, sites []site) {
	n := &namer{conv: conv, f: f, depth: depth, inds: inds, sites: sites}
	for i := range n.sites {
		s := &n.sites[i]
		s.from, s.to = n.trimmed(s.from, s.to)
	}
	n.distribute()
	n.complete()
	n.shorten()
	n.tellApart()
}

// trimmed narrows a range of the folded text to whole runes without spaces around them.
func (n *namer) trimmed(from, to int) (int, int) {
	fs := n.f.fold
	from, to = max(0, min(from, len(fs))), max(0, min(to, len(fs)))
	for from < to && !utf8.RuneStart(fs[from]) {
		from++
	}
	for to > from && to < len(fs) && !utf8.RuneStart(fs[to]) {
		to--
	}
	for from < to && fs[from] == ' ' {
		from++
	}
	for to > from && fs[to-1] == ' ' {
		to--
	}
	return from, to
}

func (n *namer) slice(from, to int) string { return strings.TrimSpace(n.f.slice(from, to)) }

// word is a word naming adds, written in Simplified, in the task's script.
func (n *namer) word(simplified string) string {
	if n.sc == "" {
		n.sc = n.conv.Detect(string(n.f.orig))
	}
	if n.sc == taizhang.Simplified {
		return simplified
	}
	return n.conv.Convert(simplified, n.sc)
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// enumerated reports whether s, between two parts of a list, is only its 、.
func enumerated(s string) bool { return strings.TrimSpace(s) == "、" }

// named reports whether the site is a count or measure with a name of its own in the text.
func (s site) named() bool { return s.src == srcAfter || s.src == srcBefore }

// 1. Lists of values: "A、B…X、Y" gives A… X and B… Y.
func (n *namer) distribute() {
	fs := n.f.fold
	for i := 0; i < len(n.sites); {
		j := i + 1
		if n.sites[i].named() {
			for j < len(n.sites) && n.sites[j].src == srcInherited && enumerated(fs[n.sites[j-1].q.end:n.sites[j].q.start]) {
				j++
			}
		}
		if j-i >= 2 {
			if names := n.distributed(n.sites[i], j-i); names != nil {
				for k, name := range names {
					n.inds[i+k].Metric = name
				}
			}
		}
		i = j
	}
}

// distributed returns the k names a metric's own list of k parts gives, or nil.
func (n *namer) distributed(s site, k int) []string {
	fs := n.f.fold
	var parts [][2]int
	at := s.from
	for at < s.to {
		end := nextSep(fs, n.depth, at, s.to, "、")
		parts = append(parts, [2]int{at, end})
		at = end + len("、")
	}
	if len(parts) != k {
		return nil
	}
	first, last := parts[0], parts[k-1]
	verb := len(reLeadVerbs.FindString(fs[first[0]:first[1]]))
	verb += len(reScope.FindString(fs[first[0]+verb : first[1]])) // 全市糧食、蔬菜產量: 全市 is shared too
	own1 := fs[first[0]+verb : first[1]]
	lastText := fs[last[0]:last[1]]
	head := -1 // where the shared head starts in the last part
	switch {
	case own1 == "":
	case reLevelWhole.MatchString(own1) && len(reLevelWord.FindString(lastText)) < len(lastText) && reLevelWord.MatchString(lastText):
		head = last[0] + len(reLevelWord.FindString(lastText))
	case reMeasureEnd.MatchString(lastText) && len(reMeasureEnd.FindString(lastText)) < len(lastText):
		head = last[1] - len(reMeasureEnd.FindString(lastText))
	default:
		head = n.sameLength(last[0], last[1], runes(own1))
		if head < 0 && runes(lastText) >= 2 && runes(own1) >= 2 {
			head = last[1] // nothing shared: "營業收入、利潤"
		}
	}
	if head < 0 || strings.TrimSpace(fs[last[0]:head]) == "" {
		return nil
	}
	prefix, shared := n.slice(first[0], first[0]+verb), n.slice(head, last[1])
	names := make([]string, k)
	for p, part := range parts {
		from, to := part[0], part[1]
		if p == 0 {
			from += verb
		}
		if p == k-1 {
			to = head
		}
		names[p] = prefix + n.slice(from, to) + shared
	}
	return names
}

// sameLength returns where a part of the folded text splits after count runes, when that is
// outside brackets and leaves at least two runes; else -1. Parallel words are as long as each
// other: 水庫 and 水閘 in "水庫、水閘安全鑒定".
func (n *namer) sameLength(from, to, count int) int {
	at := from
	for range count {
		if at >= to {
			return -1
		}
		_, size := utf8.DecodeRuneInString(n.f.fold[at:])
		at += size
	}
	if runes(n.f.fold[at:to]) < 2 || n.depth[at] != n.depth[from] || bracketDepth(firstRune(n.f.fold[at:])) != 0 {
		return -1
	}
	return at
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// short reports whether a name says too little alone: three characters or fewer, or only
// generic words (項目建設, 總量).
func (n *namer) short(name string) bool {
	return runes(name) <= 3 || reGeneric.MatchString(n.conv.Fold(name))
}

// 2. Short and generic names, completed from their clause.
func (n *namer) complete() {
	was := make([]string, len(n.inds))
	for i := range n.inds {
		was[i] = n.inds[i].Metric
		if n.sites[i].src == srcInherited && i > 0 {
			if was[i] == was[i-1] { // a value of a list is named as the list's first ("項目3個、5個")
				n.inds[i].Metric = n.inds[i-1].Metric
			}
			continue
		}
		if !n.short(n.inds[i].Metric) || !n.sites[i].named() {
			continue
		}
		for _, try := range []func(int) string{n.sharedTail, n.sharedVerb, n.measured, n.qualified, n.partOf, n.mentioned} {
			if name := try(i); name != "" {
				n.inds[i].Metric = name
				break
			}
		}
	}
	for i := range n.inds {
		if runes(n.inds[i].Metric) > 2 {
			continue
		}
		switch s := n.sites[i]; {
		case n.inds[i].Metric == "":
			n.inds[i].Metric = n.inds[i].Span
		case s.src != srcQualitative:
			n.inds[i].Metric += "(" + n.slice(s.q.start, s.q.end) + ")"
		}
	}
}

// sharedTail: "開展213座水庫、75座水閘安全鑒定" — the list's last thing carries what all share
// (安全鑒定), after its own word, which is as long as this one's, or before a predicate (達到…).
func (n *namer) sharedTail(i int) string {
	s := n.sites[i]
	if s.src != srcAfter {
		return ""
	}
	fs := n.f.fold
	j := i
	for j+1 < len(n.sites) && n.sites[j+1].src == srcAfter && n.sites[j].to <= n.sites[j+1].q.start &&
		enumerated(fs[n.sites[j].to:n.sites[j+1].q.start]) {
		j++
	}
	if j == i {
		return ""
	}
	last := n.sites[j]
	tail := -1
	for at := last.from; at < last.to; {
		if at > last.from && n.depth[at] == n.depth[last.from] && rePredicate.MatchString(fs[at:last.to]) {
			tail = at
			break
		}
		_, size := utf8.DecodeRuneInString(fs[at:])
		at += size
	}
	if tail < 0 {
		tail = n.sameLength(last.from, last.to, runes(n.inds[i].Metric))
	}
	if tail < 0 {
		return ""
	}
	return n.inds[i].Metric + n.slice(tail, last.to)
}

// sharedVerb: "整治修復濱海濕地25平方千米、岸線18千米" — the list's first thing carries the verb
// all share (整治修復).
func (n *namer) sharedVerb(i int) string {
	fs := n.f.fold
	for j := i; j > 0; j-- {
		prev, cur := n.sites[j-1], n.sites[j]
		if prev.src != srcBefore || cur.src != srcBefore || prev.q.end > cur.from || !enumerated(fs[prev.q.end:cur.from]) {
			return ""
		}
		if verb := reLeadVerbs.FindString(fs[prev.from:prev.to]); verb != "" && len(verb) < prev.to-prev.from {
			return n.slice(prev.from, prev.from+len(verb)) + n.inds[i].Metric
		}
	}
	return ""
}

// measured: "新備案省級新型研發機構30家左右,總量達到430家左右" — a measure word alone measures
// the thing the sentence's previous target counts.
func (n *namer) measured(i int) string {
	s := n.sites[i]
	if s.src != srcBefore || i == 0 || !reMeasure.MatchString(n.conv.Fold(n.inds[i].Metric)) {
		return ""
	}
	prev := n.sites[i-1]
	if !prev.named() || prev.q.end > s.q.start || strings.ContainsAny(n.f.fold[prev.q.end:s.q.start], "。;") {
		return ""
	}
	from := prev.from + len(reLeadVerbs.FindString(n.f.fold[prev.from:prev.to]))
	thing := n.slice(from, prev.to)
	if thing == "" || reMeasureEnd.MatchString(n.conv.Fold(thing)) {
		return ""
	}
	return thing + n.inds[i].Metric
}

// partOf: "新增學位5000個,其中小學2000個、初中3000個" — a part names the whole it is part of
// (小學學位, 初中學位).
func (n *namer) partOf(i int) string {
	s := n.sites[i]
	fs := n.f.fold
	start := lastSep(fs, n.depth, 0, s.q.start, clauseSeps)
	if !strings.HasPrefix(fs[start:], "其中") {
		return ""
	}
	for j := i - 1; j >= 0; j-- {
		whole := n.sites[j]
		if whole.q.end > start {
			continue
		}
		if !whole.named() || strings.ContainsAny(fs[whole.q.end:start], "。;") {
			return ""
		}
		from := whole.from + len(reLeadVerbs.FindString(fs[whole.from:whole.to]))
		if thing := n.slice(from, whole.to); thing != "" {
			return n.inds[i].Metric + thing
		}
		return ""
	}
	return ""
}

// qualified: what stands between the verb and the number ("建成龍口南山LNG接收站一期4座儲罐").
func (n *namer) qualified(i int) string {
	if q := n.before(i); q != "" {
		return q + n.inds[i].Metric
	}
	return ""
}

// before is the qualifier between a counted target's verb and its number, or "".
func (n *namer) before(i int) string {
	s := n.sites[i]
	if s.src != srcAfter {
		return ""
	}
	fs := n.f.fold
	from := s.lead
	if i > 0 && n.sites[i-1].q.end == s.clauseStart { // the previous item of a list in the same clause
		from = max(from, lastSep(fs, n.depth, s.clauseStart, s.q.start, "、"))
	}
	if from >= s.q.start {
		return ""
	}
	from += len(reLeadWords.FindString(fs[from:s.q.start]))
	from += len(reLeadVerbs.FindString(fs[from:s.q.start]))
	q := strings.TrimSpace(fs[from:s.q.start])
	if q == "" || !hasHan(q) || strings.HasSuffix(q, "等") || strings.HasSuffix(q, "的") || reDeadline.MatchString(q) ||
		runes(q) > maxName-runes(n.inds[i].Metric) {
		return ""
	}
	return n.slice(from, s.q.start)
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// mentioned: the fuller name the task uses elsewhere, its verb stripped ("培育創新創業共同體" →
// 創新創業共同體 for 共同體).
func (n *namer) mentioned(i int) string {
	fs := n.f.fold
	name := n.conv.Fold(n.inds[i].Metric)
	if name == "" {
		return ""
	}
	for at := 0; at < len(fs); {
		k := strings.Index(fs[at:], name)
		if k < 0 {
			break
		}
		end := at + k + len(name)
		start := at + k
		for start > 0 {
			r, size := utf8.DecodeLastRuneInString(fs[:start])
			if !unicode.Is(unicode.Han, r) {
				break
			}
			start -= size
		}
		start += len(reLeadVerbs.FindString(fs[start : at+k]))
		// at least two characters before it: one is more likely part of another word (中+小學)
		if ext := fs[start : at+k]; runes(ext) >= 2 && runes(fs[start:end]) <= 12 && !strings.ContainsAny(ext, "等的和与及") {
			return n.slice(start, end)
		}
		at = end
	}
	return ""
}

// 3. Long names keep their head: "人才意識強、…、創新引領作用顯著的人才引領性企業" → 人才引領性企業.
func (n *namer) shorten() {
	for i := range n.inds {
		name := n.inds[i].Metric
		if runes(name) <= maxName || n.sites[i].src != srcAfter {
			continue
		}
		g := newFolded(n.conv, name)
		d := depths(g.fold)
		at := lastSep(g.fold, d, 0, len(g.fold), "的")
		if head := strings.TrimSpace(g.slice(at, len(g.fold))); at > 0 && runes(head) >= 4 {
			n.inds[i].Metric = head
		}
	}
}

// 4. Names still shared, told apart: by unit, by the words before the number, by the clause
// that qualifies them, by the target, and at last by their place.
func (n *namer) tellApart() {
	for range 4 { // each round settles every group; a settled name may meet another once
		groups := map[string][]int{}
		var keys []string
		for i, ind := range n.inds {
			k := n.conv.Key(ind.Metric)
			if len(groups[k]) == 0 {
				keys = append(keys, k)
			}
			groups[k] = append(groups[k], i)
		}
		done := true
		for _, k := range keys {
			if g := groups[k]; len(g) > 1 {
				n.settle(g)
				done = false
			}
		}
		if done {
			return
		}
	}
}

// settle renames a group of targets that share a name with the first way that tells all apart.
func (n *namer) settle(g []int) {
	ways := []func(int) string{n.byUnit(g), n.qualified, n.byClause, n.byTarget}
	var names []string
	for _, way := range ways {
		names = make([]string, len(g))
		for k, i := range g {
			if names[k] = way(i); names[k] == "" {
				names[k] = n.inds[i].Metric
			}
		}
		if n.apart(g, names) {
			break
		}
	}
	// The same target twice: the second is told by its place.
	seen := map[string]int{}
	for k, i := range g {
		key := n.conv.Key(names[k])
		if seen[key]++; seen[key] > 1 {
			names[k] += "(" + strconv.Itoa(seen[key]) + ")"
		}
		n.inds[i].Metric = names[k]
	}
}

// apart reports whether names, for the targets g, differ from each other and from every other name.
func (n *namer) apart(g []int, names []string) bool {
	seen := map[string]bool{}
	for i, ind := range n.inds {
		if !slices.Contains(g, i) {
			seen[n.conv.Key(ind.Metric)] = true
		}
	}
	for _, name := range names {
		k := n.conv.Key(name)
		if seen[k] {
			return false
		}
		seen[k] = true
	}
	return true
}

// byUnit names what each unit measures, when the group's units differ: 老舊小區個數 / 戶數,
// 提供轉(續)貸企業數 / 提供轉(續)貸金額.
func (n *namer) byUnit(g []int) func(int) string {
	dims := map[string]bool{}
	for _, i := range g {
		d, _ := n.dimension(i)
		if d == "" || dims[d] {
			return func(int) string { return "" }
		}
		dims[d] = true
	}
	// "為7000余家企業提供轉(續)貸1500億元": the noun the count counts, then what is done for it.
	noun, verb := "", ""
	for _, i := range g {
		s := n.sites[i]
		if _, count := n.dimension(i); !count || s.src != srcAfter || strings.Trim(n.f.fold[s.q.end:s.from], "的 ") != "" {
			continue
		}
		name := n.conv.Fold(n.inds[i].Metric)
		if reLeadVerbs.MatchString(name) {
			continue
		}
		g := newFolded(n.conv, n.inds[i].Metric)
		for at, r := range name {
			if at > 0 && runes(name[:at]) <= 4 && reVerbAt.MatchString(name[at:]) && bracketDepth(r) == 0 {
				noun, verb = g.slice(0, at), g.slice(at, len(name))
				break
			}
		}
		break
	}
	return func(i int) string {
		d, count := n.dimension(i)
		switch {
		case verb == "":
			return n.inds[i].Metric + d
		case count:
			return verb + noun + n.word("数")
		}
		return verb + d
	}
}

// dimension is the word for what a target's unit measures, in the task's script, and whether
// the unit counts things: 個 → 個數, 萬戶 → 戶數, 億元 → 金額, 平方公里 → 面積.
func (n *namer) dimension(i int) (string, bool) {
	u := strings.TrimLeft(n.conv.Fold(n.inds[i].Unit), "万亿")
	switch u {
	case "":
		return "", false
	case "元":
		return n.word("金额"), false
	case "亩", "平方公里", "平方千米", "平方米":
		return n.word("面积"), false
	case "公里", "千米", "米":
		return n.word("长度"), false
	case "%":
		return n.word("比例"), false
	case "名", "人":
		return n.word("人数"), true
	case "人次":
		return n.inds[i].Unit, true
	case "场":
		return n.word("场次"), true
	}
	if strings.Contains("个户家项座处条所台张册头只次件套辆艘宗款类种", u) && runes(u) == 1 {
		unit := []rune(n.inds[i].Unit)
		return string(unit[len(unit)-1]) + n.word("数"), true
	}
	return "(" + n.inds[i].Unit + ")", false
}

// byClause: the clause before, in the same sentence, that says which ("實施國家水土保持重點工程,
// 全省治理水土流失面積215平方公里"), the scope word (全省) dropped.
func (n *namer) byClause(i int) string {
	s := n.sites[i]
	if s.src == srcQualitative {
		return ""
	}
	fs := n.f.fold
	start := lastSep(fs, n.depth, 0, s.q.start, clauseSeps)
	sentence := lastSep(fs, n.depth, 0, s.q.start, "。;!?")
	if start <= sentence {
		return ""
	}
	_, size := utf8.DecodeLastRuneInString(fs[:start])
	end := start - size
	from := lastSep(fs, n.depth, sentence, end, clauseSeps)
	for _, o := range n.sites {
		if o.q.start < end && o.q.end > from && o.src != srcQualitative {
			return "" // the clause has a target of its own
		}
	}
	from += len(reLeadWords.FindString(fs[from:end]))
	from += len(reLeadVerbs.FindString(fs[from:end]))
	q := strings.TrimSpace(fs[from:end])
	if q == "" || !hasHan(q) || reDeadline.MatchString(q) || runes(q) > 16 {
		return ""
	}
	name := n.inds[i].Metric
	if m := reScope.FindString(n.conv.Fold(name)); m != "" && runes(name)-runes(m) >= 2 {
		name = string([]rune(name)[runes(m):])
	}
	return n.slice(from, end) + name
}

// byTarget: the target in the plan's words, in parentheses.
func (n *namer) byTarget(i int) string {
	s := n.sites[i]
	if s.src == srcQualitative || s.q.end <= s.q.start {
		return ""
	}
	return n.inds[i].Metric + "(" + n.slice(s.q.start, s.q.end) + ")"
}
