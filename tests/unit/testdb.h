/*
 * testdb.h — a fresh, empty database for a unit test, on the backend the
 * environment names: SQLite in /tmp by default; with OPENBAV_TEST_DB set to a
 * postgresql:// URL (tests/pg/run.sh prints one) a new database on that
 * server, created through that URL's database and dropped afterwards.  The
 * URL's role needs CREATEDB.  Header-only: each test includes it once.
 */
#ifndef OPENBAV_TESTDB_H
#define OPENBAV_TESTDB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"

static const char *testdb_pg_base(void)
{
	const char *u = getenv("OPENBAV_TEST_DB");
	return u && (!strncmp(u, "postgresql://", 13) || !strncmp(u, "postgres://", 11)) ? u : NULL;
}

/* base with its database name replaced by name. */
static void testdb_pg_url(const char *base, const char *name, char *out, size_t outsz)
{
	const char *auth = strstr(base, "://") + 3;
	const char *path = strchr(auth, '/');
	const char *q    = strchr(auth, '?');
	if (!path || (q && path > q))
		path = q ? q : auth + strlen(auth);
	const char *rest = path;
	if (*rest == '/')
		rest += strcspn(rest, "?");
	snprintf(out, outsz, "%.*s/%s%s", (int)(path - base), base, name, rest);
}

static int testdb_pg_admin(const char *sql)
{
	char       err[512];
	struct db *a = db_open(testdb_pg_base(), err, sizeof err);
	if (!a) {
		fprintf(stderr, "testdb: %s\n", err);
		return -1;
	}
	enum db_rc rc = db_exec_script(a, sql);
	if (rc != DB_OK)
		fprintf(stderr, "testdb: %s: %s\n", sql, db_errmsg(a));
	db_close(a);
	return rc == DB_OK ? 0 : -1;
}

/* Fills url (for db_open) with a new empty database named after the test and
 * the process (an old one of that name is removed first).  0 on success. */
static int testdb_create(const char *name, char *url, size_t urlsz)
{
	if (!testdb_pg_base()) {
		snprintf(url, urlsz, "sqlite:/tmp/openbav-test-%s-%d.db", name, (int)getpid());
		unlink(url + 7);
		return 0;
	}
	char db[64], sql[160];
	snprintf(db, sizeof db, "openbav_t_%s_%d", name, (int)getpid());
	testdb_pg_url(testdb_pg_base(), db, url, urlsz);
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", db);
	if (testdb_pg_admin(sql))
		return -1;
	snprintf(sql, sizeof sql, "CREATE DATABASE \"%s\"", db);
	return testdb_pg_admin(sql);
}

static void testdb_drop(const char *url)
{
	if (!strncmp(url, "sqlite:", 7)) {
		char p[300];
		unlink(url + 7);
		snprintf(p, sizeof p, "%s-wal", url + 7);
		unlink(p);
		snprintf(p, sizeof p, "%s-shm", url + 7);
		unlink(p);
		return;
	}
	if (getenv("KEEP_TEST_DIR"))
		return;
	const char *name = strstr(url, "://") + 3;
	name             = strchr(name, '/');
	if (!name)
		return;
	char sql[160];
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS \"%.*s\" WITH (FORCE)", (int)strcspn(name + 1, "?"), name + 1);
	testdb_pg_admin(sql);
}

#endif
