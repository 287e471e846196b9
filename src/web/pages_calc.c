/*
 * pages_calc.c — the calculator pages of the portals: a list, and for each
 * calculator a form built from its field list, with the result, the
 * paragraphs and the explanation below.  The form is turned into the same
 * JSON the API takes (app/calc.c), so page, API and CLI compute alike.
 */
#include "web/web.h"
#include "app/calc.h"
#include "core/date.h"
#include "web/view.h"
#include "http/i18n.h"
#include "base/jalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void web_calc_index(struct req *r)
{
	json_t *list = json_array();
	for (size_t i = 0; i < calcs_count; i++)
		if (calcs[i].fields)
			json_array_append_new(list, json_pack("{s:s, s:s, s:s}", "name", calcs[i].name, "title_key",
			                                      arena_printf(&r->a, "calc.%s.title", calcs[i].name),
			                                      "summary_key",
			                                      arena_printf(&r->a, "calc.%s.summary", calcs[i].name)));
	req_page(r, TMPL_calc_index, json_pack("{s:o}", "calcs", list));
}

static const char *form_value(const struct req *r, const char *name)
{
	for (size_t i = 0; i < r->nform; i++)
		if (!strcmp(r->form[i].key, name))
			return r->form[i].val;
	return NULL;
}

static json_t *fields_json(struct req *r, const struct calc *c)
{
	static const char *const type_names[] = {"date", "cents", "int", "bool", "enum", "text"};
	json_t                  *fields       = json_array();
	for (const struct calc_field *f = c->fields; f->name; f++) {
		const char *v = form_value(r, f->name);
		json_t     *o = json_pack("{s:s, s:s, s:b, s:s, s:b}", "name", f->name, "label_key",
		                          arena_printf(&r->a, "calc.field.%s", f->name), "required", f->required,
		                          "value", v ? v : "", "checked", v && *v);
		json_object_set_new(o, arena_printf(&r->a, "is_%s", type_names[f->type]), json_true());
		if (f->type == CF_ENUM) {
			json_t *opts = json_array();
			for (const char *const *ch = f->choices; *ch; ch++)
				json_array_append_new(opts, json_pack("{s:s, s:s, s:b}", "value", *ch, "label_key",
				                                      arena_printf(&r->a, "calc.choice.%s", *ch),
				                                      "selected", v && !strcmp(v, *ch)));
			json_object_set_new(o, "options", opts);
		}
		json_array_append_new(fields, o);
	}
	return fields;
}

/* Result fields that only repeat what the explanation says in words. */
static bool technical(const char *key)
{
	static const char *const hidden[] = {"branch", "branch_employer_part", "branch_employee_part", "era",
	                                     "reason", "duty_reason", "unified", "reading", "vesting_boundary",
	                                     "convention", "paragraph", NULL};
	for (const char *const *h = hidden; *h; h++)
		if (!strcmp(*h, key))
			return true;
	return false;
}

static json_t *display_value(struct req *r, const char *key, json_t *v);

/* {"years": 67, "months": 0} → ["Jahre: 67", "Monate: 0"] */
static json_t *display_object(struct req *r, json_t *obj)
{
	json_t     *parts = json_array();
	const char *k;
	json_t     *x;
	json_object_foreach(obj, k, x)
	{
		if (technical(k))
			continue;
		json_t     *dv = display_value(r, k, x);
		const char *text = json_string_value(dv);
		json_array_append_new(parts, json_sprintf("%s: %s", req_text(r, arena_printf(&r->a, "calc.out.%s", k)),
		                                          text ? text : "…"));
		json_decref(dv);
	}
	return parts;
}

/* One result value for people: money, dates, yes/no, choices in the reader's language. */
static json_t *display_value(struct req *r, const char *key, json_t *v)
{
	size_t n = strlen(key);
	if (json_is_boolean(v))
		return json_string(req_text(r, json_is_true(v) ? "common.yes" : "common.no"));
	if (json_is_integer(v) && n > 6 && !strcmp(key + n - 6, "_cents")) {
		char m[64];
		view_money(json_integer_value(v), r->lang, m, sizeof m);
		return json_string(m);
	}
	if (json_is_string(v)) {
		day_t       d;
		const char *s      = json_string_value(v);
		const char *choice = arena_printf(&r->a, "calc.choice.%s", s);
		if (strlen(s) == 10 && s[4] == '-' && date_parse(s, 10, &d))
			return view_date(d, true, VIEW_PAGE, r->lang);
		if (i18n_has(r->lang, choice))
			return json_string(req_text(r, choice));
		return json_string(s);
	}
	if (json_is_array(v)) { /* unmet conditions: their messages; dates; rows */
		json_t *parts = json_array();
		size_t  i;
		json_t *item;
		json_array_foreach(v, i, item)
		{
			json_t *msg = json_is_object(item) ? json_object_get(item, "message") : NULL;
			if (msg)
				json_array_append_new(parts, json_copy(msg));
			else if (json_is_object(item)) {
				json_t     *sub = display_object(r, item), *p;
				size_t      k;
				struct buf  b = {0};
				json_array_foreach(sub, k, p)
				{
					if (k)
						buf_adds(&b, "; ");
					buf_adds(&b, json_string_value(p));
				}
				json_array_append_new(parts, json_string(b.p ? b.p : ""));
				buf_free(&b);
				json_decref(sub);
			} else
				json_array_append_new(parts, display_value(r, key, item));
		}
		return json_pack("{s:o}", "list", parts);
	}
	if (json_is_object(v))
		return json_pack("{s:o}", "list", display_object(r, v));
	char   *s   = json_dumps(v, JSON_ENCODE_ANY);
	json_t *out = json_string(s ? s : "");
	jalloc_free(s);
	return out;
}

