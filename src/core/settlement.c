/*
 * settlement.c — § 3 (Abfindung) and § 4 Abs. 3 (Übertragung) BetrAVG
 * decisions, DOMAIN.md § 3.  Owns the conditions and the one-year period;
 * thresholds come from limits.c, the BBG from law_tables.c.  Must never do
 * I/O, allocate, use floating point, or decide for a year without a table.
 */
#include "core/settlement.h"

#include "core/law_tables.h"
#include "core/limits.h"

#define NOTE(...) EXPLAIN_NOTE(e, __VA_ARGS__)
#define RULE(p)   EXPLAIN_RULE(e, p)

#define D_2005 12784 /* 2005-01-01 */

const char *const settle_abf_branch_code[SETTLE_ABF__COUNT] = {
	"within_threshold", "above_threshold", "transfer_requested", "eu_abroad_consent", "running_before_2005",
};

enum settle_status settle_abfindung(const struct settle_abf_in *in, struct settle_abf_out *o, struct explain *e)
{
	*o = (struct settle_abf_out){0};
	struct limits l;
	if (limits_compute(in->year, &l, NULL) == LIMITS_NO_YEAR)
		return SETTLE_NO_YEAR;
	if (in->year < 2005)
		return SETTLE_BEFORE_2005;
	RULE("§ 3 Abs. 2 BetrAVG");
	bool ost = in->ost && !l.law->unified;
	if (in->kind == SETTLE_PENSION)
		o->threshold_cents = ost ? l.abf_pension_ost : l.abf_pension_west;
	else
		o->threshold_cents = ost ? l.abf_capital_ost : l.abf_capital_west;
	if (e) {
		static const char *const keys[2][2] = {{"abf.threshold.pension", "abf.threshold.pension.ost"},
		                                       {"abf.threshold.capital", "abf.threshold.capital.ost"}};
		explain_note(e, keys[in->kind][ost], 3, ex_int(in->year), ex_cents(o->threshold_cents),
		             ex_cents(in->amount_cents));
	}

	if (in->running && in->has_running_since && in->running_since < D_2005) {
		RULE("§ 30g Abs. 3 BetrAVG");
		o->branch            = SETTLE_ABF_30G;
		o->free_by_agreement = true;
		NOTE("abf.30g", 1, ex_date(in->running_since));
		return SETTLE_OK;
	}
	if (in->amount_cents > o->threshold_cents) {
		o->branch = SETTLE_ABF_ABOVE;
		NOTE("abf.above", 0);
	} else if (in->transfer_requested) {
		o->branch = SETTLE_ABF_TRANSFER;
		NOTE("abf.transfer", 0);
	} else if (in->eu_abroad_notified && in->year >= 2018) {
		o->branch = SETTLE_ABF_EU_ABROAD;
		NOTE("abf.eu_abroad", 0);
	} else {
		o->branch  = SETTLE_ABF_ALLOWED;
		o->allowed = true;
		NOTE("abf.allowed", 0);
	}
	if (l.abf_2a) {
		o->threshold_2a_cents = in->kind == SETTLE_PENSION ? l.abf_2a_pension : l.abf_2a_capital;
		o->consent_2a_possible = !o->allowed && in->amount_cents <= o->threshold_2a_cents && !in->transfer_requested;
		if (o->consent_2a_possible) {
			RULE("§ 3 Abs. 2a BetrAVG");
			NOTE("abf.2a", 1, ex_cents(o->threshold_2a_cents));
		}
	}
	return SETTLE_OK;
}

enum settle_status settle_transfer(const struct settle_tr_in *in, struct settle_tr_out *o, struct explain *e)
{
	*o = (struct settle_tr_out){0};
	if (in->exit < in->commitment_start)
		return SETTLE_ERR_EXIT_BEFORE_COMMITMENT;
	int y, m, d;
	date_to_ymd(in->demand, &y, &m, &d);
	const struct law_year *l = law_year(y);
	if (!l)
		return SETTLE_NO_YEAR;
	RULE("§ 4 Abs. 3 BetrAVG");
	if (!(in->vehicle == VEST_PF || in->vehicle == VEST_PK || in->vehicle == VEST_DV)) {
		o->unmet |= SETTLE_TR_VEHICLE;
		NOTE("tr.vehicle", 1, ex_text(vest_vehicle_code[in->vehicle]));
	}
	if (in->commitment_start < D_2005) {
		RULE("§ 30b BetrAVG");
		o->unmet |= SETTLE_TR_COMMITMENT;
		NOTE("tr.commitment", 1, ex_date(in->commitment_start));
	}
	/* The employment ends with the expiry of the exit day; the year runs from
	 * the next day (§ 187 Abs. 2, § 188 Abs. 2 BGB). */
	RULE("§§ 187, 188 BGB");
	o->deadline = vest_anniv(in->exit + 1, 1) - 1;
	if (in->demand < in->exit) {
		o->unmet |= SETTLE_TR_EARLY;
		NOTE("tr.early", 2, ex_date(in->demand), ex_date(in->exit));
	} else if (in->demand > o->deadline) {
		o->unmet |= SETTLE_TR_LATE;
		NOTE("tr.late", 2, ex_date(in->demand), ex_date(o->deadline));
	} else
		NOTE("tr.in_time", 2, ex_date(in->demand), ex_date(o->deadline));
	bool ost     = in->ost && !l->unified;
	o->bbg_cents = ost ? l->bbg_rv_ost_cents : l->bbg_rv_west_cents;
	if (in->value_cents > o->bbg_cents) {
		o->unmet |= SETTLE_TR_VALUE;
		NOTE("tr.value.above", 3, ex_cents(in->value_cents), ex_int(y), ex_cents(o->bbg_cents));
	} else
		NOTE("tr.value.ok", 3, ex_cents(in->value_cents), ex_int(y), ex_cents(o->bbg_cents));
	o->claim_valid = o->unmet == 0;
	NOTE(o->claim_valid ? "tr.valid" : "tr.invalid", 0);
	return SETTLE_OK;
}
