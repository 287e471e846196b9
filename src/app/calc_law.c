/*
 * calc_law.c — JSON in and out for the calculators over the legal rules:
 * vesting (§ 1b, § 30f), limits (§ 1a, § 3 Nr. 63 EStG, § 100 EStG, § 3 Abs. 2),
 * abfindung (§ 3), transfer (§ 4 Abs. 3), psv (§§ 10, 11), adjustment (§ 16),
 * subsidy (§ 1a Abs. 1a).  Owns no legal rule: it reads the input strictly,
 * calls src/core and writes the result with its explanation (API.md).
 */
#include "app/calc_law.h"

#include <stdio.h>
#include <string.h>

#include "core/law_tables.h"
#include "core/limits.h"
#include "core/psv.h"
#include "core/settlement.h"
#include "core/vesting.h"

#define MAX_CENTS 100000000000000LL /* 1 trillion €: far above anything real, far below overflow */

static const char *const vehicles[]   = {"DZ", "UK", "DV", "PK", "PF", NULL};
static const char *const financings[] = {"employer", "employee", "mixed", NULL};
static const char *const regions[]    = {"west", "ost", NULL};

static bool year_in(const json_t *in, const char *field, int *year, struct calc_error *err)
{
	int64_t y;
	if (!calc_in_int(in, field, NULL, 1800, 2200, &y, err))
		return false;
	if (!law_year((int)y)) {
		char m[128];
		snprintf(m, sizeof m, "no legal table for %d (tables cover %d–%d)", (int)y, LAW_FIRST_YEAR, LAW_LAST_YEAR);
		return calc_fail(err, field, "err.lawcalc.year", m, true);
	}
	*year = (int)y;
	return true;
}

static json_t *finish(json_t *out, struct explain *e, enum lang lang)
{
	return calc_explain(out, e, lang);
}

/* ---- vesting ----------------------------------------------------------------- */

