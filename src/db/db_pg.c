/*
 * db_pg.c — the PostgreSQL backend (libpq), the same statement interface as
 * db_sqlite.c.  One connection per thread (db_thread), never shared.
 *
 * Statements are prepared once per connection (PQprepare, named "s<n>") from
 * the numbered table; parameters go as text, blobs as binary; results come as
 * text (bytea decoded on demand), fully buffered, so that several statements
 * can be open at once as on SQLite.  Whatever has to travel with a statement
 * (a pending BEGIN, the row-level scope, a savepoint) is sent in the same
 * round trip with libpq's pipeline mode.
 *
 * Transactions keep SQLite's semantics, which the callers rely on:
 *  - db_begin_read: BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY — one
 *    snapshot from the first statement to the end, like a deferred SQLite
 *    read in WAL mode.  Sent lazily with the first statement; its COMMIT is
 *    sent without waiting (end_read), so a page's reads cost one round trip
 *    each and nothing more.
 *  - db_begin_write: BEGIN (READ COMMITTED) plus a transaction-scoped
 *    advisory lock on one fixed key, i.e. one writer at a time per database,
 *    exactly SQLite's BEGIN IMMEDIATE.  The write paths assume it: the
 *    uniqueness and overlap checks before an insert (absences, personnel
 *    numbers), read-modify-write of whole records (employee_save, the import's
 *    diff), the counter employers.employee_count.  Under READ COMMITTED every
 *    statement after the lock sees everything committed before it, so no
 *    check is stale and nothing needs a retry; SERIALIZABLE would instead
 *    fail transactions half-way, which no caller handles.  Readers never
 *    wait.  The lock waits lock_timeout (5 s, SQLite's busy timeout), then
 *    DB_BUSY.  Writes outside a transaction are single statements, atomic.
 *    Inside a write transaction its reads are planned for their values
 *    every time (plan_cache_mode = force_custom_plan): a bulk import grows
 *    a table under its own cached plans, and a generic plan made while the
 *    table was empty (an index on employer_id alone, the personnel number
 *    as a filter) turned the import's lookups quadratic.  Its writes, which
 *    address rows by key, keep their cached plans (planning an INSERT with
 *    its row-level policy anew cost as much as running it); the setting is
 *    switched with the statement that needs the other one.  Read
 *    transactions keep PostgreSQL's plan cache, which ANALYZE refreshes.
 *  - Statement-level atomicity: on SQLite a failed statement (a constraint)
 *    leaves the transaction usable; on PostgreSQL an error aborts it.  Every
 *    INSERT/UPDATE/DELETE inside a write transaction therefore runs under a
 *    savepoint (same round trip), rolled back to when the statement fails.
 *  - COMMIT of a transaction PostgreSQL had aborted is reported as an error.
 *  - db_begin_bulk: a write transaction without the savepoints (a failed
 *    statement loses the transaction, as db.h promises for bulk work), whose
 *    writes are sent in pipeline mode without waiting: up to PG_MAX_DEFERRED
 *    of them travel ahead, and their answers are read ("settled") with the
 *    next round trip anything needs anyway — a read, an id, a row count,
 *    COMMIT.  Answers are tiny, so neither side blocks on a full socket
 *    while the other writes.
 *
 * db_last_id: an INSERT into a table with an identity column "id" is
 * prepared with " RETURNING id" appended (checked in the catalogue once per
 * connection and statement); the backend keeps the id and hides the row.
 * db_changes: the row count of the last INSERT/UPDATE/DELETE.
 * Errors: SQLSTATE class 23 and malformed values (22xxx) → DB_CONSTRAINT;
 * lock timeout, deadlock, serialization failure → DB_BUSY.
 * The row-level scope (db_scope) is sent as transaction-local settings
 * (set_config(…, true)) with the first statement of each transaction and
 * again when it changes; a statement outside a transaction with a scope runs
 * as BEGIN; scope; statement; COMMIT in one round trip.  Nothing survives on
 * the server beyond the transaction.  A broken connection is re-opened at
 * the next statement outside a transaction.
 */
#include "db/backend.h"
#include "base/arena.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { PG_LOCK_TIMEOUT_MS = 5000, PG_BYTEA_OID = 17, PG_BOOL_OID = 16, PG_MAX_DEFERRED = 256 };

/* Backend-internal statements, prepared at connect. */
enum pg_internal {
	I_BEGIN_READ,
	I_BEGIN_WRITE,
	I_BEGIN,
	I_LOCK,
	I_COMMIT,
	I_ROLLBACK,
	I_SCOPE,
	I_SAVEPOINT,
	I_RELEASE,
	I_HAS_ID,
	I_CUSTOM_PLANS,
	I_CACHED_PLANS,
	I__COUNT
};
static const char *const internal_sql[I__COUNT] = {
	[I_BEGIN_READ]  = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
	[I_BEGIN_WRITE] = "BEGIN ISOLATION LEVEL READ COMMITTED, READ WRITE",
	[I_BEGIN]       = "BEGIN",
	/* The key spells "obavwrlk": the database-wide writer lock. */
	[I_LOCK]        = "SELECT pg_advisory_xact_lock(8026084647365667947)",
	[I_COMMIT]      = "COMMIT",
	[I_ROLLBACK]    = "ROLLBACK",
	[I_SCOPE]       = "SELECT set_config('openbav.user_id', $1, true), set_config('openbav.all', $2, true)",
	[I_SAVEPOINT]   = "SAVEPOINT openbav_stmt",
	[I_RELEASE]     = "RELEASE SAVEPOINT openbav_stmt",
	[I_HAS_ID]      = "SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = 'id' "
	                  "AND attidentity <> '' AND NOT attisdropped",
	[I_CUSTOM_PLANS] = "SET LOCAL plan_cache_mode = force_custom_plan",
	[I_CACHED_PLANS] = "SET LOCAL plan_cache_mode = auto",
};
static const char internal_names[][4] = {"i0", "i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9", "i10", "i11"};
_Static_assert(sizeof internal_names / sizeof *internal_names == I__COUNT, "one name per internal statement");

