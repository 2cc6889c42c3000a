package web

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/cycle"
	"taizhang/excel"
	"taizhang/internal/ledgertest"
)

// The board's charts use the report's palette, sent with the data, so a status has one colour on
// paper and on screen: an agency not yet returned is grey, never a colour of its own.
func TestChartColoursAreTheReports(t *testing.T) {
	t.Parallel()
	st := newSite(t, taizhang.Simplified)
	type series struct{ Key, Name, Colour string }
	var chart struct{ Series, States []series }
	st.getJSON("/periods/2023-Q2/chart.json", st.login(), &chart)
	want := map[string]string{"sent": "#A6A6A6", "not_reported": "#A6A6A6", "on_time": "#00B050", "behind": "#FFC000"}
	if len(chart.Series) == 0 || len(chart.States) == 0 {
		t.Fatalf("chart has no data: %+v", chart)
	}
	for _, s := range append(chart.Series, chart.States...) {
		if s.Colour == "" {
			t.Errorf("%s (%s) has no colour", s.Key, s.Name)
		}
		if w, ok := want[s.Key]; ok && s.Colour != w {
			t.Errorf("%s (%s) is %s, want %s", s.Key, s.Name, s.Colour, w)
		}
	}
}

// An agency that comes back to its page after a refused upload still sees why it was refused.
func TestAgencyPageRemembersARefusal(t *testing.T) {
	t.Parallel()
	st := newSite(t, taizhang.Simplified)
	agency := "省科技厅" // the plan is in Simplified
	path := st.returns(1)[agency]
	tamper(t, path)
	res := st.upload(st.tokens[agency], "改过目标.xlsx", readFile(t, path), nil)
	res.Body.Close()
	_, page := st.get("/a/"+st.tokens[agency], nil, "")
	for _, want := range []string{"改过目标.xlsx", "未被接收", "校验不通过"} {
		if !strings.Contains(page, want) {
			t.Errorf("the agency page, reloaded, lacks %q", want)
		}
	}
}

// ECharts is stored gzipped: a browser gets it compressed, any other client plain, both the same
// script.
func TestGzippedAsset(t *testing.T) {
	t.Parallel()
	st := newSite(t, taizhang.Simplified)
	for _, enc := range []string{"gzip, deflate, br", ""} {
		req, _ := http.NewRequest("GET", st.url("/assets/echarts.min.js"), nil)
		req.Header.Set("Accept-Encoding", enc)
		res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		body := io.Reader(res.Body)
		if res.Header.Get("Content-Encoding") == "gzip" {
			if enc == "" {
				t.Error("gzip sent to a client that did not ask for it")
			}
			zr, err := gzip.NewReader(res.Body)
			if err != nil {
				t.Fatal(err)
			}
			body = zr
		} else if enc != "" {
			t.Error("a browser accepting gzip got the script inflated")
		}
		b, _ := io.ReadAll(body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/javascript") || len(b) < 1_000_000 || !strings.Contains(string(b[:2000]), "echarts") {
			t.Errorf("Accept-Encoding %q: %d %s, %d bytes", enc, res.StatusCode, res.Header.Get("Content-Type"), len(b))
		}
	}
}

// Every code and refusal reason prints its label on the pages: missing_row (once blank) on the
// findings page and the agency's own page; malformed_xml (once missing from the web's copy of
// the refusal labels) in an upload's verdict.
func TestPagesLabelEveryCode(t *testing.T) {
	st := newSite(t, taizhang.Simplified)
	agency := "省科技厅"
	path := st.returns(1)[agency]
	r := ledgertest.Read(t, path)
	if err := excel.Edit(path, func(e *excel.Editor) error { return e.RemoveRow(r.Sheet, r.Rows[1].Row) }); err != nil {
		t.Fatal(err)
	}
	_, err := st.svc.Ingest(context.Background(), cycle.IngestRequest{Paths: []string{path}, AllowUnsigned: true, Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	label := taizhang.CodeMissingRow.Label(taizhang.Simplified)
	_, findings := st.get("/periods/2023-Q2/findings", st.login(), "")
	_, own := st.get("/a/"+st.tokens[agency], nil, "")
	for name, page := range map[string]string{"findings": findings, "agency": own} {
		if !strings.Contains(page, `<span class="tag">`+label+`</span>`) {
			t.Errorf("the %s page does not name missing_row %s", name, label)
		}
	}
	if !strings.Contains(findings, `<option value="missing_row">`+label+`</option>`) {
		t.Error("the findings page cannot filter by missing_row")
	}
	// A file Excel would not open (a DTD) is refused as malformed_xml, and the agency is told so.
	bad := readFile(t, st.returns(2)["省水利厅"])
	res := st.upload(st.tokens["省水利厅"], "坏的.xlsx", withDTD(t, bad), http.Header{"Accept": {"text/html"}})
	defer res.Body.Close()
	page, _ := io.ReadAll(res.Body)
	if want := "(原因:" + taizhang.RefusedMalformed.Label(taizhang.Simplified) + ")"; !strings.Contains(string(page), want) {
		t.Errorf("the verdict of a malformed file lacks %q", want)
	}
}

// withDTD returns a workbook whose sheet starts with a document type declaration.
func withDTD(t *testing.T, xlsx []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if strings.HasPrefix(f.Name, "xl/worksheets/") {
			b = bytes.Replace(b, []byte("<worksheet"), []byte(`<!DOCTYPE worksheet [<!ENTITY e "1">]><worksheet`), 1)
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	return out.Bytes()
}
