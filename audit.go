package taizhang

import "time"

// AuditEntry is one line of the audit trail (操作記錄): something done through the web server or
// to its links and accounts, who did it, from where and when.
type AuditEntry struct {
	ID     int64
	At     time.Time
	Who    string // a coordinator's login, "網上報送:<agency>" for an agency's link, or the command line's user
	Remote string // the client's address ("" for the command line)
	Action AuditAction
	Period string
	Agency string
	Detail string // in Chinese: the file and its verdict, what was downloaded…
}

// AuditAction is what an audit entry records. Every action has its label and place in
// AuditActions in the table below.
type AuditAction string

// What the audit trail records.
const (
	AuditUpload      AuditAction = "upload"
	AuditLogin       AuditAction = "login"
	AuditLoginFailed AuditAction = "login_failed"
	AuditLocked      AuditAction = "locked"
	AuditLogout      AuditAction = "logout"
	AuditDownload    AuditAction = "download"
	AuditLinkCreate  AuditAction = "link_create"
	AuditLinkRevoke  AuditAction = "link_revoke"
	AuditUserAdd     AuditAction = "user_add"
	AuditUserReset   AuditAction = "user_reset"
)

var auditTable = []struct {
	action AuditAction
	label  word
}{
	{AuditUpload, word{"上傳臺賬", "上传台账"}},
	{AuditLogin, word{"登錄", "登录"}},
	{AuditLoginFailed, word{"登錄失敗", "登录失败"}},
	{AuditLocked, word{"賬戶鎖定", "账户锁定"}},
	{AuditLogout, word{"退出登錄", "退出登录"}},
	{AuditDownload, word{"下載", "下载"}},
	{AuditLinkCreate, word{"生成鏈接", "生成链接"}},
	{AuditLinkRevoke, word{"作廢鏈接", "作废链接"}},
	{AuditUserAdd, word{"添加用戶", "添加用户"}},
	{AuditUserReset, word{"重設密碼", "重设密码"}},
}

// AuditActions lists every action the audit trail records.
var AuditActions = func() []AuditAction {
	out := make([]AuditAction, len(auditTable))
	for i, row := range auditTable {
		out[i] = row.action
	}
	return out
}()

// Label names the action for people, in script s; the action itself when it is not listed (an
// entry written by a newer version), so that nothing prints blank.
func (a AuditAction) Label(s Script) string {
	for _, row := range auditTable {
		if row.action == a {
			return row.label.in(s)
		}
	}
	return string(a)
}
