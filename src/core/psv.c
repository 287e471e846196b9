/*
 * psv.c — PSVaG duty, reportable persons, contribution base and contribution
 * (§§ 7, 10, 11 BetrAVG; DOMAIN.md § 6) and the § 16 adjustment review dates
 * (DOMAIN.md § 7).  Owns these rules; rates come from law_tables.c.  Must
 * never do I/O, allocate, use floating point, or invent a rate or a base the
 * sources do not give (PSV 2026 rate, PK base rule: reported as unknown).
 */
#include "core/psv.h"

#include "core/law_tables.h"

#define NOTE(...) EXPLAIN_NOTE(e, __VA_ARGS__)
#define RULE(p)   EXPLAIN_RULE(e, p)

#define D_1999 10592 /* 1999-01-01 */
#define D_2001 11323 /* 2001-01-01 */

const char *const psv_duty_code[PSV_DUTY__COUNT] = {
	"vehicle", "dv_revocable", "dv_assigned", "pk_not_exempt", "dv_irrevocable", "pk_before_2021",
	"pk_exempt", "pure_contribution",
};
const char *const psv_adj_code[PSV_ADJ__COUNT] = {
	"check", "one_percent", "eu_minimum_one_percent", "surplus", "bzml", "auszahlungsplan", "capital",
};

bool psv_duty(const struct psv_duty_in *in, enum psv_duty_reason *why, struct explain *e)
{
	RULE("§ 10 Abs. 1 BetrAVG");
	const char *v = vest_vehicle_code[in->vehicle];
	if (in->pure_contribution) {
		RULE("§ 1 Abs. 2 Nr. 2a BetrAVG");
		*why = PSV_NO_PURE_CONTRIBUTION;
		NOTE("psv.no.pure", 0);
		return false;
	}
	switch (in->vehicle) {
	case VEST_DZ:
	case VEST_UK:
	case VEST_PF:
		*why = PSV_DUTY_VEHICLE;
		NOTE("psv.duty.vehicle", 1, ex_text(v));
		return true;
	case VEST_DV:
		RULE("§ 7 Abs. 1 S. 2, Abs. 2 BetrAVG");
		if (in->dv_revocable) {
			*why = PSV_DUTY_DV_REVOCABLE;
			NOTE("psv.duty.dv_revocable", 0);
			return true;
		}
		if (in->dv_assigned) {
			*why = PSV_DUTY_DV_ASSIGNED;
			NOTE("psv.duty.dv_assigned", 0);
			return true;
		}
		*why = PSV_NO_DV;
		NOTE("psv.no.dv", 0);
		return false;
	case VEST_PK:
		if (in->year < 2021) {
			*why = PSV_NO_PK_BEFORE_2021;
			NOTE("psv.no.pk_before_2021", 1, ex_int(in->year));
			return false;
		}
		if (in->pk_exempt) {
			*why = PSV_NO_PK_EXEMPT;
			NOTE("psv.no.pk_exempt", 0);
			return false;
		}
		*why = PSV_DUTY_PK;
		NOTE("psv.duty.pk", 0);
		return true;
	}
	return false;
}

bool psv_reportable(day_t vested_on, bool running, day_t stichtag, enum vest_boundary b)
{
	return running || vest_kept(vested_on, stichtag, b);
}

day_t psv_first_notice_due(day_t granted)
{
	return date_add_months(granted, 3); /* § 188 Abs. 2, 3 BGB: month end clamps */
}

enum psv_status psv_contribution(const struct psv_base_in *in, struct psv_base_out *o, struct explain *e)
{
	*o                       = (struct psv_base_out){0};
	const struct law_year *l = law_year(in->year);
	if (!l)
		return PSV_NO_YEAR;
	RULE("§ 10 Abs. 3 BetrAVG");
	RULE("§ 11 Abs. 2 BetrAVG");
	o->report_due = date_from_ymd(in->year, 9, 30);
	o->base_date  = date_from_ymd(in->year - 1, 12, 31);
	if (in->has_base) {
		o->base_cents = in->base_cents;
		NOTE("psv.base.given", 1, ex_cents(o->base_cents));
	} else {
		switch (in->vehicle) {
		case VEST_DZ:
			o->base_cents = in->teilwert_cents;
			NOTE("psv.base.dz", 1, ex_cents(o->base_cents));
			break;
		case VEST_PF:
			o->base_cents = (in->teilwert_cents * 20 + 50) / 100;
			NOTE("psv.base.pf", 2, ex_cents(in->teilwert_cents), ex_cents(o->base_cents));
			break;
		case VEST_DV:
			o->base_cents = in->deckungskapital_cents;
			NOTE("psv.base.dv", 1, ex_cents(o->base_cents));
			break;
		case VEST_UK:
			o->base_cents = in->deckungskapital_cents + 20 * in->allocation_cents;
			NOTE("psv.base.uk", 3, ex_cents(in->deckungskapital_cents), ex_cents(in->allocation_cents),
			     ex_cents(o->base_cents));
			break;
		case VEST_PK: return PSV_ERR_BASE_MISSING; /* rule not in the sources: the base must be given */
		}
	}
	NOTE("psv.base.date", 2, ex_date(o->base_date), ex_date(o->report_due));
	if (in->vehicle == VEST_PK) {
		o->rate_known  = l->psv_pk_known;
		o->rate_pm1000 = l->psv_pk_rate_pm1000;
	} else {
		o->rate_known  = l->psv_rate_known;
		o->rate_pm1000 = l->psv_rate_pm1000;
	}
	if (!o->rate_known) {
		NOTE("psv.rate.unknown", 1, ex_int(in->year));
		return PSV_OK;
	}
	o->contribution_known = true;
	o->contribution_cents = (o->base_cents * o->rate_pm1000 + 500000) / 1000000;
	NOTE(in->vehicle == VEST_PK ? "psv.contribution.pk" : "psv.contribution", 4, ex_int(in->year),
	     ex_permille(o->rate_pm1000), ex_cents(o->base_cents), ex_cents(o->contribution_cents));
	return PSV_OK;
}

