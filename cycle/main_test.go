package cycle

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	code := m.Run()
	webBase.Remove()
	os.Exit(code)
}
