/*
 * test_calc_law.c — the calculators vesting, limits, abfindung, transfer,
 * psv, adjustment, subsidy through their JSON (API.md names), bad input
 * naming the field, years outside the tables as rule errors, and every
 * explanation note rendered in German and English without a raw key left.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/calc_law.h"
#include "http/i18n.h"

static struct calc_error last_err;

static json_t *call(calc_fn fn, const char *text)
{
	json_error_t je;
	json_t      *in = json_loads(text, JSON_REJECT_DUPLICATES, &je);
	if (!in)
		fail_msg("bad test JSON: %s", text);
	memset(&last_err, 0, sizeof last_err);
	json_t *out = fn(in, LANG_DE, &last_err);
	json_decref(in);
	return out;
}

static json_t *ok(calc_fn fn, const char *text)
{
	json_t *out = call(fn, text);
	if (!out)
		fail_msg("%s → error on %s: %s", text, last_err.field, last_err.message);
	assert_true(json_is_string(json_object_get(out, "rule")));
	assert_true(strlen(json_string_value(json_object_get(out, "rule"))) > 0);
	json_t *ex = json_object_get(out, "explanation");
	assert_true(json_is_array(ex) && json_array_size(ex) > 0);
	/* no sentence is a bare catalogue key or keeps a placeholder */
	for (size_t i = 0; i < json_array_size(ex); i++) {
		const char *s = json_string_value(json_array_get(ex, i));
		assert_non_null(s);
		assert_null(strstr(s, "{1}"));
		assert_false(strchr(s, ' ') == NULL);
	}
	return out;
}

static void bad(calc_fn fn, const char *text, const char *field, bool rule)
{
	json_t *out = call(fn, text);
	if (out) {
		char *s = json_dumps(out, 0);
		fail_msg("%s should fail on %s, got %s", text, field, s);
	}
	if (!last_err.field || strcmp(last_err.field, field))
		fail_msg("%s: error names '%s', want '%s' (%s)", text, last_err.field ? last_err.field : "(none)", field,
		         last_err.message);
	assert_int_equal(last_err.rule, rule);
	assert_true(strlen(last_err.message) > 0);
	if (last_err.key)
		for (int l = 0; l < LANG__COUNT; l++)
			if (!i18n_has((enum lang)l, last_err.key))
				fail_msg("error key %s has no %s text", last_err.key, i18n_lang_code((enum lang)l));
}

static const char *str(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	if (!json_is_string(v))
		fail_msg("field %s missing or not a string", k);
	return json_string_value(v);
}

static json_int_t num(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	if (!json_is_integer(v))
		fail_msg("field %s missing or not an integer", k);
	return json_integer_value(v);
}

static bool boolean(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	if (!json_is_boolean(v))
		fail_msg("field %s missing or not a boolean", k);
	return json_is_true(v);
}

static int setup(void **state)
{
	i18n_init();
	return 0;
}

/* ---- vesting ------------------------------------------------------------------------------ */

static void test_vesting(void **state)
{
	json_t *o = ok(calc_vesting, "{\"birth_date\":\"1982-10-18\",\"service_start\":\"2000-07-01\","
	                             "\"commitment_start\":\"2009-01-01\",\"financing\":\"employer\","
	                             "\"exit_date\":\"2013-12-31\"}");
	assert_string_equal(str(o, "vested_on"), "2014-01-01");
	assert_true(boolean(o, "vested_at_exit"));
	assert_string_equal(str(o, "branch"), "25_5");
	assert_string_equal(str(o, "reading"), "statute");
	assert_string_equal(str(o, "vehicle"), "DZ");
	assert_non_null(strstr(str(o, "rule"), "§ 30f Abs. 3 BetrAVG"));
	json_decref(o);
	/* no exit: no vested_at_exit */
	o = ok(calc_vesting, "{\"birth_date\":\"1982-06-20\",\"service_start\":\"2007-08-01\","
	                     "\"commitment_start\":\"2007-08-01\",\"financing\":\"employee\",\"vehicle\":\"DV\"}");
	assert_string_equal(str(o, "vested_on"), "2007-08-01");
	assert_null(json_object_get(o, "vested_at_exit"));
	assert_non_null(strstr(str(o, "rule"), "§ 1b Abs. 5 BetrAVG"));
	json_decref(o);
	o = ok(calc_vesting, "{\"birth_date\":\"1982-09-12\",\"service_start\":\"2005-10-01\","
	                     "\"commitment_start\":\"2006-01-01\",\"financing\":\"employer\"}");
	assert_string_equal(str(o, "vested_on"), "2012-09-12"); /* V-S2 (seed's 01.01.2012 is a typo) */
	json_decref(o);
}

