/*
 * test_mn.c — § 2 Abs. 1 BetrAVG, ratierliches Verfahren (src/core/mn.c):
 * the seed's worked examples, the definition of "completed months" at month
 * ends and 29 February, days vs. months, half-up rounding, errors, and
 * property tests (never above the promise, m <= n, monotone in the exit date).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/mn.h"

static day_t ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

/* Independent reference for completed months: the k-month period from a
 * ends the day before the same day number k months later; when that day
 * number is missing (date_add_months clamped it), the period ends with the
 * month's last day. */
static day_t ref_period_end(day_t a, int k)
{
	int   y, m, d, y2, m2, d2;
	day_t c = date_add_months(a, k);
	date_to_ymd(a, &y, &m, &d);
	date_to_ymd(c, &y2, &m2, &d2);
	return d2 < d ? c : c - 1;
}

static int32_t ref_months(day_t a, day_t b)
{
	if (b < a - 1)
		return -1;
	int32_t k = 0;
	while (ref_period_end(a, k + 1) <= b)
		k++;
	return k;
}

static void months_is(int ya, int ma, int da, int yb, int mb, int db, int32_t want)
{
	int32_t got = mn_completed_months(ymd(ya, ma, da), ymd(yb, mb, db));
	if (got != want)
		fail_msg("%02d.%02d.%04d → %02d.%02d.%04d: got %d months, want %d", da, ma, ya, db, mb, yb, got, want);
	assert_int_equal(ref_months(ymd(ya, ma, da), ymd(yb, mb, db)), want);
}

static void test_completed_months_definition(void **state)
{
	months_is(2000, 3, 1, 2006, 12, 31, 82);
	months_is(2000, 3, 15, 2000, 4, 14, 1);
	months_is(2000, 3, 15, 2000, 4, 13, 0);
	months_is(2000, 3, 15, 2000, 3, 15, 0); /* one day */
	months_is(2000, 3, 1, 2000, 2, 29, 0);  /* empty period */
	months_is(2000, 3, 1, 2000, 2, 28, -1); /* before the start */
	months_is(2000, 1, 1, 2000, 12, 31, 12);
	months_is(2000, 1, 1, 2000, 12, 30, 11);
	months_is(2001, 2, 1, 2001, 2, 28, 1); /* a whole February */
	months_is(2000, 2, 1, 2000, 2, 28, 0); /* leap February needs the 29th */
	months_is(2000, 2, 1, 2000, 2, 29, 1);
}

static void test_completed_months_month_ends(void **state)
{
	/* 31st into February: the month is complete with February's last day */
	months_is(2001, 1, 31, 2001, 2, 27, 0);
	months_is(2001, 1, 31, 2001, 2, 28, 1);
	months_is(2000, 1, 31, 2000, 2, 28, 0);
	months_is(2000, 1, 31, 2000, 2, 29, 1);
	months_is(2001, 1, 30, 2001, 2, 28, 1);
	months_is(2001, 1, 29, 2001, 2, 28, 1);
	months_is(2001, 1, 28, 2001, 2, 27, 1);
	months_is(2001, 1, 28, 2001, 2, 26, 0);
	/* the next month counts from the original day again, not from February's */
	months_is(2001, 1, 31, 2001, 3, 29, 1);
	months_is(2001, 1, 31, 2001, 3, 30, 2);
	months_is(2001, 3, 31, 2001, 4, 30, 1);
	months_is(2001, 3, 31, 2001, 4, 29, 0);
	months_is(2001, 8, 31, 2001, 9, 30, 1);
	months_is(2001, 12, 31, 2002, 1, 30, 1);
	months_is(2001, 12, 31, 2002, 1, 29, 0);
}

