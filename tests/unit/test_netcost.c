/*
 * test_netcost.c — payroll/netcost.c and the calculator `net-cost`:
 * hand-checked worked examples (the arithmetic in the comments; the wage tax
 * follows the PAP 2026 step by step), properties over generated inputs
 * (net with ≥ net without − conversion, taxes never negative, net pay
 * monotone in the gross pay, contract = conversion + subsidy, the statutory
 * subsidy within 15 % and the employer's saving), the strict JSON input, the
 * page's form, and every explanation key in both languages.  Run from the
 * repository root (it reads i18n/law_sv.de.txt).
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
#include "app/calc_netcost.h"
#include "http/i18n.h"
#include "http/parse.h"
#include "payroll/netcost.h"

static struct netcost_out run(struct netcost_in in)
{
	struct netcost_out o;
	struct explain     e;
	explain_init(&e);
	enum netcost_status st = netcost_compute(&in, &o, &e);
	if (st != NC_OK)
		fail_msg("netcost_compute: status %d", st);
	assert_false(e.overflow);
	return o;
}

/* ---- worked examples ----------------------------------------------------------------- */

/* A. 2026, 4.000 €/month, tax class I, no child allowance, childless (surcharge), no church tax,
 *    NW, additional rate 2,9 %, conversion 200 €, statutory subsidy.
 *  Limits 2026: 8 % × 101.400 = 8.112 €/yr = 676 €/month tax-free; 4 % = 4.056 €/yr = 338 €/month
 *    SV-free → the 200 € are tax- and SV-free.
 *  SV without (4.000): KV 7,3 % 292,00 + KVZ 1,45 % 58,00 + PV 2,4 % 96,00 + RV 9,3 % 372,00 + AV 1,3 % 52,00
 *    = employee 870,00; employer 292,00 + 58,00 + PV 1,8 % 72,00 + 372,00 + 52,00 = 846,00.
 *  SV with (3.800): 277,40 + 55,10 + 91,20 + 353,40 + 49,40 = 826,50; employer 277,40 + 55,10 + 68,40
 *    + 353,40 + 49,40 = 803,70 → saving 43,50 / 42,30.
 *  Subsidy: 15 % × 200 = 30,00 ≤ saving 42,30 → 30,00 (SV- and tax-free: room 138 / 476 left).
 *  Wage tax (PAP 2026, LZZ 2): ZRE4 = 4.000 × 12 = 48.000; ANP 1.230 + SAP 36 = ZTABFB 1.266;
 *    VSPR = 48.000 × 9,3 % = 4.464,00; VSPKVPV = 48.000 × (7,0 % + 1,45 % + 1,8 % + 0,6 %) = 5.208,00;
 *    VSP = ⌈9.672,00⌉ = 9.672 (MVSPHB: 4.464 + min(1.900, 624 + 5.208) = 6.364 is less);
 *    ZVE = 48.000 − 1.266 − 9.672 = 37.062; zone 3: Y = (37.062 − 17.799)/10⁴ = 1,9263;
 *    ST = ⌊(173,10 × 1,9263 + 2.397) × 1,9263 + 1.034,87⌋ = ⌊6.294,52…⌋ = 6.294; LSTLZZ = 629.400/12 = 524,50.
 *    With: ZRE4 45.600; VSPR 4.240,80; VSPKVPV 4.947,60; VSP ⌈9.188,40⌉ = 9.189; ZVE 35.145;
 *    Y = 1,7346; ST = ⌊5.713,53…⌋ = 5.713; LSTLZZ = ⌊571.300/12⌋ = 476,08.  SolZ 0 (6.294 ≤ 20.350).
 *  Net without 4.000 − 524,50 − 870,00 = 2.605,50; with 3.800 − 476,08 − 826,50 = 2.497,42;
 *  net cost 108,08; tax saving 48,42; into the contract 230,00; employer 30,00 − 42,30 = −12,30. */
