/*
 * test_contract_lists.c — the employer's lists of all insurance contracts
 * (/employer/{eid}/insurance-contracts) and all commitments
 * (/employer/{eid}/commitments) against the real server: the demo rows and
 * their formatting, the search (policy number, name, personnel number), each
 * filter narrowing the list, 50 rows a page with pager links that keep the
 * filter, the vesting date equal to the record page's (the law engine's), a
 * bad filter value → 400 naming the field, another tenant → 404, the exports
 * honouring the list's filter (every matching row, not one page) with formula
 * neutralisation; and the employee list's status filter (all / active / left)
 * with its exports.  The tests build on each other's data, in order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "harness.h"

static struct client *hr;
static long long      pf_group; /* a second group contract (Pensionsfonds Nord), test_filters */

enum { MUSTER_CONTRACTS = 23, MUSTER_EMPLOYEES = 44 }; /* app/demo.c */

static int setup(void **state)
{
	if (srv_setup(state))
		return -1;
	hr = login_ok("hr@muster.test");
	return hr ? 0 : -1;
}

static int teardown(void **state)
{
	client_free(hr);
	return srv_teardown(state);
}

/* GET as HR, 200 expected; the body (malloc'd). */
static char *page(const char *path)
{
	struct resp r = get(hr, path);
	if (r.status != 200)
		fail_msg("GET %s: %ld %s", path, r.status, r.body ? r.body : "");
	char *b = r.body;
	r.body  = NULL;
	resp_free(&r);
	return b;
}

/* The "Treffer: N" of a list page. */
static long hits(const char *body)
{
	const char *p = strstr(body, "<p class=\"count\">");
	assert_non_null(p);
	p = strstr(p, ": ");
	assert_non_null(p);
	return atol(p + 2);
}

/* Rows of a contract list page: each links to the record's contracts section. */
static size_t rows(const char *body) { return count_substr(body, "#contracts-title\">"); }

static void expect_list(const char *path, long total, size_t nrows)
{
	char *b = page(path);
	if (hits(b) != total || rows(b) != nrows)
		fail_msg("%s: %ld hits, %zu rows (expected %ld, %zu)", path, hits(b), rows(b), total, nrows);
	free(b);
}

/* Data lines of a CSV export (without the header), 200 expected. */
static size_t csv_rows(const char *path, char **body)
{
	struct resp r = get(hr, path);
	if (r.status != 200)
		fail_msg("GET %s: %ld", path, r.status);
	assert_true(resp_header_has(&r, "Content-Type", "text/csv"));
	size_t n = count_substr(r.body, "\r\n") - 1;
	if (body) {
		*body  = r.body;
		r.body = NULL;
	}
	resp_free(&r);
	return n;
}

static long long contract_id(const char *policy)
{
	json_t   *j     = send_json_expect(hr, "GET", "/api/v1/employers/1/insurance-contracts", NULL, 200);
	json_t   *items = json_object_get(j, "items");
	long long id    = 0;
	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *c = json_array_get(items, i);
		if (!strcmp(json_string_value(json_object_get(c, "policy_number")), policy))
			id = json_integer_value(json_object_get(c, "id"));
	}
	json_decref(j);
	assert_true(id > 0);
	return id;
}

static void iso_day(int offset_days, char out[11])
{
	time_t t = time(NULL) + (time_t)offset_days * 86400;
	strftime(out, 11, "%Y-%m-%d", gmtime(&t));
}

/* ---- the lists as the demo fills them ------------------------------------------------------ */

