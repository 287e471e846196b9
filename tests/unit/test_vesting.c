/*
 * test_vesting.c — § 1b, § 30f BetrAVG (src/core/vesting.c): every worked
 * example of the seeds 003 (BVV) and 004 (training slides), every era and
 * transitional boundary (day before, day of, day after), 29 February, the
 * vehicles' commitment start, taken-over commitments, mixed financing, the
 * boundary and reading options, contractual vesting, impossible inputs, and
 * property tests over generated commitments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/vesting.h"

static day_t D(const char *s)
{
	day_t d = 0;
	if (!date_parse(s, strlen(s), &d))
		fail_msg("bad test date %s", s);
	return d;
}

static void assert_date(day_t got, const char *want)
{
	char g[11];
	date_format_iso(got, g);
	if (strcmp(g, want))
		fail_msg("got %s, want %s", g, want);
}

/* Builds an input: fin/veh as enums, exit NULL for none. */
static struct vest_input mk(const char *birth, const char *service, const char *commit, enum vest_financing fin,
                            enum vest_vehicle veh, const char *exit)
{
	struct vest_input in = {.birth            = D(birth),
	                        .service_start    = D(service),
	                        .commitment_start = D(commit),
	                        .financing        = fin,
	                        .vehicle          = veh};
	if (exit) {
		in.has_exit = true;
		in.exit     = D(exit);
	}
	return in;
}

static struct vest_result run(const struct vest_input *in)
{
	struct vest_result r, r2;
	struct explain     e;
	explain_init(&e);
	assert_int_equal(vest_compute(in, &r, &e), VEST_OK);
	assert_false(e.overflow);
	assert_true(e.nnotes > 0);
	assert_true(e.nrules > 0);
	/* the NULL trail computes the same */
	assert_int_equal(vest_compute(in, &r2, NULL), VEST_OK);
	assert_int_equal(r.vested_on, r2.vested_on);
	assert_int_equal(r.vested_at_exit, r2.vested_at_exit);
	return r;
}

static void expect(const char *birth, const char *service, const char *commit, enum vest_financing fin,
                   const char *want, enum vest_branch br)
{
	struct vest_input  in = mk(birth, service, commit, fin, VEST_DZ, NULL);
	struct vest_result r  = run(&in);
	assert_date(r.vested_on, want);
	const struct vest_part *p = fin == VEST_FIN_EMPLOYEE ? &r.employee : &r.employer;
	if (p->branch != br)
		fail_msg("%s/%s: branch %s, want %s", birth, commit, vest_branch_code[p->branch], vest_branch_code[br]);
}

/* ---- anniversaries ------------------------------------------------------------ */

static void test_anniv(void **state)
{
	assert_date(vest_anniv(D("1980-02-29"), 21), "2001-03-01"); /* non-leap: 28.02 ends the year → 01.03 */
	assert_date(vest_anniv(D("1980-02-29"), 24), "2004-02-29"); /* leap target */
	assert_date(vest_anniv(D("1980-02-29"), 25), "2005-03-01");
	assert_date(vest_anniv(D("1982-09-12"), 30), "2012-09-12");
	assert_date(vest_anniv(D("2009-01-01"), 5), "2014-01-01");
	assert_date(vest_anniv(D("2000-02-28"), 1), "2001-02-28");
	assert_date(vest_anniv(D("2000-03-01"), 1), "2001-03-01");
}

/* ---- seed 004 (training slides, Stand 01/2011) ----------------------------------- */

