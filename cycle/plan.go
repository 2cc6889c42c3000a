package cycle

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	taizhang "taizhang"
	"taizhang/catalog"
	"taizhang/data"
	"taizhang/excel"
	"taizhang/plandoc"
	"taizhang/script"
	"taizhang/store"
	"taizhang/templates"
	"taizhang/templates/catalogbook"
)

// PlanFormats lists the kinds of file init reads a plan from, for help and messages.
const PlanFormats = plandoc.Accepted

// MinTasks is the fewest tasks a plan may have: fewer means the file is not a plan (a README, a
// letter), and replacing a real plan with it would lose the catalog.
const MinTasks = 5

// InitRequest asks to load a plan.
type InitRequest struct {
	Plan       string          // a plan file; empty: the embedded plan
	Force      bool            // replace a plan already in the database
	AllowSmall bool            // accept a plan with no agencies, no indicators or fewer than MinTasks tasks
	TimeZone   string          // IANA name; empty: Asia/Shanghai
	Script     taizhang.Script // what people read, in workbooks and on screen; empty: Simplified
}

// InitResult is the plan loaded.
type InitResult struct {
	Plan     *taizhang.Plan
	Hash     string
	Replaced *PlanInfo // the plan it replaced, if any
	Problems []Problem // what was read only in part, with its line or table row and a hint
	// Coverage is how much of the document the tasks account for; Merges, the names taken as
	// another name of an agency, each with why; Groups, the plan's agencies that are sets of
	// agencies (they get no ledger), each with why.
	Coverage Coverage
	Merges   []Merge
	Groups   []Group
	// Records is what was on record under the plan replaced (nil when none): kept as history when
	// it was another plan, in force still when it was the same one (same title and document number).
	Records *Records
}

// Records counts the ledgers sent and returns received under a plan, and their periods.
type Records struct {
	SamePlan         bool // the plan replaced was this one (re-read): its records stay in force
	Ledgers, Returns int
	Periods          []string
}

// Init parses a plan into the database and creates the signing key. When it fails on a database
// it created, call Discard: a failed init leaves nothing behind.
func (s *Service) Init(ctx context.Context, req InitRequest) (*InitResult, error) {
	if req.TimeZone != "" {
		if _, err := time.LoadLocation(req.TimeZone); err != nil {
			return nil, inputf(msgBadZone, req.TimeZone)
		}
	}
	name, body := data.DefaultPlanName, data.DefaultPlan
	if req.Plan != "" {
		var err error
		name = filepath.Base(req.Plan)
		if body, err = plandoc.ReadFile(req.Plan); err != nil {
			return nil, refusef("%v", err)
		}
		if msg := madeByTaizhang(req.Plan, name, body); msg != "" {
			return nil, refusef("%s", msg)
		}
	}
	read, err := plandoc.ReadPlan(ctx, name, body, s.opts.Office)
	if err != nil {
		return nil, refusef("%v", err)
	}
	plan := read.Plan
	if err := checkPlan(read, name, req.AllowSmall); err != nil {
		return nil, err
	}
	if req.Script == "" {
		req.Script = taizhang.Simplified
	}
	// The catalog is kept in both scripts, each converted once from the plan's own text: the one
	// people read, and the other for when they switch.
	other := catalog.Convert(plan, otherScript(plan.Script))
	if plan.Script != req.Script {
		plan, other = other, plan
	}
	if req.TimeZone != "" {
		plan.TimeZone = req.TimeZone
	}
	old, stored, err := s.st.Plan(ctx)
	info := PlanInfo(stored)
	switch {
	case err == nil && !req.Force:
		return nil, &Error{Err: ErrRefused, Msg: fmt.Sprintf(msgPlanExists, taizhang.Verbatim(s.opts.Path), old.Title, info.Tasks, info.Indicators,
			short(info.CatalogHash), info.UpdatedAt)}
	case err != nil && !errors.Is(err, store.ErrNoPlan):
		return nil, dbError(s.opts.Path, err)
	}
	other.TimeZone = plan.TimeZone
	res := &InitResult{Plan: plan, Hash: catalog.Version(plan, other), Problems: planProblems(read.Problems), Coverage: coverage(read.Coverage),
		Merges: mergesIn(read.Merges, plan), Groups: groupsIn(plan)}
	if err == nil {
		res.Replaced = &info
		// Records belong to the plan they were made under: another plan's stay in the database as
		// history, out of every period's view, and count again if that plan is loaded again.
		r := Records{SamePlan: old.ID == plan.ID}
		if r.Ledgers, r.Returns, r.Periods, err = s.st.PlanRecords(ctx, old.ID); err != nil {
			return nil, dbError(s.opts.Path, err)
		}
		if r.Ledgers+r.Returns > 0 {
			res.Records = &r
		}
	}
	sum := sha256.Sum256(body)
	if err := s.st.ReplacePlan(ctx, plan, other, store.Source{Name: name, SHA256: hex.EncodeToString(sum[:])}, res.Hash, "init", nil); err != nil {
		return nil, dbError(s.opts.Path, err)
	}
	if err := s.st.EnsureSigningKey(ctx); err != nil {
		return nil, dbError(s.opts.Path, err)
	}
	s.forget()
	return res, nil
}