static void test_vesting_options(void **state)
{
	json_t *o = ok(calc_vesting, "{\"birth_date\":\"1982-08-23\",\"service_start\":\"2004-04-01\","
	                             "\"commitment_start\":\"2007-01-01\",\"financing\":\"mixed\","
	                             "\"exit_date\":\"2010-06-30\"}");
	assert_string_equal(str(o, "vested_on"), "2012-08-23");
	assert_string_equal(str(o, "vested_on_employee_part"), "2007-01-01");
	assert_string_equal(str(o, "vested_on_employer_part"), "2012-08-23");
	assert_false(boolean(o, "vested_at_exit"));
	assert_true(boolean(o, "vested_at_exit_employee_part"));
	assert_false(boolean(o, "vested_at_exit_employer_part"));
	json_decref(o);
	o = ok(calc_vesting, "{\"birth_date\":\"1985-06-01\",\"service_start\":\"2000-08-01\","
	                     "\"commitment_start\":\"2000-08-01\",\"financing\":\"employer\",\"vehicle\":\"UK\","
	                     "\"exit_date\":\"2014-06-30\",\"reading\":\"bvv\"}");
	assert_string_equal(str(o, "reading"), "bvv");
	assert_string_equal(str(o, "vested_on"), "2014-01-01");
	assert_true(boolean(o, "vested_at_exit"));
	json_decref(o);
	o = ok(calc_vesting, "{\"birth_date\":\"1982-10-18\",\"service_start\":\"2000-07-01\","
	                     "\"commitment_start\":\"2009-01-01\",\"financing\":\"employer\","
	                     "\"exit_date\":\"2013-12-31\",\"vesting_boundary\":\"strict\"}");
	assert_false(boolean(o, "vested_at_exit"));
	json_decref(o);
	/* taken over with the original dates given separately (seed 003 record) */
	o = ok(calc_vesting, "{\"birth_date\":\"1975-05-10\",\"service_start\":\"2008-07-01\","
	                     "\"commitment_start\":\"2008-07-01\",\"financing\":\"employer\",\"vehicle\":\"UK\","
	                     "\"taken_over\":true,\"original_service_start\":\"2000-03-01\","
	                     "\"original_commitment_start\":\"2000-03-01\"}");
	assert_string_equal(str(o, "vested_on"), "2006-01-01");
	assert_string_equal(str(o, "era"), "before_2001");
	assert_non_null(strstr(str(o, "rule"), "§ 1b Abs. 1 S. 3 BetrAVG"));
	json_decref(o);
	o = ok(calc_vesting, "{\"birth_date\":\"1995-01-01\",\"service_start\":\"2019-01-01\","
	                     "\"commitment_start\":\"2019-01-01\",\"financing\":\"employer\","
	                     "\"exit_date\":\"2020-06-30\",\"contractually_vested_from\":\"2019-01-01\"}");
	assert_false(boolean(o, "vested_at_exit"));
	assert_true(boolean(o, "contractually_vested_at_exit"));
	json_decref(o);
}

