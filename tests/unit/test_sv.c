/*
 * test_sv.c — core/sv.c: every branch with hand-checked amounts, the
 * ceilings of 2025 and 2026, Saxony, the childless surcharge, the child
 * reductions, the transition zone at and between its edges (against the
 * published simplified formulas), mini-jobs (flat rates, minimum base,
 * exemption), private health insurance (§ 257 subsidy), the half-up rounding,
 * properties over a sweep of pay, and every explanation key in German and
 * English.  Run from the repository root (it reads i18n/law_sv.de.txt).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/calc.h"
#include "core/sv.h"
#include "http/i18n.h"

static struct sv_out run(struct sv_in in)
{
	struct sv_out  o;
	struct explain e;
	explain_init(&e);
	assert_int_equal(sv_compute(&in, &o, &e), SV_OK);
	assert_false(e.overflow);
	return o;
}

static void share(const struct sv_out *o, enum sv_branch b, int64_t an, int64_t ag)
{
	if (o->b[b].an != an || o->b[b].ag != ag)
		fail_msg("%s: got %lld/%lld, want %lld/%lld", sv_branch_code[b], (long long)o->b[b].an,
		         (long long)o->b[b].ag, (long long)an, (long long)ag);
}

static void totals(const struct sv_out *o)
{
	int64_t an = 0, ag = 0;
	for (int i = 0; i < SV__BRANCHES; i++)
		an += o->b[i].an, ag += o->b[i].ag;
	assert_int_equal(o->an_total, an);
	assert_int_equal(o->ag_total, ag);
}

/* ---- the year table -------------------------------------------------------- */

static void test_year_table(void **state)
{
	struct sv_year y;
	assert_false(sv_year(2024, &y));
	assert_false(sv_year(2027, &y));
	assert_true(sv_year(2025, &y));
	assert_int_equal(y.bbg_kv_year / 12, 551250); /* 5.512,50 € */
	assert_int_equal(y.bbg_rv_year / 12, 805000); /* 8.050 € */
	assert_int_equal(y.minijob_limit, 55600);
	assert_int_equal(y.factor_f, 6683);
	/* F = 28 % / (14,6 + 2,5 + 3,6 + 18,6 + 2,6 = 41,9 %), four decimals: 0,66826… → 0,6683 */
	int sum = y.kv_bp + y.kvz_avg_bp + y.pv_bp + y.rv_bp + y.av_bp;
	assert_int_equal(sum, 4190);
	assert_int_equal((2800 * 10000 * 2 + sum) / (2 * sum), y.factor_f);
	assert_true(sv_year(2026, &y));
	assert_int_equal(y.bbg_kv_year / 12, 581250); /* 5.812,50 € */
	assert_int_equal(y.bbg_rv_year / 12, 845000); /* 8.450 € */
	assert_int_equal(y.minijob_limit, 60300);
	assert_int_equal(y.midijob_upper, 200000);
	sum = y.kv_bp + y.kvz_avg_bp + y.pv_bp + y.rv_bp + y.av_bp; /* 42,3 % → 0,66193… → 0,6619 */
	assert_int_equal(sum, 4230);
	assert_int_equal((2800 * 10000 * 2 + sum) / (2 * sum), y.factor_f);
	assert_int_equal(y.factor_f, 6619);

	struct sv_in  in = {.year = 2024, .entgelt_cents = 100000};
	struct sv_out o;
	assert_int_equal(sv_compute(&in, &o, NULL), SV_NO_YEAR);
	in.year = 2025;
	in.childless = true, in.children = 1;
	assert_int_equal(sv_compute(&in, &o, NULL), SV_ERR_INPUT);
	in.childless = false, in.children = -1;
	assert_int_equal(sv_compute(&in, &o, NULL), SV_ERR_INPUT);
	in.children = 0, in.entgelt_cents = -1;
	assert_int_equal(sv_compute(&in, &o, NULL), SV_ERR_INPUT);
	in.entgelt_cents = 100000, in.kvz_bp = 2001;
	assert_int_equal(sv_compute(&in, &o, NULL), SV_ERR_INPUT);
	in.kvz_bp = 0, in.private_kv_premium_cents = -5;
	assert_int_equal(sv_compute(&in, &o, NULL), SV_ERR_INPUT);

	assert_int_equal(sv_pv_reductions(0), 0);
	assert_int_equal(sv_pv_reductions(1), 0);
	assert_int_equal(sv_pv_reductions(2), 1);
	assert_int_equal(sv_pv_reductions(5), 4);
	assert_int_equal(sv_pv_reductions(9), 4);
}

