/*
 * test_backup.c — `openbav backup | restore | copy | checksum`, black-box, on
 * the backend the harness serves (SQLite; PostgreSQL under tests/pg/run.sh):
 *
 *  - a backup of the demo database taken while the server runs, restored
 *    into a new database, has every table's rows and checksum; a second
 *    restore over it is refused without --force and replaces it with; a
 *    server on the restored database signs in and lists the same employees;
 *  - copy from the served database into a new SQLite file: the same
 *    checksums, and the copy serves the same employees;
 *  - copy from SQLite into PostgreSQL (only when OPENBAV_TEST_DB names a
 *    PostgreSQL server; skipped otherwise, and says so): the same checksums,
 *    a server on the copy signs in and lists the same employees, and a new
 *    employee gets a fresh id (the identity sequences were moved past the
 *    copied ids);
 *  - refusals: a target that holds data, a file that is no backup (or one of
 *    the other backend), usage errors.
 */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BIN "build/test/openbav"

static char dir[256]; /* this run's files */

static bool on_pg(void)
{
	const char *u = getenv("OPENBAV_TEST_DB");
	return u && (!strncmp(u, "postgresql://", 13) || !strncmp(u, "postgres://", 11));
}

/* ---- the command line ------------------------------------------------------- */

static struct cli_run run(const char *const *args) { return cli_run(dir, args, NULL, 0); }

/* Runs and expects exit code rc; returns stdout (malloc'd). */
static char *expect_rc(const char *const *args, int rc, const char *err_has)
{
	struct cli_run r = run(args);
	if (r.rc != rc || (err_has && !strstr(r.err, err_has)))
		fprintf(stderr, "openbav %s …: exit %d (expected %d), stdout:\n%s\nstderr:\n%s\n", args[0], r.rc, rc, r.out,
		        r.err);
	assert_int_equal(r.rc, rc);
	if (err_has)
		assert_non_null(strstr(r.err, err_has));
	free(r.err);
	return r.out;
}

/* `openbav checksum --db url`: one line per table. */
static char *checksum(const char *url)
{
	const char *a[] = {"checksum", "--db", url, NULL};
	char       *s   = expect_rc(a, 0, NULL);
	assert_int_equal(count_substr(s, "\n"), 14);
	assert_non_null(strstr(s, "employees                    85  ")); /* the demo's */
	return s;
}

/* ---- a second server on another database -------------------------------------- */

struct other {
	pid_t pid;
	char  base[64], saved[64], log[300];
};

static int free_port(void)
{
	int                s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
	a.sin_addr.s_addr    = htonl(INADDR_LOOPBACK);
	socklen_t l          = sizeof a;
	int       port       = -1;
	if (s >= 0 && !bind(s, (struct sockaddr *)&a, sizeof a) && !getsockname(s, (struct sockaddr *)&a, &l))
		port = ntohs(a.sin_port);
	if (s >= 0)
		close(s);
	return port;
}

/* Serves url; the harness's requests go to it until other_stop. */
static void other_start(struct other *o, const char *url, const char *name)
{
	memset(o, 0, sizeof *o);
	snprintf(o->saved, sizeof o->saved, "%s", srv.base);
	snprintf(o->log, sizeof o->log, "%s/%s.err", dir, name);
	for (int attempt = 0; attempt < 3; attempt++) {
		int  port = free_port();
		char listen[32];
		snprintf(listen, sizeof listen, "127.0.0.1:%d", port);
		snprintf(o->base, sizeof o->base, "http://%s", listen);
		o->pid = fork();
		assert_true(o->pid >= 0);
		if (o->pid == 0) {
			int nul = open("/dev/null", O_RDWR), e = open(o->log, O_WRONLY | O_CREAT | O_APPEND, 0600);
			dup2(nul, 0), dup2(nul, 1), dup2(e, 2);
			execl(BIN, BIN, "serve", "--db", url, "--listen", listen, "--no-access-log", (char *)NULL);
			_exit(127);
		}
		snprintf(srv.base, sizeof srv.base, "%s", o->base);
		for (int i = 0; i < 200; i++) { /* 20 s */
			if (srv_healthy())
				return;
			int st;
			if (waitpid(o->pid, &st, WNOHANG) == o->pid) /* died: port taken? */
				break;
			struct timespec ts = {0, 100000000L};
			nanosleep(&ts, NULL);
		}
		kill(o->pid, SIGKILL);
		waitpid(o->pid, NULL, 0);
	}
	snprintf(srv.base, sizeof srv.base, "%s", o->saved);
	fprintf(stderr, "a server on the %s database did not start, see %s\n", name, o->log);
	fail();
}

