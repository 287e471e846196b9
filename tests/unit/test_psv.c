/*
 * test_psv.c — PSV duty per vehicle (DOMAIN.md § 6.1), reportable persons,
 * the contribution base per vehicle and contribution with the Beitragsjahr
 * rates (§ 6.2, § 6.3), the 30 September report date, the § 11 Abs. 1 notice,
 * and the § 16 review dates and 1 % alternative (§ 7).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/psv.h"

static day_t D(const char *s)
{
	day_t d = 0;
	if (!date_parse(s, strlen(s), &d))
		fail_msg("bad test date %s", s);
	return d;
}

static bool duty(struct psv_duty_in in, enum psv_duty_reason want)
{
	enum psv_duty_reason why;
	struct explain       e;
	explain_init(&e);
	bool d = psv_duty(&in, &why, &e);
	assert_int_equal(why, want);
	assert_true(e.nnotes == 1);
	return d;
}

static void test_duty(void **state)
{
	assert_true(duty((struct psv_duty_in){.vehicle = VEST_DZ, .year = 2024}, PSV_DUTY_VEHICLE));
	assert_true(duty((struct psv_duty_in){.vehicle = VEST_UK, .year = 2024}, PSV_DUTY_VEHICLE));
	assert_true(duty((struct psv_duty_in){.vehicle = VEST_PF, .year = 2024}, PSV_DUTY_VEHICLE));
	assert_false(duty((struct psv_duty_in){.vehicle = VEST_DV, .year = 2024}, PSV_NO_DV));
	assert_true(duty((struct psv_duty_in){.vehicle = VEST_DV, .year = 2024, .dv_revocable = true},
	                 PSV_DUTY_DV_REVOCABLE));
	assert_true(duty((struct psv_duty_in){.vehicle = VEST_DV, .year = 2024, .dv_assigned = true},
	                 PSV_DUTY_DV_ASSIGNED));
	assert_false(duty((struct psv_duty_in){.vehicle = VEST_PK, .year = 2020}, PSV_NO_PK_BEFORE_2021));
	assert_true(duty((struct psv_duty_in){.vehicle = VEST_PK, .year = 2021}, PSV_DUTY_PK));
	assert_false(duty((struct psv_duty_in){.vehicle = VEST_PK, .year = 2022, .pk_exempt = true}, PSV_NO_PK_EXEMPT));
	assert_false(duty((struct psv_duty_in){.vehicle = VEST_DZ, .year = 2024, .pure_contribution = true},
	                  PSV_NO_PURE_CONTRIBUTION));
}

static void test_reportable(void **state)
{
	/* vested from 01.01.2014: counts on the balance date 31.12.2013 (same day rule as an exit) */
	assert_true(psv_reportable(D("2014-01-01"), false, D("2013-12-31"), VEST_BOUNDARY_DAY_BEFORE));
	assert_false(psv_reportable(D("2014-01-01"), false, D("2013-12-30"), VEST_BOUNDARY_DAY_BEFORE));
	assert_false(psv_reportable(D("2014-01-01"), false, D("2013-12-31"), VEST_BOUNDARY_STRICT));
	assert_true(psv_reportable(D("2030-01-01"), true, D("2013-12-31"), VEST_BOUNDARY_DAY_BEFORE));
	assert_int_equal(psv_first_notice_due(D("2024-03-15")), D("2024-06-15"));
	assert_int_equal(psv_first_notice_due(D("2023-11-30")), D("2024-02-29"));
}

static struct psv_base_out contrib(struct psv_base_in in)
{
	struct psv_base_out o;
	struct explain      e;
	explain_init(&e);
	assert_int_equal(psv_contribution(&in, &o, &e), PSV_OK);
	assert_false(e.overflow);
	return o;
}

static void test_contribution(void **state)
{
	/* DZ 2024: Teilwert 1.000.000 € × 0,4 ‰ = 400 € */
	struct psv_base_out o = contrib((struct psv_base_in){.vehicle = VEST_DZ, .year = 2024, .teilwert_cents = 100000000});
	assert_int_equal(o.base_cents, 100000000);
	assert_int_equal(o.rate_pm1000, 400);
	assert_int_equal(o.contribution_cents, 40000);
	assert_int_equal(o.report_due, D("2024-09-30"));
	assert_int_equal(o.base_date, D("2023-12-31"));
	/* PF: 20 % of the Teilwert; 2009: 14,2 ‰ */
	o = contrib((struct psv_base_in){.vehicle = VEST_PF, .year = 2009, .teilwert_cents = 100000000});
	assert_int_equal(o.base_cents, 20000000);
	assert_int_equal(o.contribution_cents, 284000);
	/* UK: Deckungskapital for pensions + 20 × allocations; 2025: 1,2 ‰ */
	o = contrib((struct psv_base_in){.vehicle = VEST_UK, .year = 2025, .deckungskapital_cents = 5000000,
	                                 .allocation_cents = 100000});
	assert_int_equal(o.base_cents, 7000000);
	assert_int_equal(o.contribution_cents, 8400);
	/* DV: Deckungskapital; half-up: 12.345,67 € × 1,9 ‰ = 23,456773 → 23,46 € */
	o = contrib((struct psv_base_in){.vehicle = VEST_DV, .year = 2023, .deckungskapital_cents = 1234567});
	assert_int_equal(o.contribution_cents, 2346);
	/* PK 2022: 1,8 + 1,5 ‰ on the given base */
	o = contrib((struct psv_base_in){.vehicle = VEST_PK, .year = 2022, .has_base = true, .base_cents = 100000000});
	assert_int_equal(o.rate_pm1000, 3300);
	assert_int_equal(o.contribution_cents, 330000);
	/* 2026: rate not fixed */
	o = contrib((struct psv_base_in){.vehicle = VEST_DZ, .year = 2026, .teilwert_cents = 100000000});
	assert_false(o.rate_known);
	assert_false(o.contribution_known);
	/* errors */
	struct psv_base_in in = {.vehicle = VEST_PK, .year = 2022};
	assert_int_equal(psv_contribution(&in, &o, NULL), PSV_ERR_BASE_MISSING);
	in = (struct psv_base_in){.vehicle = VEST_DZ, .year = 2027};
	assert_int_equal(psv_contribution(&in, &o, NULL), PSV_NO_YEAR);
}

