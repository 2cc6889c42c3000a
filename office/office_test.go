package office

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"taizhang/internal/testenv"
)

// A launcher that starts a long-lived worker and waits, as soffice starts soffice.bin: on timeout
// both must die, not only the launcher.
func TestTimeoutKillsTheWholeGroup(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("process groups are a unix matter")
	}
	dir := t.TempDir()
	marker := "taizhang-office-test-" + filepath.Base(dir)
	fake := filepath.Join(dir, "soffice")
	script := "#!/bin/bash\n(exec -a " + marker + " sleep 300) &\nsleep 300\n"
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	c := Converter{Soffice: fake, Timeout: 300 * time.Millisecond}
	start := time.Now()
	_, err := c.Convert(context.Background(), []byte("x"), ".xls", XLSX)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Convert returned after %v; the timeout is 300ms", d)
	}
	time.Sleep(200 * time.Millisecond)
	out, _ := exec.Command("pgrep", "-f", marker).Output()
	if s := strings.TrimSpace(string(out)); s != "" {
		exec.Command("pkill", "-f", marker).Run()
		t.Fatalf("the worker outlived the timeout: pids %s", s)
	}
}

func TestNotInstalled(t *testing.T) {
	_, err := Converter{}.Convert(context.Background(), []byte("x"), ".xls", XLSX)
	if !errors.Is(err, ErrNotInstalled) {
		t.Fatalf("err = %v, want ErrNotInstalled", err)
	}
}

// With LibreOffice installed, a CSV converts to a real xlsx (a zip package).
func TestConvertWithLibreOffice(t *testing.T) {
	testenv.NeedSoffice(t)
	c := Find()
	c.Timeout = 5 * time.Minute // a first start on a machine busy with other tests is slow: not what is tested
	out, err := c.Convert(context.Background(), []byte("a,b\n1,2\n"), ".csv", XLSX)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte("PK")) || len(out) < 1000 {
		t.Fatalf("output is not an xlsx package: %d bytes starting %q", len(out), out[:min(len(out), 8)])
	}
}

// ConvertAll converts a batch in one LibreOffice run, each file to OutputName in the folder.
func TestConvertAllWithLibreOffice(t *testing.T) {
	if err := (Converter{}).ConvertAll(context.Background(), []string{"a.csv"}, XLSX, t.TempDir()); !errors.Is(err, ErrNotInstalled) {
		t.Fatalf("err = %v, want ErrNotInstalled", err)
	}
	testenv.NeedSoffice(t)
	c := Find()
	c.Timeout = 5 * time.Minute // a first start on a machine busy with other tests is slow: not what is tested
	dir := t.TempDir()
	var files []string
	for _, name := range []string{"a.csv", "b.data.csv"} {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, []byte("a,b\n1,2\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	out := filepath.Join(dir, "out")
	if err := c.ConvertAll(context.Background(), files, XLSX, out); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(out, OutputName(f, XLSX)))
		if err != nil || !bytes.HasPrefix(b, []byte("PK")) {
			t.Errorf("%s: %v, %d bytes", OutputName(f, XLSX), err, len(b))
		}
	}
}
