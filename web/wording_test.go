package web

import (
	"net/http"
	"strings"
	"testing"

	taizhang "taizhang"
)

// A redirect carries no English body, and an agency's page never shows the login of the machine
// that ran ingest.
func TestNoEnglishRedirectNoOSUser(t *testing.T) {
	t.Parallel()
	st := newSite(t, taizhang.Simplified)
	res, body := st.get("/", nil, "")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") || strings.Contains(body, "See Other") {
		t.Errorf("GET / without a session: %d %q %q", res.StatusCode, res.Header.Get("Location"), body)
	}
	if got := channel("root"); got != chanCoordinator {
		t.Errorf("channel(root) = %q", got)
	}
}
