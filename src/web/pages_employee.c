/*
 * pages_employee.c — the employer portal's employee pages: the detail page
 * with the change history and the create and edit forms (re-rendered with
 * the field at fault marked and the typed values kept).  The import page is
 * pages_import.c's; it shows employee fields through the two functions of
 * web/pages_employee.h.
 * Handlers stay thin: validated input, one app call, render.  They must never
 * check field rules themselves (app/employees.c owns them) nor show another
 * tenant's or, for an employee, another person's record.
 */
#include "web/web.h"
#include "app/employees.h"
#include "app/employers.h"
#include "app/history.h"
#include "core/date.h"
#include "web/pages_contracts.h"
#include "web/pages_employee.h"
#include "web/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { HISTORY_MAX = 50 };

/* Choices of the select fields (codes of app/employees; labels employee.<field>.<code>). */
static const char *const sex_codes[]    = {"f", "m", "d", "x", NULL};
static const char *const bool_codes[]   = {"true", "false", NULL};
static const char *const health_codes[] = {"statutory", "private", NULL};
static const char *const state_codes[]  = {"BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI",
                                           "NW", "RP", "SL", "SN", "ST", "SH", "TH", NULL};
static const char *const exit_codes[]   = {"resignation", "dismissal", "mutual", "fixed_term",
                                           "retirement", "death", "other", NULL};
static const char *const absence_codes[] = {"parental_leave", "sickness", NULL};

/* How each field is typed into the form (order of employee_field_names). */
static const struct form_field {
	const char *name, *type, *autocomplete, *inputmode, *hint_key;
	bool        required;
	int         maxlength;
	const char *const *options; /* type "select" */
} form_fields[EMPLOYEE_FIELDS] = {
	{"personnel_number", "text", "off", NULL, "employee.hint.personnel_number", true, 32, NULL},
	{"last_name", "text", "family-name", NULL, NULL, true, 100, NULL},
	{"first_name", "text", "given-name", NULL, NULL, true, 100, NULL},
	{"birth_date", "text", "bday", "numeric", "employee.hint.date", true, 10, NULL},
	{"entry_date", "text", "off", "numeric", "employee.hint.date", false, 10, NULL},
	{"exit_date", "text", "off", "numeric", "employee.hint.date", false, 10, NULL},
	{"email", "email", "email", "email", NULL, false, 254, NULL},
	{"iban", "text", "off", NULL, "employee.hint.iban", false, 42, NULL},
	{"svnr", "text", "off", NULL, "employee.hint.svnr", false, 14, NULL},
	{"steuer_id", "text", "off", "numeric", "employee.hint.steuer_id", false, 14, NULL},
	{"tax_class", "text", "off", "numeric", "employee.hint.tax_class", false, 1, NULL},
	{"monthly_gross", "text", "off", "decimal", "employee.hint.monthly_gross", false, 20, NULL},
	{"sex", "select", "sex", NULL, NULL, false, 0, sex_codes},
	{"street", "text", "street-address", NULL, NULL, false, 100, NULL},
	{"postcode", "text", "postal-code", "numeric", "employee.hint.postcode", false, 5, NULL},
	{"city", "text", "address-level2", NULL, NULL, false, 100, NULL},
	{"phone", "tel", "tel", "tel", "employee.hint.phone", false, 30, NULL},
	{"child_allowances", "text", "off", "decimal", "employee.hint.child_allowances", false, 4, NULL},
	{"church_tax", "select", "off", NULL, NULL, false, 0, bool_codes},
	{"health_insurance", "select", "off", NULL, NULL, false, 0, health_codes},
	{"health_additional_rate", "text", "off", "decimal", "employee.hint.health_additional_rate", false, 6, NULL},
	{"federal_state", "select", "off", NULL, NULL, false, 0, state_codes},
	{"probation_end", "text", "off", "numeric", "employee.hint.date", false, 10, NULL},
	{"exit_reason", "select", "off", NULL, NULL, false, 0, exit_codes},
	{"weekly_hours", "text", "off", "decimal", "employee.hint.weekly_hours", false, 6, NULL},
};

