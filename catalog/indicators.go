package catalog

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	taizhang "taizhang"
	"taizhang/script"
)

// The span grammar, on folded text (Simplified, half-width):
//
//	quantity  = [pre] number [range] [余] unit [余] [post]
//	pre       = 不少于 | 不低于 | 不超过 | 不高于 | 超过 | 至少 | 约
//	range     = (- | ~ | 至 | 到) number
//	unit      = [万亿 | 万 | 亿] base | % | 万 | 亿 | 大
//	post      = 以上 | 以内 | 以下 | 之内 | 左右 | 及以下
//
// "5%-10%" (a range whose unit is written twice) is joined from its two quantities afterwards
// (see quantities.go, with the other rules on durations, slogans and norms).
//
// A quantity is a target unless it names or specifies something: 第N (an ordinal), N…级 (a grade),
// N…/小时 (a rate), "N以下 + noun" (a category), or "N以上 + noun" followed in the same clause by
// the count of that noun ("500万元以上技术改造项目1万个": the projects' size, then their number).
const baseUnits = durationUnits + `|个百分点|百分点|千瓦时|千瓦|立方米|平方公里|平方千米|平方米|公里|千米|亩|吨|万人次|人次|人|名|户|个|家|项|座|处|条|所|场|台|张|册|美元|元|斤|头|只|次|件|套|辆|艘|宗|款|类|种|米|支`

var (
	reQuantity = regexp.MustCompile(`(不少于|不低于|不超过|不高于|超过|至少|约)?(\d+(?:\.\d+)?)(?:\s*[-~—–至到]\s*(\d+(?:\.\d+)?))?(余|多)?((?:万亿|万|亿)?(?:` + baseUnits + `)|%|万|亿|大)(余|多)?(及以下|及以上|以上|以内|以下|之内|左右)?`)
	// Chinese numerals count only after a verb that makes them a target: "各市均建成一所".
	reCNQuantity = regexp.MustCompile(`(建成|建设|新增|培育|打造|创建|至少建成)([一两二三四五六七八九十百千]+)(所|座|个|家|处|条)`)
	// "16市全部建成", "全省16市全覆盖": every city is the target.
	reAllCities = regexp.MustCompile(`(\d+)(市)(全部|全覆盖|均)`)
	// A place in a ranking: "均列国内城市前十", "进入全国前5名", "保持全国第一" — at most that place.
	// It is found by its place, then its verb close before it.
	reRankPlace = regexp.MustCompile(`(?:前|第)(\d{1,3}|[一二三四五六七八九十百]+)(?:名|位)?`)
	reRankVerb  = regexp.MustCompile(`(均进入|进入|均列|位列|位居|跻身|稳居|继续保持|保持|排名|排在|均居|居)([^\s,;。、:()“”\d]{0,8}?)$`)
	// What may follow a rank: the end of the clause, 强 ("前十强") or 以内; not a period or a
	// count ("前三季度", "前100项").
	reRankEnd   = regexp.MustCompile(`^(?:$|[,;。、:!?)”]|强|以内|行列)`)
	reRankVerbs = regexp.MustCompile(`^(?:推动|力争|确保|努力|争取|实现|使|让)+`)

	reDeadline  = regexp.MustCompile(`年底前|年底|年内|年末|上半年|\d{1,2}月底前|\d{1,2}月底|\d{1,2}月前`)
	reBaseline  = regexp.MustCompile(`较(\d{4})年`)
	reIncrease  = regexp.MustCompile(`(增长|提高|提升|增加)(了)?$`)
	reDecrease  = regexp.MustCompile(`(下降|降低|减少|压减)(了)?$`)
	reCapBefore = regexp.MustCompile(`(?:控制在|压缩至|压缩到|缩短至|缩短到|减少到|减少至)$`)
	reReach     = regexp.MustCompile(`(达到|突破|达|为|超过|不少于|不低于|控制在|保持在|稳定在|提升至|提升到|提高到|提高至|压缩至|压缩到|缩短至|缩短到|增长|提高|提升|增加|下降|降低|减少|约|累计|至少|分别达到|达到了)$`)
	reLeadWords = regexp.MustCompile(`^(?:力争|确保|争取|努力|积极|其中|年底前|年底|年内|年末|全年|\d{1,2}月底前|\d{4}年|,|、|的)+`)
	reClauseSep = regexp.MustCompile(`[,;。:!?]`)
	// A measurable target with no number: a milestone with a deadline, or a cap set elsewhere.
	reMilestone   = regexp.MustCompile(`印发|实施|开工|建成|完成|出台|获批`)
	reQualitative = regexp.MustCompile(`高于[^,;。]*平均水平|控制在[^,;。\d]*(?:指标|计划)[^,;。\d]*之内`)
)

