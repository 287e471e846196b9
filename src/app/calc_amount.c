/*
 * calc_amount.c — the calculators `mn` (§ 2 Abs. 1), `vvl` (§ 2 Abs. 2/3),
 * `method` (which § 2 method applies) and `retirement` (Regelaltersgrenze and
 * the retirement_date for mn).  Owns no legal rule: it reads the input
 * strictly, calls core/mn.c, core/vvl.c, core/method.c, core/pension_age.c
 * and turns their results and explanation trails into JSON.
 */
#include "app/calc_amount.h"
#include "core/method.h"
#include "core/mn.h"
#include "core/pension_age.h"
#include "core/vvl.h"

#include <stdlib.h>

/* Choice lists: the index is the core enum's value. */
static const char *const mn_conventions[]    = {"months", "days", NULL};          /* enum mn_convention */
static const char *const vvl_vehicles[]      = {"DV", "PK", NULL};                /* enum vvl_vehicle */
static const char *const method_types[]      = {"LZ", "BOLZ", "BZML", NULL};      /* enum method_commitment */
static const char *const method_vehicles[]   = {"DZ", "UK", "DV", "PK", "PF", NULL}; /* enum method_vehicle */
static const char *const method_financings[] = {"employer", "employee", NULL};    /* enum method_financing */

const struct calc_field calc_mn_fields[] = {
	{"promised_cents", CF_CENTS, true, NULL},  {"service_start", CF_DATE, true, NULL},
	{"exit_date", CF_DATE, true, NULL},        {"retirement_date", CF_DATE, true, NULL},
	{"convention", CF_ENUM, false, mn_conventions}, {NULL, 0, false, NULL}};

const struct calc_field calc_vvl_fields[] = {
	{"vehicle", CF_ENUM, true, vvl_vehicles},
	{"exit_date", CF_DATE, true, NULL},
	{"irrevocable_from", CF_DATE, false, NULL},
	{"assigned_or_pledged", CF_BOOL, false, NULL}, /* required for DV (a form sends false) */
	{"policy_loan", CF_BOOL, false, NULL},
	{"premium_arrears", CF_BOOL, false, NULL},
	{"surplus_to_benefits", CF_BOOL, true, NULL},
	{"salary_linked_increase", CF_BOOL, false, NULL},
	{"continuation_right", CF_BOOL, true, NULL},
	{"employer_declaration_date", CF_DATE, false, NULL},
	{NULL, 0, false, NULL}};

const struct calc_field calc_method_fields[] = {
	{"commitment_type", CF_ENUM, true, method_types}, {"vehicle", CF_ENUM, true, method_vehicles},
	{"financing", CF_ENUM, true, method_financings},  {"commitment_date", CF_DATE, true, NULL},
	{"exit_date", CF_DATE, true, NULL},               {"agreement_30g", CF_BOOL, false, NULL},
	{NULL, 0, false, NULL}};

const struct calc_field calc_retirement_fields[] = {
	{"birth_date", CF_DATE, true, NULL}, {"fixed_age_years", CF_INT, false, NULL}, {NULL, 0, false, NULL}};

/* ---- mn ------------------------------------------------------------------- */

json_t *calc_mn(const json_t *in, enum lang lang, struct calc_error *err)
{
	static const char *const allowed[]     = {"promised_cents", "service_start", "exit_date", "retirement_date",
	                                          "convention", NULL};
	int64_t                  promised;
	day_t                    start, exit_date, retirement;
	int                      conv = MN_MONTHS;
	bool                     has_conv;
	if (!calc_in_only(in, allowed, err) ||
	    !calc_in_cents(in, "promised_cents", NULL, 0, MN_MAX_CENTS, &promised, err) ||
	    !calc_in_date(in, "service_start", NULL, &start, err) ||
	    !calc_in_date(in, "exit_date", NULL, &exit_date, err) ||
	    !calc_in_date(in, "retirement_date", NULL, &retirement, err) ||
	    !calc_in_enum(in, "convention", &has_conv, mn_conventions, &conv, err))
		return NULL;
	if (retirement < start) {
		calc_fail(err, "retirement_date", "amount.err.retirement_before_start",
		          "'retirement_date' must not be before 'service_start'", false);
		return NULL;
	}
	struct explain   e;
	struct mn_result r;
	explain_init(&e);
	switch (mn_compute(promised, start, exit_date, retirement, (enum mn_convention)conv, &r, &e)) {
	case MN_OK: break;
	case MN_ERR_AMOUNT:
		calc_fail(err, "promised_cents", "err.param.range", "'promised_cents' is out of range", false);
		return NULL;
	case MN_ERR_EXIT_BEFORE_START:
		calc_fail(err, "exit_date", "amount.err.exit_before_start", "'exit_date' must not be before 'service_start'",
		          false);
		return NULL;
	case MN_ERR_EXIT_AFTER_RETIREMENT:
		calc_fail(err, "exit_date", "amount.err.exit_after_retirement",
		          "'exit_date' must not be after 'retirement_date' (m would exceed n)", false);
		return NULL;
	case MN_ERR_N_ZERO:
		calc_fail(err, "retirement_date", "amount.err.n_zero",
		          "less than one completed month from 'service_start' to 'retirement_date'; use convention 'days'",
		          false);
		return NULL;
	}
	json_t *out = json_pack("{s:I, s:i, s:i, s:s}", "entitlement_cents", (json_int_t)r.entitlement_cents, "m",
	                        (int)r.m, "n", (int)r.n, "convention", mn_conventions[conv]);
	return calc_explain(out, &e, lang);
}

/* ---- vvl ------------------------------------------------------------------ */

