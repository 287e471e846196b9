/*
 * test_db.c — the statement layer on the backend OPENBAV_TEST_DB names
 * (SQLite by default, PostgreSQL via tests/pg/run.sh): migrations, every
 * statement of the table prepares against the migrated schema, transactions
 * (rollback, a failed statement inside, one snapshot per read, one writer at
 * a time), ids, change counts, blobs.  On PostgreSQL also: the schema equals
 * SQLite's column for column, and row-level security holds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <sqlite3.h>
#include <time.h>

#include "db/db.h"
#include "assets.h"
#include "testdb.h"

static char url[512];

static int setup(void **state)
{
	assert_int_equal(testdb_create("db", url, sizeof url), 0);
	char       err[512];
	struct db *db = db_open(url, err, sizeof err);
	if (!db)
		fprintf(stderr, "%s\n", err);
	assert_non_null(db);
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	db_close(*state);
	testdb_drop(url);
	return 0;
}

static bool is_pg(struct db *db) { return !strcmp(db_dialect(db), "postgresql"); }

static void test_migrate_once(void **state)
{
	struct db *db = *state;
	char       err[256];
	int        embedded = db_migrations_embedded(db);
	assert_true(embedded >= 4);
	int n = db_migrate(db, err, sizeof err);
	if (n < 0)
		fprintf(stderr, "%s\n", err);
	assert_int_equal(n, embedded);
	assert_int_equal(db_schema_version(db), embedded);
	/* A second run applies nothing. */
	assert_int_equal(db_migrate(db, err, sizeof err), 0);
	assert_int_equal(db_schema_version(db), embedded);
	if (!db_check_statements(db, err, sizeof err))
		fprintf(stderr, "%s\n", err);
	assert_true(db_check_statements(db, err, sizeof err));
}

/* Both dialects have the same migrations: numbers and names. */
static void test_same_migrations(void **state)
{
	(void)state;
	const char *sq = "src/db/migrations/", *pg = "src/db/migrations/pg/";
	int         n_sq = 0, n_pg = 0;
	for (size_t i = 0; i < assets_count; i++) {
		const char *p = assets[i].path;
		if (!strncmp(p, pg, strlen(pg)))
			n_pg++;
		else if (!strncmp(p, sq, strlen(sq))) {
			n_sq++;
			bool twin = false;
			for (size_t j = 0; j < assets_count; j++)
				twin |= !strncmp(assets[j].path, pg, strlen(pg)) && !strcmp(assets[j].name, assets[i].name);
			if (!twin)
				fprintf(stderr, "no PostgreSQL migration for %s\n", p);
			assert_true(twin);
		}
	}
	assert_int_equal(n_sq, n_pg);
}

static void test_every_statement_prepares(void **state)
{
	struct db *db = *state;
	for (int i = 0; i < STMT__COUNT; i++) {
		assert_non_null(db_stmt_sql((enum db_stmt)i));
		assert_non_null(db_stmt_name((enum db_stmt)i));
		/* db_q aborts on a statement that does not prepare. */
		struct db_q *q = db_q(db, (enum db_stmt)i);
		assert_non_null(q);
		db_q_done(q);
	}
}

static int64_t employer_insert(struct db *db, const char *name, const char *bn)
{
	struct db_q *q = db_q(db, STMT_EMPLOYER_INSERT);
	db_bind_str(q, 1, name);
	db_bind_str(q, 2, "");
	db_bind_str(q, 3, "");
	db_bind_str(q, 4, "");
	db_bind_str(q, 5, bn);
	db_bind_int(q, 6, 0);
	return db_exec(q) == DB_DONE ? db_last_id(db) : -1;
}

static enum db_rc employee_insert(struct db *db, int64_t employer, const char *number)
{
	struct db_q *q = db_q(db, STMT_EMPLOYEE_INSERT);
	db_bind_int(q, 1, employer);
	db_bind_str(q, 2, number);
	db_bind_str(q, 3, "Muster");
	db_bind_str(q, 4, "Max");
	db_bind_int(q, 5, 3000);
	db_bind_str(q, 27, "muster max");
	db_bind_str(q, 28, "muster\x1fmax");
	db_bind_int(q, 29, 0);
	return db_exec(q);
}

