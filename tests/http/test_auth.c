/*
 * test_auth.c — sign-in as every demo role and what each start page shows,
 * failed and forged sign-ins, sign-out, password change, the second factor
 * (TOTP computed here with a small SHA-1, RFC 6238), cookie attributes and
 * security headers.
 */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- helpers -------------------------------------------------------------- */

static void expect_redirect(struct client *c, const char *path, const char *to)
{
	struct resp r   = get(c, path);
	char       *loc = resp_header(&r, "Location");
	if (r.status != 303 || !loc || strcmp(loc, to))
		fprintf(stderr, "GET %s: %ld → %s (expected 303 → %s)\n", path, r.status, loc ? loc : "-", to);
	assert_int_equal(r.status, 303);
	assert_non_null(loc);
	assert_string_equal(loc, to);
	free(loc);
	resp_free(&r);
}

/* The <tr> of the table row that contains `name`, as a malloc'd string. */
static char *row_of(const char *html, const char *name)
{
	const char *p = strstr(html, name);
	if (!p)
		return NULL;
	const char *s = p;
	while (s > html && strncmp(s, "<tr", 3))
		s--;
	const char *e = strstr(p, "</tr>");
	return e ? strndup(s, (size_t)(e - s)) : NULL;
}

/* ---- start pages per role ------------------------------------------------ */

static void test_operator_start_page(void **state)
{
	struct client *c = login_ok("operator@openbav.test");
	expect_redirect(c, "/", "/operator");
	struct resp r = get(c, "/operator");
	assert_int_equal(r.status, 200);
	char *m = row_of(r.body, "Muster GmbH"), *b = row_of(r.body, "Beispiel AG");
	assert_non_null(m);
	assert_non_null(b);
	assert_non_null(strstr(m, ">44<")); /* headcount */
	assert_non_null(strstr(b, ">41<"));
	assert_non_null(strstr(m, "/employer/1"));
	assert_non_null(strstr(b, "/employer/2"));
	free(m), free(b);
	resp_free(&r);
	/* searched by name, case aside; a page number outside the range is refused */
	r = get(c, "/operator?q=MUSTER");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Muster GmbH"));
	assert_null(strstr(r.body, "Beispiel AG"));
	assert_non_null(strstr(r.body, "Arbeitgeber: 1"));
	resp_free(&r);
	r = get(c, "/operator?q=zz%25");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Kein Arbeitgeber passt"));
	resp_free(&r);
	r = get(c, "/operator?page=0");
	assert_int_equal(r.status, 400);
	resp_free(&r);
	client_free(c);
}

static void test_employer_admin_start_page(void **state)
{
	struct client *c = login_ok("admin@muster.test");
	expect_redirect(c, "/", "/employer/1");
	struct resp r = get(c, "/employer/1");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Muster GmbH"));
	assert_non_null(strstr(r.body, "Berger"));
	assert_null(strstr(r.body, "Beispiel AG"));
	const char *count = strstr(r.body, "class=\"count\"");
	assert_non_null(count);
	assert_true(strstr(count, "44</p>") && strstr(count, "44</p>") < strstr(count, "\n"));
	resp_free(&r);
	/* another tenant's page does not exist for this user */
	r = get(c, "/employer/2");
	assert_int_equal(r.status, 404);
	assert_null(strstr(r.body, "Beispiel AG"));
	resp_free(&r);
	client_free(c);

	c = login_ok("admin@beispiel.test");
	expect_redirect(c, "/", "/employer/2");
	r = get(c, "/employer/2");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Beispiel AG"));
	assert_null(strstr(r.body, "Muster GmbH"));
	assert_null(strstr(r.body, "M00001"));
	count = strstr(r.body, "class=\"count\"");
	assert_non_null(count);
	assert_true(strstr(count, "41</p>") && strstr(count, "41</p>") < strstr(count, "\n"));
	resp_free(&r);
	client_free(c);
}

static void test_hr_start_page(void **state)
{
	struct client *c = login_ok("hr@muster.test");
	expect_redirect(c, "/", "/employer/1");
	struct resp r = get(c, "/employer/1");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Berger"));
	assert_non_null(strstr(r.body, "M00001"));
	resp_free(&r);
	/* the search narrows the list */
	r = get(c, "/employer/1?q=Berger");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Berger"));
	assert_null(strstr(r.body, "M00002"));
	resp_free(&r);
	client_free(c);
}

