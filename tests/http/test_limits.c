/*
 * test_limits.c — negative cases: oversized bodies (413), undeclared and
 * invalid parameters (400 with the field named), malformed percent-encoding,
 * invalid UTF-8, missing CSRF (403), wrong method (405), unknown paths (404),
 * HEAD, /metrics, and — last, because they lock out this server's only
 * client address — login throttling per account and per address (429).
 */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct client *admin, *hr;

static void test_login(void **state)
{
	admin = login_ok("admin@muster.test");
	hr    = login_ok("hr@muster.test");
}

static long status_of(struct resp r)
{
	long s = r.status;
	resp_free(&r);
	return s;
}

static void expect_field(struct resp r, long status, const char *field)
{
	if (r.status != status)
		fprintf(stderr, "got %ld %.300s (expected %ld, field %s)\n", r.status, r.body, status, field);
	assert_int_equal(r.status, status);
	json_t *j = resp_json(&r);
	assert_non_null(j);
	assert_string_equal(err_code(j), "invalid_input");
	if (strcmp(field, "q|query"))
		assert_string_equal(err_field(j), field);
	else if (strcmp(err_field(j), "q") && strcmp(err_field(j), "query"))
		fail_msg("field %s, expected q or query", err_field(j));
	json_decref(j);
	resp_free(&r);
}

static char *filled(size_t n, char ch)
{
	char *s = malloc(n + 1);
	memset(s, ch, n);
	s[n] = '\0';
	return s;
}

static void test_body_too_large(void **state)
{
	/* form routes: 16 KiB */
	char *pad  = filled(17 * 1024, 'a');
	char *body = xasprintf("current_password=%s&new_password=x&new_password2=x", pad);
	assert_int_equal(status_of(post_form(hr, "/account/password", body)), 413);
	free(body);
	/* just under the limit passes the size check (and fails later, on its merits) */
	char *small = filled(15 * 1024, 'a');
	body        = xasprintf("current_password=a&new_password=%s&new_password2=b", small);
	long st     = status_of(post_form(hr, "/account/password", body));
	assert_true(st != 413 && st != 500);
	free(body), free(small);
	/* login form too, before any credential check */
	body = xasprintf("email=a%%40b.c&password=%s", pad);
	assert_int_equal(status_of(post_form_raw(admin, "/login", body)), 413);
	free(body);
	free(pad);

	/* JSON API: 64 KiB */
	pad  = filled(65 * 1024, 'x');
	body = xasprintf("{\"last_name\":\"%s\"}", pad);
	struct resp r = send_json(admin, "PATCH", "/api/v1/employers/1/employees/3", body);
	assert_int_equal(r.status, 413);
	json_t *j = resp_json(&r);
	assert_non_null(j);
	assert_non_null(json_object_get(j, "error"));
	json_decref(j);
	resp_free(&r);
	free(body);
	/* the same without Content-Length (chunked): still 413 */
	char       *tok  = xasprintf("X-CSRF-Token: %s", admin->csrf);
	const char *hs[] = {"Content-Type: application/json", "Transfer-Encoding: chunked", tok, NULL};
	body             = xasprintf("{\"last_name\":\"%s\"}", pad);
	r                = req(admin, "PATCH", "/api/v1/employers/1/employees/3", hs, body, strlen(body));
	assert_int_equal(r.status, 413);
	resp_free(&r);
	free(body), free(pad), free(tok);
	/* 60 KiB passes the size check: the field's own limit answers (400, last_name) */
	pad = filled(60 * 1024, 'x');
	body = xasprintf("{\"last_name\":\"%s\"}", pad);
	expect_field(send_json(admin, "PATCH", "/api/v1/employers/1/employees/3", body), 400, "last_name");
	free(body), free(pad);
	/* nothing changed */
	r = send_json(admin, "GET", "/api/v1/employers/1/employees/3", NULL);
	assert_int_equal(r.status, 200);
	assert_null(strstr(r.body, "xxxxxxxxxx"));
	resp_free(&r);
}

