package excel

import (
	"errors"
	"fmt"
)

// Sentinels for cells and workbooks that cannot be read. CellError.Error renders them in Chinese.
var (
	ErrNotWorkbook  = errors.New("excel: not an xlsx workbook")
	ErrEncrypted    = errors.New("excel: workbook is password-protected")
	ErrTooLarge     = errors.New("excel: workbook exceeds the size limits")
	ErrNoSheet      = errors.New("excel: sheet not found")
	ErrNotNumber    = errors.New("excel: not a number")
	ErrRequired     = errors.New("excel: required cell is empty")
	ErrNotInList    = errors.New("excel: value not in the list")
	ErrUnknownValue = errors.New("excel: unknown value")
	ErrDuplicate    = errors.New("excel: duplicate value")
	ErrHeader       = errors.New("excel: header row not found")
)

var messages = map[error]string{
	ErrNotWorkbook:  "不是有效的Excel工作簿(.xlsx)",
	ErrEncrypted:    "工作簿設置了打開密碼,無法讀取",
	ErrTooLarge:     "工作簿超出大小限制",
	ErrNoSheet:      "找不到工作表",
	ErrNotNumber:    "不是數字",
	ErrRequired:     "必填單元格為空",
	ErrNotInList:    "不在可選範圍內",
	ErrUnknownValue: "無法識別",
	ErrDuplicate:    "與其他行重複",
	ErrHeader:       "找不到表頭行",
}

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
