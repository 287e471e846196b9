/*
 * calc_registry.c — the list of calculators by name (docs/api.md), with the
 * fields their pages offer.  The pages offer the everyday inputs; the API
 * and the CLI take every input a calculator knows.
 */
#include "app/calc.h"
#include "app/calc_amount.h"
#include "app/calc_law.h"
#include "app/calc_payroll.h"
#include "app/calc_netcost.h"

json_t *calc_validate(const json_t *in, enum lang lang, struct calc_error *err);

#define END {NULL, 0, false, NULL}

static const char *const validate_kinds[] = {"iban", "svnr", "steuer_id", "betriebsnummer", "postcode", NULL};
static const char *const vehicles[]       = {"DZ", "UK", "DV", "PK", "PF", NULL};
static const char *const financings[]     = {"employer", "employee", "mixed", NULL};
static const char *const boundaries[]     = {"day_before", "strict", NULL};
static const char *const readings[]       = {"statute", "bvv", NULL};
static const char *const regions[]        = {"west", "ost", NULL};
static const char *const modes[]          = {"flat", "capped", NULL};

static const struct calc_field f_validate[] = {
	{"kind", CF_ENUM, true, validate_kinds}, {"value", CF_TEXT, true, NULL}, END};
static const struct calc_field f_vesting[] = {
	{"birth_date", CF_DATE, true, NULL},
	{"service_start", CF_DATE, true, NULL},
	{"commitment_start", CF_DATE, true, NULL},
	{"financing", CF_ENUM, true, financings},
	{"vehicle", CF_ENUM, false, vehicles},
	{"exit_date", CF_DATE, false, NULL},
	{"taken_over", CF_BOOL, false, NULL},
	{"contractually_vested_from", CF_DATE, false, NULL},
	{"vesting_boundary", CF_ENUM, false, boundaries},
	{"reading", CF_ENUM, false, readings},
	END};
static const struct calc_field f_limits[] = {{"year", CF_INT, true, NULL}, END};
static const struct calc_field f_abfindung[] = {
	{"year", CF_INT, true, NULL},
	{"monthly_pension_cents", CF_CENTS, false, NULL},
	{"capital_cents", CF_CENTS, false, NULL},
	{"transfer_requested", CF_BOOL, false, NULL},
	{"eu_abroad_notified", CF_BOOL, false, NULL},
	{"region", CF_ENUM, false, regions},
	END};
static const struct calc_field f_transfer[] = {
	{"vehicle", CF_ENUM, true, vehicles},
	{"commitment_start", CF_DATE, true, NULL},
	{"exit_date", CF_DATE, true, NULL},
	{"demand_date", CF_DATE, true, NULL},
	{"transfer_value_cents", CF_CENTS, true, NULL},
	{"region", CF_ENUM, false, regions},
	END};
static const struct calc_field f_psv[] = {
	{"year", CF_INT, true, NULL},
	{"vehicle", CF_ENUM, true, vehicles},
	{"granted_on", CF_DATE, false, NULL},
	{"vested_on", CF_DATE, false, NULL},
	{"teilwert_cents", CF_CENTS, false, NULL},
	{"deckungskapital_cents", CF_CENTS, false, NULL},
	{"base_cents", CF_CENTS, false, NULL},
	{"running", CF_BOOL, false, NULL},
	END};
static const struct calc_field f_adjustment[] = {
	{"pension_start", CF_DATE, true, NULL},
	{"monthly_pension_cents", CF_CENTS, false, NULL},
	{"count", CF_INT, false, NULL},
	{"one_percent", CF_BOOL, false, NULL},
	{"commitment_start", CF_DATE, false, NULL},
	END};
static const struct calc_field f_subsidy[] = {
	{"vehicle", CF_ENUM, true, vehicles},
	{"agreement_date", CF_DATE, true, NULL},
	{"date", CF_DATE, true, NULL},
	{"conversion_cents", CF_CENTS, true, NULL},
	{"mode", CF_ENUM, false, modes},
	{"sv_saving_cents", CF_CENTS, false, NULL},
	END};
#undef END

const struct calc calcs[] = {
	{"vesting", calc_vesting, "vesting of a commitment (§ 1b, § 30f BetrAVG)", f_vesting},
	{"mn", calc_mn, "amount of a vested entitlement, m/n method (§ 2 Abs. 1 BetrAVG)", calc_mn_fields},
	{"vvl", calc_vvl, "insurance-contract solution (§ 2 Abs. 2/3 BetrAVG)", calc_vvl_fields},
	{"method", calc_method, "which method sets the amount of a vested entitlement (§ 2 BetrAVG)", calc_method_fields},
	{"retirement", calc_retirement, "standard retirement age and date (§§ 35, 235 SGB VI)", calc_retirement_fields},
	{"abfindung", calc_abfindung, "settlement without consent (§ 3 BetrAVG)", f_abfindung},
	{"transfer", calc_transfer, "the employee's transfer right (§ 4 Abs. 3 BetrAVG)", f_transfer},
	{"limits", calc_limits, "conversion, tax and social-security limits of a year (§ 1a BetrAVG, § 3 Nr. 63 EStG)", f_limits},
	{"subsidy", calc_subsidy, "the 15 % employer subsidy (§ 1a Abs. 1a BetrAVG)", f_subsidy},
	{"lohnsteuer", calc_lohnsteuer, "wage tax of a pay period, BMF Programmablaufplan (§ 39b Abs. 6 EStG)", calc_lohnsteuer_fields},
	{"psv", calc_psv, "PSVaG duty, reporting dates and contribution (§§ 7, 10, 11 BetrAVG)", f_psv},
	{"adjustment", calc_adjustment, "pension adjustment check dates (§ 16 BetrAVG)", f_adjustment},
	{"validate", calc_validate, "check digits: IBAN, Rentenversicherungsnummer, Steuer-ID, Betriebsnummer, postcode", f_validate},
	{"net-cost", calc_net_cost, "net cost of a salary conversion: wage tax, social insurance, employer subsidy (§ 1a BetrAVG, § 3 Nr. 63 EStG)", calc_net_cost_fields},
};
const size_t calcs_count = sizeof calcs / sizeof *calcs;