enum pg_tx { TX_NONE, TX_READ_PENDING, TX_READ, TX_WRITE };

struct pg_db {
	struct db  base;
	PGconn    *c;
	unsigned   conn_gen;     /* moves when the connection was re-opened */
	enum pg_tx tx;
	bool       aborted;      /* a statement failed in this transaction */
	bool       bulk;         /* db_begin_bulk: no savepoints, writes deferred */
	int        deferred;     /* writes sent in pipeline mode, answers not read yet */
	bool       custom_plans; /* plan_cache_mode is force_custom_plan in this transaction */
	bool       deferred_failed; /* the last settling found a failed write */
	bool       scope_sent;   /* the scope of scope_sent_gen is set in this transaction */
	unsigned   scope_sent_gen;
	int64_t    changes, last_id;
	char       user[24];     /* parameters of I_SCOPE */
	char       sqlstate[6];
	char       err[512];
};

struct pg_q {
	struct db_q  base;
	enum db_stmt id;
	unsigned     conn_gen;   /* prepared on this connection */
	int          nparams;
	bool         write;      /* INSERT / UPDATE / DELETE */
	bool         returning;  /* " RETURNING id" appended */
	bool         answers;    /* a write with its own RETURNING: the caller reads rows */
	char       **buf;        /* parameter values */
	size_t      *cap;
	const char **val;        /* NULL: SQL NULL */
	int         *len, *fmt;
	PGresult    *res;
	int          row;        /* -1: not executed yet */
	int          nblob;
	unsigned char **blob;    /* decoded bytea per column of the current row */
	size_t      *blob_len;
};

static struct pg_db *P(struct db *db) { return (struct pg_db *)db; }
static struct pg_q *Q(struct db_q *q) { return (struct pg_q *)q; }

/* ---- errors --------------------------------------------------------------- */

static void set_err(struct pg_db *p, const char *state, const char *msg)
{
	snprintf(p->sqlstate, sizeof p->sqlstate, "%s", state ? state : "");
	snprintf(p->err, sizeof p->err, "%s", msg && *msg ? msg : "PostgreSQL error");
	size_t n = strlen(p->err);
	while (n && (p->err[n - 1] == '\n' || p->err[n - 1] == ' '))
		p->err[--n] = '\0';
}

static void set_err_res(struct pg_db *p, const PGresult *r)
{
	if (r)
		set_err(p, PQresultErrorField(r, PG_DIAG_SQLSTATE), PQresultErrorMessage(r));
	else
		set_err(p, "08000", PQerrorMessage(p->c));
}

static enum db_rc map_state(const char *s)
{
	if (!strncmp(s, "23", 2) || !strncmp(s, "22", 2))
		return DB_CONSTRAINT;
	if (!strcmp(s, "55P03") || !strcmp(s, "40001") || !strcmp(s, "40P01"))
		return DB_BUSY;
	return DB_ERROR;
}

static bool res_ok(const PGresult *r)
{
	ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY; /* a script of comments */
}

/* ---- connection ----------------------------------------------------------- */

/* Session settings and the internal statements; false on failure. */
static bool configure(struct pg_db *p)
{
	char set[160];
	snprintf(set, sizeof set, "SET lock_timeout = %d; SET client_min_messages = warning; "
	                          "SET standard_conforming_strings = on", PG_LOCK_TIMEOUT_MS);
	PGresult *r = PQexec(p->c, set);
	bool      ok = res_ok(r);
	if (!ok)
		set_err_res(p, r);
	PQclear(r);
	for (int i = 0; ok && i < I__COUNT; i++) {
		r  = PQprepare(p->c, internal_names[i], internal_sql[i], 0, NULL);
		ok = res_ok(r);
		if (!ok)
			set_err_res(p, r);
		PQclear(r);
	}
	return ok;
}

/* Before a statement outside a transaction: re-open a connection the server
 * dropped (the statements are prepared again on first use). */
static bool alive(struct pg_db *p)
{
	if (PQstatus(p->c) == CONNECTION_OK)
		return true;
	PQreset(p->c);
	if (PQstatus(p->c) != CONNECTION_OK) {
		set_err(p, "08000", PQerrorMessage(p->c));
		return false;
	}
	p->conn_gen++;
	return configure(p);
}

