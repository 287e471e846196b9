/*
 * server.c — libmicrohttpd glue: one `struct req` per request, its body
 * gathered up to the route's limit, handed to web_dispatch() when complete,
 * the response queued with the security headers, and everything the request
 * owned freed in request_done() — the one place.  Also the access log and
 * graceful shutdown.  Knows nothing about pages or roles.
 */
#include "http/server.h"
#include "http/metrics.h"
#include "http/http.h"
#include "http/i18n.h"
#include "db/db.h"
#include "base/jalloc.h"
#include "web/web.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const struct server_config *cfg;

static const char csp[] = "default-src 'none'; script-src 'self'; style-src 'self'; "
                          "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
                          "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

static enum http_method method_of(const char *m)
{
	static const char *const names[HTTP__METHODS] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"};
	for (int i = 0; i < HTTP__METHODS; i++)
		if (!strcmp(m, names[i]))
			return (enum http_method)i;
	return HTTP__METHODS;
}

/* Paths and query values reach us undecoded; the router and parse.c decode. */
static size_t no_unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls, (void)c;
	return strlen(s);
}

struct query_acc {
	struct req *r;
	struct buf  b;
};

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   size_t keylen, const char *value, size_t vallen)
{
	struct query_acc *q = cls;
	(void)kind;
	if (q->b.n)
		buf_addc(&q->b, '&');
	buf_add(&q->b, key, keylen);
	if (value) {
		buf_addc(&q->b, '=');
		buf_add(&q->b, value, vallen);
	}
	return MHD_YES;
}

static void client_addr(struct MHD_Connection *c, struct req *r)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr         *sa = ci ? ci->client_addr : NULL;
	snprintf(r->addr, sizeof r->addr, "unknown");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, r->addr, sizeof r->addr);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, r->addr, sizeof r->addr);
	bool loopback = !strncmp(r->addr, "127.", 4) || !strcmp(r->addr, "::1");
	if (cfg->trust_proxy && loopback) {
		const char *xff = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For");
		if (xff && *xff) {
			/* The right-most entry is the one our proxy added. */
			const char *last = strrchr(xff, ',');
			last             = last ? last + 1 : xff;
			while (*last == ' ')
				last++;
			size_t n = strcspn(last, " ,");
			if (n > 0 && n < sizeof r->addr && strspn(last, "0123456789abcdefABCDEF.:") >= n)
				snprintf(r->addr, sizeof r->addr, "%.*s", (int)n, last);
		}
		const char *proto = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-Proto");
		r->tls = proto && !strcmp(proto, "https");
	}
}

static struct req *request_new(struct MHD_Connection *c, const char *url, const char *method)
{
	struct req *r = xcalloc(1, sizeof *r);
	arena_init(&r->a);
	r->t0_ns  = now_ns();
	r->conn   = c;
	r->method = method_of(method);
	r->path   = arena_strdup(&r->a, url);
	r->now    = (int64_t)time(NULL);
	r->status = 200;
	client_addr(c, r);
	struct query_acc q = {r, {0}};
	MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, collect_arg, &q);
	r->query = q.b.n ? arena_strndup(&r->a, q.b.p, q.b.n) : NULL;
	buf_free(&q.b);
	const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	r->body_json   = ct && !strncasecmp(ct, "application/json", 16);
	r->htmx        = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "HX-Request") != NULL;
	r->h_cookie    = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE);
	r->h_auth      = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
	r->h_lang      = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_LANGUAGE);
	r->h_csrf      = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");
	r->route_index = r->method == HTTP__METHODS ? -2 : http_route_match(web_routes, web_routes_count, r);
	r->route       = r->route_index >= 0 ? &web_routes[r->route_index] : NULL;
	metrics_inflight(1);
	return r;
}

static void free_body(void *p) { free(p); }

