/*
 * pages_contracts.c — the contract pages: the "Zusagen und Verträge" section
 * of the employee detail page with its add forms, the same data read-only in
 * the employee portal, and the employer's group contracts page.  Thin: the
 * rules are app/contracts.c's, the vesting status the law engine's; these
 * handlers must never show another tenant's or another person's contracts.
 */
#include "web/pages_contracts.h"
#include "app/contracts.h"
#include "app/employers.h"
#include "app/providers.h"
#include "web/view_contracts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const vehicle_codes[] = {"DZ", "UK", "DV", "PK", "PF", NULL};
static const char *const type_codes[]    = {"LZ", "BOLZ", "BZML", NULL};
static const char *const fin_codes[]     = {"employer", "employee", "mixed", NULL};
static const char *const bool_codes[]    = {"false", "true", NULL};
static const char *const mode_codes[]    = {"monthly", "quarterly", "half_yearly", "yearly", NULL};
static const char *const benef_codes[]   = {"employee_irrevocable", "employee_revocable", "employer", NULL};
static const char *const rule_codes[]    = {"statutory15", "percent", "fixed", "none", NULL};

/* A form field: its name, and for a select the codes and their label prefix
 * ("dyn": options built at run time from records). */
struct field_spec {
	const char        *name;
	const char *const *codes;
	const char        *prefix;
};

static const struct field_spec commitment_fields[] = {
	{"group_contract_id", NULL, "dyn"}, {"vehicle", vehicle_codes, "contract.vehicle"},
	{"type", type_codes, "contract.type"}, {"financing", fin_codes, "contract.financing"},
	{"employer_share", NULL, NULL}, {"service_start", NULL, NULL}, {"commitment_start", NULL, NULL},
	{"taken_over", bool_codes, "contract.bool"}, {"original_employer", NULL, NULL},
	{"original_service_start", NULL, NULL}, {"original_commitment_start", NULL, NULL}, {NULL, NULL, NULL}};
static const struct field_spec insurance_fields[] = {
	{"commitment_id", NULL, "dyn"}, {"group_contract_id", NULL, "dyn"}, {"policy_number", NULL, NULL},
	{"tariff", NULL, NULL}, {"start_date", NULL, NULL}, {"contribution", NULL, NULL},
	{"payment_mode", mode_codes, "contract.payment_mode"}, {"riders", NULL, NULL},
	{"beneficiary", benef_codes, "contract.beneficiary"}, {NULL, NULL, NULL}};
static const struct field_spec group_fields[] = {
	{"provider_id", NULL, "dyn"}, {"number", NULL, NULL}, {"product_line", NULL, NULL},
	{"vehicle", vehicle_codes, "contract.vehicle"}, {"subsidy_rule", rule_codes, "contract.subsidy"},
	{"subsidy_value", NULL, NULL}, {"contribution_min", NULL, NULL}, {"contribution_max", NULL, NULL},
	{NULL, NULL, NULL}};

static json_t *option(const char *value, const char *label, const char *typed)
{
	return json_pack("{s:s, s:s, s:b}", "value", value, "label", label, "selected", typed && !strcmp(typed, value));
}

/* The fields of one form as the template wants them; dyn[i] are the run-time options of field i. */
static json_t *form_fields(struct req *r, const struct field_spec *spec, const char *const *typed,
                           const struct app_err *err, json_t *const *dyn)
{
	json_t *list = json_array();
	for (int i = 0; spec[i].name; i++) {
		const char *v = typed ? typed[i] : NULL;
		json_t     *o = json_pack("{s:s, s:s, s:s}", "name", spec[i].name, "label_key",
		                          arena_printf(&r->a, "contract.field.%s", spec[i].name), "value", v ? v : "");
		if (spec[i].codes) {
			json_t *opts = json_array();
			for (const char *const *c = spec[i].codes; *c; c++)
				json_array_append_new(
					opts, option(*c, req_text(r, arena_printf(&r->a, "%s.%s", spec[i].prefix, *c)), v));
			json_object_set_new(o, "options", opts);
		} else if (dyn && dyn[i]) {
			json_t *opts = json_array(), *d;
			size_t  k;
			json_array_append_new(opts, option("", req_text(r, "contract.option.none"), v));
			json_array_foreach(dyn[i], k, d)
			{
				const char *val = json_string_value(json_object_get(d, "value"));
				json_array_append_new(opts, option(val, json_string_value(json_object_get(d, "label")), v));
			}
			json_object_set_new(o, "options", opts);
		}
		if (err && err->field && !strcmp(err->field, spec[i].name))
			json_object_set_new(o, "error", json_string(req_text(r, err->key ? err->key : "valid.invalid")));
		json_array_append_new(list, o);
	}
	for (int i = 0; dyn && spec[i].name; i++)
		json_decref(dyn[i]);
	return list;
}

