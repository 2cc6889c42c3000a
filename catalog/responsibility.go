package catalog

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	taizhang "taizhang"
)

// resp is what a task's clause, lines or columns say about who does it and by when.
type resp struct {
	form     taizhang.ResponsibilityForm
	lead     []string // as the plan writes them
	join     []string
	assumed  bool   // no lead was marked: the first listed was taken
	deadline string // as the plan words it

	// Names whose role depends on the rest of the clause, until settle decides it.
	byDuty, unmarked []string
	// Words in agency lists that name no agency ("見附件"): left out and reported.
	odd []string
	// carry is the part of the clause that said "下同" (its segment, or the whole clause without
	// labels): it holds for the tasks after it too.
	carry *resp
	// Names completed with a prefix their list left out (科技廳 → 省科技廳), and the level prefix
	// of the last name that had one (省, 市委…), folded and as written.
	expanded           []expansion
	prefix, prefixOrig string
}

// reCarry is "下同", which carries a part of a clause on to the tasks below.
var reCarry = regexp.MustCompile(`^(?:以)?下同(?:此)?$`)

// clone copies the agencies and settings of a settled clause.
func (r *resp) clone() resp {
	return resp{form: r.form, deadline: r.deadline, assumed: r.assumed, lead: slices.Clone(r.lead), join: slices.Clone(r.join)}
}

// counts are how many names of each kind a clause had when a part of it began.
type counts struct{ lead, join, byDuty, unmarked int }

func (r *resp) counts() counts {
	return counts{len(r.lead), len(r.join), len(r.byDuty), len(r.unmarked)}
}

// carryOn records the names added since from as the part carried on to later tasks.
func (r *resp) carryOn(from counts) {
	r.carry = &resp{form: r.form, lead: slices.Clone(r.lead[from.lead:]), join: slices.Clone(r.join[from.join:]),
		byDuty: slices.Clone(r.byDuty[from.byDuty:]), unmarked: slices.Clone(r.unmarked[from.unmarked:])}
}

// carryInto adds a carried part ("下同") to a task's clause: its participants join, and its leads
// lead when the task names none.
func carryInto(r *resp, carried *resp) {
	if len(r.lead) == 0 {
		r.lead, r.assumed = slices.Clone(carried.lead), carried.assumed
		if r.form == "" || r.form == taizhang.FormNone {
			r.form = carried.form
		}
	}
	for _, n := range carried.join {
		if !contains(r.join, n) && !contains(r.lead, n) {
			r.join = append(r.join, n)
		}
	}
}

// carryOver merges a task's carried part into what holds for the tasks after it: each role a
// later "下同" names replaces the earlier one's.
func carryOver(held, next *resp) *resp {
	if held == nil {
		c := next.clone()
		return &c
	}
	c := held.clone()
	if len(next.lead) > 0 {
		c.lead, c.assumed, c.form = slices.Clone(next.lead), next.assumed, next.form
	}
	if len(next.join) > 0 {
		c.join = slices.Clone(next.join)
	}
	return &c
}

func (r *resp) empty() bool {
	return len(r.lead) == 0 && len(r.join) == 0 && len(r.byDuty) == 0 && len(r.unmarked) == 0
}

// role is what a label or a role word says about the agencies it goes with.
type role int

const (
	roleNone     role = iota
	roleLead          // 牽頭
	roleJoin          // 參與, 配合, 負責落實
	roleByDuty        // 按職責分工負責: leads when nobody else leads, else participants
	roleResp          // 責任單位: leads or participants, by the plan's convention
	roleDeadline      // 完成時限
	roleOther         // 責任領導: a person, not an agency
)

// Labels of responsibility and deadline, on folded text. Longer words come first (longestFirst),
// because Go's regexp takes the first alternative that matches ("牽頭單位" before "牽頭").
var labelWords = `(?:` + longestFirst(`牵头单位|牵头部门|牵头领导|主办单位|主责单位|主责部门|责任单位|责任部门|负责单位|`+
	`责任领导|分管领导|责任市领导|牵头市领导|分管市领导|责任区领导|牵头区领导|分管区领导|责任县领导|牵头县领导|分管县领导|`+
	`联系领导|包保领导|责任人|`+
	`参与单位|参与部门|配合单位|配合部门|参加单位|协办单位|协同单位|协同部门|协助单位|`+
	`完成时限|完成时间|时间节点|时限要求|完成期限|时间要求|时间安排|时限|牵头|主办|协办|配合|参与`) + `)`

