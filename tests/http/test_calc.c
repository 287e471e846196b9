/*
 * test_calc.c — the calculators over HTTP, black-box against the real server:
 * POST /api/v1/calc/{name} for every calculator with a known-good case and an
 * exact expected value (cross-checked against shared/docs/DOMAIN.md), "rule"
 * and "explanation" on every legal result, strict input (400 naming the
 * field), years outside the law tables (422), unknown calculator (404), the
 * 64 KiB body limit (413), authentication (401) and CSRF (403), the language
 * of the explanation, and the pages GET /calc, GET/POST /calc/{name} for HR
 * and for an employee.
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

static struct client *hr, *anna;
static char          *token; /* hr@muster.test */

/* The twelve calculators of app/calc_registry.c; each has a page. */
static const char *const calc_names[] = {"vesting",   "mn",     "vvl",     "method", "retirement", "abfindung",
                                         "transfer",  "limits", "subsidy", "psv",    "adjustment", "validate"};
#define NCALCS (sizeof calc_names / sizeof *calc_names)

#define MN_GOOD                                                                                                   \
	"{\"promised_cents\":30000,\"service_start\":\"1979-01-01\",\"exit_date\":\"1985-12-31\","                 \
	"\"retirement_date\":\"2014-12-31\"}"
#define VEST_GOOD                                                                                                 \
	"{\"birth_date\":\"1982-09-12\",\"service_start\":\"2004-04-01\",\"commitment_start\":\"2006-01-01\","     \
	"\"financing\":\"employer\",\"exit_date\":\"2012-09-11\"}"

/* ---- helpers -------------------------------------------------------------- */

/* POST /api/v1/calc/NAME with the bearer token (and Accept-Language when lang),
 * asserts the status and a JSON body; returns the parsed body. */
static json_t *calc_api(const char *name, const char *json, const char *lang, long expect)
{
	struct client *c    = client_new();
	char          *auth = xasprintf("Authorization: Bearer %s", token);
	char          *al   = lang ? xasprintf("Accept-Language: %s", lang) : NULL;
	const char    *hs[] = {auth, "Content-Type: application/json", "Accept: application/json", al, NULL};
	char          *path = xasprintf("/api/v1/calc/%s", name);
	struct resp    r    = req(c, "POST", path, hs, json, strlen(json));
	/* everything freed before asserting: a failed assertion does not leak */
	long    status = r.status;
	bool    is_json_ct = resp_header_has(&r, "Content-Type", "application/json");
	json_t *j      = resp_json(&r);
	if (status != expect)
		fprintf(stderr, "POST %s %s → %ld %s (expected %ld)\n", path, json, status, r.body, expect);
	else if (!j)
		fprintf(stderr, "POST %s: body is not JSON: %s\n", path, r.body);
	resp_free(&r);
	free(path), free(al), free(auth);
	client_free(c);
	if (status != expect || !json_is_object(j)) {
		json_decref(j);
		j = NULL;
	}
	assert_int_equal(status, expect);
	assert_non_null(j);
	assert_true(is_json_ct);
	return j;
}

static json_int_t jint(json_t *j, const char *key)
{
	json_t *v = json_object_get(j, key);
	if (!json_is_integer(v))
		fprintf(stderr, "\"%s\" is not an integer in the result\n", key);
	assert_true(json_is_integer(v));
	return json_integer_value(v);
}

static const char *jstr(json_t *j, const char *key)
{
	const char *s = json_string_value(json_object_get(j, key));
	if (!s)
		fprintf(stderr, "\"%s\" is not a string in the result\n", key);
	assert_non_null(s);
	return s;
}

static bool jbool(json_t *j, const char *key)
{
	json_t *v = json_object_get(j, key);
	if (!json_is_boolean(v))
		fprintf(stderr, "\"%s\" is not a boolean in the result\n", key);
	assert_true(json_is_boolean(v));
	return json_is_true(v);
}

/* "rule": a non-empty string; "explanation": a non-empty array of sentences. */
static void assert_explained(json_t *j)
{
	const char *rule = jstr(j, "rule");
	assert_true(strlen(rule) > 2);
	json_t *ex = json_object_get(j, "explanation");
	assert_true(json_is_array(ex));
	assert_true(json_array_size(ex) >= 1);
	size_t  i;
	json_t *s;
	json_array_foreach(ex, i, s)
	{
		assert_true(json_is_string(s));
		assert_true(json_string_length(s) > 10);
		/* a sentence for people, not a catalogue key or an unfilled placeholder */
		assert_null(strstr(json_string_value(s), "{1}"));
		assert_true(strchr(json_string_value(s), ' ') != NULL);
	}
}

/* All explanation sentences joined (malloc'd). */
static char *explanation_text(json_t *j)
{
	json_t *ex  = json_object_get(j, "explanation");
	char   *out = strdup("");
	size_t  i;
	json_t *s;
	json_array_foreach(ex, i, s)
	{
		char *n = xasprintf("%s%s\n", out, json_string_value(s));
		free(out);
		out = n;
	}
	return out;
}

/* A refused input: status, error code, the field named, a message. */
static void expect_bad(const char *name, const char *json, long status, const char *field)
{
	json_t     *j    = calc_api(name, json, NULL, status);
	const char *msg  = json_string_value(json_object_get(json_object_get(j, "error"), "message"));
	char       *got  = strdup(err_field(j));
	char       *code = strdup(err_code(j));
	bool        ok_msg = msg && strlen(msg) > 5;
	if (strcmp(got, field))
		fprintf(stderr, "%s %s: error field \"%s\", expected \"%s\"\n", name, json, got, field);
	json_decref(j);
	bool ok_field = !strcmp(got, field);
	bool ok_code  = !strcmp(code, status == 422 ? "rule_violated" : "invalid_input");
	if (!ok_code)
		fprintf(stderr, "%s %s: error code \"%s\"\n", name, json, code);
	free(got), free(code);
	assert_true(ok_field);
	assert_true(ok_code);
	assert_true(ok_msg);
}

