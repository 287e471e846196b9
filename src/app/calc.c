/*
 * calc.c — strict JSON input for the calculators, their registry lookup, and
 * the explanation trail turned into sentences.  Owns no legal rule: those
 * are in src/core; this file only moves values in and out.
 */
#include "app/calc.h"
#include "http/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "app/employees.h"
#include "http/parse.h"

bool calc_fail(struct calc_error *err, const char *field, const char *key, const char *message, bool rule)
{
	err->field = field;
	err->key   = key;
	err->rule  = rule;
	snprintf(err->message, sizeof err->message, "%s", message);
	return false;
}

bool calc_failf(struct calc_error *err, const char *field, const char *key, bool rule, const char *fmt, ...)
{
	err->field = field;
	err->key   = key;
	err->rule  = rule;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	return false;
}

const struct calc *calc_find(const char *name)
{
	for (size_t i = 0; i < calcs_count; i++)
		if (!strcmp(calcs[i].name, name))
			return &calcs[i];
	return NULL;
}

json_t *calc_run(const struct calc *c, const char *text, size_t len, enum lang lang, struct calc_error *err)
{
	json_error_t je;
	json_t      *in = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!in) {
		calc_failf(err, "body", "err.param.json", false, "not valid JSON: %s (line %d, column %d)", je.text, je.line,
		      je.column);
		return NULL;
	}
	if (!json_is_object(in)) {
		json_decref(in);
		calc_fail(err, "body", "err.param.json", "the input must be one JSON object", false);
		return NULL;
	}
	memset(err, 0, sizeof *err);
	json_t *out = c->fn(in, lang, err);
	json_decref(in);
	return out;
}

json_t *calc_error_json(const struct calc_error *err)
{
	json_t *e = json_pack("{s:s, s:s}", "code", err->rule ? "rule_violated" : "invalid_input", "message",
	                      err->message);
	if (err->field)
		json_object_set_new(e, "field", json_string(err->field));
	return json_pack("{s:o}", "error", e);
}

bool calc_in_only(const json_t *in, const char *const *allowed, struct calc_error *err)
{
	const char *key;
	json_t     *v;
	json_object_foreach((json_t *)in, key, v)
	{
		bool ok = false;
		for (const char *const *a = allowed; *a && !ok; a++)
			ok = !strcmp(*a, key);
		if (!ok) {
			static _Thread_local char field[64];
			snprintf(field, sizeof field, "%s", key);
			return calc_failf(err, field, "err.param.unknown", false, "unknown field '%s'", field);
		}
	}
	return true;
}

/* The member, or NULL when absent/null; fails when required and absent. */
static bool member(const json_t *in, const char *field, bool *present, json_t **v, struct calc_error *err)
{
	*v = json_object_get(in, field);
	if (*v && json_is_null(*v))
		*v = NULL;
	if (present)
		*present = *v != NULL;
	else if (!*v)
		return calc_failf(err, field, "err.param.required", false, "'%s' is required", field);
	return true;
}

bool calc_in_date(const json_t *in, const char *field, bool *present, day_t *out, struct calc_error *err)
{
	json_t *v;
	if (!member(in, field, present, &v, err))
		return false;
	if (!v)
		return true;
	/* The API's dates are ISO (docs/api.md); DD.MM.YYYY is for forms only. */
	const char *s = json_string_value(v);
	if (!s || json_string_length(v) != 10 || s[4] != '-' || s[7] != '-' || !date_parse(s, 10, out))
		return calc_failf(err, field, "err.param.date", false, "'%s' must be a real date as YYYY-MM-DD", field);
	return true;
}