static void test_lists_show_demo(void **state)
{
	char *b = page("/employer/1/insurance-contracts");
	assert_int_equal(hits(b), MUSTER_CONTRACTS);
	assert_int_equal(rows(b), MUSTER_CONTRACTS);
	/* Anna Berger's contract: policy, person, provider and group contract, tariff, start,
	 * contribution in German money format with the payment mode, status */
	const char *anna = strstr(b, "<th scope=\"row\">ALV-100037</th>");
	assert_non_null(anna);
	assert_non_null(strstr(anna, "<a href=\"/employer/1/employees/1#contracts-title\">Berger, Anna</a><br><small>M00001</small>"));
	assert_non_null(strstr(anna, "Allgemeine Lebensversicherung AG<br><small>KV-2019-0042</small><br><small>Direktversicherung</small>"));
	assert_non_null(strstr(anna, "<td>bAV-Rente Plus</td>\n<td>01.08.1997</td>"));
	assert_non_null(strstr(anna, "79,00\xc2\xa0€<br><small>monatlich</small>"));
	assert_non_null(strstr(anna, "<td>aktiv<br>"));
	assert_null(strstr(b, "PFN-")); /* Beispiel AG's */
	/* export links without a filter; the table scrolls sideways on a phone */
	assert_non_null(strstr(b, "href=\"/employer/1/insurance-contracts.csv\""));
	assert_non_null(strstr(b, "href=\"/employer/1/insurance-contracts.xlsx\""));
	assert_non_null(strstr(b, "<div class=\"overflow-auto\">"));
	/* the live search swaps this section */
	assert_non_null(strstr(b, "<section id=\"contract-rows\""));
	assert_non_null(strstr(b, "hx-select=\"#contract-rows\""));
	free(b);

	b = page("/employer/1/commitments");
	assert_int_equal(hits(b), MUSTER_CONTRACTS);
	assert_int_equal(rows(b), MUSTER_CONTRACTS);
	anna = strstr(b, "<a href=\"/employer/1/employees/1#contracts-title\">Berger, Anna</a>");
	assert_non_null(anna);
	assert_non_null(strstr(anna, "<td>Direktversicherung</td>\n<td>Beitragsorientierte Leistungszusage</td>\n"
	                             "<td>Entgeltumwandlung</td>"));
	assert_non_null(strstr(b, "href=\"/employer/1/commitments.csv\""));
	free(b);

	/* English: the same rows, money and words for the reader */
	const char *const en[] = {"Accept-Language: en", NULL};
	struct resp       r    = req(hr, "GET", "/employer/1/insurance-contracts", en, NULL, 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "All insurance contracts"));
	assert_non_null(strstr(r.body, "€79.00<br><small>monthly</small>"));
	assert_non_null(strstr(r.body, "<td>1997-08-01</td>"));
	resp_free(&r);
}

static void test_search(void **state)
{
	expect_list("/employer/1/insurance-contracts?q=ALV-100037", 1, 1);
	expect_list("/employer/1/insurance-contracts?q=alv-100037", 1, 1); /* case-insensitive */
	char *b = page("/employer/1/insurance-contracts?q=ALV-100037");
	assert_non_null(strstr(b, "Berger, Anna"));
	assert_non_null(strstr(b, "value=\"ALV-100037\"")); /* the field keeps the term */
	/* the export links carry the search */
	assert_non_null(strstr(b, "href=\"/employer/1/insurance-contracts.csv?q=ALV-100037\""));
	free(b);
	expect_list("/employer/1/insurance-contracts?q=M00001", 1, 1);       /* personnel number */
	expect_list("/employer/1/insurance-contracts?q=berger%20anna", 1, 1); /* name */
	expect_list("/employer/1/commitments?q=M00001", 1, 1);
	/* LIKE wildcards are literal; no match says so */
	b = page("/employer/1/insurance-contracts?q=%25");
	assert_int_equal(hits(b), 0);
	assert_non_null(strstr(b, "Keine Einträge passen zu Suche und Filter."));
	free(b);
	expect_list("/employer/1/commitments?q=ALV-100037", 0, 0); /* commitments have no policy number */
	b = page("/employer/1/insurance-contracts?q=0"); /* a search for "0" is kept (not an id's "any") */
	assert_true(hits(b) > 0);
	assert_non_null(strstr(b, "href=\"/employer/1/insurance-contracts.csv?q=0\""));
	free(b);
}

