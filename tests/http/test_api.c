/*
 * test_api.c — the JSON API /api/v1: me, employers, the employee list with
 * filter and cursor pagination, create, read, patch, validation (400 with
 * the field named), 409, 422, tenant isolation, the employee's own record,
 * bearer tokens (valid, invalid, revoked) and CSRF on session requests.
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

static struct client *op, *admin, *beispiel, *anna;
static char          *token; /* admin@muster.test */

static json_t *api(struct client *c, const char *method, const char *path, const char *json, long expect)
{
	struct resp r = send_json(c, method, path, json);
	if (r.status != expect)
		fprintf(stderr, "%s %s %s → %ld %s (expected %ld)\n", method, path, json ? json : "", r.status, r.body,
		        expect);
	assert_int_equal(r.status, expect);
	json_t *j = resp_json(&r);
	if (!j)
		fprintf(stderr, "%s %s: body is not JSON: %s\n", method, path, r.body);
	assert_non_null(j);
	char *ct = resp_header(&r, "Content-Type");
	assert_non_null(ct);
	assert_non_null(strstr(ct, "application/json"));
	free(ct);
	resp_free(&r);
	return j;
}

/* A 4xx answer: the error object, its code, a human message (not a catalogue key), the field. */
static void expect_error(struct client *c, const char *method, const char *path, const char *json, long status,
                         const char *code, const char *field)
{
	json_t     *j   = api(c, method, path, json, status);
	json_t     *err = json_object_get(j, "error");
	const char *msg = json_string_value(json_object_get(err, "message"));
	assert_non_null(err);
	assert_string_equal(err_code(j), code);
	if (field)
		assert_string_equal(err_field(j), field);
	assert_non_null(msg);
	assert_true(msg[0] != '\0');
	json_decref(j);
}

/* The message is text for people, not the key of a missing catalogue entry. */
static bool message_is_text(struct client *c, const char *method, const char *path, const char *json, long status)
{
	json_t     *j   = api(c, method, path, json, status);
	const char *msg = json_string_value(json_object_get(json_object_get(j, "error"), "message"));
	bool        ok  = msg && msg[0] && strncmp(msg, "err.", 4) && strncmp(msg, "http.", 5) && strchr(msg, ' ');
	if (!ok)
		fprintf(stderr, "%s %s → %ld: error message is not text: \"%s\"\n", method, path, status, msg ? msg : "(null)");
	json_decref(j);
	return ok;
}

static int setup(void **state)
{
	if (srv_setup(state))
		return -1;
	return 0;
}

static void test_login_all(void **state)
{
	op       = login_ok("operator@openbav.test");
	admin    = login_ok("admin@muster.test");
	beispiel = login_ok("admin@beispiel.test");
	anna     = login_ok("anna.berger@muster.test");
	token    = token_create("admin@muster.test");
	assert_non_null(token);
	assert_true(strlen(token) >= 20);
	assert_null(strchr(token, ' '));
}

static void test_me(void **state)
{
	json_t *j = api(admin, "GET", "/api/v1/me", NULL, 200);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "user"), "email")), "admin@muster.test");
	json_t *ms = json_object_get(j, "memberships");
	assert_int_equal(json_array_size(ms), 1);
	json_t *m = json_array_get(ms, 0);
	assert_int_equal(json_integer_value(json_object_get(m, "employer_id")), 1);
	assert_string_equal(json_string_value(json_object_get(m, "employer_name")), "Muster GmbH");
	assert_string_equal(json_string_value(json_object_get(m, "role")), "employer_admin");
	assert_true(json_is_null(json_object_get(j, "operator_role")));
	json_decref(j);

	j = api(op, "GET", "/api/v1/me", NULL, 200);
	assert_string_equal(json_string_value(json_object_get(j, "operator_role")), "admin");
	json_decref(j);

	j = api(anna, "GET", "/api/v1/me", NULL, 200);
	m = json_array_get(json_object_get(j, "memberships"), 0);
	assert_string_equal(json_string_value(json_object_get(m, "role")), "employee");
	json_decref(j);
}