/* ---- regular employment ------------------------------------------------------ */

/* 2026, 4.000 €, additional rate 2,9 %, childless, outside Saxony:
 *   KV 4.000 × 7,30 % = 292,00 each; KVZ 4.000 × 1,45 % = 58,00 each;
 *   PV employee 4.000 × (1,8 + 0,6) % = 96,00, employer 4.000 × 1,8 % = 72,00;
 *   RV 4.000 × 9,3 % = 372,00 each; AV 4.000 × 1,3 % = 52,00 each;
 *   employee 870,00, employer 846,00. */
static void test_regular_2026(void **state)
{
	struct sv_out o = run((struct sv_in){.year = 2026, .entgelt_cents = 400000, .kvz_bp = 290, .childless = true});
	assert_int_equal(o.kind, SV_REGULAR);
	assert_int_equal(o.base_kv, 400000);
	assert_int_equal(o.base_rv, 400000);
	share(&o, SV_KV, 29200, 29200);
	share(&o, SV_KVZ, 5800, 5800);
	share(&o, SV_PV, 9600, 7200);
	share(&o, SV_RV, 37200, 37200);
	share(&o, SV_AV, 5200, 5200);
	assert_int_equal(o.an_total, 87000);
	assert_int_equal(o.ag_total, 84600);
	totals(&o);
}

/* Above both ceilings.
 * 2026, 10.000 €, 2,9 %, one child: KV/PV on 5.812,50, RV/AV on 8.450:
 *   KV 5.812,50 × 7,3 % = 424,3125 → 424,31; KVZ × 1,45 % = 84,28125 → 84,28;
 *   PV × 1,8 % = 104,625 → 104,63 each; RV 8.450 × 9,3 % = 785,85; AV × 1,3 % = 109,85.
 * 2025, 10.000 €, 2,5 %, one child: KV/PV on 5.512,50, RV/AV on 8.050:
 *   KV 402,4125 → 402,41; KVZ × 1,25 % = 68,90625 → 68,91; PV × 1,8 % = 99,225 → 99,23;
 *   RV 748,65; AV 104,65. */
static void test_ceilings(void **state)
{
	struct sv_out o = run((struct sv_in){.year = 2026, .entgelt_cents = 1000000, .kvz_bp = 290, .children = 1});
	assert_int_equal(o.base_kv, 581250);
	assert_int_equal(o.base_rv, 845000);
	share(&o, SV_KV, 42431, 42431);
	share(&o, SV_KVZ, 8428, 8428);
	share(&o, SV_PV, 10463, 10463);
	share(&o, SV_RV, 78585, 78585);
	share(&o, SV_AV, 10985, 10985);
	totals(&o);

	o = run((struct sv_in){.year = 2025, .entgelt_cents = 1000000, .kvz_bp = 250, .children = 1});
	assert_int_equal(o.base_kv, 551250);
	assert_int_equal(o.base_rv, 805000);
	share(&o, SV_KV, 40241, 40241);
	share(&o, SV_KVZ, 6891, 6891);
	share(&o, SV_PV, 9923, 9923);
	share(&o, SV_RV, 74865, 74865);
	share(&o, SV_AV, 10465, 10465);

	/* exactly at the ceilings: nothing is cut; one cent above: the same contributions */
	struct sv_out a = run((struct sv_in){.year = 2026, .entgelt_cents = 581250, .kvz_bp = 290});
	struct sv_out b = run((struct sv_in){.year = 2026, .entgelt_cents = 581251, .kvz_bp = 290});
	assert_int_equal(a.base_kv, 581250);
	assert_int_equal(b.base_kv, 581250);
	assert_int_equal(a.b[SV_KV].an, b.b[SV_KV].an);
	assert_true(b.b[SV_RV].an >= a.b[SV_RV].an);
	a = run((struct sv_in){.year = 2026, .entgelt_cents = 845000, .kvz_bp = 290});
	b = run((struct sv_in){.year = 2026, .entgelt_cents = 900000, .kvz_bp = 290});
	assert_int_equal(a.b[SV_RV].an, b.b[SV_RV].an);
	assert_int_equal(a.b[SV_AV].ag, b.b[SV_AV].ag);
}