static enum MHD_Result respond(struct MHD_Connection *c, struct req *r)
{
	struct MHD_Response *resp;
	if (r->status == 304 || r->method == HTTP_HEAD)
		buf_reset(&r->out);
	size_t n = r->out.n;
	if (r->static_body && r->method != HTTP_HEAD && r->status == 200)
		resp = MHD_create_response_from_buffer(n = r->static_len, (void *)r->static_body,
		                                       MHD_RESPMEM_PERSISTENT);
	else {
		char *body = buf_steal(&r->out);
		resp       = MHD_create_response_from_buffer_with_free_callback(n, body, free_body);
	}
	if (!resp)
		return MHD_NO;
	if (r->ctype)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->ctype);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, r->cache ? r->cache : "no-store");
	MHD_add_response_header(resp, "Content-Security-Policy", csp);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(resp, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
	if (r->tls)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
	for (int i = 0; i < r->nhdr; i++)
		MHD_add_response_header(resp, r->hdr[i].name, r->hdr[i].value);
	r->out.n             = n; /* for the access log */
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* Runs the request with its JSON in the thread's arena (base/jalloc.h):
 * every JSON value of the request is made and dropped inside this call. */
static enum MHD_Result handle(struct MHD_Connection *c, struct req *r)
{
	jalloc_begin();
	web_dispatch(r);
	enum MHD_Result ret = respond(c, r);
	json_decref(r->json);
	r->json = NULL;
	jalloc_end();
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
	(void)cls, (void)version;
	struct req *r = *con_cls;
	if (!r) {
		*con_cls = r = request_new(c, url, method);
		/* Refuse an announced oversized body before reading it. */
		const char *cl  = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		size_t      max = r->route ? r->route->max_body : 0;
		if (cl && r->route && strtoull(cl, NULL, 10) > max) {
			r->body_too_large = true;
			return handle(c, r);
		}
		return MHD_YES;
	}
	if (*upload_size) {
		size_t max = r->route ? r->route->max_body : 0;
		if (!r->body_too_large && r->body.n + *upload_size <= max)
			buf_add(&r->body, upload, *upload_size);
		else {
			r->body_too_large = true;
			buf_free(&r->body);
		}
		*upload_size = 0;
		return MHD_YES;
	}
	return handle(c, r);
}

static void access_log(const struct req *r, uint64_t ns)
{
	struct buf b = {0};
	char       ts[32];
	time_t     t = (time_t)r->now;
	struct tm  tm;
	gmtime_r(&t, &tm);
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_printf(&b, "{\"ts\":\"%s\",\"method\":\"%s\",\"path\":", ts, http_method_name(r->method));
	buf_add_json_str(&b, r->path, strlen(r->path));
	buf_printf(&b, ",\"route\":\"%s\",\"status\":%d,\"bytes\":%zu,\"us\":%llu,\"addr\":",
	           r->route ? r->route->name : "-", r->status, r->out.n, (unsigned long long)(ns / 1000));
	buf_add_json_str(&b, r->addr, strlen(r->addr));
	if (r->who.user_id)
		buf_printf(&b, ",\"user\":%lld", (long long)r->who.user_id);
	buf_adds(&b, "}\n");
	ssize_t w = write(STDERR_FILENO, b.p, b.n);
	(void)w;
	buf_free(&b);
}

static void request_done(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	(void)cls, (void)c, (void)toe;
	struct req *r = *con_cls;
	if (!r)
		return;
	uint64_t ns = now_ns() - r->t0_ns;
	metrics_observe(r->route_index, r->status, ns);
	if (cfg->access_log)
		access_log(r, ns);
	json_decref(r->json);
	buf_free(&r->body);
	buf_free(&r->out);
	arena_free(&r->a);
	free(r);
	*con_cls = NULL;
	metrics_inflight(-1);
}

static bool parse_listen(const char *s, struct sockaddr_in *sa)
{
	char        host[64];
	const char *colon = strrchr(s, ':');
	if (!colon || (size_t)(colon - s) >= sizeof host)
		return false;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	char *end;
	long  port = strtol(colon + 1, &end, 10);
	if (*end || port < 1 || port > 65535)
		return false;
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_port   = htons((uint16_t)port);
	return inet_pton(AF_INET, host[0] ? host : "0.0.0.0", &sa->sin_addr) == 1;
}

int server_run(const struct server_config *config)
{
	cfg = config;
	struct sockaddr_in sa;
	if (!parse_listen(cfg->listen, &sa)) {
		fprintf(stderr, "openbav: --listen must be ADDRESS:PORT (IPv4), not '%s'\n", cfg->listen);
		return 2;
	}
	db_thread_url(cfg->db_url);
	struct db *db = db_thread();
	if (!db)
		return 1;
	char err[512];
	if (db_schema_version(db) < 1) {
		fprintf(stderr, "openbav: the database has no schema; run `openbav migrate` first\n");
		return 1;
	}
	if (!db_check_statements(db, err, sizeof err)) {
		fprintf(stderr, "openbav: %s; run `openbav migrate` (or recreate a database made by a "
		                "development build)\n", err);
		return 1;
	}
	i18n_init();
	metrics_init(web_routes, web_routes_count);

	/* Signals are taken by this thread only (sigwait below). */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	unsigned threads = cfg->threads;
	if (!threads) {
		/* Two per core: a worker waits on the database (a lock, a round
		 * trip), and the other one keeps the core busy meanwhile.
		 * Measured by bench/run.sh: 2 workers on 2 cores gave 30 % of
		 * nginx's rate, 4 gave 35 %. */
		long n  = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n < 2 ? 4 : 2 * (unsigned)(n > 128 ? 128 : n);
	}
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_TURBO |
			MHD_USE_ERROR_LOG,
		0, NULL, NULL, on_request, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVER_CONN_MEMORY,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVER_CONN_TIMEOUT,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVER_CONN_LIMIT,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->per_ip_limit ? cfg->per_ip_limit : (unsigned)SERVER_PER_IP_DEFAULT,
		MHD_OPTION_UNESCAPE_CALLBACK, no_unescape, NULL,
		MHD_OPTION_NOTIFY_COMPLETED, request_done, NULL,
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "openbav: cannot listen on %s\n", cfg->listen);
		return 1;
	}
	fprintf(stderr, "{\"msg\":\"listening\",\"listen\":\"%s\",\"threads\":%u}\n", cfg->listen, threads);

	int sig = 0;
	sigwait(&set, &sig);
	fprintf(stderr, "{\"msg\":\"shutting down\",\"signal\":%d,\"in_flight\":%ld}\n", sig,
	        metrics_inflight_now());
	/* Stop accepting, let in-flight requests finish, then stop. */
	MHD_socket ls = MHD_quiesce_daemon(d);
	for (int i = 0; i < SERVER_SHUTDOWN_GRACE * 100 && metrics_inflight_now() > 0; i++)
		usleep(10000);
	MHD_stop_daemon(d);
	if (ls != MHD_INVALID_SOCKET)
		close(ls);
	fprintf(stderr, "{\"msg\":\"stopped\"}\n");
	return 0;
}