static void test_seed4_examples(void **state)
{
	/* "Geboren 18.10.1982, Eintritt 01.07.2000, Zusage 01.01.2008: 30. Geb. 18.10.2012, 5 J. Zusage
	 * 01.01.2013, Unverfallbarkeit ab 01.01.2013" */
	expect("1982-10-18", "2000-07-01", "2008-01-01", VEST_FIN_EMPLOYER, "2013-01-01", VEST_BR_30_5);
	/* V-S2: "Geboren 12.09.1982, Eintritt 01.10.2005, Zusage 01.01.2006: 30. Geb. 12.09.2012, 5 J. Zusage
	 * 01.01.2011, Unverfallbarkeit ab 01.01.2012" — the seed contradicts its own intermediate values
	 * (the later of 12.09.2012 and 01.01.2011 is 12.09.2012).  The correct value is tested. */
	expect("1982-09-12", "2005-10-01", "2006-01-01", VEST_FIN_EMPLOYER, "2012-09-12", VEST_BR_30_5);
	/* "Geboren 18.10.1982, Zusage 01.01.2009: 25. Geb. 18.10.2007, 5 J. Zusage 31.12.2013 → ab 01.01.2014" */
	expect("1982-10-18", "2000-07-01", "2009-01-01", VEST_FIN_EMPLOYER, "2014-01-01", VEST_BR_25_5);
	/* "Geboren 12.09.1988, Eintritt 01.10.2008: 25. Geb. 12.09.2013, 5 J. Zusage 31.12.2013 → ab 01.01.2014":
	 * the 5 years ending 31.12.2013 imply a commitment of 01.01.2009 … */
	expect("1988-09-12", "2008-10-01", "2009-01-01", VEST_FIN_EMPLOYER, "2014-01-01", VEST_BR_25_5);
	/* … and a commitment with the entry (01.10.2008) gives the same day by the 2009 transitional rule. */
	expect("1988-09-12", "2008-10-01", "2008-10-01", VEST_FIN_EMPLOYER, "2014-01-01", VEST_BR_25_5_FROM_2009);
	/* Table "Voraussetzungen erfüllt ab" */
	expect("1983-06-20", "2002-08-01", "2004-12-01", VEST_FIN_EMPLOYER, "2013-06-20", VEST_BR_30_5);
	expect("1985-10-12", "1999-08-01", "2009-04-01", VEST_FIN_EMPLOYER, "2014-04-01", VEST_BR_25_5);
	expect("1982-06-20", "2007-08-01", "2007-08-01", VEST_FIN_EMPLOYEE, "2007-08-01", VEST_BR_IMMEDIATE_EU);
	/* ½ AG-fin. – ½ AN-fin., Zusage 01.01.2007: AN-Teil 01.01.2007, AG-Teil 23.08.2012 */
	struct vest_input  in = mk("1982-08-23", "2004-04-01", "2007-01-01", VEST_FIN_MIXED, VEST_DZ, NULL);
	struct vest_result r  = run(&in);
	assert_true(r.has_employer && r.has_employee);
	assert_date(r.employee.vested_on, "2007-01-01");
	assert_date(r.employer.vested_on, "2012-08-23");
	assert_date(r.vested_on, "2012-08-23");
}

/* "5 J. Zusage 31.12.2013 → Unverfallbarkeit ab 01.01.2014" — V-B1/V-B2: the exit boundary. */
static void test_exit_boundary(void **state)
{
	struct vest_input in = mk("1982-10-18", "2000-07-01", "2009-01-01", VEST_FIN_EMPLOYER, VEST_DZ, "2013-12-31");
	assert_true(run(&in).vested_at_exit); /* V-B1: E = V − 1 is vested by default */
	in.exit = D("2013-12-30");
	assert_false(run(&in).vested_at_exit);
	in.boundary = VEST_BOUNDARY_STRICT; /* V-B2: conservative E ≥ V */
	in.exit     = D("2013-12-31");
	assert_false(run(&in).vested_at_exit);
	in.exit = D("2014-01-01");
	assert_true(run(&in).vested_at_exit);
}

/* ---- era boundaries: commitment the day before, the day of, the day after ---------- */

