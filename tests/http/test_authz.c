/*
 * test_authz.c — the authorization walk.  Parses `openbav roles` (the
 * authorization table and every route, printed by the binary under test),
 * then requests every route as every demo user and anonymously, at the own
 * employer, at the other tenant's employer and at one that does not exist,
 * and checks each status against the table:
 *   allowed        → reaches the handler (GET: 2xx/3xx; else not 401/403/404)
 *   denied         → 403
 *   anonymous      → 303 to /login?next=… (pages, GET) or 401
 *   other tenant   → 404 (never 403)
 *   "own" on {id}  → own record allowed, any other 404
 * A new route with a placeholder or a required parameter this walk does not
 * know makes the test fail, so the walk is kept in step with the table.
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

enum { MAXROLE = 16, MAXACT = 64, MAXROUTE = 128 };
enum level { L_DENY, L_OWN, L_ALL };

static char nroles_names[MAXROLE][32];
static int  nroles;
static struct {
	char       name[48];
	enum level lv[MAXROLE];
} acts[MAXACT];
static int nacts;
static struct {
	char method[8], path[128], action[48];
	bool per_employer;
} routes[MAXROUTE];
static int nroutes;

struct user {
	const char *email;      /* NULL: anonymous */
	const char *op_role;    /* operator role column or NULL */
	const char *role_at[3]; /* [eid] membership role column, or NULL */
	int64_t     own_id[3];  /* [eid] the user's own employee record */
	struct client *c;
};

static struct user users[] = {
	{"operator@openbav.test", "operator_admin", {NULL, NULL, NULL}, {0}, NULL},
	{"admin@muster.test", NULL, {NULL, "employer_admin", NULL}, {0}, NULL},
	{"hr@muster.test", NULL, {NULL, "hr", NULL}, {0}, NULL},
	{"anna.berger@muster.test", NULL, {NULL, "employee", NULL}, {0}, NULL},
	{"admin@beispiel.test", NULL, {NULL, NULL, "employer_admin"}, {0}, NULL},
	{"jan.vogel@beispiel.test", NULL, {NULL, NULL, "employee"}, {0}, NULL},
	{"makler@vermittler.test", NULL, {NULL, "broker", NULL}, {0}, NULL},
	{NULL, NULL, {NULL, NULL, NULL}, {0}, NULL},
};
enum { NUSERS = sizeof users / sizeof *users };

static int64_t emp_ids[3][2]; /* [eid] two employee ids: the demo employee's and another */
/* Records under {id} that are not employees: [kind][eid][k] belongs to emp_ids[eid][k]
 * (kind 1 commitments, 2 insurance contracts, 3 group contracts: one per employer). */
static int64_t rec_ids[4][3][2];
static char   *asset;        /* "/static/HASH/FILE" */
static int     checked, failures, head_checked, head_failures;

static int role_col(const char *name)
{
	for (int i = 0; i < nroles; i++)
		if (!strcmp(nroles_names[i], name))
			return i;
	return -1;
}

static int act_index(const char *name)
{
	for (int i = 0; i < nacts; i++)
		if (!strcmp(acts[i].name, name))
			return i;
	return -1;
}

static enum level level_of(const char *role, int act)
{
	int c = role ? role_col(role) : -1;
	return c < 0 ? L_DENY : acts[act].lv[c];
}

/* ---- parse `openbav roles` -------------------------------------------------- */

