/*
 * pages_contract_lists.c — the employer's lists of all insurance contracts
 * and all commitments: search, filters, 50 rows a page, the live search of the
 * employee list (htmx swaps #contract-rows; without JavaScript the form is a
 * plain GET), export links with the current filter, each row linking to the
 * employee record where the contract is shown.  Thin: the rows come from
 * app/contracts (insurance_list, commitment_list), the vesting status from
 * the law engine through commitment_vesting — never decided here.  The
 * filter values have been checked by the route's parameter table.
 */
#include "web/web.h"
#include "app/contracts.h"
#include "app/employers.h"
#include "web/view.h"

#include <stdlib.h>
#include <string.h>

enum { LIST_PAGE_SIZE = 50 };

static const char *const status_codes[]    = {"active", "contribution_free", "terminated", NULL};
static const char *const vehicle_codes[]   = {"DZ", "UK", "DV", "PK", "PF", NULL};
static const char *const type_codes[]      = {"LZ", "BOLZ", "BZML", NULL};
static const char *const financing_codes[] = {"employer", "employee", "mixed", NULL};

/* ---- shared by both lists ------------------------------------------------------------ */

/* One filter as the template shows it: a select of the codes (label
 * "<prefix>.<code>") or of run-time choices, "all" first. */
static json_t *filter_select(struct req *r, const char *name, const char *label_key, const char *all_value,
                             json_t *choices /* [{value, label}], stolen; or NULL */, const char *const *codes,
                             const char *prefix)
{
	const char *cur  = req_arg(r, name);
	json_t     *opts = json_array();
	if (!cur || !*cur)
		cur = all_value;
	json_array_append_new(opts, json_pack("{s:s, s:s, s:b}", "value", all_value, "label",
	                                      req_text(r, "contract.list.all"), "selected", !strcmp(cur, all_value)));
	for (const char *const *c = codes; c && *c; c++)
		json_array_append_new(opts, json_pack("{s:s, s:s, s:b}", "value", *c, "label",
		                                      req_text(r, arena_printf(&r->a, "%s.%s", prefix, *c)), "selected",
		                                      !strcmp(cur, *c)));
	size_t  i;
	json_t *ch;
	json_array_foreach(choices, i, ch)
	{
		const char *v = json_string_value(json_object_get(ch, "value"));
		json_object_set_new(ch, "selected", json_boolean(!strcmp(cur, v)));
		json_array_append(opts, ch);
	}
	json_decref(choices);
	return json_pack("{s:s, s:s, s:o}", "name", name, "label_key", label_key, "options", opts);
}

/* Whether a filter is "any": absent, empty, or an id filter's 0 (a search for "0" is a search). */
static bool is_any(const char *name, const char *v)
{
	return !v || !*v || (strcmp(name, "q") && !strcmp(v, "0"));
}

/* "?a=1&b=x" of the filters that are set (page > 1 too), or "" — for the
 * pager and the export links. */
static const char *filter_query(struct req *r, const char *const *names, int64_t page)
{
	struct buf b = {0};
	for (const char *const *n = names; *n; n++) {
		const char *v = req_arg(r, *n);
		if (is_any(*n, v))
			continue;
		buf_addc(&b, b.n ? '&' : '?');
		buf_adds(&b, *n);
		buf_addc(&b, '=');
		buf_add_urlenc(&b, v, strlen(v));
	}
	if (page > 1)
		buf_printf(&b, "%cpage=%lld", b.n ? '&' : '?', (long long)page);
	const char *s = arena_strdup(&r->a, b.n ? b.p : "");
	buf_free(&b);
	return s;
}

static int64_t arg_int(struct req *r, const char *name)
{
	const char *v = req_arg(r, name);
	return v ? strtoll(v, NULL, 10) : 0; /* the router checked the range */
}

static bool any_filter(struct req *r, const char *const *names)
{
	for (const char *const *n = names; *n; n++)
		if (!is_any(*n, req_arg(r, *n)))
			return true;
	return false;
}

static const char *cell_date(struct req *r, day_t d)
{
	char *s = arena_alloc(&r->a, 11);
	(r->lang == LANG_DE ? date_format_de : date_format_iso)(d, s);
	return s;
}

