/*
 * test_contracts.c — the rules of src/app/providers.c and src/app/contracts.c:
 * each rule valid and invalid with the field named, tenant binding, the
 * vesting status and PSV relevance from the law engine, history rows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app/contracts.h"
#include "base/str.h"
#include "app/employers.h"
#include "app/history.h"
#include "app/providers.h"
#include "core/psv.h"
#include "testdb.h"

static char       path[512]; /* testdb_create: SQLite by default, PostgreSQL with OPENBAV_TEST_DB */
static struct db *db;
static int64_t    e1, e2, p_dv, p_pf, emp1, emp2, emp_left, g1, g2;
enum { NOW = 1790000000 }; /* 2026-09-22 */

static int64_t person(int64_t employer, const char *pnr, const char *birth, const char *entry, const char *exit)
{
	struct employee_input in = {.personnel_number = pnr, .last_name = "Test", .first_name = "T",
	                            .birth_date = birth, .entry_date = entry, .exit_date = exit};
	int64_t id = 0;
	assert_int_equal(employee_create(db, employer, &in, NOW, 0, &id).rc, APP_OK);
	return id;
}

static int setup(void **state)
{
	assert_int_equal(testdb_create("contracts", path, sizeof path), 0);
	char err[256];
	db = db_open(path, err, sizeof err);
	assert_non_null(db);
	assert_true(db_migrate(db, err, sizeof err) >= 1);
	struct employer_input a = {"A GmbH", "", "10115", "Berlin", "09912342"};
	struct employer_input b = {"B AG", "", "", "", "09912347"};
	assert_int_equal(employer_create(db, &a, NOW, &e1).rc, APP_OK);
	assert_int_equal(employer_create(db, &b, NOW, &e2).rc, APP_OK);
	emp1     = person(e1, "A1", "1980-05-10", "2010-01-01", NULL);
	emp_left = person(e1, "A2", "1990-01-01", "2015-01-01", "2019-06-30");
	emp2     = person(e2, "B1", "1985-01-01", "2012-04-01", NULL);
	return 0;
}

static int teardown(void **state)
{
	db_close(db);
	testdb_drop(path);
	return 0;
}

#define EXPECT(call, rc_, field_, key_)                           \
	do {                                                      \
		struct app_err r_ = (call);                       \
		assert_int_equal(r_.rc, rc_);                     \
		if (field_)                                       \
			assert_string_equal(r_.field, field_);    \
		else                                              \
			assert_null(r_.field);                    \
		if (key_)                                         \
			assert_string_equal(r_.key, key_);        \
	} while (0)

static void test_providers(void **state)
{
	char v[16];
	assert_true(provider_vehicles_parse("pk, dv", v, sizeof v));
	assert_string_equal(v, "DV,PK");
	assert_false(provider_vehicles_parse("DV,XX", v, sizeof v));
	assert_false(provider_vehicles_parse("", v, sizeof v));
	assert_false(provider_vehicles_parse("DVPK", v, sizeof v));
	EXPECT(provider_create(db, "", "DV", NOW, NULL), APP_INVALID, "name", "err.required");
	EXPECT(provider_create(db, "X", "DV,ZZ", NOW, NULL), APP_INVALID, "vehicles", "err.contract.vehicles");
	EXPECT(provider_create(db, "Allgemeine Leben AG", "DV,PK", NOW, &p_dv), APP_OK, NULL, NULL);
	EXPECT(provider_create(db, "Allgemeine Leben AG", "PF", NOW, NULL), APP_CONFLICT, "name",
	       "err.contract.provider_duplicate");
	EXPECT(provider_create(db, "Pensionsfonds Nord", "PF", NOW, &p_pf), APP_OK, NULL, NULL);
	struct provider p;
	assert_int_equal(provider_get(db, p_dv, &p), APP_OK);
	assert_string_equal(p.vehicles, "DV,PK");
	assert_true(provider_offers(&p, "PK"));
	assert_false(provider_offers(&p, "PF"));
	assert_int_equal(provider_get(db, 999, &p), APP_NOT_FOUND);
}