static void test_vesting_bad(void **state)
{
	const char *base = "\"service_start\":\"2010-01-01\",\"commitment_start\":\"2010-01-01\",\"financing\":\"employer\"";
	char        t[512];
	snprintf(t, sizeof t, "{\"birth_date\":\"1990-02-30\",%s}", base);
	bad(calc_vesting, t, "birth_date", false);
	snprintf(t, sizeof t, "{\"birth_date\":\"2011-01-01\",%s}", base);
	bad(calc_vesting, t, "service_start", false);
	snprintf(t, sizeof t, "{\"birth_date\":\"1990-01-01\",%s,\"exit_date\":\"2009-12-31\"}", base);
	bad(calc_vesting, t, "exit_date", false);
	snprintf(t, sizeof t, "{\"birth_date\":\"1990-01-01\",%s,\"vehicle\":\"XX\"}", base);
	bad(calc_vesting, t, "vehicle", false);
	snprintf(t, sizeof t, "{\"birth_date\":\"1990-01-01\",%s,\"reading\":\"other\"}", base);
	bad(calc_vesting, t, "reading", false);
	snprintf(t, sizeof t, "{\"birth_date\":\"1990-01-01\",%s,\"colour\":1}", base);
	bad(calc_vesting, t, "colour", false);
	snprintf(t, sizeof t, "{\"birth_date\":\"1990-01-01\",%s,\"original_service_start\":\"2000-01-01\"}", base);
	bad(calc_vesting, t, "original_service_start", false);
	bad(calc_vesting, "{\"birth_date\":\"1990-01-01\",\"service_start\":\"2010-01-01\",\"financing\":\"employer\"}",
	    "commitment_start", false);
	bad(calc_vesting,
	    "{\"birth_date\":\"1990-01-01\",\"service_start\":\"2010-01-01\",\"commitment_start\":\"1989-01-01\","
	    "\"financing\":\"employer\"}",
	    "commitment_start", false);
	bad(calc_vesting,
	    "{\"birth_date\":\"1990-01-01\",\"service_start\":\"2010-01-01\",\"commitment_start\":\"2010-01-01\","
	    "\"financing\":\"both\"}",
	    "financing", false);
	bad(calc_vesting,
	    "{\"birth_date\":\"1930-01-01\",\"service_start\":\"1960-01-01\",\"commitment_start\":\"1960-01-01\","
	    "\"financing\":\"employer\",\"exit_date\":\"1970-01-01\"}",
	    "exit_date", true);
}

/* ---- limits ------------------------------------------------------------------------------- */

static void test_limits(void **state)
{
	json_t *o = ok(calc_limits, "{\"year\":2024}");
	assert_int_equal(num(o, "bbg_rv_west_cents"), 9060000);
	assert_int_equal(num(o, "bezugsgroesse_west_cents"), 4242000);
	assert_int_equal(num(o, "conversion_max_cents"), 362400);
	assert_int_equal(num(o, "conversion_min_cents"), 26513);
	assert_int_equal(num(o, "tax_free_max_cents"), 724800);
	assert_int_equal(num(o, "sv_free_max_cents"), 362400);
	assert_int_equal(num(o, "abfindung_max_pension_monthly_cents"), 3535);
	assert_int_equal(num(o, "abfindung_max_capital_cents"), 424200);
	assert_int_equal(num(o, "abfindung_max_pension_monthly_ost_cents"), 3465);
	assert_int_equal(num(o, "psv_rate_permille_x1000"), 400);
	json_decref(o);
	o = ok(calc_limits, "{\"year\":2011}");
	assert_int_equal(num(o, "conversion_min_cents"), 19163);
	assert_int_equal(num(o, "tax_free_max_cents"), 264000 + 180000);
	json_decref(o);
	o = ok(calc_limits, "{\"year\":2003}");
	assert_true(json_is_null(json_object_get(o, "abfindung_max_capital_cents")));
	json_decref(o);
	o = ok(calc_limits, "{\"year\":2026}");
	assert_int_equal(num(o, "abfindung_2a_max_pension_monthly_cents"), 7910);
	assert_true(json_is_null(json_object_get(o, "psv_rate_permille_x1000")));
	json_decref(o);
	bad(calc_limits, "{\"year\":2027}", "year", true);
	bad(calc_limits, "{\"year\":2000}", "year", true);
	bad(calc_limits, "{\"year\":2001}", "year", true);
	bad(calc_limits, "{\"year\":\"2024\"}", "year", false);
	bad(calc_limits, "{}", "year", false);
}

/* ---- abfindung, transfer ------------------------------------------------------------------- */

