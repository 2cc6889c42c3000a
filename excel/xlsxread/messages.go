package xlsxread

import (
	"errors"
	"fmt"
)

// Sentinels for workbooks the reader refuses and cells it cannot read. Error renders them in
// Chinese; package excel gives them the same names.
var (
	ErrNotWorkbook   = errors.New("excel: not an xlsx workbook")
	ErrEncrypted     = errors.New("excel: workbook is password-protected")
	ErrTooLarge      = errors.New("excel: workbook exceeds the size limits")
	ErrTimeout       = errors.New("excel: reading took too long")
	ErrNoSheet       = errors.New("excel: sheet not found")
	ErrMalformed     = errors.New("excel: part is not well-formed XML")
	ErrForbiddenChar = errors.New("excel: character XML 1.0 forbids")
	ErrUnsupported   = errors.New("excel: markup OOXML or this reader does not allow")
	ErrSharedIndex   = errors.New("excel: shared-string index out of range")
	ErrBadRef        = errors.New("excel: row or column number no sheet can have")
)

var messages = map[error]string{
	ErrNotWorkbook:   "不是有效的Excel工作簿(.xlsx)",
	ErrEncrypted:     "工作簿設置了打開密碼,無法讀取",
	ErrTooLarge:      "工作簿超出大小限制",
	ErrTimeout:       "讀取超時",
	ErrNoSheet:       "找不到工作表",
	ErrMalformed:     "文件內部結構損壞",
	ErrForbiddenChar: "含有XML不允許的字符",
	ErrUnsupported:   "使用了表格文件不允許的內部格式",
	ErrSharedIndex:   "單元格引用的文本不存在",
	ErrBadRef:        "行號或列號無效",
}

// Message is the Chinese for one of the sentinels, "" for any other error.
func Message(err error) string { return messages[err] }

// Hints: what to do, one per limit and per kind of broken part. %s is a part or a sheet.
const (
	hintPart         = "部件%s解壓後超過%d MB的上限(疑似壓縮炸彈);臺賬不會這麼大,請用下發的模板重新填報"
	hintUnzip        = "解壓後的內容共超過%d MB的上限(疑似壓縮炸彈);請用下發的模板重新填報"
	hintUnzipTotal   = "解壓後有%d MB,超過%d MB的上限(疑似壓縮炸彈)"
	hintShared       = "共享文本超過%d條的上限(一份臺賬只有幾百條);請在Excel中把內容複製到下發的模板後重新發送"
	hintRows         = "有內容的行超過%d行的上限;請刪除多餘的行後重新保存"
	hintCells        = "有內容的單元格超過%d個的上限;請刪除多餘的內容後重新保存"
	hintSheets       = "需要讀取的工作表超過%d個;請只保留下發模板中的工作表後重新保存"
	hintFileSize     = "文件大小%d MB,超過%d MB的上限;臺賬不會這麼大,請檢查是否發錯文件"
	hintTimeout      = "讀取時間超過上限(文件過大或結構異常);請用Excel或WPS另存為新文件後重新發送"
	hintCorrupt      = "部件%s無法解壓(文件已損壞或不完整);請重新保存後再發送"
	hintSharedIndex  = "單元格指向第%d條之外的共享文本,文件已損壞;請在Excel或WPS中重新填寫此單元格後保存"
	hintSheetEntries = "工作簿列出的工作表或關係超過%d個的上限(疑似惡意文件);請只保留下發模板中的工作表後重新保存"
	hintNoPart       = "工作表的內容部件%s不在文件中(文件已損壞或不完整);請用Excel或WPS重新保存後再發送"
	hintNoSheetPart  = "工作表“%s”沒有對應的內容部件,文件已損壞;請用Excel重新保存後再發送"
	hintNoSheets     = "工作簿中沒有工作表"
	hintNoWorkbook   = "壓縮包中沒有工作簿內容(可能是Numbers、ODS或其他格式),請另存為.xlsx"
	hintEmpty        = "文件是空的(0字節),請重新保存後再發送"
	hintEncrypted    = "請取消打開密碼(文件→信息→保護工作簿)後重新保存"
	hintXLS          = "這是舊版.xls格式,請用Excel或WPS另存為.xlsx"
	hintNotZip       = "文件內容不是表格,請確認附件完整"
	hintBrokenZip    = "文件已損壞或不完整,請重新保存後再發送"
)

// xmlHints say what to do about a part that is not XML a spreadsheet may hold (%s: the part).
var xmlHints = map[error]string{
	ErrMalformed:     "部件%s的XML不完整或有語法錯誤(文件被截斷或被其他程序改壞);請用Excel或WPS打開,另存為新的.xlsx後重新發送",
	ErrForbiddenChar: "部件%s含有XML 1.0不允許的控制字符;Excel無法打開這樣的文件。請刪除從其他系統複製來的特殊字符,另存後重新發送",
	ErrUnsupported:   "部件%s使用了DTD、非UTF-8編碼或不支持的兼容性標記(Excel、WPS都不會這樣保存);請用Excel或WPS另存為新的.xlsx後重新發送",
	ErrBadRef:        "%s中有Excel不會保存的行號或列號(行號應在1到1048576之間並與所在的行一致,列號在A到XFD之間),文件由其他程序生成或被改壞;請用Excel或WPS打開,另存為新的.xlsx後重新發送",
}

// What is wrong with a row or column number (the Value of ErrBadRef).
const (
	valueRow      = "第%s行"
	valueCol      = "第%d列"
	valueNotInRow = "單元格%s寫在第%d行中"
	valueMerge    = "合併區域%s"
)

// tooLarge is a refusal for a limit, with the hint saying which and what to do.
func tooLarge(hint string, args ...any) *Error {
	return &Error{Err: ErrTooLarge, Hint: fmt.Sprintf(hint, args...)}
}

// Error is a workbook the reader refuses, or a cell it cannot read, with a hint in Chinese
// saying what to do. It names the sheet and cell when there is one; the caller knows the file.
type Error struct {
	Sheet string
	Cell  string // "D7"; empty when the problem is the whole sheet or workbook
	Err   error  // one of the sentinels
	Value string // what the cell holds, when it helps
	Hint  string
}

func (e *Error) Error() string {
	where := ""
	if e.Sheet != "" {
		where += "工作表“" + e.Sheet + "”"
	}
	if e.Cell != "" {
		where += "單元格" + e.Cell
	}
	msg := messages[e.Err]
	if msg == "" {
		msg = e.Err.Error()
	}
	s := msg
	if where != "" {
		s = where + ":" + msg
	}
	if e.Value != "" {
		s += "(“" + e.Value + "”)"
	}
	if e.Hint != "" {
		s += "。" + e.Hint
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }
