package ingest

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	taizhang "taizhang"
	"taizhang/excel"
)

// A file held in memory (an upload) is taken exactly as a file on disk: checked, archived, stored
// with its own receipt time, channel and origin, and nothing is written outside the archive.
func TestBytesSource(t *testing.T) {
	e := newEnv(t)
	tpl := e.template("省財政廳", "2023-Q1")
	path := e.returned(tpl, "x.xlsx")
	fill(t, path, map[string]any{"39-1": 7.0})
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	received := time.Date(2023, 4, 8, 10, 0, 0, 0, time.UTC)
	src := BytesSource("省財政廳.xlsx", data)
	src.Origin, src.Received, src.Channel = "網上報送/省財政廳.xlsx", received, taizhang.ChannelLink
	sum, err := Run(context.Background(), e.st, Batch{Sources: []Source{src}}, Options{Jobs: 1})
	if err != nil || len(sum.Outcomes) != 1 || sum.Outcomes[0].Kind != Accepted {
		t.Fatalf("%v %+v", err, sum)
	}
	o := sum.Outcomes[0]
	if o.Name != "省財政廳.xlsx" || o.Origin != "網上報送/省財政廳.xlsx" || !o.SortAt.Equal(received) {
		t.Errorf("outcome %+v", o)
	}
	rets, _ := e.st.Returns(context.Background(), taizhang.Period{Year: 2023, Kind: 'Q', Index: 1})
	if len(rets) != 1 || rets[0].Channel != taizhang.ChannelLink || rets[0].SourcePath != src.Origin || !rets[0].ReceivedAt.Equal(received) ||
		rets[0].File != "省財政廳.xlsx" {
		t.Errorf("stored %+v", rets)
	}
}

// A source is refused by its size before a byte of it is read, and by its name when it claims to
// be no workbook at all; neither refusal names anything but the file's own name.
func TestSourceRefusedBeforeReading(t *testing.T) {
	e := newEnv(t)
	read := false
	big := Source{Name: "big.xlsx", Origin: "網上報送/big.xlsx", Open: func() (r io.ReaderAt, size int64, done func(), err error) {
		return readerAtFunc(func([]byte, int64) (int, error) { read = true; return 0, errors.New("read") }), 30 << 20, func() {}, nil
	}}
	pdf := BytesSource("報告.pdf", []byte("%PDF-1.4"))
	sum, err := Run(context.Background(), e.st, Batch{Sources: []Source{big, pdf}}, Options{Jobs: 1, Limits: excel.Limits{FileSize: 1 << 20}})
	if !errors.Is(err, ErrRefused) || sum.Count[Refused] != 2 {
		t.Fatalf("%v %+v", err, sum)
	}
	if read {
		t.Error("a source over the size limit was read")
	}
	for _, o := range sum.Outcomes {
		want := map[string]taizhang.RefusalReason{"big.xlsx": taizhang.RefusedTooLarge, "報告.pdf": taizhang.RefusedNotSpreadsheet}[o.Name]
		if o.Code != want || strings.Contains(o.Reason, "網上報送") || strings.Contains(o.Reason, os.TempDir()) {
			t.Errorf("%s: %s %q", o.Name, o.Code, o.Reason)
		}
	}
}

type readerAtFunc func(p []byte, off int64) (int, error)

func (f readerAtFunc) ReadAt(p []byte, off int64) (int, error) { return f(p, off) }
