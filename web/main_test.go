package web

import (
	"os"
	"testing"

	"taizhang/cycle"
)

// The tests log in hundreds of times: cheap password hashes (cycle's tests check the real cost).
func TestMain(m *testing.M) {
	cycle.CheapPasswordHashesForTests()
	code := m.Run()
	for _, base := range baseSites {
		base.Remove()
	}
	os.Exit(code)
}
