package catalogbook

// What the catalog workbook says to the coordinator, in Traditional script (rendered in the
// plan's script). Sheet names, column headers and the comparator, kind and form labels stay
// beside the layout: the import reads them back.

// howToEdit is the 說明 sheet's instructions.
const howToEdit = "在“指標”表中修改比較方式、目標值、上限值、計量單位、約數、時限、基期、指標名稱;" +
	"改了比較方式、目標值、上限值或計量單位後,“原文”若不再說明新的目標,導入時會清空,臺賬和匯總改為顯示新的目標;" +
	"刪除整行即刪除該指標;新增指標時在末尾加一行,指標編號留空,填寫任務編號。" +
	"在“單位”表中修改類型或補充別名(多個別名用頓號“、”分隔)。“任務”表僅供查閱,修改不會導入。" +
	"改好後運行 taizhang catalog import 文件名.xlsx;任何單元格有誤時不會導入任何修改,並列出每個問題的位置。"

// howToUndo says how to undo the reading's decisions about agencies (the 單位 sheet's notes).
const howToUndo = "“單位”表的“合併依據”列說明每個別名為何算作同一單位,如不是同一單位,刪去該別名;" +
	"“統稱依據”列說明為何把它當作一類單位的統稱(不單獨發臺賬),如它是一個單位,把“類型”改為本級單位。"

// whyGroupSet is the reason of a group the plan's reading did not make one (a coordinator did).
const whyGroupSet = "在任務目錄中改為單位集合"

// Prompts of the editable columns.
const (
	promptEditable = "可修改"
	promptValue    = "填數字,單位見“計量單位”列"
	promptHigh     = "僅“區間”需填"
	promptUnit     = "如:家、萬千瓦、%"
	promptDeadline = "如:年底、6月底前"
	promptBaseline = "如:較2020年"
	promptSpan     = "須照抄任務內容中的文字"
	promptAliases  = "多個別名用頓號“、”分隔"
)

// Hints of the import: what to correct in a cell that is wrong.
const (
	hintNoSheet       = "請不要刪除或重命名“%s”工作表"
	hintNoHeader      = "請保留表頭行(“%s”等列名)"
	hintTaskNo        = "任務編號須是計劃中已有的任務編號(1至%d)"
	hintNewID         = "新增指標時請將指標編號留空,編號由系統分配;已有指標的編號請勿修改"
	hintDuplicateID   = "與%s的指標編號相同,請刪除重複的行"
	hintMovedTask     = "指標%s屬於任務%d,不能改到其他任務;如需移動請刪除後新增"
	hintComparator    = "請從下拉列表中選擇比較方式"
	hintNumber        = "目標值只填數字,單位寫在“計量單位”列"
	hintValueRequired = "除“定性”外,目標值必填"
	hintHighRequired  = "“區間”須填上限值"
	hintHighNotUsed   = "只有“區間”填上限值,請清空"
	hintHighBelow     = "上限值不能小於目標值"
	hintUnit          = "請填寫計量單位,如“家”“萬千瓦”“%”"
	hintApprox        = "約數只填“是”或“否”"
	hintSpan          = "原文須照抄任務內容中的一段文字,或留空"
	hintAgencyName    = "單位名稱須與計劃中的一致;如需新增別名請填在“別名”列"
	hintKind          = "請從下拉列表中選擇類型"
	hintAliasTaken    = "別名“%s”已是“%s”的名稱或別名"
)
