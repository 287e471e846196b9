/*
 * test_shutdown.c — graceful shutdown: a request in flight when SIGTERM
 * arrives is answered completely, then the server exits 0 with a clean
 * sanitizer log.  Two cases, each on its own server instance:
 *   1. the request is complete and its handler busy (a sign-in: Argon2id);
 *   2. the request's body is still arriving when SIGTERM comes.
 * A raw socket is used so the test controls exactly when each byte is sent.
 */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static int connect_srv(void)
{
	int                s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)srv.port)};
	a.sin_addr.s_addr    = htonl(INADDR_LOOPBACK);
	assert_true(s >= 0);
	assert_int_equal(connect(s, (struct sockaddr *)&a, sizeof a), 0);
	struct timeval tv = {20, 0};
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	return s;
}

static void send_all(int s, const char *p, size_t n)
{
	while (n) {
		ssize_t w = send(s, p, n, MSG_NOSIGNAL);
		assert_true(w > 0);
		p += w, n -= (size_t)w;
	}
}

/* Reads until the peer closes; returns the malloc'd bytes. */
static char *recv_all(int s, size_t *len)
{
	char  *buf = NULL;
	size_t n = 0;
	for (;;) {
		char    tmp[4096];
		ssize_t r = recv(s, tmp, sizeof tmp, 0);
		if (r <= 0)
			break;
		buf = realloc(buf, n + (size_t)r + 1);
		memcpy(buf + n, tmp, (size_t)r);
		n += (size_t)r;
	}
	if (!buf)
		buf = calloc(1, 1);
	buf[n] = '\0';
	*len   = n;
	return buf;
}

/* A sign-in request (headers and body) for hr@muster.test, with the login
 * form's CSRF pair fetched first. */
static void login_request(char **head, char **body)
{
	struct client *c   = client_new();
	struct resp    f   = get(c, "/login");
	char          *pre = html_input_value(f.body, "_csrf");
	assert_non_null(pre);
	resp_free(&f);
	*body = xasprintf("_csrf=%s&email=hr%%40muster.test&password=openbav-demo", pre);
	*head = xasprintf("POST /login HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nCookie: obpre=%s\r\n"
	                  "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %zu\r\n"
	                  "Connection: close\r\n\r\n",
	                  srv.port, pre, strlen(*body));
	free(pre);
	client_free(c);
}

/* The answer is a complete, successful sign-in. */
static void check_complete(const char *resp, size_t len)
{
	if (strncmp(resp, "HTTP/1.1 303", 12))
		fprintf(stderr, "in-flight answer: %.300s\n", resp);
	assert_true(len > 12);
	assert_memory_equal(resp, "HTTP/1.1 303", 12);
	assert_non_null(strstr(resp, "\r\nLocation: /\r\n"));
	assert_non_null(strstr(resp, "obsid="));
	const char *end = strstr(resp, "\r\n\r\n");
	assert_non_null(end);
	const char *cl = strstr(resp, "Content-Length: ");
	if (cl && cl < end)
		assert_int_equal(strtoul(cl + 16, NULL, 10), len - (size_t)(end + 4 - resp));
}

static void stop_and_check(bool in_flight)
{
	int rc = srv_stop();
	if (rc != 0)
		fprintf(stderr, "server exit status %d (log %s)\n", rc, srv.errlog);
	assert_int_equal(rc, 0);
	/* the server said it waited for the request */
	FILE *f = fopen(srv.errlog, "r");
	assert_non_null(f);
	char line[512];
	bool stopping = false, stopped = false;
	while (fgets(line, sizeof line, f)) {
		if (strstr(line, "shutting down")) {
			stopping     = true;
			const char *k = strstr(line, "\"in_flight\":");
			/* the request really was in flight when the signal came */
			if (in_flight) {
				assert_non_null(k);
				assert_true(strtol(k + 12, NULL, 10) >= 1);
			}
		}
		if (strstr(line, "\"stopped\""))
			stopped = true;
	}
	fclose(f);
	assert_true(stopping && stopped);
}

static void test_sigterm_during_handler(void **state)
{
	char *head, *body;
	login_request(&head, &body);
	int s = connect_srv();
	send_all(s, head, strlen(head));
	send_all(s, body, strlen(body));
	sleep_ms(20); /* the handler is hashing the password now (Argon2id, ≥ 100 ms under ASan) */
	assert_int_equal(kill(srv.pid, SIGTERM), 0);
	size_t len;
	char  *resp = recv_all(s, &len);
	close(s);
	check_complete(resp, len);
	free(resp), free(head), free(body);
	stop_and_check(true);
}

static void test_sigterm_during_upload(void **state)
{
	assert_int_equal(srv_start(), 0);
	char *head, *body;
	login_request(&head, &body);
	int s = connect_srv();
	send_all(s, head, strlen(head));
	size_t n = strlen(body);
	send_all(s, body, n - 5); /* the request has begun, its body is incomplete */
	sleep_ms(300);
	assert_int_equal(kill(srv.pid, SIGTERM), 0);
	sleep_ms(300);
	/* still running: it waits for us */
	assert_int_equal(kill(srv.pid, 0), 0);
	send_all(s, body + n - 5, 5);
	size_t len;
	char  *resp = recv_all(s, &len);
	close(s);
	check_complete(resp, len);
	free(resp), free(head), free(body);
	stop_and_check(true);
}

static void test_idle_shutdown(void **state)
{
	/* no request in flight: SIGTERM stops it at once, exit 0 */
	assert_int_equal(srv_start(), 0);
	struct client *c = login_ok("anna.berger@muster.test");
	client_free(c);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	stop_and_check(false);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (secs >= 3)
		fprintf(stderr, "idle shutdown took %.1f s\n", secs);
	assert_true(secs < 3);
	/* teardown: nothing left to stop; start one more so it has a server to check */
	assert_int_equal(srv_start(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sigterm_during_handler),
		cmocka_unit_test(test_sigterm_during_upload),
		cmocka_unit_test(test_idle_shutdown),
	};
	return cmocka_run_group_tests_name("http_shutdown", tests, srv_setup, srv_teardown);
}
