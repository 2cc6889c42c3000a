package ingest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Skipped is a file left alone on purpose (temporary or hidden); Rejected is one that cannot be a ledger.
type Skipped struct{ Path, Why string }

// spreadsheetExt are the names a returned ledger may come under; the bytes decide what it really is.
var spreadsheetExt = map[string]bool{".xlsx": true, ".xlsm": true, ".xltx": true, ".xls": true, ".xlt": true, ".et": true, ".ett": true, ".ods": true}

// Walk expands files and folders (recursively) into the files to read, the files skipped and the
// files rejected by their name alone, each list sorted.
func Walk(paths []string) (files []string, skipped []Skipped, rejected []Outcome) {
	add := func(path string, d fs.DirEntry) {
		name := d.Name()
		switch {
		case strings.HasPrefix(name, "~$"), strings.HasPrefix(name, ".~lock"), strings.HasPrefix(name, "~"):
			skipped = append(skipped, Skipped{path, "臨時文件(表格正在打開時產生)"})
		case strings.HasPrefix(name, "."), name == "Thumbs.db", name == "desktop.ini":
			skipped = append(skipped, Skipped{path, "隱藏或系統文件"})
		case spreadsheetExt[strings.ToLower(filepath.Ext(name))]:
			files = append(files, path)
		default:
			rejected = append(rejected, Outcome{Path: path, Name: name, Kind: Rejected, Code: CodeNotSpreadsheet,
				Reason: rejectByName(name)})
		}
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			reason := "找不到文件或目錄,請檢查路徑"
			if !errors.Is(err, fs.ErrNotExist) {
				reason = "無法讀取:" + err.Error()
			}
			rejected = append(rejected, Outcome{Path: p, Name: filepath.Base(p), Kind: Rejected, Code: CodeUnreadable, Reason: reason})
			continue
		}
		if !fi.IsDir() {
			add(p, fs.FileInfoToDirEntry(fi))
			continue
		}
		_ = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				rejected = append(rejected, Outcome{Path: path, Name: filepath.Base(path), Kind: Rejected, Code: CodeUnreadable, Reason: "無法讀取:" + err.Error()})
				return nil
			case d.IsDir() && path != p && strings.HasPrefix(d.Name(), "."):
				return filepath.SkipDir
			case d.IsDir() || !d.Type().IsRegular():
				return nil
			}
			add(path, d)
			return nil
		})
	}
	sort.Strings(files)
	return files, skipped, rejected
}

func rejectByName(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".tsv", ".txt":
		return "文本/CSV文件不是臺賬,請在下發的.xlsx臺賬中填寫後發回"
	case ".numbers":
		return "Apple Numbers文件無法讀取,請在Numbers中“導出為Excel(.xlsx)”後發回"
	case ".xlsb":
		return "Excel二進制工作簿(.xlsb)不支持,請另存為.xlsx後發回"
	case ".pdf", ".doc", ".docx", ".wps", ".jpg", ".png":
		return "不是表格文件,請發回填好的.xlsx臺賬"
	case ".zip", ".rar", ".7z":
		return "壓縮包請先解壓,再導入其中的.xlsx文件"
	}
	return "不是Excel工作簿,請發回填好的.xlsx臺賬"
}
