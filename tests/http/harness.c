/*
 * harness.c — starts the real server (ASan build) on a fresh demo database,
 * a small libcurl client with one cookie jar per simulated browser, and the
 * helpers the HTTP tests share.  See harness.h.
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
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SERVER_BIN "build/test/openbav"

struct server srv;
static bool quiet; /* while polling /healthz */

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	va_end(ap);
	return s;
}

size_t count_substr(const char *hay, const char *needle)
{
	size_t n = 0, l = strlen(needle);
	if (!hay || !l)
		return 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + l, needle))
		n++;
	return n;
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static int free_port(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t l = sizeof a;
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) || getsockname(s, (struct sockaddr *)&a, &l)) {
		if (s >= 0)
			close(s);
		return -1;
	}
	int port = ntohs(a.sin_port);
	close(s);
	return port;
}

/* fork/exec argv with stdout to out_fd (or /dev/null) and stderr appended to srv.errlog. */
static pid_t spawn(const char *const *argv, int out_fd)
{
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	int err = open(srv.errlog, O_WRONLY | O_CREAT | O_APPEND, 0600);
	int nul = open("/dev/null", O_RDWR);
	dup2(nul, 0);
	dup2(out_fd >= 0 ? out_fd : nul, 1);
	dup2(err >= 0 ? err : nul, 2);
	execv(argv[0], (char *const *)argv);
	_exit(127);
}

static int wait_exit(pid_t pid)
{
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

char *run_cli(const char *const *args)
{
	const char *argv[32] = {SERVER_BIN};
	size_t      n        = 1;
	for (; args[n - 1] && n < 31; n++)
		argv[n] = args[n - 1];
	argv[n] = NULL;
	char tmpl[320];
	snprintf(tmpl, sizeof tmpl, "%s/cli.XXXXXX", srv.dir);
	int fd = mkstemp(tmpl);
	if (fd < 0)
		return NULL;
	int rc = wait_exit(spawn(argv, fd));
	lseek(fd, 0, SEEK_SET);
	struct stat sb;
	fstat(fd, &sb);
	char   *out = calloc(1, (size_t)sb.st_size + 1);
	ssize_t got = read(fd, out, (size_t)sb.st_size);
	close(fd);
	unlink(tmpl);
	if (rc != 0 || got < 0) {
		free(out);
		return NULL;
	}
	out[got] = '\0';
	while (got > 0 && (out[got - 1] == '\n' || out[got - 1] == '\r'))
		out[--got] = '\0';
	return out;
}

char *token_create(const char *email)
{
	const char *args[] = {"token", "create", "--email", email, "--db", srv.db, NULL};
	return run_cli(args);
}

bool srv_healthy(void)
{
	struct client *c  = client_new();
	quiet             = true;
	struct resp    r  = get(c, "/healthz");
	quiet             = false;
	bool           ok = r.status == 200 && r.body && strstr(r.body, "\"ok\"");
	resp_free(&r);
	client_free(c);
	return ok;
}

static void rm_rf(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "harness: could not remove %s\n", dir);
	free(cmd);
}

/* ---- the database ---------------------------------------------------------
 * SQLite in the test directory, or — with OPENBAV_TEST_DB=postgresql://… (see
 * tests/pg/run.sh) — a fresh database on that server, made and dropped with
 * psql through the URL's database. */

static const char *pg_base(void)
{
	const char *u = getenv("OPENBAV_TEST_DB");
	return u && (!strncmp(u, "postgresql://", 13) || !strncmp(u, "postgres://", 11)) ? u : NULL;
}

static int psql(const char *sql)
{
	pid_t pid = fork();
	if (pid == 0) {
		int nul = open("/dev/null", O_RDWR);
		dup2(nul, 0);
		dup2(nul, 1);
		setenv("PGOPTIONS", "-c client_min_messages=warning", 1);
		execlp("psql", "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", pg_base(), "-c", sql, (char *)NULL);
		_exit(127);
	}
	int rc = pid > 0 ? wait_exit(pid) : -1;
	if (rc != 0)
		fprintf(stderr, "harness: psql -c '%s' failed (%d)\n", sql, rc);
	return rc;
}