/* SIGTERM: it exits 0 with a clean sanitizer log; the harness's server again. */
static void other_stop(struct other *o)
{
	snprintf(srv.base, sizeof srv.base, "%s", o->saved);
	kill(o->pid, SIGTERM);
	int st;
	while (waitpid(o->pid, &st, 0) < 0 && errno == EINTR)
		;
	char *log = slurp(o->log);
	bool  bad = strstr(log, "AddressSanitizer") || strstr(log, "runtime error:") || strstr(log, "LeakSanitizer");
	if (bad || !WIFEXITED(st) || WEXITSTATUS(st))
		fprintf(stderr, "server %s: status %d\n%s\n", o->base, st, log);
	free(log);
	assert_false(bad);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* What HR of Muster GmbH sees through the server at srv.base: the employee
 * list (API, all of it) — after signing in with the demo password. */
static char *employees_seen(void)
{
	struct client *c = login_ok("hr@muster.test");
	struct resp    r = get(c, "/api/v1/employers/1/employees?limit=500");
	assert_int_equal(r.status, 200);
	char *body = strdup(r.body);
	resp_free(&r);
	/* and the page of the list */
	r = get(c, "/employer/1");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Berger"));
	resp_free(&r);
	client_free(c);
	json_error_t e;
	json_t      *j = json_loads(body, 0, &e);
	assert_non_null(j);
	assert_true(json_array_size(json_object_get(j, "items")) > 40);
	json_decref(j);
	return body;
}

/* ---- setup -------------------------------------------------------------------- */

static int setup(void **state)
{
	snprintf(dir, sizeof dir, "/tmp/openbav-backup.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	return srv_setup(state);
}

static int teardown(void **state)
{
	int rc = srv_teardown(state);
	if (!getenv("KEEP_TEST_DIR")) {
		char *cmd = xasprintf("rm -rf '%s'", dir);
		if (system(cmd) != 0)
			rc = -1;
		free(cmd);
	}
	return rc;
}

/* ---- tests ---------------------------------------------------------------------- */

static void test_backup_restore_roundtrip(void **state)
{
	(void)state;
	char *before = checksum(srv.db); /* nobody has signed in yet: nothing changes below */
	char *file   = xasprintf("%s/openbav.backup", dir);
	/* taken while the server runs */
	const char *b[] = {"backup", "--db", srv.db, file, NULL};
	char       *out = expect_rc(b, 0, NULL);
	assert_non_null(strstr(out, "backup written to"));
	free(out);
	struct stat sb;
	assert_int_equal(stat(file, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600); /* personal data: the owner's only */
	assert_true(srv_healthy());

	char url[512];
	assert_int_equal(test_db_create(dir, "restored", url, sizeof url), 0);
	const char *r[] = {"restore", "--db", url, file, NULL};
	out             = expect_rc(r, 0, NULL);
	assert_non_null(strstr(out, "restored"));
	free(out);
	char *after = checksum(url);
	assert_string_equal(after, before);
	free(after);

	/* again: the database holds data now */
	free(expect_rc(r, 2, "holds data"));
	const char *rf[] = {"restore", "--db", url, "--force", file, NULL};
	free(expect_rc(rf, 0, NULL));
	after = checksum(url);
	assert_string_equal(after, before);
	free(after);

	/* a server on the restored database: the same sign-in, the same employees */
	char        *orig = employees_seen();
	struct other o;
	other_start(&o, url, "restored");
	char *copy = employees_seen();
	other_stop(&o);
	assert_string_equal(copy, orig);
	free(copy);
	free(orig);
	test_db_drop(url);
	free(before);
	free(file);
}

static void test_copy_to_sqlite(void **state)
{
	(void)state;
	char *url = xasprintf("sqlite:%s/copy.db", dir);
	/* the served database may have sessions by now: compare the copy with
	 * the source of the same moment, as the copy itself prints */
	const char *c[] = {"copy", "--from", srv.db, "--to", url, NULL};
	char       *out = expect_rc(c, 0, NULL);
	assert_non_null(strstr(out, "every table's checksum in the target equals the source's"));
	char *sum = checksum(url);
	assert_non_null(strstr(out, sum)); /* the copy's report: the same lines, then the total */
	free(sum);
	free(out);
	free(expect_rc(c, 2, "holds data")); /* a second copy into it */

	char        *orig = employees_seen();
	struct other o;
	other_start(&o, url, "copy");
	char *copy = employees_seen();
	other_stop(&o);
	assert_string_equal(copy, orig);
	free(copy);
	free(orig);
	free(url);
}

static void test_copy_sqlite_to_postgresql(void **state)
{
	(void)state;
	if (!on_pg()) {
		printf("copy SQLite → PostgreSQL: skipped, OPENBAV_TEST_DB names no PostgreSQL server "
		       "(tests/pg/run.sh sets it)\n");
		skip();
	}
	char       *src  = xasprintf("sqlite:%s/source.db", dir);
	const char *d[]  = {"demo", "--db", src, NULL};
	free(expect_rc(d, 0, NULL));
	char *before = checksum(src);
	char  url[512];
	assert_int_equal(test_db_create(dir, "copied", url, sizeof url), 0);
	const char *c[] = {"copy", "--from", src, "--to", url, NULL};
	char       *out = expect_rc(c, 0, NULL);
	assert_non_null(strstr(out, before));
	free(out);
	char *after = checksum(url);
	assert_string_equal(after, before);
	free(after);
	free(before);
	free(expect_rc(c, 2, "holds data"));

	/* both served: the same sign-in, the same employees */
	struct other o;
	other_start(&o, src, "source");
	char *orig = employees_seen();
	other_stop(&o);
	other_start(&o, url, "copied");
	char *copy = employees_seen();
	assert_string_equal(copy, orig);
	/* a new record gets the next id, not one the copy brought along */
	json_error_t e;
	json_t      *j      = json_loads(orig, 0, &e);
	json_t      *items  = json_object_get(j, "items");
	int64_t      max_id = 0;
	for (size_t i = 0; i < json_array_size(items); i++) {
		int64_t id = json_integer_value(json_object_get(json_array_get(items, i), "id"));
		if (id > max_id)
			max_id = id;
	}
	json_decref(j);
	struct client *hr = login_ok("hr@muster.test");
	struct resp    r  = send_json(hr, "POST", "/api/v1/employers/1/employees",
	                              "{\"personnel_number\":\"C0001\",\"last_name\":\"Kopie\",\"first_name\":\"Karla\","
	                              "\"birth_date\":\"1985-03-04\"}");
	if (r.status != 201)
		fprintf(stderr, "create after copy: %ld %s\n", r.status, r.body);
	assert_int_equal(r.status, 201);
	j = resp_json(&r);
	assert_true(json_integer_value(json_object_get(j, "id")) > max_id);
	json_decref(j);
	resp_free(&r);
	client_free(hr);
	other_stop(&o);
	free(copy);
	free(orig);
	test_db_drop(url);
	free(src);
}

static void test_refusals(void **state)
{
	(void)state;
	char *junk = xasprintf("%s/junk", dir);
	FILE *f    = fopen(junk, "w");
	assert_non_null(f);
	fputs("not a backup\n", f);
	fclose(f);
	char url[512];
	assert_int_equal(test_db_create(dir, "refusals", url, sizeof url), 0);
	const char *a1[] = {"restore", "--db", url, junk, NULL};
	free(expect_rc(a1, 2, "is not an openbav backup"));
	char       *none = xasprintf("%s/none", dir);
	const char *a2[] = {"restore", "--db", url, none, NULL};
	free(expect_rc(a2, 2, "cannot read"));
	/* a backup of the other backend */
	char       *sq   = xasprintf("sqlite:%s/other.db", dir);
	const char *a3[] = {"demo", "--db", sq, NULL};
	free(expect_rc(a3, 0, NULL));
	char       *sqb  = xasprintf("%s/other.backup", dir);
	const char *a4[] = {"backup", "--db", sq, sqb, NULL};
	free(expect_rc(a4, 0, NULL));
	if (on_pg()) {
		const char *a5[] = {"restore", "--db", url, sqb, NULL};
		free(expect_rc(a5, 2, "is not an openbav backup for postgresql"));
	}
	/* copy into a database that holds data; from a database without a schema */
	const char *a6[] = {"copy", "--from", srv.db, "--to", sq, NULL};
	free(expect_rc(a6, 2, "holds data"));
	const char *a7[] = {"copy", "--from", url, "--to", sq, NULL}; /* PostgreSQL: empty; SQLite: no file */
	free(expect_rc(a7, 2, on_pg() ? "the source holds no openbav schema" : "the source: no database at"));
	/* a backup of nothing: no file is left behind */
	char       *missing = xasprintf("sqlite:%s/missing.db", dir), *mb = xasprintf("%s/missing.backup", dir);
	const char *a8[]    = {"backup", "--db", missing, mb, NULL};
	free(expect_rc(a8, 1, NULL));
	assert_int_not_equal(access(mb, F_OK), 0);
	assert_int_not_equal(access(missing + 7, F_OK), 0); /* and no database made up */
	/* usage */
	const char *u1[] = {"backup", "--db", sq, NULL};
	free(expect_rc(u1, 2, "usage"));
	const char *u2[] = {"backup", "--db", sq, "--force", mb, NULL};
	free(expect_rc(u2, 2, "usage"));
	const char *u3[] = {"copy", "--from", sq, NULL};
	free(expect_rc(u3, 2, "usage"));
	const char *u4[] = {"copy", "--from", sq, "--to", sq, NULL};
	free(expect_rc(u4, 2, "same database"));
	const char *u5[] = {"restore", "--db", "mysql://x", junk, NULL};
	free(expect_rc(u5, 2, "unknown database URL"));
	test_db_drop(url);
	free(missing), free(mb), free(sq), free(sqb), free(none), free(junk);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backup_restore_roundtrip),
		cmocka_unit_test(test_copy_to_sqlite),
		cmocka_unit_test(test_copy_sqlite_to_postgresql),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests_name("backup", tests, setup, teardown);
}
