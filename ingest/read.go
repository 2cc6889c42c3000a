package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/excel"
	"taizhang/office"
	"taizhang/script"
	"taizhang/templates/ledger"
)

// checker holds what every file is checked against; it is read-only while workers run.
type checker struct {
	plan      *taizhang.Plan
	hash      string
	key       []byte
	resolver  *catalog.Resolver
	indicator map[string]*taizhang.Indicator
	templates map[string]taizhang.Ledger
	known     map[string]bool            // SHA-256 of every file ingested before this run
	rowsOf    map[string]map[string]bool // agency → the row ids of its ledger
	statuses  map[string]string          // folded 完成狀態 label → the label
	opts      Options
	conv      office.Converter
	budget    *budget // memory reserved by the files being read, across workers
}

// readFile reads, converts and checks one file. It returns the submission to store, or a refusal.
// Every file, wherever it came from, has the same budget: within the size limit (checked before
// it is read), its memory reserved from the run's budget before it is read, and FileTimeout of
// wall time for reading, converting and checking it.
func (c *checker) readFile(ctx context.Context, src Source) Outcome {
	o := Outcome{Origin: src.Origin, Name: src.Name, src: src}
	f, size, done, err := src.Open()
	if err != nil {
		return o.refuseErr(err)
	}
	defer done()
	if err := excel.CheckSize(o.Name, size, c.opts.Limits.FileSize); err != nil {
		return o.refuseErr(err)
	}
	// Wait for memory with the run's context: every holder releases within its own deadline.
	release, err := c.budget.acquire(ctx, excel.Estimate(f, size, c.opts.Limits))
	if err != nil {
		return o.refuseErr(err)
	}
	defer release()
	ctx, cancel := context.WithTimeout(ctx, c.opts.FileTimeout)
	defer cancel()
	data, err := src.read(f, size, c.opts.Limits.FileSize)
	if err != nil {
		return o.refuseErr(err)
	}
	sum := sha256.Sum256(data)
	o.SHA256, o.Size = hex.EncodeToString(sum[:]), int64(len(data))
	o.data = data
	if c.known[o.SHA256] {
		o.Kind = Duplicate
		return o
	}
	if biffEncrypted(data) {
		return o.refuse(taizhang.RefusedEncrypted, msgEncrypted)
	}
	data, converted, err := c.toXLSX(ctx, o.Name, data)
	if le := (limitError{}); errors.As(err, &le) {
		return o.refuse(taizhang.RefusedTooLarge, err.Error())
	} else if ctx.Err() != nil {
		return o.refuseErr(c.timeout(ctx.Err()))
	} else if err != nil {
		return o.refuse(taizhang.RefusedConversion, err.Error())
	}
	o.converted = converted
	book, err := excel.ReadContext(ctx, o.Name, data, c.opts.Limits)
	if err != nil {
		return o.refuseErr(err)
	}
	defer book.Close()
	return c.check(o, book)
}

// timeout words a context's end (the file's deadline) as a refusal; other errors pass.
func (c *checker) timeout(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return limitError{fmt.Sprintf(msgTimeout, c.opts.FileTimeout)}
	}
	return err
}

