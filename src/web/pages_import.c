/*
 * pages_import.c — the import page of the employer portal: the upload form
 * (what to import: employees, or insurance contracts with their
 * commitments), the dry run or commit through app/import, and its report as
 * tables, each changed field with its label and old → new in the reader's
 * format.  Thin: the rules are the records' own (app/employees.c,
 * app/contracts.c) and the import engine's; the page must never decide a
 * row itself, nor read a file except through app/import.  The upload's
 * progress bar is static/app.js's (the form works without it).
 */
#include "web/web.h"
#include "app/employers.h"
#include "app/import.h"
#include "core/date.h"
#include "http/i18n.h"
#include "http/multipart.h"
#include "web/pages_employee.h"
#include "web/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The kinds as the page offers them: code, label, title, intro, file hint, changes caption. */
static const struct {
	enum import_kind kind;
	const char      *label_key, *title_key, *intro_key, *hint_key, *caption_key;
} kinds[] = {
	{IMPORT_EMPLOYEES, "import.page.kind.employees", "import.page.title", "import.page.intro", "import.page.file_hint",
	 "import.page.changes_caption"},
	{IMPORT_CONTRACTS, "import.page.kind.contracts", "import.page.title_contracts", "import.page.intro_contracts",
	 "import.page.file_hint_contracts", "import.page.changes_caption_contracts"},
};

static void import_page(struct req *r, const char *employer, enum import_kind kind, json_t *report, const char *error,
                        bool aon)
{
	size_t k = kind == IMPORT_CONTRACTS ? 1 : 0;
	json_t *list = json_array();
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "value", import_kind_name(kinds[i].kind),
		                                      "label_key", kinds[i].label_key, "checked", i == k));
	json_t *ctx = json_pack("{s:{s:I, s:s}, s:s, s:b, s:o, s:s, s:s, s:s, s:s, s:b}", "employer", "id",
	                        (json_int_t)r->ids[0], "name", employer, "action",
	                        arena_printf(&r->a, "/employer/%lld/import?_csrf=%s", (long long)r->ids[0], r->who.csrf),
	                        "all_or_nothing", aon, "kinds", list, "title_key", kinds[k].title_key, "intro_key",
	                        kinds[k].intro_key, "hint_key", kinds[k].hint_key, "caption_key", kinds[k].caption_key,
	                        "contracts", kind == IMPORT_CONTRACTS);
	if (error)
		json_object_set_new(ctx, "error", json_string(error));
	if (report)
		json_object_set_new(ctx, "report", report);
	req_page(r, TMPL_import, ctx);
}

static bool employer_or_404(struct req *r, char *name, size_t namesz)
{
	enum app_rc rc = employer_name(r->db, r->ids[0], name, namesz);
	if (rc != APP_OK) {
		req_fail_app(r, rc, NULL, NULL);
		return false;
	}
	return true;
}

/* GET /employer/{eid}/import[?kind=employees|contracts] */
void web_import_form(struct req *r)
{
	char             name[201];
	enum import_kind kind = IMPORT_EMPLOYEES;
	if (req_arg(r, "kind"))
		import_kind_from_name(req_arg(r, "kind"), &kind); /* the router allowed only the kinds */
	if (employer_or_404(r, name, sizeof name))
		import_page(r, name, kind, NULL, NULL, false);
}

/* ---- a contract field's stored text for the reader ------------------------------ */

static const char *date_text(struct req *r, const char *v)
{
	day_t d;
	char  s[11];
	if (!date_parse(v, strlen(v), &d))
		return v;
	(r->lang == LANG_DE ? date_format_de : date_format_iso)(d, s);
	return arena_strdup(&r->a, s);
}

/* The catalogue label of a code, or the code when there is none. */
static const char *label(struct req *r, const char *prefix, const char *code)
{
	const char *key = arena_printf(&r->a, "%s.%s", prefix, code);
	return i18n_has(r->lang, key) ? req_text(r, key) : code;
}