static void test_completed_months_29_february(void **state)
{
	months_is(2000, 2, 29, 2000, 3, 28, 1);
	months_is(2000, 2, 29, 2000, 3, 27, 0);
	months_is(2000, 2, 29, 2001, 2, 27, 11);
	months_is(2000, 2, 29, 2001, 2, 28, 12); /* 29.02.2001 missing → ends 28.02.2001 */
	months_is(2000, 2, 29, 2004, 2, 27, 47);
	months_is(2000, 2, 29, 2004, 2, 28, 48); /* 29.02.2004 exists → ends 28.02.2004 */
	months_is(1996, 2, 29, 2000, 2, 28, 48);
	/* ending on a 29 February */
	months_is(1999, 3, 1, 2000, 2, 29, 12);
	months_is(1999, 3, 1, 2000, 2, 28, 11);
}

static void test_completed_months_against_reference(void **state)
{
	/* every start day of 1999–2000 against many end days */
	for (day_t a = ymd(1999, 1, 1); a <= ymd(2000, 12, 31); a++)
		for (day_t b = a - 2; b < a + 800; b += 7)
			assert_int_equal(mn_completed_months(a, b), ref_months(a, b));
}

static int64_t mn_ok(int64_t promised, day_t s, day_t x, day_t r, enum mn_convention c, int32_t m, int32_t n)
{
	struct mn_result res;
	assert_int_equal(mn_compute(promised, s, x, r, c, &res, NULL), MN_OK);
	assert_int_equal(res.m, m);
	assert_int_equal(res.n, n);
	return res.entitlement_cents;
}

/* SEED4: entry at 29, commitment at 30, exit at 36, 300 € at 65 → 300 × 7/36 = 58,33 €.
 * m and n start at the entry, not at the commitment. */
static void test_seed_58_33(void **state)
{
	/* born 01.01.1950: entry 01.01.1979 (29), exit 31.12.1985 (36 completed), 65 on 31.12.2014 */
	assert_int_equal(mn_ok(30000, ymd(1979, 1, 1), ymd(1985, 12, 31), ymd(2014, 12, 31), MN_MONTHS, 84, 432), 5833);
	/* born 10.04.1970: entry 10.04.1999, exit 09.04.2006, 65 on 09.04.2035 */
	assert_int_equal(mn_ok(30000, ymd(1999, 4, 10), ymd(2006, 4, 9), ymd(2035, 4, 9), MN_MONTHS, 84, 432), 5833);
	/* to the day: 30000 × 2557 / 13149 = 5833,90 → 5834 */
	assert_int_equal(mn_ok(30000, ymd(1979, 1, 1), ymd(1985, 12, 31), ymd(2014, 12, 31), MN_DAYS, 2557, 13149),
	                 5834);

	struct explain   e;
	struct mn_result r;
	explain_init(&e);
	assert_int_equal(mn_compute(30000, ymd(1979, 1, 1), ymd(1985, 12, 31), ymd(2014, 12, 31), MN_MONTHS, &r, &e),
	                 MN_OK);
	bool found = false;
	for (int i = 0; i < e.nnotes; i++)
		if (!strcmp(e.notes[i].key, "mn.result")) {
			found = true;
			assert_int_equal(e.notes[i].args[0].v.cents, 30000);
			assert_int_equal(e.notes[i].args[1].v.i, 84);
			assert_int_equal(e.notes[i].args[2].v.i, 432);
			assert_int_equal(e.notes[i].args[3].v.cents, 5833);
		}
	assert_true(found);
	assert_int_equal(e.nrules, 2);
	assert_string_equal(e.rules[0], "§ 2 Abs. 1 BetrAVG");
	assert_false(e.overflow);
}

/* SEED4: entry 25, commitment 50, exit 55, 400 € at 65 → 400 × 30/40 = 300 €. */
static void test_seed_400(void **state)
{
	assert_int_equal(mn_ok(40000, ymd(1985, 1, 1), ymd(2014, 12, 31), ymd(2024, 12, 31), MN_MONTHS, 360, 480), 30000);
	/* deubner-recht example: 50.000 € × 25/40 */
	assert_int_equal(mn_ok(5000000, ymd(1990, 7, 1), ymd(2015, 6, 30), ymd(2030, 6, 30), MN_MONTHS, 300, 480),
	                 3125000);
}

