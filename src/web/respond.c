/*
 * respond.c — building responses: pages with their layout context, JSON,
 * redirects, cookies, and errors (JSON for the API, a page for people).
 * The catalogue key of an error message becomes text here, in the request's
 * language.
 */
#include "web/web.h"
#include "app/app.h"
#include "http/i18n.h"
#include "http/tmpl.h"
#include "base/jalloc.h"

#include <stdio.h>
#include <string.h>

void req_header(struct req *r, const char *name, const char *value)
{
	if (r->nhdr < HTTP_MAX_HEADERS)
		r->hdr[r->nhdr++] = (struct header){name, value};
}

void req_redirect(struct req *r, const char *location)
{
	r->status = 303;
	req_header(r, "Location", arena_strdup(&r->a, location));
	buf_reset(&r->out);
}

void req_json(struct req *r, int status, json_t *body)
{
	r->status = status;
	r->ctype  = "application/json";
	buf_reset(&r->out);
	char *s = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	if (s) {
		buf_adds(&r->out, s);
		jalloc_free(s);
	}
	buf_addc(&r->out, '\n');
}

const char *req_text(const struct req *r, const char *key) { return i18n_text(r->lang, key); }

/* "{min}" and "{max}" in a catalogue text become numbers. */
static const char *fill_limits(struct req *r, const char *text, int64_t min, int64_t max)
{
	if (!strstr(text, "{min}") && !strstr(text, "{max}"))
		return text;
	struct buf b = {0};
	for (const char *p = text; *p;) {
		if (!strncmp(p, "{min}", 5)) {
			buf_printf(&b, "%lld", (long long)min);
			p += 5;
		} else if (!strncmp(p, "{max}", 5)) {
			buf_printf(&b, "%lld", (long long)max);
			p += 5;
		} else
			buf_addc(&b, *p++);
	}
	char *s = arena_strdup(&r->a, b.p);
	buf_free(&b);
	return s;
}

static bool wants_json(const struct req *r)
{
	return r->route ? (r->route->flags & RF_JSON) != 0 : !strncmp(r->path, "/api/", 5);
}

static void error_out(struct req *r, enum http_err e, const char *field, const char *message)
{
	int status = http_err_status(e);
	if (wants_json(r)) {
		json_t *err = json_pack("{s:s, s:s}", "code", http_err_code(e), "message", message);
		if (field)
			json_object_set_new(err, "field", json_string(field));
		req_json(r, status, json_pack("{s:o}", "error", err));
		return;
	}
	json_t *ctx = json_pack("{s:i, s:s, s:s}", "status", status, "title",
	                        req_text(r, arena_printf(&r->a, "http.%d", status)), "message", message);
	if (field)
		json_object_set_new(ctx, "field", json_string(field));
	req_page(r, TMPL_error, ctx);
	r->status = status;
}

void req_error(struct req *r, enum http_err e, const char *field, const char *message_key)
{
	const char *msg = req_text(r, message_key ? message_key : arena_printf(&r->a, "http.%d", http_err_status(e)));
	if (field && wants_json(r) == false && message_key)
		msg = arena_printf(&r->a, "%s: %s", field, msg);
	error_out(r, e, field, msg);
}

void req_param_error(struct req *r, const struct param_error *pe)
{
	const char *msg = fill_limits(r, req_text(r, pe->key), pe->min, pe->max);
	if (!wants_json(r) && pe->field)
		msg = arena_printf(&r->a, "%s: %s", pe->field, msg);
	error_out(r, pe->err, pe->field, msg);
}

enum http_err req_app_err(int app_rc)
{
	switch ((enum app_rc)app_rc) {
	case APP_INVALID: return ERR_INVALID;
	case APP_NOT_FOUND: return ERR_NOT_FOUND;
	case APP_CONFLICT: return ERR_CONFLICT;
	case APP_RULE: return ERR_RULE;
	case APP_OK:
	case APP_ERROR: break;
	}
	return ERR_INTERNAL;
}

void req_fail_app(struct req *r, int app_rc, const char *field, const char *key)
{
	req_error(r, req_app_err(app_rc), field, key);
}

void req_cookie(struct req *r, const char *name, const char *value, int64_t max_age)
{
	req_header(r, "Set-Cookie",
	           arena_printf(&r->a, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s; Max-Age=%lld", name,
	                        value, r->tls ? "; Secure" : "", (long long)max_age));
}

const char *req_cookie_value(struct req *r, const char *name)
{
	const char *h = r->h_cookie;
	if (!h)
		return NULL;
	struct kv *kv;
	size_t     n = parse_cookies(&r->a, h, 16, &kv);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(kv[i].key, name))
			return kv[i].val;
	return NULL;
}

/* Navigation by what the principal may reach. */
static void add_nav(struct req *r, json_t *ctx)
{
	if (!r->who.user_id || r->who.mfa_pending)
		return;
	json_t *nav = json_array();
	json_array_append_new(nav, json_pack("{s:s, s:s, s:b}", "href", "/", "key", "nav.home", "current",
	                                     !strcmp(r->path, "/") || !strncmp(r->path, "/employer", 9) ||
	                                             !strcmp(r->path, "/operator") || !strcmp(r->path, "/employee") ||
	                                             !strcmp(r->path, "/broker")));
	json_array_append_new(nav, json_pack("{s:s, s:s, s:b}", "href", "/calc", "key", "nav.calc", "current",
	                                     !strncmp(r->path, "/calc", 5)));
	json_array_append_new(nav, json_pack("{s:s, s:s, s:b}", "href", "/account", "key", "nav.account",
	                                     "current", !strcmp(r->path, "/account")));
	json_object_set_new(ctx, "nav", nav);
}

void req_page(struct req *r, enum tmpl_id id, json_t *ctx) { req_page_tables(r, id, ctx, NULL, 0); }

void req_page_tables(struct req *r, enum tmpl_id id, json_t *ctx, const struct tmpl_table *tables, size_t ntables)
{
	json_object_set_new(ctx, "lang", json_string(i18n_lang_code(r->lang)));
	json_object_set_new(ctx, "path", json_string(r->path));
	if (r->who.user_id) {
		json_object_set_new(ctx, "csrf", json_string(r->who.csrf));
		json_object_set_new(ctx, "user", json_pack("{s:s, s:s}", "name", r->who.name, "email", r->who.email));
	}
	add_nav(r, ctx);
	r->ctype = "text/html; charset=utf-8";
	buf_reset(&r->out);
	buf_reserve(&r->out, 32 * 1024); /* one allocation for a typical page */
	tmpl_render_tables(&r->out, id, ctx, tables, ntables, r->lang);
	json_decref(ctx);
}