type quantity struct {
	start, end int // byte offsets in the folded text, covering the whole quantity
	numStart   int
	pre, post  string
	value      float64
	high       *float64
	unit       string // as folded; the original is sliced from the text
	unitStart  int
	atLeast    bool
	// A rank: the verb and the scope ("国内城市") it was read from.
	rank                 bool
	verbStart, scopeFrom int
	scopeTo              int
}

// extractIndicators lists every target in a task's text, in reading order, numbered task-1, task-2, ….
// text must be valid UTF-8 (Parse decodes it so); anything else is read with U+FFFD in its place.
func extractIndicators(conv *script.Converter, task int, text string) []taizhang.Indicator {
	f := newFolded(conv, strings.ToValidUTF8(text, "\uFFFD"))
	ranks, qs := findRanks(f.fold, findQuantities(f.fold))
	depth := depths(f.fold)
	var out []taizhang.Indicator
	var sites []site
	prevEnd, prevMetric := 0, ""
	for i, q := range qs {
		nextStart := len(f.fold)
		if i+1 < len(qs) {
			nextStart = qs[i+1].start
		}
		ind, s := describe(f, depth, q, prevEnd, nextStart, prevMetric)
		if i > 0 && listed(f.fold, qs[i-1], q) && ind.Comparator == taizhang.Equal && changes(out[i-1].Comparator) {
			ind.Comparator = out[i-1].Comparator // "分別增長6%、6.5%": the second grows too
		}
		prevEnd, prevMetric = q.end, ind.Metric
		out, sites = append(out, ind), append(sites, s)
	}
	// Ranks come after the counts, so that adding them left the ids of a plan's other targets as they were.
	for _, q := range ranks {
		ind, s := describe(f, depth, q, 0, len(f.fold), "")
		out, sites = append(out, ind), append(sites, s)
	}
	quals, qsites := qualitative(f, append(qs, ranks...))
	out, sites = append(out, quals...), append(sites, qsites...)
	nameIndicators(conv, f, depth, out, sites)
	for i := range out {
		out[i].ID = taizhang.IndicatorID(task, i+1)
	}
	if out == nil {
		out = []taizhang.Indicator{}
	}
	return out
}

func findQuantities(fs string) []quantity {
	var qs []quantity
	for _, m := range reQuantity.FindAllStringSubmatchIndex(fs, -1) {
		q := quantity{start: m[0], end: m[1], numStart: m[4], unitStart: m[10], unit: fs[m[10]:m[11]]}
		if m[2] >= 0 {
			q.pre = fs[m[2]:m[3]]
		}
		if m[14] >= 0 {
			q.post = fs[m[14]:m[15]]
		}
		q.value, _ = strconv.ParseFloat(fs[m[4]:m[5]], 64)
		if m[6] >= 0 {
			h, _ := strconv.ParseFloat(fs[m[6]:m[7]], 64)
			q.high = &h
		}
		q.atLeast = m[8] >= 0 || m[12] >= 0 // 7000余家
		if notATarget(fs, q) {
			continue
		}
		qs = append(qs, q)
	}
	qs = joinRanges(fs, qs)
	qs = dropNorms(fs, dropSlogans(fs, qs))
	for _, m := range reCNQuantity.FindAllStringSubmatchIndex(fs, -1) {
		n := chineseNumber(fs[m[4]:m[5]])
		if n <= 0 || overlaps(qs, m[4]) {
			continue
		}
		q := quantity{start: m[4], end: m[1], numStart: m[4], value: float64(n), unit: fs[m[6]:m[7]], unitStart: m[6]}
		if strings.HasPrefix(fs[m[2]:m[3]], "至少") {
			q.pre = "至少"
		}
		if !notATarget(fs, q) {
			qs = insertSorted(qs, q)
		}
	}
	for _, m := range reAllCities.FindAllStringSubmatchIndex(fs, -1) {
		n, _ := strconv.Atoi(fs[m[2]:m[3]])
		qs = insertSorted(qs, quantity{start: m[2], end: m[5], numStart: m[2], value: float64(n), unit: "市", unitStart: m[4]})
	}
	return qs
}

