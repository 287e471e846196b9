/*
 * papgen.c — translates the BMF's Programmablaufplan (the XML pseudo-code of
 * the wage tax, § 39b Abs. 6 EStG) into C at build time.
 *
 *   papgen IN.xml OUT.c               one PAP → build/gen/papYYYY.c
 *   papgen -index OUT.c YEAR...       the list of PAPs → build/gen/pap_index.c
 *
 * The XML declares INPUTS, OUTPUTS, INTERNALS (name, Java type, default) and
 * CONSTANTS, then METHODS made of EVAL (an assignment), IF/THEN/ELSE and
 * EXECUTE (a call).  The generated file holds one struct with every
 * variable, one static function per METHOD (commented with the PAP's own
 * comment and each statement's original text), the initial state, and the
 * name tables of inputs and outputs (type and offset) for src/payroll/pap.c.
 *
 * The expressions are a small subset of Java: BigDecimal method calls (add,
 * subtract, multiply, divide, setScale, compareTo, negate, abs, signum,
 * longValue), BigDecimal.valueOf/ZERO/ONE/TEN/ROUND_*, new BigDecimal(n),
 * int arithmetic and comparisons, && || !, table constants { … } and
 * indexing.  They are parsed and type-checked (int, BigDecimal, double,
 * boolean); BigDecimal arithmetic becomes calls of src/payroll/dec.h.
 * Anything outside the subset — an unknown element, attribute, method,
 * operator, a BigDecimal compared with ==, arithmetic on a double, a
 * divide() whose result would depend on Java's scale — stops the build with
 * the file, line and expression: nothing is translated by guess.
 */
#include <ctype.h>
#include <errno.h>
#include <expat.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers ------------------------------------------------------- */

static const char *g_file = "?";

static void die(int line, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));
static void die(int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "papgen: %s:%d: ", g_file, line);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static void *xmalloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);
	if (!p) {
		fprintf(stderr, "papgen: out of memory\n");
		exit(1);
	}
	return p;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s);
	char  *p = xmalloc(n + 1);
	memcpy(p, s, n + 1);
	return p;
}

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
	va_list ap;
	char   *s = NULL;
	va_start(ap, f);
	if (vasprintf(&s, f, ap) < 0) {
		fprintf(stderr, "papgen: out of memory\n");
		exit(1);
	}
	va_end(ap);
	return s;
}

/* Whitespace collapsed, trimmed, and nothing that could end a C comment. */
static char *comment_text(const char *s)
{
	size_t n   = strlen(s);
	char  *out = xmalloc(n + 1), *o = out;
	bool   sp  = false;
	for (const char *c = s; *c; c++) {
		if (isspace((unsigned char)*c)) {
			sp = o != out;
			continue;
		}
		if (sp)
			*o++ = ' ';
		sp = false;
		if (*c == '/' && o > out && o[-1] == '*')
			*o++ = ' ';
		if (*c == '*' && o > out && o[-1] == '/')
			*o++ = ' ';
		*o++ = *c;
	}
	*o = '\0';
	return out;
}

/* ---- the model ----------------------------------------------------------- */

enum vtype { VT_INT, VT_DEC, VT_DBL, VT_DECARR };
enum vkind { VK_INPUT, VK_OUTPUT, VK_INTERNAL, VK_CONST };

struct var {
	char      *name, *doc, *deflt, *group;
	enum vtype type;
	enum vkind kind;
	int        line;
	bool       has_default, used;
	/* evaluated default / constant value */
	int64_t  m;
	int      s;
	int      n; /* arrays */
	int64_t *am;
	int     *as;
};

enum nkind { N_EVAL, N_IF, N_EXEC, N_COMMENT };
struct node {
	enum nkind   kind;
	char        *text, *note, *code;
	int          line;
	bool         has_then, has_else;
	struct node *then_, *else_, *next;
};

struct method {
	char         *name, *doc;
	int           line;
	bool          reachable, is_main;
	struct node  *body;
};

enum { MAXV = 1024, MAXM = 256 };
static struct var    vars[MAXV];
static int           nvars;
static struct method methods[MAXM];
static int           nmethods;
static char         *pap_name, *pap_version;

static struct var *find_var(const char *name)
{
	for (int i = 0; i < nvars; i++)
		if (!strcmp(vars[i].name, name))
			return &vars[i];
	return NULL;
}

static struct method *find_method(const char *name)
{
	for (int i = 0; i < nmethods; i++)
		if (!strcmp(methods[i].name, name))
			return &methods[i];
	return NULL;
}

/* ---- XML ----------------------------------------------------------------- */

enum { MAXDEPTH = 64 };
static XML_Parser    xp;
static const char   *stack[MAXDEPTH];
static struct node  *stmt_if[MAXDEPTH]; /* the IF node of an IF/THEN/ELSE level */
static struct node **tail[MAXDEPTH];    /* where the next statement of a level goes */
static int           depth;
static char         *pending_doc; /* the last comment outside a method: documents what follows */
static const char   *outputs_group;

static int line_now(void) { return (int)XML_GetCurrentLineNumber(xp); }

static const char *attr(const char **atts, const char *name)
{
	for (int i = 0; atts[i]; i += 2)
		if (!strcmp(atts[i], name))
			return atts[i + 1];
	return NULL;
}

/* Every attribute must be one of allowed (NULL-terminated). */
static void only_attrs(const char *el, const char **atts, const char *const *allowed)
{
	for (int i = 0; atts[i]; i += 2) {
		bool ok = false;
		for (const char *const *a = allowed; *a && !ok; a++)
			ok = !strcmp(*a, atts[i]);
		if (!ok)
			die(line_now(), "<%s> has an attribute papgen does not know: %s=\"%s\"", el, atts[i], atts[i + 1]);
	}
}

static const char *need_attr(const char *el, const char **atts, const char *name)
{
	const char *v = attr(atts, name);
	if (!v || !*v)
		die(line_now(), "<%s> without %s", el, name);
	return v;
}

static const char *parent(void) { return depth ? stack[depth - 1] : ""; }

static bool in_body(void)
{
	const char *p = parent();
	return !strcmp(p, "MAIN") || !strcmp(p, "METHOD") || !strcmp(p, "THEN") || !strcmp(p, "ELSE");
}

static enum vtype parse_type(const char *t)
{
	if (!strcmp(t, "int"))
		return VT_INT;
	if (!strcmp(t, "BigDecimal"))
		return VT_DEC;
	if (!strcmp(t, "double"))
		return VT_DBL;
	if (!strcmp(t, "BigDecimal[]"))
		return VT_DECARR;
	die(line_now(), "unknown type \"%s\"", t);
}