static struct db *pg_open(const char *url, char *err, size_t errsz)
{
	const char *const kw[]  = {"dbname", "fallback_application_name", "client_encoding", NULL};
	const char *const val[] = {url, "openbav", "UTF8", NULL};
	PGconn           *c     = PQconnectdbParams(kw, val, 1);
	if (!c || PQstatus(c) != CONNECTION_OK) {
		/* libpq's message names host and database, never the password. */
		snprintf(err, errsz, "cannot connect to PostgreSQL: %s", c ? PQerrorMessage(c) : "out of memory");
		size_t n = strlen(err);
		while (n && err[n - 1] == '\n')
			err[--n] = '\0';
		PQfinish(c);
		return NULL;
	}
	struct pg_db *p = xcalloc(1, sizeof *p);
	p->base.be      = &db_pg_backend;
	p->c            = c;
	if (!configure(p)) {
		snprintf(err, errsz, "cannot configure the PostgreSQL connection: %s", p->err);
		PQfinish(c);
		free(p);
		return NULL;
	}
	return &p->base;
}

static void q_free(struct pg_q *q);

static void pg_close(struct db *db)
{
	for (int i = 0; i < STMT__COUNT; i++)
		if (db->stmts[i])
			q_free(Q(db->stmts[i]));
	PQfinish(P(db)->c);
	free(db);
}

/* ---- round trips ---------------------------------------------------------- */

struct item {
	const char         *name;
	int                 n;
	const char *const  *val;
	const int          *len, *fmt;
};

static PGresult *exec_item(struct pg_db *p, const struct item *it)
{
	return PQexecPrepared(p->c, it->name, it->n, it->val, it->len, it->fmt, 0);
}

/* Sends the items in one round trip (pipeline mode) and returns the result
 * of item `keep` (the caller clears it); *failed is the first item that did
 * not succeed (its error is in p), or -1.  The server skips the items after
 * a failed one. */
/* Reads the answers of the writes sent ahead (the caller has sent a sync
 * after them), keeping the row count and id of the last; false when one
 * failed (its error is in p; the server skipped what followed it). */
static bool take_deferred(struct pg_db *p)
{
	bool ok = true;
	for (; p->deferred > 0; p->deferred--) {
		PGresult *r = PQgetResult(p->c);
		if (!r) { /* the connection broke */
			if (ok)
				set_err(p, "08000", PQerrorMessage(p->c));
			ok          = false;
			p->deferred = 0;
			break;
		}
		if (!res_ok(r)) {
			if (ok)
				set_err_res(p, r);
			ok = false;
		} else if (ok && PQresultStatus(r) == PGRES_COMMAND_OK && PQcmdTuples(r)[0]) { /* not a SET */
			p->changes = strtoll(PQcmdTuples(r), NULL, 10);
		} else if (ok && PQresultStatus(r) == PGRES_TUPLES_OK && !strncmp(PQcmdStatus(r), "INSERT", 6)) {
			p->changes = strtoll(PQcmdTuples(r), NULL, 10);
			if (PQntuples(r) == 1)
				p->last_id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
		}
		PQclear(r);
		while ((r = PQgetResult(p->c)) != NULL) /* NULL ends each item's results */
			PQclear(r);
	}
	p->deferred_failed = !ok;
	if (!ok)
		p->aborted = true;
	return ok;
}

static void sync_end(struct pg_db *p)
{
	PGresult *sync;
	while ((sync = PQgetResult(p->c)) != NULL) {
		bool last = PQresultStatus(sync) == PGRES_PIPELINE_SYNC;
		PQclear(sync);
		if (last)
			break;
	}
	PQexitPipelineMode(p->c);
}

/* Sends an item without waiting for its answer (pipeline mode; settle()
 * or the next pipeline() reads it). */
static bool send_ahead(struct pg_db *p, const struct item *it)
{
	if (!p->deferred && !PQenterPipelineMode(p->c))
		return false;
	if (!PQsendQueryPrepared(p->c, it->name, it->n, it->val, it->len, it->fmt, 0))
		return false;
	p->deferred++;
	return true;
}

/* The answers of every write sent ahead (bulk); false when one failed. */
static bool settle(struct pg_db *p)
{
	p->deferred_failed = false;
	if (!p->deferred)
		return true;
	if (!PQpipelineSync(p->c)) {
		set_err(p, "08000", PQerrorMessage(p->c));
		p->deferred = 0;
		p->aborted  = true;
		PQexitPipelineMode(p->c);
		return false;
	}
	bool ok = take_deferred(p);
	sync_end(p);
	return ok;
}

static PGresult *pipeline(struct pg_db *p, const struct item *it, int n, int keep, int *failed)
{
	*failed = -1;
	p->deferred_failed = false;
	if (n == 1 && !p->deferred) {
		PGresult *r = exec_item(p, it);
		if (!res_ok(r)) {
			*failed = 0;
			set_err_res(p, r);
		}
		return r;
	}
	PGresult *kept = NULL;
	bool      sent = p->deferred || PQenterPipelineMode(p->c); /* writes sent ahead: in it already */
	for (int i = 0; sent && i < n; i++)
		sent = PQsendQueryPrepared(p->c, it[i].name, it[i].n, it[i].val, it[i].len, it[i].fmt, 0);
	if (sent)
		sent = PQpipelineSync(p->c);
	if (!sent) {
		set_err(p, "08000", PQerrorMessage(p->c));
		*failed = 0;
		p->deferred = 0;
		PQexitPipelineMode(p->c);
		return NULL;
	}
	if (!take_deferred(p))
		*failed = 0; /* the server skipped our items; the write's error stands */
	for (int i = 0; i < n; i++) {
		PGresult *r = PQgetResult(p->c);
		if (!r) { /* the connection broke */
			if (*failed < 0) {
				*failed = i;
				set_err(p, "08000", PQerrorMessage(p->c));
			}
			break;
		}
		if (!res_ok(r) && *failed < 0) {
			*failed = i;
			set_err_res(p, r);
		}
		if (i == keep)
			kept = r;
		else
			PQclear(r);
		PGresult *end;
		while ((end = PQgetResult(p->c)) != NULL) /* NULL ends each item's results */
			PQclear(end);
	}
	sync_end(p);
	return kept;
}