static int64_t count_employers(struct db *db)
{
	struct db_q *q = db_q(db, STMT_EMPLOYER_COUNT);
	int64_t      n = db_step(q) == DB_ROW ? db_col_int(q, 0) : -1;
	db_q_done(q);
	return n;
}

static void test_rollback_and_constraint(void **state)
{
	struct db *db = *state;
	assert_int_equal(db_begin_write(db), DB_OK);
	assert_true(employer_insert(db, "Temp GmbH", "09912342") > 0);
	db_rollback(db);
	assert_int_equal(count_employers(db), 0);

	/* Unique Betriebsnummer: the second insert is a constraint error. */
	assert_true(employer_insert(db, "Temp GmbH", "09912342") > 0);
	assert_int_equal(employer_insert(db, "Temp GmbH", "09912342"), -1);
	struct db_q *q = db_q(db, STMT_EMPLOYER_INSERT);
	db_bind_str(q, 1, "Temp GmbH");
	db_bind_str(q, 2, "");
	db_bind_str(q, 3, "");
	db_bind_str(q, 4, "");
	db_bind_str(q, 5, "09912342");
	db_bind_int(q, 6, 0);
	assert_int_equal(db_exec(q), DB_CONSTRAINT);
	/* Foreign keys are on: a membership for a missing user fails. */
	q = db_q(db, STMT_MEMBERSHIP_INSERT);
	db_bind_int(q, 1, 999);
	db_bind_int(q, 2, 1);
	db_bind_str(q, 3, "hr");
	assert_int_equal(db_exec(q), DB_CONSTRAINT);
	/* A role outside the list is refused by the schema too. */
	q = db_q(db, STMT_USER_INSERT);
	db_bind_str(q, 1, "x@example.test");
	db_bind_str(q, 2, "X");
	db_bind_str(q, 3, "h");
	db_bind_str(q, 4, "superuser");
	db_bind_int(q, 5, 0);
	assert_int_equal(db_exec(q), DB_CONSTRAINT);
	assert_int_equal(count_employers(db), 1);
}

/* As on SQLite, a statement that fails inside a write transaction leaves the
 * transaction usable: the rows before and after it are committed. */
static void test_failed_statement_inside_transaction(void **state)
{
	struct db *db = *state;
	int64_t    before = count_employers(db);
	assert_int_equal(db_begin_write(db), DB_OK);
	assert_true(employer_insert(db, "A GmbH", "09912343") > 0);
	assert_int_equal(employer_insert(db, "Dup GmbH", "09912343"), -1); /* DB_CONSTRAINT */
	int64_t id = employer_insert(db, "B GmbH", "09912344");
	assert_true(id > 0);
	assert_int_equal(db_changes(db), 1);
	assert_int_equal(db_commit(db), DB_OK);
	assert_int_equal(count_employers(db), before + 2);

	/* ids, change counts */
	assert_int_equal(db_begin_write(db), DB_OK);
	int64_t id2 = employer_insert(db, "C GmbH", "09912345");
	assert_int_equal(id2, id + 1);
	struct db_q *q = db_q(db, STMT_EMPLOYEE_COUNT_ADD);
	db_bind_int(q, 1, id2);
	db_bind_int(q, 2, 3);
	assert_int_equal(db_exec(q), DB_DONE);
	assert_int_equal(db_changes(db), 1);
	q = db_q(db, STMT_EMPLOYEE_COUNT_ADD);
	db_bind_int(q, 1, 999999);
	db_bind_int(q, 2, 3);
	assert_int_equal(db_exec(q), DB_DONE);
	assert_int_equal(db_changes(db), 0);
	assert_int_equal(db_commit(db), DB_OK);
	q = db_q(db, STMT_EMPLOYEE_TOTAL);
	db_bind_int(q, 1, id2);
	assert_int_equal(db_step(q), DB_ROW);
	assert_int_equal(db_col_int(q, 0), 3);
	assert_false(db_col_null(q, 0));
	assert_string_equal(db_col_text(q, 0), "3");
	db_q_done(q);
	/* commit without a transaction is an error; rollback without one is harmless */
	assert_int_not_equal(db_commit(db), DB_OK);
	db_rollback(db);
}

/* A bulk transaction (imports): writes by the hundred — more than PostgreSQL
 * sends ahead at once — with ids and change counts as in a write
 * transaction, reads inside seeing them, one commit. */