static void parse_roles(const char *out)
{
	char *copy = strdup(out), *save = NULL;
	int   section = 0; /* 0 header, 1 actions, 2 routes */
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char w[8][64];
		int  n = sscanf(line, "%63s %63s %63s %63s %63s %63s %63s %63s", w[0], w[1], w[2], w[3], w[4], w[5],
		                w[6], w[7]);
		if (n <= 0)
			continue;
		if (section == 0 && !strcmp(w[0], "action")) {
			char *p = line + strlen("action");
			char  name[32];
			int   used;
			while (sscanf(p, "%31s%n", name, &used) == 1 && nroles < MAXROLE) {
				snprintf(nroles_names[nroles++], sizeof *nroles_names, "%s", name);
				p += used;
			}
			section = 1;
			continue;
		}
		if (!strcmp(w[0], "routes:")) {
			section = 2;
			continue;
		}
		if (section == 1) {
			assert_true(nacts < MAXACT);
			snprintf(acts[nacts].name, sizeof acts[nacts].name, "%s", w[0]);
			char *p = line + strspn(line, " ") + strlen(w[0]);
			for (int i = 0; i < nroles; i++) {
				char cell[16];
				int  used;
				assert_int_equal(sscanf(p, "%15s%n", cell, &used), 1);
				p += used;
				if (!strcmp(cell, "yes"))
					acts[nacts].lv[i] = L_ALL;
				else if (!strcmp(cell, "own"))
					acts[nacts].lv[i] = L_OWN;
				else {
					if (strcmp(cell, "-"))
						fprintf(stderr, "roles: unknown cell '%s' for %s\n", cell, w[0]);
					assert_string_equal(cell, "-");
					acts[nacts].lv[i] = L_DENY;
				}
			}
			nacts++;
		} else if (section == 2 && n >= 3) {
			assert_true(nroutes < MAXROUTE);
			snprintf(routes[nroutes].method, sizeof routes[nroutes].method, "%s", w[0]);
			snprintf(routes[nroutes].path, sizeof routes[nroutes].path, "%s", w[1]);
			snprintf(routes[nroutes].action, sizeof routes[nroutes].action, "%s", w[2]);
			routes[nroutes].per_employer = strstr(line, "(per employer)") != NULL;
			if (act_index(w[2]) < 0)
				fprintf(stderr, "roles: route %s %s names unknown action %s\n", w[0], w[1], w[2]);
			assert_true(act_index(w[2]) >= 0);
			nroutes++;
		}
	}
	free(copy);
}

/* ---- setup ------------------------------------------------------------------ */

static int64_t find_employee(struct client *op, int eid, const char *q, bool other)
{
	char       *path = xasprintf("/api/v1/employers/%d/employees?limit=50%s%s", eid, q ? "&q=" : "", q ? q : "");
	struct resp r    = get(op, path);
	free(path);
	assert_int_equal(r.status, 200);
	json_t *j     = resp_json(&r);
	json_t *items = json_object_get(j, "items");
	int64_t id    = 0;
	for (size_t i = 0; i < json_array_size(items) && !id; i++) {
		json_t *e = json_array_get(items, i);
		if (!other || json_integer_value(json_object_get(e, "id")) != emp_ids[eid][0])
			id = json_integer_value(json_object_get(e, "id"));
	}
	json_decref(j);
	resp_free(&r);
	assert_true(id > 0);
	return id;
}

static void find_records(struct client *op);

static void test_setup(void **state)
{
	const char *args[] = {"roles", NULL};
	char       *out    = run_cli(args);
	assert_non_null(out);
	parse_roles(out);
	free(out);
	assert_true(nroles >= 3);
	assert_string_equal(nroles_names[nroles - 1], "anonymous");
	assert_true(nacts >= 3);
	assert_true(nroutes >= 10);
	/* every role a demo user holds is a column of the table */
	for (int u = 0; u < NUSERS; u++) {
		if (users[u].op_role)
			assert_true(role_col(users[u].op_role) >= 0);
		for (int e = 1; e <= 2; e++)
			if (users[u].role_at[e])
				assert_true(role_col(users[u].role_at[e]) >= 0);
	}
	for (int u = 0; u < NUSERS; u++)
		users[u].c = users[u].email ? login_ok(users[u].email) : client_new();

	struct client *op = users[0].c;
	emp_ids[1][0]     = find_employee(op, 1, "Berger", false);
	emp_ids[1][1]     = find_employee(op, 1, NULL, true);
	emp_ids[2][0]     = find_employee(op, 2, "Vogel", false);
	emp_ids[2][1]     = find_employee(op, 2, NULL, true);
	users[3].own_id[1] = emp_ids[1][0]; /* Anna */
	users[5].own_id[2] = emp_ids[2][0]; /* Jan */
	find_records(op);

	struct resp r = get(users[NUSERS - 1].c, "/login");
	const char *s = strstr(r.body, "/static/");
	assert_non_null(s);
	asset = strndup(s, strcspn(s, "\""));
	resp_free(&r);
}

/* ---- the walk ----------------------------------------------------------------- */

/* A body that passes the route's parameter check, so that the decision seen
 * is the authorization's and not the validator's. */