int test_db_create(const char *dir, const char *name, char *url, size_t urlsz)
{
	if (!pg_base()) {
		snprintf(url, urlsz, "sqlite:%s/%s.db", dir, name);
		return 0;
	}
	static int seq;
	char       db[64], sql[128];
	snprintf(db, sizeof db, "openbav_h_%s_%d_%d", name, (int)getpid(), seq++);
	const char *base = pg_base(), *auth = strstr(base, "://") + 3;
	const char *path = strchr(auth, '/'), *q = strchr(auth, '?');
	if (!path || (q && path > q))
		path = q ? q : auth + strlen(auth);
	const char *rest = *path == '/' ? path + strcspn(path, "?") : path;
	snprintf(url, urlsz, "%.*s/%s%s", (int)(path - base), base, db, rest);
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", db);
	if (psql(sql))
		return -1;
	snprintf(sql, sizeof sql, "CREATE DATABASE \"%s\"", db);
	return psql(sql);
}

void test_db_drop(const char *url)
{
	if (!strncmp(url, "sqlite:", 7) || !pg_base() || getenv("KEEP_TEST_DIR"))
		return; /* SQLite's file goes with the test directory */
	const char *name = strchr(strstr(url, "://") + 3, '/');
	if (!name)
		return;
	char sql[160];
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS \"%.*s\" WITH (FORCE)", (int)strcspn(name + 1, "?"),
	         name + 1);
	psql(sql);
}

static bool last_stop_ok; /* the previous instance stopped cleanly: its directory can go */

int srv_start(void)
{
	if (srv.dir[0] && !srv.pid && last_stop_ok && !getenv("KEEP_TEST_DIR")) {
		rm_rf(srv.dir);
		test_db_drop(srv.db);
	}
	memset(&srv, 0, sizeof srv);
	snprintf(srv.dir, sizeof srv.dir, "/tmp/openbav-http.XXXXXX");
	if (!mkdtemp(srv.dir))
		return -1;
	if (test_db_create(srv.dir, "t", srv.db, sizeof srv.db))
		return -1;
	snprintf(srv.errlog, sizeof srv.errlog, "%s/server.err", srv.dir);
	if (access(SERVER_BIN, X_OK)) {
		fprintf(stderr, "harness: %s missing (make build/test/openbav); run from the repo root\n", SERVER_BIN);
		return -1;
	}
	const char *demo[] = {SERVER_BIN, "demo", "--db", srv.db, NULL};
	if (wait_exit(spawn(demo, -1)) != 0) {
		fprintf(stderr, "harness: `openbav demo` failed, see %s\n", srv.errlog);
		return -1;
	}
	for (int attempt = 0; attempt < 3; attempt++) {
		srv.port = free_port();
		snprintf(srv.base, sizeof srv.base, "http://127.0.0.1:%d", srv.port);
		char listen[32];
		snprintf(listen, sizeof listen, "127.0.0.1:%d", srv.port);
		const char *serve[] = {SERVER_BIN, "serve", "--db", srv.db, "--listen", listen, "--no-access-log", NULL};
		srv.pid = spawn(serve, -1);
		for (int i = 0; i < 200; i++) { /* 20 s */
			if (srv_healthy())
				return 0;
			int st;
			if (waitpid(srv.pid, &st, WNOHANG) == srv.pid) { /* died: port taken? retry */
				srv.pid = 0;
				break;
			}
			sleep_ms(100);
		}
		if (srv.pid) {
			kill(srv.pid, SIGKILL);
			wait_exit(srv.pid);
			srv.pid = 0;
		}
	}
	fprintf(stderr, "harness: server did not become healthy, see %s\n", srv.errlog);
	return -1;
}

bool srv_log_clean(void)
{
	FILE *f = fopen(srv.errlog, "r");
	if (!f)
		return true;
	char line[4096];
	bool clean = true;
	while (fgets(line, sizeof line, f))
		if (strstr(line, "ERROR: AddressSanitizer") || strstr(line, "runtime error:") ||
		    strstr(line, "LeakSanitizer")) {
			if (clean)
				fprintf(stderr, "harness: sanitizer report in %s:\n", srv.errlog);
			fputs(line, stderr);
			clean = false;
		}
	fclose(f);
	return clean;
}

int srv_stop(void)
{
	int rc = 0;
	if (srv.pid > 0) {
		kill(srv.pid, SIGTERM);
		rc      = wait_exit(srv.pid);
		srv.pid = 0;
	}
	if (!srv_log_clean())
		rc = -2;
	last_stop_ok = rc == 0;
	return rc;
}

