/*
 * test_settlement.c — § 3 Abfindung (threshold of the year, West/Ost, the
 * transfer-demand and EU-abroad exclusions, § 30g Abs. 3, § 3 Abs. 2a 2026)
 * and § 4 Abs. 3 transfer claim (vehicle, commitment after 2004, the one-year
 * period around its ends including 29 February, BBG of the demand year).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/settlement.h"

static day_t D(const char *s)
{
	day_t d = 0;
	if (!date_parse(s, strlen(s), &d))
		fail_msg("bad test date %s", s);
	return d;
}

static struct settle_abf_out abf(struct settle_abf_in in)
{
	struct settle_abf_out o;
	struct explain        e;
	explain_init(&e);
	assert_int_equal(settle_abfindung(&in, &o, &e), SETTLE_OK);
	assert_true(e.nnotes >= 2);
	assert_false(e.overflow);
	return o;
}

static void test_abfindung_thresholds(void **state)
{
	/* seed 004 (2011): 25,55 € West monthly, 3.066 € capital */
	struct settle_abf_out o = abf((struct settle_abf_in){.year = 2011, .kind = SETTLE_PENSION, .amount_cents = 2555});
	assert_true(o.allowed);
	assert_int_equal(o.threshold_cents, 2555);
	o = abf((struct settle_abf_in){.year = 2011, .kind = SETTLE_PENSION, .amount_cents = 2556});
	assert_false(o.allowed);
	assert_int_equal(o.branch, SETTLE_ABF_ABOVE);
	o = abf((struct settle_abf_in){.year = 2011, .kind = SETTLE_CAPITAL, .amount_cents = 306600});
	assert_true(o.allowed);
	o = abf((struct settle_abf_in){.year = 2011, .kind = SETTLE_CAPITAL, .amount_cents = 306601});
	assert_false(o.allowed);
	/* Ost 2011: 22,40 € */
	o = abf((struct settle_abf_in){.year = 2011, .kind = SETTLE_PENSION, .amount_cents = 2300, .ost = true});
	assert_false(o.allowed);
	assert_int_equal(o.threshold_cents, 2240);
	/* 2025: one value; "ost" changes nothing */
	o = abf((struct settle_abf_in){.year = 2025, .kind = SETTLE_PENSION, .amount_cents = 3745, .ost = true});
	assert_true(o.allowed);
	assert_int_equal(o.threshold_cents, 3745);
}

static void test_abfindung_exclusions(void **state)
{
	struct settle_abf_out o = abf(
		(struct settle_abf_in){.year = 2024, .kind = SETTLE_PENSION, .amount_cents = 1000, .transfer_requested = true});
	assert_false(o.allowed);
	assert_int_equal(o.branch, SETTLE_ABF_TRANSFER);
	o = abf((struct settle_abf_in){.year = 2024, .kind = SETTLE_PENSION, .amount_cents = 1000, .eu_abroad_notified = true});
	assert_false(o.allowed);
	assert_int_equal(o.branch, SETTLE_ABF_EU_ABROAD);
	/* the EU-abroad consent rule exists from 2018 */
	o = abf((struct settle_abf_in){.year = 2017, .kind = SETTLE_PENSION, .amount_cents = 1000, .eu_abroad_notified = true});
	assert_true(o.allowed);
	/* § 30g Abs. 3: running benefit first paid before 2005 */
	o = abf((struct settle_abf_in){.year = 2024, .kind = SETTLE_PENSION, .amount_cents = 1000, .running = true,
	                               .has_running_since = true, .running_since = D("2004-12-01")});
	assert_false(o.allowed);
	assert_int_equal(o.branch, SETTLE_ABF_30G);
	assert_true(o.free_by_agreement);
	o = abf((struct settle_abf_in){.year = 2024, .kind = SETTLE_PENSION, .amount_cents = 1000, .running = true,
	                               .has_running_since = true, .running_since = D("2005-01-01")});
	assert_true(o.allowed);
}

static void test_abfindung_2026(void **state)
{
	/* 2026: 39,55 € unilateral; with consent and payment to the GRV up to 79,10 € (§ 3 Abs. 2a) */
	struct settle_abf_out o = abf((struct settle_abf_in){.year = 2026, .kind = SETTLE_PENSION, .amount_cents = 6000});
	assert_false(o.allowed);
	assert_true(o.consent_2a_possible);
	assert_int_equal(o.threshold_2a_cents, 7910);
	o = abf((struct settle_abf_in){.year = 2026, .kind = SETTLE_PENSION, .amount_cents = 7911});
	assert_false(o.consent_2a_possible);
	o = abf((struct settle_abf_in){.year = 2025, .kind = SETTLE_PENSION, .amount_cents = 6000});
	assert_false(o.consent_2a_possible);
}

