package cycle

import (
	taizhang "taizhang"
	"taizhang/templates"
)

func (v *View) reportData(script taizhang.Script) templates.ReportData {
	return templates.ReportData{Plan: v.Plan, Period: v.Period, AsOf: v.AsOf, Generated: v.Now, Tolerance: v.Tolerance, Result: v.Result,
		Previous: v.Previous, Returns: v.Returns, States: v.States, Chase: v.Chase, Script: script}
}

// WriteReport writes the consolidated workbook for leadership.
func (v *View) WriteReport(path string, script taizhang.Script) error {
	wb, err := templates.Report(v.reportData(script))
	if err != nil {
		return err
	}
	defer wb.Close()
	return writeAtomic(path, wb.Write)
}

// WriteChase writes the chase list (催報清單) alone, for sending around.
func (v *View) WriteChase(path string) error {
	wb, err := templates.RemindWorkbook(v.reportData(""))
	if err != nil {
		return err
	}
	defer wb.Close()
	return writeAtomic(path, wb.Write)
}
