/*
 * test_schema.c — properties of the migrated SQLite schema that keep writes
 * cheap: no CHECK constraint lists three or more values with IN (SQLite then
 * builds a temporary index every time a statement runs — migration 005), and
 * the hot inserts compile without any temporary table.
 */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "db/db.h"

static char url[256];

static int setup(void **state)
{
	snprintf(url, sizeof url, "sqlite:/tmp/openbav-test-schema-%d.db", (int)getpid());
	unlink(url + 7);
	char       err[256];
	struct db *db = db_open(url, err, sizeof err);
	if (!db || db_migrate(db, err, sizeof err) < 0)
		fail_msg("migrate: %s", err);
	db_close(db);
	sqlite3 *h = NULL;
	if (sqlite3_open_v2(url + 7, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		fail_msg("open %s", url + 7);
	*state = h;
	return 0;
}

static int teardown(void **state)
{
	sqlite3_close(*state);
	const char *suffix[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		char p[300];
		snprintf(p, sizeof p, "%s%s", url + 7, suffix[i]);
		unlink(p);
	}
	return 0;
}

/* The number of values in the IN list that starts at s (just after "IN ("). */
static int in_list_values(const char *s)
{
	int n = 1;
	for (bool quoted = false; *s && (quoted || *s != ')'); s++)
		if (*s == '\'')
			quoted = !quoted;
		else if (*s == ',' && !quoted)
			n++;
	return n;
}

static void test_no_long_in_lists(void **state)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(*state, "SELECT name, sql FROM sqlite_schema WHERE type = 'table'", -1,
	                                    &st, NULL),
	                 SQLITE_OK);
	int tables = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *sql  = (const char *)sqlite3_column_text(st, 1);
		tables++;
		for (const char *p = sql; (p = strstr(p, " IN (")); p += 5)
			if (in_list_values(p + 5) > 2)
				fail_msg("table %s: a CHECK lists %d values with IN: %.60s", name, in_list_values(p + 5), p);
	}
	sqlite3_finalize(st);
	assert_true(tables >= 10);
}

/* EXPLAIN of a statement: does its program open a temporary b-tree? */
static bool uses_ephemeral(sqlite3 *h, const char *sql)
{
	char *explain = sqlite3_mprintf("EXPLAIN %s", sql);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, explain, -1, &st, NULL) != SQLITE_OK)
		fail_msg("prepare %s: %s", sql, sqlite3_errmsg(h));
	sqlite3_free(explain);
	bool found = false;
	while (sqlite3_step(st) == SQLITE_ROW)
		found |= !strcmp((const char *)sqlite3_column_text(st, 1), "OpenEphemeral");
	sqlite3_finalize(st);
	return found;
}

static void test_hot_writes_without_temporary_tables(void **state)
{
	sqlite3 *h = *state;
	assert_false(uses_ephemeral(h, "INSERT INTO changes (employer_id, entity, entity_id, action, at) "
	                               "VALUES (1, 'employee', 1, 'import', 0)"));
	assert_false(uses_ephemeral(h, "UPDATE employees SET sex = 'f', federal_state = 'BY', "
	                               "exit_reason = NULL WHERE id = 1"));
	assert_false(uses_ephemeral(h, "UPDATE insurance_contracts SET status = 'active', payment_mode = "
	                               "'monthly', beneficiary = 'employer' WHERE id = 1"));
	assert_false(uses_ephemeral(h, "UPDATE commitments SET vehicle = 'DV', type = 'LZ', financing = "
	                               "'employer' WHERE id = 1"));
	assert_true(uses_ephemeral(h, "SELECT 1 WHERE 'x' IN ('a', 'b', 'c')")); /* the probe can see one */
}

/* The rewritten constraints still refuse what the lists refused. */
static void test_checks_still_hold(void **state)
{
	sqlite3 *h = *state;
	assert_int_equal(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "INSERT INTO changes (employer_id, entity, entity_id, action, at) "
	                                 "VALUES (1, 'employee', 1, 'import', 0)", NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "INSERT INTO changes (employer_id, entity, entity_id, action, at) "
	                                 "VALUES (1, 'employer', 1, 'import', 0)", NULL, NULL, NULL),
	                 SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(h, "INSERT INTO changes (employer_id, entity, entity_id, action, at) "
	                                 "VALUES (1, 'employee', 1, 'delete', 0)", NULL, NULL, NULL),
	                 SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_no_long_in_lists, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_hot_writes_without_temporary_tables, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_checks_still_hold, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
