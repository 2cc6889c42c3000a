package office

// InstallHint says exactly how to get LibreOffice when it is missing, for any format (Calc for
// workbooks, Writer for documents). Traditional script; the output is converted to the user's.
const InstallHint = "本機沒有安裝LibreOffice,無法轉換此格式。請安裝後重試(Debian/Ubuntu: sudo apt-get install libreoffice-calc-nogui libreoffice-writer-nogui;" +
	"Windows/macOS: 從 libreoffice.org 安裝)"
