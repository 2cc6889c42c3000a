package catalog

import (
	"errors"
	"fmt"
)

// Sentinels for plan documents that cannot be parsed. Error() of *ParseError renders them in Chinese.
var (
	ErrEmpty    = errors.New("catalog: empty document")
	ErrBinary   = errors.New("catalog: binary file")
	ErrEncoding = errors.New("catalog: unknown text encoding")
	ErrNoTasks  = errors.New("catalog: no numbered tasks")
	ErrNumbers  = errors.New("catalog: task numbers out of order")
)

// The Chinese text of each sentinel, and what the user should do about it.
var messages = map[error][2]string{
	ErrEmpty:    {"文件是空的", "請確認選擇了正確的計劃文本文件"},
	ErrBinary:   {"不是文本文件(像是二進制文件或表格)", "請將計劃另存為純文本(.txt,UTF-8或GB18030編碼)後再導入"},
	ErrEncoding: {"無法識別文件編碼", "請將計劃另存為UTF-8編碼的純文本後再導入"},
	ErrNoTasks:  {"沒有找到編號的重點任務(如“1.”或“(一)”開頭的段落)", "請確認這是工作計劃正文,任務按“1.”“2.”依次編號"},
	ErrNumbers:  {"任務編號不連續", "請檢查計劃中任務的編號是否依次遞增"},
}

// ParseError reports a plan document that cannot be read as a plan, with where and what to do.
type ParseError struct {
	File string
	Line int // 1-based; 0 when the problem is the whole file
	Err  error
	Msg  string // extra detail, in Chinese
}

func (e *ParseError) Error() string {
	m, ok := messages[e.Err]
	if !ok {
		m = [2]string{e.Err.Error(), ""}
	}
	where := e.File
	if e.Line > 0 {
		where = fmt.Sprintf("%s 第%d行", e.File, e.Line)
	}
	s := fmt.Sprintf("%s:%s", where, m[0])
	if e.Msg != "" {
		s += "(" + e.Msg + ")"
	}
	if m[1] != "" {
		s += "。" + m[1]
	}
	return s
}

func (e *ParseError) Unwrap() error { return e.Err }
