/*
 * pages_employee.c — the employer portal's employee pages: the detail page
 * with the change history, the create and edit forms (re-rendered with the
 * field at fault marked and the typed values kept), and the import page
 * (upload, dry run or commit, the report as a page).
 * Handlers stay thin: validated input, one app call, render.  They must never
 * check field rules themselves (app/employees.c owns them) nor show another
 * tenant's or, for an employee, another person's record.
 */
#include "web/web.h"
#include "app/employees.h"
#include "app/employers.h"
#include "app/history.h"
#include "app/import.h"
#include "core/date.h"
#include "http/multipart.h"
#include "web/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { HISTORY_MAX = 50 };

/* How each of the 12 fields is typed into the form. */
static const struct form_field {
	const char *name, *type, *autocomplete, *inputmode, *hint_key;
	bool        required;
	int         maxlength;
} form_fields[EMPLOYEE_FIELDS] = {
	{"personnel_number", "text", "off", NULL, "employee.hint.personnel_number", true, 32},
	{"last_name", "text", "family-name", NULL, NULL, true, 100},
	{"first_name", "text", "given-name", NULL, NULL, true, 100},
	{"birth_date", "text", "bday", "numeric", "employee.hint.date", true, 10},
	{"entry_date", "text", "off", "numeric", "employee.hint.date", false, 10},
	{"exit_date", "text", "off", "numeric", "employee.hint.date", false, 10},
	{"email", "email", "email", "email", NULL, false, 254},
	{"iban", "text", "off", NULL, "employee.hint.iban", false, 42},
	{"svnr", "text", "off", NULL, "employee.hint.svnr", false, 14},
	{"steuer_id", "text", "off", "numeric", "employee.hint.steuer_id", false, 14},
	{"tax_class", "text", "off", "numeric", "employee.hint.tax_class", false, 1},
	{"monthly_gross", "text", "off", "decimal", "employee.hint.monthly_gross", false, 20},
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

/* A stored field value (ISO dates, "4100.00") as the reader expects it. */
static const char *field_display(struct req *r, const char *field, const char *v)
{
	if (!v || !*v)
		return NULL;
	day_t   d;
	int64_t cents;
	size_t  n = strlen(field);
	if (n > 5 && !strcmp(field + n - 5, "_date") && date_parse(v, strlen(v), &d)) {
		char s[11];
		(r->lang == LANG_DE ? date_format_de : date_format_iso)(d, s);
		return arena_strdup(&r->a, s);
	}
	if (!strcmp(field, "monthly_gross") && employee_parse_euros(v, &cents)) {
		char m[48];
		view_money(cents, r->lang, m, sizeof m);
		return arena_strdup(&r->a, m);
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

/* GET /employer/{eid}/employees/{id} */
void web_employee_detail(struct req *r)
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
	json_t *view   = view_employee(&e, VIEW_PAGE, r->lang);
	json_t *fields = json_array();
	for (int i = 0; i < EMPLOYEE_FIELDS; i++) {
		const char *f = employee_field_names[i];
		json_t     *v = json_object_get(view, f);
		json_array_append_new(fields, json_pack("{s:s, s:s, s:O}", "name", f, "label_key", field_label_key(r, f),
		                                        "value", v ? v : json_null()));
	}
	struct hist_ctx hc = {r, json_array()};
	history_list(r->db, r->ids[0], "employee", e.id, HISTORY_MAX, add_history, &hc);
	json_t *ctx = json_pack("{s:{s:I, s:s}, s:o, s:o, s:o, s:b}", "employer", "id", (json_int_t)r->ids[0], "name",
	                        name, "employee", view, "fields", fields, "history", hc.list, "can_write", can_write(r));
	req_page(r, TMPL_employee_detail, ctx);
}

/* ---- create and edit ------------------------------------------------------------ */

/* The form's fields with their values (typed, or stored) and errors. */
static json_t *form_json(struct req *r, const char *const values[EMPLOYEE_FIELDS], const struct app_err *err)
{
	json_t *list = json_array();
	for (int i = 0; i < EMPLOYEE_FIELDS; i++) {
		const struct form_field *f = &form_fields[i];
		json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:i}", "name", f->name, "label_key",
		                      field_label_key(r, f->name), "value", values[i] ? values[i] : "", "type", f->type,
		                      "autocomplete", f->autocomplete, "required", f->required, "maxlength",
		                      f->maxlength);
		if (f->inputmode)
			json_object_set_new(o, "inputmode", json_string(f->inputmode));
		if (f->hint_key)
			json_object_set_new(o, "hint_key", json_string(f->hint_key));
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
		if (!strcmp(f, "monthly_gross") && r->lang == LANG_DE) {
			char *c = strchr(t, '.');
			if (c)
				*c = ',';
			values[i] = arena_strdup(&r->a, t);
		} else if (!strcmp(f, "monthly_gross"))
			values[i] = arena_strdup(&r->a, t);
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
	*in = (struct employee_input){values[0], values[1], values[2], values[3], values[4],  values[5],
	                              values[6], values[7], values[8], values[9], values[10], values[11]};
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

/* ---- import ----------------------------------------------------------------------- */

static void import_page(struct req *r, const char *employer, json_t *report, const char *error, bool aon)
{
	json_t *ctx = json_pack("{s:{s:I, s:s}, s:s, s:b}", "employer", "id", (json_int_t)r->ids[0], "name", employer,
	                        "action", arena_printf(&r->a, "/employer/%lld/import?_csrf=%s", (long long)r->ids[0], r->who.csrf),
	                        "all_or_nothing", aon);
	if (error)
		json_object_set_new(ctx, "error", json_string(error));
	if (report)
		json_object_set_new(ctx, "report", report);
	req_page(r, TMPL_import, ctx);
}

/* GET /employer/{eid}/import */
void web_import_form(struct req *r)
{
	char name[201];
	if (employer_or_404(r, name, sizeof name))
		import_page(r, name, NULL, NULL, false);
}

/* The report of app/import for the page: field diffs as rows with labels,
 * values formatted for the reader. */
static json_t *report_view(struct req *r, json_t *rep)
{
	json_t *changes = json_array(), *c;
	size_t  i;
	json_array_foreach(json_object_get(rep, "changes"), i, c)
	{
		json_t     *fields = json_array(), *d;
		const char *f;
		json_object_foreach(json_object_get(c, "fields"), f, d)
		{
			const char *o = field_display(r, f, json_string_value(json_object_get(d, "old")));
			const char *n = field_display(r, f, json_string_value(json_object_get(d, "new")));
			json_array_append_new(fields, json_pack("{s:s, s:s, s:s}", "label_key", field_label_key(r, f), "old",
			                                        o ? o : "", "new", n ? n : ""));
		}
		const char *st = json_string_value(json_object_get(c, "status"));
		json_array_append_new(changes, json_pack("{s:O, s:O, s:s, s:o}", "row", json_object_get(c, "row"),
		                                         "personnel_number", json_object_get(c, "personnel_number"),
		                                         "status_key", arena_printf(&r->a, "import.page.status.%s", st ? st : "changed"),
		                                         "fields", fields));
	}
	json_object_set_new(rep, "changes", changes);
	return rep;
}

static const char *part_text(const struct mp_part *p) { return p->filename ? NULL : p->data; }

/* POST /employer/{eid}/import?_csrf=… (multipart: file, mode, all_or_nothing) */
void web_import_submit(struct req *r)
{
	char name[201];
	if (!employer_or_404(r, name, sizeof name))
		return;
	struct mp_part *parts;
	size_t          n;
	enum mp_err     me = multipart_parse(&r->a, req_content_type(r), r->body.p, r->body.n, MP_MAX_PARTS, &parts, &n);
	if (me != MP_OK) {
		import_page(r, name, NULL, req_text(r, "import.page.err_upload"), false);
		r->status = 400;
		return;
	}
	/* The form's allow-list: each part once, known names only. */
	const struct mp_part *file = NULL;
	const char           *mode = NULL, *aon = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct mp_part *p = &parts[i];
		bool                  dup;
		if (!strcmp(p->name, "file") && p->filename)
			dup = file != NULL, file = p;
		else if (!strcmp(p->name, "mode") && part_text(p))
			dup = mode != NULL, mode = p->data;
		else if (!strcmp(p->name, "all_or_nothing") && part_text(p))
			dup = aon != NULL, aon = p->data;
		else if (!strcmp(p->name, "_csrf"))
			dup = false; /* the token travels in the URL; a copy in the body is ignored */
		else
			dup = true;
		if (dup) {
			import_page(r, name, NULL, req_text(r, "import.page.err_upload"), false);
			r->status = 400;
			return;
		}
	}
	bool all_or_nothing = aon && !strcmp(aon, "on");
	if ((aon && !all_or_nothing) || (mode && strcmp(mode, "dry_run") && strcmp(mode, "commit"))) {
		import_page(r, name, NULL, req_text(r, "import.page.err_upload"), all_or_nothing);
		r->status = 400;
		return;
	}
	if (!file || !file->len) {
		import_page(r, name, NULL, req_text(r, "import.page.err_no_file"), all_or_nothing);
		r->status = 400;
		return;
	}
	struct import_opts o = {
		.kind           = IMPORT_EMPLOYEES,
		.employer_id    = r->ids[0],
		.dry_run        = !mode || strcmp(mode, "commit") != 0, /* a dry run unless asked otherwise */
		.all_or_nothing = all_or_nothing,
		.user_id        = r->who.user_id,
		.now            = r->now,
		.lang           = r->lang,
	};
	json_t        *report = NULL;
	char           why[512];
	enum import_rc rc = import_run(r->db, (const unsigned char *)file->data, file->len, &o, &report, why, sizeof why);
	if (rc != IMPORT_OK) {
		import_page(r, name, NULL, why, all_or_nothing);
		r->status = rc == IMPORT_DB_ERROR ? 503 : rc == IMPORT_BAD_HEADER ? 422 : 400;
		return;
	}
	json_object_set_new(report, "filename", json_string(file->filename));
	import_page(r, name, report_view(r, report), NULL, all_or_nothing);
}