static void test_unknown_parameter(void **state)
{
	expect_field(send_json(admin, "GET", "/api/v1/employers/1/employees?sort=name", NULL), 400, "sort");
	expect_field(send_json(admin, "GET", "/api/v1/me?debug=1", NULL), 400, "debug");
	expect_field(send_json(admin, "PATCH", "/api/v1/employers/1/employees/3", "{\"is_admin\":true}"), 400, "is_admin");
	expect_field(send_json(admin, "PATCH", "/api/v1/employers/1/employees/3", "{\"employer_id\":2}"), 400,
	             "employer_id");
	/* a query parameter the route takes in the body only */
	expect_field(send_json(admin, "GET", "/api/v1/employers/1/employees?last_name=x", NULL), 400, "last_name");
	/* pages: 400 page naming the parameter */
	struct resp r = get(hr, "/employer/1?evil=1");
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "evil"));
	resp_free(&r);
	r = post_form(hr, "/account/password", "current_password=a&new_password=b&new_password2=c&role=admin");
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "role"));
	resp_free(&r);
	/* twice the same parameter */
	r = send_json(admin, "GET", "/api/v1/employers/1/employees?limit=1&limit=2", NULL);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	/* a value beyond its length */
	char *q    = filled(101, 'a');
	char *path = xasprintf("/api/v1/employers/1/employees?q=%s", q);
	expect_field(send_json(admin, "GET", path, NULL), 400, "q");
	free(path), free(q);
}

static void test_bad_encoding(void **state)
{
	/* malformed percent-encoding */
	struct resp r = send_json(admin, "GET", "/api/v1/employers/1/employees?q=%zz", NULL);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	r = send_json(admin, "GET", "/api/v1/employers/1/employees?q=abc%4", NULL);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	assert_int_equal(status_of(post_form(hr, "/account/password",
	                                     "current_password=%G1&new_password=a&new_password2=a")),
	                 400);
	/* invalid UTF-8: in a query value, in a form value, in JSON */
	expect_field(send_json(admin, "GET", "/api/v1/employers/1/employees?q=%ff%fe", NULL), 400, "q|query");
	expect_field(send_json(admin, "GET", "/api/v1/employers/1/employees?q=%c3%28", NULL), 400, "q|query");
	expect_field(send_json(admin, "GET", "/api/v1/employers/1/employees?q=%ed%a0%80", NULL), 400, "q|query"); /* surrogate */
	expect_field(send_json(admin, "GET", "/api/v1/employers/1/employees?q=%c0%af", NULL), 400, "q|query");    /* overlong */
	r = post_form(hr, "/account/password", "current_password=%ff&new_password=aaaaaaaaaaaa&new_password2=aaaaaaaaaaaa");
	assert_int_equal(r.status, 400);
	resp_free(&r);
	r = send_json(admin, "PATCH", "/api/v1/employers/1/employees/3", "{\"last_name\":\"\xff\xfe\"}");
	assert_int_equal(r.status, 400);
	resp_free(&r);
	/* control characters and an embedded NUL */
	expect_field(send_json(admin, "GET", "/api/v1/employers/1/employees?q=a%00b", NULL), 400, "q|query");
	expect_field(send_json(admin, "GET", "/api/v1/employers/1/employees?q=a%01b", NULL), 400, "q|query");
	r = send_json(admin, "PATCH", "/api/v1/employers/1/employees/3", "{\"last_name\":\"a\\u0000b\"}");
	assert_int_equal(r.status, 400); /* refused by the JSON parser ("body") or the field check */
	resp_free(&r);
	/* valid UTF-8 passes */
	r = send_json(admin, "GET", "/api/v1/employers/1/employees?q=Kr%C3%BCger", NULL);
	assert_int_equal(r.status, 200);
	resp_free(&r);
}