static void test_bulk_writes(void **state)
{
	struct db *db     = *state;
	int64_t    before = count_employers(db);
	assert_int_equal(db_begin_bulk(db), DB_OK);
	int64_t first = 0, prev = 0;
	for (int i = 0; i < 600; i++) {
		char bn[9];
		snprintf(bn, sizeof bn, "7%07d", i);
		int64_t id = employer_insert(db, "Bulk GmbH", bn);
		assert_true(id > 0);
		if (!first)
			first = id;
		else
			assert_int_equal(id, prev + 1); /* db_last_id: this insert's id, not an earlier one's */
		prev = id;
		if (i % 100 == 99) /* a read in between sees every write before it */
			assert_int_equal(count_employers(db), before + i + 1);
	}
	for (int i = 0; i < 300; i++) { /* writes whose answers nobody asks for */
		struct db_q *q = db_q(db, STMT_EMPLOYEE_COUNT_ADD);
		db_bind_int(q, 1, first + i % 3);
		db_bind_int(q, 2, 1);
		assert_int_equal(db_exec(q), DB_DONE);
	}
	struct db_q *q = db_q(db, STMT_EMPLOYEE_COUNT_ADD);
	db_bind_int(q, 1, 999999);
	db_bind_int(q, 2, 1);
	assert_int_equal(db_exec(q), DB_DONE);
	assert_int_equal(db_changes(db), 0); /* the count of the last write, waited for */
	assert_int_equal(db_commit(db), DB_OK);
	assert_int_equal(count_employers(db), before + 600);
	q = db_q(db, STMT_EMPLOYEE_TOTAL);
	db_bind_int(q, 1, first + 1);
	assert_int_equal(db_step(q), DB_ROW);
	assert_int_equal(db_col_int(q, 0), 100);
	db_q_done(q);

	/* A rollback with writes still on their way discards them all. */
	assert_int_equal(db_begin_bulk(db), DB_OK);
	for (int i = 0; i < 10; i++) {
		q = db_q(db, STMT_EMPLOYEE_COUNT_ADD);
		db_bind_int(q, 1, first);
		db_bind_int(q, 2, 1000);
		assert_int_equal(db_exec(q), DB_DONE);
	}
	db_rollback(db);
	q = db_q(db, STMT_EMPLOYEE_TOTAL);
	db_bind_int(q, 1, first);
	assert_int_equal(db_step(q), DB_ROW);
	assert_int_equal(db_col_int(q, 0), 100);
	db_q_done(q);
}

/* In a bulk transaction one failed statement fails the transaction on both
 * backends: later statements fail, the commit is refused and rolls back
 * everything; the connection works afterwards. */
static void test_bulk_all_or_nothing(void **state)
{
	struct db *db     = *state;
	int64_t    before = count_employers(db);
	assert_int_equal(db_begin_bulk(db), DB_OK);
	assert_true(employer_insert(db, "One GmbH", "08800001") > 0);
	/* The duplicate fails now (SQLite) or with the next call that waits (PostgreSQL). */
	int64_t dup = employer_insert(db, "Dup GmbH", "08800001");
	assert_true(dup == -1 || dup == 0); /* db_exec failed, or db_last_id found the failure */
	assert_int_equal(employer_insert(db, "Two GmbH", "08800002"), -1);
	assert_int_equal(count_employers(db), -1);
	assert_int_equal(db_commit(db), DB_ERROR);
	assert_int_equal(count_employers(db), before);

	/* A deferred write's failure surfaces at the next read, as DB_ERROR. */
	assert_int_equal(db_begin_bulk(db), DB_OK);
	struct db_q *q = db_q(db, STMT_MEMBERSHIP_INSERT);
	db_bind_int(q, 1, 999);
	db_bind_int(q, 2, 1);
	db_bind_str(q, 3, "hr");
	enum db_rc rc = db_exec(q);
	assert_true(rc == DB_CONSTRAINT || rc == DB_DONE);
	q = db_q(db, STMT_EMPLOYER_COUNT);
	rc = db_step(q);
	db_q_done(q);
	assert_true(rc == DB_ERROR);
	assert_int_equal(db_commit(db), DB_ERROR);

	/* The connection serves the next transaction as usual. */
	assert_int_equal(db_begin_write(db), DB_OK);
	assert_true(employer_insert(db, "Three GmbH", "08800003") > 0);
	assert_int_equal(employer_insert(db, "Dup GmbH", "08800003"), -1); /* usable after a failure */
	assert_int_equal(db_commit(db), DB_OK);
	assert_int_equal(count_employers(db), before + 1);
}