// findRanks finds the places in a ranking and takes them out of the counts: "前5名" is a place,
// "前100項電子證照" stays a count.
func findRanks(fs string, qs []quantity) (ranks, counts []quantity) {
	for _, m := range reRankPlace.FindAllStringSubmatchIndex(fs, -1) {
		n := number(fs[m[2]:m[3]])
		if n <= 0 || !reRankEnd.MatchString(fs[m[1]:]) {
			continue
		}
		from := max(0, m[0]-64) // the verb and scope are at most 12 runes before the place
		for from < m[0] && !utf8.RuneStart(fs[from]) {
			from++
		}
		v := reRankVerb.FindStringSubmatchIndex(fs[from:m[0]])
		if v == nil {
			continue
		}
		qs = dropAt(qs, m[2])
		ranks = append(ranks, quantity{start: from + v[0], end: m[1], numStart: m[2], value: float64(n), unit: "名", unitStart: m[2],
			rank: true, verbStart: from + v[2], scopeFrom: from + v[4], scopeTo: from + v[5]})
	}
	return ranks, qs
}

// dropAt removes the quantity whose number starts at byte at.
func dropAt(qs []quantity, at int) []quantity {
	out := qs[:0]
	for _, q := range qs {
		if q.numStart != at {
			out = append(out, q)
		}
	}
	return out
}

func overlaps(qs []quantity, at int) bool {
	for _, q := range qs {
		if at >= q.start && at < q.end {
			return true
		}
	}
	return false
}

func insertSorted(qs []quantity, q quantity) []quantity {
	i := 0
	for i < len(qs) && qs[i].start < q.start {
		i++
	}
	qs = append(qs, quantity{})
	copy(qs[i+1:], qs[i:])
	qs[i] = q
	return qs
}

// notATarget applies the rules that tell names and specifications from targets.
func notATarget(fs string, q quantity) bool {
	before := fs[:q.numStart]
	after := fs[q.end:]
	last, _ := utf8.DecodeLastRuneInString(before)
	next, _ := utf8.DecodeRuneInString(after)
	switch {
	case last == '第' || last == '.' || (last >= 'A' && last <= 'Z') || (last >= 'a' && last <= 'z'):
		return true // 第四届, HG30, version numbers
	case next == '级' || next == '/' || strings.HasPrefix(after, "(含)"):
		return true // 30万吨级, 35蒸吨/小时, 百亿级(含)以上
	case strings.HasSuffix(q.unit, "人") && q.post == "" && strings.ContainsRune("才口群", next):
		return true // "121人才梯隊項目": 人才, 人口, 人群 are words, not people counted
	case q.post == "及以下" || q.post == "及以上":
		return true
	case q.post == "以下" && startsNoun(after):
		return true // 30万千瓦以下低效煤电机组
	case !measured(fs[:q.numStart], after, q):
		return true // 2023年, 3年行动计划, 15分钟生活圈, 60岁老人, 8大 alone
	case q.post == "以上" && startsNoun(after):
		// The size of what is counted, when its count follows in the same clause.
		clause := after
		if i := strings.IndexAny(clause, ",;。、"); i >= 0 {
			clause = clause[:i]
		}
		return reQuantity.MatchString(clause)
	}
	return false
}

func startsNoun(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r != '的' && isCJK(r) && !strings.ContainsRune(",;。、:“”)", r)
}

// depths returns, for each byte of fs, how deeply it sits inside brackets or quotes, so that
// the 、 in "縣(市、區)" or in "“十有兩禁”" does not end a clause.
func depths(fs string) []int {
	d := make([]int, len(fs)+1)
	depth := 0
	for i, r := range fs {
		depth = max(0, depth+bracketDepth(r))
		for j := i; j < i+utf8.RuneLen(r); j++ {
			d[j] = depth
		}
	}
	d[len(fs)] = 0
	return d
}

