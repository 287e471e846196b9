-- 007_partial_indexes.sql (PostgreSQL, same as ../007_partial_indexes.sql) — two indexes only for the rows they serve.  Most employees have no
-- portal login and no exit date, yet each still cost an entry in employees_user and
-- employees_active on every insert: two of the seven b-tree writes of an imported employee.
-- The queries they serve (`user_id = $1`; the headcount's and the "left" filter's
-- `exit_date < $1`) imply IS NOT NULL, so SQLite and PostgreSQL use the partial indexes.
DROP INDEX employees_user;
CREATE INDEX employees_user ON employees(user_id) WHERE user_id IS NOT NULL;
DROP INDEX employees_active;
CREATE INDEX employees_left ON employees(employer_id, exit_date) WHERE exit_date IS NOT NULL;