static void test_employee_start_page(void **state)
{
	/* the other Muster personnel numbers, seen by the operator */
	struct client *op = login_ok("operator@openbav.test");
	struct resp    l  = get(op, "/api/v1/employers/1/employees?limit=500");
	assert_int_equal(l.status, 200);
	json_t *j = resp_json(&l);
	assert_non_null(j);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 44);

	struct client *c = login_ok("anna.berger@muster.test");
	expect_redirect(c, "/", "/employee");
	struct resp r = get(c, "/employee");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "M00001"));
	assert_non_null(strstr(r.body, "Berger"));
	assert_non_null(strstr(r.body, "Muster GmbH"));
	size_t  i;
	json_t *e;
	json_array_foreach(json_object_get(j, "items"), i, e)
	{
		const char *pn = json_string_value(json_object_get(e, "personnel_number"));
		if (strcmp(pn, "M00001")) {
			if (strstr(r.body, pn))
				fprintf(stderr, "employee page of Anna shows %s\n", pn);
			assert_null(strstr(r.body, pn));
		}
	}
	resp_free(&r);
	/* and no employer page */
	r = get(c, "/employer/1");
	assert_int_equal(r.status, 403);
	resp_free(&r);
	json_decref(j);
	resp_free(&l);
	client_free(c);
	client_free(op);

	c = login_ok("jan.vogel@beispiel.test");
	expect_redirect(c, "/", "/employee");
	r = get(c, "/employee");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Vogel"));
	assert_non_null(strstr(r.body, "Beispiel AG"));
	assert_null(strstr(r.body, "Muster GmbH"));
	assert_null(strstr(r.body, "M00001"));
	resp_free(&r);
	client_free(c);
}

static void test_broker_start_page(void **state)
{
	struct client *c = login_ok("makler@vermittler.test");
	expect_redirect(c, "/", "/broker");
	struct resp r = get(c, "/broker");
	assert_int_equal(r.status, 200);
	char *m = row_of(r.body, "Muster GmbH");
	assert_non_null(m);
	assert_non_null(strstr(m, ">44<"));
	free(m);
	assert_null(strstr(r.body, "Beispiel AG"));
	resp_free(&r);
	r = get(c, "/employer/1");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Berger"));
	resp_free(&r);
	r = get(c, "/employer/2");
	assert_int_equal(r.status, 404);
	resp_free(&r);
	client_free(c);
}

/* ---- failures -------------------------------------------------------------- */

static void test_wrong_password(void **state)
{
	struct client *c   = client_new();
	char          *loc = NULL;
	assert_int_equal(login(c, "admin@muster.test", "not-the-password", &loc), 401);
	assert_null(loc);
	char *sid = cookie_get(c, "obsid");
	assert_true(sid == NULL || sid[0] == '\0');
	free(sid);
	expect_redirect(c, "/", "/login?next=%2F");
	struct resp r = get(c, "/api/v1/me");
	assert_int_equal(r.status, 401);
	json_t *j = resp_json(&r);
	assert_string_equal(err_code(j), "unauthenticated");
	json_decref(j);
	resp_free(&r);
	/* unknown account: the same answer */
	assert_int_equal(login(c, "nobody@muster.test", DEMO_PASSWORD, NULL), 401);
	client_free(c);
}

static void test_login_csrf(void **state)
{
	struct client *c = client_new();
	struct resp    f = get(c, "/login");
	assert_int_equal(f.status, 200);
	char *pre = html_input_value(f.body, "_csrf");
	assert_non_null(pre);
	char *cookie = cookie_get(c, "obpre");
	assert_non_null(cookie);
	assert_string_equal(pre, cookie); /* double submit */
	resp_free(&f);

	/* no _csrf field */
	struct resp r = post_form_raw(c, "/login", "email=admin%40muster.test&password=openbav-demo");
	assert_int_equal(r.status, 403);
	assert_null(resp_header(&r, "Location"));
	resp_free(&r);
	/* a _csrf that is not the cookie's */
	r = post_form_raw(c, "/login",
	                  "_csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&email=admin%40muster.test&password=openbav-demo");
	assert_int_equal(r.status, 403);
	resp_free(&r);
	char *sid = cookie_get(c, "obsid");
	assert_true(sid == NULL || sid[0] == '\0');
	free(sid);
	/* the right field, but no cookie (another browser) */
	struct client *other = client_new();
	char          *body  = xasprintf("_csrf=%s&email=admin%%40muster.test&password=openbav-demo", pre);
	r                    = post_form_raw(other, "/login", body);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	free(body);
	free(pre), free(cookie);
	client_free(other);
	client_free(c);
}

