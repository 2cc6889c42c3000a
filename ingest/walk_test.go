//go:build unix

package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWalkLinks (issue 11, item 9): a symlinked returns folder given on the command line, and a
// symlinked file or folder inside one, are followed; a link loop is read once and listed; a
// FIFO or a link to a device is refused by its kind, not read; a broken link is listed.
func TestWalkLinks(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	real := filepath.Join(root, "real")
	os.MkdirAll(filepath.Join(real, "sub"), 0o755)
	os.WriteFile(filepath.Join(real, "a.xlsx"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(root, "elsewhere.xlsx"), []byte("x"), 0o644)
	must := func(err error) {
		if err != nil {
			t.Skip("links or FIFOs not available:", err)
		}
	}
	must(os.Symlink(filepath.Join(root, "elsewhere.xlsx"), filepath.Join(real, "linked.xlsx")))
	must(os.Symlink(real, filepath.Join(real, "sub", "loop")))
	must(os.Symlink(filepath.Join(root, "gone.xlsx"), filepath.Join(real, "broken.xlsx")))
	must(os.Symlink("/dev/zero", filepath.Join(real, "zero.xlsx")))
	must(syscall.Mkfifo(filepath.Join(real, "fifo.xlsx"), 0o644))
	link := filepath.Join(root, "returns")
	must(os.Symlink(real, link))

	b := Walk([]string{link})
	rel := func(p string) string { r, _ := filepath.Rel(link, p); return r }
	var got, sk, rj []string
	for _, f := range b.Sources {
		got = append(got, rel(f.Origin))
	}
	for _, s := range b.Skipped {
		sk = append(sk, rel(s.Path)+":"+s.Why)
	}
	for _, o := range b.Refused {
		rj = append(rj, rel(o.Origin)+":"+string(o.Code))
	}
	if strings.Join(got, ",") != "a.xlsx,linked.xlsx" {
		t.Errorf("files %v", got)
	}
	if strings.Join(sk, ",") != "broken.xlsx:"+whyBroken+",sub/loop:"+whyLoop {
		t.Errorf("skipped %v", sk)
	}
	if strings.Join(rj, ",") != "fifo.xlsx:unreadable,zero.xlsx:unreadable" {
		t.Errorf("refused %v", rj)
	}
}
