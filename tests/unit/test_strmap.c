/*
 * test_strmap.c — the string map of src/base/strmap.c: absent keys, values,
 * duplicates refused, growth past many resizes, keys copied.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/strmap.h"

static void test_empty(void **state)
{
	(void)state;
	struct strmap m = {0};
	int64_t       v = 7;
	assert_false(strmap_get(&m, "", &v));
	assert_false(strmap_get(&m, "a", NULL));
	assert_int_equal(v, 7);
	strmap_free(&m);
}

static void test_add_get(void **state)
{
	(void)state;
	struct strmap m = {0};
	char          key[16];
	strcpy(key, "4711");
	assert_true(strmap_add(&m, key, 42));
	strcpy(key, "0815"); /* the map kept its own copy */
	int64_t v = 0;
	assert_true(strmap_get(&m, "4711", &v));
	assert_int_equal(v, 42);
	assert_false(strmap_get(&m, "0815", NULL));
	assert_false(strmap_add(&m, "4711", 43)); /* a duplicate changes nothing */
	assert_true(strmap_get(&m, "4711", &v));
	assert_int_equal(v, 42);
	assert_true(strmap_add(&m, "", -1)); /* the empty key is a key */
	assert_true(strmap_get(&m, "", &v));
	assert_int_equal(v, -1);
	assert_int_equal(m.n, 2);
	strmap_free(&m);
	assert_int_equal(m.n, 0);
	assert_false(strmap_get(&m, "4711", NULL));
}

static void test_many(void **state)
{
	(void)state;
	struct strmap m = {0};
	char          key[24];
	for (int64_t i = 0; i < 100000; i++) {
		snprintf(key, sizeof key, "P%06lld", (long long)i);
		assert_true(strmap_add(&m, key, i * 3));
	}
	assert_int_equal(m.n, 100000);
	assert_true(m.n * 10 <= m.cap * 7); /* the load stays under 70 % */
	for (int64_t i = 0; i < 100000; i++) {
		int64_t v = -1;
		snprintf(key, sizeof key, "P%06lld", (long long)i);
		assert_true(strmap_get(&m, key, &v));
		assert_int_equal(v, i * 3);
		assert_false(strmap_add(&m, key, 0));
	}
	assert_false(strmap_get(&m, "P100000", NULL));
	strmap_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_add_get),
		cmocka_unit_test(test_many),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
