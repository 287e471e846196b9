/*
 * pages_home.c — the start pages: each role lands on its own, showing real
 * data of its scope.  Operator: employers and headcounts.  Employer admin,
 * HR, tax advisor (and operator staff, broker inside an employer): the
 * employee list, searchable and paginated.  Employee: own master data.
 * Broker: the employers it holds a power of attorney for.
 */
#include "web/web.h"
#include "app/employees.h"
#include "app/employers.h"
#include "web/pages_contracts.h"
#include "web/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PAGE_SIZE = 50 };

static day_t today(const struct req *r) { return (day_t)(r->now / 86400); }

/* GET / — forward to the start page of the principal's role(s). */
void web_home(struct req *r)
{
	if (r->who.operator_role != ROLE_NONE) {
		req_redirect(r, "/operator");
		return;
	}
	json_t      *choices = json_array();
	bool         employee_seen = false, broker_seen = false;
	struct db_q *q = db_q(r->db, STMT_MEMBERSHIPS_OF_USER);
	db_bind_int(q, 1, r->who.user_id);
	while (db_step(q) == DB_ROW) {
		enum role   role = authz_role_from_code(db_col_text(q, 2));
		const char *href;
		if (role == ROLE_EMPLOYEE) {
			if (employee_seen)
				continue;
			employee_seen = true;
			href          = "/employee";
		} else if (role == ROLE_BROKER) {
			if (broker_seen)
				continue;
			broker_seen = true;
			href        = "/broker";
		} else
			href = arena_printf(&r->a, "/employer/%lld", (long long)db_col_int(q, 0));
		json_array_append_new(choices, json_pack("{s:s, s:s, s:s}", "employer_name", db_col_text(q, 1),
		                                         "role_key", authz_role_key(role), "href", href));
	}
	db_q_done(q);
	if (json_array_size(choices) == 1) {
		req_redirect(r, json_string_value(json_object_get(json_array_get(choices, 0), "href")));
		json_decref(choices);
		return;
	}
	if (!json_array_size(choices)) {
		json_decref(choices);
		req_error(r, ERR_FORBIDDEN, NULL, "err.no_role");
		return;
	}
	req_page(r, TMPL_choose, json_pack("{s:o}", "memberships", choices));
}

static void add_employer(const struct employer *e, void *ctx) { json_array_append_new(ctx, view_employer(e, VIEW_PAGE)); }

/* /operator?page=N[&q=…] */
static const char *operator_url(struct req *r, const char *q, int64_t page)
{
	struct buf b = {0};
	buf_printf(&b, "/operator?page=%lld", (long long)page);
	if (q && *q) {
		buf_adds(&b, "&q=");
		buf_add_urlenc(&b, q, strlen(q));
	}
	const char *s = arena_strdup(&r->a, b.p);
	buf_free(&b);
	return s;
}

/* GET /operator?q=&page= — all employers, by name, 50 a page. */
void web_operator_home(struct req *r)
{
	const char *q     = req_arg(r, "q");
	const char *pg    = req_arg(r, "page");
	int64_t     page  = pg ? strtoll(pg, NULL, 10) : 1;
	int64_t     total = 0;
	json_t     *list  = json_array();
	if (employers_page(r->db, q, today(r), PAGE_SIZE, (page - 1) * PAGE_SIZE, &total, add_employer, list) != APP_OK) {
		json_decref(list);
		req_error(r, ERR_INTERNAL, NULL, NULL);
		return;
	}
	int64_t pages = total ? (total + PAGE_SIZE - 1) / PAGE_SIZE : 1;
	json_t *ctx   = json_pack("{s:o, s:s, s:I, s:I, s:I}", "employers", list, "q", q ? q : "", "total",
	                          (json_int_t)total, "page", (json_int_t)page, "pages", (json_int_t)pages);
	if (page > 1)
		json_object_set_new(ctx, "prev_url", json_string(operator_url(r, q, page - 1)));
	if (page < pages)
		json_object_set_new(ctx, "next_url", json_string(operator_url(r, q, page + 1)));
	req_page(r, TMPL_home_operator, ctx);
}

static void add_broker_employer(const struct employer *e, void *ctx)
{
	if (e->role == ROLE_BROKER)
		json_array_append_new(ctx, view_employer(e, VIEW_PAGE));
}

void web_broker_home(struct req *r)
{
	json_t *list = json_array();
	employers_visible(r->db, &r->who, today(r), add_broker_employer, list);
	req_page(r, TMPL_home_broker, json_pack("{s:o}", "employers", list));
}