/* One internal statement on its own; DB_OK or the mapped error. */
static enum db_rc internal(struct pg_db *p, enum pg_internal i)
{
	struct item it = {internal_names[i], 0, NULL, NULL, NULL};
	int         failed;
	PGresult   *r  = pipeline(p, &it, 1, 0, &failed);
	PQclear(r);
	return failed < 0 ? DB_OK : map_state(p->sqlstate);
}

/* A simple-query script (fixed text only). */
static bool simple(struct pg_db *p, const char *sql)
{
	settle(p);
	PGresult *r  = PQexec(p->c, sql);
	bool      ok = res_ok(r);
	if (!ok)
		set_err_res(p, r);
	PQclear(r);
	return ok;
}

/* ---- transactions --------------------------------------------------------- */

static bool scope_default(const struct db *db) { return !db->scope_user && !db->scope_all; }

/* Inside a transaction: must the scope be sent (again) before the next statement? */
static bool scope_due(const struct pg_db *p)
{
	return p->scope_sent ? p->scope_sent_gen != p->base.scope_gen : !scope_default(&p->base);
}

/* The I_SCOPE item for the current scope; val[2] holds its parameters. */
static struct item scope_item(struct pg_db *p, const char *val[2])
{
	if (p->base.scope_user)
		snprintf(p->user, sizeof p->user, "%lld", (long long)p->base.scope_user);
	else
		p->user[0] = '\0';
	val[0] = p->user;
	val[1] = p->base.scope_all ? "on" : "";
	return (struct item){internal_names[I_SCOPE], 2, val, NULL, NULL};
}


static void tx_end(struct pg_db *p)
{
	p->tx           = TX_NONE;
	p->bulk         = false;
	p->custom_plans = false;
	p->aborted    = false;
	p->scope_sent = false;
}

/* A read transaction ends without waiting: nothing in it can fail to
 * commit, and the answer is read with the connection's next round trip (the
 * server ends the transaction as soon as the message arrives). */
static bool end_read(struct pg_db *p)
{
	if (p->tx != TX_READ || p->aborted || PQstatus(p->c) != CONNECTION_OK)
		return false;
	struct item commit = {internal_names[I_COMMIT], 0, NULL, NULL, NULL};
	if (!send_ahead(p, &commit) || PQflush(p->c) != 0) {
		settle(p);
		return false;
	}
	tx_end(p);
	return true;
}

static enum db_rc pg_txn(struct db *db, enum db_txn op)
{
	struct pg_db *p = P(db);
	switch (op) {
	case DB_TXN_READ:
		if (p->tx != TX_NONE || !alive(p))
			return DB_ERROR;
		p->tx = TX_READ_PENDING; /* BEGIN travels with the first statement */
		return DB_OK;
	case DB_TXN_WRITE:
	case DB_TXN_BULK: {
		if (p->tx != TX_NONE || !alive(p))
			return DB_ERROR;
		struct item it[2] = {{internal_names[I_BEGIN_WRITE], 0, NULL, NULL, NULL},
		                     {internal_names[I_LOCK], 0, NULL, NULL, NULL}};
		int         failed;
		PQclear(pipeline(p, it, 2, 0, &failed));
		if (failed >= 0 && PQstatus(p->c) != CONNECTION_OK && alive(p)) /* nothing ran: again */
			PQclear(pipeline(p, it, 2, 0, &failed));
		if (failed < 0) {
			p->tx   = TX_WRITE;
			p->bulk = op == DB_TXN_BULK;
			return DB_OK;
		}
		enum db_rc rc = map_state(p->sqlstate);
		char       state[6], msg[512];
		memcpy(state, p->sqlstate, sizeof state);
		memcpy(msg, p->err, sizeof msg);
		if (PQtransactionStatus(p->c) != PQTRANS_IDLE)
			simple(p, "ROLLBACK");
		set_err(p, state, msg);
		tx_end(p);
		return rc;
	}
	case DB_TXN_COMMIT: {
		if (p->tx == TX_NONE) {
			set_err(p, "25000", "cannot commit: no transaction is active");
			return DB_ERROR;
		}
		if (p->tx == TX_READ_PENDING || end_read(p)) {
			tx_end(p);
			return DB_OK;
		}
		settle(p);
		bool      aborted = p->aborted;
		PGresult *r       = PQexecPrepared(p->c, internal_names[I_COMMIT], 0, NULL, NULL, NULL, 0);
		enum db_rc rc     = DB_OK;
		if (!res_ok(r)) {
			set_err_res(p, r);
			rc = map_state(p->sqlstate);
		} else if (aborted || strcmp(PQcmdStatus(r), "COMMIT")) {
			/* PostgreSQL answers COMMIT of an aborted transaction with ROLLBACK. */
			char msg[600];
			snprintf(msg, sizeof msg, "transaction rolled back after an earlier error: %s", p->err);
			set_err(p, "25P02", msg);
			rc = DB_ERROR;
		}
		PQclear(r);
		if (PQtransactionStatus(p->c) != PQTRANS_IDLE && PQstatus(p->c) == CONNECTION_OK)
			simple(p, "ROLLBACK");
		tx_end(p);
		return rc;
	}
	case DB_TXN_ROLLBACK:
		if (end_read(p))
			return DB_OK;
		if (p->tx == TX_READ || p->tx == TX_WRITE) {
			char state[6], msg[512]; /* keep the error that led here */
			memcpy(state, p->sqlstate, sizeof state);
			memcpy(msg, p->err, sizeof msg);
			settle(p); /* what a failed write left would skip the ROLLBACK */
			internal(p, I_ROLLBACK);
			set_err(p, state, msg);
		}
		tx_end(p);
		return DB_OK;
	default:
		return DB_ERROR;
	}
}