var (
	reLabel    = regexp.MustCompile(labelWords + `\s*:`)
	reRoleWord = regexp.MustCompile(`牵头|负责|配合|参与|参加|协办|协助|` + labelWords)
	// A role word closing a part of a clause: "甲、乙牽頭", "丙按職責分工負責", "各市政府負責落實".
	reRoleSuffix = regexp.MustCompile(`^(.*?)(?:等(?:有关|相关)?(?:单位|部门)?)?(牵头负责|牵头|共同负责|负责落实|抓好落实|组织实施|` +
		`按职责分工负责|按照职责分工负责|根据职责分工负责|按职责负责|分工负责|分别负责|分别牵头|配合|参与|参加|协助|负责)$`)
	reLeadMark = regexp.MustCompile(`\((?:牵头|牵头单位|牵头部门)\)`)
	// A deadline as plans word it: 2023年6月底前, 年底前完成, 第三季度, 持續推進, 長期堅持.
	reTaskDeadline = regexp.MustCompile(`^(?:(?:\d{4}年)?(?:\d{1,2}月(?:\d{1,2}日|底|末|中旬|上旬|下旬)?|底|年底|年末|末|年内|上半年|下半年|` +
		`第[一二三四]季度|[一二三四]季度)?(?:前|以前|之前)?(?:完成|实现|见效|落实|建成)?|持续推进|长期坚持|长期推进|持续开展|持续实施|` +
		`常态化推进|分年度推进|按年度推进|逐年推进|长期)$`)
	reTimeWord = regexp.MustCompile(`年|月|季度|底|末|内|持续|长期|常态|逐年`)
	// The plan's own statement that the first listed agency leads.
	reFirstLeads = regexp.MustCompile(`(?:排|列)(?:在|名)?(?:第一|首)位?的?(?:单位|部门)?(?:为|是)牵头|第一(?:个|家)?(?:单位|部门)(?:为|是)牵头|` +
		`牵头(?:单位|部门)?(?:排|列)在?(?:第一|首)位`)
)

var labelRoles = func() map[string]role {
	m := map[string]role{
		"牵头单位": roleLead, "牵头部门": roleLead, "主办单位": roleLead, "主责单位": roleLead, "主责部门": roleLead, "牵头": roleLead,
		"主办":   roleLead,
		"责任单位": roleResp, "责任部门": roleResp, "负责单位": roleResp,
		"参与单位": roleJoin, "参与部门": roleJoin, "配合单位": roleJoin, "配合部门": roleJoin, "参加单位": roleJoin,
		"协办单位": roleJoin, "协同单位": roleJoin, "协同部门": roleJoin, "协助单位": roleJoin, "配合": roleJoin, "参与": roleJoin,
		"协办":   roleJoin,
		"完成时限": roleDeadline, "完成时间": roleDeadline, "时间节点": roleDeadline, "时限要求": roleDeadline,
		"完成期限": roleDeadline, "时间要求": roleDeadline, "时间安排": roleDeadline, "时限": roleDeadline,
	}
	// People: 責任領導, 分管市領導, 聯繫領導, 責任人. A person is never an agency.
	for _, w := range strings.Split(strings.Trim(labelWords, "(?:)"), "|") {
		if strings.HasSuffix(w, "领导") || w == "责任人" {
			m[w] = roleOther
		}
	}
	return m
}()

var suffixRoles = map[string]role{
	"牵头负责": roleLead, "牵头": roleLead, "共同负责": roleLead, "负责": roleLead,
	"负责落实": roleJoin, "抓好落实": roleJoin, "组织实施": roleJoin, "配合": roleJoin, "参与": roleJoin, "参加": roleJoin, "协助": roleJoin,
	"按职责分工负责": roleByDuty, "按照职责分工负责": roleByDuty, "根据职责分工负责": roleByDuty, "按职责负责": roleByDuty, "分工负责": roleByDuty,
	"分别负责": roleByDuty, "分别牵头": roleLead,
}

