package ledger

// What the ledger workbook says to the agency that fills it, in Traditional script (rendered
// in the plan's or the user's script). Sheet names, column headers and the guide's row labels
// stay beside the layout they belong to.

// The lines above the header row: the title, and the agency line that AgencyLine reads back.
const (
	titleLine  = "%s %s(%s)"               // the plan's title, the sheet's, the period
	agencyLine = "%s:%s    %s:%s    %s:%s" // 填報單位, 報告期 and 報送截止, each label then its value
)

// Prompts of the cells to fill.
const (
	promptStatus      = "從下拉列表中選擇"
	promptStatusError = "請從下拉列表中選擇完成狀態"
	promptNumber      = "請填寫數字(不要帶單位)"
	promptNumberUnit  = "請填寫本年累計完成數(截至報告期末),只填數字,單位:%s;目標:%s"
	promptLevel       = "請填寫報告期末的現有總數(不是本年新增數),只填數字,單位:%s;目標:%s"
	promptRate        = "請填寫比率,單位:%s(44.1%%填44.1,填44.1%%或0.441也可);目標:%s"
	promptGrowth      = "請填寫比上年同期(或基期)的增幅,單位:%s(增長4.7%%填4.7);目標:%s"
	promptDecrease    = "請填寫比基期的下降幅度,單位:%s(下降8%%填8);目標:%s"
	promptRank        = "請填寫名次,單位:%s(第7名填7);目標:%s"
	noIndicator       = "(本任務無量化指標,填寫總體進展)"
)

// The 填報說明 sheet: what to fill, how, and what not to touch.
const (
	guideNoContact = "請與協調辦公室聯繫"
	guideUnit      = "%s:%s" // a unit: the rows measured in it
	guidePrevious  = "“上期值”是貴單位上一報告期報送的累計完成值,僅供參考,不可修改。"
	guideWhat      = "只填“工作臺賬”表中黃色的單元格:累計完成值、完成狀態、進展情況、存在問題、下步打算,以及表格下方的填報人、聯繫電話、審核人、填報日期。"
	guideValue     = "按每行的提示填寫,只填數字,不要帶單位;單位見“計量單位”列。累計類指標填本年截至報告期末的累計數;總量類指標填報告期末的現有總數;比率和增幅填百分數的數值(如57.5%填57.5,填57.5%也可);名次填數字(第7名填7)。沒有數值的任務可不填,在進展情況中說明。"
	guideStatus    = "從下拉列表中選擇:已完成、序時推進、滯後、未啟動。"
	guideProgress  = "寫明主要工作、量化成效和時間節點;存在問題、下步打算如實填寫。"
	guideDont      = "不要刪除或插入行、不要修改灰色單元格、不要重命名或刪除工作表。表格中的指標由任務目錄生成並帶有校驗,改動後將無法導入。"
	guideSend      = "保存為.xlsx格式(Excel、WPS均可),文件名保持不變,按時報送。"
)

// msgChangedCell says which locked cell of a return was changed (ChangedLockedCell).
const msgChangedCell = "單元格%s(%s)被改為“%s”,原為“%s”"