/* The detail page's groups: field indices, -1 ends a group. */
static const struct {
	const char *title_key;
	int         fields[10];
} groups[] = {
	{"employee.group.person", {0, 1, 2, 3, 12, -1}},
	{"employee.group.contact", {13, 14, 15, 6, 16, 7, -1}},
	{"employee.group.tax", {8, 9, 10, 17, 18, 21, 19, 20, -1}},
	{"employee.group.employment", {4, 22, 5, 23, 24, 11, -1}},
};

static bool employer_or_404(struct req *r, char *name, size_t namesz)
{
	enum app_rc rc = employer_name(r->db, r->ids[0], name, namesz);
	if (rc != APP_OK) {
		req_fail_app(r, rc, NULL, NULL);
		return false;
	}
	return true;
}

static bool can_write(const struct req *r) { return authz_level(r->role, ACT_EMPLOYEE_WRITE) == AUTHZ_ALL; }

static bool is_date_field(const char *field)
{
	size_t n = strlen(field);
	return (n > 5 && !strcmp(field + n - 5, "_date")) || !strcmp(field, "probation_end") ||
	       !strcmp(field, "valid_from");
}

static const char *date_display(struct req *r, day_t d)
{
	char s[11];
	(r->lang == LANG_DE ? date_format_de : date_format_iso)(d, s);
	return arena_strdup(&r->a, s);
}

static const char *money_display(struct req *r, int64_t cents)
{
	char m[48];
	view_money(cents, r->lang, m, sizeof m);
	return arena_strdup(&r->a, m);
}

/* "38.50" → "38,50" for a German reader. */
static const char *decimal_display(struct req *r, const char *v)
{
	char *c = arena_strdup(&r->a, v), *dot = strchr(c, '.');
	if (dot && r->lang == LANG_DE)
		*dot = ',';
	return c;
}

/* A stored field value (ISO dates, "4100.00", codes) as the reader expects it. */
static const char *field_display(struct req *r, const char *field, const char *v)
{
	if (!v || !*v)
		return NULL;
	day_t   d;
	int64_t cents;
	if (is_date_field(field) && date_parse(v, strlen(v), &d))
		return date_display(r, d);
	if (!strcmp(field, "monthly_gross") && employee_parse_euros(v, &cents))
		return money_display(r, cents);
	if (!strcmp(field, "sex") || !strcmp(field, "church_tax") || !strcmp(field, "health_insurance") ||
	    !strcmp(field, "federal_state") || !strcmp(field, "exit_reason"))
		return req_text(r, arena_printf(&r->a, "employee.%s.%s", field, v));
	if (!strcmp(field, "health_additional_rate"))
		return arena_printf(&r->a, "%s\u00a0%%", decimal_display(r, v));
	if (!strcmp(field, "child_allowances") || !strcmp(field, "weekly_hours"))
		return decimal_display(r, v);
	/* history of the salary and absence lists: "2026-01-01 4100.00", "sickness 2026-01-01 2026-02-01" */
	char    a[16], b[16], c[24];
	day_t   d2;
	int     n;
	if (!strcmp(field, "salary") && sscanf(v, "%10s %20s", a, c) == 2 && date_parse(a, strlen(a), &d) &&
	    employee_parse_euros(c, &cents))
		return arena_printf(&r->a, "%s: %s", date_display(r, d), money_display(r, cents));
	if (!strcmp(field, "absence") && (n = sscanf(v, "%15s %10s %10s", c, a, b)) >= 2 && date_parse(a, strlen(a), &d)) {
		const char *kind = req_text(r, arena_printf(&r->a, "employee.absence.%s", c));
		if (n == 3 && date_parse(b, strlen(b), &d2))
			return arena_printf(&r->a, "%s %s – %s", kind, date_display(r, d), date_display(r, d2));
		return arena_printf(&r->a, "%s %s – %s", kind, date_display(r, d), req_text(r, "employee.absence.open"));
	}
	return v;
}

/* "22.11.2026, 14:05 UTC" — times are stored and shown in UTC. */
static const char *time_display(struct req *r, int64_t at)
{
	char  d[11];
	day_t day = (day_t)(at >= 0 ? at / 86400 : (at - 86399) / 86400);
	int   s   = (int)(at - (int64_t)day * 86400);
	(r->lang == LANG_DE ? date_format_de : date_format_iso)(day, d);
	return arena_printf(&r->a, "%s, %02d:%02d UTC", d, s / 3600, s / 60 % 60);
}

