/*
 * test_limits.c — law_tables.c and limits.c: the DERIVED tables of DOMAIN.md
 * § 5.2 (4 % BBG West, 8 %, 1/160 Bezugsgröße) and § 5.3 (Abfindung 1 % and
 * 12/10 of the monthly Bezugsgröße, West and Ost) for every year, with the
 * published cross-checks, § 3 Nr. 63 EStG per era, § 100 EStG per period,
 * § 3 Abs. 2a (2026), the year bounds, and the 15 % employer subsidy.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/law_tables.h"
#include "core/limits.h"

static day_t D(const char *s)
{
	day_t d = 0;
	if (!date_parse(s, strlen(s), &d))
		fail_msg("bad test date %s", s);
	return d;
}

/* DOMAIN.md § 5.2, "4 % BBG West (§ 1a and SV-free)", in euros, as printed there. */
static const struct {
	int year;
	int eur;
} four_percent[] = {
	{2002, 2160}, {2003, 2448}, {2004, 2472}, {2005, 2496}, {2006, 2520}, {2007, 2520}, {2008, 2544},
	{2009, 2592}, {2010, 2640}, {2011, 2640}, {2012, 2688}, {2013, 2784}, {2014, 2856}, {2015, 2904},
	{2016, 2976}, {2017, 3048}, {2018, 3120}, {2019, 3216}, {2020, 3312}, {2021, 3408}, {2022, 3384},
	{2023, 3504}, {2024, 3624}, {2025, 3864}, {2026, 4056},
};

/* DERIVED from DOMAIN.md § 5.1 (monthly values), computed independently: 1/160 of the annual Bezugsgröße
 * West half-up to the cent; Abfindung 1 % and 12/10 of the monthly Bezugsgröße West and Ost. */
static const struct {
	int     year;
	int64_t min160, pen_w, cap_w, pen_o, cap_o;
} derived[] = {
	{2002, 17588, 2345, 281400, 1960, 235200}, {2003, 17850, 2380, 285600, 1995, 239400},
	{2004, 18113, 2415, 289800, 2030, 243600}, {2005, 18113, 2415, 289800, 2030, 243600},
	{2006, 18375, 2450, 294000, 2065, 247800}, {2007, 18375, 2450, 294000, 2100, 252000},
	{2008, 18638, 2485, 298200, 2100, 252000}, {2009, 18900, 2520, 302400, 2135, 256200},
	{2010, 19163, 2555, 306600, 2170, 260400}, {2011, 19163, 2555, 306600, 2240, 268800},
	{2012, 19688, 2625, 315000, 2240, 268800}, {2013, 20213, 2695, 323400, 2275, 273000},
	{2014, 20738, 2765, 331800, 2345, 281400}, {2015, 21263, 2835, 340200, 2415, 289800},
	{2016, 21788, 2905, 348600, 2520, 302400}, {2017, 22313, 2975, 357000, 2660, 319200},
	{2018, 22838, 3045, 365400, 2695, 323400}, {2019, 23363, 3115, 373800, 2870, 344400},
	{2020, 23888, 3185, 382200, 3010, 361200}, {2021, 24675, 3290, 394800, 3115, 373800},
	{2022, 24675, 3290, 394800, 3150, 378000}, {2023, 25463, 3395, 407400, 3290, 394800},
	{2024, 26513, 3535, 424200, 3465, 415800}, {2025, 28088, 3745, 449400, 3745, 449400},
	{2026, 29663, 3955, 474600, 3955, 474600},
};

static void test_table_bounds(void **state)
{
	assert_null(law_year(2000));
	assert_null(law_year(2027));
	assert_null(law_year(-5));
	for (int y = LAW_FIRST_YEAR; y <= LAW_LAST_YEAR; y++) {
		const struct law_year *l = law_year(y);
		assert_non_null(l);
		assert_int_equal(l->year, y);
		assert_true(l->bbg_rv_ost_cents <= l->bbg_rv_west_cents);
		assert_true(l->bezugsgroesse_ost_cents <= l->bezugsgroesse_west_cents);
		if (y > 2001) { /* annual = 12 × a whole monthly amount in euros */
			assert_int_equal(l->bbg_rv_west_cents % 1200, 0);
			assert_int_equal(l->bezugsgroesse_west_cents % 1200, 0);
			assert_int_equal(l->bezugsgroesse_ost_cents % 1200, 0);
		}
		assert_int_equal(l->unified, y >= 2025);
		if (l->unified) {
			assert_int_equal(l->bbg_rv_ost_cents, l->bbg_rv_west_cents);
			assert_int_equal(l->bezugsgroesse_ost_cents, l->bezugsgroesse_west_cents);
		}
	}
	/* published values */
	assert_int_equal(law_year(2011)->bezugsgroesse_west_cents, 3066000);
	assert_int_equal(law_year(2011)->bezugsgroesse_ost_cents, 2688000);
	assert_int_equal(law_year(2025)->bbg_rv_west_cents, 9660000);
	assert_int_equal(law_year(2026)->bbg_rv_west_cents, 10140000);
	assert_true(law_year(2001)->from_dm);
	assert_int_equal(law_year(2001)->bbg_rv_west_cents, 5337887); /* 104.400 DM / 1,95583 */
	/* PSV: Beitragsjahr table, 2026 unknown */
	assert_int_equal(law_year(2009)->psv_rate_pm1000, 14200);
	assert_int_equal(law_year(2018)->psv_rate_pm1000, 2100);
	assert_int_equal(law_year(2025)->psv_rate_pm1000, 1200);
	assert_false(law_year(2026)->psv_rate_known);
	assert_false(law_year(2020)->psv_pk_known);
	assert_int_equal(law_year(2021)->psv_pk_rate_pm1000, 3000);
	assert_int_equal(law_year(2023)->psv_pk_rate_pm1000, 1900 + 1500);
}

