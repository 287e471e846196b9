-- 004_contracts.sql — providers (operator data), group contracts, commitments (Zusagen) and
-- insurance contracts of an employer.  Rules are checked in app/providers.c and app/contracts.c;
-- the CHECKs here are the last line.  Dates are day numbers, money cents, rates basis points.
CREATE TABLE providers (
	id         INTEGER PRIMARY KEY,
	name       TEXT    NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
	vehicles   TEXT    NOT NULL,                 -- "DV,PK": the vehicles offered, checked by the app
	created_at INTEGER NOT NULL
);

CREATE TABLE group_contracts (
	id                     INTEGER PRIMARY KEY,
	employer_id            INTEGER NOT NULL REFERENCES employers(id),
	provider_id            INTEGER NOT NULL REFERENCES providers(id),
	number                 TEXT    NOT NULL,
	product_line           TEXT    NOT NULL DEFAULT '',
	vehicle                TEXT    NOT NULL CHECK (vehicle IN ('DZ', 'UK', 'DV', 'PK', 'PF')),
	subsidy_rule           TEXT    NOT NULL CHECK (subsidy_rule IN ('statutory15', 'percent', 'fixed', 'none')),
	subsidy_value          INTEGER NOT NULL DEFAULT 0 CHECK (subsidy_value >= 0), -- bp (percent) or cents (fixed)
	contribution_min_cents INTEGER NOT NULL CHECK (contribution_min_cents >= 0),
	contribution_max_cents INTEGER NOT NULL,
	created_at             INTEGER NOT NULL,
	updated_at             INTEGER NOT NULL,
	CHECK (contribution_min_cents <= contribution_max_cents),
	UNIQUE (employer_id, provider_id, number)
);

CREATE TABLE commitments (
	id                        INTEGER PRIMARY KEY,
	employer_id               INTEGER NOT NULL REFERENCES employers(id),
	employee_id               INTEGER NOT NULL REFERENCES employees(id),
	group_contract_id         INTEGER REFERENCES group_contracts(id),
	vehicle                   TEXT    NOT NULL CHECK (vehicle IN ('DZ', 'UK', 'DV', 'PK', 'PF')),
	type                      TEXT    NOT NULL CHECK (type IN ('LZ', 'BOLZ', 'BZML')),
	financing                 TEXT    NOT NULL CHECK (financing IN ('employer', 'employee', 'mixed')),
	employer_share_bp         INTEGER CHECK (employer_share_bp BETWEEN 1 AND 9999),
	service_start             INTEGER NOT NULL,
	commitment_start          INTEGER NOT NULL,
	taken_over                INTEGER NOT NULL DEFAULT 0 CHECK (taken_over IN (0, 1)),
	original_employer         TEXT,
	original_service_start    INTEGER,
	original_commitment_start INTEGER,
	psv_relevant              INTEGER NOT NULL DEFAULT 0 CHECK (psv_relevant IN (0, 1)), -- core/psv
	created_at                INTEGER NOT NULL,
	updated_at                INTEGER NOT NULL
);
CREATE INDEX commitments_employee ON commitments(employer_id, employee_id, id);

CREATE TABLE insurance_contracts (
	id                 INTEGER PRIMARY KEY,
	employer_id        INTEGER NOT NULL REFERENCES employers(id),
	employee_id        INTEGER NOT NULL REFERENCES employees(id),
	commitment_id      INTEGER REFERENCES commitments(id),
	group_contract_id  INTEGER REFERENCES group_contracts(id),
	policy_number      TEXT    NOT NULL,
	tariff             TEXT    NOT NULL DEFAULT '',
	start_date         INTEGER NOT NULL,
	contribution_cents INTEGER NOT NULL CHECK (contribution_cents >= 0),
	payment_mode       TEXT    NOT NULL CHECK (payment_mode IN ('monthly', 'quarterly', 'half_yearly', 'yearly')),
	riders             TEXT    NOT NULL DEFAULT '',
	beneficiary        TEXT    NOT NULL CHECK (beneficiary IN ('employee_irrevocable', 'employee_revocable', 'employer')),
	status             TEXT    NOT NULL CHECK (status IN ('active', 'contribution_free', 'terminated')),
	status_since       INTEGER NOT NULL,
	created_at         INTEGER NOT NULL,
	updated_at         INTEGER NOT NULL,
	UNIQUE (employer_id, policy_number)
);
CREATE INDEX insurance_contracts_employee ON insurance_contracts(employer_id, employee_id, id);

-- The history now covers the new records: SQLite cannot widen a CHECK, so the table is rebuilt.
CREATE TABLE changes_new (
	id          INTEGER PRIMARY KEY,
	employer_id INTEGER NOT NULL REFERENCES employers(id),
	entity      TEXT    NOT NULL CHECK (entity IN ('employee', 'group_contract', 'commitment', 'insurance_contract')),
	entity_id   INTEGER NOT NULL,
	action      TEXT    NOT NULL CHECK (action IN ('create', 'update', 'import')),
	field       TEXT,
	old_value   TEXT,
	new_value   TEXT,
	user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
	at          INTEGER NOT NULL
);
INSERT INTO changes_new (id, employer_id, entity, entity_id, action, field, old_value, new_value, user_id, at)
	SELECT id, employer_id, entity, entity_id, action, field, old_value, new_value, user_id, at FROM changes;
DROP TABLE changes;
ALTER TABLE changes_new RENAME TO changes;
CREATE INDEX changes_entity ON changes(employer_id, entity, entity_id, id);
