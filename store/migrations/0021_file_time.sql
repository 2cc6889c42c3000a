-- The modification time of a returned file as it was read: versions given one receipt time
-- (ingest --received for a whole mail folder) are ordered by it before their file names, so that
-- a correction saved later is the later version whatever it is called ("…(1).xlsx" sorts before
-- "….xlsx"). Empty for versions stored before, which keep the order they had.
ALTER TABLE submissions ADD COLUMN file_time TEXT NOT NULL DEFAULT '';