static void test_era_2001(void **state)
{
	/* born 01.03.1975, service 01.01.1995 */
	expect("1975-03-01", "1995-01-01", "2000-12-31", VEST_FIN_EMPLOYER, "2006-01-01", VEST_BR_30_5_FROM_2001);
	expect("1975-03-01", "1995-01-01", "2001-01-01", VEST_FIN_EMPLOYER, "2006-01-01", VEST_BR_30_5);
	expect("1975-03-01", "1995-01-01", "2001-01-02", VEST_FIN_EMPLOYER, "2006-01-02", VEST_BR_30_5);
	/* salary conversion: before 2001 only the time rules (§ 30f Abs. 1 S. 2), from 2001 at once */
	expect("1975-03-01", "1995-01-01", "2000-12-31", VEST_FIN_EMPLOYEE, "2006-01-01", VEST_BR_30_5_FROM_2001);
	expect("1975-03-01", "1995-01-01", "2001-01-01", VEST_FIN_EMPLOYEE, "2001-01-01", VEST_BR_IMMEDIATE_EU);
	expect("1975-03-01", "1995-01-01", "2001-01-02", VEST_FIN_EMPLOYEE, "2001-01-02", VEST_BR_IMMEDIATE_EU);
	/* pre-2001 primary rules: 35/10 and 35 + 12 years of service + 3 years */
	expect("1950-05-05", "1990-07-01", "1990-07-01", VEST_FIN_EMPLOYER, "2000-07-01", VEST_BR_35_10);
	expect("1950-05-05", "1980-01-01", "1994-07-01", VEST_FIN_EMPLOYER, "1997-07-01", VEST_BR_35_12_3);
	/* a tie names the primary rule (35/10 and the transitional rule both give 01.01.2006) */
	expect("1960-01-01", "1996-01-01", "1996-01-01", VEST_FIN_EMPLOYER, "2006-01-01", VEST_BR_35_10);
}

static void test_era_2009(void **state)
{
	expect("1985-03-10", "2005-01-01", "2008-12-31", VEST_FIN_EMPLOYER, "2014-01-01", VEST_BR_25_5_FROM_2009);
	expect("1985-03-10", "2005-01-01", "2009-01-01", VEST_FIN_EMPLOYER, "2014-01-01", VEST_BR_25_5);
	expect("1985-03-10", "2005-01-01", "2009-01-02", VEST_FIN_EMPLOYER, "2014-01-02", VEST_BR_25_5);
	/* an older person: the 30/5 rule of § 30f Abs. 2 */
	expect("1970-03-10", "2005-01-01", "2008-12-31", VEST_FIN_EMPLOYER, "2013-12-31", VEST_BR_30_5);
}

static void test_era_2018(void **state)
{
	expect("1990-05-05", "2010-01-01", "2017-12-31", VEST_FIN_EMPLOYER, "2021-01-01", VEST_BR_21_3_FROM_2018);
	expect("1990-05-05", "2010-01-01", "2018-01-01", VEST_FIN_EMPLOYER, "2021-01-01", VEST_BR_21_3);
	expect("1990-05-05", "2010-01-01", "2018-01-02", VEST_FIN_EMPLOYER, "2021-01-02", VEST_BR_21_3);
	/* young: the age decides */
	expect("2000-07-15", "2018-08-01", "2018-08-01", VEST_FIN_EMPLOYER, "2021-08-01", VEST_BR_21_3);
	expect("2002-07-15", "2018-08-01", "2018-08-01", VEST_FIN_EMPLOYER, "2023-07-15", VEST_BR_21_3);
}

/* Exits around the transitional dates 31.12.2005, 31.12.2013, 31.12.2020. */
static void exit_around(const char *birth, const char *commit, const char *before, const char *on,
                        const char *after)
{
	struct vest_input in = mk(birth, commit, commit, VEST_FIN_EMPLOYER, VEST_DZ, before);
	assert_false(run(&in).vested_at_exit);
	in.exit = D(on);
	assert_true(run(&in).vested_at_exit);
	in.exit = D(after);
	assert_true(run(&in).vested_at_exit);
	in.boundary = VEST_BOUNDARY_STRICT;
	in.exit     = D(on);
	assert_false(run(&in).vested_at_exit);
	in.exit = D(after);
	assert_true(run(&in).vested_at_exit);
}

