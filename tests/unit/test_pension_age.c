/*
 * test_pension_age.c — Regelaltersgrenze by year of birth (§ 35, § 235 Abs. 2
 * SGB VI), the "day before the birthday" rule (§§ 187 Abs. 2, 188 Abs. 2/3
 * BGB) incl. the 1st of a month and 29 February, and the retirement_date
 * (fixed plan age vs. RAG) of src/core/pension_age.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/pension_age.h"

static day_t ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static void assert_day(day_t got, int y, int m, int d)
{
	int gy, gm, gd;
	date_to_ymd(got, &gy, &gm, &gd);
	if (gy != y || gm != m || gd != d)
		fail_msg("got %04d-%02d-%02d, want %04d-%02d-%02d", gy, gm, gd, y, m, d);
}

static bool has_note(const struct explain *e, const char *key)
{
	for (int i = 0; i < e->nnotes; i++)
		if (!strcmp(e->notes[i].key, key))
			return true;
	return false;
}

/* The statutory table, written out (not computed) for every year 1946–1965. */
static void test_rag_table(void **state)
{
	static const struct {
		int year, years, months;
	} table[] = {
		{1946, 65, 0},  {1947, 65, 1},  {1948, 65, 2},  {1949, 65, 3}, {1950, 65, 4},
		{1951, 65, 5},  {1952, 65, 6},  {1953, 65, 7},  {1954, 65, 8}, {1955, 65, 9},
		{1956, 65, 10}, {1957, 65, 11}, {1958, 66, 0},  {1959, 66, 2}, {1960, 66, 4},
		{1961, 66, 6},  {1962, 66, 8},  {1963, 66, 10}, {1964, 67, 0}, {1965, 67, 0},
	};
	for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
		struct pension_age a = pension_age_rag(table[i].year);
		if (a.years != table[i].years || a.months != table[i].months)
			fail_msg("born %d: got %d+%d, want %d+%d", table[i].year, a.years, a.months, table[i].years,
			         table[i].months);
		/* born on the 1st of January: reached on the last day of the previous month */
		day_t r = pension_age_reached_on(ymd(table[i].year, 1, 1), a);
		assert_int_equal(r, ymd(table[i].year + table[i].years, 1 + table[i].months, 1) - 1);
		/* born on the 15th of June: reached on the 14th */
		int tm = 6 + table[i].months, ty = table[i].year + table[i].years + (tm > 12);
		assert_int_equal(pension_age_reached_on(ymd(table[i].year, 6, 15), a), ymd(ty, tm > 12 ? tm - 12 : tm, 14));
	}
	assert_int_equal(pension_age_rag(1900).years, 65);
	assert_int_equal(pension_age_rag(1900).months, 0);
	assert_int_equal(pension_age_rag(1990).years, 67);
	assert_int_equal(pension_age_rag(1990).months, 0);
}

static void test_day_before_birthday(void **state)
{
	/* born on the 1st: the last day of the previous month (BSG) */
	assert_day(pension_age_reached_on(ymd(1964, 5, 1), (struct pension_age){67, 0}), 2031, 4, 30);
	assert_day(pension_age_reached_on(ymd(1947, 1, 1), pension_age_rag(1947)), 2012, 1, 31);
	assert_day(pension_age_reached_on(ymd(1963, 3, 1), pension_age_rag(1963)), 2029, 12, 31); /* 66+10 → 01.01.2030 */
	assert_day(pension_age_reached_on(ymd(1950, 6, 15), pension_age_rag(1950)), 2015, 10, 14);
	assert_day(pension_age_reached_on(ymd(1958, 12, 31), pension_age_rag(1958)), 2024, 12, 30);
	/* months roll over the year end */
	assert_day(pension_age_reached_on(ymd(1961, 9, 10), pension_age_rag(1961)), 2028, 3, 9);
}