static void test_employers(void **state)
{
	json_t *j     = api(op, "GET", "/api/v1/employers", NULL, 200);
	json_t *items = json_object_get(j, "items");
	assert_int_equal(json_array_size(items), 2);
	int    seen = 0;
	size_t i;
	json_t *e;
	json_array_foreach(items, i, e)
	{
		const char *name = json_string_value(json_object_get(e, "name"));
		json_int_t  hc   = json_integer_value(json_object_get(e, "headcount"));
		if (!strcmp(name, "Muster GmbH"))
			seen |= 1, assert_int_equal(hc, 44);
		if (!strcmp(name, "Beispiel AG"))
			seen |= 2, assert_int_equal(hc, 41);
	}
	assert_int_equal(seen, 3);
	assert_true(json_is_null(json_object_get(j, "next_cursor")));
	json_decref(j);

	j     = api(admin, "GET", "/api/v1/employers", NULL, 200);
	items = json_object_get(j, "items");
	assert_int_equal(json_array_size(items), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 0), "id")), 1);
	json_decref(j);

	j     = api(beispiel, "GET", "/api/v1/employers", NULL, 200);
	items = json_object_get(j, "items");
	assert_int_equal(json_array_size(items), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "name")), "Beispiel AG");
	json_decref(j);
}

static void test_list_pagination(void **state)
{
	int64_t ids[200];
	size_t  n      = 0;
	char   *cursor = NULL;
	int     pages  = 0;
	do {
		char *path = cursor ? xasprintf("/api/v1/employers/1/employees?limit=10&cursor=%s", cursor)
		                    : xasprintf("/api/v1/employers/1/employees?limit=10");
		json_t *j     = api(admin, "GET", path, NULL, 200);
		json_t *items = json_object_get(j, "items");
		assert_true(json_array_size(items) <= 10);
		size_t  i;
		json_t *e;
		json_array_foreach(items, i, e)
		{
			int64_t id = json_integer_value(json_object_get(e, "id"));
			assert_int_equal(json_integer_value(json_object_get(e, "employer_id")), 1);
			for (size_t k = 0; k < n; k++)
				assert_true(ids[k] != id); /* no duplicates across pages */
			assert_true(n < 200);
			ids[n++] = id;
			/* every documented field is there */
			const char *fields[] = {"id", "employer_id", "personnel_number", "last_name", "first_name",
			                        "birth_date", "entry_date", "exit_date", "email", "iban", "svnr",
			                        "steuer_id", "tax_class", "monthly_gross_cents", "portal_access"};
			for (size_t f = 0; f < sizeof fields / sizeof *fields; f++)
				assert_non_null(json_object_get(e, fields[f]));
		}
		free(cursor);
		json_t *nc = json_object_get(j, "next_cursor");
		cursor     = json_is_string(nc) ? strdup(json_string_value(nc))
		             : json_is_integer(nc) ? xasprintf("%lld", (long long)json_integer_value(nc))
		                                   : NULL;
		if (cursor)
			assert_int_equal(json_array_size(items), 10);
		json_decref(j);
		free(path);
		assert_true(++pages <= 10);
	} while (cursor);
	assert_int_equal(n, 44);
	assert_int_equal(pages, 5);

	/* the default page holds them all; ?limit=500 is allowed */
	json_t *j = api(admin, "GET", "/api/v1/employers/1/employees?limit=500", NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 44);
	assert_true(json_is_null(json_object_get(j, "next_cursor")));
	json_decref(j);
}

