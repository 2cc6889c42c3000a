// Command bench measures ingest on realistic returns, side by side with a plain excelize reader.
//
//	go run ./bench -n 1000,10000
//	go run ./bench -web          # taizhang serve: 36 agencies × 5 uploads, 16 at a time (bench/web.go)
//	go run ./bench -reader -n 1000  # the xlsx reader beside excelize and the inflate floor (bench/reader.go)
//
// For each size it builds the taizhang binary, makes a fresh database, generates that many filled,
// signed, distinct returns, runs `taizhang ingest` as its own process (files/s, per-file time, peak
// RSS of the whole process), then runs the reference reader over the same files in this process.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	taizhang "taizhang"
	"taizhang/ingest/hostile"
	"taizhang/simulate"
	"taizhang/store"
	"taizhang/templates/ledger"

	"github.com/xuri/excelize/v2"
	_ "modernc.org/sqlite"
)

func main() {
	sizes := flag.String("n", "1000", "comma-separated numbers of returns")
	keep := flag.Bool("keep", false, "keep the generated files")
	hostileOnly := flag.Bool("hostile", false, "only ingest each hostile file of issue 11 in a process of its own: peak RSS and wall time")
	web := flag.Bool("web", false, "measure taizhang serve under concurrent uploads instead (issue 14)")
	reader := flag.Bool("reader", false, "only the xlsx reader: xlsxread, excelize and the inflate floor over the first size's returns, re-saved by LibreOffice (issue 25)")
	flag.Parse()
	work, err := os.MkdirTemp("", "taizhang-bench-*")
	check(err)
	if !*keep {
		defer os.RemoveAll(work)
	}
	bin := filepath.Join(work, "taizhang")
	out, err := exec.Command("go", "build", "-o", bin, "./cmd/taizhang").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n%s", err, out)
		os.Exit(1)
	}
	if *web {
		webBench(work, bin, 5, 16)
		return
	}
	if *reader {
		n, err := strconv.Atoi(strings.TrimSpace(strings.Split(*sizes, ",")[0]))
		check(err)
		readerBench(work, bin, n)
		return
	}
	fmt.Printf("%d cores, %s\n\n", runtime.NumCPU(), runtime.Version())
	probe := filepath.Join(work, "probe.db")
	run(bin, "--db", probe, "init")
	if *hostileOnly {
		hostileTable(work, bin, probe)
		return
	}
	templatesTiming(probe)
	fmt.Printf("%-8s %-12s %-12s %-14s %-12s %-14s %-14s %s\n", "returns", "generate/s", "ingest/s", "ms per file", "peak RSS", "reference/s", "ref peak RSS", "ingest ÷ reference")
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		check(err)
		runSize(work, bin, n)
	}
}

func runSize(work, bin string, n int) {
	dir := filepath.Join(work, fmt.Sprint(n))
	db := filepath.Join(dir, "taizhang.db")
	check(os.MkdirAll(dir, 0o755))
	run(bin, "--db", db, "init")
	genStart := time.Now()
	files := generate(db, filepath.Join(dir, "returns"), n)
	gen := time.Since(genStart)
	start := time.Now()
	cmd := exec.Command(bin, "--db", db, "ingest", "--jobs", fmt.Sprint(runtime.NumCPU()), filepath.Join(dir, "returns"))
	if out, err := cmd.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "ingest: %v\n%s", err, tail(string(out)))
		os.Exit(1)
	}
	took := time.Since(start)
	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss // KiB on Linux
	refTook, refRSS := reference(files, filepath.Join(dir, "reference.db"))
	fmt.Printf("%-8d %-12.0f %-12.1f %-14.2f %-12s %-14.1f %-14s %.2f×\n", n, float64(n)/gen.Seconds(), float64(n)/took.Seconds(),
		took.Seconds()*1000/float64(n), fmt.Sprintf("%d MB", rss/1024), float64(n)/refTook.Seconds(), fmt.Sprintf("%d MB", refRSS/1024),
		refTook.Seconds()/took.Seconds())
	// reconcile + report on the database the ingest just filled, as its own process
	start = time.Now()
	rep := exec.Command(bin, "--db", db, "report", "--period", "2023-01", "--out", filepath.Join(dir, "report.xlsx"))
	if out, err := rep.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "report: %v\n%s", err, out)
		os.Exit(1)
	}
	fmt.Printf("         report of one period on this database (%d returns): %v, peak RSS %d MB\n", n, time.Since(start).Round(time.Millisecond),
		rep.ProcessState.SysUsage().(*syscall.Rusage).Maxrss/1024)
}