json_t *calc_vesting(const json_t *in, enum lang lang, struct calc_error *err)
{
	static const char *const allowed[] = {"birth_date", "service_start", "commitment_start", "financing",
	                                      "vehicle", "exit_date", "taken_over", "original_service_start",
	                                      "original_commitment_start", "vesting_boundary", "reading",
	                                      "contractually_vested_from", NULL};
	static const char *const bounds[]   = {"day_before", "strict", NULL};
	static const char *const readings[] = {"statute", "bvv", NULL};
	struct vest_input        v          = {0};
	int                      fin = 0, veh = 0, bound = 0, reading = 0;
	bool                     has_exit, has_contract, has_os, has_oc, taken = false, has_taken;
	day_t                    os = 0, oc = 0;
	if (!calc_in_only(in, allowed, err) || !calc_in_date(in, "birth_date", NULL, &v.birth, err) ||
	    !calc_in_date(in, "service_start", NULL, &v.service_start, err) ||
	    !calc_in_date(in, "commitment_start", NULL, &v.commitment_start, err) ||
	    !calc_in_enum(in, "financing", NULL, financings, &fin, err) ||
	    !calc_in_enum(in, "vehicle", &(bool){0}, vehicles, &veh, err) ||
	    !calc_in_date(in, "exit_date", &has_exit, &v.exit, err) ||
	    !calc_in_bool(in, "taken_over", &has_taken, &taken, err) ||
	    !calc_in_date(in, "original_service_start", &has_os, &os, err) ||
	    !calc_in_date(in, "original_commitment_start", &has_oc, &oc, err) ||
	    !calc_in_enum(in, "vesting_boundary", &(bool){0}, bounds, &bound, err) ||
	    !calc_in_enum(in, "reading", &(bool){0}, readings, &reading, err) ||
	    !calc_in_date(in, "contractually_vested_from", &has_contract, &v.contract_from, err))
		return NULL;
	if ((has_os || has_oc) && !taken)
		return calc_fail(err, has_os ? "original_service_start" : "original_commitment_start",
		                 "err.vest.original", "original dates are only allowed with \"taken_over\": true", false),
		       NULL;
	const char *service_field = "service_start", *commit_field = "commitment_start";
	if (has_os) {
		v.service_start = os;
		service_field   = "original_service_start";
	}
	if (has_oc) {
		v.commitment_start = oc;
		commit_field       = "original_commitment_start";
	}
	v.vehicle      = (enum vest_vehicle)veh;
	v.financing    = (enum vest_financing)fin;
	v.has_exit     = has_exit;
	v.taken_over   = taken;
	v.boundary     = (enum vest_boundary)bound;
	v.reading      = (enum vest_reading)reading;
	v.has_contract = has_contract;

	struct explain     e;
	struct vest_result r;
	explain_init(&e);
	switch (vest_compute(&v, &r, &e)) {
	case VEST_OK: break;
	case VEST_ERR_SERVICE_BEFORE_BIRTH:
		return calc_fail(err, service_field, "err.vest.before_birth", "the service start is before the birth date",
		                 false),
		       NULL;
	case VEST_ERR_COMMITMENT_BEFORE_BIRTH:
		return calc_fail(err, commit_field, "err.vest.before_birth",
		                 "the commitment start is before the birth date", false),
		       NULL;
	case VEST_ERR_EXIT_BEFORE_SERVICE:
		return calc_fail(err, "exit_date", "err.vest.exit_order", "the exit date is before the service start", false),
		       NULL;
	case VEST_ERR_EXIT_BEFORE_COMMITMENT:
		return calc_fail(err, "exit_date", "err.vest.exit_order",
		                 "the exit date is before the start of the commitment", false),
		       NULL;
	case VEST_ERR_EXIT_BEFORE_1974:
		return calc_fail(err, "exit_date", "err.vest.1974",
		                 "the BetrAVG does not apply to employments ended before 22.12.1974 (§ 26 BetrAVG)", true),
		       NULL;
	}
	static const char *const eras[] = {"before_2001", "2001_2008", "2009_2017", "from_2018"};
	json_t *out = json_object();
	json_object_set_new(out, "vested_on", calc_date(r.vested_on));
	if (has_exit)
		json_object_set_new(out, "vested_at_exit", json_boolean(r.vested_at_exit));
	json_object_set_new(out, "commitment_effective", calc_date(r.commitment_effective));
	json_object_set_new(out, "era", json_string(eras[r.era]));
	json_object_set_new(out, "financing", json_string(financings[fin]));
	json_object_set_new(out, "vehicle", json_string(vehicles[veh]));
	json_object_set_new(out, "reading", json_string(readings[reading]));
	json_object_set_new(out, "vesting_boundary", json_string(bounds[bound]));
	json_object_set_new(out, "taken_over", json_boolean(taken));
	const struct vest_part *main = r.has_employer ? &r.employer : &r.employee;
	json_object_set_new(out, "branch", json_string(vest_branch_code[main->branch]));
	if (r.has_employer) {
		json_object_set_new(out, "vested_on_employer_part", calc_date(r.employer.vested_on));
		json_object_set_new(out, "branch_employer_part", json_string(vest_branch_code[r.employer.branch]));
		if (has_exit)
			json_object_set_new(out, "vested_at_exit_employer_part", json_boolean(r.employer.vested_at_exit));
	}
	if (r.has_employee) {
		json_object_set_new(out, "vested_on_employee_part", calc_date(r.employee.vested_on));
		json_object_set_new(out, "branch_employee_part", json_string(vest_branch_code[r.employee.branch]));
		if (has_exit)
			json_object_set_new(out, "vested_at_exit_employee_part", json_boolean(r.employee.vested_at_exit));
	}
	if (has_contract && has_exit)
		json_object_set_new(out, "contractually_vested_at_exit", json_boolean(r.contract_vested_at_exit));
	return finish(out, &e, lang);
}

/* ---- limits ------------------------------------------------------------------- */

static json_t *cents_or_null(bool ok, int64_t c)
{
	return ok ? json_integer(c) : json_null();
}