// nextSep returns the offset of the first rune of seps at depth 0 in fs[from:to], or to.
func nextSep(fs string, depth []int, from, to int, seps string) int {
	for i, r := range fs[from:to] {
		if depth[from+i] == 0 && strings.ContainsRune(seps, r) {
			return from + i
		}
	}
	return to
}

// lastSep returns the offset just past the last rune of seps at depth 0 in fs[from:to], or from.
func lastSep(fs string, depth []int, from, to int, seps string) int {
	at := from
	for i, r := range fs[from:to] {
		if depth[from+i] == 0 && strings.ContainsRune(seps, r) {
			at = from + i + utf8.RuneLen(r)
		}
	}
	return at
}

const clauseSeps = ",;。:!?"

// describe builds the indicator for one quantity: comparator, value, unit, metric, span and
// context, and says where its metric came from for naming.
func describe(f *folded, depth []int, q quantity, prevEnd, nextStart int, prevMetric string) (taizhang.Indicator, site) {
	fs := f.fold
	clauseStart := lastSep(fs, depth, prevEnd, q.start, clauseSeps)
	clauseEnd := nextSep(fs, depth, q.end, len(fs), clauseSeps)
	// What follows the number names what is counted ("打造10家生態工業園區"); it ends at the next
	// enumeration mark when another quantity follows in the clause, else at the clause end.
	afterEnd := nextSep(fs, depth, q.end, clauseEnd, "、")
	if nextStart < clauseEnd {
		afterEnd = min(afterEnd, nextStart)
	} else {
		afterEnd = clauseEnd
	}
	before := fs[clauseStart:q.start]

	v := q.value
	ind := taizhang.Indicator{Value: &v, Unit: f.slice(q.unitStart, q.unitStart+len(q.unit)), Comparator: comparator(q, before),
		Approx: q.post == "左右" || q.pre == "约"}
	if ind.Comparator == taizhang.Range {
		ind.High = q.high
	}
	ind.Deadline, ind.Baseline = schedule(f, depth, q, clauseStart)
	st := site{q: q, src: srcInherited, clauseStart: clauseStart}
	if q.rank {
		st.src = srcRank
		return rank(f, q, clauseStart, ind), st
	}

	// Metric: what is counted after the number, else the noun phrase before it
	// ("全國重點實驗室達到"), else the previous metric in an enumeration ("3家、80家左右").
	lead := reLeadWords.FindString(before)
	mStart := clauseStart + len(lead)
	st.lead = mStart
	metricBefore := before[len(lead):]
	if m := reBaseline.FindStringIndex(metricBefore); m != nil {
		metricBefore = metricBefore[:m[0]] + metricBefore[m[1]:]
	}
	metricBefore = strings.TrimSuffix(strings.TrimSuffix(reReach.ReplaceAllString(metricBefore, ""), "的"), "分别") // "A、B分别增长"
	afterText := strings.TrimLeft(fs[q.end:afterEnd], "的")
	spanStart, spanEnd := mStart, q.end
	var metric string
	switch {
	case q.unit == "市":
		metric = f.slice(mStart, afterEnd) // "全省16市全覆蓋": the whole phrase is the target
		spanEnd = afterEnd
		st.src = srcWhole
	case afterText != "" && !strings.HasPrefix(afterText, "(") && utf8.RuneCountInString(afterText) > 1:
		metric = f.slice(afterEnd-len(afterText), afterEnd)
		spanEnd = afterEnd
		st.src, st.from, st.to = srcAfter, afterEnd-len(afterText), afterEnd
		// the verb of this item only, not the previous item of an enumeration
		if at := lastSep(fs, depth, mStart, q.start, "、"); at > mStart {
			spanStart = at + len(reLeadWords.FindString(fs[at:q.start]))
		}
	case metricBefore != "":
		metric = f.slice(mStart, mStart+len(metricBefore))
		st.src, st.from, st.to = srcBefore, mStart, mStart+len(metricBefore)
	default:
		metric = prevMetric
	}
	spanStart = min(spanStart, q.start)
	ind.Metric = strings.TrimSpace(metric)
	ind.Span = f.slice(spanStart, spanEnd)
	return ind, st
}

