/*
 * tmpl.c — the template interpreter: walks an op table from tools/tmplc.c
 * against a jansson context and appends HTML to a buffer.
 *
 * Every byte of data leaves through the escaper the compiler chose (buf.c);
 * this file must never append a context value unescaped and never allocate
 * beyond the output buffer.  A broken op table or a missing asset is a
 * programming error and aborts.
 */
#include "http/tmpl.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "assets.h"
#include "http/i18n.h"

#define TMPL_MAX_SCOPES 64

struct tmpl_run {
	struct buf   *out;
	enum lang     lang;
	unsigned      nscope, includes;
	const json_t *scope[TMPL_MAX_SCOPES]; /* [0] the root, then #each items */
	size_t        index[TMPL_MAX_SCOPES];
};

_Noreturn static void tmpl_die(const char *what, const char *arg)
{
	fprintf(stderr, "tmpl: %s%s%s\n", what, arg ? ": " : "", arg ? arg : "");
	abort();
}

bool tmpl_url_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false; /* browsers drop tabs and newlines: "/\t/evil" is "//evil" */
	if (n == 0)
		return false;
	if (s[0] == '/')
		return n == 1 || (s[1] != '/' && s[1] != '\\');
	if (s[0] == '?' || s[0] == '#')
		return true;
	return (n >= 7 && !strncasecmp(s, "http://", 7)) || (n >= 8 && !strncasecmp(s, "https://", 8)) ||
	       (n >= 7 && !strncasecmp(s, "mailto:", 7));
}

static void tmpl_put(struct tmpl_run *r, const char *s, size_t n, unsigned esc)
{
	switch (esc) {
	case TMPL_ESC_URL_START:
		if (tmpl_url_ok(s, n))
			buf_add_html(r->out, s, n);
		else
			buf_adds(r->out, "#invalid");
		break;
	case TMPL_ESC_URL_PART:
		buf_add_urlenc(r->out, s, n);
		break;
	default:
		buf_add_html(r->out, s, n);
	}
}

static const json_t *tmpl_lookup(const struct tmpl_run *r, const struct tmpl_op *op)
{
	if (op->nseg == 0)
		return r->scope[r->nscope - 1];
	const char   *seg = op->s;
	const json_t *v   = NULL;
	for (unsigned i = r->nscope; i-- > 0;)
		if (json_is_object(r->scope[i]) && (v = json_object_get(r->scope[i], seg)))
			break;
	for (unsigned k = 1; v && k < op->nseg; k++) {
		seg += strlen(seg) + 1;
		v = json_is_object(v) ? json_object_get(v, seg) : NULL;
	}
	return v;
}

static bool tmpl_truthy(const json_t *v)
{
	if (!v)
		return false;
	switch (json_typeof(v)) {
	case JSON_STRING: return json_string_length(v) > 0;
	case JSON_INTEGER: return json_integer_value(v) != 0;
	case JSON_REAL: return json_real_value(v) != 0.0;
	case JSON_TRUE: return true;
	case JSON_ARRAY: return json_array_size(v) > 0;
	case JSON_OBJECT: return json_object_size(v) > 0;
	default: return false;
	}
}

static void tmpl_value(struct tmpl_run *r, const json_t *v, unsigned esc)
{
	char num[64];
	int  n;
	if (!v)
		return;
	switch (json_typeof(v)) {
	case JSON_STRING:
		tmpl_put(r, json_string_value(v), json_string_length(v), esc);
		return;
	case JSON_INTEGER:
		n = snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL:
		n = snprintf(num, sizeof num, "%.15g", json_real_value(v));
		break;
	case JSON_TRUE:
		n = snprintf(num, sizeof num, "true");
		break;
	case JSON_FALSE:
		n = snprintf(num, sizeof num, "false");
		break;
	default:
		return;
	}
	tmpl_put(r, num, (size_t)n, esc);
}