static void test_filters(void **state)
{
	/* a second provider's group contract, with one commitment and contract (Florian Krause, id 6) */
	json_t *j = send_json_expect(hr, "POST", "/api/v1/employers/1/group-contracts",
	                "{\"provider_id\":2,\"number\":\"PF-900\",\"vehicle\":\"PF\",\"subsidy_rule\":\"none\","
	                "\"contribution_max_cents\":100000}", 201);
	pf_group  = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	char *body = xasprintf("{\"group_contract_id\":%lld,\"vehicle\":\"PF\",\"type\":\"LZ\",\"financing\":\"employer\","
	                       "\"service_start\":\"2021-07-01\",\"commitment_start\":\"2022-01-01\"}", pf_group);
	j          = send_json_expect(hr, "POST", "/api/v1/employers/1/employees/6/commitments", body, 201);
	long long cid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	free(body);
	body = xasprintf("{\"employee_id\":6,\"commitment_id\":%lld,\"group_contract_id\":%lld,\"policy_number\":\"PFX-1\","
	                 "\"start_date\":\"2022-01-01\",\"contribution_cents\":5000}", cid, pf_group);
	json_decref(send_json_expect(hr, "POST", "/api/v1/employers/1/insurance-contracts", body, 201));
	free(body);
	/* two demo contracts change status */
	char *p = xasprintf("/api/v1/employers/1/insurance-contracts/%lld", contract_id("ALV-100074"));
	json_decref(send_json_expect(hr, "PATCH", p, "{\"status\":\"terminated\"}", 200));
	free(p);
	p = xasprintf("/api/v1/employers/1/insurance-contracts/%lld", contract_id("ALV-100148"));
	json_decref(send_json_expect(hr, "PATCH", p, "{\"status\":\"contribution_free\"}", 200));
	free(p);

	const long all = MUSTER_CONTRACTS + 1;
	expect_list("/employer/1/insurance-contracts", all, all);
	expect_list("/employer/1/insurance-contracts?status=terminated", 1, 1);
	expect_list("/employer/1/insurance-contracts?status=contribution_free", 1, 1);
	expect_list("/employer/1/insurance-contracts?status=active", all - 2, all - 2);
	expect_list("/employer/1/insurance-contracts?provider=2", 1, 1);
	expect_list("/employer/1/insurance-contracts?provider=1", MUSTER_CONTRACTS, MUSTER_CONTRACTS);
	char *path = xasprintf("/employer/1/insurance-contracts?group_contract=%lld", pf_group);
	expect_list(path, 1, 1);
	free(path);
	expect_list("/employer/1/insurance-contracts?group_contract=1", MUSTER_CONTRACTS, MUSTER_CONTRACTS);
	expect_list("/employer/1/insurance-contracts?vehicle=PF", 1, 1);
	expect_list("/employer/1/insurance-contracts?vehicle=DV", MUSTER_CONTRACTS, MUSTER_CONTRACTS);
	expect_list("/employer/1/insurance-contracts?vehicle=DZ", 0, 0);
	expect_list("/employer/1/insurance-contracts?status=terminated&vehicle=PF", 0, 0);
	/* what a form without JavaScript sends: every field, "all" as "" / 0 */
	expect_list("/employer/1/insurance-contracts?q=&status=&provider=0&group_contract=0&vehicle=", all, all);
	char *b = page("/employer/1/insurance-contracts?status=terminated");
	assert_non_null(strstr(b, "<th scope=\"row\">ALV-100074</th>"));
	assert_non_null(strstr(b, "<td>beendet<br>"));
	assert_non_null(strstr(b, "<option value=\"terminated\" selected>beendet</option>")); /* the form keeps it */
	assert_non_null(strstr(b, "<option value=\"2\">Pensionsfonds Nord</option>"));         /* the providers */
	assert_non_null(strstr(b, "Pensionsfonds Nord – PF-900 (PF)"));                         /* the group contracts */
	free(b);

	expect_list("/employer/1/commitments", all, all);
	expect_list("/employer/1/commitments?vehicle=PF", 1, 1);
	expect_list("/employer/1/commitments?vehicle=DV", MUSTER_CONTRACTS, MUSTER_CONTRACTS);
	expect_list("/employer/1/commitments?type=LZ", 1, 1);
	expect_list("/employer/1/commitments?type=BOLZ", MUSTER_CONTRACTS, MUSTER_CONTRACTS);
	expect_list("/employer/1/commitments?type=BZML", 0, 0);
	expect_list("/employer/1/commitments?financing=employer", 1, 1);
	expect_list("/employer/1/commitments?financing=employee", MUSTER_CONTRACTS, MUSTER_CONTRACTS);
	expect_list("/employer/1/commitments?q=M00005&vehicle=PF&type=LZ&financing=employer", 1, 1);
	expect_list("/employer/1/commitments?q=M00005&financing=mixed", 0, 0);
	b = page("/employer/1/commitments?vehicle=PF");
	assert_non_null(strstr(b, "Krause, Florian"));
	assert_non_null(strstr(b, "Pensionsfonds Nord<br><small>PF-900</small>"));
	assert_non_null(strstr(b, "href=\"/employer/1/commitments.xlsx?vehicle=PF\""));
	free(b);
}

