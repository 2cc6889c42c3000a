package ingest

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/internal/ledgertest"
	"taizhang/internal/testenv"
	"taizhang/office"
	"taizhang/templates/ledger"
)

func currentValues(t *testing.T, e *env, agency, period string) (taizhang.Return, map[string]taizhang.Row) {
	t.Helper()
	p, _ := taizhang.ParsePeriod(period)
	subs, err := e.st.CurrentReturns(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range subs {
		if s.Agency == agency {
			m := map[string]taizhang.Row{}
			for _, v := range s.Values {
				m[v.Indicator] = v
			}
			return s, m
		}
	}
	t.Fatalf("no current return of %s for %s", agency, period)
	return taizhang.Return{}, nil
}

func TestIngestFilledReturn(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tpl := e.template("省科技廳", "2023-Q1")
	ret := e.returned(tpl, "科技廳一季度.xlsx")
	fill(t, ret, map[string]any{"2-1": 18.0, "2-2": "6家", "3-1": "１", "4-3": "約300", "5-1": 0.052, "7-1": "1.9萬", "9-1": "很多", "10-2": "30萬千瓦"})
	blank := ledgertest.Read(t, tpl)
	err := excel.Edit(ret, func(ed *excel.Editor) error {
		return errors.Join(ed.Set(ledger.SheetLedger, blank.FillerAt["填報人"], "李四"), ed.Set(ledger.SheetLedger, blank.FillerAt["聯繫電話"], "0531-8888"),
			ed.Set(ledger.SheetLedger, blank.FillerAt["填報日期"], time.Date(2023, 4, 8, 0, 0, 0, 0, time.UTC)))
	})
	if err != nil {
		t.Fatal(err)
	}
	sum := e.run([]string{filepath.Dir(ret)}, Options{})
	o := outcome(t, sum, "科技廳一季度.xlsx")
	if o.Kind != Accepted || o.Agency != "省科技廳" || o.Period != "2023-Q1" || o.Version != 1 || o.Flagged != 2 {
		t.Fatalf("outcome = %+v", o)
	}
	sub, vals := currentValues(t, e, "省科技廳", "2023-Q1")
	want := map[string]float64{"2-1": 18, "2-2": 6, "3-1": 1, "4-3": 300, "5-1": 5.2, "7-1": 1.9}
	for id, w := range want {
		if v := vals[id]; v.Value == nil || *v.Value != w {
			t.Errorf("%s = %+v, want %v", id, v, w)
		}
	}
	if v := vals["9-1"]; v.Flag != FlagInvalid || v.Raw != "很多" || v.Value != nil || v.Cell == "" {
		t.Errorf("9-1 = %+v, want invalid_value with raw kept", v)
	}
	if v := vals["10-2"]; v.Flag != FlagUnit {
		t.Errorf("10-2 = %+v, want unit_mismatch", v)
	}
	if v := vals["2-1"]; v.Status != "序時推進" || v.Progress == "" || v.Cell != ledger.LedgerCell(ledger.ColValue, 5) {
		t.Errorf("2-1 = %+v", v)
	}
	if sub.Filler != "李四" || sub.Phone != "0531-8888" || sub.FilledDate != "2023-04-08" || !sub.Signed || sub.LedgerID != "tpl-2023-Q1-省科技廳" ||
		sub.Channel != taizhang.ChannelFile {
		t.Errorf("submission = %+v", sub)
	}
	var codes []string
	for _, f := range sub.Findings {
		codes = append(codes, string(f.Code)+"@"+f.Cell)
	}
	if strings.Join(codes, ",") != "invalid_value@"+vals["9-1"].Cell+",unit_mismatch@"+vals["10-2"].Cell {
		t.Errorf("findings = %v", codes)
	}
	// archived by its SHA-256 beside the database
	b, err := os.ReadFile(filepath.Join(ArchiveDir(e.st.Path), sub.ArchivePath))
	orig, _ := os.ReadFile(ret)
	if err != nil || string(b) != string(orig) || !strings.Contains(sub.ArchivePath, sub.SHA256) {
		t.Errorf("archive %s: %v", sub.ArchivePath, err)
	}
}

func TestIngestDuplicateAndSupersede(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tpl := e.template("省財政廳", "2023-Q1")
	first := e.returned(tpl, "v1.xlsx")
	fill(t, first, map[string]any{"39-1": 1000.0})
	second := e.returned(first, "v2.xlsx")
	fill(t, second, map[string]any{"39-1": 1500.0})
	copyOfFirst := e.returned(first, "v1-again.xlsx")
	sum := e.run([]string{first}, Options{})
	if o := outcome(t, sum, "v1.xlsx"); o.Kind != Accepted || o.Version != 1 {
		t.Fatalf("v1 = %+v", o)
	}
	sum = e.run([]string{copyOfFirst, second}, Options{Jobs: 1})
	if o := outcome(t, sum, "v1-again.xlsx"); o.Kind != Duplicate {
		t.Errorf("same bytes again = %+v", o)
	}
	if o := outcome(t, sum, "v2.xlsx"); o.Kind != Superseded || o.Version != 2 {
		t.Errorf("v2 = %+v", o)
	}
	_, vals := currentValues(t, e, "省財政廳", "2023-Q1")
	if v := vals["39-1"]; v.Value == nil || *v.Value != 1500 {
		t.Errorf("current 39-1 = %+v", v)
	}
	subs, _ := e.st.Returns(context.Background(), taizhang.Period{Year: 2023, Kind: 'Q', Index: 1})
	if len(subs) != 2 || !subs[0].Current || subs[0].Version != 2 || subs[1].Current || subs[1].Withdrawn {
		t.Errorf("history = %+v", subs)
	}
}

// TestIngestCorpus: returns changed the ways people change them, each with its exact outcome.
func TestIngestCorpus(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tpl := e.template("省水利廳", "2023-Q1")
	other := e.template("省財政廳", "2023-Q1")
	tplQ2 := e.template("省水利廳", "2023-Q2")
	row := func(id string) int { return rowOf(t, tpl, id) }
	type edit func(ed *excel.Editor) error
	cases := []struct {
		name   string
		from   string
		edit   edit
		opts   Options
		kind   Kind
		code   taizhang.RefusalReason
		reason string
	}{
		{"filled.xlsx", tpl, nil, Options{}, Accepted, "", ""},
		{"rows-moved.xlsx", tpl, func(ed *excel.Editor) error { return ed.MoveRow(ledger.SheetLedger, row("35-1"), row("48-5")+1) }, Options{}, Accepted, "", ""},
		{"row-inserted.xlsx", tpl, func(ed *excel.Editor) error { return ed.InsertRow(ledger.SheetLedger, row("37-1")) }, Options{}, Accepted, "", ""},
		{"sheet-renamed.xlsx", tpl, func(ed *excel.Editor) error { return ed.Rename(ledger.SheetLedger, "水利廳臺賬") }, Options{}, Accepted, "", ""},
		{"columns-inserted.xlsx", tpl, func(ed *excel.Editor) error {
			return errors.Join(ed.InsertCol(ledger.SheetLedger, "I"), ed.Set(ledger.SheetLedger, "I3", "備註"), ed.InsertCol(ledger.SheetLedger, "A"),
				ed.InsertCol(ledger.SheetLedger, "M"), ed.Set(ledger.SheetLedger, "M3", "佐證材料")) // between 累計完成值 (now L) and 完成狀態
		}, Options{}, Accepted, "", ""},
		{"header-moved.xlsx", tpl, func(ed *excel.Editor) error {
			return errors.Join(ed.InsertRow(ledger.SheetLedger, 1), ed.InsertRow(ledger.SheetLedger, 1))
		}, Options{}, Accepted, "", ""},
		{"row-deleted.xlsx", tpl, func(ed *excel.Editor) error { return ed.RemoveRow(ledger.SheetLedger, row("37-2")) }, Options{}, Refused, taizhang.RefusedBadSignature, "缺少指標37-2"},
		{"target-changed.xlsx", tpl, func(ed *excel.Editor) error {
			return ed.Set(ledger.SheetLedger, cellAt("G", row("48-3")), "控制在300億立方米以內")
		},
			Options{}, Refused, taizhang.RefusedBadSignature, "單元格G" + itoa(row("48-3")) + "(目標值)被改為"},
		{"meta-deleted.xlsx", tpl, func(ed *excel.Editor) error { return ed.DeleteSheet(ledger.SheetMeta) }, Options{}, Refused, taizhang.RefusedNoMeta, "--allow-unsigned"},
		{"meta-deleted-allowed.xlsx", tpl, func(ed *excel.Editor) error { return ed.DeleteSheet(ledger.SheetMeta) }, Options{AllowUnsigned: true}, Accepted, "", ""},
		{"other-agency-meta.xlsx", tpl, copyMeta(t, other), Options{}, Refused, taizhang.RefusedBadSignature, "不屬於省財政廳的指標行"},
		{"wrong-period.xlsx", tplQ2, nil, Options{Period: taizhang.Period{Year: 2023, Kind: 'Q', Index: 1}}, Refused, taizhang.RefusedWrongPeriod, "這是2023年第二季度的臺賬"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := e.returned(c.from, c.name)
			fill(t, path, map[string]any{"35-1": 20.0})
			if c.edit != nil {
				if err := excel.Edit(path, c.edit); err != nil {
					t.Fatal(err)
				}
			}
			o := outcome(t, e.run([]string{path}, c.opts), c.name)
			if (c.kind == Accepted) != (o.Kind == Accepted || o.Kind == Superseded) || (c.kind == Refused && o.Kind != Refused) ||
				o.Code != c.code || !strings.Contains(o.Reason, c.reason) {
				t.Fatalf("%s: %s %s %q; want %s %s containing %q", c.name, o.Kind, o.Code, o.Reason, c.kind, c.code, c.reason)
			}
			if o.Kind == Refused {
				return
			}
			_, vals := currentValues(t, e, "省水利廳", "2023-Q1")
			if v := vals["35-1"]; v.Value == nil || *v.Value != 20 || v.Status != "序時推進" {
				t.Errorf("35-1 = %+v after %s", v, c.name)
			}
			if c.name == "columns-inserted.xlsx" {
				r := itoa(row("35-1"))
				if v := vals["35-1"]; v.Cell != "L"+r || v.StatusCell != "O"+r {
					t.Errorf("35-1 cells = %s, %s; want L%s and O%s after inserted columns", v.Cell, v.StatusCell, r, r)
				}
			}
		})
	}
}

