/*
 * test_calc_amount.c — the calculators mn, vvl, method and retirement
 * (src/app/calc_amount.c): the fixed JSON of API.md, errors naming the field,
 * and that every explanation key of i18n/law_amount.*.txt exists in both
 * languages and renders without a raw key or an unfilled {n}.  Run from the
 * repo root (it reads i18n/law_amount.de.txt).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/calc_amount.h"
#include "core/method.h"
#include "core/mn.h"
#include "core/pension_age.h"
#include "core/vvl.h"
#include "http/i18n.h"

/* ---- helpers --------------------------------------------------------------- */

static json_t *run(calc_fn fn, const char *text, enum lang lang, struct calc_error *err)
{
	struct calc cc = {.name = "test", .fn = fn};
	memset(err, 0, sizeof *err);
	return calc_run(&cc, text, strlen(text), lang, err);
}

static json_t *ok(calc_fn fn, const char *text)
{
	struct calc_error err;
	json_t           *out = run(fn, text, LANG_DE, &err);
	if (!out)
		fail_msg("%s: unexpected error on %s: %s", text, err.field ? err.field : "-", err.message);
	/* every result names its paragraphs and explains itself in sentences */
	assert_true(json_is_string(json_object_get(out, "rule")));
	assert_true(strlen(json_string_value(json_object_get(out, "rule"))) > 0);
	json_t *ex = json_object_get(out, "explanation");
	assert_true(json_is_array(ex) && json_array_size(ex) > 0);
	size_t i;
	json_t *s;
	json_array_foreach(ex, i, s) assert_non_null(strchr(json_string_value(s), ' ')); /* a sentence, not a key */
	return out;
}

static void bad(calc_fn fn, const char *text, const char *field)
{
	struct calc_error err;
	json_t           *out = run(fn, text, LANG_EN, &err);
	if (out) {
		char *dump = json_dumps(out, 0);
		fail_msg("%s: want an error on '%s', got %s", text, field, dump);
	}
	if (!err.field || strcmp(err.field, field))
		fail_msg("%s: error names field '%s', want '%s' (%s)", text, err.field ? err.field : "-", field, err.message);
	assert_true(strlen(err.message) > 0);
}

static int64_t int_of(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	if (!json_is_integer(v))
		fail_msg("'%s' is not an integer", k);
	return json_integer_value(v);
}

static const char *str_of(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	if (!json_is_string(v))
		fail_msg("'%s' is not a string", k);
	return json_string_value(v);
}

/* ---- mn -------------------------------------------------------------------- */

static void test_mn_json(void **state)
{
	/* SEED4: 300 € at 65, entry at 29, exit at 36 → 58,33 € */
	json_t *o = ok(calc_mn, "{\"promised_cents\": 30000, \"service_start\": \"1979-01-01\", "
	                        "\"exit_date\": \"1985-12-31\", \"retirement_date\": \"2014-12-31\"}");
	assert_int_equal(int_of(o, "entitlement_cents"), 5833);
	assert_int_equal(int_of(o, "m"), 84);
	assert_int_equal(int_of(o, "n"), 432);
	assert_string_equal(str_of(o, "convention"), "months");
	assert_non_null(strstr(str_of(o, "rule"), "§ 2 Abs. 1 BetrAVG"));
	/* the explanation shows promised × m / n = result in German money */
	char *all = json_dumps(json_object_get(o, "explanation"), 0);
	assert_non_null(strstr(all, "300,00 € × 84 / 432 = 58,33 €"));
	assert_non_null(strstr(all, "31.12.1985"));
	free(all);
	json_decref(o);

	o = ok(calc_mn, "{\"promised_cents\": 30000, \"service_start\": \"1979-01-01\", \"exit_date\": \"1985-12-31\", "
	                "\"retirement_date\": \"2014-12-31\", \"convention\": \"days\"}");
	assert_int_equal(int_of(o, "entitlement_cents"), 5834);
	assert_int_equal(int_of(o, "m"), 2557);
	assert_int_equal(int_of(o, "n"), 13149);
	assert_string_equal(str_of(o, "convention"), "days");
	json_decref(o);

	/* null convention = default */
	o = ok(calc_mn, "{\"promised_cents\": 40000, \"service_start\": \"1985-01-01\", \"exit_date\": \"2014-12-31\", "
	                "\"retirement_date\": \"2024-12-31\", \"convention\": null}");
	assert_int_equal(int_of(o, "entitlement_cents"), 30000);
	json_decref(o);
	/* the API takes ISO dates only (German notation is for forms) */
	struct calc_error err;
	assert_null(run(calc_mn, "{\"promised_cents\": 40000, \"service_start\": \"01.01.1985\", \"exit_date\": "
	                         "\"2014-12-31\", \"retirement_date\": \"2024-12-31\"}", LANG_EN, &err));
	assert_string_equal(err.field, "service_start");
}