static bool in_integer(const json_t *in, const char *field, bool *present, int64_t min, int64_t max,
                       int64_t *out, struct calc_error *err, const char *what)
{
	json_t *v;
	if (!member(in, field, present, &v, err))
		return false;
	if (!v)
		return true;
	if (!json_is_integer(v))
		return calc_failf(err, field, "err.param.int", false, "'%s' must be an integer (%s)", field, what);
	json_int_t x = json_integer_value(v);
	if (x < min || x > max)
		return calc_failf(err, field, "err.param.range", false, "'%s' must be between %lld and %lld", field,
		             (long long)min, (long long)max);
	*out = x;
	return true;
}

bool calc_in_cents(const json_t *in, const char *field, bool *present, int64_t min, int64_t max,
                   int64_t *out, struct calc_error *err)
{
	return in_integer(in, field, present, min, max, out, err, "cents");
}

bool calc_in_int(const json_t *in, const char *field, bool *present, int64_t min, int64_t max,
                 int64_t *out, struct calc_error *err)
{
	return in_integer(in, field, present, min, max, out, err, "a whole number");
}

bool calc_in_bool(const json_t *in, const char *field, bool *present, bool *out, struct calc_error *err)
{
	json_t *v;
	if (!member(in, field, present, &v, err))
		return false;
	if (!v)
		return true;
	if (!json_is_boolean(v))
		return calc_failf(err, field, "err.param.bool", false, "'%s' must be true or false", field);
	*out = json_is_true(v);
	return true;
}

bool calc_in_enum(const json_t *in, const char *field, bool *present, const char *const *choices,
                  int *out, struct calc_error *err)
{
	json_t *v;
	if (!member(in, field, present, &v, err))
		return false;
	if (!v)
		return true;
	const char *s = json_string_value(v);
	for (int i = 0; s && choices[i]; i++)
		if (!strcmp(choices[i], s)) {
			*out = i;
			return true;
		}
	char list[200] = "";
	for (int i = 0; choices[i]; i++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "", choices[i]);
	return calc_failf(err, field, "err.param.enum", false, "'%s' must be one of: %s", field, list);
}

bool calc_in_string(const json_t *in, const char *field, bool *present, size_t maxlen, const char **out,
                    struct calc_error *err)
{
	json_t *v;
	if (!member(in, field, present, &v, err))
		return false;
	if (!v)
		return true;
	const char *s = json_string_value(v);
	if (!s)
		return calc_failf(err, field, "err.param.type", false, "'%s' must be a string", field);
	if (json_string_length(v) > maxlen || memchr(s, 0, json_string_length(v)))
		return calc_failf(err, field, "err.param.length", false, "'%s' is too long (at most %zu characters)", field, maxlen);
	*out = s;
	return true;
}

json_t *calc_date(day_t d)
{
	char s[11];
	date_format_iso(d, s);
	return json_string(s);
}

static void money(struct buf *b, int64_t cents, enum lang lang)
{
	uint64_t a = cents < 0 ? (uint64_t)(-(cents + 1)) + 1 : (uint64_t)cents;
	char     digits[32];
	snprintf(digits, sizeof digits, "%llu", (unsigned long long)(a / 100));
	if (cents < 0)
		buf_addc(b, '-');
	size_t n = strlen(digits);
	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			buf_addc(b, lang == LANG_DE ? '.' : ',');
		buf_addc(b, digits[i]);
	}
	buf_printf(b, "%c%02llu %s", lang == LANG_DE ? ',' : '.', (unsigned long long)(a % 100),
	           lang == LANG_DE ? "€" : "EUR");
}