// copyMeta replaces a workbook's _meta values with another template's.
func copyMeta(t *testing.T, from string) func(ed *excel.Editor) error {
	book, err := excel.Open(from, excel.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := book.Rows(ledger.SheetMeta)
	book.Close()
	return func(ed *excel.Editor) error {
		var errs []error
		for i, r := range rows {
			errs = append(errs, ed.Set(ledger.SheetMeta, cellAt("B", i+1), r[1]))
		}
		return errors.Join(errs...)
	}
}

func TestIngestThroughLibreOffice(t *testing.T) {
	soffice := testenv.NeedSoffice(t)
	t.Parallel()
	e := newEnv(t)
	ret := e.returned(e.template("省能源局", "2023-Q1"), "能源局.xlsx")
	fill(t, ret, map[string]any{"27-1": 6800.0, "28-1": "820萬千瓦"})
	out := filepath.Join(e.dir, "resaved")
	// Re-saved as .xlsx, and as .xls and .ods as some agencies send them.
	for _, to := range []string{"xlsx:Calc MS Excel 2007 XML", "xls:MS Excel 97", "ods"} {
		cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(e.dir, "lo"), "--headless", "--convert-to", to, "--outdir", out, ret)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice %s: %v %s", to, err, b)
		}
	}
	// What is tested is the conversion, not its time: a machine busy with other tests may take
	// longer than the default per-file budget.
	conv := office.Find()
	conv.Timeout = 5 * time.Minute
	sum := e.run([]string{out}, Options{Converter: conv, Jobs: 1, FileTimeout: 5 * time.Minute})
	for _, name := range []string{"能源局.ods", "能源局.xls", "能源局.xlsx"} {
		if o := outcome(t, sum, name); o.Kind != Accepted && o.Kind != Superseded {
			t.Errorf("%s: %+v", name, o)
		}
	}
	subs, _ := e.st.Returns(context.Background(), taizhang.Period{Year: 2023, Kind: 'Q', Index: 1})
	var converted []string
	for _, s := range subs {
		converted = append(converted, s.Converted)
	}
	if len(subs) != 3 || !strings.Contains(strings.Join(converted, ","), "xls") || !strings.Contains(strings.Join(converted, ","), "ods") {
		t.Errorf("versions %d, converted from %v", len(subs), converted)
	}
	_, vals := currentValues(t, e, "省能源局", "2023-Q1")
	if v := vals["27-1"]; v.Value == nil || *v.Value != 6800 {
		t.Errorf("27-1 = %+v", v)
	}
	if v := vals["28-1"]; v.Value == nil || *v.Value != 820 {
		t.Errorf("28-1 = %+v", v)
	}
}

