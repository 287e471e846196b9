/*
 * calc_netcost.c — the calculator `net-cost` (JSON in, JSON out) over
 * payroll/netcost.c.  Owns no legal rule: it reads the input strictly (every
 * bad field named; a year outside the tables is a rule error), calls
 * netcost_compute() and writes the result with its explanation.
 *
 * Decimal inputs (child_allowances 1.5, additional_rate 2.9, subsidy_percent
 * 15) are read without floating point: a JSON integer, a decimal string
 * ("1,5" or "1.5", as the page's form sends it), or a JSON real, which is
 * read back as the shortest decimal text jansson prints for it (15
 * significant digits) and parsed as that text; more decimal places than the
 * field allows are refused, never rounded.
 */
#include "app/calc_netcost.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/jalloc.h"
#include "payroll/netcost.h"

static const char *const insurances[] = {"statutory", "private", NULL};

const struct calc_field calc_net_cost_fields[] = {
	{"year", CF_INT, true, NULL},
	{"monthly_gross_cents", CF_CENTS, true, NULL},
	{"tax_class", CF_INT, true, NULL},
	{"child_allowances", CF_TEXT, false, NULL},
	{"children", CF_INT, false, NULL},
	{"childless", CF_BOOL, false, NULL},
	{"church_tax", CF_BOOL, false, NULL},
	{"federal_state", CF_ENUM, true, netcost_state_code},
	{"health_insurance", CF_ENUM, false, insurances},
	{"additional_rate", CF_TEXT, false, NULL},
	{"private_premium_cents", CF_CENTS, false, NULL},
	{"private_care_premium_cents", CF_CENTS, false, NULL},
	{"minijob_rv_exempt", CF_BOOL, false, NULL},
	{"conversion_cents", CF_CENTS, true, NULL},
	{"subsidy", CF_ENUM, false, netcost_subsidy_code},
	{"subsidy_percent", CF_TEXT, false, NULL},
	{"subsidy_cents", CF_CENTS, false, NULL},
	{NULL, 0, false, NULL}};

#define MAX_PAY 100000000LL /* 1.000.000 € a month */

/* "12", "1.5", "1,5": at most `places` decimals, scaled by 10^places. */
static bool decimal_text(const char *s, int places, int64_t *out)
{
	int64_t v = 0;
	int     seen = -1, digits = 0;
	for (; *s; s++) {
		if ((*s == '.' || *s == ',') && seen < 0) {
			seen = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || digits > 12)
			return false;
		if (seen >= 0 && ++seen > places) {
			if (*s != '0') /* trailing zeros ("1.50") are harmless */
				return false;
			continue;
		}
		v = v * 10 + (*s - '0');
		digits++;
	}
	if (!digits)
		return false;
	for (int k = seen < 0 ? 0 : seen > places ? places : seen; k < places; k++)
		v *= 10;
	*out = v;
	return true;
}

/* A decimal field: JSON integer, real or string; *out scaled by 10^places, within [min, max]. */
static bool in_decimal(const json_t *in, const char *field, bool *present, int places, int64_t min, int64_t max,
                       int64_t *out, struct calc_error *err)
{
	json_t *v = json_object_get(in, field);
	if (v && json_is_null(v))
		v = NULL;
	*present = v != NULL;
	if (!v)
		return true;
	int64_t x  = 0;
	bool    ok = false;
	if (json_is_integer(v)) {
		json_int_t i = json_integer_value(v);
		ok           = i >= 0 && i <= 1000000;
		x            = i;
		for (int k = 0; ok && k < places; k++)
			x *= 10;
	} else if (json_is_real(v)) {
		char *t = json_dumps(v, JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
		ok      = t && decimal_text(t, places, &x);
		jalloc_free(t);
	} else if (json_is_string(v))
		ok = json_string_length(v) < 32 && decimal_text(json_string_value(v), places, &x);
	if (!ok)
		return calc_failf(err, field, "err.netcost.decimal", false,
		             "'%s' must be a number with at most %d decimal place%s", field, places, places == 1 ? "" : "s");
	if (x < min || x > max)
		return calc_failf(err, field, "err.param.range", false, "'%s' is out of range", field);
	*out = x;
	return true;
}

/* A field that the chosen option does not use. */
static bool not_with(const json_t *in, const char *field, const char *because, struct calc_error *err)
{
	json_t *v = json_object_get(in, field);
	if (!v || json_is_null(v))
		return true;
	return calc_failf(err, field, "err.netcost.not_applicable", false, "'%s' does not apply %s", field, because);
}

static json_t *side_json(const struct netcost_side *s)
{
	json_t *o = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "employment", sv_kind_code[s->sv.kind],
	                      "pay_cents", (json_int_t)s->paid_gross, "taxable_cents", (json_int_t)s->taxable,
	                      "sv_pay_cents", (json_int_t)s->sv_pay, "wage_tax_cents", (json_int_t)s->tax.lst_cents,
	                      "solidarity_cents", (json_int_t)s->tax.solz_cents, "church_tax_cents",
	                      (json_int_t)s->church_cents, "sv_employee_cents", (json_int_t)s->sv.an_total,
	                      "sv_employer_cents", (json_int_t)s->sv.ag_total);
	if (s->sv.private_subsidy)
		json_object_set_new(o, "private_subsidy_cents", json_integer(s->sv.private_subsidy));
	if (s->flat_taxed)
		json_object_set_new(o, "flat_tax_employer_cents", json_integer(s->sv.minijob_flat_tax));
	json_t *branches = json_array(); /* per branch, as "sv_saving" */
	for (int i = 0; i < SV__BRANCHES; i++)
		json_array_append_new(branches, json_pack("{s:s, s:I, s:I}", "insurance", sv_branch_code[i], "employee_cents",
		                                          (json_int_t)s->sv.b[i].an, "employer_cents", (json_int_t)s->sv.b[i].ag));
	json_object_set_new(o, "sv", branches);
	json_object_set_new(o, "net_cents", json_integer(s->net));
	return o;
}