// generate writes n distinct returns with the simulator the demo and tests use: every agency,
// month after month from 2023, values plausible for the month (some typed with units or
// full-width digits), progress text, 填報人 filled.
func generate(db, dir string, n int) []string {
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	check(err)
	defer st.Close()
	plan, info, err := st.Plan(ctx)
	check(err)
	key, err := st.SigningKey(ctx)
	check(err)
	var files []string
	for month := 0; len(files) < n; month++ {
		period, _ := taizhang.ParsePeriod(fmt.Sprintf("%d-%02d", 2023+month/12, month%12+1))
		rets, err := simulate.Generate(simulate.Options{Plan: plan, CatalogHash: info.CatalogHash, Key: key, Period: period,
			Seed: int64(month + 1), Dir: filepath.Join(dir, period.String())})
		check(err)
		for _, r := range rets {
			if r.Path != "" && len(files) < n {
				files = append(files, r.Path)
			}
		}
	}
	return files
}

// templatesTiming times writing every agency's ledger of the embedded plan, and of a synthetic
// plan whose tasks are spread over 1,000 agencies, one workbook at a time.
func templatesTiming(db string) {
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	check(err)
	plan, info, err := st.Plan(ctx)
	check(err)
	key, _ := st.SigningKey(ctx)
	st.Close()
	run := func(p *taizhang.Plan) (int, time.Duration) {
		agencies, _ := ledger.Responsible(p)
		period, _ := taizhang.ParsePeriod("2023-Q1")
		start := time.Now()
		for _, a := range agencies {
			wb, _, err := ledger.Ledger(ledger.LedgerSpec{Plan: p, CatalogHash: info.CatalogHash, Agency: a, Period: period,
				LedgerID: "b", IssuedAt: time.Now(), Deadline: period.End(), Key: key})
			check(err)
			check(wb.Write(io.Discard))
			wb.Close()
		}
		return len(agencies), time.Since(start)
	}
	n, d := run(plan)
	fmt.Printf("templates: %d ledgers of the embedded plan in %v\n", n, d.Round(time.Millisecond))
	big := *plan
	big.Agencies = nil
	for i := 0; i < 1000; i++ {
		big.Agencies = append(big.Agencies, taizhang.Agency{Name: fmt.Sprintf("第%d單位", i+1), Kind: taizhang.KindAgency})
	}
	big.Tasks = append([]taizhang.Task{}, plan.Tasks...)
	for i := range big.Tasks {
		big.Tasks[i].Lead = []string{big.Agencies[(i*7)%1000].Name, big.Agencies[(i*7+500)%1000].Name}
		big.Tasks[i].Participating = nil
		for k := 0; k < 8; k++ {
			big.Tasks[i].Participating = append(big.Tasks[i].Participating, big.Agencies[(i*13+k*101)%1000].Name)
		}
	}
	n, d = run(&big)
	fmt.Printf("templates: %d ledgers of a 1,000-agency plan in %v (%.1f ms each)\n\n", n, d.Round(time.Millisecond), float64(d.Microseconds())/1000/float64(n))
}