func TestIngestWithoutLibreOffice(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	xls := filepath.Join(e.dir, "old.xls")
	os.WriteFile(xls, append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), 0o644)
	o := outcome(t, e.run([]string{xls}, Options{Converter: office.Converter{}}), "old.xls")
	if o.Kind != Refused || o.Code != taizhang.RefusedConversion || !strings.Contains(o.Reason, "apt-get install libreoffice-calc-nogui") {
		t.Errorf("outcome = %+v", o)
	}
}

func TestWalkSkipsTemporaryFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, name := range []string{"a.xlsx", "sub/b.XLSX", "~$a.xlsx", ".~lock.a.xlsx#", ".DS_Store", "sub/.hidden/c.xlsx", "notes.pdf", "data.csv", "d.et"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	b := Walk([]string{dir, filepath.Join(dir, "missing.xlsx")})
	var got []string
	for _, f := range b.Sources {
		rel, _ := filepath.Rel(dir, f.Origin)
		got = append(got, rel)
	}
	// skipped: ~$a.xlsx, .~lock…#, .DS_Store and (listed since issue 11) the folder sub/.hidden
	if strings.Join(got, ",") != "a.xlsx,d.et,sub/b.XLSX" || len(b.Skipped) != 4 || len(b.Refused) != 3 {
		t.Errorf("files %v, skipped %v, refused %v", got, b.Skipped, b.Refused)
	}
}