static void test_login_next(void **state)
{
	/* next= is honoured for local paths only */
	struct client *c = client_new();
	expect_redirect(c, "/account", "/login?next=%2Faccount");
	struct resp f   = get(c, "/login?next=%2F%2Fevil.example%2F");
	char       *pre = html_input_value(f.body, "_csrf");
	resp_free(&f);
	char *body = xasprintf("_csrf=%s&email=hr%%40muster.test&password=openbav-demo&next=%%2F%%2Fevil.example%%2F", pre);
	struct resp r = post_form_raw(c, "/login", body);
	assert_int_equal(r.status, 303);
	char *loc = resp_header(&r, "Location");
	assert_string_equal(loc, "/");
	free(loc), free(body), free(pre);
	resp_free(&r);
	client_free(c);
}

static void test_logout(void **state)
{
	struct client *c   = login_ok("admin@beispiel.test");
	char          *sid = cookie_get(c, "obsid");
	assert_non_null(sid);
	/* without the CSRF token: refused, still signed in */
	struct resp r = post_form_raw(c, "/logout", "");
	assert_int_equal(r.status, 403);
	resp_free(&r);
	r = get(c, "/api/v1/me");
	assert_int_equal(r.status, 200);
	resp_free(&r);
	r = post_form(c, "/logout", "");
	assert_int_equal(r.status, 303);
	char *loc = resp_header(&r, "Location");
	assert_string_equal(loc, "/login");
	free(loc);
	resp_free(&r);
	expect_redirect(c, "/employer/2", "/login?next=%2Femployer%2F2");
	/* the old cookie, replayed by hand, is dead */
	struct client *replay = client_new();
	char          *hdr    = xasprintf("Cookie: obsid=%s", sid);
	const char    *hs[]   = {hdr, NULL};
	r                     = req(replay, "GET", "/api/v1/me", hs, NULL, 0);
	assert_int_equal(r.status, 401);
	resp_free(&r);
	free(hdr), free(sid);
	client_free(replay);
	client_free(c);
}

static void test_password_change(void **state)
{
	struct client *a = login_ok("jan.vogel@beispiel.test");
	struct client *b = login_ok("jan.vogel@beispiel.test"); /* a second browser */
	const char    *newpw = "Neues-Passwort-2026";

	/* wrong current password, too short, mismatch: 422, nothing changes */
	struct resp r = post_form(a, "/account/password",
	                          "current_password=falsch-falsch&new_password=Neues-Passwort-2026&new_password2=Neues-Passwort-2026");
	assert_int_equal(r.status, 422);
	resp_free(&r);
	r = post_form(a, "/account/password", "current_password=openbav-demo&new_password=kurz12345&new_password2=kurz12345");
	assert_int_equal(r.status, 422);
	resp_free(&r);
	r = post_form(a, "/account/password",
	              "current_password=openbav-demo&new_password=Neues-Passwort-2026&new_password2=Neues-Passwort-2027");
	assert_int_equal(r.status, 422);
	resp_free(&r);
	/* without CSRF: 403 */
	r = post_form_raw(a, "/account/password",
	                  "current_password=openbav-demo&new_password=Neues-Passwort-2026&new_password2=Neues-Passwort-2026");
	assert_int_equal(r.status, 403);
	resp_free(&r);
	r = get(b, "/api/v1/me");
	assert_int_equal(r.status, 200);
	resp_free(&r);

	char *body = xasprintf("current_password=openbav-demo&new_password=%s&new_password2=%s", newpw, newpw);
	r          = post_form(a, "/account/password", body);
	free(body);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "flash-ok"));
	resp_free(&r);
	/* this session goes on, the other one is signed out */
	r = get(a, "/api/v1/me");
	assert_int_equal(r.status, 200);
	resp_free(&r);
	r = get(b, "/api/v1/me");
	assert_int_equal(r.status, 401);
	resp_free(&r);
	/* the old password fails, the new one works */
	struct client *c = client_new();
	assert_int_equal(login(c, "jan.vogel@beispiel.test", DEMO_PASSWORD, NULL), 401);
	char *loc = NULL;
	assert_int_equal(login(c, "jan.vogel@beispiel.test", newpw, &loc), 303);
	assert_string_equal(loc, "/");
	free(loc);
	client_free(c);
	client_free(b);
	client_free(a);
}

