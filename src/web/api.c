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
	in->sex              = req_arg(r, "sex");
	in->street           = req_arg(r, "street");
	in->postcode         = req_arg(r, "postcode");
	in->city             = req_arg(r, "city");
	in->phone            = req_arg(r, "phone");
	in->church_tax       = req_arg(r, "church_tax");
	in->health_insurance = req_arg(r, "health_insurance");
	in->federal_state    = req_arg(r, "federal_state");
	in->probation_end    = req_arg(r, "probation_end");
	in->exit_reason      = req_arg(r, "exit_reason");
	/* integers in their unit (tenths, basis points, hundredths) to decimal text */
	const char *v;
	if ((v = req_arg(r, "child_allowance_tenths")) && *v) {
		long long t          = strtoll(v, NULL, 10);
		in->child_allowances = arena_printf(&r->a, "%lld.%lld", t / 10, t % 10);
	} else
		in->child_allowances = v;
	if ((v = req_arg(r, "health_additional_bp")) && *v) {
		long long bp               = strtoll(v, NULL, 10);
		in->health_additional_rate = arena_printf(&r->a, "%lld.%02lld", bp / 100, bp % 100);
	} else
		in->health_additional_rate = v;
	if ((v = req_arg(r, "weekly_hours_centi")) && *v) {
		long long h      = strtoll(v, NULL, 10);
		in->weekly_hours = arena_printf(&r->a, "%lld.%02lld", h / 100, h % 100);
	} else
		in->weekly_hours = v;
}

/* The record's field names (app/employees) as the API names them. */
static const char *api_field(const char *field)
{
	static const char *const map[][2] = {{"child_allowances", "child_allowance_tenths"},
	                                     {"health_additional_rate", "health_additional_bp"},
	                                     {"weekly_hours", "weekly_hours_centi"}};
	for (size_t i = 0; field && i < sizeof map / sizeof *map; i++)
		if (!strcmp(field, map[i][0]))
			return map[i][1];
	return field;
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
		req_fail_app(r, e.rc ? (int)e.rc : APP_ERROR, api_field(e.field), e.key);
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
		req_fail_app(r, e.rc ? (int)e.rc : APP_ERROR, api_field(e.field), e.key);
		return;
	}
	send_employee(r, 200, r->ids[1]);
}

/* ---- salary history and absences ----------------------------------------------- */

static bool employee_visible(struct req *r)
{
	struct employee e;
	enum app_rc     rc = employee_get(r->db, r->ids[0], r->ids[1], &e);
	if (rc != APP_OK || (r->level == AUTHZ_OWN && e.user_id != r->who.user_id)) {
		req_error(r, rc == APP_ERROR ? ERR_INTERNAL : ERR_NOT_FOUND, NULL, NULL);
		return false;
	}
	return true;
}

static json_t *iso_date(day_t d)
{
	char s[11];
	date_format_iso(d, s);
	return json_string(s);
}

static void add_salary(const struct employee_salary *s, void *ctx)
{
	json_array_append_new(ctx, json_pack("{s:I, s:o, s:I}", "id", (json_int_t)s->id, "valid_from",
	                                     iso_date(s->valid_from), "monthly_gross_cents",
	                                     (json_int_t)s->monthly_gross_cents));
}

static void add_absence(const struct employee_absence *a, void *ctx)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:o, s:o}", "id", (json_int_t)a->id, "kind", a->kind,
	                                     "from_date", iso_date(a->from_date), "to_date",
	                                     a->has_to ? iso_date(a->to_date) : json_null()));
}

static void send_details(struct req *r, int status, bool salaries)
{
	json_t     *items = json_array();
	enum app_rc rc    = salaries ? employee_salaries(r->db, r->ids[0], r->ids[1], add_salary, items)
	                             : employee_absences(r->db, r->ids[0], r->ids[1], add_absence, items);
	if (rc != APP_OK) {
		json_decref(items);
		req_error(r, ERR_INTERNAL, NULL, NULL);
		return;
	}
	req_json(r, status, json_pack("{s:o}", "items", items));
}

/* GET /api/v1/employers/{eid}/employees/{id}/salaries */
void web_api_salaries(struct req *r)
{
	if (employee_visible(r))
		send_details(r, 200, true);
}

/* GET /api/v1/employers/{eid}/employees/{id}/absences */
void web_api_absences(struct req *r)
{
	if (employee_visible(r))
		send_details(r, 200, false);
}

/* POST …/salaries {valid_from, monthly_gross_cents} and …/absences {kind, from_date, to_date} */
static void add_detail(struct req *r, bool salary)
{
	if (db_begin_write(r->db) != DB_OK) {
		req_error(r, ERR_UNAVAILABLE, NULL, NULL);
		return;
	}
	int64_t        id = 0;
	struct app_err e;
	if (salary) {
		const char *cents = req_arg(r, "monthly_gross_cents"), *euros = NULL;
		if (cents && *cents) {
			long long c = strtoll(cents, NULL, 10);
			euros       = arena_printf(&r->a, "%lld.%02lld", c / 100, c % 100);
		}
		e = employee_salary_add(r->db, r->ids[0], r->ids[1], req_arg(r, "valid_from"), euros, r->now,
		                        r->who.user_id, &id);
		if (e.field && !strcmp(e.field, "monthly_gross"))
			e.field = "monthly_gross_cents";
	} else
		e = employee_absence_add(r->db, r->ids[0], r->ids[1], req_arg(r, "kind"), req_arg(r, "from_date"),
		                         req_arg(r, "to_date"), r->now, r->who.user_id, &id);
	if (e.rc != APP_OK || db_commit(r->db) != DB_OK) {
		db_rollback(r->db);
		req_fail_app(r, e.rc ? (int)e.rc : APP_ERROR, e.field, e.key);
		return;
	}
	send_details(r, 201, salary);
}

void web_api_salary_add(struct req *r) { add_detail(r, true); }
void web_api_absence_add(struct req *r) { add_detail(r, false); }
