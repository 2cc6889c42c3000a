// Package simulate fills agencies' real ledger templates the way people do, for the demo, tests
// and benchmarks: values plausible for the time of year, progress text in the style of real 臺賬,
// the 填報人 block, and a realistic share of trouble. The same seed gives the same returns.
package simulate

import (
	"context"
	"fmt"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	taizhang "taizhang"
	"taizhang/excel"
	"taizhang/office"
	"taizhang/script"
	"taizhang/templates"
	"taizhang/templates/ledger"
)

// Options say what to simulate.
type Options struct {
	Plan        *taizhang.Plan
	CatalogHash string
	Key         []byte
	Period      taizhang.Period
	Seed        int64
	Dir         string
	LedgerIDs   map[string]string             // agency → id of the template it was sent (recorded ones)
	Previous    map[string]map[string]float64 // agency → indicator → last period's value, for regressions
	Office      office.Converter              // LibreOffice, to return one ledger as .xls; not installed skips that case
	Agencies    []string                      // default: every responsible agency
	Trouble     bool                          // inject the trouble cases (the demo does; a clean baseline does not)
}

// Return is one simulated return (or a missing one).
type Return struct {
	Agency  string
	Path    string // "" when the agency does not return
	Late    bool   // returned after the deadline
	Trouble string // what was done to it, in Chinese; "" for a clean return
	Values  map[string]float64
}

// minFraction keeps a period that ends on 1 January from simulating nothing but zeros.
const minFraction = 0.05

// Generate writes the returns into opts.Dir and says what each one is.
func Generate(opts Options) ([]Return, error) {
	rng := rand.New(rand.NewSource(opts.Seed))
	agencies := opts.Agencies
	if agencies == nil {
		agencies, _ = ledger.Responsible(opts.Plan)
	}
	agencies = append([]string{}, agencies...)
	key := script.Default().Key // the same order whichever script the plan is in
	sort.Slice(agencies, func(i, j int) bool { return key(agencies[i]) < key(agencies[j]) })
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, err
	}
	g := &generator{opts: opts, rng: rng, coLed: coLedIndicator(opts.Plan), shared: map[string]ledger.FilledRow{},
		// How far through the plan year the period ends (never zero, so values are not all nil).
		f: math.Max(minFraction, taizhang.Elapsed(opts.Period.End(), opts.Plan.Year, nil))}
	trouble := map[string]string{}
	if opts.Trouble && len(agencies) > 12 {
		trouble = assignTrouble(rng, opts.Plan, agencies)
	}
	var out []Return
	for _, agency := range agencies {
		ret, err := g.agency(agency, trouble[agency])
		if err != nil {
			return nil, err
		}
		out = append(out, ret)
	}
	return out, nil
}

// assignTrouble gives distinct agencies each kind of trouble, deterministically. The kinds that
// change a number go to agencies with at least three numeric rows, so that the trouble shows;
// the co-leads of the indicator they disagree on return cleanly, so the conflict shows.
func assignTrouble(rng *rand.Rand, plan *taizhang.Plan, agencies []string) map[string]string {
	var numeric, other []string
	for _, a := range agencies {
		n := 0
		for _, row := range ledger.RowsFor(plan, a) {
			if soleNumeric(row) {
				n++
			}
		}
		if n >= 3 {
			numeric = append(numeric, a)
		} else {
			other = append(other, a)
		}
	}
	rng.Shuffle(len(numeric), func(i, j int) { numeric[i], numeric[j] = numeric[j], numeric[i] })
	rng.Shuffle(len(other), func(i, j int) { other[i], other[j] = other[j], other[i] })
	pool := append(append([]string{}, numeric...), other...)
	taken := map[string]bool{}
	if id := coLedIndicator(plan); id != "" {
		no, _, _ := taizhang.ParseIndicatorID(id)
		for _, a := range plan.Task(no).Lead {
			taken[a] = true
		}
	}
	pick := func(from []string) string {
		for _, a := range from {
			if !taken[a] {
				taken[a] = true
				return a
			}
		}
		return ""
	}
	trouble := map[string]string{}
	for _, k := range []string{"units", "formula", "tampered", "regression", "moved"} {
		trouble[pick(numeric)] = k
	}
	for _, k := range []string{"missing", "missing", "late", "late", "renamed", "xls"} {
		trouble[pick(pool)] = k
	}
	delete(trouble, "")
	return trouble
}

// generator fills one period's ledgers, agency after agency.
type generator struct {
	opts   Options
	rng    *rand.Rand
	f      float64                     // time elapsed values follow
	coLed  string                      // the indicator whose co-leads disagree
	shared map[string]ledger.FilledRow // co-leads report the same number, but for coLed
}

// agency writes one agency's return (or none, when it is missing) with its trouble applied.
func (g *generator) agency(agency, kind string) (Return, error) {
	ret := Return{Agency: agency, Values: map[string]float64{}}
	if kind == "missing" {
		ret.Trouble = "未報送"
		return ret, nil
	}
	fill := g.fill(agency, kind == "units", ret.Values)
	if kind == "regression" {
		ret.Trouble = regress(g.opts, agency, fill, ret.Values)
	}
	id := g.opts.LedgerIDs[agency]
	if id == "" {
		id = fmt.Sprintf("sim-%d-%s", g.opts.Seed, g.opts.Period)
	}
	toScript(fill, g.opts.Plan.Script)
	spec := ledger.LedgerSpec{Plan: g.opts.Plan, CatalogHash: g.opts.CatalogHash, Agency: agency, Period: g.opts.Period, LedgerID: id,
		IssuedAt: g.opts.Period.End().AddDate(0, 0, -20), Deadline: g.opts.Period.DefaultDeadline().Time(), Key: g.opts.Key, Fill: fill}
	wb, _, err := ledger.Ledger(spec)
	if err != nil {
		return ret, err
	}
	ret.Path = filepath.Join(g.opts.Dir, templates.FileName(g.opts.Period.String(), agency, map[string]bool{}))
	err = wb.SaveAs(ret.Path)
	wb.Close()
	if err != nil {
		return ret, err
	}
	return ret, applyTrouble(&ret, kind, g.opts)
}

// fill types every row of an agency's ledger, noting the numbers in values.
func (g *generator) fill(agency string, withUnits bool, values map[string]float64) *ledger.Filled {
	fill := &ledger.Filled{Rows: map[string]ledger.FilledRow{}, Filler: filler(g.rng)}
	for _, row := range ledger.RowsFor(g.opts.Plan, agency) {
		fr, v, ok := fillRow(g.rng, row, g.f, withUnits)
		if ok {
			prev, had := g.opts.Previous[agency][row.ID()]
			switch {
			case had && row.Indicator.JudgedKind() != taizhang.KindCumulative:
				v, fr.Status = evolve(g.rng, row.Indicator, prev) // a level, rate or rank moves a little from where it was
				fr.Value = v
			case had && v < prev:
				v = math.Round(prev*1.1*10) / 10 // running totals grow
				fr.Value = v
			}
			if row.Role == ledger.RoleLead && len(row.Task.Lead) > 1 {
				if first, seen := g.shared[row.ID()]; seen {
					fr.Value, fr.Status, v = first.Value, first.Status, numberOf(first.Value, v)
					if row.ID() == g.coLed {
						v = math.Round(v*1.4*10) / 10 // the co-lead that counts differently
						fr.Value = v
					}
				} else {
					g.shared[row.ID()] = fr
				}
			}
			values[row.ID()] = v
		}
		fill.Rows[row.ID()] = fr
	}
	return fill
}

// regress lowers one cumulative value below last period's (a row of a task with one lead, so
// that no conflict comes with it) and says which.
func regress(opts Options, agency string, fill *ledger.Filled, values map[string]float64) string {
	ids := make([]string, 0, len(opts.Previous[agency]))
	for id := range opts.Previous[agency] {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		prev := opts.Previous[agency][id]
		task, _, _ := taizhang.ParseIndicatorID(id)
		ind := opts.Plan.Indicator(id)
		if t := opts.Plan.Task(task); t == nil || len(t.Lead) > 1 || ind == nil || ind.JudgedKind() != taizhang.KindCumulative {
			continue
		}
		if r, ok := fill.Rows[id]; ok && prev > 0 {
			low := math.Round(prev*0.8*100) / 100
			if low >= prev {
				low = prev / 2
			}
			r.Value = low
			fill.Rows[id] = r
			values[id] = low
			return "指標" + id + "的累計值低於上期"
		}
	}
	return ""
}

