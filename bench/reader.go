package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"time"

	"taizhang/excel"
	"taizhang/excel/xlsxread"
	"taizhang/templates/ledger"

	"github.com/xuri/excelize/v2"
)

// readerInput is one return as the readers get it: its bytes, the sheets ingest reads (_meta and
// the ledger sheet) and the parts reading them takes.
type readerInput struct {
	path   string
	data   []byte
	sheets []string
	parts  []string
}

// readerBench (issue 25) reads n simulated returns, re-saved by LibreOffice as many clerks' files
// are, the way ingest reads them (_meta and the ledger sheet), one file after another in this
// process: by xlsxread, by excelize, by xlsxread's XML scanner alone and by inflating alone (the
// same parts: the floor), then by SheetJS when node has it. Files are in memory: no disk in it.
func readerBench(work, bin string, n int) {
	dir := filepath.Join(work, fmt.Sprint("reader-", n))
	db := filepath.Join(dir, "taizhang.db")
	check(os.MkdirAll(dir, 0o755))
	run(bin, "--db", db, "init")
	files := resave(generate(db, filepath.Join(dir, "returns"), n), filepath.Join(dir, "resaved"))
	inputs := make([]readerInput, len(files))
	var total int64
	for i, f := range files {
		inputs[i] = loadInput(f)
		total += int64(len(inputs[i].data))
	}
	fmt.Printf("reader: %d returns (%d KB each on average), %d cores, %s, one file at a time, CPU time, best of 3 rounds\n\n",
		len(inputs), total/int64(len(inputs))>>10, runtime.NumCPU(), runtime.Version())
	floor := measure(inputs, inflateOnly)
	scan := measure(inputs, scanOnly)
	own := measure(inputs, readOwn)
	ref := measure(inputs, readExcelize)
	fmt.Printf("%-34s %12s %12s %12s %10s\n", "reader", "µs CPU/file", "allocs/file", "KB/file", "÷ floor")
	for _, r := range []struct {
		name string
		m    cost
	}{{"inflate only (floor)", floor}, {"xlsxread's XML scanner only", scan}, {"xlsxread (what ingest reads)", own}, {"excelize (open, GetRows raw)", ref}} {
		fmt.Printf("%-34s %12.1f %12.0f %12.1f %9.2f×\n", r.name, r.m.ns/1000, r.m.allocs, r.m.bytes/1024, r.m.ns/floor.ns)
	}
	fmt.Printf("\nxlsxread by stage:  open/inflate %.1f µs, %.0f allocs;  XML scan %.1f µs, %.0f allocs;  cell decode %.1f µs, %.0f allocs (per file)\n",
		floor.ns/1000, floor.allocs, (scan.ns-floor.ns)/1000, scan.allocs-floor.allocs, (own.ns-scan.ns)/1000, own.allocs-scan.allocs)
	fmt.Printf("excelize ÷ xlsxread: %.2f×   xlsxread ÷ floor: %.2f×\n", ref.ns/own.ns, own.ns/floor.ns)
	sheetJS(inputs, own)
}

// resave re-saves each file with LibreOffice, as an agency that edits in LibreOffice sends it;
// without LibreOffice the files are read as the simulator wrote them (excelize), and it says so.
func resave(files []string, out string) []string {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		fmt.Println("reader: no soffice on PATH: the returns are read as excelize wrote them, not re-saved by LibreOffice")
		return files
	}
	byDir := map[string][]string{} // the simulator names files by agency: one folder per period
	for _, f := range files {
		byDir[filepath.Dir(f)] = append(byDir[filepath.Dir(f)], f)
	}
	profile := "-env:UserInstallation=file://" + filepath.Join(out, ".profile")
	var saved []string
	for d, fs := range byDir {
		to := filepath.Join(out, filepath.Base(d))
		for i := 0; i < len(fs); i += 100 {
			args := append([]string{profile, "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", to}, fs[i:min(i+100, len(fs))]...)
			if b, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
				fmt.Fprintf(os.Stderr, "soffice: %v\n%s", err, b)
				os.Exit(1)
			}
		}
		for _, f := range fs {
			saved = append(saved, filepath.Join(to, filepath.Base(f)))
		}
	}
	sort.Strings(saved)
	return saved
}

// loadInput reads a return and finds, outside any timing, the sheets ingest reads and their parts.
func loadInput(path string) readerInput {
	data, err := os.ReadFile(path)
	check(err)
	book, err := excel.Read(filepath.Base(path), data, excel.DefaultLimits)
	check(err)
	r, err := ledger.ReadReturned(book)
	check(err)
	book.Close()
	in := readerInput{path: path, data: data, sheets: []string{ledger.SheetMeta, r.Sheet}}
	in.parts = packageParts(data, in.sheets)
	return in
}