static void test_example_a(void **state)
{
	struct netcost_out o = run((struct netcost_in){.year = 2026, .gross_cents = 400000, .tax_class = 1,
	                                               .childless = true, .state = NC_NW, .kvz_bp = 290,
	                                               .conversion_cents = 20000, .subsidy = NC_SUBSIDY_STATUTORY});
	assert_int_equal(o.tax_free_month, 67600);
	assert_int_equal(o.sv_free_month, 33800);
	assert_int_equal(o.without.sv.an_total, 87000);
	assert_int_equal(o.without.sv.ag_total, 84600);
	assert_int_equal(o.with.sv.an_total, 82650);
	assert_int_equal(o.with.sv.ag_total, 80370);
	assert_int_equal(o.without.tax.lst_cents, 52450);
	assert_int_equal(o.with.tax.lst_cents, 47608);
	assert_int_equal(o.without.tax.solz_cents, 0);
	assert_int_equal(o.without.net, 260550);
	assert_int_equal(o.with.net, 249742);
	assert_int_equal(o.net_cost, 10808);
	assert_int_equal(o.tax_saving, 4842);
	assert_int_equal(o.sv_saving_an, 4350);
	assert_int_equal(o.sv_saving_ag, 4230);
	assert_int_equal(o.sv_saving[SV_PV].an, 480);
	assert_int_equal(o.sv_saving[SV_PV].ag, 360);
	assert_int_equal(o.subsidy, 3000);
	assert_int_equal(o.into_contract, 23000);
	assert_int_equal(o.employer_net_cost, -1230);
	assert_int_equal(o.lim.conversion_max, 405600);
}

/* B. 2026, 8.000 €, class I, no child allowance, one child over 25 (no surcharge, no reduction),
 *    church tax in Bavaria (8 %), 2,9 %, conversion 676 € (the whole tax-free twelfth), statutory subsidy.
 *  The conversion: 676 tax-free, 338 SV-free + 338 contributory → nothing left for the subsidy.
 *  SV without: KV/PV on 5.812,50: 424,31 + 84,28 + 104,63; RV 744,00, AV 104,00 → 1.461,22 each side.
 *  Subsidy: 15 % × 676 = 101,40, but every cent of it is contributory (and taxable); the employer saves
 *    on RV/AV only: saving(s) = AG(8.000) − AG(7.662 + s); the largest s ≤ saving(s) is 32,39
 *    (7.694,39: RV 9,3 % = 715,578… → 715,58, AV 1,3 % = 100,027… → 100,03; 744 + 104 − 715,58 − 100,03 = 32,39).
 *  Wage tax without: ZRE4 96.000; VSPR 8.928; VSPKVPV 5.812,50 × 12 × 10,25 % = 7.149,37; VSP ⌈16.077,37⌉
 *    = 16.078; ZVE 78.656 → zone 4: ⌊0,42 × 78.656 − 11.135,63⌋ = 21.899 → LSTLZZ 1.824,91;
 *    SolZ: min(5,5 % × 21.899 = 1.204,44; 11,9 % × (21.899 − 20.350) = 184,33) → 18.433/12 = 15,36;
 *    church 8 % × BK 1.824,91 = 145,99 (fraction dropped).
 *  With: RE4 = 8.000 − 676 + 32,39 = 7.356,39; ZRE4 88.276,68; VSP 15.360; ZVE 71.650,68 → X 71.650
 *    → ST ⌊0,42 × 71.650 − 11.135,63⌋ = 18.957 → LSTLZZ 1.579,75; SolZ 0 (18.957 ≤ 20.350); church 126,38.
 *  SV with (7.694,39): employee 424,31 + 84,28 + 104,63 + 715,58 + 100,03 = 1.428,83.
 *  Net without 8.000 − 1.824,91 − 15,36 − 145,99 − 1.461,22 = 4.552,52;
 *  with 7.324 − 1.579,75 − 126,38 − 1.428,83 = 4.189,04; net cost 363,48; tax saving 280,13. */
static void test_example_b(void **state)
{
	struct netcost_out o = run((struct netcost_in){.year = 2026, .gross_cents = 800000, .tax_class = 1,
	                                               .church = true, .state = NC_BY, .kvz_bp = 290,
	                                               .conversion_cents = 67600, .subsidy = NC_SUBSIDY_STATUTORY});
	assert_int_equal(o.conv_tax_free, 67600);
	assert_int_equal(o.conv_sv_free, 33800);
	assert_int_equal(o.subsidy_flat, 10140);
	assert_int_equal(o.subsidy, 3239);
	assert_int_equal(o.sub_tax_free, 0);
	assert_int_equal(o.sub_sv_free, 0);
	assert_int_equal(o.sv_saving_ag, 3239);
	assert_int_equal(o.with.taxable, 735639);
	assert_int_equal(o.with.sv_pay, 769439);
	assert_int_equal(o.without.tax.lst_cents, 182491);
	assert_int_equal(o.without.tax.solz_cents, 1536);
	assert_int_equal(o.without.church_cents, 14599);
	assert_int_equal(o.with.tax.lst_cents, 157975);
	assert_int_equal(o.with.tax.solz_cents, 0);
	assert_int_equal(o.with.church_cents, 12638);
	assert_int_equal(o.without.sv.an_total, 146122);
	assert_int_equal(o.with.sv.an_total, 142883);
	assert_int_equal(o.without.net, 455252);
	assert_int_equal(o.with.net, 418904);
	assert_int_equal(o.net_cost, 36348);
	assert_int_equal(o.tax_saving, 28013);
	assert_int_equal(o.into_contract, 67600 + 3239);
	/* the same in another Land: 9 % church tax of the same base */
	o = run((struct netcost_in){.year = 2026, .gross_cents = 800000, .tax_class = 1, .church = true, .state = NC_HE,
	                            .kvz_bp = 290, .conversion_cents = 67600});
	assert_int_equal(o.without.church_cents, 182491 * 9 / 100);
}