static char *id_text(int64_t id)
{
	static char b[4][24];
	static int  k;
	k = (k + 1) % 4;
	snprintf(b[k], sizeof b[k], "%lld", (long long)id);
	return b[k];
}

static void test_group_contracts(void **state)
{
	struct group_contract_input in = {id_text(p_dv), "KV-1", "Rente Plus", "DV", "statutory15", NULL, "25", "700"};
	struct group_contract_input bad = in;
	bad.provider_id                 = NULL;
	EXPECT(group_contract_create(db, e1, &bad, NOW, 0, NULL), APP_INVALID, "provider_id", "err.required");
	bad = in, bad.provider_id = "999";
	EXPECT(group_contract_create(db, e1, &bad, NOW, 0, NULL), APP_RULE, "provider_id", "err.contract.provider_unknown");
	bad = in, bad.vehicle = "PF";
	EXPECT(group_contract_create(db, e1, &bad, NOW, 0, NULL), APP_RULE, "vehicle", "err.contract.vehicle_not_offered");
	bad = in, bad.vehicle = "XX";
	EXPECT(group_contract_create(db, e1, &bad, NOW, 0, NULL), APP_INVALID, "vehicle", "err.contract.vehicle");
	bad = in, bad.contribution_min = "800";
	EXPECT(group_contract_create(db, e1, &bad, NOW, 0, NULL), APP_RULE, "contribution_max",
	       "err.contract.contribution_range");
	bad = in, bad.subsidy_rule = "percent";
	EXPECT(group_contract_create(db, e1, &bad, NOW, 0, NULL), APP_RULE, "subsidy_value", "err.contract.subsidy_value");
	bad.subsidy_value = "120";
	EXPECT(group_contract_create(db, e1, &bad, NOW, 0, NULL), APP_RULE, "subsidy_value", "err.contract.subsidy_value");
	bad = in, bad.subsidy_value = "10";
	EXPECT(group_contract_create(db, e1, &bad, NOW, 0, NULL), APP_RULE, "subsidy_value",
	       "err.contract.subsidy_value_unused");
	bad = in, bad.contribution_max = NULL;
	EXPECT(group_contract_create(db, e1, &bad, NOW, 0, NULL), APP_INVALID, "contribution_max", "err.required");
	EXPECT(group_contract_create(db, e1, &in, NOW, 0, &g1), APP_OK, NULL, NULL);
	EXPECT(group_contract_create(db, e1, &in, NOW, 0, NULL), APP_CONFLICT, "number", "err.contract.group_duplicate");
	/* the same number at another employer is another contract */
	struct group_contract_input pf = {id_text(p_pf), "KV-1", "", "PF", "percent", "20", "20", "500"};
	EXPECT(group_contract_create(db, e2, &pf, NOW, 0, &g2), APP_OK, NULL, NULL);
	struct group_contract g;
	assert_int_equal(group_contract_get(db, e2, g2, &g), APP_OK);
	assert_int_equal(g.subsidy_value, 2000);
	assert_int_equal(g.contribution_max_cents, 50000);
	assert_string_equal(g.provider_name, "Pensionsfonds Nord");
	/* tenant binding */
	assert_int_equal(group_contract_get(db, e2, g1, &g), APP_NOT_FOUND);
	struct group_contract_input ch = {.product_line = "Rente Premium", .contribution_max = "800"};
	EXPECT(group_contract_update(db, e2, g1, &ch, NOW, 0), APP_NOT_FOUND, NULL, "err.not_found");
	EXPECT(group_contract_update(db, e1, g1, &ch, NOW + 60, 7 * 0), APP_OK, NULL, NULL);
	assert_int_equal(group_contract_get(db, e1, g1, &g), APP_OK);
	assert_string_equal(g.product_line, "Rente Premium");
	assert_int_equal(g.contribution_max_cents, 80000);
}

