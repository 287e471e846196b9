/*
 * export.c (web) — owns the download handlers for list exports:
 * GET /employer/{eid}/employees.csv and .xlsx — the HR employee list with the
 * same filters (q, status) and order as the page, every row, not one page;
 * GET /employer/{eid}/group-contracts.csv and .xlsx — the employer's group
 * contracts, every row, in the order of the group contracts page;
 * GET /employer/{eid}/commitments.csv|.xlsx and
 * /employer/{eid}/insurance-contracts.csv|.xlsx — the commitments (with the
 * vesting date of the law engine) and the insurance contracts with the
 * filters and in the order of their list pages, or one employee's
 * (?employee_id=, the record page's links); the contracts file is one the
 * contracts import reads back.
 * Must never build SQL, read another employer than the route's (the
 * dispatcher has checked r->ids[0]), or write a cell except through
 * app/export (which neutralises formulas).
 */
#include "web/web.h"
#include "app/contracts.h"
#include "app/employees.h"
#include "app/employers.h"
#include "app/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EXPORT_CHUNK = EMPLOYEE_PAGE_MAX, EXPORT_COLS = 7 };

struct export_rows {
	struct export *x;
	bool           ok;
	int64_t        n;
};

static void export_add_employee(const struct employee *e, void *ctx)
{
	struct export_rows      *rows = ctx;
	const struct export_cell cells[EXPORT_COLS] = {
		{.text = e->personnel_number},
		{.text = e->last_name},
		{.text = e->first_name},
		{.value = e->birth_date, .set = true},
		{.value = e->entry_date, .set = e->has_entry},
		{.value = e->exit_date, .set = e->has_exit},
		{.text = e->email},
	};
	rows->n++;
	if (rows->ok && !export_row(rows->x, cells))
		rows->ok = false;
}

/* "Müller & Söhne GmbH" → "Mueller-Soehne-GmbH": safe in a quoted
 * Content-Disposition filename on every system. */
static void export_slug(char *out, size_t outsz, const char *name)
{
	static const struct {
		const char *utf8, *ascii;
	} map[] = {{"ä", "ae"}, {"ö", "oe"}, {"ü", "ue"}, {"Ä", "Ae"}, {"Ö", "Oe"}, {"Ü", "Ue"}, {"ß", "ss"}};
	size_t n    = 0;
	bool   dash = false;
	for (const char *p = name; *p && n + 3 < outsz && n < 60;) {
		const char *ascii = NULL;
		size_t      skip  = 1;
		for (size_t i = 0; i < sizeof map / sizeof *map; i++)
			if (!strncmp(p, map[i].utf8, strlen(map[i].utf8))) {
				ascii = map[i].ascii;
				skip  = strlen(map[i].utf8);
				break;
			}
		unsigned char c = (unsigned char)*p;
		if (ascii || (c < 0x80 && ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))) {
			if (dash && n)
				out[n++] = '-';
			dash = false;
			if (ascii) {
				out[n++] = ascii[0];
				out[n++] = ascii[1];
			} else
				out[n++] = (char)c;
		} else
			dash = true;
		p += skip;
	}
	out[n] = 0;
}

static void export_send(struct req *r, struct export_rows *rows, bool ok, enum export_format fmt, const char *what,
                        const char *name);

