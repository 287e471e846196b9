/*
 * tmplc.c — build tool: compiles templates/NAME.html into op tables for the
 * renderer in src/http/tmpl.c (build/gen/templates.[ch]).
 *
 *   tmplc OUTBASE TEMPLATE.html...
 *
 * Owns the template language and the choice of escaper for every {{…}}: it
 * follows the HTML around each substitution and picks HTML escaping (text,
 * quoted attributes), a URL scheme check (start of a URL attribute) or
 * percent-encoding (later in a URL).  It must never let a substitution through
 * in a context no escaper makes safe (script, style, event handlers, style
 * attributes, unquoted values, tag and attribute names): that is a compile
 * error with file:line.
 *
 * Tests and the fuzz driver include this file with -DTMPLC_NO_MAIN; the
 * compiler then never prints or exits, it returns error strings.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TC_MAX_DEPTH 24   /* nested blocks in one template */
#define TC_MAX_TEMPLATES 4096

enum tc_kind {
	TC_END,
	TC_TEXT,
	TC_VALUE,
	TC_TEXTKEY,
	TC_TEXTVAR,
	TC_ASSET,
	TC_INDEX,
	TC_IF,
	TC_UNLESS,
	TC_ELSE,
	TC_ENDIF,
	TC_EACH,
	TC_ENDEACH,
	TC_INCLUDE,
};

/* Same order as enum tmpl_op_kind in src/http/tmpl.h. */
static const char *const tc_kind_names[] = {
	"TMPL_OP_END",    "TMPL_OP_TEXT",  "TMPL_OP_VALUE", "TMPL_OP_TEXTKEY", "TMPL_OP_TEXTVAR",
	"TMPL_OP_ASSET",  "TMPL_OP_INDEX", "TMPL_OP_IF",    "TMPL_OP_UNLESS",  "TMPL_OP_ELSE",
	"TMPL_OP_ENDIF",  "TMPL_OP_EACH",  "TMPL_OP_ENDEACH", "TMPL_OP_INCLUDE",
};

enum tc_esc { TC_ESC_HTML, TC_ESC_URL_START, TC_ESC_URL_PART };
static const char *const tc_esc_names[] = {"TMPL_ESC_HTML", "TMPL_ESC_URL_START",
                                           "TMPL_ESC_URL_PART"};

struct tc_op {
	enum tc_kind kind;
	enum tc_esc  esc;
	unsigned     nseg; /* VALUE/IF/EACH/TEXTVAR: path segments, 0 = the item itself */
	unsigned     a, b; /* jump targets; INCLUDE: template index */
	char        *s;    /* text, key, asset name, include name, or NUL-separated path */
	size_t       len;
	int          line;
};

struct tc_tmpl {
	char         *name; /* id part: "login", "_head" */
	char         *path;
	struct tc_op *ops;
	size_t        nops, cap;
};

struct tmplc_set {
	struct tc_tmpl *t;
	size_t          n, cap;
	char           *err;
};

/* ---- small helpers ---------------------------------------------------- */

static void *tc_alloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);
	if (!p)
		abort();
	return p;
}

static void *tc_grow(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		abort();
	return p;
}