static bool field_of(const struct field_spec *spec, const char *field)
{
	for (int i = 0; field && spec[i].name; i++)
		if (!strcmp(spec[i].name, field))
			return true;
	return false;
}

/* ---- the section of the detail page and the portal ---------------------------------- */

struct sect {
	struct req            *r;
	const struct employee *e;
	json_t                *list, *choices;
};

static void add_commitment(const struct commitment *c, void *vctx)
{
	struct sect *s = vctx;
	json_array_append_new(s->list, view_commitment(c, s->e, VIEW_PAGE, s->r->lang));
	if (s->choices)
		json_array_append_new(s->choices,
		                      json_pack("{s:s, s:s}", "value", arena_printf(&s->r->a, "%lld", (long long)c->id),
		                                "label",
		                                arena_printf(&s->r->a, "%s %s #%lld", c->vehicle, c->type, (long long)c->id)));
}

static void add_insurance(const struct insurance_contract *ic, void *vctx)
{
	struct sect *s = vctx;
	json_array_append_new(s->list, view_insurance(ic, VIEW_PAGE, s->r->lang));
}

static void add_group_choice(const struct group_contract *g, void *vctx)
{
	struct sect *s = vctx;
	json_array_append_new(s->choices, json_pack("{s:s, s:s}", "value", arena_printf(&s->r->a, "%lld", (long long)g->id),
	                                            "label",
	                                            arena_printf(&s->r->a, "%s – %s (%s)", g->provider_name, g->number,
	                                                         g->vehicle)));
}

static json_t *group_choices(struct req *r, int64_t employer_id)
{
	struct sect s = {r, NULL, NULL, json_array()};
	group_contracts_of(r->db, employer_id, add_group_choice, &s);
	return s.choices;
}

void contracts_section(struct req *r, json_t *ctx, const struct employee *e, bool can_write,
                       const struct contract_form *cf)
{
	struct sect cs = {r, e, json_array(), can_write ? json_array() : NULL}, is = {r, e, json_array(), NULL};
	commitments_of(r->db, e->employer_id, e->id, add_commitment, &cs);
	insurance_of(r->db, e->employer_id, e->id, add_insurance, &is);
	json_object_set_new(ctx, "commitments", cs.list);
	json_object_set_new(ctx, "insurances", is.list);
	if (!can_write)
		return;
	bool        c_typed = cf && !strcmp(cf->form, "commitment"), i_typed = cf && !strcmp(cf->form, "insurance");
	json_t     *c_dyn[12] = {group_choices(r, e->employer_id)};
	json_t     *i_dyn[12] = {cs.choices, group_choices(r, e->employer_id)};
	json_object_set_new(ctx, "commitment_form",
	                    form_fields(r, commitment_fields, c_typed ? cf->v : NULL, c_typed ? cf->err : NULL, c_dyn));
	json_object_set_new(ctx, "insurance_form",
	                    form_fields(r, insurance_fields, i_typed ? cf->v : NULL, i_typed ? cf->err : NULL, i_dyn));
	if (cf && !field_of(c_typed ? commitment_fields : insurance_fields, cf->err->field))
		json_object_set_new(ctx, c_typed ? "commitment_error" : "insurance_error",
		                    json_string(req_text(r, cf->err->key ? cf->err->key : "valid.invalid")));
}

void contracts_portal(struct req *r, const struct employee *e, json_t *card)
{
	contracts_section(r, card, e, false, NULL);
}