/* Migrations: inside a transaction with the scope (a data change in a
 * migration meets row-level security like any statement); outside one as
 * it is, without scope (CREATE DATABASE cannot run in a transaction). */
static enum db_rc pg_exec_script(struct db *db, const char *sql)
{
	struct pg_db *p = P(db);
	if (p->tx == TX_NONE && !alive(p))
		return DB_ERROR;
	settle(p);
	struct item it[2];
	int         n = 0;
	const char *scope_val[2];
	if (p->tx == TX_READ_PENDING)
		it[n++] = (struct item){internal_names[I_BEGIN_READ], 0, NULL, NULL, NULL};
	if (p->tx != TX_NONE && scope_due(p))
		it[n++] = scope_item(p, scope_val);
	if (n) {
		int failed;
		PQclear(pipeline(p, it, n, 0, &failed));
		if (p->tx == TX_READ_PENDING && failed != 0)
			p->tx = TX_READ;
		if (failed >= 0) {
			p->aborted = p->tx != TX_READ_PENDING;
			return map_state(p->sqlstate);
		}
		p->scope_sent     = p->tx != TX_NONE;
		p->scope_sent_gen = db->scope_gen;
	}
	if (simple(p, sql))
		return DB_OK;
	if (p->tx != TX_NONE)
		p->aborted = true;
	return map_state(p->sqlstate);
}

/* ---- statements ----------------------------------------------------------- */

/* The highest $n outside quotes. */
static int count_params(const char *sql)
{
	int  max   = 0;
	char quote = 0;
	for (const char *s = sql; *s; s++) {
		if (quote) {
			if (*s == quote)
				quote = 0;
		} else if (*s == '\'' || *s == '"')
			quote = *s;
		else if (*s == '$' && s[1] >= '0' && s[1] <= '9') {
			int n = (int)strtol(s + 1, NULL, 10);
			if (n > max)
				max = n;
		}
	}
	return max;
}

static bool starts_with_word(const char *sql, const char *word)
{
	while (*sql == ' ' || *sql == '\t' || *sql == '\n')
		sql++;
	size_t n = strlen(word);
	return !strncasecmp(sql, word, n) && (sql[n] == ' ' || sql[n] == '\n' || sql[n] == '\t');
}