/* The text between open (first occurrence) and the next close, malloc'd, or NULL. */
static char *between(const char *hay, const char *open, const char *close)
{
	const char *p = hay ? strstr(hay, open) : NULL;
	if (!p)
		return NULL;
	p += strlen(open);
	const char *q = strstr(p, close);
	return q ? strndup(p, (size_t)(q - p)) : NULL;
}

/* POST a form (with the session's _csrf) and optional extra headers. */
static struct resp post_calc_form(struct client *c, const char *name, const char *body, const char *lang)
{
	char       *al   = lang ? xasprintf("Accept-Language: %s", lang) : NULL;
	const char *hs[] = {"Content-Type: application/x-www-form-urlencoded", al, NULL};
	char       *b    = xasprintf("%s&_csrf=%s", body, c->csrf);
	char       *path = xasprintf("/calc/%s", name);
	struct resp r    = req(c, "POST", path, hs, b, strlen(b));
	free(path), free(b), free(al);
	return r;
}

/* The result page: 200, facts list containing want_fact, a non-empty explanation list. */
static void assert_result_page(struct resp *r, const char *want_fact)
{
	if (r->status != 200)
		fprintf(stderr, "result page: status %ld\n%s\n", r->status, r->body);
	assert_int_equal(r->status, 200);
	assert_true(resp_header_has(r, "Content-Type", "text/html"));
	char *facts = between(r->body, "<dl class=\"facts\">", "</dl>");
	char *expl  = between(r->body, "<ol class=\"explanation\">", "</ol>");
	if (!facts || !strstr(facts, want_fact))
		fprintf(stderr, "result page: \"%s\" not in the facts: %s\n", want_fact, facts ? facts : r->body);
	assert_non_null(facts);
	assert_non_null(strstr(facts, want_fact));
	assert_non_null(expl);
	assert_true(count_substr(expl, "<li>") >= 1);
	assert_null(strstr(r->body, "class=\"form-error\""));
	free(facts), free(expl);
}

/* ---- setup ---------------------------------------------------------------- */

static void test_login(void **state)
{
	hr    = login_ok("hr@muster.test");
	anna  = login_ok("anna.berger@muster.test");
	token = token_create("hr@muster.test");
	assert_non_null(token);
	assert_true(strlen(token) >= 20);
}

/* ---- one known-good case per calculator ------------------------------------ */

static void test_mn(void **state)
{
	/* DOMAIN.md § 2.1 seed: 300 € × 7/36 = 58,33 € */
	json_t *j = calc_api("mn", MN_GOOD, NULL, 200);
	assert_int_equal(jint(j, "entitlement_cents"), 5833);
	assert_int_equal(jint(j, "m"), 84);
	assert_int_equal(jint(j, "n"), 432);
	assert_string_equal(jstr(j, "convention"), "months");
	assert_explained(j);
	json_decref(j);
}

static void test_vesting(void **state)
{
	/* § 30f Abs. 2: age 30 completed at the end of 2012-09-11, commitment 5 years from 2011-01-01 */
	json_t *j = calc_api("vesting", VEST_GOOD, NULL, 200);
	assert_string_equal(jstr(j, "vested_on"), "2012-09-12");
	assert_true(jbool(j, "vested_at_exit"));
	assert_explained(j);
	assert_non_null(strstr(jstr(j, "rule"), "30f"));
	json_decref(j);

	/* one day earlier the employment ended before the vesting day: not vested */
	j = calc_api("vesting",
	             "{\"birth_date\":\"1982-09-12\",\"service_start\":\"2004-04-01\",\"commitment_start\":"
	             "\"2006-01-01\",\"financing\":\"employer\",\"exit_date\":\"2012-09-10\"}",
	             NULL, 200);
	assert_string_equal(jstr(j, "vested_on"), "2012-09-12");
	assert_false(jbool(j, "vested_at_exit"));
	json_decref(j);

	/* no exit date: no vested_at_exit */
	j = calc_api("vesting",
	             "{\"birth_date\":\"1982-09-12\",\"service_start\":\"2004-04-01\",\"commitment_start\":"
	             "\"2006-01-01\",\"financing\":\"employer\"}",
	             NULL, 200);
	assert_string_equal(jstr(j, "vested_on"), "2012-09-12");
	assert_null(json_object_get(j, "vested_at_exit"));
	json_decref(j);
}

static void test_limits(void **state)
{
	/* DOMAIN.md § 5.1 2024: BBG West 90.600 €, Bezugsgröße West 42.420 €;
	 * § 5.2: 4 % = 3.624 €; 1/160 × 42.420 = 265,125 → 265,13 €; § 5.3: 35,35 / 4.242 € */
	json_t *j = calc_api("limits", "{\"year\":2024}", NULL, 200);
	assert_int_equal(jint(j, "bbg_rv_west_cents"), 9060000);
	assert_int_equal(jint(j, "bezugsgroesse_west_cents"), 4242000);
	assert_int_equal(jint(j, "conversion_max_cents"), 362400);
	assert_int_equal(jint(j, "conversion_min_cents"), 26513);
	assert_int_equal(jint(j, "sv_free_max_cents"), 362400);
	assert_int_equal(jint(j, "tax_free_max_cents"), 724800); /* 8 % from 2018 */
	assert_int_equal(jint(j, "abfindung_max_pension_monthly_cents"), 3535);
	assert_int_equal(jint(j, "abfindung_max_capital_cents"), 424200);
	assert_explained(j);
	json_decref(j);

	/* 2011 (seed): 4 % of 66.000 = 2.640 €; 1/160 × 30.660 = 191,625 → 191,63 € */
	j = calc_api("limits", "{\"year\":2011}", NULL, 200);
	assert_int_equal(jint(j, "bbg_rv_west_cents"), 6600000);
	assert_int_equal(jint(j, "conversion_max_cents"), 264000);
	assert_int_equal(jint(j, "conversion_min_cents"), 19163);
	assert_int_equal(jint(j, "abfindung_max_pension_monthly_cents"), 2555);
	assert_int_equal(jint(j, "abfindung_max_capital_cents"), 306600);
	json_decref(j);
}

