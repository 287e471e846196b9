/*
 * db.c — backend selection, statement cache, transactions and the row-level
 * scope.  Knows no SQL; the per-thread connection lives here too.
 */
#include "db/backend.h"
#include "base/strmap.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct db_backend *const backends[] = {&db_sqlite_backend, &db_pg_backend};

static size_t scheme_len(const char *url, const char *scheme)
{
	size_t n = scheme ? strlen(scheme) : 0;
	return n && !strncmp(url, scheme, n) ? n : 0;
}

const struct db_backend *db_backend_of(const char *url, const char **where)
{
	for (size_t i = 0; i < sizeof backends / sizeof *backends; i++) {
		const struct db_backend *be = backends[i];
		size_t n = scheme_len(url, be->scheme);
		if (!n)
			n = scheme_len(url, be->alias);
		if (!n)
			continue;
		*where = be->full_url ? url : url + n;
		return be;
	}
	return NULL;
}

struct db *db_open(const char *url, char *err, size_t errsz)
{
	const char              *where;
	const struct db_backend *be = db_backend_of(url, &where);
	if (!be) {
		snprintf(err, errsz, "unknown database URL '%s' (expected sqlite:PATH or postgresql://…)", url);
		return NULL;
	}
	struct db *db = be->open(where, err, errsz);
	if (db)
		db->scope_all = true; /* a direct connection serves a system task */
	return db;
}

const char *db_dialect(struct db *db) { return db->be->dialect; }

void db_scope(struct db *db, int64_t user_id, bool all)
{
	if (db->scope_user != user_id || db->scope_all != all) {
		db->scope_user = user_id;
		db->scope_all  = all;
		db->scope_gen++;
	}
}

void db_close(struct db *db)
{
	if (db)
		db->be->close(db);
}

enum db_rc db_exec_script(struct db *db, const char *sql) { return db->be->exec_script(db, sql); }

enum db_rc db_begin_read(struct db *db)
{
	enum db_rc rc = db->be->txn(db, DB_TXN_READ);
	if (rc == DB_OK)
		db->depth = 1;
	return rc;
}

enum db_rc db_begin_write(struct db *db)
{
	/* The backend takes the write lock now (SQLite: BEGIN IMMEDIATE), so no
	 * statement inside fails on it. */
	enum db_rc rc = db->be->txn(db, DB_TXN_WRITE);
	if (rc == DB_OK)
		db->depth = 1;
	return rc;
}

enum db_rc db_begin_bulk(struct db *db)
{
	enum db_rc rc = db->be->txn(db, DB_TXN_BULK);
	if (rc == DB_OK) {
		db->depth  = 1;
		db->bulk   = true;
		db->doomed = false;
	}
	return rc;
}

/* Bulk: the answers of the writes sent ahead, before anything that depends on them. */
static void settle(struct db *db)
{
	if (db->bulk && !db->doomed && db->be->settle && !db->be->settle(db))
		db->doomed = true;
}

enum db_rc db_commit(struct db *db)
{
	settle(db);
	enum db_rc rc = db->doomed ? DB_ERROR : db->be->txn(db, DB_TXN_COMMIT);
	if (rc == DB_OK) {
		db->depth = 0;
		db->bulk  = false;
	} else
		db_rollback(db);
	return rc;
}

void db_rollback(struct db *db)
{
	if (db->depth) {
		db->be->txn(db, DB_TXN_ROLLBACK);
		db->depth = 0;
	}
	db->bulk   = false;
	db->doomed = false;
}

struct db_q *db_q(struct db *db, enum db_stmt id)
{
	struct db_q *q = db->stmts[id];
	if (!q) {
		q = db->be->prepare(db, id);
		if (!q) {
			/* The statement table is fixed at build time and tested; a
			 * failure here is a programming error, not bad input. */
			fprintf(stderr, "openbav: cannot prepare %s: %s\n", db_stmt_name(id),
			        db->be->errmsg(db));
			abort();
		}
		db->stmts[id] = q;
	} else
		db->be->reset(q);
	return q;
}

