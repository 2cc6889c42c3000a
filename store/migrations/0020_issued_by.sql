-- Who issued each ledger, for the history of a period (taizhang history). A ledger issued before
-- is credited to whoever set its agency's deadline in the same moment (the first ledger sets it,
-- within the same second), else to no one.
ALTER TABLE templates ADD COLUMN issued_by TEXT NOT NULL DEFAULT '';
UPDATE templates SET issued_by = coalesce((SELECT d.set_by FROM deadlines d WHERE d.period = templates.period
	AND d.agency = templates.agency AND abs(julianday(d.set_at) - julianday(templates.issued_at)) < 1.0 / 86400
	ORDER BY abs(julianday(d.set_at) - julianday(templates.issued_at)) LIMIT 1), '');