/* SEED4: 12 € per Dienstjahr, entry 25, commitment 28, exit 34, at 65 → 108 €. */
static void test_seed_per_year(void **state)
{
	int64_t R;
	int32_t years;
	assert_int_equal(mn_per_year_promise(1200, ymd(1985, 1, 1), ymd(2024, 12, 31), &R, &years, NULL), MN_OK);
	assert_int_equal(years, 40);
	assert_int_equal(R, 48000);
	assert_int_equal(mn_ok(R, ymd(1985, 1, 1), ymd(1993, 12, 31), ymd(2024, 12, 31), MN_MONTHS, 108, 480), 10800);
	/* not whole years: only completed years of possible service count */
	assert_int_equal(mn_per_year_promise(1200, ymd(1985, 1, 1), ymd(2025, 5, 31), &R, &years, NULL), MN_OK);
	assert_int_equal(years, 40);
	assert_int_equal(mn_per_year_promise(-1, ymd(1985, 1, 1), ymd(2025, 5, 31), &R, &years, NULL), MN_ERR_AMOUNT);
	assert_int_equal(mn_per_year_promise(MN_MAX_CENTS, ymd(1985, 1, 1), ymd(2025, 5, 31), &R, &years, NULL),
	                 MN_ERR_AMOUNT);
	assert_int_equal(mn_per_year_promise(1200, ymd(2025, 1, 1), ymd(2024, 5, 31), &R, &years, NULL),
	                 MN_ERR_EXIT_AFTER_RETIREMENT);
}

static void test_rounding_half_up(void **state)
{
	day_t d = ymd(2010, 5, 5);
	/* days: m = 1, n = 2 or 3 */
	assert_int_equal(mn_ok(1, d, d, d + 1, MN_DAYS, 1, 2), 1); /* 0,5 → 1 (banker's would give 0) */
	assert_int_equal(mn_ok(5, d, d, d + 1, MN_DAYS, 1, 2), 3); /* 2,5 → 3 (banker's would give 2) */
	assert_int_equal(mn_ok(3, d, d, d + 1, MN_DAYS, 1, 2), 2); /* 1,5 → 2 */
	assert_int_equal(mn_ok(4, d, d, d + 2, MN_DAYS, 1, 3), 1); /* 1,33 → 1 */
	assert_int_equal(mn_ok(5, d, d, d + 2, MN_DAYS, 1, 3), 2); /* 1,67 → 2 */
	assert_int_equal(mn_ok(0, d, d, d + 2, MN_DAYS, 1, 3), 0);
	/* months: 100,00 € × 1/3 = 33,33; × 2/3 = 66,67 */
	assert_int_equal(mn_ok(10000, ymd(2010, 1, 1), ymd(2010, 1, 31), ymd(2010, 3, 31), MN_MONTHS, 1, 3), 3333);
	assert_int_equal(mn_ok(10000, ymd(2010, 1, 1), ymd(2010, 2, 28), ymd(2010, 3, 31), MN_MONTHS, 2, 3), 6667);
	/* the largest promise does not overflow */
	assert_int_equal(mn_ok(MN_MAX_CENTS, ymd(1800, 1, 1), ymd(2200, 12, 30), ymd(2200, 12, 31), MN_DAYS, 146461,
	                       146462),
	                 MN_MAX_CENTS - 68277096); /* 10^13 × 146461 / 146462 */
}

static void test_full_and_zero(void **state)
{
	/* exit on the retirement date: the full promise */
	assert_int_equal(mn_ok(30000, ymd(1979, 1, 1), ymd(2014, 12, 31), ymd(2014, 12, 31), MN_MONTHS, 432, 432), 30000);
	assert_int_equal(mn_ok(30000, ymd(1979, 1, 1), ymd(2014, 12, 31), ymd(2014, 12, 31), MN_DAYS, 13149, 13149),
	                 30000);
	/* exit on the day of entry: no completed month */
	assert_int_equal(mn_ok(30000, ymd(1979, 1, 1), ymd(1979, 1, 1), ymd(2014, 12, 31), MN_MONTHS, 0, 432), 0);
	assert_int_equal(mn_ok(30000, ymd(1979, 1, 1), ymd(1979, 1, 1), ymd(2014, 12, 31), MN_DAYS, 1, 13149), 2);
}