// mergesIn writes merges in the script of the plan people read, naming its agencies.
func mergesIn(merges []catalog.Merge, plan *taizhang.Plan) []Merge {
	conv := script.Default()
	res := catalog.NewResolver(conv, plan.Agencies)
	out := make([]Merge, len(merges))
	for i, m := range merges {
		out[i] = Merge{Name: conv.Convert(m.Name, plan.Script), Into: m.Into, Reason: m.Reason()}
		if into := res.Resolve(m.Into); into != "" {
			out[i].Into = into
		}
	}
	return out
}

// checkPlan refuses what is plainly not a plan of this genre: fewer than MinTasks tasks, no
// agency, or not one indicator (a plan of this genre sets targets; a table read as one does not);
// a text whose tasks are too small a part of it (a README, a letter, a manual that quotes a
// clause or two); a plan that stops being read (a long stretch after the first task in no task).
func checkPlan(r *catalog.Reading, name string, allowSmall bool) error {
	if allowSmall {
		return nil
	}
	p := r.Plan
	agencies, indicators := 0, 0
	for _, a := range p.Agencies {
		if a.Kind != taizhang.KindGroup {
			agencies++
		}
	}
	for _, t := range p.Tasks {
		indicators += len(t.Indicators)
	}
	name = taizhang.Verbatim(name)
	switch {
	case r.Coverage.Weak():
		return refusef(msgWeakPlan, name, len(p.Tasks), r.Coverage.TaskShare())
	case agencies == 0 || len(p.Tasks) < MinTasks:
		return refusef(msgNotAPlan, name, len(p.Tasks), agencies, MinTasks)
	case indicators == 0:
		return refusef(msgNoTargets, name, len(p.Tasks), agencies)
	}
	if _, stopped := r.Coverage.Stopped(); stopped {
		var list []string
		for _, pr := range r.Problems {
			if errors.Is(pr.Err, catalog.ErrNotRead) || errors.Is(pr.Err, catalog.ErrNumberGap) || errors.Is(pr.Err, catalog.ErrTwoClauses) {
				list = append(list, "  "+pr.Error())
			}
		}
		return refusef(msgStopped, name, len(p.Tasks), r.Coverage.NotReadLines(), strings.Join(list, "\n"))
	}
	return nil
}

func short(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}

// ConfigRequest changes the plan's settings; empty fields stay as they are.
type ConfigRequest struct {
	Script   taizhang.Script
	TimeZone string
}

// Configure changes the script people read or the time zone dates are judged in. The catalog is
// kept in both scripts (see Init), so switching converts nothing: the wording is the plan's and the
// catalog version stays, and ledgers already sent come back as current ones. The ledgers, deadlines,
// returns and links on record follow the agencies' names into the new script.
func (s *Service) Configure(ctx context.Context, req ConfigRequest) error {
	plan, info, err := s.Plan(ctx)
	if err != nil {
		return err
	}
	if req.TimeZone != "" {
		if _, err := time.LoadLocation(req.TimeZone); err != nil {
			return inputf(msgBadZone, req.TimeZone)
		}
	}
	if req.Script != "" && req.Script != plan.Script {
		other, err := s.otherScript(ctx, plan)
		if err != nil {
			return err
		}
		shown := catalog.ConvertEdits(plan, other, plan) // other's words, the catalog's numbering and settings
		renames := map[string]string{}
		for i, a := range plan.Agencies {
			if a.Name != shown.Agencies[i].Name {
				renames[a.Name] = shown.Agencies[i].Name
			}
		}
		if err := s.st.ReplacePlan(ctx, shown, plan, store.Source{Name: info.SourceName, SHA256: info.SourceSHA256}, info.CatalogHash,
			"script "+string(req.Script), renames); err != nil {
			return dbError(s.opts.Path, err)
		}
	}
	if req.TimeZone != "" { // after the script: replacing the plan rewrites its settings
		if err := s.st.SetTimeZone(ctx, req.TimeZone); err != nil {
			return dbError(s.opts.Path, err)
		}
	}
	s.forget()
	return nil
}

// otherScript is the stored plan in the script people do not read: as stored with it, or, for a
// plan stored before both were kept, converted from the text as stored.
func (s *Service) otherScript(ctx context.Context, plan *taizhang.Plan) (*taizhang.Plan, error) {
	other, err := s.st.OtherScript(ctx)
	if err != nil {
		return nil, dbError(s.opts.Path, err)
	}
	if other == nil || other.Script != otherScript(plan.Script) {
		other = catalog.Convert(plan, otherScript(plan.Script))
	}
	return other, nil
}

func otherScript(s taizhang.Script) taizhang.Script {
	if s == taizhang.Simplified {
		return taizhang.Traditional
	}
	return taizhang.Simplified
}

