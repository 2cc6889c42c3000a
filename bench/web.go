package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	taizhang "taizhang"
	"taizhang/cycle"
)

// webBench measures taizhang serve under the load of issue 14: every agency of the embedded plan
// uploads five versions of its return, 16 uploads at a time, on loopback, to the server running as
// its own process. It prints the time from upload to verdict (p50, p95, max), the throughput and
// the server's peak RSS.
func webBench(work, bin string, versions, parallel int) {
	dir := filepath.Join(work, "web")
	db := filepath.Join(dir, "taizhang.db")
	check(os.MkdirAll(dir, 0o755))
	const now = "2023-07-05T09:00:00+08:00" // before the deadline: every upload is on time
	tokens := issueLinks(bin, db, dir, now)
	files, agencies := simulatedVersions(db, dir, versions)
	srv, addr := startServer(bin, db, now)

	start := time.Now()
	latencies, failed := uploadAll(addr, tokens, files, agencies, parallel)
	total := time.Since(start)
	check(srv.Process.Signal(syscall.SIGTERM))
	check(srv.Wait())
	rss := srv.ProcessState.SysUsage().(*syscall.Rusage).Maxrss

	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	pct := func(p int) time.Duration {
		return latencies[min(len(latencies)-1, len(latencies)*p/100)].Round(time.Millisecond)
	}
	fmt.Printf("taizhang serve: %d agencies × %d versions = %d uploads, %d at a time, on loopback (%d cores)\n",
		len(agencies), versions, len(latencies), parallel, runtime.NumCPU())
	fmt.Printf("  upload to verdict: p50 %v, p95 %v, max %v; %.1f uploads/s; server peak RSS %d MB; wrong verdicts %d\n",
		pct(50), pct(95), latencies[len(latencies)-1].Round(time.Millisecond), float64(len(latencies))/total.Seconds(), rss/1024, failed)
	if failed > 0 {
		os.Exit(1)
	}
}

// issueLinks makes a database with the period's ledgers issued and returns each agency's link token.
func issueLinks(bin, db, dir, now string) map[string]string {
	runEnv([]string{"TAIZHANG_NOW=" + now}, bin, "--db", db, "init")
	runEnv([]string{"TAIZHANG_NOW=" + now}, bin, "--db", db, "templates", "--period", "2023-Q2", "--out", filepath.Join(dir, "ledgers"))
	out, err := exec.Command(bin, "--db", db, "links", "--period", "2023-Q2", "--json", "--base-url", "http://x").Output()
	check(err)
	var links []struct{ Agency, URL string }
	check(json.Unmarshal(out, &links))
	tokens := map[string]string{}
	for _, l := range links {
		tokens[l.Agency] = strings.TrimPrefix(l.URL, "http://x/a/")
	}
	return tokens
}

// simulatedVersions makes versions of every agency's return with the simulator the demo and tests
// use; it returns them by agency, and the agencies in order.
func simulatedVersions(db, dir string, versions int) (map[string][][]byte, []string) {
	ctx := context.Background()
	svc, err := cycle.Open(ctx, cycle.Options{Path: db})
	check(err)
	defer svc.Close()
	period := taizhang.Period{Year: 2023, Kind: 'Q', Index: 2}
	files := map[string][][]byte{}
	for seed := 1; seed <= versions; seed++ {
		rets, err := svc.Simulate(ctx, cycle.SimulateRequest{Period: period, Seed: int64(seed), Dir: filepath.Join(dir, fmt.Sprint("returns-", seed))})
		check(err)
		for _, r := range rets {
			if r.Path != "" {
				b, err := os.ReadFile(r.Path)
				check(err)
				files[r.Agency] = append(files[r.Agency], b)
			}
		}
	}
	agencies := make([]string, 0, len(files))
	for a := range files {
		agencies = append(agencies, a)
	}
	sort.Strings(agencies)
	return files, agencies
}

// startServer runs taizhang serve on a free loopback port and returns it with its address.
func startServer(bin, db, now string) (*exec.Cmd, string) {
	srv := exec.Command(bin, "--db", db, "serve", "--addr", "127.0.0.1:0")
	srv.Env = append(os.Environ(), "TAIZHANG_NOW="+now)
	stdout, err := srv.StdoutPipe()
	check(err)
	srv.Stderr = os.Stderr
	check(srv.Start())
	lines := bufio.NewScanner(stdout)
	addr := ""
	for addr == "" && lines.Scan() {
		if m := regexp.MustCompile(`127\.0\.0\.1:\d+`).FindString(lines.Text()); m != "" {
			addr = m
		}
	}
	go io.Copy(io.Discard, stdout)
	if addr == "" {
		check(fmt.Errorf("serve did not say where it listens"))
	}
	return srv, addr
}

// uploadAll uploads every agency's versions in order, parallel agencies at a time, and returns
// each upload's time to verdict and how many verdicts were wrong.
func uploadAll(addr string, tokens map[string]string, files map[string][][]byte, agencies []string, parallel int) ([]time.Duration, int) {
	queue := make(chan string)
	var mu sync.Mutex
	var latencies []time.Duration
	failed := 0
	var wg sync.WaitGroup
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: parallel}}
	for w := 0; w < parallel; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range queue {
				for i, data := range files[a] {
					took, ok := upload(client, "http://"+addr+"/a/"+tokens[a]+"/returns", fmt.Sprintf("v%d.xlsx", i+1), data, i+1)
					mu.Lock()
					latencies = append(latencies, took)
					if !ok {
						failed++
					}
					mu.Unlock()
				}
			}
		}()
	}
	for _, a := range agencies {
		queue <- a
	}
	close(queue)
	wg.Wait()
	return latencies, failed
}

// upload posts one file and checks the verdict is the version expected.
func upload(client *http.Client, url, name string, data []byte, version int) (time.Duration, bool) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, err := http.NewRequest(http.MethodPost, url, &body)
	check(err)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept", "application/json")
	start := time.Now()
	res, err := client.Do(req)
	if err != nil {
		return time.Since(start), false
	}
	var v cycle.Verdict
	err = json.NewDecoder(res.Body).Decode(&v)
	res.Body.Close()
	took := time.Since(start)
	return took, err == nil && res.StatusCode == http.StatusOK && v.Outcome == cycle.OutcomeAccepted && v.Version == version
}

func runEnv(env []string, bin string, args ...string) {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "%v: %v\n%s", args, err, out)
		os.Exit(1)
	}
}