static void test_errors(void **state)
{
	struct mn_result r;
	day_t            s = ymd(2000, 1, 1), x = ymd(2010, 6, 30), t = ymd(2030, 12, 31);
	assert_int_equal(mn_compute(-1, s, x, t, MN_MONTHS, &r, NULL), MN_ERR_AMOUNT);
	assert_int_equal(mn_compute(MN_MAX_CENTS + 1, s, x, t, MN_MONTHS, &r, NULL), MN_ERR_AMOUNT);
	assert_int_equal(mn_compute(100, s, s - 1, t, MN_MONTHS, &r, NULL), MN_ERR_EXIT_BEFORE_START);
	assert_int_equal(mn_compute(100, s, s - 1, t, MN_DAYS, &r, NULL), MN_ERR_EXIT_BEFORE_START);
	assert_int_equal(mn_compute(100, s, t + 1, t, MN_MONTHS, &r, NULL), MN_ERR_EXIT_AFTER_RETIREMENT);
	assert_int_equal(mn_compute(100, s, t + 1, t, MN_DAYS, &r, NULL), MN_ERR_EXIT_AFTER_RETIREMENT);
	/* less than one month of possible service */
	assert_int_equal(mn_compute(100, ymd(2030, 12, 15), ymd(2030, 12, 20), t, MN_MONTHS, &r, NULL), MN_ERR_N_ZERO);
	assert_int_equal(mn_compute(100, ymd(2030, 12, 15), ymd(2030, 12, 20), t, MN_DAYS, &r, NULL), MN_OK);
	assert_int_equal(r.m, 6);
	assert_int_equal(r.n, 17);
}

/* xorshift: reproducible pseudo-random cases */
static uint64_t rng_state = 88172645463325252ULL;
static uint64_t rnd(uint64_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state % n;
}

static void test_properties(void **state)
{
	for (int i = 0; i < 3000; i++) {
		day_t              s    = ymd(1960, 1, 1) + (day_t)rnd(60 * 366);
		day_t              t    = s + 31 + (day_t)rnd(50 * 366);
		int64_t            p    = (int64_t)rnd(10000000) * (rnd(4) == 0 ? 100000 : 1);
		enum mn_convention c    = rnd(2) ? MN_DAYS : MN_MONTHS;
		int64_t            last = -1;
		int32_t            lastm = -1;
		day_t              step = 1 + (day_t)rnd(45);
		for (day_t x = s; x <= t; x += step) {
			struct mn_result r;
			assert_int_equal(mn_compute(p, s, x, t, c, &r, NULL), MN_OK);
			assert_true(r.m >= 0 && r.m <= r.n && r.n > 0);
			assert_true(r.entitlement_cents >= 0 && r.entitlement_cents <= p);
			assert_true(r.entitlement_cents >= last); /* monotone non-decreasing in the exit date */
			assert_true(r.m >= lastm);
			/* exactly half-up: |2·(p·m − e·n)| <= n, and the half rounds up */
			__int128 diff2 = 2 * ((__int128)p * r.m - (__int128)r.entitlement_cents * r.n);
			assert_true(diff2 < r.n && diff2 >= -(__int128)r.n);
			last  = r.entitlement_cents;
			lastm = r.m;
		}
		struct mn_result full;
		assert_int_equal(mn_compute(p, s, t, t, c, &full, NULL), MN_OK);
		assert_int_equal(full.entitlement_cents, p);
		assert_true(full.entitlement_cents >= last);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_completed_months_definition),
		cmocka_unit_test(test_completed_months_month_ends),
		cmocka_unit_test(test_completed_months_29_february),
		cmocka_unit_test(test_completed_months_against_reference),
		cmocka_unit_test(test_seed_58_33),
		cmocka_unit_test(test_seed_400),
		cmocka_unit_test(test_seed_per_year),
		cmocka_unit_test(test_rounding_half_up),
		cmocka_unit_test(test_full_and_zero),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_properties),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
