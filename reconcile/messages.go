package reconcile

// What reconcile says to people, in Traditional script (shown in the user's script): the reason
// of each status and the message of each finding, each saying what to do.
const (
	msgOverdue         = "%s的臺賬已超過報送截止日期(%s)%d天仍未報回,請催報"
	msgOverdueExtended = "%s的臺賬已超過延長後的報送截止日期(%s)%d天仍未報回,請催報"
	// when, the file, why (which says what to fix); it follows a sentence about the agency
	msgRefused            = "%s報回的“%s”被拒收:%s"
	msgOverdueRefused     = "%s的臺賬已超過報送截止日期(%s)%d天仍沒有可用的版本,請催報。" // then msgRefused
	msgRefusedCorrection  = "%s最近報回的文件未被採用,現行版本仍是第%d版。"          // then msgRefused
	msgRefusedNothing     = "%s還沒有可用的臺賬,請按原因修改後重新報送。"            // then msgRefused
	msgEmptyReturn        = "%s報回的臺賬(第%d版)沒有填寫任何內容,不計為已報送;請在黃色單元格中填寫後重新報送"
	reasonNoReturn        = "臺賬未報回"
	reasonNoRow           = "臺賬中沒有這一行"
	reasonNoValue         = "累計完成值未填寫"
	msgNoValue            = "指標%s(%s)的累計完成值未填寫,請按計量單位“%s”補填數字"
	msgBehind             = "指標%s(%s)%s,請說明原因和趕進度的措施"
	msgNotMet             = "指標%s(%s)%s,請說明原因和措施"
	msgExceeded           = "指標%s(%s)%s"
	reasonStatusNotInList = "完成狀態“%s”不在下拉選項中"
	msgNoStatus           = "指標%s(%s)未填寫完成狀態和進展,請補填"
	msgOutlier            = "指標%s填報%s,是目標(%s%s)的%.0f倍,請核對單位和數值"
	msgJump               = "指標%s本期%s,比上期%s增加%s,遠超此前進度和年度目標的節奏,請核對是否多報或單位有誤"
	reasonZeroTarget      = "目標為0,無法計算進度"
	// A running total: what it reached, the target, how far, time elapsed.
	reasonCumulativeMet        = "累計%s,目標%s,已達到(完成%s)"
	reasonCumulativeOnSchedule = "累計%s,目標%s,完成%s,時間進度%s"
	reasonCumulativeBehind     = "累計%s,目標%s,僅完成%s,落後於時間進度%s"
	reasonCapExceeded          = "累計%s,超出上限%s"
	reasonCapKept              = "全年累計%s,控制在上限%s"
	reasonCapAtRisk            = "累計%s,已用上限%s的%s,超過時間進度%s,有超限風險"
	reasonCapOnSchedule        = "累計%s,已用上限%s的%s,未超過時間進度%s"
	// A level: what there is now, the baseline, the target.
	reasonLevelMet        = "現有%s,目標%s,已達到"
	reasonLevelNotMet     = "現有%s,目標%s,差%s,未達到目標(時間進度%s僅供參考)"
	reasonLevelOnSchedule = "現有%s,基期%s,目標%s,完成進度%s,時間進度%s"
	reasonLevelBehind     = "現有%s,基期%s,目標%s,完成進度僅%s,落後於時間進度%s"
	reasonLevelUnderCap   = "現有%s,未超過上限%s"
	reasonLevelOverCap    = "現有%s,超出上限%s"
	// A rate or a growth rate: what it is, the target, the gap in percentage points.
	reasonRateMet      = "%s,目標%s,已達到"
	reasonRateNotMet   = "%s,目標%s,差%s個百分點,未達到目標"
	reasonRateUnderCap = "%s,未超過上限%s"
	reasonRateOverCap  = "%s,超出上限%s,高%s個百分點"
	// A rank: the place, the target place, the gap in places.
	reasonRankMet        = "排名第%s,目標前%s,已達到"
	reasonRankNotMet     = "排名第%s,目標前%s,差%s位,未達到目標"
	reasonSelfMet        = "單位自評已完成"
	reasonSelfOnSchedule = "單位自評序時推進"
	reasonSelfBehind     = "單位自評滯後"
	reasonSelfNotStarted = "單位自評未啟動"
	reasonNoStatus       = "未填寫完成狀態"
	msgSelfMetNotMet     = "指標%s自評“已完成”,但%s,請核對"
	msgMetSelfBehind     = "指標%s%s,但自評“%s”,請核對"
	msgRegression        = "指標%s是本年累計數,本期%s比上期%s還少,請核對"
	msgRegressionFell    = "指標%s本期%s,比上期%s下降,請核對或說明原因"
	msgRegressionRose    = "指標%s本期%s,比上期%s上升,離上限%s更近,請核對或說明原因"
	msgRegressionRank    = "指標%s排名由上期第%s位退至本期第%s位,請核對或說明原因"
	msgOutlierRate       = "指標%s填報%s,比率超過100%%,請核對單位和數值"
	msgOutlierRank       = "指標%s填報%s,名次應是不小於1的整數(第7名填7),請核對"
	msgShares            = "共同牽頭單位各報份額,合計%s(%s):"
	msgConflictPart      = "%s填報%s%s" // agency, value, unit: where each is, the finding and the report's columns say
	reasonConflict       = "共同牽頭單位填報不一致:"
	msgConflict          = "指標%s由%s共同牽頭,填報不一致:%s。請牽頭單位協商統一口徑"
	reasonSectionWorst   = "任務%d:%s"
	reasonRollup         = "指標%s(%s):%s"
)