json_t *calc_net_cost(const json_t *in, enum lang lang, struct calc_error *err)
{
	return calc_net_cost_trail(in, lang, err, NULL);
}

json_t *calc_net_cost_trail(const json_t *in, enum lang lang, struct calc_error *err, struct explain *trail)
{
	static const char *const allowed[] = {
		"year",          "monthly_gross_cents", "tax_class",        "child_allowances",      "children",
		"childless",     "church_tax",          "federal_state",    "health_insurance",      "additional_rate",
		"additional_rate_bp", "private_premium_cents", "private_care_premium_cents", "minijob_rv_exempt",
		"conversion_cents", "subsidy",          "subsidy_percent",  "subsidy_cents",         NULL};
	struct netcost_in nc = {0};
	int64_t           year, cls, zkf = 0, children = 0, bp = 0;
	int               state = 0, ins = 0, sub = NC_SUBSIDY_STATUTORY;
	bool              present, has_rate, has_rate_bp;
	if (!calc_in_only(in, allowed, err) || !calc_in_int(in, "year", NULL, 1800, 2200, &year, err))
		return NULL;
	struct sv_year y;
	if (!sv_year((int)year, &y))
		return calc_failf(err, "year", "err.netcost.year", true,
		             "no social-insurance and wage-tax tables for %d (the net cost covers 2025 and 2026)", (int)year),
		       NULL;
	nc.year = (int)year;
	if (!calc_in_cents(in, "monthly_gross_cents", NULL, 0, MAX_PAY, &nc.gross_cents, err) ||
	    !calc_in_int(in, "tax_class", NULL, 1, 6, &cls, err) ||
	    !in_decimal(in, "child_allowances", &present, 1, 0, 300, &zkf, err))
		return NULL;
	if (zkf % 5)
		return calc_failf(err, "child_allowances", "err.netcost.half_steps", false,
		             "'child_allowances' comes in steps of 0.5"),
		       NULL;
	if (!calc_in_int(in, "children", &present, 0, 20, &children, err) ||
	    !calc_in_bool(in, "childless", &present, &nc.childless, err) ||
	    !calc_in_bool(in, "church_tax", &present, &nc.church, err) ||
	    !calc_in_enum(in, "federal_state", NULL, netcost_state_code, &state, err) ||
	    !calc_in_enum(in, "health_insurance", &present, insurances, &ins, err) ||
	    !calc_in_bool(in, "minijob_rv_exempt", &present, &nc.minijob_rv_exempt, err) ||
	    !calc_in_cents(in, "conversion_cents", NULL, 0, MAX_PAY, &nc.conversion_cents, err) ||
	    !calc_in_enum(in, "subsidy", &present, netcost_subsidy_code, &sub, err))
		return NULL;
	if (nc.childless && children > 0)
		return calc_failf(err, "children", "err.netcost.childless", false,
		             "'children' must be 0 when 'childless' is true"),
		       NULL;
	if (nc.conversion_cents > nc.gross_cents)
		return calc_failf(err, "conversion_cents", "err.netcost.conversion", false,
		             "'conversion_cents' must not exceed 'monthly_gross_cents'"),
		       NULL;
	nc.tax_class        = (int)cls;
	nc.child_allowances = (int)zkf;
	nc.children         = (int)children;
	nc.state            = (enum netcost_state)state;
	nc.private_health   = ins == 1;
	if (nc.private_health) {
		if (!not_with(in, "additional_rate", "to private health insurance", err) ||
		    !not_with(in, "additional_rate_bp", "to private health insurance", err) ||
		    !calc_in_cents(in, "private_premium_cents", NULL, 0, 10000000, &nc.private_kv_premium_cents, err) ||
		    !calc_in_cents(in, "private_care_premium_cents", &present, 0, 10000000, &nc.private_pv_premium_cents,
		                   err))
			return NULL;
	} else {
		int64_t rate = 0;
		if (!not_with(in, "private_premium_cents", "to statutory health insurance", err) ||
		    !not_with(in, "private_care_premium_cents", "to statutory health insurance", err) ||
		    !in_decimal(in, "additional_rate", &has_rate, 2, 0, 2000, &rate, err) ||
		    !calc_in_int(in, "additional_rate_bp", &has_rate_bp, 0, 2000, &bp, err))
			return NULL;
		if (has_rate && has_rate_bp)
			return calc_failf(err, "additional_rate_bp", "err.netcost.both", false,
			             "give either 'additional_rate' or 'additional_rate_bp', not both"),
			       NULL;
		nc.kvz_bp = has_rate ? (int)rate : has_rate_bp ? (int)bp : y.kvz_avg_bp; /* default: the year's average */
	}
	nc.subsidy = (enum netcost_subsidy)sub;
	if (nc.subsidy == NC_SUBSIDY_PERCENT) {
		if (!not_with(in, "subsidy_cents", "with \"subsidy\": \"percent\"", err) ||
		    !in_decimal(in, "subsidy_percent", &present, 2, 0, 10000, &nc.subsidy_bp, err))
			return NULL;
		if (!present)
			return calc_failf(err, "subsidy_percent", "err.param.required",
			             false, "'subsidy_percent' is required with \"subsidy\": \"percent\""),
			       NULL;
	} else if (nc.subsidy == NC_SUBSIDY_AMOUNT) {
		if (!not_with(in, "subsidy_percent", "with \"subsidy\": \"amount\"", err) ||
		    !calc_in_cents(in, "subsidy_cents", NULL, 0, 10000000, &nc.subsidy_cents, err))
			return NULL;
	} else if (!not_with(in, "subsidy_percent", "with \"subsidy\": \"statutory\"", err) ||
	           !not_with(in, "subsidy_cents", "with \"subsidy\": \"statutory\"", err))
		return NULL;

	struct explain     e;
	struct netcost_out r;
	explain_init(&e);
	switch (netcost_compute(&nc, &r, &e)) {
	case NC_OK: break;
	case NC_NO_YEAR:
	case NC_ERR_TAX:
		return calc_failf(err, "year", "err.netcost.year", true, "no wage-tax program for %d or an input beyond its range",
		             nc.year),
		       NULL;
	case NC_ERR_CONVERSION: /* checked above */
	case NC_ERR_INPUT:
		return calc_failf(err, "monthly_gross_cents", "err.param.range", false, "an input is out of range"), NULL;
	}

	json_t *saving = json_array();
	for (int i = 0; i < SV__BRANCHES; i++)
		json_array_append_new(saving, json_pack("{s:s, s:I, s:I}", "insurance", sv_branch_code[i], "employee_cents",
		                                        (json_int_t)r.sv_saving[i].an, "employer_cents",
		                                        (json_int_t)r.sv_saving[i].ag));
	json_t *limits = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "conversion_max_cents",
	                           (json_int_t)r.lim.conversion_max, "conversion_min_cents", (json_int_t)r.lim.conversion_min,
	                           "tax_free_max_cents", (json_int_t)r.lim.tax_free_max, "tax_free_month_cents",
	                           (json_int_t)r.tax_free_month, "sv_free_max_cents", (json_int_t)r.lim.sv_free_max,
	                           "sv_free_month_cents", (json_int_t)r.sv_free_month);
	json_t *out = json_pack("{s:i, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "year", nc.year, "net_without_cents",
	                        (json_int_t)r.without.net, "net_with_cents", (json_int_t)r.with.net, "net_cost_cents",
	                        (json_int_t)r.net_cost, "tax_saving_cents", (json_int_t)r.tax_saving,
	                        "sv_saving_employee_cents", (json_int_t)r.sv_saving_an, "sv_saving_employer_cents",
	                        (json_int_t)r.sv_saving_ag, "employer_subsidy_cents", (json_int_t)r.subsidy,
	                        "into_contract_cents", (json_int_t)r.into_contract, "employer_net_cost_cents",
	                        (json_int_t)r.employer_net_cost);
	if (!nc.private_health)
		json_object_set_new(out, "additional_rate_bp", json_integer(nc.kvz_bp));
	if (r.flat_tax_saving)
		json_object_set_new(out, "flat_tax_saving_cents", json_integer(r.flat_tax_saving));
	json_object_set_new(out, "sv_saving", saving);
	json_object_set_new(out, "without_conversion", side_json(&r.without));
	json_object_set_new(out, "with_conversion", side_json(&r.with));
	json_object_set_new(out, "limits", limits);
	if (trail)
		*trail = e;
	return calc_explain(out, &e, lang);
}
