package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	taizhang "taizhang"
	"taizhang/script"
)

// Patterns run on folded text: Simplified script, half-width punctuation.
var (
	reDocNo       = regexp.MustCompile(`[^\s,，]*[(〔\[]\d{4}[)〕\]]\d+号`)
	reQuotedTitle = regexp.MustCompile(`《([^《》]+(?:任务|计划|方案|要点|清单|安排|台账|分工|意见|措施|办法|细则))》`)
	reTitleLine   = regexp.MustCompile(`(?:任务|计划|方案|要点|清单|安排|台账|分工|分解表|责任表|任务表|意见|措施|细则)$`)
	// "關於印發…的通知" names the plan it sends; "關於…的實施意見" is the plan's own title.
	reNoticeTitle = regexp.MustCompile(`关于印发(.+)的通知$`)
	// A line that could be a title: short, no sentence in it, not the issuer's red header, a
	// salutation, a document number or a date.
	reNotTitle = regexp.MustCompile(`[。,,;;:!?]|文件$|^\(?20\d\d年\d{1,2}月\d{1,2}日\)?$|^\d`)
	reYear     = regexp.MustCompile(`(20\d\d)\s*年`)
	reDocYear  = regexp.MustCompile(`[(〔\[](20\d\d)[)〕\]]`)
	reFileYear = regexp.MustCompile(`(?:^|\D)(20\d\d)(?:\D|$)`)
)

// readPreamble finds the document number, title and year in the lines before the first section
// (or above a task table). The title is a line that names a plan or a notice that sends one, else
// the first line that looks like a title, else the file name (and then it reports true). The year
// falls back to the document number, the file name, then the first year the preamble names.
func readPreamble(plan *taizhang.Plan, conv *script.Converter, lines []string, name string) (titleFromFile bool) {
	for i, line := range lines {
		line = squeeze(line)
		f := conv.Fold(line)
		if plan.DocNo == "" {
			if loc := reDocNo.FindStringIndex(f); loc != nil {
				plan.DocNo = newFolded(conv, line).slice(loc[0], loc[1])
			}
		}
		if plan.Title != "" {
			continue
		}
		if m := reQuotedTitle.FindStringSubmatchIndex(f); m != nil {
			plan.Title = newFolded(conv, line).slice(m[2], m[3])
		} else if m := reNoticeTitle.FindStringSubmatchIndex(f); m != nil {
			plan.Title = newFolded(conv, line).slice(m[2], m[3])
		} else if reTitleLine.MatchString(f) && len([]rune(line)) <= 40 {
			plan.Title = line
			// A title broken over two short lines: "…先行區" / "2023年重點工作任務".
			if prev := squeeze(previous(lines, i)); prev != "" && len([]rune(prev))+len([]rune(line)) <= 60 &&
				!strings.ContainsAny(prev, "。,,:：") && !reDocNo.MatchString(conv.Fold(prev)) {
				plan.Title = prev + line
			}
		}
	}
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	if plan.Title == "" {
		plan.Title = headingLike(conv, lines)
	}
	fromFile := plan.Title == ""
	if fromFile {
		plan.Title = base
	}
	year := func(re *regexp.Regexp, s string) {
		if m := re.FindStringSubmatch(conv.Fold(s)); m != nil && plan.Year == 0 {
			plan.Year, _ = strconv.Atoi(m[1])
		}
	}
	year(reYear, plan.Title)
	year(reDocYear, plan.DocNo)
	year(reFileYear, base)
	year(reYear, strings.Join(lines, "\n"))
	sum := sha256.Sum256([]byte(conv.Key(plan.DocNo) + "|" + conv.Key(plan.Title)))
	plan.ID = "plan-" + hex.EncodeToString(sum[:6])
	return fromFile
}

// headingLike is the first line of the preamble that could be a title, or "".
func headingLike(conv *script.Converter, lines []string) string {
	for _, line := range lines {
		line = squeeze(line)
		f := conv.Fold(line)
		if n := len([]rune(line)); n >= 6 && n <= 50 && !reNotTitle.MatchString(f) && !reDocNo.MatchString(f) && hasHan(f) {
			return line
		}
	}
	return ""
}

func previous(lines []string, i int) string {
	if i == 0 {
		return ""
	}
	return lines[i-1]
}