int srv_setup(void **state)
{
	(void)state;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return srv_start();
}

int srv_teardown(void **state)
{
	(void)state;
	int rc = srv_stop();
	if (rc != 0)
		fprintf(stderr, "harness: server exit status %d (expected 0, clean sanitizer log); kept %s\n", rc,
		        srv.dir);
	else if (!getenv("KEEP_TEST_DIR")) {
		rm_rf(srv.dir);
		test_db_drop(srv.db);
	}
	curl_global_cleanup();
	return rc == 0 ? 0 : -1;
}

/* ---- client ------------------------------------------------------------- */

struct client *client_new(void)
{
	struct client *c = calloc(1, sizeof *c);
	c->h             = curl_easy_init();
	curl_easy_setopt(c->h, CURLOPT_COOKIEFILE, ""); /* cookie engine on, in memory */
	return c;
}

void client_free(struct client *c)
{
	if (!c)
		return;
	curl_easy_cleanup(c->h);
	free(c);
}

struct sink {
	char  *p;
	size_t n;
};

static size_t sink_write(char *data, size_t size, size_t nmemb, void *ud)
{
	struct sink *s = ud;
	size_t       n = size * nmemb;
	s->p           = realloc(s->p, s->n + n + 1);
	memcpy(s->p + s->n, data, n);
	s->n += n;
	s->p[s->n] = '\0';
	return n;
}

struct resp req(struct client *c, const char *method, const char *path, const char *const *headers,
                const char *body, size_t len)
{
	CURL       *h   = c->h;
	struct sink b   = {0}, hd = {0};
	char       *url = xasprintf("%s%s", srv.base, path);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, sink_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, sink_write);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, &hd);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, NULL);
	curl_easy_setopt(h, CURLOPT_NOBODY, 0L);
	curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
	if (!strcmp(method, "HEAD"))
		curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
	else if (body || strcmp(method, "GET")) {
		if (body || !strcmp(method, "POST") || !strcmp(method, "PATCH") || !strcmp(method, "PUT")) {
			curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(body ? len : 0));
			curl_easy_setopt(h, CURLOPT_COPYPOSTFIELDS, body ? body : "");
		}
		if (strcmp(method, "POST"))
			curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	}
	struct curl_slist *sl = NULL;
	sl = curl_slist_append(sl, "Expect:"); /* no 100-continue round trip */
	for (size_t i = 0; headers && headers[i]; i++)
		sl = curl_slist_append(sl, headers[i]);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, sl);

	struct resp r = {0};
	CURLcode    e = curl_easy_perform(h);
	if (e == CURLE_OK)
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r.status);
	else {
		if (!quiet)
			fprintf(stderr, "harness: %s %s: %s\n", method, path, curl_easy_strerror(e));
		r.status = -1;
	}
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(sl);
	free(url);
	r.body    = b.p ? b.p : calloc(1, 1);
	r.len     = b.n;
	r.headers = hd.p ? hd.p : calloc(1, 1);
	return r;
}

struct resp get(struct client *c, const char *path) { return req(c, "GET", path, NULL, NULL, 0); }

struct resp post_form_raw(struct client *c, const char *path, const char *body)
{
	const char *hs[] = {"Content-Type: application/x-www-form-urlencoded", NULL};
	return req(c, "POST", path, hs, body, body ? strlen(body) : 0);
}

struct resp post_form(struct client *c, const char *path, const char *body)
{
	if (!c->csrf[0])
		return post_form_raw(c, path, body);
	char *b = (body && *body) ? xasprintf("%s&_csrf=%s", body, c->csrf) : xasprintf("_csrf=%s", c->csrf);
	struct resp r = post_form_raw(c, path, b);
	free(b);
	return r;
}

struct resp send_json(struct client *c, const char *method, const char *path, const char *json)
{
	char       *tok = c->csrf[0] ? xasprintf("X-CSRF-Token: %s", c->csrf) : NULL;
	const char *hs[] = {"Content-Type: application/json", "Accept: application/json", tok, NULL};
	struct resp r = req(c, method, path, hs, json, json ? strlen(json) : 0);
	free(tok);
	return r;
}