/* Blobs with every byte value round-trip; NULL columns read as NULL. */
static void test_blobs_and_nulls(void **state)
{
	struct db   *db = *state;
	struct db_q *q  = db_q(db, STMT_USER_INSERT);
	db_bind_str(q, 1, "blob@example.test");
	db_bind_str(q, 2, "Blob");
	db_bind_str(q, 3, "h");
	db_bind_null(q, 4);
	db_bind_int(q, 5, 0);
	assert_int_equal(db_exec(q), DB_DONE);
	int64_t uid = db_last_id(db);
	assert_true(uid > 0);
	unsigned char bytes[256];
	for (int i = 0; i < 256; i++)
		bytes[i] = (unsigned char)(255 - i);
	q = db_q(db, STMT_USER_SET_TOTP_PENDING);
	db_bind_int(q, 1, uid);
	db_bind_blob(q, 2, bytes, sizeof bytes);
	assert_int_equal(db_exec(q), DB_DONE);
	q = db_q(db, STMT_USER_BY_ID);
	db_bind_int(q, 1, uid);
	assert_int_equal(db_step(q), DB_ROW);
	assert_true(db_col_null(q, 4));  /* operator_role */
	assert_true(db_col_null(q, 5));  /* totp_secret */
	assert_string_equal(db_col_text(q, 5), "");
	assert_int_equal(db_col_len(q, 6), sizeof bytes);
	assert_memory_equal(db_col_blob(q, 6), bytes, sizeof bytes);
	assert_string_equal(db_col_text(q, 1), "blob@example.test");
	assert_int_equal(db_step(q), DB_DONE);
	db_q_done(q);
}

/* ---- two connections ---------------------------------------------------- */

static struct db *second(void)
{
	char       err[512];
	struct db *db = db_open(url, err, sizeof err);
	assert_non_null(db);
	return db;
}

/* A read transaction sees one snapshot from its first statement on. */
static void test_read_snapshot(void **state)
{
	struct db *db = *state, *other = second();
	assert_int_equal(db_begin_read(db), DB_OK);
	int64_t n = count_employers(db);
	assert_true(employer_insert(other, "Later GmbH", "09912346") > 0);
	assert_int_equal(count_employers(db), n);
	assert_int_equal(db_commit(db), DB_OK);
	assert_int_equal(count_employers(db), n + 1);
	db_close(other);
}

struct writer {
	struct db *db;
	enum db_rc rc;
	double     waited;
};

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *second_writer(void *arg)
{
	struct writer *w = arg;
	double         t = now_s();
	w->rc            = db_begin_write(w->db);
	w->waited        = now_s() - t;
	if (w->rc == DB_OK) {
		/* Under the lock it sees the first writer's row: no stale check. */
		struct db_q *q = db_q(w->db, STMT_EMPLOYER_INSERT);
		db_bind_str(q, 1, "Second GmbH");
		db_bind_str(q, 2, "");
		db_bind_str(q, 3, "");
		db_bind_str(q, 4, "");
		db_bind_str(q, 5, "09912347");
		db_bind_int(q, 6, 0);
		w->rc = db_exec(q) == DB_CONSTRAINT ? DB_OK : DB_ERROR;
		db_commit(w->db);
	}
	return NULL;
}

/* One writer at a time: the second waits for the first, then sees its rows. */
static void test_one_writer(void **state)
{
	struct db    *db = *state;
	struct writer w  = {second(), DB_ERROR, 0};
	assert_int_equal(db_begin_write(db), DB_OK);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, second_writer, &w), 0);
	struct timespec pause = {0, 300 * 1000000L};
	nanosleep(&pause, NULL);
	assert_true(employer_insert(db, "First GmbH", "09912347") > 0);
	assert_int_equal(db_commit(db), DB_OK);
	pthread_join(t, NULL);
	assert_int_equal(w.rc, DB_OK);
	assert_true(w.waited >= 0.25);
	db_close(w.db);
}