static void test_mn_errors(void **state)
{
	const char *tail = "\"service_start\": \"2000-01-01\", \"retirement_date\": \"2030-12-31\"";
	char        buf[400];
#define MN(fmt, ...) (snprintf(buf, sizeof buf, fmt, __VA_ARGS__), buf)
	bad(calc_mn, MN("{\"promised_cents\": -1, \"exit_date\": \"2010-01-01\", %s}", tail), "promised_cents");
	bad(calc_mn, MN("{\"promised_cents\": 1.5, \"exit_date\": \"2010-01-01\", %s}", tail), "promised_cents");
	bad(calc_mn, MN("{\"exit_date\": \"2010-01-01\", %s}", tail), "promised_cents");
	bad(calc_mn, MN("{\"promised_cents\": 100, \"exit_date\": \"2010-02-29\", %s}", tail), "exit_date");
	bad(calc_mn, MN("{\"promised_cents\": 100, \"exit_date\": \"2010-13-01\", %s}", tail), "exit_date");
	bad(calc_mn, MN("{\"promised_cents\": 100, \"exit_date\": \"1999-12-31\", %s}", tail), "exit_date");
	bad(calc_mn, MN("{\"promised_cents\": 100, \"exit_date\": \"2031-01-01\", %s}", tail), "exit_date");
	bad(calc_mn, MN("{\"promised_cents\": 100, \"exit_date\": \"2010-01-01\", \"convention\": \"weeks\", %s}", tail),
	    "convention");
	bad(calc_mn, MN("{\"promised_cents\": 100, \"exit_date\": \"2010-01-01\", \"bonus\": 1, %s}", tail), "bonus");
	bad(calc_mn,
	    "{\"promised_cents\": 100, \"service_start\": \"2000-01-01\", \"exit_date\": \"2000-01-01\", "
	    "\"retirement_date\": \"1999-12-31\"}",
	    "retirement_date");
	bad(calc_mn,
	    "{\"promised_cents\": 100, \"service_start\": \"2030-12-15\", \"exit_date\": \"2030-12-20\", "
	    "\"retirement_date\": \"2030-12-31\"}",
	    "retirement_date");
	bad(calc_mn, "[1]", "body");
#undef MN
}

/* ---- vvl ------------------------------------------------------------------- */