/* The import's contract fields (app/import_contracts.c): label key and display. */
static const struct {
	const char *field, *label_key, *enum_prefix;
	char        type; /* 'd' date, 'm' money, 'p' per cent, 'e' code with labels, 'r' riders, 't' text */
} contract_fields[] = {
	{"group_contract", "contract.field.group_contract_id", NULL, 't'},
	{"commitment_id", "contract.field.commitment_id", NULL, 't'},
	{"tariff", "contract.field.tariff", NULL, 't'},
	{"start_date", "contract.field.start_date", NULL, 'd'},
	{"contribution", "contract.field.contribution", NULL, 'm'},
	{"payment_mode", "contract.field.payment_mode", "contract.payment_mode", 'e'},
	{"riders", "contract.field.riders", "contract.rider", 'r'},
	{"beneficiary", "contract.field.beneficiary", "contract.beneficiary", 'e'},
	{"status", "contract.field.status", "contract.status", 'e'},
	{"status_since", "import.col.status_since", NULL, 'd'},
	{"vehicle", "contract.field.vehicle", "contract.vehicle", 'e'},
	{"commitment_type", "contract.field.type", "contract.type", 'e'},
	{"financing", "contract.field.financing", "contract.financing", 'e'},
	{"employer_share", "contract.field.employer_share", NULL, 'p'},
	{"service_start", "contract.field.service_start", NULL, 'd'},
	{"commitment_start", "contract.field.commitment_start", NULL, 'd'},
	{"taken_over", "contract.field.taken_over", "contract.bool", 'e'},
	{"original_employer", "contract.field.original_employer", NULL, 't'},
	{"original_service_start", "contract.field.original_service_start", NULL, 'd'},
	{"original_commitment_start", "contract.field.original_commitment_start", NULL, 'd'},
};

static int contract_field(const char *field)
{
	for (size_t i = 0; i < sizeof contract_fields / sizeof *contract_fields; i++)
		if (!strcmp(contract_fields[i].field, field))
			return (int)i;
	return -1;
}

static const char *contract_display(struct req *r, const char *field, const char *v)
{
	int i = contract_field(field);
	if (!v || !*v)
		return NULL;
	if (i < 0)
		return v;
	switch (contract_fields[i].type) {
	case 'd': return date_text(r, v);
	case 'm':
	case 'p': {
		int64_t cents;
		char    m[48];
		if (!employee_parse_euros(v, &cents))
			return v;
		if (contract_fields[i].type == 'm') {
			view_money(cents, r->lang, m, sizeof m);
			return arena_strdup(&r->a, m);
		}
		return arena_printf(&r->a, "%lld%c%02lld\u00a0%%", (long long)(cents / 100), r->lang == LANG_DE ? ',' : '.',
		                    (long long)(cents % 100));
	}
	case 'e': return label(r, contract_fields[i].enum_prefix, v);
	case 'r': {
		struct buf b = {0};
		char       code[32];
		for (const char *p = v; *p;) {
			size_t n = strcspn(p, ",");
			snprintf(code, sizeof code, "%.*s", (int)(n < sizeof code ? n : sizeof code - 1), p);
			if (b.n)
				buf_adds(&b, ", ");
			buf_adds(&b, label(r, contract_fields[i].enum_prefix, code));
			p += n + (p[n] != '\0');
		}
		const char *t = arena_strndup(&r->a, b.p ? b.p : "", b.n);
		buf_free(&b);
		return t;
	}
	}
	return v;
}

static const char *contract_label_key(const char *field)
{
	int i = contract_field(field);
	return i < 0 ? "import.page.fields" : contract_fields[i].label_key;
}

/* The report of app/import for the page: field diffs as rows with labels,
 * values formatted for the reader. */