// segment is one labelled part of a clause: "牽頭單位:甲、乙".
type segment struct {
	role     role
	label    string
	start    int // where the label starts
	from, to int // the content, byte offsets in the folded text
}

// clause reads a responsibility clause, the folded text f.fold[from:to]: labelled
// ("牽頭單位:甲;參與單位:乙", "責任單位:甲(牽頭)、乙"), State Council style
// ("甲、乙牽頭,丙按職責分工負責"), or a mix ("甲牽頭,完成時限:2023年底前").
func (p *parser) clause(f *folded, from, to int) (resp, bool) {
	segs := labelSegments(f.fold, from, to)
	var r resp
	prefixEnd := to
	if len(segs) > 0 {
		prefixEnd = segs[0].start
	}
	if strings.Trim(f.fold[from:prefixEnd], " ,;。、:") != "" {
		// Unlabelled words before any label (or no label at all): every part must name a role
		// or a deadline, and a clause without labels must name a role.
		roles, ok := p.unlabelled(f, from, prefixEnd, &r)
		if !ok || (len(segs) == 0 && roles == 0) {
			return resp{}, false
		}
	}
	has := map[role]bool{}
	for _, s := range segs {
		has[s.role] = true
	}
	respRole := roleResp // a list whose lead is found by marks, or else taken as the first
	switch {
	case has[roleLead] || len(r.lead) > 0:
		respRole = roleJoin // 牽頭單位 … 責任單位 …: the second line lists the participants
	case has[roleJoin] || p.respLeads:
		respRole = roleLead // 責任單位 … 配合單位 …: the responsible are the leads
	}
	for _, s := range segs {
		switch s.role {
		case roleDeadline:
			r.deadline = strings.Trim(f.slice(s.from, s.to), " ,;。、，；")
		case roleOther:
		case roleResp:
			p.roleList(f, s.from, s.to, respRole, &r)
		default:
			p.roleList(f, s.from, s.to, s.role, &r)
		}
		if s.label == "牵头部门" {
			r.form = taizhang.FormLeadDept
		}
	}
	if r.carry != nil {
		if r.carry.form == "" {
			r.carry.form = r.form
		}
		p.settle(r.carry)
	}
	if r.empty() { // only a deadline, or labels naming nobody
		return resp{deadline: r.deadline, carry: r.carry}, len(segs) > 0 && r.deadline != "" || r.carry != nil
	}
	p.settle(&r)
	return r, true
}

// labelSegments splits fold[from:to] at each label into labelled parts.
func labelSegments(fold string, from, to int) []segment {
	ms := reLabel.FindAllStringIndex(fold[from:to], -1)
	var segs []segment
	for i, m := range ms {
		label := strings.TrimSpace(strings.TrimSuffix(fold[from+m[0]:from+m[1]], ":"))
		end := to
		if i+1 < len(ms) {
			end = from + ms[i+1][0]
		}
		segs = append(segs, segment{role: labelRoles[label], label: label, start: from + m[0], from: from + m[1], to: end})
	}
	return segs
}

// unlabelled reads parts that each end in a role word ("甲牽頭", "乙按職責分工負責") or are a
// deadline ("2023年6月底前完成"). It reports how many parts named a role, and whether every
// part was understood.
func (p *parser) unlabelled(f *folded, from, to int, r *resp) (roles int, ok bool) {
	start := r.counts()
	for _, part := range clauseParts(f.fold, from, to) {
		frag := strings.TrimSpace(f.fold[part[0]:part[1]])
		switch m := reRoleSuffix.FindStringSubmatchIndex(f.fold[part[0]:part[1]]); {
		case frag == "":
		case reCarry.MatchString(frag):
			r.carryOn(start)
		case isDeadline(frag):
			r.deadline = strings.TrimSpace(f.slice(part[0], part[1]))
		case m != nil && m[3] > m[2]:
			p.names(f, part[0]+m[2], part[0]+m[3], suffixRoles[f.fold[part[0]+m[4]:part[0]+m[5]]], r)
			roles++
		default:
			return roles, false
		}
	}
	return roles, true
}

