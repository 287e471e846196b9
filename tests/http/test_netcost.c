/*
 * test_netcost.c — the net-cost pages against the real server: the employee
 * portal (GET /employee/net-cost) with defaults from the own record and the
 * running contract, the link from Meine Daten and from the record page, the
 * employer portal for HR (GET /employer/{eid}/employees/{id}/net-cost), 404
 * for another tenant's employee and for an employee's look at someone else,
 * refused values re-shown at their field (400, 422 for a year outside the
 * tables), and the result holding exactly the numbers and sentences the
 * calculator (POST /api/v1/calc/net-cost) gives for the same input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "harness.h"

static struct client *hr, *anna, *beispiel, *jan;
static long long      anna_id, other_id, jan_id;
static json_t        *anna_rec; /* Anna's record as the API gives it */

static long long num(json_t *j, const char *k) { return json_integer_value(json_object_get(j, k)); }
static const char *str(json_t *j, const char *k) { return json_string_value(json_object_get(j, k)); }

static long long employee_id(struct client *c, int eid, const char *q, bool other)
{
	char   *p = xasprintf("/api/v1/employers/%d/employees?limit=5%s%s", eid, q ? "&q=" : "", q ? q : "");
	json_t *j = send_json_expect(c, "GET", p, NULL, 200), *items = json_object_get(j, "items");
	long long id = 0;
	for (size_t i = 0; i < json_array_size(items) && !id; i++) {
		long long k = num(json_array_get(items, i), "id");
		if (!other || k != anna_id)
			id = k;
	}
	json_decref(j);
	free(p);
	assert_true(id > 0);
	return id;
}

/* 735036 → "7.350,36 €" (with the no-break space) / "€7,350.36" — as the pages print money. */
static char *money(long long cents, bool de)
{
	char      digits[32], grouped[48];
	long long a = cents < 0 ? -cents : cents;
	snprintf(digits, sizeof digits, "%lld", a / 100);
	size_t n = strlen(digits), o = 0;
	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			grouped[o++] = de ? '.' : ',';
		grouped[o++] = digits[i];
	}
	grouped[o] = '\0';
	return de ? xasprintf("%s%s,%02lld\u00a0€", cents < 0 ? "-" : "", grouped, a % 100)
	          : xasprintf("%s€%s.%02lld", cents < 0 ? "-" : "", grouped, a % 100);
}

/* "…&lt;…" — the pages escape &, <, >, " and ' in text. */
static char *html_escape(const char *s)
{
	size_t n = 0;
	for (const char *p = s; *p; p++)
		n += *p == '&' ? 5 : *p == '<' || *p == '>' ? 4 : *p == '"' || *p == '\'' ? 6 : 1;
	char *out = malloc(n + 1), *w = out;
	for (const char *p = s; *p; p++) {
		const char *rep = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : *p == '"' ? "&#34;"
		                : *p == '\'' ? "&#39;" : NULL;
		if (rep)
			w += sprintf(w, "%s", rep);
		else
			*w++ = *p;
	}
	*w = '\0';
	return out;
}

static void assert_has(const char *body, const char *needle)
{
	if (!strstr(body, needle))
		fprintf(stderr, "missing in the page: %s\n", needle);
	assert_non_null(strstr(body, needle));
}

static int setup(void **state)
{
	if (srv_setup(state))
		return -1;
	hr       = login_ok("hr@muster.test");
	anna     = login_ok("anna.berger@muster.test");
	beispiel = login_ok("admin@beispiel.test");
	jan      = login_ok("jan.vogel@beispiel.test");
	anna_id  = employee_id(hr, 1, "Berger", false);
	other_id = employee_id(hr, 1, NULL, true);
	jan_id   = employee_id(beispiel, 2, "Vogel", false);
	char *p  = xasprintf("/api/v1/employers/1/employees/%lld", anna_id);
	anna_rec = send_json_expect(hr, "GET", p, NULL, 200);
	free(p);
	return 0;
}

static int teardown(void **state)
{
	json_decref(anna_rec);
	client_free(hr), client_free(anna), client_free(beispiel), client_free(jan);
	return srv_teardown(state);
}

