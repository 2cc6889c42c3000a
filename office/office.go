// Package office runs LibreOffice headless to convert documents and workbooks between formats:
// returned .xls/.et/.ods ledgers to .xlsx, .doc/.wps plans to .docx, and reports to PDF.
//
// Each conversion runs in its own process group with a throw-away profile, and a timeout kills
// the whole group: soffice's launcher (oosplash) and the real worker (soffice.bin) both go.
package office

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Targets for Convert: LibreOffice's --convert-to argument for each output format.
const (
	XLSX = "xlsx:Calc MS Excel 2007 XML"
	DOCX = "docx:MS Word 2007 XML"
	PDF  = "pdf"
)

// ErrNotInstalled means LibreOffice is not on this machine.
var ErrNotInstalled = errors.New("office: LibreOffice is not installed")

// ErrTimeout means a conversion ran past its time and was killed.
var ErrTimeout = errors.New("office: conversion timed out")

// TimeoutError is a conversion killed after running its time (it is ErrTimeout).
type TimeoutError struct{ After time.Duration }

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("office: conversion timed out after %v", e.After)
}
func (e *TimeoutError) Unwrap() error { return ErrTimeout }

// Converter converts files with LibreOffice. Its zero value has no LibreOffice: every conversion
// fails with ErrNotInstalled.
type Converter struct {
	Soffice string        // path to soffice; empty when LibreOffice is not installed
	Timeout time.Duration // per conversion; 0 means DefaultTimeout
	// Stand, when set, converts in LibreOffice's place: the seam for tests where the conversion
	// is not what is tested (officetest.Converter), so that they need no LibreOffice and no
	// seconds of it. Every caller keeps taking a Converter.
	Stand Stand
}

// Stand converts in LibreOffice's place, as Convert does.
type Stand interface {
	Convert(ctx context.Context, data []byte, ext, target string) ([]byte, error)
}

// DefaultTimeout bounds one conversion: a real ledger or plan converts in a few seconds.
const DefaultTimeout = 60 * time.Second

// Find looks for LibreOffice on PATH.
func Find() Converter {
	c := Converter{Timeout: DefaultTimeout}
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			c.Soffice = p
			break
		}
	}
	return c
}

// Installed reports whether conversions can run.
func (c Converter) Installed() bool { return c.Soffice != "" || c.Stand != nil }

// Convert converts data (a file in the format its extension ext names, such as ".xls") to the
// target format (XLSX, DOCX or PDF) and returns the converted bytes.
func (c Converter) Convert(ctx context.Context, data []byte, ext, target string) ([]byte, error) {
	if c.Stand != nil {
		return c.Stand.Convert(ctx, data, ext, target)
	}
	if c.Soffice == "" {
		return nil, ErrNotInstalled
	}
	dir, err := os.MkdirTemp("", "taizhang-office-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in"+ext)
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, err
	}
	outDir := filepath.Join(dir, "out")
	out, err := c.run(ctx, dir, outDir, target, []string{in})
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(filepath.Join(outDir, OutputName(in, target)))
	if err != nil {
		return nil, fmt.Errorf("office: LibreOffice wrote no output (%s)", out)
	}
	return b, nil
}

// ConvertAll converts files to the target format in one run of LibreOffice, writing each into
// outDir under OutputName. Starting LibreOffice costs more than converting a small workbook, so
// a batch is much faster than a Convert per file. The files need distinct base names. LibreOffice
// skips a file it cannot load and goes on with the others: the caller checks that each output
// is there. The converter's Timeout bounds the whole run.
func (c Converter) ConvertAll(ctx context.Context, files []string, target, outDir string) error {
	if c.Stand != nil {
		return c.standAll(ctx, files, target, outDir)
	}
	if c.Soffice == "" {
		return ErrNotInstalled
	}
	dir, err := os.MkdirTemp("", "taizhang-office-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	_, err = c.run(ctx, dir, outDir, target, files)
	return err
}

// standAll converts files one by one with the stand-in, skipping a file it cannot load or
// convert, as LibreOffice does.
func (c Converter) standAll(ctx context.Context, files []string, target, outDir string) error {
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		out, err := c.Stand.Convert(ctx, data, filepath.Ext(f), target)
		if err != nil {
			continue
		}
		if err := os.WriteFile(filepath.Join(outDir, OutputName(f, target)), out, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// OutputName is the name LibreOffice gives the conversion of file to target: its base name with
// the target's extension.
func OutputName(file, target string) string {
	base := filepath.Base(file)
	return strings.TrimSuffix(base, filepath.Ext(base)) + "." + strings.SplitN(target, ":", 2)[0]
}

// run runs soffice once over files, with dir for its profile and HOME, and returns what it said.
func (c Converter) run(ctx context.Context, dir, outDir, target string, files []string) (string, error) {
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	// A profile of its own: parallel conversions do not fight over one, and nothing a converted
	// file does to the profile outlives the conversion.
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--norestore",
		"--nolockcheck", "--convert-to", target, "--outdir", outDir}, files...)
	cmd := exec.CommandContext(ctx, c.Soffice, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.Env = append(os.Environ(), "HOME="+dir) // LibreOffice writes caches under HOME
	inGroup(cmd)
	cmd.WaitDelay = 5 * time.Second // output pipes held open by a stray child do not hold us
	err := cmd.Run()
	killGroup(cmd) // anything the launcher left behind
	said := strings.TrimSpace(out.String())
	if err := parent.Err(); err != nil {
		return said, err // the caller gave up (Ctrl-C): not a timeout
	}
	if ctx.Err() != nil {
		return said, &TimeoutError{After: timeout}
	}
	if err != nil {
		return said, fmt.Errorf("office: soffice: %v: %s", err, said)
	}
	return said, nil
}
