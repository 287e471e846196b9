/*
 * test_date.c — calendar arithmetic, parsing and formatting of src/core/date.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"

static bool parse_str(const char *s, day_t *out)
{
	return date_parse(s, strlen(s), out);
}

static void test_epoch(void **state)
{
	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_from_ymd(1969, 12, 31), -1);
	assert_int_equal(date_from_ymd(2000, 3, 1), 11017);
	assert_int_equal(date_from_ymd(1800, 1, 1), -62091);
	assert_int_equal(date_from_ymd(2200, 12, 31), 84370);
	assert_int_equal(date_weekday(0), 3);                          /* Thursday */
	assert_int_equal(date_weekday(date_from_ymd(2024, 2, 29)), 3); /* Thursday */
	assert_int_equal(date_weekday(date_from_ymd(1800, 1, 1)), 2);  /* Wednesday */
	assert_int_equal(date_weekday(date_from_ymd(2025, 6, 1)), 6);  /* Sunday */
	assert_int_equal(date_weekday(-1), 2);
	/* the ends of day_t convert both ways */
	day_t ends[] = { INT32_MIN, INT32_MAX, INT32_MIN + 1, INT32_MAX - 1 };
	for (size_t i = 0; i < 4; i++) {
		int y, m, d;
		date_to_ymd(ends[i], &y, &m, &d);
		assert_true(date_valid_ymd(y, m, d));
		assert_int_equal(date_from_ymd(y, m, d), ends[i]);
	}
	assert_false(date_valid_ymd(6000000, 1, 1));
	assert_false(date_valid_ymd(-6000000, 1, 1));
}

/* Every day from 1800-01-01 to 2200-12-31: consecutive numbers, valid
 * components, round trip through both notations and the parser. */
static void test_round_trip(void **state)
{
	day_t first = date_from_ymd(1800, 1, 1), last = date_from_ymd(2200, 12, 31);
	int py = 1799, pm = 12, pd = 31;
	for (day_t day = first; day <= last; day++) {
		int y, m, d;
		date_to_ymd(day, &y, &m, &d);
		assert_true(date_valid_ymd(y, m, d));
		assert_int_equal(date_from_ymd(y, m, d), day);
		/* successor of the previous date */
		if (d == 1) {
			assert_int_equal(pd, date_days_in_month(py, pm));
			assert_true((m == pm + 1 && y == py) || (m == 1 && pm == 12 && y == py + 1));
		} else {
			assert_true(d == pd + 1 && m == pm && y == py);
		}
		py = y, pm = m, pd = d;
		assert_int_equal(date_weekday(day), (date_weekday(first) + (day - first)) % 7);

		char iso[11], de[11];
		day_t back = 0;
		date_format_iso(day, iso);
		date_format_de(day, de);
		assert_int_equal(strlen(iso), 10);
		assert_int_equal(strlen(de), 10);
		assert_true(parse_str(iso, &back));
		assert_int_equal(back, day);
		back = 0;
		assert_true(parse_str(de, &back));
		assert_int_equal(back, day);
	}
	assert_int_equal(py, 2200);
}

static void test_leap(void **state)
{
	assert_false(date_is_leap(1900));
	assert_true(date_is_leap(2000));
	assert_true(date_is_leap(2024));
	assert_false(date_is_leap(2023));
	assert_false(date_is_leap(2100));
	assert_true(date_is_leap(1600));
	assert_int_equal(date_days_in_month(1900, 2), 28);
	assert_int_equal(date_days_in_month(2000, 2), 29);
	assert_int_equal(date_days_in_month(2023, 4), 30);
	assert_int_equal(date_days_in_month(2023, 13), 0);
	assert_false(date_valid_ymd(1900, 2, 29));
	assert_true(date_valid_ymd(2000, 2, 29));
	assert_false(date_valid_ymd(2024, 0, 1));
	assert_false(date_valid_ymd(2024, 1, 0));
	/* 365 or 366 days between consecutive New Years */
	for (int y = 1800; y <= 2200; y++)
		assert_int_equal(date_from_ymd(y + 1, 1, 1) - date_from_ymd(y, 1, 1), date_is_leap(y) ? 366 : 365);
}

static void test_parse_valid(void **state)
{
	day_t d = 0;
	assert_true(parse_str("2024-02-29", &d));
	assert_int_equal(d, date_from_ymd(2024, 2, 29));
	assert_true(parse_str("29.02.2024", &d));
	assert_int_equal(d, date_from_ymd(2024, 2, 29));
	assert_true(parse_str("29.02.2000", &d));
	assert_int_equal(d, date_from_ymd(2000, 2, 29));
	assert_true(parse_str("1.3.2024", &d));
	assert_int_equal(d, date_from_ymd(2024, 3, 1));
	assert_true(parse_str("01.3.2024", &d));
	assert_int_equal(d, date_from_ymd(2024, 3, 1));
	assert_true(parse_str("1.03.2024", &d));
	assert_int_equal(d, date_from_ymd(2024, 3, 1));
	assert_true(parse_str("1800-01-01", &d));
	assert_int_equal(d, date_from_ymd(1800, 1, 1));
	assert_true(parse_str("31.12.2200", &d));
	assert_int_equal(d, date_from_ymd(2200, 12, 31));
	/* n limits the input: the rest of the buffer is not looked at */
	assert_true(date_parse("2024-05-17xyz", 10, &d));
	assert_int_equal(d, date_from_ymd(2024, 5, 17));
}