static char *tc_strndup(const char *s, size_t n)
{
	char *p = tc_alloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

__attribute__((format(printf, 4, 5))) static int tc_fail(struct tmplc_set *set, const char *path,
                                                         int line, const char *fmt, ...)
{
	if (set->err)
		return -1;
	char    msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	size_t n = strlen(path) + strlen(msg) + 32;
	set->err = tc_alloc(n);
	snprintf(set->err, n, "%s:%d: %s", path, line, msg);
	return -1;
}

/* ---- HTML context ------------------------------------------------------ */

enum tc_hs {
	HS_DATA,
	HS_TAG_OPEN,   /* after '<' */
	HS_TAG_NAME,
	HS_END_TAG,    /* "</…" up to '>' */
	HS_MARKUP,     /* after "<!" */
	HS_COMMENT,
	HS_BOGUS,      /* <!doctype …>, <?…> */
	HS_BEFORE_ATTR,
	HS_ATTR_NAME,
	HS_AFTER_ATTR_NAME,
	HS_BEFORE_VALUE,
	HS_VALUE_DQ,
	HS_VALUE_SQ,
	HS_VALUE_UNQ,
	HS_RAWTEXT,    /* inside <script> or <style> */
	HS_TAG_NAME_END, /* a block ended right after a tag name: it must end here */
};

enum tc_attr { ATTR_NORMAL, ATTR_URL, ATTR_JSPREFIX, ATTR_FORBIDDEN };

struct tc_html {
	enum tc_hs st;
	char       tag[12];  /* lower case, truncated; taglen counts all */
	char       attr[24]; /* lower case, truncated; attrlen counts all */
	char       raw[8];   /* "script"/"style" while in HS_RAWTEXT */
	unsigned   taglen, attrlen, rawmatch, dashes;
	int        val_start; /* nothing yet in the current attribute value */
	int        bad;       /* text after HS_TAG_NAME_END continued the tag name */
};

static int tc_is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

static void tc_name_add(char *dst, size_t cap, unsigned *len, int c)
{
	if (*len + 1 < cap) {
		dst[*len]     = (char)tolower(c);
		dst[*len + 1] = '\0';
	}
	(*len)++;
}

static int tc_tag_is(const struct tc_html *h, const char *name)
{
	return h->taglen == strlen(name) && !strcmp(h->tag, name);
}

static void tc_tag_end(struct tc_html *h)
{
	if (tc_tag_is(h, "script") || tc_tag_is(h, "style")) {
		strcpy(h->raw, h->tag);
		h->rawmatch = 0;
		h->st       = HS_RAWTEXT;
	} else
		h->st = HS_DATA;
}

static void tc_attr_begin(struct tc_html *h, int c)
{
	h->attrlen = 0;
	h->attr[0] = '\0';
	tc_name_add(h->attr, sizeof h->attr, &h->attrlen, c);
	h->st = HS_ATTR_NAME;
}

static void tc_html_feed(struct tc_html *h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i];
		switch (h->st) {
		case HS_DATA:
			if (c == '<')
				h->st = HS_TAG_OPEN;
			break;
		case HS_TAG_OPEN:
			if (isalpha(c)) {
				h->taglen = 0;
				h->tag[0] = '\0';
				tc_name_add(h->tag, sizeof h->tag, &h->taglen, c);
				h->st = HS_TAG_NAME;
			} else if (c == '/')
				h->st = HS_END_TAG;
			else if (c == '!') {
				h->dashes = 0;
				h->st     = HS_MARKUP;
			} else if (c == '?')
				h->st = HS_BOGUS;
			else if (c != '<')
				h->st = HS_DATA;
			break;
		case HS_END_TAG:
		case HS_BOGUS:
			if (c == '>')
				h->st = HS_DATA;
			break;
		case HS_MARKUP:
			if (c == '-' && ++h->dashes == 2) {
				h->dashes = 0;
				h->st     = HS_COMMENT;
			} else if (c == '>')
				h->st = HS_DATA;
			else if (c != '-')
				h->st = HS_BOGUS;
			break;
		case HS_COMMENT:
			if (c == '-')
				h->dashes++;
			else if (c == '>' && h->dashes >= 2)
				h->st = HS_DATA;
			else
				h->dashes = 0;
			break;
		case HS_TAG_NAME_END:
			if (!tc_is_space(c) && c != '/' && c != '>') {
				h->bad = 1;
				break;
			}
			/* fall through */
		case HS_TAG_NAME:
			if (tc_is_space(c) || c == '/')
				h->st = HS_BEFORE_ATTR;
			else if (c == '>')
				tc_tag_end(h);
			else
				tc_name_add(h->tag, sizeof h->tag, &h->taglen, c);
			break;
		case HS_BEFORE_ATTR:
			if (c == '>')
				tc_tag_end(h);
			else if (!tc_is_space(c) && c != '/')
				tc_attr_begin(h, c);
			break;
		case HS_ATTR_NAME:
			if (tc_is_space(c))
				h->st = HS_AFTER_ATTR_NAME;
			else if (c == '=')
				h->st = HS_BEFORE_VALUE;
			else if (c == '>')
				tc_tag_end(h);
			else if (c == '/')
				h->st = HS_BEFORE_ATTR;
			else
				tc_name_add(h->attr, sizeof h->attr, &h->attrlen, c);
			break;
		case HS_AFTER_ATTR_NAME:
			if (c == '=')
				h->st = HS_BEFORE_VALUE;
			else if (c == '>')
				tc_tag_end(h);
			else if (c == '/')
				h->st = HS_BEFORE_ATTR;
			else if (!tc_is_space(c))
				tc_attr_begin(h, c);
			break;
		case HS_BEFORE_VALUE:
			h->val_start = 1;
			if (c == '"')
				h->st = HS_VALUE_DQ;
			else if (c == '\'')
				h->st = HS_VALUE_SQ;
			else if (c == '>')
				tc_tag_end(h);
			else if (!tc_is_space(c)) {
				h->val_start = 0;
				h->st        = HS_VALUE_UNQ;
			}
			break;
		case HS_VALUE_DQ:
		case HS_VALUE_SQ:
			if (c == (h->st == HS_VALUE_DQ ? '"' : '\''))
				h->st = HS_BEFORE_ATTR;
			else
				h->val_start = 0;
			break;
		case HS_VALUE_UNQ:
			if (tc_is_space(c))
				h->st = HS_BEFORE_ATTR;
			else if (c == '>')
				tc_tag_end(h);
			break;
		case HS_RAWTEXT: {
			size_t rl   = strlen(h->raw);
			int    want = h->rawmatch == 0 ? '<' : h->rawmatch == 1 ? '/' : h->raw[h->rawmatch - 2];
			if (tolower(c) == want) {
				if (++h->rawmatch == rl + 2) {
					h->rawmatch = 0;
					h->st       = HS_END_TAG;
				}
			} else
				h->rawmatch = c == '<';
			break;
		}
		}
	}
}