/* ---- PostgreSQL only ------------------------------------------------------ */

/* Every table has the same columns, in the same order, as on SQLite. */
static void test_schema_matches_sqlite(void **state)
{
	struct db *db = *state;
	if (!is_pg(db))
		skip();
	char sq_path[128], err[512];
	snprintf(sq_path, sizeof sq_path, "/tmp/openbav-test-db-schema-%d.db", (int)getpid());
	unlink(sq_path);
	char sq_url[160];
	snprintf(sq_url, sizeof sq_url, "sqlite:%s", sq_path);
	struct db *s = db_open(sq_url, err, sizeof err);
	assert_non_null(s);
	assert_true(db_migrate(s, err, sizeof err) > 0);
	db_close(s);

	sqlite3 *h;
	assert_int_equal(sqlite3_open(sq_path, &h), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p "
	                                       "WHERE m.type = 'table' ORDER BY m.name, p.cid", -1, &st, NULL),
	                 SQLITE_OK);
	char a[16384] = "";
	while (sqlite3_step(st) == SQLITE_ROW) {
		char line[160];
		snprintf(line, sizeof line, "%s.%s\n", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1));
		strncat(a, line, sizeof a - strlen(a) - 1);
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	unlink(sq_path);

	PGconn *c = PQconnectdb(url);
	assert_int_equal(PQstatus(c), CONNECTION_OK);
	PGresult *r = PQexec(c, "SELECT table_name, column_name FROM information_schema.columns WHERE "
	                        "table_schema = 'public' ORDER BY table_name COLLATE \"C\", ordinal_position");
	assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
	char b[16384] = "";
	for (int i = 0; i < PQntuples(r); i++) {
		char line[160];
		snprintf(line, sizeof line, "%s.%s\n", PQgetvalue(r, i, 0), PQgetvalue(r, i, 1));
		strncat(b, line, sizeof b - strlen(b) - 1);
	}
	PQclear(r);
	PQfinish(c);
	assert_string_equal(a, b);
}

static int64_t visible_employees(struct db *db, int64_t employer)
{
	struct db_q *q = db_q(db, STMT_EMPLOYEE_COUNT);
	db_bind_int(q, 1, employer);
	db_bind_str(q, 2, "%");
	int64_t n = db_step(q) == DB_ROW ? db_col_int(q, 0) : -1;
	db_q_done(q);
	return n;
}

/* Row-level security: the scope decides which tenants' rows exist at all,
 * inside transactions and outside, whatever employer_id is bound. */
