/*
 * db.h — the statement interface every caller uses (after sqlbox: statements
 * as data).  Callers name a statement by its number (enum db_stmt, see
 * stmt.h), bind values by position and read columns by position.  No SQL text
 * ever leaves src/db/, and none is built from strings at run time.
 *
 * A `struct db` is one connection owned by one thread.  The backend is chosen
 * by the URL given to db_open(): "sqlite:PATH" (db_sqlite.c) or
 * "postgresql://…" / "postgres://…" (db_pg.c, libpq).
 *
 * Results: db_step() returns DB_ROW while rows come, then DB_DONE; errors are
 * the enum below.  A statement is reset when it is fetched again with db_q(),
 * and by db_q_done().
 */
#ifndef OPENBAV_DB_H
#define OPENBAV_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/stmt.h"

struct db;
struct db_q;

enum db_rc {
	DB_OK = 0,
	DB_ROW,
	DB_DONE,
	DB_CONSTRAINT, /* unique / foreign key / check violated */
	DB_BUSY,       /* lock not obtained within the busy timeout */
	DB_ERROR,
};

/* Opens and configures a connection; NULL with a message in err on failure.
 * Its row-level scope is "all tenants" (command line, migrations, demo data,
 * tests); the server's connections come from db_thread() instead. */
struct db *db_open(const char *url, char *err, size_t errsz);
void       db_close(struct db *db);
const char *db_dialect(struct db *db); /* "sqlite" or "postgresql" */

/* Row-level security, the second wall behind the bound employer_id (only the
 * PostgreSQL backend enforces it; see migrations/pg/001_init.sql).  Tenant
 * rows (tables with employer_id, and employers) are visible to a statement only when `all`
 * is set (operator staff, system tasks) or when user_id holds a membership at
 * that employer; memberships themselves only when they are the user's own.
 * The scope holds for every following statement of this connection, inside
 * transactions and outside, until changed; PostgreSQL gets it as
 * transaction-local settings, so nothing of it outlives a statement or
 * transaction on the server.  db_scope(db, 0, false) sees no tenant at all. */
void       db_scope(struct db *db, int64_t user_id, bool all);

/* Transactions.  db_begin_write takes the write lock at once (BEGIN IMMEDIATE
 * on SQLite, a database-wide advisory lock on PostgreSQL: one writer at a
 * time) so that a write transaction never fails half-way on a lock; a read
 * sees one snapshot.  A statement that fails inside a transaction leaves the
 * transaction usable on both backends. */
enum db_rc db_begin_read(struct db *db);
enum db_rc db_begin_write(struct db *db);
/* A write transaction for bulk work (imports, copies): the same lock and
 * visibility as db_begin_write, but all or nothing per transaction rather
 * than per statement — once a statement fails, every later statement of the
 * transaction fails with DB_ERROR and db_commit rolls back and returns
 * DB_ERROR, on both backends.  In return PostgreSQL needs no savepoint per
 * statement and sends the writes (INSERT/UPDATE/DELETE run with db_exec)
 * without waiting for their answers, which arrive together with the next
 * statement or call that needs one (db_step of a read, db_last_id,
 * db_changes, db_commit): a write's failure may be reported by a later call,
 * as DB_ERROR.  An import row then costs one round trip, not five. */
enum db_rc db_begin_bulk(struct db *db);
enum db_rc db_commit(struct db *db);
void       db_rollback(struct db *db); /* safe to call when no transaction is open */

/* Statements. */
struct db_q *db_q(struct db *db, enum db_stmt id); /* prepared once per connection, reset here */
void       db_bind_int(struct db_q *q, int idx, int64_t v);  /* idx from 1 */
void       db_bind_text(struct db_q *q, int idx, const char *s, size_t n);
void       db_bind_str(struct db_q *q, int idx, const char *s); /* NULL binds NULL */
void       db_bind_blob(struct db_q *q, int idx, const void *p, size_t n);
void       db_bind_null(struct db_q *q, int idx);
enum db_rc db_step(struct db_q *q);
bool       db_col_null(struct db_q *q, int col); /* col from 0 */
int64_t    db_col_int(struct db_q *q, int col);
const char *db_col_text(struct db_q *q, int col); /* "" for NULL; valid until the next step */
size_t     db_col_len(struct db_q *q, int col);
const void *db_col_blob(struct db_q *q, int col);
void       db_q_done(struct db_q *q);
/* Run a statement that returns no rows; DB_DONE on success. */
enum db_rc db_exec(struct db_q *q);
/* Run a statement whose answer is one integer (a count): *out gets it (0
 * without a row); DB_ROW when it came, DB_DONE without a row, else the error. */
enum db_rc db_one_int(struct db_q *q, int64_t *out);
/* Run a statement with one integer parameter whose rows are (text key,
 * integer id), adding each to out (an import's lookups in memory); DB_DONE
 * on success. */
struct strmap;
enum db_rc db_key_ids(struct db *db, enum db_stmt id, int64_t param, struct strmap *out);
int64_t    db_last_id(struct db *db); /* 0 once a bulk transaction failed */
int64_t    db_changes(struct db *db);
const char *db_errmsg(struct db *db);

/* Migrations (migrate.c): applies every embedded migration not yet applied, in
 * order, each in its own transaction.  Returns the number applied or -1. */
int db_migrate(struct db *db, char *err, size_t errsz);
int db_schema_version(struct db *db);
int db_migrations_embedded(struct db *db); /* how many this backend's dialect has */
/* Prepares every statement of the table: false (with the first failure in
 * err) when the schema does not match this build. */
bool db_check_statements(struct db *db, char *err, size_t errsz);

/* Raw script execution for migrations only (trusted, embedded SQL). */
enum db_rc db_exec_script(struct db *db, const char *sql);

/* The connection of the calling thread for the server's database URL (opened
 * on first use, closed at thread exit), returned with the narrowest scope
 * (db_scope(db, 0, false)): the caller widens it once it knows who is asking.
 * db_thread_url() sets the URL once at start-up, before threads start. */
void       db_thread_url(const char *url);
struct db *db_thread(void);

#endif
