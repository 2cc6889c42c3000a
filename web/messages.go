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

// Starting the server: where it may listen, its certificate, and why it cannot.
const (
	msgServeBadBase     = "--base-url “%s” 不是網址,應如 https://taizhang.example.gov.cn"
	msgServeBadAddr     = "--addr “%s” 應為 地址:端口,如 127.0.0.1:8080"
	msgServeExposed     = "--addr %s 會讓其他電腦以不加密的 HTTP 訪問,密碼和各單位的鏈接會明文傳輸。請用 --tls-cert/--tls-key 提供 HTTPS,或在前面放一個 HTTPS 反向代理並加 --base-url https://…(見 docs/serve.md)"
	msgServeBadPort     = "--addr 中的端口“%s”不對(%s):端口應為1到65535之間的數字,如 127.0.0.1:8080"
	msgServeListen      = "無法在 %s 監聽(%v)。請用 --addr 換一個地址或端口"
	msgServeInUse       = "無法在 %s 監聽:端口已被佔用(可能另一個 taizhang serve 正在運行)。請用 --addr 換一個端口"
	msgServePrivileged  = "無法在 %s 監聽:1024以下的端口需要管理員權限。請用 --addr 換一個大於1024的端口,如 8443"
	msgServeNoSuchAddr  = "無法在 %s 監聽:本機沒有這個地址。請用 --addr 給出本機的地址,或 0.0.0.0 監聽所有地址"
	msgServeUnknownHost = "無法在 %s 監聽:找不到這個主機名。請用 --addr 給出本機的地址,如 127.0.0.1:8080"
	msgServeFailed      = "網上報送服務出錯:%v"
	msgServeNoAnswer    = "網上報送服務啟動後沒有應答(%v),已停止;沒有保存網址。請檢查證書和端口後重試"
	msgTLSMissing       = "找不到 HTTPS 證書或私鑰文件 %s。請檢查 --tls-cert 和 --tls-key 的路徑"
	msgTLSPermission    = "沒有權限讀取 HTTPS 證書或私鑰文件 %s。請檢查文件權限"
	msgTLSUnreadable    = "無法讀取 HTTPS 證書或私鑰文件 %s。請檢查路徑"
	msgTLSBad           = "HTTPS 證書 %s 和私鑰 %s 無法使用:不是PEM格式,或私鑰與證書不配對。請檢查這兩個文件"
)
