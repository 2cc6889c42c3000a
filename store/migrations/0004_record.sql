-- One trustworthy record of every return: when each version was received, which one is current
-- (chosen by the coordinator or by order, never by the order workers finished in), the deadline
-- history, and who withdrew or restored what and why.

-- received_at: when the file arrived (lateness is judged on it); sort_at: what versions are ordered
-- by; current: the version reconcile uses (at most one per agency and period); withdrawn: taken
-- back by the coordinator; filled: rows with anything filled in (0 = an empty return).
-- superseded_by is no longer maintained: current and the version events say the same, explicitly.
ALTER TABLE submissions ADD COLUMN received_at TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN sort_at TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN current INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN filled INTEGER NOT NULL DEFAULT 0;
UPDATE submissions SET received_at = ingested_at, sort_at = ingested_at, current = (superseded_by IS NULL);
CREATE UNIQUE INDEX submissions_current ON submissions (period, agency) WHERE current = 1;

-- The 完成狀態 cell exactly as typed: a value outside the drop-down is kept, and flagged.
ALTER TABLE submission_values ADD COLUMN status_raw TEXT NOT NULL DEFAULT '';
UPDATE submission_values SET status_raw = status;
UPDATE submissions SET filled = (SELECT count(*) FROM submission_values v WHERE v.submission_id = submissions.id
	AND (v.raw <> '' OR v.status <> '' OR v.progress <> '' OR v.problems <> '' OR v.next_steps <> ''));

-- Deadlines change only when a person says so; the latest entry is the one in force.
CREATE TABLE deadlines (
	id       INTEGER PRIMARY KEY,
	period   TEXT NOT NULL,
	agency   TEXT NOT NULL,
	deadline TEXT NOT NULL,
	set_at   TEXT NOT NULL,
	set_by   TEXT NOT NULL DEFAULT '',
	reason   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX deadlines_period_agency ON deadlines (period, agency, id);
INSERT INTO deadlines (period, agency, deadline, set_at, reason)
	SELECT period, agency, deadline, min(issued_at), '下發臺賬' FROM templates GROUP BY period, agency;

-- Every change of a version's standing: taken in, stored as older than the current, withdrawn,
-- restored.
CREATE TABLE version_events (
	id            INTEGER PRIMARY KEY,
	submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
	action        TEXT NOT NULL CHECK (action IN ('ingest', 'stale', 'withdraw', 'restore')),
	at            TEXT NOT NULL,
	by            TEXT NOT NULL DEFAULT '',
	reason        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX version_events_submission ON version_events (submission_id);
INSERT INTO version_events (submission_id, action, at) SELECT id, 'ingest', ingested_at FROM submissions;

-- Where the plan's dates are judged and shown.
ALTER TABLE plans ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Asia/Shanghai';
