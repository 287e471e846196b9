/*
 * test_router.c — path matching and the parameter allow-list of
 * src/http/router.c: nothing undeclared or ill-typed gets through, and the
 * error names the field.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "http/http.h"

static void h(struct req *r) { (void)r; }

static const char *const colours[] = {"red", "green", NULL};
static const struct param p_q[] = {
	{"q", PT_STRING, PF_QUERY, 0, 10, NULL},
	{"n", PT_INT, PF_QUERY, 1, 500, NULL},
	{NULL, 0, 0, 0, 0, NULL}};
static const struct param p_body[] = {
	{"name", PT_STRING, PF_BODY | PF_REQUIRED, 1, 20, NULL},
	{"day", PT_DATE, PF_BODY | PF_NULLABLE, 0, 0, NULL},
	{"colour", PT_ENUM, PF_BODY, 0, 0, colours},
	{"ok", PT_BOOL, PF_BODY, 0, 0, NULL},
	{"mail", PT_EMAIL, PF_BODY, 0, 254, NULL},
	{NULL, 0, 0, 0, 0, NULL}};

static const struct route routes[] = {
	{HTTP_GET, "/", ACT_PUBLIC, 0, 0, p_q, h, "root"},
	{HTTP_GET, "/a/{eid}/b/{id}", ACT_PUBLIC, 0, 0, p_q, h, "ab"},
	{HTTP_POST, "/a/{eid}/b", ACT_PUBLIC, RF_JSON, 100, p_body, h, "post"},
	{HTTP_GET, "/static/{hash}/{file}", ACT_PUBLIC, 0, 0, p_q, h, "static"},
};
enum { NROUTES = sizeof routes / sizeof *routes };

static struct req req;

static int match(enum http_method m, const char *path)
{
	arena_free(&req.a);
	memset(&req, 0, sizeof req);
	req.method = m;
	req.path   = path;
	return http_route_match(routes, NROUTES, &req);
}

static void test_match(void **state)
{
	assert_int_equal(match(HTTP_GET, "/"), 0);
	assert_int_equal(match(HTTP_GET, "/a/12/b/7"), 1);
	assert_int_equal(req.nids, 2);
	assert_int_equal(req.ids[0], 12);
	assert_int_equal(req.ids[1], 7);
	assert_int_equal(match(HTTP_HEAD, "/a/12/b/7"), 1);   /* HEAD runs GET */
	assert_int_equal(match(HTTP_POST, "/a/12/b/7"), -2);  /* path known, method not */
	assert_int_equal(match(HTTP_POST, "/a/12/b"), 2);
	assert_int_equal(match(HTTP_GET, "/a/012/b/7"), -1);  /* no leading zeros */
	assert_int_equal(match(HTTP_GET, "/a/0/b/7"), -1);
	assert_int_equal(match(HTTP_GET, "/a/x/b/7"), -1);
	assert_int_equal(match(HTTP_GET, "/a/1234567890123456789/b/7"), -1); /* > 18 digits */
	assert_int_equal(match(HTTP_GET, "/a/12/b/7/"), -1);
	assert_int_equal(match(HTTP_GET, "/a/12//b/7"), -1);
	assert_int_equal(match(HTTP_GET, "//"), -1);
	assert_int_equal(match(HTTP_GET, "/static/abc/app.css"), 3);
	assert_string_equal(req.pv[0], "abc");
	assert_string_equal(req.pv[1], "app.css");
	assert_int_equal(match(HTTP_GET, "/static/abc/..%2Fx"), -1);
	assert_int_equal(match(HTTP_GET, "/static/abc/.."), -1);
	assert_int_equal(match(HTTP_GET, "/nope"), -1);
}

static bool params(int route, const char *query, const char *body, bool json, struct param_error *pe)
{
	arena_free(&req.a);
	memset(&req, 0, sizeof req);
	req.route = &routes[route];
	req.query = query;
	if (body)
		buf_adds(&req.body, body);
	req.body_json = json;
	bool ok       = http_params(&req, pe);
	buf_free(&req.body);
	return ok;
}