static void test_list_filter(void **state)
{
	json_t *j     = api(admin, "GET", "/api/v1/employers/1/employees?q=Berger", NULL, 200);
	json_t *items = json_object_get(j, "items");
	assert_true(json_array_size(items) >= 1);
	size_t  i;
	json_t *e;
	bool    anna_seen = false;
	json_array_foreach(items, i, e)
	{
		const char *ln = json_string_value(json_object_get(e, "last_name"));
		const char *fn = json_string_value(json_object_get(e, "first_name"));
		const char *em = json_string_value(json_object_get(e, "email"));
		assert_true(strstr(ln, "Berger") || (fn && strstr(fn, "Berger")) || (em && strstr(em, "berger")));
		if (!strcmp(json_string_value(json_object_get(e, "personnel_number")), "M00001"))
			anna_seen = true;
	}
	assert_true(anna_seen);
	json_decref(j);
	j = api(admin, "GET", "/api/v1/employers/1/employees?q=Zzzyxnichtda", NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
	json_decref(j);
	/* the filter never crosses tenants: Muster names do not appear at Beispiel */
	j = api(op, "GET", "/api/v1/employers/2/employees?q=M00001", NULL, 200);
	json_array_foreach(json_object_get(j, "items"), i, e)
		assert_int_equal(json_integer_value(json_object_get(e, "employer_id")), 2);
	json_decref(j);
}

static const char new_emp[] =
	"{\"personnel_number\":\"T9001\",\"last_name\":\"Testfrau\",\"first_name\":\"Tina\","
	"\"birth_date\":\"1990-01-15\",\"entry_date\":\"2020-04-01\",\"email\":\"tina@muster.test\","
	"\"tax_class\":1,\"monthly_gross_cents\":412345}";

static void test_create_get_patch(void **state)
{
	struct resp r = send_json(admin, "POST", "/api/v1/employers/1/employees", new_emp);
	if (r.status != 201)
		fprintf(stderr, "create: %ld %s\n", r.status, r.body);
	assert_int_equal(r.status, 201);
	char *loc = resp_header(&r, "Location");
	assert_non_null(loc);
	json_t *j  = resp_json(&r);
	int64_t id = json_integer_value(json_object_get(j, "id"));
	assert_true(id > 0);
	char *expect_loc = xasprintf("/api/v1/employers/1/employees/%lld", (long long)id);
	assert_string_equal(loc, expect_loc);
	json_decref(j);
	resp_free(&r);

	j = api(admin, "GET", loc, NULL, 200);
	assert_string_equal(json_string_value(json_object_get(j, "personnel_number")), "T9001");
	assert_string_equal(json_string_value(json_object_get(j, "last_name")), "Testfrau");
	assert_string_equal(json_string_value(json_object_get(j, "birth_date")), "1990-01-15");
	assert_string_equal(json_string_value(json_object_get(j, "entry_date")), "2020-04-01");
	assert_true(json_is_null(json_object_get(j, "exit_date")));
	assert_int_equal(json_integer_value(json_object_get(j, "tax_class")), 1);
	assert_int_equal(json_integer_value(json_object_get(j, "monthly_gross_cents")), 412345);
	assert_int_equal(json_integer_value(json_object_get(j, "employer_id")), 1);
	json_decref(j);

	/* it counts now, and is listed */
	j = api(admin, "GET", "/api/v1/employers/1/employees?q=Testfrau", NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	json_decref(j);

	/* patch two fields; the others stay */
	j = api(admin, "PATCH", loc, "{\"last_name\":\"Testfrau-Neu\",\"monthly_gross_cents\":500001}", 200);
	assert_string_equal(json_string_value(json_object_get(j, "last_name")), "Testfrau-Neu");
	assert_int_equal(json_integer_value(json_object_get(j, "monthly_gross_cents")), 500001);
	assert_string_equal(json_string_value(json_object_get(j, "first_name")), "Tina");
	json_decref(j);
	j = api(admin, "GET", loc, NULL, 200);
	assert_string_equal(json_string_value(json_object_get(j, "last_name")), "Testfrau-Neu");
	assert_int_equal(json_integer_value(json_object_get(j, "monthly_gross_cents")), 500001);
	assert_string_equal(json_string_value(json_object_get(j, "personnel_number")), "T9001");
	json_decref(j);
	/* an exit date, then cleared with null */
	j = api(admin, "PATCH", loc, "{\"exit_date\":\"2025-12-31\"}", 200);
	assert_string_equal(json_string_value(json_object_get(j, "exit_date")), "2025-12-31");
	json_decref(j);
	j = api(admin, "PATCH", loc, "{\"exit_date\":null}", 200);
	assert_true(json_is_null(json_object_get(j, "exit_date")));
	json_decref(j);

	/* Beispiel's admin cannot see or change it: 404, and it stays unchanged */
	expect_error(beispiel, "GET", loc, NULL, 404, "not_found", NULL);
	expect_error(beispiel, "PATCH", loc, "{\"last_name\":\"Hacked\"}", 404, "not_found", NULL);
	j = api(admin, "GET", loc, NULL, 200);
	assert_string_equal(json_string_value(json_object_get(j, "last_name")), "Testfrau-Neu");
	json_decref(j);
	/* nor through its own employer id */
	char *other = xasprintf("/api/v1/employers/2/employees/%lld", (long long)id);
	expect_error(beispiel, "GET", other, NULL, 404, "not_found", NULL);
	expect_error(op, "GET", other, NULL, 404, "not_found", NULL);
	free(other);
	free(expect_loc);
	free(loc);
}

static void test_validation(void **state)
{
	const char *list = "/api/v1/employers/1/employees";
	expect_error(admin, "GET", "/api/v1/employers/1/employees?limit=abc", NULL, 400, "invalid_input", "limit");
	expect_error(admin, "GET", "/api/v1/employers/1/employees?limit=501", NULL, 400, "invalid_input", "limit");
	expect_error(admin, "GET", "/api/v1/employers/1/employees?limit=0", NULL, 400, "invalid_input", "limit");
	expect_error(admin, "GET", "/api/v1/employers/1/employees?cursor=x", NULL, 400, "invalid_input", "cursor");
	expect_error(admin, "GET", "/api/v1/employers/1/employees?sort=name", NULL, 400, "invalid_input", "sort");
	expect_error(admin, "POST", list,
	             "{\"personnel_number\":\"T9101\",\"last_name\":\"A\",\"first_name\":\"B\",\"birth_date\":\"2023-02-29\","
	             "\"entry_date\":\"2024-01-01\"}",
	             400, "invalid_input", "birth_date");
	expect_error(admin, "POST", list,
	             "{\"personnel_number\":\"T9102\",\"last_name\":\"A\",\"first_name\":\"B\",\"birth_date\":\"1990-01-01\","
	             "\"entry_date\":\"2024-01-01\",\"salary\":1}",
	             400, "invalid_input", "salary");
	expect_error(admin, "POST", list, "{\"personnel_number\":\"T9103\",\"tax_class\":7}", 400, "invalid_input",
	             "tax_class");
	expect_error(admin, "POST", list, "{\"personnel_number\":\"T9104\",\"email\":\"no-at-sign\"}", 400,
	             "invalid_input", "email");
	expect_error(admin, "PATCH", "/api/v1/employers/1/employees/3", "{\"iban\":\"DE00000000000000000000\"}", 400,
	             "invalid_input", "iban");
	expect_error(admin, "POST", list, "not json", 400, "invalid_input", "body");
	expect_error(admin, "POST", list, "[1,2]", 400, "invalid_input", "body");
	expect_error(admin, "POST", list, "{\"last_name\":\"a\",\"last_name\":\"b\"}", 400, "invalid_input", NULL);
	/* nothing was created by any of these */
	json_t *j = api(admin, "GET", "/api/v1/employers/1/employees?q=T91", NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
	json_decref(j);
}

static void test_conflict_and_rules(void **state)
{
	const char *list = "/api/v1/employers/1/employees";
	/* duplicate personnel number: 409, on create and on patch */
	expect_error(admin, "POST", list,
	             "{\"personnel_number\":\"M00001\",\"last_name\":\"Doppelt\",\"first_name\":\"D\","
	             "\"birth_date\":\"1990-01-01\",\"entry_date\":\"2020-01-01\"}",
	             409, "conflict", "personnel_number");
	expect_error(admin, "PATCH", "/api/v1/employers/1/employees/3", "{\"personnel_number\":\"M00001\"}", 409,
	             "conflict", "personnel_number");
	/* the same number at another employer is fine: tenants are separate */
	struct resp r = send_json(beispiel, "POST", "/api/v1/employers/2/employees",
	                          "{\"personnel_number\":\"M00001\",\"last_name\":\"Anders\",\"first_name\":\"A\","
	                          "\"birth_date\":\"1990-01-01\",\"entry_date\":\"2020-01-01\"}");
	assert_int_equal(r.status, 201);
	resp_free(&r);
	/* rule violations: 422 */
	expect_error(admin, "POST", list,
	             "{\"personnel_number\":\"T9201\",\"last_name\":\"A\",\"first_name\":\"B\",\"birth_date\":\"1990-01-01\","
	             "\"entry_date\":\"2020-01-01\",\"exit_date\":\"2019-12-31\"}",
	             422, "rule_violated", "exit_date");
	expect_error(admin, "POST", list,
	             "{\"personnel_number\":\"T9202\",\"last_name\":\"A\",\"first_name\":\"B\",\"birth_date\":\"2010-01-01\","
	             "\"entry_date\":\"2020-01-01\"}",
	             422, "rule_violated", NULL);
	expect_error(admin, "PATCH", "/api/v1/employers/1/employees/3", "{\"exit_date\":\"1990-01-01\"}", 422,
	             "rule_violated", "exit_date");
	json_t *j = api(admin, "GET", "/api/v1/employers/1/employees?q=T92", NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
	json_decref(j);
	j = api(admin, "GET", "/api/v1/employers/1/employees/3", NULL, 200);
	assert_true(json_is_null(json_object_get(j, "exit_date")));
	assert_string_equal(json_string_value(json_object_get(j, "personnel_number")), "M00002");
	json_decref(j);
	expect_error(admin, "GET", "/api/v1/employers/1/employees/999999", NULL, 404, "not_found", NULL);
	expect_error(admin, "PATCH", "/api/v1/employers/1/employees/999999", "{\"last_name\":\"X\"}", 404, "not_found",
	             NULL);
}

static void test_tenant_isolation(void **state)
{
	expect_error(beispiel, "GET", "/api/v1/employers/1/employees", NULL, 404, "not_found", NULL);
	expect_error(beispiel, "GET", "/api/v1/employers/1/employees/1", NULL, 404, "not_found", NULL);
	expect_error(beispiel, "POST", "/api/v1/employers/1/employees",
	             "{\"personnel_number\":\"X1\",\"last_name\":\"A\",\"first_name\":\"B\",\"birth_date\":\"1990-01-01\","
	             "\"entry_date\":\"2020-01-01\"}",
	             404, "not_found", NULL);
	expect_error(admin, "GET", "/api/v1/employers/2/employees", NULL, 404, "not_found", NULL);
	/* an employer that does not exist looks the same as another tenant's */
	expect_error(admin, "GET", "/api/v1/employers/99/employees", NULL, 404, "not_found", NULL);
	/* the operator reaches both */
	json_t *j = api(op, "GET", "/api/v1/employers/2/employees?limit=500", NULL, 200);
	assert_true(json_array_size(json_object_get(j, "items")) >= 41);
	json_decref(j);
}

static void test_employee_own_record(void **state)
{
	json_t *j = api(anna, "GET", "/api/v1/employers/1/employees/1", NULL, 200);
	assert_string_equal(json_string_value(json_object_get(j, "personnel_number")), "M00001");
	assert_string_equal(json_string_value(json_object_get(j, "last_name")), "Berger");
	json_decref(j);
	expect_error(anna, "GET", "/api/v1/employers/1/employees/3", NULL, 404, "not_found", NULL);
	expect_error(anna, "GET", "/api/v1/employers/1/employees", NULL, 403, "forbidden", NULL);
	expect_error(anna, "PATCH", "/api/v1/employers/1/employees/1", "{\"last_name\":\"Selbst\"}", 403, "forbidden",
	             NULL);
	expect_error(anna, "GET", "/api/v1/employers/2/employees/1", NULL, 404, "not_found", NULL);
	j = api(anna, "GET", "/api/v1/employers", NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	json_decref(j);
}

static void test_session_csrf(void **state)
{
	/* a session request without the header: 403, nothing changes */
	struct client *c    = admin;
	char           save[sizeof c->csrf];
	memcpy(save, c->csrf, sizeof save);
	c->csrf[0] = '\0';
	expect_error(c, "PATCH", "/api/v1/employers/1/employees/4", "{\"last_name\":\"Ohne\"}", 403, "forbidden", NULL);
	snprintf(c->csrf, sizeof c->csrf, "%s", "wrong-token-wrong-token-wrong-token-wrong-t");
	expect_error(c, "PATCH", "/api/v1/employers/1/employees/4", "{\"last_name\":\"Falsch\"}", 403, "forbidden",
	             NULL);
	/* another user's token does not fit this session */
	memcpy(c->csrf, beispiel->csrf, sizeof c->csrf);
	expect_error(c, "PATCH", "/api/v1/employers/1/employees/4", "{\"last_name\":\"Fremd\"}", 403, "forbidden",
	             NULL);
	memcpy(c->csrf, save, sizeof save);
	json_t *j = api(c, "GET", "/api/v1/employers/1/employees/4", NULL, 200);
	assert_string_not_equal(json_string_value(json_object_get(j, "last_name")), "Ohne");
	assert_string_not_equal(json_string_value(json_object_get(j, "last_name")), "Falsch");
	assert_string_not_equal(json_string_value(json_object_get(j, "last_name")), "Fremd");
	json_decref(j);
}

static void test_bearer_token(void **state)
{
	struct resp r = send_bearer(token, "GET", "/api/v1/me", NULL);
	assert_int_equal(r.status, 200);
	json_t *j = resp_json(&r);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "user"), "email")), "admin@muster.test");
	json_decref(j);
	resp_free(&r);
	/* unsafe methods need no CSRF token with a bearer token */
	r = send_bearer(token, "POST", "/api/v1/employers/1/employees",
	                "{\"personnel_number\":\"T9301\",\"last_name\":\"Token\",\"first_name\":\"T\","
	                "\"birth_date\":\"1985-05-05\",\"entry_date\":\"2021-01-01\"}");
	assert_int_equal(r.status, 201);
	char *loc = resp_header(&r, "Location");
	assert_non_null(loc);
	resp_free(&r);
	r = send_bearer(token, "PATCH", loc, "{\"first_name\":\"Tom\"}");
	assert_int_equal(r.status, 200);
	resp_free(&r);
	free(loc);
	/* same tenant rules */
	r = send_bearer(token, "GET", "/api/v1/employers/2/employees", NULL);
	assert_int_equal(r.status, 404);
	resp_free(&r);

	/* invalid tokens: 401 with WWW-Authenticate */
	const char *bad[] = {"obt_invalid", "", "x"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		r = send_bearer(bad[i], "GET", "/api/v1/me", NULL);
		assert_int_equal(r.status, 401);
		assert_true(resp_header_has(&r, "WWW-Authenticate", "Bearer"));
		j = resp_json(&r);
		assert_non_null(j);
		json_decref(j);
		resp_free(&r);
	}
	/* a token with its last character changed */
	char *t2 = strdup(token);
	t2[strlen(t2) - 1] = t2[strlen(t2) - 1] == 'A' ? 'B' : 'A';
	r                  = send_bearer(t2, "GET", "/api/v1/me", NULL);
	assert_int_equal(r.status, 401);
	resp_free(&r);
	free(t2);
	/* another scheme */
	struct client *c    = client_new();
	const char    *hs[] = {"Authorization: Basic YWRtaW5AbXVzdGVyLnRlc3Q6b3BlbmJhdi1kZW1v", NULL};
	r                   = req(c, "GET", "/api/v1/me", hs, NULL, 0);
	assert_int_equal(r.status, 401);
	resp_free(&r);
	client_free(c);
}

static void test_revoked_token(void **state)
{
	const char *cargs[] = {"token", "create", "--email", "hr@muster.test", "--label", "revoke-me", "--db", srv.db, NULL};
	char       *t       = run_cli(cargs);
	assert_non_null(t);
	struct resp r = send_bearer(t, "GET", "/api/v1/employers/1/employees?limit=1", NULL);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	const char *largs[] = {"token", "list", "--db", srv.db, NULL};
	char       *list    = run_cli(largs);
	assert_non_null(list);
	char *line = strstr(list, "revoke-me");
	assert_non_null(line);
	while (line > list && line[-1] != '\n')
		line--;
	char id[24];
	snprintf(id, sizeof id, "%ld", strtol(line, NULL, 10));
	assert_true(atoi(id) > 0);
	const char *rargs[] = {"token", "revoke", "--id", id, "--db", srv.db, NULL};
	char       *out     = run_cli(rargs);
	assert_non_null(out);
	free(out);
	r = send_bearer(t, "GET", "/api/v1/employers/1/employees?limit=1", NULL);
	assert_int_equal(r.status, 401);
	resp_free(&r);
	r = send_bearer(t, "GET", "/api/v1/me", NULL);
	assert_int_equal(r.status, 401);
	resp_free(&r);
	/* the other token still works */
	r = send_bearer(token, "GET", "/api/v1/me", NULL);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	free(list);
	free(t);
}

static void test_anonymous(void **state)
{
	struct client *c = client_new();
	expect_error(c, "GET", "/api/v1/me", NULL, 401, "unauthenticated", NULL);
	expect_error(c, "GET", "/api/v1/employers/1/employees", NULL, 401, "unauthenticated", NULL);
	expect_error(c, "POST", "/api/v1/employers/1/employees", "{\"personnel_number\":\"A1\"}", 401, "unauthenticated",
	             NULL);
	client_free(c);
}

static void test_error_messages_are_text(void **state)
{
	struct client *anon = client_new();
	int            bad  = 0;
	bad += !message_is_text(anon, "GET", "/api/v1/me", NULL, 401);
	bad += !message_is_text(admin, "GET", "/api/v1/employers/2/employees", NULL, 404);
	bad += !message_is_text(admin, "GET", "/api/v1/employers/1/employees?limit=abc", NULL, 400);
	bad += !message_is_text(admin, "GET", "/api/v1/employers/1/employees?bogus=1", NULL, 400);
	bad += !message_is_text(admin, "POST", "/api/v1/employers/1/employees", "{\"birth_date\":\"2023-02-29\"}", 400);
	bad += !message_is_text(admin, "PATCH", "/api/v1/employers/1/employees/3", "{\"personnel_number\":\"M00001\"}", 409);
	bad += !message_is_text(admin, "PATCH", "/api/v1/employers/1/employees/3", "{\"exit_date\":\"1990-01-01\"}", 422);
	bad += !message_is_text(anna, "GET", "/api/v1/employers/1/employees", NULL, 403);
	client_free(anon);
	assert_int_equal(bad, 0);
}

static void test_cleanup(void **state)
{
	client_free(op), client_free(admin), client_free(beispiel), client_free(anna);
	free(token);
	assert_true(srv_healthy());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login_all),
		cmocka_unit_test(test_me),
		cmocka_unit_test(test_employers),
		cmocka_unit_test(test_list_pagination),
		cmocka_unit_test(test_list_filter),
		cmocka_unit_test(test_create_get_patch),
		cmocka_unit_test(test_validation),
		cmocka_unit_test(test_conflict_and_rules),
		cmocka_unit_test(test_tenant_isolation),
		cmocka_unit_test(test_employee_own_record),
		cmocka_unit_test(test_session_csrf),
		cmocka_unit_test(test_bearer_token),
		cmocka_unit_test(test_revoked_token),
		cmocka_unit_test(test_anonymous),
		cmocka_unit_test(test_error_messages_are_text),
		cmocka_unit_test(test_cleanup),
	};
	return cmocka_run_group_tests_name("http_api", tests, setup, srv_teardown);
}