static void test_missing_csrf(void **state)
{
	char save[sizeof hr->csrf];
	memcpy(save, hr->csrf, sizeof save);
	hr->csrf[0] = '\0';
	struct resp r = post_form(hr, "/account/totp/start", "");
	assert_int_equal(r.status, 403);
	resp_free(&r);
	r = send_json(hr, "PATCH", "/api/v1/employers/1/employees/3", "{\"first_name\":\"Ohne\"}");
	assert_int_equal(r.status, 403);
	json_t *j = resp_json(&r);
	assert_string_equal(err_code(j), "forbidden");
	json_decref(j);
	resp_free(&r);
	memcpy(hr->csrf, save, sizeof save);
	/* still signed in, nothing changed */
	r = send_json(hr, "GET", "/api/v1/employers/1/employees/3", NULL);
	assert_int_equal(r.status, 200);
	assert_null(strstr(r.body, "Ohne"));
	resp_free(&r);
}

static void test_wrong_method(void **state)
{
	struct client *c = client_new();
	const struct {
		const char *method, *path;
	} cases[] = {
		{"DELETE", "/api/v1/me"},
		{"PUT", "/login"},
		{"POST", "/healthz"},
		{"DELETE", "/api/v1/employers/1/employees/3"},
		{"PATCH", "/api/v1/employers/1/employees"},
		{"POST", "/employer/1"},
		{"BREW", "/"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct resp r = req(c, cases[i].method, cases[i].path, NULL, NULL, 0);
		if (r.status != 405)
			fprintf(stderr, "%s %s → %ld (expected 405)\n", cases[i].method, cases[i].path, r.status);
		assert_int_equal(r.status, 405);
		resp_free(&r);
	}
	/* signed in, too; and the employee is still there */
	struct resp r = send_json(admin, "DELETE", "/api/v1/employers/1/employees/3", NULL);
	assert_int_equal(r.status, 405);
	resp_free(&r);
	r = send_json(admin, "GET", "/api/v1/employers/1/employees/3", NULL);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	client_free(c);
}

static void test_not_found(void **state)
{
	const char *paths[] = {"/nope", "/api/v1/nope", "/employer/abc", "/employer/0", "/employer/01",
	                       "/employer/1/x", "/api/v1/employers/1/employees/-1",
	                       "/api/v1/employers/99999999999999999999/employees", "/static/../../etc/passwd",
	                       "/static/abc/..", "/static/0000/app.css", "/lang/fr", "//login", "/login/"};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		struct resp r = get(admin, paths[i]);
		if (r.status != 404)
			fprintf(stderr, "GET %s → %ld (expected 404)\n", paths[i], r.status);
		assert_int_equal(r.status, 404);
		resp_free(&r);
	}
	/* the API answers in JSON, pages in HTML */
	struct resp r = get(admin, "/api/v1/nope");
	json_t     *j = resp_json(&r);
	assert_non_null(j);
	assert_string_equal(err_code(j), "not_found");
	json_decref(j);
	resp_free(&r);
	r = get(admin, "/nope");
	assert_true(resp_header_has(&r, "Content-Type", "text/html"));
	resp_free(&r);
}

static void test_head(void **state)
{
	const char *paths[] = {"/account", "/healthz", "/employer/1", "/api/v1/me"};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		struct resp g = get(hr, paths[i]);
		struct resp h = req(hr, "HEAD", paths[i], NULL, NULL, 0);
		assert_int_equal(g.status, 200);
		assert_int_equal(h.status, 200);
		assert_int_equal(h.len, 0);
		char *ct1 = resp_header(&g, "Content-Type"), *ct2 = resp_header(&h, "Content-Type");
		assert_non_null(ct2);
		assert_string_equal(ct1, ct2);
		free(ct1), free(ct2);
		assert_true(resp_header_has(&h, "X-Frame-Options", "DENY"));
		resp_free(&g), resp_free(&h);
	}
}

