package web

import (
	"os"
	"testing"

	"taizhang/access"
)

// The tests log in hundreds of times: cheap password hashes (access's tests check the real cost).
func TestMain(m *testing.M) {
	access.CheapPasswordHashesForTests()
	code := m.Run()
	for _, base := range baseSites {
		base.Remove()
	}
	os.Exit(code)
}