static struct psv_adj_out adj(struct psv_adj_in in)
{
	struct psv_adj_out o;
	struct explain     e;
	explain_init(&e);
	assert_int_equal(psv_adjustment(&in, &o, &e), PSV_OK);
	assert_true(e.nnotes >= 1);
	return o;
}

static void test_adjustment(void **state)
{
	struct psv_adj_out o = adj((struct psv_adj_in){.pension_start = D("2020-07-01"), .count = 3});
	assert_int_equal(o.branch, PSV_ADJ_CHECK);
	assert_true(o.check_required);
	assert_int_equal(o.n, 3);
	assert_int_equal(o.dates[0], D("2023-07-01"));
	assert_int_equal(o.dates[1], D("2026-07-01"));
	assert_int_equal(o.dates[2], D("2029-07-01"));
	/* 29 February start */
	o = adj((struct psv_adj_in){.pension_start = D("2020-02-29"), .count = 1});
	assert_int_equal(o.dates[0], D("2023-03-01"));
	/* bundled to 1 January */
	o = adj((struct psv_adj_in){.pension_start = D("2020-07-01"), .count = 2, .bundled = true, .bundle_month = 1,
	                            .bundle_day = 1});
	assert_int_equal(o.dates[0], D("2024-01-01"));
	assert_int_equal(o.dates[1], D("2027-01-01"));
	o = adj((struct psv_adj_in){.pension_start = D("2020-01-01"), .count = 1, .bundled = true, .bundle_month = 1,
	                            .bundle_day = 1});
	assert_int_equal(o.dates[0], D("2023-01-01"));
	/* 1 % promised, commitment from 1999: no review; compounding path */
	o = adj((struct psv_adj_in){.pension_start = D("2020-07-01"), .count = 3, .one_percent = true,
	                            .has_commitment = true, .commitment_start = D("1999-01-01"), .pension_cents = 100000});
	assert_int_equal(o.branch, PSV_ADJ_ONE_PERCENT);
	assert_false(o.check_required);
	assert_int_equal(o.dates[0], D("2021-07-01"));
	assert_int_equal(o.amounts[0], 101000);
	assert_int_equal(o.amounts[1], 102010);
	assert_int_equal(o.amounts[2], 103030); /* 1.030,301 → 1.030,30 */
	/* 1 % with a commitment before 1999: review stays */
	o = adj((struct psv_adj_in){.pension_start = D("2020-07-01"), .count = 1, .one_percent = true,
	                            .has_commitment = true, .commitment_start = D("1998-12-31")});
	assert_int_equal(o.branch, PSV_ADJ_CHECK);
	/* EU since 2001: at least 1 % */
	o = adj((struct psv_adj_in){.pension_start = D("2030-01-01"), .count = 1, .financing = VEST_FIN_EMPLOYEE,
	                            .has_commitment = true, .commitment_start = D("2001-01-01"), .pension_cents = 33333});
	assert_int_equal(o.branch, PSV_ADJ_EU_MINIMUM);
	assert_int_equal(o.amounts[0], 33666); /* 336,6633 → 336,66 */
	o = adj((struct psv_adj_in){.pension_start = D("2030-01-01"), .count = 1, .financing = VEST_FIN_EMPLOYEE,
	                            .has_commitment = true, .commitment_start = D("2000-12-31")});
	assert_int_equal(o.branch, PSV_ADJ_CHECK);
	/* exemptions */
	assert_int_equal(adj((struct psv_adj_in){.pension_start = D("2020-01-01"), .capital = true}).branch,
	                 PSV_ADJ_CAPITAL);
	assert_int_equal(adj((struct psv_adj_in){.pension_start = D("2020-01-01"), .auszahlungsplan = true}).branch,
	                 PSV_ADJ_AUSZAHLUNGSPLAN);
	assert_int_equal(adj((struct psv_adj_in){.pension_start = D("2020-01-01"), .bzml = true}).branch, PSV_ADJ_BZML);
	assert_int_equal(adj((struct psv_adj_in){.pension_start = D("2020-01-01"), .vehicle = VEST_PK,
	                                         .surplus_to_benefits = true})
	                     .branch,
	                 PSV_ADJ_SURPLUS);
	assert_int_equal(adj((struct psv_adj_in){.pension_start = D("2020-01-01"), .vehicle = VEST_DZ,
	                                         .surplus_to_benefits = true, .count = 1})
	                     .branch,
	                 PSV_ADJ_CHECK);
	/* a bundle day that is not in every year */
	struct psv_adj_out o2;
	struct psv_adj_in  in = {.pension_start = D("2020-01-01"), .bundled = true, .bundle_month = 2, .bundle_day = 29};
	assert_int_equal(psv_adjustment(&in, &o2, NULL), PSV_ERR_BUNDLE_DATE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_duty),
		cmocka_unit_test(test_reportable),
		cmocka_unit_test(test_contribution),
		cmocka_unit_test(test_adjustment),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
