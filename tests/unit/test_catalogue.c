/*
 * test_catalogue.c — every message key the C code names ("err.…", "http.…",
 * "account.…", "role.…", "nav.…", "valid.…") has a text in German and in
 * English.  Scans src/ for the literals, so a new key without a text fails.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "http/i18n.h"

static void test_keys_in_code_have_texts(void **state)
{
	i18n_init();
	FILE *p = popen("grep -rhoE '\"(err|http|account|role|nav)\\.[a-z_.0-9]+[a-z0-9]\"' src", "r");
	assert_non_null(p);
	char line[256];
	int  checked = 0, missing = 0;
	while (fgets(line, sizeof line, p)) {
		line[strcspn(line, "\n")] = '\0';
		size_t n                  = strlen(line);
		if (n < 3)
			continue;
		line[n - 1]     = '\0';
		const char *key = line + 1;
		if (!strcmp(key, "http.%d")) /* built at run time from the status */
			continue;
		for (int l = 0; l < LANG__COUNT; l++)
			if (!i18n_has((enum lang)l, key)) {
				fprintf(stderr, "missing %s text for %s\n", i18n_lang_code((enum lang)l), key);
				missing++;
			}
		checked++;
	}
	pclose(p);
	assert_true(checked > 50);
	assert_int_equal(missing, 0);
	/* every status the error table can produce has a title */
	static const int statuses[] = {400, 401, 403, 404, 405, 409, 413, 422, 429, 500, 503};
	for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++) {
		char key[16];
		snprintf(key, sizeof key, "http.%d", statuses[i]);
		assert_true(i18n_has(LANG_DE, key));
		assert_true(i18n_has(LANG_EN, key));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_keys_in_code_have_texts)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
