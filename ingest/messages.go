package ingest

// Chinese messages of the reading checks (Traditional script in the source; the output is
// converted to the user's script). %s and %d are filled as each says.
const (
	msgNotRegular = "不是普通文件(可能是管道、設備或目錄),無法作為臺賬讀取;請發送普通的.xlsx文件"
	msgTimeout    = "讀取此文件超過%v仍未完成(文件過大、結構異常或轉換卡住),已放棄;請用Excel或WPS另存為新的.xlsx後重新發送"
	msgBool       = "單元格%s填寫的是邏輯值%s(TRUE/FALSE),不是數值;請填寫累計完成的數字"
	msgDate       = "單元格%s填寫的是日期%s,不是數值(Excel把它存為%s);請把單元格格式改為“常規”或“數值”後填寫累計完成的數字"
	msgErrorValue = "單元格%s顯示錯誤值%s(公式計算出錯);請改正公式或直接填寫數值"
	// A value Excel does not show as stored (see cellChecks).
	msgShownAs        = "單元格%s在Excel中顯示為“%s”,文件中存的卻是“%s”(單元格的數字格式替換了所填的數);請把單元格格式改為“常規”或“數值”,確認數值後重新發送"
	msgHiddenByFormat = "單元格%s的數字格式把所填的“%s”隱藏了,Excel中看不到這個數;請把單元格格式改為“常規”或“數值”,確認數值後重新發送"
	msgCovered        = "單元格%s被合併單元格遮住(合併後只顯示左上角單元格的內容),其中存的值未被讀取;請取消合併,在%s填寫累計完成值後重新發送"
	msgSharedIndex    = "單元格%s的內容在文件中找不到(共享文本第%s條不存在,文件已損壞);請在Excel或WPS中重新填寫此單元格後保存"
	msgMissingRow     = "臺賬中缺少指標%s所在的行(行被刪除?),按 --allow-unsigned 導入,該指標按未報送處理"
	msgOverBudget     = "讀取此文件估計需要%d MB內存,超過本次導入%d MB的上限(疑似壓縮炸彈);臺賬不會這麼大,請用下發的模板重新填報"
	msgUnreadable     = "無法讀取:%v"
	msgPanic          = "文件結構異常,無法讀取(%v);請用Excel或WPS重新保存後發回"
	msgEncrypted      = "工作簿設置了打開密碼,無法讀取。請取消密碼後重新保存為.xlsx發回"
)

// InstallHint says exactly how to get LibreOffice when it is missing. It differs from
// office.InstallHint on purpose: returns need only Calc, and the agency can resave as .xlsx.
const InstallHint = "本機沒有安裝LibreOffice,無法轉換舊格式。請安裝後重試(Debian/Ubuntu: sudo apt-get install libreoffice-calc-nogui;" +
	"Windows/macOS: 從 libreoffice.org 安裝),或請報送單位用Excel/WPS另存為.xlsx"

// Old and open formats that cannot be converted, and ODS files refused before converting.
const (
	msgConvertTimeout = "LibreOffice轉換超時(%v),文件可能損壞、過大或有打開密碼;請用Excel或WPS另存為.xlsx後發回"
	msgConvertFailed  = "LibreOffice無法打開此文件(可能已損壞或有打開密碼);請用Excel或WPS另存為.xlsx後發回"
	msgODSDamaged     = "ODS文件已損壞,請重新保存後發回"
	msgODSNoContent   = "ODS文件中沒有內容(content.xml),無法讀取"
	msgODSUnparsable  = "ODS文件內容無法解析,請用Excel或WPS另存為.xlsx"
	msgODSDeep        = "ODS文件的內容嵌套超過256層(疑似惡意文件),已拒收;請用Excel或WPS另存為.xlsx後發回"
	msgODSRepeat      = "ODS文件聲明了%s個重複的行或列,超出任何表格的上限(疑似惡意文件),已拒收"
	msgODSCells       = "ODS文件按行重複×列重複共聲明了%d個有內容的單元格,超出%d個的上限(疑似惡意文件),已拒收;請用Excel或WPS另存為.xlsx後發回"
)