static void test_abfindung_years(void **state)
{
	struct settle_abf_out o;
	struct settle_abf_in  in = {.year = 2027, .kind = SETTLE_PENSION, .amount_cents = 1};
	assert_int_equal(settle_abfindung(&in, &o, NULL), SETTLE_NO_YEAR);
	in.year = 2004;
	assert_int_equal(settle_abfindung(&in, &o, NULL), SETTLE_BEFORE_2005);
	in.year = 2005;
	assert_int_equal(settle_abfindung(&in, &o, NULL), SETTLE_OK);
}

static struct settle_tr_out tr(enum vest_vehicle v, const char *commit, const char *exit, const char *demand,
                               int64_t value)
{
	struct settle_tr_in  in = {v, D(commit), D(exit), D(demand), value, false};
	struct settle_tr_out o;
	struct explain       e;
	explain_init(&e);
	assert_int_equal(settle_transfer(&in, &o, &e), SETTLE_OK);
	assert_false(e.overflow);
	return o;
}

static void test_transfer(void **state)
{
	struct settle_tr_out o = tr(VEST_DV, "2010-01-01", "2020-06-30", "2021-06-30", 5000000);
	assert_true(o.claim_valid);
	assert_int_equal(o.deadline, D("2021-06-30"));
	assert_int_equal(o.bbg_cents, 8520000); /* BBG West 2021 */
	o = tr(VEST_DV, "2010-01-01", "2020-06-30", "2021-07-01", 5000000);
	assert_false(o.claim_valid);
	assert_int_equal(o.unmet, SETTLE_TR_LATE);
	o = tr(VEST_PK, "2010-01-01", "2020-06-30", "2020-06-29", 5000000);
	assert_int_equal(o.unmet, SETTLE_TR_EARLY);
	assert_true(tr(VEST_PF, "2010-01-01", "2020-06-30", "2020-06-30", 5000000).claim_valid);
	/* vehicles */
	assert_int_equal(tr(VEST_DZ, "2010-01-01", "2020-06-30", "2020-07-15", 100).unmet, SETTLE_TR_VEHICLE);
	assert_int_equal(tr(VEST_UK, "2010-01-01", "2020-06-30", "2020-07-15", 100).unmet, SETTLE_TR_VEHICLE);
	/* commitment after 31.12.2004 (§ 30b) */
	assert_int_equal(tr(VEST_DV, "2004-12-31", "2020-06-30", "2020-07-15", 100).unmet, SETTLE_TR_COMMITMENT);
	assert_true(tr(VEST_DV, "2005-01-01", "2020-06-30", "2020-07-15", 100).claim_valid);
	/* BBG of the year of the demand: exit 2024, demand 2025 (96.600 €) */
	o = tr(VEST_DV, "2010-01-01", "2024-11-30", "2025-02-01", 9660000);
	assert_true(o.claim_valid);
	assert_int_equal(o.bbg_cents, 9660000);
	o = tr(VEST_DV, "2010-01-01", "2024-11-30", "2025-02-01", 9660001);
	assert_int_equal(o.unmet, SETTLE_TR_VALUE);
	o = tr(VEST_DV, "2010-01-01", "2024-11-30", "2024-12-01", 9660000); /* 2024: 90.600 € */
	assert_int_equal(o.unmet, SETTLE_TR_VALUE);
	/* several unmet at once */
	o = tr(VEST_DZ, "2003-01-01", "2020-06-30", "2022-01-01", 99999999);
	assert_int_equal(o.unmet, SETTLE_TR_VEHICLE | SETTLE_TR_COMMITMENT | SETTLE_TR_LATE | SETTLE_TR_VALUE);
	/* 29 February: exit 28.02.2023 → period to 29.02.2024; exit 29.02.2024 → to 28.02.2025 */
	assert_int_equal(tr(VEST_DV, "2010-01-01", "2023-02-28", "2024-02-29", 1).deadline, D("2024-02-29"));
	assert_int_equal(tr(VEST_DV, "2010-01-01", "2024-02-29", "2025-02-28", 1).deadline, D("2025-02-28"));
	assert_int_equal(tr(VEST_DV, "2010-01-01", "2024-02-28", "2025-02-28", 1).deadline, D("2025-02-28"));
	assert_int_equal(tr(VEST_DV, "2010-01-01", "2023-12-31", "2024-12-31", 1).deadline, D("2024-12-31"));
}

static void test_transfer_errors(void **state)
{
	struct settle_tr_out o;
	struct settle_tr_in  in = {VEST_DV, D("2010-01-01"), D("2009-12-31"), D("2010-02-01"), 1, false};
	assert_int_equal(settle_transfer(&in, &o, NULL), SETTLE_ERR_EXIT_BEFORE_COMMITMENT);
	in = (struct settle_tr_in){VEST_DV, D("2010-01-01"), D("2026-06-30"), D("2027-01-15"), 1, false};
	assert_int_equal(settle_transfer(&in, &o, NULL), SETTLE_NO_YEAR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_abfindung_thresholds), cmocka_unit_test(test_abfindung_exclusions),
		cmocka_unit_test(test_abfindung_2026),       cmocka_unit_test(test_abfindung_years),
		cmocka_unit_test(test_transfer),             cmocka_unit_test(test_transfer_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
