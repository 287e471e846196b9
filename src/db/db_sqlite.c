/*
 * db_sqlite.c — the SQLite backend: WAL, foreign keys, busy timeout, and
 * statements prepared once per connection from the numbered table.  The
 * statement text uses $n parameters; they become ?n here.
 */
#include "db/backend.h"
#include "base/arena.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SQLITE_BUSY_MS = 5000 };

struct sq_db {
	struct db     base;
	sqlite3      *h;
	sqlite3_stmt *txn[DB_TXN__COUNT];
};

struct sq_q {
	struct db_q   base;
	sqlite3_stmt *st;
};

static sqlite3 *H(struct db *db) { return ((struct sq_db *)db)->h; }
static sqlite3_stmt *ST(struct db_q *q) { return ((struct sq_q *)q)->st; }

/* Process-wide settings, before the first connection: no memory statistics
 * (they take a global mutex on every allocation). */
static pthread_once_t sq_once = PTHREAD_ONCE_INIT;
static void sq_global(void) { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

static struct db *sq_open(const char *path, char *err, size_t errsz)
{
	pthread_once(&sq_once, sq_global);
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	                                       SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errsz, "cannot open %s: %s", path, h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
		sqlite3_close(h);
		return NULL;
	}
	sqlite3_busy_timeout(h, SQLITE_BUSY_MS);
	static const char *const pragmas =
		"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
		"PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;";
	char *msg = NULL;
	if (sqlite3_exec(h, pragmas, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(err, errsz, "cannot configure %s: %s", path, msg ? msg : "?");
		sqlite3_free(msg);
		sqlite3_close(h);
		return NULL;
	}
	struct sq_db *db = xcalloc(1, sizeof *db);
	db->base.be      = &db_sqlite_backend;
	db->h            = h;
	return &db->base;
}

static void sq_close(struct db *db)
{
	for (int i = 0; i < DB_TXN__COUNT; i++)
		sqlite3_finalize(((struct sq_db *)db)->txn[i]);
	for (int i = 0; i < STMT__COUNT; i++)
		if (db->stmts[i]) {
			sqlite3_finalize(ST(db->stmts[i]));
			free(db->stmts[i]);
		}
	sqlite3_close(H(db));
	free(db);
}

static enum db_rc map_rc(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK: return DB_OK;
	case SQLITE_ROW: return DB_ROW;
	case SQLITE_DONE: return DB_DONE;
	case SQLITE_CONSTRAINT: return DB_CONSTRAINT;
	case SQLITE_BUSY:
	case SQLITE_LOCKED: return DB_BUSY;
	default: return DB_ERROR;
	}
}

static enum db_rc sq_exec_script(struct db *db, const char *sql)
{
	return map_rc(sqlite3_exec(H(db), sql, NULL, NULL, NULL));
}

static enum db_rc sq_txn(struct db *db, enum db_txn op)
{
	static const char *const sql[DB_TXN__COUNT] = {"BEGIN", "BEGIN IMMEDIATE", "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"};
	struct sq_db            *s                  = (struct sq_db *)db;
	if (!s->txn[op] && sqlite3_prepare_v3(s->h, sql[op], -1, SQLITE_PREPARE_PERSISTENT, &s->txn[op], NULL) != SQLITE_OK)
		return DB_ERROR;
	int rc = sqlite3_step(s->txn[op]);
	sqlite3_reset(s->txn[op]);
	return rc == SQLITE_DONE ? DB_OK : map_rc(rc);
}

/* $n → ?n outside quoted strings. */
static char *to_sqlite_params(const char *sql)
{
	char *out = xstrdup(sql);
	char  quote = 0;
	for (char *p = out; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"')
			quote = *p;
		else if (*p == '$' && p[1] >= '0' && p[1] <= '9')
			*p = '?';
	}
	return out;
}