// Why a file is not a ledger of this plan, of this agency or of this period.
const (
	msgNotLedger         = "不是本計劃的臺賬:找不到“工作臺賬”的表頭行(指標編號、累計完成值等列)"
	msgOtherAgencyUpload = "這是%s的臺賬,不是%s的。請下載本單位的臺賬,填寫後再上傳"
	msgNotResponsible    = "%s不負責指標%s,這些行不應出現在其臺賬中(是否用了其他單位的模板?)"
	msgNoMeta            = "缺少校驗信息(臺賬中隱藏的校驗工作表被刪除)。請用下發的原模板重新填報;確需導入可加 --allow-unsigned"
	msgBadSignature      = "校驗不通過:%s。請用下發的原模板重新填報,只填黃色單元格"
	msgNoMetaNoHeader    = "缺少校驗信息,也無法從表頭識別填報單位和報告期,無法導入"
	msgOtherPlan         = "這是另一個計劃的臺賬(計劃編號%s),不屬於本數據庫的計劃"
	msgUnknownAgency     = "填報單位“%s”不在本計劃的責任單位中"
	msgUnknownPeriod     = "報告期“%s”無法識別"
	msgTemplateMismatch  = "模板記錄為%s的%s臺賬,文件中卻是%s的%s"
	msgOtherPeriod       = "這是%s的臺賬,本次導入的是%s;請放到對應報告期導入"
)

// Why a signature fails (diagnose), as precisely as the catalog allows.
const (
	whyOtherPlan     = "這是另一個計劃的臺賬"
	whyMetaAgency    = "隱藏的校驗工作表中的填報單位“%s”不在計劃中"
	whyExtraRows     = "臺賬中有不屬於%s的指標行(%s),可能混用了其他單位的模板或校驗工作表"
	whyMissingRows   = "缺少指標%s所在的行(行被刪除?)"
	whyDuplicateRows = "指標%s的行重複出現"
	whyLockedChanged = "鎖定的單元格或隱藏的校驗工作表被改動"
)

// Findings on a return that was taken.
const (
	msgUnsigned   = "校驗未通過,按 --allow-unsigned 導入;請核對目標值等鎖定內容是否被改動"
	msgOldCatalog = "此臺賬由舊版任務目錄生成(目錄版本%s),已按指標編號導入"
	msgUnknownRow = "目錄中沒有指標%s(可能已被刪除),該行的填報內容已保存但不參與核對"
	msgValueNote  = "指標%s的累計完成值“%s”:%s"
	msgBadStatus  = "完成狀態“%s”不在下拉選項中,請選擇:已完成、序時推進、滯後、未啟動"
)

// A file read but not stored: the archive or the database failed.
const (
	msgArchiveFailed = "歸檔失敗,未導入:%v"
	msgArchiveSync   = "歸檔同步:%w"
	msgNotStored     = "未導入:%v"
	msgStoreFailed   = "保存 %s:%w"
)

// Notes on a typed value (Value.Note): why it cannot be read, or how it was converted.
const (
	noteNoCache      = "單元格是公式但沒有保存計算結果(可能由程序生成或未重新計算),請在Excel或WPS中打開、重新計算後保存,或直接填寫數值"
	noteInvalid      = "%s,請只填寫數字,單位見“計量單位”列,說明寫在“進展情況”" // %s: one of the invalid… reasons
	invalidNumeral   = "無法識別的中文數字"
	invalidNotNumber = "不是數字"
	invalidNotFinite = "不是有效的數字"
	invalidDate      = "看起來是日期,不是數值"
	invalidTrailing  = "數字後面有其他內容"
	invalidGrouping  = "數字中的逗號或空格不是千位分隔(如1,5、12,5、1.234,5、2 5),無法確定是哪個數;小數點請用“.”,千位分隔每三位一個“,”或不寫"
	invalidTooLarge  = "數字太大(按計量單位換算後超過10的15次方),不是能記錄的數值"
	notePercent      = "按百分比換算(%s→%s%%)"
	noteConverted    = "已按單位換算:%s%s=%s“%s”"
	noteMismatch     = "填寫的單位“%s”與計量單位“%s”不一致且無法確定換算,請按計量單位填寫數字"
)

// Why entries are skipped or refused by Walk.
const (
	whyTemporary = "臨時文件(表格正在打開時產生)"
	whyHidden    = "隱藏或系統文件"
	whyHiddenDir = "隱藏目錄,其中的文件未導入"
	whyLoop      = "鏈接指回已讀過的目錄(循環),未重複讀取"
	whyBroken    = "鏈接指向的文件不存在"
	whySameFile  = "與已列出的文件是同一個文件(經由鏈接),未重複讀取"
	whyMissing   = "找不到文件或目錄,請檢查路徑"
)

// Why a file is refused by its name alone (refuseByName).
const (
	whyText        = "文本/CSV文件不是臺賬,請在下發的.xlsx臺賬中填寫後發回"
	whyNumbers     = "Apple Numbers文件無法讀取,請在Numbers中“導出為Excel(.xlsx)”後發回"
	whyXLSB        = "Excel二進制工作簿(.xlsb)不支持,請另存為.xlsx後發回"
	whyNotSheet    = "不是表格文件,請發回填好的.xlsx臺賬"
	whyArchive     = "壓縮包請先解壓,再導入其中的.xlsx文件"
	whyNotWorkbook = "不是Excel工作簿,請發回填好的.xlsx臺賬"
)