struct resp send_bearer(const char *token, const char *method, const char *path, const char *json)
{
	struct client *c    = client_new();
	char          *auth = xasprintf("Authorization: Bearer %s", token);
	const char    *hs[] = {auth, "Content-Type: application/json", NULL};
	struct resp    r    = req(c, method, path, hs, json, json ? strlen(json) : 0);
	free(auth);
	client_free(c);
	return r;
}

void resp_free(struct resp *r)
{
	free(r->body);
	free(r->headers);
	memset(r, 0, sizeof *r);
}

char *resp_header(const struct resp *r, const char *name)
{
	size_t nl = strlen(name);
	for (const char *line = r->headers; line && *line;) {
		const char *end = strchr(line, '\n');
		size_t      ll  = end ? (size_t)(end - line) : strlen(line);
		if (ll > nl && !strncasecmp(line, name, nl) && line[nl] == ':') {
			const char *v = line + nl + 1;
			while (*v == ' ')
				v++;
			size_t vl = ll - (size_t)(v - line);
			while (vl && (v[vl - 1] == '\r' || v[vl - 1] == ' '))
				vl--;
			return strndup(v, vl);
		}
		line = end ? end + 1 : line + ll;
	}
	return NULL;
}

bool resp_header_has(const struct resp *r, const char *name, const char *needle)
{
	size_t nl = strlen(name);
	for (const char *line = r->headers; line && *line;) {
		const char *end = strchr(line, '\n');
		size_t      ll  = end ? (size_t)(end - line) : strlen(line);
		if (ll > nl && !strncasecmp(line, name, nl) && line[nl] == ':') {
			char *l  = strndup(line, ll);
			bool  ok = strstr(l, needle) != NULL;
			free(l);
			if (ok)
				return true;
		}
		line = end ? end + 1 : line + ll;
	}
	return false;
}

json_t *resp_json(const struct resp *r)
{
	json_error_t e;
	return r->body ? json_loadb(r->body, r->len, 0, &e) : NULL;
}

/* ---- the command line -------------------------------------------------------- */

char *slurp(const char *path)
{
	int         fd = open(path, O_RDONLY);
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb)) {
		if (fd >= 0)
			close(fd);
		return strdup("");
	}
	char   *s = calloc(1, (size_t)sb.st_size + 1);
	ssize_t n = read(fd, s, (size_t)sb.st_size);
	close(fd);
	s[n > 0 ? n : 0] = '\0';
	return s;
}

static bool sanitizer_report(const char *s)
{
	return strstr(s, "AddressSanitizer") || strstr(s, "runtime error:") || strstr(s, "LeakSanitizer");
}

struct cli_run cli_run(const char *dir, const char *const *args, const char *input, size_t inlen)
{
	const char *argv[40] = {SERVER_BIN};
	size_t      n        = 1;
	for (; args[n - 1] && n < 39; n++)
		argv[n] = args[n - 1];
	argv[n] = NULL;