static void export_employees(struct req *r, enum export_format fmt)
{
	int64_t     eid = r->ids[0];
	char        name[201];
	enum app_rc rc = employer_name(r->db, eid, name, sizeof name);
	if (rc != APP_OK) {
		req_fail_app(r, rc, NULL, NULL);
		return;
	}
	const struct export_col cols[EXPORT_COLS] = {
		{req_text(r, "export.col.personnel_number"), EXPORT_TEXT},
		{req_text(r, "export.col.last_name"), EXPORT_TEXT},
		{req_text(r, "export.col.first_name"), EXPORT_TEXT},
		{req_text(r, "export.col.birth_date"), EXPORT_DATE},
		{req_text(r, "export.col.entry_date"), EXPORT_DATE},
		{req_text(r, "export.col.exit_date"), EXPORT_DATE},
		{req_text(r, "export.col.email"), EXPORT_TEXT},
	};
	struct export_rows rows = {export_begin(fmt, req_text(r, "export.sheet.employees"), cols, EXPORT_COLS), true, 0};
	if (!rows.x) {
		req_error(r, ERR_INTERNAL, NULL, NULL);
		return;
	}
	/* The page's query and order, in chunks; reads see one snapshot, so the
	 * offsets are stable. */
	const char          *q      = req_arg(r, "q");
	const char          *status = req_arg(r, "status"); /* "", "active", "left": the page's filter */
	enum employee_status st     = !status || !*status       ? EMPLOYEES_ALL
	                              : !strcmp(status, "active") ? EMPLOYEES_ACTIVE
	                                                          : EMPLOYEES_LEFT;
	int64_t total = 0;
	for (int64_t offset = 0;; offset += EXPORT_CHUNK) {
		int64_t before = rows.n;
		rc = employees_page_status(r->db, eid, q, st, (day_t)(r->now / 86400), EXPORT_CHUNK, offset, &total,
		                           export_add_employee, &rows);
		if (rc != APP_OK || !rows.ok || rows.n - before < EXPORT_CHUNK)
			break;
	}
	export_send(r, &rows, rc == APP_OK, fmt, "employees", name);
}

/* Finishes rows.x and sends it as the download "<what>-<employer>-<day>.<ext>";
 * ok false (a failed read): 500.  Frees rows->x in any case. */
static void export_send(struct req *r, struct export_rows *rows, bool ok, enum export_format fmt, const char *what,
                        const char *name)
{
	struct buf file = {0};
	if (!ok || !rows->ok) {
		export_free(rows->x);
		req_error(r, ERR_INTERNAL, NULL, NULL);
		return;
	}
	if (!export_finish(rows->x, &file)) {
		buf_free(&file);
		req_error(r, ERR_INTERNAL, NULL, NULL);
		return;
	}
	char slug[80], day[11];
	export_slug(slug, sizeof slug, name);
	date_format_iso((day_t)(r->now / 86400), day);
	const char *fname = slug[0] ? arena_printf(&r->a, "%s-%s-%s.%s", what, slug, day, export_extension(fmt))
	                            : arena_printf(&r->a, "%s-%lld-%s.%s", what, (long long)r->ids[0], day,
	                                           export_extension(fmt));
	r->status = 200;
	r->ctype  = export_content_type(fmt);
	r->cache  = "no-store";
	req_header(r, "Content-Disposition", arena_printf(&r->a, "attachment; filename=\"%s\"", fname));
	buf_reset(&r->out);
	buf_add(&r->out, file.p ? file.p : "", file.n);
	buf_free(&file);
}

/* GET /employer/{eid}/employees.csv?q=&status= */
void web_export_employees_csv(struct req *r) { export_employees(r, EXPORT_CSV); }

/* GET /employer/{eid}/employees.xlsx?q=&status= */
void web_export_employees_xlsx(struct req *r) { export_employees(r, EXPORT_XLSX); }

/* ---- group contracts ---------------------------------------------------------------- */

enum { GROUP_COLS = 9 };

struct group_rows {
	struct export_rows rows;
	struct req        *r;
};

static void export_add_group(const struct group_contract *g, void *ctx)
{
	struct group_rows *gr = ctx;
	struct req        *r  = gr->r;
	bool               pct = !strcmp(g->subsidy_rule, "percent"), fixed = !strcmp(g->subsidy_rule, "fixed");
	/* basis points → "12,5" / "12.5" (per cent, the page's precision) */
	char percent[32] = "";
	if (pct && g->subsidy_value % 100)
		snprintf(percent, sizeof percent, "%lld%c%02lld", (long long)(g->subsidy_value / 100),
		         r->lang == LANG_DE ? ',' : '.', (long long)(g->subsidy_value % 100));
	else if (pct)
		snprintf(percent, sizeof percent, "%lld", (long long)(g->subsidy_value / 100));
	const struct export_cell cells[GROUP_COLS] = {
		{.text = g->provider_name},
		{.text = g->number},
		{.text = g->product_line},
		{.text = g->vehicle},
		{.text = req_text(r, arena_printf(&r->a, "contract.subsidy.%s", g->subsidy_rule))},
		{.text = percent},
		{.value = g->subsidy_value, .set = fixed},
		{.value = g->contribution_min_cents, .set = true},
		{.value = g->contribution_max_cents, .set = true},
	};
	gr->rows.n++;
	if (gr->rows.ok && !export_row(gr->rows.x, cells))
		gr->rows.ok = false;
}

