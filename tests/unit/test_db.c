/*
 * test_db.c — the statement layer on SQLite: migrations, every statement of
 * the table prepares against the migrated schema, transactions roll back.
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

#include "db/db.h"
#include "assets.h"

static char path[256];

static int setup(void **state)
{
	snprintf(path, sizeof path, "sqlite:/tmp/openbav-test-db-%d.db", (int)getpid());
	unlink(path + 7);
	char       err[256];
	struct db *db = db_open(path, err, sizeof err);
	assert_non_null(db);
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	db_close(*state);
	char p[300];
	unlink(path + 7);
	snprintf(p, sizeof p, "%s-wal", path + 7);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path + 7);
	unlink(p);
	return 0;
}

static void test_migrate_once(void **state)
{
	struct db *db = *state;
	char       err[256];
	int        embedded = 0;
	for (size_t i = 0; i < assets_count; i++)
		embedded += !strncmp(assets[i].path, "src/db/migrations/", 18);
	assert_true(embedded >= 2);
	assert_int_equal(db_migrate(db, err, sizeof err), embedded);
	assert_int_equal(db_schema_version(db), embedded);
	/* A second run applies nothing. */
	assert_int_equal(db_migrate(db, err, sizeof err), 0);
	assert_int_equal(db_schema_version(db), embedded);
	assert_true(db_check_statements(db, err, sizeof err));
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

static void test_rollback_and_constraint(void **state)
{
	struct db *db = *state;
	assert_int_equal(db_begin_write(db), DB_OK);
	struct db_q *q = db_q(db, STMT_EMPLOYER_INSERT);
	db_bind_str(q, 1, "Temp GmbH");
	db_bind_str(q, 2, "");
	db_bind_str(q, 3, "");
	db_bind_str(q, 4, "");
	db_bind_str(q, 5, "09912342");
	db_bind_int(q, 6, 0);
	assert_int_equal(db_exec(q), DB_DONE);
	db_rollback(db);
	q = db_q(db, STMT_EMPLOYER_COUNT);
	assert_int_equal(db_step(q), DB_ROW);
	assert_int_equal(db_col_int(q, 0), 0);
	db_q_done(q);

	/* Unique Betriebsnummer: the second insert is a constraint error. */
	for (int k = 0; k < 2; k++) {
		q = db_q(db, STMT_EMPLOYER_INSERT);
		db_bind_str(q, 1, "Temp GmbH");
		db_bind_str(q, 2, "");
		db_bind_str(q, 3, "");
		db_bind_str(q, 4, "");
		db_bind_str(q, 5, "09912342");
		db_bind_int(q, 6, 0);
		assert_int_equal(db_exec(q), k == 0 ? DB_DONE : DB_CONSTRAINT);
	}
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
}

static void test_bad_urls(void **state)
{
	char err[256];
	assert_null(db_open("mysql://x", err, sizeof err));
	assert_non_null(strstr(err, "unknown database URL"));
	assert_null(db_open("sqlite:/nonexistent-dir/x/y.db", err, sizeof err));
	assert_non_null(strstr(err, "cannot open"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrate_once),
		cmocka_unit_test(test_every_statement_prepares),
		cmocka_unit_test(test_rollback_and_constraint),
		cmocka_unit_test(test_bad_urls),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
