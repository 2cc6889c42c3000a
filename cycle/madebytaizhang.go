package cycle

import (
	"bytes"
	"fmt"
	"strings"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/plandoc"
	"taizhang/script"
	"taizhang/templates/catalogbook"
	"taizhang/templates/ledger"
	"taizhang/templates/report"
)

// reportSheets are sheets only the consolidated report has, and chaseSheet the chase list's one
// sheet (Traditional, as templates/report names them).
var (
	reportSheets = [][]string{{"領導簡報"}, {"總體情況", "重點任務匯總"}}
	chaseSheet   = "催報清單"
)

// madeByTaizhang says, when a file given as a plan is one of the workbooks taizhang writes (the
// report, a ledger or feedback, the catalog workbook, the chase list), what it is and what to use
// instead; "" for any other file. Read as a plan, such a workbook gives hundreds of half-read
// rows and a "plan" of its own table rows, which --force would put in place of the real one.
func madeByTaizhang(path, name string, body []byte) string {
	if !bytes.HasPrefix(body, []byte("PK\x03\x04")) {
		return ""
	}
	book, err := excel.Read(name, body, excel.DefaultLimits)
	if err != nil {
		return "" // not a workbook excel reads: the plan reader says what it is
	}
	defer book.Close()
	conv := script.Default()
	has := map[string]bool{}
	for _, s := range book.Sheets() {
		has[strings.ToLower(conv.Key(s))] = true
	}
	all := func(sheets ...string) bool {
		for _, s := range sheets {
			if !has[strings.ToLower(conv.Key(s))] {
				return false
			}
		}
		return true
	}
	shown := taizhang.Verbatim(name)
	switch {
	case all(ledger.SheetMeta, report.SheetFeedback):
		return fmt.Sprintf(msgOwnFeedback, shown, plandoc.Accepted)
	case all(ledger.SheetMeta), all(ledger.SheetGuide, ledger.SheetLedger):
		return fmt.Sprintf(msgOwnLedger, shown, plandoc.Accepted)
	case all(catalogbook.Sheets...):
		return fmt.Sprintf(msgOwnCatalog, shown, taizhang.Verbatim(path), plandoc.Accepted)
	case all(reportSheets[0]...), all(reportSheets[1]...):
		return fmt.Sprintf(msgOwnReport, shown, plandoc.Accepted)
	case all(chaseSheet) && len(has) == 1:
		return fmt.Sprintf(msgOwnChase, shown, plandoc.Accepted)
	}
	return ""
}
