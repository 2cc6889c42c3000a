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
	Period     Period
	Agency     string
	Deadline   Date
	SetAt      time.Time
	By         string
	Reason     string
	ReasonKind ReasonKind // whose words Reason is: the program's (shown in the reader's script) or a person's (as typed)
}

// ReasonKind says whose words a deadline change's reason is. It is recorded with the reason, so
// that rewording what the program writes never changes how older records read.
type ReasonKind string

const (
	ReasonIssued ReasonKind = "issued" // the program's: the first ledger issued set the deadline
	// ReasonReissued is the program's too: older versions wrote a reason of their own when a
	// re-issue or feedback changed a deadline without one (now a person must give it).
	ReasonReissued ReasonKind = "reissued"
	ReasonPerson   ReasonKind = "person" // a person's, typed with the change
)

// Ours reports whether the reason is the program's own words rather than a person's.
func (k ReasonKind) Ours() bool { return k == ReasonIssued || k == ReasonReissued }

// Return is one version of an agency's returned ledger for a period.
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
	Channel     Channel   // how it came: given to ingest, or uploaded through the agency's link
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
	Code       RefusalReason // why (bad_signature, wrong_agency, …)
	Reason     string        // in Chinese, what is wrong and what to do
	Source     string        // the path or upload it came from
	Channel    Channel       // how it came: given to ingest, or uploaded through the agency's link
	By         string        // who ingested it (the agency itself for an upload)
}

// Channel is how a file came to be taken in.
type Channel string

const (
	ChannelFile Channel = "file" // given to ingest: an e-mail attachment, a folder, a USB stick
	ChannelLink Channel = "link" // uploaded through the agency's own link (網上報送)
)

// RefusalReason is why a file was refused, as a stable code (Contract 4 names where they exist).
type RefusalReason string

// Refusal reasons.
const (
	RefusedNotSpreadsheet RefusalReason = "not_a_spreadsheet" // by its name or bytes, not a workbook
	RefusedUnreadable     RefusalReason = "unreadable"        // could not be read at all (a damaged file, a folder, a device)
	RefusedEncrypted      RefusalReason = "encrypted"         // protected by a password
	RefusedTooLarge       RefusalReason = "resource_limit"    // over a size, memory or time limit
	RefusedNotLedger      RefusalReason = "not_a_ledger"      // a workbook, but not a ledger of ours
	RefusedNoMeta         RefusalReason = "no_meta"           // the hidden sheet that identifies the ledger is gone
	RefusedBadSignature   RefusalReason = "bad_signature"     // a protected cell was changed
	RefusedWrongPlan      RefusalReason = "wrong_plan"        // a ledger of another plan
	RefusedWrongAgency    RefusalReason = "wrong_agency"      // another agency's ledger, or rows it is not responsible for
	RefusedWrongPeriod    RefusalReason = "wrong_period"      // another period's ledger
	RefusedConversion     RefusalReason = "conversion_failed" // LibreOffice could not convert an .xls, .et or .ods
	RefusedMalformed      RefusalReason = "malformed_xml"     // not well-formed, a forbidden character, a DTD: Excel would not open it
)

// refusalTable is every refusal reason in the order lists show them, with its label in both
// scripts.
var refusalTable = []struct {
	reason RefusalReason
	label  word
}{
	{RefusedNotSpreadsheet, word{"不是表格文件", "不是表格文件"}},
	{RefusedUnreadable, word{"無法讀取", "无法读取"}},
	{RefusedEncrypted, word{"設置了密碼", "设置了密码"}},
	{RefusedTooLarge, word{"文件過大", "文件过大"}},
	{RefusedMalformed, word{"文件已損壞", "文件已损坏"}},
	{RefusedConversion, word{"格式轉換失敗", "格式转换失败"}},
	{RefusedNotLedger, word{"不是臺賬", "不是台账"}},
	{RefusedNoMeta, word{"缺少校驗信息", "缺少校验信息"}},
	{RefusedBadSignature, word{"校驗未通過", "校验未通过"}},
	{RefusedWrongPlan, word{"其他計劃的臺賬", "其他计划的台账"}},
	{RefusedWrongAgency, word{"其他單位的臺賬", "其他单位的台账"}},
	{RefusedWrongPeriod, word{"報告期不符", "报告期不符"}},
}

// RefusalReasons lists every refusal reason, from the file's form to its content.
var RefusalReasons = func() []RefusalReason {
	out := make([]RefusalReason, len(refusalTable))
	for i, r := range refusalTable {
		out[i] = r.reason
	}
	return out
}()

// Label names the reason for people, in script s; the code itself when it is not in
// RefusalReasons, so that nothing prints blank.
func (r RefusalReason) Label(s Script) string {
	for _, row := range refusalTable {
		if row.reason == r {
			return row.label.in(s)
		}
	}
	return string(r)
}