/* The vesting date in the list is the one the record page shows (both from the law engine). */
static void test_vesting_as_on_record(void **state)
{
	char *list = page("/employer/1/commitments?q=M00001");
	char *rec  = page("/employer/1/employees/1");
	/* the list: the vesting column after the two start dates */
	const char *l = strstr(list, "<td>01.08.1997</td>\n<td>01.08.1997</td>\n<td>");
	assert_non_null(l);
	l += strlen("<td>01.08.1997</td>\n<td>01.08.1997</td>\n<td>");
	/* the record page: the cell after the commitment start */
	const char *c = strstr(rec, "<td>01.08.1997</td><td>01.08.1997</td>\n<td>");
	assert_non_null(c);
	c += strlen("<td>01.08.1997</td><td>01.08.1997</td>\n<td>");
	assert_int_equal(strncmp(l, c, 10), 0);
	assert_true(l[2] == '.' && l[5] == '.'); /* a date, not "–" */
	free(list);
	free(rec);
}

static void test_pagination(void **state)
{
	/* 30 more contracts (Niklas Klein, id 4, no contract yet): 54 in all, two pages */
	for (int i = 1; i <= 30; i++) {
		char *body = xasprintf("{\"employee_id\":4,\"policy_number\":\"PG-%02d\",\"start_date\":\"2025-01-01\","
		                       "\"contribution_cents\":1000}", i);
		json_decref(send_json_expect(hr, "POST", "/api/v1/employers/1/insurance-contracts", body, 201));
		free(body);
	}
	const long all = MUSTER_CONTRACTS + 1 + 30;
	char      *b   = page("/employer/1/insurance-contracts");
	assert_int_equal(hits(b), all);
	assert_int_equal(rows(b), 50);
	assert_non_null(strstr(b, "Seite 1 von 2"));
	assert_non_null(strstr(b, "<a href=\"/employer/1/insurance-contracts?page=2\" rel=\"next\">"));
	assert_null(strstr(b, "rel=\"prev\""));
	free(b);
	b = page("/employer/1/insurance-contracts?page=2");
	assert_int_equal(rows(b), all - 50);
	assert_non_null(strstr(b, "Seite 2 von 2"));
	assert_non_null(strstr(b, "<a href=\"/employer/1/insurance-contracts\" rel=\"prev\">"));
	assert_null(strstr(b, "rel=\"next\""));
	free(b);
	/* the pager keeps the filter */
	b = page("/employer/1/insurance-contracts?status=active");
	assert_int_equal(hits(b), all - 2);
	assert_int_equal(rows(b), 50);
	assert_non_null(strstr(b, "<a href=\"/employer/1/insurance-contracts?status=active&amp;page=2\" rel=\"next\">"));
	free(b);
	b = page("/employer/1/insurance-contracts?status=active&page=2");
	assert_int_equal(rows(b), all - 2 - 50);
	assert_non_null(strstr(b, "<a href=\"/employer/1/insurance-contracts?status=active\" rel=\"prev\">"));
	free(b);
	b = page("/employer/1/insurance-contracts?q=pg-&page=1");
	assert_int_equal(hits(b), 30);
	assert_non_null(strstr(b, "Seite 1 von 1"));
	free(b);
	/* past the end: no rows, still a page */
	expect_list("/employer/1/insurance-contracts?page=9", all, 0);
}