static void test_metrics(void **state)
{
	struct client *c = client_new();
	struct resp    r = get(c, "/metrics");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "openbav_requests_total{route=\"healthz\",status=\"200\"}"));
	assert_non_null(strstr(r.body, "openbav_requests_total{route=\"login\",status=\"303\"}"));
	assert_non_null(strstr(r.body, "openbav_request_duration_seconds_bucket"));
	assert_non_null(strstr(r.body, "status=\"413\""));
	/* counts go up */
	const char *key = "openbav_requests_total{route=\"healthz\",status=\"200\"} ";
	long        before = strtol(strstr(r.body, key) + strlen(key), NULL, 10);
	resp_free(&r);
	for (int i = 0; i < 3; i++)
		r = get(c, "/healthz"), resp_free(&r);
	r           = get(c, "/metrics");
	long after  = strtol(strstr(r.body, key) + strlen(key), NULL, 10);
	assert_true(after >= before + 3);
	resp_free(&r);
	client_free(c);
}

static void test_throttle_account(void **state)
{
	struct client *c = client_new();
	for (int i = 0; i < 5; i++)
		assert_int_equal(login(c, "admin@muster.test", "wrong-password", NULL), 401);
	/* the sixth try: 429, even with the right password, and no session */
	struct resp f   = get(c, "/login");
	char       *pre = html_input_value(f.body, "_csrf");
	resp_free(&f);
	char       *body = xasprintf("_csrf=%s&email=admin%%40muster.test&password=openbav-demo", pre);
	struct resp r    = post_form_raw(c, "/login", body);
	assert_int_equal(r.status, 429);
	assert_true(resp_header_has(&r, "Retry-After", ""));
	assert_false(resp_header_has(&r, "Set-Cookie", "obsid="));
	resp_free(&r);
	free(body), free(pre);
	/* the account's name in other letter case is the same account */
	assert_int_equal(login(c, "Admin@Muster.TEST", DEMO_PASSWORD, NULL), 429);
	/* sessions made before are untouched */
	r = send_json(admin, "GET", "/api/v1/me", NULL);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	/* another account from the same address still signs in */
	struct client *d = login_ok("anna.berger@muster.test");
	client_free(d);
	client_free(c);
}

static void test_throttle_address(void **state)
{
	/* 5 failures so far from 127.0.0.1 (admin@muster; throttled tries are
	 * not counted).  Unknown accounts fail with 401 until the address has 20
	 * failures; the 21st try is 429. */
	struct client *c      = client_new();
	int            failed = 5, i;
	for (i = 0; i < 30; i++) {
		char email[64];
		snprintf(email, sizeof email, "nobody%d@example.test", i);
		long st = login(c, email, "wrong-password", NULL);
		if (st == 429)
			break;
		assert_int_equal(st, 401);
		failed++;
	}
	if (failed != 20)
		fprintf(stderr, "address throttle after %d failures (expected 20)\n", failed);
	assert_int_equal(failed, 20);
	/* now even a right password for an untouched account is refused */
	assert_int_equal(login(c, "jan.vogel@beispiel.test", DEMO_PASSWORD, NULL), 429);
	assert_int_equal(login(c, "makler@vermittler.test", DEMO_PASSWORD, NULL), 429);
	client_free(c);
	/* the server is still healthy, and existing sessions work */
	assert_true(srv_healthy());
	struct resp r = send_json(hr, "GET", "/api/v1/me", NULL);
	assert_int_equal(r.status, 200);
	resp_free(&r);
}

static void test_cleanup(void **state)
{
	client_free(admin), client_free(hr);
	assert_true(srv_healthy());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login),
		cmocka_unit_test(test_body_too_large),
		cmocka_unit_test(test_unknown_parameter),
		cmocka_unit_test(test_bad_encoding),
		cmocka_unit_test(test_missing_csrf),
		cmocka_unit_test(test_wrong_method),
		cmocka_unit_test(test_not_found),
		cmocka_unit_test(test_head),
		cmocka_unit_test(test_metrics),
		cmocka_unit_test(test_throttle_account),
		cmocka_unit_test(test_throttle_address),
		cmocka_unit_test(test_cleanup),
	};
	return cmocka_run_group_tests_name("http_limits", tests, srv_setup, srv_teardown);
}