static void test_abfindung(void **state)
{
	/* 2024 limit for a monthly pension: 35,35 € — at the limit allowed, one cent above not */
	json_t *j = calc_api("abfindung", "{\"year\":2024,\"monthly_pension_cents\":3535}", NULL, 200);
	assert_true(jbool(j, "allowed"));
	assert_int_equal(jint(j, "threshold_cents"), 3535);
	assert_explained(j);
	json_decref(j);

	j = calc_api("abfindung", "{\"year\":2024,\"monthly_pension_cents\":3536}", NULL, 200);
	assert_false(jbool(j, "allowed"));
	assert_int_equal(jint(j, "threshold_cents"), 3535);
	assert_explained(j);
	json_decref(j);

	/* capital: 12/10 of 3.535 € = 4.242 € */
	j = calc_api("abfindung", "{\"year\":2024,\"capital_cents\":424200}", NULL, 200);
	assert_true(jbool(j, "allowed"));
	assert_int_equal(jint(j, "threshold_cents"), 424200);
	json_decref(j);

	/* the employee demanded a transfer (§ 4 Abs. 3): never without consent */
	j = calc_api("abfindung", "{\"year\":2024,\"monthly_pension_cents\":100,\"transfer_requested\":true}", NULL, 200);
	assert_false(jbool(j, "allowed"));
	json_decref(j);
}

static void test_transfer(void **state)
{
	/* demand within one year of the exit, DV, 50.000 € ≤ BBG 2023 87.600 € */
	json_t *j = calc_api("transfer",
	                     "{\"vehicle\":\"DV\",\"commitment_start\":\"2010-01-01\",\"exit_date\":\"2023-06-30\","
	                     "\"demand_date\":\"2023-09-01\",\"transfer_value_cents\":5000000}",
	                     NULL, 200);
	assert_true(jbool(j, "claim_valid"));
	assert_string_equal(jstr(j, "demand_deadline"), "2024-06-30");
	assert_int_equal(jint(j, "bbg_cents"), 8760000);
	assert_int_equal(json_array_size(json_object_get(j, "unmet")), 0);
	assert_explained(j);
	json_decref(j);

	/* a direct commitment (DZ) gives no transfer right */
	j = calc_api("transfer",
	             "{\"vehicle\":\"DZ\",\"commitment_start\":\"2010-01-01\",\"exit_date\":\"2023-06-30\","
	             "\"demand_date\":\"2023-09-01\",\"transfer_value_cents\":5000000}",
	             NULL, 200);
	assert_false(jbool(j, "claim_valid"));
	assert_string_equal(json_string_value(json_array_get(json_object_get(j, "unmet"), 0)), "vehicle");
	json_decref(j);
}

static void test_vvl(void **state)
{
	json_t *j = calc_api("vvl",
	                     "{\"vehicle\":\"DV\",\"exit_date\":\"2023-06-30\",\"irrevocable_from\":\"2015-01-01\","
	                     "\"assigned_or_pledged\":false,\"policy_loan\":false,\"premium_arrears\":false,"
	                     "\"surplus_to_benefits\":true,\"continuation_right\":true}",
	                     NULL, 200);
	assert_true(jbool(j, "vvl_applies"));
	assert_string_equal(jstr(j, "deadline"), "2023-09-30"); /* exit + 3 months */
	assert_false(jbool(j, "declaration_required"));          /* exit after 24.06.2020 */
	assert_int_equal(json_array_size(json_object_get(j, "unmet")), 0);
	assert_explained(j);
	json_decref(j);

	/* no continuation right: not applicable, the unmet condition with a message */
	j = calc_api("vvl",
	             "{\"vehicle\":\"DV\",\"exit_date\":\"2023-06-30\",\"irrevocable_from\":\"2015-01-01\","
	             "\"assigned_or_pledged\":false,\"policy_loan\":false,\"premium_arrears\":false,"
	             "\"surplus_to_benefits\":true,\"continuation_right\":false}",
	             NULL, 200);
	assert_false(jbool(j, "vvl_applies"));
	json_t *unmet = json_object_get(j, "unmet");
	assert_int_equal(json_array_size(unmet), 1);
	const char *msg = json_string_value(json_object_get(json_array_get(unmet, 0), "message"));
	assert_non_null(msg);
	assert_true(strlen(msg) > 10);
	json_decref(j);
}

static void test_validate(void **state)
{
	json_t *j = calc_api("validate", "{\"kind\":\"iban\",\"value\":\"DE89370400440532013000\"}", NULL, 200);
	assert_true(jbool(j, "valid"));
	assert_null(json_object_get(j, "message"));
	assert_true(strlen(jstr(j, "rule")) > 2);
	json_decref(j);

	j = calc_api("validate", "{\"kind\":\"iban\",\"value\":\"DE89370400440532013001\"}", NULL, 200);
	assert_false(jbool(j, "valid"));
	const char *msg = jstr(j, "message");
	assert_true(strlen(msg) > 10);
	assert_true(strchr(msg, ' ') != NULL); /* words, not a key */
	assert_true(strlen(jstr(j, "rule")) > 2);
	json_decref(j);

	/* a demo Betriebsnummer is valid */
	j = calc_api("validate", "{\"kind\":\"betriebsnummer\",\"value\":\"09912342\"}", NULL, 200);
	assert_true(jbool(j, "valid"));
	json_decref(j);
}