static void test_bad_filters(void **state)
{
	static const char *const bad[][2] = {
		{"/employer/1/insurance-contracts?status=cancelled", "status"},
		{"/employer/1/insurance-contracts?vehicle=XX", "vehicle"},
		{"/employer/1/insurance-contracts?provider=abc", "provider"},
		{"/employer/1/insurance-contracts?group_contract=-1", "group_contract"},
		{"/employer/1/insurance-contracts?page=0", "page"},
		{"/employer/1/insurance-contracts?sort=name", "sort"},
		{"/employer/1/insurance-contracts?status=active&status=terminated", "status"},
		{"/employer/1/commitments?type=DB", "type"},
		{"/employer/1/commitments?financing=both", "financing"},
		{"/employer/1/commitments?vehicle=dv", "vehicle"},
		{"/employer/1/commitments?status=active", "status"}, /* not a filter of this list */
		{"/employer/1/insurance-contracts.csv?status=old", "status"},
		{"/employer/1/commitments.xlsx?type=x", "type"},
		{"/employer/1?status=gone", "status"},
		{"/employer/1/employees.csv?status=all", "status"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct resp r = get(hr, bad[i][0]);
		if (r.status != 400)
			fail_msg("%s: %ld", bad[i][0], r.status);
		char *named = xasprintf("%s:", bad[i][1]);
		if (!strstr(r.body, named))
			fail_msg("%s: the message does not name %s", bad[i][0], bad[i][1]);
		free(named);
		resp_free(&r);
	}
	/* a too long search term */
	char        q[160];
	memset(q, 'a', sizeof q - 1);
	q[sizeof q - 1] = '\0';
	char       *path = xasprintf("/employer/1/commitments?q=%s", q);
	struct resp r    = get(hr, path);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	free(path);
}

static void test_tenants_and_roles(void **state)
{
	const char *const lists[] = {"/employer/1/insurance-contracts", "/employer/1/commitments",
	                             "/employer/1/insurance-contracts?status=active", "/employer/1/commitments?vehicle=DV"};
	struct client *c = login_ok("admin@beispiel.test"); /* another tenant */
	for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
		struct resp r = get(c, lists[i]);
		if (r.status != 404)
			fail_msg("%s as another tenant: %ld", lists[i], r.status);
		resp_free(&r);
	}
	struct resp r = get(c, "/employer/2/insurance-contracts"); /* its own */
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "PFN-"));
	assert_null(strstr(r.body, "ALV-"));
	resp_free(&r);
	r = get(c, "/employer/2/commitments");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Vogel, Jan"));
	assert_null(strstr(r.body, "Berger"));
	resp_free(&r);
	client_free(c);

	c = login_ok("anna.berger@muster.test"); /* an employee: no lists */
	for (size_t i = 0; i < 2; i++) {
		r = get(c, lists[i]);
		assert_int_equal(r.status, 403);
		resp_free(&r);
	}
	client_free(c);
	c = client_new(); /* signed out */
	r = get(c, lists[0]);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_free(c);
	c = login_ok("admin@muster.test"); /* the employer admin reads them too */
	r = get(c, lists[1]);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	client_free(c);
}