/* Meine Daten links the page; the form starts from the own record and the running contract. */
static void test_employee_defaults(void **state)
{
	struct resp r = get(anna, "/employee");
	assert_int_equal(r.status, 200);
	char *link = xasprintf("href=\"/employee/net-cost?employee=%lld\"", anna_id);
	assert_has(r.body, link);
	resp_free(&r);

	char *path = xasprintf("/employee/net-cost?employee=%lld", anna_id);
	r          = get(anna, path);
	assert_int_equal(r.status, 200);
	/* the salary in force, the tax class, the Land, the fund's rate: from the record */
	long long gross = num(anna_rec, "monthly_gross_cents");
	assert_true(gross > 0);
	char *v = xasprintf("name=\"monthly_gross\" type=\"text\" value=\"%lld,%02lld\"", gross / 100, gross % 100);
	assert_has(r.body, v);
	free(v);
	v = xasprintf("<option value=\"%lld\" selected>", num(anna_rec, "tax_class"));
	assert_has(r.body, v);
	free(v);
	assert_non_null(str(anna_rec, "federal_state"));
	v = xasprintf("<option value=\"%s\" selected>", str(anna_rec, "federal_state"));
	assert_has(r.body, v);
	free(v);
	long long bp = num(anna_rec, "health_additional_bp");
	v            = xasprintf("name=\"additional_rate\" type=\"text\" value=\"%lld,%02lld\"", bp / 100, bp % 100);
	assert_has(r.body, v);
	free(v);
	/* the conversion of the running contract (monthly, financed by the employee) */
	char   *ip = xasprintf("/api/v1/employers/1/insurance-contracts?employee_id=%lld", anna_id);
	json_t *j  = send_json_expect(hr, "GET", ip, NULL, 200), *ic = json_array_get(json_object_get(j, "items"), 0);
	assert_non_null(ic);
	assert_string_equal(str(ic, "status"), "active");
	assert_string_equal(str(ic, "payment_mode"), "monthly");
	long long c = num(ic, "contribution_cents");
	v           = xasprintf("name=\"conversion\" type=\"text\" value=\"%lld,%02lld\"", c / 100, c % 100);
	assert_has(r.body, v);
	free(v);
	json_decref(j);
	free(ip);
	assert_has(r.body, "<select id=\"n-year\" name=\"year\">"); /* this year, or the nearest the tables hold */
	assert_int_equal(count_substr(strstr(r.body, "id=\"n-year\""), " selected>20"), 1);
	assert_has(r.body, "<input type=\"hidden\" name=\"employee\"");
	assert_null(strstr(r.body, "id=\"nc-result\"")); /* nothing computed before the form is sent */
	resp_free(&r);
	free(path), free(link);
}

#define ANNA_FORM                                                                                                  \
	"year=2026&monthly_gross=4200%2C00&tax_class=1&child_allowances=0&federal_state=NW&church_tax=on"          \
	"&health_insurance=statutory&additional_rate=2%2C9&private_premium=&private_care_premium=&children=0"     \
	"&childless=on&conversion=200%2C00&subsidy=statutory&subsidy_percent=&subsidy_amount="
#define ANNA_JSON                                                                                                  \
	"{\"year\":2026,\"monthly_gross_cents\":420000,\"tax_class\":1,\"child_allowances\":\"0\",\"federal_state\":" \
	"\"NW\",\"church_tax\":true,\"health_insurance\":\"statutory\",\"additional_rate\":\"2,9\",\"children\":0," \
	"\"childless\":true,\"conversion_cents\":20000,\"subsidy\":\"statutory\"}"