static void test_retirement(void **state)
{
	/* born 1964: 67 years; reached at the end of the day before the 67th birthday */
	json_t *j = calc_api("retirement", "{\"birth_date\":\"1964-05-15\"}", NULL, 200);
	json_t *rag = json_object_get(j, "regelaltersgrenze");
	assert_int_equal(jint(rag, "years"), 67);
	assert_int_equal(jint(rag, "months"), 0);
	assert_string_equal(jstr(j, "retirement_date"), "2031-05-14");
	assert_explained(j);
	json_decref(j);

	/* born 1960: 66 years and 4 months (§ 235 Abs. 2 SGB VI) */
	j   = calc_api("retirement", "{\"birth_date\":\"1960-05-15\"}", NULL, 200);
	rag = json_object_get(j, "regelaltersgrenze");
	assert_int_equal(jint(rag, "years"), 66);
	assert_int_equal(jint(rag, "months"), 4);
	assert_string_equal(jstr(j, "retirement_date"), "2026-09-14");
	json_decref(j);
}

static void test_method(void **state)
{
	/* DOMAIN.md § 2.5: a Leistungszusage via DZ is ratierlich (§ 2 Abs. 1) */
	json_t *j = calc_api("method",
	                     "{\"commitment_type\":\"LZ\",\"vehicle\":\"DZ\",\"financing\":\"employer\","
	                     "\"commitment_date\":\"2010-01-01\",\"exit_date\":\"2020-01-01\"}",
	                     NULL, 200);
	assert_string_equal(jstr(j, "method"), "ratierlich");
	assert_string_equal(jstr(j, "paragraph"), "§ 2 Abs. 1 BetrAVG");
	assert_explained(j);
	json_decref(j);

	/* BZML via DV: contributions plus returns (§ 2 Abs. 6) */
	j = calc_api("method",
	             "{\"commitment_type\":\"BZML\",\"vehicle\":\"DV\",\"financing\":\"employer\","
	             "\"commitment_date\":\"2010-01-01\",\"exit_date\":\"2020-01-01\"}",
	             NULL, 200);
	assert_string_equal(jstr(j, "paragraph"), "§ 2 Abs. 6 BetrAVG");
	json_decref(j);
}

static void test_subsidy(void **state)
{
	/* PK, agreement from 2019: 15 % of 100,00 € = 15,00 € */
	json_t *j = calc_api("subsidy",
	                     "{\"vehicle\":\"PK\",\"agreement_date\":\"2019-03-01\",\"date\":\"2024-01-01\","
	                     "\"conversion_cents\":10000}",
	                     NULL, 200);
	assert_true(jbool(j, "required"));
	assert_int_equal(jint(j, "subsidy_cents"), 1500);
	assert_explained(j);
	json_decref(j);

	/* not for a direct commitment */
	j = calc_api("subsidy",
	             "{\"vehicle\":\"DZ\",\"agreement_date\":\"2019-03-01\",\"date\":\"2024-01-01\","
	             "\"conversion_cents\":10000}",
	             NULL, 200);
	assert_false(jbool(j, "required"));
	assert_int_equal(jint(j, "subsidy_cents"), 0);
	json_decref(j);
}

static void test_psv(void **state)
{
	/* DOMAIN.md § 6.3: 2024 rate 0,4 ‰ of the Teilwert 1.000.000 € = 400 €; report by 30.09. */
	json_t *j = calc_api("psv", "{\"year\":2024,\"vehicle\":\"DZ\",\"teilwert_cents\":100000000}", NULL, 200);
	assert_true(jbool(j, "duty"));
	assert_int_equal(jint(j, "base_cents"), 100000000);
	assert_int_equal(jint(j, "contribution_cents"), 40000);
	assert_string_equal(jstr(j, "report_due"), "2024-09-30");
	assert_explained(j);
	json_decref(j);
}

static void test_adjustment(void **state)
{
	/* § 16: every three years from the pension start */
	json_t *j = calc_api("adjustment", "{\"pension_start\":\"2015-07-01\"}", NULL, 200);
	assert_true(jbool(j, "check_required"));
	json_t *d = json_object_get(j, "check_dates");
	assert_true(json_array_size(d) >= 3);
	assert_string_equal(json_string_value(json_array_get(d, 0)), "2018-07-01");
	assert_string_equal(json_string_value(json_array_get(d, 1)), "2021-07-01");
	assert_string_equal(json_string_value(json_array_get(d, 2)), "2024-07-01");
	assert_explained(j);
	json_decref(j);
}

/* The same answer with the session (+ X-CSRF-Token) as with the bearer token. */
static void test_session_same_result(void **state)
{
	struct resp r = send_json(hr, "POST", "/api/v1/calc/mn", MN_GOOD);
	assert_int_equal(r.status, 200);
	json_t *j = resp_json(&r);
	assert_non_null(j);
	assert_int_equal(jint(j, "entitlement_cents"), 5833);
	json_decref(j);
	resp_free(&r);
}

/* ---- refused input ---------------------------------------------------------- */