static void export_groups(struct req *r, enum export_format fmt)
{
	char        name[201];
	enum app_rc rc = employer_name(r->db, r->ids[0], name, sizeof name);
	if (rc != APP_OK) {
		req_fail_app(r, rc, NULL, NULL);
		return;
	}
	const struct export_col cols[GROUP_COLS] = {
		{req_text(r, "export.col.provider"), EXPORT_TEXT},
		{req_text(r, "export.col.number"), EXPORT_TEXT},
		{req_text(r, "export.col.product_line"), EXPORT_TEXT},
		{req_text(r, "export.col.vehicle"), EXPORT_TEXT},
		{req_text(r, "export.col.subsidy_rule"), EXPORT_TEXT},
		{req_text(r, "export.col.subsidy_percent"), EXPORT_TEXT},
		{req_text(r, "export.col.subsidy_fixed"), EXPORT_MONEY},
		{req_text(r, "export.col.contribution_min"), EXPORT_MONEY},
		{req_text(r, "export.col.contribution_max"), EXPORT_MONEY},
	};
	struct group_rows gr = {
		{export_begin(fmt, req_text(r, "export.sheet.group_contracts"), cols, GROUP_COLS), true, 0}, r};
	if (!gr.rows.x) {
		req_error(r, ERR_INTERNAL, NULL, NULL);
		return;
	}
	rc = group_contracts_of(r->db, r->ids[0], export_add_group, &gr);
	export_send(r, &gr.rows, rc == APP_OK, fmt, "group-contracts", name);
}

/* GET /employer/{eid}/group-contracts.csv */
void web_export_group_contracts_csv(struct req *r) { export_groups(r, EXPORT_CSV); }

/* GET /employer/{eid}/group-contracts.xlsx */
void web_export_group_contracts_xlsx(struct req *r) { export_groups(r, EXPORT_XLSX); }

/* ---- commitments and insurance contracts ------------------------------------------------ */

/* 1250 → "12,50" (de) / "12.50"; whole numbers without decimals: the
 * group contracts export's per cent. */
static const char *percent_text(struct req *r, int64_t bp)
{
	if (bp % 100)
		return arena_printf(&r->a, "%lld%c%02lld", (long long)(bp / 100), r->lang == LANG_DE ? ',' : '.',
		                    (long long)(bp % 100));
	return arena_printf(&r->a, "%lld", (long long)(bp / 100));
}

static const char *code_label(struct req *r, const char *prefix, const char *code)
{
	return code[0] ? req_text(r, arena_printf(&r->a, "%s.%s", prefix, code)) : "";
}

/* The rows of a contract list (app/contracts: insurance_list, commitment_list,
 * which bring the person's and the group contract's columns along). */
struct contract_rows {
	struct export_rows rows;
	struct req        *r;
};

enum { COMMITMENT_COLS = 16, INSURANCE_COLS = 14 };

