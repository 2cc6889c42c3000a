package main

// What the command line says to people, in Traditional script (shown in the user's script).
const (
	msgErrorPrefix    = "錯誤:"
	msgRootShort      = "工作計劃臺賬:目錄、分單位臺賬、回收、核對、匯總"
	msgFlagDB         = "數據庫`文件`(也可用環境變量 TAIZHANG_DB 指定)"
	msgArgs           = "%s 需要%s"
	msgUnknownCommand = "沒有“%s”這個命令。可用的命令見 %s --help"
	msgNeedPeriod     = "請用 --period 指定報告期,如 2023-Q2"
	msgNeedOut        = "請用 --out 指定輸出%s"
	msgNeedAgency     = "請用 --agency 指定單位"
	msgBadScript      = "--script 只能是 simplified(簡體)或 traditional(繁體)"
	msgBadJobs        = "--jobs 不能為負數"
	msgBadTolerance   = "--tolerance 應在0和1之間,如0.05"
	msgBadExport      = "導出文件須以 .xlsx 或 .json 結尾:%s"
	msgBadPaper       = "--paper 只能是 A4 或 A3"
	exitHelp          = `
退出狀態
  0  成功
  1  出錯(錯誤信息說明原因和處理辦法)
  2  命令行用法有誤
  3  命令已完成,但有輸入文件被拒收(逐一列出原因)
`
)

const (
	msgNoSuchFlag     = "%s 沒有 %s 這個選項。可用的選項見 %s --help"
	msgFlagNeedsValue = "選項 %s 後面需要給出值"
	msgFlagBadValue   = "選項 %s 的值“%s”不對%s"
	msgFlagSyntax     = "選項寫法不對:%s"
)

// taizhang serve (issue 14).
const (
	msgServeTLSPair   = "--tls-cert 和 --tls-key 要一起給出"
	msgServeMaxUpload = "--max-upload 應為正數(MB)"
	msgServeBadBase   = "--base-url “%s” 不是網址,應如 https://taizhang.example.gov.cn"
	msgServeBadAddr   = "--addr “%s” 應為 地址:端口,如 127.0.0.1:8080"
	msgServeExposed   = "--addr %s 會讓其他電腦以不加密的 HTTP 訪問,密碼和各單位的鏈接會明文傳輸。請用 --tls-cert/--tls-key 提供 HTTPS,或在前面放一個 HTTPS 反向代理並加 --base-url https://…(見 README)"
	msgServeListen    = "無法在 %s 監聽(%v)。端口可能已被佔用,請用 --addr 換一個"
	msgServeFailed    = "網上報送服務出錯:%v"
)