/* Half-up: 2.005,00 € × 7,3 % = 146,365 → 146,37; × 1,3 % = 26,065 → 26,07; an odd additional rate:
 * 2,45 % half = 1,225 % × 2.005,00 = 24,56125 → 24,56. */
static void test_rounding(void **state)
{
	struct sv_out o = run((struct sv_in){.year = 2025, .entgelt_cents = 200500, .kvz_bp = 245});
	share(&o, SV_KV, 14637, 14637);
	share(&o, SV_AV, 2607, 2607);
	share(&o, SV_KVZ, 2456, 2456);
	assert_int_equal(sv_round(5, 1, 10), 1);  /* 0,5 → 1 */
	assert_int_equal(sv_round(4, 1, 10), 0);
	assert_int_equal(sv_round(15, 1, 10), 2); /* 1,5 → 2 */
}

/* Saxony: employee 2,3 %, employer 1,3 %; childless employee 2,9 %.
 * 2026, 3.000 €: 69,00 / 39,00; childless 87,00 / 39,00. */
static void test_saxony(void **state)
{
	struct sv_out o = run((struct sv_in){.year = 2026, .entgelt_cents = 300000, .kvz_bp = 290, .saxony = true, .children = 1});
	share(&o, SV_PV, 6900, 3900);
	o = run((struct sv_in){.year = 2026, .entgelt_cents = 300000, .kvz_bp = 290, .saxony = true, .childless = true});
	share(&o, SV_PV, 8700, 3900);
	/* 3 children in Saxony: 2,3 − 0,5 = 1,8 % = 54,00 */
	o = run((struct sv_in){.year = 2025, .entgelt_cents = 300000, .kvz_bp = 250, .saxony = true, .children = 3});
	share(&o, SV_PV, 5400, 3900);
	/* the other branches are not affected by Saxony */
	share(&o, SV_KV, 21900, 21900);
}

/* Child reductions, 2026, 3.000 €: employer always 1,8 % = 54,00; employee
 * 0/1 child 1,8 % = 54,00; 2: 1,55 % = 46,50; 3: 1,30 % = 39,00; 4: 1,05 % = 31,50;
 * 5 and more: 0,80 % = 24,00; childless 2,4 % = 72,00. */
static void test_children(void **state)
{
	static const struct {
		int     children;
		int64_t an;
	} t[] = {{0, 5400}, {1, 5400}, {2, 4650}, {3, 3900}, {4, 3150}, {5, 2400}, {6, 2400}, {12, 2400}};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		struct sv_out o = run((struct sv_in){.year = 2026, .entgelt_cents = 300000, .kvz_bp = 290, .children = t[i].children});
		share(&o, SV_PV, t[i].an, 5400);
	}
	struct sv_out o = run((struct sv_in){.year = 2026, .entgelt_cents = 300000, .kvz_bp = 290, .childless = true});
	share(&o, SV_PV, 7200, 5400);
}

/* ---- transition zone ----------------------------------------------------------- */

/* The bases against the published simplified formulas (which round the factors):
 *   2025: BE = 1,127718283 × AE − 255,4365651; BE_AN = 1,385041551 × AE − 770,0831025
 *   2026: BE = 1,145937223 × AE − 291,8744452; BE_AN = 1,431639227 × AE − 863,2784538
 * AE 1.000 € (2025): BE 872,2817… → 872,28; BE_AN 614,9584… → 614,96.
 * AE 1.500 € (2026): BE 1.427,0313… → 1.427,03; BE_AN 1.284,1803… → 1.284,18.
 * The sweep compares every euro step: the simplified factors are within 10⁻⁹ of the exact
 * ones, so a difference can only show where the exact value sits on a half cent. */
