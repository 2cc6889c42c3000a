-- Indicator kinds (issue 19): how each indicator is judged (a running total, a level, a rate, a
-- growth rate, a rank or qualitative), whether the plan's words left it for the coordinator to
-- choose, and whether co-lead agencies report shares to be summed. A catalog stored before has
-- kind '' on every indicator: the service reads the kinds from the plan's words when it loads it.
ALTER TABLE indicators ADD COLUMN kind TEXT NOT NULL DEFAULT ''
	CHECK (kind IN ('', 'cumulative', 'level', 'rate', 'growth', 'rank', 'qualitative'));
ALTER TABLE indicators ADD COLUMN kind_undecided INTEGER NOT NULL DEFAULT 0;
ALTER TABLE indicators ADD COLUMN shares INTEGER NOT NULL DEFAULT 0;