static void test_transitional_dates(void **state)
{
	exit_around("1970-01-01", "2000-06-01", "2005-12-30", "2005-12-31", "2006-01-01"); /* § 30f Abs. 1 */
	exit_around("1985-01-01", "2007-06-01", "2013-12-30", "2013-12-31", "2014-01-01"); /* § 30f Abs. 2 */
	exit_around("1990-01-01", "2016-06-01", "2020-12-30", "2020-12-31", "2021-01-01"); /* § 30f Abs. 3 */
}

/* ---- 29 February ------------------------------------------------------------------ */

static void test_leap_day(void **state)
{
	/* born 29.02.2000: age 21 is completed with the expiry of 28.02.2021 → from 01.03.2021 */
	struct vest_input  in = mk("2000-02-29", "2017-09-01", "2018-01-01", VEST_FIN_EMPLOYER, VEST_DZ, "2021-02-28");
	struct vest_result r  = run(&in);
	assert_date(r.vested_on, "2021-03-01");
	assert_true(r.vested_at_exit);
	in.exit = D("2021-02-27");
	assert_false(run(&in).vested_at_exit);
	/* born 29.02.1996 with age 25 in a non-leap year */
	expect("1996-02-29", "2015-01-01", "2015-01-01", VEST_FIN_EMPLOYER, "2021-01-01", VEST_BR_21_3_FROM_2018);
	expect("1992-02-29", "2012-01-01", "2012-01-01", VEST_FIN_EMPLOYER, "2017-03-01", VEST_BR_25_5);
	/* commitment on 29.02 */
	expect("1980-01-01", "2020-01-01", "2020-02-29", VEST_FIN_EMPLOYER, "2023-03-01", VEST_BR_21_3);
	expect("1980-01-01", "2012-01-01", "2012-02-29", VEST_FIN_EMPLOYER, "2017-03-01", VEST_BR_25_5);
	expect("1960-01-01", "1996-01-01", "1996-02-29", VEST_FIN_EMPLOYER, "2006-01-01", VEST_BR_30_5_FROM_2001);
	/* the target year is a leap year: 29.02 stays */
	expect("1980-01-01", "2016-01-01", "2016-02-29", VEST_FIN_EMPLOYER, "2021-01-01", VEST_BR_21_3_FROM_2018);
	expect("1980-01-01", "2019-01-01", "2020-02-29", VEST_FIN_EMPLOYEE, "2020-02-29", VEST_BR_IMMEDIATE_EU);
	expect("1983-02-28", "2004-02-29", "2004-02-29", VEST_FIN_EMPLOYER, "2013-02-28", VEST_BR_30_5);
}

/* ---- vehicles -------------------------------------------------------------------- */

static void test_vehicle_start(void **state)
{
	/* DV/PK/PF: insurance start, not before the start of employment (§ 1b Abs. 2 S. 4, Abs. 3 S. 2) */
	static const enum vest_vehicle ins[] = {VEST_DV, VEST_PK, VEST_PF};
	for (int i = 0; i < 3; i++) {
		struct vest_input  in = mk("1990-01-01", "2018-04-01", "2018-01-01", VEST_FIN_EMPLOYER, ins[i], NULL);
		struct vest_result r  = run(&in);
		assert_date(r.commitment_effective, "2018-04-01");
		assert_date(r.vested_on, "2021-04-01");
		in.commitment_start = D("2018-07-01"); /* later insurance start counts as it is */
		assert_date(run(&in).vested_on, "2021-07-01");
	}
	/* UK: the day the employee joins the group of beneficiaries */
	struct vest_input in = mk("1990-01-01", "2018-04-01", "2018-10-01", VEST_FIN_EMPLOYER, VEST_UK, NULL);
	assert_date(run(&in).vested_on, "2021-10-01");
	/* DZ: the commitment date */
	in.vehicle = VEST_DZ;
	assert_date(run(&in).vested_on, "2021-10-01");
	/* the insurance start moved to the service start changes the era */
	in = mk("1990-01-01", "2018-01-01", "2017-12-01", VEST_FIN_EMPLOYER, VEST_DV, NULL);
	struct vest_result r = run(&in);
	assert_int_equal(r.era, VEST_ERA_2018);
	assert_date(r.vested_on, "2021-01-01");
}