json_t *calc_vvl(const json_t *in, enum lang lang, struct calc_error *err)
{
	static const char *const allowed[]  = {"vehicle",
	                                       "exit_date",
	                                       "irrevocable_from",
	                                       "assigned_or_pledged",
	                                       "policy_loan",
	                                       "premium_arrears",
	                                       "surplus_to_benefits",
	                                       "salary_linked_increase",
	                                       "continuation_right",
	                                       "employer_declaration_date",
	                                       NULL};
	struct vvl_input         v          = {0};
	int                      vehicle;
	bool                     dummy;
	if (!calc_in_only(in, allowed, err) || !calc_in_enum(in, "vehicle", NULL, vvl_vehicles, &vehicle, err) ||
	    !calc_in_date(in, "exit_date", NULL, &v.exit_date, err) ||
	    !calc_in_date(in, "irrevocable_from", &v.has_irrevocable, &v.irrevocable_from, err))
		return NULL;
	v.vehicle = (enum vvl_vehicle)vehicle;
	/* DV: the three employer-side flags are conditions and required; PK: not conditions, optional. */
	bool *opt = v.vehicle == VVL_PK ? &dummy : NULL;
	if (!calc_in_bool(in, "assigned_or_pledged", opt, &v.assigned_or_pledged, err) ||
	    !calc_in_bool(in, "policy_loan", opt, &v.policy_loan, err) ||
	    !calc_in_bool(in, "premium_arrears", opt, &v.premium_arrears, err) ||
	    !calc_in_bool(in, "surplus_to_benefits", NULL, &v.surplus_to_benefits, err) ||
	    !calc_in_bool(in, "salary_linked_increase", &dummy, &v.salary_linked_increase, err) ||
	    !calc_in_bool(in, "continuation_right", NULL, &v.continuation_right, err) ||
	    !calc_in_date(in, "employer_declaration_date", &v.has_declaration, &v.employer_declaration_date, err))
		return NULL;

	struct explain    e;
	struct vvl_result r;
	explain_init(&e);
	vvl_check(&v, &r, &e);
	json_t *unmet = json_array();
	for (int i = 0; i < r.nunmet; i++) {
		char *msg = calc_note_text(&r.unmet[i].note, lang);
		json_array_append_new(unmet, json_pack("{s:s, s:s}", "code", vvl_cond_code(r.unmet[i].code), "message", msg));
		free(msg);
	}
	json_t *out = json_pack("{s:b, s:o, s:o, s:b}", "vvl_applies", r.applies, "unmet", unmet, "deadline",
	                        calc_date(r.deadline), "declaration_required", r.declaration_required);
	return calc_explain(out, &e, lang);
}

/* ---- method --------------------------------------------------------------- */

json_t *calc_method(const json_t *in, enum lang lang, struct calc_error *err)
{
	static const char *const allowed[]    = {"commitment_type", "vehicle",   "financing", "commitment_date",
	                                         "exit_date",       "agreement_30g", NULL};
	int                      type, vehicle, financing;
	bool                     has_agreement;
	struct method_input      m = {0};
	if (!calc_in_only(in, allowed, err) || !calc_in_enum(in, "commitment_type", NULL, method_types, &type, err) ||
	    !calc_in_enum(in, "vehicle", NULL, method_vehicles, &vehicle, err) ||
	    !calc_in_enum(in, "financing", NULL, method_financings, &financing, err) ||
	    !calc_in_date(in, "commitment_date", NULL, &m.commitment_date, err) ||
	    !calc_in_date(in, "exit_date", NULL, &m.exit_date, err) ||
	    !calc_in_bool(in, "agreement_30g", &has_agreement, &m.agreement_30g, err))
		return NULL;
	m.type      = (enum method_commitment)type;
	m.vehicle   = (enum method_vehicle)vehicle;
	m.financing = (enum method_financing)financing;
	struct explain       e;
	struct method_result r;
	explain_init(&e);
	if (!method_decide(&m, &r, &e)) {
		calc_fail(err, "exit_date", "amount.err.exit_before_commitment",
		          "'exit_date' must not be before 'commitment_date'", false);
		return NULL;
	}
	json_t *out = json_pack("{s:s, s:s}", "method", method_code(r.method), "paragraph", r.paragraph);
	return calc_explain(out, &e, lang);
}

/* ---- retirement ----------------------------------------------------------- */

json_t *calc_retirement(const json_t *in, enum lang lang, struct calc_error *err)
{
	static const char *const allowed[] = {"birth_date", "fixed_age_years", NULL};
	day_t                    birth;
	int64_t                  fixed = 0;
	bool                     has_fixed;
	if (!calc_in_only(in, allowed, err) || !calc_in_date(in, "birth_date", NULL, &birth, err) ||
	    !calc_in_int(in, "fixed_age_years", &has_fixed, PENSION_AGE_FIXED_MIN, PENSION_AGE_FIXED_MAX, &fixed, err))
		return NULL;
	struct explain            e;
	struct pension_age_result r;
	explain_init(&e);
	if (!pension_age_compute(birth, (int)fixed, &r, &e)) { /* unreachable: range checked above */
		calc_fail(err, "fixed_age_years", "err.param.range", "'fixed_age_years' is out of range", false);
		return NULL;
	}
	json_t *out = json_pack("{s:{s:i, s:i}, s:o, s:o}", "regelaltersgrenze", "years", r.rag.years, "months",
	                        r.rag.months, "reached_on", calc_date(r.rag_reached_on), "retirement_date",
	                        calc_date(r.retirement_date));
	if (r.has_fixed)
		json_object_set_new(out, "fixed_age_reached_on", calc_date(r.fixed_reached_on));
	return calc_explain(out, &e, lang);
}
