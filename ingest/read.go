package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/excel"
	"taizhang/office"
	"taizhang/script"
	"taizhang/store"
	"taizhang/templates"
)

// Rejection codes (Contract 4 names where they exist).
const (
	CodeNotSpreadsheet = "not_a_spreadsheet"
	CodeUnreadable     = "unreadable"
	CodeEncrypted      = "encrypted"
	CodeTooLarge       = "resource_limit"
	CodeNotLedger      = "not_a_ledger"
	CodeNoMeta         = "no_meta"
	CodeBadSignature   = "bad_signature"
	CodeWrongPlan      = "wrong_plan"
	CodeWrongAgency    = "wrong_agency"
	CodeWrongPeriod    = "wrong_period"
	CodeUnknownRow     = "unknown_row"
	CodeOldCatalog     = "old_catalog"
	CodeConvert        = "conversion_failed"
)

// checker holds what every file is checked against; it is read-only while workers run.
type checker struct {
	plan      *taizhang.Plan
	hash      string
	key       []byte
	resolver  *catalog.Resolver
	indicator map[string]*taizhang.Indicator
	templates map[string]taizhang.Template
	known     map[string]bool            // SHA-256 of every file ingested before this run
	rowsOf    map[string]map[string]bool // agency → the row ids of its ledger
	statuses  map[string]string          // folded 完成狀態 label → the label
	opts      Options
	conv      office.Converter
}

// readFile reads, converts and checks one file. It returns the submission to store, or a rejection.
func (c *checker) readFile(ctx context.Context, path string, st *store.Store) Outcome {
	o := Outcome{Path: path, Name: filepath.Base(path)}
	fi, err := os.Stat(path)
	if err != nil {
		return o.reject(CodeUnreadable, "無法讀取:"+err.Error())
	}
	if fi.Size() > c.opts.Limits.FileSize {
		return o.reject(CodeTooLarge, fmt.Sprintf("文件有%d MB,超過%d MB的上限;臺賬不會這麼大,請檢查是否發錯文件", fi.Size()>>20, c.opts.Limits.FileSize>>20))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return o.reject(CodeUnreadable, "無法讀取:"+err.Error())
	}
	sum := sha256.Sum256(data)
	o.SHA256, o.Size = hex.EncodeToString(sum[:]), int64(len(data))
	o.data = data
	if c.known[o.SHA256] {
		o.Kind = Duplicate
		return o
	}
	if biffEncrypted(data) {
		return o.reject(CodeEncrypted, "工作簿設置了打開密碼,無法讀取。請取消密碼後重新保存為.xlsx發回")
	}
	data, converted, err := c.toXLSX(ctx, o.Name, data)
	if le := (limitError{}); errors.As(err, &le) {
		return o.reject(CodeTooLarge, err.Error())
	} else if err != nil {
		return o.reject(CodeConvert, err.Error())
	}
	o.converted = converted
	book, err := excel.Read(o.Name, data, c.opts.Limits)
	if err != nil {
		var ce *excel.CellError
		code := CodeUnreadable
		if errors.As(err, &ce) {
			switch {
			case errors.Is(err, excel.ErrEncrypted):
				code = CodeEncrypted
			case errors.Is(err, excel.ErrTooLarge):
				code = CodeTooLarge
			}
			return o.reject(code, strings.TrimPrefix(ce.Error(), o.Name+":"))
		}
		return o.reject(code, err.Error())
	}
	defer book.Close()
	return c.check(o, book)
}

// toXLSX converts old and open formats by their bytes, not their names.
func (c *checker) toXLSX(ctx context.Context, name string, data []byte) ([]byte, string, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) && !bytes.Contains(data, []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e")):
		if ext != ".et" && ext != ".ett" {
			ext = ".xls"
		}
		out, err := toXLSXBytes(ctx, c.conv, data, ext)
		return out, strings.TrimPrefix(ext, "."), err
	case bytes.HasPrefix(data, []byte("PK")) && bytes.Contains(data[:min(len(data), 200)], []byte("mimetypeapplication/vnd.oasis.opendocument.spreadsheet")):
		if err := odsWithinLimits(data); err != nil {
			return nil, "", err
		}
		out, err := toXLSXBytes(ctx, c.conv, data, ".ods")
		return out, "ods", err
	}
	return data, "", nil
}