static const char *field_label_key(struct req *r, const char *field) { return arena_printf(&r->a, "field.%s", field); }

const char *employee_field_display(struct req *r, const char *field, const char *v) { return field_display(r, field, v); }
const char *employee_field_label_key(struct req *r, const char *field) { return field_label_key(r, field); }

/* ---- detail ------------------------------------------------------------------ */

struct hist_ctx {
	struct req *r;
	json_t     *list;
};

static void add_history(const struct history_entry *h, void *vctx)
{
	struct hist_ctx *c = vctx;
	struct req      *r = c->r;
	json_t *o = json_pack("{s:s, s:s, s:s}", "at", time_display(r, h->at), "action_key",
	                      arena_printf(&r->a, "history.action.%s", h->action ? h->action : "update"), "who",
	                      h->user_name ? h->user_name : req_text(r, "history.cli"));
	if (h->field) {
		const char *o_v = field_display(r, h->field, h->old_value), *n_v = field_display(r, h->field, h->new_value);
		json_object_set_new(o, "field_key", json_string(field_label_key(r, h->field)));
		json_object_set_new(o, "old", o_v ? json_string(o_v) : json_null());
		json_object_set_new(o, "new", n_v ? json_string(n_v) : json_null());
	}
	json_array_append_new(c->list, o);
}

static void add_salary_row(const struct employee_salary *s, void *vctx)
{
	struct hist_ctx *c = vctx;
	json_array_append_new(c->list, json_pack("{s:s, s:s}", "valid_from", date_display(c->r, s->valid_from),
	                                         "monthly_gross", money_display(c->r, s->monthly_gross_cents)));
}

static void add_absence_row(const struct employee_absence *a, void *vctx)
{
	struct hist_ctx *c = vctx;
	json_array_append_new(c->list, json_pack("{s:s, s:s, s:s?}", "kind_key",
	                                         arena_printf(&c->r->a, "employee.absence.%s", a->kind), "from_date",
	                                         date_display(c->r, a->from_date), "to_date",
	                                         a->has_to ? date_display(c->r, a->to_date) : NULL));
}

/* The typed values of a refused add form, and its error. */
struct detail_form {
	const char           *form; /* "salary" | "absence" */
	const struct app_err *err;
	const char           *v[3];
};

static json_t *detail_input(struct req *r, const char *name, const char *value, const struct detail_form *df,
                            const char *form)
{
	json_t *o = json_pack("{s:s, s:s, s:s}", "name", name, "label_key", field_label_key(r, name), "value",
	                      value ? value : "");
	if (df && !strcmp(df->form, form) && df->err->field && !strcmp(df->err->field, name))
		json_object_set_new(o, "error", json_string(req_text(r, df->err->key ? df->err->key : "valid.invalid")));
	return o;
}