// packageParts lists the parts reading sheets takes: the package and workbook relationships, the
// workbook, the shared strings, the styles and the sheets' own parts.
func packageParts(data []byte, sheets []string) []string {
	part := func(zr *zip.Reader, name string) []byte {
		for _, f := range zr.File {
			if strings.EqualFold(f.Name, name) {
				rc, err := f.Open()
				check(err)
				b, err := io.ReadAll(rc)
				check(err)
				return b
			}
		}
		check(fmt.Errorf("no part %s", name))
		return nil
	}
	type rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	check(err)
	var root, wbRels rels
	check(xml.Unmarshal(part(zr, "_rels/.rels"), &root))
	wb := "xl/workbook.xml"
	for _, r := range root.Rel {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			wb = strings.TrimPrefix(r.Target, "/")
		}
	}
	wbRelsPart := path.Join(path.Dir(wb), "_rels", path.Base(wb)+".rels")
	check(xml.Unmarshal(part(zr, wbRelsPart), &wbRels))
	var book struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	check(xml.Unmarshal(part(zr, wb), &book))
	target := map[string]string{}
	parts := []string{"_rels/.rels", wb, wbRelsPart}
	for _, r := range wbRels.Rel {
		target[r.ID] = path.Join(path.Dir(wb), r.Target)
		if strings.HasSuffix(r.Type, "/sharedStrings") || strings.HasSuffix(r.Type, "/styles") {
			parts = append(parts, target[r.ID])
		}
	}
	for _, s := range book.Sheets {
		for _, want := range sheets {
			if s.Name == want {
				parts = append(parts, target[s.RID])
			}
		}
	}
	return parts
}

// cpuTime is the CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	check(syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cost is what reading one file costs on average.
type cost struct{ ns, allocs, bytes float64 }

// measure runs read over every input, once to warm up, then three times, and keeps the fastest
// round, with its allocations. Time is the process's CPU time (user and system, the garbage
// collector's included): one goroutine reads, so it is the work done, whatever else the machine
// runs at the time; wall time on a busy machine is not.
func measure(inputs []readerInput, read func(readerInput)) cost {
	for _, in := range inputs[:min(len(inputs), 50)] {
		read(in)
	}
	best := cost{ns: -1}
	for round := 0; round < 3; round++ {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := cpuTime()
		for _, in := range inputs {
			read(in)
		}
		took := cpuTime() - start
		runtime.ReadMemStats(&after)
		n := float64(len(inputs))
		c := cost{float64(took.Nanoseconds()) / n, float64(after.Mallocs-before.Mallocs) / n, float64(after.TotalAlloc-before.TotalAlloc) / n}
		if best.ns < 0 || c.ns < best.ns {
			best = c
		}
	}
	return best
}

// inflateOnly inflates the parts, into one buffer: the floor any reader of the package stands on.
func inflateOnly(in readerInput) {
	zr, err := zip.NewReader(bytes.NewReader(in.data), int64(len(in.data)))
	check(err)
	buf := make([]byte, 64<<10)
	for _, p := range in.parts {
		for _, f := range zr.File {
			if f.Name == p {
				rc, err := f.Open()
				check(err)
				for {
					if _, err := rc.Read(buf); err == io.EOF {
						break
					} else {
						check(err)
					}
				}
				rc.Close()
			}
		}
	}
}

// scanOnly inflates the parts and runs xlsxread's XML scanner over them, making nothing.
func scanOnly(in readerInput) {
	_, err := xlsxread.Tokenize(bytes.NewReader(in.data), int64(len(in.data)), in.parts)
	check(err)
}

// readOwn reads the sheets with xlsxread, as ingest does.
func readOwn(in readerInput) {
	wb, err := xlsxread.Open(context.Background(), bytes.NewReader(in.data), int64(len(in.data)), xlsxread.DefaultLimits)
	check(err)
	for _, s := range in.sheets {
		sh, err := wb.Sheet(s)
		check(err)
		_ = sh.Rows()
	}
}

// readExcelize reads the same sheets with excelize, raw values, as the reference reader does.
func readExcelize(in readerInput) {
	f, err := excelize.OpenReader(bytes.NewReader(in.data), excelize.Options{RawCellValue: true})
	check(err)
	for _, s := range in.sheets {
		_, err := f.GetRows(s, excelize.Options{RawCellValue: true})
		check(err)
	}
	f.Close()
}

// sheetJS times SheetJS (the npm package xlsx, under node) reading the same files and sheets,
// when node and the package are there (npm install --prefix bench/sheetjs xlsx); else it says
// why it is left out.
func sheetJS(inputs []readerInput, own cost) {
	node, err := exec.LookPath("node")
	mod := filepath.Join("bench", "sheetjs", "node_modules", "xlsx")
	if _, statErr := os.Stat(mod); err != nil || statErr != nil {
		fmt.Println("SheetJS: left out (needs node and the npm package xlsx: npm install --prefix bench/sheetjs xlsx)")
		return
	}
	list, err := os.CreateTemp("", "sheetjs-*.txt")
	check(err)
	defer os.Remove(list.Name())
	for _, in := range inputs {
		fmt.Fprintf(list, "%s\t%s\n", in.path, strings.Join(in.sheets, "\t"))
	}
	list.Close()
	abs, err := filepath.Abs(mod)
	check(err)
	out, err := exec.Command(node, filepath.Join("bench", "sheetjs.js"), abs, list.Name()).CombinedOutput()
	if err != nil {
		fmt.Printf("SheetJS: failed: %v %s\n", err, out)
		return
	}
	var ns float64
	if _, err := fmt.Sscan(string(out), &ns); err != nil {
		fmt.Printf("SheetJS: unreadable answer %q\n", out)
		return
	}
	fmt.Printf("SheetJS (node, same files and sheets): %.1f µs/file; SheetJS ÷ xlsxread: %.2f×\n", ns/1000, ns/own.ns)
}