static void test_abfindung(void **state)
{
	json_t *o = ok(calc_abfindung, "{\"year\":2011,\"monthly_pension_cents\":2555,\"transfer_requested\":false}");
	assert_true(boolean(o, "allowed"));
	assert_int_equal(num(o, "threshold_cents"), 2555);
	json_decref(o);
	o = ok(calc_abfindung, "{\"year\":2011,\"monthly_pension_cents\":2555,\"transfer_requested\":true}");
	assert_false(boolean(o, "allowed"));
	assert_string_equal(str(o, "branch"), "transfer_requested");
	json_decref(o);
	o = ok(calc_abfindung, "{\"year\":2011,\"capital_cents\":306601}");
	assert_false(boolean(o, "allowed"));
	json_decref(o);
	o = ok(calc_abfindung, "{\"year\":2011,\"monthly_pension_cents\":2300,\"region\":\"ost\"}");
	assert_false(boolean(o, "allowed"));
	json_decref(o);
	o = ok(calc_abfindung,
	       "{\"year\":2024,\"monthly_pension_cents\":100,\"running\":true,\"running_since\":\"2003-01-01\"}");
	assert_false(boolean(o, "allowed"));
	assert_true(boolean(o, "free_by_agreement"));
	json_decref(o);
	o = ok(calc_abfindung, "{\"year\":2026,\"monthly_pension_cents\":5000}");
	assert_true(boolean(o, "consent_2a_possible"));
	json_decref(o);
	bad(calc_abfindung, "{\"year\":2011}", "monthly_pension_cents", false);
	bad(calc_abfindung, "{\"year\":2011,\"monthly_pension_cents\":1,\"capital_cents\":1}", "monthly_pension_cents",
	    false);
	bad(calc_abfindung, "{\"year\":2011,\"monthly_pension_cents\":-1}", "monthly_pension_cents", false);
	bad(calc_abfindung, "{\"year\":2030,\"monthly_pension_cents\":1}", "year", true);
	bad(calc_abfindung, "{\"year\":2003,\"monthly_pension_cents\":1}", "year", true);
	bad(calc_abfindung, "{\"year\":2011,\"monthly_pension_cents\":1,\"transfer_requested\":\"yes\"}",
	    "transfer_requested", false);
	bad(calc_abfindung, "{\"year\":2011,\"monthly_pension_cents\":1,\"running_since\":\"2003-01-01\"}",
	    "running_since", false);
}

static void test_transfer(void **state)
{
	json_t *o = ok(calc_transfer, "{\"vehicle\":\"DV\",\"commitment_start\":\"2010-01-01\",\"exit_date\":"
	                              "\"2020-06-30\",\"demand_date\":\"2021-06-30\",\"transfer_value_cents\":5000000}");
	assert_true(boolean(o, "claim_valid"));
	assert_string_equal(str(o, "demand_deadline"), "2021-06-30");
	assert_int_equal(num(o, "bbg_cents"), 8520000);
	assert_int_equal(json_array_size(json_object_get(o, "unmet")), 0);
	json_decref(o);
	o = ok(calc_transfer, "{\"vehicle\":\"DZ\",\"commitment_start\":\"2004-01-01\",\"exit_date\":"
	                      "\"2020-06-30\",\"demand_date\":\"2021-07-01\",\"transfer_value_cents\":5000000}");
	assert_false(boolean(o, "claim_valid"));
	assert_int_equal(json_array_size(json_object_get(o, "unmet")), 3);
	json_decref(o);
	bad(calc_transfer,
	    "{\"vehicle\":\"DV\",\"commitment_start\":\"2010-01-01\",\"exit_date\":\"2009-06-30\","
	    "\"demand_date\":\"2010-06-30\",\"transfer_value_cents\":1}",
	    "exit_date", false);
	bad(calc_transfer,
	    "{\"vehicle\":\"DV\",\"commitment_start\":\"2010-01-01\",\"exit_date\":\"2026-12-31\","
	    "\"demand_date\":\"2027-06-30\",\"transfer_value_cents\":1}",
	    "demand_date", true);
	bad(calc_transfer,
	    "{\"vehicle\":\"DV\",\"commitment_start\":\"2010-01-01\",\"exit_date\":\"2020-06-30\","
	    "\"demand_date\":\"2021-06-30\",\"transfer_value_cents\":-5}",
	    "transfer_value_cents", false);
	bad(calc_transfer,
	    "{\"commitment_start\":\"2010-01-01\",\"exit_date\":\"2020-06-30\","
	    "\"demand_date\":\"2021-06-30\",\"transfer_value_cents\":5}",
	    "vehicle", false);
}

/* ---- psv, adjustment, subsidy ---------------------------------------------------------------- */

