-- 008_employers_by_name.sql (PostgreSQL, same as ../008_employers_by_name.sql) — the
-- operator's employer list in name order from an index (name is COLLATE "C" here, as the
-- ORDER BY compares it), so a page reads its 50 employers and computes 50 headcounts
-- instead of sorting all employers first.
CREATE INDEX employers_by_name ON employers(name, id);
