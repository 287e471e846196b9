/*
 * test_calc_registry.c — every calculator answers its example, every page
 * label exists in German and English (title, summary, fields, choices and
 * every result field the example produces), and a submitted form becomes the
 * calculator's JSON.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/calc.h"
#include "http/i18n.h"
#include "http/parse.h"

static const struct {
	const char *name, *json;
} examples[] = {
	{"vesting", "{\"birth_date\":\"1982-08-23\",\"service_start\":\"2004-04-01\",\"commitment_start\":\"2007-01-01\","
	            "\"financing\":\"mixed\",\"exit_date\":\"2010-06-30\",\"contractually_vested_from\":\"2009-01-01\"}"},
	{"mn", "{\"promised_cents\":30000,\"service_start\":\"1979-01-01\",\"exit_date\":\"1985-12-31\","
	       "\"retirement_date\":\"2014-12-31\"}"},
	{"vvl", "{\"vehicle\":\"DV\",\"exit_date\":\"2020-06-23\",\"irrevocable_from\":null,\"assigned_or_pledged\":false,"
	        "\"policy_loan\":true,\"premium_arrears\":false,\"surplus_to_benefits\":true,\"continuation_right\":true,"
	        "\"employer_declaration_date\":\"2020-09-24\"}"},
	{"method", "{\"commitment_type\":\"BOLZ\",\"vehicle\":\"PF\",\"financing\":\"employer\",\"commitment_date\":"
	           "\"2002-01-01\",\"exit_date\":\"2002-06-30\"}"},
	{"retirement", "{\"birth_date\":\"1964-05-01\",\"fixed_age_years\":65}"},
	{"abfindung", "{\"year\":2026,\"monthly_pension_cents\":2555,\"transfer_requested\":false}"},
	{"transfer", "{\"vehicle\":\"DV\",\"commitment_start\":\"2010-01-01\",\"exit_date\":\"2020-06-30\","
	             "\"demand_date\":\"2021-06-30\",\"transfer_value_cents\":5000000}"},
	{"limits", "{\"year\":2026}"},
	{"lohnsteuer", "{\"year\":2026,\"LZZ\":2,\"RE4\":500000,\"STKL\":1,\"KVZ\":2.9,\"R\":1}"},
	{"subsidy", "{\"vehicle\":\"DV\",\"agreement_date\":\"2018-05-01\",\"date\":\"2022-01-31\",\"conversion_cents\":"
	            "20000,\"mode\":\"capped\",\"sv_saving_cents\":1200}"},
	{"psv", "{\"year\":2024,\"vehicle\":\"DZ\",\"teilwert_cents\":100000000,\"granted_on\":\"2024-03-15\","
	        "\"vested_on\":\"2024-01-01\"}"},
	{"adjustment", "{\"pension_start\":\"2020-07-01\",\"count\":2,\"bundled_date\":\"01-01\"}"},
	{"adjustment", "{\"pension_start\":\"2020-07-01\",\"one_percent\":true,\"commitment_start\":\"2005-01-01\","
	               "\"monthly_pension_cents\":50000}"},
	{"validate", "{\"kind\":\"iban\",\"value\":\"DE89370400440532013001\"}"},
	{"net-cost", "{\"year\":2026,\"monthly_gross_cents\":400000,\"tax_class\":1,\"childless\":true,\"federal_state\":"
	             "\"NW\",\"additional_rate\":2.9,\"conversion_cents\":20000}"},
	{"net-cost", "{\"year\":2025,\"monthly_gross_cents\":50000,\"tax_class\":1,\"federal_state\":\"SN\","
	             "\"conversion_cents\":5000,\"subsidy\":\"amount\",\"subsidy_cents\":1000}"},
	{"net-cost", "{\"year\":2026,\"monthly_gross_cents\":700000,\"tax_class\":3,\"child_allowances\":1.5,"
	             "\"children\":2,\"church_tax\":true,\"federal_state\":\"BY\",\"health_insurance\":\"private\","
	             "\"private_premium_cents\":60000,\"private_care_premium_cents\":9000,\"conversion_cents\":30000,"
	             "\"subsidy\":\"percent\",\"subsidy_percent\":20}"},
};

static const char *const technical[] = {"branch", "branch_employer_part", "branch_employee_part", "era",
                                        "reason", "duty_reason", "unified", "reading", "vesting_boundary",
                                        "convention", "paragraph", "rule", "explanation", NULL};

static int missing;

static void need(const char *key)
{
	for (int l = 0; l < LANG__COUNT; l++)
		if (!i18n_has((enum lang)l, key)) {
			fprintf(stderr, "no %s text for %s\n", i18n_lang_code((enum lang)l), key);
			missing++;
		}
}

static bool is_technical(const char *k)
{
	for (const char *const *t = technical; *t; t++)
		if (!strcmp(*t, k))
			return true;
	return false;
}

static void need_out_labels(json_t *o)
{
	const char *k;
	json_t     *v;
	json_object_foreach(o, k, v)
	{
		if (is_technical(k))
			continue;
		char key[128];
		snprintf(key, sizeof key, "calc.out.%s", k);
		need(key);
		if (json_is_object(v))
			need_out_labels(v);
		size_t  i;
		json_t *item;
		if (json_is_array(v))
			json_array_foreach(v, i, item) if (json_is_object(item) && !json_object_get(item, "message"))
				need_out_labels(item);
	}
}

static void test_examples_and_labels(void **state)
{
	i18n_init();
	missing = 0;
	for (size_t i = 0; i < sizeof examples / sizeof *examples; i++) {
		const struct calc *c = calc_find(examples[i].name);
		assert_non_null(c);
		struct calc_error err;
		for (int l = 0; l < LANG__COUNT; l++) {
			json_t *out = calc_run(c, examples[i].json, strlen(examples[i].json), (enum lang)l, &err);
			if (!out)
				fprintf(stderr, "%s: %s (%s)\n", c->name, err.message, err.field ? err.field : "");
			assert_non_null(out);
			assert_true(json_is_string(json_object_get(out, "rule")));
			need_out_labels(out);
			json_decref(out);
		}
	}
	for (size_t i = 0; i < calcs_count; i++) {
		char key[128];
		snprintf(key, sizeof key, "calc.%s.title", calcs[i].name);
		need(key);
		snprintf(key, sizeof key, "calc.%s.summary", calcs[i].name);
		need(key);
		assert_non_null(calcs[i].fields);
		for (const struct calc_field *f = calcs[i].fields; f->name; f++) {
			snprintf(key, sizeof key, "calc.field.%s", f->name);
			need(key);
			for (const char *const *ch = f->choices; ch && *ch; ch++) {
				snprintf(key, sizeof key, "calc.choice.%s", *ch);
				need(key);
			}
		}
	}
	assert_int_equal(missing, 0);
}

static void test_every_example_name_registered(void **state)
{
	for (size_t i = 0; i < calcs_count; i++) {
		bool seen = false;
		for (size_t k = 0; k < sizeof examples / sizeof *examples; k++)
			seen |= !strcmp(examples[k].name, calcs[i].name);
		assert_true(seen);
	}
	assert_null(calc_find("nope"));
}

static void test_form_to_json(void **state)
{
	const struct calc *c = calc_find("mn");
	struct arena       a;
	arena_init(&a);
	struct kv *kv;
	size_t     n;
	const char form[] = "_csrf=x&promised_cents=300%2C00&service_start=01.01.1979&exit_date=1985-12-31"
	                    "&retirement_date=31.12.2014&convention=";
	assert_int_equal(parse_urlencoded(&a, form, strlen(form), 32, &kv, &n), PARSE_OK);
	struct calc_error err = {0};
	json_t           *in  = calc_form_to_json(c, kv, n, &err);
	assert_non_null(in);
	assert_int_equal(json_integer_value(json_object_get(in, "promised_cents")), 30000);
	assert_string_equal(json_string_value(json_object_get(in, "service_start")), "1979-01-01");
	assert_null(json_object_get(in, "convention")); /* empty = not given */
	assert_null(json_object_get(in, "_csrf"));
	json_t *out = c->fn(in, LANG_EN, &err);
	assert_non_null(out);
	assert_int_equal(json_integer_value(json_object_get(out, "entitlement_cents")), 5833);
	json_decref(out);
	json_decref(in);

	const char bad[] = "promised_cents=abc";
	assert_int_equal(parse_urlencoded(&a, bad, strlen(bad), 32, &kv, &n), PARSE_OK);
	assert_null(calc_form_to_json(c, kv, n, &err));
	assert_string_equal(err.field, "promised_cents");
	const char unknown[] = "evil=1";
	assert_int_equal(parse_urlencoded(&a, unknown, strlen(unknown), 32, &kv, &n), PARSE_OK);
	assert_null(calc_form_to_json(c, kv, n, &err));
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_examples_and_labels),
		cmocka_unit_test(test_every_example_name_registered),
		cmocka_unit_test(test_form_to_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
