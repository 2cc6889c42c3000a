-- Plans of any level and form (issue 13): the level of government that issued the plan, a
-- section's parent ("(一)" under "一、"), a task's own deadline, and whether its lead was only
-- taken as the first agency listed. Every column has a default, so plans stored before read as
-- they did.
ALTER TABLE plans ADD COLUMN level TEXT NOT NULL DEFAULT '' CHECK (level IN ('', 'province', 'city', 'district', 'county'));
ALTER TABLE sections ADD COLUMN parent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN deadline TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN lead_assumed INTEGER NOT NULL DEFAULT 0;
