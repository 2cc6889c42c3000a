package main

// What the command line says to people, in Traditional script on purpose: the writers convert
// every line to the user's script (scriptWriter), so nothing here is converted.
//
// The rule: every sentence a command prints or returns as an error is here, one constant each
// (format strings for fmt), grouped by command. A command's declaration stays beside the command,
// as in cli/cli: its cobra Use, Short and Long, the words saying what arguments it takes
// (exactArgs) and its flags' usage strings document the command and are read with its flags.
// Also left where they are: cobra's help templates (help.go), which are layout as much as words,
// and the header cells of a table, each beside the width its rows share.

// Every command: the error line, usage errors several commands share, and the exit statuses
// --help lists.
const (
	msgErrorPrefix    = "錯誤:"
	msgInterrupted    = "已中斷(收到 Ctrl-C 或停止信號),命令沒有完成"
	msgArgs           = "%s 需要%s"
	msgUnknownCommand = "沒有“%s”這個命令。可用的命令見 %s --help"
	msgDidYouMean     = "沒有“%s”這個命令,是不是 %s?可用的命令見 %s --help"
	msgNoArgs         = "%s 不接受“%s”這樣的參數:要給出的內容都寫在選項後面(見 %s --help)"
	msgNoArgsPeriod   = "%s 不接受“%s”這樣的參數:要給出的內容都寫在選項後面,如 --period 2023-Q2(見 %s --help)"
	msgNeedPeriod     = "請用 --period 指定報告期,如 2023-Q2"
	msgNeedOutDir     = "請用 --out 指定輸出目錄"
	msgNeedOutFile    = "請用 --out 指定輸出的 .xlsx 文件"
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

// The flag listing of --help: a flag's default, and what its value is called when its usage
// string names none.
const (
	msgHelpDefault = "(默認 %s)"
	helpPeriod     = "報告期"
	helpDate       = "日期"
	helpNumber     = "數字"
	helpDecimal    = "小數"
	helpNames      = "名稱"
	helpText       = "文本"
)

// A flag the command line cannot take.
const (
	msgNoSuchFlag     = "%s 沒有 %s 這個選項。可用的選項見 %s --help"
	msgFlagNeedsValue = "選項 %s 後面需要給出值"
	msgFlagBadValue   = "選項 %s 的值“%s”不對%s"
	msgFlagBadInput   = "選項 %s 的值“%s”%s"
	msgFlagSyntax     = "選項寫法不對:%s"
)

// taizhang init, and the plan's summary the demo prints too.
const (
	msgInitDatabase   = "數據庫:%s\n"
	msgInitPartial    = "以下%d處只讀出了一部分,請導出任務目錄(taizhang catalog export)核對修改:\n"
	msgPlanTitle      = "計劃:《%s》%s\n"
	msgPlanCounts     = "%d個部分、%d項任務、%d個責任單位(%s%d、%s%d、%s%d)、%d個指標\n"
	msgPlanComparison = "指標按比較方式:%s\n"
	msgBadPrint       = "--print 只能是 summary(簡報、總體情況和分單位情況)或 all(全部工作表),不是“%s”"
	msgPlanKinds      = "指標按類型:%s\n"
	msgPlanUndecided  = "%d個指標的類型計劃文字未能確定,暫按括號中的類型判定,請導出任務目錄在“指標類型”列中選擇(taizhang catalog export 目錄.xlsx):%s\n"
	msgPlanCatalog    = "目錄版本:%s\n"
	msgInitCoverage   = "讀出%d項任務:%d行讀作任務,%d行未能讀懂(另有%d行為標題、前言和結尾)\n"
	msgInitMerges     = "以下%d個名稱按同一單位處理(如不是同一單位,請導出任務目錄在“單位”表刪去這個別名):\n"
	msgInitGroups     = "以下%d個是一類單位的統稱,不單獨發臺賬(如是一個單位,請導出任務目錄在“單位”表把類型改為“%s”):\n"
	msgInitKept       = "同一份計劃重新導入:已下發的%d份臺賬、收到的%d份報送(%s)照常有效\n"
	msgInitLeft       = "原計劃《%s》已下發的%d份臺賬、收到的%d份報送(%s)保留在數據庫中作為歷史,不再計入報送情況、核對、匯總和催報;" +
		"再用 init --force 導入原計劃即恢復\n"
)

// taizhang catalog export and import.
const (
	msgCatalogExported  = "已導出任務目錄:%s(%d項任務、%d個指標、%d個單位,目錄版本 %s)\n"
	msgCatalogRefused   = "目錄未導入:%s 中有%d處問題(見上),請逐一修改後重新導入;數據庫沒有任何改動"
	msgImportIsDir      = "%s 是一個目錄,不是文件。請給出用 taizhang catalog export 導出並修改過的 .xlsx 文件,如 %[1]s/目錄.xlsx"
	msgImportNotFile    = "%s 不是普通文件(是設備或管道)。請給出用 taizhang catalog export 導出並修改過的 .xlsx 文件"
	msgCatalogUnchanged = "沒有修改,目錄版本不變(%s)\n"
	msgCatalogImported  = "已導入目錄修改:修改%d個指標、新增%d個、刪除%d個;目錄版本 %s → %s\n"
	msgCatalogRetarget  = "  指標%s的目標改為“%s”:計劃原文“%s”說的是原來的目標,已不作為目標顯示;臺賬、匯總和填報提示改為顯示新的目標\n"
)

// taizhang config: the settings, and the scripts by name.
const (
	msgConfig      = "數據庫:%s\n計劃:《%s》(目錄版本 %s)\n文字:%s(%s)\n時區:%s\n"
	msgSimplified  = "簡體"
	msgTraditional = "繁體"
)

// taizhang templates: each ledger written, groups skipped, the sum.
const (
	msgLedgerFile        = "  %s(%d行%s)\n"
	msgLedgerNewDeadline = ",截止日期改為%s"
	msgLedgerGroup       = "  跳過“%s”:這是單位集合,不是單個單位,不生成臺賬;請由牽頭單位匯總其成員單位的情況\n"
	msgLedgerDeadlines   = " %s(%d份)"
	msgLedgersWritten    = "已生成%s臺賬%d份、共%d行,在 %s;報送截止 %s,目錄版本 %s\n"
)

// taizhang ingest.
const (
	msgNeedPaths        = "請給出要導入的文件或目錄"
	msgIngestRefused    = "%d個文件被拒收(原因見上);已導入%d個"
	msgIngestNoneStored = "%d個文件被拒收(原因見上),沒有導入新的文件"
	msgIngestProgress   = "導入臺賬"
)

// taizhang status: the title, a version as the table shows it, the totals and the note on
// extended deadlines.
const (
	msgStatusTitle       = "%s 報送情況(截至%s)\n"
	msgStatusVersion     = "第%d版"
	msgStatusVersions    = "(共%d版)"
	msgStatusEmpty       = "空表"
	msgStatusTotals      = "合計:"
	msgStatusExtended    = "* 截止日期已調整(延長或提前),以最後一次為準;誰、何時、為何調整見 taizhang history --period %s\n"
	msgStatusRefusedMark = "被拒收,見下"
	msgStatusRefused     = "! %s:%s報回的“%s”被拒收:%s\n" // agency, when, file, why
)

// taizhang history, and an agency's versions (history and status --agency).
const (
	msgHistoryTitle     = "%s%s的記錄(截至%s)\n"
	msgHistoryTotal     = "共%d條\n"
	msgHistoryReason    = ";原因:%s"
	msgHistoryIssued    = "%s,截止 %s"
	msgHistoryDeadline  = "%s → %s,%s"
	msgHistoryLater     = "延長%d天"
	msgHistoryEarlier   = "提前%d天"
	msgHistoryReceived  = "%s(報回 %s)"
	historyIssued       = "下發臺賬"
	historyExtended     = "延長截止日期"
	historyShortened    = "提前截止日期"
	historyReceived     = "收到第%d版"
	historyStale        = "收到第%d版(舊版)"
	historyRefused      = "拒收"
	historyWithdrawn    = "撤回第%d版"
	historyRestored     = "恢復第%d版"
	historyLinkCreated  = "生成鏈接"
	historyLinkRevoked  = "作廢鏈接"
	historyUpload       = "網上報送"
	msgVersionsTitle    = "%s %s:%s\n"
	msgVersionsDeadline = "截止 %s"
	msgVersionsChanged  = "(已調整)"
	msgVersionsNone     = "還沒有收到任何版本"
	versionCurrent      = "現行"
	versionWithdrawn    = "已撤回"
	versionNotUsed      = "未採用"
	msgNoStateFor       = "%s不牽頭也不參與任何任務,%s沒有它的臺賬或報送"
	msgVersionsHistory  = "每一步的時間、操作人和原因:taizhang history --period %s --agency %s\n"
	msgVersionsHowTo    = "撤回一版:taizhang withdraw --period %s --agency %s --version 版本號 --reason 原因\n改用一版:taizhang restore --period %s --agency %s --version 版本號 --reason 原因\n"
)

// taizhang reconcile and report.
const (
	msgReconcileTitle    = "%s 核對結果(時間進度截至%s)\n"
	msgReconcileStatuses = "指標狀態(按牽頭單位計):"
	msgReconcileReturned = "報送:%d個單位已報送,共下發%d個單位\n"
	msgReconcileFindings = "問題 %d 個(需更正 %d,需核實 %d,提示 %d)"
	msgReportWritten     = "已生成%s匯總工作簿:%s(%d個指標狀態、%d個問題,%d/%d個單位已報送)\n"
	msgReportPDFWritten  = "已生成%s匯總報告(PDF):%s(%d個指標狀態、%d個問題,%d/%d個單位已報送)\n"
)

// taizhang feedback and remind.
const (
	msgFeedbackFile    = "  %s(%d處問題)\n"
	msgFeedbackSkipped = "  無法生成 %s 的退回意見:%s\n"
	msgFeedbackWritten = "已生成%d份退回意見(其中%d份是發給未報送單位的空白臺賬),在 %s;%d個單位沒有問題,未生成\n"
	msgFeedbackFailed  = "%d個單位的退回意見無法生成(原因見上),其餘已生成;處理後再運行一次即可"
	msgChaseTitle      = "%s催報清單(%s,共%d個單位)\n"
	msgChaseSaved      = "已另存為 %s\n"
)

// taizhang deadline, withdraw and restore.
const (
	msgNeedUntil         = "請用 --until 指定新的截止日期,如 2023-07-20"
	msgDeadlineExtended  = "%s %s的報送截止日期:%s → %s,延長%d天(原因:%s)\n"
	msgDeadlineShortened = "%s %s的報送截止日期:%s → %s,提前%d天(原因:%s)\n"
	msgBadVersion        = "--version 應為正整數"
	msgWithdrawn         = "%s %s 已撤回第%d版(%s);%s\n"
	msgRestored          = "%s %s 已恢復第%d版(%s);%s\n"
	msgCurrentVersion    = "現行版本:第%d版(%s)"
	msgNoCurrentVersion  = "現在沒有現行版本(視為未報送)"
)

// taizhang demo: what the command prints besides each step's heading (package demo has those).
const (
	msgDemoNoOffice = "  (本機沒有LibreOffice:跳過“以.xls報送”的情形,其餘照常)"
	msgDemoExtended = "%s的報送截止日期:%s → %s\n"
	msgDemoPeriod   = "演示要模擬兩期:%s 和它的上一期 %s(用於對比),兩期都須在內置計劃的年度(%d年)內。請換一個報告期,如 %d-Q2、%d-H2 或 %d-07"
	msgDemoDone     = "\n完成。\n  匯總工作簿:%s\n  退回意見:%s\n  任務目錄:%s\n  分單位臺賬:%s\n  模擬報送:%s\n"
)

// taizhang serve (issue 14).
const (
	msgServeTLSPair      = "--tls-cert 和 --tls-key 要一起給出"
	msgServeMaxUpload    = "--max-upload 應為正數(MB)"
	msgServeNoBaseURL    = "注意:--addr %s 監聽本機所有地址,無法知道各單位用哪個網址訪問本機,這次沒有保存網址。生成鏈接前請用 taizhang links --base-url https://… 指定,或重啟服務時加 --base-url\n"
	msgServeStarted      = "網上報送服務已啟動:%s(監聽 %s)\n各單位的鏈接:taizhang links --period 報告期;協調辦賬戶:taizhang user add 名稱\n"
	msgServeStartedNoURL = "網上報送服務已啟動,監聽 %s\n各單位的鏈接:taizhang links --period 報告期 --base-url 網址;協調辦賬戶:taizhang user add 名稱\n"
	msgServeStopping     = "正在停止:等待正在上傳的文件處理完……"
	msgServeStopped      = "已停止"
)

// taizhang links: a line per agency, then the sum and what to do with the links.
const (
	msgLinkRevoked        = "%s已作廢(生成於 %s)\n"
	msgLinkExists         = "%s已有鏈接(生成於 %s)\n"
	msgLinksRevoked       = "%s:作廢了%d個單位的鏈接。運行 taizhang links --period %s 可生成新的鏈接\n"
	msgLinksMade          = "%s:新生成%d個鏈接,%d個單位已有鏈接。"
	msgLinksShownOnce     = "鏈接只顯示這一次,請現在發給各單位"
	msgLinksNotShownAgain = "已有的鏈接無法再次顯示,丟失時請用 --revoke 作廢後重新生成"
	msgLinksLoopback      = "注意:這些鏈接指向本機(%s),其他單位的電腦打不開。請先作廢(taizhang links --period %s --revoke),再加 --base-url 給出各單位訪問本服務的網址重新生成,如 --base-url https://taizhang.example.gov.cn;用 taizhang serve --base-url 啟動服務後,鏈接會自動使用該網址\n"
)

// taizhang user add.
const (
	msgUserAdded        = "已添加賬戶“%s”。用它和剛才的密碼登錄 taizhang serve 的頁面\n"
	msgUserReset        = "已為賬戶“%s”設置新密碼,並解除了登錄鎖定。用新密碼登錄 taizhang serve 的頁面\n"
	msgPasswordPrompt   = "密碼:"
	msgPasswordAgain    = "再輸入一次:"
	msgPasswordMismatch = "兩次輸入的密碼不一樣"
	msgPasswordNeeded   = "請輸入密碼(從終端輸入,或如 echo 密碼 | taizhang user add 名稱)"
)

// taizhang audit.
const msgAuditTotal = "共%d條\n"

// The lines ingest prints (writeFiles, writeSummary), each with its line break.
const (
	lineAccepted         = "接收 %s:%s %s 第%d版%s\n" // the last %s: the notes below, run together
	noteReplaced         = ",替換第%d版"
	noteStale            = ",比現行版本(第%d版)舊,已存檔未採用"
	noteEmpty            = ",沒有填寫任何內容(空表)"
	noteFlagged          = ",%d個數值存疑"
	lineDuplicate        = "重複 %s:相同內容已導入過,跳過\n"
	lineDuplicateCurrent = "重複 %s:與 %s %s 第%d版(現行版本)內容相同,跳過\n"
	lineDuplicateOlder   = "重複 %s:與 %s %s 第%d版內容相同,跳過;那一版不是現行版本,要改用它:taizhang restore --period %s --agency %s --version %d --reason 原因\n"
	lineSkipped          = "跳過 %s:%s\n"
	lineRefused          = "拒收 %s:%s\n"
	lineSummary          = "\n接收 %d | 替換舊版 %d | 舊版存檔 %d | 重複 %d | 拒收 %d | 跳過 %d | 數值存疑 %d\n"
	linePeriod           = "  %s:接收 %d,替換舊版 %d,舊版存檔 %d,重複 %d\n"
	lineOrder            = "  版本順序:按報回時間(--received)或文件修改時間;報回時間相同的,按文件修改時間,再按文件名;比現行版本舊的文件存檔但不採用\n"
)