// refuseErr refuses a file for an error of reading it, with the code its cause calls for and
// the reader's Chinese message (which names the sheet and cell, and says what to do).
func (o Outcome) refuseErr(err error) Outcome {
	var le limitError
	var ob errOverBudget
	switch {
	case errors.As(err, &le), errors.As(err, &ob):
		return o.refuse(taizhang.RefusedTooLarge, err.Error())
	case errors.Is(err, excel.ErrNotRegular):
		return o.refuse(taizhang.RefusedUnreadable, msgNotRegular)
	}
	code := taizhang.RefusedUnreadable
	switch {
	case errors.Is(err, excel.ErrEncrypted):
		code = taizhang.RefusedEncrypted
	case errors.Is(err, excel.ErrTooLarge), errors.Is(err, excel.ErrTimeout):
		code = taizhang.RefusedTooLarge
	case errors.Is(err, excel.ErrMalformed), errors.Is(err, excel.ErrForbiddenChar), errors.Is(err, excel.ErrUnsupported), errors.Is(err, excel.ErrBadRef):
		code = taizhang.RefusedMalformed
	}
	var ce *excel.CellError
	if errors.As(err, &ce) {
		return o.refuse(code, strings.TrimLeft(strings.TrimPrefix(ce.Error(), ce.File), " :"))
	}
	return o.refuse(code, fmt.Sprintf(msgUnreadable, err))
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
	r, err := ledger.ReadReturned(book)
	switch {
	case errors.Is(err, ledger.ErrNoLedger):
		return o.refuse(taizhang.RefusedNotLedger, msgNotLedger)
	case err != nil: // any fault reading _meta or the ledger sheet: no partial read is taken
		return o.refuseErr(err)
	}
	out := c.take(o, r, book)
	if out.Kind == Refused {
		out.Agency, out.Period = c.claimant(r, book) // whose it says it is: the refusal is recorded against it
	}
	return out
}

// take verifies a ledger read from its book, finds whose it is and reads its values; a refusal
// when it cannot be taken.
func (c *checker) take(o Outcome, r *ledger.Returned, book *excel.Book) Outcome {
	signed, rej := c.verify(&o, r, book)
	if rej != nil {
		return *rej
	}
	agency, period, rej := c.identify(o, r)
	if rej != nil {
		return *rej
	}
	if c.opts.Agency != "" && agency != c.opts.Agency {
		return o.refuse(taizhang.RefusedWrongAgency, fmt.Sprintf(msgOtherAgencyUpload, agency, c.opts.Agency))
	}
	responsible := c.rowsOf[agency]
	sub := &taizhang.Return{SHA256: o.SHA256, File: o.Name, SourcePath: o.Origin, Channel: o.src.channel(), Size: o.Size, PlanID: c.plan.ID, Agency: agency,
		Period: period, LedgerID: r.Meta.LedgerID, CatalogHash: r.Meta.CatalogHash, Signed: signed, Converted: o.converted,
		Sheet: r.Sheet, Filler: r.Filler["填報人"], Phone: r.Filler["聯繫電話"], Reviewer: r.Filler["審核人"],
		FilledDate: filledDate(book, r.Sheet, r.FillerAt["填報日期"], r.Filler["填報日期"])}
	if !signed {
		sub.Findings = append(sub.Findings, taizhang.Finding{Code: taizhang.CodeBadSignature, Sheet: r.Sheet,
			Message: msgUnsigned})
		sub.Findings = append(sub.Findings, missingRows(r, responsible)...)
	}
	if r.Meta.CatalogHash != c.hash {
		sub.Findings = append(sub.Findings, taizhang.Finding{Code: taizhang.CodeOldCatalog, Sheet: r.Sheet,
			Message: fmt.Sprintf(msgOldCatalog, short(r.Meta.CatalogHash))})
	}
	if wrong := c.readRows(&o, sub, r, book, responsible); len(wrong) > 0 {
		return o.refuse(taizhang.RefusedWrongAgency, fmt.Sprintf(msgNotResponsible, agency, strings.Join(wrong, "、")))
	}
	o.sub = sub
	o.Agency, o.Period = agency, sub.Period.String()
	return o
}

// verify checks the signature; with --allow-unsigned a return that fails it is taken (signed
// false), its agency and period read from the sheet when _meta is gone. A refusal is returned
// when the file cannot be taken.
func (c *checker) verify(o *Outcome, r *ledger.Returned, book *excel.Book) (signed bool, rej *Outcome) {
	err := r.Verify(c.key)
	if err == nil {
		return true, nil
	}
	refuse := func(code taizhang.RefusalReason, reason string) (bool, *Outcome) {
		x := o.refuse(code, reason)
		return false, &x
	}
	switch {
	case !c.opts.AllowUnsigned && errors.Is(err, ledger.ErrNoMeta):
		return refuse(taizhang.RefusedNoMeta, msgNoMeta)
	case !c.opts.AllowUnsigned:
		return refuse(taizhang.RefusedBadSignature, fmt.Sprintf(msgBadSignature, c.diagnose(r)))
	case !r.HasMeta && !c.inferMeta(r, book):
		return refuse(taizhang.RefusedNoMeta, msgNoMetaNoHeader)
	}
	return false, nil
}