static int rows;
static void count_row(const struct history_entry *h, void *ctx)
{
	const char *field = ctx;
	if (!field || (h->field && !strcmp(h->field, field)))
		rows++;
}

static struct commitment_input cbase(void)
{
	return (struct commitment_input){.vehicle = "DV", .type = "BOLZ", .financing = "employee",
	                                 .service_start = "2010-01-01", .commitment_start = "2011-01-01"};
}

static void test_commitment_rules(void **state)
{
	struct commitment_input in = cbase();
	in.type                    = "BZML";
	in.vehicle                 = "DZ";
	EXPECT(commitment_create(db, e1, emp1, &in, NOW, 0, NULL), APP_RULE, "type", "err.contract.bzml_vehicle");
	in.vehicle = "UK";
	EXPECT(commitment_create(db, e1, emp1, &in, NOW, 0, NULL), APP_RULE, "type", "err.contract.bzml_vehicle");
	in = cbase(), in.commitment_start = "2009-12-31";
	EXPECT(commitment_create(db, e1, emp1, &in, NOW, 0, NULL), APP_RULE, "commitment_start",
	       "err.contract.commitment_before_service");
	in.taken_over = "true";
	EXPECT(commitment_create(db, e1, emp1, &in, NOW, 0, NULL), APP_RULE, "original_service_start",
	       "err.contract.original_required");
	in.original_service_start = "2000-03-01";
	EXPECT(commitment_create(db, e1, emp1, &in, NOW, 0, NULL), APP_RULE, "original_commitment_start",
	       "err.contract.original_required");
	in = cbase(), in.original_service_start = "2000-03-01";
	EXPECT(commitment_create(db, e1, emp1, &in, NOW, 0, NULL), APP_RULE, "original_service_start",
	       "err.contract.original_without_taken_over");
	in = cbase(), in.financing = "mixed";
	EXPECT(commitment_create(db, e1, emp1, &in, NOW, 0, NULL), APP_INVALID, "employer_share", "err.required");
	in.employer_share = "100";
	EXPECT(commitment_create(db, e1, emp1, &in, NOW, 0, NULL), APP_RULE, "employer_share",
	       "err.contract.employer_share");
	in = cbase(), in.employer_share = "50";
	EXPECT(commitment_create(db, e1, emp1, &in, NOW, 0, NULL), APP_RULE, "employer_share",
	       "err.contract.share_only_mixed");
	in = cbase(), in.type = "XX";
	EXPECT(commitment_create(db, e1, emp1, &in, NOW, 0, NULL), APP_INVALID, "type", "err.contract.type");
	in = cbase(), in.service_start = "1970-01-01", in.commitment_start = "1979-01-01";
	EXPECT(commitment_create(db, e1, emp1, &in, NOW, 0, NULL), APP_RULE, "service_start", "err.contract.before_birth");
	in = cbase(), in.service_start = NULL;
	EXPECT(commitment_create(db, e1, emp1, &in, NOW, 0, NULL), APP_INVALID, "service_start", "err.required");
	/* group contract: the employer's own, same vehicle */
	in = cbase(), in.group_contract_id = id_text(g2);
	EXPECT(commitment_create(db, e1, emp1, &in, NOW, 0, NULL), APP_RULE, "group_contract_id",
	       "err.contract.group_contract_unknown");
	in.group_contract_id = id_text(g1), in.vehicle = "PK";
	EXPECT(commitment_create(db, e1, emp1, &in, NOW, 0, NULL), APP_RULE, "vehicle", "err.contract.vehicle_mismatch");
	/* another tenant's employee */
	in = cbase();
	EXPECT(commitment_create(db, e2, emp1, &in, NOW, 0, NULL), APP_NOT_FOUND, "employee_id", "err.not_found");
	/* valid: taken over with the original dates (DOMAIN 1.6) */
	in = cbase(), in.commitment_start = "2009-06-01", in.taken_over = "ja", in.original_employer = "Alt GmbH",
	in.original_service_start = "2000-03-01", in.original_commitment_start = "2000-03-01";
	int64_t id = 0;
	EXPECT(commitment_create(db, e1, emp1, &in, NOW, 0, &id), APP_OK, NULL, NULL);
	struct commitment c;
	assert_int_equal(commitment_get(db, e1, id, &c), APP_OK);
	assert_true(c.taken_over);
	assert_string_equal(c.original_employer, "Alt GmbH");
	assert_int_equal(commitment_get(db, e2, id, &c), APP_NOT_FOUND);
	/* BZML via PF is fine */
	in = cbase(), in.vehicle = "PF", in.type = "BZML";
	EXPECT(commitment_create(db, e1, emp1, &in, NOW, 0, NULL), APP_OK, NULL, NULL);
}