// isDeadline reports whether a folded part of a clause is a deadline: a time, not just "完成".
func isDeadline(frag string) bool {
	return reTaskDeadline.MatchString(frag) && reTimeWord.MatchString(frag)
}

// roleList reads the agencies of one labelled part. Its parts may carry role words of their own
// ("甲牽頭,乙配合") or marks ("甲(牽頭)、乙"); the rest take the label's role.
func (p *parser) roleList(f *folded, from, to int, def role, r *resp) {
	start := r.counts()
	for _, part := range clauseParts(f.fold, from, to) {
		frag := f.fold[part[0]:part[1]]
		if reCarry.MatchString(strings.TrimSpace(frag)) {
			r.carryOn(start)
			continue
		}
		if isDeadline(strings.TrimSpace(frag)) {
			r.deadline = strings.TrimSpace(f.slice(part[0], part[1]))
			continue
		}
		if m := reRoleSuffix.FindStringSubmatchIndex(frag); m != nil && m[3] > m[2] {
			p.names(f, part[0]+m[2], part[0]+m[3], suffixRoles[frag[m[4]:m[5]]], r)
			continue
		}
		p.names(f, part[0], part[1], def, r)
	}
}

// names adds the agencies listed in f.fold[from:to] with role ro; a name marked (牽頭) leads.
func (p *parser) names(f *folded, from, to int, ro role, r *resp) {
	for _, part := range groupParts(f.fold, splitTop(f.fold, from, to, "、 \t")) {
		frag := f.fold[part[0]:part[1]]
		lead := false
		if m := reLeadMark.FindStringIndex(frag); m != nil {
			lead = true
			frag = frag[:m[0]] + frag[m[1]:]
		}
		name := cleanName(frag)
		if name == "" {
			continue
		}
		if !agencyLike(name) {
			r.odd = append(r.odd, name)
			continue
		}
		// Slice the original: the cleaned name is a run of the folded part.
		at := strings.Index(f.fold[part[0]:part[1]], name)
		orig := name
		if at >= 0 {
			orig = f.slice(part[0]+at, part[0]+at+len(name))
		}
		if pre := levelPrefix(name); pre != "" {
			r.prefix, r.prefixOrig = pre, string([]rune(orig)[:utf8.RuneCountInString(pre)])
		} else if r.prefix != "" && bareDepartment(name) {
			full := prefixFor(r.prefixOrig, r.prefix, name) + orig
			r.expanded = append(r.expanded, expansion{name: orig, full: full, prefix: full[:len(full)-len(orig)]})
			orig = full
		}
		switch {
		case lead || ro == roleLead:
			r.lead = append(r.lead, orig)
		case ro == roleJoin:
			r.join = append(r.join, orig)
		case ro == roleByDuty:
			r.byDuty = append(r.byDuty, orig)
		default: // roleResp: decided once the whole clause is read
			r.unmarked = append(r.unmarked, orig)
		}
	}
}

// reBareLevelStart is a part of a clause that starts with a level alone: "縣級市政府負責落實".
var reBareLevelStart = regexp.MustCompile(`^\s*(?:县级市|县市区|县区|市区|区县|县|区|市|乡镇|乡|镇|街道)(?:\(|人民政府|政府|党委|办|、|,|负责|按职责|配合|$)`)

// Names of a level of government standing alone, which after a group belong to it: "各區、縣級市
// (政府)" is one group, not 各區 and an agency 縣級市.
var reBareLevel = regexp.MustCompile(`^(?:县级市|县市区|县区|市区|区县|县|区|市|乡镇|乡|镇|街道|园区|开发区|功能区)` +
	`(?:\(?(?:人民政府|政府|党委和政府|党委|办事处|办)\)?)?(?:\([^()]*\))?$`)