static void add_var(const char *el, const char **atts, enum vkind kind)
{
	static const char *const allowed[] = {"name", "type", "default", "value", "defaul", "regex_test",
	                                      "regex_transform", NULL};
	only_attrs(el, atts, allowed);
	if (nvars == MAXV)
		die(line_now(), "too many variables");
	struct var *v = &vars[nvars];
	v->name       = xstrdup(need_attr(el, atts, "name"));
	v->type       = parse_type(need_attr(el, atts, "type"));
	v->kind       = kind;
	v->line       = line_now();
	v->doc        = pending_doc;
	pending_doc   = NULL;
	if (find_var(v->name))
		die(v->line, "%s declared twice", v->name);
	for (const char *c = v->name; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '_')
			die(v->line, "variable name \"%s\" is not an identifier", v->name);
	/* Empty validation hints of the 2025 file carry no meaning. */
	const char *rt = attr(atts, "regex_test"), *rx = attr(atts, "regex_transform");
	if ((rt && *rt) || (rx && *rx))
		die(v->line, "%s: regex_test/regex_transform with content are not understood", v->name);
	const char *d = attr(atts, kind == VK_CONST ? "value" : "default");
	if (kind == VK_CONST ? attr(atts, "default") != NULL : attr(atts, "value") != NULL)
		die(v->line, "%s: %s here is not understood", v->name, kind == VK_CONST ? "default" : "value");
	if (attr(atts, "defaul")) {
		/* The 2026 file spells one default "defaul" (VJAHR).  Accepted only when it
		 * states Java's own default for the type, so that reading it either way
		 * gives the same program. */
		const char *t = attr(atts, "defaul");
		if (d || v->type != VT_INT || strcmp(t, "0"))
			die(v->line, "%s: attribute \"defaul\" is only understood as the typo of default=\"0\" on an int",
			    v->name);
		fprintf(stderr, "papgen: %s:%d: note: %s defaul=\"0\" read as default=\"0\"\n", g_file, v->line,
		        v->name);
		d = t;
	}
	if (kind == VK_CONST && !d)
		die(v->line, "constant %s without value", v->name);
	if (d) {
		v->deflt       = xstrdup(d);
		v->has_default = true;
	}
	if (kind == VK_OUTPUT)
		v->group = xstrdup(outputs_group ? outputs_group : "");
	if (v->type == VT_DECARR && kind != VK_CONST)
		die(v->line, "%s: BigDecimal[] is only understood for constants", v->name);
	nvars++;
}

static struct node *new_node(enum nkind k, const char *text)
{
	struct node *n = xmalloc(sizeof *n);
	n->kind        = k;
	n->text        = text ? xstrdup(text) : NULL;
	n->line        = line_now();
	return n;
}

static void append(struct node *n)
{
	*tail[depth - 1] = n;
	tail[depth - 1]  = &n->next;
}

static void on_start(void *ud, const char *el, const char **atts)
{
	(void)ud;
	static const char *const none[] = {NULL};
	const char              *par    = parent();
	if (depth == MAXDEPTH - 1)
		die(line_now(), "nested too deeply");
	bool ok = false;
	if (!strcmp(el, "PAP")) {
		static const char *const a[] = {"name", "version", "versionNummer", NULL};
		only_attrs(el, atts, a);
		ok       = depth == 0;
		pap_name = xstrdup(need_attr(el, atts, "name"));
	} else if (!strcmp(el, "VARIABLES") || !strcmp(el, "CONSTANTS") || !strcmp(el, "METHODS")) {
		only_attrs(el, atts, none);
		ok = !strcmp(par, "PAP");
	} else if (!strcmp(el, "INPUTS") || !strcmp(el, "INTERNALS")) {
		only_attrs(el, atts, none);
		ok = !strcmp(par, "VARIABLES");
	} else if (!strcmp(el, "OUTPUTS")) {
		static const char *const a[] = {"type", NULL};
		only_attrs(el, atts, a);
		ok            = !strcmp(par, "VARIABLES");
		outputs_group = attr(atts, "type") ? xstrdup(attr(atts, "type")) : "";
	} else if (!strcmp(el, "INPUT")) {
		ok = !strcmp(par, "INPUTS");
		if (ok)
			add_var(el, atts, VK_INPUT);
	} else if (!strcmp(el, "OUTPUT")) {
		ok = !strcmp(par, "OUTPUTS");
		if (ok)
			add_var(el, atts, VK_OUTPUT);
	} else if (!strcmp(el, "INTERNAL")) {
		ok = !strcmp(par, "INTERNALS");
		if (ok)
			add_var(el, atts, VK_INTERNAL);
	} else if (!strcmp(el, "CONSTANT")) {
		ok = !strcmp(par, "CONSTANTS");
		if (ok)
			add_var(el, atts, VK_CONST);
	} else if (!strcmp(el, "MAIN") || !strcmp(el, "METHOD")) {
		static const char *const a[] = {"name", NULL};
		only_attrs(el, atts, a);
		ok = !strcmp(par, "METHODS");
		if (ok) {
			if (nmethods == MAXM)
				die(line_now(), "too many methods");
			struct method *m = &methods[nmethods++];
			m->is_main       = !strcmp(el, "MAIN");
			m->name          = xstrdup(m->is_main ? "MAIN" : need_attr(el, atts, "name"));
			m->line          = line_now();
			m->doc           = pending_doc;
			pending_doc      = NULL;
			if (m->is_main && attr(atts, "name"))
				die(m->line, "MAIN with a name");
			if (find_method(m->name) != m)
				die(m->line, "method %s defined twice", m->name);
			for (const char *c = m->name; *c; c++)
				if (!isalnum((unsigned char)*c) && *c != '_')
					die(m->line, "method name \"%s\" is not an identifier", m->name);
			tail[depth] = &m->body;
		}
	} else if (!strcmp(el, "EVAL")) {
		static const char *const a[] = {"exec", NULL};
		only_attrs(el, atts, a);
		ok = in_body();
		if (ok)
			append(new_node(N_EVAL, need_attr(el, atts, "exec")));
	} else if (!strcmp(el, "EXECUTE")) {
		static const char *const a[] = {"method", NULL};
		only_attrs(el, atts, a);
		ok = in_body();
		if (ok)
			append(new_node(N_EXEC, need_attr(el, atts, "method")));
	} else if (!strcmp(el, "IF")) {
		static const char *const a[] = {"expr", NULL};
		only_attrs(el, atts, a);
		ok = in_body();
		if (ok) {
			struct node *n = new_node(N_IF, need_attr(el, atts, "expr"));
			append(n);
			stmt_if[depth] = n;
		}
	} else if (!strcmp(el, "THEN") || !strcmp(el, "ELSE")) {
		only_attrs(el, atts, none);
		ok = !strcmp(par, "IF");
		if (ok) {
			struct node *n = stmt_if[depth - 1];
			if (!strcmp(el, "THEN")) {
				if (n->has_then || n->has_else)
					die(line_now(), "THEN twice or after ELSE");
				n->has_then = true;
				tail[depth] = &n->then_;
			} else {
				if (!n->has_then || n->has_else)
					die(line_now(), "ELSE without THEN, or twice");
				n->has_else = true;
				tail[depth] = &n->else_;
			}
		}
	} else
		die(line_now(), "element <%s> is not understood", el);
	if (!ok)
		die(line_now(), "element <%s> is not understood inside <%s>", el, par);
	stack[depth++] = xstrdup(el);
	if (strcmp(el, "IF"))
		stmt_if[depth - 1] = NULL;
}