static void test_bad_input(void **state)
{
	/* malformed dates */
	expect_bad("mn",
	           "{\"promised_cents\":30000,\"service_start\":\"1979-1-1\",\"exit_date\":\"1985-12-31\","
	           "\"retirement_date\":\"2014-12-31\"}",
	           400, "service_start");
	expect_bad("mn",
	           "{\"promised_cents\":30000,\"service_start\":\"1979-01-01\",\"exit_date\":\"yesterday\","
	           "\"retirement_date\":\"2014-12-31\"}",
	           400, "exit_date");
	expect_bad("mn",
	           "{\"promised_cents\":30000,\"service_start\":\"1979-01-01\",\"exit_date\":\"1985-12-31\","
	           "\"retirement_date\":19790101}",
	           400, "retirement_date");
	/* impossible dates */
	expect_bad("mn",
	           "{\"promised_cents\":30000,\"service_start\":\"2023-02-29\",\"exit_date\":\"2023-12-31\","
	           "\"retirement_date\":\"2040-12-31\"}",
	           400, "service_start");
	expect_bad("vesting",
	           "{\"birth_date\":\"1982-04-31\",\"service_start\":\"2004-04-01\",\"commitment_start\":"
	           "\"2006-01-01\",\"financing\":\"employer\"}",
	           400, "birth_date");
	expect_bad("transfer",
	           "{\"vehicle\":\"DV\",\"commitment_start\":\"2010-01-01\",\"exit_date\":\"2023-13-01\","
	           "\"demand_date\":\"2023-09-01\",\"transfer_value_cents\":5000000}",
	           400, "exit_date");
	/* unknown field: named */
	expect_bad("mn",
	           "{\"promised_cents\":30000,\"service_start\":\"1979-01-01\",\"exit_date\":\"1985-12-31\","
	           "\"retirement_date\":\"2014-12-31\",\"bonus_cents\":5}",
	           400, "bonus_cents");
	expect_bad("limits", "{\"year\":2024,\"region\":\"west\"}", 400, "region");
	/* negative amounts */
	expect_bad("mn",
	           "{\"promised_cents\":-1,\"service_start\":\"1979-01-01\",\"exit_date\":\"1985-12-31\","
	           "\"retirement_date\":\"2014-12-31\"}",
	           400, "promised_cents");
	expect_bad("abfindung", "{\"year\":2024,\"capital_cents\":-100}", 400, "capital_cents");
	expect_bad("transfer",
	           "{\"vehicle\":\"DV\",\"commitment_start\":\"2010-01-01\",\"exit_date\":\"2023-06-30\","
	           "\"demand_date\":\"2023-09-01\",\"transfer_value_cents\":-5000000}",
	           400, "transfer_value_cents");
	/* unknown enum values */
	expect_bad("vesting",
	           "{\"birth_date\":\"1982-09-12\",\"service_start\":\"2004-04-01\",\"commitment_start\":"
	           "\"2006-01-01\",\"financing\":\"boss\"}",
	           400, "financing");
	expect_bad("vvl",
	           "{\"vehicle\":\"DZ\",\"exit_date\":\"2023-06-30\",\"surplus_to_benefits\":true,"
	           "\"continuation_right\":true}",
	           400, "vehicle");
	expect_bad("validate", "{\"kind\":\"isbn\",\"value\":\"123\"}", 400, "kind");
	expect_bad("mn",
	           "{\"promised_cents\":30000,\"service_start\":\"1979-01-01\",\"exit_date\":\"1985-12-31\","
	           "\"retirement_date\":\"2014-12-31\",\"convention\":\"weeks\"}",
	           400, "convention");
	/* wrong types */
	expect_bad("mn",
	           "{\"promised_cents\":\"30000\",\"service_start\":\"1979-01-01\",\"exit_date\":\"1985-12-31\","
	           "\"retirement_date\":\"2014-12-31\"}",
	           400, "promised_cents");
	expect_bad("mn",
	           "{\"promised_cents\":300.5,\"service_start\":\"1979-01-01\",\"exit_date\":\"1985-12-31\","
	           "\"retirement_date\":\"2014-12-31\"}",
	           400, "promised_cents");
	expect_bad("limits", "{\"year\":\"2024\"}", 400, "year");
	expect_bad("abfindung", "{\"year\":2024,\"monthly_pension_cents\":100,\"transfer_requested\":\"yes\"}", 400,
	           "transfer_requested");
	expect_bad("validate", "{\"kind\":\"iban\",\"value\":12345}", 400, "value");
	/* missing required fields */
	expect_bad("mn", "{\"promised_cents\":30000,\"service_start\":\"1979-01-01\",\"exit_date\":\"1985-12-31\"}", 400,
	           "retirement_date");
	expect_bad("limits", "{}", 400, "year");
	expect_bad("vesting",
	           "{\"birth_date\":\"1982-09-12\",\"service_start\":\"2004-04-01\",\"commitment_start\":\"2006-01-01\"}",
	           400, "financing");
	expect_bad("transfer",
	           "{\"vehicle\":\"DV\",\"commitment_start\":\"2010-01-01\",\"exit_date\":\"2023-06-30\","
	           "\"transfer_value_cents\":5000000}",
	           400, "demand_date");
	/* vesting: service or commitment start before birth */
	expect_bad("vesting",
	           "{\"birth_date\":\"1982-09-12\",\"service_start\":\"1980-04-01\",\"commitment_start\":"
	           "\"2006-01-01\",\"financing\":\"employer\"}",
	           400, "service_start");
	expect_bad("vesting",
	           "{\"birth_date\":\"1982-09-12\",\"service_start\":\"2004-04-01\",\"commitment_start\":"
	           "\"1982-09-11\",\"financing\":\"employer\"}",
	           400, "commitment_start");
	/* mn: exit after the retirement date, before the service start */
	expect_bad("mn",
	           "{\"promised_cents\":30000,\"service_start\":\"1979-01-01\",\"exit_date\":\"2015-12-31\","
	           "\"retirement_date\":\"2014-12-31\"}",
	           400, "exit_date");
	expect_bad("mn",
	           "{\"promised_cents\":30000,\"service_start\":\"1979-01-01\",\"exit_date\":\"1978-12-31\","
	           "\"retirement_date\":\"2014-12-31\"}",
	           400, "exit_date");
	/* abfindung: exactly one of the two amounts */
	expect_bad("abfindung", "{\"year\":2024}", 400, "monthly_pension_cents");
	expect_bad("abfindung", "{\"year\":2024,\"monthly_pension_cents\":100,\"capital_cents\":100}", 400,
	           "monthly_pension_cents");
	/* the body itself */
	expect_bad("mn", "{\"promised_cents\":30000,", 400, "body");
	expect_bad("mn", "[1,2]", 400, "body");
	expect_bad("limits", "{\"year\":2024,\"year\":2025}", 400, "body");
}