/* C. Transition zone, 2026: 1.200 €, class I, one child, 2,9 %, conversion 100 €.
 *  Wage tax 0 on both sides (ZRE4 14.400 − 1.266 − VSP 3.003 = 10.131 < 12.348 basic allowance).
 *  Without (AE 1.200: BE 1.083,25, BE_AN 854,69): employee 62,39 + 12,39 + 15,38 + 79,49 + 11,11 = 180,76.
 *  With (AE 1.100: BE 968,66, BE_AN 711,52): employee 51,94 + 10,32 + 12,81 + 66,17 + 9,25 = 150,49.
 *  Net 1.200 − 180,76 = 1.019,24 and 1.100 − 150,49 = 949,51: net cost 69,73 (the zone's steeper
 *  employee base makes each converted euro save 30 cents).  Employer 277,46 → 259,27: saving 18,19 ≥ 15,00. */
static void test_example_c_zone(void **state)
{
	struct netcost_out o = run((struct netcost_in){.year = 2026, .gross_cents = 120000, .tax_class = 1,
	                                               .children = 1, .state = NC_NW, .kvz_bp = 290,
	                                               .conversion_cents = 10000});
	assert_int_equal(o.without.sv.kind, SV_MIDIJOB);
	assert_int_equal(o.without.sv.be, 108325);
	assert_int_equal(o.with.sv.be, 96866);
	assert_int_equal(o.without.tax.lst_cents + o.with.tax.lst_cents, 0);
	assert_int_equal(o.without.sv.an_total, 18076);
	assert_int_equal(o.with.sv.an_total, 15049);
	assert_int_equal(o.without.sv.ag_total, 27746);
	assert_int_equal(o.with.sv.ag_total, 25927);
	assert_int_equal(o.net_cost, 6973);
	assert_int_equal(o.subsidy, 1500);
}

/* D. Private health insurance, 2026: 8.000 €, class I, premiums 600 € + 90 €, NW, conversion 300 €.
 *  Employer's subsidy: min(300, cap 508,59) + min(45, cap 104,63) = 345,00 on both sides (above the BBG).
 *  Wage tax (PKV = 1, PKPV 690, PKPVAGZ 345): VSPKVPV = 690 × 12 − 345 × 12 = 4.140; without: VSPR 8.928,
 *    VSP 13.068, ZVE 81.666 → ST ⌊0,42 × 81.666 − 11.135,63⌋ = 23.164 → 1.930,33; SolZ min(1.274,02;
 *    11,9 % × 2.814 = 334,86) → 33.486/12 = 27,90.  With (7.700): VSPR 8.593,20, VSP 12.734, ZVE 78.400
 *    → 21.792 → 1.816,00; SolZ 11,9 % × 1.442 = 171,59 → 14,29.
 *  RV/AV: 744,00 + 104,00 → 716,10 + 100,10.  Net 8.000 − 1.930,33 − 27,90 − 848,00 + 345 = 5.538,77;
 *  7.700 − 1.816,00 − 14,29 − 816,20 + 345 = 5.398,51; net cost 140,26.
 *  Statutory subsidy: 15 % × 300 = 45,00 > saving 27,90 + 3,90 = 31,80 → 31,80. */
static void test_example_d_private(void **state)
{
	struct netcost_out o = run((struct netcost_in){.year = 2026, .gross_cents = 800000, .tax_class = 1,
	                                               .state = NC_NW, .private_health = true,
	                                               .private_kv_premium_cents = 60000, .private_pv_premium_cents = 9000,
	                                               .conversion_cents = 30000});
	assert_int_equal(o.without.sv.private_subsidy, 34500);
	assert_int_equal(o.with.sv.private_subsidy, 34500);
	assert_int_equal(o.without.sv.b[SV_KV].an + o.without.sv.b[SV_PV].an, 0);
	assert_int_equal(o.without.tax.lst_cents, 193033);
	assert_int_equal(o.without.tax.solz_cents, 2790);
	assert_int_equal(o.with.tax.lst_cents, 181600);
	assert_int_equal(o.with.tax.solz_cents, 1429);
	assert_int_equal(o.without.net, 553877);
	assert_int_equal(o.with.net, 539851);
	assert_int_equal(o.net_cost, 14026);
	assert_int_equal(o.subsidy, 3180);
	assert_int_equal(o.employer_net_cost, 0);
}