static const char *body_for(const char *method, const char *path)
{
	static const struct {
		const char *method, *path, *body;
	} bodies[] = {
		{"POST", "/login/totp", "code=000000"},
		{"POST", "/account/password", "current_password=wrong-wrong&new_password=Walk-Pass-0001&new_password2=Walk-Pass-0002"},
		{"POST", "/account/totp/confirm", "code=000000"},
		{"POST", "/account/totp/disable", "current_password=wrong-wrong"},
	};
	for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++)
		if (!strcmp(bodies[i].method, method) && !strcmp(bodies[i].path, path))
			return bodies[i].body;
	return "";
}

static void check(const char *who, const char *method, const char *path, long got, const char *loc,
                  const char *want, bool ok)
{
	checked++;
	if (!ok) {
		failures++;
		fprintf(stderr, "  %-26s %-6s %-45s → %ld%s%s, expected %s\n", who, method, path, got, loc ? " → " : "",
		        loc ? loc : "", want);
	}
}

/* One request as user u; eid/id are 0 when the route has none; owner is the
 * employee the record {id} belongs to (the employee id itself for employee routes). */
static void probe(int u, int rt, int eid, int64_t id, int64_t owner)
{
	struct user *us = &users[u];
	const char  *method = routes[rt].method, *pat = routes[rt].path;
	bool         json   = !strncmp(pat, "/api/", 5);
	int          act    = act_index(routes[rt].action);

	/* the concrete path */
	char path[256], *w = path;
	for (const char *p = pat; *p;) {
		if (!strncmp(p, "{eid}", 5))
			w += sprintf(w, "%d", eid), p += 5;
		else if (!strncmp(p, "{id}", 4))
			w += sprintf(w, "%lld", (long long)id), p += 4;
		else if (!strncmp(p, "{hash}/{file}", 13))
			w += sprintf(w, "%s", asset + strlen("/static/")), p += 13;
		else if (!strncmp(p, "{code}", 6))
			w += sprintf(w, "de"), p += 6;
		else if (!strncmp(p, "{name}", 6) && (!strncmp(pat, "/api/v1/calc/", 13) || !strncmp(pat, "/calc/", 6)))
			w += sprintf(w, "validate"), p += 6;
		else if (*p == '{') {
			fprintf(stderr, "authz walk: no value for placeholder in %s — teach test_authz.c\n", pat);
			fail();
		} else
			*w++ = *p++;
	}
	*w = '\0';

	/* expected outcome */
	enum { ALLOWED, DENIED, ANON, NOTFOUND } want;
	enum level lv;
	if (!us->email)
		lv = level_of("anonymous", act);
	else if (routes[rt].per_employer) {
		if (us->op_role)
			lv = level_of(us->op_role, act);
		else if (!us->role_at[eid])
			lv = L_DENY;
		else
			lv = level_of(us->role_at[eid], act);
	} else {
		lv = level_of(us->op_role, act);
		for (int e = 1; e <= 2; e++)
			if (level_of(us->role_at[e], act) > lv)
				lv = level_of(us->role_at[e], act);
	}
	if (!us->email && lv == L_DENY)
		want = ANON;
	else if (routes[rt].per_employer && us->email && !us->op_role && !us->role_at[eid])
		want = NOTFOUND;
	else if (lv == L_DENY)
		want = DENIED;
	else if (lv == L_OWN && id && owner != us->own_id[eid])
		want = NOTFOUND;
	else
		want = ALLOWED;

	/* the request */
	struct resp r;
	bool        unsafe = strcmp(method, "GET") && strcmp(method, "HEAD");
	if (!unsafe)
		r = req(us->c, method, path, NULL, NULL, 0);
	else if (json)
		r = send_json(us->c, method, path, !strncmp(pat, "/api/v1/calc/", 13) ? "{\"kind\":\"iban\",\"value\":\"DE89370400440532013000\"}" : "{}");
	else {
		char *b = !strcmp(pat, "/login") ? xasprintf("email=walk-%d%%40nowhere.test&password=wrong-password", u)
		                                 : strdup(body_for(method, pat));
		if (!strcmp(pat, "/login")) { /* the login form's own CSRF: the obpre cookie */
			char *pre = cookie_get(us->c, "obpre");
			if (!pre) {
				struct resp f = get(us->c, "/login");
				resp_free(&f);
				pre = cookie_get(us->c, "obpre");
			}
			char *b2 = xasprintf("%s&_csrf=%s", b, pre ? pre : "");
			r        = post_form_raw(us->c, path, b2);
			free(b2), free(pre);
		} else if (!strcmp(pat, "/employer/{eid}/import")) { /* file upload: the token rides in the URL */
			char *p2 = xasprintf("%s?_csrf=%s", path, us->c ? us->c->csrf : "");
			r        = post_form_raw(us->c, p2, b);
			free(p2);
		} else
			r = post_form(us->c, path, b);
		free(b);
	}
	char       *loc = resp_header(&r, "Location");
	const char *who = us->email ? us->email : "(anonymous)";
	long        st  = r.status;
	switch (want) {
	case ALLOWED:
		if (!strcmp(method, "POST") && !strcmp(pat, "/login")) /* reached: the form says "wrong password" */
			check(who, method, path, st, loc, "401 from the login handler",
			      st == 401 && strstr(r.body, "name=\"password\""));
		else if (!unsafe)
			check(who, method, path, st, loc, "2xx/3xx (allowed)", st >= 200 && st < 400);
		else
			check(who, method, path, st, loc, "handler's answer (allowed)",
			      st >= 200 && st < 500 && st != 401 && st != 403 && st != 404);
		break;
	case DENIED:
		check(who, method, path, st, loc, "403 (denied)", st == 403);
		break;
	case NOTFOUND:
		check(who, method, path, st, loc, "404 (not yours)", st == 404);
		break;
	case ANON:
		if (!json && !strcmp(method, "GET")) {
			char *want_loc = NULL, *enc = urlenc(path);
			want_loc       = xasprintf("/login?next=%s", enc);
			check(who, method, path, st, loc, want_loc, st == 303 && loc && !strcmp(loc, want_loc));
			free(want_loc), free(enc);
		} else
			check(who, method, path, st, loc, "401 (signed out)", st == 401);
		break;
	}
	/* HEAD answers like GET */
	if (!strcmp(method, "GET")) {
		struct resp h = req(us->c, "HEAD", path, NULL, NULL, 0);
		head_checked++;
		if (h.status != st || h.len != 0) {
			head_failures++;
			fprintf(stderr, "  %-26s HEAD   %-45s → %ld, but GET → %ld\n", who, path, h.status, st);
		}
		resp_free(&h);
	}
	free(loc);
	resp_free(&r);
}