/* Contract (API.md "Dates: YYYY-MM-DD", calc.h CF_DATE, the error message itself):
 * the JSON input takes ISO dates only; DD.MM.YYYY is for the forms. */
static void test_api_dates_iso_only(void **state)
{
	expect_bad("mn",
	           "{\"promised_cents\":30000,\"service_start\":\"01.01.1979\",\"exit_date\":\"1985-12-31\","
	           "\"retirement_date\":\"2014-12-31\"}",
	           400, "service_start");
}

static void test_year_outside_tables(void **state)
{
	expect_bad("limits", "{\"year\":2000}", 422, "year");
	expect_bad("limits", "{\"year\":2027}", 422, "year");
	expect_bad("abfindung", "{\"year\":2035,\"monthly_pension_cents\":100}", 422, "year");
	expect_bad("psv", "{\"year\":1999,\"vehicle\":\"DZ\",\"teilwert_cents\":100}", 422, "year");
	/* the first and last table years are answered */
	json_t *j = calc_api("limits", "{\"year\":2026}", NULL, 200);
	assert_int_equal(jint(j, "bbg_rv_west_cents"), 10140000);
	json_decref(j);
	j = calc_api("limits", "{\"year\":2002}", NULL, 200);
	assert_int_equal(jint(j, "bbg_rv_west_cents"), 5400000);
	json_decref(j);
}

static void test_unknown_calculator(void **state)
{
	json_t *j = calc_api("nope", "{\"year\":2024}", NULL, 404);
	assert_string_equal(err_code(j), "not_found");
	json_decref(j);
	j = calc_api("LIMITS", "{\"year\":2024}", NULL, 404);
	json_decref(j);
}

static void test_body_too_large(void **state)
{
	/* 64 KiB + 1: refused before the calculator runs */
	size_t n    = 64 * 1024 + 1;
	char  *body = malloc(n + 1);
	memset(body, ' ', n);
	memcpy(body, "{\"kind\":\"iban\",\"value\":\"", 24);
	memset(body + 24, 'x', n - 24 - 2);
	memcpy(body + n - 2, "\"}", 2);
	body[n] = '\0';
	json_t *j = calc_api("validate", body, NULL, 413);
	json_decref(j);
	/* a little under the limit reaches the calculator: the value is too long (400), not 413 */
	size_t m = 60 * 1024;
	memcpy(body + m - 2, "\"}", 2);
	body[m] = '\0';
	json_t *k = calc_api("validate", body, NULL, 400);
	assert_string_equal(err_field(k), "value");
	json_decref(k);
	free(body);
	assert_true(srv_healthy());
}

static void test_auth(void **state)
{
	const char *hs[] = {"Content-Type: application/json", NULL};

	/* no authentication at all */
	struct client *c = client_new();
	struct resp    r = req(c, "POST", "/api/v1/calc/mn", hs, MN_GOOD, strlen(MN_GOOD));
	assert_int_equal(r.status, 401);
	json_t *j = resp_json(&r);
	assert_non_null(j);
	assert_null(json_object_get(j, "entitlement_cents"));
	json_decref(j);
	resp_free(&r);
	client_free(c);

	/* a wrong bearer token */
	r = send_bearer("obt_not-a-real-token-aaaaaaaaaaaaaaaaaaaaaa", "POST", "/api/v1/calc/mn", MN_GOOD);
	assert_int_equal(r.status, 401);
	resp_free(&r);

	/* a session without the CSRF header */
	r = req(hr, "POST", "/api/v1/calc/mn", hs, MN_GOOD, strlen(MN_GOOD));
	assert_int_equal(r.status, 403);
	assert_null(strstr(r.body, "entitlement_cents"));
	resp_free(&r);

	/* a session with a wrong CSRF header */
	const char *bad[] = {"Content-Type: application/json", "X-CSRF-Token: wrong", NULL};
	r                 = req(hr, "POST", "/api/v1/calc/mn", bad, MN_GOOD, strlen(MN_GOOD));
	assert_int_equal(r.status, 403);
	resp_free(&r);

	/* the same session with it: fine */
	r = send_json(hr, "POST", "/api/v1/calc/mn", MN_GOOD);
	assert_int_equal(r.status, 200);
	resp_free(&r);
}

static void test_language(void **state)
{
	/* default: English */
	json_t *j  = calc_api("mn", MN_GOOD, NULL, 200);
	char   *en = explanation_text(j);
	assert_non_null(strstr(en, "whole months"));
	assert_non_null(strstr(en, "58.33 EUR"));
	assert_null(strstr(en, "Monate"));
	free(en);
	json_decref(j);

	/* Accept-Language: de — German sentences, German money and dates */
	j        = calc_api("mn", MN_GOOD, "de", 200);
	char *de = explanation_text(j);
	assert_non_null(strstr(de, "Monate"));
	assert_non_null(strstr(de, "Dienstzeit"));
	assert_non_null(strstr(de, "58,33 €"));
	assert_non_null(strstr(de, "31.12.1985"));
	assert_null(strstr(de, "whole months"));
	assert_int_equal(jint(j, "entitlement_cents"), 5833); /* the numbers do not change */
	free(de);
	json_decref(j);

	/* a German browser header with weights */
	j  = calc_api("vesting", VEST_GOOD, "de-DE,de;q=0.9,en;q=0.8", 200);
	de = explanation_text(j);
	assert_non_null(strstr(de, "unverfallbar"));
	free(de);
	json_decref(j);

	/* validate's message follows the language too */
	j = calc_api("validate", "{\"kind\":\"iban\",\"value\":\"DE89370400440532013001\"}", "de", 200);
	assert_non_null(strstr(jstr(j, "message"), "Prüfziffer"));
	json_decref(j);

	/* explicit English */
	j  = calc_api("mn", MN_GOOD, "en", 200);
	en = explanation_text(j);
	assert_non_null(strstr(en, "whole months"));
	free(en);
	json_decref(j);
}

