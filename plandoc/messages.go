package plandoc

import (
	"errors"
	"fmt"
	taizhang "taizhang"
)

// Sentinels for plan files that cannot be read. Error() of *Error renders them in Chinese.
var (
	ErrNotFound  = errors.New("plandoc: no such file")
	ErrIsDir     = errors.New("plandoc: a directory, not a file")
	ErrRead      = errors.New("plandoc: file cannot be read")
	ErrFormat    = errors.New("plandoc: unsupported file format")
	ErrTooLarge  = errors.New("plandoc: file too large")
	ErrDocument  = errors.New("plandoc: damaged Word document")
	ErrScanned   = errors.New("plandoc: PDF without a text layer")
	ErrNoPDFTool = errors.New("plandoc: pdftotext is not installed")
	ErrPDF       = errors.New("plandoc: pdftotext failed")
	ErrNoOffice  = errors.New("plandoc: LibreOffice is not installed")
	ErrConvert   = errors.New("plandoc: conversion failed")
	ErrNoTable   = errors.New("plandoc: workbook without rows")
)

// Accepted lists the file types init --plan takes, for messages.
const Accepted = ".txt .docx .doc .wps .pdf .xlsx .xls .et .csv"

// Words shown inside other messages: what pdftotext's failure was when it ran out of time, and
// how a Word table is named in the position of a problem ("表2 第3行").
const (
	detailTimeout = "超時"
	tableName     = "表%d"
)

// The Chinese text of each sentinel, and what the user should do about it.
var messages = map[error][2]string{
	ErrNotFound: {"找不到計劃文件", "請檢查路徑,或不加 --plan 使用內置計劃"},
	ErrIsDir:    {"這是一個目錄,不是計劃文件", "請指定計劃文件(" + Accepted + ")"},
	ErrRead:     {"無法讀取計劃文件", "請檢查文件權限"},
	ErrFormat:   {"不支持這種文件格式", "請將計劃另存為 " + Accepted + " 之一(.odt .ods .rtf 也可以)後再導入"},
	ErrTooLarge: {"文件太大,不像一份計劃", "請確認選擇了正確的計劃文件"},
	ErrDocument: {"Word文件已損壞或不是.docx", "請用Word或WPS打開後另存為.docx再導入"},
	ErrScanned: {"這是掃描件:PDF中沒有文字,只有圖片", "請向發文單位索取Word版或可複製文字的PDF;" +
		"或先用文字識別(OCR)轉成文字後再導入"},
	ErrNoPDFTool: {"本機沒有安裝pdftotext,無法讀取PDF", "請安裝 poppler-utils(Debian/Ubuntu: sudo apt-get install poppler-utils)後重試,或改用Word版計劃"},
	ErrPDF:       {"無法讀取PDF", "PDF可能已損壞或加了密碼;請索取未加密的PDF或Word版"},
	ErrNoOffice:  {"這種格式要先用LibreOffice轉換", ""},
	ErrConvert:   {"LibreOffice轉換失敗", "請用Word或WPS打開後另存為.docx或.xlsx再導入"},
	ErrNoTable:   {"工作簿中沒有內容", "請確認計劃表在工作簿的工作表中"},
}

// Error is a plan file that cannot be read: which file, what went wrong, and what to do.
type Error struct {
	File   string
	Err    error
	Detail string // what the tool said, when it helps
	Hint   string // overrides the sentinel's hint
}

func (e *Error) Error() string {
	m, ok := messages[e.Err]
	if !ok {
		m = [2]string{e.Err.Error(), ""}
	}
	s := fmt.Sprintf("%s:%s", taizhang.Verbatim(e.File), m[0]) // the path as given, in whatever script
	if e.Detail != "" {
		s += "(" + e.Detail + ")"
	}
	hint := m[1]
	if e.Hint != "" {
		hint = e.Hint
	}
	if hint != "" {
		s += "。" + hint
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }
