package cycle

import (
	"time"

	taizhang "taizhang"
)

// StateJSON is an agency's reporting state as status --json and reconcile --json print it.
type StateJSON struct {
	Agency         string        `json:"agency"`
	State          string        `json:"state"` // not_sent, sent, on_time, late, overdue
	Deadline       string        `json:"deadline,omitempty"`
	Extended       bool          `json:"deadline_extended,omitempty"`  // later than the first deadline set
	Shortened      bool          `json:"deadline_shortened,omitempty"` // earlier than it
	DeadlineReason string        `json:"deadline_reason,omitempty"`
	LedgerID       string        `json:"template_id,omitempty"`
	SentAt         *time.Time    `json:"sent_at,omitempty"`
	FirstReceived  *time.Time    `json:"first_received_at,omitempty"`
	Version        int           `json:"version,omitempty"` // the current version
	DaysLate       int           `json:"days_late"`
	DaysLeft       int           `json:"days_left"`
	Empty          bool          `json:"empty_return,omitempty"`
	Rows           int           `json:"rows"`
	Filled         int           `json:"filled"`
	Flagged        int           `json:"flagged"`
	Contact        string        `json:"contact,omitempty"`
	Versions       []VersionJSON `json:"versions"`
	Refused        *RefusalJSON  `json:"refused,omitempty"` // the latest file refused, when no usable version came after it
}

// RefusalJSON is a file the agency sent that was not taken, and why.
type RefusalJSON struct {
	File       string                 `json:"file"`
	SHA256     string                 `json:"sha256"`
	ReceivedAt time.Time              `json:"received_at"`
	Code       taizhang.RefusalReason `json:"code"`
	Reason     string                 `json:"reason"`
}

// VersionJSON is one version of a return.
type VersionJSON struct {
	Version    int       `json:"version"`
	File       string    `json:"file"`
	SHA256     string    `json:"sha256"`
	ReceivedAt time.Time `json:"received_at"`
	IngestedAt time.Time `json:"ingested_at"`
	Current    bool      `json:"current"`
	Withdrawn  bool      `json:"withdrawn,omitempty"`
	Empty      bool      `json:"empty,omitempty"`
}

// NewVersionJSON is a version as JSON shows it, its times where loc is.
func NewVersionJSON(r *taizhang.Return, loc *time.Location) VersionJSON {
	return VersionJSON{Version: r.Version, File: r.File, SHA256: r.SHA256, ReceivedAt: r.ReceivedAt.In(loc), IngestedAt: r.IngestedAt.In(loc),
		Current: r.Current, Withdrawn: r.Withdrawn, Empty: r.Empty()}
}

// StatusJSON is status --json.
type StatusJSON struct {
	Period   string         `json:"period"`
	Now      time.Time      `json:"now"`
	Agencies []StateJSON    `json:"agencies"`
	Totals   map[string]int `json:"totals"`
}

// ReconcileJSON is reconcile --json: Contract 4, with each agency's reporting state beside it.
type ReconcileJSON struct {
	Reconciliation
	Reporting []StateJSON `json:"reporting"`
}

// StatesJSON renders the reporting states, in the plan's time zone.
func (v *View) StatesJSON() []StateJSON {
	rows := map[string]int{}
	for _, st := range v.Plan.Tasks {
		for _, a := range append(append([]string{}, st.Lead...), st.Participating...) {
			n := len(st.Indicators)
			if n == 0 {
				n = 1
			}
			rows[a] += n
		}
	}
	flagged := map[string]int{}
	for _, f := range v.Result.Findings {
		if f.Code == taizhang.CodeInvalidValue || f.Code == taizhang.CodeUnitMismatch {
			flagged[f.Agency]++
		}
	}
	out := make([]StateJSON, 0, len(v.States))
	for _, st := range v.States {
		j := StateJSON{Agency: st.Agency, State: string(st.State), Deadline: st.Deadline.String(), Extended: st.Extended, DaysLate: st.DaysLate,
			DaysLeft: st.DaysLeft, Empty: st.Empty, Rows: rows[st.Agency], Flagged: flagged[st.Agency], Contact: st.Contact(), Versions: []VersionJSON{}}
		j.Shortened = st.Shortened
		if st.Extended || st.Shortened {
			j.DeadlineReason = st.DeadlineReason
		}
		if st.Ledger != nil {
			t := st.Ledger.IssuedAt.In(v.Now.Location())
			j.LedgerID, j.SentAt = st.Ledger.ID, &t
			j.Rows = st.Ledger.Rows
		}
		if !st.FirstReceived.IsZero() {
			t := st.FirstReceived.In(v.Now.Location())
			j.FirstReceived = &t
		}
		if st.Current != nil {
			j.Version, j.Filled = st.Current.Version, st.Current.Filled
		}
		if r := st.Refused; r != nil {
			j.Refused = &RefusalJSON{File: r.File, SHA256: r.SHA256, ReceivedAt: r.ReceivedAt.In(v.Now.Location()), Code: r.Code, Reason: r.Reason}
		}
		for i := range st.Versions {
			j.Versions = append(j.Versions, NewVersionJSON(&st.Versions[i], v.Now.Location()))
		}
		out = append(out, j)
	}
	return out
}

// StatusJSON renders status --json.
func (v *View) StatusJSON() StatusJSON {
	out := StatusJSON{Period: v.Period.String(), Now: v.Now, Agencies: v.StatesJSON(), Totals: map[string]int{}}
	for _, a := range out.Agencies {
		out.Totals[a.State]++
	}
	return out
}

// ReconcileJSON renders reconcile --json.
func (v *View) ReconcileJSON() ReconcileJSON {
	return ReconcileJSON{Reconciliation: v.Result, Reporting: v.StatesJSON()}
}
