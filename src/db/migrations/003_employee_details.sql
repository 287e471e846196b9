-- 003_employee_details.sql — the full employee record: person, address and contact, tax and
-- social insurance, employment details; the salary history and absences (parental leave, long
-- sickness).  Rules are checked in app/employees.c; the CHECKs here are the last line.
-- Dates are day numbers, money cents, rates basis points, hours hundredths.
ALTER TABLE employees ADD COLUMN sex TEXT CHECK (sex IN ('f', 'm', 'd', 'x'));
ALTER TABLE employees ADD COLUMN street TEXT;
ALTER TABLE employees ADD COLUMN postcode TEXT;
ALTER TABLE employees ADD COLUMN city TEXT;
ALTER TABLE employees ADD COLUMN phone TEXT;
ALTER TABLE employees ADD COLUMN child_allowance_tenths INTEGER
	CHECK (child_allowance_tenths BETWEEN 0 AND 99 AND child_allowance_tenths % 5 = 0);
ALTER TABLE employees ADD COLUMN church_tax INTEGER CHECK (church_tax IN (0, 1));
ALTER TABLE employees ADD COLUMN health_insurance TEXT CHECK (health_insurance IN ('statutory', 'private'));
ALTER TABLE employees ADD COLUMN health_additional_bp INTEGER CHECK (health_additional_bp BETWEEN 0 AND 500);
ALTER TABLE employees ADD COLUMN federal_state TEXT CHECK (federal_state IN ('BW', 'BY', 'BE', 'BB',
	'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH'));
ALTER TABLE employees ADD COLUMN probation_end INTEGER;
ALTER TABLE employees ADD COLUMN exit_reason TEXT CHECK (exit_reason IN ('resignation', 'dismissal',
	'mutual', 'fixed_term', 'retirement', 'death', 'other'));
ALTER TABLE employees ADD COLUMN weekly_hours_centi INTEGER CHECK (weekly_hours_centi BETWEEN 0 AND 6000);

-- Monthly gross with the day it applies from; employees.monthly_gross_cents mirrors the row in force.
CREATE TABLE salaries (
	id                  INTEGER PRIMARY KEY,
	employer_id         INTEGER NOT NULL REFERENCES employers(id),
	employee_id         INTEGER NOT NULL REFERENCES employees(id),
	valid_from          INTEGER NOT NULL,
	monthly_gross_cents INTEGER NOT NULL CHECK (monthly_gross_cents >= 0),
	UNIQUE (employee_id, valid_from)
);
CREATE INDEX salaries_employee ON salaries(employer_id, employee_id, valid_from);

CREATE TABLE absences (
	id          INTEGER PRIMARY KEY,
	employer_id INTEGER NOT NULL REFERENCES employers(id),
	employee_id INTEGER NOT NULL REFERENCES employees(id),
	kind        TEXT    NOT NULL CHECK (kind IN ('parental_leave', 'sickness')),
	from_date   INTEGER NOT NULL,
	to_date     INTEGER,                   -- NULL: open end
	CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX absences_employee ON absences(employer_id, employee_id, kind, from_date);
