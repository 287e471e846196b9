/*
 * dispatch.c — the policy every request passes, in this order: route found,
 * body within its limit, who is asking (bearer token or session cookie), the
 * second factor, the authorization table, parameters allowed and well-formed,
 * the CSRF token on unsafe methods — and only then the handler.
 * Another tenant's employer is 404, never 403: its existence is not revealed.
 */
#include "web/web.h"
#include "db/db.h"
#include "http/i18n.h"

#include <sodium.h>
#include <string.h>

static bool is_loopback(const char *addr) { return !strncmp(addr, "127.", 4) || !strcmp(addr, "::1"); }

/* Pages: the user's choice (cookie), else the browser's, else German.  The
 * API: English unless the client asks for German. */
static void choose_lang(struct req *r)
{
	bool        api = r->route ? (r->route->flags & RF_JSON) != 0 : !strncmp(r->path, "/api/", 5);
	const char *c   = api ? NULL : req_cookie_value(r, "lang");
	if (c && (!strcmp(c, "de") || !strcmp(c, "en")))
		r->lang = i18n_lang_from_code(c);
	else if (r->h_lang && (!api || strstr(r->h_lang, "de")))
		r->lang = parse_accept_language(r->h_lang);
	else
		r->lang = api ? LANG_EN : LANG_DE;
}

static bool authenticate(struct req *r)
{
	if (r->h_auth) {
		if (strncmp(r->h_auth, "Bearer ", 7) || !auth_bearer(r->db, r->h_auth + 7, r->now, &r->who)) {
			memset(&r->who, 0, sizeof r->who);
			req_error(r, ERR_UNAUTH, NULL, "err.token");
			req_header(r, "WWW-Authenticate", "Bearer realm=\"openbav\"");
			return false;
		}
		return true;
	}
	const char *sid = req_cookie_value(r, "obsid");
	if (sid && !auth_session(r->db, sid, r->now, &r->who))
		memset(&r->who, 0, sizeof r->who);
	return true;
}

static bool csrf_ok(struct req *r)
{
	const char *t = r->h_csrf ? r->h_csrf : r->form_csrf;
	return t && strlen(t) == AUTH_CSRF_CHARS &&
	       sodium_memcmp(t, r->who.csrf, AUTH_CSRF_CHARS) == 0;
}

/* The best level any of the principal's roles gives for a global action. */
static enum authz_level global_level(struct req *r, enum action act)
{
	enum role        best_role = r->who.operator_role;
	enum authz_level best      = authz_level(best_role, act);
	if (best < AUTHZ_ALL) {
		struct db_q *q = db_q(r->db, STMT_MEMBERSHIPS_OF_USER);
		db_bind_int(q, 1, r->who.user_id);
		while (db_step(q) == DB_ROW) {
			enum role        role = authz_role_from_code(db_col_text(q, 2));
			enum authz_level l    = authz_level(role, act);
			if (l > best)
				best = l, best_role = role;
		}
		db_q_done(q);
	}
	r->role = best_role;
	return best;
}

static bool authorize(struct req *r)
{
	enum action act = r->route->action;
	if (act == ACT_PUBLIC) {
		r->level = AUTHZ_ALL;
		return true;
	}
	if (!r->who.user_id) {
		if (!(r->route->flags & RF_JSON) && (r->method == HTTP_GET || r->method == HTTP_HEAD)) {
			struct buf b = {0};
			buf_adds(&b, "/login?next=");
			buf_add_urlenc(&b, r->path, strlen(r->path));
			req_redirect(r, b.p);
			buf_free(&b);
		} else
			req_error(r, ERR_UNAUTH, NULL, "err.signin");
		return false;
	}
	if (r->who.mfa_pending && !(r->route->flags & RF_MFA)) {
		if (!(r->route->flags & RF_JSON) && (r->method == HTTP_GET || r->method == HTTP_HEAD))
			req_redirect(r, "/login/totp");
		else
			req_error(r, ERR_UNAUTH, NULL, "err.mfa");
		return false;
	}
	if (authz_employer_scoped(act)) {
		r->role = auth_role_at(r->db, &r->who, r->ids[0]);
		if (r->role == ROLE_NONE) { /* not your employer: it does not exist for you */
			req_error(r, ERR_NOT_FOUND, NULL, NULL);
			return false;
		}
		r->level = authz_level(r->role, act);
	} else
		r->level = global_level(r, act);
	if (r->level == AUTHZ_DENY) {
		req_error(r, ERR_FORBIDDEN, NULL, "err.forbidden");
		return false;
	}
	return true;
}

/* Who, may they, what did they send — then the handler. */
static void serve(struct req *r, bool unsafe)
{
	/* Who may do this comes before what was sent: a stranger learns nothing
	 * from parameter errors. */
	if (!authenticate(r))
		return;
	/* The second wall (row-level security, PostgreSQL): from here on the
	 * statements see the tenants of this user's memberships, operator staff
	 * all of them; before, none (db_thread). */
	db_scope(r->db, r->who.user_id, r->who.user_id && r->who.operator_role != ROLE_NONE);
	if (!authorize(r))
		return;
	struct param_error pe;
	if (!http_params(r, &pe)) {
		req_param_error(r, &pe);
		return;
	}
	if (unsafe && r->who.via == AUTH_VIA_SESSION && !(r->route->flags & RF_NO_CSRF) && !csrf_ok(r)) {
		req_error(r, ERR_FORBIDDEN, NULL, "err.csrf");
		return;
	}
	r->route->fn(r);
}

void web_dispatch(struct req *r)
{
	choose_lang(r);
	if (r->route_index == -1 || (r->route && (r->route->flags & RF_LOOPBACK) && !is_loopback(r->addr))) {
		req_error(r, ERR_NOT_FOUND, NULL, NULL);
		return;
	}
	if (r->route_index == -2) {
		req_error(r, ERR_METHOD, NULL, NULL);
		return;
	}
	if (r->body_too_large) {
		req_error(r, ERR_TOO_LARGE, NULL, "err.too_large");
		return;
	}
	r->db = db_thread();
	if (!r->db) {
		req_error(r, ERR_UNAVAILABLE, NULL, NULL);
		return;
	}
	/* A read sees one snapshot, from the session lookup to the last row;
	 * writing handlers open their own transaction. */
	bool unsafe   = r->method != HTTP_GET && r->method != HTTP_HEAD;
	bool read_txn = !unsafe && db_begin_read(r->db) == DB_OK;
	serve(r, unsafe);
	if (read_txn)
		db_commit(r->db);
	db_rollback(r->db); /* a handler that failed half-way leaves nothing behind */
	if (r->who.stale)
		auth_touch(r->db, &r->who, r->now);
}