static const char *cell_money(struct req *r, int64_t cents)
{
	char m[48];
	view_money(cents, r->lang, m, sizeof m);
	return arena_strdup(&r->a, m);
}

static const char *label(struct req *r, const char *prefix, const char *code)
{
	return code[0] ? req_text(r, arena_printf(&r->a, "%s.%s", prefix, code)) : NULL;
}

static const char *person(struct req *r, const char *last, const char *first)
{
	return arena_printf(&r->a, "%s, %s", last, first);
}

/* The page's frame: employer, search term, filters, count, pager and export links. */
static json_t *list_ctx(struct req *r, const char *name, const char *base, const char *const *names, int64_t total,
                        int64_t page, json_t *filters, const char *what /* "insurances" | "commitments" */)
{
	int64_t     pages = total ? (total + LIST_PAGE_SIZE - 1) / LIST_PAGE_SIZE : 1;
	const char *q     = req_arg(r, "q");
	json_t     *ctx   = json_pack("{s:{s:I, s:s}, s:s, s:o, s:I, s:I, s:I, s:b, s:s, s:s, s:s}", "employer", "id",
	                              (json_int_t)r->ids[0], "name", name, "q", q ? q : "", "filters", filters, "total",
	                              (json_int_t)total, "page", (json_int_t)page, "pages", (json_int_t)pages,
	                              "filtered", any_filter(r, names), "list_url", base, "csv_url",
	                              arena_printf(&r->a, "%s.csv%s", base, filter_query(r, names, 1)), "xlsx_url",
	                              arena_printf(&r->a, "%s.xlsx%s", base, filter_query(r, names, 1)));
	json_object_set_new(ctx, "search_label_key", json_sprintf("contract.list.%s.search_label", what));
	json_object_set_new(ctx, "search_hint_key", json_sprintf("contract.list.%s.search_hint", what));
	if (page > 1)
		json_object_set_new(ctx, "prev_url",
		                    json_string(arena_printf(&r->a, "%s%s", base, filter_query(r, names, page - 1))));
	if (page < pages)
		json_object_set_new(ctx, "next_url",
		                    json_string(arena_printf(&r->a, "%s%s", base, filter_query(r, names, page + 1))));
	return ctx;
}

/* ---- insurance contracts ------------------------------------------------------------- */

static const char *const insurance_filters[] = {"q", "status", "provider", "group_contract", "vehicle", NULL};

enum { IC_NCOLS = 13 };
static const char *const ic_cols[IC_NCOLS] = {"employee_id", "policy_number", "employee_name", "personnel_number",
                                              "provider", "group_number", "vehicle", "tariff", "start_date",
                                              "contribution", "payment_mode", "status", "status_since"};

struct ic_rows {
	struct req  *r;
	size_t       n;
	const char **cells;
};

static void add_ic_row(const struct insurance_row *row, void *ctx)
{
	struct ic_rows *rows = ctx;
	struct req     *r    = rows->r;
	if (rows->n >= LIST_PAGE_SIZE)
		return;
	const char **c = rows->cells + rows->n++ * IC_NCOLS;
	c[0]           = arena_itoa(&r->a, row->ic.employee_id);
	c[1]           = arena_strdup(&r->a, row->ic.policy_number);
	c[2]           = person(r, row->last_name, row->first_name);
	c[3]           = arena_strdup(&r->a, row->personnel_number);
	c[4]           = row->ic.provider_name[0] ? arena_strdup(&r->a, row->ic.provider_name) : NULL;
	c[5]           = row->group_number[0] ? arena_strdup(&r->a, row->group_number) : NULL;
	c[6]           = label(r, "contract.vehicle", row->vehicle);
	c[7]           = row->ic.tariff[0] ? arena_strdup(&r->a, row->ic.tariff) : NULL;
	c[8]           = cell_date(r, row->ic.start_date);
	c[9]           = cell_money(r, row->ic.contribution_cents);
	c[10]          = label(r, "contract.payment_mode", row->ic.payment_mode);
	c[11]          = label(r, "contract.status", row->ic.status);
	c[12]          = cell_date(r, row->ic.status_since);
}

