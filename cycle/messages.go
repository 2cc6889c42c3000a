package cycle

// Messages for people, in Traditional script (the command line and the web pages render them in
// the user's script). Each says what is wrong and what to do.
const (
	msgNoPlan         = "數據庫 %s 中還沒有計劃。請先運行 taizhang init"
	msgBadTimeZone    = "計劃的時區“%s”無法識別(%v)"
	msgBadClock       = "環境變量 TAIZHANG_NOW 的值 %q 格式不對,應為 2023-07-16 或 2023-07-16T09:30:00+08:00"
	msgNoDatabase     = "找不到數據庫 %s。請檢查 --db 路徑或環境變量 TAIZHANG_DB;新建數據庫請先運行 taizhang init"
	msgDBIsDir        = "%s 是一個目錄,不是數據庫文件。請用 --db 指定數據庫文件,如 %[1]s/taizhang.db"
	msgDBPermission   = "沒有權限讀寫數據庫 %s(%v)。請檢查文件和所在目錄的權限"
	msgDBLocked       = "數據庫 %s 正被其他程序佔用(%v)。請等其他 taizhang 命令結束後重試"
	msgDiskFull       = "磁盤已滿,無法寫入數據庫 %s(%v)。請清理磁盤空間後重試,已寫入的內容不受影響"
	msgNotADatabase   = "%s 不是 taizhang 的數據庫文件或已損壞(%v)。請檢查 --db 路徑"
	msgCannotOpen     = "無法打開數據庫 %s(%v)。請檢查路徑和權限"
	msgDBError        = "數據庫 %s 出錯:%v"
	msgFileMissing    = "找不到文件 %s。請檢查路徑"
	msgFilePermission = "沒有權限讀寫 %s。請檢查文件和所在目錄的權限"
	msgFileDiskFull   = "磁盤已滿,無法寫入 %s。請清理磁盤空間後重試"
	msgFileIsDir      = "%s 是一個目錄,不是文件。請指定文件名"
	msgFileError      = "無法讀寫 %s:%v"
	msgFileReadOnly   = "無法寫入 %s:所在的磁盤是只讀的。請換一個位置"

	msgOutNotDir        = "輸出目錄 %s 是一個文件,不是目錄。請換一個目錄名(不存在時會自動創建)"
	msgMkdirFileInPath  = "無法創建目錄 %s:路徑中的 %s 是一個文件,不是目錄。請換一個目錄"
	msgMkdirPermission  = "沒有權限創建目錄 %s。請檢查上級目錄的權限,或換一個目錄"
	msgMkdirReadOnly    = "無法創建目錄 %s:所在的磁盤是只讀的。請換一個目錄"
	msgMkdirNotAllowed  = "無法創建目錄 %s:這個位置不允許創建目錄。請換一個目錄,如當前目錄下的新目錄"
	msgMkdirFailed      = "無法創建目錄 %s(%v)。請換一個目錄"
	msgCreateNotAllowed = "無法創建文件 %s:這個位置不允許創建文件。請換一個目錄"
	msgDirTakesNoFiles  = "目錄 %s 不允許創建文件。請換一個目錄"

	msgInterrupted = "已中斷(收到 Ctrl-C 或停止信號),命令沒有完成"
)

// What an agency owes, in the chase list.
const (
	owedReturn = "未報送臺賬"
	owedEmpty  = "報回的是空表,需填寫後重報"
	// the day it came, and why it was refused (which says what to fix)
	owedRefused = "%s報回的文件被拒收(%s),需重新報送"
	owedRows    = "%d行未填寫"
	owedValues  = "%d個數值需更正"
	owedOther   = "%s,需核實更正"
)

const msgNothingSent = "%s還沒有下發過臺賬,也沒有收到報送。請先運行 taizhang templates --period %s 下發臺賬"