static void test_zone_bases(void **state)
{
	struct sv_year y25, y26;
	assert_true(sv_year(2025, &y25));
	assert_true(sv_year(2026, &y26));
	assert_int_equal(sv_midijob_be(&y25, 100000), 87228);
	assert_int_equal(sv_midijob_be_an(&y25, 100000), 61496);
	assert_int_equal(sv_midijob_be(&y26, 150000), 142703);
	assert_int_equal(sv_midijob_be_an(&y26, 150000), 128418);
	/* upper edge: BE = BE_AN = AE */
	assert_int_equal(sv_midijob_be(&y25, 200000), 200000);
	assert_int_equal(sv_midijob_be_an(&y25, 200000), 200000);
	assert_int_equal(sv_midijob_be(&y26, 200000), 200000);
	assert_int_equal(sv_midijob_be_an(&y26, 200000), 200000);
	/* lower edge: one cent above G — BE = F × G + a cent's share, BE_AN = 0,0138… → 0,01 */
	assert_int_equal(sv_midijob_be(&y25, 55601), 37159); /* 0,6683 × 556 = 371,5748 + 0,0113 */
	assert_int_equal(sv_midijob_be_an(&y25, 55601), 1);
	assert_int_equal(sv_midijob_be(&y26, 60301), 39914); /* 0,6619 × 603 = 399,1257 + 0,0115 */
	assert_int_equal(sv_midijob_be_an(&y26, 60301), 1);

	/* simplified formulas, factors × 10⁹ and constants × 10⁷, evaluated in 10⁻⁹ cents */
	for (int64_t ae = 55700; ae <= 200000; ae += 100) {
		__int128 be  = (__int128)1127718283 * ae - (__int128)2554365651 * 10000; /* 10⁻⁹ cent */
		__int128 ban = (__int128)1385041551 * ae - (__int128)7700831025 * 10000;
		int64_t  r1 = (int64_t)((be + 500000000) / 1000000000), r2 = (int64_t)((ban + 500000000) / 1000000000);
		assert_int_equal(sv_midijob_be(&y25, ae), r1);
		assert_int_equal(sv_midijob_be_an(&y25, ae), r2);
	}
	for (int64_t ae = 60400; ae <= 200000; ae += 100) {
		__int128 be  = (__int128)1145937223 * ae - (__int128)2918744452 * 10000;
		__int128 ban = (__int128)1431639227 * ae - (__int128)8632784538 * 10000;
		int64_t  r1 = (int64_t)((be + 500000000) / 1000000000), r2 = (int64_t)((ban + 500000000) / 1000000000);
		assert_int_equal(sv_midijob_be(&y26, ae), r1);
		assert_int_equal(sv_midijob_be_an(&y26, ae), r2);
	}
}

/* 2025, AE 1.000 €, additional rate 2,5 %, one child (BE 872,28, BE_AN 614,96):
 *   KV total 2 × (872,28 × 7,3 % = 63,67644 → 63,68) = 127,36; employee 614,96 × 7,3 % = 44,89208 → 44,89;
 *      employer 127,36 − 44,89 = 82,47
 *   KVZ total 2 × (872,28 × 1,25 % = 10,9035 → 10,90) = 21,80; employee 7,687 → 7,69; employer 14,11
 *   PV total 2 × (872,28 × 1,8 % = 15,70104 → 15,70) = 31,40; employee 11,06928 → 11,07; employer 20,33
 *   RV total 2 × (81,12204 → 81,12) = 162,24; employee 57,19128 → 57,19; employer 105,05
 *   AV total 2 × (11,33964 → 11,34) = 22,68; employee 7,99448 → 7,99; employer 14,69 */