static json_t *result_json(struct req *r, json_t *out)
{
	json_t     *items = json_array();
	const char *key;
	json_t     *v;
	json_object_foreach(out, key, v)
	{
		if (!strcmp(key, "rule") || !strcmp(key, "explanation") || technical(key) || json_is_null(v))
			continue;
		json_t *dv   = display_value(r, key, v);
		json_t *item = json_pack("{s:s, s:s}", "key", key, "label_key", arena_printf(&r->a, "calc.out.%s", key));
		if (json_is_object(dv))
			json_object_set(item, "list", json_object_get(dv, "list"));
		else
			json_object_set(item, "value", dv);
		json_decref(dv);
		json_array_append_new(items, item);
	}
	json_t *res = json_pack("{s:o}", "items", items);
	json_object_set(res, "rule", json_object_get(out, "rule"));
	json_object_set(res, "explanation", json_object_get(out, "explanation"));
	return res;
}

/* A timeline of the dates that decide the result (vesting, m/n): where a
 * picture says more than the list.  x in 0..1000 (the SVG's viewBox). */
static json_t *timeline(struct req *r, const char *name, json_t *in, json_t *out)
{
	static const struct {
		const char *calc, *from, *field, *kind;
	} marks[] = {
		{"vesting", "in", "service_start", "start"},  {"vesting", "in", "commitment_start", "commit"},
		{"vesting", "out", "vested_on", "vested"},    {"vesting", "in", "exit_date", "exit"},
		{"mn", "in", "service_start", "start"},       {"mn", "in", "exit_date", "exit"},
		{"mn", "in", "retirement_date", "retire"},
	};
	day_t       d[8];
	const char *kind[8], *field[8];
	int         n = 0;
	day_t       lo = 0, hi = 0;
	for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
		if (strcmp(marks[i].calc, name))
			continue;
		const char *s = json_string_value(json_object_get(!strcmp(marks[i].from, "in") ? in : out, marks[i].field));
		if (!s || !date_parse(s, strlen(s), &d[n]))
			continue;
		kind[n] = marks[i].kind, field[n] = marks[i].field;
		lo = n == 0 || d[n] < lo ? d[n] : lo;
		hi = n == 0 || d[n] > hi ? d[n] : hi;
		n++;
	}
	if (n < 2 || hi == lo)
		return NULL;
	json_t *pts = json_array();
	for (int i = 0; i < n; i++) {
		int64_t x    = 40 + (int64_t)(d[i] - lo) * 920 / (hi - lo);
		json_t *date = view_date(d[i], true, VIEW_PAGE, r->lang);
		json_array_append_new(pts, json_pack("{s:I, s:I, s:s, s:s, s:o}", "x", (json_int_t)x, "y",
		                                     (json_int_t)(i % 2 ? 100 : 30), "kind", kind[i], "label_key",
		                                     arena_printf(&r->a, "calc.field.%s", field[i]), "date", date));
	}
	return json_pack("{s:o}", "points", pts);
}

static void calc_page(struct req *r, const struct calc *c, json_t *result, const char *error, const char *field)
{
	json_t *ctx = json_pack("{s:s, s:s, s:s, s:o}", "name", c->name, "title_key",
	                        arena_printf(&r->a, "calc.%s.title", c->name), "summary_key",
	                        arena_printf(&r->a, "calc.%s.summary", c->name), "fields", fields_json(r, c));
	if (result)
		json_object_set_new(ctx, "result", result);
	if (error)
		json_object_set_new(ctx, "error", json_pack("{s:s, s:s}", "text", error, "field", field ? field : ""));
	req_page(r, TMPL_calc, ctx);
}

static const struct calc *page_calc(struct req *r)
{
	const struct calc *c = calc_find(r->pv[0]);
	if (!c || !c->fields) {
		req_error(r, ERR_NOT_FOUND, NULL, "err.calc_unknown");
		return NULL;
	}
	return c;
}

void web_calc_form(struct req *r)
{
	const struct calc *c = page_calc(r);
	if (c)
		calc_page(r, c, NULL, NULL, NULL);
}

void web_calc_submit(struct req *r)
{
	const struct calc *c = page_calc(r);
	if (!c)
		return;
	struct calc_error err;
	memset(&err, 0, sizeof err);
	json_t *in = calc_form_to_json(c, r->form, r->nform, &err);
	json_t *out = NULL;
	if (in) {
		memset(&err, 0, sizeof err);
		out = c->fn(in, r->lang, &err);
	}
	if (!out) {
		json_decref(in);
		/* The field at fault in the reader's language, then the rule's words. */
		const char *label = err.field ? req_text(r, arena_printf(&r->a, "calc.field.%s", err.field)) : NULL;
		/* The catalogue's words in the reader's language, unless the text needs
		 * limits only the English message carries. */
		const char *text = err.key && i18n_has(r->lang, err.key) && !strchr(req_text(r, err.key), '{')
		                           ? req_text(r, err.key)
		                           : err.message;
		calc_page(r, c, NULL, label ? arena_printf(&r->a, "%s: %s", label, text) : text, err.field);
		r->status = err.rule ? 422 : 400;
		return;
	}
	json_t *res   = result_json(r, out);
	json_t *chart = timeline(r, c->name, in, out);
	if (chart)
		json_object_set_new(res, "chart", chart);
	calc_page(r, c, res, NULL, NULL);
	json_decref(in);
	json_decref(out);
}