static enum tc_attr tc_attr_kind(const struct tc_html *h)
{
	static const char *const url[] = {"href",     "src",       "action",    "formaction",
	                                  "hx-get",   "hx-post",   "hx-put",    "hx-patch",
	                                  "hx-delete", "poster",   "cite",      "data",
	                                  "xlink:href", "hx-push-url", "hx-replace-url", "background"};
	const char *a = h->attr;
	if (!strncmp(a, "on", 2) || !strcmp(a, "style") || !strcmp(a, "srcdoc") ||
	    !strcmp(a, "srcset"))
		return ATTR_FORBIDDEN;
	if (!strncmp(a, "data-hx-", 8))
		a += 5;
	if (!strncmp(a, "hx-on", 5) || !strcmp(a, "hx-vars") || !strcmp(a, "hx-trigger"))
		return ATTR_FORBIDDEN; /* evaluated as JavaScript by htmx */
	if (h->attrlen < sizeof h->attr) {
		for (size_t i = 0; i < sizeof url / sizeof url[0]; i++)
			if (!strcmp(a, url[i]))
				return ATTR_URL;
		if (!strcmp(a, "hx-vals") || !strcmp(a, "hx-headers"))
			return ATTR_JSPREFIX; /* "js:" at the start is evaluated */
	}
	return ATTR_NORMAL;
}

static enum tc_hs tc_norm(enum tc_hs st)
{
	return st == HS_ATTR_NAME || st == HS_AFTER_ATTR_NAME || st == HS_TAG_NAME ||
	               st == HS_TAG_NAME_END
	           ? HS_BEFORE_ATTR
	           : st;
}

/* Do two branches leave the same HTML context?  (So one escaper fits both.) */
static int tc_html_same(const struct tc_html *x, const struct tc_html *y)
{
	enum tc_hs s = tc_norm(x->st);
	if (s != tc_norm(y->st))
		return 0;
	if (s == HS_DATA)
		return 1;
	if (x->taglen != y->taglen || strcmp(x->tag, y->tag))
		return 0;
	switch (s) {
	case HS_VALUE_DQ:
	case HS_VALUE_SQ:
	case HS_VALUE_UNQ:
		if (x->attrlen != y->attrlen || strcmp(x->attr, y->attr))
			return 0;
		if (tc_attr_kind(x) != ATTR_NORMAL && x->val_start != y->val_start)
			return 0;
		return 1;
	case HS_RAWTEXT:
		return x->rawmatch == y->rawmatch;
	case HS_MARKUP:
	case HS_COMMENT:
		return x->dashes == y->dashes;
	default:
		return 1;
	}
}

static void tc_html_merge(struct tc_html *into, const struct tc_html *other)
{
	if (into->st == HS_TAG_NAME || other->st == HS_TAG_NAME || into->st == HS_TAG_NAME_END)
		into->st = HS_TAG_NAME_END;
	else if (tc_norm(into->st) == HS_BEFORE_ATTR)
		into->st = HS_BEFORE_ATTR;
	if (into->val_start != other->val_start)
		into->val_start = 0;
}

/* ---- parser ------------------------------------------------------------ */

struct tc_block {
	enum tc_kind   kind;
	size_t         op;
	int            line, has_else;
	struct tc_html open, then_end;
};

struct tc_parse {
	struct tmplc_set *set;
	struct tc_tmpl   *t;
	int               line;
	struct tc_html    h;
	struct tc_block   stk[TC_MAX_DEPTH];
	int               depth;
};

static struct tc_op *tc_emit(struct tc_parse *p, enum tc_kind kind)
{
	struct tc_tmpl *t = p->t;
	if (t->nops == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->ops = tc_grow(t->ops, t->cap * sizeof *t->ops);
	}
	struct tc_op *op = &t->ops[t->nops++];
	memset(op, 0, sizeof *op);
	op->kind = kind;
	op->line = p->line;
	return op;
}

static int tc_fail_p(struct tc_parse *p, const char *msg, const char *arg);

static int tc_text(struct tc_parse *p, const char *s, size_t n)
{
	if (!n)
		return 0;
	tc_html_feed(&p->h, s, n);
	if (p->h.bad) {
		p->h.bad = 0;
		return tc_fail_p(p, "a block ends inside a tag name", NULL);
	}
	struct tc_tmpl *t = p->t;
	if (t->nops && t->ops[t->nops - 1].kind == TC_TEXT) {
		struct tc_op *op = &t->ops[t->nops - 1];
		op->s            = tc_grow(op->s, op->len + n + 1);
		memcpy(op->s + op->len, s, n);
		op->len += n;
		op->s[op->len] = '\0';
		return 0;
	}
	struct tc_op *op = tc_emit(p, TC_TEXT);
	op->s            = tc_strndup(s, n);
	op->len          = n;
	return 0;
}