/* E. Mini-jobs: 2025, 500 € (Saxony), conversion 50 €, fixed subsidy 10 €: no wage tax (the employer's
 *  flat 2 %: 10,00 → 9,00); employee RV 3,6 % 18,00 → 16,20; net 482,00 → 433,80; net cost 48,20.
 *  Employer: KV 13 % 65,00 → 58,50, RV 15 % 75,00 → 67,50: saving 14,00 + flat tax 1,00; pays 10,00.
 *  2026, 700 € (transition zone) with a conversion of 150 €: 550 € is a mini-job — noted. */
static void test_example_e_minijob(void **state)
{
	struct netcost_out o = run((struct netcost_in){.year = 2025, .gross_cents = 50000, .tax_class = 1,
	                                               .state = NC_SN, .kvz_bp = 250, .conversion_cents = 5000,
	                                               .subsidy = NC_SUBSIDY_AMOUNT, .subsidy_cents = 1000});
	assert_true(o.without.flat_taxed && o.with.flat_taxed);
	assert_int_equal(o.without.sv.minijob_flat_tax, 1000);
	assert_int_equal(o.with.sv.minijob_flat_tax, 900);
	assert_int_equal(o.without.net, 48200);
	assert_int_equal(o.with.net, 43380);
	assert_int_equal(o.net_cost, 4820);
	assert_int_equal(o.tax_saving, 0);
	assert_int_equal(o.sv_saving_ag, 1400);
	assert_int_equal(o.flat_tax_saving, 100);
	assert_int_equal(o.employer_net_cost, 1000 - 1400 - 100);

	struct explain e;
	explain_init(&e);
	struct netcost_in in = {.year = 2026, .gross_cents = 70000, .tax_class = 1, .state = NC_NW, .kvz_bp = 290,
	                        .conversion_cents = 15000};
	assert_int_equal(netcost_compute(&in, &o, &e), NC_OK);
	assert_int_equal(o.without.sv.kind, SV_MIDIJOB);
	assert_int_equal(o.with.sv.kind, SV_MINIJOB);
	bool noted = false;
	for (int i = 0; i < e.nnotes; i++)
		noted |= !strcmp(e.notes[i].key, "nc.becomes_minijob");
	assert_true(noted);
}

/* The subsidy modes and the limits the subsidy shares with the conversion. */
static void test_subsidy_modes(void **state)
{
	/* percent: 20 % of 300 = 60; the conversion left 38 € of the 338 € SV-free room → 22 € contributory */
	struct netcost_out o = run((struct netcost_in){.year = 2026, .gross_cents = 500000, .tax_class = 1,
	                                               .state = NC_NW, .kvz_bp = 290, .conversion_cents = 30000,
	                                               .subsidy = NC_SUBSIDY_PERCENT, .subsidy_bp = 2000});
	assert_int_equal(o.subsidy, 6000);
	assert_int_equal(o.sub_sv_free, 3800);
	assert_int_equal(o.sub_tax_free, 6000);
	assert_int_equal(o.with.sv_pay, 500000 - 30000 + 2200);
	assert_int_equal(o.with.taxable, 500000 - 30000);
	/* amount above the tax-free room: 700 € conversion (676 tax-free), 100 € fixed → all taxable */
	o = run((struct netcost_in){.year = 2026, .gross_cents = 500000, .tax_class = 1, .state = NC_NW, .kvz_bp = 290,
	                            .conversion_cents = 70000, .subsidy = NC_SUBSIDY_AMOUNT, .subsidy_cents = 10000});
	assert_int_equal(o.conv_tax_free, 67600);
	assert_int_equal(o.sub_tax_free, 0);
	assert_int_equal(o.with.taxable, 500000 - 67600 + 10000);
	assert_int_equal(o.with.sv_pay, 500000 - 33800 + 10000);
	assert_int_equal(o.into_contract, 80000);
	/* no conversion: nothing changes */
	o = run((struct netcost_in){.year = 2025, .gross_cents = 500000, .tax_class = 4, .child_allowances = 10,
	                            .children = 1, .state = NC_NW, .kvz_bp = 250});
	assert_int_equal(o.net_cost, 0);
	assert_int_equal(o.subsidy, 0);
	assert_int_equal(o.without.net, o.with.net);
}