// check verifies a ledger and reads its values.
func (c *checker) check(o Outcome, book *excel.Book) Outcome {
	r, err := templates.ReadReturned(book)
	switch {
	case errors.Is(err, templates.ErrNoLedger):
		return o.reject(CodeNotLedger, "不是本計劃的臺賬:找不到“工作臺賬”的表頭行(指標編號、累計完成值等列)")
	case errors.Is(err, excel.ErrTooLarge):
		return o.reject(CodeTooLarge, err.Error())
	case err != nil:
		return o.reject(CodeUnreadable, err.Error())
	}
	signed := true
	if err := r.Verify(c.key); err != nil {
		if !c.opts.AllowUnsigned {
			if errors.Is(err, templates.ErrNoMeta) {
				return o.reject(CodeNoMeta, "缺少校驗信息(隱藏的_meta工作表被刪除)。請用下發的原模板重新填報;確需導入可加 --allow-unsigned")
			}
			return o.reject(CodeBadSignature, "校驗不通過:"+c.diagnose(r)+"。請用下發的原模板重新填報,只填黃色單元格")
		}
		signed = false
		if !r.HasMeta {
			if !c.inferMeta(r, book) {
				return o.reject(CodeNoMeta, "缺少校驗信息,也無法從表頭識別填報單位和報告期,無法導入")
			}
		}
	}
	if r.Meta.PlanID != c.plan.ID {
		return o.reject(CodeWrongPlan, "這是另一個計劃的臺賬(計劃編號"+r.Meta.PlanID+"),不屬於本數據庫的計劃")
	}
	agency := c.resolver.Resolve(r.Meta.Agency)
	if agency == "" {
		return o.reject(CodeWrongAgency, "填報單位“"+r.Meta.Agency+"”不在本計劃的責任單位中")
	}
	period, err := taizhang.ParsePeriod(r.Meta.Period)
	if err != nil {
		return o.reject(CodeWrongPeriod, "報告期“"+r.Meta.Period+"”無法識別")
	}
	if tpl, ok := c.templates[r.Meta.TemplateID]; ok && (tpl.Period != period || tpl.Agency != agency) {
		return o.reject(CodeWrongPeriod, fmt.Sprintf("模板記錄為%s的%s臺賬,文件中卻是%s的%s", tpl.Agency, tpl.Period, agency, period))
	}
	if c.opts.Period != "" && period.String() != c.opts.Period {
		return o.reject(CodeWrongPeriod, fmt.Sprintf("這是%s的臺賬,本次導入的是%s;請放到對應報告期導入", period.Label(), c.periodLabel()))
	}
	if c.opts.Agency != "" && agency != c.opts.Agency {
		return o.reject(CodeWrongAgency, fmt.Sprintf("這是%s的臺賬,不是%s的。請下載本單位的臺賬,填寫後再上傳", agency, c.opts.Agency))
	}
	responsible := c.rowsOf[agency]
	source := o.Path
	if c.opts.Source != "" {
		source = c.opts.Source
	}
	sub := &taizhang.Return{SHA256: o.SHA256, File: o.Name, SourcePath: source, Size: o.Size, PlanID: c.plan.ID, Agency: agency,
		Period: period, TemplateID: r.Meta.TemplateID, CatalogHash: r.Meta.CatalogHash, Signed: signed, Converted: o.converted,
		Sheet: r.Sheet, Filler: r.Filler["填報人"], Phone: r.Filler["聯系電話"], Reviewer: r.Filler["審核人"], FilledDate: r.Filler["填報日期"]}
	if !signed {
		sub.Findings = append(sub.Findings, taizhang.Finding{Code: CodeBadSignature, Sheet: r.Sheet,
			Message: "校驗未通過,按 --allow-unsigned 導入;請核對目標值等鎖定內容是否被改動"})
	}
	if r.Meta.CatalogHash != c.hash {
		sub.Findings = append(sub.Findings, taizhang.Finding{Code: CodeOldCatalog, Sheet: r.Sheet,
			Message: "此臺賬由舊版任務目錄生成(目錄版本" + short(r.Meta.CatalogHash) + "),已按指標編號導入"})
	}
	var wrong []string
	for _, row := range r.Rows {
		id := row.ID
		ind := c.indicator[id]
		task, seq, _ := taizhang.ParseIndicatorID(id)
		known := ind != nil || (seq == 0 && c.plan.Task(task) != nil)
		if known && !responsible[id] {
			wrong = append(wrong, id)
			continue
		}
		if !known {
			sub.Findings = append(sub.Findings, taizhang.Finding{Code: CodeUnknownRow, Indicator: id, Sheet: r.Sheet, Cell: row.Cell(templates.ColValue),
				Message: "目錄中沒有指標" + id + "(可能已被刪除),該行的填報內容已保存但不參與核對"})
		}
		raw := row.Cells[templates.ColValue]
		formula := false
		if raw == "" && row.Cell(templates.ColValue) != "" {
			f, _ := book.Formula(r.Sheet, row.Cell(templates.ColValue))
			formula = f != ""
		}
		v := parseRowValue(raw, ind, formula)
		sv := taizhang.Value{Indicator: id, Row: row.Row, Cell: row.Cell(templates.ColValue), StatusCell: row.Cell(templates.ColStatus), Raw: raw, Number: v.Number,
			TypedUnit: v.Typed, Approx: v.Approx, Flag: v.Flag, Note: v.Note, Status: c.statuses[script.Default().Key(row.Cells[templates.ColStatus])],
			StatusRaw: row.Cells[templates.ColStatus], Progress: row.Cells[templates.ColProgress], Problems: row.Cells[templates.ColProblems], NextSteps: row.Cells[templates.ColNext]}
		sub.Values = append(sub.Values, sv)
		if sv.Filled() {
			sub.Filled++
		}
		if v.Flag == FlagInvalid || v.Flag == FlagUnit || v.Flag == FlagNoCache {
			o.Flagged++
			code := v.Flag
			if code == FlagNoCache {
				code = FlagInvalid
			}
			sub.Findings = append(sub.Findings, taizhang.Finding{Code: code, Indicator: id, Sheet: r.Sheet, Cell: sv.Cell,
				Message: fmt.Sprintf("指標%s的累計完成值“%s”:%s", id, raw, v.Note)})
		}
		if st := row.Cells[templates.ColStatus]; st != "" && sv.Status == "" {
			o.Flagged++
			sub.Findings = append(sub.Findings, taizhang.Finding{Code: FlagInvalid, Indicator: id, Sheet: r.Sheet, Cell: row.Cell(templates.ColStatus),
				Message: "完成狀態“" + st + "”不在下拉選項中,請選擇:已完成、序時推進、滯後、未啟動"})
		}
	}
	if len(wrong) > 0 {
		return o.reject(CodeWrongAgency, fmt.Sprintf("%s不負責指標%s,這些行不應出現在其臺賬中(是否用了其他單位的模板?)", agency, strings.Join(wrong, "、")))
	}
	o.sub = sub
	o.Agency, o.Period = agency, sub.Period.String()
	return o
}