static void on_end(void *ud, const char *el)
{
	(void)ud;
	if (!strcmp(el, "IF") && !stmt_if[depth - 1]->has_then)
		die(line_now(), "IF without THEN");
	if (!strcmp(el, "OUTPUTS"))
		outputs_group = NULL;
	depth--;
}

static void on_text(void *ud, const char *s, int len)
{
	(void)ud;
	for (int i = 0; i < len; i++)
		if (!isspace((unsigned char)s[i]))
			die(line_now(), "text \"%.*s\" inside <%s> is not understood", len, s, parent());
}

static void on_comment(void *ud, const char *data)
{
	(void)ud;
	char *c = comment_text(data);
	if (!pap_version && strstr(c, "Stand:"))
		pap_version = c;
	if (!*c)
		return;
	if (in_body()) {
		append(new_node(N_COMMENT, c));
	} else if (!strcmp(parent(), "IF")) {
		struct node *n = stmt_if[depth - 1];
		n->note        = n->note ? fmt("%s %s", n->note, c) : c;
	} else
		pending_doc = c;
}

/* ---- expressions ---------------------------------------------------------- */

enum ety { E_INT, E_DEC, E_DBL, E_BOOL, E_MODE, E_ARR, E_STR };
static const char *const ety_name[] = {"int", "BigDecimal", "double", "boolean", "rounding mode", "BigDecimal[]",
                                       "string"};

struct ex {
	enum ety    t;
	char       *c;       /* C code */
	bool        is_lit;  /* a constant: value in m/s (ints: m) */
	int64_t     m;
	int         s;
	struct var *arr;     /* E_ARR */
};

enum tk { TK_END, TK_NUM, TK_ID, TK_OP, TK_STR };
struct tok {
	enum tk kind;
	char    text[128];
	size_t  at;
};

struct px {
	const char *src;
	size_t      pos;
	int         line;
	bool        constant; /* no variables: a default or a constant's value */
	struct tok  tok;
};

static void pfail(struct px *x, const char *fmt_, ...) __attribute__((format(printf, 2, 3), noreturn));
static void pfail(struct px *x, const char *fmt_, ...)
{
	va_list ap;
	va_start(ap, fmt_);
	fprintf(stderr, "papgen: %s:%d: ", g_file, x->line);
	vfprintf(stderr, fmt_, ap);
	fprintf(stderr, "\n    in: %s\n    at: %*s^\n", x->src, (int)x->tok.at, "");
	va_end(ap);
	exit(1);
}

static void next(struct px *x)
{
	const char *s = x->src;
	while (isspace((unsigned char)s[x->pos]))
		x->pos++;
	struct tok *t = &x->tok;
	t->at         = x->pos;
	size_t b      = x->pos;
	char   c      = s[b];
	if (!c) {
		t->kind    = TK_END;
		t->text[0] = '\0';
		return;
	}
	if (isdigit((unsigned char)c) || (c == '.' && isdigit((unsigned char)s[b + 1]))) {
		while (isalnum((unsigned char)s[x->pos]) || s[x->pos] == '.')
			x->pos++;
		t->kind = TK_NUM;
	} else if (isalpha((unsigned char)c) || c == '_') {
		while (isalnum((unsigned char)s[x->pos]) || s[x->pos] == '_')
			x->pos++;
		t->kind = TK_ID;
	} else if (c == '"') {
		x->pos++;
		while (s[x->pos] && s[x->pos] != '"')
			x->pos++;
		if (!s[x->pos])
			pfail(x, "unterminated string");
		x->pos++;
		t->kind = TK_STR;
	} else {
		static const char *const two[] = {"==", "!=", "<=", ">=", "&&", "||", NULL};
		t->kind                        = TK_OP;
		x->pos++;
		for (const char *const *o = two; *o; o++)
			if (c == (*o)[0] && s[b + 1] == (*o)[1]) {
				x->pos++;
				break;
			}
		if (!strchr("=!<>&|+-*/%()[]{}.,", c))
			pfail(x, "character '%c' is not understood", c);
	}
	size_t n = x->pos - b;
	if (n >= sizeof t->text)
		pfail(x, "token too long");
	memcpy(t->text, s + b, n);
	t->text[n] = '\0';
}

static bool is_op(struct px *x, const char *op) { return x->tok.kind == TK_OP && !strcmp(x->tok.text, op); }
static bool is_id(struct px *x, const char *id) { return x->tok.kind == TK_ID && !strcmp(x->tok.text, id); }

static void expect(struct px *x, const char *op)
{
	if (!is_op(x, op))
		pfail(x, "expected '%s'", op);
	next(x);
}

static struct ex mk(enum ety t, char *c)
{
	struct ex e = {.t = t, .c = c};
	return e;
}

static struct ex lit_dec(enum ety t, int64_t m, int s)
{
	struct ex e = {.t = t, .c = fmt("DEC(%lld, %d)", (long long)m, s), .is_lit = true, .m = m, .s = s};
	return e;
}

static struct ex lit_int(int64_t v)
{
	struct ex e = {.t = E_INT, .c = fmt("%lld", (long long)v), .is_lit = true, .m = v};
	return e;
}

/* A decimal literal "932.30" → m/s; limits keep Java's double and
 * Double.toString (BigDecimal.valueOf(double)) equal to the written value. */
static void parse_decimal(struct px *x, const char *t, int64_t *m, int *s, bool from_double)
{
	int64_t v = 0;
	int     sc = -1, sig = 0;
	for (const char *c = t; *c; c++) {
		if (*c == '.') {
			if (sc >= 0)
				pfail(x, "malformed number %s", t);
			sc = 0;
			continue;
		}
		if (!isdigit((unsigned char)*c))
			pfail(x, "number %s is not understood (no exponents, suffixes or hex)", t);
		if (v > (INT64_MAX - 9) / 10)
			pfail(x, "number %s too long", t);
		v = v * 10 + (*c - '0');
		if (v)
			sig++;
		if (sc >= 0)
			sc++;
	}
	if (sc == 0)
		pfail(x, "number %s ends in a point", t);
	if (sc > 18)
		pfail(x, "number %s has more than 18 decimals", t);
	if (from_double && sig > 15)
		pfail(x, "double literal %s has more than 15 significant digits: its Double.toString may differ", t);
	*m = v;
	*s = sc < 0 ? 0 : sc;
}

static struct ex parse_expr(struct px *x);

static int parse_args(struct px *x, struct ex *args, int max)
{
	expect(x, "(");
	int n = 0;
	if (!is_op(x, ")")) {
		for (;;) {
			if (n == max)
				pfail(x, "too many arguments");
			args[n++] = parse_expr(x);
			if (!is_op(x, ","))
				break;
			next(x);
		}
	}
	expect(x, ")");
	return n;
}