static void test_errors(void **state)
{
	struct netcost_out o;
	struct netcost_in  in = {.year = 2024, .gross_cents = 300000, .tax_class = 1, .state = NC_NW};
	assert_int_equal(netcost_compute(&in, &o, NULL), NC_NO_YEAR);
	in.year = 2027;
	assert_int_equal(netcost_compute(&in, &o, NULL), NC_NO_YEAR);
	in.year = 2026, in.tax_class = 7;
	assert_int_equal(netcost_compute(&in, &o, NULL), NC_ERR_INPUT);
	in.tax_class = 1, in.conversion_cents = 300001;
	assert_int_equal(netcost_compute(&in, &o, NULL), NC_ERR_CONVERSION);
	in.conversion_cents = 0, in.childless = true, in.children = 2;
	assert_int_equal(netcost_compute(&in, &o, NULL), NC_ERR_INPUT);
	in.childless = false, in.children = 0, in.state = NC__STATES;
	assert_int_equal(netcost_compute(&in, &o, NULL), NC_ERR_INPUT);
}

/* ---- properties over generated inputs --------------------------------------------------- */

static uint64_t rng = 0x9e3779b97f4a7c15u;
static uint64_t rnd(uint64_t n)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return rng % n;
}

static struct netcost_in random_input(void)
{
	struct netcost_in in = {0};
	in.year              = 2025 + (int)rnd(2);
	int64_t bands[]      = {70000, 250000, 600000, 1500000};
	in.gross_cents       = (int64_t)rnd((uint64_t)bands[rnd(4)]) + 20000;
	in.tax_class         = 1 + (int)rnd(6);
	in.child_allowances  = in.tax_class <= 4 ? 5 * (int)rnd(5) : 0;
	in.children          = (int)rnd(4) == 0 ? 0 : (int)rnd(6);
	in.childless         = in.children == 0 && rnd(2);
	in.church            = rnd(2);
	in.state             = (enum netcost_state)rnd(NC__STATES);
	in.private_health    = rnd(6) == 0 && in.gross_cents > 300000;
	in.kvz_bp            = in.private_health ? 0 : 100 + (int)rnd(300);
	if (in.private_health)
		in.private_kv_premium_cents = 20000 + (int64_t)rnd(100000), in.private_pv_premium_cents = (int64_t)rnd(15000);
	in.minijob_rv_exempt = rnd(5) == 0;
	/* conversions up to the tax-free twelfth; subsidies up to 15 % (see the header of this test) */
	int64_t cmax        = in.gross_cents < 67600 ? in.gross_cents : 67600;
	in.conversion_cents = (int64_t)rnd((uint64_t)cmax + 1);
	in.subsidy          = (enum netcost_subsidy)rnd(3);
	in.subsidy_bp       = (int64_t)rnd(1501);
	in.subsidy_cents    = in.conversion_cents * (int64_t)rnd(16) / 100;
	return in;
}

static void test_properties(void **state)
{
	int checked = 0, crossings = 0;
	for (int n = 0; n < 1500; n++) {
		struct netcost_in  in = random_input();
		struct netcost_out o;
		struct explain     e;
		explain_init(&e);
		assert_int_equal(netcost_compute(&in, &o, &e), NC_OK);
		assert_false(e.overflow);
		const struct netcost_side *s[2] = {&o.without, &o.with};
		for (int k = 0; k < 2; k++) { /* taxes are never negative */
			assert_true(s[k]->tax.lst_cents >= 0);
			assert_true(s[k]->tax.solz_cents >= 0);
			assert_true(s[k]->church_cents >= 0);
			assert_true(s[k]->sv.an_total >= 0 && s[k]->sv.ag_total >= 0);
		}
		assert_true(o.tax_saving >= 0);
		assert_int_equal(o.into_contract, in.conversion_cents + o.subsidy);
		if (in.subsidy == NC_SUBSIDY_STATUTORY) {
			assert_true(o.subsidy <= (in.conversion_cents * 1500 + 5000) / 10000);
			/* (a job pushed from the transition zone into a mini-job can cost the employer more: then 0) */
			assert_true(o.subsidy <= (o.sv_saving_ag > 0 ? o.sv_saving_ag : 0));
			assert_true(o.subsidy >= 0);
		}
		/* the conversion never costs more net than it converts — except in two corners of the law:
		 * it turns the job into a mini-job (the employee then owes 3,6 % pension contribution instead
		 * of the zone's near-nothing), or a mini-job's pay falls further below the pension minimum
		 * base of 175 € (§ 163 Abs. 8 SGB VI: the employee tops up to the full contribution on 175 €,
		 * so less pay means a larger top-up) */
		if ((o.with.sv.kind == SV_MINIJOB && o.without.sv.kind != SV_MINIJOB) ||
		    (o.with.sv.kind == SV_MINIJOB && !in.minijob_rv_exempt && o.with.sv_pay < 17500)) {
			/* even there the shortfall is no more than the employee's mini-job pension contribution */
			assert_true(o.without.net - in.conversion_cents - o.with.net <= o.with.sv.b[SV_RV].an);
			crossings++;
			continue;
		}
		if (o.with.net < o.without.net - in.conversion_cents)
			fail_msg("net with %lld < net without %lld − conversion %lld (gross %lld, class %d, year %d)",
			         (long long)o.with.net, (long long)o.without.net, (long long)in.conversion_cents,
			         (long long)in.gross_cents, in.tax_class, in.year);
		checked++;
	}
	fprintf(stderr, "properties: %d inputs checked in full, %d in the two mini-job corners\n", checked, crossings);
	assert_true(checked >= 1100);
	assert_true(crossings <= 400);
}