/* ---- pages ------------------------------------------------------------------ */

static void test_page_index(void **state)
{
	struct resp r = get(hr, "/calc");
	assert_int_equal(r.status, 200);
	assert_true(resp_header_has(&r, "Content-Type", "text/html"));
	for (size_t i = 0; i < NCALCS; i++) {
		char *href = xasprintf("href=\"/calc/%s\"", calc_names[i]);
		if (!strstr(r.body, href))
			fprintf(stderr, "GET /calc: no link %s\n", href);
		assert_non_null(strstr(r.body, href));
		free(href);
	}
	resp_free(&r);

	/* not signed in: no calculators */
	struct client *c = client_new();
	r                = get(c, "/calc");
	assert_true(r.status == 303 || r.status == 401);
	assert_null(strstr(r.body, "href=\"/calc/mn\""));
	resp_free(&r);
	client_free(c);
}

static void test_page_form(void **state)
{
	struct resp r = get(hr, "/calc/mn");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "action=\"/calc/mn\""));
	for (const char *const *f = (const char *const[]){"promised_cents", "service_start", "exit_date",
	                                                  "retirement_date", NULL};
	     *f; f++) {
		char *n = xasprintf("name=\"%s\"", *f);
		assert_non_null(strstr(r.body, n));
		free(n);
	}
	char *csrf = html_input_value(r.body, "_csrf");
	assert_non_null(csrf);
	assert_string_equal(csrf, hr->csrf);
	free(csrf);
	assert_null(strstr(r.body, "<dl class=\"facts\">")); /* no result yet */
	resp_free(&r);

	r = get(hr, "/calc/nope");
	assert_int_equal(r.status, 404);
	resp_free(&r);

	/* every calculator has its page with a form posting to itself */
	for (size_t i = 0; i < NCALCS; i++) {
		char *path   = xasprintf("/calc/%s", calc_names[i]);
		char *action = xasprintf("action=\"/calc/%s\"", calc_names[i]);
		r            = get(hr, path);
		if (r.status != 200 || !strstr(r.body, action))
			fprintf(stderr, "GET %s → %ld\n", path, r.status);
		assert_int_equal(r.status, 200);
		assert_non_null(strstr(r.body, action));
		resp_free(&r);
		free(action), free(path);
	}
}

static void test_page_submit_mn(void **state)
{
	/* German form: euros with a decimal comma, dates DD.MM.YYYY */
	struct resp r = post_calc_form(hr, "mn",
	                               "promised_cents=300%2C00&service_start=01.01.1979&exit_date=31.12.1985"
	                               "&retirement_date=31.12.2014&convention=",
	                               NULL);
	assert_result_page(&r, "58,33");
	char *expl = between(r.body, "<ol class=\"explanation\">", "</ol>");
	assert_non_null(strstr(expl, "Monate"));
	free(expl);
	/* the form keeps what was entered */
	char *v = html_input_value(r.body, "service_start");
	assert_non_null(v);
	assert_string_equal(v, "01.01.1979");
	free(v);
	resp_free(&r);

	/* ISO dates and a thousands separator work as well */
	r = post_calc_form(hr, "mn",
	                   "promised_cents=1.200%2C00&service_start=1979-01-01&exit_date=1985-12-31"
	                   "&retirement_date=2014-12-31",
	                   NULL);
	assert_result_page(&r, "233,33"); /* 1.200 € × 84/432 = 233,333… */
	resp_free(&r);

	/* vesting on its page: the vesting day shown as a German date */
	r = post_calc_form(hr, "vesting",
	                   "birth_date=12.09.1982&service_start=01.04.2004&commitment_start=01.01.2006"
	                   "&financing=employer&exit_date=11.09.2012",
	                   NULL);
	assert_result_page(&r, "12.09.2012");
	resp_free(&r);

	/* limits on its page */
	r = post_calc_form(hr, "limits", "year=2024", NULL);
	assert_result_page(&r, "3.624,00");
	resp_free(&r);
}