static struct db_q *sq_prepare(struct db *db, enum db_stmt id)
{
	char         *sql = to_sqlite_params(db_stmt_sql(id));
	sqlite3_stmt *st  = NULL;
	int           rc  = sqlite3_prepare_v3(H(db), sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return NULL;
	struct sq_q *q = xcalloc(1, sizeof *q);
	q->base.db     = db;
	q->st          = st;
	return &q->base;
}

static void sq_reset(struct db_q *q)
{
	sqlite3_reset(ST(q));
	sqlite3_clear_bindings(ST(q));
}

static void sq_bind_int(struct db_q *q, int i, int64_t v) { sqlite3_bind_int64(ST(q), i, v); }
static void sq_bind_text(struct db_q *q, int i, const char *s, size_t n)
{
	sqlite3_bind_text64(ST(q), i, s, n, SQLITE_TRANSIENT, SQLITE_UTF8);
}
static void sq_bind_blob(struct db_q *q, int i, const void *p, size_t n)
{
	sqlite3_bind_blob64(ST(q), i, p, n, SQLITE_TRANSIENT);
}
static void sq_bind_null(struct db_q *q, int i) { sqlite3_bind_null(ST(q), i); }
static enum db_rc sq_step(struct db_q *q) { return map_rc(sqlite3_step(ST(q))); }
static bool sq_col_null(struct db_q *q, int c) { return sqlite3_column_type(ST(q), c) == SQLITE_NULL; }
static int64_t sq_col_int(struct db_q *q, int c) { return sqlite3_column_int64(ST(q), c); }
static const char *sq_col_text(struct db_q *q, int c)
{
	const unsigned char *s = sqlite3_column_text(ST(q), c);
	return s ? (const char *)s : "";
}
static size_t sq_col_len(struct db_q *q, int c) { return (size_t)sqlite3_column_bytes(ST(q), c); }
static const void *sq_col_blob(struct db_q *q, int c) { return sqlite3_column_blob(ST(q), c); }
static int64_t sq_last_id(struct db *db) { return sqlite3_last_insert_rowid(H(db)); }
static int64_t sq_changes(struct db *db) { return sqlite3_changes64(H(db)); }
static const char *sq_errmsg(struct db *db) { return sqlite3_errmsg(H(db)); }

/* ---- backup and restore: SQLite's online backup API ------------------------
 * One step over all pages: the source is read in one read transaction (one
 * snapshot) and, in WAL mode, the server's writers never wait for it; the
 * destination is written in one write transaction, so a restore is all or
 * nothing.  The only SQL here is SQLite's own pragmas. */

/* "what: message" into err, and false. */
static bool sq_fail(sqlite3 *h, int rc, const char *what, char *err, size_t errsz)
{
	snprintf(err, errsz, "%s: %s", what, h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
	return false;
}

static bool sq_copy_pages(sqlite3 *from, sqlite3 *to, char *err, size_t errsz)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	if (!b)
		return sq_fail(to, 0, "cannot start the copy", err, errsz);
	int rc;
	for (int tries = 0;; tries++) { /* a lock held for a moment (a checkpoint): wait, up to the busy timeout */
		rc = sqlite3_backup_step(b, -1);
		if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || tries * 50 >= SQLITE_BUSY_MS)
			break;
		sqlite3_sleep(50);
	}
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		snprintf(err, errsz, "copying the pages failed: %s", sqlite3_errstr(rc));
		return false;
	}
	return true;
}

/* PRAGMA quick_check: true when it answers "ok". */
static bool sq_quick_check(sqlite3 *h, const char *what, char *err, size_t errsz)
{
	sqlite3_stmt *st = NULL;
	int           rc = sqlite3_prepare_v2(h, "PRAGMA quick_check", -1, &st, NULL);
	bool          ok = rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
	                   !strcmp((const char *)sqlite3_column_text(st, 0), "ok");
	if (!ok)
		snprintf(err, errsz, "%s fails SQLite's quick_check: %s", what,
		         st && sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : sqlite3_errmsg(h));
	sqlite3_finalize(st);
	return ok;
}