/* The page's numbers and sentences are the calculator's. */
static void test_result_is_the_calculators(void **state)
{
	/* the calculator, in German, with the same input */
	const char *hs[] = {"Content-Type: application/json", "Accept: application/json", "Accept-Language: de", NULL};
	char       *tok  = xasprintf("X-CSRF-Token: %s", anna->csrf);
	const char *hs2[] = {hs[0], hs[1], hs[2], tok, NULL};
	struct resp a     = req(anna, "POST", "/api/v1/calc/net-cost", hs2, ANNA_JSON, strlen(ANNA_JSON));
	assert_int_equal(a.status, 200);
	json_t *out = resp_json(&a);
	resp_free(&a);
	free(tok);
	assert_non_null(out);

	char       *path = xasprintf("/employee/net-cost?employee=%lld&%s", anna_id, ANNA_FORM);
	struct resp r    = get(anna, path);
	assert_int_equal(r.status, 200);
	assert_has(r.body, "id=\"nc-result\"");
	json_t *w = json_object_get(out, "without_conversion"), *c = json_object_get(out, "with_conversion");
	struct {
		json_t     *o;
		const char *k;
	} amounts[] = {
		{out, "net_cost_cents"},         {out, "into_contract_cents"},      {out, "tax_saving_cents"},
		{out, "sv_saving_employee_cents"}, {out, "sv_saving_employer_cents"}, {out, "employer_subsidy_cents"},
		{out, "net_without_cents"},      {out, "net_with_cents"},           {w, "net_cents"},
		{c, "net_cents"},                {w, "pay_cents"},                  {c, "pay_cents"},
	};
	for (size_t i = 0; i < sizeof amounts / sizeof *amounts; i++) {
		char *m = money(num(amounts[i].o, amounts[i].k), true);
		assert_has(r.body, m);
		free(m);
	}
	/* taxes and each branch, as deductions without and with */
	static const char *const taxes[] = {"wage_tax_cents", "solidarity_cents", "church_tax_cents"};
	for (size_t i = 0; i < 3; i++) {
		char *m1 = money(-num(w, taxes[i]), true), *m2 = money(-num(c, taxes[i]), true);
		char *cells = xasprintf("<td class=\"num\" data-label=\"Ohne\">%s</td><td class=\"num\" data-label=\"Mit\">%s</td>", m1, m2);
		assert_has(r.body, cells);
		free(m1), free(m2), free(cells);
	}
	assert_true(num(w, "church_tax_cents") > 0); /* church tax on: NW 9 % */
	for (size_t i = 0; i < 5; i++) {
		json_t *bw = json_array_get(json_object_get(w, "sv"), i), *bc = json_array_get(json_object_get(c, "sv"), i);
		assert_non_null(bw);
		assert_string_equal(str(bw, "insurance"), str(bc, "insurance"));
		char *m1 = money(-num(bw, "employee_cents"), true), *m2 = money(-num(bc, "employee_cents"), true);
		char *cells = xasprintf("<td class=\"num\" data-label=\"Ohne\">%s</td><td class=\"num\" data-label=\"Mit\">%s</td>", m1, m2);
		assert_has(r.body, cells);
		free(m1), free(m2), free(cells);
	}
	/* the year's limits */
	json_t *lim = json_object_get(out, "limits");
	char   *m   = money(num(lim, "conversion_max_cents"), true);
	assert_has(r.body, m);
	free(m);
	/* every sentence of the explanation, and the paragraphs */
	json_t *ex = json_object_get(out, "explanation"), *s;
	size_t  i;
	assert_true(json_array_size(ex) >= 10);
	json_array_foreach(ex, i, s)
	{
		char *e = html_escape(json_string_value(s));
		char *li = xasprintf("<li>%s</li>", e);
		assert_has(r.body, li);
		free(e), free(li);
	}
	char *rule = html_escape(str(out, "rule"));
	assert_has(r.body, rule);
	free(rule);
	const char *ol = strstr(r.body, "<ol class=\"explanation\">");
	assert_non_null(ol);
	assert_int_equal(count_substr(ol, "<li>"), json_array_size(ex));
	/* the lines explain themselves: the wage tax under its own line */
	assert_has(r.body, "<summary>Lohnsteuer</summary>");
	/* the chart: inline SVG with a role, a name and a description */
	assert_has(r.body, "<svg viewBox=\"0 0 1000 380\" role=\"img\" aria-label=\"");
	assert_has(r.body, "<title>Woher der Beitrag kommt und was vom Nettoentgelt bleibt</title>");
	assert_has(r.body, "<desc>In den Vertrag fließen ");
	assert_has(r.body, "<rect class=\"seg net\"");
	assert_null(strstr(r.body, "style="));
	resp_free(&r);

	/* English: the same numbers in English notation */
	struct client *en = login_ok("anna.berger@muster.test");
	r                 = get(en, "/lang/en?next=/employee");
	resp_free(&r);
	r = get(en, path);
	assert_int_equal(r.status, 200);
	m = money(num(out, "net_cost_cents"), false);
	assert_has(r.body, m);
	free(m);
	assert_has(r.body, "Net cost of a salary conversion");
	resp_free(&r);
	client_free(en);
	json_decref(out);
	free(path);
}