/* ---- taken-over commitments (seed 003) -------------------------------------------------- */

static void test_taken_over(void **state)
{
	/* BVV record: employee of firm 1234 from 01.03.2000 to 30.06.2008, taken over by firm 5678 from
	 * 01.07.2008: BZ-Beginn 01.03.2000, VZ-Beginn 01.03.2000, UEB = J.  VZ-Beginn < 2001: pre-2001 rules.
	 * (The record has no birth date; 10.05.1975 is assumed.) */
	struct vest_input in = mk("1975-05-10", "2000-03-01", "2000-03-01", VEST_FIN_EMPLOYER, VEST_UK, "2010-06-30");
	in.taken_over        = true;
	struct explain e;
	explain_init(&e);
	struct vest_result r;
	assert_int_equal(vest_compute(&in, &r, &e), VEST_OK);
	assert_int_equal(r.era, VEST_ERA_PRE2001);
	assert_date(r.vested_on, "2006-01-01");
	assert_int_equal(r.employer.branch, VEST_BR_30_5_FROM_2001);
	assert_true(r.vested_at_exit);
	bool named = false;
	for (int i = 0; i < e.nrules; i++)
		named |= !strcmp(e.rules[i], "§ 1b Abs. 1 S. 3 BetrAVG");
	assert_true(named);
	/* with the new employer's dates (01.07.2008) the result would be wrong: 2013-07-01 */
	struct vest_input wrong = mk("1975-05-10", "2008-07-01", "2008-07-01", VEST_FIN_EMPLOYER, VEST_UK, NULL);
	assert_date(run(&wrong).vested_on, "2013-07-01");
}

/* ---- options ----------------------------------------------------------------------------- */

static void test_bvv_reading(void **state)
{
	/* apprentice with a pre-2001 commitment, leaves aged 29 in 2014 */
	struct vest_input in = mk("1985-06-01", "2000-08-01", "2000-08-01", VEST_FIN_EMPLOYER, VEST_UK, "2014-06-30");
	struct vest_result r = run(&in);
	assert_int_equal(r.reading, VEST_READING_STATUTE);
	assert_date(r.vested_on, "2015-06-01");
	assert_int_equal(r.employer.branch, VEST_BR_30_5_FROM_2001);
	assert_false(r.vested_at_exit);
	in.reading = VEST_READING_BVV;
	r          = run(&in);
	assert_int_equal(r.reading, VEST_READING_BVV);
	assert_date(r.vested_on, "2014-01-01");
	assert_int_equal(r.employer.branch, VEST_BR_25_5_FROM_2009_BVV);
	assert_true(r.vested_at_exit);
	/* the reading changes nothing for commitments from 2001 */
	in = mk("1985-06-01", "2001-08-01", "2001-08-01", VEST_FIN_EMPLOYER, VEST_UK, NULL);
	day_t v = run(&in).vested_on;
	in.reading = VEST_READING_BVV;
	assert_int_equal(run(&in).vested_on, v);
}

