/*
 * pages_auth.c — sign-in, second factor, sign-out, language switch and the
 * account page (password, second factor).  Thin: each handler reads its
 * validated parameters, calls app/auth, renders.
 */
#include "web/web.h"
#include "app/auth.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

enum { PRE_SESSION_AGE = 3600 };

/* A local path to go to after sign-in: "/x…", never "//host" or "/\host". */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return "/";
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p < 0x21)
			return "/";
	return next;
}

static void login_page(struct req *r, int status, const char *error_key, const char *email)
{
	/* Login CSRF: a pre-session token in a cookie and in the form (double submit). */
	const char *pre = req_cookie_value(r, "obpre");
	char        fresh[AUTH_TOKEN_CHARS + 1];
	if (!pre || strlen(pre) != AUTH_TOKEN_CHARS) {
		auth_random_token(fresh);
		pre = arena_strdup(&r->a, fresh);
		req_cookie(r, "obpre", pre, PRE_SESSION_AGE);
	}
	json_t *ctx = json_pack("{s:s, s:s}", "login_csrf", pre, "email", email ? email : "");
	const char *next = req_arg(r, "next");
	if (next)
		json_object_set_new(ctx, "next", json_string(safe_next(next)));
	if (error_key)
		json_object_set_new(ctx, "error", json_string(req_text(r, error_key)));
	if (web_cfg.demo) {
		static const char *const demo[][2] = {
			{"operator@openbav.test", "role.operator_admin"}, {"admin@muster.test", "role.employer_admin"},
			{"hr@muster.test", "role.hr"}, {"anna.berger@muster.test", "role.employee"},
			{"admin@beispiel.test", "role.employer_admin"}, {"jan.vogel@beispiel.test", "role.employee"},
			{"makler@vermittler.test", "role.broker"}};
		json_t *a = json_array();
		for (size_t i = 0; i < sizeof demo / sizeof *demo; i++)
			json_array_append_new(a, json_pack("{s:s, s:s}", "email", demo[i][0], "role_key", demo[i][1]));
		json_object_set_new(ctx, "demo_users", a);
	}
	req_page(r, TMPL_login, ctx);
	r->status = status;
}

void web_login_form(struct req *r)
{
	if (r->who.user_id && !r->who.mfa_pending) {
		req_redirect(r, safe_next(req_arg(r, "next")));
		return;
	}
	login_page(r, 200, NULL, NULL);
}

void web_login(struct req *r)
{
	const char *pre   = req_cookie_value(r, "obpre");
	const char *email = req_arg(r, "email"), *password = req_arg(r, "password");
	if (!pre || !r->form_csrf || strlen(pre) != AUTH_TOKEN_CHARS ||
	    strlen(r->form_csrf) != AUTH_TOKEN_CHARS || sodium_memcmp(pre, r->form_csrf, AUTH_TOKEN_CHARS)) {
		login_page(r, 403, "err.csrf", email);
		return;
	}
	char         token[AUTH_TOKEN_CHARS + 1];
	enum auth_rc rc = auth_login(r->db, email, password, r->addr, r->now, token);
	switch (rc) {
	case AUTH_OK:
	case AUTH_MFA_REQUIRED:
		if (r->who.via == AUTH_VIA_SESSION)
			auth_logout(r->db, &r->who); /* a new sign-in replaces the old session */
		req_cookie(r, "obsid", token, AUTH_SESSION_IDLE);
		sodium_memzero(token, sizeof token);
		req_redirect(r, rc == AUTH_MFA_REQUIRED ? "/login/totp" : safe_next(req_arg(r, "next")));
		return;
	case AUTH_THROTTLED:
		login_page(r, 429, "err.throttled", email);
		req_header(r, "Retry-After", "900");
		return;
	case AUTH_BAD_CREDENTIALS:
		login_page(r, 401, "err.login", email);
		return;
	default:
		login_page(r, 500, "http.500", email);
		return;
	}
}

void web_totp_form(struct req *r)
{
	if (!r->who.mfa_pending) {
		req_redirect(r, "/");
		return;
	}
	req_page(r, TMPL_login_totp, json_object());
}