const (
	msgDeadlineBeforeEnd = "報送截止日期 %s 早於%s的最後一天(%s),單位還沒法填報全期數據。請檢查日期;確需如此請加 --force"
	msgNoSuchAgency      = "計劃中沒有單位“%s”。可用的單位見 taizhang catalog export 導出的“單位”表"
	msgNoLedgerFor       = "“%s”不牽頭也不參與任何任務(或是單位集合),沒有臺賬"
	msgPeriodYear        = "報告期 %s 不在計劃年度(%d年)內。請使用 %d 年的報告期;新一年的計劃請用 taizhang init --plan 導入"
	msgNoKey             = "數據庫 %s 中沒有簽名密鑰,無法生成或校驗臺賬。請運行 taizhang init --force 重新初始化"
	msgLedgerFailed      = "生成 %s 的臺賬:%w"
	msgIssueInterrupted  = "已中斷:已生成並記錄%d份臺賬,%d份未生成。再次運行同一命令即可生成全部臺賬(已生成的也仍然有效)"
	reasonIssued         = "下發臺賬"
	msgReissueReason     = "重新下發會把%d個單位已定的截止日期改為 %s。改動截止日期須用 --reason 寫明原因(記入歷史);不改截止日期請去掉 --deadline"
	msgReissueEarlier    = "這會把 %s 的截止日期提前到 %s。確需提前請加 --force(並用 --reason 寫明原因)"
	msgAgencyDeadline    = "%s(現為 %s)"
)

const (
	msgReceivedFuture    = "報回時間 %s 在將來。請檢查 --received 的日期"
	msgNothingToIngest   = "沒有找到要導入的文件:給出的路徑中沒有文件,或都是臨時、隱藏文件(見上)。請檢查路徑"
	msgNoSuchPaths       = "找不到 %s,沒有導入任何文件。請檢查路徑"
	msgIngestInterrupted = "已中斷:已導入%d個文件,%d個文件未處理(不是拒收)。再次運行同一命令即可繼續,已導入的文件會按“重複”跳過"
)

const (
	msgReasonNeeded     = "請用 --reason 寫明原因(記入歷史,供日後查閱)"
	msgNotSentTo        = "%s還沒有向%s下發臺賬,沒有可延長的截止日期。請先運行 taizhang templates --period %s"
	msgSameDeadline     = "%s的報送截止日期已是 %s,無需修改"
	msgDeadlineEarlier  = "這會把%s的報送截止日期從 %s 提前到 %s(提前%d天)。確需提前請加 --force"
	msgVersionNeeded    = "請用 --version 指定要恢復的版本號(各版本見 taizhang status --period %s --agency %s)"
	msgNoCurrent        = "%s在%s沒有現行版本可撤回"
	msgNoSuchVersion    = "%s在%s沒有第%d版。各版本見 taizhang status --period %s --agency %[1]s"
	msgAlreadyWithdrawn = "第%d版已經撤回過了"
	msgAlreadyCurrent   = "第%d版已是現行版本"
)

const (
	msgMarkFailed = "無法標注退回意見:%v"
	// Why an agency gets a blank ledger back, then (msgWhen…) by when to report.
	msgNotReturnedBlank = "貴單位尚未報送%s工作臺賬。請在本表“工作臺賬”中填寫黃色單元格,"
	msgEmptyBlank       = "貴單位報回的臺賬(第%d版)沒有填寫任何內容。請在本表“工作臺賬”中填寫黃色單元格,"
	msgRefusedBlank     = "貴單位%s報回的“%s”未被接收:%s。請在本表“工作臺賬”中重新填寫黃色單元格(不要改動其他單元格),"
	msgWhenDue          = "於%s前%s報送。"              // the deadline, then 重新 or nothing
	msgWhenOverdue      = "儘快%s報送(報送截止日期%s已過%d天)。" // 重新 or nothing, the deadline, days past
	again               = "重新"
	msgConflictHint     = "。請與共同牽頭單位核實後統一填報"
	msgNoArchive        = "找不到 %s 的歸檔原件(%v)。請確認數據庫旁的 archive 目錄完整"
	msgConvertBack      = "原件是.%s格式,需要LibreOffice轉換:%v"
	msgFeedbackEarlier  = "退回意見只能延長截止日期:%s的截止日期是 %s,晚於 %s。要提前,請用 taizhang deadline --period %s --agency 單位 --until 日期 --reason 原因 --force"

	msgFeedbackInterrupted = "已中斷:已生成%d份退回意見,其餘未生成。再次運行同一命令即可全部生成"
)

