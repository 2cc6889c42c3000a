package taizhang

import "time"

// Ledger is a ledger workbook issued to an agency for a period.
type Ledger struct {
	ID          string
	PlanID      string
	Agency      string
	Period      Period
	CatalogHash string
	FileName    string
	IssuedAt    time.Time
	Deadline    Date // the deadline written in the workbook when it was issued
	Contact     string
	Rows        int
	IssuedBy    string // who issued it (the command line's user, or a coordinator on the web)
}

// DeadlineChange is one entry in the history of an agency's deadline for a period. The first is
// set when the first ledger is issued; each later one is a person's decision, with the reason.
type DeadlineChange struct {
	Period   Period
	Agency   string
	Deadline Date
	SetAt    time.Time
	By       string
	Reason   string
}

// Return is one version of an agency's returned ledger for a period (a submission).
type Return struct {
	ID          int64
	Agency      string
	Period      Period
	Version     int
	File        string // the file name as received
	SourcePath  string
	ArchivePath string // relative to the archive folder
	SHA256      string
	Size        int64
	PlanID      string
	LedgerID    string
	CatalogHash string
	Signed      bool
	Converted   string // the original format when LibreOffice converted it ("xls", "ods")
	Sheet       string // the ledger sheet, whatever it was renamed to
	Filler      string
	Phone       string
	Reviewer    string
	FilledDate  string
	ReceivedAt  time.Time // when the file arrived (e-mail date, upload); lateness is judged on it
	IngestedAt  time.Time // when it was read into the database
	SortAt      time.Time // what versions are ordered by: the receipt time given, else the file's modification time
	FileTime    time.Time // the file's modification time when read: orders versions of one receipt time (zero: unknown)
	Current     bool      // the version reconcile and the report use
	Withdrawn   bool      // taken back by the coordinator; kept in the history
	Filled      int       // rows with anything filled in
	Values      []Row     // loaded on request
	Findings    []Finding // problems found while reading the file
}

// Empty reports whether nothing was filled in: such a return is kept but does not count as returned.
func (r *Return) Empty() bool { return r.Filled == 0 }

// Row is one row of a return: what the agency typed and what was read from it.
type Row struct {
	Indicator  string
	Row        int    // 1-based sheet row
	Cell       string // the 累計完成值 cell
	StatusCell string // the 完成狀態 cell
	Raw        string // the 累計完成值 exactly as typed
	Value      *float64
	TypedUnit  string
	Approx     bool
	Flag       string // invalid_value, unit_mismatch, formula_no_cache, converted or ""
	Note       string
	Status     string // 已完成, 序時推進, 滯後, 未啟動 or "" when empty or not one of them
	StatusRaw  string // the 完成狀態 exactly as typed
	Progress   string
	Problems   string
	NextSteps  string
}

// Filled reports whether the agency wrote anything in the row.
func (v *Row) Filled() bool {
	return v.Raw != "" || v.StatusRaw != "" || v.Status != "" || v.Progress != "" || v.Problems != "" || v.NextSteps != ""
}

// VersionEvent records a change of a return's standing, by whom and why.
type VersionEvent struct {
	ReturnID int64
	Agency   string
	Period   Period
	Version  int
	Action   string // ingest, stale, withdraw, restore
	At       time.Time
	By       string
	Reason   string
}

// Version actions.
const (
	ActionIngest   = "ingest"
	ActionStale    = "stale"
	ActionWithdraw = "withdraw"
	ActionRestore  = "restore"
)

// Refusal is a file an agency sent for a period that was not taken (a tampered target, another
// agency's ledger, an unreadable file): the agency did report, and is told why and what to fix.
// Only files that can be attributed are kept (the ledger says whose it is, or it came through the
// agency's own link); the file itself is not archived.
type Refusal struct {
	Agency     string
	Period     Period
	File       string // the file name as received
	SHA256     string
	ReceivedAt time.Time
	Code       string // why, as the ingest refusal code (bad_signature, wrong_agency, …)
	Reason     string // in Chinese, what is wrong and what to do
	Source     string // the path or upload it came from
	By         string // who ingested it
}