static const struct {
	const char *java, *c;
} modes[] = {
	{"ROUND_UP", "DEC_UP"},           {"ROUND_DOWN", "DEC_DOWN"},           {"ROUND_CEILING", "DEC_CEILING"},
	{"ROUND_FLOOR", "DEC_FLOOR"},     {"ROUND_HALF_UP", "DEC_HALF_UP"},     {"ROUND_HALF_DOWN", "DEC_HALF_DOWN"},
	{"ROUND_HALF_EVEN", "DEC_HALF_EVEN"}, {"ROUND_UNNECESSARY", "DEC_UNNECESSARY"},
};

static struct ex mode_of(struct px *x, const char *name)
{
	for (size_t i = 0; i < sizeof modes / sizeof *modes; i++)
		if (!strcmp(modes[i].java, name) || !strcmp(modes[i].java + 6, name))
			return mk(E_MODE, xstrdup(modes[i].c));
	pfail(x, "rounding mode %s is not understood", name);
}

static void need_type(struct px *x, const struct ex *e, enum ety t, const char *what)
{
	if (e->t != t)
		pfail(x, "%s must be %s, is %s", what, ety_name[t], ety_name[e->t]);
}

/* A scale argument: an int literal 0..18. */
static int scale_arg(struct px *x, const struct ex *e)
{
	if (e->t != E_INT || !e->is_lit)
		pfail(x, "a scale must be an int literal");
	if (e->m < 0 || e->m > 18)
		pfail(x, "scale %lld outside 0..18", (long long)e->m);
	return (int)e->m;
}

/* BigDecimal.X … */
static struct ex parse_bigdecimal_static(struct px *x)
{
	next(x);
	expect(x, ".");
	if (x->tok.kind != TK_ID)
		pfail(x, "expected a member of BigDecimal");
	char name[128];
	snprintf(name, sizeof name, "%s", x->tok.text);
	next(x);
	if (!strcmp(name, "ZERO"))
		return lit_dec(E_DEC, 0, 0);
	if (!strcmp(name, "ONE"))
		return lit_dec(E_DEC, 1, 0);
	if (!strcmp(name, "TEN"))
		return lit_dec(E_DEC, 10, 0);
	if (!strncmp(name, "ROUND_", 6))
		return mode_of(x, name);
	if (strcmp(name, "valueOf"))
		pfail(x, "BigDecimal.%s is not understood", name);
	struct ex a[3];
	int       n = parse_args(x, a, 3);
	if (n == 1) {
		if (a[0].t == E_INT)
			return a[0].is_lit ? lit_dec(E_DEC, a[0].m, 0) : mk(E_DEC, fmt("dec_from_long(%s)", a[0].c));
		if (a[0].t == E_DBL) {
			/* valueOf(double) = new BigDecimal(Double.toString(d)): a literal keeps
			 * its written value; the double variable (f) holds the caller's decimal. */
			if (a[0].is_lit)
				return lit_dec(E_DEC, a[0].m, a[0].s);
			return mk(E_DEC, a[0].c);
		}
		pfail(x, "BigDecimal.valueOf(%s) is not understood", ety_name[a[0].t]);
	}
	if (n == 2) {
		need_type(x, &a[0], E_INT, "valueOf's unscaled value");
		need_type(x, &a[1], E_INT, "valueOf's scale");
		if (a[0].is_lit && a[1].is_lit && a[1].m >= 0 && a[1].m <= 18)
			return lit_dec(E_DEC, a[0].m, (int)a[1].m);
		if (x->constant)
			pfail(x, "valueOf(unscaled, scale) in a constant needs literals, scale 0..18");
		return mk(E_DEC, fmt("dec_from_unscaled(E, %s, %s)", a[0].c, a[1].c));
	}
	pfail(x, "BigDecimal.valueOf with %d arguments is not understood", n);
}

static struct ex parse_primary(struct px *x)
{
	struct tok t = x->tok;
	if (t.kind == TK_NUM) {
		next(x);
		if (strchr(t.text, '.')) {
			struct ex e = {.t = E_DBL, .is_lit = true};
			parse_decimal(x, t.text, &e.m, &e.s, true);
			e.c = fmt("DEC(%lld, %d)", (long long)e.m, e.s);
			return e;
		}
		int64_t m;
		int     s;
		if (t.text[0] == '0' && t.text[1])
			pfail(x, "octal literal %s is not understood", t.text);
		parse_decimal(x, t.text, &m, &s, false);
		if (m > INT32_MAX)
			pfail(x, "int literal %s beyond int", t.text);
		return lit_int(m);
	}
	if (t.kind == TK_STR)
		pfail(x, "a string is only understood as new BigDecimal(\"…\")");
	if (is_op(x, "(")) {
		next(x);
		struct ex e = parse_expr(x);
		expect(x, ")");
		if (e.t == E_INT || e.t == E_BOOL)
			e.c = fmt("(%s)", e.c);
		return e;
	}
	if (is_op(x, "{"))
		pfail(x, "an array literal is only understood as a constant's value");
	if (t.kind != TK_ID)
		pfail(x, "unexpected '%s'", t.text);
	if (!strcmp(t.text, "BigDecimal"))
		return parse_bigdecimal_static(x);
	if (!strcmp(t.text, "RoundingMode")) {
		next(x);
		expect(x, ".");
		struct ex e = mode_of(x, x->tok.text);
		next(x);
		return e;
	}
	if (!strcmp(t.text, "new")) {
		next(x);
		if (!is_id(x, "BigDecimal"))
			pfail(x, "only new BigDecimal(…) is understood");
		next(x);
		expect(x, "(");
		struct ex e;
		if (x->tok.kind == TK_STR) {
			/* new BigDecimal("12.5"): exact. */
			char txt[128];
			snprintf(txt, sizeof txt, "%.*s", (int)strlen(x->tok.text) - 2, x->tok.text + 1);
			bool neg = txt[0] == '-';
			e        = (struct ex){.t = E_DEC, .is_lit = true};
			parse_decimal(x, txt + neg, &e.m, &e.s, false);
			if (neg)
				e.m = -e.m;
			e.c = fmt("DEC(%lld, %d)", (long long)e.m, e.s);
			next(x);
		} else {
			struct ex a = parse_expr(x);
			/* new BigDecimal(double) is the binary expansion of the double: not understood. */
			if (a.t != E_INT || !a.is_lit)
				pfail(x, "new BigDecimal(…) is only understood with an int literal or a string");
			e = lit_dec(E_DEC, a.m, 0);
		}
		expect(x, ")");
		return e;
	}
	next(x);
	struct var *v = find_var(t.text);
	if (!v)
		pfail(x, "unknown name %s", t.text);
	if (x->constant && v->kind != VK_CONST)
		pfail(x, "variable %s in a constant expression", t.text);
	v->used = true;
	if (v->kind == VK_CONST) {
		if (v->type == VT_DECARR) {
			struct ex e = mk(E_ARR, fmt("c_%s", v->name));
			e.arr       = v;
			return e;
		}
		if (x->constant) { /* a constant made of another: its value */
			if (v->type == VT_INT)
				return lit_int(v->m);
			return lit_dec(v->type == VT_DBL ? E_DBL : E_DEC, v->m, v->s);
		}
		return mk(v->type == VT_INT ? E_INT : v->type == VT_DBL ? E_DBL : E_DEC, fmt("c_%s", v->name));
	}
	return mk(v->type == VT_INT ? E_INT : v->type == VT_DBL ? E_DBL : E_DEC, fmt("p->%s", v->name));
}