	char *in_path  = xasprintf("%s/stdin", dir);
	char *out_path = xasprintf("%s/stdout", dir);
	char *err_path = xasprintf("%s/stderr", dir);
	if (input) {
		int fd = open(in_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		assert_true(fd >= 0);
		assert_int_equal(write(fd, input, inlen), (ssize_t)inlen);
		close(fd);
	}
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int i = open(input ? in_path : "/dev/null", O_RDONLY);
		int o = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int e = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (i < 0 || o < 0 || e < 0)
			_exit(126);
		dup2(i, 0), dup2(o, 1), dup2(e, 2);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	struct cli_run r = {WIFEXITED(st) ? WEXITSTATUS(st) : -1, slurp(out_path), slurp(err_path)};
	unlink(in_path), unlink(out_path), unlink(err_path);
	free(in_path), free(out_path), free(err_path);
	if (sanitizer_report(r.err))
		fprintf(stderr, "sanitizer report from %s %s:\n%s\n", SERVER_BIN, args[0], r.err);
	assert_false(sanitizer_report(r.err));
	assert_int_not_equal(r.rc, 126);
	assert_int_not_equal(r.rc, 127);
	return r;
}

void cli_run_free(struct cli_run *r)
{
	free(r->out);
	free(r->err);
}

json_t *send_json_expect(struct client *c, const char *method, const char *path, const char *json, long expect)
{
	struct resp r = send_json(c, method, path, json);
	if (r.status != expect)
		fprintf(stderr, "%s %s %s → %ld %s (expected %ld)\n", method, path, json ? json : "", r.status, r.body,
		        expect);
	assert_int_equal(r.status, expect);
	json_t *j = resp_json(&r);
	resp_free(&r);
	return j;
}

const char *err_field(json_t *j)
{
	const char *f = json_string_value(json_object_get(json_object_get(j, "error"), "field"));
	return f ? f : "";
}

const char *err_code(json_t *j)
{
	const char *f = json_string_value(json_object_get(json_object_get(j, "error"), "code"));
	return f ? f : "";
}

char *cookie_get(struct client *c, const char *name)
{
	struct curl_slist *list = NULL;
	char              *val  = NULL;
	if (curl_easy_getinfo(c->h, CURLINFO_COOKIELIST, &list) != CURLE_OK)
		return NULL;
	for (struct curl_slist *p = list; p; p = p->next) {
		/* domain \t tailmatch \t path \t secure \t expires \t name \t value */
		const char *f = p->data;
		for (int i = 0; i < 5 && f; i++) {
			f = strchr(f, '\t');
			if (f)
				f++;
		}
		if (!f)
			continue;
		size_t nl = strlen(name);
		if (!strncmp(f, name, nl) && f[nl] == '\t') {
			free(val);
			val = strdup(f + nl + 1);
		}
	}
	curl_slist_free_all(list);
	return val;
}

char *html_input_value(const char *html, const char *name)
{
	char *needle = xasprintf("name=\"%s\"", name);
	char *out    = NULL;
	for (const char *p = html ? strstr(html, needle) : NULL; p && !out; p = strstr(p + 1, needle)) {
		const char *start = p;
		while (start > html && *start != '<')
			start--;
		const char *end = strchr(p, '>');
		const char *v   = strstr(start, "value=\"");
		if (end && v && v < end) {
			v += 7;
			const char *q = strchr(v, '"');
			if (q && q < end)
				out = strndup(v, (size_t)(q - v));
		}
	}
	free(needle);
	return out;
}

char *html_csrf(const char *html)
{
	const char *k = "hx-headers='{\"X-CSRF-Token\":\"";
	const char *p = html ? strstr(html, k) : NULL;
	if (!p)
		return NULL;
	p += strlen(k);
	const char *q = strchr(p, '"');
	return q ? strndup(p, (size_t)(q - p)) : NULL;
}

char *urlenc(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char             *o = malloc(strlen(s) * 3 + 1), *w = o;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.' || *p == '~')
			*w++ = (char)*p;
		else {
			*w++ = '%';
			*w++ = hex[*p >> 4];
			*w++ = hex[*p & 15];
		}
	}
	*w = '\0';
	return o;
}

long login(struct client *c, const char *email, const char *password, char **location)
{
	if (location)
		*location = NULL;
	struct resp f   = get(c, "/login");
	char       *pre = html_input_value(f.body, "_csrf");
	resp_free(&f);
	if (!pre)
		return -1;
	char *e = urlenc(email), *p = urlenc(password), *pr = urlenc(pre);
	char *body = xasprintf("_csrf=%s&email=%s&password=%s", pr, e, p);
	struct resp r = post_form_raw(c, "/login", body);
	free(body), free(e), free(p), free(pr), free(pre);
	long st = r.status;
	if (location)
		*location = resp_header(&r, "Location");
	resp_free(&r);
	c->csrf[0] = '\0';
	if (st == 303) {
		struct resp a   = get(c, "/account");
		char       *tok = a.status == 200 ? html_csrf(a.body) : NULL;
		if (tok)
			snprintf(c->csrf, sizeof c->csrf, "%s", tok);
		free(tok);
		resp_free(&a);
	}
	return st;
}

struct client *login_ok(const char *email)
{
	struct client *c   = client_new();
	char          *loc = NULL;
	long           st  = login(c, email, DEMO_PASSWORD, &loc);
	if (st != 303 || !loc || strcmp(loc, "/") || !c->csrf[0])
		fprintf(stderr, "login %s: status %ld, Location %s, csrf %s\n", email, st, loc ? loc : "(none)",
		        c->csrf[0] ? "yes" : "no");
	assert_int_equal(st, 303);
	assert_non_null(loc);
	assert_string_equal(loc, "/");
	assert_true(c->csrf[0] != '\0');
	free(loc);
	return c;
}
