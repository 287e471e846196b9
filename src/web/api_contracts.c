/*
 * api_contracts.c — the JSON API of providers, group contracts, commitments
 * and insurance contracts (docs/api.md).  Thin: typed values to the text
 * input of app/contracts, one app call, the record back.  Must never check a
 * field rule itself, and for an employee (AUTHZ_OWN) never show another
 * person's commitment or contract (404, as for the employee record).
 */
#include "web/web.h"
#include "app/contracts.h"
#include "app/providers.h"
#include "web/view_contracts.h"

#include <stdlib.h>
#include <string.h>

/* cents / basis points as "123.45" (what app/contracts reads), "" and NULL kept */
static const char *hundredths_arg(struct req *r, const char *name)
{
	const char *v = req_arg(r, name);
	if (!v || !*v)
		return v;
	long long n = strtoll(v, NULL, 10);
	return arena_printf(&r->a, "%lld.%02lld", n / 100, n % 100);
}

/* The app's field names as the API names them. */
static const char *api_field(const char *field)
{
	static const char *const map[][2] = {{"contribution", "contribution_cents"},
	                                     {"contribution_min", "contribution_min_cents"},
	                                     {"contribution_max", "contribution_max_cents"},
	                                     {"employer_share", "employer_share_bp"}};
	for (size_t i = 0; field && i < sizeof map / sizeof *map; i++)
		if (!strcmp(field, map[i][0]))
			return map[i][1];
	return field;
}

static bool begin(struct req *r)
{
	if (db_begin_write(r->db) == DB_OK)
		return true;
	req_error(r, ERR_UNAVAILABLE, NULL, NULL);
	return false;
}

static bool finish(struct req *r, struct app_err e)
{
	if (e.rc != APP_OK || db_commit(r->db) != DB_OK) {
		db_rollback(r->db);
		req_fail_app(r, e.rc ? (int)e.rc : APP_ERROR, api_field(e.field), e.key);
		return false;
	}
	return true;
}

/* The employee a record belongs to, checked for AUTHZ_OWN; false: answered 404/500. */
static bool owner_visible(struct req *r, int64_t employee_id, struct employee *e)
{
	enum app_rc rc = employee_get(r->db, r->ids[0], employee_id, e);
	if (rc != APP_OK || (r->level == AUTHZ_OWN && e->user_id != r->who.user_id)) {
		req_error(r, rc == APP_ERROR ? ERR_INTERNAL : ERR_NOT_FOUND, NULL, NULL);
		return false;
	}
	return true;
}

/* ---- providers ------------------------------------------------------------------ */

static void add_provider(const struct provider *p, void *ctx) { json_array_append_new(ctx, view_provider(p)); }

void web_api_providers(struct req *r)
{
	json_t *items = json_array();
	if (providers_list(r->db, add_provider, items) != APP_OK) {
		json_decref(items);
		req_error(r, ERR_INTERNAL, NULL, NULL);
		return;
	}
	req_json(r, 200, json_pack("{s:o}", "items", items));
}

static void send_provider(struct req *r, int status, int64_t id)
{
	struct provider p;
	enum app_rc     rc = provider_get(r->db, id, &p);
	if (rc != APP_OK) {
		req_error(r, rc == APP_ERROR ? ERR_INTERNAL : ERR_NOT_FOUND, NULL, NULL);
		return;
	}
	req_json(r, status, view_provider(&p));
}

void web_api_provider_get(struct req *r) { send_provider(r, 200, r->ids[0]); }

void web_api_provider_create(struct req *r)
{
	int64_t id = 0;
	if (!begin(r) ||
	    !finish(r, provider_create(r->db, req_arg(r, "name"), req_arg(r, "vehicles"), r->now, &id)))
		return;
	req_header(r, "Location", arena_printf(&r->a, "/api/v1/providers/%lld", (long long)id));
	send_provider(r, 201, id);
}

/* ---- group contracts --------------------------------------------------------------- */

static void group_input(struct req *r, struct group_contract_input *in)
{
	memset(in, 0, sizeof *in);
	in->provider_id      = req_arg(r, "provider_id");
	in->number           = req_arg(r, "number");
	in->product_line     = req_arg(r, "product_line");
	in->vehicle          = req_arg(r, "vehicle");
	in->subsidy_rule     = req_arg(r, "subsidy_rule");
	in->subsidy_value    = hundredths_arg(r, "subsidy_value");
	in->contribution_min = hundredths_arg(r, "contribution_min_cents");
	in->contribution_max = hundredths_arg(r, "contribution_max_cents");
}