struct choices {
	struct req *r;
	json_t     *groups, *providers;
};

static void add_choice(const struct group_contract *g, void *ctx)
{
	struct choices *ch = ctx;
	struct req     *r  = ch->r;
	json_array_append_new(ch->groups, json_pack("{s:s, s:s}", "value", arena_printf(&r->a, "%lld", (long long)g->id),
	                                            "label",
	                                            arena_printf(&r->a, "%s – %s (%s)", g->provider_name, g->number,
	                                                         g->vehicle)));
	/* the providers of the employer's group contracts, each once */
	const char *pid = arena_printf(&r->a, "%lld", (long long)g->provider_id);
	size_t      i;
	json_t     *p;
	json_array_foreach(ch->providers, i, p)
	{
		if (!strcmp(json_string_value(json_object_get(p, "value")), pid))
			return;
	}
	json_array_append_new(ch->providers, json_pack("{s:s, s:s}", "value", pid, "label", g->provider_name));
}

/* GET /employer/{eid}/insurance-contracts?q=&status=&provider=&group_contract=&vehicle=&page= */
void web_insurance_list_page(struct req *r)
{
	char        name[201];
	enum app_rc rc = employer_name(r->db, r->ids[0], name, sizeof name);
	if (rc != APP_OK) {
		req_fail_app(r, rc, NULL, NULL);
		return;
	}
	struct choices ch = {r, json_array(), json_array()};
	if (group_contracts_of(r->db, r->ids[0], add_choice, &ch) != APP_OK) {
		json_decref(ch.groups), json_decref(ch.providers);
		req_error(r, ERR_INTERNAL, NULL, NULL);
		return;
	}
	int64_t                 page = arg_int(r, "page") ? arg_int(r, "page") : 1, total = 0;
	struct insurance_filter f    = {req_arg(r, "q"), req_arg(r, "status"), req_arg(r, "vehicle"), 0,
	                                arg_int(r, "provider"), arg_int(r, "group_contract")};
	struct ic_rows rows = {r, 0, arena_alloc(&r->a, sizeof(char *) * LIST_PAGE_SIZE * IC_NCOLS)};
	if (insurance_list(r->db, r->ids[0], &f, LIST_PAGE_SIZE, (page - 1) * LIST_PAGE_SIZE, &total, add_ic_row,
	                   &rows) != APP_OK) {
		json_decref(ch.groups), json_decref(ch.providers);
		req_error(r, ERR_INTERNAL, NULL, NULL);
		return;
	}
	json_t *filters = json_array();
	json_array_append_new(filters, filter_select(r, "status", "contract.field.status", "", NULL, status_codes,
	                                             "contract.status"));
	json_array_append_new(filters, filter_select(r, "provider", "contract.provider", "0", ch.providers, NULL, NULL));
	json_array_append_new(filters, filter_select(r, "group_contract", "contract.field.group_contract_id", "0",
	                                             ch.groups, NULL, NULL));
	json_array_append_new(filters, filter_select(r, "vehicle", "contract.field.vehicle", "", NULL, vehicle_codes,
	                                             "contract.vehicle"));
	const char *base = arena_printf(&r->a, "/employer/%lld/insurance-contracts", (long long)r->ids[0]);
	json_t     *ctx  = list_ctx(r, name, base, insurance_filters, total, page, filters, "insurances");
	struct tmpl_table t = {"contracts", ic_cols, IC_NCOLS, rows.n, rows.cells};
	req_page_tables(r, TMPL_insurance_contracts, ctx, &t, 1);
}

/* ---- commitments --------------------------------------------------------------------- */

static const char *const commitment_filters[] = {"q", "vehicle", "type", "financing", NULL};

enum { CM_NCOLS = 14 };
static const char *const cm_cols[CM_NCOLS] = {"employee_id", "employee_name", "personnel_number", "vehicle", "type",
                                              "financing", "employer_share", "provider", "group_number",
                                              "service_start", "commitment_start", "vested_on", "vested_at_exit",
                                              "psv"};