static void test_row_level_security(void **state)
{
	struct db *db = *state;
	if (!is_pg(db))
		skip();
	/* as a system task: two employers, a user who belongs to the first */
	int64_t e1 = employer_insert(db, "Eins GmbH", "09912348"), e2 = employer_insert(db, "Zwei GmbH", "09912349");
	assert_true(e1 > 0 && e2 > 0);
	assert_int_equal(employee_insert(db, e1, "1"), DB_DONE);
	assert_int_equal(employee_insert(db, e2, "1"), DB_DONE);
	struct db_q *q = db_q(db, STMT_USER_INSERT);
	db_bind_str(q, 1, "rls@example.test");
	db_bind_str(q, 2, "R");
	db_bind_str(q, 3, "h");
	db_bind_null(q, 4);
	db_bind_int(q, 5, 0);
	assert_int_equal(db_exec(q), DB_DONE);
	int64_t uid = db_last_id(db);
	q           = db_q(db, STMT_MEMBERSHIP_INSERT);
	db_bind_int(q, 1, uid);
	db_bind_int(q, 2, e1);
	db_bind_str(q, 3, "hr");
	assert_int_equal(db_exec(q), DB_DONE);
	assert_int_equal(visible_employees(db, e2), 1);

	/* nobody: no tenant row, not even the employers */
	db_scope(db, 0, false);
	assert_int_equal(visible_employees(db, e1), 0);
	assert_int_equal(count_employers(db), 0);
	/* the user: the own employer only, and the own membership */
	db_scope(db, uid, false);
	assert_int_equal(visible_employees(db, e1), 1);
	assert_int_equal(visible_employees(db, e2), 0);
	assert_int_equal(count_employers(db), 1);
	q = db_q(db, STMT_MEMBERSHIP_ROLE);
	db_bind_int(q, 1, uid);
	db_bind_int(q, 2, e1);
	assert_int_equal(db_step(q), DB_ROW);
	assert_string_equal(db_col_text(q, 0), "hr");
	db_q_done(q);
	/* writing into another tenant is refused, the transaction goes on */
	assert_int_equal(db_begin_write(db), DB_OK);
	assert_int_not_equal(employee_insert(db, e2, "2"), DB_DONE);
	assert_int_equal(employee_insert(db, e1, "2"), DB_DONE);
	q = db_q(db, STMT_EMPLOYEE_COUNT_ADD); /* an UPDATE of another tenant touches nothing */
	db_bind_int(q, 1, e2);
	db_bind_int(q, 2, 1);
	assert_int_equal(db_exec(q), DB_DONE);
	assert_int_equal(db_changes(db), 0);
	/* a user cannot give themselves a membership */
	q = db_q(db, STMT_MEMBERSHIP_INSERT);
	db_bind_int(q, 1, uid);
	db_bind_int(q, 2, e2);
	db_bind_str(q, 3, "employer_admin");
	assert_int_not_equal(db_exec(q), DB_DONE);
	assert_int_equal(db_commit(db), DB_OK);
	assert_int_equal(visible_employees(db, e1), 2);
	/* the scope changes inside a read transaction too */
	assert_int_equal(db_begin_read(db), DB_OK);
	assert_int_equal(visible_employees(db, e2), 0);
	db_scope(db, uid, true);
	assert_int_equal(visible_employees(db, e2), 1);
	db_scope(db, 0, false);
	assert_int_equal(visible_employees(db, e1), 0);
	assert_int_equal(db_commit(db), DB_OK);
	/* nothing of the scope stays on the server: a raw connection sees nothing */
	PGconn *c = PQconnectdb(url);
	assert_int_equal(PQstatus(c), CONNECTION_OK);
	PGresult *r = PQexec(c, "SELECT count(*) FROM employees");
	assert_string_equal(PQgetvalue(r, 0, 0), "0");
	PQclear(r);
	PQfinish(c);
	db_scope(db, 0, true);
	assert_int_equal(visible_employees(db, e1), 2);
}

/* The server drops the connection (a restart, a failover): the next read
 * outside a transaction, the next read transaction and the next write
 * transaction work on a new connection, with the statements prepared again. */
/* The deployment with two roles (README): the owner migrates, the servers
 * connect as a role that may only read and write rows — it cannot turn
 * row-level security off, change or drop a table, and row-level security
 * binds it.  tests/pg/run.sh creates the role and names it in
 * OPENBAV_TEST_APP_ROLE. */
static void test_app_role(void **state)
{
	struct db  *owner = *state;
	const char *role  = getenv("OPENBAV_TEST_APP_ROLE");
	if (!is_pg(owner) || !role)
		skip();
	char own[512], app_url[600], err[512], sql[300];
	assert_int_equal(testdb_create("approle", own, sizeof own), 0);
	struct db *o = db_open(own, err, sizeof err);
	assert_non_null(o);
	/* the README's grant, before the first migration */
	snprintf(sql, sizeof sql, "ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %s", role);
	assert_int_equal(db_exec_script(o, sql), DB_OK);
	assert_true(db_migrate(o, err, sizeof err) > 0);
	assert_true(employer_insert(o, "Owner GmbH", "09912350") > 0);

	/* the same URL with the application's role */
	const char *at = strchr(own, '@');
	const char *scheme_end = strstr(own, "://") + 3;
	assert_non_null(at);
	snprintf(app_url, sizeof app_url, "%.*s%s%s", (int)(scheme_end - own), own, role, at);
	struct db *a = db_open(app_url, err, sizeof err);
	if (!a)
		fprintf(stderr, "%s\n", err);
	assert_non_null(a);
	assert_true(db_check_statements(a, err, sizeof err));
	assert_int_equal(db_migrate(a, err, sizeof err), 0); /* nothing to do, nothing it may not */
	/* writes with generated ids, one by one and in bulk */
	assert_int_equal(db_begin_write(a), DB_OK);
	int64_t id = employer_insert(a, "App GmbH", "09912351");
	assert_true(id > 0);
	assert_int_equal(db_commit(a), DB_OK);
	assert_int_equal(db_begin_bulk(a), DB_OK);
	assert_int_equal(employee_insert(a, id, "1"), DB_DONE);
	assert_true(db_last_id(a) > 0);
	assert_int_equal(db_commit(a), DB_OK);
	assert_int_equal(count_employers(a), 2);
	/* no say over the schema */
	assert_int_not_equal(db_exec_script(a, "ALTER TABLE employees DISABLE ROW LEVEL SECURITY"), DB_OK);
	assert_int_not_equal(db_exec_script(a, "ALTER TABLE employers NO FORCE ROW LEVEL SECURITY"), DB_OK);
	assert_int_not_equal(db_exec_script(a, "DROP POLICY tenant ON employees"), DB_OK);
	assert_int_not_equal(db_exec_script(a, "DROP TABLE changes"), DB_OK);
	assert_int_not_equal(db_exec_script(a, "CREATE TABLE x (y INTEGER)"), DB_OK);
	/* and row-level security binds it */
	db_scope(a, 0, false);
	assert_int_equal(count_employers(a), 0);
	assert_int_equal(visible_employees(a, id), 0);
	db_scope(a, 0, true);
	assert_int_equal(visible_employees(a, id), 1);
	db_close(a);
	db_close(o);
	testdb_drop(own);
}