static void detail_page(struct req *r, const struct detail_form *df, const struct contract_form *cf)
{
	char name[201];
	if (!employer_or_404(r, name, sizeof name))
		return;
	struct employee e;
	enum app_rc     rc = employee_get(r->db, r->ids[0], r->ids[1], &e);
	if (rc != APP_OK || (r->level == AUTHZ_OWN && e.user_id != r->who.user_id)) {
		req_error(r, rc == APP_ERROR ? ERR_INTERNAL : ERR_NOT_FOUND, NULL, NULL);
		return;
	}
	json_t *view = view_employee(&e, VIEW_PAGE, r->lang);
	json_t *grps = json_array();
	for (size_t g = 0; g < sizeof groups / sizeof *groups; g++) {
		json_t *fields = json_array();
		for (const int *f = groups[g].fields; *f >= 0; f++) {
			char t[300];
			employee_field_text(&e, *f, t, sizeof t);
			const char *n = employee_field_names[*f], *v = field_display(r, n, arena_strdup(&r->a, t));
			json_array_append_new(fields, json_pack("{s:s, s:s, s:s?}", "name", n, "label_key",
			                                        field_label_key(r, n), "value", v));
		}
		json_array_append_new(grps, json_pack("{s:s, s:s, s:o}", "id", groups[g].title_key + 15, "title_key",
		                                       groups[g].title_key, "fields", fields));
	}
	struct hist_ctx hc = {r, json_array()}, sc = {r, json_array()}, ac = {r, json_array()};
	history_list(r->db, r->ids[0], "employee", e.id, HISTORY_MAX, add_history, &hc);
	employee_salaries(r->db, r->ids[0], e.id, add_salary_row, &sc);
	employee_absences(r->db, r->ids[0], e.id, add_absence_row, &ac);
	json_t *ctx = json_pack("{s:{s:I, s:s}, s:o, s:o, s:o, s:o, s:o, s:b}", "employer", "id", (json_int_t)r->ids[0],
	                        "name", name, "employee", view, "groups", grps, "history", hc.list, "salaries", sc.list,
	                        "absences", ac.list, "can_write", can_write(r));
	/* the commitments and contracts lists link their exports (action employee.list) */
	json_object_set_new(ctx, "can_export", json_boolean(authz_level(r->role, ACT_EMPLOYEE_LIST) == AUTHZ_ALL));
	json_object_set_new(ctx, "can_net_cost", json_boolean(authz_level(r->role, ACT_NET_COST) != AUTHZ_DENY));
	if (can_write(r)) {
		bool s_typed = df && !strcmp(df->form, "salary"), a_typed = df && !strcmp(df->form, "absence");
		json_t *sf = json_array(), *af = json_array(), *kinds = json_array();
		json_array_append_new(sf, detail_input(r, "valid_from", s_typed ? df->v[0] : NULL, df, "salary"));
		json_array_append_new(sf, detail_input(r, "monthly_gross", s_typed ? df->v[1] : NULL, df, "salary"));
		for (const char *const *k = absence_codes; *k; k++)
			json_array_append_new(kinds, json_pack("{s:s, s:s, s:b}", "value", *k, "label_key",
			                                       arena_printf(&r->a, "employee.absence.%s", *k), "selected",
			                                       a_typed && df->v[0] && !strcmp(df->v[0], *k)));
		json_t *kind = detail_input(r, "kind", NULL, df, "absence");
		json_object_set_new(kind, "options", kinds);
		json_array_append_new(af, detail_input(r, "from_date", a_typed ? df->v[1] : NULL, df, "absence"));
		json_array_append_new(af, detail_input(r, "to_date", a_typed ? df->v[2] : NULL, df, "absence"));
		json_object_set_new(ctx, "salary_form", sf);
		json_object_set_new(ctx, "absence_kind", kind);
		json_object_set_new(ctx, "absence_form", af);
		if (df && !df->err->field)
			json_object_set_new(ctx, s_typed ? "salary_error" : "absence_error",
			                    json_string(req_text(r, df->err->key ? df->err->key : "valid.invalid")));
	}
	contracts_section(r, ctx, &e, can_write(r), cf);
	req_page(r, TMPL_employee_detail, ctx);
	if (df)
		r->status = http_err_status(req_app_err(df->err->rc));
	if (cf)
		r->status = http_err_status(req_app_err(cf->err->rc));
}

/* GET /employer/{eid}/employees/{id} */
void web_employee_detail(struct req *r) { detail_page(r, NULL, NULL); }
void web_employee_detail_with(struct req *r, const struct contract_form *cf) { detail_page(r, NULL, cf); }

/* POST /employer/{eid}/employees/{id}/salaries and …/absences: add, back to the page. */
static void detail_add(struct req *r, bool salary)
{
	struct detail_form df = {salary ? "salary" : "absence", NULL, {NULL, NULL, NULL}};
	if (salary) {
		df.v[0] = req_arg(r, "valid_from");
		df.v[1] = req_arg(r, "monthly_gross");
	} else {
		df.v[0] = req_arg(r, "kind");
		df.v[1] = req_arg(r, "from_date");
		df.v[2] = req_arg(r, "to_date");
	}
	if (db_begin_write(r->db) != DB_OK) {
		req_error(r, ERR_UNAVAILABLE, NULL, NULL);
		return;
	}
	struct app_err e = salary ? employee_salary_add(r->db, r->ids[0], r->ids[1], df.v[0], df.v[1], r->now,
	                                                r->who.user_id, NULL)
	                          : employee_absence_add(r->db, r->ids[0], r->ids[1], df.v[0], df.v[1], df.v[2],
	                                                 r->now, r->who.user_id, NULL);
	if (e.rc == APP_OK && db_commit(r->db) != DB_OK)
		e = (struct app_err){APP_ERROR, NULL, "err.internal"};
	if (e.rc != APP_OK) {
		db_rollback(r->db);
		if (e.rc == APP_ERROR || e.rc == APP_NOT_FOUND)
			req_fail_app(r, e.rc, NULL, NULL);
		else {
			df.err = &e;
			detail_page(r, &df, NULL);
		}
		return;
	}
	req_redirect(r, arena_printf(&r->a, "/employer/%lld/employees/%lld#%s", (long long)r->ids[0],
	                             (long long)r->ids[1], salary ? "salaries-title" : "absences-title"));
}