// clauseParts splits a clause at its commas and semicolons, but not a group's name written with a
// comma: "各區,縣級市政府負責落實".
func clauseParts(fold string, from, to int) [][2]int {
	var out [][2]int
	for _, part := range splitTop(fold, from, to, ",;。") {
		if n := len(out); n > 0 && fold[out[n-1][1]] == ',' && groupReason(cleanName(fold[out[n-1][0]:out[n-1][1]])) != "" &&
			reBareLevelStart.MatchString(fold[part[0]:part[1]]) {
			out[n-1][1] = part[1]
			continue
		}
		out = append(out, part)
	}
	return out
}

// groupParts joins to a group the parts of a list that only name a level after it.
func groupParts(fold string, parts [][2]int) [][2]int {
	var out [][2]int
	for _, part := range parts {
		frag := strings.Trim(fold[part[0]:part[1]], " ,;。:")
		if n := len(out); n > 0 && reBareLevel.MatchString(frag) && groupReason(cleanName(fold[out[n-1][0]:out[n-1][1]])) != "" {
			out[n-1][1] = part[1]
			continue
		}
		out = append(out, part)
	}
	return out
}

// Level prefixes of departments' names: 省, 市, 區, 縣, and their party committees (省委…).
var reLevelPrefix = regexp.MustCompile(`^(?:省|市|区|县)委?`)

// levelPrefix is the level prefix a folded name starts with, or "" (市場監管局 has none).
func levelPrefix(name string) string {
	if _, ok := bodyRow[name]; ok || strings.HasPrefix(name, "市场") {
		return ""
	}
	return reLevelPrefix.FindString(name)
}

// bareDepartment reports whether a folded name is a department's name without its level, as a
// list leaves it after a first name that has one: a name of the abbreviation table, or one ending
// the way departments end, with no place in it.
func bareDepartment(name string) bool {
	if _, ok := bodyRow[name]; ok {
		return true
	}
	if groupReason(name) != "" || reExternal.MatchString(name) || strings.ContainsAny(name, "省市区县州旗镇村") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(name)
	return strings.ContainsRune("厅局委办部", r)
}

// prefixFor is the prefix a bare department takes from the list's last prefix: a party
// department (部, 編辦) keeps 省委, a government one only the level.
func prefixFor(orig, folded, name string) string {
	if strings.HasSuffix(folded, "委") && !strings.HasSuffix(name, "部") && name != "编办" {
		return string([]rune(orig)[:1])
	}
	return orig
}

// settle decides the names whose role depended on the rest of the clause: 按職責分工負責 lists
// lead only when nobody else does (form by_duty), and a 責任單位 list without marks is led by
// its first agency.
func (p *parser) settle(r *resp) {
	byDuty, unmarked := r.byDuty, r.unmarked
	r.byDuty, r.unmarked = nil, nil
	if r.form == "" {
		r.form = taizhang.FormLead
	}
	switch {
	case len(r.lead) == 0 && len(byDuty) > 0 && len(unmarked) == 0:
		r.lead, byDuty, r.form = byDuty, nil, taizhang.FormByDuty
	case len(r.lead) == 0 && len(unmarked) > 0:
		r.assumed = !p.firstLeads && len(unmarked) > 1 // one agency alone leads without doubt
		r.lead, unmarked = unmarked[:1], unmarked[1:]
	}
	r.join = append(append(r.join, unmarked...), byDuty...)
}

// cleanName trims what surrounds an agency's name in a list: punctuation, "由", a closing "等"
// or "等部門" (the others are not named), a stated short name "(以下簡稱…)".
func cleanName(s string) string {
	s = reShortMark.ReplaceAllString(s, "")
	s = trimBrackets(strings.Trim(s, " \t.。:,;、"))
	s = strings.TrimPrefix(s, "由")
	s = reEtc.ReplaceAllString(s, "")
	if s == "" || utf8.RuneCountInString(s) > 40 || strings.ContainsAny(s, "。:") {
		return ""
	}
	return s
}