static void test_exports_follow_filter(void **state)
{
	char *b = NULL;
	assert_int_equal(csv_rows("/employer/1/insurance-contracts.csv?status=terminated", &b), 1);
	assert_non_null(strstr(b, ";ALV-100074;"));
	assert_non_null(strstr(b, ";beendet;"));
	free(b);
	assert_int_equal(csv_rows("/employer/1/insurance-contracts.csv?q=alv-100037", &b), 1);
	assert_non_null(strstr(b, "\r\nM00001;Berger;Anna;ALV-100037;"));
	free(b);
	assert_int_equal(csv_rows("/employer/1/insurance-contracts.csv?provider=2", &b), 1);
	assert_non_null(strstr(b, ";PFX-1;Pensionsfonds Nord;PF-900;"));
	free(b);
	/* every matching row, not one page */
	assert_int_equal(csv_rows("/employer/1/insurance-contracts.csv?status=active", NULL), MUSTER_CONTRACTS + 1 + 30 - 2);
	assert_int_equal(csv_rows("/employer/1/insurance-contracts.csv", NULL), MUSTER_CONTRACTS + 1 + 30);
	assert_int_equal(csv_rows("/employer/1/commitments.csv?financing=employer", &b), 1);
	assert_non_null(strstr(b, "\r\nM00005;Krause;Florian;PF;Leistungszusage;Arbeitgeber;"));
	free(b);
	assert_int_equal(csv_rows("/employer/1/commitments.csv?q=M00001&vehicle=DV", NULL), 1);
	assert_int_equal(csv_rows("/employer/1/commitments.csv?employee_id=1&vehicle=PF", NULL), 0);
	assert_int_equal(csv_rows("/employer/1/insurance-contracts.csv?employee_id=4&q=pg-1", NULL), 10); /* PG-10..19 */
	struct resp r = get(hr, "/employer/1/insurance-contracts.xlsx?provider=2&status=active");
	assert_int_equal(r.status, 200);
	assert_memory_equal(r.body, "PK\3\4", 4);
	resp_free(&r);
	r = get(hr, "/employer/1/commitments.xlsx?type=LZ");
	assert_int_equal(r.status, 200);
	assert_memory_equal(r.body, "PK\3\4", 4);
	resp_free(&r);

	/* the list page links to the export of what it shows */
	b = page("/employer/1/insurance-contracts?q=ALV&status=active&vehicle=DV");
	assert_non_null(strstr(b, "href=\"/employer/1/insurance-contracts.csv?q=ALV&amp;status=active&amp;vehicle=DV\""));
	assert_non_null(strstr(b, "href=\"/employer/1/insurance-contracts.xlsx?q=ALV&amp;status=active&amp;vehicle=DV\""));
	free(b);

	/* a formula-like cell found by the search is neutralised in the file */
	json_decref(send_json_expect(hr, "POST", "/api/v1/employers/1/insurance-contracts",
	                "{\"employee_id\":4,\"policy_number\":\"=EVIL-1\",\"tariff\":\"@SUM(A1)\","
	                "\"start_date\":\"2025-02-01\",\"contribution_cents\":100}", 201));
	assert_int_equal(csv_rows("/employer/1/insurance-contracts.csv?q=%3Devil", &b), 1);
	assert_non_null(strstr(b, ";'=EVIL-1;;;'@SUM(A1);01.02.2025;1,00;"));
	assert_null(strstr(b, ";=EVIL"));
	assert_null(strstr(b, ";@SUM"));
	free(b);
	r = get(hr, "/employer/1/insurance-contracts.xlsx?q=%3Devil");
	assert_int_equal(r.status, 200);
	assert_memory_equal(r.body, "PK\3\4", 4);
	resp_free(&r);
	/* on the page it is plain text */
	b = page("/employer/1/insurance-contracts?q=%3Devil");
	assert_int_equal(hits(b), 1);
	assert_non_null(strstr(b, "<th scope=\"row\">=EVIL-1</th>"));
	free(b);
}

/* ---- the employee list's status filter ----------------------------------------------------- */