void web_employee_salary_add(struct req *r) { detail_add(r, true); }
void web_employee_absence_add(struct req *r) { detail_add(r, false); }

/* ---- create and edit ------------------------------------------------------------ */

/* The form's fields with their values (typed, or stored) and errors. */
static json_t *form_json(struct req *r, const char *const values[EMPLOYEE_FIELDS], const struct app_err *err)
{
	json_t *list = json_array();
	for (int i = 0; i < EMPLOYEE_FIELDS; i++) {
		const struct form_field *f = &form_fields[i];
		if (!f->type)
			continue;
		json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:i}", "name", f->name, "label_key",
		                      field_label_key(r, f->name), "value", values[i] ? values[i] : "", "type", f->type,
		                      "autocomplete", f->autocomplete, "required", f->required, "maxlength",
		                      f->maxlength);
		if (f->inputmode)
			json_object_set_new(o, "inputmode", json_string(f->inputmode));
		if (f->hint_key)
			json_object_set_new(o, "hint_key", json_string(f->hint_key));
		if (f->options) {
			json_t *opts = json_array();
			for (const char *const *c = f->options; *c; c++)
				json_array_append_new(opts, json_pack("{s:s, s:s, s:b}", "value", *c, "label_key",
				                                      arena_printf(&r->a, "employee.%s.%s", f->name, *c),
				                                      "selected", values[i] && !strcmp(values[i], *c)));
			json_object_set_new(o, "options", opts);
		}
		if (err && err->field && !strcmp(err->field, f->name))
			json_object_set_new(o, "error", json_string(req_text(r, err->key ? err->key : "valid.invalid")));
		json_array_append_new(list, o);
	}
	return list;
}

static bool field_known(const char *field)
{
	for (int i = 0; field && i < EMPLOYEE_FIELDS; i++)
		if (!strcmp(field, employee_field_names[i]))
			return true;
	return false;
}

static void form_page(struct req *r, const char *employer, int64_t id, const char *const values[EMPLOYEE_FIELDS],
                      const struct app_err *err)
{
	const char *action = id ? arena_printf(&r->a, "/employer/%lld/employees/%lld/edit", (long long)r->ids[0], (long long)id)
	                        : arena_printf(&r->a, "/employer/%lld/employees/new", (long long)r->ids[0]);
	json_t *ctx = json_pack("{s:{s:I, s:s}, s:s, s:s, s:o}", "employer", "id", (json_int_t)r->ids[0], "name",
	                        employer, "action", action, "title_key",
	                        id ? "employee.form.edit_title" : "employee.form.new_title", "fields",
	                        form_json(r, values, err));
	if (id)
		json_object_set_new(ctx, "cancel", json_string(arena_printf(&r->a, "/employer/%lld/employees/%lld",
		                                                             (long long)r->ids[0], (long long)id)));
	else
		json_object_set_new(ctx, "cancel", json_string(arena_printf(&r->a, "/employer/%lld", (long long)r->ids[0])));
	if (err) {
		json_object_set_new(ctx, "error_summary", json_string(req_text(r, "employee.form.error_summary")));
		if (!field_known(err->field))
			json_object_set_new(ctx, "error_form", json_string(req_text(r, err->key ? err->key : "valid.invalid")));
	}
	req_page(r, TMPL_employee_form, ctx);
	if (err)
		r->status = http_err_status(req_app_err(err->rc));
}

/* Stored values as the form shows them: dates in the reader's format, euros
 * without grouping (what employee_parse_euros reads back). */