static int tc_fail_p(struct tc_parse *p, const char *msg, const char *arg)
{
	return tc_fail(p->set, p->t->path, p->line, "%s%s%s%s", msg, arg ? " '" : "", arg ? arg : "",
	               arg ? "'" : "");
}

static int tc_word_char(int c) { return isalnum(c) || c == '_' || c == '-'; }

/* "a.b.c" → "a\0b\0c", nseg 3; "." → nseg 0. */
static int tc_path(struct tc_parse *p, struct tc_op *op, const char *s, size_t n)
{
	if (n == 1 && s[0] == '.') {
		op->s    = tc_strndup("", 0);
		op->nseg = 0;
		return 0;
	}
	if (!n)
		return tc_fail_p(p, "empty value path", NULL);
	unsigned nseg = 1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (i == 0 || i + 1 == n || s[i + 1] == '.')
				return tc_fail_p(p, "empty segment in value path", NULL);
			nseg++;
		} else if (!tc_word_char((unsigned char)s[i]))
			return tc_fail_p(p, "bad character in value path; use letters, digits, _ - and .",
			                 NULL);
	}
	if (nseg > 16)
		return tc_fail_p(p, "value path too long", NULL);
	op->s   = tc_strndup(s, n);
	op->len = n;
	for (size_t i = 0; i < n; i++)
		if (op->s[i] == '.')
			op->s[i] = '\0';
	op->nseg = nseg;
	return 0;
}

static int tc_plain_name(const char *s, size_t n, int dots)
{
	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!tc_word_char((unsigned char)s[i]) && !(dots && s[i] == '.'))
			return 0;
	return 1;
}

/* Which escaper a substitution gets here, or an error. */
static int tc_subst(struct tc_parse *p, enum tc_esc *esc, int trusted)
{
	struct tc_html *h = &p->h;
	switch (h->st) {
	case HS_DATA:
		*esc = TC_ESC_HTML;
		return 0;
	case HS_VALUE_DQ:
	case HS_VALUE_SQ: {
		enum tc_attr k = tc_attr_kind(h);
		int          start = h->val_start;
		h->val_start = 0;
		if (k == ATTR_FORBIDDEN)
			return tc_fail_p(p, "substitution in an event-handler, style or script attribute",
			                 h->attr);
		if (k == ATTR_JSPREFIX && start)
			return tc_fail_p(p, "substitution at the start of attribute", h->attr);
		if (k == ATTR_URL && !trusted)
			*esc = start ? TC_ESC_URL_START : TC_ESC_URL_PART;
		else
			*esc = TC_ESC_HTML;
		return 0;
	}
	case HS_BEFORE_VALUE:
	case HS_VALUE_UNQ:
		return tc_fail_p(p, "substitution in an unquoted attribute value; quote it", h->attr);
	case HS_TAG_OPEN:
	case HS_TAG_NAME:
	case HS_TAG_NAME_END:
	case HS_END_TAG:
		return tc_fail_p(p, "substitution in a tag name", NULL);
	case HS_BEFORE_ATTR:
	case HS_ATTR_NAME:
	case HS_AFTER_ATTR_NAME:
		return tc_fail_p(p, "substitution in an attribute name", NULL);
	case HS_MARKUP:
	case HS_COMMENT:
	case HS_BOGUS:
		return tc_fail_p(p, "substitution in an HTML comment or declaration", NULL);
	case HS_RAWTEXT:
		return tc_fail_p(p, "substitution inside <script> or <style>; pass data in a data- "
		                    "attribute",
		                 NULL);
	}
	return tc_fail_p(p, "substitution in unknown HTML context", NULL);
}

