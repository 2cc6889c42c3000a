package cycle

import (
	taizhang "taizhang"
	"taizhang/templates/report"
)

// Labels for people, for the command line and the web pages: the ones the workbooks use, so that
// every face of the cycle says a status, a deadline and a colour the same way. Labels are in
// Traditional, converted by each writer to the plan's script.
var (
	StatusLabels = report.StatusLabels // an indicator's status (IndicatorStatus.Status)
	StatusOrder  = report.StatusOrder  // the order statuses are counted and charted in
	StatusColour = report.StatusColour // chart tones, the report's
	StateColour  = report.StateColour
)

// DeadlineNote is how a reporting state stands against its deadline (逾期3天, 還有5天), as the
// report's sheets say it; "" when there is nothing to say.
func DeadlineNote(state taizhang.ReportState, daysLate, daysLeft int) string {
	return report.DeadlineNote(state, daysLate, daysLeft)
}

// ChaseDeadlineNote is a chase-list entry's standing against its deadline, as the chase list says
// it.
func ChaseDeadlineNote(it taizhang.ChaseItem) string { return report.ChaseDeadlineNote(it) }
