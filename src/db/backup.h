/*
 * backup.h — the whole database at once (the `openbav backup | restore |
 * copy | checksum` commands):
 *
 *  - backup: one consistent copy of a database in a file, made while the
 *    server runs — SQLite with its online backup API (a database file),
 *    PostgreSQL with pg_dump (custom format);
 *  - restore: a backup back into a database of the same backend (SQLite:
 *    the backup API; PostgreSQL: pg_restore), all or nothing;
 *  - copy: every table from one database into an empty one of any backend
 *    (SQLite → PostgreSQL is the migration path), ids kept, in one
 *    transaction of the target, verified by checksum before it commits;
 *  - checksum: row count and a checksum of every table, the same on both
 *    backends for the same data — to compare a restored or copied database
 *    with its source.
 *
 * Each returns the command's exit code: 0 done; 1 a failure (database, file,
 * tool); 2 refused (not a backup, a target that holds data, a schema version
 * that does not fit) — err says why.  What the command prints goes to out.
 */
#ifndef OPENBAV_DB_BACKUP_H
#define OPENBAV_DB_BACKUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "db/stmt.h"

int db_backup(const char *url, const char *file, FILE *out, char *err, size_t errsz);
/* Refuses a database that holds data unless force (then its content is
 * replaced). */
int db_restore(const char *url, const char *file, bool force, FILE *out, char *err, size_t errsz);
int db_copy(const char *from, const char *to, FILE *out, char *err, size_t errsz);
int db_checksum(const char *url, FILE *out, char *err, size_t errsz);

/* Every table of the schema except schema_migrations, in dependency order (a
 * table after the tables it refers to) — the one list of them;
 * tests/unit/test_tables.c checks it against the migrated schema. */
struct db_table {
	const char  *name;
	enum db_stmt read, write; /* STMT_COPY_READ_…, STMT_COPY_WRITE_… */
	const char  *kinds;       /* one letter per column: i integer, t text, b blob */
	int          keys;        /* the first `keys` columns (integers) order and identify the rows */
	bool         identity;    /* column 0 is a generated id */
};
extern const struct db_table db_tables[];
extern const int             db_tables_count;

#endif
