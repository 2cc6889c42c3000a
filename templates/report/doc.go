// Package report renders what the coordinator sends up and back: the consolidated workbook for
// leadership with its one-page brief (Workbook), the chase list (ChaseWorkbook), and an agency's
// own return with its problems highlighted and commented (MarkFeedback); plus the words and
// colours every face of the cycle shares for a status or a deadline. It renders only: what it
// shows comes judged from reconcile and the cycle.
package report
