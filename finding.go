package taizhang

// Finding is something the coordinator or an agency should act on (Contract 4): a stable code,
// a severity, where it is, and a message in Chinese that says what to do.
type Finding struct {
	Code      Code     `json:"code"`
	Severity  Severity `json:"severity"`
	Agency    string   `json:"agency"`
	Task      int      `json:"task,omitempty"`
	Indicator string   `json:"indicator,omitempty"`
	File      string   `json:"file,omitempty"`
	Sheet     string   `json:"sheet,omitempty"`
	Cell      string   `json:"cell,omitempty"`
	Message   string   `json:"message"`
	// CoLeads are the lead agencies of a conflict (code conflict), in the plan's order: the
	// finding's agency is one of them, and all must agree on one figure.
	CoLeads []string `json:"co_leads,omitempty"`
}

// Code is a finding's stable code (Contract 4). Every code has its label, severity and place in
// Codes in the one table below; a test fails on a code any package emits that is not there.
type Code string

// Finding codes. Some come from reading a file at ingest, the rest from reconciling.
const (
	CodeMissingReturn     Code = "missing_return"     // past the deadline, nothing usable back
	CodeRefusedReturn     Code = "refused_return"     // nothing usable back, and the latest file sent was refused
	CodeEmptyReturn       Code = "empty_return"       // the current version has nothing filled in
	CodeBadSignature      Code = "bad_signature"      // an unsigned or tampered ledger taken with --allow-unsigned
	CodeConflict          Code = "conflict"           // co-leads report different figures
	CodeInvalidValue      Code = "invalid_value"      // a value that cannot be read as a number (or a status outside the list)
	CodeUnitMismatch      Code = "unit_mismatch"      // a value typed in another unit than the indicator's
	CodeExceeded          Code = "exceeded"           // a cap (<=) broken
	CodeRefusedCorrection Code = "refused_correction" // a usable version stands, and a later file (a correction) was refused
	CodeRegression        Code = "regression"         // a running total lower than last period's
	CodeOutlier           Code = "outlier"            // far beyond the trend
	CodeSelfAssessment    Code = "self_assessment_mismatch"
	CodeBehind            Code = "behind"
	CodeNotReported       Code = "not_reported" // a row left blank
	CodeMissingRow        Code = "missing_row"  // an unsigned return (--allow-unsigned) lacks a row of its ledger
	CodeOldCatalog        Code = "old_catalog"
	CodeUnknownRow        Code = "unknown_row"
)

// codeTable is every finding code in the order counts and lists show them (what must be corrected
// first, then what to check, then information), with its severity and its label in both scripts.
var codeTable = []struct {
	code     Code
	severity Severity
	label    word
}{
	{CodeMissingReturn, SevError, word{"未報送", "未报送"}},
	{CodeRefusedReturn, SevError, word{"報送被拒收", "报送被拒收"}},
	{CodeEmptyReturn, SevError, word{"空表", "空表"}},
	{CodeBadSignature, SevError, word{"校驗未通過", "校验未通过"}},
	{CodeConflict, SevError, word{"填報衝突", "填报冲突"}},
	{CodeInvalidValue, SevError, word{"數值無效", "数值无效"}},
	{CodeUnitMismatch, SevError, word{"單位不符", "单位不符"}},
	{CodeExceeded, SevError, word{"超出上限", "超出上限"}},
	{CodeRefusedCorrection, SevWarning, word{"更正被拒收", "更正被拒收"}},
	{CodeRegression, SevWarning, word{"累計值倒退", "累计值倒退"}},
	{CodeOutlier, SevWarning, word{"數值異常", "数值异常"}},
	{CodeSelfAssessment, SevWarning, word{"自評不符", "自评不符"}},
	{CodeBehind, SevWarning, word{"進度滯後", "进度滞后"}},
	{CodeNotReported, SevWarning, word{"未填寫", "未填写"}},
	{CodeMissingRow, SevWarning, word{"缺少指標行", "缺少指标行"}},
	{CodeOldCatalog, SevInfo, word{"舊版模板", "旧版模板"}},
	{CodeUnknownRow, SevInfo, word{"未知指標", "未知指标"}},
}

// Codes lists every finding code in the order counts and lists show them.
var Codes = func() []Code {
	out := make([]Code, len(codeTable))
	for i, c := range codeTable {
		out[i] = c.code
	}
	return out
}()

// Severity is the severity a finding of this code has, the same wherever it is found; warning
// for a code not in Codes.
func (c Code) Severity() Severity {
	for _, row := range codeTable {
		if row.code == c {
			return row.severity
		}
	}
	return SevWarning
}

// Label names the code for people, in script s (Traditional unless s is Simplified); the code
// itself when it is not in Codes, so that nothing prints blank.
func (c Code) Label(s Script) string {
	for _, row := range codeTable {
		if row.code == c {
			return row.label.in(s)
		}
	}
	return string(c)
}

// Severity says what a finding asks of its reader.
type Severity string

// Severities.
const (
	SevError   Severity = "error"   // the return must be corrected
	SevWarning Severity = "warning" // the coordinator should check
	SevInfo    Severity = "info"
)

// Severities lists the severities, the most pressing first.
var Severities = []Severity{SevError, SevWarning, SevInfo}

// Label says what a severity asks of the reader, in script s.
func (v Severity) Label(s Script) string {
	switch v {
	case SevError:
		return word{"需更正", "需更正"}.in(s)
	case SevWarning:
		return word{"需核實", "需核实"}.in(s)
	case SevInfo:
		return word{"提示", "提示"}.in(s)
	}
	return string(v)
}

// Rank is the severity's place in Severities (0 the most pressing), len(Severities) when unknown.
func (v Severity) Rank() int {
	for i, s := range Severities {
		if s == v {
			return i
		}
	}
	return len(Severities)
}

// word is a label in both scripts: the root imports no converter, so both forms are written out
// (a test checks the Simplified one is what OpenCC makes of the Traditional).
type word struct{ traditional, simplified string }

func (w word) in(s Script) string {
	if s == Simplified {
		return w.simplified
	}
	return w.traditional
}