const (
	msgBadZone    = "時區“%s”無法識別。請用“洲/城市”形式的英文時區名,如 Asia/Shanghai(北京時間)或 Asia/Urumqi"
	msgPlanExists = "數據庫 %s 已有計劃《%s》(%d項任務、%d個指標,目錄版本 %s,導入於 %s)。重新初始化將替換這份目錄;確認替換請加 --force"
	msgNotAPlan   = "%s 不像一份工作計劃:只識別出%d項任務、%d個責任單位(至少應有%d項任務和1個責任單位)。請檢查是否選錯了文件;確是這樣的小計劃,請加 --allow-small"
	msgNoTargets  = "%s 不像一份工作計劃:識別出%d項任務、%d個責任單位,但沒有一個指標(如“達到25家以上”)。請檢查是否選錯了文件;確實沒有量化指標的計劃,請加 --allow-small"
	msgWeakPlan   = "%s 不像一份工作計劃:雖有%d處編號,但讀出責任單位的任務只佔全文的%d%%(工作計劃的正文主要是任務)。請檢查是否選錯了文件;確是計劃,請加 --allow-small"
	msgStopped    = "%s 只讀出了一部分:讀出%d項任務,但第一項任務之後有%d行沒有讀成任何任務,計劃可能從這裡起沒有讀出來:\n%s\n" +
		"請對照計劃原文核對這些行;如確認只需要已讀出的任務,請加 --allow-small"
)

// catalog import of another plan's catalog workbook.
const msgOtherPlanCatalog = "%s 是另一份計劃《%s》%s的任務目錄,數據庫中的計劃是《%s》%s;沒有導入任何修改。" +
	"請先導出這份計劃的目錄(taizhang catalog export 文件名.xlsx),在其中修改後再導入;要換用那份計劃,請用 taizhang init --force --plan 計劃文件"

// A file given as a plan that is one of taizhang's own workbooks: what it is, and what to use.
const (
	ownPlanHint    = "。計劃請用發文的原文件(%s),或不加 --plan 使用內置計劃"
	msgOwnFeedback = "%s 是taizhang生成的退回意見(發回單位修改的臺賬),不是計劃。單位改好後報回的文件請用 taizhang ingest 導入" + ownPlanHint
	msgOwnLedger   = "%s 是taizhang生成的臺賬(分單位填報的工作簿),不是計劃。填好報回的臺賬請用 taizhang ingest 導入" + ownPlanHint
	msgOwnCatalog  = "%s 是taizhang導出的任務目錄工作簿,不是計劃。要導入在其中做的修改,請運行 taizhang catalog import %s" + ownPlanHint
	msgOwnReport   = "%s 是taizhang生成的匯總報告,不是計劃" + ownPlanHint
	msgOwnChase    = "%s 是taizhang生成的催報清單,不是計劃" + ownPlanHint
)

const (
	msgBadOutExt      = "輸出文件 %s 須以 .xlsx(工作簿)或 .pdf(用LibreOffice轉成PDF)結尾"
	msgBadPaper       = "紙張“%s”無法識別:只能是 A4 或 A3"
	msgNoPDF          = "生成PDF需要LibreOffice,本機沒有安裝。請安裝(Debian/Ubuntu: sudo apt-get install libreoffice-calc-nogui;Windows/macOS: 從 libreoffice.org 安裝)後重試,或輸出 .xlsx 後用Excel、WPS打印為PDF"
	msgPDFFailed      = "LibreOffice未能把工作簿轉成PDF(%v)。請輸出 .xlsx 後用Excel、WPS打印為PDF"
	msgPDFTimeout     = "LibreOffice轉換PDF超過%.0f秒仍未完成,已停止。請稍後重試,或輸出 .xlsx 後用Excel、WPS打印為PDF"
	msgPDFInterrupted = "已中斷:正在轉換PDF時收到 Ctrl-C,沒有生成 %s"
)

// Uploads through an agency's link (issue 14).
const (
	msgUploadNotLedger      = "上傳的不是Excel工作簿。請上傳填好的.xlsx臺賬"
	msgUploadDuplicateOther = "這份文件(內容完全相同)此前已經收到過,沒有重複保存"
	uploadDefaultName       = "上傳的文件"
	auditAccepted           = "%s:接收為第%d版,%d處問題"
	auditRefused            = "%s:拒收,%s"
	auditDuplicate          = "%s:與第%d版相同,未重複保存"
	auditStale              = "%s:第%d版,比現行版本舊,存檔未採用"
	auditByLink             = "網上報送:%s" // who, in the audit trail, did what an agency did through its link
	uploadOrigin            = "網上報送/"   // where an upload came from, recorded with it before its name
)
