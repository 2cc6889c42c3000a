-- Ledger templates sent to agencies: what was sent to whom, from which catalog version.
CREATE TABLE templates (
	id           TEXT PRIMARY KEY,
	plan_id      TEXT NOT NULL,
	agency       TEXT NOT NULL,
	period       TEXT NOT NULL,
	catalog_hash TEXT NOT NULL,
	file_name    TEXT NOT NULL,
	issued_at    TEXT NOT NULL,
	deadline     TEXT NOT NULL,
	contact      TEXT NOT NULL,
	rows         INTEGER NOT NULL
);
CREATE INDEX templates_period_agency ON templates (period, agency, issued_at);