json_t *calc_limits(const json_t *in, enum lang lang, struct calc_error *err)
{
	static const char *const allowed[] = {"year", NULL};
	int                      year;
	if (!calc_in_only(in, allowed, err) || !year_in(in, "year", &year, err))
		return NULL;
	struct explain e;
	struct limits  l;
	explain_init(&e);
	if (limits_compute(year, &l, &e) != LIMITS_OK)
		return calc_fail(err, "year", "err.lawcalc.year",
		                 "§ 1a BetrAVG and § 3 Nr. 63 EStG apply from 2002: no limits for this year", true),
		       NULL;
	const struct law_year *t   = l.law;
	json_t                *out = json_pack(
	                       "{s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "bbg_rv_west_cents", (json_int_t)t->bbg_rv_west_cents,
	                       "bezugsgroesse_west_cents", (json_int_t)t->bezugsgroesse_west_cents, "conversion_max_cents",
	                       (json_int_t)l.conversion_max, "conversion_min_cents", (json_int_t)l.conversion_min,
	                       "tax_free_max_cents", (json_int_t)l.tax_free_max, "tax_free_max_pre2005_commitments_cents",
	                       (json_int_t)l.tax_free_max_old, "sv_free_max_cents", (json_int_t)l.sv_free_max);
	json_object_set_new(out, "year", json_integer(year));
	json_object_set_new(out, "bbg_rv_ost_cents", json_integer(t->bbg_rv_ost_cents));
	json_object_set_new(out, "bezugsgroesse_ost_cents", json_integer(t->bezugsgroesse_ost_cents));
	json_object_set_new(out, "unified", json_boolean(t->unified));
	json_object_set_new(out, "abfindung_max_pension_monthly_cents", cents_or_null(l.abf_applies, l.abf_pension_west));
	json_object_set_new(out, "abfindung_max_capital_cents", cents_or_null(l.abf_applies, l.abf_capital_west));
	if (!t->unified) {
		json_object_set_new(out, "abfindung_max_pension_monthly_ost_cents",
		                    cents_or_null(l.abf_applies, l.abf_pension_ost));
		json_object_set_new(out, "abfindung_max_capital_ost_cents", cents_or_null(l.abf_applies, l.abf_capital_ost));
	}
	if (l.abf_2a) {
		json_object_set_new(out, "abfindung_2a_max_pension_monthly_cents", json_integer(l.abf_2a_pension));
		json_object_set_new(out, "abfindung_2a_max_capital_cents", json_integer(l.abf_2a_capital));
	}
	if (year >= 2018)
		json_object_set_new(out, "tax_free_termination_per_year_cents",
		                    json_integer(l.tax_free_termination_per_year));
	if (l.p100)
		json_object_set_new(out, "geringverdiener",
		                    json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "wage_limit_day_cents",
		                              (json_int_t)l.p100v.wage_day, "wage_limit_week_cents",
		                              (json_int_t)l.p100v.wage_week, "wage_limit_month_cents",
		                              (json_int_t)l.p100v.wage_month, "wage_limit_year_cents",
		                              (json_int_t)l.p100v.wage_year, "contribution_min_cents",
		                              (json_int_t)l.p100v.contrib_min, "contribution_max_cents",
		                              (json_int_t)l.p100v.contrib_max, "foerderbetrag_max_cents",
		                              (json_int_t)l.p100v.foerder_max));
	json_object_set_new(out, "psv_rate_permille_x1000",
	                    t->psv_rate_known ? json_integer(t->psv_rate_pm1000) : json_null());
	return finish(out, &e, lang);
}

/* ---- abfindung ------------------------------------------------------------------ */

json_t *calc_abfindung(const json_t *in, enum lang lang, struct calc_error *err)
{
	static const char *const allowed[] = {"year", "monthly_pension_cents", "capital_cents", "transfer_requested",
	                                      "running", "running_since", "eu_abroad_notified", "region", NULL};
	struct settle_abf_in     a         = {0};
	bool                     has_p, has_c, has_since;
	int64_t                  p = 0, c = 0;
	int                      region = 0;
	if (!calc_in_only(in, allowed, err) || !year_in(in, "year", &a.year, err) ||
	    !calc_in_cents(in, "monthly_pension_cents", &has_p, 0, MAX_CENTS, &p, err) ||
	    !calc_in_cents(in, "capital_cents", &has_c, 0, MAX_CENTS, &c, err) ||
	    !calc_in_bool(in, "transfer_requested", &(bool){0}, &a.transfer_requested, err) ||
	    !calc_in_bool(in, "running", &(bool){0}, &a.running, err) ||
	    !calc_in_date(in, "running_since", &has_since, &a.running_since, err) ||
	    !calc_in_bool(in, "eu_abroad_notified", &(bool){0}, &a.eu_abroad_notified, err) ||
	    !calc_in_enum(in, "region", &(bool){0}, regions, &region, err))
		return NULL;
	if (has_p == has_c)
		return calc_fail(err, "monthly_pension_cents", "err.abf.amount",
		                 "give exactly one of monthly_pension_cents and capital_cents", false),
		       NULL;
	if (has_since && !a.running)
		return calc_fail(err, "running_since", "err.abf.running", "running_since needs \"running\": true", false),
		       NULL;
	a.kind              = has_p ? SETTLE_PENSION : SETTLE_CAPITAL;
	a.amount_cents      = has_p ? p : c;
	a.has_running_since = has_since;
	a.ost               = region == 1;
	struct explain        e;
	struct settle_abf_out o;
	explain_init(&e);
	if (settle_abfindung(&a, &o, &e) != SETTLE_OK)
		return calc_fail(err, "year", "err.lawcalc.year", "§ 3 BetrAVG in its current form applies from 2005", true),
		       NULL;
	json_t *out = json_pack("{s:b, s:s, s:I}", "allowed", o.allowed, "branch", settle_abf_branch_code[o.branch],
	                        "threshold_cents", (json_int_t)o.threshold_cents);
	if (o.branch == SETTLE_ABF_30G)
		json_object_set_new(out, "free_by_agreement", json_true());
	if (a.year >= 2026) {
		json_object_set_new(out, "consent_2a_possible", json_boolean(o.consent_2a_possible));
		json_object_set_new(out, "threshold_2a_cents", json_integer(o.threshold_2a_cents));
	}
	return finish(out, &e, lang);
}

