package ingest

// Chinese messages of the reading checks (Traditional script in the source; the output is
// converted to the user's script). %s and %d are filled as each says.
const (
	msgNotRegular  = "不是普通文件(可能是管道、設備或目錄),無法作為臺賬讀取;請發送普通的.xlsx文件"
	msgTimeout     = "讀取此文件超過%v仍未完成(文件過大、結構異常或轉換卡住),已放棄;請用Excel或WPS另存為新的.xlsx後重新發送"
	msgBool        = "單元格%s填寫的是邏輯值%s(TRUE/FALSE),不是數值;請填寫累計完成的數字"
	msgDate        = "單元格%s填寫的是日期%s,不是數值(Excel把它存為%s);請把單元格格式改為“常規”或“數值”後填寫累計完成的數字"
	msgErrorValue  = "單元格%s顯示錯誤值%s(公式計算出錯);請改正公式或直接填寫數值"
	msgSharedIndex = "單元格%s的內容在文件中找不到(共享文本第%s條不存在,文件已損壞);請在Excel或WPS中重新填寫此單元格後保存"
	msgMissingRow  = "臺賬中缺少指標%s所在的行(行被刪除?),按 --allow-unsigned 導入,該指標按未報送處理"
)
