-- 001_init.sql — tenants, users, roles, employees, sessions, tokens, login throttling.
-- Dates are day numbers (days since 1970-01-01); times are Unix seconds; money is cents.
CREATE TABLE employers (
	id             INTEGER PRIMARY KEY,
	name           TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	street         TEXT    NOT NULL DEFAULT '',
	postcode       TEXT    NOT NULL DEFAULT '',
	city           TEXT    NOT NULL DEFAULT '',
	betriebsnummer TEXT    NOT NULL UNIQUE,
	employee_count INTEGER NOT NULL DEFAULT 0,   -- kept by app/employees.c: list totals in O(1)
	created_at     INTEGER NOT NULL
);

CREATE TABLE users (
	id             INTEGER PRIMARY KEY,
	email          TEXT    NOT NULL UNIQUE,      -- stored lower-case
	name           TEXT    NOT NULL,
	password_hash  TEXT    NOT NULL,             -- Argon2id, libsodium string form
	operator_role  TEXT    CHECK (operator_role IN ('admin', 'clerk')),
	totp_secret    BLOB,                         -- second factor on when set
	totp_pending   BLOB,                         -- set-up in progress
	totp_last_step INTEGER NOT NULL DEFAULT 0,   -- replay protection
	disabled       INTEGER NOT NULL DEFAULT 0,
	created_at     INTEGER NOT NULL
);

CREATE TABLE memberships (
	user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	employer_id INTEGER NOT NULL REFERENCES employers(id) ON DELETE CASCADE,
	role        TEXT    NOT NULL CHECK (role IN ('employer_admin', 'hr', 'employee', 'broker', 'tax_advisor')),
	PRIMARY KEY (user_id, employer_id)
);
CREATE INDEX memberships_employer ON memberships(employer_id);

CREATE TABLE employees (
	id                  INTEGER PRIMARY KEY,
	employer_id         INTEGER NOT NULL REFERENCES employers(id),
	personnel_number    TEXT    NOT NULL,
	last_name           TEXT    NOT NULL,
	first_name          TEXT    NOT NULL,
	birth_date          INTEGER NOT NULL,
	entry_date          INTEGER,
	exit_date           INTEGER,
	email               TEXT,
	iban                TEXT,
	svnr                TEXT,
	steuer_id           TEXT,
	tax_class           INTEGER CHECK (tax_class BETWEEN 1 AND 6),
	monthly_gross_cents INTEGER CHECK (monthly_gross_cents >= 0),
	user_id             INTEGER REFERENCES users(id) ON DELETE SET NULL,
	search              TEXT    NOT NULL,        -- lower-case "last first number email" for ?q=
	sort_name           TEXT    NOT NULL,        -- DIN 5007-1 key "last␟first": Köhler before Krüger
	created_at          INTEGER NOT NULL,
	updated_at          INTEGER NOT NULL,
	UNIQUE (employer_id, personnel_number)
);
-- Covers the list page (EMPLOYEE_LIST_COLS): the page is read from the index alone.
CREATE INDEX employees_list ON employees(employer_id, sort_name, id, personnel_number, last_name,
	first_name, birth_date, entry_date, exit_date, email);
CREATE INDEX employees_user ON employees(user_id);
CREATE INDEX employees_active ON employees(employer_id, exit_date); -- headcounts, index-only



CREATE TABLE sessions (
	id          INTEGER PRIMARY KEY,
	token_hash  BLOB    NOT NULL UNIQUE,         -- BLAKE2b of the cookie token
	user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	csrf        TEXT    NOT NULL,
	mfa_pending INTEGER NOT NULL DEFAULT 0,
	created_at  INTEGER NOT NULL,
	last_seen   INTEGER NOT NULL,
	expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
	id         INTEGER PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	token_hash BLOB    NOT NULL UNIQUE,
	label      TEXT    NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	last_used  INTEGER,
	revoked_at INTEGER
);

CREATE TABLE login_failures (
	id    INTEGER PRIMARY KEY,
	scope TEXT    NOT NULL CHECK (scope IN ('account', 'address')),
	key   TEXT    NOT NULL,
	at    INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(scope, key, at);