static void test_zone_2025(void **state)
{
	struct sv_out o = run((struct sv_in){.year = 2025, .entgelt_cents = 100000, .kvz_bp = 250, .children = 1});
	assert_int_equal(o.kind, SV_MIDIJOB);
	assert_int_equal(o.be, 87228);
	assert_int_equal(o.be_an, 61496);
	share(&o, SV_KV, 4489, 8247);
	share(&o, SV_KVZ, 769, 1411);
	share(&o, SV_PV, 1107, 2033);
	share(&o, SV_RV, 5719, 10505);
	share(&o, SV_AV, 799, 1469);
	totals(&o);
}

/* 2026, AE 1.500 €, 2,9 %, childless (BE 1.427,03, BE_AN 1.284,18):
 *   PV standard total 2 × (1.427,03 × 1,8 % = 25,68654 → 25,69) = 51,38; employee standard
 *   1.284,18 × 1,8 % = 23,11524 → 23,12; surcharge 1.427,03 × 0,6 % = 8,56218 → 8,56;
 *   employee 23,12 + 8,56 = 31,68; employer 51,38 − 23,12 = 28,26. */
static void test_zone_childless_saxony(void **state)
{
	struct sv_out o = run((struct sv_in){.year = 2026, .entgelt_cents = 150000, .kvz_bp = 290, .childless = true});
	assert_int_equal(o.be, 142703);
	assert_int_equal(o.be_an, 128418);
	share(&o, SV_PV, 3168, 2826);
	share(&o, SV_KV, 9375, 11459);
	/* Saxony, 3 children, AE 1.200 € (2026): BE 1.083,25, BE_AN 854,69:
	 *   total 1.083,25 × 1,3 % = 14,08225 → 14,08 plus × 2,3 % = 24,91475 → 24,91 = 38,99;
	 *   standard employee 854,69 × 2,3 % = 19,65787 → 19,66; employer 38,99 − 19,66 = 19,33;
	 *   employee with two reductions 854,69 × 1,8 % = 15,38442 → 15,38. */
	o = run((struct sv_in){.year = 2026, .entgelt_cents = 120000, .kvz_bp = 290, .saxony = true, .children = 3});
	assert_int_equal(o.be, 108325);
	assert_int_equal(o.be_an, 85469);
	share(&o, SV_PV, 1538, 1933);
}

/* At the edges: 2.000,00 € is still the zone but BE = AE, so the contributions equal the
 * regular ones; 2.000,01 € is regular; one cent above G is the zone with an employee share of 0. */
static void test_zone_edges(void **state)
{
	for (int year = 2025; year <= 2026; year++) {
		struct sv_out z = run((struct sv_in){.year = year, .entgelt_cents = 200000, .kvz_bp = 290, .children = 1});
		struct sv_out r = run((struct sv_in){.year = year, .entgelt_cents = 200001, .kvz_bp = 290, .children = 1});
		assert_int_equal(z.kind, SV_MIDIJOB);
		assert_int_equal(r.kind, SV_REGULAR);
		share(&z, SV_KV, 14600, 14600);
		share(&z, SV_KVZ, 2900, 2900);
		share(&z, SV_PV, 3600, 3600);
		share(&z, SV_RV, 18600, 18600);
		share(&z, SV_AV, 2600, 2600);
		share(&r, SV_KV, 14600, 14600);
		share(&r, SV_RV, 18600, 18600);
	}
	struct sv_out m = run((struct sv_in){.year = 2025, .entgelt_cents = 55600, .kvz_bp = 250});
	struct sv_out z = run((struct sv_in){.year = 2025, .entgelt_cents = 55601, .kvz_bp = 250});
	assert_int_equal(m.kind, SV_MINIJOB);
	assert_int_equal(z.kind, SV_MIDIJOB);
	assert_int_equal(z.an_total, 0); /* BE_AN = 0,01 €: every employee share rounds to 0 */
	share(&z, SV_RV, 0, 6912);       /* 2 × (371,59 × 9,3 % = 34,55787 → 34,56) = 69,12 */
	m = run((struct sv_in){.year = 2026, .entgelt_cents = 60300, .kvz_bp = 290});
	z = run((struct sv_in){.year = 2026, .entgelt_cents = 60301, .kvz_bp = 290});
	assert_int_equal(m.kind, SV_MINIJOB);
	assert_int_equal(z.kind, SV_MIDIJOB);
	share(&z, SV_RV, 0, 7424); /* 2 × (399,14 × 9,3 % = 37,12002 → 37,12) */
	/* 2026: 556,01–603,00 € is no longer the zone */
	m = run((struct sv_in){.year = 2026, .entgelt_cents = 58000, .kvz_bp = 290});
	assert_int_equal(m.kind, SV_MINIJOB);
	z = run((struct sv_in){.year = 2025, .entgelt_cents = 58000, .kvz_bp = 290});
	assert_int_equal(z.kind, SV_MIDIJOB);
}