static int tc_open_block(struct tc_parse *p, enum tc_kind kind, const char *arg, size_t n)
{
	if (p->depth == TC_MAX_DEPTH)
		return tc_fail_p(p, "blocks nested too deeply", NULL);
	struct tc_op *op = tc_emit(p, kind);
	if (tc_path(p, op, arg, n))
		return -1;
	struct tc_block *b = &p->stk[p->depth++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->op   = p->t->nops - 1;
	b->line = p->line;
	b->open = p->h;
	return 0;
}

static const char *tc_block_name(enum tc_kind k)
{
	return k == TC_IF ? "{{#if}}" : k == TC_UNLESS ? "{{#unless}}" : "{{#each}}";
}

static int tc_close_block(struct tc_parse *p, enum tc_kind kind, const char *tag)
{
	if (!p->depth)
		return tc_fail_p(p, "closing tag without an open block", tag);
	struct tc_block *b = &p->stk[p->depth - 1];
	if (b->kind != kind)
		return tc_fail(p->set, p->t->path, p->line, "'%s' closes %s from line %d", tag,
		               tc_block_name(b->kind), b->line);
	p->depth--;
	const struct tc_html *other = b->has_else ? &b->then_end : &b->open;
	if (!tc_html_same(other, &p->h))
		return tc_fail(p->set, p->t->path, p->line,
		               "the branches of %s from line %d end in different HTML contexts",
		               tc_block_name(b->kind), b->line);
	tc_html_merge(&p->h, other);
	tc_emit(p, kind == TC_EACH ? TC_ENDEACH : TC_ENDIF);
	unsigned end = (unsigned)(p->t->nops - 1);
	struct tc_op *open = &p->t->ops[b->op];
	if (kind == TC_EACH)
		open->a = end;
	else {
		if (!b->has_else)
			open->a = end;
		open->b = end;
	}
	return 0;
}

static int tc_tag(struct tc_parse *p, const char *s, size_t n)
{
	while (n && tc_is_space((unsigned char)*s))
		s++, n--;
	while (n && tc_is_space((unsigned char)s[n - 1]))
		n--;
	if (!n)
		return tc_fail_p(p, "empty {{}}", NULL);
	if (s[0] == '#') {
		const char *w = s + 1;
		size_t      wl = 0;
		while (wl < n - 1 && isalpha((unsigned char)w[wl]))
			wl++;
		const char *arg = w + wl;
		size_t      al  = n - 1 - wl;
		while (al && tc_is_space((unsigned char)*arg))
			arg++, al--;
		if (wl == 4 && !memcmp(w, "else", 4) && al == 0) {
			if (!p->depth || p->stk[p->depth - 1].kind == TC_EACH || p->stk[p->depth - 1].has_else)
				return tc_fail_p(p, "{{#else}} outside {{#if}}/{{#unless}}", NULL);
			struct tc_block *b = &p->stk[p->depth - 1];
			b->has_else        = 1;
			b->then_end        = p->h;
			p->h               = b->open;
			tc_emit(p, TC_ELSE);
			p->t->ops[b->op].a = (unsigned)(p->t->nops - 1);
			return 0;
		}
		if (wl == 2 && !memcmp(w, "if", 2) && arg != w + wl)
			return tc_open_block(p, TC_IF, arg, al);
		if (wl == 6 && !memcmp(w, "unless", 6) && arg != w + wl)
			return tc_open_block(p, TC_UNLESS, arg, al);
		if (wl == 4 && !memcmp(w, "each", 4) && arg != w + wl)
			return tc_open_block(p, TC_EACH, arg, al);
		char name[40];
		snprintf(name, sizeof name, "%.*s", (int)(n < 30 ? n : 30), s);
		return tc_fail_p(p, "unknown block tag", name);
	}
	if (s[0] == '/') {
		if (n == 3 && !memcmp(s, "/if", 3))
			return tc_close_block(p, TC_IF, "{{/if}}");
		if (n == 7 && !memcmp(s, "/unless", 7))
			return tc_close_block(p, TC_UNLESS, "{{/unless}}");
		if (n == 5 && !memcmp(s, "/each", 5))
			return tc_close_block(p, TC_EACH, "{{/each}}");
		return tc_fail_p(p, "unknown closing tag", NULL);
	}
	if (s[0] == '>') {
		const char *nm = s + 1;
		size_t      nl = n - 1;
		while (nl && tc_is_space((unsigned char)*nm))
			nm++, nl--;
		if (!tc_plain_name(nm, nl, 0))
			return tc_fail_p(p, "bad include name", NULL);
		if (p->h.st != HS_DATA)
			return tc_fail_p(p, "{{>include}} is only allowed in element text", NULL);
		struct tc_op *op = tc_emit(p, TC_INCLUDE);
		op->s            = tc_strndup(nm, nl);
		op->len          = nl;
		for (size_t i = 0; i < nl; i++)
			if (op->s[i] == '-')
				op->s[i] = '_';
		return 0;
	}
	if (s[0] == '@') {
		if (n != 6 || memcmp(s, "@index", 6))
			return tc_fail_p(p, "unknown @ variable; only {{@index}} exists", NULL);
		enum tc_esc esc;
		if (tc_subst(p, &esc, 0))
			return -1;
		tc_emit(p, TC_INDEX)->esc = esc;
		return 0;
	}
	enum tc_kind kind = TC_VALUE;
	const char  *arg  = s;
	size_t       al   = n;
	if (n > 2 && !memcmp(s, "t:", 2))
		kind = TC_TEXTKEY, arg = s + 2, al = n - 2;
	else if (n > 3 && !memcmp(s, "tv:", 3))
		kind = TC_TEXTVAR, arg = s + 3, al = n - 3;
	else if (n > 6 && !memcmp(s, "asset:", 6))
		kind = TC_ASSET, arg = s + 6, al = n - 6;
	enum tc_esc esc;
	if (tc_subst(p, &esc, kind == TC_ASSET))
		return -1;
	struct tc_op *op = tc_emit(p, kind);
	op->esc          = esc;
	switch (kind) {
	case TC_TEXTKEY:
		if (!tc_plain_name(arg, al, 1))
			return tc_fail_p(p, "bad catalogue key", NULL);
		op->s   = tc_strndup(arg, al);
		op->len = al;
		return 0;
	case TC_ASSET:
		if (!tc_plain_name(arg, al, 1))
			return tc_fail_p(p, "bad asset name", NULL);
		op->s   = tc_strndup(arg, al);
		op->len = al;
		return 0;
	default:
		return tc_path(p, op, arg, al);
	}
}

static int tc_parse_src(struct tc_parse *p, const char *src, size_t len)
{
	size_t i = 0;
	p->line  = 1;
	while (i < len) {
		const char *o = NULL;
		for (size_t k = i; k + 1 < len; k++)
			if (src[k] == '{' && src[k + 1] == '{') {
				o = src + k;
				break;
			}
		size_t tl = o ? (size_t)(o - (src + i)) : len - i;
		if (tc_text(p, src + i, tl))
			return -1;
		for (size_t k = i; k < i + tl; k++)
			p->line += src[k] == '\n';
		if (!o)
			break;
		size_t st = (size_t)(o - src) + 2, e = st;
		if (len - st >= 3 && !memcmp(src + st, "!--", 3)) {
			/* {{!-- comment that may hold {{…}} --}} */
			e = st + 3;
			while (e + 3 < len && memcmp(src + e, "--}}", 4))
				e++;
			if (e + 3 >= len)
				return tc_fail_p(p, "unterminated {{!-- comment", NULL);
			for (size_t k = st; k < e; k++)
				p->line += src[k] == '\n';
			i = e + 4;
			continue;
		}
		while (e + 1 < len && !(src[e] == '}' && src[e + 1] == '}'))
			e++;
		if (e + 1 >= len)
			return tc_fail_p(p, "unterminated {{", NULL);
		if (memchr(src + st, '{', e - st) && src[st] != '!')
			return tc_fail_p(p, "'{' inside {{…}}", NULL);
		if (src[st] != '!' && tc_tag(p, src + st, e - st))
			return -1;
		for (size_t k = st; k < e; k++)
			p->line += src[k] == '\n';
		i = e + 2;
	}
	if (p->depth)
		return tc_fail(p->set, p->t->path, p->line, "%s from line %d is never closed",
		               tc_block_name(p->stk[p->depth - 1].kind), p->stk[p->depth - 1].line);
	if (p->h.st != HS_DATA)
		return tc_fail_p(p, "template ends inside a tag, comment, script or style", NULL);
	tc_emit(p, TC_END);
	return 0;
}

/* ---- the set: parse, link, emit ----------------------------------------- */

struct tmplc_set *tmplc_new(void) { return tc_alloc(sizeof(struct tmplc_set)); }

const char *tmplc_error(const struct tmplc_set *set) { return set->err; }

void tmplc_free(struct tmplc_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++) {
		struct tc_tmpl *t = &set->t[i];
		for (size_t k = 0; k < t->nops; k++)
			free(t->ops[k].s);
		free(t->ops);
		free(t->name);
		free(t->path);
	}
	free(set->t);
	free(set->err);
	free(set);
}

