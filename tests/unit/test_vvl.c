/*
 * test_vvl.c — versicherungsvertragliche Lösung (src/core/vvl.c): every
 * condition of § 2 Abs. 2 (DV) and Abs. 3 (PK) alone, PK's alternative
 * condition, the 3-month deadline by the BGB month rule, and the change of
 * 24.06.2020 (exit 23.06.2020 vs. 24.06.2020, declaration 3 months + 1 day late).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/vvl.h"

static day_t ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

/* A DV that meets every condition, exit after 24.06.2020. */
static struct vvl_input good_dv(day_t exit_date)
{
	return (struct vvl_input){
		.vehicle             = VVL_DV,
		.exit_date           = exit_date,
		.has_irrevocable     = true,
		.irrevocable_from    = ymd(2005, 1, 1),
		.surplus_to_benefits = true,
		.continuation_right  = true,
	};
}

static struct vvl_input good_pk(day_t exit_date)
{
	return (struct vvl_input){
		.vehicle             = VVL_PK,
		.exit_date           = exit_date,
		.surplus_to_benefits = true,
		.continuation_right  = true,
	};
}

/* Asserts exactly one unmet condition `c` (or none when c < 0). */
static void only(const struct vvl_input *in, int c)
{
	struct vvl_result r;
	struct explain    e;
	explain_init(&e);
	vvl_check(in, &r, &e);
	assert_false(e.overflow);
	if (c < 0) {
		if (r.nunmet)
			fail_msg("unexpected unmet condition %s", vvl_cond_code(r.unmet[0].code));
		assert_true(r.applies);
		return;
	}
	assert_false(r.applies);
	if (r.nunmet != 1 || r.unmet[0].code != (enum vvl_cond)c)
		fail_msg("want only %s, got %d conditions, first %s", vvl_cond_code((enum vvl_cond)c), r.nunmet,
		         r.nunmet ? vvl_cond_code(r.unmet[0].code) : "-");
	assert_non_null(strstr(r.unmet[0].note.key, vvl_cond_code((enum vvl_cond)c)));
}

static void test_deadline(void **state)
{
	assert_int_equal(vvl_deadline(ymd(2021, 3, 15)), ymd(2021, 6, 15));
	assert_int_equal(vvl_deadline(ymd(2019, 11, 30)), ymd(2020, 2, 29));
	assert_int_equal(vvl_deadline(ymd(2018, 11, 30)), ymd(2019, 2, 28));
	assert_int_equal(vvl_deadline(ymd(2021, 5, 31)), ymd(2021, 8, 31));
	assert_int_equal(vvl_deadline(ymd(2021, 3, 31)), ymd(2021, 6, 30));
	assert_int_equal(vvl_deadline(ymd(2020, 12, 15)), ymd(2021, 3, 15));
	assert_int_equal(vvl_deadline(ymd(2020, 6, 23)), ymd(2020, 9, 23));
	assert_int_equal(vvl_automatic_from(), ymd(2020, 6, 24));
}

static void test_all_met(void **state)
{
	struct vvl_input  in = good_dv(ymd(2021, 3, 15));
	struct vvl_result r;
	vvl_check(&in, &r, NULL);
	assert_true(r.applies);
	assert_false(r.declaration_required);
	assert_int_equal(r.deadline, ymd(2021, 6, 15));
	only(&in, -1);
	in = good_pk(ymd(2021, 3, 15));
	only(&in, -1);
}

static void test_dv_each_condition(void **state)
{
	day_t            x = ymd(2022, 1, 31); /* deadline 30.04.2022 */
	struct vvl_input in;

	in                 = good_dv(x);
	in.has_irrevocable = false;
	only(&in, VVL_IRREVOCABLE_MISSING);

	in                  = good_dv(x);
	in.irrevocable_from = ymd(2022, 4, 30); /* on the deadline: met */
	only(&in, -1);
	in.irrevocable_from = ymd(2022, 5, 1); /* one day late */
	only(&in, VVL_IRREVOCABLE_LATE);
	in.irrevocable_from = ymd(2022, 2, 15); /* after the exit, within 3 months */
	only(&in, -1);

	in                     = good_dv(x);
	in.assigned_or_pledged = true;
	only(&in, VVL_ASSIGNED_OR_PLEDGED);

	in             = good_dv(x);
	in.policy_loan = true;
	only(&in, VVL_POLICY_LOAN);

	in                 = good_dv(x);
	in.premium_arrears = true;
	only(&in, VVL_PREMIUM_ARREARS);

	in                     = good_dv(x);
	in.surplus_to_benefits = false;
	only(&in, VVL_SURPLUS);
	in.salary_linked_increase = true; /* the PK alternative does not help a DV */
	only(&in, VVL_SURPLUS);

	in                    = good_dv(x);
	in.continuation_right = false;
	only(&in, VVL_CONTINUATION);
}