static void test_vvl_json(void **state)
{
	json_t *o = ok(calc_vvl, "{\"vehicle\": \"DV\", \"exit_date\": \"2021-03-15\", \"irrevocable_from\": \"2005-01-01\", "
	                         "\"assigned_or_pledged\": false, \"policy_loan\": false, \"premium_arrears\": false, "
	                         "\"surplus_to_benefits\": true, \"continuation_right\": true, "
	                         "\"employer_declaration_date\": null}");
	assert_true(json_is_true(json_object_get(o, "vvl_applies")));
	assert_int_equal(json_array_size(json_object_get(o, "unmet")), 0);
	assert_string_equal(str_of(o, "deadline"), "2021-06-15");
	assert_true(json_is_false(json_object_get(o, "declaration_required")));
	assert_non_null(strstr(str_of(o, "rule"), "§ 2 Abs. 2 BetrAVG"));
	json_decref(o);

	/* exit 23.06.2020, declaration 24.09.2020 (3 months + 1 day), irrevocable missing */
	o = ok(calc_vvl, "{\"vehicle\": \"DV\", \"exit_date\": \"2020-06-23\", \"irrevocable_from\": null, "
	                 "\"assigned_or_pledged\": false, \"policy_loan\": false, \"premium_arrears\": false, "
	                 "\"surplus_to_benefits\": true, \"continuation_right\": true, "
	                 "\"employer_declaration_date\": \"2020-09-24\"}");
	assert_true(json_is_false(json_object_get(o, "vvl_applies")));
	assert_string_equal(str_of(o, "deadline"), "2020-09-23");
	assert_true(json_is_true(json_object_get(o, "declaration_required")));
	json_t *u = json_object_get(o, "unmet");
	assert_int_equal(json_array_size(u), 2);
	assert_string_equal(str_of(json_array_get(u, 0), "code"), "irrevocable_missing");
	assert_string_equal(str_of(json_array_get(u, 1), "code"), "declaration_late");
	assert_non_null(strstr(str_of(json_array_get(u, 1), "message"), "24.09.2020"));
	assert_non_null(strstr(str_of(json_array_get(u, 1), "message"), "23.09.2020"));
	json_decref(o);

	/* PK: the DV flags may be left out; the salary link replaces the surplus condition */
	o = ok(calc_vvl, "{\"vehicle\": \"PK\", \"exit_date\": \"2022-01-31\", \"surplus_to_benefits\": false, "
	                 "\"salary_linked_increase\": true, \"continuation_right\": true}");
	assert_true(json_is_true(json_object_get(o, "vvl_applies")));
	assert_string_equal(str_of(o, "deadline"), "2022-04-30");
	json_decref(o);

	/* English messages */
	struct calc_error err;
	o = run(calc_vvl,
	        "{\"vehicle\": \"PK\", \"exit_date\": \"2022-01-31\", \"surplus_to_benefits\": false, "
	        "\"continuation_right\": false}",
	        LANG_EN, &err);
	assert_non_null(o);
	u = json_object_get(o, "unmet");
	assert_int_equal(json_array_size(u), 2);
	assert_string_equal(str_of(json_array_get(u, 0), "code"), "surplus_or_salary_link_missing");
	assert_string_equal(str_of(json_array_get(u, 1), "code"), "continuation_right_missing");
	assert_non_null(strstr(str_of(json_array_get(u, 1), "message"), "continue the insurance"));
	json_decref(o);
}

static void test_vvl_errors(void **state)
{
	bad(calc_vvl, "{\"vehicle\": \"PF\", \"exit_date\": \"2021-01-01\"}", "vehicle");
	bad(calc_vvl,
	    "{\"vehicle\": \"DV\", \"exit_date\": \"2021-01-01\", \"surplus_to_benefits\": true, "
	    "\"continuation_right\": true}",
	    "assigned_or_pledged");
	bad(calc_vvl,
	    "{\"vehicle\": \"PK\", \"exit_date\": \"2021-02-30\", \"surplus_to_benefits\": true, "
	    "\"continuation_right\": true}",
	    "exit_date");
	bad(calc_vvl,
	    "{\"vehicle\": \"PK\", \"exit_date\": \"2021-01-01\", \"surplus_to_benefits\": \"yes\", "
	    "\"continuation_right\": true}",
	    "surplus_to_benefits");
	bad(calc_vvl, "{\"vehicle\": \"PK\", \"exit_date\": \"2021-01-01\", \"surplus_to_benefits\": true}",
	    "continuation_right");
	bad(calc_vvl,
	    "{\"vehicle\": \"PK\", \"exit_date\": \"2021-01-01\", \"surplus_to_benefits\": true, "
	    "\"continuation_right\": true, \"employer_declaration_date\": \"soon\"}",
	    "employer_declaration_date");
	bad(calc_vvl,
	    "{\"vehicle\": \"DV\", \"exit_date\": \"2021-01-01\", \"irrevocable_from\": 5, \"assigned_or_pledged\": false, "
	    "\"policy_loan\": false, \"premium_arrears\": false, \"surplus_to_benefits\": true, "
	    "\"continuation_right\": true}",
	    "irrevocable_from");
}

/* ---- method ---------------------------------------------------------------- */

