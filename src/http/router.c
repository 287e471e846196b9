/*
 * router.c — path matching and the parameter allow-list.  A request reaches
 * a handler only with the parameters its route declares, each decoded and of
 * its declared type; anything else is refused here with the field named.
 */
#include "http/http.h"
#include "core/date.h"

#include <string.h>
#include <time.h>

uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

const char *http_method_name(enum http_method m)
{
	static const char *const names[HTTP__METHODS] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"};
	return (unsigned)m < HTTP__METHODS ? names[m] : "?";
}

/* One path segment against one pattern segment. */
static bool seg_match(const char *pat, size_t pn, const char *seg, size_t sn, struct req *r)
{
	if (pn >= 2 && pat[0] == '{') {
		if ((pn == 5 && !memcmp(pat, "{eid}", 5)) || (pn == 4 && !memcmp(pat, "{id}", 4))) {
			if (sn < 1 || sn > 18 || seg[0] == '0')
				return false;
			int64_t v = 0;
			for (size_t i = 0; i < sn; i++) {
				if (seg[i] < '0' || seg[i] > '9')
					return false;
				v = v * 10 + (seg[i] - '0');
			}
			if (r->nids >= HTTP_MAX_PATH_IDS)
				return false;
			r->ids[r->nids++] = v;
			return true;
		}
		if (sn < 1 || sn > 64 || r->npv >= HTTP_MAX_PATH_IDS)
			return false;
		for (size_t i = 0; i < sn; i++) {
			char c = seg[i];
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			      c == '.' || c == '_' || c == '-'))
				return false;
		}
		if (seg[0] == '.')
			return false;
		r->pv[r->npv++] = arena_strndup(&r->a, seg, sn);
		return true;
	}
	return pn == sn && !memcmp(pat, seg, sn);
}

static bool path_match(const char *pattern, const char *path, struct req *r)
{
	r->nids = r->npv = 0;
	const char *p = pattern, *s = path;
	while (*p == '/' && *s == '/') {
		p++, s++;
		size_t pn = strcspn(p, "/"), sn = strcspn(s, "/");
		if (!pn && !sn)
			return !p[0] && !s[0];
		if (!seg_match(p, pn, s, sn, r))
			return false;
		p += pn, s += sn;
	}
	return !*p && !*s;
}

int http_route_match(const struct route *routes, size_t count, struct req *r)
{
	bool path_known = false;
	for (size_t i = 0; i < count; i++) {
		if (!path_match(routes[i].pattern, r->path, r))
			continue;
		if (routes[i].method == r->method ||
		    (r->method == HTTP_HEAD && routes[i].method == HTTP_GET))
			return (int)i;
		path_known = true;
	}
	r->nids = r->npv = 0;
	return path_known ? -2 : -1;
}

/* ---- parameters ----------------------------------------------------------- */

#define PERR(e, f, k) (*pe = (struct param_error){(e), (f), (k), 0, 0}, false)

static bool text_clean(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
			return false;
	}
	return true;
}

static bool check_value(const struct param *p, const char *v, size_t n, struct param_error *pe)
{
	switch (p->type) {
	case PT_STRING:
		if (!utf8_valid(v, n) || !text_clean(v, n))
			return PERR(ERR_INVALID, p->name, "err.param.chars");
		if ((int64_t)n < p->min || (int64_t)n > p->max) {
			*pe = (struct param_error){ERR_INVALID, p->name, "err.param.length", p->min, p->max};
			return false;
		}
		return true;
	case PT_INT: {
		size_t  i = (n && v[0] == '-') ? 1 : 0;
		int64_t x = 0;
		if (i == n || n - i > 18)
			return PERR(ERR_INVALID, p->name, "err.param.int");
		for (; i < n; i++) {
			if (v[i] < '0' || v[i] > '9')
				return PERR(ERR_INVALID, p->name, "err.param.int");
			x = x * 10 + (v[i] - '0');
		}
		if (v[0] == '-')
			x = -x;
		if (x < p->min || x > p->max) {
			*pe = (struct param_error){ERR_INVALID, p->name, "err.param.range", p->min, p->max};
			return false;
		}
		return true;
	}
	case PT_DATE: {
		day_t d;
		if (!date_parse(v, n, &d))
			return PERR(ERR_INVALID, p->name, "err.param.date");
		return true;
	}
	case PT_BOOL:
		if (!strcmp(v, "true") || !strcmp(v, "false") || !strcmp(v, "1") || !strcmp(v, "0") ||
		    !strcmp(v, "on") || !strcmp(v, "off"))
			return true;
		return PERR(ERR_INVALID, p->name, "err.param.bool");
	case PT_ENUM:
		for (const char *const *c = p->choices; c && *c; c++)
			if (!strcmp(*c, v))
				return true;
		return PERR(ERR_INVALID, p->name, "err.param.enum");
	case PT_EMAIL: {
		const char *at = memchr(v, '@', n);
		if (n > 254 || !at || at == v || at == v + n - 1 || !utf8_valid(v, n) || !text_clean(v, n))
			return PERR(ERR_INVALID, p->name, "err.param.email");
		for (size_t i = 0; i < n; i++)
			if (v[i] == ' ')
				return PERR(ERR_INVALID, p->name, "err.param.email");
		return true;
	}
	}
	return PERR(ERR_INVALID, p->name, "err.param.type");
}