static struct ex parse_method(struct px *x, struct ex recv)
{
	char name[128];
	snprintf(name, sizeof name, "%s", x->tok.text);
	if (x->tok.kind != TK_ID)
		pfail(x, "expected a method name");
	next(x);
	if (recv.t != E_DEC)
		pfail(x, ".%s on %s is not understood", name, ety_name[recv.t]);
	if (x->constant)
		pfail(x, "method calls in a constant expression are not understood");
	struct ex a[4];
	int       n = parse_args(x, a, 4);
	const char *bin[][2] = {{"add", "dec_add"}, {"subtract", "dec_sub"}, {"multiply", "dec_mul"}};
	for (int i = 0; i < 3; i++)
		if (!strcmp(name, bin[i][0])) {
			if (n != 1)
				pfail(x, "%s with %d arguments (MathContext) is not understood", name, n);
			need_type(x, &a[0], E_DEC, name);
			return mk(E_DEC, fmt("%s(E, %s, %s)", bin[i][1], recv.c, a[0].c));
		}
	if (!strcmp(name, "divide")) {
		if (n == 1) {
			need_type(x, &a[0], E_DEC, "the divisor");
			return mk(E_DEC, fmt("dec_div(E, %s, %s)", recv.c, a[0].c));
		}
		if (n == 3) {
			need_type(x, &a[0], E_DEC, "the divisor");
			int sc = scale_arg(x, &a[1]);
			need_type(x, &a[2], E_MODE, "divide's third argument");
			return mk(E_DEC, fmt("dec_div_scale(E, %s, %s, %d, %s)", recv.c, a[0].c, sc, a[2].c));
		}
		pfail(x, "divide with %d arguments is not understood (divide(x, mode) rounds to Java's scale of the "
		         "dividend, which is not modelled)",
		      n);
	}
	if (!strcmp(name, "setScale")) {
		if (n < 1 || n > 2)
			pfail(x, "setScale with %d arguments", n);
		int sc = scale_arg(x, &a[0]);
		if (n == 2)
			need_type(x, &a[1], E_MODE, "setScale's rounding mode");
		return mk(E_DEC, fmt("dec_set_scale(E, %s, %d, %s)", recv.c, sc, n == 2 ? a[1].c : "DEC_UNNECESSARY"));
	}
	if (!strcmp(name, "compareTo")) {
		if (n != 1)
			pfail(x, "compareTo with %d arguments", n);
		need_type(x, &a[0], E_DEC, "compareTo's argument");
		return mk(E_INT, fmt("dec_cmp(%s, %s)", recv.c, a[0].c));
	}
	if (n != 0)
		pfail(x, "%s with %d arguments is not understood", name, n);
	if (!strcmp(name, "negate"))
		return mk(E_DEC, fmt("dec_neg(E, %s)", recv.c));
	if (!strcmp(name, "abs"))
		return mk(E_DEC, fmt("dec_abs(E, %s)", recv.c));
	if (!strcmp(name, "signum"))
		return mk(E_INT, fmt("dec_signum(%s)", recv.c));
	if (!strcmp(name, "longValue"))
		return mk(E_INT, fmt("dec_long_value(%s)", recv.c));
	pfail(x, "BigDecimal.%s() is not understood", name);
}

static struct ex parse_postfix(struct px *x)
{
	struct ex e = parse_primary(x);
	for (;;) {
		if (is_op(x, ".")) {
			next(x);
			e = parse_method(x, e);
		} else if (is_op(x, "[")) {
			if (e.t != E_ARR)
				pfail(x, "indexing a %s is not understood", ety_name[e.t]);
			next(x);
			struct ex i = parse_expr(x);
			expect(x, "]");
			need_type(x, &i, E_INT, "an index");
			if (x->constant)
				pfail(x, "indexing in a constant expression is not understood");
			e = mk(E_DEC, fmt("pap_tab(E, %s, %d, %s)", e.c, e.arr->n, i.c));
		} else
			return e;
	}
}

static struct ex parse_unary(struct px *x)
{
	if (is_op(x, "-")) {
		next(x);
		struct ex e = parse_unary(x);
		if (e.is_lit && (e.t == E_INT || e.t == E_DBL)) {
			e.m = -e.m;
			e.c = e.t == E_INT ? fmt("%lld", (long long)e.m) : fmt("DEC(%lld, %d)", (long long)e.m, e.s);
			return e;
		}
		if (e.t != E_INT)
			pfail(x, "unary minus on %s is not understood", ety_name[e.t]);
		return mk(E_INT, fmt("pap_isub(E, 0, %s)", e.c));
	}
	if (is_op(x, "!")) {
		next(x);
		struct ex e = parse_unary(x);
		need_type(x, &e, E_BOOL, "the operand of !");
		return mk(E_BOOL, fmt("!%s", e.c));
	}
	return parse_postfix(x);
}

static struct ex int_binop(struct px *x, const char *op, struct ex a, struct ex b)
{
	if (x->constant)
		pfail(x, "arithmetic in a constant expression is not understood");
	if (a.t != E_INT || b.t != E_INT)
		pfail(x, "'%s' on %s and %s is not understood (BigDecimal arithmetic is by methods; double arithmetic "
		         "is not modelled)",
		      op, ety_name[a.t], ety_name[b.t]);
	const char *f = !strcmp(op, "+") ? "pap_iadd" : !strcmp(op, "-") ? "pap_isub" : "pap_imul";
	return mk(E_INT, fmt("%s(E, %s, %s)", f, a.c, b.c));
}

static struct ex parse_mul(struct px *x)
{
	struct ex a = parse_unary(x);
	while (is_op(x, "*") || is_op(x, "/") || is_op(x, "%")) {
		if (!is_op(x, "*"))
			pfail(x, "int '/' and '%%' are not understood");
		next(x);
		a = int_binop(x, "*", a, parse_unary(x));
	}
	return a;
}

static struct ex parse_add(struct px *x)
{
	struct ex a = parse_mul(x);
	while (is_op(x, "+") || is_op(x, "-")) {
		char op[3];
		snprintf(op, sizeof op, "%s", x->tok.text);
		next(x);
		a = int_binop(x, op, a, parse_mul(x));
	}
	return a;
}