/* Which record a route's {id} names: 0 an employee, else the rec_ids kind. */
static int record_kind(const char *path)
{
	return strstr(path, "/commitments/{id}") ? 1 : strstr(path, "/insurance-contracts/{id}") ? 2
	       : strstr(path, "/group-contracts/{id}")                                         ? 3
	       : strstr(path, "/providers/{id}")                                               ? 3
	                                                                                       : 0;
}

/* The first item's id of a list answer (the operator sees all). */
static int64_t first_id(struct client *op, const char *path, int64_t employee)
{
	struct resp r = get(op, path);
	assert_int_equal(r.status, 200);
	json_t *j = resp_json(&r), *items = json_object_get(j, "items"), *it;
	size_t  i;
	int64_t id = 0;
	json_array_foreach(items, i, it)
	{
		json_t *emp = json_object_get(it, "employee_id");
		if (!id && (!employee || json_integer_value(emp) == employee))
			id = json_integer_value(json_object_get(it, "id"));
	}
	json_decref(j);
	resp_free(&r);
	if (!id)
		fprintf(stderr, "authz walk: no record in %s — the demo data should have one\n", path);
	assert_true(id > 0);
	return id;
}

static void find_records(struct client *op)
{
	for (int eid = 1; eid <= 2; eid++) {
		char *gp = xasprintf("/api/v1/employers/%d/group-contracts", eid);
		rec_ids[3][eid][0] = rec_ids[3][eid][1] = first_id(op, gp, 0);
		free(gp);
		for (int k = 0; k < 2; k++) {
			char *cp = xasprintf("/api/v1/employers/%d/employees/%lld/commitments", eid, (long long)emp_ids[eid][k]);
			char *ip = xasprintf("/api/v1/employers/%d/insurance-contracts?employee_id=%lld", eid,
			                     (long long)emp_ids[eid][k]);
			rec_ids[1][eid][k] = first_id(op, cp, emp_ids[eid][k]);
			rec_ids[2][eid][k] = first_id(op, ip, emp_ids[eid][k]);
			free(cp), free(ip);
		}
	}
}

