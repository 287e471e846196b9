/*
 * harness.h — black-box HTTP tests against the real server binary.
 *
 * srv_start() creates a fresh database with the demo data (SQLite in a
 * temporary directory; a new PostgreSQL database when OPENBAV_TEST_DB is a
 * postgresql:// URL, see tests/pg/run.sh), starts `build/test/openbav serve` (the ASan/UBSan
 * build) on a free loopback port and waits for /healthz.  srv_stop() sends
 * SIGTERM, waits, and checks the exit status and the sanitizer output.
 *
 * A `struct client` is one simulated browser: one libcurl easy handle with
 * its own cookie jar; redirects are never followed.
 */
#ifndef OPENBAV_TEST_HARNESS_H
#define OPENBAV_TEST_HARNESS_H

#include <curl/curl.h>
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define DEMO_PASSWORD "openbav-demo"

struct resp {
	long   status;
	char  *body;    /* NUL-terminated */
	size_t len;
	char  *headers; /* all response header lines, NUL-terminated */
};

struct client {
	CURL *h;
	char  csrf[128]; /* the session's CSRF token, after login() */
};

struct server {
	pid_t pid;
	int   port;
	char  dir[256];     /* temporary directory */
	char  db[300];      /* "sqlite:DIR/t.db" or "postgresql://…/openbav_h_t_PID_N?…" */
	char  errlog[300];  /* the server's stderr */
	char  base[64];     /* "http://127.0.0.1:PORT" */
};

extern struct server srv;

/* cmocka group setup/teardown: start and stop the server (0 = ok). */
int srv_setup(void **state);
int srv_teardown(void **state);
int  srv_start(void);
/* SIGTERM, wait; returns the exit status (-1 killed by a signal) and fails
 * (returns -2) when the server's stderr shows a sanitizer report. */
int  srv_stop(void);
bool srv_log_clean(void); /* no sanitizer report in the server's stderr */
bool srv_healthy(void);

/* Runs `build/test/openbav ARGS…` (argv NULL-terminated, without argv[0]),
 * returns its stdout (malloc'd, trailing newline removed) or NULL on a
 * non-zero exit. */
char *run_cli(const char *const *args);

/* A new empty database for a test (SQLite: DIR/NAME.db; PostgreSQL: a fresh
 * database on OPENBAV_TEST_DB's server), its URL in url; 0 on success.
 * test_db_drop removes a PostgreSQL one (SQLite's goes with its directory). */
int  test_db_create(const char *dir, const char *name, char *url, size_t urlsz);
void test_db_drop(const char *url);
char *token_create(const char *email);

struct client *client_new(void);
void           client_free(struct client *c);

/* One request.  method: "GET", "HEAD", "POST", "PATCH", "PUT", "DELETE" …;
 * headers: NULL-terminated list of "Name: value" or NULL; body may be NULL.
 * path is appended to srv.base verbatim. */
struct resp req(struct client *c, const char *method, const char *path, const char *const *headers,
                const char *body, size_t len);
struct resp get(struct client *c, const char *path);
struct resp post_form(struct client *c, const char *path, const char *body); /* with the session CSRF added as _csrf when set */
struct resp post_form_raw(struct client *c, const char *path, const char *body); /* as given */
struct resp send_json(struct client *c, const char *method, const char *path, const char *json); /* + X-CSRF-Token when set */
struct resp send_bearer(const char *token, const char *method, const char *path, const char *json);
void        resp_free(struct resp *r);

/* The value of the first response header NAME (case-insensitive), malloc'd, or NULL. */
char *resp_header(const struct resp *r, const char *name);
/* true when some header line "NAME: …" contains needle. */
bool  resp_header_has(const struct resp *r, const char *name, const char *needle);
json_t *resp_json(const struct resp *r); /* parsed body or NULL */
/* send_json(), asserting the status (the exchange is printed when it differs);
 * the parsed body or NULL, for json_decref. */
json_t *send_json_expect(struct client *c, const char *method, const char *path, const char *json, long expect);
/* The "field" of an API error body, or "" when absent; the pointer lives in j. */
const char *err_field(json_t *j);
const char *err_code(json_t *j);

/* Cookie value in the client's jar, malloc'd, or NULL. */
char *cookie_get(struct client *c, const char *name);

/* value="…" of <input … name="NAME" …> in html, malloc'd, or NULL. */
char *html_input_value(const char *html, const char *name);
/* The X-CSRF-Token in <body hx-headers='{"X-CSRF-Token":"…"}'>, malloc'd, or NULL. */
char *html_csrf(const char *html);

/* What a browser does: GET /login, POST the form.  Returns the POST status;
 * on 303 fills c->csrf from the account page.  location (may be NULL)
 * receives the redirect target (malloc'd). */
long login(struct client *c, const char *email, const char *password, char **location);
/* login() and assert 303 to "/". */
struct client *login_ok(const char *email);

/* The command line: `build/test/openbav ARGS…` (args NULL-terminated, without
 * argv[0]) with input on stdin (NULL: /dev/null), stdout and stderr captured
 * through files in dir.  Asserts that it started and that no sanitizer
 * reported anything. */
struct cli_run {
	int   rc;  /* exit status, -1 when killed by a signal */
	char *out; /* stdout, NUL-terminated */
	char *err; /* stderr, NUL-terminated */
};
struct cli_run cli_run(const char *dir, const char *const *args, const char *input, size_t inlen);
void           cli_run_free(struct cli_run *r);
/* A file's content, malloc'd ("" when it cannot be read). */
char *slurp(const char *path);

/* URL-encodes s (application/x-www-form-urlencoded), malloc'd. */
char *urlenc(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
size_t count_substr(const char *hay, const char *needle);

#endif