// ExportCatalog writes the catalog: .json for machines (Contract 2), .xlsx for the coordinator.
func (s *Service) ExportCatalog(ctx context.Context, path string) (PlanInfo, error) {
	plan, info, err := s.Plan(ctx)
	if err != nil {
		return info, err
	}
	if strings.EqualFold(filepath.Ext(path), ".json") {
		b, err := catalog.MarshalJSON(plan)
		if err != nil {
			return info, err
		}
		return info, writeAtomic(path, func(w io.Writer) error { _, err := w.Write(b); return err })
	}
	wb, err := catalogbook.Workbook(plan, info.CatalogHash)
	if err != nil {
		return info, err
	}
	defer wb.Close()
	return info, writeAtomic(path, wb.Write)
}

// ImportResult says what a catalog import changed.
type ImportResult struct {
	Problems                []Problem // when any: nothing was changed
	Unchanged               bool
	From, To                string // catalog hashes
	Changed, Added, Removed int    // indicators
	// Retargeted are the indicators whose target changed while the plan's words (the span) still
	// say the old one: the span was dropped, and ledgers, the report and prompts show Target.
	Retargeted []Retargeted
}

// Retargeted is an indicator whose new target replaced the plan's words.
type Retargeted struct {
	ID     string
	Span   string // the plan's words, which said the old target
	Target string // the target now shown, as templates.TargetText writes it (Traditional labels)
}

// ImportCatalog takes the coordinator's corrections back. Every cell is checked; if any is wrong,
// the problems are returned and nothing changes.
func (s *Service) ImportCatalog(ctx context.Context, path string) (*ImportResult, error) {
	plan, info, err := s.Plan(ctx)
	if err != nil {
		return nil, err
	}
	book, err := excel.Open(path, excel.DefaultLimits)
	if err != nil {
		var ce *excel.CellError
		if errors.As(err, &ce) {
			ce.File = taizhang.Verbatim(ce.File)
			return nil, refusef("%s", ce.Error())
		}
		return nil, fileError(path, err)
	}
	defer book.Close()
	if err := samePlan(book, plan, path); err != nil {
		return nil, err
	}
	corrected, problems := catalogbook.Read(book, plan)
	res := &ImportResult{Problems: cellProblems(problems), From: info.CatalogHash}
	if len(problems) > 0 {
		return res, nil
	}
	catalog.InferKinds(corrected) // an indicator added without a kind gets the one its words say
	for _, r := range catalog.Retarget(plan, corrected) {
		res.Retargeted = append(res.Retargeted, Retargeted{ID: r.ID, Span: r.Span, Target: templates.TargetText(corrected.Indicator(r.ID))})
	}
	if catalog.Hash(corrected) == catalog.Hash(plan) {
		res.Unchanged = true
		return res, nil
	}
	other, err := s.otherScript(ctx, plan)
	if err != nil {
		return nil, err
	}
	other = catalog.ConvertEdits(plan, other, corrected) // only the corrections are converted
	res.To = catalog.Version(corrected, other)
	if err := s.st.ReplacePlan(ctx, corrected, other, store.Source{Name: info.SourceName, SHA256: info.SourceSHA256}, res.To,
		"catalog import "+filepath.Base(path), nil); err != nil {
		return nil, dbError(s.opts.Path, err)
	}
	s.forget()
	res.Changed, res.Added, res.Removed = diffIndicators(plan, corrected)
	return res, nil
}

// samePlan refuses, in one sentence, a catalog workbook exported from another plan: its every
// row would be a problem of its own.
func samePlan(book *excel.Book, plan *taizhang.Plan, path string) error {
	id, ok := catalogbook.PlanOf(book)
	conv := script.Default()
	switch {
	case !ok:
		return nil // no 說明 sheet to tell: the cells are checked one by one
	case id.ID != "" && id.ID == plan.ID:
		return nil
	case id.ID == "" && conv.Key(id.Title) == conv.Key(plan.Title) && conv.Key(id.DocNo) == conv.Key(plan.DocNo):
		return nil // exported before the plan's id was written
	}
	return refusef(msgOtherPlanCatalog, taizhang.Verbatim(filepath.Base(path)), id.Title, id.DocNo, plan.Title, plan.DocNo)
}

func diffIndicators(old, new *taizhang.Plan) (changed, added, removed int) {
	index := func(p *taizhang.Plan) map[string]string {
		m := map[string]string{}
		for _, t := range p.Tasks {
			for _, ind := range t.Indicators {
				b, _ := json.Marshal(ind) // compares values, not the pointers inside
				m[ind.ID] = string(b)
			}
		}
		return m
	}
	a, b := index(old), index(new)
	for id, v := range a {
		if w, ok := b[id]; !ok {
			removed++
		} else if v != w {
			changed++
		}
	}
	for id := range b {
		if _, ok := a[id]; !ok {
			added++
		}
	}
	return changed, added, removed
}
