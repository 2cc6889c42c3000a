package demo

// The steps' headings (numbered as they are emitted), in Traditional: the command converts them to
// the user's script as it prints them.
const (
	stepInit      = "導入內置計劃:taizhang init"
	stepCatalog   = "導出任務目錄供審核,並原樣導入(目錄版本應不變):taizhang catalog export / import"
	stepIssue     = "下發%s臺賬:taizhang templates --period %s"
	stepFill      = "各單位填報%s臺賬(模擬,種子%d)"
	stepOnTime    = "截止前導入按時報回的%d份:taizhang ingest"
	stepLate      = "截止後導入逾期報回的%d份"
	stepStatus    = "報送情況:taizhang status --period %s"
	stepReconcile = "核對:taizhang reconcile --period %s"
	stepReport    = "生成匯總工作簿:taizhang report --period %s"
	stepFeedback  = "把有問題的報表退回各單位修改:taizhang feedback --period %s"
	stepExtend    = "批准%s延期報送:taizhang deadline --period %s --agency %s --until %s --reason …"
	stepRemind    = "催報清單:taizhang remind --period %s"
)

// What the demo's coordinator types, converted to the plan's script.
const (
	contact = "省發展改革委 協調辦公室 0531-86000000"
	reason  = "單位來函說明數據需經分管領導審核,申請延期"
)

// The files and folders the demo writes beside the database, named in Traditional (and written
// in the plan's script).
const (
	dirLedgers  = "臺賬模板"
	dirReturns  = "模擬報送"
	dirFeedback = "退回意見"
	fileCatalog = "任務目錄.xlsx"
	fileReport  = "匯總_"   // + period + .xlsx
	fileChase   = "催報清單_" // + period + .xlsx
)

// written are what an earlier demo left in its folder, to clear before a new run.
var written = []string{dirLedgers, dirReturns, dirFeedback, fileCatalog, fileReport + "*.xlsx", fileChase + "*.xlsx"}