/* POST /employer/{eid}/employees/{id}/commitments and …/insurance-contracts */
static void contract_add(struct req *r, bool commitment)
{
	const struct field_spec *spec = commitment ? commitment_fields : insurance_fields;
	struct contract_form     cf   = {commitment ? "commitment" : "insurance", NULL, {NULL}};
	for (int i = 0; spec[i].name; i++)
		cf.v[i] = req_arg(r, spec[i].name);
	if (db_begin_write(r->db) != DB_OK) {
		req_error(r, ERR_UNAVAILABLE, NULL, NULL);
		return;
	}
	struct app_err e;
	if (commitment) {
		struct commitment_input in = {cf.v[0], cf.v[1], cf.v[2], cf.v[3], cf.v[4], cf.v[5],
		                              cf.v[6], cf.v[7], cf.v[8], cf.v[9], cf.v[10]};
		e = commitment_create(r->db, r->ids[0], r->ids[1], &in, r->now, r->who.user_id, NULL);
	} else {
		struct insurance_input in = {cf.v[0], cf.v[1], cf.v[2], cf.v[3], cf.v[4], cf.v[5],
		                             cf.v[6], cf.v[7], cf.v[8], NULL, NULL};
		e = insurance_create(r->db, r->ids[0], r->ids[1], &in, r->now, r->who.user_id, NULL);
	}
	if (e.rc == APP_OK && db_commit(r->db) != DB_OK)
		e = (struct app_err){APP_ERROR, NULL, "err.internal"};
	if (e.rc != APP_OK) {
		db_rollback(r->db);
		if (e.rc == APP_ERROR || e.rc == APP_NOT_FOUND)
			req_fail_app(r, e.rc, NULL, NULL);
		else {
			cf.err = &e;
			web_employee_detail_with(r, &cf);
		}
		return;
	}
	req_redirect(r, arena_printf(&r->a, "/employer/%lld/employees/%lld#contracts-title", (long long)r->ids[0],
	                             (long long)r->ids[1]));
}

void web_employee_commitment_add(struct req *r) { contract_add(r, true); }
void web_employee_insurance_add(struct req *r) { contract_add(r, false); }

/* ---- the employer's group contracts ------------------------------------------------------ */

static void add_group(const struct group_contract *g, void *ctx)
{
	struct sect *s = ctx;
	json_array_append_new(s->list, view_group_contract(g, VIEW_PAGE, s->r->lang));
}

static void add_provider_choice(const struct provider *p, void *ctx)
{
	struct sect *s = ctx;
	json_array_append_new(s->choices, json_pack("{s:s, s:s}", "value", arena_printf(&s->r->a, "%lld", (long long)p->id),
	                                            "label", arena_printf(&s->r->a, "%s (%s)", p->name, p->vehicles)));
}

static void group_page(struct req *r, const char *const *typed, const struct app_err *err)
{
	char        name[201];
	enum app_rc rc = employer_name(r->db, r->ids[0], name, sizeof name);
	if (rc != APP_OK) {
		req_fail_app(r, rc, NULL, NULL);
		return;
	}
	struct sect s = {r, NULL, json_array(), json_array()};
	if (group_contracts_of(r->db, r->ids[0], add_group, &s) != APP_OK) {
		json_decref(s.list), json_decref(s.choices);
		req_error(r, ERR_INTERNAL, NULL, NULL);
		return;
	}
	bool    can_write = authz_level(r->role, ACT_EMPLOYEE_WRITE) == AUTHZ_ALL;
	json_t *ctx = json_pack("{s:{s:I, s:s}, s:o, s:b}", "employer", "id", (json_int_t)r->ids[0], "name", name,
	                        "groups", s.list, "can_write", can_write);
	if (can_write) {
		providers_list(r->db, add_provider_choice, &s);
		json_t *dyn[8] = {s.choices};
		json_object_set_new(ctx, "group_form", form_fields(r, group_fields, typed, err, dyn));
		if (err && !field_of(group_fields, err->field))
			json_object_set_new(ctx, "group_error", json_string(req_text(r, err->key ? err->key : "valid.invalid")));
	} else
		json_decref(s.choices);
	req_page(r, TMPL_group_contracts, ctx);
	if (err)
		r->status = http_err_status(req_app_err(err->rc));
}

/* GET /employer/{eid}/group-contracts */
void web_group_contracts_page(struct req *r) { group_page(r, NULL, NULL); }

/* POST /employer/{eid}/group-contracts */
void web_group_contract_add(struct req *r)
{
	const char *v[8];
	for (int i = 0; group_fields[i].name; i++)
		v[i] = req_arg(r, group_fields[i].name);
	struct group_contract_input in = {v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]};
	if (db_begin_write(r->db) != DB_OK) {
		req_error(r, ERR_UNAVAILABLE, NULL, NULL);
		return;
	}
	struct app_err e = group_contract_create(r->db, r->ids[0], &in, r->now, r->who.user_id, NULL);
	if (e.rc == APP_OK && db_commit(r->db) != DB_OK)
		e = (struct app_err){APP_ERROR, NULL, "err.internal"};
	if (e.rc != APP_OK) {
		db_rollback(r->db);
		if (e.rc == APP_ERROR || e.rc == APP_NOT_FOUND)
			req_fail_app(r, e.rc, NULL, NULL);
		else
			group_page(r, v, &e);
		return;
	}
	req_redirect(r, arena_printf(&r->a, "/employer/%lld/group-contracts", (long long)r->ids[0]));
}