static void stored_values(struct req *r, const struct employee *e, const char *values[EMPLOYEE_FIELDS])
{
	for (int i = 0; i < EMPLOYEE_FIELDS; i++) {
		char t[300];
		employee_field_text(e, i, t, sizeof t);
		const char *f = employee_field_names[i];
		if (!strcmp(f, "monthly_gross") || !strcmp(f, "child_allowances") ||
		    !strcmp(f, "health_additional_rate") || !strcmp(f, "weekly_hours"))
			values[i] = decimal_display(r, t);
		else if (form_fields[i].options)
			values[i] = arena_strdup(&r->a, t); /* codes, as the select sends them */
		else
			values[i] = field_display(r, f, arena_strdup(&r->a, t));
	}
}

/* The typed values, NULL when absent; for a new record "" becomes NULL too. */
static void typed_values(struct req *r, bool create, const char *values[EMPLOYEE_FIELDS], struct employee_input *in)
{
	for (int i = 0; i < EMPLOYEE_FIELDS; i++) {
		const char *v = req_arg(r, employee_field_names[i]);
		values[i]     = v;
		if (create && v && !*v)
			values[i] = NULL;
	}
	*in = (struct employee_input){0};
	for (int i = 0; i < EMPLOYEE_FIELDS; i++)
		*employee_input_field(in, i) = values[i];
}

/* GET /employer/{eid}/employees/new */
void web_employee_new_form(struct req *r)
{
	char name[201];
	if (!employer_or_404(r, name, sizeof name))
		return;
	const char *values[EMPLOYEE_FIELDS] = {0};
	form_page(r, name, 0, values, NULL);
}

/* POST /employer/{eid}/employees/new */
void web_employee_create(struct req *r)
{
	char name[201];
	if (!employer_or_404(r, name, sizeof name))
		return;
	const char           *values[EMPLOYEE_FIELDS];
	struct employee_input in;
	typed_values(r, true, values, &in);
	if (db_begin_write(r->db) != DB_OK) {
		req_error(r, ERR_UNAVAILABLE, NULL, NULL);
		return;
	}
	int64_t        id = 0;
	struct app_err e  = employee_create(r->db, r->ids[0], &in, r->now, r->who.user_id, &id);
	if (e.rc == APP_OK && db_commit(r->db) != DB_OK)
		e = (struct app_err){APP_ERROR, NULL, "err.internal"};
	if (e.rc != APP_OK) {
		db_rollback(r->db);
		if (e.rc == APP_ERROR)
			req_fail_app(r, e.rc, NULL, NULL);
		else
			form_page(r, name, 0, values, &e);
		return;
	}
	req_redirect(r, arena_printf(&r->a, "/employer/%lld/employees/%lld", (long long)r->ids[0], (long long)id));
}

/* GET /employer/{eid}/employees/{id}/edit */
void web_employee_edit_form(struct req *r)
{
	char name[201];
	if (!employer_or_404(r, name, sizeof name))
		return;
	struct employee e;
	enum app_rc     rc = employee_get(r->db, r->ids[0], r->ids[1], &e);
	if (rc != APP_OK) {
		req_fail_app(r, rc, NULL, NULL);
		return;
	}
	const char *values[EMPLOYEE_FIELDS];
	stored_values(r, &e, values);
	form_page(r, name, e.id, values, NULL);
}

/* POST /employer/{eid}/employees/{id}/edit */
void web_employee_update(struct req *r)
{
	char name[201];
	if (!employer_or_404(r, name, sizeof name))
		return;
	const char           *values[EMPLOYEE_FIELDS];
	struct employee_input in;
	typed_values(r, false, values, &in);
	if (db_begin_write(r->db) != DB_OK) {
		req_error(r, ERR_UNAVAILABLE, NULL, NULL);
		return;
	}
	struct app_err e = employee_update(r->db, r->ids[0], r->ids[1], &in, r->now, r->who.user_id);
	if (e.rc == APP_OK && db_commit(r->db) != DB_OK)
		e = (struct app_err){APP_ERROR, NULL, "err.internal"};
	if (e.rc != APP_OK) {
		db_rollback(r->db);
		if (e.rc == APP_ERROR || e.rc == APP_NOT_FOUND)
			req_fail_app(r, e.rc, NULL, NULL);
		else
			form_page(r, name, r->ids[1], values, &e);
		return;
	}
	req_redirect(r, arena_printf(&r->a, "/employer/%lld/employees/%lld", (long long)r->ids[0], (long long)r->ids[1]));
}
