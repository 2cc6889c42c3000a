package ingest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Converter turns .xls, .et and .ods into .xlsx with LibreOffice headless, when it is installed.
type Converter struct {
	Soffice string // path to soffice; empty when LibreOffice is not installed
	Timeout time.Duration
}

// FindConverter looks for LibreOffice on PATH.
func FindConverter() Converter {
	c := Converter{Timeout: 60 * time.Second}
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			c.Soffice = p
			break
		}
	}
	return c
}

// InstallHint says exactly how to get LibreOffice when it is missing.
const InstallHint = "本機沒有安裝LibreOffice,無法轉換舊格式。請安裝後重試(Debian/Ubuntu: sudo apt-get install libreoffice-calc-nogui;" +
	"Windows/macOS: 從 libreoffice.org 安裝),或請報送單位用Excel/WPS另存為.xlsx"

// Convert converts one file's bytes (named name, in the format of its extension) to xlsx bytes.
func (c Converter) Convert(ctx context.Context, name string, data []byte, ext string) ([]byte, error) {
	if c.Soffice == "" {
		return nil, fmt.Errorf("%s", InstallHint)
	}
	dir, err := os.MkdirTemp("", "taizhang-convert-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in"+ext)
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	// Each conversion gets its own profile so that parallel conversions do not fight over one.
	cmd := exec.CommandContext(ctx, c.Soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", "--norestore",
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", filepath.Join(dir, "out"), in)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("LibreOffice轉換超時(%v),文件可能損壞或有打開密碼", c.Timeout)
		}
		return nil, fmt.Errorf("LibreOffice無法轉換:%s", strings.TrimSpace(out.String()))
	}
	b, err := os.ReadFile(filepath.Join(dir, "out", "in.xlsx"))
	if err != nil {
		return nil, fmt.Errorf("LibreOffice無法打開此文件(可能已損壞或有打開密碼)")
	}
	return b, nil
}