/* Net pay rises with the gross pay in every tax class (conversion 0, steps of 10 €), above the
 * mini-job limit and within it.  (Crossing it in class V/VI can lower the net pay: the mini-job's
 * flat tax is the employer's, the first euro above it is taxed in class VI.) */
static void test_net_monotone(void **state)
{
	for (int year = 2025; year <= 2026; year++)
		for (int cls = 1; cls <= 6; cls++)
			for (int variant = 0; variant < 3; variant++) {
				struct sv_year y;
				assert_true(sv_year(year, &y));
				int64_t prev = -1, prev_pay = 0;
				for (int64_t g = 1000; g <= 1200000; g += g < 300000 ? 1000 : 7919) {
					struct netcost_in in = {.year = year, .gross_cents = g, .tax_class = cls,
					                        .state = variant == 1 ? NC_SN : NC_BY, .church = variant == 2,
					                        .childless = variant == 0, .children = variant == 1 ? 3 : 0,
					                        .child_allowances = variant == 1 && cls <= 4 ? 15 : 0,
					                        .kvz_bp = 290};
					struct netcost_out o;
					assert_int_equal(netcost_compute(&in, &o, NULL), NC_OK);
					if (prev >= 0 && !(prev_pay <= y.minijob_limit && g > y.minijob_limit) &&
					    o.without.net < prev)
						fail_msg("year %d class %d: net %lld at %lld < %lld at %lld", year, cls,
						         (long long)o.without.net, (long long)g, (long long)prev, (long long)prev_pay);
					prev = o.without.net, prev_pay = g;
				}
			}
}

/* ---- the calculator (JSON) ---------------------------------------------------------------- */

static json_t *calc(const char *text, struct calc_error *err)
{
	return calc_run(calc_find("net-cost"), text, strlen(text), LANG_EN, err);
}

static void bad(const char *text, const char *field, bool rule)
{
	struct calc_error err;
	json_t           *out = calc(text, &err);
	if (out)
		fail_msg("accepted: %s", text);
	if (!err.field || strcmp(err.field, field))
		fail_msg("%s: field %s, expected %s (%s)", text, err.field ? err.field : "(none)", field, err.message);
	assert_int_equal(err.rule, rule);
	if (err.key)
		for (int l = 0; l < LANG__COUNT; l++)
			assert_true(i18n_has((enum lang)l, err.key));
}

#define BASE0 "\"year\":2026,\"monthly_gross_cents\":400000,\"conversion_cents\":20000"
#define BASE  BASE0 ",\"tax_class\":1,\"federal_state\":\"NW\""

static int64_t get(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	assert_true(json_is_integer(v));
	return json_integer_value(v);
}

