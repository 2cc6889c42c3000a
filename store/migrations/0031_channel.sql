-- How each return and refused file came (issue 18): given to ingest (an e-mail, a folder) or
-- uploaded through the agency's link. It was kept as the prefix "網上報送:" of who took the file
-- in, and found again by matching that text; now it is a column, and who is the agency itself.
ALTER TABLE returns ADD COLUMN channel TEXT NOT NULL DEFAULT 'file' CHECK (channel IN ('file', 'link'));
ALTER TABLE refusals ADD COLUMN channel TEXT NOT NULL DEFAULT 'file' CHECK (channel IN ('file', 'link'));
UPDATE returns SET channel = 'link' WHERE id IN
	(SELECT return_id FROM version_events WHERE action IN ('ingest', 'stale') AND by LIKE '網上報送:%');
UPDATE version_events SET by = substr(by, length('網上報送:') + 1) WHERE action IN ('ingest', 'stale') AND by LIKE '網上報送:%';
UPDATE refusals SET channel = 'link', ingested_by = substr(ingested_by, length('網上報送:') + 1) WHERE ingested_by LIKE '網上報送:%';