/* ---- mini-jobs -------------------------------------------------------------------- */

/* 2025, 500 €: employer KV 13 % = 65,00, RV 15 % = 75,00; employee RV 3,6 % = 18,00; flat tax 2 % = 10,00.
 * 2026, 603 €: KV 78,39; RV 90,45; employee 21,708 → 21,71; tax 12,06.
 * 100 € (below the minimum base 175 €): employer RV 15,00; 175 × 18,6 % = 32,55; employee 17,55. */
static void test_minijob(void **state)
{
	struct sv_out o = run((struct sv_in){.year = 2025, .entgelt_cents = 50000, .kvz_bp = 250, .childless = true});
	assert_int_equal(o.kind, SV_MINIJOB);
	share(&o, SV_KV, 0, 6500);
	share(&o, SV_KVZ, 0, 0);
	share(&o, SV_PV, 0, 0);
	share(&o, SV_RV, 1800, 7500);
	share(&o, SV_AV, 0, 0);
	assert_int_equal(o.minijob_flat_tax, 1000);
	totals(&o);

	o = run((struct sv_in){.year = 2026, .entgelt_cents = 60300, .kvz_bp = 290});
	share(&o, SV_KV, 0, 7839);
	share(&o, SV_RV, 2171, 9045);
	assert_int_equal(o.minijob_flat_tax, 1206);

	o = run((struct sv_in){.year = 2026, .entgelt_cents = 10000, .kvz_bp = 290});
	share(&o, SV_RV, 1755, 1500);
	assert_int_equal(o.base_rv, 17500);
	share(&o, SV_KV, 0, 1300);

	/* exempt from RV: only the employer's flat rate */
	o = run((struct sv_in){.year = 2026, .entgelt_cents = 50000, .kvz_bp = 290, .minijob_rv_exempt = true});
	share(&o, SV_RV, 0, 7500);
	assert_int_equal(o.an_total, 0);
	/* privately insured: no KV flat rate, no § 257 subsidy */
	o = run((struct sv_in){.year = 2026, .entgelt_cents = 50000, .private_health = true, .private_kv_premium_cents = 40000});
	share(&o, SV_KV, 0, 0);
	assert_int_equal(o.private_subsidy, 0);
	/* no pay: nothing (not even the minimum base) */
	o = run((struct sv_in){.year = 2026, .entgelt_cents = 0, .kvz_bp = 290});
	assert_int_equal(o.kind, SV_NONE);
	assert_int_equal(o.an_total + o.ag_total + o.minijob_flat_tax, 0);
}

/* ---- private health insurance -------------------------------------------------------- */

/* 2026, 8.000 €, premiums 900 € (health) and 80 € (care):
 *   cap health 5.812,50 × (14,6 + 2,9) / 2 % = 508,59375 → 508,59; half the premium 450,00 → 450,00;
 *   care half 40,00 < cap 104,63 → 40,00; subsidy 490,00; no KV/PV; RV 744,00, AV 104,00 each.
 * Premiums 1.200 € / 250 €: 508,59 + 104,63 = 613,22.  2025: caps 5.512,50 × 8,55 % = 471,31875
 * → 471,32 and 99,225 → 99,23.  Below the ceiling (3.000 €, 2026): cap 3.000 × 8,75 % = 262,50. */