struct cm_rows {
	struct req  *r;
	size_t       n;
	const char **cells;
};

static void add_cm_row(const struct commitment_row *row, void *ctx)
{
	struct cm_rows *rows = ctx;
	struct req     *r    = rows->r;
	if (rows->n >= LIST_PAGE_SIZE)
		return;
	const struct commitment *cm = &row->c;
	const char             **c  = rows->cells + rows->n++ * CM_NCOLS;
	/* the law engine's status, as on the record page (view_contracts.c) */
	struct commitment_vesting v;
	commitment_vesting(cm, &row->e, &v);
	c[0]  = arena_itoa(&r->a, cm->employee_id);
	c[1]  = person(r, row->e.last_name, row->e.first_name);
	c[2]  = arena_strdup(&r->a, row->e.personnel_number);
	c[3]  = label(r, "contract.vehicle", cm->vehicle);
	c[4]  = label(r, "contract.type", cm->type);
	c[5]  = label(r, "contract.financing", cm->financing);
	c[6]  = NULL;
	if (cm->has_share) {
		int bp = cm->employer_share_bp;
		c[6]   = bp % 100 ? arena_printf(&r->a, "%d%c%02d\u00a0%%", bp / 100, r->lang == LANG_DE ? ',' : '.', bp % 100)
		               : arena_printf(&r->a, "%d\u00a0%%", bp / 100);
	}
	c[7]  = row->provider_name[0] ? arena_strdup(&r->a, row->provider_name) : NULL;
	c[8]  = row->group_number[0] ? arena_strdup(&r->a, row->group_number) : NULL;
	c[9]  = cell_date(r, cm->service_start);
	c[10] = cell_date(r, cm->commitment_start);
	c[11] = v.status == VEST_OK ? cell_date(r, v.r.vested_on) : NULL;
	c[12] = v.status == VEST_OK && v.has_exit
	                ? req_text(r, v.r.vested_at_exit ? "contract.list.kept_at_exit" : "contract.list.lapsed_at_exit")
	                : NULL;
	c[13] = req_text(r, cm->psv_relevant ? "contract.bool.true" : "contract.bool.false");
}

/* GET /employer/{eid}/commitments?q=&vehicle=&type=&financing=&page= */
void web_commitment_list_page(struct req *r)
{
	char        name[201];
	enum app_rc rc = employer_name(r->db, r->ids[0], name, sizeof name);
	if (rc != APP_OK) {
		req_fail_app(r, rc, NULL, NULL);
		return;
	}
	int64_t                  page = arg_int(r, "page") ? arg_int(r, "page") : 1, total = 0;
	struct commitment_filter f    = {req_arg(r, "q"), req_arg(r, "vehicle"), req_arg(r, "type"),
	                                 req_arg(r, "financing"), 0};
	struct cm_rows rows = {r, 0, arena_alloc(&r->a, sizeof(char *) * LIST_PAGE_SIZE * CM_NCOLS)};
	if (commitment_list(r->db, r->ids[0], &f, LIST_PAGE_SIZE, (page - 1) * LIST_PAGE_SIZE, &total, add_cm_row,
	                    &rows) != APP_OK) {
		req_error(r, ERR_INTERNAL, NULL, NULL);
		return;
	}
	json_t *filters = json_array();
	json_array_append_new(filters, filter_select(r, "vehicle", "contract.field.vehicle", "", NULL, vehicle_codes,
	                                             "contract.vehicle"));
	json_array_append_new(filters,
	                      filter_select(r, "type", "contract.field.type", "", NULL, type_codes, "contract.type"));
	json_array_append_new(filters, filter_select(r, "financing", "contract.field.financing", "", NULL,
	                                             financing_codes, "contract.financing"));
	const char *base = arena_printf(&r->a, "/employer/%lld/commitments", (long long)r->ids[0]);
	json_t     *ctx  = list_ctx(r, name, base, commitment_filters, total, page, filters, "commitments");
	struct tmpl_table t = {"commitments", cm_cols, CM_NCOLS, rows.n, rows.cells};
	req_page_tables(r, TMPL_commitments, ctx, &t, 1);
}
