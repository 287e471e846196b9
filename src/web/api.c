/*
 * api.c — the JSON API /api/v1 (docs/api.md).  Same use cases as the pages;
 * money in cents, ISO dates, errors as {"error":{code,message,field}}.
 */
#include "web/web.h"
#include "app/employees.h"
#include "app/employers.h"
#include "web/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { API_LIMIT_DEFAULT = 100 };

static day_t today(const struct req *r) { return (day_t)(r->now / 86400); }

void web_api_me(struct req *r)
{
	json_t      *ms = json_array();
	struct db_q *q  = db_q(r->db, STMT_MEMBERSHIPS_OF_USER);
	db_bind_int(q, 1, r->who.user_id);
	while (db_step(q) == DB_ROW)
		json_array_append_new(ms, json_pack("{s:I, s:s, s:s}", "employer_id", (json_int_t)db_col_int(q, 0),
		                                    "employer_name", db_col_text(q, 1), "role", db_col_text(q, 2)));
	db_q_done(q);
	json_t *op = r->who.operator_role == ROLE_OPERATOR_ADMIN   ? json_string("admin")
	             : r->who.operator_role == ROLE_OPERATOR_CLERK ? json_string("clerk")
	                                                           : json_null();
	req_json(r, 200, json_pack("{s:{s:I, s:s, s:s}, s:o, s:o}", "user", "id", (json_int_t)r->who.user_id,
	                           "email", r->who.email, "name", r->who.name, "memberships", ms,
	                           "operator_role", op));
}

static void add_employer(const struct employer *e, void *ctx) { json_array_append_new(ctx, view_employer(e, VIEW_API)); }

void web_api_employers(struct req *r)
{
	json_t *items = json_array();
	if (employers_visible(r->db, &r->who, today(r), add_employer, items) < 0) {
		json_decref(items);
		req_error(r, ERR_INTERNAL, NULL, NULL);
		return;
	}
	req_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

static void add_employee(const struct employee *e, void *ctx)
{
	json_array_append_new(ctx, view_employee(e, VIEW_API, LANG_EN));
}

void web_api_employee_list(struct req *r)
{
	const char *lim = req_arg(r, "limit"), *cur = req_arg(r, "cursor");
	int64_t     limit = lim ? strtoll(lim, NULL, 10) : API_LIMIT_DEFAULT;
	int64_t     after = cur ? strtoll(cur, NULL, 10) : 0, next = 0;
	json_t     *items = json_array();
	if (employees_after(r->db, r->ids[0], req_arg(r, "q"), after, limit, &next, add_employee, items) != APP_OK) {
		json_decref(items);
		req_error(r, ERR_INTERNAL, NULL, NULL);
		return;
	}
	req_json(r, 200, json_pack("{s:o, s:o}", "items", items, "next_cursor",
	                           next ? json_sprintf("%lld", (long long)next) : json_null()));
}

/* The API's typed fields to the text input of app/employees. */
static void input_from_args(struct req *r, struct employee_input *in)
{
	memset(in, 0, sizeof *in);
	in->personnel_number = req_arg(r, "personnel_number");
	in->last_name        = req_arg(r, "last_name");
	in->first_name       = req_arg(r, "first_name");
	in->birth_date       = req_arg(r, "birth_date");
	in->entry_date       = req_arg(r, "entry_date");
	in->exit_date        = req_arg(r, "exit_date");
	in->email            = req_arg(r, "email");
	in->iban             = req_arg(r, "iban");
	in->svnr             = req_arg(r, "svnr");
	in->steuer_id        = req_arg(r, "steuer_id");
	in->tax_class        = req_arg(r, "tax_class");
	const char *cents    = req_arg(r, "monthly_gross_cents");
	if (cents && *cents) {
		long long c       = strtoll(cents, NULL, 10);
		in->monthly_gross = arena_printf(&r->a, "%lld.%02lld", c / 100, c % 100);
	} else
		in->monthly_gross = cents;
}

static void send_employee(struct req *r, int status, int64_t id)
{
	struct employee e;
	enum app_rc     rc = employee_get(r->db, r->ids[0], id, &e);
	if (rc != APP_OK || (r->level == AUTHZ_OWN && e.user_id != r->who.user_id)) {
		req_error(r, ERR_NOT_FOUND, NULL, NULL);
		return;
	}
	req_json(r, status, view_employee(&e, VIEW_API, LANG_EN));
}

void web_api_employee_get(struct req *r) { send_employee(r, 200, r->ids[1]); }

void web_api_employee_create(struct req *r)
{
	struct employee_input in;
	input_from_args(r, &in);
	int64_t id = 0;
	if (db_begin_write(r->db) != DB_OK) {
		req_error(r, ERR_UNAVAILABLE, NULL, NULL);
		return;
	}
	struct app_err e = employee_create(r->db, r->ids[0], &in, r->now, r->who.user_id, &id);
	if (e.rc != APP_OK || db_commit(r->db) != DB_OK) {
		db_rollback(r->db);
		req_fail_app(r, e.rc ? (int)e.rc : APP_ERROR, e.field, e.key);
		return;
	}
	req_header(r, "Location", arena_printf(&r->a, "/api/v1/employers/%lld/employees/%lld",
	                                       (long long)r->ids[0], (long long)id));
	send_employee(r, 201, id);
}

void web_api_employee_patch(struct req *r)
{
	struct employee_input in;
	input_from_args(r, &in);
	if (db_begin_write(r->db) != DB_OK) {
		req_error(r, ERR_UNAVAILABLE, NULL, NULL);
		return;
	}
	struct app_err e = employee_update(r->db, r->ids[0], r->ids[1], &in, r->now, r->who.user_id);
	if (e.rc != APP_OK || db_commit(r->db) != DB_OK) {
		db_rollback(r->db);
		req_fail_app(r, e.rc ? (int)e.rc : APP_ERROR, e.field, e.key);
		return;
	}
	send_employee(r, 200, r->ids[1]);
}