static void test_pk_conditions(void **state)
{
	day_t            x  = ymd(2022, 1, 31);
	struct vvl_input in = good_pk(x);

	/* surplus OR salary link */
	in.surplus_to_benefits = false;
	only(&in, VVL_PK_SURPLUS_OR_SALARY);
	in.salary_linked_increase = true;
	only(&in, -1);
	in.surplus_to_benefits = true;
	only(&in, -1);

	in                    = good_pk(x);
	in.continuation_right = false;
	only(&in, VVL_CONTINUATION);

	/* the DV conditions are not conditions for a PK */
	in                     = good_pk(x);
	in.has_irrevocable     = false;
	in.assigned_or_pledged = true;
	in.policy_loan         = true;
	in.premium_arrears     = true;
	only(&in, -1);

	/* before 24.06.2020 the PK also needed the employer's declaration */
	in = good_pk(ymd(2020, 6, 23));
	only(&in, VVL_DECLARATION_MISSING);
	in.has_declaration           = true;
	in.employer_declaration_date = ymd(2020, 9, 23);
	only(&in, -1);
}

static void test_timeline_2020(void **state)
{
	struct vvl_input  in;
	struct vvl_result r;

	/* exit 23.06.2020: old law, declaration required by 23.09.2020 */
	in = good_dv(ymd(2020, 6, 23));
	vvl_check(&in, &r, NULL);
	assert_true(r.declaration_required);
	only(&in, VVL_DECLARATION_MISSING);
	in.has_declaration           = true;
	in.employer_declaration_date = ymd(2020, 9, 23); /* last day */
	only(&in, -1);
	in.employer_declaration_date = ymd(2020, 9, 24); /* 3 months + 1 day */
	only(&in, VVL_DECLARATION_LATE);
	in.employer_declaration_date = ymd(2020, 5, 15); /* before the exit: allowed (BAG 19.5.2016) */
	only(&in, -1);
	in.employer_declaration_date = ymd(2020, 6, 23); /* on the exit day */
	only(&in, -1);

	/* exit 24.06.2020: automatic, no declaration needed */
	in = good_dv(ymd(2020, 6, 24));
	vvl_check(&in, &r, NULL);
	assert_false(r.declaration_required);
	only(&in, -1);
	in.has_declaration           = true; /* a late declaration does no harm */
	in.employer_declaration_date = ymd(2021, 1, 1);
	only(&in, -1);

	/* a leap-year deadline under the old law: exit 30.11.2019 → 29.02.2020 */
	in                           = good_dv(ymd(2019, 11, 30));
	in.has_declaration           = true;
	in.employer_declaration_date = ymd(2020, 2, 29);
	only(&in, -1);
	in.employer_declaration_date = ymd(2020, 3, 1);
	only(&in, VVL_DECLARATION_LATE);
	in.employer_declaration_date = ymd(2020, 2, 29);
	in.irrevocable_from          = ymd(2020, 3, 1);
	only(&in, VVL_IRREVOCABLE_LATE);
}

static void test_all_unmet_listed(void **state)
{
	struct vvl_input in = {
		.vehicle             = VVL_DV,
		.exit_date           = ymd(2015, 8, 31),
		.has_irrevocable     = false,
		.assigned_or_pledged = true,
		.policy_loan         = true,
		.premium_arrears     = true,
	};
	struct vvl_result r;
	struct explain    e;
	explain_init(&e);
	vvl_check(&in, &r, &e);
	assert_false(r.applies);
	static const enum vvl_cond want[] = {VVL_IRREVOCABLE_MISSING, VVL_ASSIGNED_OR_PLEDGED, VVL_POLICY_LOAN,
	                                     VVL_PREMIUM_ARREARS,     VVL_SURPLUS,             VVL_CONTINUATION,
	                                     VVL_DECLARATION_MISSING};
	assert_int_equal(r.nunmet, 7);
	for (int i = 0; i < 7; i++)
		assert_int_equal(r.unmet[i].code, want[i]);
	assert_int_equal(r.deadline, ymd(2015, 11, 30));
	assert_int_equal(r.unmet[0].note.args[0].v.date, ymd(2015, 11, 30));
	assert_false(e.overflow);
	/* the rule names the paragraph and the old law */
	assert_string_equal(e.rules[0], "§ 2 Abs. 2 BetrAVG");
	assert_int_equal(e.nrules, 2);
}

static void test_codes(void **state)
{
	for (int i = 0; i < VVL_COND__COUNT; i++) {
		assert_string_not_equal(vvl_cond_code((enum vvl_cond)i), "unknown");
		for (int j = 0; j < i; j++)
			assert_string_not_equal(vvl_cond_code((enum vvl_cond)i), vvl_cond_code((enum vvl_cond)j));
	}
	assert_string_equal(vvl_cond_code(VVL_IRREVOCABLE_MISSING), "irrevocable_missing");
	assert_string_equal(vvl_cond_code(VVL_DECLARATION_LATE), "declaration_late");
	assert_string_equal(vvl_cond_code(VVL_COND__COUNT), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deadline),          cmocka_unit_test(test_all_met),
		cmocka_unit_test(test_dv_each_condition), cmocka_unit_test(test_pk_conditions),
		cmocka_unit_test(test_timeline_2020),     cmocka_unit_test(test_all_unmet_listed),
		cmocka_unit_test(test_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