/* The first day on or after d that is month/day of the bundled review. */
static day_t next_bundle(day_t d, int month, int day)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	day_t c = date_from_ymd(y, month, day);
	return c >= d ? c : date_from_ymd(y + 1, month, day);
}

enum psv_status psv_adjustment(const struct psv_adj_in *in, struct psv_adj_out *o, struct explain *e)
{
	*o = (struct psv_adj_out){0};
	if (in->bundled && (in->bundle_month < 1 || in->bundle_month > 12 || in->bundle_day < 1 ||
	                    in->bundle_day > date_days_in_month(2001, in->bundle_month)))
		return PSV_ERR_BUNDLE_DATE; /* 29 Feb is refused: it does not exist every year */
	int count = in->count < 1 ? 1 : in->count > PSV_ADJ_MAX ? PSV_ADJ_MAX : in->count;
	RULE("§ 16 BetrAVG");
	if (in->capital) {
		o->branch = PSV_ADJ_CAPITAL;
		NOTE("adj.capital", 0);
		return PSV_OK;
	}
	if (in->auszahlungsplan) {
		o->branch = PSV_ADJ_AUSZAHLUNGSPLAN;
		NOTE("adj.auszahlungsplan", 0);
		return PSV_OK;
	}
	if (in->bzml) {
		o->branch = PSV_ADJ_BZML;
		NOTE("adj.bzml", 0);
		return PSV_OK;
	}
	if (in->surplus_to_benefits && (in->vehicle == VEST_DV || in->vehicle == VEST_PK)) {
		o->branch = PSV_ADJ_SURPLUS;
		NOTE("adj.surplus", 0);
		return PSV_OK;
	}
	bool eu_new = in->financing != VEST_FIN_EMPLOYER && in->has_commitment && in->commitment_start >= D_2001;
	bool one    = in->one_percent && in->has_commitment && in->commitment_start >= D_1999;
	if (in->one_percent && !one) {
		RULE("§ 30c Abs. 1 BetrAVG");
		NOTE("adj.one_percent.old", 0);
	}
	if (one || eu_new) {
		if (!one) {
			RULE("§ 30c Abs. 3 BetrAVG");
			NOTE("adj.eu_minimum", 1, ex_date(in->commitment_start));
		} else
			NOTE("adj.one_percent", 0);
		o->branch = one ? PSV_ADJ_ONE_PERCENT : PSV_ADJ_EU_MINIMUM;
		/* "jährlich um wenigstens eins vom Hundert": compounding, half-up to the cent each year (DERIVED) */
		int64_t p = in->pension_cents;
		o->n      = count;
		for (int k = 0; k < count; k++) {
			o->dates[k]   = vest_anniv(in->pension_start, k + 1);
			p             = (p * 101 + 50) / 100;
			o->amounts[k] = p;
		}
		if (in->pension_cents > 0)
			NOTE("adj.path", 3, ex_date(o->dates[0]), ex_cents(o->amounts[0]), ex_cents(o->amounts[count - 1]));
		return PSV_OK;
	}
	o->branch         = PSV_ADJ_CHECK;
	o->check_required = true;
	o->n              = count;
	for (int k = 0; k < count; k++) {
		day_t d     = vest_anniv(in->pension_start, 3 * (k + 1));
		o->dates[k] = in->bundled ? next_bundle(d, in->bundle_month, in->bundle_day) : d;
	}
	NOTE(in->bundled ? "adj.check.bundled" : "adj.check", 2, ex_date(in->pension_start), ex_date(o->dates[0]));
	return PSV_OK;
}
