/*
 * migrate.c — versioned schema migrations.  The migrations are the embedded
 * files src/db/migrations/NNN_name.sql (see tools/embed.c); each is applied
 * once, in number order, in its own write transaction together with its row
 * in schema_migrations.  A migration never changes after it has shipped.
 */
#include "db/db.h"
#include "assets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char migrations_dir[] = "src/db/migrations/";

static int migration_number(const struct asset *a)
{
	size_t n = sizeof migrations_dir - 1;
	if (strncmp(a->path, migrations_dir, n))
		return 0;
	return atoi(a->path + n);
}

int db_schema_version(struct db *db)
{
	struct db_q *q = db_q(db, STMT_MIGRATION_VERSION);
	int          v = db_step(q) == DB_ROW ? (int)db_col_int(q, 0) : 0;
	db_q_done(q);
	return v;
}

int db_migrate(struct db *db, char *err, size_t errsz)
{
	if (db_exec_script(db, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER "
	                       "PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)") != DB_OK) {
		snprintf(err, errsz, "cannot create schema_migrations: %s", db_errmsg(db));
		return -1;
	}
	int applied = 0;
	for (int want = db_schema_version(db) + 1;; want++) {
		const struct asset *m = NULL;
		for (size_t i = 0; i < assets_count; i++)
			if (migration_number(&assets[i]) == want)
				m = &assets[i];
		if (!m)
			break;
		if (db_begin_write(db) != DB_OK ||
		    db_exec_script(db, (const char *)m->data) != DB_OK) {
			snprintf(err, errsz, "migration %s failed: %s", m->name, db_errmsg(db));
			db_rollback(db);
			return -1;
		}
		struct db_q *q = db_q(db, STMT_MIGRATION_RECORD);
		db_bind_int(q, 1, want);
		db_bind_str(q, 2, m->name);
		db_bind_int(q, 3, (int64_t)time(NULL));
		if (db_exec(q) != DB_DONE || db_commit(db) != DB_OK) {
			snprintf(err, errsz, "migration %s not recorded: %s", m->name, db_errmsg(db));
			db_rollback(db);
			return -1;
		}
		applied++;
	}
	return applied;
}