static void test_cookie_attributes_and_headers(void **state)
{
	struct client *c   = client_new();
	struct resp    f   = get(c, "/login");
	char          *pre = html_input_value(f.body, "_csrf");
	assert_true(resp_header_has(&f, "Set-Cookie", "obpre="));
	assert_true(resp_header_has(&f, "Set-Cookie", "HttpOnly"));
	/* the static assets the page links, and their caching */
	const char *css = strstr(f.body, "/static/");
	assert_non_null(css);
	char *asset = strndup(css, strcspn(css, "\""));
	char *body  = xasprintf("_csrf=%s&email=hr%%40muster.test&password=openbav-demo", pre);
	struct resp r = post_form_raw(c, "/login", body);
	assert_int_equal(r.status, 303);
	char *sc = NULL;
	/* the obsid Set-Cookie line */
	for (const char *p = strstr(r.headers, "obsid="); p;) {
		sc = strndup(p, strcspn(p, "\r\n"));
		break;
	}
	assert_non_null(sc);
	assert_non_null(strstr(sc, "HttpOnly"));
	assert_non_null(strstr(sc, "SameSite=Lax"));
	assert_non_null(strstr(sc, "Path=/"));
	free(sc), free(body), free(pre);
	resp_free(&r);
	resp_free(&f);

	const char *paths[] = {"/login", "/employer/1", "/api/v1/me", "/no/such/page", "/healthz", asset};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		r = get(c, paths[i]);
		assert_true(r.status == 200 || r.status == 303 || r.status == 404);
		char *csp = resp_header(&r, "Content-Security-Policy");
		assert_non_null(csp);
		assert_non_null(strstr(csp, "script-src 'self'"));
		assert_null(strstr(csp, "unsafe-inline"));
		free(csp);
		assert_true(resp_header_has(&r, "X-Content-Type-Options", "nosniff"));
		assert_true(resp_header_has(&r, "X-Frame-Options", "DENY"));
		resp_free(&r);
	}
	r = get(c, asset);
	assert_int_equal(r.status, 200);
	assert_true(resp_header_has(&r, "Cache-Control", "max-age=31536000"));
	assert_true(resp_header_has(&r, "Cache-Control", "immutable"));
	assert_true(resp_header_has(&r, "Cache-Control", "public"));
	assert_true(r.len > 100);
	resp_free(&r);
	/* a wrong hash is not served */
	char *slash = strchr(asset + 8, '/');
	assert_non_null(slash);
	char *wrong = xasprintf("/static/0000000000000000%s", slash);
	r           = get(c, wrong);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	free(wrong), free(asset);
	client_free(c);
}

/* Messages on pages are text for people, never a catalogue key such as
 * "err.login" or "http.404" (a key missing from i18n/). */
static void test_error_texts(void **state)
{
	struct client *c = client_new();
	int            bad = 0;
	struct resp    f   = get(c, "/login");
	char          *pre = html_input_value(f.body, "_csrf");
	resp_free(&f);
	char *body = xasprintf("_csrf=%s&email=nobody%%40muster.test&password=wrong-password", pre);
	const struct {
		const char *what, *method, *path, *body;
		long        status;
	} cases[] = {
		{"wrong password", "POST", "/login", body, 401},
		{"login without CSRF", "POST", "/login", "email=a%40b.c&password=x", 403},
		{"unknown page", "GET", "/no/such/page", NULL, 404},
		{"unknown parameter", "GET", "/login?bogus=1", NULL, 400},
		{"wrong method", "DELETE", "/login", NULL, 405},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct resp r = cases[i].body ? post_form_raw(c, cases[i].path, cases[i].body)
		                              : req(c, cases[i].method, cases[i].path, NULL, NULL, 0);
		assert_int_equal(r.status, cases[i].status);
		const char *k = strstr(r.body, ">err.");
		if (!k)
			k = strstr(r.body, ">http.");
		if (!k)
			k = strstr(r.body, " err.");
		if (k) {
			fprintf(stderr, "%s (%ld): page shows a catalogue key: %.40s\n", cases[i].what, r.status, k + 1);
			bad++;
		}
		resp_free(&r);
	}
	free(body), free(pre);
	client_free(c);
	assert_int_equal(bad, 0);
}

