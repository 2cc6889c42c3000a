package catalog

import (
	"regexp"
	"strings"
	"unicode/utf8"

	taizhang "taizhang"
	"taizhang/script"
)

// An indicator's kind is read from the plan's words around its target, on folded text
// (Simplified, half-width), by the first of these rules that matches. The words looked at are
// the clause up to the target (for an item of an enumeration, "培养60名左右工程博士、300名左右
// 工程硕士", the verb that governs it), the target's own words (span) and its metric.
//
// A rule that decides says so; the last rule does not: where the words say neither a running
// total nor a stock, the indicator is judged as a running total, as every target was before
// kinds were kept, and the catalog workbook marks it for the coordinator to choose.
type kindRule struct {
	name    string // what the words said, as a person would put it (the kind table test shows it)
	kind    taizhang.IndicatorKind
	decided bool
	match   func(w kindWords) bool
}

// kindWords are the folded words an indicator's kind is read from.
type kindWords struct {
	ind    *taizhang.Indicator
	unit   string
	before string // the clause up to the target's words
	// sentence is the sentence up to the target's words
	sentence string
	span     string
	metric   string
}

// all is everything the rules read, in reading order.
func (w kindWords) all() string { return w.before + "|" + w.span + "|" + w.metric }

var (
	reRankWords = regexp.MustCompile(`(进入|位列|位居|跻身|稳居|保持|排名|排在|均居|居|均列)[^,;。]{0,12}(前|第)([一二三四五六七八九十百]+|\d+)`)
	reRateWords = regexp.MustCompile(`率|比重|占比|比例|覆盖|水平`)
	// An amount that flows through the year: what is produced, earned, used, invested or lent.
	reFlowWords = regexp.MustCompile(`产量|收入|利用量|用水总量|用水量|消费量|排放量|外来电|进出口|投资|融资|贷|票据|销售额|交易额|出口额|进口额|增加值`)
	reSteady    = regexp.MustCompile(`稳定在|保持在`)
	// A stock at a point in time: a total, a size, what is installed, under way or kept.
	reStockWords = regexp.MustCompile(`总量|总数|保有量|规模|装机|在运|在建|存栏|能繁母猪|保持在|稳定在|全省建成`)
	reEachCity   = regexp.MustCompile(`各市均|设区市至少|每个(设区)?市`)
	reNewWords   = regexp.MustCompile(`新增|新建|新打造|新集聚|新备案|新培育|新认定`)
	reReachCount = regexp.MustCompile(`(达到|达|突破)(了)?$`)
	// What is done within the year, counted as it is done.
	reDoneWords = regexp.MustCompile(`完成|实施|开展|组织|举办|建设|打造|培育|创建|评选|遴选|推出|培养|吸引|支持|赋能|落地|治理|改造|整治|修复|关停|退出|淘汰|提供|签发|选择|构建|调查|开工|加固|鉴定|续建|重建|做强|壮大|采用|推广|引进|招引|培训|救助|帮扶|接纳|建成|办好`)
	reAdvance   = regexp.MustCompile(`推进`)
	reProjects  = regexp.MustCompile(`\d+(个|条)[^,;。]*(项目|建设)$`)
	// Verbs that say nothing of the kind but do govern their clause.
	reOtherVerbs = regexp.MustCompile(`达到|达|突破|保持|稳定|控制|提升|提高|增长|下降|实现`)
	// A count of things, not an amount that flows.
	reCountUnit = regexp.MustCompile(`^万?(个|家|项|名|人|所|座|处|条|场|台|张|册|次|件|套|辆|艘|宗|款|类|种|户|市)$`)
)

// kindRules, in the order they are tried.
var kindRules = []kindRule{
	{"定性目标,没有数字", taizhang.KindQualitative, true, func(w kindWords) bool {
		return w.ind.Comparator == taizhang.Qualitative || w.ind.Value == nil
	}},
	{"名次:进入/位列…前N、第N", taizhang.KindRank, true, func(w kindWords) bool {
		return strings.HasSuffix(w.metric, "排名") || (w.unit == "名" && reRankWords.MatchString(w.before+w.span))
	}},
	{"增长/下降N%:增幅", taizhang.KindGrowth, true, func(w kindWords) bool {
		return (w.ind.Comparator == taizhang.Increase || w.ind.Comparator == taizhang.Decrease) && isPercent(w.unit)
	}},
	{"…率、比重、占比、覆盖:比率", taizhang.KindRate, true, func(w kindWords) bool {
		return isPercent(w.unit) && reRateWords.MatchString(w.span+w.metric)
	}},
	{"N%的单位、N%的项目:比率", taizhang.KindRate, true, func(w kindWords) bool { return isPercent(w.unit) }},
	{"增加/减少N(数量):本年增加的量", taizhang.KindCumulative, true, func(w kindWords) bool {
		return w.ind.Comparator == taizhang.Increase || w.ind.Comparator == taizhang.Decrease
	}},
	{"年度产量但说“稳定在”:本年累计还是年末水平,请确认", taizhang.KindCumulative, false, func(w kindWords) bool {
		return reFlowWords.MatchString(w.span+w.metric) && reSteady.MatchString(w.span)
	}},
	{"产量、收入、用量、投资、融资:本年累计", taizhang.KindCumulative, true, func(w kindWords) bool {
		return (reFlowWords.MatchString(w.span+w.metric) && !reCountUnit.MatchString(w.unit)) || strings.HasSuffix(w.unit, "千瓦时")
	}},
	{"N市全部、全覆盖:覆盖的市数", taizhang.KindLevel, true, func(w kindWords) bool { return w.unit == "市" }},
	{"各市均、每市至少N个:是否每市都达到,请确认", taizhang.KindLevel, false, func(w kindWords) bool {
		return reEachCity.MatchString(w.before + w.span)
	}},
	{"加快推进N个项目建设:推进中的项目数还是本年建成数,请确认", taizhang.KindLevel, false, func(w kindWords) bool {
		return strings.Contains(w.sentence+w.span, "加快推进") && reProjects.MatchString(w.span) &&
			!reDoneWords.MatchString(strings.ReplaceAll(w.before+w.span, "建设", ""))
	}},
	{"新增、新建:本年累计", taizhang.KindCumulative, true, func(w kindWords) bool { return reNewWords.MatchString(w.all()) }},
	{"总量、规模、装机、在建、保持在:存量", taizhang.KindLevel, true, func(w kindWords) bool { return reStockWords.MatchString(w.span + w.metric) }},
	{"…达到N:现有总数", taizhang.KindLevel, true, func(w kindWords) bool { return reachesCount(w) }},
	{"完成、实施、开展、建设、培育…:本年累计", taizhang.KindCumulative, true, func(w kindWords) bool { return reDoneWords.MatchString(w.all()) }},
	{"计划文字没有说明是累计还是存量,请确认", taizhang.KindCumulative, false, func(kindWords) bool { return true }},
}