static struct ex parse_rel(struct px *x)
{
	struct ex a = parse_add(x);
	while (is_op(x, "<") || is_op(x, "<=") || is_op(x, ">") || is_op(x, ">=") || is_op(x, "==") ||
	       is_op(x, "!=")) {
		char op[3];
		snprintf(op, sizeof op, "%s", x->tok.text);
		next(x);
		struct ex b = parse_add(x);
		if (a.t != E_INT || b.t != E_INT)
			pfail(x, "'%s' on %s and %s is not understood (BigDecimals compare by compareTo)", op,
			      ety_name[a.t], ety_name[b.t]);
		a = mk(E_BOOL, fmt("%s %s %s", a.c, op, b.c));
	}
	return a;
}

static struct ex parse_and(struct px *x)
{
	struct ex a = parse_rel(x);
	while (is_op(x, "&&")) {
		next(x);
		struct ex b = parse_rel(x);
		need_type(x, &a, E_BOOL, "the operands of &&");
		need_type(x, &b, E_BOOL, "the operands of &&");
		a = mk(E_BOOL, fmt("(%s) && (%s)", a.c, b.c));
	}
	return a;
}

static struct ex parse_expr(struct px *x)
{
	struct ex a = parse_and(x);
	while (is_op(x, "||")) {
		next(x);
		struct ex b = parse_and(x);
		need_type(x, &a, E_BOOL, "the operands of ||");
		need_type(x, &b, E_BOOL, "the operands of ||");
		a = mk(E_BOOL, fmt("(%s) || (%s)", a.c, b.c));
	}
	return a;
}

static void px_init(struct px *x, const char *src, int line, bool constant)
{
	*x = (struct px){.src = src, .line = line, .constant = constant};
	next(x);
}

static void px_end(struct px *x)
{
	if (x->tok.kind != TK_END)
		pfail(x, "unexpected '%s' after the expression", x->tok.text);
}

/* The value of a default or a constant. */
static void eval_constant(struct var *v)
{
	struct px x;
	px_init(&x, v->deflt, v->line, true);
	if (v->type == VT_DECARR) {
		expect(&x, "{");
		int cap = 16;
		v->am   = xmalloc(sizeof *v->am * cap);
		v->as   = xmalloc(sizeof *v->as * cap);
		for (;;) {
			struct ex e = parse_expr(&x);
			if (e.t != E_DEC || !e.is_lit)
				pfail(&x, "a BigDecimal[] element must be a BigDecimal constant");
			if (v->n == cap) {
				cap *= 2;
				v->am = realloc(v->am, sizeof *v->am * cap);
				v->as = realloc(v->as, sizeof *v->as * cap);
				if (!v->am || !v->as)
					die(v->line, "out of memory");
			}
			v->am[v->n]   = e.m;
			v->as[v->n++] = e.s;
			if (!is_op(&x, ","))
				break;
			next(&x);
		}
		expect(&x, "}");
		px_end(&x);
		return;
	}
	struct ex e = parse_expr(&x);
	px_end(&x);
	if (!e.is_lit)
		pfail(&x, "not a constant");
	bool ok = (v->type == VT_INT && e.t == E_INT) || (v->type == VT_DEC && e.t == E_DEC) ||
	          (v->type == VT_DBL && (e.t == E_DBL || e.t == E_INT));
	if (!ok)
		pfail(&x, "a %s cannot hold a %s", ety_name[v->type == VT_INT ? E_INT : v->type == VT_DEC ? E_DEC : E_DBL],
		      ety_name[e.t]);
	if (v->type == VT_INT && (e.m < INT32_MIN || e.m > INT32_MAX))
		pfail(&x, "beyond int");
	v->m = e.m;
	v->s = e.t == E_INT ? 0 : e.s;
}

/* An EVAL: "NAME = expression". */
static char *translate_eval(struct node *n)
{
	struct px x;
	px_init(&x, n->text, n->line, false);
	if (x.tok.kind != TK_ID)
		pfail(&x, "an EVAL must assign to a variable");
	struct var *v = find_var(x.tok.text);
	if (!v)
		pfail(&x, "unknown variable %s", x.tok.text);
	if (v->kind == VK_CONST)
		pfail(&x, "assignment to the constant %s", v->name);
	next(&x);
	expect(&x, "=");
	struct ex e = parse_expr(&x);
	px_end(&x);
	v->used = true;
	switch (v->type) {
	case VT_INT:
		need_type(&x, &e, E_INT, v->name);
		if (e.is_lit)
			return fmt("p->%s = %s;", v->name, e.c);
		return fmt("p->%s = pap_int(E, %s);", v->name, e.c);
	case VT_DEC: need_type(&x, &e, E_DEC, v->name); return fmt("p->%s = %s;", v->name, e.c);
	case VT_DBL:
		/* Java widens an int to double exactly; a double literal or variable is
		 * kept as the decimal it was written as. */
		if (e.t == E_INT)
			return e.is_lit ? fmt("p->%s = DEC(%lld, 0);", v->name, (long long)e.m)
			                : fmt("p->%s = dec_from_long(%s);", v->name, e.c);
		need_type(&x, &e, E_DBL, v->name);
		return fmt("p->%s = %s;", v->name, e.c);
	case VT_DECARR: break;
	}
	pfail(&x, "assignment to %s is not understood", v->name);
}

static char *translate_cond(struct node *n)
{
	struct px x;
	px_init(&x, n->text, n->line, false);
	struct ex e = parse_expr(&x);
	px_end(&x);
	if (e.t != E_BOOL) {
		x.tok.at = 0;
		pfail(&x, "an IF needs a boolean, this is %s", ety_name[e.t]);
	}
	return e.c;
}

static void translate(struct node *n)
{
	for (; n; n = n->next) {
		switch (n->kind) {
		case N_EVAL: n->code = translate_eval(n); break;
		case N_IF:
			n->code = translate_cond(n);
			translate(n->then_);
			translate(n->else_);
			break;
		case N_EXEC:
			if (!find_method(n->text) || find_method(n->text)->is_main)
				die(n->line, "EXECUTE of an unknown method %s", n->text);
			break;
		case N_COMMENT: break;
		}
	}
}

static void mark_reachable(struct method *m)
{
	if (m->reachable)
		return;
	m->reachable = true;
	struct node *todo[4096];
	int          nt = 0;
	todo[nt++]      = m->body;
	while (nt) {
		for (struct node *n = todo[--nt]; n; n = n->next) {
			if (n->kind == N_EXEC)
				mark_reachable(find_method(n->text));
			if (n->kind == N_IF) {
				if (nt + 2 > 4096)
					die(n->line, "nested too deeply");
				todo[nt++] = n->then_;
				todo[nt++] = n->else_;
			}
		}
	}
}

/* ---- output --------------------------------------------------------------- */

static FILE *out;