static void test_vesting_and_psv(void **state)
{
	/* employer-financed DZ, 2016, the person left on 30.06.2019 */
	struct commitment_input in = {.vehicle = "DZ", .type = "LZ", .financing = "employer",
	                              .service_start = "2015-01-01", .commitment_start = "2016-01-01"};
	int64_t id = 0;
	EXPECT(commitment_create(db, e1, emp_left, &in, NOW, 0, &id), APP_OK, NULL, NULL);
	struct commitment c;
	struct employee   e;
	assert_int_equal(commitment_get(db, e1, id, &c), APP_OK);
	assert_int_equal(employee_get(db, e1, emp_left, &e), APP_OK);
	struct commitment_vesting v;
	commitment_vesting(&c, &e, &v);
	assert_int_equal(v.status, VEST_OK);
	assert_true(v.has_exit);
	/* the same answer as the law engine asked directly */
	struct vest_input  vi = {.birth = e.birth_date, .service_start = c.service_start,
	                         .commitment_start = c.commitment_start, .vehicle = VEST_DZ,
	                         .financing = VEST_FIN_EMPLOYER, .has_exit = true, .exit = e.exit_date};
	struct vest_result vr;
	assert_int_equal(vest_compute(&vi, &vr, NULL), VEST_OK);
	assert_int_equal(v.r.vested_on, vr.vested_on);
	assert_int_equal(v.r.vested_at_exit, vr.vested_at_exit);
	assert_true(v.why.nnotes > 0);
	/* PSV: DZ always (core/psv) */
	struct psv_duty_in   pd = {.vehicle = VEST_DZ, .year = 2026};
	enum psv_duty_reason why;
	assert_true(c.psv_relevant == psv_duty(&pd, &why, NULL));
	assert_true(c.psv_relevant);
	/* a commitment starting after the exit is refused by the law engine */
	in.commitment_start = "2020-01-01";
	EXPECT(commitment_create(db, e1, emp_left, &in, NOW, 0, NULL), APP_RULE, "commitment_start",
	       "err.contract.after_exit");
	/* history: one create row, then one row per changed field */
	rows = 0;
	history_list(db, e1, "commitment", id, 50, count_row, NULL);
	assert_int_equal(rows, 1);
	struct commitment_input ch = {.type = "BOLZ"};
	EXPECT(commitment_update(db, e1, id, &ch, NOW + 60, 0), APP_OK, NULL, NULL);
	rows = 0;
	history_list(db, e1, "commitment", id, 50, count_row, "type");
	assert_int_equal(rows, 1);
	EXPECT(commitment_update(db, e2, id, &ch, NOW + 60, 0), APP_NOT_FOUND, NULL, "err.not_found");
}

