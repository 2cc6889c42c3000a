-- Returned ledgers. Each accepted file is one submission, stored whole in one transaction; a newer
-- one for the same agency and period supersedes the older, which stays as history.
CREATE TABLE submissions (
	id            INTEGER PRIMARY KEY,
	sha256        TEXT NOT NULL UNIQUE,
	file_name     TEXT NOT NULL,
	source_path   TEXT NOT NULL,
	archive_path  TEXT NOT NULL,
	size          INTEGER NOT NULL,
	plan_id       TEXT NOT NULL,
	agency        TEXT NOT NULL,
	period        TEXT NOT NULL,
	template_id   TEXT NOT NULL,
	catalog_hash  TEXT NOT NULL,
	signed        INTEGER NOT NULL,
	converted     TEXT NOT NULL DEFAULT '', -- the original format when LibreOffice converted it
	ledger_sheet  TEXT NOT NULL,
	filler        TEXT NOT NULL DEFAULT '',
	phone         TEXT NOT NULL DEFAULT '',
	reviewer      TEXT NOT NULL DEFAULT '',
	filled_date   TEXT NOT NULL DEFAULT '',
	ingested_at   TEXT NOT NULL,
	version       INTEGER NOT NULL,
	superseded_by INTEGER REFERENCES submissions (id)
);
CREATE INDEX submissions_period_agency ON submissions (period, agency, version);

CREATE TABLE submission_values (
	submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
	indicator     TEXT NOT NULL,
	sheet_row     INTEGER NOT NULL,
	cell          TEXT NOT NULL, -- the 累計完成值 cell, e.g. I7
	status_cell   TEXT NOT NULL DEFAULT '', -- the 完成狀態 cell, wherever columns were moved
	raw           TEXT NOT NULL,
	value         REAL,
	typed_unit    TEXT NOT NULL DEFAULT '',
	approx        INTEGER NOT NULL DEFAULT 0,
	flag          TEXT NOT NULL DEFAULT '',
	note          TEXT NOT NULL DEFAULT '',
	status        TEXT NOT NULL DEFAULT '',
	progress      TEXT NOT NULL DEFAULT '',
	problems      TEXT NOT NULL DEFAULT '',
	next_steps    TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (submission_id, indicator)
);

-- Problems found while reading a file that was still accepted (e.g. a value in the wrong unit).
CREATE TABLE submission_findings (
	submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
	code          TEXT NOT NULL,
	indicator     TEXT NOT NULL DEFAULT '',
	sheet         TEXT NOT NULL DEFAULT '',
	cell          TEXT NOT NULL DEFAULT '',
	message       TEXT NOT NULL
);
CREATE INDEX submission_findings_submission ON submission_findings (submission_id);