/* ---- TOTP (RFC 6238) with a small SHA-1 (FIPS 180-4), no OpenSSL needed ---- */

struct sha1 {
	uint32_t h[5];
	uint64_t len;
	uint8_t  buf[64];
	size_t   n;
};

static uint32_t rol(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

static void sha1_block(struct sha1 *s, const uint8_t *p)
{
	uint32_t w[80];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 80; i++)
		w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	uint32_t a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3], e = s->h[4];
	for (int i = 0; i < 80; i++) {
		uint32_t f, k;
		if (i < 20)
			f = (b & c) | (~b & d), k = 0x5A827999;
		else if (i < 40)
			f = b ^ c ^ d, k = 0x6ED9EBA1;
		else if (i < 60)
			f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDC;
		else
			f = b ^ c ^ d, k = 0xCA62C1D6;
		uint32_t t = rol(a, 5) + f + e + k + w[i];
		e = d, d = c, c = rol(b, 30), b = a, a = t;
	}
	s->h[0] += a, s->h[1] += b, s->h[2] += c, s->h[3] += d, s->h[4] += e;
}

static void sha1_init(struct sha1 *s)
{
	*s = (struct sha1){{0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0}, 0, {0}, 0};
}

static void sha1_update(struct sha1 *s, const uint8_t *p, size_t n)
{
	s->len += n;
	while (n--) {
		s->buf[s->n++] = *p++;
		if (s->n == 64)
			sha1_block(s, s->buf), s->n = 0;
	}
}

static void sha1_final(struct sha1 *s, uint8_t out[20])
{
	uint64_t bits = s->len * 8;
	uint8_t  pad  = 0x80, zero = 0;
	sha1_update(s, &pad, 1);
	while (s->n != 56)
		sha1_update(s, &zero, 1);
	uint8_t l[8];
	for (int i = 0; i < 8; i++)
		l[i] = (uint8_t)(bits >> (56 - 8 * i));
	sha1_update(s, l, 8);
	for (int i = 0; i < 20; i++)
		out[i] = (uint8_t)(s->h[i / 4] >> (24 - 8 * (i % 4)));
}

static void hmac_sha1(const uint8_t *key, size_t kn, const uint8_t *msg, size_t mn, uint8_t out[20])
{
	uint8_t k[64] = {0}, ipad[64], opad[64], inner[20];
	if (kn > 64) {
		struct sha1 s;
		sha1_init(&s), sha1_update(&s, key, kn), sha1_final(&s, k);
	} else
		memcpy(k, key, kn);
	for (int i = 0; i < 64; i++)
		ipad[i] = k[i] ^ 0x36, opad[i] = k[i] ^ 0x5c;
	struct sha1 s;
	sha1_init(&s), sha1_update(&s, ipad, 64), sha1_update(&s, msg, mn), sha1_final(&s, inner);
	sha1_init(&s), sha1_update(&s, opad, 64), sha1_update(&s, inner, 20), sha1_final(&s, out);
}

static size_t base32_decode(const char *in, uint8_t *out, size_t max)
{
	size_t   n = 0;
	unsigned acc = 0;
	int      bits = 0;
	for (; *in && *in != '='; in++) {
		const char *al = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		const char *p  = strchr(al, *in >= 'a' && *in <= 'z' ? *in - 32 : *in);
		if (!p || *in == ' ')
			continue;
		acc = (acc << 5) | (unsigned)(p - al);
		bits += 5;
		if (bits >= 8 && n < max) {
			out[n++] = (uint8_t)(acc >> (bits - 8));
			bits -= 8;
		}
	}
	return n;
}

static unsigned totp_at(const uint8_t *key, size_t kn, uint64_t step)
{
	uint8_t msg[8], mac[20];
	for (int i = 0; i < 8; i++)
		msg[i] = (uint8_t)(step >> (56 - 8 * i));
	hmac_sha1(key, kn, msg, 8, mac);
	int      o = mac[19] & 15;
	uint32_t v = ((uint32_t)(mac[o] & 0x7f) << 24) | (uint32_t)mac[o + 1] << 16 | (uint32_t)mac[o + 2] << 8 | mac[o + 3];
	return v % 1000000;
}