/* ---- transfer -------------------------------------------------------------------- */

json_t *calc_transfer(const json_t *in, enum lang lang, struct calc_error *err)
{
	static const char *const allowed[] = {"vehicle", "commitment_start", "exit_date", "demand_date",
	                                      "transfer_value_cents", "region", NULL};
	struct settle_tr_in      t         = {0};
	int                      veh = 0, region = 0;
	if (!calc_in_only(in, allowed, err) || !calc_in_enum(in, "vehicle", NULL, vehicles, &veh, err) ||
	    !calc_in_date(in, "commitment_start", NULL, &t.commitment_start, err) ||
	    !calc_in_date(in, "exit_date", NULL, &t.exit, err) || !calc_in_date(in, "demand_date", NULL, &t.demand, err) ||
	    !calc_in_cents(in, "transfer_value_cents", NULL, 0, MAX_CENTS, &t.value_cents, err) ||
	    !calc_in_enum(in, "region", &(bool){0}, regions, &region, err))
		return NULL;
	t.vehicle = (enum vest_vehicle)veh;
	t.ost     = region == 1;
	struct explain       e;
	struct settle_tr_out o;
	explain_init(&e);
	switch (settle_transfer(&t, &o, &e)) {
	case SETTLE_OK: break;
	case SETTLE_ERR_EXIT_BEFORE_COMMITMENT:
		return calc_fail(err, "exit_date", "err.vest.exit_order", "the exit date is before the commitment start",
		                 false),
		       NULL;
	default:
		return calc_fail(err, "demand_date", "err.lawcalc.year", "no BBG table for the year of the demand", true), NULL;
	}
	json_t *unmet = json_array();
	static const struct {
		unsigned    bit;
		const char *code;
	} codes[] = {{SETTLE_TR_VEHICLE, "vehicle"},
	             {SETTLE_TR_COMMITMENT, "commitment_start"},
	             {SETTLE_TR_EARLY, "demand_before_exit"},
	             {SETTLE_TR_LATE, "demand_too_late"},
	             {SETTLE_TR_VALUE, "transfer_value_above_bbg"}};
	for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
		if (o.unmet & codes[i].bit)
			json_array_append_new(unmet, json_string(codes[i].code));
	json_t *out = json_pack("{s:b, s:o, s:I, s:o}", "claim_valid", o.claim_valid, "demand_deadline",
	                        calc_date(o.deadline), "bbg_cents", (json_int_t)o.bbg_cents, "unmet", unmet);
	return finish(out, &e, lang);
}

/* ---- psv ------------------------------------------------------------------------- */