static void test_private(void **state)
{
	struct sv_out o = run((struct sv_in){.year = 2026, .entgelt_cents = 800000, .private_health = true,
	                                     .private_kv_premium_cents = 90000, .private_pv_premium_cents = 8000});
	share(&o, SV_KV, 0, 0);
	share(&o, SV_KVZ, 0, 0);
	share(&o, SV_PV, 0, 0);
	share(&o, SV_RV, 74400, 74400);
	share(&o, SV_AV, 10400, 10400);
	assert_int_equal(o.private_subsidy, 49000);
	o = run((struct sv_in){.year = 2026, .entgelt_cents = 800000, .private_health = true,
	                       .private_kv_premium_cents = 120000, .private_pv_premium_cents = 25000});
	assert_int_equal(o.private_subsidy, 50859 + 10463);
	o = run((struct sv_in){.year = 2025, .entgelt_cents = 800000, .private_health = true,
	                       .private_kv_premium_cents = 120000, .private_pv_premium_cents = 25000});
	assert_int_equal(o.private_subsidy, 47132 + 9923);
	o = run((struct sv_in){.year = 2026, .entgelt_cents = 300000, .private_health = true,
	                       .private_kv_premium_cents = 120000, .private_pv_premium_cents = 0});
	assert_int_equal(o.private_subsidy, 26250);
	/* Saxony: care cap 1,3 % × 5.812,50 = 75,5625 → 75,56 */
	o = run((struct sv_in){.year = 2026, .entgelt_cents = 800000, .private_health = true, .saxony = true,
	                       .private_pv_premium_cents = 25000});
	assert_int_equal(o.private_subsidy, 7556);
}

/* ---- properties over a sweep ---------------------------------------------------------- */

static void test_properties(void **state)
{
	for (int year = 2025; year <= 2026; year++)
		for (int flags = 0; flags < 8; flags++) {
			int64_t prev_an = -1;
			for (int64_t ae = 0; ae <= 1200000; ae += ae < 250000 ? 137 : 2011) {
				struct sv_in  in = {.year = year, .entgelt_cents = ae, .kvz_bp = 170 + 13 * flags,
				                    .saxony = flags & 1, .childless = flags & 2, .children = flags & 2 ? 0 : flags,
				                    .private_health = flags == 4, .private_kv_premium_cents = 50000};
				struct sv_out o;
				assert_int_equal(sv_compute(&in, &o, NULL), SV_OK);
				for (int b = 0; b < SV__BRANCHES; b++) {
					assert_true(o.b[b].an >= 0);
					assert_true(o.b[b].ag >= 0);
				}
				totals(&o);
				/* outside the mini-job the employee's share never falls as the pay rises */
				if (o.kind == SV_REGULAR || o.kind == SV_MIDIJOB) {
					if (prev_an >= 0)
						assert_true(o.an_total >= prev_an);
					prev_an = o.an_total;
					/* the zone never costs the employee more than the regular rates would */
					if (o.kind == SV_MIDIJOB) {
						int64_t full = 0;
						full += (ae * 1860 + 10000) / 20000;
						assert_true(o.b[SV_RV].an <= full);
					}
				}
				/* employee + employer never exceed the full rates on the capped pay (+ a cent per branch) */
				int64_t cap_kv = ae < 581250 ? ae : 581250;
				assert_true(o.b[SV_KV].an + o.b[SV_KV].ag <= (cap_kv * 1460 + 5000) / 10000 + 1 ||
				            o.kind == SV_MINIJOB);
			}
		}
}

/* ---- explanations ------------------------------------------------------------------------ */

enum { MAX_KEYS = 96 };
static const char *used[MAX_KEYS];
static int         nused;