static json_t *report_view(struct req *r, enum import_kind kind, json_t *rep)
{
	json_t *changes = json_array(), *c;
	size_t  i;
	bool    contracts = kind == IMPORT_CONTRACTS;
	json_array_foreach(json_object_get(rep, "changes"), i, c)
	{
		json_t     *fields = json_array(), *d;
		const char *f;
		json_object_foreach(json_object_get(c, "fields"), f, d)
		{
			const char *ov = json_string_value(json_object_get(d, "old")), *nv = json_string_value(json_object_get(d, "new"));
			const char *o  = contracts ? contract_display(r, f, ov) : employee_field_display(r, f, ov);
			const char *n  = contracts ? contract_display(r, f, nv) : employee_field_display(r, f, nv);
			json_array_append_new(fields, json_pack("{s:s, s:s, s:s}", "label_key",
			                                        contracts ? contract_label_key(f) : employee_field_label_key(r, f),
			                                        "old", o ? o : "", "new", n ? n : ""));
		}
		const char *st = json_string_value(json_object_get(c, "status"));
		json_t     *v  = json_pack("{s:O, s:O, s:s, s:o}", "row", json_object_get(c, "row"), "personnel_number",
		                           json_object_get(c, "personnel_number"), "status_key",
		                           arena_printf(&r->a, "import.page.status.%s", st ? st : "changed"), "fields", fields);
		if (contracts)
			json_object_set(v, "policy_number", json_object_get(c, "policy_number"));
		json_array_append_new(changes, v);
	}
	json_object_set_new(rep, "changes", changes);
	json_object_set_new(rep, "contracts", json_boolean(contracts));
	return rep;
}

static const char *part_text(const struct mp_part *p) { return p->filename ? NULL : p->data; }

/* POST /employer/{eid}/import?_csrf=… (multipart: file, kind, mode, all_or_nothing) */
void web_import_submit(struct req *r)
{
	char name[201];
	if (!employer_or_404(r, name, sizeof name))
		return;
	struct mp_part *parts;
	size_t          n;
	enum mp_err     me = multipart_parse(&r->a, req_content_type(r), r->body.p, r->body.n, MP_MAX_PARTS, &parts, &n);
	if (me != MP_OK) {
		import_page(r, name, IMPORT_EMPLOYEES, NULL, req_text(r, "import.page.err_upload"), false);
		r->status = 400;
		return;
	}
	/* The form's allow-list: each part once, known names only. */
	const struct mp_part *file = NULL;
	const char           *mode = NULL, *aon = NULL, *kind_name = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct mp_part *p = &parts[i];
		bool                  dup;
		if (!strcmp(p->name, "file") && p->filename)
			dup = file != NULL, file = p;
		else if (!strcmp(p->name, "mode") && part_text(p))
			dup = mode != NULL, mode = p->data;
		else if (!strcmp(p->name, "all_or_nothing") && part_text(p))
			dup = aon != NULL, aon = p->data;
		else if (!strcmp(p->name, "kind") && part_text(p))
			dup = kind_name != NULL, kind_name = p->data;
		else if (!strcmp(p->name, "_csrf"))
			dup = false; /* the token travels in the URL; a copy in the body is ignored */
		else
			dup = true;
		if (dup) {
			import_page(r, name, IMPORT_EMPLOYEES, NULL, req_text(r, "import.page.err_upload"), false);
			r->status = 400;
			return;
		}
	}
	enum import_kind kind           = IMPORT_EMPLOYEES;
	bool             all_or_nothing = aon && !strcmp(aon, "on");
	if ((aon && !all_or_nothing) || (mode && strcmp(mode, "dry_run") && strcmp(mode, "commit")) ||
	    (kind_name && !import_kind_from_name(kind_name, &kind))) {
		import_page(r, name, kind, NULL, req_text(r, "import.page.err_upload"), all_or_nothing);
		r->status = 400;
		return;
	}
	if (!file || !file->len) {
		import_page(r, name, kind, NULL, req_text(r, "import.page.err_no_file"), all_or_nothing);
		r->status = 400;
		return;
	}
	struct import_opts o = {
		.kind           = kind,
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
		import_page(r, name, kind, NULL, why, all_or_nothing);
		r->status = rc == IMPORT_DB_ERROR ? 503 : rc == IMPORT_BAD_HEADER ? 422 : 400;
		return;
	}
	json_object_set_new(report, "filename", json_string(file->filename));
	import_page(r, name, kind, report_view(r, kind, report), NULL, all_or_nothing);
}
