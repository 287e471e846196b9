-- 006_employees_by_employer.sql — the API's employee list pages by id within one employer
-- (`?cursor=` is the last id seen: STMT_EMPLOYEE_LIST_AFTER).  Without this index SQLite read
-- all of the employer's employees through employees_active and sorted them by id on every
-- call — 1,000 rows for a page of 50 in the benchmark, every row for a large employer.
CREATE INDEX employees_by_employer ON employees(employer_id, id);