static const char *tabs(int n)
{
	static const char t[] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
	return n < (int)sizeof t - 1 ? t + sizeof t - 1 - n : t;
}

static void emit_body(struct node *n, int ind)
{
	for (; n; n = n->next) {
		switch (n->kind) {
		case N_COMMENT: fprintf(out, "%s/* %s */\n", tabs(ind), n->text); break;
		case N_EVAL:
			fprintf(out, "%s/* %s */\n%s%s\n", tabs(ind), comment_text(n->text), tabs(ind), n->code);
			break;
		case N_EXEC: fprintf(out, "%s%s(p);\n", tabs(ind), n->text); break;
		case N_IF:
			fprintf(out, "%s/* IF %s%s%s */\n", tabs(ind), comment_text(n->text), n->note ? " — " : "",
			        n->note ? n->note : "");
			fprintf(out, "%sif (%s) {\n", tabs(ind), n->code);
			emit_body(n->then_, ind + 1);
			if (n->has_else && n->else_) {
				fprintf(out, "%s} else {\n", tabs(ind));
				emit_body(n->else_, ind + 1);
			}
			fprintf(out, "%s}\n", tabs(ind));
			break;
		}
	}
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp((*(struct var *const *)a)->name, (*(struct var *const *)b)->name);
}

static const char *pap_type_of(const struct var *v)
{
	return v->type == VT_INT ? "PAP_INT" : v->type == VT_DBL ? "PAP_DOUBLE" : "PAP_DEC";
}

static void emit_table(const char *name, enum vkind kind)
{
	struct var *list[MAXV];
	int         n = 0;
	for (int i = 0; i < nvars; i++)
		if (vars[i].kind == kind)
			list[n++] = &vars[i];
	qsort(list, (size_t)n, sizeof *list, cmp_name);
	fprintf(out, "static const struct pap_var %s[] = {\n", name);
	for (int i = 0; i < n; i++) {
		const struct var *v = list[i];
		fprintf(out, "\t{\"%s\", %s, offsetof(struct state, %s), %s, %s%s%s},\n", v->name, pap_type_of(v),
		        v->name, v->has_default ? "true" : "false", v->group ? "\"" : "", v->group ? v->group : "NULL",
		        v->group ? "\"" : "");
	}
	fprintf(out, "};\n\n");
}

static const char *const reserved[] = {
	"auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
	"float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
	"sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "E",
	"DEC", "p", "run", "state", "defaults", "inputs", "outputs", "err", "main", "bool", "true", "false", NULL};

static void check_identifier(const char *name, int line)
{
	for (const char *const *r = reserved; *r; r++)
		if (!strcmp(*r, name))
			die(line, "the name %s clashes with C or the generated code", name);
	if (!strncmp(name, "dec_", 4) || !strncmp(name, "pap_", 4) || !strncmp(name, "c_", 2) ||
	    !strncmp(name, "DEC_", 4) || !strncmp(name, "PAP_", 4) || name[0] == '_')
		die(line, "the name %s clashes with the generated code's prefixes", name);
}

