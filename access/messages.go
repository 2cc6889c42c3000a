package access

// Chinese messages of access (Traditional script in the source; converted to the user's script
// by the writer).
const (
	msgBadUserName   = "用戶名不能為空,不能含空格或冒號,最多64個字"
	msgShortPassword = "密碼太短,至少要%d個字符"
	msgUserExists    = "用戶“%s”已存在。要重設其密碼,請運行 taizhang user add %s --reset"
	auditBadPassword = "用戶名或密碼錯誤"
	auditLocked      = "賬戶已鎖定,未校驗密碼"
	auditLockedUntil = "連續登錄失敗,鎖定至 %s"
)