static void test_psv_adjustment_subsidy(void **state)
{
	json_t *o = ok(calc_psv, "{\"year\":2024,\"vehicle\":\"DZ\",\"teilwert_cents\":100000000,"
	                         "\"granted_on\":\"2024-03-15\",\"vested_on\":\"2024-01-01\"}");
	assert_true(boolean(o, "duty"));
	assert_int_equal(num(o, "contribution_cents"), 40000);
	assert_string_equal(str(o, "report_due"), "2024-09-30");
	assert_string_equal(str(o, "first_notice_due"), "2024-06-15");
	assert_true(boolean(o, "reportable"));
	json_decref(o);
	o = ok(calc_psv, "{\"year\":2024,\"vehicle\":\"DV\"}");
	assert_false(boolean(o, "duty"));
	json_decref(o);
	bad(calc_psv, "{\"year\":2024,\"vehicle\":\"PK\"}", "base_cents", false);
	bad(calc_psv, "{\"year\":1999,\"vehicle\":\"DZ\"}", "year", true);

	o = ok(calc_adjustment, "{\"pension_start\":\"2020-07-01\",\"count\":2,\"bundled_date\":\"01-01\"}");
	assert_true(boolean(o, "check_required"));
	assert_string_equal(json_string_value(json_array_get(json_object_get(o, "check_dates"), 0)), "2024-01-01");
	json_decref(o);
	o = ok(calc_adjustment, "{\"pension_start\":\"2020-07-01\",\"count\":2,\"one_percent\":true,"
	                        "\"commitment_start\":\"2005-01-01\",\"monthly_pension_cents\":100000}");
	assert_false(boolean(o, "check_required"));
	assert_int_equal(num(json_array_get(json_object_get(o, "minimum_adjustments"), 1), "monthly_pension_cents"),
	                 102010);
	json_decref(o);
	bad(calc_adjustment, "{\"pension_start\":\"2020-07-01\",\"bundled_date\":\"02-29\"}", "bundled_date", false);
	bad(calc_adjustment, "{\"pension_start\":\"2020-07-01\",\"bundled_date\":\"July\"}", "bundled_date", false);
	bad(calc_adjustment, "{\"pension_start\":\"2020-07-01\",\"count\":0}", "count", false);
	bad(calc_adjustment, "{\"pension_start\":\"2020-07-01\",\"commitment_start\":\"2021-01-01\"}",
	    "commitment_start", false);

	o = ok(calc_subsidy, "{\"vehicle\":\"DV\",\"agreement_date\":\"2018-05-01\",\"date\":\"2022-01-31\","
	                     "\"conversion_cents\":20000,\"mode\":\"capped\",\"sv_saving_cents\":1200}");
	assert_true(boolean(o, "required"));
	assert_int_equal(num(o, "subsidy_cents"), 1200);
	assert_int_equal(num(o, "flat_cents"), 3000);
	json_decref(o);
	o = ok(calc_subsidy, "{\"vehicle\":\"UK\",\"agreement_date\":\"2019-05-01\",\"date\":\"2022-01-31\","
	                     "\"conversion_cents\":20000}");
	assert_false(boolean(o, "required"));
	assert_string_equal(str(o, "reason"), "vehicle");
	json_decref(o);
	bad(calc_subsidy,
	    "{\"vehicle\":\"DV\",\"agreement_date\":\"2019-05-01\",\"date\":\"2022-01-31\","
	    "\"conversion_cents\":20000,\"mode\":\"capped\"}",
	    "sv_saving_cents", false);
	bad(calc_subsidy,
	    "{\"vehicle\":\"DV\",\"agreement_date\":\"2019-05-01\",\"date\":\"2019-01-31\",\"conversion_cents\":1}",
	    "date", false);
	bad(calc_subsidy,
	    "{\"vehicle\":\"DV\",\"agreement_date\":\"2019-05-01\",\"date\":\"2019-06-30\",\"conversion_cents\":1,"
	    "\"mode\":\"half\"}",
	    "mode", false);
}

/* ---- every note of many results renders in both languages ------------------------------------- */

static void render_all(calc_fn fn, const char *text)
{
	json_t *in = json_loads(text, 0, NULL);
	assert_non_null(in);
	for (int l = 0; l < LANG__COUNT; l++) {
		struct calc_error err = {0};
		json_t           *out = fn(in, (enum lang)l, &err);
		if (!out)
			fail_msg("%s: %s", text, err.message);
		json_t *ex = json_object_get(out, "explanation");
		for (size_t i = 0; i < json_array_size(ex); i++) {
			const char *s = json_string_value(json_array_get(ex, i));
			/* a missing text renders as its key: "vest.x.y" without a blank */
			if (!strchr(s, ' '))
				fail_msg("%s: raw key '%s' in %s", text, s, i18n_lang_code((enum lang)l));
			if (strchr(s, '{'))
				fail_msg("%s: unfilled placeholder in '%s'", text, s);
		}
		json_decref(out);
	}
	json_decref(in);
}

