-- 002_history.sql — every change to a record, field by field: who, when, old and new value.
-- Written in the same transaction as the change itself (app/history.c).
CREATE TABLE changes (
	id          INTEGER PRIMARY KEY,
	employer_id INTEGER NOT NULL REFERENCES employers(id),
	entity      TEXT    NOT NULL CHECK (entity IN ('employee')),
	entity_id   INTEGER NOT NULL,
	action      TEXT    NOT NULL CHECK (action IN ('create', 'update', 'import')),
	field       TEXT,                      -- NULL for 'create'
	old_value   TEXT,
	new_value   TEXT,
	user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL, -- NULL: command line
	at          INTEGER NOT NULL
);
CREATE INDEX changes_entity ON changes(employer_id, entity, entity_id, id);