static void test_method_json(void **state)
{
	json_t *o = ok(calc_method, "{\"commitment_type\": \"BOLZ\", \"vehicle\": \"UK\", \"financing\": \"employer\", "
	                            "\"commitment_date\": \"2005-01-01\", \"exit_date\": \"2020-12-31\"}");
	assert_string_equal(str_of(o, "method"), "erreichte_anwartschaft");
	assert_string_equal(str_of(o, "paragraph"), "§ 2 Abs. 5 BetrAVG");
	json_decref(o);
	o = ok(calc_method, "{\"commitment_type\": \"LZ\", \"vehicle\": \"DV\", \"financing\": \"employer\", "
	                    "\"commitment_date\": \"2005-01-01\", \"exit_date\": \"2020-12-31\"}");
	assert_string_equal(str_of(o, "method"), "ratierlich_or_vvl");
	json_decref(o);
	o = ok(calc_method, "{\"commitment_type\": \"BZML\", \"vehicle\": \"DZ\", \"financing\": \"employer\", "
	                    "\"commitment_date\": \"2005-01-01\", \"exit_date\": \"2020-12-31\"}");
	assert_string_equal(str_of(o, "method"), "not_possible");
	json_decref(o);
	o = ok(calc_method, "{\"commitment_type\": \"LZ\", \"vehicle\": \"DZ\", \"financing\": \"employee\", "
	                    "\"commitment_date\": \"1999-01-01\", \"exit_date\": \"2020-12-31\", \"agreement_30g\": true}");
	assert_string_equal(str_of(o, "method"), "erreichte_anwartschaft");
	json_decref(o);

	bad(calc_method,
	    "{\"commitment_type\": \"DB\", \"vehicle\": \"DZ\", \"financing\": \"employer\", "
	    "\"commitment_date\": \"2005-01-01\", \"exit_date\": \"2020-12-31\"}",
	    "commitment_type");
	bad(calc_method,
	    "{\"commitment_type\": \"LZ\", \"vehicle\": \"XY\", \"financing\": \"employer\", "
	    "\"commitment_date\": \"2005-01-01\", \"exit_date\": \"2020-12-31\"}",
	    "vehicle");
	bad(calc_method,
	    "{\"commitment_type\": \"LZ\", \"vehicle\": \"DZ\", \"financing\": \"both\", "
	    "\"commitment_date\": \"2005-01-01\", \"exit_date\": \"2020-12-31\"}",
	    "financing");
	bad(calc_method,
	    "{\"commitment_type\": \"LZ\", \"vehicle\": \"DZ\", \"financing\": \"employer\", "
	    "\"commitment_date\": \"2005-01-01\", \"exit_date\": \"2004-12-31\"}",
	    "exit_date");
}

/* ---- retirement ------------------------------------------------------------ */

static void test_retirement_json(void **state)
{
	json_t *o = ok(calc_retirement, "{\"birth_date\": \"1964-05-01\"}");
	json_t *r = json_object_get(o, "regelaltersgrenze");
	assert_int_equal(int_of(r, "years"), 67);
	assert_int_equal(int_of(r, "months"), 0);
	assert_string_equal(str_of(o, "reached_on"), "2031-04-30");
	assert_string_equal(str_of(o, "retirement_date"), "2031-04-30");
	assert_null(json_object_get(o, "fixed_age_reached_on"));
	json_decref(o);

	o = ok(calc_retirement, "{\"birth_date\": \"1960-02-29\", \"fixed_age_years\": 65}");
	r = json_object_get(o, "regelaltersgrenze");
	assert_int_equal(int_of(r, "years"), 66);
	assert_int_equal(int_of(r, "months"), 4);
	assert_string_equal(str_of(o, "reached_on"), "2026-06-28");
	assert_string_equal(str_of(o, "fixed_age_reached_on"), "2025-02-28");
	assert_string_equal(str_of(o, "retirement_date"), "2025-02-28");
	json_decref(o);

	/* the retirement_date feeds mn */
	o = ok(calc_retirement, "{\"birth_date\": \"1950-01-01\", \"fixed_age_years\": 65}");
	assert_string_equal(str_of(o, "retirement_date"), "2014-12-31");
	json_decref(o);

	bad(calc_retirement, "{\"birth_date\": \"1964-05-32\"}", "birth_date");
	bad(calc_retirement, "{}", "birth_date");
	bad(calc_retirement, "{\"birth_date\": \"1964-05-01\", \"fixed_age_years\": 49}", "fixed_age_years");
	bad(calc_retirement, "{\"birth_date\": \"1964-05-01\", \"fixed_age_years\": 76}", "fixed_age_years");
	bad(calc_retirement, "{\"birth_date\": \"1964-05-01\", \"fixed_age_years\": \"65\"}", "fixed_age_years");
}

/* ---- catalogue ------------------------------------------------------------- */

enum { MAX_KEYS = 128 };
static const char *used[MAX_KEYS];
static int         nused;

