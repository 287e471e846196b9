/*
 * test_method.c — the method matrix (src/core/method.c): every cell of
 * commitment type × vehicle × financing, the paragraphs, and the date limits
 * (§ 2 Abs. 5 only for commitments after 31.12.2000 unless agreed, § 30g
 * Abs. 2; PF from exits 01.07.2002; BZML only from 2002).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/method.h"

static day_t ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

#define R  METHOD_RATIERLICH
#define RV METHOD_RATIERLICH_OR_VVL
#define EA METHOD_ERREICHTE_ANWARTSCHAFT
#define BE METHOD_BEITRAEGE_ZZGL_ERTRAEGE
#define NP METHOD_NOT_POSSIBLE

static enum method_kind decide(enum method_commitment t, enum method_vehicle v, enum method_financing f,
                               day_t commitment, day_t exit_date, bool agreed, const char **paragraph)
{
	struct method_input  in = {t, v, f, commitment, exit_date, agreed};
	struct method_result r;
	struct explain       e;
	explain_init(&e);
	assert_true(method_decide(&in, &r, &e));
	assert_false(e.overflow);
	assert_true(e.nnotes >= 2);
	assert_non_null(r.paragraph);
	/* the main paragraph is among the rules of the trail */
	bool found = false;
	for (int i = 0; i < e.nrules; i++)
		found |= !strcmp(e.rules[i], r.paragraph);
	assert_true(found);
	if (paragraph)
		*paragraph = r.paragraph;
	return r.method;
}

/* Every cell with a commitment of 2010 and an exit in 2020. */
static void test_matrix_every_cell(void **state)
{
	/* [type][financing][vehicle DZ UK DV PK PF] */
	static const enum method_kind want[3][2][5] = {
		/* LZ */ {{R, R, RV, RV, R}, {EA, EA, RV, RV, EA}},
		/* BOLZ */ {{EA, EA, RV, RV, EA}, {EA, EA, RV, RV, EA}},
		/* BZML */ {{NP, NP, BE, BE, BE}, {NP, NP, BE, BE, BE}},
	};
	/* the paragraph of ratierlich / ratierlich_or_vvl by vehicle */
	static const char *const paragraphs[5] = {"§ 2 Abs. 1 BetrAVG", "§ 2 Abs. 4 BetrAVG", "§ 2 Abs. 2 BetrAVG",
	                                          "§ 2 Abs. 3 BetrAVG", "§ 2 Abs. 3a BetrAVG"};
	for (int t = 0; t < 3; t++)
		for (int f = 0; f < 2; f++)
			for (int v = 0; v < 5; v++) {
				const char      *p;
				enum method_kind got = decide((enum method_commitment)t, (enum method_vehicle)v,
				                              (enum method_financing)f, ymd(2010, 4, 1), ymd(2020, 3, 31), false, &p);
				if (got != want[t][f][v])
					fail_msg("type %d financing %d vehicle %d: got %s, want %s", t, f, v, method_code(got),
					         method_code(want[t][f][v]));
				const char *wp = got == EA ? "§ 2 Abs. 5 BetrAVG"
				               : got == BE ? "§ 2 Abs. 6 BetrAVG"
				               : got == NP ? "§ 1 Abs. 2 Nr. 2 BetrAVG"
				                           : paragraphs[v];
				assert_string_equal(p, wp);
			}
}

static void test_codes(void **state)
{
	assert_string_equal(method_code(R), "ratierlich");
	assert_string_equal(method_code(RV), "ratierlich_or_vvl");
	assert_string_equal(method_code(EA), "erreichte_anwartschaft");
	assert_string_equal(method_code(BE), "beitraege_zzgl_ertraege");
	assert_string_equal(method_code(NP), "not_possible");
}