static void test_query(void **state)
{
	struct param_error pe;
	assert_true(params(0, "q=abc&n=5", NULL, false, &pe));
	assert_string_equal(req_arg(&req, "q"), "abc");
	assert_string_equal(req_arg(&req, "n"), "5");
	assert_true(params(0, "q=%C3%A4+b", NULL, false, &pe));
	assert_string_equal(req_arg(&req, "q"), "\xC3\xA4 b");

	assert_false(params(0, "x=1", NULL, false, &pe));
	assert_string_equal(pe.field, "x");
	assert_string_equal(pe.key, "err.param.unknown");
	assert_false(params(0, "n=abc", NULL, false, &pe));
	assert_string_equal(pe.field, "n");
	assert_string_equal(pe.key, "err.param.int");
	assert_false(params(0, "n=501", NULL, false, &pe));
	assert_string_equal(pe.key, "err.param.range");
	assert_int_equal(pe.max, 500);
	assert_false(params(0, "q=01234567890", NULL, false, &pe));
	assert_string_equal(pe.key, "err.param.length");
	assert_false(params(0, "q=a&q=b", NULL, false, &pe));
	assert_string_equal(pe.key, "err.param.twice");
	assert_false(params(0, "q=%zz", NULL, false, &pe));
	assert_string_equal(pe.key, "err.param.encoding");
	assert_false(params(0, "q=%C3", NULL, false, &pe));
	assert_false(params(0, "q=%01", NULL, false, &pe));
	/* a query parameter is not a body parameter */
	assert_false(params(2, "name=x", NULL, false, &pe));
	assert_string_equal(pe.key, "err.param.unknown");
}

static void test_form_and_json(void **state)
{
	struct param_error pe;
	assert_true(params(2, NULL, "name=Max&day=2024-02-29&colour=red&ok=true&mail=a%40b.de&_csrf=t", false, &pe));
	assert_string_equal(req_arg(&req, "day"), "2024-02-29");
	assert_string_equal(req.form_csrf, "t");
	assert_false(params(2, NULL, "day=2024-02-29", false, &pe));
	assert_string_equal(pe.field, "name");
	assert_string_equal(pe.key, "err.param.required");
	assert_false(params(2, NULL, "name=M&day=2023-02-29", false, &pe));
	assert_string_equal(pe.field, "day");
	assert_false(params(2, NULL, "name=M&colour=blue", false, &pe));
	assert_string_equal(pe.key, "err.param.enum");
	assert_false(params(2, NULL, "name=M&ok=yes", false, &pe));
	assert_false(params(2, NULL, "name=M&mail=nobody", false, &pe));
	assert_string_equal(pe.key, "err.param.email");

	assert_true(params(2, NULL, "{\"name\":\"Max\",\"day\":null,\"ok\":true}", true, &pe));
	assert_string_equal(req_arg(&req, "day"), "");
	assert_string_equal(req_arg(&req, "ok"), "true");
	json_decref(req.json);
	assert_false(params(2, NULL, "{\"name\":null}", true, &pe)); /* not nullable */
	assert_string_equal(pe.field, "name");
	json_decref(req.json);
	assert_false(params(2, NULL, "{\"name\":\"a\",\"extra\":1}", true, &pe));
	assert_string_equal(pe.field, "extra");
	json_decref(req.json);
	assert_false(params(2, NULL, "{\"name\":[1]}", true, &pe));
	assert_string_equal(pe.key, "err.param.type");
	json_decref(req.json);
	assert_false(params(2, NULL, "{\"name\":\"a\",\"name\":\"b\"}", true, &pe));
	assert_string_equal(pe.key, "err.param.json");
	json_decref(req.json);
	assert_false(params(2, NULL, "[1,2]", true, &pe));
	json_decref(req.json);
	assert_false(params(2, NULL, "{\"name\":\"a\\u0000b\"}", true, &pe));
	json_decref(req.json);
	req.json = NULL;
	arena_free(&req.a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_query),
		cmocka_unit_test(test_form_and_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