static int param_index(const struct route *rt, const char *key, unsigned source)
{
	for (int i = 0; rt->params && rt->params[i].name && i < HTTP_MAX_PARAMS; i++)
		if ((rt->params[i].flags & source) && !strcmp(rt->params[i].name, key))
			return i;
	return -1;
}

static bool take(struct req *r, unsigned source, const char *key, const char *val, size_t n,
                 struct param_error *pe)
{
	int i = param_index(r->route, key, source);
	if (i < 0) {
		*pe = (struct param_error){ERR_INVALID, arena_strdup(&r->a, key), "err.param.unknown", 0, 0};
		return false;
	}
	if (r->arg[i])
		return PERR(ERR_INVALID, r->route->params[i].name, "err.param.twice");
	if (!check_value(&r->route->params[i], val, n, pe))
		return false;
	r->arg[i] = val;
	return true;
}

static bool take_pairs(struct req *r, const char *s, size_t n, unsigned source, struct param_error *pe)
{
	struct kv *kv;
	size_t     count;
	enum parse_err e = parse_urlencoded(&r->a, s, n, HTTP_MAX_PARAMS + 2, &kv, &count);
	if (e != PARSE_OK)
		return PERR(ERR_INVALID, source == PF_QUERY ? "query" : "body",
		            e == PARSE_TOO_MANY ? "err.param.too_many" : "err.param.encoding");
	for (size_t i = 0; i < count; i++) {
		/* The CSRF token is checked by the dispatcher.  A file upload (multipart)
		 * carries it in the form's action URL, since its body is not parsed here. */
		if (!strcmp(kv[i].key, "_csrf") &&
		    (source == PF_BODY || (r->route->flags & RF_FILE_BODY))) {
			r->form_csrf = kv[i].val;
			continue;
		}
		if (!take(r, source, kv[i].key, kv[i].val, kv[i].vallen, pe))
			return false;
	}
	return true;
}

static bool take_json(struct req *r, struct param_error *pe)
{
	json_error_t jerr;
	r->json = json_loadb(r->body.p, r->body.n, JSON_REJECT_DUPLICATES, &jerr);
	if (!r->json || !json_is_object(r->json))
		return PERR(ERR_INVALID, "body", "err.param.json");
	const char *key;
	json_t     *v;
	json_object_foreach(r->json, key, v)
	{
		const char *s;
		size_t      n;
		int         i = param_index(r->route, key, PF_BODY);
		if (json_is_string(v)) {
			s = json_string_value(v);
			n = json_string_length(v);
			if (memchr(s, 0, n))
				return PERR(ERR_INVALID, arena_strdup(&r->a, key), "err.param.chars");
		} else if (json_is_integer(v)) {
			s = arena_printf(&r->a, "%lld", (long long)json_integer_value(v));
			n = strlen(s);
		} else if (json_is_boolean(v)) {
			s = json_is_true(v) ? "true" : "false";
			n = strlen(s);
		} else if (json_is_null(v) && i >= 0 && (r->route->params[i].flags & PF_NULLABLE)) {
			s = "";
			n = 0;
			if (r->arg[i])
				return PERR(ERR_INVALID, r->route->params[i].name, "err.param.twice");
			r->arg[i] = s;
			continue;
		} else {
			if (i < 0)
				return take(r, PF_BODY, key, "", 0, pe);
			return PERR(ERR_INVALID, r->route->params[i].name, "err.param.type");
		}
		if (!take(r, PF_BODY, key, s, n, pe))
			return false;
	}
	return true;
}

/* A raw-body route with a form body: decode it for the handler, take _csrf. */
static bool raw_form(struct req *r, struct param_error *pe)
{
	if (parse_urlencoded(&r->a, r->body.p, r->body.n, 64, &r->form, &r->nform) != PARSE_OK)
		return PERR(ERR_INVALID, "body", "err.param.encoding");
	for (size_t i = 0; i < r->nform; i++)
		if (!strcmp(r->form[i].key, "_csrf"))
			r->form_csrf = r->form[i].val;
	return true;
}

bool http_params(struct req *r, struct param_error *pe)
{
	const struct route *rt = r->route;
	if (r->body.n && (rt->flags & RF_RAW_BODY) && !(rt->flags & RF_FILE_BODY) && !r->body_json && !raw_form(r, pe))
		return false;
	if (r->query && *r->query && !take_pairs(r, r->query, strlen(r->query), PF_QUERY, pe))
		return false;
	if (r->body.n && !(rt->flags & (RF_RAW_BODY | RF_FILE_BODY))) {
		bool json = (rt->flags & RF_JSON) && r->body_json;
		if (json ? !take_json(r, pe) : !take_pairs(r, r->body.p, r->body.n, PF_BODY, pe))
			return false;
	}
	for (int i = 0; rt->params && rt->params[i].name; i++)
		if ((rt->params[i].flags & PF_REQUIRED) && !r->arg[i])
			return PERR(ERR_INVALID, rt->params[i].name, "err.param.required");
	return true;
}

const char *req_arg(const struct req *r, const char *name)
{
	for (int i = 0; r->route && r->route->params && r->route->params[i].name; i++)
		if (!strcmp(r->route->params[i].name, name))
			return r->arg[i];
	return NULL;
}
