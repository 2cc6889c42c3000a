package report

import "taizhang/reconcile"

// What the consolidated workbook, the brief, the chase list and the feedback sheet say, in
// Traditional script (rendered in the plan's or the user's script). Sheet names, titles without
// a format and column headers stay beside the layout they belong to.

// StatusLabels are the statuses as people read them (Traditional).
var StatusLabels = map[string]string{reconcile.Met: "已完成", reconcile.OnSchedule: "序時推進", reconcile.Behind: "滯後", reconcile.Exceeded: "超出上限", reconcile.NotReported: "未報送",
	reconcile.Invalid: "數據有誤", reconcile.Conflict: "數據衝突"}

// RAGRule says how Judge decides, for the reader of the brief.
const RAGRule = "紅:有指標超出上限、數據有誤或衝突,或滯後的佔三成以上;黃:滯後的佔一成以上,或未報送的佔兩成以上;綠:其餘;灰:沒有報送數據。"

// Titles and lines shared by the sheets.
const (
	titleLine         = "%s %s(%s)" // the plan's title, the sheet's, the period
	sectionTitle      = "%s、%s"     // a part of the plan: its number in Chinese, its title
	msgDaysLate       = "逾期%d天"
	msgDaysLeft       = "還有%d天"
	msgDueToday       = "今天截止"
	chaseReported     = "已報送,待更正"
	chaseReportedLate = "逾期報送,待更正"
	msgVersion        = "第%d版"
	msgRefusedOn      = "%s報回被拒收" // the day: an agency that reported and was refused, in 首次報回
)

// The 說明 sheet: where the data came from and how statuses are judged.
const (
	msgWindow  = "%s 至 %s"
	msgSources = "向%d個單位下發臺賬,%d個單位已報送(以首次報回計),首次報回時間%s"
	msgMethod  = "時間進度=截至日在全年(或任務期限,如“6月底前”)中的比例;完成進度=累計完成值÷目標值。" +
		"達到目標為“已完成”;完成進度不低於時間進度(允許偏差%.0f%%)為“序時推進”,否則為“滯後”;“以內”類指標超過上限為“超出上限”;" +
		"共同牽頭單位填報不一致為“數據衝突”;無法識別的數值為“數據有誤”;定性任務採用單位自評。"
	msgColours = "綠:已完成、序時推進;黃:滯後;紅:超出上限、數據有誤、數據衝突;灰:未報送。各部分的評價:" + RAGRule
	msgSheets  = "領導簡報(一頁)、總體情況、重點任務匯總、分單位情況、與上期對比、問題清單、催報清單、說明"
)

// The 總體情況, 重點任務匯總 and 與上期對比 sheets.
const (
	msgOverviewNote = "進度截至%s。按指標和牽頭單位統計(共同牽頭的指標按每個牽頭單位各計一次)。"
	msgAllReturned  = "全部單位已報送"
	msgNotReturned  = "尚未報送的單位(%d個):" // followed by the agencies
	noIndicator     = "(無量化指標)"
	participantNote = "【參與·%s】%s" // a participating agency, what it wrote
	labelNextSteps  = "下步:"
	msgNoPrevious   = "沒有上一報告期的報送數據,無法對比"
	msgNoChange     = "與上期相比沒有變化"
	msgUnchanged    = "其餘%d個指標狀態與上期相同(數值見“重點任務匯總”)"
)

// The brief (領導簡報): its subtitle, its headings in order, and its sentences.
const (
	briefSubtitle    = "進度截至%s,按時間進度%.0f%%判定;生成於%s"
	headStatuses     = "一、指標完成情況(按指標和牽頭單位計,共%d個)"
	headReturns      = "二、報送情況"
	headSections     = "三、各部分推進情況"
	headBehind       = "四、進度最滯後的%d個指標"
	headRanking      = "五、單位排名(共%d個牽頭單位)"
	headRankingCut   = "五、單位排名(共%d個牽頭單位,列前5名和後5名)"
	headChange       = "六、與上期相比"
	briefRankLine    = "%d. %s" // the rank, the agency
	briefRankSkipped = "…… 第6至%d名從略(見“分單位情況”)"
	briefSent        = "應報送%d個單位,已報送%d個(按時%d個、逾期%d個)。"
	briefMissing     = "尚未報送%d個:%s。"
	briefRefused     = "(報回的文件被拒收)"
	briefAllReturned = "全部單位已報送。"
	briefNoBehind    = "沒有滯後的指標"
	briefNote        = "說明:評價 " + RAGRule + "排名按牽頭指標中“已完成”和“序時推進”所佔比例,未報送的指標計為未完成;比例相同時已完成多者在前。"
	briefNoPrevious  = "上一報告期沒有報送數據,本期不作對比。"
	briefComparison  = "與%s相比:已完成%d個→%d個,序時推進%d個→%d個,滯後%d個→%d個,未報送%d個→%d個;%d個指標狀態好轉,%d個變差(明細見“與上期對比”)。"
)

// The 退回意見 sheet and the comments on the cells to correct.
const (
	coordinator   = "協調辦公室" // who writes the comments, and the contact when none is given
	feedbackTitle = "%s %s臺賬退回修改意見"
	// by when (a clause: "於2023-07-10前報送。"), then the contact
	feedbackIntro      = "請按下列意見修改“工作臺賬”表中標出的單元格(紅色需更正,黃色需核實或說明;點“位置”可跳轉,單元格批註有說明),修改後保存原文件,%s聯繫人:%s"
	feedbackIntroBlank = "請按下列意見辦理,%s聯繫人:%s"
	feedbackWholeFile  = "整個文件"
)