// identify finds whose return it is and for which period, refusing another plan, an agency not
// in it, a period that does not match its ledger or the run.
func (c *checker) identify(o Outcome, r *ledger.Returned) (string, taizhang.Period, *Outcome) {
	refuse := func(code taizhang.RefusalReason, reason string) (string, taizhang.Period, *Outcome) {
		x := o.refuse(code, reason)
		return "", taizhang.Period{}, &x
	}
	if r.Meta.PlanID != c.plan.ID {
		return refuse(taizhang.RefusedWrongPlan, fmt.Sprintf(msgOtherPlan, r.Meta.PlanID))
	}
	agency := c.resolver.Resolve(r.Meta.Agency)
	if agency == "" {
		return refuse(taizhang.RefusedWrongAgency, fmt.Sprintf(msgUnknownAgency, r.Meta.Agency))
	}
	period, err := taizhang.ParsePeriod(r.Meta.Period)
	if err != nil {
		return refuse(taizhang.RefusedWrongPeriod, fmt.Sprintf(msgUnknownPeriod, r.Meta.Period))
	}
	if tpl, ok := c.templates[r.Meta.LedgerID]; ok && (tpl.Period != period || tpl.Agency != agency) {
		return refuse(taizhang.RefusedWrongPeriod, fmt.Sprintf(msgTemplateMismatch, tpl.Agency, tpl.Period, agency, period))
	}
	if c.opts.Period != (taizhang.Period{}) && period != c.opts.Period {
		return refuse(taizhang.RefusedWrongPeriod, fmt.Sprintf(msgOtherPeriod, period.Label(), c.opts.Period.Label()))
	}
	return agency, period, nil
}

// readRows reads every row into sub: its value parsed in the indicator's unit, its status, its
// text, and a finding for whatever cannot be used. It returns the rows the agency does not own.
func (c *checker) readRows(o *Outcome, sub *taizhang.Return, r *ledger.Returned, book *excel.Book, responsible map[string]bool) (wrong []string) {
	cells := newCellChecks(book, r.Sheet)
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
			sub.Findings = append(sub.Findings, taizhang.Finding{Code: taizhang.CodeUnknownRow, Indicator: id, Sheet: r.Sheet, Cell: row.Cell(ledger.ColValue),
				Message: fmt.Sprintf(msgUnknownRow, id)})
		}
		sv := c.readRow(cells, book, r.Sheet, row, ind)
		sub.Values = append(sub.Values, sv)
		if sv.Filled() {
			sub.Filled++
		}
		if sv.Flag == FlagInvalid || sv.Flag == FlagUnit || sv.Flag == FlagNoCache {
			o.Flagged++
			code := taizhang.CodeInvalidValue
			if sv.Flag == FlagUnit {
				code = taizhang.CodeUnitMismatch
			}
			sub.Findings = append(sub.Findings, taizhang.Finding{Code: code, Indicator: id, Sheet: r.Sheet, Cell: sv.Cell,
				Message: fmt.Sprintf(msgValueNote, id, sv.Raw, sv.Note)})
		}
		if sv.StatusRaw != "" && sv.Status == "" {
			o.Flagged++
			sub.Findings = append(sub.Findings, taizhang.Finding{Code: taizhang.CodeInvalidValue, Indicator: id, Sheet: r.Sheet, Cell: sv.StatusCell,
				Message: fmt.Sprintf(msgBadStatus, sv.StatusRaw)})
		}
	}
	for _, p := range cells.unclaimed() {
		sub.Findings = append(sub.Findings, taizhang.Finding{Code: taizhang.CodeInvalidValue, Sheet: r.Sheet, Cell: p.Cell,
			Message: fmt.Sprintf(msgSharedIndex, p.Cell, p.Value)})
	}
	return wrong
}

