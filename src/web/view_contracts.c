/*
 * view_contracts.c — how contract records look outside (API field names,
 * page formatting).  Reads the vesting status from app/contracts (the law
 * engine); must never decide a rule or touch the database.
 */
#include "web/view_contracts.h"
#include "app/calc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *opt_id(int64_t id) { return id ? json_integer(id) : json_null(); }

json_t *view_provider(const struct provider *p)
{
	return json_pack("{s:I, s:s, s:s}", "id", (json_int_t)p->id, "name", p->name, "vehicles", p->vehicles);
}

static json_t *money(int64_t cents, enum view_mode mode, enum lang lang)
{
	if (mode == VIEW_API)
		return json_integer(cents);
	char m[48];
	view_money(cents, lang, m, sizeof m);
	return json_string(m);
}

/* basis points → "12,5 %" (page) */
static json_t *percent(int64_t bp, enum lang lang)
{
	char s[32];
	if (bp % 100)
		snprintf(s, sizeof s, "%lld%c%02lld\u00a0%%", (long long)(bp / 100), lang == LANG_DE ? ',' : '.',
		         (long long)(bp % 100));
	else
		snprintf(s, sizeof s, "%lld\u00a0%%", (long long)(bp / 100));
	return json_string(s);
}

json_t *view_group_contract(const struct group_contract *g, enum view_mode mode, enum lang lang)
{
	json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)g->id, "provider_id",
	                      (json_int_t)g->provider_id, "provider_name", g->provider_name, "number", g->number,
	                      "product_line", g->product_line, "vehicle", g->vehicle, "subsidy_rule", g->subsidy_rule);
	json_object_set_new(o, "contribution_min", money(g->contribution_min_cents, mode, lang));
	json_object_set_new(o, "contribution_max", money(g->contribution_max_cents, mode, lang));
	if (mode == VIEW_API) {
		json_object_set_new(o, "employer_id", json_integer(g->employer_id));
		json_object_set_new(o, "subsidy_value", json_integer(g->subsidy_value));
		/* the API's names carry the unit */
		json_object_set(o, "contribution_min_cents", json_object_get(o, "contribution_min"));
		json_object_set(o, "contribution_max_cents", json_object_get(o, "contribution_max"));
		json_object_del(o, "contribution_min");
		json_object_del(o, "contribution_max");
	} else {
		json_object_set_new(o, "subsidy_key", json_sprintf("contract.subsidy.%s", g->subsidy_rule));
		if (!strcmp(g->subsidy_rule, "percent"))
			json_object_set_new(o, "subsidy_value", percent(g->subsidy_value, lang));
		else if (!strcmp(g->subsidy_rule, "fixed"))
			json_object_set_new(o, "subsidy_value", money(g->subsidy_value, mode, lang));
	}
	return o;
}

json_t *view_commitment(const struct commitment *c, const struct employee *e, enum view_mode mode, enum lang lang)
{
	json_t *o = json_pack("{s:I, s:I, s:o, s:s, s:s, s:s, s:b, s:b}", "id", (json_int_t)c->id, "employee_id",
	                      (json_int_t)c->employee_id, "group_contract_id", opt_id(c->group_contract_id), "vehicle",
	                      c->vehicle, "type", c->type, "financing", c->financing, "taken_over", c->taken_over,
	                      "psv_relevant", c->psv_relevant);
	json_object_set_new(o, "service_start", view_date(c->service_start, true, mode, lang));
	json_object_set_new(o, "commitment_start", view_date(c->commitment_start, true, mode, lang));
	json_object_set_new(o, "original_service_start",
	                    view_date(c->original_service_start, c->has_original_service, mode, lang));
	json_object_set_new(o, "original_commitment_start",
	                    view_date(c->original_commitment_start, c->has_original_commitment, mode, lang));
	json_object_set_new(o, "original_employer",
	                    c->original_employer[0] ? json_string(c->original_employer) : json_null());
	if (mode == VIEW_API) {
		json_object_set_new(o, "employer_id", json_integer(c->employer_id));
		json_object_set_new(o, "employer_share_bp", c->has_share ? json_integer(c->employer_share_bp) : json_null());
	} else {
		json_object_set_new(o, "vehicle_key", json_sprintf("contract.vehicle.%s", c->vehicle));
		json_object_set_new(o, "type_key", json_sprintf("contract.type.%s", c->type));
		json_object_set_new(o, "financing_key", json_sprintf("contract.financing.%s", c->financing));
		if (c->has_share)
			json_object_set_new(o, "employer_share", percent(c->employer_share_bp, lang));
	}
	struct commitment_vesting v;
	commitment_vesting(c, e, &v);
	if (v.status != VEST_OK) {
		json_object_set_new(o, "vested_on", json_null());
		return o;
	}
	json_object_set_new(o, "vested_on", view_date(v.r.vested_on, true, mode, lang));
	if (v.has_exit)
		json_object_set_new(o, "vested_at_exit", json_boolean(v.r.vested_at_exit));
	const struct vest_part *part = v.r.has_employer ? &v.r.employer : &v.r.employee;
	json_object_set_new(o, "vesting_branch", json_string(vest_branch_code[part->branch]));
	json_t *rules = json_array(), *lines = json_array();
	for (int i = 0; i < v.why.nrules; i++)
		json_array_append_new(rules, json_string(v.why.rules[i]));
	for (int i = 0; i < v.why.nnotes; i++) {
		char *t = calc_note_text(&v.why.notes[i], lang);
		json_array_append_new(lines, json_string(t ? t : v.why.notes[i].key));
		free(t);
	}
	json_object_set_new(o, "vesting_rule", rules);
	json_object_set_new(o, "vesting_explanation", lines);
	return o;
}

json_t *view_insurance(const struct insurance_contract *ic, enum view_mode mode, enum lang lang)
{
	json_t *o = json_pack("{s:I, s:I, s:o, s:o, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)ic->id,
	                      "employee_id", (json_int_t)ic->employee_id, "commitment_id", opt_id(ic->commitment_id),
	                      "group_contract_id", opt_id(ic->group_contract_id), "policy_number", ic->policy_number,
	                      "tariff", ic->tariff, "payment_mode", ic->payment_mode, "riders", ic->riders,
	                      "beneficiary", ic->beneficiary, "status", ic->status);
	json_object_set_new(o, "provider_name", ic->provider_name[0] ? json_string(ic->provider_name) : json_null());
	json_object_set_new(o, "start_date", view_date(ic->start_date, true, mode, lang));
	json_object_set_new(o, "status_since", view_date(ic->status_since, true, mode, lang));
	if (mode == VIEW_API) {
		json_object_set_new(o, "employer_id", json_integer(ic->employer_id));
		json_object_set_new(o, "contribution_cents", json_integer(ic->contribution_cents));
	} else {
		json_object_set_new(o, "contribution", money(ic->contribution_cents, mode, lang));
		json_object_set_new(o, "status_key", json_sprintf("contract.status.%s", ic->status));
		json_object_set_new(o, "payment_mode_key", json_sprintf("contract.payment_mode.%s", ic->payment_mode));
		json_object_set_new(o, "beneficiary_key", json_sprintf("contract.beneficiary.%s", ic->beneficiary));
	}
	return o;
}