static int generate(const char *in_path, const char *out_path)
{
	g_file = in_path;
	FILE *f = fopen(in_path, "rb");
	if (!f) {
		fprintf(stderr, "papgen: %s: %s\n", in_path, strerror(errno));
		return 1;
	}
	xp = XML_ParserCreate("UTF-8");
	XML_SetElementHandler(xp, on_start, on_end);
	XML_SetCharacterDataHandler(xp, on_text);
	XML_SetCommentHandler(xp, on_comment);
	char buf[65536];
	for (;;) {
		size_t n    = fread(buf, 1, sizeof buf, f);
		int    last = n < sizeof buf;
		if (XML_Parse(xp, buf, (int)n, last) == XML_STATUS_ERROR)
			die((int)XML_GetCurrentLineNumber(xp), "XML: %s", XML_ErrorString(XML_GetErrorCode(xp)));
		if (last)
			break;
	}
	fclose(f);
	if (!pap_name)
		die(0, "no <PAP>");
	/* The year: the last four digits of the PAP's name ("Lohnsteuer2026"). */
	size_t nl = strlen(pap_name);
	if (nl < 4 || !isdigit((unsigned char)pap_name[nl - 4]) || !isdigit((unsigned char)pap_name[nl - 1]) ||
	    !isdigit((unsigned char)pap_name[nl - 2]) || !isdigit((unsigned char)pap_name[nl - 3]))
		die(0, "PAP name \"%s\" does not end in a year", pap_name);
	int year = atoi(pap_name + nl - 4);

	for (int i = 0; i < nvars; i++) {
		check_identifier(vars[i].name, vars[i].line);
		if (vars[i].has_default)
			eval_constant(&vars[i]);
	}
	struct method *main_m = find_method("MAIN");
	if (!main_m)
		die(0, "no <MAIN>");
	for (int i = 0; i < nmethods; i++) {
		if (!methods[i].is_main)
			check_identifier(methods[i].name, methods[i].line);
		if (find_var(methods[i].name))
			die(methods[i].line, "method %s has a variable's name", methods[i].name);
		translate(methods[i].body);
	}
	mark_reachable(main_m);

	out = fopen(out_path, "w");
	if (!out) {
		fprintf(stderr, "papgen: %s: %s\n", out_path, strerror(errno));
		return 1;
	}
	fprintf(out,
	        "/*\n * %s — generated by tools/papgen.c from %s; do not edit.\n"
	        " *\n * The BMF Programmablaufplan \"%s\" (%s) for the wage tax of %d\n"
	        " * (§ 39b Abs. 6 EStG), statement by statement: each BigDecimal operation\n"
	        " * is a call of src/payroll/dec.h, E collects what went wrong.\n */\n",
	        strrchr(out_path, '/') ? strrchr(out_path, '/') + 1 : out_path, in_path, pap_name,
	        pap_version ? pap_version : "no Stand", year);
	fprintf(out, "#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n\n"
	             "#include \"payroll/dec.h\"\n#include \"payroll/pap.h\"\n\n"
	             "#define E (&p->err)\n\n");

	/* the state */
	fprintf(out, "struct state {\n\tint err; /* DEC_E* bits */\n");
	const char *heads[] = {"inputs", "outputs", "internals"};
	for (int k = VK_INPUT; k <= VK_INTERNAL; k++) {
		fprintf(out, "\n\t/* ---- %s ---- */\n", heads[k]);
		for (int i = 0; i < nvars; i++) {
			struct var *v = &vars[i];
			if ((int)v->kind != k)
				continue;
			if (v->doc)
				fprintf(out, "\t/* %s */\n", v->doc);
			fprintf(out, "\t%s %s;%s\n", v->type == VT_INT ? "int32_t" : "dec_t", v->name,
			        v->type == VT_DBL ? " /* Java double */" : "");
		}
	}
	fprintf(out, "};\n_Static_assert(sizeof(struct state) <= PAP_STATE_MAX, \"PAP state too large\");\n\n");

	/* helpers */
	fprintf(out,
	        "/* Java int arithmetic: computed exactly, refused beyond int32 (Java would wrap).\n"
	        " * (Not every PAP uses every helper.) */\n"
	        "#define PAP_HELPER static inline __attribute__((unused))\n"
	        "PAP_HELPER int32_t pap_int(int *err, int64_t v)\n{\n"
	        "\tif (v < INT32_MIN || v > INT32_MAX) {\n\t\t*err |= DEC_ERANGE;\n\t\treturn 0;\n\t}\n"
	        "\treturn (int32_t)v;\n}\n");
	static const char *const iops[][2] = {{"add", "+"}, {"sub", "-"}, {"mul", "*"}};
	for (int i = 0; i < 3; i++)
		fprintf(out,
		        "PAP_HELPER int64_t pap_i%s(int *err, int64_t a, int64_t b) /* a %s b */\n{\n\tint64_t r;\n"
		        "\tif (__builtin_%s_overflow(a, b, &r)) {\n\t\t*err |= DEC_ERANGE;\n\t\treturn 0;\n\t}\n"
		        "\treturn pap_int(err, r);\n}\n",
		        iops[i][0], iops[i][1], iops[i][0]);
	fprintf(out,
	        "/* TAB[i]: an index outside the table is refused (Java would throw). */\n"
	        "PAP_HELPER dec_t pap_tab(int *err, const dec_t *tab, int n, int64_t i)\n{\n"
	        "\tif (i < 0 || i >= n) {\n\t\t*err |= DEC_EINDEX;\n\t\treturn DEC_ZERO;\n\t}\n"
	        "\treturn tab[i];\n}\n\n");

	/* constants */
	fprintf(out, "/* ---- constants ---- */\n");
	for (int i = 0; i < nvars; i++) {
		struct var *v = &vars[i];
		if (v->kind != VK_CONST)
			continue;
		if (v->doc)
			fprintf(out, "/* %s */\n", v->doc);
		const char *unused = v->used ? "" : "__attribute__((unused)) ";
		if (v->type == VT_DECARR) {
			fprintf(out, "static const dec_t c_%s[%d] %s= {", v->name, v->n, unused);
			for (int k = 0; k < v->n; k++)
				fprintf(out, "%s{%lld, %d}", !k ? "\n\t" : k % 6 ? ", " : ",\n\t", (long long)v->am[k], v->as[k]);
			fprintf(out, "\n};\n");
		} else if (v->type == VT_INT)
			fprintf(out, "static const int32_t c_%s %s= %lld;\n", v->name, unused, (long long)v->m);
		else
			fprintf(out, "static const dec_t c_%s %s= {%lld, %d};\n", v->name, unused, (long long)v->m, v->s);
	}

	/* methods */
	fprintf(out, "\n/* ---- methods ---- */\n");
	for (int i = 0; i < nmethods; i++)
		if (methods[i].reachable && !methods[i].is_main)
			fprintf(out, "static void %s(struct state *p);\n", methods[i].name);
	for (int i = 0; i < nmethods; i++) {
		struct method *m = &methods[i];
		if (!m->reachable) {
			fprintf(stderr, "papgen: %s:%d: note: method %s is never executed; left out\n", g_file, m->line,
			        m->name);
			fprintf(out, "\n/* %s (line %d) is never executed from MAIN: left out. */\n", m->name, m->line);
			continue;
		}
		fprintf(out, "\n/* %s%s%s */\n", m->name, m->doc ? " — " : "", m->doc ? m->doc : "");
		if (m->is_main)
			fprintf(out, "static int run(void *st)\n{\n\tstruct state *p = st;\n");
		else
			fprintf(out, "static void %s(struct state *p)\n{\n", m->name);
		emit_body(m->body, 1);
		if (m->is_main)
			fprintf(out, "\treturn p->err;\n");
		fprintf(out, "}\n");
	}

	/* the initial state */
	fprintf(out, "\nstatic const struct state defaults = {\n");
	for (int i = 0; i < nvars; i++) {
		struct var *v = &vars[i];
		if (v->kind == VK_CONST || !v->has_default)
			continue;
		if (v->type == VT_INT)
			fprintf(out, "\t.%s = %lld,\n", v->name, (long long)v->m);
		else
			fprintf(out, "\t.%s = {%lld, %d},\n", v->name, (long long)v->m, v->s);
	}
	fprintf(out, "};\n\n");
	emit_table("inputs", VK_INPUT);
	emit_table("outputs", VK_OUTPUT);
	int nin = 0, nout = 0;
	for (int i = 0; i < nvars; i++) {
		nin += vars[i].kind == VK_INPUT;
		nout += vars[i].kind == VK_OUTPUT;
	}
	fprintf(out,
	        "const struct pap_def pap_def_%d = {\n\t.year       = %d,\n\t.name       = \"%s\",\n"
	        "\t.version    = \"%s\",\n\t.paragraph  = \"§ 39b Abs. 6 EStG, PAP %d\",\n"
	        "\t.state_size = sizeof(struct state),\n\t.defaults   = &defaults,\n\t.run        = run,\n"
	        "\t.inputs     = inputs,\n\t.ninputs    = %d,\n\t.outputs    = outputs,\n\t.noutputs   = %d,\n};\n",
	        year, year, pap_name, pap_version ? pap_version : "", year, nin, nout);
	if (fclose(out)) {
		fprintf(stderr, "papgen: %s: %s\n", out_path, strerror(errno));
		return 1;
	}
	return 0;
}

static int gen_index(const char *out_path, int n, char **years)
{
	FILE *o = fopen(out_path, "w");
	if (!o) {
		fprintf(stderr, "papgen: %s: %s\n", out_path, strerror(errno));
		return 1;
	}
	fprintf(o, "/* pap_index.c — generated by tools/papgen.c: every PAP built in. */\n"
	           "#include \"payroll/pap.h\"\n\n");
	for (int i = 0; i < n; i++) {
		char *end;
		long  y = strtol(years[i], &end, 10);
		if (*end || y < 2000 || y > 2999 || (i && y <= strtol(years[i - 1], NULL, 10))) {
			fprintf(stderr, "papgen: -index: \"%s\" is not a year in ascending order\n", years[i]);
			return 1;
		}
		fprintf(o, "extern const struct pap_def pap_def_%ld;\n", y);
	}
	fprintf(o, "\nconst struct pap_def *const pap_defs[] = {\n");
	for (int i = 0; i < n; i++)
		fprintf(o, "\t&pap_def_%s,\n", years[i]);
	fprintf(o, "};\nconst size_t pap_defs_count = %d;\n", n);
	return fclose(o) ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "-index"))
		return gen_index(argv[2], argc - 3, argv + 3);
	if (argc != 3) {
		fprintf(stderr, "usage: papgen IN.xml OUT.c | papgen -index OUT.c YEAR...\n");
		return 2;
	}
	return generate(argv[1], argv[2]);
}
