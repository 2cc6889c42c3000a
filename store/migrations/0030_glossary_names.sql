-- The names of docs/glossary.md: a ledger is what is sent, a return what comes back, with its
-- rows and its findings ("template" and "submission" are not used for them). ALTER TABLE …
-- RENAME keeps every row, and SQLite rewrites what names the old tables and columns: foreign
-- keys (returns.superseded_by, return_rows, return_findings, version_events), the columns of
-- indexes and the condition of the partial one. Indexes are renamed by making them again.
ALTER TABLE templates RENAME TO ledgers;
ALTER TABLE submissions RENAME TO returns;
ALTER TABLE submission_values RENAME TO return_rows;
ALTER TABLE submission_findings RENAME TO return_findings;
ALTER TABLE returns RENAME COLUMN template_id TO ledger_id;
ALTER TABLE return_rows RENAME COLUMN submission_id TO return_id;
ALTER TABLE return_findings RENAME COLUMN submission_id TO return_id;
ALTER TABLE version_events RENAME COLUMN submission_id TO return_id;

DROP INDEX templates_period_agency;
CREATE INDEX ledgers_period_agency ON ledgers (period, agency, issued_at);
DROP INDEX submissions_period_agency;
CREATE INDEX returns_period_agency ON returns (period, agency, version);
DROP INDEX submissions_current;
CREATE UNIQUE INDEX returns_current ON returns (plan_id, period, agency) WHERE current = 1;
DROP INDEX submission_findings_submission;
CREATE INDEX return_findings_return ON return_findings (return_id);
DROP INDEX version_events_submission;
CREATE INDEX version_events_return ON version_events (return_id);
