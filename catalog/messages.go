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
	ErrNumberJump    = errors.New("catalog: task numbers skip some")
	ErrNotRead       = errors.New("catalog: lines after the first task read as no task")
	ErrTitleFromFile = errors.New("catalog: no title in the document, file name taken")
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

	ErrNoLead: {"沒有找到這項任務的責任單位", "請導出任務目錄(taizhang catalog export)在“任務”表核對這項任務的牽頭單位"},
	ErrLeadAssumed: {"責任單位未標明哪個牽頭,已按排在第一位的單位牽頭、其餘參與處理",
		"如不是,請導出任務目錄在“任務”表改正牽頭單位"},
	ErrLeadInherited: {"牽頭單位一欄為空,已沿用上一行的牽頭單位(可能是合併單元格)", "如不是,請導出任務目錄在“任務”表改正牽頭單位"},
	ErrNumberGap: {"這一行以編號開頭,但編號接不上前後的任務,已作為上一項任務的正文",
		"請導出任務目錄在“任務”表核對上一項任務的內容和責任單位"},
	ErrNumberJump: {"任務編號不連續,中間的編號在文件中沒有找到", "請對照計劃原文確認沒有漏掉任務;如原文就是這樣編號,無需處理"},
	ErrTwoClauses: {"一項任務中出現兩處責任單位,可能漏了下一項任務的編號", "請導出任務目錄在“任務”表核對這項任務的責任單位"},
	ErrClause:     {"這一處責任單位的寫法沒能讀懂", "請導出任務目錄在“任務”表核對這項任務的牽頭單位和參與單位"},
	ErrName:       {"責任單位列表中這些詞不是單位名稱,已略去", "如有遺漏,請導出任務目錄在“單位”表核對"},
	ErrRow:        {"表格中這一行既不是部分標題也不是任務,已跳過", "如果這是一項任務,請對照計劃原文核對任務數是否齊全"},
	ErrNoHeader: {"表格沒有可識別的表頭(如“序號”“重點任務”“牽頭單位”),已跳過",
		"如這是任務表,請對照計劃原文核對任務是否齊全,並導出任務目錄核對"},
	ErrNotRead: {"這幾行在第一項任務之後,但沒有讀成任何任務(像是任務編號或責任單位)",
		"請對照計劃原文核對這幾行是否有任務漏讀;如只是說明文字,無需處理"},
	ErrTitleFromFile: {"文件中沒有找到計劃標題,已用文件名作為標題", "如不對,請用正確的標題重新命名文件後再導入"},
}

// ParseError reports a plan document that cannot be read as a plan, with where and what to do.
type ParseError struct {
	File string
	Pos  // where in the file; zero when the problem is the whole file
	Err  error
	Msg  string // extra detail, in Chinese
}

func (e *ParseError) Error() string {
	return render(where(e.File, e.Pos), e.Err, enclose("(", e.Msg, ")"))
}

func (e *ParseError) Unwrap() error { return e.Err }

// Problem is a part of a plan that was read only in part or not at all: where it is, what it
// says, what was done, and what the coordinator can do. Parsing goes on past every problem.
type Problem struct {
	File string
	Pos
	Text   string // the line or row, shortened
	Err    error  // one of the sentinels above
	Detail string // what the line says that the message needs (the numbers of a jump), Traditional
	// Through is the last line of a stretch of Lines lines that starts at Pos; zero for one line.
	Through Pos
	Lines   int
}

// details are the formats of the sentinels' details.
var details = map[error]string{
	ErrNumberGap:  "編號%d,上一項任務是第%d項",
	ErrNumberJump: "第%d項之後是第%d項",
}

func (p Problem) Error() string {
	at := where(p.File, p.Pos)
	if p.Lines > 1 {
		at += fmt.Sprintf("至%s(共%d行)", strings.TrimPrefix(where("", p.Through), " "), p.Lines)
	}
	return render(at, p.Err, enclose("(“", p.Text, "”)")+enclose("(", p.Detail, ")"))
}

func (p Problem) Unwrap() error { return p.Err }

// Hint is what the coordinator can do about the problem, in Chinese.
func (p Problem) Hint() string { return messages[p.Err][1] }

// render writes a message: where, what (with its detail, when there is one), what to do.
func render(at string, err error, detail string) string {
	m, ok := messages[err]
	if !ok {
		m = [2]string{err.Error(), ""}
	}
	s := fmt.Sprintf("%s:%s%s", at, m[0], detail)
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
	var parts []string
	if file != "" {
		parts = append(parts, file)
	}
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

// Why names are groups or one agency (see GroupReason, AliasReason).
const (
	whyEach          = "以“各”“有關”“相關”開頭,指一類單位"
	whyAll           = "指某一級或某一類的全部單位"
	whyMembers       = "指領導小組或聯席會議的成員單位"
	whyOthers        = "指“有關部門”“等部門”"
	whyTable         = "“%s”常簡稱“%s”"
	whyStated        = "計劃中註明的簡稱(“以下簡稱”)"
	whyKnown         = "常用簡稱"
	whySameName      = "同一名稱(繁簡或全半角不同)"
	whyStatedOrAdded = "計劃中註明的簡稱,或人工添加"
	whyPrefix        = "計劃用頓號列舉時省略了共同的前綴“%s”"
)
