package cycle

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"testing"
	"time"
)

// The feedback zip's files are stamped with the plan's wall time and nothing else: an absolute
// (extended) timestamp makes unzip on a UTC server show 01:00 for 09:00 Beijing time.
func TestFeedbackZipTimes(t *testing.T) {
	t.Parallel()
	clock := time.Date(2023, 7, 20, 9, 30, 0, 0, beijing)
	s := webService(t, &clock)
	var buf bytes.Buffer
	if _, err := s.FeedbackZip(context.Background(), webQ2, &buf); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil || len(z.File) == 0 {
		t.Fatal(len(z.File), err)
	}
	for _, f := range z.File {
		if got := f.Modified.Format("2006-01-02 15:04"); got != "2023-07-20 09:30" {
			t.Errorf("%s: stamped %s", f.Name, got)
		}
		for extra := f.Extra; len(extra) >= 4; {
			id, size := binary.LittleEndian.Uint16(extra), binary.LittleEndian.Uint16(extra[2:])
			if id == 0x5455 {
				t.Errorf("%s carries an extended (absolute) timestamp", f.Name)
			}
			extra = extra[min(len(extra), 4+int(size)):]
		}
		if f.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v", f.Name, f.Mode())
		}
	}
}
