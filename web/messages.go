package web

// What the server says to people outside the page templates, in Traditional script (pages are
// shown in the plan's script).
const (
	msgNotFoundTitle   = "頁面不存在"
	msgNotFound        = "這個鏈接無效,或已被作廢。請使用協調辦最近發給貴單位的鏈接;如有疑問,請聯繫協調辦。"
	msgForbiddenTitle  = "請求被拒絕"
	msgForbidden       = "這個請求來自其他網站,為安全起見已被拒絕。請直接在本系統的頁面上操作。"
	msgTooLargeTitle   = "文件太大"
	msgTooLarge        = "上傳的文件超過%d MB的上限。臺賬通常不到1 MB:請確認選的是填好的臺賬,而不是其他文件;如果表中插入了圖片,請刪除圖片後重新保存再上傳。"
	msgNoFileTitle     = "沒有選擇文件"
	msgNoFile          = "請先選擇要上傳的臺賬文件(.xlsx),再點“上傳”。"
	msgErrorTitle      = "出錯了"
	msgError           = "處理請求時出錯,數據沒有受影響。請稍後重試;如一再出現,請聯繫協調辦。"
	msgBusyTitle       = "嘗試太頻繁"
	msgBusy            = "登錄嘗試太頻繁,請一分鐘後再試。"
	msgBadLogin        = "用戶名或密碼不對。"
	msgLocked          = "連續登錄失敗次數過多,賬戶已暫時鎖定%d分鐘。請稍後再試,或請管理員用 taizhang user add 名稱 --reset 重設密碼。"
	msgNoPeriodTitle   = "還沒有報告期"
	msgNoPeriod        = "還沒有下發過臺賬。請先在命令行運行 taizhang templates --period 報告期 下發臺賬。"
	msgStopping        = "服務正在停止,請稍後重試。"
	msgNoFeedbackTitle = "沒有需要修改的內容"
	msgNoFeedback      = "本單位現行版本沒有需要修改的問題,或還沒有報送,無需下載退回意見。"
	msgNoLedgerTitle   = "還沒有下發臺賬"
	msgNoLedger        = "協調辦還沒有向貴單位下發本期臺賬。請聯繫協調辦。"
)

const (
	msgLoginTitle    = "協調辦登錄"
	msgLoginNeeded   = "請先登錄。"
	msgNoSuchPeriod  = "沒有這個報告期,或還沒有下發過這一期的臺賬。"
	msgAuditTitle    = "操作記錄"
	auditRateLimited = "嘗試太頻繁,未校驗密碼"
	auditTooLarge    = "文件超過%d MB,拒收"
)

const (
	chanUpload      = "網上報送"
	chanCoordinator = "協調辦導入"
)