json_t *calc_psv(const json_t *in, enum lang lang, struct calc_error *err)
{
	static const char *const allowed[] = {"year", "vehicle", "pure_contribution", "dv_revocable", "dv_assigned",
	                                      "pk_exempt", "base_cents", "teilwert_cents", "deckungskapital_cents",
	                                      "allocation_cents", "granted_on", "vested_on", "running", NULL};
	struct psv_duty_in       d         = {0};
	struct psv_base_in       b         = {0};
	int                      veh       = 0;
	bool                     has_granted, has_vested, running = false;
	day_t                    granted = 0, vested = 0;
	if (!calc_in_only(in, allowed, err) || !year_in(in, "year", &d.year, err) ||
	    !calc_in_enum(in, "vehicle", NULL, vehicles, &veh, err) ||
	    !calc_in_bool(in, "pure_contribution", &(bool){0}, &d.pure_contribution, err) ||
	    !calc_in_bool(in, "dv_revocable", &(bool){0}, &d.dv_revocable, err) ||
	    !calc_in_bool(in, "dv_assigned", &(bool){0}, &d.dv_assigned, err) ||
	    !calc_in_bool(in, "pk_exempt", &(bool){0}, &d.pk_exempt, err) ||
	    !calc_in_cents(in, "base_cents", &b.has_base, 0, MAX_CENTS, &b.base_cents, err) ||
	    !calc_in_cents(in, "teilwert_cents", &(bool){0}, 0, MAX_CENTS, &b.teilwert_cents, err) ||
	    !calc_in_cents(in, "deckungskapital_cents", &(bool){0}, 0, MAX_CENTS, &b.deckungskapital_cents, err) ||
	    !calc_in_cents(in, "allocation_cents", &(bool){0}, 0, MAX_CENTS / 20, &b.allocation_cents, err) ||
	    !calc_in_date(in, "granted_on", &has_granted, &granted, err) ||
	    !calc_in_date(in, "vested_on", &has_vested, &vested, err) ||
	    !calc_in_bool(in, "running", &(bool){0}, &running, err))
		return NULL;
	d.vehicle = b.vehicle = (enum vest_vehicle)veh;
	b.year                = d.year;
	struct explain       e;
	enum psv_duty_reason why;
	explain_init(&e);
	bool    duty = psv_duty(&d, &why, &e);
	json_t *out  = json_pack("{s:b, s:s}", "duty", duty, "duty_reason", psv_duty_code[why]);
	if (has_granted)
		json_object_set_new(out, "first_notice_due", calc_date(psv_first_notice_due(granted)));
	if (duty) {
		struct psv_base_out o;
		if (psv_contribution(&b, &o, &e) != PSV_OK) {
			json_decref(out);
			return calc_fail(err, "base_cents", "err.psv.base",
			                 "for a Pensionskasse give base_cents (the computation rule is not in the tables)", false),
			       NULL;
		}
		json_object_set_new(out, "report_due", calc_date(o.report_due));
		json_object_set_new(out, "base_date", calc_date(o.base_date));
		json_object_set_new(out, "base_cents", json_integer(o.base_cents));
		json_object_set_new(out, "rate_permille_x1000", o.rate_known ? json_integer(o.rate_pm1000) : json_null());
		json_object_set_new(out, "contribution_cents",
		                    o.contribution_known ? json_integer(o.contribution_cents) : json_null());
		if (has_vested || running) {
			bool rep = psv_reportable(has_vested ? vested : INT32_MAX, running, o.base_date, VEST_BOUNDARY_DAY_BEFORE);
			json_object_set_new(out, "reportable", json_boolean(rep));
			explain_note(&e, rep ? "psv.person.in" : "psv.person.out", 1, ex_date(o.base_date));
		}
	}
	return finish(out, &e, lang);
}

/* ---- adjustment --------------------------------------------------------------------- */