// toScript writes what the simulated clerk typed in the plan's script: offices write the script
// their plan is read in (the phrases here are written in Traditional).
func toScript(fill *ledger.Filled, to taizhang.Script) {
	if to != taizhang.Simplified {
		return
	}
	c := func(s string) string { return script.Default().Convert(s, to) }
	for id, r := range fill.Rows {
		r.Status, r.Progress, r.Problems, r.NextSteps = c(r.Status), c(r.Progress), c(r.Problems), c(r.NextSteps)
		if s, ok := r.Value.(string); ok {
			r.Value = c(s)
		}
		fill.Rows[id] = r
	}
	for k, v := range fill.Filler {
		fill.Filler[k] = c(v)
	}
}

var surnames = []string{"王", "李", "張", "劉", "陳", "楊", "趙", "黃", "周", "吳", "徐", "孫", "馬", "朱", "胡", "郭"}
var given = []string{"偉", "芳", "娜", "敏", "靜", "磊", "軍", "洋", "勇", "艷", "傑", "濤", "明", "超", "霞", "平", "剛", "麗"}

func filler(rng *rand.Rand) map[string]string {
	name := func() string {
		return surnames[rng.Intn(len(surnames))] + given[rng.Intn(len(given))] + given[rng.Intn(len(given))]
	}
	return map[string]string{"填報人": name(), "聯繫電話": fmt.Sprintf("0531-%d", 51000000+rng.Intn(9000000)), "審核人": name(),
		"填報日期": ""}
}

var progressLines = []string{
	"截至%s,已完成%s,占年度目標的%d%%。",
	"%s以來,累計完成%s,完成年度目標的%d%%,總體按計劃推進。",
	"截至%s,全省累計完成%s,達到年度目標的%d%%。",
}

// What a level, rate, growth rate and rank are said to be now (a running total's lines are above).
const (
	progressNow  = "截至報告期末為%s(目標%s)。"
	progressRank = "最新排名第%s位。"
)

var actions = []string{"召開專題調度會%d次,逐項明確責任分工和時間節點。", "印發工作方案,建立周調度、月通報機制,已開展現場督導%d次。",
	"會同相關部門研究解決項目推進中的問題%d個。", "組織專家論證%d次,形成階段性成果。"}
var problems = []string{"部分項目前期手續辦理進度偏慢。", "受季節因素影響,部分工程施工進度偏慢。", "資金到位率不高,部分地區配套資金未落實。", ""}
var nexts = []string{"加強調度,倒排工期,確保按期完成年度目標。", "加大協調力度,推動手續辦理和資金落實。", "強化督導檢查,及時研究解決存在問題。"}

// fillRow fills one row. ok says a numeric value was typed.
func fillRow(rng *rand.Rand, row ledger.LedgerRow, f float64, withUnits bool) (ledger.FilledRow, float64, bool) {
	fr := ledger.FilledRow{Problems: problems[rng.Intn(len(problems))], NextSteps: nexts[rng.Intn(len(nexts))]}
	ind := row.Indicator
	if rng.Float64() < 0.04 { // a row left empty
		return fr, 0, false
	}
	if ind == nil || ind.Value == nil {
		fr.Status = []string{"序時推進", "序時推進", "已完成", "滯後"}[rng.Intn(4)]
		fr.Progress = fmt.Sprintf(actions[rng.Intn(len(actions))], 2+rng.Intn(8)) + "各項工作有序推進。"
		return fr, 0, false
	}
	target := *ind.Value
	v, status := value(rng, ind, f)
	fr.Value = v
	typed := strconv.FormatFloat(v, 'f', -1, 64)
	switch {
	case withUnits && ind.Unit != "":
		fr.Value = typed + ind.Unit
	case rng.Float64() < 0.03:
		fr.Value = fullWidth(typed)
	}
	fr.Status = status
	switch ind.JudgedKind() {
	case taizhang.KindCumulative:
		pct := int(math.Round(v / target * 100))
		fr.Progress = fmt.Sprintf(progressLines[rng.Intn(len(progressLines))], "報告期末", typed+ind.Unit, pct)
	case taizhang.KindRank:
		fr.Progress = fmt.Sprintf(progressRank, typed)
	default:
		fr.Progress = fmt.Sprintf(progressNow, typed+ind.Unit, templates.TargetText(ind))
	}
	fr.Progress += fmt.Sprintf(actions[rng.Intn(len(actions))], 1+rng.Intn(6))
	return fr, v, true
}