static void test_employee_status(void **state)
{
	/* the default page: no status anywhere in the search, exports as before */
	char *b = page("/employer/1");
	assert_int_equal(hits(b), MUSTER_EMPLOYEES);
	assert_null(strstr(b, "name=\"status\""));
	assert_non_null(strstr(b, "href=\"/employer/1/employees.csv?q=\""));
	assert_non_null(strstr(b, "<a href=\"/employer/1\" aria-current=\"true\">Alle</a>"));
	assert_non_null(strstr(b, "<a href=\"/employer/1?status=left\">Ausgeschieden</a>"));
	/* the start page links the two lists next to the group contracts */
	assert_non_null(strstr(b, "<a href=\"/employer/1/group-contracts\">"));
	assert_non_null(strstr(b, "<a href=\"/employer/1/insurance-contracts\">Alle Versicherungsverträge</a>"));
	assert_non_null(strstr(b, "<a href=\"/employer/1/commitments\">Alle Zusagen</a>"));
	free(b);
	expect_list("/employer/1?status=left", 0, 0);

	/* Jana Becker (id 3) left ten days ago, Niklas Klein (id 4) leaves in a month */
	char past[11], future[11];
	iso_day(-10, past);
	iso_day(30, future);
	char *body = xasprintf("{\"exit_date\":\"%s\",\"exit_reason\":\"resignation\"}", past);
	json_decref(send_json_expect(hr, "PATCH", "/api/v1/employers/1/employees/3", body, 200));
	free(body);
	body = xasprintf("{\"exit_date\":\"%s\"}", future);
	json_decref(send_json_expect(hr, "PATCH", "/api/v1/employers/1/employees/4", body, 200));
	free(body);

	b = page("/employer/1?status=left");
	assert_int_equal(hits(b), 1);
	assert_non_null(strstr(b, "href=\"/employer/1/employees/3\""));
	assert_null(strstr(b, "href=\"/employer/1/employees/4\""));
	assert_non_null(strstr(b, "<input type=\"hidden\" name=\"status\" value=\"left\">")); /* kept while typing */
	assert_non_null(strstr(b, "<a href=\"/employer/1?status=left\" aria-current=\"true\">"));
	assert_non_null(strstr(b, "href=\"/employer/1/employees.csv?q=&amp;status=left\""));
	free(b);
	b = page("/employer/1?status=active");
	assert_int_equal(hits(b), MUSTER_EMPLOYEES - 1);
	assert_null(strstr(b, "href=\"/employer/1/employees/3\""));
	assert_non_null(strstr(b, "href=\"/employer/1/employees/4\"")); /* leaving in the future: still active */
	free(b);
	b = page("/employer/1");
	assert_int_equal(hits(b), MUSTER_EMPLOYEES);
	free(b);
	/* with the search: the status links keep the term */
	b = page("/employer/1?q=M00002&status=left");
	assert_int_equal(hits(b), 1);
	assert_non_null(strstr(b, "<a href=\"/employer/1?q=M00002&amp;status=active\">"));
	assert_non_null(strstr(b, "<a href=\"/employer/1?q=M00002\">"));
	free(b);
	b = page("/employer/1?q=M00002&status=active");
	assert_int_equal(hits(b), 0);
	assert_non_null(strstr(b, "Keine Beschäftigten passen zur Suche."));
	free(b);
	b = page("/employer/1?q=&status=");
	assert_int_equal(hits(b), MUSTER_EMPLOYEES);
	free(b);

	/* the exports honour it */
	assert_int_equal(csv_rows("/employer/1/employees.csv?status=left", &b), 1);
	assert_non_null(strstr(b, "\r\nM00002;Becker;Jana;"));
	free(b);
	assert_int_equal(csv_rows("/employer/1/employees.csv?q=&status=active", NULL), MUSTER_EMPLOYEES - 1);
	assert_int_equal(csv_rows("/employer/1/employees.csv?q=M00002&status=active", NULL), 0);
	assert_int_equal(csv_rows("/employer/1/employees.csv", NULL), MUSTER_EMPLOYEES);
	struct resp r = get(hr, "/employer/1/employees.xlsx?status=left");
	assert_int_equal(r.status, 200);
	assert_memory_equal(r.body, "PK\3\4", 4);
	resp_free(&r);

	/* after the exit the commitments list says whether the vesting was kept (law engine) */
	b = page("/employer/1/commitments?q=M00002");
	assert_int_equal(hits(b), 1);
	assert_non_null(strstr(b, "<small>beim Austritt ")); /* the law engine: kept or not */
	free(b);
	assert_true(srv_healthy());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lists_show_demo),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_vesting_as_on_record),
		cmocka_unit_test(test_pagination),
		cmocka_unit_test(test_bad_filters),
		cmocka_unit_test(test_tenants_and_roles),
		cmocka_unit_test(test_exports_follow_filter),
		cmocka_unit_test(test_employee_status),
	};
	return cmocka_run_group_tests_name("http_contract_lists", tests, setup, teardown);
}
