package cycle

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/office"
	"taizhang/templates/report"
)

// ReportRequest says where the report goes and how it prints.
type ReportRequest struct {
	Path   string          // .xlsx, or .pdf (through LibreOffice)
	Script taizhang.Script // empty: the plan's
	Paper  string          // "A4" (the default) or "A3"
	// PrintDetails makes the detail sheets print with the leader's pack (report --print all).
	PrintDetails bool
}

func (v *View) reportData(script taizhang.Script, paper excel.Paper) report.Data {
	return report.Data{Plan: v.Plan, Period: v.Period, AsOf: v.AsOf, Generated: v.Now, Tolerance: v.Tolerance, Result: v.res,
		Previous: v.prev, Returns: v.Returns, States: v.States, Chase: v.Chase, Script: script, Paper: paper}
}

// ValidPaper reports whether a report can print on paper ("A4", "A3"; "" is A4).
func ValidPaper(paper string) bool {
	_, ok := excel.ParsePaper(paper)
	return ok
}

// WriteReport writes the consolidated workbook for leadership, or a PDF of it.
func (s *Service) WriteReport(ctx context.Context, v *View, req ReportRequest) error {
	if err := checkOut(req.Path); err != nil {
		return err
	}
	paper, ok := excel.ParsePaper(req.Paper)
	if !ok {
		return inputf(msgBadPaper, req.Paper)
	}
	data := v.reportData(req.Script, paper)
	data.PrintDetails = req.PrintDetails
	wb, err := report.Workbook(data)
	if err != nil {
		return err
	}
	defer wb.Close()
	return s.write(ctx, req.Path, wb)
}

// WriteChase writes the chase list (催報清單) alone, for sending around, as .xlsx or .pdf.
func (s *Service) WriteChase(ctx context.Context, v *View, path string) error {
	if err := checkOut(path); err != nil {
		return err
	}
	wb, err := report.ChaseWorkbook(v.reportData("", excel.A4))
	if err != nil {
		return err
	}
	defer wb.Close()
	return s.write(ctx, path, wb)
}

// checkOut refuses an output name that would hide what the file is (an .xlsx named .pdf).
func checkOut(path string) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".pdf":
		return nil
	}
	return inputf(msgBadOutExt, taizhang.Verbatim(path))
}

// write writes a workbook as .xlsx, or converted to PDF by LibreOffice when the name says .pdf.
func (s *Service) write(ctx context.Context, path string, wb *excel.Workbook) error {
	if !strings.EqualFold(filepath.Ext(path), ".pdf") {
		return writeAtomic(path, wb.Write)
	}
	if !s.opts.Office.Installed() {
		return &Error{Err: ErrRefused, Msg: msgNoPDF}
	}
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		return err
	}
	pdf, err := s.opts.Office.Convert(ctx, buf.Bytes(), ".xlsx", office.PDF)
	var timeout *office.TimeoutError
	switch {
	case errors.Is(err, context.Canceled):
		return interrupted(fmt.Sprintf(msgPDFInterrupted, taizhang.Verbatim(path)))
	case errors.As(err, &timeout):
		return fmt.Errorf(msgPDFTimeout, timeout.After.Round(time.Second).Seconds())
	case err != nil:
		return fmt.Errorf(msgPDFFailed, err)
	}
	return writeAtomic(path, func(w io.Writer) error { _, err := w.Write(pdf); return err })
}