// reference is the plain excelize reader of the benchmark issue: open, GetRows on every sheet,
// insert every cell into SQLite, one transaction per file, one goroutine per core.
func reference(files []string, db string) (time.Duration, int64) {
	before := maxRSS()
	sdb, err := sql.Open("sqlite", "file:"+db+"?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_txlock=immediate")
	check(err)
	defer sdb.Close()
	_, err = sdb.Exec(`CREATE TABLE cells (file TEXT, sheet TEXT, row INTEGER, col INTEGER, value TEXT)`)
	check(err)
	start := time.Now()
	work := make(chan string)
	var wg sync.WaitGroup
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range work {
				f, err := excelize.OpenFile(path)
				check(err)
				tx, err := sdb.Begin()
				check(err)
				stmt, err := tx.Prepare(`INSERT INTO cells VALUES (?, ?, ?, ?, ?)`)
				check(err)
				for _, sheet := range f.GetSheetList() {
					rows, err := f.GetRows(sheet)
					check(err)
					for r, row := range rows {
						for c, v := range row {
							_, err := stmt.Exec(path, sheet, r, c, v)
							check(err)
						}
					}
				}
				stmt.Close()
				check(tx.Commit())
				f.Close()
			}
		}()
	}
	for _, f := range files {
		work <- f
	}
	close(work)
	wg.Wait()
	took := time.Since(start)
	return took, max(maxRSS(), before)
}

func maxRSS() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Maxrss
}

func run(bin string, args ...string) {
	if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "%v: %v\n%s", args, err, out)
		os.Exit(1)
	}
}

func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > 20 {
		lines = lines[len(lines)-20:]
	}
	return strings.Join(lines, "\n")
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// hostileTable ingests each hostile file (generated by package hostile, and the checked-in
// returns of ingest/testdata/returns) with `taizhang ingest` in a process of its own, and prints
// its outcome, wall time and peak RSS; then all of them at once with --jobs 16.
func hostileTable(work, bin, db string) {
	dir := filepath.Join(work, "hostile")
	check(os.MkdirAll(dir, 0o755))
	files, err := hostile.Write(dir)
	check(err)
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	returns, _ := filepath.Glob(filepath.Join("ingest", "testdata", "returns", "*.xlsx"))
	for _, r := range returns {
		b, err := os.ReadFile(r)
		check(err)
		check(os.WriteFile(filepath.Join(dir, filepath.Base(r)), b, 0o644))
		names = append(names, filepath.Base(r))
	}
	// The checked-in returns are signed with the ingest tests' key.
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	check(err)
	check(st.SetSigningKey(ctx, []byte("ingest-returns-test-key")))
	st.Close()
	fmt.Printf("%-36s %-10s %-10s %s\n", "hostile file", "wall", "peak RSS", "outcome")
	for _, name := range names {
		args := []string{"--jobs", "2", filepath.Join(dir, name)}
		if strings.Contains(name, "unsigned") {
			args = append(args, "--allow-unsigned")
		}
		took, rss, out := ingestOnce(bin, db, args...)
		fmt.Printf("%-36s %-10s %-10s %s\n", name, took.Round(time.Millisecond), fmt.Sprintf("%d MB", rss/1024), out)
	}
	took, rss, _ := ingestOnce(bin, db, "--jobs", "16", dir)
	fmt.Printf("%-36s %-10s %-10s %s\n", "all of them, --jobs 16", took.Round(time.Millisecond), fmt.Sprintf("%d MB", rss/1024), "")
}

// ingestOnce runs one ingest process and returns its wall time, peak RSS (KiB) and the first
// line it printed about the file.
func ingestOnce(bin, db string, args ...string) (time.Duration, int64, string) {
	start := time.Now()
	cmd := exec.Command(bin, append([]string{"--db", db, "ingest"}, args...)...)
	out, _ := cmd.CombinedOutput()
	took := time.Since(start)
	line := ""
	for _, l := range strings.Split(string(out), "\n") {
		if (strings.HasPrefix(l, "拒收 ") || strings.HasPrefix(l, "接收 ") || strings.HasPrefix(l, "重複 ")) && !strings.Contains(l, " | ") {
			line = l
			break
		}
	}
	if r := []rune(line); len(r) > 90 {
		line = string(r[:90]) + "…"
	}
	return took, cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss, line
}