static void test_insurance(void **state)
{
	struct commitment_input ci = cbase();
	ci.group_contract_id       = id_text(g1);
	int64_t cid = 0, other = 0, id = 0;
	EXPECT(commitment_create(db, e1, emp1, &ci, NOW, 0, &cid), APP_OK, NULL, NULL);
	struct commitment c;
	assert_int_equal(commitment_get(db, e1, cid, &c), APP_OK);
	assert_false(c.psv_relevant); /* DV, no revocable Bezugsrecht yet */
	struct commitment_input co = {.vehicle = "DZ", .type = "LZ", .financing = "employer",
	                              .service_start = "2015-01-01", .commitment_start = "2016-01-01"};
	EXPECT(commitment_create(db, e1, emp_left, &co, NOW, 0, &other), APP_OK, NULL, NULL);

	struct insurance_input in = {.commitment_id = id_text(cid), .policy_number = "P-1", .start_date = "2011-01-01",
	                             .contribution = "100,00", .riders = "disability"};
	struct insurance_input bad = in;
	bad.start_date             = "2009-12-31";
	EXPECT(insurance_create(db, e1, emp1, &bad, NOW, 0, NULL), APP_RULE, "start_date",
	       "err.contract.start_before_entry");
	bad = in, bad.contribution = "900";
	EXPECT(insurance_create(db, e1, emp1, &bad, NOW, 0, NULL), APP_RULE, "contribution",
	       "err.contract.contribution_outside");
	bad = in, bad.contribution = "10";
	EXPECT(insurance_create(db, e1, emp1, &bad, NOW, 0, NULL), APP_RULE, "contribution",
	       "err.contract.contribution_outside");
	bad = in, bad.riders = "disability,pets";
	EXPECT(insurance_create(db, e1, emp1, &bad, NOW, 0, NULL), APP_INVALID, "riders", "err.contract.riders");
	bad = in, bad.commitment_id = id_text(other);
	EXPECT(insurance_create(db, e1, emp1, &bad, NOW, 0, NULL), APP_RULE, "commitment_id",
	       "err.contract.commitment_other_employee");
	bad = in, bad.payment_mode = "weekly";
	EXPECT(insurance_create(db, e1, emp1, &bad, NOW, 0, NULL), APP_INVALID, "payment_mode",
	       "err.contract.payment_mode");
	bad = in, bad.policy_number = NULL;
	EXPECT(insurance_create(db, e1, emp1, &bad, NOW, 0, NULL), APP_INVALID, "policy_number", "err.required");
	EXPECT(insurance_create(db, e2, emp1, &in, NOW, 0, NULL), APP_NOT_FOUND, "employee_id", "err.not_found");
	EXPECT(insurance_create(db, e1, emp1, &in, NOW, 0, &id), APP_OK, NULL, NULL);
	EXPECT(insurance_create(db, e1, emp1, &in, NOW, 0, NULL), APP_CONFLICT, "policy_number",
	       "err.contract.policy_duplicate");
	struct insurance_contract ic;
	assert_int_equal(insurance_get(db, e1, id, &ic), APP_OK);
	assert_int_equal(ic.group_contract_id, g1); /* from the commitment */
	assert_string_equal(ic.provider_name, "Allgemeine Leben AG");
	assert_string_equal(ic.status, "active");
	assert_string_equal(ic.payment_mode, "monthly");
	assert_int_equal(ic.contribution_cents, 10000);
	assert_int_equal(insurance_get(db, e2, id, &ic), APP_NOT_FOUND);
	/* status change: status_since and a history row */
	struct insurance_input ch = {.status = "contribution_free", .status_since = "2026-07-01"};
	EXPECT(insurance_update(db, e1, id, &ch, NOW + 60, 0), APP_OK, NULL, NULL);
	assert_int_equal(insurance_get(db, e1, id, &ic), APP_OK);
	day_t d;
	assert_true(date_parse("2026-07-01", 10, &d));
	assert_int_equal(ic.status_since, d);
	rows = 0;
	history_list(db, e1, "insurance_contract", id, 50, count_row, "status");
	assert_int_equal(rows, 1);
	rows = 0;
	history_list(db, e1, "insurance_contract", id, 50, count_row, "status_since");
	assert_int_equal(rows, 1);
	struct insurance_input early = {.status = "terminated", .status_since = "2010-01-01"};
	EXPECT(insurance_update(db, e1, id, &early, NOW + 60, 0), APP_RULE, "status_since",
	       "err.contract.status_before_start");
	/* a revocable Bezugsrecht makes the DV commitment PSV-relevant (core/psv) */
	struct insurance_input rev = {.beneficiary = "employee_revocable"};
	EXPECT(insurance_update(db, e1, id, &rev, NOW + 120, 0), APP_OK, NULL, NULL);
	assert_int_equal(commitment_get(db, e1, cid, &c), APP_OK);
	assert_true(c.psv_relevant);
	rows = 0;
	history_list(db, e1, "commitment", cid, 50, count_row, "psv_relevant");
	assert_int_equal(rows, 1);
}