static void test_sha1_vectors(void **state)
{
	/* RFC 6238 appendix B, SHA-1, secret "12345678901234567890": 94287082 at T=59 (8 digits) */
	const uint8_t *k = (const uint8_t *)"12345678901234567890";
	assert_int_equal(totp_at(k, 20, 59 / 30), 287082);
	assert_int_equal(totp_at(k, 20, 1111111109 / 30), 81804);   /* 07081804 */
	assert_int_equal(totp_at(k, 20, 2000000000 / 30), 279037);  /* 69279037 */
}

static void test_totp(void **state)
{
	struct client *c = login_ok("makler@vermittler.test");
	struct resp    r = post_form(c, "/account/totp/start", "");
	assert_int_equal(r.status, 200);
	const char *s = strstr(r.body, "<code class=\"secret\">");
	assert_non_null(s);
	s += strlen("<code class=\"secret\">");
	char *secret = strndup(s, strcspn(s, "<"));
	resp_free(&r);
	uint8_t key[64];
	size_t  kn = base32_decode(secret, key, sizeof key);
	assert_int_equal(kn, 20);

	/* a wrong code does not enable it */
	uint64_t step = (uint64_t)time(NULL) / 30;
	unsigned good = totp_at(key, kn, step);
	char     body[64];
	snprintf(body, sizeof body, "code=%06u", (good + 1) % 1000000);
	r = post_form(c, "/account/totp/confirm", body);
	assert_int_equal(r.status, 422);
	resp_free(&r);
	snprintf(body, sizeof body, "code=%06u", good);
	r = post_form(c, "/account/totp/confirm", body);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "flash-ok"));
	resp_free(&r);
	r = post_form(c, "/logout", "");
	assert_int_equal(r.status, 303);
	resp_free(&r);

	/* the password alone is not enough any more */
	char *loc = NULL;
	assert_int_equal(login(c, "makler@vermittler.test", DEMO_PASSWORD, &loc), 303);
	assert_string_equal(loc, "/login/totp");
	free(loc);
	expect_redirect(c, "/broker", "/login/totp");
	r = get(c, "/api/v1/me");
	assert_int_equal(r.status, 401);
	resp_free(&r);
	r = get(c, "/login/totp");
	assert_int_equal(r.status, 200);
	char *tok = html_input_value(r.body, "_csrf");
	assert_non_null(tok);
	snprintf(c->csrf, sizeof c->csrf, "%s", tok);
	free(tok);
	resp_free(&r);
	snprintf(body, sizeof body, "code=%06u", (totp_at(key, kn, step + 1) + 1) % 1000000);
	r = post_form(c, "/login/totp", body);
	assert_int_equal(r.status, 401);
	resp_free(&r);
	/* the next step's code (the one confirmed is spent) */
	unsigned next = totp_at(key, kn, step + 1);
	snprintf(body, sizeof body, "code=%06u", next);
	r = post_form(c, "/login/totp", body);
	assert_int_equal(r.status, 303);
	loc = resp_header(&r, "Location");
	assert_string_equal(loc, "/");
	free(loc);
	resp_free(&r);
	r = get(c, "/broker");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Muster GmbH"));
	resp_free(&r);

	/* replay: the same code in another browser is refused */
	struct client *d = client_new();
	assert_int_equal(login(d, "makler@vermittler.test", DEMO_PASSWORD, &loc), 303);
	free(loc);
	r   = get(d, "/login/totp");
	tok = html_input_value(r.body, "_csrf");
	snprintf(d->csrf, sizeof d->csrf, "%s", tok ? tok : "");
	free(tok);
	resp_free(&r);
	r = post_form(d, "/login/totp", body);
	assert_int_equal(r.status, 401);
	resp_free(&r);
	expect_redirect(d, "/broker", "/login/totp");
	client_free(d);
	free(secret);
	client_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_operator_start_page),
		cmocka_unit_test(test_employer_admin_start_page),
		cmocka_unit_test(test_hr_start_page),
		cmocka_unit_test(test_employee_start_page),
		cmocka_unit_test(test_broker_start_page),
		cmocka_unit_test(test_wrong_password),
		cmocka_unit_test(test_login_csrf),
		cmocka_unit_test(test_login_next),
		cmocka_unit_test(test_logout),
		cmocka_unit_test(test_password_change),
		cmocka_unit_test(test_cookie_attributes_and_headers),
		cmocka_unit_test(test_error_texts),
		cmocka_unit_test(test_sha1_vectors),
		cmocka_unit_test(test_totp),
	};
	return cmocka_run_group_tests_name("http_auth", tests, srv_setup, srv_teardown);
}
