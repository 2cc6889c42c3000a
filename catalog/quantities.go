package catalog

import (
	"regexp"
	"strings"
	"unicode/utf8"

	taizhang "taizhang"
)

// Rules of the span grammar beyond one quantity: units that count only as a measure, ranges that
// write their unit twice, lists that share a verb, slogans and norms.

// durationUnits are units of time and age, and 大 ("8大體系"): a number of them is a target only
// as a measure ("平均受教育年限達到11.5年", "超過80歲", "壓縮至3個工作日", "構建8大體系"), never
// as a name ("2023年", "3年行動計劃", "15分鐘生活圈", "60歲老人").
const durationUnits = `个工作日|工作日|分钟|小时|天|岁|年`

var (
	// What makes a duration or age a measure: a verb of reaching or capping right before it.
	reMeasureVerb = regexp.MustCompile(`(?:达到|达|超过|提高到|提高至|提升到|提升至|延长到|延长至|缩短到|缩短至|压缩到|压缩至|` +
		`控制在|保持在|稳定在|不超过|不低于|不少于|不多于|不高于|至少|平均)\s*$`)
	// 大 counts only before what it counts and after a verb that builds it: "構建8大體系".
	reBuildVerb = regexp.MustCompile(`(?:构建|打造|建设|建成|实施|培育|发展|形成|推进|壮大|做强|开展|推动|聚焦|围绕)\s*$`)
)

// measured reports whether a quantity of a duration, an age or 大 is a target: a measure after its
// verb, or with a word after it that compares (以上, 以內, 左右) and no noun it would qualify
// ("60歲以上老年人" is a kind of people). Other units are always.
func measured(before, after string, q quantity) bool {
	switch {
	case q.unit == "大":
		return reBuildVerb.MatchString(before) && q.post == ""
	case !isDuration(q.unit):
		return true
	case q.unit == "年" && q.value >= 1000:
		return false // a year
	}
	return q.pre != "" || reMeasureVerb.MatchString(before) || (q.post != "" || q.atLeast) && !startsNoun(after)
}

func isDuration(unit string) bool {
	for _, u := range strings.Split(durationUnits, "|") {
		if unit == u {
			return true
		}
	}
	return false
}

// joinRanges joins two quantities of one unit with only a dash between them into a range:
// "5%-10%", "5%－10%", "5%~10%", "5%至10%".
func joinRanges(fs string, qs []quantity) []quantity {
	var out []quantity
	for i := 0; i < len(qs); i++ {
		q := qs[i]
		if i+1 < len(qs) {
			next := qs[i+1]
			gap := strings.TrimSpace(fs[q.end:next.start])
			if q.high == nil && next.high == nil && q.post == "" && next.pre == "" && q.unit == next.unit && isDash(gap) {
				h := next.value
				q.high, q.end, q.post, q.atLeast = &h, next.end, next.post, next.atLeast
				i++
			}
		}
		out = append(out, q)
	}
	return out
}

func isDash(s string) bool {
	switch s {
	case "-", "~", "—", "–", "至", "到", "—-", "——":
		return true
	}
	return false
}

// dropSlogans drops the quantities of a slogan: a list of the same small number after short verbs,
// "發現1戶、解決1戶" — a way of working, not a quantity the task commits to.
func dropSlogans(fs string, qs []quantity) []quantity {
	slogan := make([]bool, len(qs))
	for i := 0; i+1 < len(qs); i++ {
		a, b := qs[i], qs[i+1]
		between := fs[a.end:b.start]
		sep := strings.IndexAny(between, "、,")
		if a.value != 1 || b.value != 1 || a.unit != b.unit || sep < 0 || utf8.RuneCountInString(between) > 4 {
			continue
		}
		_, size := utf8.DecodeRuneInString(between[sep:])
		if verb := between[sep+size:]; utf8.RuneCountInString(verb) >= 1 && utf8.RuneCountInString(verb) <= 3 && startsNoun(verb) {
			slogan[i], slogan[i+1] = true, true
		}
	}
	var out []quantity
	for i, q := range qs {
		if !slogan[i] {
			out = append(out, q)
		}
	}
	return out
}

// dropNorms drops the quantities of a planning norm: "每3至10萬居民…設置1個" sets how facilities
// are spread, not a target. The number after 每 is a denominator; what follows in its clause is the
// norm's, unless a verb of reaching introduces it ("每10萬人口…達到30個").
func dropNorms(fs string, qs []quantity) []quantity {
	var out []quantity
	for _, q := range qs {
		if strings.HasSuffix(fs[:q.start], "每") {
			continue
		}
		clause := fs[lastClauseSep(fs[:q.start]):q.start]
		if at := strings.LastIndex(clause, "每"); at >= 0 && startsDigit(clause[at+len("每"):]) && !reReach.MatchString(strings.TrimSpace(clause)) {
			continue
		}
		out = append(out, q)
	}
	return out
}

// lastClauseSep is the offset just past the last clause separator of s, or 0.
func lastClauseSep(s string) int {
	i := strings.LastIndexAny(s, clauseSeps)
	if i < 0 {
		return 0
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return i + size
}

func startsDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// listed reports whether b follows a in a list, with only 、 between them.
func listed(fs string, a, b quantity) bool { return a.end <= b.start && enumerated(fs[a.end:b.start]) }

// changes reports a comparator that says by how much a measure changes.
func changes(c taizhang.Comparator) bool { return c == taizhang.Increase || c == taizhang.Decrease }