// soleNumeric: a row with a numeric target in a task with one lead, where changing the number
// makes exactly the trouble intended and no co-lead conflict besides.
func soleNumeric(r ledger.LedgerRow) bool {
	return r.Indicator != nil && r.Indicator.Value != nil && r.Indicator.Comparator != taizhang.Qualitative && len(r.Task.Lead) == 1 && r.Role == ledger.RoleLead
}

// numberOf is the number a filled value stands for (what was typed may carry a unit).
func numberOf(typed any, fallback float64) float64 {
	if f, ok := typed.(float64); ok {
		return f
	}
	return fallback
}

func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r == '.' {
			return r + 0xFEE0
		}
		return r
	}, s)
}

// coLedIndicator is the first indicator of a co-led task: where two leads will disagree.
func coLedIndicator(p *taizhang.Plan) string {
	for _, t := range p.Tasks {
		if len(t.Lead) > 1 {
			for _, ind := range t.Indicators {
				if ind.Value != nil && ind.Comparator != taizhang.Qualitative {
					return ind.ID
				}
			}
		}
	}
	return ""
}

func applyTrouble(ret *Return, kind string, opts Options) error {
	sheet := templates.SheetName(ledger.SheetLedger, opts.Plan.Script)
	switch kind {
	case "late":
		ret.Late, ret.Trouble = true, "逾期報送"
	case "units":
		ret.Trouble = "數值帶單位填寫"
	case "moved":
		ret.Trouble = "移動了行"
		n := len(ledger.RowsFor(opts.Plan, ret.Agency))
		return excel.Edit(ret.Path, func(e *excel.Editor) error { return e.MoveRow(sheet, 4, 4+n) })
	case "renamed":
		ret.Trouble = "工作表被重命名"
		return excel.Edit(ret.Path, func(e *excel.Editor) error { return e.Rename(sheet, "Sheet1") })
	case "formula":
		ret.Trouble = "累計完成值是沒有計算結果的公式"
		row := 4
		for i, r := range ledger.RowsFor(opts.Plan, ret.Agency) {
			if soleNumeric(r) {
				row = 4 + i
				break
			}
		}
		return excel.Edit(ret.Path, func(e *excel.Editor) error {
			return e.Formula(sheet, ledger.LedgerCell(ledger.ColValue, row), "1200+300")
		})
	case "tampered":
		ret.Trouble = "目標值被改動"
		return excel.Edit(ret.Path, func(e *excel.Editor) error { return e.Set(sheet, "G4", "已完成") })
	case "xls":
		if !opts.Office.Installed() {
			ret.Trouble = "(本機無LibreOffice,跳過.xls報送的情形)"
			return nil
		}
		ret.Trouble = "以.xls格式報送"
		data, err := os.ReadFile(ret.Path)
		if err != nil {
			return err
		}
		xls, err := opts.Office.Convert(context.Background(), data, ".xlsx", "xls:MS Excel 97")
		if err != nil {
			return err
		}
		if err := os.Remove(ret.Path); err != nil {
			return err
		}
		ret.Path = strings.TrimSuffix(ret.Path, ".xlsx") + ".xls"
		return os.WriteFile(ret.Path, xls, 0o644)
	}
	return nil
}