char *calc_note_text(const struct explain_note *n, enum lang lang)
{
	const char *t = i18n_text(lang, n->key);
	struct buf  b = {0};
	for (const char *p = t; *p; p++) {
		if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}' && p[1] - '1' < n->nargs) {
			const struct explain_arg *a = &n->args[p[1] - '1'];
			char                      d[11];
			switch (a->kind) {
			case EA_DATE:
				(lang == LANG_DE ? date_format_de : date_format_iso)(a->v.date, d);
				buf_adds(&b, d);
				break;
			case EA_CENTS: money(&b, a->v.cents, lang); break;
			case EA_INT: buf_printf(&b, "%lld", (long long)a->v.i); break;
			case EA_TEXT: buf_adds(&b, a->v.text ? a->v.text : ""); break;
			case EA_PERMILLE:
				buf_printf(&b, "%lld%c%03lld ‰", (long long)(a->v.i / 1000), lang == LANG_DE ? ',' : '.',
				           (long long)(a->v.i % 1000));
				break;
			case EA_PERCENT: { /* thousandths of a percent; two decimals unless the third is needed */
				long long m = a->v.i < 0 ? -a->v.i : a->v.i;
				buf_printf(&b, "%s%lld%c%02lld", a->v.i < 0 ? "-" : "", m / 1000, lang == LANG_DE ? ',' : '.',
				           (m % 1000) / 10);
				if (m % 10)
					buf_printf(&b, "%lld", m % 10);
				buf_adds(&b, " %");
				break;
			}
			}
			p += 2;
		} else
			buf_addc(&b, *p);
	}
	return buf_steal(&b);
}

json_t *calc_explain(json_t *result, const struct explain *e, enum lang lang)
{
	struct buf rules = {0};
	for (int i = 0; i < e->nrules; i++) {
		if (i)
			buf_adds(&rules, "; ");
		buf_adds(&rules, e->rules[i]);
	}
	json_object_set_new(result, "rule", json_string(rules.p ? rules.p : ""));
	buf_free(&rules);
	json_t *ex = json_array();
	for (int i = 0; i < e->nnotes; i++) {
		char *s = calc_note_text(&e->notes[i], lang);
		json_array_append_new(ex, json_string(s));
		free(s);
	}
	json_object_set_new(result, "explanation", ex);
	return result;
}

json_t *calc_form_to_json(const struct calc *c, const struct kv *kv, size_t n, struct calc_error *err)
{
	json_t *in = json_object();
	for (size_t i = 0; i < n; i++) {
		const struct calc_field *f = c->fields;
		while (f && f->name && strcmp(f->name, kv[i].key))
			f = f + 1;
		if (!strcmp(kv[i].key, "_csrf"))
			continue;
		if (!f || !f->name) {
			json_decref(in);
			calc_failf(err, NULL, "err.param.unknown", false, "unknown field");
			return NULL;
		}
		const char *v = kv[i].val;
		if (!*v && f->type != CF_BOOL)
			continue; /* empty: not given */
		json_t *j = NULL;
		switch (f->type) {
		case CF_DATE: {
			day_t d;
			if (!date_parse(v, strlen(v), &d)) {
				json_decref(in);
				calc_failf(err, f->name, "err.param.date", false, "'%s' must be a real date", f->name);
				return NULL;
			}
			j = calc_date(d);
			break;
		}
		case CF_CENTS: {
			int64_t cents;
			if (!employee_parse_euros(v, &cents)) {
				json_decref(in);
				calc_failf(err, f->name, "err.money", false, "'%s' must be an amount in euros", f->name);
				return NULL;
			}
			j = json_integer(cents);
			break;
		}
		case CF_INT: {
			char     *end;
			long long x = strtoll(v, &end, 10);
			if (*end || end == v) {
				json_decref(in);
				calc_failf(err, f->name, "err.param.int", false, "'%s' must be a whole number", f->name);
				return NULL;
			}
			j = json_integer(x);
			break;
		}
		case CF_BOOL: j = json_boolean(*v && strcmp(v, "off") && strcmp(v, "0") && strcmp(v, "false")); break;
		case CF_ENUM:
		case CF_TEXT: j = json_string(v); break;
		}
		json_object_set_new(in, f->name, j);
	}
	/* Unticked checkboxes are not sent: they mean false. */
	for (const struct calc_field *f = c->fields; f && f->name; f++)
		if (f->type == CF_BOOL && !json_object_get(in, f->name))
			json_object_set_new(in, f->name, json_false());
	return in;
}
