/*
 * test_i18n.c — the message catalogue (src/http/i18n.c) against the real
 * embedded i18n files: both languages complete, every {{t:key}} of the
 * templates present, role and nav keys present, lookups and the file parser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "http/i18n.h"
#include "templates.h"

static void test_no_missing_keys(void **state)
{
	assert_int_equal(i18n_missing(stderr), 0);
}

static void test_template_keys_exist(void **state)
{
	assert_true(tmpl_text_keys_count > 50);
	size_t bad = 0;
	for (size_t i = 0; i < tmpl_text_keys_count; i++)
		for (int l = 0; l < LANG__COUNT; l++)
			if (!i18n_has((enum lang)l, tmpl_text_keys[i])) {
				fprintf(stderr, "template key '%s' missing in %s\n", tmpl_text_keys[i],
				        i18n_lang_code((enum lang)l));
				bad++;
			}
	assert_int_equal(bad, 0);
}

static void test_role_and_nav_keys(void **state)
{
	static const char *const keys[] = {
	    "role.employer_admin", "role.hr",         "role.employee",  "role.broker",
	    "role.tax_advisor",    "role.operator_admin", "role.operator_clerk", "nav.home",
	    "nav.employers",       "nav.employees",   "nav.contracts",  "nav.imports",
	    "nav.tasks",           "nav.documents",   "nav.users",      "nav.audit",
	    "nav.reports",         "nav.settings",    "nav.choose",     "nav.account",
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		assert_true(i18n_has(LANG_DE, keys[i]));
		assert_true(i18n_has(LANG_EN, keys[i]));
		assert_string_not_equal(i18n_text(LANG_DE, keys[i]), keys[i]);
	}
	assert_string_equal(i18n_text(LANG_DE, "role.hr"), "Personalabteilung");
	assert_string_equal(i18n_text(LANG_EN, "role.hr"), "HR");
	assert_string_equal(i18n_text(LANG_DE, "login.title"), "Anmelden");
	assert_string_equal(i18n_text(LANG_EN, "login.title"), "Sign in");
}

static void test_lookup(void **state)
{
	assert_string_equal(i18n_text(LANG_DE, "no.such.key"), "no.such.key");
	assert_false(i18n_has(LANG_EN, "no.such.key"));
	assert_false(i18n_has(LANG_EN, ""));
	assert_string_equal(i18n_text(LANG_EN, NULL), "");
	assert_string_equal(i18n_text((enum lang)7, "role.hr"), "role.hr");
	/* umlauts survive as UTF-8 */
	assert_string_equal(i18n_text(LANG_DE, "nav.employees"), "Beschäftigte");
}

static void test_lang_codes(void **state)
{
	assert_int_equal(i18n_lang_from_code("de"), LANG_DE);
	assert_int_equal(i18n_lang_from_code("en"), LANG_EN);
	assert_int_equal(i18n_lang_from_code("EN-gb"), LANG_EN);
	assert_int_equal(i18n_lang_from_code("fr"), LANG_DE);
	assert_int_equal(i18n_lang_from_code("english"), LANG_DE);
	assert_int_equal(i18n_lang_from_code(""), LANG_DE);
	assert_int_equal(i18n_lang_from_code(NULL), LANG_DE);
	assert_string_equal(i18n_lang_code(LANG_DE), "de");
	assert_string_equal(i18n_lang_code(LANG_EN), "en");
}

static void check_bad(const char *text, const char *want)
{
	char        err[160];
	const char *e = i18n_check(text, strlen(text), err, sizeof err);
	if (!e || !strstr(e, want))
		fail_msg("for %s want '%s', got '%s'", text, want, e ? e : "(ok)");
}

static void test_file_format(void **state)
{
	char        err[160];
	const char *ok = "# comment\n\n  a.b = Text with = sign \r\nc-d=x\n\t# indented comment\n";
	assert_null(i18n_check(ok, strlen(ok), err, sizeof err));
	check_bad("a.b = x\nno equals sign\n", "line 2");
	check_bad("= text\n", "line 1: expected");
	check_bad("a b = text\n", "expected");
	check_bad("a =   \n", "empty text");
	check_bad("k\xc3\xa4 = x\n", "expected");
}

int main(void)
{
	i18n_init();
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_no_missing_keys), cmocka_unit_test(test_template_keys_exist),
	    cmocka_unit_test(test_role_and_nav_keys), cmocka_unit_test(test_lookup),
	    cmocka_unit_test(test_lang_codes),      cmocka_unit_test(test_file_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
