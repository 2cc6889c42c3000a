package ingest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	taizhang "taizhang"
)

// Skipped is a file left alone on purpose (temporary or hidden); Refused is one that cannot be a ledger.
type Skipped struct{ Path, Why string }

// spreadsheetExt are the names a returned ledger may come under; the bytes decide what it really is.
var spreadsheetExt = map[string]bool{".xlsx": true, ".xlsm": true, ".xltx": true, ".xls": true, ".xlt": true, ".et": true, ".ett": true, ".ods": true}

// Walk expands files and folders (recursively) into a batch: the files to read (sorted by path),
// the entries skipped (sorted) and the files refused by their name or kind alone. Symbolic links,
// given or found inside a folder, are followed, each folder and file is read once however many
// links lead to it (which also ends link loops), and every entry left out is listed with its
// reason. It is one producer of sources; an upload is another.
func Walk(paths []string) Batch {
	w := &walker{seen: map[fileID]bool{}}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			reason := whyMissing
			if !os.IsNotExist(err) {
				reason = fmt.Sprintf(msgUnreadable, err)
			}
			w.refused = append(w.refused, Outcome{Origin: p, Name: filepath.Base(p), Kind: Refused, Code: taizhang.RefusedUnreadable, Reason: reason})
			continue
		}
		w.entry(p, fi, true)
	}
	sort.Slice(w.files, func(i, j int) bool { return w.files[i].Origin < w.files[j].Origin })
	sort.Slice(w.skipped, func(i, j int) bool { return w.skipped[i].Path < w.skipped[j].Path })
	return Batch{Sources: w.files, Skipped: w.skipped, Refused: w.refused}
}

type walker struct {
	files   []Source
	skipped []Skipped
	refused []Outcome
	seen    map[fileID]bool
}

// entry takes one path whose target (links followed) is fi.
func (w *walker) entry(path string, fi fs.FileInfo, given bool) {
	name := filepath.Base(path)
	if id, ok := idOf(fi); ok {
		if w.seen[id] {
			why := whySameFile
			if fi.IsDir() {
				why = whyLoop
			}
			w.skipped = append(w.skipped, Skipped{path, why})
			return
		}
		w.seen[id] = true
	}
	switch {
	case fi.IsDir():
		if !given && strings.HasPrefix(name, ".") {
			w.skipped = append(w.skipped, Skipped{path, whyHiddenDir})
			return
		}
		w.dir(path)
	case strings.HasPrefix(name, "~$"), strings.HasPrefix(name, ".~lock"), strings.HasPrefix(name, "~"):
		w.skipped = append(w.skipped, Skipped{path, whyTemporary})
	case strings.HasPrefix(name, "."), name == "Thumbs.db", name == "desktop.ini":
		w.skipped = append(w.skipped, Skipped{path, whyHidden})
	case !fi.Mode().IsRegular():
		// A FIFO would block a read for ever and a device never ends: refused by their kind.
		w.refused = append(w.refused, Outcome{Origin: path, Name: name, Kind: Refused, Code: taizhang.RefusedUnreadable, Reason: msgNotRegular})
	case spreadsheetExt[strings.ToLower(filepath.Ext(name))]:
		w.files = append(w.files, fileSource(path, fi.ModTime()))
	default:
		w.refused = append(w.refused, Outcome{Origin: path, Name: name, Kind: Refused, Code: taizhang.RefusedNotSpreadsheet, Reason: refuseByName(name)})
	}
}

func (w *walker) dir(path string) {
	entries, err := os.ReadDir(path)
	if err != nil {
		w.refused = append(w.refused, Outcome{Origin: path, Name: filepath.Base(path), Kind: Refused, Code: taizhang.RefusedUnreadable, Reason: fmt.Sprintf(msgUnreadable, err)})
	}
	for _, e := range entries {
		p := filepath.Join(path, e.Name())
		fi, err := os.Stat(p) // follows links
		if err != nil {
			if e.Type()&fs.ModeSymlink != 0 {
				w.skipped = append(w.skipped, Skipped{p, whyBroken})
			} else {
				w.refused = append(w.refused, Outcome{Origin: p, Name: e.Name(), Kind: Refused, Code: taizhang.RefusedUnreadable, Reason: fmt.Sprintf(msgUnreadable, err)})
			}
			continue
		}
		w.entry(p, fi, false)
	}
}

func refuseByName(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".tsv", ".txt":
		return whyText
	case ".numbers":
		return whyNumbers
	case ".xlsb":
		return whyXLSB
	case ".pdf", ".doc", ".docx", ".wps", ".jpg", ".png":
		return whyNotSheet
	case ".zip", ".rar", ".7z":
		return whyArchive
	}
	return whyNotWorkbook
}