/* "INSERT INTO name …": does name have an identity column id? */
static bool insert_has_id(struct pg_db *p, const char *sql)
{
	const char *s = strcasestr(sql, "INTO ");
	if (!s)
		return false;
	s += 5;
	while (*s == ' ')
		s++;
	char   table[64];
	size_t n = 0;
	while (n + 1 < sizeof table && ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
		table[n++] = *s++;
	table[n] = '\0';
	if (!n)
		return false;
	const char *val[1] = {table};
	PGresult   *r      = PQexecPrepared(p->c, internal_names[I_HAS_ID], 1, val, NULL, NULL, 0);
	bool        yes    = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
	PQclear(r);
	return yes;
}

static bool q_prepare_on_server(struct pg_q *q)
{
	struct pg_db *p   = P(q->base.db);
	const char   *sql = db_stmt_sql(q->id);
	char          name[16];
	settle(p); /* PQprepare is not for pipeline mode */
	snprintf(name, sizeof name, "s%d", (int)q->id);
	q->returning = starts_with_word(sql, "INSERT") && !strcasestr(sql, "RETURNING") && insert_has_id(p, sql);
	char *text   = NULL;
	if (q->returning) {
		size_t n = strlen(sql);
		text     = xmalloc(n + sizeof " RETURNING id");
		memcpy(text, sql, n);
		memcpy(text + n, " RETURNING id", sizeof " RETURNING id");
	}
	PGresult *r  = PQprepare(p->c, name, text ? text : sql, q->nparams, NULL);
	bool      ok = res_ok(r);
	if (!ok) {
		set_err_res(p, r);
		if (p->tx == TX_READ || p->tx == TX_WRITE)
			p->aborted = true;
	}
	PQclear(r);
	free(text);
	q->conn_gen = p->conn_gen;
	return ok;
}

static void blobs_free(struct pg_q *q)
{
	for (int i = 0; i < q->nblob; i++) {
		PQfreemem(q->blob[i]);
		q->blob[i] = NULL;
	}
}

static void q_free(struct pg_q *q)
{
	PQclear(q->res);
	blobs_free(q);
	free(q->blob);
	free(q->blob_len);
	for (int i = 0; i < q->nparams; i++)
		free(q->buf[i]);
	free(q->buf);
	free(q->cap);
	free(q->val);
	free(q->len);
	free(q->fmt);
	free(q);
}

static struct db_q *pg_prepare(struct db *db, enum db_stmt id)
{
	struct pg_db *p = P(db);
	if (p->tx == TX_NONE && !alive(p))
		return NULL;
	struct pg_q *q = xcalloc(1, sizeof *q);
	q->base.db     = db;
	q->id          = id;
	q->row         = -1;
	q->nparams     = count_params(db_stmt_sql(id));
	q->write = starts_with_word(db_stmt_sql(id), "INSERT") || starts_with_word(db_stmt_sql(id), "UPDATE") ||
	           starts_with_word(db_stmt_sql(id), "DELETE");
	q->answers = q->write && strcasestr(db_stmt_sql(id), "RETURNING") != NULL;
	size_t n = q->nparams ? (size_t)q->nparams : 1;
	q->buf   = xcalloc(n, sizeof *q->buf);
	q->cap   = xcalloc(n, sizeof *q->cap);
	q->val   = xcalloc(n, sizeof *q->val);
	q->len   = xcalloc(n, sizeof *q->len);
	q->fmt   = xcalloc(n, sizeof *q->fmt);
	if (!q_prepare_on_server(q)) {
		q_free(q);
		return NULL;
	}
	return &q->base;
}

static void pg_reset(struct db_q *dq)
{
	struct pg_q *q = Q(dq);
	PQclear(q->res);
	q->res = NULL;
	q->row = -1;
	blobs_free(q);
	for (int i = 0; i < q->nparams; i++) {
		q->val[i] = NULL;
		q->fmt[i] = 0;
		q->len[i] = 0;
	}
}

static void bind_bytes(struct pg_q *q, int i, const void *s, size_t n, int fmt)
{
	if (i < 1 || i > q->nparams)
		return; /* SQLite ignores an index out of range too (SQLITE_RANGE) */
	i--;
	if (q->cap[i] < n + 1) {
		q->cap[i] = n + 1 < 32 ? 32 : n + 1;
		q->buf[i] = xrealloc(q->buf[i], q->cap[i]);
	}
	if (n)
		memcpy(q->buf[i], s, n);
	q->buf[i][n] = '\0';
	q->val[i]    = q->buf[i];
	q->len[i]    = (int)n;
	q->fmt[i]    = fmt;
}

static void pg_bind_int(struct db_q *q, int i, int64_t v)
{
	char s[24];
	int  n = snprintf(s, sizeof s, "%lld", (long long)v);
	bind_bytes(Q(q), i, s, (size_t)n, 0);
}
static void pg_bind_text(struct db_q *q, int i, const char *s, size_t n) { bind_bytes(Q(q), i, s, n, 0); }
static void pg_bind_blob(struct db_q *q, int i, const void *b, size_t n) { bind_bytes(Q(q), i, b, n, 1); }
static void pg_bind_null(struct db_q *q, int i)
{
	if (i >= 1 && i <= Q(q)->nparams)
		Q(q)->val[i - 1] = NULL;
}

/* Runs the statement with whatever must travel with it; DB_OK or an error. */
static enum db_rc run_once(struct pg_q *q)
{
	struct pg_db *p  = P(q->base.db);
	struct db    *db = &p->base;
	if ((p->tx == TX_NONE || p->tx == TX_READ_PENDING) && !alive(p))
		return DB_ERROR;
	if (q->conn_gen != p->conn_gen && !q_prepare_on_server(q))
		return DB_ERROR;

	struct item it[8];
	int         n = 0, main_at, scope_at = -1;
	bool        wrap = p->tx == TX_NONE && !scope_default(db); /* BEGIN; scope; stmt; COMMIT */
	bool        save = p->tx == TX_WRITE && q->write && !p->bulk;
	if (wrap)
		it[n++] = (struct item){internal_names[I_BEGIN], 0, NULL, NULL, NULL};
	if (p->tx == TX_READ_PENDING)
		it[n++] = (struct item){internal_names[I_BEGIN_READ], 0, NULL, NULL, NULL};
	const char *scope_val[2];
	if (wrap || (p->tx != TX_NONE && scope_due(p))) {
		scope_at = n;
		it[n++]  = scope_item(p, scope_val);
	}
	if (p->tx == TX_WRITE && p->custom_plans == q->write) { /* see the top */
		it[n++]         = (struct item){internal_names[q->write ? I_CACHED_PLANS : I_CUSTOM_PLANS], 0, NULL, NULL, NULL};
		p->custom_plans = !q->write;
	}
	if (save)
		it[n++] = (struct item){internal_names[I_SAVEPOINT], 0, NULL, NULL, NULL};
	char name[16];
	snprintf(name, sizeof name, "s%d", (int)q->id);
	main_at = n;
	it[n++] = (struct item){name, q->nparams, q->val, q->len, q->fmt};
	if (save)
		it[n++] = (struct item){internal_names[I_RELEASE], 0, NULL, NULL, NULL};
	if (wrap)
		it[n++] = (struct item){internal_names[I_COMMIT], 0, NULL, NULL, NULL};

	int failed;
	q->res = pipeline(p, it, n, main_at, &failed);
	if (p->tx == TX_READ_PENDING && failed != 0)
		p->tx = TX_READ; /* BEGIN went through */
	if (scope_at >= 0 && (failed < 0 || failed > scope_at) && !wrap) {
		p->scope_sent     = true;
		p->scope_sent_gen = db->scope_gen;
	}
	if (failed < 0) {
		if (q->write) {
			p->changes = strtoll(PQcmdTuples(q->res), NULL, 10);
			if (q->returning && PQntuples(q->res) == 1)
				p->last_id = strtoll(PQgetvalue(q->res, 0, 0), NULL, 10);
		}
		return DB_OK;
	}
	enum db_rc rc = p->deferred_failed ? DB_ERROR : map_state(p->sqlstate); /* not this statement's fault */
	char       state[6], msg[512];
	memcpy(state, p->sqlstate, sizeof state);
	memcpy(msg, p->err, sizeof msg);
	if (PQstatus(p->c) != CONNECTION_OK) {
		if (p->tx != TX_NONE)
			p->aborted = true;
	} else if (wrap) {
		if (PQtransactionStatus(p->c) != PQTRANS_IDLE)
			simple(p, "ROLLBACK");
	}
	else if (save && failed >= main_at)
		simple(p, "ROLLBACK TO SAVEPOINT openbav_stmt; RELEASE SAVEPOINT openbav_stmt");
	else if (p->tx != TX_NONE)
		p->aborted = true;
	set_err(p, state, msg);
	PQclear(q->res);
	q->res = NULL;
	return rc;
}

/* A read that is the first statement of its transaction (or has none) runs
 * again on a new connection when the old one broke (a server restart): it
 * changed nothing and nothing before it is lost.  A write is not repeated,
 * since it may have been committed before the connection went. */
static enum db_rc run(struct pg_q *q)
{
	struct pg_db *p   = P(q->base.db);
	enum pg_tx    tx0 = p->tx;
	enum db_rc    rc  = run_once(q);
	if (rc != DB_OK && PQstatus(p->c) != CONNECTION_OK && !q->write &&
	    (tx0 == TX_NONE || tx0 == TX_READ_PENDING)) {
		p->tx         = tx0;
		p->aborted    = false;
		p->scope_sent = false;
		rc            = run_once(q);
	}
	return rc;
}

/* Bulk: sends a write without waiting for its answer (see the top). */
static enum db_rc defer(struct pg_q *q)
{
	struct pg_db *p = P(q->base.db);
	const char   *scope_val[2];
	bool          sent = true;
	if (scope_due(p)) {
		struct item scope = scope_item(p, scope_val);
		if ((sent = send_ahead(p, &scope))) {
			p->scope_sent     = true;
			p->scope_sent_gen = p->base.scope_gen;
		}
	}
	if (sent && p->custom_plans) {
		struct item cached = {internal_names[I_CACHED_PLANS], 0, NULL, NULL, NULL};
		if ((sent = send_ahead(p, &cached)))
			p->custom_plans = false;
	}
	char name[16];
	snprintf(name, sizeof name, "s%d", (int)q->id);
	struct item it = {name, q->nparams, q->val, q->len, q->fmt};
	if (!sent || !send_ahead(p, &it)) {
		char msg[512];
		snprintf(msg, sizeof msg, "%s", PQerrorMessage(p->c));
		settle(p);
		set_err(p, "08000", msg);
		p->aborted = true;
		return DB_ERROR;
	}
	if (p->deferred >= PG_MAX_DEFERRED && !settle(p))
		return DB_ERROR;
	return DB_OK;
}

static enum db_rc pg_step(struct db_q *dq)
{
	struct pg_q *q = Q(dq);
	struct pg_db *p = P(q->base.db);
	if (q->row < 0 && p->bulk && q->write && !q->answers && q->conn_gen == p->conn_gen && !p->aborted) {
		q->row = 0;
		return defer(q) == DB_OK ? DB_DONE : DB_ERROR;
	}
	if (q->row < 0) {
		enum db_rc rc = run(q);
		if (rc != DB_OK) {
			q->row = 0;
			return rc;
		}
		q->row = 0;
		int nf = PQnfields(q->res);
		if (nf > q->nblob) {
			q->blob     = xrealloc(q->blob, (size_t)nf * sizeof *q->blob);
			q->blob_len = xrealloc(q->blob_len, (size_t)nf * sizeof *q->blob_len);
			for (int i = q->nblob; i < nf; i++)
				q->blob[i] = NULL;
			q->nblob = nf;
		}
	} else {
		blobs_free(q);
		q->row++;
	}
	if (!q->res || q->returning)
		return DB_DONE; /* the returned id is ours, not the caller's */
	return q->row < PQntuples(q->res) ? DB_ROW : DB_DONE;
}

static bool in_row(struct pg_q *q, int c)
{
	return q->res && !q->returning && q->row < PQntuples(q->res) && c >= 0 && c < PQnfields(q->res);
}

static bool pg_col_null(struct db_q *dq, int c)
{
	struct pg_q *q = Q(dq);
	return !in_row(q, c) || PQgetisnull(q->res, q->row, c);
}

static int64_t pg_col_int(struct db_q *dq, int c)
{
	struct pg_q *q = Q(dq);
	if (pg_col_null(dq, c))
		return 0;
	const char *v = PQgetvalue(q->res, q->row, c);
	if (PQftype(q->res, c) == PG_BOOL_OID)
		return v[0] == 't';
	return strtoll(v, NULL, 10);
}

static const char *pg_col_text(struct db_q *dq, int c)
{
	struct pg_q *q = Q(dq);
	return pg_col_null(dq, c) ? "" : PQgetvalue(q->res, q->row, c);
}

/* bytea arrives as text ("\x…"); decoded once per row and column. */
static const unsigned char *bytea(struct pg_q *q, int c, size_t *len)
{
	if (!q->blob[c]) {
		q->blob[c] = PQunescapeBytea((const unsigned char *)PQgetvalue(q->res, q->row, c), &q->blob_len[c]);
		if (!q->blob[c])
			oom();
	}
	*len = q->blob_len[c];
	return q->blob[c];
}

static size_t pg_col_len(struct db_q *dq, int c)
{
	struct pg_q *q = Q(dq);
	if (pg_col_null(dq, c))
		return 0;
	if (PQftype(q->res, c) == PG_BYTEA_OID) {
		size_t n;
		bytea(q, c, &n);
		return n;
	}
	return (size_t)PQgetlength(q->res, q->row, c);
}

static const void *pg_col_blob(struct db_q *dq, int c)
{
	struct pg_q *q = Q(dq);
	if (pg_col_null(dq, c))
		return NULL;
	if (PQftype(q->res, c) == PG_BYTEA_OID) {
		size_t n;
		return bytea(q, c, &n);
	}
	return PQgetvalue(q->res, q->row, c);
}

static bool pg_settle(struct db *db) { return settle(P(db)); }
static int64_t pg_last_id(struct db *db) { return P(db)->last_id; }
static int64_t pg_changes(struct db *db) { return P(db)->changes; }
static const char *pg_errmsg(struct db *db) { return P(db)->err[0] ? P(db)->err : "not an error"; }

/* ---- for backup.c --------------------------------------------------------- */

static int64_t pg_tables(struct db *db)
{
	struct pg_db *p = P(db);
	if (p->tx == TX_NONE && !alive(p))
		return -1;
	settle(p);
	PGresult *r = PQexec(p->c, "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()");
	int64_t   n = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 ? strtoll(PQgetvalue(r, 0, 0), NULL, 10)
	                                                                         : -1;
	if (n < 0) {
		set_err_res(p, r);
		if (p->tx == TX_READ || p->tx == TX_WRITE)
			p->aborted = true;
	}
	PQclear(r);
	return n;
}

/* Ids are identity columns: after a copy with explicit ids the sequence
 * must continue after the largest (the table name is bound, from backup.c's
 * fixed list).  Runs inside the copy's write transaction. */
static enum db_rc pg_identity_past(struct db *db, const char *table, int64_t max_id)
{
	struct pg_db *p = P(db);
	char          max[24];
	snprintf(max, sizeof max, "%lld", (long long)max_id);
	const char *val[2] = {table, max};
	settle(p);
	PGresult   *r      = PQexecParams(p->c,
	                                  "SELECT setval(pg_get_serial_sequence($1, 'id'), greatest($2::bigint, 1), "
	                                  "$2::bigint > 0)",
	                                  2, NULL, val, NULL, NULL, 0);
	enum db_rc  rc     = DB_OK;
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		set_err_res(p, r);
		rc = map_state(p->sqlstate);
		if (p->tx == TX_READ || p->tx == TX_WRITE)
			p->aborted = true;
	}
	PQclear(r);
	return rc;
}

const struct db_backend db_pg_backend = {
	.scheme      = "postgresql://",
	.alias       = "postgres://",
	.full_url    = true,
	.dialect     = "postgresql",
	.migrations  = "src/db/migrations/pg/",
	.open        = pg_open,
	.close       = pg_close,
	.exec_script = pg_exec_script,
	.txn         = pg_txn,
	.prepare     = pg_prepare,
	.reset       = pg_reset,
	.bind_int    = pg_bind_int,
	.bind_text   = pg_bind_text,
	.bind_blob   = pg_bind_blob,
	.bind_null   = pg_bind_null,
	.step        = pg_step,
	.col_null    = pg_col_null,
	.col_int     = pg_col_int,
	.col_text    = pg_col_text,
	.col_len     = pg_col_len,
	.col_blob    = pg_col_blob,
	.settle      = pg_settle,
	.last_id     = pg_last_id,
	.changes     = pg_changes,
	.errmsg      = pg_errmsg,
	.backup          = pg_backup,
	.backup_version  = pg_backup_version,
	.restore         = pg_restore,
	.restore_partial = true,
	.tables          = pg_tables,
	.identity_past   = pg_identity_past,
};