static void add_group(const struct group_contract *g, void *ctx)
{
	json_array_append_new(ctx, view_group_contract(g, VIEW_API, LANG_EN));
}

void web_api_group_contracts(struct req *r)
{
	json_t *items = json_array();
	if (group_contracts_of(r->db, r->ids[0], add_group, items) != APP_OK) {
		json_decref(items);
		req_error(r, ERR_INTERNAL, NULL, NULL);
		return;
	}
	req_json(r, 200, json_pack("{s:o}", "items", items));
}

static void send_group(struct req *r, int status, int64_t id)
{
	struct group_contract g;
	enum app_rc           rc = group_contract_get(r->db, r->ids[0], id, &g);
	if (rc != APP_OK) {
		req_error(r, rc == APP_ERROR ? ERR_INTERNAL : ERR_NOT_FOUND, NULL, NULL);
		return;
	}
	req_json(r, status, view_group_contract(&g, VIEW_API, LANG_EN));
}

void web_api_group_contract_get(struct req *r) { send_group(r, 200, r->ids[1]); }

void web_api_group_contract_create(struct req *r)
{
	struct group_contract_input in;
	group_input(r, &in);
	int64_t id = 0;
	if (!begin(r) || !finish(r, group_contract_create(r->db, r->ids[0], &in, r->now, r->who.user_id, &id)))
		return;
	req_header(r, "Location", arena_printf(&r->a, "/api/v1/employers/%lld/group-contracts/%lld",
	                                       (long long)r->ids[0], (long long)id));
	send_group(r, 201, id);
}

void web_api_group_contract_patch(struct req *r)
{
	struct group_contract_input in;
	group_input(r, &in);
	if (!begin(r) || !finish(r, group_contract_update(r->db, r->ids[0], r->ids[1], &in, r->now, r->who.user_id)))
		return;
	send_group(r, 200, r->ids[1]);
}

/* ---- commitments ---------------------------------------------------------------------- */

static void commitment_input(struct req *r, struct commitment_input *in)
{
	memset(in, 0, sizeof *in);
	in->group_contract_id         = req_arg(r, "group_contract_id");
	in->vehicle                   = req_arg(r, "vehicle");
	in->type                      = req_arg(r, "type");
	in->financing                 = req_arg(r, "financing");
	in->employer_share            = hundredths_arg(r, "employer_share_bp");
	in->service_start             = req_arg(r, "service_start");
	in->commitment_start          = req_arg(r, "commitment_start");
	in->taken_over                = req_arg(r, "taken_over");
	in->original_employer         = req_arg(r, "original_employer");
	in->original_service_start    = req_arg(r, "original_service_start");
	in->original_commitment_start = req_arg(r, "original_commitment_start");
}

struct list_ctx {
	json_t                *items;
	const struct employee *e;
};

static void add_commitment(const struct commitment *c, void *vctx)
{
	struct list_ctx *l = vctx;
	json_array_append_new(l->items, view_commitment(c, l->e, VIEW_API, LANG_EN));
}

/* GET /api/v1/employers/{eid}/employees/{id}/commitments */
void web_api_commitments(struct req *r)
{
	struct employee e;
	if (!owner_visible(r, r->ids[1], &e))
		return;
	struct list_ctx l = {json_array(), &e};
	if (commitments_of(r->db, r->ids[0], e.id, add_commitment, &l) != APP_OK) {
		json_decref(l.items);
		req_error(r, ERR_INTERNAL, NULL, NULL);
		return;
	}
	req_json(r, 200, json_pack("{s:o}", "items", l.items));
}

static void send_commitment(struct req *r, int status, int64_t id)
{
	struct commitment c;
	struct employee   e;
	enum app_rc       rc = commitment_get(r->db, r->ids[0], id, &c);
	if (rc != APP_OK) {
		req_error(r, rc == APP_ERROR ? ERR_INTERNAL : ERR_NOT_FOUND, NULL, NULL);
		return;
	}
	if (owner_visible(r, c.employee_id, &e))
		req_json(r, status, view_commitment(&c, &e, VIEW_API, LANG_EN));
}

void web_api_commitment_get(struct req *r) { send_commitment(r, 200, r->ids[1]); }