static void walk(bool logout_phase)
{
	for (int u = 0; u < NUSERS; u++)
		for (int rt = 0; rt < nroutes; rt++) {
			bool is_logout = !strcmp(routes[rt].path, "/logout");
			if (is_logout != logout_phase)
				continue;
			bool has_eid = strstr(routes[rt].path, "{eid}") != NULL;
			bool has_id  = strstr(routes[rt].path, "{id}") != NULL;
			int  kind    = record_kind(routes[rt].path);
			if (!has_eid) { /* /api/v1/providers/{id}: provider 1 */
				probe(u, rt, 0, has_id ? (kind ? 1 : emp_ids[1][0]) : 0, has_id ? emp_ids[1][0] : 0);
				continue;
			}
			for (int eid = 1; eid <= 2; eid++) {
				if (!has_id)
					probe(u, rt, eid, 0, 0);
				else
					for (int k = 0; k < 2; k++)
						probe(u, rt, eid, kind ? rec_ids[kind][eid][k] : emp_ids[eid][k], emp_ids[eid][k]);
			}
		}
}

static void test_walk(void **state)
{
	checked = failures = head_checked = head_failures = 0;
	walk(false);
	walk(true); /* sign-out last: it ends the sessions */
	fprintf(stderr, "authz walk: %d requests checked against the table, %d wrong\n", checked, failures);
	assert_true(checked > 200);
	assert_int_equal(failures, 0);
}

/* HEAD is answered like GET (without a body), for every role: checked during the walk. */
static void test_head_like_get(void **state)
{
	fprintf(stderr, "HEAD: %d requests compared with GET, %d differ\n", head_checked, head_failures);
	assert_true(head_checked > 50);
	assert_int_equal(head_failures, 0);
}

static void test_unknown_employer(void **state)
{
	/* an employer that does not exist: 404 for the operator too — never 403,
	 * an empty list, or a write attempt against it */
	struct client *op = login_ok("operator@openbav.test");
	struct client *hr = login_ok("hr@muster.test");
	const char    *paths[] = {"/employer/999", "/api/v1/employers/999/employees", "/api/v1/employers/999/employees/1"};
	int            bad     = 0;
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		struct client *cs[] = {hr, op};
		for (int k = 0; k < 2; k++) {
			struct resp r = get(cs[k], paths[i]);
			if (r.status != 404) {
				fprintf(stderr, "%s GET %s → %ld %.120s\n", k ? "operator" : "hr", paths[i], r.status, r.body);
				bad++;
			}
			resp_free(&r);
		}
	}
	const char *emp = "{\"personnel_number\":\"Z1\",\"last_name\":\"Geist\",\"first_name\":\"G\","
	                  "\"birth_date\":\"1990-01-01\",\"entry_date\":\"2020-01-01\"}";
	struct resp r = send_json(op, "POST", "/api/v1/employers/999/employees", emp);
	if (r.status != 404) {
		fprintf(stderr, "operator POST /api/v1/employers/999/employees → %ld %.160s\n", r.status, r.body);
		bad++;
	}
	resp_free(&r);
	r = send_json(op, "PATCH", "/api/v1/employers/999/employees/1", "{\"last_name\":\"X\"}");
	if (r.status != 404) {
		fprintf(stderr, "operator PATCH /api/v1/employers/999/employees/1 → %ld %.160s\n", r.status, r.body);
		bad++;
	}
	resp_free(&r);
	client_free(op);
	client_free(hr);
	assert_int_equal(bad, 0);
}

static void test_cleanup(void **state)
{
	for (int u = 0; u < NUSERS; u++)
		client_free(users[u].c), users[u].c = NULL;
	free(asset);
	assert_true(srv_healthy());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_setup),
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_head_like_get),
		cmocka_unit_test(test_unknown_employer),
		cmocka_unit_test(test_cleanup),
	};
	return cmocka_run_group_tests_name("http_authz", tests, srv_setup, srv_teardown);
}
