/*
 * db_pg_tools.c — backup and restore of a PostgreSQL database with the
 * server's own tools, pg_dump and pg_restore (custom format), run as child
 * processes found on PATH, without a shell (posix_spawnp, an argument list).
 *
 * The URL never appears on their command line, which every user of the
 * machine can read (ps): its parts travel as libpq's environment variables
 * (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE …; a process's
 * environment is readable by its own user only).  Variables the URL does not
 * set are inherited, as they are for openbav's own connection.
 *
 * Row-level security: every tenant table FORCEs it, so the owner is bound
 * too.  pg_dump by default runs with row_security = off, which fails for a
 * role that does not bypass row-level security; so it runs with
 * --enable-row-security and openbav.all = on in its session (PGOPTIONS): the
 * policies then show every row — a backup is a system task, like every
 * direct connection (db_open).  pg_restore creates the tables, loads the data
 * and only then enables row-level security and creates the policies (they
 * belong to pg_dump's post-data section), so the load is not filtered.
 * --no-owner --no-privileges: the objects belong to the role that restores,
 * which is the role openbav connects as.
 */
#include "db/backend.h"
#include "base/arena.h"
#include "base/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* URL parameters without an environment variable that do not matter for a
 * dump or a restore. */
static bool ignorable(const char *keyword)
{
	return !strncmp(keyword, "keepalives", 10) || !strcmp(keyword, "tcp_user_timeout") ||
	       !strcmp(keyword, "fallback_application_name");
}

static void env_free(char **env)
{
	for (size_t i = 0; env && env[i]; i++)
		free(env[i]);
	free(env);
}

static char *env_pair(const char *name, const char *value)
{
	size_t n = strlen(name), m = strlen(value);
	char  *s = xmalloc(n + m + 2);
	memcpy(s, name, n);
	s[n] = '=';
	memcpy(s + n + 1, value, m + 1);
	return s;
}

/* Our environment with the URL's parameters as libpq's variables and
 * openbav.all = on added to the session options; NULL with err. */
static char **tool_env(const char *url, char *err, size_t errsz)
{
	char             *msg  = NULL;
	PQconninfoOption *opts = PQconninfoParse(url, &msg);
	if (!opts) {
		snprintf(err, errsz, "not a valid PostgreSQL URL: %s", msg ? msg : "out of memory");
		PQfreemem(msg);
		return NULL;
	}
	size_t n_env = 0, n_opt = 0;
	while (environ[n_env])
		n_env++;
	for (PQconninfoOption *o = opts; o->keyword; o++)
		n_opt++;
	char      **env     = xcalloc(n_env + n_opt + 2, sizeof *env);
	size_t      k       = 0;
	const char *options = getenv("PGOPTIONS");
	for (PQconninfoOption *o = opts; o->keyword; o++) {
		if (!o->val)
			continue;
		if (!strcmp(o->keyword, "options")) {
			options = o->val;
			continue;
		}
		if (!o->envvar) {
			if (ignorable(o->keyword))
				continue;
			snprintf(err, errsz, "the URL parameter %s cannot be handed to pg_dump/pg_restore", o->keyword);
			env_free(env);
			PQconninfoFree(opts);
			return NULL;
		}
		env[k++] = env_pair(o->envvar, o->val);
	}
	size_t mine = k;
	for (size_t i = 0; i < n_env; i++) { /* the rest of ours, unless set above */
		size_t n    = strcspn(environ[i], "=");
		bool   skip = n == 9 && !strncmp(environ[i], "PGOPTIONS", 9);
		for (size_t j = 0; j < mine && !skip; j++)
			skip = !strncmp(env[j], environ[i], n + 1);
		if (!skip)
			env[k++] = xstrdup(environ[i]);
	}
	struct buf o = {0};
	if (options && *options)
		buf_printf(&o, "%s ", options);
	buf_adds(&o, "-c openbav.all=on");
	env[k++] = env_pair("PGOPTIONS", o.p);
	buf_free(&o);
	PQconninfoFree(opts);
	return env;
}

static void slurp(FILE *f, struct buf *b)
{
	char   chunk[8192];
	size_t n;
	rewind(f);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(b, chunk, n);
}

/* Runs argv[0] (on PATH) with env; its stdout into out (NULL: discarded).
 * Its stderr is reported: in err when it fails (non-zero exit), else
 * passed on to ours (warnings). */