static void test_parse_invalid(void **state)
{
	static const char *bad[] = {
		"2023-02-29", "29.02.2023", "29.02.1900", "31.04.2024", "2024-04-31", "2024-13-01",
		"2024-00-10", "2024-01-00", "00.01.2024", "2024-1-01", "2024-01-1", "24-01-01",
		"2024-01-01x", "2024-01-01 ", " 2024-01-01", "01.01.2024.", "01.01.24", "001.01.2024",
		"01.001.2024", "1..2024", ".1.2024", "1.1.", "2024/01/01", "01-01-2024", "1799-12-31",
		"2201-01-01", "31.12.1799", "01.01.02024", "2024-01-+1", "+1.01.2024", "2024–01–01",
		"", "2024-01-01\n", "٢٠٢٤-01-01", "1.1.2024 ", "1. 1.2024", "32.01.2024",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		day_t d = 12345;
		if (parse_str(bad[i], &d))
			fail_msg("accepted \"%s\"", bad[i]);
		assert_int_equal(d, 12345);
	}
	day_t d = 0;
	assert_false(date_parse("2024-01-01\0", 11, &d)); /* embedded NUL counts as garbage */
	assert_false(date_parse("2024-01-01", 9, &d));
	assert_false(date_parse(NULL, 0, &d));
}

static void test_format(void **state)
{
	char b[11];
	date_format_iso(date_from_ymd(2024, 2, 9), b);
	assert_string_equal(b, "2024-02-09");
	date_format_de(date_from_ymd(2024, 2, 9), b);
	assert_string_equal(b, "09.02.2024");
	date_format_iso(date_from_ymd(1800, 1, 1), b);
	assert_string_equal(b, "1800-01-01");
	date_format_de(date_from_ymd(5, 11, 30), b);
	assert_string_equal(b, "30.11.0005");
}

static void test_add_years(void **state)
{
	day_t leap = date_from_ymd(2024, 2, 29);
	assert_int_equal(date_add_years(leap, 1), date_from_ymd(2025, 2, 28));
	assert_int_equal(date_add_years(leap, 4), date_from_ymd(2028, 2, 29));
	assert_int_equal(date_add_years(leap, -1), date_from_ymd(2023, 2, 28));
	assert_int_equal(date_add_years(leap, 76), date_from_ymd(2100, 2, 28));
	assert_int_equal(date_add_years(date_from_ymd(2000, 2, 29), 100), date_from_ymd(2100, 2, 28));
	assert_int_equal(date_add_years(date_from_ymd(2000, 2, 29), 400), date_from_ymd(2400, 2, 29));
	assert_int_equal(date_add_years(date_from_ymd(1960, 3, 1), 67), date_from_ymd(2027, 3, 1));
	assert_int_equal(date_add_years(date_from_ymd(1999, 12, 31), 0), date_from_ymd(1999, 12, 31));
	assert_int_equal(date_add_years(date_from_ymd(1890, 2, 28), 10), date_from_ymd(1900, 2, 28));
}

static void test_add_months(void **state)
{
	assert_int_equal(date_add_months(date_from_ymd(2024, 1, 31), 1), date_from_ymd(2024, 2, 29));
	assert_int_equal(date_add_months(date_from_ymd(2023, 1, 31), 1), date_from_ymd(2023, 2, 28));
	assert_int_equal(date_add_months(date_from_ymd(2024, 3, 31), 1), date_from_ymd(2024, 4, 30));
	assert_int_equal(date_add_months(date_from_ymd(2024, 11, 15), 2), date_from_ymd(2025, 1, 15));
	assert_int_equal(date_add_months(date_from_ymd(2024, 1, 15), -1), date_from_ymd(2023, 12, 15));
	assert_int_equal(date_add_months(date_from_ymd(2024, 3, 31), -1), date_from_ymd(2024, 2, 29));
	assert_int_equal(date_add_months(date_from_ymd(2024, 1, 10), -13), date_from_ymd(2022, 12, 10));
	assert_int_equal(date_add_months(date_from_ymd(2024, 1, 10), -24), date_from_ymd(2022, 1, 10));
	assert_int_equal(date_add_months(date_from_ymd(2024, 1, 10), 12 * 67), date_from_ymd(2091, 1, 10));
	assert_int_equal(date_add_months(date_from_ymd(2024, 2, 29), 12), date_add_years(date_from_ymd(2024, 2, 29), 1));
	/* years before 1 AD (negative month counts) */
	assert_int_equal(date_add_months(date_from_ymd(0, 1, 31), -1), date_from_ymd(-1, 12, 31));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_epoch),       cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_leap),        cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_invalid), cmocka_unit_test(test_format),
		cmocka_unit_test(test_add_years),   cmocka_unit_test(test_add_months),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
