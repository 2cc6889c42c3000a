package excel

import (
	"errors"
	"fmt"

	"taizhang/excel/xlsxread"
)

// Sentinels for cells and workbooks that cannot be read. CellError.Error renders them in Chinese.
// The reader's are package xlsxread's own, under the same names.
var (
	ErrNotWorkbook   = xlsxread.ErrNotWorkbook
	ErrEncrypted     = xlsxread.ErrEncrypted
	ErrTooLarge      = xlsxread.ErrTooLarge
	ErrTimeout       = xlsxread.ErrTimeout
	ErrNoSheet       = xlsxread.ErrNoSheet
	ErrMalformed     = xlsxread.ErrMalformed
	ErrForbiddenChar = xlsxread.ErrForbiddenChar
	ErrUnsupported   = xlsxread.ErrUnsupported
	ErrSharedIndex   = xlsxread.ErrSharedIndex
	ErrBadRef        = xlsxread.ErrBadRef
	ErrNotNumber     = errors.New("excel: not a number")
	ErrRequired      = errors.New("excel: required cell is empty")
	ErrNotInList     = errors.New("excel: value not in the list")
	ErrUnknownValue  = errors.New("excel: unknown value")
	ErrDuplicate     = errors.New("excel: duplicate value")
	ErrHeader        = errors.New("excel: header row not found")
	ErrNotRegular    = errors.New("excel: not a regular file")
)

// messages are the Chinese of excel's own sentinels; the reader's come from xlsxread.Message.
var messages = map[error]string{
	ErrNotNumber:    "不是數字",
	ErrRequired:     "必填單元格為空",
	ErrNotInList:    "不在可選範圍內",
	ErrUnknownValue: "無法識別",
	ErrDuplicate:    "與其他行重複",
	ErrHeader:       "找不到表頭行",
	ErrNotRegular:   "不是普通文件",
}

// Hints: what to do about a file that is not one to read.
const (
	hintFileSize   = "文件大小%d MB,超過%d MB的上限;臺賬不會這麼大,請檢查是否發錯文件"
	hintNotRegular = "這是管道、設備或其他特殊文件,不是表格文件;請發送普通的.xlsx文件"
	hintIsDir      = "這是一個目錄,不是表格文件;請給出其中的.xlsx文件"
)

// CellError is a problem at a position in a workbook, with a hint saying what to fix.
type CellError struct {
	File  string
	Sheet string
	Cell  string // "D7"; empty when the problem is the whole sheet or file
	Err   error
	Value string // what the cell holds, when it helps
	Hint  string // what to do, in Chinese
}

func (e *CellError) Error() string {
	where := e.File
	if e.Sheet != "" {
		where += " 工作表“" + e.Sheet + "”"
	}
	if e.Cell != "" {
		where += " 單元格" + e.Cell
	}
	msg, ok := messages[e.Err]
	if !ok {
		msg = xlsxread.Message(e.Err)
	}
	if msg == "" {
		msg = e.Err.Error()
	}
	s := fmt.Sprintf("%s:%s", where, msg)
	if e.Value != "" {
		s += fmt.Sprintf("(“%s”)", e.Value)
	}
	if e.Hint != "" {
		s += "。" + e.Hint
	}
	return s
}

func (e *CellError) Unwrap() error { return e.Err }

// Words excel writes on its own, in Traditional; a Workbook's or an Editor's Say puts them in the
// reader's script (the caller's labeler), as every other word of the workbook is.
const (
	msgPages        = "第 &P 頁,共 &N 頁" // &P and &N are the page number and the page count
	msgInputError   = "輸入有誤"
	msgPickFromList = "請從下拉列表中選擇"
	msgTypeNumber   = "請填寫數字"
)

// say is s in the reader's script: through fn, or as written when there is none.
func say(fn func(string) string, s string) string {
	if fn == nil {
		return s
	}
	return fn(s)
}
