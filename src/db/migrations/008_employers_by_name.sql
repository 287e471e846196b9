-- 008_employers_by_name.sql — the operator's employer list in name order from an index.
-- Without it every page sorted all employers and, since the sort came first, computed the
-- headcount (a count over the employer's leavers) for every employer, not just for the 50
-- shown: the page cost grew with the number of employers (1,000 employers: 7,300 pages/s
-- against 12,900 with 100).  In index order the scan stops after the page.
CREATE INDEX employers_by_name ON employers(name, id);