/* Parses one template; its id comes from the base name without ".html". */
int tmplc_add(struct tmplc_set *set, const char *path, const char *src, size_t len)
{
	if (set->err)
		return -1;
	const char *base = strrchr(path, '/');
	base             = base ? base + 1 : path;
	size_t bl        = strlen(base);
	if (bl > 5 && !strcmp(base + bl - 5, ".html"))
		bl -= 5;
	if (!tc_plain_name(base, bl, 0) || bl > 64)
		return tc_fail(set, path, 0, "template name must be letters, digits, _ and -");
	if (set->n == TC_MAX_TEMPLATES)
		return tc_fail(set, path, 0, "too many templates");
	char *name = tc_strndup(base, bl);
	for (size_t i = 0; i < bl; i++)
		if (name[i] == '-')
			name[i] = '_';
	for (size_t i = 0; i < set->n; i++)
		if (!strcmp(set->t[i].name, name)) {
			free(name);
			return tc_fail(set, path, 0, "duplicate template name");
		}
	if (!strcmp(name, "_COUNT")) {
		free(name);
		return tc_fail(set, path, 0, "reserved template name");
	}
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 16;
		set->t   = tc_grow(set->t, set->cap * sizeof *set->t);
	}
	struct tc_tmpl *t = &set->t[set->n++];
	memset(t, 0, sizeof *t);
	t->name           = name;
	t->path           = tc_strndup(path, strlen(path));
	struct tc_parse *p = tc_alloc(sizeof *p);
	p->set             = set;
	p->t               = t;
	int rc             = tc_parse_src(p, src, len);
	free(p);
	return rc;
}

