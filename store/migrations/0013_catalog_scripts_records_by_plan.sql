-- The catalog in both scripts (issue: switching scripts changed the catalog version and lost the
-- plan's wording, since OpenCC's round trips are lossy). The tables hold the catalog in the script
-- people read; other_script holds the same catalog in the other script, as JSON, converted once
-- from the text the plan or a catalog import gave. Switching scripts swaps the two and converts
-- nothing. Empty for a plan stored before: its first switch converts from the text as stored.
ALTER TABLE plans ADD COLUMN other_script TEXT NOT NULL DEFAULT '';

-- Records belong to the plan they were made under (issue: init --force with another plan kept the
-- old plan's ledgers in status, reconcile and the chase list). Ledgers sent and returns carry
-- their plan already; deadlines and refusals get theirs, from the ledger they were set with or
-- for, else the plan in the database. Every reading of a period's records takes the current plan's only; the others stay
-- as history, whole, and count again if that plan is loaded again. At most one current version per
-- agency and period within each plan.
ALTER TABLE deadlines ADD COLUMN plan_id TEXT NOT NULL DEFAULT '';
UPDATE deadlines SET plan_id = coalesce(
	(SELECT t.plan_id FROM templates t WHERE t.period = deadlines.period AND t.agency = deadlines.agency ORDER BY t.issued_at LIMIT 1),
	(SELECT id FROM plans), '');
ALTER TABLE refusals ADD COLUMN plan_id TEXT NOT NULL DEFAULT '';
UPDATE refusals SET plan_id = coalesce(
	(SELECT t.plan_id FROM templates t WHERE t.period = refusals.period AND t.agency = refusals.agency ORDER BY t.issued_at LIMIT 1),
	(SELECT id FROM plans), '');
DROP INDEX submissions_current;
CREATE UNIQUE INDEX submissions_current ON submissions (plan_id, period, agency) WHERE current = 1;
