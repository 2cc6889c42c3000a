package web

import (
	"os"
	"testing"

	"taizhang/cycle"
)

// The tests log in hundreds of times: cheap password hashes (cycle's tests check the real cost).
func TestMain(m *testing.M) {
	cycle.CheapPasswordHashesForTests()
	os.Exit(m.Run())
}
