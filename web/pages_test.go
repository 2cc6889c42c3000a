package web

import (
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"

	taizhang "taizhang"
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
