/*
 * test_tables.c — db_tables[] (db/backup.h), the list `openbav copy` and
 * `openbav checksum` walk, against the migrated SQLite schema (test_db.c
 * checks that PostgreSQL's has the same columns): every table is in it once
 * (schema_migrations aside), in dependency order (a table after those its
 * foreign keys name); its read statement returns every column in the
 * schema's order with the declared kind; its write statement takes one
 * parameter per column; the key columns are the primary key.  A new
 * migration that adds a table or a column fails here until the list and the
 * statements follow it — a copy never drops data silently.
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
#include <sqlite3.h>

#include "db/backup.h"
#include "db/db.h"

static char     path[128];
static sqlite3 *h;

static int setup(void **state)
{
	(void)state;
	snprintf(path, sizeof path, "/tmp/openbav-test-tables-%d.db", (int)getpid());
	unlink(path);
	char url[160], err[512];
	snprintf(url, sizeof url, "sqlite:%s", path);
	struct db *db = db_open(url, err, sizeof err);
	if (!db || db_migrate(db, err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	db_close(db);
	return sqlite3_open(path, &h) == SQLITE_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	sqlite3_close(h);
	char p[160];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
	return 0;
}

static int index_of(const char *table)
{
	for (int i = 0; i < db_tables_count; i++)
		if (!strcmp(db_tables[i].name, table))
			return i;
	return -1;
}

static sqlite3_stmt *prep(const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(h));
	assert_non_null(st);
	return st;
}

/* Every table of the schema is listed exactly once; nothing else is. */
static void test_every_table_once(void **state)
{
	(void)state;
	sqlite3_stmt *st = prep("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
	                        "AND name <> 'schema_migrations' ORDER BY name");
	int           n  = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		if (index_of(t) < 0)
			fprintf(stderr, "table %s is not in db_tables[] (src/db/backup.c)\n", t);
		assert_true(index_of(t) >= 0);
		n++;
	}
	sqlite3_finalize(st);
	assert_int_equal(n, db_tables_count);
	for (int i = 0; i < db_tables_count; i++)
		assert_int_equal(index_of(db_tables[i].name), i);
}

/* A table comes after every table its foreign keys refer to. */
static void test_dependency_order(void **state)
{
	(void)state;
	for (int i = 0; i < db_tables_count; i++) {
		char sql[200];
		snprintf(sql, sizeof sql, "SELECT \"table\" FROM pragma_foreign_key_list('%s')", db_tables[i].name);
		sqlite3_stmt *st = prep(sql);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *ref = (const char *)sqlite3_column_text(st, 0);
			int         j   = index_of(ref);
			if (j > i)
				fprintf(stderr, "%s refers to %s, which comes later in db_tables[]\n", db_tables[i].name, ref);
			assert_true(j >= 0 && j <= i);
		}
		sqlite3_finalize(st);
	}
}

/* The read statement: every column in the schema's order, of the listed
 * kind; the write statement: one parameter per column; the keys: the
 * primary key. */
static void test_statements_cover_every_column(void **state)
{
	(void)state;
	for (int i = 0; i < db_tables_count; i++) {
		const struct db_table *t = &db_tables[i];
		char                   sql[200];
		snprintf(sql, sizeof sql, "SELECT name, type, pk FROM pragma_table_info('%s') ORDER BY cid", t->name);
		sqlite3_stmt *cols = prep(sql);
		sqlite3_stmt *rd   = prep(db_stmt_sql(t->read));
		sqlite3_stmt *wr   = prep(db_stmt_sql(t->write));
		int           n    = (int)strlen(t->kinds);
		assert_int_equal(sqlite3_column_count(rd), n);
		assert_int_equal(sqlite3_bind_parameter_count(wr), n);
		assert_int_equal(sqlite3_bind_parameter_count(rd), t->keys + 1);
		int c = 0, pk = 0;
		for (; sqlite3_step(cols) == SQLITE_ROW; c++) {
			const char *name = (const char *)sqlite3_column_text(cols, 0);
			const char *type = (const char *)sqlite3_column_text(cols, 1);
			int         key  = sqlite3_column_int(cols, 2);
			if (c >= n || strcmp(name, sqlite3_column_name(rd, c))) {
				fprintf(stderr, "%s: column %d is %s in the schema, %s in STMT_COPY_READ (src/db/stmt.c)\n",
				        t->name, c, name, c < n ? sqlite3_column_name(rd, c) : "missing");
				fail();
			}
			char kind = !strcmp(type, "INTEGER") ? 'i' : !strcmp(type, "TEXT") ? 't' : !strcmp(type, "BLOB") ? 'b' : '?';
			if (kind != t->kinds[c])
				fprintf(stderr, "%s.%s: type %s, kind '%c' in db_tables[]\n", t->name, name, type, t->kinds[c]);
			assert_int_equal(kind, t->kinds[c]);
			if (key) { /* the key columns come first, in the primary key's order */
				pk++;
				assert_true(c < t->keys);
				assert_int_equal(key, c + 1);
				assert_int_equal(t->kinds[c], 'i');
			}
		}
		assert_int_equal(c, n);
		assert_int_equal(pk, t->keys);
		assert_int_equal(t->identity, t->keys == 1 && !strcmp(sqlite3_column_name(rd, 0), "id"));
		sqlite3_finalize(cols);
		sqlite3_finalize(rd);
		sqlite3_finalize(wr);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_table_once),
		cmocka_unit_test(test_dependency_order),
		cmocka_unit_test(test_statements_cover_every_column),
	};
	return cmocka_run_group_tests_name("tables", tests, setup, teardown);
}