static void test_derived_tables(void **state)
{
	for (size_t i = 0; i < sizeof four_percent / sizeof *four_percent; i++) {
		struct limits l;
		int           y = four_percent[i].year;
		assert_int_equal(limits_compute(y, &l, NULL), LIMITS_OK);
		int64_t four = (int64_t)four_percent[i].eur * 100;
		assert_int_equal(l.conversion_max, four);
		assert_int_equal(l.sv_free_max, four);
		assert_int_equal(derived[i].year, y);
		assert_int_equal(l.conversion_min, derived[i].min160);
		if (y <= 2004) {
			assert_int_equal(l.tax_free_max, four);
			assert_int_equal(l.tax_free_max_old, four);
			assert_false(l.abf_applies);
		} else {
			assert_true(l.abf_applies);
			assert_int_equal(l.abf_pension_west, derived[i].pen_w);
			assert_int_equal(l.abf_capital_west, derived[i].cap_w);
			assert_int_equal(l.abf_pension_ost, derived[i].pen_o);
			assert_int_equal(l.abf_capital_ost, derived[i].cap_o);
			if (y <= 2017) {
				assert_int_equal(l.tax_free_max, four + 180000);
				assert_int_equal(l.tax_free_max_old, four);
			} else {
				assert_int_equal(l.tax_free_max, 2 * four);
				assert_int_equal(l.tax_free_max_old, 2 * four);
				assert_int_equal(l.tax_free_termination_per_year, four);
			}
		}
		assert_int_equal(l.abf_2a, y >= 2026);
		assert_int_equal(l.p100, y >= 2018);
	}
}

static void test_published_crosschecks(void **state)
{
	struct limits l;
	/* seed 004 (2011): 2.640 € maximum, 191,63 € minimum (191,625 rounded half-up), 25,55 €/3.066 € West,
	 * 22,40 €/2.688 € Ost */
	limits_compute(2011, &l, NULL);
	assert_int_equal(l.conversion_max, 264000);
	assert_int_equal(l.conversion_min, 19163);
	assert_int_equal(l.abf_pension_west, 2555);
	assert_int_equal(l.abf_capital_west, 306600);
	assert_int_equal(l.abf_pension_ost, 2240);
	assert_int_equal(l.abf_capital_ost, 268800);
	/* [S17] 2010 Ost 21,70/2.604; 2013 26,95/3.234 & 22,75/2.730 */
	limits_compute(2010, &l, NULL);
	assert_int_equal(l.abf_pension_ost, 2170);
	assert_int_equal(l.abf_capital_ost, 260400);
	limits_compute(2013, &l, NULL);
	assert_int_equal(l.abf_pension_west, 2695);
	assert_int_equal(l.abf_capital_ost, 273000);
	/* [S18] 2024 West 35,35/4.242, Ost 34,65/4.158; [S32] 2024 302 €/604 € per month */
	limits_compute(2024, &l, NULL);
	assert_int_equal(l.abf_pension_west, 3535);
	assert_int_equal(l.abf_capital_west, 424200);
	assert_int_equal(l.abf_pension_ost, 3465);
	assert_int_equal(l.abf_capital_ost, 415800);
	assert_int_equal(l.sv_free_max / 12, 30200);
	assert_int_equal(l.tax_free_max / 12, 60400);
	/* [S40] 2025 SV-free 3.864 € */
	limits_compute(2025, &l, NULL);
	assert_int_equal(l.sv_free_max, 386400);
	/* 2026 § 3 Abs. 2a: 2 % and 24/10 of 3.955 € */
	limits_compute(2026, &l, NULL);
	assert_int_equal(l.abf_2a_pension, 7910);
	assert_int_equal(l.abf_2a_capital, 949200);
}