static void render_all(const struct explain *e)
{
	assert_false(e->overflow);
	for (int i = 0; i < e->nnotes; i++) {
		const struct explain_note *n = &e->notes[i];
		bool                       seen = false;
		for (int k = 0; k < nused && !seen; k++)
			seen = !strcmp(used[k], n->key);
		if (!seen) {
			assert_true(nused < MAX_KEYS);
			used[nused++] = n->key;
		}
		for (int l = 0; l < LANG__COUNT; l++) {
			if (!i18n_has((enum lang)l, n->key))
				fail_msg("%s missing in %s", n->key, i18n_lang_code((enum lang)l));
			char *t = calc_note_text(n, (enum lang)l);
			for (const char *p = t; *p; p++)
				if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}')
					fail_msg("%s (%s): unfilled placeholder in \"%s\"", n->key, i18n_lang_code((enum lang)l), t);
			free(t);
		}
	}
}

static void test_explanations(void **state)
{
	i18n_init();
	static const struct sv_in cases[] = {
		{.year = 2026, .entgelt_cents = 400000, .kvz_bp = 290, .childless = true},
		{.year = 2026, .entgelt_cents = 1000000, .kvz_bp = 290, .saxony = true, .children = 3},
		{.year = 2025, .entgelt_cents = 100000, .kvz_bp = 250, .childless = true},
		{.year = 2025, .entgelt_cents = 50000, .kvz_bp = 250},
		{.year = 2025, .entgelt_cents = 10000, .kvz_bp = 250},
		{.year = 2025, .entgelt_cents = 10000, .minijob_rv_exempt = true, .private_health = true},
		{.year = 2026, .entgelt_cents = 900000, .private_health = true, .private_kv_premium_cents = 80000},
		{.year = 2026, .entgelt_cents = 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct explain e;
		struct sv_out  o;
		explain_init(&e);
		assert_int_equal(sv_compute(&cases[i], &o, &e), SV_OK);
		assert_true(e.nnotes > 0);
		assert_true(e.nrules > 0 || o.kind == SV_NONE);
		render_all(&e);
	}
	/* the German text of the reduction note, as a reader sees it */
	struct explain e;
	struct sv_out  o;
	explain_init(&e);
	assert_int_equal(sv_compute(&cases[1], &o, &e), SV_OK);
	bool found = false;
	for (int i = 0; i < e.nnotes; i++)
		if (!strcmp(e.notes[i].key, "sv.pv.children")) {
			char *t = calc_note_text(&e.notes[i], LANG_DE);
			assert_non_null(strstr(t, "um 0,50 %"));
			assert_non_null(strstr(t, "(0,25 % je Kind"));
			free(t);
			t = calc_note_text(&e.notes[i], LANG_EN);
			assert_non_null(strstr(t, "by 0.50 %"));
			free(t);
			found = true;
		}
	assert_true(found);
	/* every sv.* key of the catalogue is used by one of the cases */
	FILE *f = fopen("i18n/law_sv.de.txt", "r");
	assert_non_null(f);
	char line[2048];
	int  nkeys = 0;
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, "sv.", 3))
			continue;
		char *eq = strstr(line, " = ");
		assert_non_null(eq);
		*eq = 0;
		nkeys++;
		bool seen = false;
		for (int i = 0; i < nused && !seen; i++)
			seen = !strcmp(used[i], line);
		if (!seen)
			fail_msg("catalogue key %s is never used by a tested result", line);
		for (int l = 0; l < LANG__COUNT; l++)
			if (!i18n_has((enum lang)l, line))
				fail_msg("key %s missing in %s", line, i18n_lang_code((enum lang)l));
	}
	fclose(f);
	assert_int_equal(nused, nkeys);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_year_table),    cmocka_unit_test(test_regular_2026),
		cmocka_unit_test(test_ceilings),      cmocka_unit_test(test_rounding),
		cmocka_unit_test(test_saxony),        cmocka_unit_test(test_children),
		cmocka_unit_test(test_zone_bases),    cmocka_unit_test(test_zone_2025),
		cmocka_unit_test(test_zone_childless_saxony), cmocka_unit_test(test_zone_edges),
		cmocka_unit_test(test_minijob),       cmocka_unit_test(test_private),
		cmocka_unit_test(test_properties),    cmocka_unit_test(test_explanations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
