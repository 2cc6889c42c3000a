package taizhang

// Finding is something the coordinator or an agency should act on (Contract 4): a stable code,
// a severity, where it is, and a message in Chinese that says what to do.
type Finding struct {
	Code      string `json:"code"`
	Severity  string `json:"severity"`
	Agency    string `json:"agency"`
	Task      int    `json:"task,omitempty"`
	Indicator string `json:"indicator,omitempty"`
	File      string `json:"file,omitempty"`
	Sheet     string `json:"sheet,omitempty"`
	Cell      string `json:"cell,omitempty"`
	Message   string `json:"message"`
}

// Finding codes. The first group comes from reading a file at ingest, the second from reconciling.
const (
	CodeInvalidValue   = "invalid_value"
	CodeUnitMismatch   = "unit_mismatch"
	CodeBadSignature   = "bad_signature"
	CodeOldCatalog     = "old_catalog"
	CodeUnknownRow     = "unknown_row"
	CodeEmptyReturn    = "empty_return"
	CodeMissingReturn  = "missing_return"
	CodeRefusedReturn  = "refused_return" // the latest file the agency sent was refused
	CodeNotReported    = "not_reported"
	CodeConflict       = "conflict"
	CodeRegression     = "regression"
	CodeOutlier        = "outlier"
	CodeSelfAssessment = "self_assessment_mismatch"
	CodeBehind         = "behind"
	CodeNotMet         = "not_met" // a level, rate, growth rate or rank short of its target, compared directly
	CodeExceeded       = "exceeded"
)

// Severities.
const (
	SevError   = "error"   // the return must be corrected
	SevWarning = "warning" // the coordinator should check
	SevInfo    = "info"
)

// Severity is the severity a finding of this code has.
func Severity(code string) string {
	switch code {
	case CodeInvalidValue, CodeUnitMismatch, CodeBadSignature, CodeEmptyReturn, CodeMissingReturn, CodeRefusedReturn, CodeConflict, CodeExceeded:
		return SevError
	case CodeOldCatalog, CodeUnknownRow:
		return SevInfo
	}
	return SevWarning
}
