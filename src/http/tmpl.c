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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "assets.h"
#include "http/i18n.h"

#define TMPL_MAX_SCOPES 64

/* One scope: a JSON value, or row `index` of a bound table. */
struct tmpl_scope {
	const json_t            *j;
	const struct tmpl_table *t;
	size_t                   index;
};

/* What a name found: a JSON value, a table cell, or a whole table. */
struct tmpl_val {
	const json_t            *j;
	const char              *s;
	const struct tmpl_table *t;
};

/* While the innermost scope is a table row, what each op of the loop body
 * named is the same for every row: a column, or a value of an outer scope.
 * The memo keeps it, so a long list costs no name lookups per row. */
enum { TMPL_MEMO_OPS = 96 };
struct tmpl_memo {
	const struct tmpl_op *body; /* first op of the #each body; NULL: no memo */
	unsigned              scope;
	bool                  known[TMPL_MEMO_OPS];
	int                   col[TMPL_MEMO_OPS]; /* -1: the value below */
	const json_t         *j[TMPL_MEMO_OPS];
};

struct tmpl_run {
	struct buf              *out;
	enum lang                lang;
	unsigned                 nscope, includes;
	const struct tmpl_table *tables;
	size_t                   ntables;
	struct tmpl_scope        scope[TMPL_MAX_SCOPES]; /* [0] the root, then #each items */
	struct tmpl_memo         memo;
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

static bool tmpl_find_col(const struct tmpl_scope *sc, const char *name, struct tmpl_val *v, int *col)
{
	for (unsigned c = 0; c < sc->t->ncols; c++)
		if (!strcmp(sc->t->cols[c], name)) {
			v->s = sc->t->cells[sc->index * sc->t->ncols + c];
			*col = (int)c;
			return true;
		}
	return false;
}

static struct tmpl_val tmpl_lookup_slow(const struct tmpl_run *r, const struct tmpl_op *op, int *col)
{
	struct tmpl_val v = {0};
	*col              = -1;
	if (op->nseg == 0) {
		const struct tmpl_scope *sc = &r->scope[r->nscope - 1];
		v.j                         = sc->t ? NULL : sc->j;
		return v;
	}
	const char *seg = op->s;
	for (unsigned i = r->nscope; i-- > 0;) {
		const struct tmpl_scope *sc = &r->scope[i];
		if (sc->t) { /* a table row has only its columns, nothing nested */
			if (op->nseg == 1 && tmpl_find_col(sc, seg, &v, col))
				return v;
			continue;
		}
		if (i == 0 && op->nseg == 1)
			for (size_t k = 0; k < r->ntables; k++)
				if (!strcmp(r->tables[k].name, seg)) {
					v.t = &r->tables[k];
					return v;
				}
		if (json_is_object(sc->j) && (v.j = json_object_get(sc->j, seg)))
			break;
	}
	for (unsigned k = 1; v.j && k < op->nseg; k++) {
		seg += strlen(seg) + 1;
		v.j = json_is_object(v.j) ? json_object_get(v.j, seg) : NULL;
	}
	return v;
}

static struct tmpl_val tmpl_lookup(struct tmpl_run *r, const struct tmpl_op *op)
{
	struct tmpl_memo *m = &r->memo;
	int               col;
	/* Integer addresses: an op of an included partial is in another array. */
	uintptr_t at = (uintptr_t)op, base = (uintptr_t)m->body;
	if (!m->body || r->nscope - 1 != m->scope || at < base || (at - base) / sizeof *op >= TMPL_MEMO_OPS)
		return tmpl_lookup_slow(r, op, &col);
	size_t                   k  = (at - base) / sizeof *op;
	const struct tmpl_scope *sc = &r->scope[m->scope];
	if (m->known[k])
		return m->col[k] >= 0 ? (struct tmpl_val){.s = sc->t->cells[sc->index * sc->t->ncols + (size_t)m->col[k]]}
		                      : (struct tmpl_val){.j = m->j[k]};
	struct tmpl_val v = tmpl_lookup_slow(r, op, &col);
	if (!v.t && (col >= 0 || op->nseg > 0)) { /* {{.}} of a row is nothing, every row */
		m->known[k] = true;
		m->col[k]   = col;
		m->j[k]     = v.j;
	}
	return v;
}

static bool tmpl_truthy(struct tmpl_val tv)
{
	if (tv.t)
		return tv.t->nrows > 0;
	if (tv.s)
		return tv.s[0] != '\0';
	const json_t *v = tv.j;
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

/* Decimal digits of v into the end of num; returns the start. */
static char *tmpl_itoa(json_int_t v, char *end)
{
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	char              *p = end;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	return p;
}

static void tmpl_value(struct tmpl_run *r, struct tmpl_val tv, unsigned esc)
{
	char num[64];
	int  n;
	if (tv.s) {
		tmpl_put(r, tv.s, strlen(tv.s), esc);
		return;
	}
	const json_t *v = tv.j;
	if (!v)
		return;
	switch (json_typeof(v)) {
	case JSON_STRING:
		tmpl_put(r, json_string_value(v), json_string_length(v), esc);
		return;
	case JSON_INTEGER: {
		char *p = tmpl_itoa(json_integer_value(v), num + sizeof num);
		tmpl_put(r, p, (size_t)(num + sizeof num - p), esc);
		return;
	}
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
			const json_t *v = tmpl_lookup(r, op).j;
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
				char *p = tmpl_itoa((json_int_t)r->scope[r->nscope - 1].index, num + sizeof num);
				tmpl_put(r, p, (size_t)(num + sizeof num - p), op->esc);
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
			struct tmpl_val v = tmpl_lookup(r, op);
			if (op->a <= i || op->a >= to)
				tmpl_die("broken op table", NULL);
			size_t n = v.t ? v.t->nrows : json_is_array(v.j) ? json_array_size(v.j) : 0;
			if (n) {
				if (r->nscope == TMPL_MAX_SCOPES)
					tmpl_die("#each nested too deeply", NULL);
				unsigned         me = r->nscope++;
				struct tmpl_memo outer;
				if (v.t) { /* a fresh memo for this loop; the outer one comes back after */
					memcpy(&outer, &r->memo, sizeof outer);
					memset(r->memo.known, 0, sizeof r->memo.known);
					r->memo.body  = &ops[i + 1];
					r->memo.scope = me;
				}
				for (size_t k = 0; k < n; k++) {
					r->scope[me] = (struct tmpl_scope){v.t ? NULL : json_array_get(v.j, k), v.t, k};
					tmpl_run_ops(r, ops, i + 1, op->a);
				}
				if (v.t)
					memcpy(&r->memo, &outer, sizeof outer);
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
                     const struct tmpl_table *tables, size_t ntables, enum lang lang)
{
	struct tmpl_run r = {.out = out, .lang = lang, .nscope = 1, .tables = tables, .ntables = ntables};
	r.scope[0].j      = ctx;
	buf_reserve(out, 4096);
	buf_add(out, "", 0); /* NUL-terminated even when nothing is rendered */
	tmpl_run_ops(&r, ops, 0, (size_t)-1);
}

void tmpl_render_tables(struct buf *out, enum tmpl_id id, const json_t *ctx, const struct tmpl_table *tables,
                        size_t ntables, enum lang lang)
{
	if ((unsigned)id >= TMPL__COUNT)
		tmpl_die("unknown template id", NULL);
	tmpl_render_ops(out, tmpl_ops[id], ctx, tables, ntables, lang);
}

void tmpl_render(struct buf *out, enum tmpl_id id, const json_t *ctx, enum lang lang)
{
	tmpl_render_tables(out, id, ctx, NULL, 0, lang);
}
