package web

import (
	"testing"

	taizhang "taizhang"
)

// The board's charts use the report's palette, sent with the data, so a status has one colour on
// paper and on screen: an agency not yet returned is grey, never a colour of its own.
func TestChartColoursAreTheReports(t *testing.T) {
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