json_t *calc_adjustment(const json_t *in, enum lang lang, struct calc_error *err)
{
	static const char *const allowed[] = {"pension_start", "count", "bundled_date", "one_percent",
	                                      "commitment_start", "financing", "vehicle", "surplus_to_benefits", "bzml",
	                                      "auszahlungsplan", "capital", "monthly_pension_cents", NULL};
	struct psv_adj_in        a         = {.count = 5};
	int64_t                  count     = 5;
	int                      fin = 0, veh = 0;
	const char              *bundle = NULL;
	bool                     has_bundle;
	if (!calc_in_only(in, allowed, err) || !calc_in_date(in, "pension_start", NULL, &a.pension_start, err) ||
	    !calc_in_int(in, "count", &(bool){0}, 1, PSV_ADJ_MAX, &count, err) ||
	    !calc_in_string(in, "bundled_date", &has_bundle, 5, &bundle, err) ||
	    !calc_in_bool(in, "one_percent", &(bool){0}, &a.one_percent, err) ||
	    !calc_in_date(in, "commitment_start", &a.has_commitment, &a.commitment_start, err) ||
	    !calc_in_enum(in, "financing", &(bool){0}, financings, &fin, err) ||
	    !calc_in_enum(in, "vehicle", &(bool){0}, vehicles, &veh, err) ||
	    !calc_in_bool(in, "surplus_to_benefits", &(bool){0}, &a.surplus_to_benefits, err) ||
	    !calc_in_bool(in, "bzml", &(bool){0}, &a.bzml, err) ||
	    !calc_in_bool(in, "auszahlungsplan", &(bool){0}, &a.auszahlungsplan, err) ||
	    !calc_in_bool(in, "capital", &(bool){0}, &a.capital, err) ||
	    !calc_in_cents(in, "monthly_pension_cents", &(bool){0}, 0, MAX_CENTS / 1000, &a.pension_cents, err))
		return NULL;
	if (a.has_commitment && a.commitment_start > a.pension_start)
		return calc_fail(err, "commitment_start", "err.adj.order", "the commitment starts after the pension", false),
		       NULL;
	if (has_bundle) {
		if (strlen(bundle) != 5 || bundle[2] != '-' ||
		    sscanf(bundle, "%2d-%2d", &a.bundle_month, &a.bundle_day) != 2)
			return calc_fail(err, "bundled_date", "err.adj.bundle", "'bundled_date' must be MM-DD", false), NULL;
		a.bundled = true;
	}
	a.count     = (int)count;
	a.financing = (enum vest_financing)fin;
	a.vehicle   = (enum vest_vehicle)veh;
	struct explain     e;
	struct psv_adj_out o;
	explain_init(&e);
	if (psv_adjustment(&a, &o, &e) != PSV_OK)
		return calc_fail(err, "bundled_date", "err.adj.bundle", "'bundled_date' must be a day of every year (MM-DD)",
		                 false),
		       NULL;
	json_t *out = json_pack("{s:b, s:s}", "check_required", o.check_required, "branch", psv_adj_code[o.branch]);
	if (o.branch == PSV_ADJ_CHECK) {
		json_t *dates = json_array();
		for (int i = 0; i < o.n; i++)
			json_array_append_new(dates, calc_date(o.dates[i]));
		json_object_set_new(out, "check_dates", dates);
	} else if (o.branch == PSV_ADJ_ONE_PERCENT || o.branch == PSV_ADJ_EU_MINIMUM) {
		json_t *path = json_array();
		for (int i = 0; i < o.n; i++)
			json_array_append_new(path, json_pack("{s:o, s:I}", "date", calc_date(o.dates[i]),
			                                      "monthly_pension_cents", (json_int_t)o.amounts[i]));
		json_object_set_new(out, "minimum_adjustments", path);
	}
	return finish(out, &e, lang);
}

/* ---- subsidy -------------------------------------------------------------------------- */

json_t *calc_subsidy(const json_t *in, enum lang lang, struct calc_error *err)
{
	static const char *const allowed[] = {"vehicle", "agreement_date", "date", "conversion_cents", "mode",
	                                      "sv_saving_cents", NULL};
	static const char *const modes[]   = {"flat", "capped", NULL};
	static const char *const reasons[] = {"due", "vehicle", "before_2019", "old_agreement_before_2022"};
	struct limits_subsidy_in s         = {0};
	int                      veh = 0, mode = 0;
	bool                     has_saving;
	if (!calc_in_only(in, allowed, err) || !calc_in_enum(in, "vehicle", NULL, vehicles, &veh, err) ||
	    !calc_in_date(in, "agreement_date", NULL, &s.agreement, err) || !calc_in_date(in, "date", NULL, &s.date, err) ||
	    !calc_in_cents(in, "conversion_cents", NULL, 0, MAX_CENTS, &s.conversion_cents, err) ||
	    !calc_in_enum(in, "mode", &(bool){0}, modes, &mode, err) ||
	    !calc_in_cents(in, "sv_saving_cents", &has_saving, 0, MAX_CENTS, &s.sv_saving_cents, err))
		return NULL;
	if (mode == LIMITS_SUBSIDY_CAPPED && !has_saving)
		return calc_fail(err, "sv_saving_cents", "err.param.required",
		                 "'sv_saving_cents' is required with \"mode\": \"capped\"", false),
		       NULL;
	if (s.date < s.agreement)
		return calc_fail(err, "date", "err.sub.order", "the date is before the conversion agreement", false), NULL;
	s.vehicle = (enum vest_vehicle)veh;
	s.mode    = (enum limits_subsidy_mode)mode;
	struct explain            e;
	struct limits_subsidy_out o;
	explain_init(&e);
	limits_subsidy(&s, &o, &e);
	json_t *out = json_pack("{s:b, s:I, s:I, s:s}", "required", o.required, "subsidy_cents",
	                        (json_int_t)o.subsidy_cents, "flat_cents", (json_int_t)o.flat_cents, "reason",
	                        reasons[o.reason]);
	return finish(out, &e, lang);
}
