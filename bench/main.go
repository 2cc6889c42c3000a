// Command bench measures ingest on realistic returns, side by side with a plain excelize reader.
//
//	go run ./bench -n 1000,10000
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
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/xuri/excelize/v2"
	_ "modernc.org/sqlite"
	taizhang "taizhang"
	"taizhang/store"
	"taizhang/templates"
)

func main() {
	sizes := flag.String("n", "1000", "comma-separated numbers of returns")
	keep := flag.Bool("keep", false, "keep the generated files")
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
	fmt.Printf("%d cores, %s\n\n", runtime.NumCPU(), runtime.Version())
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
}

// generate writes n distinct returns: every responsible agency, month after month from 2023,
// values plausible for the month, some typed with units or full-width digits, 填報人 filled.
func generate(db, dir string, n int) []string {
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	check(err)
	defer st.Close()
	plan, info, err := st.Plan(ctx)
	check(err)
	key, err := st.SigningKey(ctx)
	check(err)
	check(os.MkdirAll(dir, 0o755))
	agencies, _ := templates.Responsible(plan)
	rng := rand.New(rand.NewSource(1))
	var files []string
	for i := 0; i < n; i++ {
		agency := agencies[i%len(agencies)]
		month := i / len(agencies)
		period, _ := taizhang.ParsePeriod(fmt.Sprintf("%d-%02d", 2023+month/12, month%12+1))
		fill := &templates.Filled{Rows: map[string]templates.FilledRow{}, Filler: map[string]string{"填報人": "王五", "聯系電話": "0531-86061234", "填報日期": "2023-04-05"}}
		for _, row := range templates.RowsFor(plan, agency) {
			fr := templates.FilledRow{Status: templates.Statuses[rng.Intn(3)], Progress: "按計劃推進,已完成階段性任務,累計完成投資12.5億元。"}
			if ind := row.Indicator; ind != nil && ind.Value != nil {
				v := *ind.Value * (0.2 + rng.Float64()*0.9)
				switch rng.Intn(10) {
				case 0:
					fr.Value = strconv.FormatFloat(float64(int(v)), 'f', -1, 64) + ind.Unit
				case 1:
					fr.Value = strings.Map(func(r rune) rune {
						if r >= '0' && r <= '9' {
							return r + 0xFEE0
						}
						return r
					}, strconv.Itoa(int(v)))
				default:
					fr.Value = float64(int(v*10)) / 10
				}
			}
			fill.Rows[row.ID()] = fr
		}
		spec := templates.LedgerSpec{Plan: plan, CatalogHash: info.CatalogHash, Agency: agency, Period: period, TemplateID: fmt.Sprintf("bench-%06d", i),
			IssuedAt: time.Now(), Deadline: period.End().AddDate(0, 0, 10), Key: key, Fill: fill}
		wb, _, err := templates.Ledger(spec)
		check(err)
		path := filepath.Join(dir, fmt.Sprintf("%06d_%s", i, templates.FileName(period.String(), agency, map[string]bool{})))
		check(wb.SaveAs(path))
		wb.Close()
		files = append(files, path)
	}
	return files
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
