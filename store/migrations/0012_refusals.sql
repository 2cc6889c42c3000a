-- Files an agency sent that were refused (issue 10: the record of who reported what and when).
-- A refused ledger still says the agency reported, and why it has to report again. The same
-- bytes refused twice for the same agency and period are one refusal.
CREATE TABLE refusals (
	id          INTEGER PRIMARY KEY,
	period      TEXT NOT NULL,
	agency      TEXT NOT NULL,
	file        TEXT NOT NULL,
	sha256      TEXT NOT NULL,
	received_at TEXT NOT NULL,
	code        TEXT NOT NULL,
	reason      TEXT NOT NULL,
	source      TEXT NOT NULL DEFAULT '',
	ingested_by TEXT NOT NULL DEFAULT '',
	UNIQUE (period, agency, sha256)
);
CREATE INDEX refusals_period ON refusals (period, agency, received_at);