static bool sq_backup(const char *path, const char *file, char *err, size_t errsz)
{
	sqlite3 *from = NULL, *to = NULL;
	bool     ok   = false;
	/* Read-write without CREATE: a mistyped path is an error, not a new empty database. */
	int rc = sqlite3_open_v2(path, &from, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL);
	if (rc != SQLITE_OK) {
		sq_fail(from, rc, path, err, errsz);
		goto out;
	}
	sqlite3_busy_timeout(from, SQLITE_BUSY_MS);
	rc = sqlite3_open_v2(file, &to, SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK) {
		sq_fail(to, rc, file, err, errsz);
		goto out;
	}
	/* The copy carries the source's WAL flag; a backup is one file (rollback
	 * journal).  backup.c reads it back (sq_backup_version: quick_check). */
	ok = sq_copy_pages(from, to, err, errsz) &&
	     (sqlite3_exec(to, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) == SQLITE_OK ||
	      sq_fail(to, 0, "cannot make the backup one file", err, errsz));
out:
	sqlite3_close(from);
	sqlite3_close(to);
	return ok;
}

static int sq_backup_version(const char *file, char *err, size_t errsz)
{
	sqlite3 *h  = NULL;
	int      v  = -1;
	int      rc = sqlite3_open_v2(file, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_EXRESCODE, NULL);
	if (rc != SQLITE_OK)
		sq_fail(h, rc, "cannot open it", err, errsz);
	else if (sq_quick_check(h, "it", err, errsz)) {
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(h, db_stmt_sql(STMT_MIGRATION_VERSION), -1, &st, NULL) != SQLITE_OK)
			v = 0; /* no schema_migrations: a database, but not openbav's */
		else if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int(st, 0);
		else
			sq_fail(h, 0, "cannot read its schema version", err, errsz);
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return v;
}

/* The backup replaces every page of the database (schema and data alike), so
 * `clean` needs nothing extra.  The file passed quick_check before
 * (sq_backup_version); its pages arrive as they are. */
static bool sq_restore(const char *path, const char *file, bool clean, char *err, size_t errsz)
{
	(void)clean;
	sqlite3 *from = NULL, *to = NULL;
	bool     ok   = false;
	int      rc   = sqlite3_open_v2(file, &from, SQLITE_OPEN_READONLY | SQLITE_OPEN_EXRESCODE, NULL);
	if (rc != SQLITE_OK) {
		sq_fail(from, rc, file, err, errsz);
		goto out;
	}
	rc = sqlite3_open_v2(path, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE, NULL);
	if (rc != SQLITE_OK) {
		sq_fail(to, rc, path, err, errsz);
		goto out;
	}
	sqlite3_busy_timeout(to, SQLITE_BUSY_MS);
	ok = sq_copy_pages(from, to, err, errsz);
out:
	sqlite3_close(from);
	sqlite3_close(to);
	return ok;
}

static int64_t sq_tables(struct db *db)
{
	sqlite3_stmt *st = NULL;
	int64_t       n  = -1;
	if (sqlite3_prepare_v2(H(db), "SELECT count(*) FROM sqlite_schema WHERE type = 'table'", -1, &st, NULL) ==
	        SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

const struct db_backend db_sqlite_backend = {
	.scheme      = "sqlite:",
	.dialect     = "sqlite",
	.migrations  = "src/db/migrations/",
	.open        = sq_open,
	.close       = sq_close,
	.exec_script = sq_exec_script,
	.txn         = sq_txn,
	.prepare     = sq_prepare,
	.reset       = sq_reset,
	.bind_int    = sq_bind_int,
	.bind_text   = sq_bind_text,
	.bind_blob   = sq_bind_blob,
	.bind_null   = sq_bind_null,
	.step        = sq_step,
	.col_null    = sq_col_null,
	.col_int     = sq_col_int,
	.col_text    = sq_col_text,
	.col_len     = sq_col_len,
	.col_blob    = sq_col_blob,
	.last_id     = sq_last_id,
	.changes     = sq_changes,
	.errmsg      = sq_errmsg,
	.backup         = sq_backup,
	.backup_version = sq_backup_version,
	.restore        = sq_restore,
	.tables         = sq_tables,
};