func isPercent(unit string) bool { return unit == "%" || strings.HasSuffix(unit, "百分点") }

// reachesCount: the span says its metric reaches the number ("全国重点实验室达到25家以上").
func reachesCount(w kindWords) bool {
	at := strings.IndexFunc(w.span, func(r rune) bool { return r >= '0' && r <= '9' })
	return at > 0 && reReachCount.MatchString(w.span[:at])
}

// inferKind is the kind of one indicator, the rule that gave it and whether the words decided it.
func inferKind(w kindWords) (taizhang.IndicatorKind, string, bool) {
	for _, r := range kindRules {
		if r.match(w) {
			return r.kind, r.name, r.decided
		}
	}
	return taizhang.KindCumulative, "", false // not reached: the last rule matches everything
}

// InferKinds gives every indicator of the plan that has no kind yet the kind its words say (a
// plan just read, an indicator the coordinator added, a catalog stored before kinds were kept),
// marking those the words did not decide. Kinds already set (by an earlier reading or by the
// coordinator) stay.
func InferKinds(p *taizhang.Plan) {
	conv := script.Default()
	for i := range p.Tasks {
		inferTaskKinds(conv, &p.Tasks[i])
	}
}

func inferTaskKinds(conv *script.Converter, t *taizhang.Task) {
	missing := false
	for _, ind := range t.Indicators {
		missing = missing || ind.Kind == ""
	}
	if !missing {
		return
	}
	words := taskKindWords(conv, t)
	for i := range t.Indicators {
		ind := &t.Indicators[i]
		if ind.Kind != "" {
			continue
		}
		kind, _, decided := inferKind(words[i])
		ind.Kind, ind.KindUndecided = kind, !decided
	}
}

// taskKindWords are the words each indicator of a task is judged by. A span is found in the
// task's text after the previous one's, so that the same words twice ("100项左右") each get
// their own clause.
func taskKindWords(conv *script.Converter, t *taizhang.Task) []kindWords {
	text := conv.Fold(t.Text)
	out := make([]kindWords, len(t.Indicators))
	from := 0
	for i := range t.Indicators {
		ind := &t.Indicators[i]
		span := conv.Fold(ind.Span)
		w := kindWords{ind: ind, unit: conv.Fold(ind.Unit), span: span, metric: conv.Fold(ind.Metric)}
		at := -1
		if span != "" {
			if at = strings.Index(text[from:], span); at >= 0 {
				at += from
			} else {
				at = strings.Index(text, span)
			}
		}
		if at >= 0 {
			w.before = governing(text, at, span)
			w.sentence = text[sentenceStart(text[:at]):at]
			from = at + len(span)
		}
		out[i] = w
	}
	return out
}

// governing is the clause up to byte at of text; when it holds no verb ("200所随班就读示范校"
// after "遴选20个省级随班就读示范区,"), the clause before it in the same sentence, whose verb
// governs it, comes first.
func governing(text string, at int, span string) string {
	start := lastClauseSep(text[:at])
	before := text[start:at]
	if start == 0 || hasVerb(before+span) {
		return before
	}
	prev := text[:start]
	_, n := utf8.DecodeLastRuneInString(prev)
	if strings.ContainsAny(prev[len(prev)-n:], "。;") {
		return before // a new sentence: nothing before it governs it
	}
	return text[lastClauseSep(prev[:len(prev)-n]):start] + before
}

func hasVerb(s string) bool {
	return reDoneWords.MatchString(s) || reNewWords.MatchString(s) || reAdvance.MatchString(s) || reOtherVerbs.MatchString(s)
}

// sentenceStart is the byte offset just past the last full stop or semicolon of s, or 0.
func sentenceStart(s string) int {
	switch i := strings.LastIndexAny(s, "。;"); {
	case i < 0:
		return 0
	case s[i] == ';':
		return i + 1
	default:
		return i + len("。")
	}
}
