-- 006_employees_by_employer.sql (PostgreSQL) — the same index as ../006_employees_by_employer.sql:
-- the API's employee list pages by id within one employer (keyset cursor on id).
CREATE INDEX employees_by_employer ON employees(employer_id, id);
