/*
 * limits.c — yearly bAV amount limits and the 15 % employer subsidy
 * (DOMAIN.md § 4, § 5.2, § 5.3).  Owns the formulas and their rounding; the
 * amounts come from law_tables.c.  Must never do I/O, allocate, use floating
 * point, or produce a limit for a year the tables do not hold.
 */
#include "core/limits.h"

#define NOTE(...) EXPLAIN_NOTE(e, __VA_ARGS__)
#define RULE(p)   EXPLAIN_RULE(e, p)

int64_t limits_pct_bp(int64_t amount, int64_t bp)
{
	return (amount * bp + 5000) / 10000;
}

static int64_t half_up_div(int64_t num, int64_t den)
{
	return (num + den / 2) / den;
}

static int64_t up_div(int64_t num, int64_t den)
{
	return (num + den - 1) / den;
}

enum limits_status limits_compute(int year, struct limits *o, struct explain *e)
{
	*o                       = (struct limits){.year = year};
	const struct law_year *l = law_year(year);
	if (!l)
		return LIMITS_NO_YEAR;
	if (year < 2002)
		return LIMITS_BEFORE_2002;
	o->law = l;

	int64_t bbg = l->bbg_rv_west_cents, bzg = l->bezugsgroesse_west_cents;
	int64_t four = limits_pct_bp(bbg, 400);
	RULE("§ 1a Abs. 1 BetrAVG");
	NOTE(l->unified ? "lim.bbg.unified" : "lim.bbg", 3, ex_int(year), ex_cents(bbg), ex_cents(l->bbg_rv_ost_cents));
	NOTE(l->unified ? "lim.bzg.unified" : "lim.bzg", 3, ex_int(year), ex_cents(bzg),
	     ex_cents(l->bezugsgroesse_ost_cents));
	o->conversion_max = four;
	o->conversion_min = half_up_div(bzg, 160);
	NOTE("lim.conversion", 2, ex_cents(o->conversion_max), ex_cents(o->conversion_min));

	RULE("§ 3 Nr. 63 EStG");
	if (year <= 2004) {
		o->tax_free_max = o->tax_free_max_old = four;
		NOTE("lim.tax.2002", 1, ex_cents(four));
	} else if (year <= 2017) {
		o->tax_free_max     = four + 180000;
		o->tax_free_max_old = four;
		NOTE("lim.tax.2005", 2, ex_cents(o->tax_free_max), ex_cents(four));
	} else {
		o->tax_free_max = o->tax_free_max_old = limits_pct_bp(bbg, 800);
		o->tax_free_termination_per_year       = four;
		NOTE("lim.tax.2018", 2, ex_cents(o->tax_free_max), ex_cents(four));
	}
	RULE("§ 1 Abs. 1 S. 1 Nr. 9 SvEV");
	o->sv_free_max = four;
	NOTE("lim.sv", 1, ex_cents(four));

	if (year >= 2005) {
		RULE("§ 3 Abs. 2 BetrAVG");
		o->abf_applies       = true;
		int64_t mw           = bzg / 12, mo = l->bezugsgroesse_ost_cents / 12;
		o->abf_pension_west  = half_up_div(mw, 100);
		o->abf_capital_west  = half_up_div(mw * 12, 10);
		o->abf_pension_ost   = half_up_div(mo, 100);
		o->abf_capital_ost   = half_up_div(mo * 12, 10);
		NOTE("lim.abf", 3, ex_cents(mw), ex_cents(o->abf_pension_west), ex_cents(o->abf_capital_west));
		if (!l->unified)
			NOTE("lim.abf.ost", 3, ex_cents(mo), ex_cents(o->abf_pension_ost), ex_cents(o->abf_capital_ost));
		if (year >= 2026) {
			RULE("§ 3 Abs. 2a BetrAVG");
			o->abf_2a         = true;
			o->abf_2a_pension = half_up_div(mw * 2, 100);
			o->abf_2a_capital = half_up_div(mw * 24, 10);
			NOTE("lim.abf.2a", 2, ex_cents(o->abf_2a_pension), ex_cents(o->abf_2a_capital));
		}
	} else
		NOTE("lim.abf.before2005", 0);

	if (year >= 2018) {
		RULE("§ 100 EStG");
		int64_t m   = year <= 2019 ? 220000 : 257500;
		o->p100     = true;
		o->p100v    = (struct limits_p100){
			   .wage_day    = up_div(m, 30),
			   .wage_week   = up_div(m * 7, 30),
			   .wage_month  = m,
			   .wage_year   = m * 12,
			   .contrib_min = 24000,
			   .contrib_max = year <= 2019 ? 48000 : 96000,
			   .foerder_max = year <= 2019 ? 14400 : 28800,
        };
		NOTE("lim.p100", 4, ex_cents(m), ex_cents(o->p100v.contrib_min), ex_cents(o->p100v.contrib_max),
		     ex_cents(o->p100v.foerder_max));
	}
	return LIMITS_OK;
}

#define D_2019 17897 /* 2019-01-01 */
#define D_2022 18993 /* 2022-01-01 */

void limits_subsidy(const struct limits_subsidy_in *in, struct limits_subsidy_out *o, struct explain *e)
{
	*o            = (struct limits_subsidy_out){0};
	o->flat_cents = limits_pct_bp(in->conversion_cents, 1500);
	RULE("§ 1a Abs. 1a BetrAVG");
	if (in->vehicle == VEST_DZ || in->vehicle == VEST_UK) {
		o->reason = LIMITS_SUB_VEHICLE;
		NOTE("sub.vehicle", 1, ex_text(vest_vehicle_code[in->vehicle]));
		return;
	}
	if (in->date < D_2019) {
		o->reason = LIMITS_SUB_BEFORE_2019;
		NOTE("sub.before2019", 1, ex_date(in->date));
		return;
	}
	if (in->agreement < D_2019 && in->date < D_2022) {
		RULE("§ 26a BetrAVG");
		o->reason = LIMITS_SUB_OLD_AGREEMENT;
		NOTE("sub.old_agreement", 2, ex_date(in->agreement), ex_date(in->date));
		return;
	}
	if (in->agreement < D_2019) {
		RULE("§ 26a BetrAVG");
		NOTE("sub.old_agreement.due", 1, ex_date(in->agreement));
	}
	o->reason   = LIMITS_SUB_DUE;
	o->required = true;
	if (in->mode == LIMITS_SUBSIDY_CAPPED && in->sv_saving_cents < o->flat_cents) {
		o->subsidy_cents = in->sv_saving_cents < 0 ? 0 : in->sv_saving_cents;
		NOTE("sub.capped", 3, ex_cents(in->conversion_cents), ex_cents(o->flat_cents), ex_cents(o->subsidy_cents));
	} else {
		o->subsidy_cents = o->flat_cents;
		NOTE(in->mode == LIMITS_SUBSIDY_CAPPED ? "sub.capped.full" : "sub.flat", 2, ex_cents(in->conversion_cents),
		     ex_cents(o->flat_cents));
	}
}