static void test_calculator(void **state)
{
	i18n_init();
	struct calc_error err;
	json_t *a = calc("{" BASE ",\"childless\":true,\"additional_rate\":2.9}", &err);
	assert_non_null(a);
	assert_int_equal(get(a, "net_cost_cents"), 10808);
	assert_int_equal(get(a, "net_without_cents"), 260550);
	assert_int_equal(get(a, "employer_subsidy_cents"), 3000);
	assert_int_equal(get(a, "into_contract_cents"), 23000);
	assert_int_equal(get(a, "additional_rate_bp"), 290);
	assert_int_equal(get(json_object_get(a, "limits"), "tax_free_max_cents"), 811200);
	assert_int_equal(get(json_object_get(a, "limits"), "sv_free_max_cents"), 405600);
	assert_int_equal(get(json_object_get(a, "with_conversion"), "wage_tax_cents"), 47608);
	assert_int_equal(json_array_size(json_object_get(a, "sv_saving")), SV__BRANCHES);
	assert_true(json_array_size(json_object_get(a, "explanation")) > 10);
	assert_non_null(strstr(json_string_value(json_object_get(a, "rule")), "§ 3 Nr. 63 EStG"));
	/* the same rate as text, with a comma, in basis points, and by default (the 2026 average 2,9 %) */
	static const char *const same[] = {
		"{" BASE ",\"childless\":true,\"additional_rate\":\"2,9\"}",
		"{" BASE ",\"childless\":true,\"additional_rate\":\"2.90\"}",
		"{" BASE ",\"childless\":true,\"additional_rate_bp\":290}",
		"{" BASE ",\"childless\":true}",
		"{" BASE ",\"childless\":true,\"additional_rate\":2.9,\"subsidy\":\"percent\",\"subsidy_percent\":15}",
		"{" BASE ",\"childless\":true,\"additional_rate\":2.9,\"subsidy\":\"amount\",\"subsidy_cents\":3000}",
	};
	for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
		json_t *b = calc(same[i], &err);
		if (!b)
			fail_msg("%s: %s", same[i], err.message);
		assert_int_equal(get(b, "net_cost_cents"), 10808);
		assert_int_equal(get(b, "employer_subsidy_cents"), 3000);
		json_decref(b);
	}
	json_decref(a);
	/* child allowances: 1.5 as a number and as text, 1 as an integer */
	a = calc("{" BASE0 ",\"federal_state\":\"NW\",\"tax_class\":2,\"child_allowances\":1.5,\"children\":2}", &err);
	json_t *b = calc("{" BASE0 ",\"federal_state\":\"NW\",\"tax_class\":2,\"child_allowances\":\"1,5\",\"children\":2}", &err);
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(get(a, "net_without_cents"), get(b, "net_without_cents"));
	json_decref(a), json_decref(b);
	a = calc("{" BASE ",\"child_allowances\":1}", &err);
	assert_non_null(a);
	json_decref(a);

	bad("{" BASE ",\"salary\":1}", "salary", false);
	bad("{\"year\":2024,\"monthly_gross_cents\":1,\"tax_class\":1,\"federal_state\":\"NW\",\"conversion_cents\":0}",
	    "year", true);
	bad("{\"year\":2027,\"monthly_gross_cents\":1,\"tax_class\":1,\"federal_state\":\"NW\",\"conversion_cents\":0}",
	    "year", true);
	bad("{\"monthly_gross_cents\":1,\"tax_class\":1,\"federal_state\":\"NW\",\"conversion_cents\":0}", "year", false);
	bad("{\"year\":2026,\"tax_class\":1,\"federal_state\":\"NW\",\"conversion_cents\":0}", "monthly_gross_cents", false);
	bad("{" BASE0 ",\"federal_state\":\"NW\",\"tax_class\":7}", "tax_class", false);
	bad("{" BASE0 ",\"tax_class\":1,\"federal_state\":\"XX\"}", "federal_state", false);
	bad("{" BASE ",\"child_allowances\":1.25}", "child_allowances", false);
	bad("{" BASE ",\"child_allowances\":0.7}", "child_allowances", false);
	bad("{" BASE ",\"child_allowances\":-1}", "child_allowances", false);
	bad("{" BASE ",\"child_allowances\":\"eins\"}", "child_allowances", false);
	bad("{" BASE ",\"child_allowances\":1e-9}", "child_allowances", false);
	bad("{" BASE ",\"additional_rate\":2.955}", "additional_rate", false);
	bad("{" BASE ",\"additional_rate\":25}", "additional_rate", false);
	bad("{" BASE ",\"additional_rate\":2.9,\"additional_rate_bp\":290}", "additional_rate_bp", false);
	bad("{" BASE ",\"private_premium_cents\":50000}", "private_premium_cents", false);
	bad("{" BASE ",\"health_insurance\":\"private\"}", "private_premium_cents", false);
	bad("{" BASE ",\"health_insurance\":\"private\",\"private_premium_cents\":50000,\"additional_rate\":2.9}",
	    "additional_rate", false);
	bad("{" BASE ",\"health_insurance\":\"gkv\"}", "health_insurance", false);
	bad("{" BASE ",\"subsidy\":\"percent\"}", "subsidy_percent", false);
	bad("{" BASE ",\"subsidy\":\"percent\",\"subsidy_percent\":101}", "subsidy_percent", false);
	bad("{" BASE ",\"subsidy\":\"amount\"}", "subsidy_cents", false);
	bad("{" BASE ",\"subsidy_cents\":100}", "subsidy_cents", false);
	bad("{" BASE ",\"subsidy\":\"amount\",\"subsidy_cents\":100,\"subsidy_percent\":1}", "subsidy_percent", false);
	bad("{" BASE ",\"childless\":true,\"children\":1}", "children", false);
	bad("{\"year\":2026,\"monthly_gross_cents\":100,\"tax_class\":1,\"federal_state\":\"NW\",\"conversion_cents\":200}",
	    "conversion_cents", false);
	bad("{" BASE ",\"church_tax\":\"yes\"}", "church_tax", false);
}