static void test_mixed(void **state)
{
	/* the exit between the two dates keeps the EU part only */
	struct vest_input  in = mk("1982-08-23", "2004-04-01", "2007-01-01", VEST_FIN_MIXED, VEST_DZ, "2010-06-30");
	struct vest_result r  = run(&in);
	assert_true(r.employee.vested_at_exit);
	assert_false(r.employer.vested_at_exit);
	assert_false(r.vested_at_exit);
	in.exit = D("2012-08-22");
	r       = run(&in);
	assert_true(r.employer.vested_at_exit && r.employee.vested_at_exit && r.vested_at_exit);
	/* mixed before 2001: both parts under the time rules, the same date */
	in = mk("1970-01-01", "1990-01-01", "1999-01-01", VEST_FIN_MIXED, VEST_DZ, NULL);
	r  = run(&in);
	assert_int_equal(r.employer.vested_on, r.employee.vested_on);
	assert_date(r.vested_on, "2005-01-01"); /* 35 + 12 years of service + 3 years of commitment */
	assert_int_equal(r.employee.branch, VEST_BR_35_12_3);
}

static void test_contract(void **state)
{
	struct vest_input in = mk("1995-01-01", "2019-01-01", "2019-01-01", VEST_FIN_EMPLOYER, VEST_DZ, "2020-06-30");
	in.has_contract      = true;
	in.contract_from     = D("2019-01-01");
	struct vest_result r = run(&in);
	assert_false(r.vested_at_exit); /* statutory: not before 01.01.2022 */
	assert_true(r.contract_vested_at_exit);
	in.contract_from = D("2021-01-01");
	assert_false(run(&in).contract_vested_at_exit);
}

static void test_errors(void **state)
{
	struct vest_result r;
	struct vest_input  in = mk("1990-01-01", "1989-12-31", "2010-01-01", VEST_FIN_EMPLOYER, VEST_DZ, NULL);
	assert_int_equal(vest_compute(&in, &r, NULL), VEST_ERR_SERVICE_BEFORE_BIRTH);
	in = mk("1990-01-01", "2010-01-01", "1989-01-01", VEST_FIN_EMPLOYER, VEST_DZ, NULL);
	assert_int_equal(vest_compute(&in, &r, NULL), VEST_ERR_COMMITMENT_BEFORE_BIRTH);
	in = mk("1990-01-01", "2010-01-01", "2010-01-01", VEST_FIN_EMPLOYER, VEST_DZ, "2009-12-31");
	assert_int_equal(vest_compute(&in, &r, NULL), VEST_ERR_EXIT_BEFORE_SERVICE);
	in = mk("1990-01-01", "2010-01-01", "2011-01-01", VEST_FIN_EMPLOYER, VEST_DZ, "2010-12-31");
	assert_int_equal(vest_compute(&in, &r, NULL), VEST_ERR_EXIT_BEFORE_COMMITMENT);
	in = mk("1930-01-01", "1960-01-01", "1960-01-01", VEST_FIN_EMPLOYER, VEST_DZ, "1974-12-21");
	assert_int_equal(vest_compute(&in, &r, NULL), VEST_ERR_EXIT_BEFORE_1974);
	in.exit = D("1974-12-22");
	assert_int_equal(vest_compute(&in, &r, NULL), VEST_OK);
}