/* § 2 Abs. 5 only for commitments after 31.12.2000 (§ 30g Abs. 2 S. 1), or by agreement (S. 2). */
static void test_abs5_date_limit(void **state)
{
	day_t x = ymd(2015, 6, 30);
	for (int v = METHOD_DZ; v <= METHOD_PF; v += (v == METHOD_UK ? 3 : 1)) { /* DZ, UK, PF */
		enum method_vehicle vv = (enum method_vehicle)v;
		assert_int_equal(decide(METHOD_BOLZ, vv, METHOD_EMPLOYER, ymd(2000, 12, 31), x, false, NULL), R);
		assert_int_equal(decide(METHOD_BOLZ, vv, METHOD_EMPLOYER, ymd(2001, 1, 1), x, false, NULL), EA);
		assert_int_equal(decide(METHOD_BOLZ, vv, METHOD_EMPLOYER, ymd(2000, 12, 31), x, true, NULL), EA);
		assert_int_equal(decide(METHOD_LZ, vv, METHOD_EMPLOYEE, ymd(2000, 12, 31), x, false, NULL), R);
		assert_int_equal(decide(METHOD_LZ, vv, METHOD_EMPLOYEE, ymd(2001, 1, 1), x, false, NULL), EA);
		assert_int_equal(decide(METHOD_LZ, vv, METHOD_EMPLOYEE, ymd(1995, 1, 1), x, true, NULL), EA);
		/* an agreement does not turn an employer-financed LZ into Abs. 5 */
		assert_int_equal(decide(METHOD_LZ, vv, METHOD_EMPLOYER, ymd(1995, 1, 1), x, true, NULL), R);
	}
	/* DV/PK stay ratierlich_or_vvl whatever the date */
	assert_int_equal(decide(METHOD_BOLZ, METHOD_DV, METHOD_EMPLOYEE, ymd(1995, 1, 1), x, false, NULL), RV);
	assert_int_equal(decide(METHOD_BOLZ, METHOD_PK, METHOD_EMPLOYEE, ymd(1995, 1, 1), x, true, NULL), RV);
	assert_int_equal(decide(METHOD_LZ, METHOD_DV, METHOD_EMPLOYER, ymd(1985, 1, 1), x, false, NULL), RV);
}

/* PF: erreichte Anwartschaft only for exits from 01.07.2002. */
static void test_pf_exit_2002(void **state)
{
	const char *p;
	assert_int_equal(decide(METHOD_BOLZ, METHOD_PF, METHOD_EMPLOYER, ymd(2002, 1, 1), ymd(2002, 6, 30), false, &p), R);
	assert_string_equal(p, "§ 2 Abs. 3a BetrAVG");
	assert_int_equal(decide(METHOD_BOLZ, METHOD_PF, METHOD_EMPLOYER, ymd(2002, 1, 1), ymd(2002, 7, 1), false, &p), EA);
	assert_string_equal(p, "§ 2 Abs. 5 BetrAVG");
	assert_int_equal(decide(METHOD_LZ, METHOD_PF, METHOD_EMPLOYEE, ymd(2002, 1, 1), ymd(2002, 6, 30), false, NULL), R);
	assert_int_equal(decide(METHOD_LZ, METHOD_PF, METHOD_EMPLOYEE, ymd(2002, 1, 1), ymd(2002, 7, 1), false, NULL), EA);
	/* DZ/UK are not limited by the exit date */
	assert_int_equal(decide(METHOD_BOLZ, METHOD_DZ, METHOD_EMPLOYER, ymd(2001, 1, 1), ymd(2002, 6, 30), false, NULL),
	                 EA);
}

/* BZML: only since 01.01.2002 and only via PF/PK/DV. */
static void test_bzml(void **state)
{
	day_t x = ymd(2012, 1, 1);
	assert_int_equal(decide(METHOD_BZML, METHOD_PF, METHOD_EMPLOYER, ymd(2001, 12, 31), x, false, NULL), NP);
	assert_int_equal(decide(METHOD_BZML, METHOD_PF, METHOD_EMPLOYER, ymd(2002, 1, 1), x, false, NULL), BE);
	assert_int_equal(decide(METHOD_BZML, METHOD_DV, METHOD_EMPLOYEE, ymd(2002, 1, 1), x, false, NULL), BE);
	assert_int_equal(decide(METHOD_BZML, METHOD_PK, METHOD_EMPLOYEE, ymd(2001, 12, 31), x, true, NULL), NP);
	assert_int_equal(decide(METHOD_BZML, METHOD_DZ, METHOD_EMPLOYER, ymd(2005, 1, 1), x, false, NULL), NP);
	assert_int_equal(decide(METHOD_BZML, METHOD_UK, METHOD_EMPLOYEE, ymd(2005, 1, 1), x, false, NULL), NP);
}

static void test_exit_before_commitment(void **state)
{
	struct method_input  in = {METHOD_LZ, METHOD_DZ, METHOD_EMPLOYER, ymd(2010, 1, 1), ymd(2009, 12, 31), false};
	struct method_result r;
	assert_false(method_decide(&in, &r, NULL));
	in.exit_date = ymd(2010, 1, 1); /* the same day is fine */
	assert_true(method_decide(&in, &r, NULL));
	assert_int_equal(r.method, R);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matrix_every_cell), cmocka_unit_test(test_codes),
		cmocka_unit_test(test_abs5_date_limit),   cmocka_unit_test(test_pf_exit_2002),
		cmocka_unit_test(test_bzml),              cmocka_unit_test(test_exit_before_commitment),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