/* The page's form: euros with a German comma, the child allowance as text, an empty rate (the average). */
static void test_form(void **state)
{
	const struct calc *c = calc_find("net-cost");
	assert_non_null(c);
	struct arena a;
	arena_init(&a);
	struct kv *kv;
	size_t     n;
	const char form[] = "_csrf=x&year=2026&monthly_gross_cents=4.000%2C00&tax_class=1&child_allowances=&children="
	                    "&childless=on&federal_state=NW&health_insurance=statutory&additional_rate=2%2C9"
	                    "&conversion_cents=200&subsidy=statutory";
	assert_int_equal(parse_urlencoded(&a, form, strlen(form), 32, &kv, &n), PARSE_OK);
	struct calc_error err = {0};
	json_t           *in  = calc_form_to_json(c, kv, n, &err);
	assert_non_null(in);
	json_t *out = c->fn(in, LANG_DE, &err);
	if (!out)
		fail_msg("%s (%s)", err.message, err.field ? err.field : "");
	assert_int_equal(get(out, "net_cost_cents"), 10808);
	json_decref(out);
	json_decref(in);
	arena_free(&a);
}

/* ---- explanations ------------------------------------------------------------------------ */

enum { MAX_KEYS = 128 };
static const char *used[MAX_KEYS];
static int         nused;

static void render_all(const struct explain *e)
{
	assert_false(e->overflow);
	for (int i = 0; i < e->nnotes; i++) {
		const struct explain_note *n    = &e->notes[i];
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
	static const struct netcost_in cases[] = {
		{.year = 2026, .gross_cents = 400000, .tax_class = 1, .childless = true, .state = NC_NW, .kvz_bp = 290,
		 .conversion_cents = 20000},
		{.year = 2026, .gross_cents = 800000, .tax_class = 1, .church = true, .state = NC_BY, .kvz_bp = 290,
		 .conversion_cents = 67600},
		{.year = 2026, .gross_cents = 800000, .tax_class = 1, .state = NC_NW, .private_health = true,
		 .private_kv_premium_cents = 60000, .private_pv_premium_cents = 9000, .conversion_cents = 30000},
		{.year = 2025, .gross_cents = 50000, .tax_class = 1, .state = NC_SN, .kvz_bp = 250, .conversion_cents = 2000,
		 .subsidy = NC_SUBSIDY_AMOUNT, .subsidy_cents = 300},
		{.year = 2026, .gross_cents = 70000, .tax_class = 1, .state = NC_NW, .kvz_bp = 290, .conversion_cents = 15000,
		 .subsidy = NC_SUBSIDY_PERCENT, .subsidy_bp = 1000},
		{.year = 2026, .gross_cents = 150000, .tax_class = 6, .childless = true, .state = NC_SN, .kvz_bp = 290,
		 .conversion_cents = 10000},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct explain     e;
		struct netcost_out o;
		explain_init(&e);
		assert_int_equal(netcost_compute(&cases[i], &o, &e), NC_OK);
		assert_true(e.nnotes > 10);
		render_all(&e);
	}
	/* every nc.* key of the catalogue is used by one of the cases */
	FILE *f = fopen("i18n/law_sv.de.txt", "r");
	assert_non_null(f);
	char line[2048];
	int  nkeys = 0;
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, "nc.", 3))
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
	assert_true(nkeys >= 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example_a),         cmocka_unit_test(test_example_b),
		cmocka_unit_test(test_example_c_zone),    cmocka_unit_test(test_example_d_private),
		cmocka_unit_test(test_example_e_minijob), cmocka_unit_test(test_subsidy_modes),
		cmocka_unit_test(test_errors),            cmocka_unit_test(test_properties),
		cmocka_unit_test(test_net_monotone),      cmocka_unit_test(test_calculator),
		cmocka_unit_test(test_form),              cmocka_unit_test(test_explanations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