static int tc_find(const struct tmplc_set *set, const char *name)
{
	for (size_t i = 0; i < set->n; i++)
		if (!strcmp(set->t[i].name, name))
			return (int)i;
	return -1;
}

static int tc_visit(struct tmplc_set *set, size_t i, unsigned char *color)
{
	if (color[i] == 2)
		return 0;
	if (color[i] == 1)
		return tc_fail(set, set->t[i].path, 0, "include cycle through '%s'", set->t[i].name);
	color[i]          = 1;
	struct tc_tmpl *t = &set->t[i];
	for (size_t k = 0; k < t->nops; k++)
		if (t->ops[k].kind == TC_INCLUDE && tc_visit(set, t->ops[k].a, color))
			return -1;
	color[i] = 2;
	return 0;
}

/* Resolves includes; a missing template or a cycle is an error. */
int tmplc_link(struct tmplc_set *set)
{
	if (set->err)
		return -1;
	for (size_t i = 0; i < set->n; i++) {
		struct tc_tmpl *t = &set->t[i];
		for (size_t k = 0; k < t->nops; k++) {
			struct tc_op *op = &t->ops[k];
			if (op->kind != TC_INCLUDE)
				continue;
			int to = tc_find(set, op->s);
			if (to < 0)
				return tc_fail(set, t->path, op->line, "include of missing template '%s'",
				               op->s);
			op->a = (unsigned)to;
		}
	}
	unsigned char *color = tc_alloc(set->n);
	int            rc    = 0;
	for (size_t i = 0; i < set->n && !rc; i++)
		rc = tc_visit(set, i, color);
	free(color);
	return rc;
}