static void test_notes_render(void **state)
{
	static const char *const vest[] = {
		"{\"birth_date\":\"1970-01-01\",\"service_start\":\"1990-01-01\",\"commitment_start\":\"1989-06-01\","
		"\"financing\":\"mixed\",\"vehicle\":\"DZ\",\"exit_date\":\"2003-01-01\",\"reading\":\"bvv\","
		"\"vesting_boundary\":\"strict\",\"taken_over\":true,\"contractually_vested_from\":\"1995-01-01\"}",
		"{\"birth_date\":\"1980-01-01\",\"service_start\":\"2003-01-01\",\"commitment_start\":\"2002-06-01\","
		"\"financing\":\"mixed\",\"vehicle\":\"DV\",\"exit_date\":\"2020-01-01\"}",
		"{\"birth_date\":\"1990-01-01\",\"service_start\":\"2010-01-01\",\"commitment_start\":\"2010-01-01\","
		"\"financing\":\"employer\",\"vehicle\":\"UK\",\"exit_date\":\"2011-01-01\"}",
		"{\"birth_date\":\"1999-01-01\",\"service_start\":\"2019-01-01\",\"commitment_start\":\"2019-01-01\","
		"\"financing\":\"employee\",\"vehicle\":\"PF\",\"exit_date\":\"2019-01-01\"}",
		"{\"birth_date\":\"1999-01-01\",\"service_start\":\"2019-01-01\",\"commitment_start\":\"2020-01-01\","
		"\"financing\":\"employer\",\"vehicle\":\"PK\"}",
	};
	for (size_t i = 0; i < sizeof vest / sizeof *vest; i++)
		render_all(calc_vesting, vest[i]);
	for (int y = 2002; y <= 2026; y++) {
		char t[32];
		snprintf(t, sizeof t, "{\"year\":%d}", y);
		render_all(calc_limits, t);
	}
	static const char *const abf[] = {
		"{\"year\":2011,\"monthly_pension_cents\":2000}",
		"{\"year\":2011,\"capital_cents\":2000,\"region\":\"ost\"}",
		"{\"year\":2011,\"monthly_pension_cents\":2000,\"region\":\"ost\"}",
		"{\"year\":2011,\"capital_cents\":2000000}",
		"{\"year\":2011,\"monthly_pension_cents\":2000,\"transfer_requested\":true}",
		"{\"year\":2020,\"monthly_pension_cents\":2000,\"eu_abroad_notified\":true}",
		"{\"year\":2020,\"monthly_pension_cents\":2000,\"running\":true,\"running_since\":\"2000-01-01\"}",
		"{\"year\":2026,\"monthly_pension_cents\":5000}",
	};
	for (size_t i = 0; i < sizeof abf / sizeof *abf; i++)
		render_all(calc_abfindung, abf[i]);
	static const char *const trs[] = {
		"{\"vehicle\":\"DZ\",\"commitment_start\":\"2004-01-01\",\"exit_date\":\"2020-06-30\","
		"\"demand_date\":\"2021-07-01\",\"transfer_value_cents\":50000000}",
		"{\"vehicle\":\"PK\",\"commitment_start\":\"2014-01-01\",\"exit_date\":\"2020-06-30\","
		"\"demand_date\":\"2020-06-01\",\"transfer_value_cents\":5}",
		"{\"vehicle\":\"PF\",\"commitment_start\":\"2014-01-01\",\"exit_date\":\"2020-06-30\","
		"\"demand_date\":\"2020-07-01\",\"transfer_value_cents\":5}",
	};
	for (size_t i = 0; i < sizeof trs / sizeof *trs; i++)
		render_all(calc_transfer, trs[i]);
	static const char *const psv[] = {
		"{\"year\":2024,\"vehicle\":\"DZ\",\"teilwert_cents\":100,\"vested_on\":\"2030-01-01\"}",
		"{\"year\":2024,\"vehicle\":\"PF\",\"teilwert_cents\":100,\"running\":true}",
		"{\"year\":2024,\"vehicle\":\"UK\",\"deckungskapital_cents\":100,\"allocation_cents\":5}",
		"{\"year\":2024,\"vehicle\":\"DV\",\"dv_revocable\":true,\"deckungskapital_cents\":100}",
		"{\"year\":2024,\"vehicle\":\"DV\",\"dv_assigned\":true,\"base_cents\":100}",
		"{\"year\":2024,\"vehicle\":\"DV\"}",
		"{\"year\":2020,\"vehicle\":\"PK\"}",
		"{\"year\":2022,\"vehicle\":\"PK\",\"pk_exempt\":true}",
		"{\"year\":2022,\"vehicle\":\"PK\",\"base_cents\":100}",
		"{\"year\":2026,\"vehicle\":\"DZ\",\"pure_contribution\":true}",
		"{\"year\":2026,\"vehicle\":\"DZ\",\"teilwert_cents\":100}",
	};
	for (size_t i = 0; i < sizeof psv / sizeof *psv; i++)
		render_all(calc_psv, psv[i]);
	static const char *const adj[] = {
		"{\"pension_start\":\"2020-07-01\"}",
		"{\"pension_start\":\"2020-07-01\",\"bundled_date\":\"07-01\"}",
		"{\"pension_start\":\"2020-07-01\",\"capital\":true}",
		"{\"pension_start\":\"2020-07-01\",\"auszahlungsplan\":true}",
		"{\"pension_start\":\"2020-07-01\",\"bzml\":true}",
		"{\"pension_start\":\"2020-07-01\",\"vehicle\":\"DV\",\"surplus_to_benefits\":true}",
		"{\"pension_start\":\"2020-07-01\",\"one_percent\":true,\"commitment_start\":\"1990-01-01\"}",
		"{\"pension_start\":\"2020-07-01\",\"one_percent\":true,\"commitment_start\":\"2000-01-01\","
		"\"monthly_pension_cents\":10000}",
		"{\"pension_start\":\"2020-07-01\",\"financing\":\"employee\",\"commitment_start\":\"2002-01-01\","
		"\"monthly_pension_cents\":10000}",
	};
	for (size_t i = 0; i < sizeof adj / sizeof *adj; i++)
		render_all(calc_adjustment, adj[i]);
	static const char *const subs[] = {
		"{\"vehicle\":\"DZ\",\"agreement_date\":\"2019-01-01\",\"date\":\"2022-01-01\",\"conversion_cents\":100}",
		"{\"vehicle\":\"DV\",\"agreement_date\":\"2018-01-01\",\"date\":\"2018-06-01\",\"conversion_cents\":100}",
		"{\"vehicle\":\"DV\",\"agreement_date\":\"2018-01-01\",\"date\":\"2021-06-01\",\"conversion_cents\":100}",
		"{\"vehicle\":\"DV\",\"agreement_date\":\"2018-01-01\",\"date\":\"2022-06-01\",\"conversion_cents\":100}",
		"{\"vehicle\":\"PK\",\"agreement_date\":\"2019-01-01\",\"date\":\"2022-06-01\",\"conversion_cents\":100,"
		"\"mode\":\"capped\",\"sv_saving_cents\":5}",
		"{\"vehicle\":\"PK\",\"agreement_date\":\"2019-01-01\",\"date\":\"2022-06-01\",\"conversion_cents\":100,"
		"\"mode\":\"capped\",\"sv_saving_cents\":50}",
	};
	for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
		render_all(calc_subsidy, subs[i]);
}