struct rows {
	json_t     *list;
	enum lang   lang;
	struct req *r; /* the employee portal: also the own commitments and contracts */
};

static void add_row(const struct employee *e, void *ctx)
{
	struct rows *rows = ctx;
	json_t      *card = view_employee(e, VIEW_PAGE, rows->lang);
	if (rows->r)
		contracts_portal(rows->r, e, card);
	json_array_append_new(rows->list, card);
}

struct list_rows {
	struct req  *r;
	size_t       n;
	const char **cells; /* PAGE_SIZE rows */
};

static void add_list_row(const struct employee *e, void *ctx)
{
	struct list_rows *rows = ctx;
	if (rows->n < PAGE_SIZE)
		view_employee_cells(e, rows->r->lang, &rows->r->a, rows->cells + rows->n++ * VIEW_EMPLOYEE_NCOLS);
}

void web_employee_home(struct req *r)
{
	struct rows rows = {json_array(), r->lang, r};
	employees_of_user(r->db, r->who.user_id, add_row, &rows);
	req_page(r, TMPL_home_employee, json_pack("{s:o}", "employees", rows.list));
}

static const char *page_url(struct req *r, int64_t eid, const char *q, const char *status, int64_t page)
{
	struct buf b = {0};
	buf_printf(&b, "/employer/%lld?page=%lld", (long long)eid, (long long)page);
	if (q && *q) {
		buf_adds(&b, "&q=");
		buf_add_urlenc(&b, q, strlen(q));
	}
	if (status) {
		buf_adds(&b, "&status=");
		buf_adds(&b, status); /* a code of the route's enumeration */
	}
	const char *s = arena_strdup(&r->a, b.p);
	buf_free(&b);
	return s;
}

/* GET /employer/{eid}?q=&status=&page= — without a status (the default, the
 * benchmark page) exactly the unfiltered page and its kept total. */
void web_employer_home(struct req *r)
{
	int64_t     eid = r->ids[0];
	char        name[201];
	enum app_rc rc = employer_name(r->db, eid, name, sizeof name);
	if (rc != APP_OK) {
		req_fail_app(r, rc, NULL, NULL);
		return;
	}
	const char *q     = req_arg(r, "q");
	const char *pg    = req_arg(r, "page");
	int64_t     page  = pg ? strtoll(pg, NULL, 10) : 1;
	int64_t          total = 0;
	struct list_rows rows  = {r, 0, arena_alloc(&r->a, sizeof(char *) * PAGE_SIZE * VIEW_EMPLOYEE_NCOLS)};
	const char          *status = req_arg(r, "status"); /* "", "active", "left" (the route's enumeration) */
	enum employee_status st     = !status || !*status       ? EMPLOYEES_ALL
	                              : !strcmp(status, "active") ? EMPLOYEES_ACTIVE
	                                                          : EMPLOYEES_LEFT;
	if (st == EMPLOYEES_ALL)
		status = NULL;
	rc = employees_page_status(r->db, eid, q, st, today(r), PAGE_SIZE, (page - 1) * PAGE_SIZE, &total, add_list_row,
	                           &rows);
	if (rc != APP_OK) {
		req_error(r, ERR_INTERNAL, NULL, NULL);
		return;
	}
	int64_t pages = total ? (total + PAGE_SIZE - 1) / PAGE_SIZE : 1;
	json_t *ctx   = json_pack("{s:{s:I, s:s}, s:s, s:s, s:I, s:I, s:I}", "employer", "id", (json_int_t)eid,
	                          "name", name, "role_key", authz_role_key(r->role), "q", q ? q : "", "total",
	                          (json_int_t)total, "page", (json_int_t)page, "pages", (json_int_t)pages);
	json_object_set_new(ctx, "can_write", json_boolean(authz_level(r->role, ACT_EMPLOYEE_WRITE) == AUTHZ_ALL));
	if (status) {
		json_object_set_new(ctx, "status", json_string(status));
		json_object_set_new(ctx, st == EMPLOYEES_ACTIVE ? "status_active" : "status_left", json_true());
	}
	if (page > 1)
		json_object_set_new(ctx, "prev_url", json_string(page_url(r, eid, q, status, page - 1)));
	if (page < pages)
		json_object_set_new(ctx, "next_url", json_string(page_url(r, eid, q, status, page + 1)));
	struct tmpl_table employees = {"employees", view_employee_cols, VIEW_EMPLOYEE_NCOLS, rows.n, rows.cells};
	req_page_tables(r, TMPL_home_employer, ctx, &employees, 1);
}