static void tc_cstr(FILE *f, const char *s, size_t n)
{
	fputc('"', f);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\' || c == '?')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs(i + 1 < n ? "\\n\"\n\t\t\"" : "\\n", f);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(f, "\\%03o", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static int tc_strcmp_p(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int tmplc_emit(const struct tmplc_set *set, FILE *h, FILE *c)
{
	if (set->err)
		return -1;
	fputs("/* generated by tools/tmplc.c — do not edit */\n"
	      "#ifndef OPENBAV_TEMPLATES_H\n#define OPENBAV_TEMPLATES_H\n#include <stddef.h>\n\n"
	      "enum tmpl_id {\n",
	      h);
	for (size_t i = 0; i < set->n; i++)
		fprintf(h, "\tTMPL_%s,\n", set->t[i].name);
	fputs("\tTMPL__COUNT\n};\n\n"
	      "extern const char *const tmpl_names[];   /* by enum tmpl_id, NULL-terminated */\n"
	      "/* every {{t:key}} used in a template, sorted, for the catalogue test */\n"
	      "extern const char *const tmpl_text_keys[];\nextern const size_t tmpl_text_keys_count;\n"
	      "\n#endif\n",
	      h);

	fputs("/* generated by tools/tmplc.c — do not edit */\n#include \"templates.h\"\n"
	      "#include \"http/tmpl.h\"\n\n",
	      c);
	size_t       nkeys = 0, capkeys = 0;
	const char **keys  = NULL;
	for (size_t i = 0; i < set->n; i++) {
		const struct tc_tmpl *t = &set->t[i];
		fprintf(c, "/* %s */\nstatic const struct tmpl_op ops_%s[] = {\n", t->path, t->name);
		for (size_t k = 0; k < t->nops; k++) {
			const struct tc_op *op = &t->ops[k];
			fprintf(c, "\t{%s, %s, %u, %u, %u, ", tc_kind_names[op->kind], tc_esc_names[op->esc],
			        op->nseg, op->a, op->b);
			if (op->s)
				tc_cstr(c, op->s, op->len);
			else
				fputs("0", c);
			fprintf(c, ", %zu},\n", op->len);
			if (op->kind == TC_TEXTKEY) {
				if (nkeys == capkeys) {
					capkeys = capkeys ? capkeys * 2 : 64;
					keys    = tc_grow(keys, capkeys * sizeof *keys);
				}
				keys[nkeys++] = op->s;
			}
		}
		fputs("};\n\n", c);
	}
	fputs("const struct tmpl_op *const tmpl_ops[TMPL__COUNT + 1] = {\n", c);
	for (size_t i = 0; i < set->n; i++)
		fprintf(c, "\tops_%s,\n", set->t[i].name);
	fputs("\t0\n};\n\nconst char *const tmpl_names[TMPL__COUNT + 1] = {\n", c);
	for (size_t i = 0; i < set->n; i++)
		fprintf(c, "\t\"%s\",\n", set->t[i].name);
	fputs("\t0\n};\n\nconst char *const tmpl_text_keys[] = {\n", c);
	if (nkeys)
		qsort(keys, nkeys, sizeof *keys, tc_strcmp_p);
	size_t uniq = 0;
	for (size_t i = 0; i < nkeys; i++) {
		if (i && !strcmp(keys[i], keys[i - 1]))
			continue;
		fprintf(c, "\t\"%s\",\n", keys[i]);
		uniq++;
	}
	fprintf(c, "\t0\n};\nconst size_t tmpl_text_keys_count = %zu;\n", uniq);
	free(keys);
	return ferror(h) || ferror(c) ? -1 : 0;
}

/*
 * Compile one template held in memory, with `partials` (NULL-terminated
 * name/source pairs) beside it for includes.  Returns NULL when it compiles,
 * else a malloc'd "path:line: message" the caller frees.  For tests and fuzzing.
 */
char *tmplc_check(const char *src, size_t len, const char *const *partials)
{
	struct tmplc_set *set = tmplc_new();
	tmplc_add(set, "test.html", src, len);
	for (size_t i = 0; partials && partials[i] && partials[i + 1]; i += 2)
		tmplc_add(set, partials[i], partials[i + 1], strlen(partials[i + 1]));
	tmplc_link(set);
	char *err = set->err;
	set->err  = NULL;
	tmplc_free(set);
	return err;
}

#ifdef TMPLC_RUNTIME_OPS
/*
 * Tests only (include src/http/tmpl.h and templates.h first): compile a
 * template string into ops for tmpl_render_ops(); {{>name}} refers to the
 * generated templates.  NULL and *err set on error.  Free with tmplc_ops_free.
 */
struct tmpl_op *tmplc_ops(const char *src, size_t len, char **err)
{
	struct tmplc_set *set = tmplc_new();
	*err                  = NULL;
	if (tmplc_add(set, "test.html", src, len) == 0) {
		struct tc_tmpl *t = &set->t[0];
		for (size_t k = 0; k < t->nops; k++) {
			struct tc_op *op = &t->ops[k];
			if (op->kind != TC_INCLUDE)
				continue;
			int found = -1;
			for (int i = 0; i < TMPL__COUNT; i++)
				if (!strcmp(tmpl_names[i], op->s))
					found = i;
			if (found < 0) {
				tc_fail(set, t->path, op->line, "include of missing template '%s'", op->s);
				break;
			}
			op->a = (unsigned)found;
		}
	}
	if (set->err) {
		*err     = set->err;
		set->err = NULL;
		tmplc_free(set);
		return NULL;
	}
	struct tc_tmpl *t   = &set->t[0];
	struct tmpl_op *ops = tc_alloc(t->nops * sizeof *ops);
	for (size_t k = 0; k < t->nops; k++) {
		ops[k].kind = (unsigned char)t->ops[k].kind;
		ops[k].esc  = (unsigned char)t->ops[k].esc;
		ops[k].nseg = (unsigned char)t->ops[k].nseg;
		ops[k].a    = t->ops[k].a;
		ops[k].b    = t->ops[k].b;
		ops[k].len  = t->ops[k].len;
		ops[k].s    = t->ops[k].s;
		t->ops[k].s = NULL; /* now owned by ops */
	}
	tmplc_free(set);
	return ops;
}

void tmplc_ops_free(struct tmpl_op *ops)
{
	for (size_t k = 0; ops; k++) {
		free((char *)ops[k].s);
		if (ops[k].kind == TMPL_OP_END)
			break;
	}
	free(ops);
}
#endif

#ifndef TMPLC_NO_MAIN
static char *tc_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(1);
	}
	size_t cap = 1 << 14, n = 0, r;
	char  *p   = tc_alloc(cap);
	while ((r = fread(p + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap)
			p = tc_grow(p, cap *= 2);
	}
	if (ferror(f)) {
		perror(path);
		exit(1);
	}
	fclose(f);
	*len = n;
	return p;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: tmplc OUTBASE TEMPLATE.html...\n", stderr);
		return 2;
	}
	struct tmplc_set *set = tmplc_new();
	for (int i = 2; i < argc; i++) {
		size_t len;
		char  *src = tc_slurp(argv[i], &len);
		tmplc_add(set, argv[i], src, len);
		free(src);
	}
	tmplc_link(set);
	if (set->err) {
		fprintf(stderr, "%s\n", set->err);
		tmplc_free(set);
		return 1;
	}
	char hpath[4096], cpath[4096];
	snprintf(hpath, sizeof hpath, "%s.h", argv[1]);
	snprintf(cpath, sizeof cpath, "%s.c", argv[1]);
	FILE *h = fopen(hpath, "w"), *c = fopen(cpath, "w");
	if (!h || !c) {
		perror("tmplc: output");
		return 1;
	}
	int rc = tmplc_emit(set, h, c);
	if (fclose(h) | fclose(c) || rc) {
		perror("tmplc: write");
		remove(hpath);
		remove(cpath);
		return 1;
	}
	tmplc_free(set);
	return 0;
}
#endif