/* Issue 4: the yearly conversion within § 1a BetrAVG of the start year.
 * 2026: maximum 4 % of 101.400 € = 4.056,00 €; minimum 47.460 € / 160 =
 * 296,625 → 296,63 €. */
static void test_conversion_limits(void **state)
{
	struct commitment_input ce = cbase(), cm = cbase(), ca = cbase();
	cm.financing = "mixed", cm.employer_share = "50";
	ca.financing = "employer";
	int64_t emp_c = 0, mix_c = 0, ag_c = 0, id = 0;
	EXPECT(commitment_create(db, e1, emp1, &ce, NOW, 0, &emp_c), APP_OK, NULL, NULL);
	EXPECT(commitment_create(db, e1, emp1, &cm, NOW, 0, &mix_c), APP_OK, NULL, NULL);
	EXPECT(commitment_create(db, e1, emp1, &ca, NOW, 0, &ag_c), APP_OK, NULL, NULL);
	char ec[24], mc[24], ac[24];
	snprintf(ec, sizeof ec, "%lld", (long long)emp_c);
	snprintf(mc, sizeof mc, "%lld", (long long)mix_c);
	snprintf(ac, sizeof ac, "%lld", (long long)ag_c);

	struct insurance_input in = {.commitment_id = ec, .policy_number = "L-1", .start_date = "2026-01-01",
	                             .contribution = "4056,00", .payment_mode = "yearly"};
	/* exactly at the maximum passes, one cent over fails */
	EXPECT(insurance_create(db, e1, emp1, &in, NOW, 0, &id), APP_OK, NULL, NULL);
	in.policy_number = "L-2", in.contribution = "4056,01";
	EXPECT(insurance_create(db, e1, emp1, &in, NOW, 0, NULL), APP_RULE, "contribution",
	       "err.contract.conversion_max");
	/* monthly: 338,00 × 12 = 4.056,00 passes, 338,01 × 12 fails */
	in.payment_mode = "monthly", in.contribution = "338,01";
	EXPECT(insurance_create(db, e1, emp1, &in, NOW, 0, NULL), APP_RULE, "contribution",
	       "err.contract.conversion_max");
	in.contribution = "338,00";
	EXPECT(insurance_create(db, e1, emp1, &in, NOW, 0, NULL), APP_OK, NULL, NULL);
	/* quarterly 1.014,00 × 4 = 4.056,00 */
	in.policy_number = "L-3", in.payment_mode = "quarterly", in.contribution = "1014,01";
	EXPECT(insurance_create(db, e1, emp1, &in, NOW, 0, NULL), APP_RULE, "contribution",
	       "err.contract.conversion_max");
	/* the minimum: 296,63 a year passes, 296,62 fails; 24,71 × 12 = 296,52 fails */
	in.payment_mode = "yearly", in.contribution = "296,62";
	EXPECT(insurance_create(db, e1, emp1, &in, NOW, 0, NULL), APP_RULE, "contribution",
	       "err.contract.conversion_min");
	in.payment_mode = "monthly", in.contribution = "24,71";
	EXPECT(insurance_create(db, e1, emp1, &in, NOW, 0, NULL), APP_RULE, "contribution",
	       "err.contract.conversion_min");
	in.payment_mode = "yearly", in.contribution = "296,63";
	EXPECT(insurance_create(db, e1, emp1, &in, NOW, 0, NULL), APP_OK, NULL, NULL);
	/* zero converts nothing: no minimum */
	in.policy_number = "L-4", in.contribution = "0";
	EXPECT(insurance_create(db, e1, emp1, &in, NOW, 0, NULL), APP_OK, NULL, NULL);
	/* mixed 50 %: only the employee share counts, half-up to the cent */
	in.commitment_id = mc, in.policy_number = "L-5", in.contribution = "8112,00";
	EXPECT(insurance_create(db, e1, emp1, &in, NOW, 0, NULL), APP_OK, NULL, NULL);
	in.policy_number = "L-6", in.contribution = "8112,01"; /* 4.056,005 → 4.056,01 */
	EXPECT(insurance_create(db, e1, emp1, &in, NOW, 0, NULL), APP_RULE, "contribution",
	       "err.contract.conversion_max");
	in.contribution = "593,25"; /* 296,625 → 296,63: at the minimum */
	EXPECT(insurance_create(db, e1, emp1, &in, NOW, 0, NULL), APP_OK, NULL, NULL);
	in.policy_number = "L-7", in.contribution = "593,24"; /* 296,62 */
	EXPECT(insurance_create(db, e1, emp1, &in, NOW, 0, NULL), APP_RULE, "contribution",
	       "err.contract.conversion_min");
	/* employer-financed: not a conversion, not checked */
	in.commitment_id = ac, in.contribution = "50000,00";
	EXPECT(insurance_create(db, e1, emp1, &in, NOW, 0, NULL), APP_OK, NULL, NULL);
	in.policy_number = "L-8", in.contribution = "1,00";
	EXPECT(insurance_create(db, e1, emp1, &in, NOW, 0, NULL), APP_OK, NULL, NULL);
	/* a start year outside the law tables is refused, not guessed */
	in.commitment_id = ec, in.policy_number = "L-9", in.contribution = "100,00", in.start_date = "2027-01-01";
	EXPECT(insurance_create(db, e1, emp1, &in, NOW, 0, NULL), APP_RULE, "contribution",
	       "err.contract.conversion_year");
	/* the patch is checked too: raising the first contract over the maximum */
	struct insurance_input up = {.contribution = "4056,01"};
	EXPECT(insurance_update(db, e1, id, &up, NOW + 60, 0), APP_RULE, "contribution", "err.contract.conversion_max");
	up = (struct insurance_input){.payment_mode = "monthly"}; /* 4.056 × 12 */
	EXPECT(insurance_update(db, e1, id, &up, NOW + 60, 0), APP_RULE, "contribution", "err.contract.conversion_max");
	up = (struct insurance_input){.commitment_id = ac, .contribution = "4056,01"};
	EXPECT(insurance_update(db, e1, id, &up, NOW + 60, 0), APP_OK, NULL, NULL);
	/* the yearly amount itself */
	struct insurance_contract ic = {.contribution_cents = 101, .payment_mode = "half_yearly"};
	struct commitment         c  = {.financing = "mixed", .has_share = true, .employer_share_bp = 3333};
	assert_int_equal(insurance_conversion_per_year(&ic, &c), 135); /* 202 × 66,67 % = 134,67… */
	str_copy(c.financing, sizeof c.financing, "employer");
	assert_int_equal(insurance_conversion_per_year(&ic, &c), 0);
	str_copy(c.financing, sizeof c.financing, "employee");
	assert_int_equal(insurance_conversion_per_year(&ic, &c), 202);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_providers),
		cmocka_unit_test(test_group_contracts),
		cmocka_unit_test(test_commitment_rules),
		cmocka_unit_test(test_vesting_and_psv),
		cmocka_unit_test(test_insurance),
		cmocka_unit_test(test_conversion_limits),
	};
	return cmocka_run_group_tests_name("contracts", tests, setup, teardown);
}