/* ---- properties --------------------------------------------------------------------------- */

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static void test_properties(void **state)
{
	day_t lo = D("1940-01-01");
	int   n  = 300000;
	for (int i = 0; i < n; i++) {
		struct vest_input in = {0};
		in.birth             = lo + (day_t)rnd(60 * 365);
		in.service_start     = in.birth + 15 * 365 + (day_t)rnd(40 * 365);
		in.commitment_start  = in.service_start - 200 + (day_t)rnd(15 * 365);
		if (in.commitment_start < in.birth)
			in.commitment_start = in.birth;
		in.vehicle   = (enum vest_vehicle)rnd(5);
		in.financing = (enum vest_financing)rnd(3);
		in.reading   = (enum vest_reading)rnd(2);
		day_t z      = in.commitment_start > in.service_start ? in.commitment_start : in.service_start;
		in.has_exit  = true;
		in.exit      = z + (day_t)rnd(20 * 365);
		if (in.exit < 1816)
			in.exit = 1816;
		struct vest_result r;
		assert_int_equal(vest_compute(&in, &r, NULL), VEST_OK);
		/* never earlier than the commitment start */
		if (r.has_employer && r.employer.vested_on < z)
			fail_msg("case %d: employer part vested before the commitment start", i);
		assert_true(r.vested_on >= z);
		/* EU since 2001 vests on the commitment date */
		if (r.has_employee && z >= D("2001-01-01"))
			assert_int_equal(r.employee.vested_on, z);
		/* the whole is the later part */
		assert_true(r.vested_on >= r.employer.vested_on || !r.has_employer);
		/* no era requires more than age 35 and 12 years of service (upper bound) */
		day_t bound = vest_anniv(in.birth, 35);
		day_t s12   = vest_anniv(in.service_start, 12);
		day_t z10   = vest_anniv(z, 10);
		day_t ub    = bound > z10 ? bound : z10;
		(void)s12;
		assert_true(r.vested_on <= ub);
		/* the decision is exactly E ≥ V − 1, and a later exit never un-vests */
		assert_int_equal(r.vested_at_exit, in.exit >= r.vested_on - 1);
		struct vest_input later = in;
		later.exit += 1 + (day_t)rnd(3000);
		struct vest_result r2;
		assert_int_equal(vest_compute(&later, &r2, NULL), VEST_OK);
		assert_int_equal(r2.vested_on, r.vested_on);
		if (r.vested_at_exit)
			assert_true(r2.vested_at_exit);
		/* the strict boundary is never more generous; the BVV reading never less */
		struct vest_input strict = in;
		strict.boundary          = VEST_BOUNDARY_STRICT;
		struct vest_result rs;
		vest_compute(&strict, &rs, NULL);
		if (rs.vested_at_exit)
			assert_true(r.vested_at_exit);
		struct vest_input bvv = in;
		bvv.reading           = VEST_READING_BVV;
		struct vest_result rb;
		vest_compute(&bvv, &rb, NULL);
		struct vest_input stat = in;
		stat.reading           = VEST_READING_STATUTE;
		struct vest_result rst;
		vest_compute(&stat, &rst, NULL);
		assert_true(rb.vested_on <= rst.vested_on);
	}
}

/* Every era with the largest trail (mixed, taken over, BVV, contract, exit) fits the trail. */
static void test_trail_fits(void **state)
{
	static const char *commits[] = {"1999-01-01", "2005-01-01", "2012-01-01", "2019-01-01"};
	for (int i = 0; i < 4; i++) {
		struct vest_input in = mk("1970-01-01", "1998-01-01", commits[i], VEST_FIN_MIXED, VEST_DV, "2025-01-01");
		in.taken_over        = true;
		in.reading           = VEST_READING_BVV;
		in.boundary          = VEST_BOUNDARY_STRICT;
		in.has_contract      = true;
		in.contract_from     = D("2020-01-01");
		run(&in);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_anniv),          cmocka_unit_test(test_seed4_examples),
		cmocka_unit_test(test_exit_boundary),  cmocka_unit_test(test_era_2001),
		cmocka_unit_test(test_era_2009),       cmocka_unit_test(test_era_2018),
		cmocka_unit_test(test_transitional_dates), cmocka_unit_test(test_leap_day),
		cmocka_unit_test(test_vehicle_start),  cmocka_unit_test(test_taken_over),
		cmocka_unit_test(test_bvv_reading),    cmocka_unit_test(test_mixed),
		cmocka_unit_test(test_contract),       cmocka_unit_test(test_errors),
		cmocka_unit_test(test_properties),     cmocka_unit_test(test_trail_fits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