/* HR: the link on the record page, the form with the record's values, the result. */
static void test_employer_hr(void **state)
{
	char       *detail = xasprintf("/employer/1/employees/%lld", anna_id);
	char       *page   = xasprintf("%s/net-cost", detail);
	struct resp r      = get(hr, detail);
	assert_int_equal(r.status, 200);
	char *href = xasprintf("href=\"%s\"", page);
	assert_has(r.body, href);
	resp_free(&r);
	r = get(hr, page);
	assert_int_equal(r.status, 200);
	long long gross = num(anna_rec, "monthly_gross_cents");
	char     *v = xasprintf("name=\"monthly_gross\" type=\"text\" value=\"%lld,%02lld\"", gross / 100, gross % 100);
	assert_has(r.body, v);
	assert_null(strstr(r.body, "name=\"employee\"")); /* the path names the employee */
	assert_has(r.body, "Anna Berger");
	resp_free(&r);
	char *sent = xasprintf("%s?%s", page, ANNA_FORM);
	r          = get(hr, sent);
	assert_int_equal(r.status, 200);
	assert_has(r.body, "id=\"nc-result\"");
	assert_has(r.body, "verzichtet Anna auf");
	resp_free(&r);
	/* the employer admin too; Anna on her own record in the employer portal */
	struct client *admin = login_ok("admin@muster.test");
	r                    = get(admin, page);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	client_free(admin);
	r = get(anna, page);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	free(v), free(sent), free(href), free(page), free(detail);
}

/* Another tenant's employee, or someone else's record for an employee: 404. */
static void test_not_yours(void **state)
{
	struct {
		struct client *c;
		char          *path;
	} cases[] = {
		{beispiel, xasprintf("/employer/1/employees/%lld/net-cost", anna_id)},
		{beispiel, xasprintf("/employer/2/employees/%lld/net-cost", anna_id)},
		{hr, xasprintf("/employer/1/employees/%lld/net-cost", jan_id)},
		{hr, xasprintf("/employer/2/employees/%lld/net-cost", jan_id)},
		{anna, xasprintf("/employer/1/employees/%lld/net-cost", other_id)},
		{jan, xasprintf("/employer/1/employees/%lld/net-cost", anna_id)},
		{jan, xasprintf("/employee/net-cost?employee=%lld", anna_id)},
		{hr, xasprintf("/employer/1/employees/999999/net-cost")},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct resp r = get(cases[i].c, cases[i].path);
		if (r.status != 404)
			fprintf(stderr, "%s → %ld, expected 404\n", cases[i].path, r.status);
		assert_int_equal(r.status, 404);
		assert_null(strstr(r.body, "name=\"monthly_gross\""));
		resp_free(&r);
		free(cases[i].path);
	}
	/* the own page of an employee of the other tenant works */
	struct resp r = get(jan, "/employee/net-cost");
	assert_int_equal(r.status, 200);
	assert_has(r.body, "Jan Vogel");
	resp_free(&r);
	/* HR has no own record: the employee portal's page is not for HR */
	r = get(hr, "/employee/net-cost");
	assert_int_equal(r.status, 403);
	resp_free(&r);
}

