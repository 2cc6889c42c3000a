package catalog

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinels for plan documents that cannot be parsed. Error() of *ParseError renders them in Chinese.
var (
	ErrEmpty    = errors.New("catalog: empty document")
	ErrBinary   = errors.New("catalog: binary file")
	ErrEncoding = errors.New("catalog: unknown text encoding")
	ErrNoTasks  = errors.New("catalog: no numbered tasks")
	ErrNumbers  = errors.New("catalog: task numbers out of order")
)

// Sentinels for the parts of a plan that were read only in part: each Problem carries one.
var (
	ErrNoLead        = errors.New("catalog: task names no responsible agency")
	ErrLeadAssumed   = errors.New("catalog: lead agency not marked, first listed taken")
	ErrLeadInherited = errors.New("catalog: lead cell empty, taken from the row above")
	ErrNumberGap     = errors.New("catalog: numbered line out of sequence")
	ErrTwoClauses    = errors.New("catalog: two responsibility clauses in one task")
	ErrClause        = errors.New("catalog: responsibility line not understood")
	ErrName          = errors.New("catalog: word in an agency list names no agency")
	ErrRow           = errors.New("catalog: table row not understood")
	ErrNoHeader      = errors.New("catalog: table without a known header")
)

// The Chinese text of each sentinel, and what the user should do about it.
var messages = map[error][2]string{
	ErrEmpty:    {"文件是空的", "請確認選擇了正確的計劃文件"},
	ErrBinary:   {"不是文本文件(像是二進制文件或表格)", "請將計劃另存為純文本(.txt,UTF-8或GB18030編碼)後再導入"},
	ErrEncoding: {"無法識別文件編碼", "請將計劃另存為UTF-8編碼的純文本後再導入"},
	ErrNoTasks: {"沒有找到編號的重點任務(如“1.”“(一)”開頭的段落,或帶“序號”“牽頭單位”表頭的表格)",
		"請確認這是工作計劃正文,任務按“1.”“2.”依次編號;表格須有“序號”“重點任務”“牽頭單位”等表頭"},
	ErrNumbers: {"任務編號不連續", "請檢查計劃中任務的編號是否依次遞增"},

	ErrNoLead: {"沒有找到這項任務的責任單位", "請在計劃文件中補上“(牽頭單位:…)”後重新導入,或導出目錄核對"},
	ErrLeadAssumed: {"責任單位未標明哪個牽頭,已按排在第一位的單位牽頭、其餘參與處理",
		"如不是,請在計劃文件中標明“(牽頭)”後重新導入"},
	ErrLeadInherited: {"牽頭單位一欄為空,已沿用上一行的牽頭單位(可能是合併單元格)", "如不是,請在表格中補上牽頭單位後重新導入"},
	ErrNumberGap:     {"這一行像是任務編號,但與上一項不連續,已作為上一項任務的正文", "如果這是一項新任務,請改正編號後重新導入"},
	ErrTwoClauses:    {"一項任務中出現兩處責任單位,可能漏了下一項任務的編號", "請檢查這一行前面是否缺少任務編號"},
	ErrClause:        {"無法從這一行讀出責任單位", "請寫成“牽頭單位:甲、乙”“參與單位:丙”或“(甲牽頭,乙按職責分工負責)”"},
	ErrRow:           {"表格中這一行既不是部分標題也不是任務,已跳過", "如果這是一項任務,請填上序號和任務內容"},
	ErrNoHeader:      {"表格沒有可識別的表頭,已跳過", "任務表須有“序號”“重點任務”“主要內容”“牽頭單位”“參與單位”等表頭"},
}

// ParseError reports a plan document that cannot be read as a plan, with where and what to do.
type ParseError struct {
	File string
	Pos  // where in the file; zero when the problem is the whole file
	Err  error
	Msg  string // extra detail, in Chinese
}

func (e *ParseError) Error() string { return render(e.File, e.Pos, e.Err, enclose("(", e.Msg, ")")) }

func (e *ParseError) Unwrap() error { return e.Err }

// Problem is a part of a plan that was read only in part or not at all: where it is, what it
// says, what was done, and what the coordinator can do. Parsing goes on past every problem.
type Problem struct {
	File string
	Pos
	Text string // the line or row, shortened
	Err  error  // one of the sentinels above
}

func (p Problem) Error() string { return render(p.File, p.Pos, p.Err, enclose("(“", p.Text, "”)")) }

func (p Problem) Unwrap() error { return p.Err }

// Hint is what the coordinator can do about the problem, in Chinese.
func (p Problem) Hint() string { return messages[p.Err][1] }

// render writes a message: where, what (with its detail, when there is one), what to do.
func render(file string, pos Pos, err error, detail string) string {
	m, ok := messages[err]
	if !ok {
		m = [2]string{err.Error(), ""}
	}
	s := fmt.Sprintf("%s:%s%s", where(file, pos), m[0], detail)
	if m[1] != "" {
		s += "。" + m[1]
	}
	return s
}

// enclose puts s between open and close, unless it is empty.
func enclose(open, s, close string) string {
	if s == "" {
		return ""
	}
	return open + s + close
}

// where renders a position the way a person finds it: the file, then the page, table and row,
// or the line or paragraph.
func where(file string, p Pos) string {
	parts := []string{file}
	if p.Page > 0 {
		parts = append(parts, fmt.Sprintf("第%d頁", p.Page))
	}
	switch {
	case p.Table != "" && p.Row > 0:
		parts = append(parts, fmt.Sprintf("%s 第%d行", p.Table, p.Row))
	case p.Table != "":
		parts = append(parts, p.Table)
	case p.Para > 0:
		parts = append(parts, fmt.Sprintf("第%d段", p.Para))
	case p.Line > 0:
		parts = append(parts, fmt.Sprintf("第%d行", p.Line))
	}
	return strings.Join(parts, " ")
}