static void export_add_commitment(const struct commitment_row *row, void *ctx)
{
	struct contract_rows    *cr = ctx;
	struct req              *r  = cr->r;
	const struct commitment *c  = &row->c;
	if (!cr->rows.ok)
		return;
	struct commitment_vesting v; /* the law engine's, as on the record page */
	commitment_vesting(c, &row->e, &v);
	const struct export_cell cells[COMMITMENT_COLS] = {
		{.text = row->e.personnel_number},
		{.text = row->e.last_name},
		{.text = row->e.first_name},
		{.text = c->vehicle},
		{.text = code_label(r, "contract.type", c->type)},
		{.text = code_label(r, "contract.financing", c->financing)},
		{.text = c->has_share ? percent_text(r, c->employer_share_bp) : ""},
		{.value = c->service_start, .set = true},
		{.value = c->commitment_start, .set = true},
		{.text = req_text(r, c->taken_over ? "contract.bool.true" : "contract.bool.false")},
		{.text = c->original_employer},
		{.value = c->original_service_start, .set = c->has_original_service},
		{.value = c->original_commitment_start, .set = c->has_original_commitment},
		{.text = row->group_number},
		{.value = v.r.vested_on, .set = v.status == VEST_OK},
		{.text = req_text(r, c->psv_relevant ? "contract.bool.true" : "contract.bool.false")},
	};
	cr->rows.n++;
	if (!export_row(cr->rows.x, cells))
		cr->rows.ok = false;
}

/* "disability,survivors" → "Berufsunfähigkeit, Hinterbliebenenschutz" */
static const char *riders_text(struct req *r, const char *riders)
{
	const char *out = "";
	for (const char *p = riders; *p;) {
		size_t      n     = strcspn(p, ",");
		const char *code  = arena_strndup(&r->a, p, n);
		const char *label = req_text(r, arena_printf(&r->a, "contract.rider.%s", code));
		out               = *out ? arena_printf(&r->a, "%s, %s", out, label) : label;
		p += n + (p[n] != '\0');
	}
	return out;
}

static void export_add_insurance(const struct insurance_row *row, void *ctx)
{
	struct contract_rows            *cr = ctx;
	struct req                      *r  = cr->r;
	const struct insurance_contract *ic = &row->ic;
	if (!cr->rows.ok)
		return;
	const struct export_cell cells[INSURANCE_COLS] = {
		{.text = row->personnel_number},
		{.text = row->last_name},
		{.text = row->first_name},
		{.text = ic->policy_number},
		{.text = ic->provider_name},
		{.text = row->group_number},
		{.text = ic->tariff},
		{.value = ic->start_date, .set = true},
		{.value = ic->contribution_cents, .set = true},
		{.text = code_label(r, "contract.payment_mode", ic->payment_mode)},
		{.text = riders_text(r, ic->riders)},
		{.text = code_label(r, "contract.beneficiary", ic->beneficiary)},
		{.text = code_label(r, "contract.status", ic->status)},
		{.value = ic->status_since, .set = true},
	};
	cr->rows.n++;
	if (!export_row(cr->rows.x, cells))
		cr->rows.ok = false;
}

static int64_t arg_int(struct req *r, const char *name)
{
	const char *v = req_arg(r, name);
	return v ? strtoll(v, NULL, 10) : 0; /* the router checked: an integer in range */
}

/* The list pages' filters (q, status, provider, group_contract, vehicle; q,
 * vehicle, type, financing) and the record page's (employee_id); every row
 * that matches, in the pages' order. */
