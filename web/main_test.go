package web

import (
	"fmt"
	"os"
	"testing"

	"taizhang/cycle"
)

// The tests log in hundreds of times: cheap password hashes (cycle's tests check the real cost).
// Each script's base site is made in a folder of its own, removed when the tests are done.
func TestMain(m *testing.M) {
	cycle.CheapPasswordHashesForTests()
	for _, base := range baseSites {
		dir, err := os.MkdirTemp("", "taizhang-web-*")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		base.dir = dir
	}
	code := m.Run()
	for _, base := range baseSites {
		os.RemoveAll(base.dir)
	}
	os.Exit(code)
}