static void test_anniversary_missing_day(void **state)
{
	/* 29 February: 28.02 in a non-leap year (§ 188 Abs. 3 BGB), 28.02 also in a leap year */
	assert_day(pension_age_reached_on(ymd(1964, 2, 29), pension_age_rag(1964)), 2031, 2, 28);
	assert_day(pension_age_reached_on(ymd(1960, 2, 29), pension_age_rag(1960)), 2026, 6, 28);
	assert_day(pension_age_reached_on(ymd(1944, 2, 29), pension_age_rag(1944)), 2009, 2, 28);
	assert_day(pension_age_reached_on(ymd(1948, 2, 29), pension_age_rag(1948)), 2013, 4, 28);
	assert_day(pension_age_reached_on(ymd(1952, 2, 29), (struct pension_age){68, 0}), 2020, 2, 28);
	/* 31st + months into a short month: the month's last day */
	assert_day(pension_age_reached_on(ymd(1961, 8, 31), pension_age_rag(1961)), 2028, 2, 29);
	assert_day(pension_age_reached_on(ymd(1961, 10, 31), pension_age_rag(1961)), 2028, 4, 30);
	assert_day(pension_age_reached_on(ymd(1960, 3, 31), pension_age_rag(1960)), 2026, 7, 30);
	/* the anniversary itself */
	assert_day(pension_age_anniversary(ymd(2001, 1, 31), 1), 2001, 3, 1);
	assert_day(pension_age_anniversary(ymd(2000, 1, 31), 1), 2000, 3, 1);
	assert_day(pension_age_anniversary(ymd(2000, 2, 29), 12), 2001, 3, 1);
	assert_day(pension_age_anniversary(ymd(2000, 2, 29), 48), 2004, 2, 29);
	assert_day(pension_age_anniversary(ymd(2000, 1, 30), 1), 2000, 3, 1);
	assert_day(pension_age_anniversary(ymd(2000, 1, 29), 1), 2000, 2, 29);
	assert_day(pension_age_anniversary(ymd(2000, 5, 31), 0), 2000, 5, 31);
	assert_day(pension_age_anniversary(ymd(2000, 3, 31), -1), 2000, 3, 1);
	assert_day(pension_age_anniversary(ymd(2000, 12, 15), 1), 2001, 1, 15);
}

static void test_anniversary_strictly_increasing(void **state)
{
	for (day_t d = ymd(1999, 1, 1); d < ymd(2001, 1, 1); d++)
		for (int k = 0; k < 30; k++)
			assert_true(pension_age_anniversary(d, k + 1) > pension_age_anniversary(d, k));
}

static void test_compute_fixed_age(void **state)
{
	struct pension_age_result r;
	struct explain            e;

	/* no fixed age: the RAG */
	explain_init(&e);
	assert_true(pension_age_compute(ymd(1964, 5, 1), 0, &r, &e));
	assert_int_equal(r.rag.years, 67);
	assert_int_equal(r.rag.months, 0);
	assert_day(r.rag_reached_on, 2031, 4, 30);
	assert_int_equal(r.retirement_date, r.rag_reached_on);
	assert_false(r.has_fixed);
	assert_true(has_note(&e, "pension_age.first_of_month"));
	assert_false(has_note(&e, "pension_age.missing_day"));
	assert_false(e.overflow);

	/* an earlier fixed age (65) replaces the RAG */
	explain_init(&e);
	assert_true(pension_age_compute(ymd(1964, 5, 1), 65, &r, &e));
	assert_true(r.has_fixed && r.fixed_used);
	assert_day(r.fixed_reached_on, 2029, 4, 30);
	assert_day(r.retirement_date, 2029, 4, 30);
	assert_true(has_note(&e, "pension_age.fixed_used"));

	/* a later fixed age (67 for born 1950, RAG 65+4) does not */
	explain_init(&e);
	assert_true(pension_age_compute(ymd(1950, 6, 15), 67, &r, &e));
	assert_true(r.has_fixed);
	assert_false(r.fixed_used);
	assert_day(r.fixed_reached_on, 2017, 6, 14);
	assert_day(r.retirement_date, 2015, 10, 14);
	assert_true(has_note(&e, "pension_age.fixed_not_earlier"));

	/* equal: same day either way */
	assert_true(pension_age_compute(ymd(1970, 7, 20), 67, &r, NULL));
	assert_false(r.fixed_used);
	assert_day(r.retirement_date, 2037, 7, 19);

	/* 29 February note */
	explain_init(&e);
	assert_true(pension_age_compute(ymd(1964, 2, 29), 0, &r, &e));
	assert_day(r.retirement_date, 2031, 2, 28);
	assert_true(has_note(&e, "pension_age.missing_day"));

	/* fixed ages outside 50..75 are refused */
	assert_false(pension_age_compute(ymd(1964, 5, 1), 49, &r, NULL));
	assert_false(pension_age_compute(ymd(1964, 5, 1), 76, &r, NULL));
	assert_false(pension_age_compute(ymd(1964, 5, 1), -1, &r, NULL));
	assert_true(pension_age_compute(ymd(1964, 5, 1), 50, &r, NULL));
	assert_true(pension_age_compute(ymd(1964, 5, 1), 75, &r, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rag_table),
		cmocka_unit_test(test_day_before_birthday),
		cmocka_unit_test(test_anniversary_missing_day),
		cmocka_unit_test(test_anniversary_strictly_increasing),
		cmocka_unit_test(test_compute_fixed_age),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