static void tmpl_run_ops(struct tmpl_run *r, const struct tmpl_op *ops, size_t from, size_t to)
{
	size_t i = from;
	while (i < to) {
		const struct tmpl_op *op = &ops[i];
		switch (op->kind) {
		case TMPL_OP_END:
			return;
		case TMPL_OP_TEXT:
			buf_add(r->out, op->s, op->len);
			break;
		case TMPL_OP_VALUE:
			tmpl_value(r, tmpl_lookup(r, op), op->esc);
			break;
		case TMPL_OP_TEXTKEY: {
			const char *t = i18n_text(r->lang, op->s);
			tmpl_put(r, t, strlen(t), op->esc);
			break;
		}
		case TMPL_OP_TEXTVAR: {
			const json_t *v = tmpl_lookup(r, op);
			if (json_is_string(v)) {
				const char *t = i18n_text(r->lang, json_string_value(v));
				tmpl_put(r, t, strlen(t), op->esc);
			}
			break;
		}
		case TMPL_OP_ASSET: {
			const struct asset *a = asset_find(op->s);
			if (!a)
				tmpl_die("missing asset", op->s);
			buf_adds(r->out, "/static/");
			buf_add_html(r->out, a->hash, strlen(a->hash));
			buf_addc(r->out, '/');
			buf_add_html(r->out, a->name, strlen(a->name));
			break;
		}
		case TMPL_OP_INDEX:
			if (r->nscope > 1) {
				char num[32];
				int  n = snprintf(num, sizeof num, "%zu", r->index[r->nscope - 1]);
				tmpl_put(r, num, (size_t)n, op->esc);
			}
			break;
		case TMPL_OP_IF:
		case TMPL_OP_UNLESS: {
			bool t = tmpl_truthy(tmpl_lookup(r, op));
			if (op->kind == TMPL_OP_UNLESS)
				t = !t;
			if (op->a <= i || op->b < op->a || op->b >= to)
				tmpl_die("broken op table", NULL);
			if (t)
				tmpl_run_ops(r, ops, i + 1, op->a);
			else if (ops[op->a].kind == TMPL_OP_ELSE)
				tmpl_run_ops(r, ops, op->a + 1, op->b);
			i = op->b;
			break;
		}
		case TMPL_OP_EACH: {
			const json_t *v = tmpl_lookup(r, op);
			if (op->a <= i || op->a >= to)
				tmpl_die("broken op table", NULL);
			if (json_is_array(v) && json_array_size(v)) {
				if (r->nscope == TMPL_MAX_SCOPES)
					tmpl_die("#each nested too deeply", NULL);
				unsigned me = r->nscope++;
				for (size_t k = 0; k < json_array_size(v); k++) {
					r->scope[me] = json_array_get(v, k);
					r->index[me] = k;
					tmpl_run_ops(r, ops, i + 1, op->a);
				}
				r->nscope--;
			}
			i = op->a;
			break;
		}
		case TMPL_OP_INCLUDE:
			if (op->a >= TMPL__COUNT)
				tmpl_die("broken include", NULL);
			if (r->includes == TMPL_MAX_INCLUDE_DEPTH)
				tmpl_die("includes nested too deeply", tmpl_names[op->a]);
			r->includes++;
			tmpl_run_ops(r, tmpl_ops[op->a], 0, (size_t)-1);
			r->includes--;
			break;
		default: /* ELSE, ENDIF, ENDEACH are only range ends */
			break;
		}
		i++;
	}
}

void tmpl_render_ops(struct buf *out, const struct tmpl_op *ops, const json_t *ctx,
                     enum lang lang)
{
	struct tmpl_run r = {.out = out, .lang = lang, .nscope = 1};
	r.scope[0]        = ctx;
	buf_reserve(out, 4096);
	buf_add(out, "", 0); /* NUL-terminated even when nothing is rendered */
	tmpl_run_ops(&r, ops, 0, (size_t)-1);
}

void tmpl_render(struct buf *out, enum tmpl_id id, const json_t *ctx, enum lang lang)
{
	if ((unsigned)id >= TMPL__COUNT)
		tmpl_die("unknown template id", NULL);
	tmpl_render_ops(out, tmpl_ops[id], ctx, lang);
}
