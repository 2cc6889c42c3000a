package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Ctrl-C during ingest, as a real signal to a real process: the files committed stay, the rest
// are reported as not processed (not refused), and the same command again finishes the set.
func TestIngestCtrlC(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	// Not parallel: it times a signal against a child command's progress, which tests beside it
	// would slow.
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	list := makeReturns(t, db, filepath.Join(dir, "returns"), 108)
	cmd := command(db, "ingest", list)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Ctrl-C once the run is under way: a few files archived (each is archived just before it is
	// committed).
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		archived, _ := filepath.Glob(filepath.Join(dir, "archive", "*", "*.xlsx"))
		if len(archived) >= 10 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	stored := checkWholeOrAbsent(t, db)
	m := regexp.MustCompile(`已中断:已导入(\d+)个文件,(\d+)个文件未处理`).FindStringSubmatch(stderr.String())
	if stored == 108 {
		t.Skipf("the run finished before the signal (%v)", err)
	}
	if m == nil || cmd.ProcessState.ExitCode() != exitError {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", cmd.ProcessState.ExitCode(), stdout.String(), stderr.String())
	}
	imported, _ := strconv.Atoi(m[1])
	unprocessed, _ := strconv.Atoi(m[2])
	if imported != stored || imported+unprocessed != 108 {
		t.Errorf("said %d imported and %d not processed; %d stored", imported, unprocessed, stored)
	}
	for _, english := range []string{"context canceled", "拒收 " + list, "未导入"} {
		if strings.Contains(stdout.String()+stderr.String(), english) {
			t.Errorf("output has %q:\n%s%s", english, stdout.String(), stderr.String())
		}
	}
	if !strings.Contains(stderr.String(), "再次运行同一命令即可继续") {
		t.Errorf("no advice:\n%s", stderr.String())
	}
	out, err := command(db, "ingest", list).CombinedOutput()
	if err != nil {
		t.Fatalf("the rerun: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), fmt.Sprintf("接收 %d | 替换旧版 0 | 旧版存档 0 | 重复 %d | 拒收 0", 108-stored, stored)) {
		t.Errorf("the rerun:\n%s", out)
	}
	if n := checkWholeOrAbsent(t, db); n != 108 {
		t.Errorf("%d stored after the rerun", n)
	}
}

// Ctrl-C during templates: every ledger file left is one recorded as sent.
func TestTemplatesCtrlC(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	// Not parallel: it times a signal against a child command's progress, which tests beside it
	// would slow.
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	if b, err := command(db, "init").CombinedOutput(); err != nil {
		t.Fatalf("init: %v %s", err, b)
	}
	for i, after := range []int{3, 12, 30} {
		period := fmt.Sprintf("2023-%02d", i+1)
		out := filepath.Join(dir, period)
		cmd := command(db, "templates", "--period", period, "--out", out)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for start := time.Now(); time.Since(start) < time.Minute; time.Sleep(time.Millisecond) {
			if files, _ := filepath.Glob(filepath.Join(out, "*.xlsx")); len(files) >= after {
				break
			}
		}
		cmd.Process.Signal(syscall.SIGINT)
		cmd.Wait()
		entries, _ := os.ReadDir(out)
		files := map[string]bool{}
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") {
				t.Errorf("%s: temporary file left: %s", period, e.Name())
			} else {
				files[e.Name()] = true
			}
		}
		code, stdout, _ := run(t, "--db", db, "status", "--period", period, "--json")
		if code != 0 {
			t.Fatal(stdout)
		}
		recorded := strings.Count(stdout, `"template_id"`)
		if recorded != len(files) {
			t.Errorf("%s: %d files, %d recorded as sent\n%s", period, len(files), recorded, stderr.String())
		}
		if cmd.ProcessState.ExitCode() != 0 && !strings.Contains(stderr.String(), fmt.Sprintf("已中断:已生成并记录%d份台账", recorded)) {
			t.Errorf("%s: exit %d\n%s", period, cmd.ProcessState.ExitCode(), stderr.String())
		}
		t.Logf("%s: interrupted after %d files", period, len(files))
	}
}