/* Ends every other connection to the test database (a server restart, as
 * far as those connections can tell). */
static void kill_other_connections(void)
{
	PGconn *c = PQconnectdb(url);
	assert_int_equal(PQstatus(c), CONNECTION_OK);
	PGresult *r = PQexec(c, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
	                        "datname = current_database() AND pid <> pg_backend_pid()");
	assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
	assert_true(PQntuples(r) >= 1);
	PQclear(r);
	PQfinish(c);
	struct timespec pause = {0, 100 * 1000000L};
	nanosleep(&pause, NULL);
}

static void test_reconnect(void **state)
{
	struct db *db = *state;
	if (!is_pg(db))
		skip();
	/* A read transaction's COMMIT goes without waiting for its answer: a
	 * connection that breaks before the answer is read is re-opened all the
	 * same by the next read. */
	assert_int_equal(db_begin_read(db), DB_OK);
	int64_t before = count_employers(db);
	assert_int_equal(db_commit(db), DB_OK);
	kill_other_connections();
	assert_int_equal(count_employers(db), before);
	for (int round = 0; round < 3; round++) {
		int64_t n = count_employers(db); /* prepared on this connection */
		assert_true(n >= 0);
		kill_other_connections();
		if (round == 0)
			assert_int_equal(count_employers(db), n);
		else if (round == 1) {
			assert_int_equal(db_begin_read(db), DB_OK);
			assert_int_equal(count_employers(db), n);
			assert_int_equal(db_commit(db), DB_OK);
		} else {
			assert_int_equal(db_begin_write(db), DB_OK);
			assert_true(employer_insert(db, "Neu GmbH", "09912350") > 0);
			assert_int_equal(db_commit(db), DB_OK);
			assert_int_equal(count_employers(db), n + 1);
		}
	}
}

static void test_bad_urls(void **state)
{
	char err[256];
	assert_null(db_open("mysql://x", err, sizeof err));
	assert_non_null(strstr(err, "unknown database URL"));
	assert_null(db_open("sqlite:/nonexistent-dir/x/y.db", err, sizeof err));
	assert_non_null(strstr(err, "cannot open"));
	assert_null(db_open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2", err, sizeof err));
	assert_non_null(strstr(err, "cannot connect to PostgreSQL"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrate_once),
		cmocka_unit_test(test_same_migrations),
		cmocka_unit_test(test_every_statement_prepares),
		cmocka_unit_test(test_rollback_and_constraint),
		cmocka_unit_test(test_failed_statement_inside_transaction),
		cmocka_unit_test(test_bulk_writes),
		cmocka_unit_test(test_bulk_all_or_nothing),
		cmocka_unit_test(test_blobs_and_nulls),
		cmocka_unit_test(test_read_snapshot),
		cmocka_unit_test(test_one_writer),
		cmocka_unit_test(test_schema_matches_sqlite),
		cmocka_unit_test(test_row_level_security),
		cmocka_unit_test(test_app_role),
		cmocka_unit_test(test_reconnect),
		cmocka_unit_test(test_bad_urls),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
