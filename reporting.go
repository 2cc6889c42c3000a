package taizhang

import "time"

// ReportState is where an agency stands with its ledger for a period.
type ReportState string

const (
	NotSent ReportState = "not_sent" // no ledger was sent, and nothing came back
	Sent    ReportState = "sent"     // sent; nothing usable back yet, and the deadline has not passed
	OnTime  ReportState = "on_time"  // returned by the deadline in force
	Late    ReportState = "late"     // returned, after the deadline in force
	Overdue ReportState = "overdue"  // nothing usable back, and the deadline has passed
)

// ReportStates lists the states in the order tables show them.
var ReportStates = []ReportState{OnTime, Late, Overdue, Sent, NotSent}

// Label names the state for people, in script s; the state itself when unknown.
func (st ReportState) Label(s Script) string {
	switch st {
	case NotSent:
		return word{"未下發", "未下发"}.in(s)
	case Sent:
		return word{"未報送", "未报送"}.in(s)
	case OnTime:
		return word{"按時報送", "按时报送"}.in(s)
	case Late:
		return word{"逾期報送", "逾期报送"}.in(s)
	case Overdue:
		return word{"逾期未報", "逾期未报"}.in(s)
	}
	return string(st)
}

// Reporting is one agency's reporting for a period, computed once and shown the same way by
// status, reconcile, the report, feedback and the chase list.
type Reporting struct {
	Agency         string
	State          ReportState
	Ledger         *Ledger   // the latest ledger sent, nil when none was
	Deadline       Date      // the deadline in force (as extended); zero when nothing was sent
	Extended       bool      // the deadline in force is later than the one set when the first ledger was issued
	Shortened      bool      // the deadline in force is earlier than that one (only ever with --force)
	DeadlineReason string    // why the deadline in force was set, when it was changed
	FirstReceived  time.Time // the first usable version's receipt; lateness is judged on it, never on a correction
	Current        *Return   // the current version, nil when none
	Versions       []Return  // every version, newest first
	DaysLate       int       // late: days the first receipt came after the deadline; overdue: days since it
	DaysLeft       int       // sent: days until the deadline (0 on the day itself)
	Empty          bool      // the current version has nothing filled in
	LastContact    string    // the filler and phone of the agency's latest return of any period
	Refused        *Refusal  // the latest file refused, when no usable version came after it
}

// Returned reports whether a usable return came back.
func (r *Reporting) Returned() bool { return r.State == OnTime || r.State == Late }

// Contact is who to call at the agency: the current return's filler, else whoever filled in its
// latest return of any period.
func (r *Reporting) Contact() string {
	if r.Current != nil {
		if c := JoinContact(r.Current.Filler, r.Current.Phone); c != "" {
			return c
		}
	}
	return r.LastContact
}

// JoinContact joins a name and a phone number, either of which may be empty.
func JoinContact(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}

// ChaseItem is one agency to chase (催報) and what it owes.
type ChaseItem struct {
	Agency   string
	State    ReportState
	Missing  []string // what is owed, in Chinese: "未報送臺賬", "3行未填寫", "2個數值需更正"
	Contact  string
	Deadline Date
	DaysLate int // past the deadline (overdue); 0 otherwise
	DaysLeft int // to the deadline (sent); 0 otherwise
}