bool db_check_statements(struct db *db, char *err, size_t errsz)
{
	for (int i = 0; i < STMT__COUNT; i++) {
		if (db->stmts[i])
			continue;
		struct db_q *q = db->be->prepare(db, (enum db_stmt)i);
		if (!q) {
			snprintf(err, errsz, "statement %s does not fit the schema: %s", db_stmt_name((enum db_stmt)i),
			         db->be->errmsg(db));
			return false;
		}
		db->stmts[i] = q;
	}
	return true;
}

void db_bind_int(struct db_q *q, int i, int64_t v) { q->db->be->bind_int(q, i, v); }
void db_bind_text(struct db_q *q, int i, const char *s, size_t n) { q->db->be->bind_text(q, i, s, n); }
void db_bind_str(struct db_q *q, int i, const char *s)
{
	if (s)
		q->db->be->bind_text(q, i, s, strlen(s));
	else
		q->db->be->bind_null(q, i);
}
void db_bind_blob(struct db_q *q, int i, const void *p, size_t n) { q->db->be->bind_blob(q, i, p, n); }
void db_bind_null(struct db_q *q, int i) { q->db->be->bind_null(q, i); }
enum db_rc db_step(struct db_q *q)
{
	struct db *db = q->db;
	if (db->doomed)
		return DB_ERROR;
	enum db_rc rc = db->be->step(q);
	if (db->bulk && rc != DB_ROW && rc != DB_DONE)
		db->doomed = true;
	return rc;
}
bool db_col_null(struct db_q *q, int c) { return q->db->be->col_null(q, c); }
int64_t db_col_int(struct db_q *q, int c) { return q->db->be->col_int(q, c); }
const char *db_col_text(struct db_q *q, int c) { return q->db->be->col_text(q, c); }
size_t db_col_len(struct db_q *q, int c) { return q->db->be->col_len(q, c); }
const void *db_col_blob(struct db_q *q, int c) { return q->db->be->col_blob(q, c); }
void db_q_done(struct db_q *q) { q->db->be->reset(q); }
int64_t db_last_id(struct db *db)
{
	settle(db);
	return db->doomed ? 0 : db->be->last_id(db);
}
int64_t db_changes(struct db *db)
{
	settle(db);
	return db->be->changes(db);
}
const char *db_errmsg(struct db *db) { return db->be->errmsg(db); }

enum db_rc db_exec(struct db_q *q)
{
	enum db_rc rc = db_step(q);
	db_q_done(q);
	return rc == DB_ROW ? DB_DONE : rc;
}

enum db_rc db_one_int(struct db_q *q, int64_t *out)
{
	enum db_rc rc = db_step(q);
	*out          = rc == DB_ROW ? db_col_int(q, 0) : 0;
	db_q_done(q);
	return rc;
}

enum db_rc db_key_ids(struct db *db, enum db_stmt id, int64_t param, struct strmap *out)
{
	struct db_q *q = db_q(db, id);
	db_bind_int(q, 1, param);
	enum db_rc rc;
	while ((rc = db_step(q)) == DB_ROW)
		strmap_add(out, db_col_text(q, 0), db_col_int(q, 1));
	db_q_done(q);
	return rc;
}

/* ---- one connection per thread ------------------------------------------ */

static const char     *thread_url;
static pthread_key_t   thread_key;
static pthread_once_t  thread_once = PTHREAD_ONCE_INIT;

static void thread_close(void *p) { db_close(p); }
static void thread_key_make(void) { pthread_key_create(&thread_key, thread_close); }

void db_thread_url(const char *url)
{
	pthread_once(&thread_once, thread_key_make);
	thread_url = url;
}

struct db *db_thread(void)
{
	pthread_once(&thread_once, thread_key_make);
	struct db *db = pthread_getspecific(thread_key);
	if (!db) {
		char err[256];
		db = db_open(thread_url, err, sizeof err);
		if (!db) {
			fprintf(stderr, "openbav: database: %s\n", err);
			return NULL;
		}
		pthread_setspecific(thread_key, db);
	}
	db_scope(db, 0, false); /* each use starts seeing no tenant at all */
	return db;
}