static bool run_tool(char *const argv[], char *const env[], struct buf *out, char *err, size_t errsz)
{
	FILE *o = out ? tmpfile() : NULL, *e = tmpfile();
	if ((out && !o) || !e) {
		snprintf(err, errsz, "cannot create a temporary file: %s", strerror(errno));
		if (o)
			fclose(o);
		if (e)
			fclose(e);
		return false;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	if (o)
		posix_spawn_file_actions_adddup2(&fa, fileno(o), 1);
	else
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fileno(e), 2);
	pid_t pid;
	int   rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, env);
	posix_spawn_file_actions_destroy(&fa);
	bool ok = false;
	if (rc) {
		snprintf(err, errsz, "cannot run %s: %s%s", argv[0], strerror(rc),
		         rc == ENOENT ? " (it comes with PostgreSQL's client programs: apt-get install postgresql-client)"
		                      : "");
		goto out;
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			snprintf(err, errsz, "waiting for %s: %s", argv[0], strerror(errno));
			goto out;
		}
	struct buf msg = {0};
	slurp(e, &msg);
	while (msg.n && (msg.p[msg.n - 1] == '\n' || msg.p[msg.n - 1] == ' '))
		msg.p[--msg.n] = '\0';
	ok = WIFEXITED(st) && WEXITSTATUS(st) == 0;
	if (ok) {
		if (msg.n)
			fprintf(stderr, "%s\n", msg.p);
		if (out)
			slurp(o, out);
	} else {
		for (size_t i = 0; i < msg.n; i++) /* one line */
			if (msg.p[i] == '\n')
				msg.p[i] = ' ';
		if (WIFEXITED(st))
			snprintf(err, errsz, "%s failed (exit %d): %s", argv[0], WEXITSTATUS(st), msg.n ? msg.p : "no message");
		else
			snprintf(err, errsz, "%s was killed by signal %d", argv[0], WTERMSIG(st));
	}
	buf_free(&msg);
out:
	if (o)
		fclose(o);
	fclose(e);
	return ok;
}

bool pg_backup(const char *url, const char *file, char *err, size_t errsz)
{
	char **env = tool_env(url, err, errsz);
	if (!env)
		return false;
	char *const argv[] = {"pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--enable-row-security",
	                      "--file", (char *)file, NULL};
	bool ok = run_tool(argv, env, NULL, err, errsz);
	env_free(env);
	return ok;
}

/* The schema version in the backup: the largest version among the rows of
 * schema_migrations, which pg_restore prints as COPY data (tab-separated,
 * the version first).  Reading it also checks that file is an archive. */
int pg_backup_version(const char *file, char *err, size_t errsz)
{
	char *const argv[] = {"pg_restore", "--data-only", "--table=schema_migrations", "--file=-", "--",
	                      (char *)file, NULL};
	struct buf  out    = {0};
	if (!run_tool(argv, environ, &out, err, errsz)) {
		buf_free(&out);
		return -1;
	}
	int  v       = 0;
	bool in_data = false;
	for (char *line = out.p; line && *line;) {
		char *end = strchr(line, '\n');
		if (end)
			*end = '\0';
		if (in_data) {
			if (!strcmp(line, "\\."))
				in_data = false;
			else if (atoi(line) > v)
				v = atoi(line);
		} else if (!strncmp(line, "COPY ", 5) && strstr(line, "schema_migrations (version"))
			in_data = true;
		line = end ? end + 1 : NULL;
	}
	buf_free(&out);
	return v;
}

bool pg_restore(const char *url, const char *file, bool clean, char *err, size_t errsz)
{
	char **env = tool_env(url, err, errsz);
	if (!env)
		return false;
	/* --dbname= (empty): connect, with the database from PGDATABASE like everything else. */
	char *argv[16];
	int   n   = 0;
	argv[n++] = "pg_restore";
	argv[n++] = "--single-transaction";
	argv[n++] = "--exit-on-error";
	argv[n++] = "--no-owner";
	argv[n++] = "--no-privileges";
	if (clean) {
		argv[n++] = "--clean";
		argv[n++] = "--if-exists";
	}
	argv[n++] = "--dbname=";
	argv[n++] = "--";
	argv[n++] = (char *)file;
	argv[n]   = NULL;
	bool ok   = run_tool(argv, env, NULL, err, errsz);
	env_free(env);
	return ok;
}