static void use(const char *key)
{
	for (int i = 0; i < nused; i++)
		if (!strcmp(used[i], key))
			return;
	assert_true(nused < MAX_KEYS);
	used[nused++] = key;
}

/* Renders every note in both languages: no raw key, no unfilled {n}. */
static void render_all(const struct explain *e)
{
	assert_false(e->overflow);
	for (int i = 0; i < e->nnotes; i++) {
		const struct explain_note *n = &e->notes[i];
		use(n->key);
		for (int l = 0; l < LANG__COUNT; l++) {
			assert_true(i18n_has((enum lang)l, n->key));
			char *t = calc_note_text(n, (enum lang)l);
			if (!strcmp(t, n->key) || strstr(t, n->key))
				fail_msg("%s: raw key in %s", n->key, i18n_lang_code((enum lang)l));
			for (const char *p = t; *p; p++)
				if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}')
					fail_msg("%s (%s): unfilled placeholder in \"%s\"", n->key, i18n_lang_code((enum lang)l), t);
			free(t);
		}
	}
}

static day_t ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static void test_catalogue_keys(void **state)
{
	i18n_init();
	struct explain e;

	/* pension_age */
	struct pension_age_result pr;
	static const struct {
		int y, m, d, fixed;
	} ages[] = {{1964, 5, 1, 65}, {1950, 6, 15, 67}, {1964, 2, 29, 0}, {1958, 10, 10, 0}};
	for (size_t i = 0; i < sizeof ages / sizeof *ages; i++) {
		explain_init(&e);
		assert_true(pension_age_compute(ymd(ages[i].y, ages[i].m, ages[i].d), ages[i].fixed, &pr, &e));
		render_all(&e);
	}

	/* mn, both conventions, partial and full, and the per-year promise */
	struct mn_result mr;
	for (int c = 0; c < 2; c++) {
		explain_init(&e);
		assert_int_equal(mn_compute(30000, ymd(1979, 1, 1), ymd(1985, 12, 31), ymd(2014, 12, 31),
		                            (enum mn_convention)c, &mr, &e),
		                 MN_OK);
		render_all(&e);
		explain_init(&e);
		assert_int_equal(mn_compute(30000, ymd(1979, 1, 1), ymd(2014, 12, 31), ymd(2014, 12, 31),
		                            (enum mn_convention)c, &mr, &e),
		                 MN_OK);
		render_all(&e);
	}
	int64_t R;
	int32_t years;
	explain_init(&e);
	assert_int_equal(mn_per_year_promise(1200, ymd(1985, 1, 1), ymd(2024, 12, 31), &R, &years, &e), MN_OK);
	render_all(&e);

	/* vvl: every condition unmet once, every "met" note once */
	static const struct vvl_input vv[] = {
		{VVL_DV, 16678 /* 2015-08-31 */, false, 0, true, true, true, false, false, false, false, 0},
		{VVL_DV, 18436 /* 2020-06-23 */, true, 18529, false, false, false, true, false, true, true, 18529},
		{VVL_DV, 18436, true, 10000, false, false, false, true, false, true, true, 18400},
		{VVL_DV, 18436, true, 10000, false, false, false, true, false, true, true, 18500},
		{VVL_DV, 18437 /* 2020-06-24 */, true, 10000, false, false, false, true, false, true, true, 0},
		{VVL_PK, 18437, false, 0, false, false, false, false, false, true, false, 0},
		{VVL_PK, 18437, false, 0, false, false, false, false, true, true, false, 0},
		{VVL_PK, 18437, false, 0, false, false, false, true, false, true, false, 0},
	};
	assert_int_equal(ymd(2015, 8, 31), 16678);
	assert_int_equal(ymd(2020, 6, 23), 18436);
	struct vvl_result vr;
	for (size_t i = 0; i < sizeof vv / sizeof *vv; i++) {
		explain_init(&e);
		vvl_check(&vv[i], &vr, &e);
		render_all(&e);
		for (int k = 0; k < vr.nunmet; k++) { /* the unmet messages themselves */
			struct explain one = {.nnotes = 1};
			one.notes[0]       = vr.unmet[k].note;
			render_all(&one);
		}
	}

	/* method: one case per note */
	static const struct {
		enum method_commitment t;
		enum method_vehicle    v;
		enum method_financing  f;
		int                    cy, ey;
		bool                   agreed;
	} ms[] = {
		{METHOD_LZ, METHOD_DZ, METHOD_EMPLOYER, 2005, 2020, false},   {METHOD_LZ, METHOD_UK, METHOD_EMPLOYER, 2005, 2020, false},
		{METHOD_LZ, METHOD_PF, METHOD_EMPLOYER, 2005, 2020, false},   {METHOD_BZML, METHOD_DZ, METHOD_EMPLOYER, 2005, 2020, false},
		{METHOD_BZML, METHOD_PF, METHOD_EMPLOYER, 2001, 2020, false}, {METHOD_BZML, METHOD_PK, METHOD_EMPLOYER, 2005, 2020, false},
		{METHOD_BOLZ, METHOD_DV, METHOD_EMPLOYER, 2005, 2020, false}, {METHOD_LZ, METHOD_PK, METHOD_EMPLOYEE, 2005, 2020, false},
		{METHOD_BOLZ, METHOD_DZ, METHOD_EMPLOYER, 1999, 2020, false}, {METHOD_BOLZ, METHOD_DZ, METHOD_EMPLOYER, 1999, 2020, true},
		{METHOD_BOLZ, METHOD_PF, METHOD_EMPLOYER, 2002, 2002, false}, {METHOD_LZ, METHOD_UK, METHOD_EMPLOYEE, 2005, 2020, false},
	};
	struct method_result mres;
	for (size_t i = 0; i < sizeof ms / sizeof *ms; i++) {
		struct method_input in = {ms[i].t, ms[i].v, ms[i].f, ymd(ms[i].cy, 1, 1), ymd(ms[i].ey, 3, 31), ms[i].agreed};
		explain_init(&e);
		assert_true(method_decide(&in, &mres, &e));
		render_all(&e);
	}

	/* the error keys of the calculators */
	static const char *const errs[] = {
		"{\"promised_cents\": 1, \"service_start\": \"2000-01-01\", \"exit_date\": \"1999-01-01\", \"retirement_date\": \"2030-01-01\"}",
		"{\"promised_cents\": 1, \"service_start\": \"2000-01-01\", \"exit_date\": \"2031-01-01\", \"retirement_date\": \"2030-01-01\"}",
		"{\"promised_cents\": 1, \"service_start\": \"2000-01-01\", \"exit_date\": \"2000-01-01\", \"retirement_date\": \"1999-01-01\"}",
		"{\"promised_cents\": 1, \"service_start\": \"2000-01-01\", \"exit_date\": \"2000-01-01\", \"retirement_date\": \"2000-01-02\"}",
	};
	struct calc_error err;
	for (size_t i = 0; i < sizeof errs / sizeof *errs; i++) {
		assert_null(run(calc_mn, errs[i], LANG_DE, &err));
		use(err.key);
	}
	assert_null(run(calc_method,
	                "{\"commitment_type\": \"LZ\", \"vehicle\": \"DZ\", \"financing\": \"employer\", "
	                "\"commitment_date\": \"2005-01-01\", \"exit_date\": \"2004-12-31\"}",
	                LANG_DE, &err));
	use(err.key);

	/* every key of the catalogue file is used, and exists in both languages */
	FILE *f = fopen("i18n/law_amount.de.txt", "r");
	assert_non_null(f);
	char line[2048];
	int  nkeys = 0;
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		char *eq = strstr(line, " = ");
		assert_non_null(eq);
		*eq = 0;
		nkeys++;
		bool found = false;
		for (int i = 0; i < nused && !found; i++)
			found = !strcmp(used[i], line);
		if (!found)
			fail_msg("catalogue key %s is never used by a tested result", line);
		for (int l = 0; l < LANG__COUNT; l++)
			if (!i18n_has((enum lang)l, line))
				fail_msg("key %s missing in %s", line, i18n_lang_code((enum lang)l));
	}
	fclose(f);
	assert_int_equal(nkeys, 63);
	assert_int_equal(nused, nkeys); /* no key outside this catalogue */
}

int main(void)
{
	i18n_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mn_json),       cmocka_unit_test(test_mn_errors),
		cmocka_unit_test(test_vvl_json),      cmocka_unit_test(test_vvl_errors),
		cmocka_unit_test(test_method_json),   cmocka_unit_test(test_retirement_json),
		cmocka_unit_test(test_catalogue_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