/* POST /api/v1/employers/{eid}/employees/{id}/commitments */
void web_api_commitment_create(struct req *r)
{
	struct commitment_input in;
	commitment_input(r, &in);
	int64_t id = 0;
	if (!begin(r) ||
	    !finish(r, commitment_create(r->db, r->ids[0], r->ids[1], &in, r->now, r->who.user_id, &id)))
		return;
	req_header(r, "Location", arena_printf(&r->a, "/api/v1/employers/%lld/commitments/%lld", (long long)r->ids[0],
	                                       (long long)id));
	send_commitment(r, 201, id);
}

void web_api_commitment_patch(struct req *r)
{
	struct commitment_input in;
	commitment_input(r, &in);
	if (!begin(r) || !finish(r, commitment_update(r->db, r->ids[0], r->ids[1], &in, r->now, r->who.user_id)))
		return;
	send_commitment(r, 200, r->ids[1]);
}

/* ---- insurance contracts ---------------------------------------------------------------- */

static void insurance_input(struct req *r, struct insurance_input *in)
{
	memset(in, 0, sizeof *in);
	in->commitment_id     = req_arg(r, "commitment_id");
	in->group_contract_id = req_arg(r, "group_contract_id");
	in->policy_number     = req_arg(r, "policy_number");
	in->tariff            = req_arg(r, "tariff");
	in->start_date        = req_arg(r, "start_date");
	in->contribution      = hundredths_arg(r, "contribution_cents");
	in->payment_mode      = req_arg(r, "payment_mode");
	in->riders            = req_arg(r, "riders");
	in->beneficiary       = req_arg(r, "beneficiary");
	in->status            = req_arg(r, "status");
	in->status_since      = req_arg(r, "status_since");
}

struct ins_ctx {
	struct req *r;
	json_t     *items;
	bool        own_only, failed;
};

static void add_insurance(const struct insurance_contract *ic, void *vctx)
{
	struct ins_ctx *l = vctx;
	if (l->own_only) { /* an employee: only contracts of the own record */
		struct employee e;
		if (employee_get(l->r->db, ic->employer_id, ic->employee_id, &e) != APP_OK ||
		    e.user_id != l->r->who.user_id)
			return;
	}
	json_array_append_new(l->items, view_insurance(ic, VIEW_API, LANG_EN));
}

/* GET /api/v1/employers/{eid}/insurance-contracts?employee_id= */
void web_api_insurance_list(struct req *r)
{
	const char *eid = req_arg(r, "employee_id");
	int64_t     emp = eid ? strtoll(eid, NULL, 10) : 0;
	struct employee e;
	if (emp && !owner_visible(r, emp, &e))
		return;
	struct ins_ctx l = {r, json_array(), r->level == AUTHZ_OWN && !emp, false};
	if (insurance_of(r->db, r->ids[0], emp, add_insurance, &l) != APP_OK) {
		json_decref(l.items);
		req_error(r, ERR_INTERNAL, NULL, NULL);
		return;
	}
	req_json(r, 200, json_pack("{s:o}", "items", l.items));
}

static void send_insurance(struct req *r, int status, int64_t id)
{
	struct insurance_contract ic;
	struct employee           e;
	enum app_rc               rc = insurance_get(r->db, r->ids[0], id, &ic);
	if (rc != APP_OK) {
		req_error(r, rc == APP_ERROR ? ERR_INTERNAL : ERR_NOT_FOUND, NULL, NULL);
		return;
	}
	if (owner_visible(r, ic.employee_id, &e))
		req_json(r, status, view_insurance(&ic, VIEW_API, LANG_EN));
}

void web_api_insurance_get(struct req *r) { send_insurance(r, 200, r->ids[1]); }

/* POST /api/v1/employers/{eid}/insurance-contracts {employee_id, …} */
void web_api_insurance_create(struct req *r)
{
	struct insurance_input in;
	insurance_input(r, &in);
	int64_t id = 0, emp = strtoll(req_arg(r, "employee_id"), NULL, 10);
	if (!begin(r) || !finish(r, insurance_create(r->db, r->ids[0], emp, &in, r->now, r->who.user_id, &id)))
		return;
	req_header(r, "Location", arena_printf(&r->a, "/api/v1/employers/%lld/insurance-contracts/%lld",
	                                       (long long)r->ids[0], (long long)id));
	send_insurance(r, 201, id);
}

void web_api_insurance_patch(struct req *r)
{
	struct insurance_input in;
	insurance_input(r, &in);
	if (!begin(r) || !finish(r, insurance_update(r->db, r->ids[0], r->ids[1], &in, r->now, r->who.user_id)))
		return;
	send_insurance(r, 200, r->ids[1]);
}