// parseRowValue parses a value; rows without a numeric target (N-0, qualitative) keep text as it is.
func parseRowValue(raw string, ind *taizhang.Indicator, formula bool) Value {
	v := ParseValue(raw, ind, formula)
	if (ind == nil || ind.Comparator == taizhang.Qualitative) && v.Flag != FlagNoCache && v.Number == nil {
		return Value{Raw: raw, Empty: strings.TrimSpace(raw) == ""}
	}
	return v
}

// diagnose says why a signature fails, as precisely as the current catalog allows.
func (c *checker) diagnose(r *templates.Returned) string {
	if r.Meta.PlanID != c.plan.ID {
		return "這是另一個計劃的臺賬"
	}
	agency := c.resolver.Resolve(r.Meta.Agency)
	if agency == "" {
		return "_meta中的填報單位“" + r.Meta.Agency + "”不在計劃中"
	}
	want := c.rowsOf[agency]
	got := map[string]bool{}
	var extra, dup []string
	for _, row := range r.Rows {
		if got[row.ID] {
			dup = append(dup, row.ID)
		}
		got[row.ID] = true
		if !want[row.ID] {
			extra = append(extra, row.ID)
		}
	}
	var missing []string
	for id := range want {
		if !got[id] {
			missing = append(missing, id)
		}
	}
	sort.Strings(missing)
	switch {
	case len(extra) > 0:
		return fmt.Sprintf("臺賬中有不屬於%s的指標行(%s),可能混用了其他單位的模板或_meta", agency, strings.Join(extra, "、"))
	case len(missing) > 0 && r.Meta.CatalogHash == c.hash:
		return fmt.Sprintf("缺少指標%s所在的行(行被刪除?)", strings.Join(missing, "、"))
	case len(dup) > 0:
		return fmt.Sprintf("指標%s的行重複出現", strings.Join(dup, "、"))
	}
	if r.Meta.CatalogHash == c.hash {
		if cell := templates.ChangedLockedCell(c.plan, agency, r); cell != "" {
			return cell
		}
	}
	return "鎖定的單元格或_meta被改動"
}

func (c *checker) inferMeta(r *templates.Returned, book *excel.Book) bool {
	line := templates.AgencyLine(book, r.Sheet)
	agency, period := line["填報單位"], line["報告期"]
	r.Meta.Agency = agency
	r.Meta.PlanID = c.plan.ID
	r.Meta.Period = periodFromLabel(period)
	return agency != "" && r.Meta.Period != ""
}

func (c *checker) periodLabel() string {
	p, err := taizhang.ParsePeriod(c.opts.Period)
	if err != nil {
		return c.opts.Period
	}
	return p.Label()
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