// readRow reads one row: the value (a formula without its result, a date or a boolean are
// flagged), the 完成狀態 as typed and as one of the drop-down's, and the text columns.
func (c *checker) readRow(cells *cellChecks, book *excel.Book, sheet string, row ledger.ReturnedRow, ind *taizhang.Indicator) taizhang.Row {
	raw, at := row.Cells[ledger.ColValue], row.Cell(ledger.ColValue)
	formula := false
	if raw == "" && at != "" {
		f, _ := book.Formula(sheet, at)
		formula = f != ""
	}
	v, ok := cells.value(at, raw)
	if ok {
		v = parseRowValue(raw, ind, formula)
	}
	return taizhang.Row{Indicator: row.ID, Row: row.Row, Cell: at, StatusCell: row.Cell(ledger.ColStatus), Raw: raw, Value: v.Number,
		TypedUnit: v.Typed, Approx: v.Approx, Flag: v.Flag, Note: v.Note, Status: c.statuses[script.Default().Key(row.Cells[ledger.ColStatus])],
		StatusRaw: row.Cells[ledger.ColStatus], Progress: row.Cells[ledger.ColProgress], Problems: row.Cells[ledger.ColProblems], NextSteps: row.Cells[ledger.ColNext]}
}

// filledDate is the 填報日期 as the clerk saw it: a date typed into a date-formatted cell (in a
// ledger issued before the cell was made text) is stored by Excel as a serial number.
func filledDate(book *excel.Book, sheet, cell, raw string) string {
	if cell != "" && book.Kind(sheet, cell) == excel.KindDate {
		return dateText(raw, book.Date1904())
	}
	return raw
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
func (c *checker) diagnose(r *ledger.Returned) string {
	if r.Meta.PlanID != c.plan.ID {
		return whyOtherPlan
	}
	agency := c.resolver.Resolve(r.Meta.Agency)
	if agency == "" {
		return fmt.Sprintf(whyMetaAgency, r.Meta.Agency)
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
		return fmt.Sprintf(whyExtraRows, agency, strings.Join(extra, "、"))
	case len(missing) > 0 && r.Meta.CatalogHash == c.hash:
		return fmt.Sprintf(whyMissingRows, strings.Join(missing, "、"))
	case len(dup) > 0:
		return fmt.Sprintf(whyDuplicateRows, strings.Join(dup, "、"))
	}
	if r.Meta.CatalogHash == c.hash {
		if cell := ledger.ChangedLockedCell(c.plan, agency, r); cell != "" {
			return cell
		}
	}
	return whyLockedChanged
}

// claimant is the agency and period a ledger says it is for, by its _meta or else by the agency
// line on its sheet, when they are this plan's; empty when it says nothing usable.
func (c *checker) claimant(r *ledger.Returned, book *excel.Book) (agency, period string) {
	if r.HasMeta && r.Meta.PlanID == c.plan.ID {
		agency, period = r.Meta.Agency, r.Meta.Period
	} else {
		line := ledger.AgencyLine(book, r.Sheet)
		agency, period = line["填報單位"], periodFromLabel(line["報告期"])
	}
	agency = c.resolver.Resolve(agency)
	if _, err := taizhang.ParsePeriod(period); err != nil || agency == "" {
		return "", ""
	}
	return agency, period
}

func (c *checker) inferMeta(r *ledger.Returned, book *excel.Book) bool {
	line := ledger.AgencyLine(book, r.Sheet)
	agency, period := line["填報單位"], line["報告期"]
	r.Meta.Agency = agency
	r.Meta.PlanID = c.plan.ID
	r.Meta.Period = periodFromLabel(period)
	return agency != "" && r.Meta.Period != ""
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