static void export_contracts(struct req *r, enum export_format fmt, bool commitments)
{
	char        name[201];
	enum app_rc rc = employer_name(r->db, r->ids[0], name, sizeof name);
	if (rc != APP_OK) {
		req_fail_app(r, rc, NULL, NULL);
		return;
	}
	struct contract_rows cr = {.r = r, .rows = {.ok = true}};
	/* one employee, as on the record page */
	int64_t employee_id = arg_int(r, "employee_id");
	if (employee_id) {
		struct employee e;
		rc = employee_get(r->db, r->ids[0], employee_id, &e);
		if (rc != APP_OK) {
			req_fail_app(r, rc, NULL, NULL);
			return;
		}
		/* the file is named after the person too */
		snprintf(name + strlen(name), sizeof name - strlen(name), " %s", e.personnel_number);
	}
	const struct export_col ccols[COMMITMENT_COLS] = {
		{req_text(r, "export.col.personnel_number"), EXPORT_TEXT},
		{req_text(r, "export.col.last_name"), EXPORT_TEXT},
		{req_text(r, "export.col.first_name"), EXPORT_TEXT},
		{req_text(r, "export.col.vehicle"), EXPORT_TEXT},
		{req_text(r, "export.col.commitment_type"), EXPORT_TEXT},
		{req_text(r, "export.col.financing"), EXPORT_TEXT},
		{req_text(r, "export.col.employer_share"), EXPORT_TEXT},
		{req_text(r, "export.col.service_start"), EXPORT_DATE},
		{req_text(r, "export.col.commitment_start"), EXPORT_DATE},
		{req_text(r, "export.col.taken_over"), EXPORT_TEXT},
		{req_text(r, "export.col.original_employer"), EXPORT_TEXT},
		{req_text(r, "export.col.original_service_start"), EXPORT_DATE},
		{req_text(r, "export.col.original_commitment_start"), EXPORT_DATE},
		{req_text(r, "export.col.group_contract"), EXPORT_TEXT},
		{req_text(r, "export.col.vested_on"), EXPORT_DATE},
		{req_text(r, "export.col.psv"), EXPORT_TEXT},
	};
	const struct export_col icols[INSURANCE_COLS] = {
		{req_text(r, "export.col.personnel_number"), EXPORT_TEXT},
		{req_text(r, "export.col.last_name"), EXPORT_TEXT},
		{req_text(r, "export.col.first_name"), EXPORT_TEXT},
		{req_text(r, "export.col.policy_number"), EXPORT_TEXT},
		{req_text(r, "export.col.provider"), EXPORT_TEXT},
		{req_text(r, "export.col.group_contract"), EXPORT_TEXT},
		{req_text(r, "export.col.tariff"), EXPORT_TEXT},
		{req_text(r, "export.col.start_date"), EXPORT_DATE},
		{req_text(r, "export.col.contribution"), EXPORT_MONEY},
		{req_text(r, "export.col.payment_mode"), EXPORT_TEXT},
		{req_text(r, "export.col.riders"), EXPORT_TEXT},
		{req_text(r, "export.col.beneficiary"), EXPORT_TEXT},
		{req_text(r, "export.col.status"), EXPORT_TEXT},
		{req_text(r, "export.col.status_since"), EXPORT_DATE},
	};
	cr.rows.x = commitments ? export_begin(fmt, req_text(r, "export.sheet.commitments"), ccols, COMMITMENT_COLS)
	                        : export_begin(fmt, req_text(r, "export.sheet.insurance_contracts"), icols,
	                                       INSURANCE_COLS);
	if (!cr.rows.x) {
		req_error(r, ERR_INTERNAL, NULL, NULL);
		return;
	}
	if (commitments) {
		struct commitment_filter f = {req_arg(r, "q"), req_arg(r, "vehicle"), req_arg(r, "type"),
		                              req_arg(r, "financing"), employee_id};
		rc = commitment_list(r->db, r->ids[0], &f, 0, 0, NULL, export_add_commitment, &cr);
	} else {
		struct insurance_filter f = {req_arg(r, "q"),  req_arg(r, "status"),     req_arg(r, "vehicle"),
		                             employee_id,      arg_int(r, "provider"), arg_int(r, "group_contract")};
		rc = insurance_list(r->db, r->ids[0], &f, 0, 0, NULL, export_add_insurance, &cr);
	}
	export_send(r, &cr.rows, rc == APP_OK, fmt, commitments ? "commitments" : "insurance-contracts", name);
}

/* GET /employer/{eid}/commitments.csv[?employee_id=&q=&vehicle=&type=&financing=] */
void web_export_commitments_csv(struct req *r) { export_contracts(r, EXPORT_CSV, true); }

/* GET /employer/{eid}/commitments.xlsx (the same filters) */
void web_export_commitments_xlsx(struct req *r) { export_contracts(r, EXPORT_XLSX, true); }

/* GET /employer/{eid}/insurance-contracts.csv[?employee_id=&q=&status=&provider=&group_contract=&vehicle=] */
void web_export_insurance_csv(struct req *r) { export_contracts(r, EXPORT_CSV, false); }

/* GET /employer/{eid}/insurance-contracts.xlsx (the same filters) */
void web_export_insurance_xlsx(struct req *r) { export_contracts(r, EXPORT_XLSX, false); }
