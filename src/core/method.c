/*
 * method.c — owns the method matrix for the amount of a vested entitlement
 * (DOMAIN 2.3–2.5: § 2 Abs. 1–6, § 30g Abs. 2 BetrAVG, the seed's table).
 * Must never do I/O, allocate or use floating point; it computes no amounts
 * (core/mn.c, core/vvl.c do) and does not decide vesting.
 */
#include "core/method.h"

static const char *const method_codes[] = {
	[METHOD_RATIERLICH]             = "ratierlich",
	[METHOD_RATIERLICH_OR_VVL]      = "ratierlich_or_vvl",
	[METHOD_ERREICHTE_ANWARTSCHAFT] = "erreichte_anwartschaft",
	[METHOD_BEITRAEGE_ZZGL_ERTRAEGE] = "beitraege_zzgl_ertraege",
	[METHOD_NOT_POSSIBLE]           = "not_possible",
};

const char *method_code(enum method_kind k)
{
	return (unsigned)k <= METHOD_NOT_POSSIBLE ? method_codes[k] : "unknown";
}

static const char *const commitment_codes[] = {"LZ", "BOLZ", "BZML"};
static const char *const vehicle_codes[]    = {"DZ", "UK", "DV", "PK", "PF"};

static bool set(struct method_result *r, struct explain *e, enum method_kind k, const char *paragraph)
{
	r->method    = k;
	r->paragraph = paragraph;
	explain_rule(e, paragraph);
	return true;
}

/* The ratierliches Verfahren with its vehicle's paragraph. */
static bool ratierlich(const struct method_input *in, struct method_result *r, struct explain *e)
{
	explain_note(e, "method.ratierlich", 0);
	if (in->vehicle == METHOD_UK) {
		explain_note(e, "method.ratierlich_uk", 0);
		set(r, e, METHOD_RATIERLICH, "§ 2 Abs. 4 BetrAVG");
	} else if (in->vehicle == METHOD_PF) {
		explain_note(e, "method.ratierlich_pf", 0);
		set(r, e, METHOD_RATIERLICH, "§ 2 Abs. 3a BetrAVG");
	} else
		set(r, e, METHOD_RATIERLICH, "§ 2 Abs. 1 BetrAVG");
	explain_rule(e, "§ 2 Abs. 1 BetrAVG");
	return true;
}

bool method_decide(const struct method_input *in, struct method_result *r, struct explain *e)
{
	*r = (struct method_result){0};
	if (in->exit_date < in->commitment_date)
		return false;
	explain_note(e, "method.input", 4, ex_text(commitment_codes[in->type]), ex_text(vehicle_codes[in->vehicle]),
	             ex_date(in->commitment_date), ex_date(in->exit_date));
	explain_note(e, in->financing == METHOD_EMPLOYEE ? "method.financed_employee" : "method.financed_employer", 0);

	if (in->type == METHOD_BZML) {
		if (in->vehicle == METHOD_DZ || in->vehicle == METHOD_UK) {
			explain_note(e, "method.bzml_dz_uk", 0);
			return set(r, e, METHOD_NOT_POSSIBLE, "§ 1 Abs. 2 Nr. 2 BetrAVG");
		}
		if (in->commitment_date < date_from_ymd(2002, 1, 1)) {
			explain_note(e, "method.bzml_before_2002", 1, ex_date(in->commitment_date));
			return set(r, e, METHOD_NOT_POSSIBLE, "§ 1 Abs. 2 Nr. 2 BetrAVG");
		}
		explain_note(e, "method.bzml", 0);
		return set(r, e, METHOD_BEITRAEGE_ZZGL_ERTRAEGE, "§ 2 Abs. 6 BetrAVG");
	}

	if (in->vehicle == METHOD_DV || in->vehicle == METHOD_PK) {
		explain_note(e, in->vehicle == METHOD_DV ? "method.vvl_dv" : "method.vvl_pk", 0);
		if (in->type == METHOD_BOLZ || in->financing == METHOD_EMPLOYEE)
			explain_note(e, "method.vvl_not_abs5", 0);
		return set(r, e, METHOD_RATIERLICH_OR_VVL,
		           in->vehicle == METHOD_DV ? "§ 2 Abs. 2 BetrAVG" : "§ 2 Abs. 3 BetrAVG");
	}

	/* DZ, UK, PF: Entgeltumwandlung or BOLZ → § 2 Abs. 5 within its date limits */
	if (in->type == METHOD_BOLZ || in->financing == METHOD_EMPLOYEE) {
		bool after_2000 = in->commitment_date >= date_from_ymd(2001, 1, 1);
		if (!after_2000 && !in->agreement_30g) {
			explain_note(e, "method.abs5_before_2001", 1, ex_date(in->commitment_date));
			ratierlich(in, r, e);
			explain_rule(e, "§ 30g Abs. 2 BetrAVG");
			return true;
		}
		if (!after_2000)
			explain_note(e, "method.abs5_agreed", 1, ex_date(in->commitment_date));
		if (in->vehicle == METHOD_PF && in->exit_date < date_from_ymd(2002, 7, 1)) {
			explain_note(e, "method.pf_before_2002_07", 1, ex_date(in->exit_date));
			return ratierlich(in, r, e);
		}
		explain_note(e, in->type == METHOD_BOLZ ? "method.erreicht_bolz" : "method.erreicht_eu", 0);
		set(r, e, METHOD_ERREICHTE_ANWARTSCHAFT, "§ 2 Abs. 5 BetrAVG");
		if (!after_2000)
			explain_rule(e, "§ 30g Abs. 2 BetrAVG");
		return true;
	}
	return ratierlich(in, r, e);
}