/* A refused value: the form again, the message at the field, the typed values kept. */
static void test_bad_values(void **state)
{
	struct {
		const char *change, *field, *text;
		long        status;
	} cases[] = {
		{"monthly_gross=1000%2C00&conversion=2000%2C00", "conversion",
		 "Die Umwandlung kann das Bruttoentgelt nicht übersteigen.", 400},
		{"federal_state=XX", "federal_state", "Bitte ein Bundesland aus der Liste wählen.", 400},
		{"federal_state=", "federal_state", "Bitte ein Bundesland aus der Liste wählen.", 400},
		{"year=2030", "year", "Für dieses Jahr gibt es keine Sozialversicherungs- und Lohnsteuertabellen", 422},
		{"monthly_gross=viel", "monthly_gross", "Bitte das monatliche Bruttoentgelt in Euro angeben", 400},
		{"monthly_gross=", "monthly_gross", "Bitte das monatliche Bruttoentgelt in Euro angeben", 400},
		{"children=zwei", "children", "Bitte eine ganze Zahl von 0 bis 20 angeben.", 400},
		{"children=2", "children", "Kinderlos und Kinder unter 25 Jahren schließen sich aus.", 400},
		{"child_allowances=1%2C3", "child_allowances", "Kinderfreibeträge gibt es in Schritten von 0,5.", 400},
		{"additional_rate=abc", "additional_rate", "Der Zusatzbeitrag ist eine Zahl von 0 bis 20", 400},
		{"subsidy=percent", "subsidy_percent", "bitte einen Prozentsatz von 0 bis 100", 400},
		{"subsidy=nie", "subsidy", "Bitte die Art des Arbeitgeberbeitrags wählen.", 400},
		{"health_insurance=private", "private_premium", "Bei privater Krankenversicherung bitte den Monatsbeitrag", 400},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		/* the good form with one value replaced (a later duplicate would be refused: rebuild) */
		char *q = strdup(ANNA_FORM), *out = calloc(1, strlen(ANNA_FORM) + strlen(cases[i].change) + 2);
		char *save = NULL;
		for (char *kv = strtok_r(q, "&", &save); kv; kv = strtok_r(NULL, "&", &save)) {
			size_t kl = strcspn(kv, "=");
			bool   replaced = false;
			for (const char *c = cases[i].change; *c;) {
				size_t cl = strcspn(c, "=");
				if (cl == kl && !strncmp(c, kv, kl))
					replaced = true;
				c += strcspn(c, "&");
				c += *c == '&';
			}
			if (!replaced)
				strcat(strcat(out, *out ? "&" : ""), kv);
		}
		strcat(strcat(out, "&"), cases[i].change);
		char       *path = xasprintf("/employee/net-cost?%s", out);
		struct resp r    = get(anna, path);
		if (r.status != cases[i].status)
			fprintf(stderr, "%s → %ld, expected %ld\n", path, r.status, cases[i].status);
		assert_int_equal(r.status, cases[i].status);
		char *err = xasprintf("<small id=\"n-%s-error\" class=\"field-error\">", cases[i].field);
		assert_has(r.body, err);
		assert_has(strstr(r.body, err), cases[i].text);
		char *inv = xasprintf("id=\"n-%s\" name=\"%s\"", cases[i].field, cases[i].field);
		assert_has(r.body, inv);
		assert_true(strstr(strstr(r.body, inv), "aria-invalid=\"true\"") < strstr(strstr(r.body, inv), ">"));
		assert_has(r.body, "role=\"alert\"");
		assert_int_equal(count_substr(r.body, "aria-invalid=\"true\""), 1); /* that field only */
		assert_int_equal(count_substr(r.body, "class=\"field-error\""), 1);
		assert_null(strstr(r.body, "id=\"nc-result\""));
		resp_free(&r);
		free(inv), free(err), free(path), free(out), free(q);
	}
	/* the typed values stay in the form */
	struct resp r = get(anna, "/employee/net-cost?year=2026&monthly_gross=1000%2C00&tax_class=1&federal_state=BE"
	                          "&conversion=2000%2C00");
	assert_int_equal(r.status, 400);
	assert_has(r.body, "name=\"conversion\" type=\"text\" value=\"2000,00\"");
	assert_has(r.body, "<option value=\"BE\" selected>");
	resp_free(&r);
	/* what the router refuses: a page naming the field */
	static const char *const router[][2] = {
		{"/employee/net-cost?year=abc&conversion=1", "year"},
		{"/employee/net-cost?tax_class=7&conversion=1", "tax_class"},
		{"/employee/net-cost?church_tax=vielleicht&conversion=1", "church_tax"},
		{"/employee/net-cost?salary=1", "salary"},
		{"/employee/net-cost?conversion=1&conversion=2", "conversion"},
	};
	for (size_t i = 0; i < sizeof router / sizeof *router; i++) {
		r = get(anna, router[i][0]);
		if (r.status != 400)
			fprintf(stderr, "%s → %ld\n", router[i][0], r.status);
		assert_int_equal(r.status, 400);
		assert_has(r.body, router[i][1]);
		resp_free(&r);
	}
	assert_true(srv_healthy());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_employee_defaults), cmocka_unit_test(test_result_is_the_calculators),
		cmocka_unit_test(test_employer_hr),       cmocka_unit_test(test_not_yours),
		cmocka_unit_test(test_bad_values),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
