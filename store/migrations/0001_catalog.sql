-- The plan catalog. One current plan per database; its content hash names the catalog version
-- that templates are made from.
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value BLOB NOT NULL
);

CREATE TABLE plans (
	id            TEXT PRIMARY KEY,
	title         TEXT NOT NULL,
	doc_no        TEXT NOT NULL,
	year          INTEGER NOT NULL,
	script        TEXT NOT NULL CHECK (script IN ('traditional', 'simplified')),
	source_name   TEXT NOT NULL,
	source_sha256 TEXT NOT NULL,
	catalog_hash  TEXT NOT NULL,
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);

CREATE TABLE sections (
	plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	no      INTEGER NOT NULL,
	title   TEXT NOT NULL,
	PRIMARY KEY (plan_id, no)
);

CREATE TABLE agencies (
	plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	name    TEXT NOT NULL,
	kind    TEXT NOT NULL CHECK (kind IN ('agency', 'group', 'external')),
	ord     INTEGER NOT NULL,
	PRIMARY KEY (plan_id, name)
);

CREATE TABLE agency_aliases (
	plan_id TEXT NOT NULL,
	agency  TEXT NOT NULL,
	alias   TEXT NOT NULL,
	ord     INTEGER NOT NULL,
	PRIMARY KEY (plan_id, agency, alias),
	FOREIGN KEY (plan_id, agency) REFERENCES agencies (plan_id, name) ON DELETE CASCADE
);

CREATE TABLE tasks (
	plan_id  TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	no       INTEGER NOT NULL,
	section  INTEGER NOT NULL,
	title    TEXT NOT NULL,
	text     TEXT NOT NULL,
	form     TEXT NOT NULL CHECK (form IN ('lead', 'lead_dept', 'by_duty', 'none')),
	next_seq INTEGER NOT NULL,
	PRIMARY KEY (plan_id, no),
	FOREIGN KEY (plan_id, section) REFERENCES sections (plan_id, no)
);

CREATE TABLE task_agencies (
	plan_id TEXT NOT NULL,
	task_no INTEGER NOT NULL,
	role    TEXT NOT NULL CHECK (role IN ('lead', 'participating')),
	agency  TEXT NOT NULL,
	ord     INTEGER NOT NULL,
	PRIMARY KEY (plan_id, task_no, role, agency),
	FOREIGN KEY (plan_id, task_no) REFERENCES tasks (plan_id, no) ON DELETE CASCADE,
	FOREIGN KEY (plan_id, agency) REFERENCES agencies (plan_id, name)
);

CREATE TABLE indicators (
	plan_id    TEXT NOT NULL,
	id         TEXT NOT NULL,
	task_no    INTEGER NOT NULL,
	ord        INTEGER NOT NULL,
	metric     TEXT NOT NULL,
	span       TEXT NOT NULL,
	comparator TEXT NOT NULL CHECK (comparator IN ('>=', '<=', '~', '=', 'range', 'decrease', 'increase', 'qualitative')),
	value      REAL,
	high       REAL,
	unit       TEXT NOT NULL,
	approx     INTEGER NOT NULL,
	deadline   TEXT,
	baseline   TEXT,
	PRIMARY KEY (plan_id, id),
	FOREIGN KEY (plan_id, task_no) REFERENCES tasks (plan_id, no) ON DELETE CASCADE
);

-- Every catalog version ever current, so that a template from an older catalog can be told apart
-- from a forged one.
CREATE TABLE catalog_versions (
	hash       TEXT PRIMARY KEY,
	plan_id    TEXT NOT NULL,
	created_at TEXT NOT NULL,
	reason     TEXT NOT NULL
);
