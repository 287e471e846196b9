/*
 * web.h — the portals and the API: route table, dispatch policy (who may
 * reach what), response helpers and the handlers.
 */
#ifndef OPENBAV_WEB_H
#define OPENBAV_WEB_H

#include "http/http.h"
#include "http/tmpl.h"
#include "templates.h"

extern const struct route web_routes[];
extern const size_t       web_routes_count;

/* Server settings the handlers need (set once at start-up). */
struct web_config {
	bool demo; /* show demo logins on the login page */
};
extern struct web_config web_cfg;

/* Runs the request whose body is complete: authentication, CSRF, the
 * authorization table, the handler.  Always leaves a response in r. */
void web_dispatch(struct req *r);

/* Response helpers (respond.c). */
void req_header(struct req *r, const char *name, const char *value);
void req_redirect(struct req *r, const char *location); /* 303 See Other */
void req_json(struct req *r, int status, json_t *body); /* steals body */
void req_error(struct req *r, enum http_err e, const char *field, const char *message_key);
void req_param_error(struct req *r, const struct param_error *pe);
void req_cookie(struct req *r, const char *name, const char *value, int64_t max_age);
const char *req_cookie_value(struct req *r, const char *name);
const char *req_text(const struct req *r, const char *key);
enum http_err req_app_err(int app_rc);
/* Renders a page: adds the layout context (lang, path, user, csrf, nav). Steals ctx. */
void req_page(struct req *r, enum tmpl_id id, json_t *ctx);
/* The same with long lists bound as text tables (http/tmpl.h). */
void req_page_tables(struct req *r, enum tmpl_id id, json_t *ctx, const struct tmpl_table *tables, size_t ntables);
void req_fail_app(struct req *r, int app_rc, const char *field, const char *key);

#endif
