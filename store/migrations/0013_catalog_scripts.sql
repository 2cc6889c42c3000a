-- The catalog in both scripts (issue: switching scripts changed the catalog version and lost the
-- plan's wording, since OpenCC's round trips are lossy). The tables hold the catalog in the script
-- people read; other_script holds the same catalog in the other script, as JSON, converted once
-- from the text the plan or a catalog import gave. Switching scripts swaps the two and converts
-- nothing. Empty for a plan stored before: its first switch converts from the text as stored.
ALTER TABLE plans ADD COLUMN other_script TEXT NOT NULL DEFAULT '';
