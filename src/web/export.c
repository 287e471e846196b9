/*
 * export.c (web) — owns the download handlers for list exports:
 * GET /employer/{eid}/employees.csv and .xlsx — the HR employee list with the
 * same filter (q) and order as the page, every row, not one page;
 * GET /employer/{eid}/group-contracts.csv and .xlsx — the employer's group
 * contracts, every row, in the order of the group contracts page.
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
	const char *q     = req_arg(r, "q");
	int64_t     total = 0;
	for (int64_t offset = 0;; offset += EXPORT_CHUNK) {
		int64_t before = rows.n;
		rc = employees_page(r->db, eid, q, EXPORT_CHUNK, offset, &total, export_add_employee, &rows);
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

/* GET /employer/{eid}/employees.csv?q= */
void web_export_employees_csv(struct req *r) { export_employees(r, EXPORT_CSV); }

/* GET /employer/{eid}/employees.xlsx?q= */
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