/* Every key the law code names has a text in both languages (also notes no test case reaches). */
static void test_catalogue_complete(void **state)
{
	FILE *p = popen("grep -ohE '\"(vest|lim|sub|abf|tr|psv|adj|err)\\.[a-z_.0-9]+[a-z0-9]\"' "
	                "src/core/vesting.c src/core/limits.c src/core/settlement.c src/core/psv.c src/app/calc_law.c",
	                "r");
	assert_non_null(p);
	char line[128];
	int  n = 0;
	while (fgets(line, sizeof line, p)) {
		line[strcspn(line, "\n")] = '\0';
		line[strlen(line) - 1]    = '\0';
		for (int l = 0; l < LANG__COUNT; l++)
			if (!i18n_has((enum lang)l, line + 1))
				fail_msg("no %s text for %s", i18n_lang_code((enum lang)l), line + 1);
		n++;
	}
	pclose(p);
	assert_true(n > 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vesting),      cmocka_unit_test(test_vesting_options),
		cmocka_unit_test(test_vesting_bad),  cmocka_unit_test(test_limits),
		cmocka_unit_test(test_abfindung),    cmocka_unit_test(test_transfer),
		cmocka_unit_test(test_psv_adjustment_subsidy), cmocka_unit_test(test_notes_render),
		cmocka_unit_test(test_catalogue_complete),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