// comparator reads how a target is meant from the words around its number: a range, 增加/下降,
// 左右, 以上 and its kin, 以內 and its kin; a bare number is to be reached exactly.
func comparator(q quantity, before string) taizhang.Comparator {
	switch {
	case q.high != nil:
		return taizhang.Range
	case reIncrease.MatchString(before):
		return taizhang.Increase
	case reDecrease.MatchString(before):
		return taizhang.Decrease
	case q.post == "左右" || q.pre == "约":
		return taizhang.About
	case q.post == "以上" || q.atLeast || q.pre == "不少于" || q.pre == "不低于" || q.pre == "超过" || q.pre == "至少" ||
		strings.HasSuffix(before, "超过") || strings.Contains(before, "至少"):
		return taizhang.AtLeast
	case q.post == "以内" || q.post == "以下" || q.post == "之内" || q.pre == "不超过" || q.pre == "不高于" || reCapBefore.MatchString(before):
		return taizhang.AtMost
	}
	return taizhang.Equal
}

// schedule finds a target's deadline ("到2025年") in its sentence up to the number, and its
// baseline ("比2020年") in its clause.
func schedule(f *folded, depth []int, q quantity, clauseStart int) (deadline, baseline *string) {
	fs := f.fold
	sentStart := lastSep(fs, depth, 0, q.start, "。;")
	if m := reDeadline.FindStringIndex(fs[sentStart:q.start]); m != nil {
		d := f.slice(sentStart+m[0], sentStart+m[1])
		deadline = &d
	}
	if m := reBaseline.FindStringIndex(fs[clauseStart:q.start]); m != nil {
		b := f.slice(clauseStart+m[0], clauseStart+m[1])
		baseline = &b
	}
	return deadline, baseline
}

// rank describes a place in a ranking as a cap on the place: "均列國內城市前十" is <= 10 名, its
// metric the subject and scope ("“兩名城”國內城市排名"), its span the clause up to the place.
func rank(f *folded, q quantity, clauseStart int, ind taizhang.Indicator) taizhang.Indicator {
	fs := f.fold
	lead := reLeadWords.FindString(fs[clauseStart:q.start])
	subjectStart := clauseStart + len(lead)
	subjectStart += len(reRankVerbs.FindString(fs[subjectStart:q.verbStart]))
	v := q.value
	ind.Comparator, ind.Value, ind.High, ind.Approx = taizhang.AtMost, &v, nil, false
	ind.Unit = "名"
	ind.Metric = strings.TrimSpace(f.slice(min(subjectStart, q.verbStart), q.verbStart)+f.slice(q.scopeFrom, q.scopeTo)) + "排名" // the same word in both scripts
	ind.Span = f.slice(clauseStart+len(lead), q.end)
	return ind
}

// qualitative finds measurable targets with no number: milestones with a deadline
// ("6月底前印发实施", "确保年内实现开工") and comparisons ("高于全省平均水平").
func qualitative(f *folded, qs []quantity) ([]taizhang.Indicator, []site) {
	var out []taizhang.Indicator
	var sites []site
	fs := f.fold
	clauses := reClauseSep.FindAllStringIndex(fs, -1)
	start := 0
	bounds := append(clauses, []int{len(fs), len(fs)})
	for _, b := range bounds {
		cs, ce := start, b[0]
		start = b[1]
		if cs >= ce || overlapsRange(qs, cs, ce) {
			continue
		}
		clause := fs[cs:ce]
		ind := taizhang.Indicator{Comparator: taizhang.Qualitative}
		if m := reQualitative.FindStringIndex(clause); m != nil {
			ind.Span = f.slice(cs, ce)
		} else if m := reDeadline.FindStringIndex(clause); m != nil && reMilestone.MatchString(clause[m[1]:]) {
			d := f.slice(cs+m[0], cs+m[1])
			ind.Deadline = &d
			ind.Span = f.slice(cs, ce)
		} else {
			continue
		}
		ind.Metric = strings.TrimSpace(ind.Span)
		out = append(out, ind)
		sites = append(sites, site{q: quantity{start: cs, end: ce}, src: srcQualitative, clauseStart: cs, lead: cs})
	}
	return out, sites
}

func overlapsRange(qs []quantity, from, to int) bool {
	for _, q := range qs {
		if q.start < to && q.end > from {
			return true
		}
	}
	return false
}