void web_totp(struct req *r)
{
	if (!r->who.mfa_pending) {
		req_redirect(r, "/");
		return;
	}
	enum auth_rc rc = auth_login_totp(r->db, &r->who, req_arg(r, "code"), r->addr, r->now);
	if (rc == AUTH_OK) {
		req_redirect(r, "/");
		return;
	}
	json_t *ctx = json_pack("{s:s}", "error", req_text(r, rc == AUTH_THROTTLED ? "err.throttled" : "err.totp"));
	req_page(r, TMPL_login_totp, ctx);
	r->status = rc == AUTH_THROTTLED ? 429 : 401;
}

void web_logout(struct req *r)
{
	auth_logout(r->db, &r->who);
	req_cookie(r, "obsid", "", 0);
	req_redirect(r, "/login");
}

void web_lang(struct req *r)
{
	const char *code = r->pv[0];
	if (strcmp(code, "de") && strcmp(code, "en")) {
		req_error(r, ERR_NOT_FOUND, NULL, NULL);
		return;
	}
	req_header(r, "Set-Cookie", arena_printf(&r->a, "lang=%s; Path=/; SameSite=Lax; Max-Age=31536000%s",
	                                         code, r->tls ? "; Secure" : ""));
	req_redirect(r, safe_next(req_arg(r, "next")));
}

static void account_page(struct req *r, json_t *errors, const char *flash_kind, const char *flash_key)
{
	json_t *ctx = json_object();
	json_object_set_new(ctx, "errors", errors ? errors : json_object());
	json_object_set_new(ctx, "totp_enabled", json_boolean(auth_totp_enabled(r->db, r->who.user_id)));
	char secret[64], uri[512];
	if (auth_totp_pending(r->db, r->who.user_id, secret, sizeof secret, uri, sizeof uri, r->who.email)) {
		json_object_set_new(ctx, "totp_secret", json_string(secret));
		json_object_set_new(ctx, "totp_uri", json_string(uri));
	}
	if (flash_key)
		json_object_set_new(ctx, "flash", json_pack("{s:s, s:s}", "kind", flash_kind, "text", req_text(r, flash_key)));
	req_page(r, TMPL_account, ctx);
}

void web_account(struct req *r) { account_page(r, NULL, NULL, NULL); }

void web_password(struct req *r)
{
	const char *cur = req_arg(r, "current_password"), *p1 = req_arg(r, "new_password"),
	           *p2 = req_arg(r, "new_password2");
	json_t *errors = json_object();
	if (strcmp(p1, p2))
		json_object_set_new(errors, "new_password2", json_string(req_text(r, "err.password_mismatch")));
	else {
		enum auth_rc rc = auth_change_password(r->db, &r->who, cur, p1, r->now);
		if (rc == AUTH_OK) {
			json_decref(errors);
			account_page(r, NULL, "ok", "account.password_changed");
			return;
		}
		if (rc == AUTH_BAD_CREDENTIALS)
			json_object_set_new(errors, "current_password", json_string(req_text(r, "err.password_wrong")));
		else if (rc == AUTH_WEAK_PASSWORD)
			json_object_set_new(errors, "new_password", json_string(req_text(r, "err.password_weak")));
		else {
			json_decref(errors);
			req_error(r, ERR_INTERNAL, NULL, NULL);
			return;
		}
	}
	account_page(r, errors, "error", "err.form");
	r->status = 422;
}

void web_totp_start(struct req *r)
{
	char secret[64], uri[512];
	if (!auth_totp_start(r->db, r->who.user_id, secret, sizeof secret, uri, sizeof uri, r->who.email)) {
		req_error(r, ERR_INTERNAL, NULL, NULL);
		return;
	}
	account_page(r, NULL, NULL, NULL);
}

void web_totp_confirm(struct req *r)
{
	enum auth_rc rc = auth_totp_confirm(r->db, r->who.user_id, req_arg(r, "code"), r->now);
	if (rc == AUTH_OK) {
		account_page(r, NULL, "ok", "account.totp_enabled");
		return;
	}
	account_page(r, json_pack("{s:s}", "code", req_text(r, "err.totp")), "error", "err.form");
	r->status = 422;
}

void web_totp_disable(struct req *r)
{
	if (!auth_check_password(r->db, r->who.user_id, req_arg(r, "current_password"))) {
		account_page(r, json_pack("{s:s}", "totp_password", req_text(r, "err.password_wrong")), "error", "err.form");
		r->status = 422;
		return;
	}
	auth_totp_disable(r->db, r->who.user_id);
	account_page(r, NULL, "ok", "account.totp_disabled");
}
