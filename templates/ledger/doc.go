// Package ledger is the agency ledger workbook of Contract 3 (docs/contracts.md): the 填報說明
// sheet, the 工作臺賬 sheet with one row per indicator an agency leads or joins, its locked cells,
// drop-downs and print settings, and the very hidden _meta sheet whose HMAC-SHA256 signature
// (keyed by the database, never the workbook) makes a returned ledger verifiable. It builds and
// signs a ledger (Ledger, Sign), says who gets one (Responsible, RowsFor), and reads a returned
// one back by 指標編號 whatever Excel, WPS or LibreOffice did to its layout (ReadReturned), saying
// which locked cell changed when a signature fails.
package ledger