static void test_page_errors(void **state)
{
	/* an impossible date: 400, the message names the field by its label */
	struct resp r = post_calc_form(hr, "mn",
	                               "promised_cents=300%2C00&service_start=31.02.1979&exit_date=31.12.1985"
	                               "&retirement_date=31.12.2014",
	                               NULL);
	assert_int_equal(r.status, 400);
	char *err = between(r.body, "class=\"form-error\"", "</p>");
	if (!err || !strstr(err, "Beginn der Betriebszugehörigkeit"))
		fprintf(stderr, "form error: %s\n", err ? err : r.body);
	assert_non_null(err);
	assert_non_null(strstr(err, "Beginn der Betriebszugehörigkeit"));
	free(err);
	assert_null(strstr(r.body, "<dl class=\"facts\">"));
	resp_free(&r);

	/* in English when the browser asks for it */
	r = post_calc_form(hr, "mn",
	                   "promised_cents=300%2C00&service_start=1979-01-01&exit_date=1985-13-01"
	                   "&retirement_date=2014-12-31",
	                   "en");
	assert_int_equal(r.status, 400);
	err = between(r.body, "class=\"form-error\"", "</p>");
	assert_non_null(err);
	assert_non_null(strstr(err, "Last day of employment"));
	free(err);
	resp_free(&r);

	/* a malformed amount */
	r = post_calc_form(hr, "mn",
	                   "promised_cents=abc&service_start=01.01.1979&exit_date=31.12.1985&retirement_date=31.12.2014",
	                   NULL);
	assert_int_equal(r.status, 400);
	err = between(r.body, "class=\"form-error\"", "</p>");
	assert_non_null(err);
	assert_non_null(strstr(err, "Zugesagte Leistung"));
	free(err);
	resp_free(&r);

	/* a missing required field */
	r = post_calc_form(hr, "mn", "promised_cents=300%2C00&service_start=01.01.1979&exit_date=31.12.1985", NULL);
	assert_int_equal(r.status, 400);
	err = between(r.body, "class=\"form-error\"", "</p>");
	assert_non_null(err);
	assert_non_null(strstr(err, "Feste Altersgrenze erreicht am"));
	free(err);
	resp_free(&r);

	/* a year outside the tables: 422 */
	r = post_calc_form(hr, "limits", "year=1990", NULL);
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(r.body, "class=\"form-error\""));
	resp_free(&r);

	/* an unknown form field */
	r = post_calc_form(hr, "limits", "year=2024&foo=1", NULL);
	assert_int_equal(r.status, 400);
	assert_null(strstr(r.body, "<dl class=\"facts\">"));
	resp_free(&r);

	/* unknown calculator */
	r = post_calc_form(hr, "nope", "year=2024", NULL);
	assert_int_equal(r.status, 404);
	resp_free(&r);

	/* the form without its _csrf field */
	r = post_form_raw(hr, "/calc/limits", "year=2024");
	assert_int_equal(r.status, 403);
	assert_null(strstr(r.body, "<dl class=\"facts\">"));
	resp_free(&r);
}

/* The pages are German by default: the error message too, in words, without
 * the JSON field name (the catalogue has the German texts, errors.de.txt). */
static void test_page_errors_german(void **state)
{
	static const char *const bodies[] = {
		/* impossible date */
		"promised_cents=300%2C00&service_start=31.02.1979&exit_date=31.12.1985&retirement_date=31.12.2014",
		/* required field missing */
		"promised_cents=300%2C00&service_start=01.01.1979&exit_date=31.12.1985",
	};
	static const char *const raw[] = {"service_start", "retirement_date"};
	for (size_t i = 0; i < 2; i++) {
		struct resp r = post_calc_form(hr, "mn", bodies[i], NULL);
		assert_int_equal(r.status, 400);
		char *err = between(r.body, "class=\"form-error\"", "</p>");
		resp_free(&r);
		assert_non_null(err);
		bool english = strstr(err, "must be") || strstr(err, "is required") || strstr(err, raw[i]);
		if (english)
			fprintf(stderr, "German page, English error text: %s\n", err);
		free(err);
		assert_false(english);
	}
}

static void test_employee_can_calculate(void **state)
{
	struct resp r = get(anna, "/calc");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "href=\"/calc/mn\""));
	resp_free(&r);

	r = get(anna, "/calc/vesting");
	assert_int_equal(r.status, 200);
	resp_free(&r);

	r = post_calc_form(anna, "mn",
	                   "promised_cents=300%2C00&service_start=01.01.1979&exit_date=31.12.1985"
	                   "&retirement_date=31.12.2014",
	                   NULL);
	assert_result_page(&r, "58,33");
	resp_free(&r);

	/* the API with her session */
	r = send_json(anna, "POST", "/api/v1/calc/limits", "{\"year\":2024}");
	assert_int_equal(r.status, 200);
	json_t *j = resp_json(&r);
	assert_int_equal(jint(j, "conversion_max_cents"), 362400);
	json_decref(j);
	resp_free(&r);

	/* and with her own token */
	char *t = token_create("anna.berger@muster.test");
	assert_non_null(t);
	r = send_bearer(t, "POST", "/api/v1/calc/mn", MN_GOOD);
	assert_int_equal(r.status, 200);
	j = resp_json(&r);
	assert_int_equal(jint(j, "entitlement_cents"), 5833);
	json_decref(j);
	resp_free(&r);
	free(t);
}

static void test_server_still_healthy(void **state)
{
	assert_true(srv_healthy());
	assert_true(srv_log_clean());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login),
		cmocka_unit_test(test_mn),
		cmocka_unit_test(test_vesting),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_abfindung),
		cmocka_unit_test(test_transfer),
		cmocka_unit_test(test_vvl),
		cmocka_unit_test(test_validate),
		cmocka_unit_test(test_retirement),
		cmocka_unit_test(test_method),
		cmocka_unit_test(test_subsidy),
		cmocka_unit_test(test_psv),
		cmocka_unit_test(test_adjustment),
		cmocka_unit_test(test_session_same_result),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_api_dates_iso_only),
		cmocka_unit_test(test_year_outside_tables),
		cmocka_unit_test(test_unknown_calculator),
		cmocka_unit_test(test_body_too_large),
		cmocka_unit_test(test_auth),
		cmocka_unit_test(test_language),
		cmocka_unit_test(test_page_index),
		cmocka_unit_test(test_page_form),
		cmocka_unit_test(test_page_submit_mn),
		cmocka_unit_test(test_page_errors),
		cmocka_unit_test(test_page_errors_german),
		cmocka_unit_test(test_employee_can_calculate),
		cmocka_unit_test(test_server_still_healthy),
	};
	int rc = cmocka_run_group_tests_name("http calc", tests, srv_setup, srv_teardown);
	client_free(hr);
	client_free(anna);
	free(token);
	return rc;
}