// trimBrackets trims punctuation and the brackets around a name that it does not close: the
// clause's own, not 各縣(市、區)'s.
func trimBrackets(s string) string {
	for {
		t := strings.Trim(s, " \t.。:,;、")
		switch {
		case strings.HasPrefix(t, "(") && strings.Count(t, "(") > strings.Count(t, ")"):
			t = t[1:]
		case strings.HasSuffix(t, ")") && strings.Count(t, ")") > strings.Count(t, "("):
			t = t[:len(t)-1]
		case strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") && strings.Count(t, "(") == 1:
			t = t[1 : len(t)-1]
		}
		if t == s {
			return s
		}
		s = t
	}
}

var reEtc = regexp.MustCompile(`等(?:有关|相关|其他)?(?:部门|单位)?$`)

// agencyEnds are the last characters of the names of agencies, offices, companies, groups and
// places (folded): 局, 廳, 委, 辦, 中心, 政府, 街道, 集團, 公司, 開發區, 各市, 成員單位….
const agencyEnds = "局厅委办部院会处室心府位门道团司区县市馆所站队行社联组署关台校园场庭协学构业镇乡村军警省州盟旗厂"

// agencyLike reports whether a word from an agency list ends the way agency names end, its
// bracketed parts aside ("各縣(市、區)" ends in 縣).
func agencyLike(name string) bool {
	base := strings.TrimSpace(reBracketed.ReplaceAllString(name, ""))
	r, _ := utf8.DecodeLastRuneInString(base)
	return strings.ContainsRune(agencyEnds, r)
}

// splitTop splits fold[from:to] at any rune of seps that is not inside brackets or quotes, so
// that "各縣(市、區)" stays one name. It returns byte ranges.
func splitTop(fold string, from, to int, seps string) [][2]int {
	var out [][2]int
	depth, start := 0, from
	for i, r := range fold[from:to] {
		depth = max(0, depth+bracketDepth(r))
		if depth == 0 && strings.ContainsRune(seps, r) {
			out = append(out, [2]int{start, from + i})
			start = from + i + utf8.RuneLen(r)
		}
	}
	return append(out, [2]int{start, to})
}

// tailBracket finds a bracketed part closing the folded text ("…運行。(牽頭單位:甲)。", "…[甲牽頭,
// 乙按職責分工負責]", "【主辦:甲】"), with brackets nested inside it ("(各縣(市、區)負責落實)"). It
// returns the byte offsets of its content and of the opening bracket.
func tailBracket(fold string) (open, from, to int, ok bool) {
	end := len(strings.TrimRight(fold, " 。.;,"))
	closing, size := utf8.DecodeLastRuneInString(fold[:end])
	opening, known := bracketPairs[closing]
	if end == 0 || !known {
		return 0, 0, 0, false
	}
	depth := 0
	for i := end - size; i >= 0; i-- {
		r, n := utf8.DecodeRuneInString(fold[i:])
		if n == 1 && !utf8.RuneStart(fold[i]) {
			continue
		}
		switch r {
		case closing:
			depth++
		case opening:
			depth--
			if depth == 0 {
				return i, i + n, end - size, true
			}
		}
	}
	return 0, 0, 0, false
}

// bracketPairs are the brackets a clause is put in, closing → opening (folded: full-width
// brackets are half-width).
var bracketPairs = map[rune]rune{')': '(', ']': '[', '】': '【', '〕': '〔'}

// bareRoleSentence finds the last sentence of folded text when it could be a clause without
// labels or brackets: "…。市發改委、市財政局按職責分工負責。". It returns where the sentence
// starts and ends (before its full stop); the clause itself must then read whole.
func bareRoleSentence(fold string) (from, to int, ok bool) {
	to = len(strings.TrimRight(fold, " 。;."))
	from = strings.LastIndexAny(fold[:to], "。;") + 1
	if from > 0 && fold[from-1] != ';' {
		from += len("。") - 1
	}
	if to-from < 6 || utf8.RuneCountInString(fold[from:to]) > 60 || !reRoleSuffix.MatchString(fold[from:to]) {
		return 0, 0, false
	}
	return from, to, true
}

// reBareClause finds a clause written as the last sentence without brackets: "…。責任單位:甲".
var reBareClause = regexp.MustCompile(`(?:^|[。;])\s*(` + labelWords + `)\s*:`)