static void test_p100(void **state)
{
	struct limits l;
	/* § 100 Abs. 3 Nr. 3 EStG (2018): 73,34 € daily, 513,34 € weekly, 2.200 € monthly, 26.400 € yearly */
	limits_compute(2019, &l, NULL);
	assert_int_equal(l.p100v.wage_day, 7334);
	assert_int_equal(l.p100v.wage_week, 51334);
	assert_int_equal(l.p100v.wage_month, 220000);
	assert_int_equal(l.p100v.wage_year, 2640000);
	assert_int_equal(l.p100v.contrib_max, 48000);
	assert_int_equal(l.p100v.foerder_max, 14400);
	/* 2020: 85,84 €, 600,84 €, 2.575 €, 30.900 €; up to 960 €, 288 € */
	limits_compute(2020, &l, NULL);
	assert_int_equal(l.p100v.wage_day, 8584);
	assert_int_equal(l.p100v.wage_week, 60084);
	assert_int_equal(l.p100v.wage_month, 257500);
	assert_int_equal(l.p100v.wage_year, 3090000);
	assert_int_equal(l.p100v.contrib_min, 24000);
	assert_int_equal(l.p100v.contrib_max, 96000);
	assert_int_equal(l.p100v.foerder_max, 28800);
	limits_compute(2017, &l, NULL);
	assert_false(l.p100);
}

static void test_years_outside(void **state)
{
	struct limits l;
	assert_int_equal(limits_compute(2027, &l, NULL), LIMITS_NO_YEAR);
	assert_int_equal(limits_compute(2000, &l, NULL), LIMITS_NO_YEAR);
	assert_int_equal(limits_compute(2001, &l, NULL), LIMITS_BEFORE_2002);
}

static void test_rounding(void **state)
{
	assert_int_equal(limits_pct_bp(19163, 1500), 2874); /* 2874,45 → 2874 */
	assert_int_equal(limits_pct_bp(10, 1500), 2);       /* 1,5 → 2 (half-up) */
	assert_int_equal(limits_pct_bp(9, 1500), 1);        /* 1,35 → 1 */
	assert_int_equal(limits_pct_bp(0, 1500), 0);
}

static struct limits_subsidy_out sub(enum vest_vehicle v, const char *agreement, const char *date, int64_t conv,
                                     enum limits_subsidy_mode m, int64_t saving)
{
	struct limits_subsidy_in in = {v, D(agreement), D(date), conv, m, saving};
	struct limits_subsidy_out o;
	struct explain            e;
	explain_init(&e);
	limits_subsidy(&in, &o, &e);
	assert_true(e.nnotes > 0);
	return o;
}

static void test_subsidy(void **state)
{
	struct limits_subsidy_out o = sub(VEST_DV, "2019-01-01", "2019-01-31", 10000, LIMITS_SUBSIDY_FLAT, 0);
	assert_true(o.required);
	assert_int_equal(o.subsidy_cents, 1500);
	/* DZ and UK: none */
	assert_false(sub(VEST_DZ, "2019-01-01", "2023-01-31", 10000, LIMITS_SUBSIDY_FLAT, 0).required);
	assert_int_equal(sub(VEST_UK, "2019-01-01", "2023-01-31", 10000, LIMITS_SUBSIDY_FLAT, 0).reason,
	                 LIMITS_SUB_VEHICLE);
	/* before 2019: none */
	assert_int_equal(sub(VEST_PK, "2018-06-01", "2018-12-31", 10000, LIMITS_SUBSIDY_FLAT, 0).reason,
	                 LIMITS_SUB_BEFORE_2019);
	/* old agreement (31.12.2018): only from 01.01.2022 */
	o = sub(VEST_PF, "2018-12-31", "2021-12-31", 10000, LIMITS_SUBSIDY_FLAT, 0);
	assert_false(o.required);
	assert_int_equal(o.reason, LIMITS_SUB_OLD_AGREEMENT);
	o = sub(VEST_PF, "2018-12-31", "2022-01-01", 10000, LIMITS_SUBSIDY_FLAT, 0);
	assert_true(o.required);
	assert_int_equal(o.subsidy_cents, 1500);
	/* new agreement (01.01.2019) in 2021: due */
	assert_true(sub(VEST_PF, "2019-01-01", "2021-06-30", 10000, LIMITS_SUBSIDY_FLAT, 0).required);
	/* capped at the actual saving */
	o = sub(VEST_DV, "2020-01-01", "2024-01-31", 20000, LIMITS_SUBSIDY_CAPPED, 1200);
	assert_int_equal(o.flat_cents, 3000);
	assert_int_equal(o.subsidy_cents, 1200);
	o = sub(VEST_DV, "2020-01-01", "2024-01-31", 20000, LIMITS_SUBSIDY_CAPPED, 4000);
	assert_int_equal(o.subsidy_cents, 3000);
	o = sub(VEST_DV, "2020-01-01", "2024-01-31", 20000, LIMITS_SUBSIDY_CAPPED, 0); /* above all BBGs */
	assert_true(o.required);
	assert_int_equal(o.subsidy_cents, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_bounds),  cmocka_unit_test(test_derived_tables),
		cmocka_unit_test(test_published_crosschecks), cmocka_unit_test(test_p100),
		cmocka_unit_test(test_years_outside), cmocka_unit_test(test_rounding),
		cmocka_unit_test(test_subsidy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
