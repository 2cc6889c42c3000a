package cycle

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/script"
)

// xlsxText is every word a workbook can show: the text and attribute values of all its XML parts
// (cells, shared strings, comments, footers, validation prompts and errors, sheet names, chart
// titles); font names aside.
func xlsxText(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	font := map[string]bool{"name": true, "rFont": true, "font": true}
	var b strings.Builder
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".vml") || strings.HasPrefix(f.Name, "xl/theme/") {
			continue // the theme names fonts for every script (游ゴシック, 新細明體): not words anyone reads
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(rc)
		d.Strict = false
		for {
			tok, err := d.Token()
			if err != nil {
				if !errors.Is(err, io.EOF) {
					t.Fatalf("%s %s: %v", path, f.Name, err)
				}
				break
			}
			switch tok := tok.(type) {
			case xml.CharData:
				b.Write(tok)
				b.WriteByte('\n')
			case xml.StartElement:
				for _, a := range tok.Attr {
					if font[tok.Name.Local] || a.Name.Local == "typeface" {
						continue // a font's name (宋体), not a word on the page
					}
					b.WriteString(a.Value)
					b.WriteByte('\n')
				}
			}
		}
		rc.Close()
	}
	return b.String()
}

// TestWorkbooksInOneScript: every workbook the tool writes (ledger, catalog, report, chase list,
// the feedback sheet and marks) shows the plan's script only, in every word a person can see,
// footers and validation messages included; then the same after switching script.
func TestWorkbooksInOneScript(t *testing.T) {
	t.Parallel()
	f, _ := twoPeriods(t)
	ctx := context.Background()
	q2, q3 := taizhang.Period{Year: 2023, Kind: 'Q', Index: 2}, taizhang.Period{Year: 2023, Kind: 'Q', Index: 3}
	conv := script.Default()
	for _, to := range []taizhang.Script{taizhang.Traditional, taizhang.Simplified} {
		if to == taizhang.Simplified {
			if err := f.s.Configure(ctx, ConfigRequest{Script: to}); err != nil {
				t.Fatal(err)
			}
		}
		dir := filepath.Join(f.dir, string(to))
		os.MkdirAll(dir, 0o755)
		v, err := f.s.View(ctx, ViewRequest{Period: q2})
		if err != nil {
			t.Fatal(err)
		}
		books := map[string]string{"report": filepath.Join(dir, "report.xlsx"), "chase": filepath.Join(dir, "chase.xlsx"),
			"catalog": filepath.Join(dir, "catalog.xlsx")}
		if err := f.s.WriteReport(ctx, v, ReportRequest{Path: books["report"]}); err != nil {
			t.Fatal(err)
		}
		if err := f.s.WriteChase(ctx, v, books["chase"]); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.ExportCatalog(ctx, books["catalog"]); err != nil {
			t.Fatal(err)
		}
		f.at("2023-09-20 09:00")
		res, err := f.s.IssueLedgers(ctx, IssueRequest{Period: q3, Out: filepath.Join(dir, "ledgers"), Contact: conv.Convert("協調辦 0531-1234", to)})
		if err != nil {
			t.Fatal(err)
		}
		books["ledger"] = res.Ledgers[0].File
		f.at("2023-07-20 09:00")
		for name, path := range books {
			// the agencies' own files and sheets (科技廳.xlsx!工作臺賬!J5) are theirs, quoted as they are
			text := regexp.MustCompile(`[^\s!“”(]+\.xlsx(![^\s!]+)*`).ReplaceAllString(xlsxText(t, path), "")
			if bad := conv.NotIn(text, to); len(bad) > 0 {
				t.Errorf("%s, %s: characters of the other script %q", to, name, string(bad))
			}
		}
	}
}
