/*
 * test_export_contracts.c — GET /employer/{eid}/group-contracts.csv and
 * .xlsx against the real server: headers, the rows of the demo, typed money
 * cells, formula neutralisation, the language of the headers, the links on
 * the group contracts page, roles and tenants.
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

static void test_csv(void **state)
{
	struct resp r = get(hr, "/employer/1/group-contracts.csv");
	assert_int_equal(r.status, 200);
	assert_true(resp_header_has(&r, "Content-Type", "text/csv; charset=utf-8"));
	assert_true(resp_header_has(&r, "Cache-Control", "no-store"));
	char   day[11];
	time_t now = time(NULL);
	strftime(day, sizeof day, "%Y-%m-%d", gmtime(&now));
	char *cd   = resp_header(&r, "Content-Disposition");
	char *want = xasprintf("attachment; filename=\"group-contracts-Muster-GmbH-%s.csv\"", day);
	assert_non_null(cd);
	assert_string_equal(cd, want);
	free(cd);
	free(want);
	assert_memory_equal(r.body, "\xEF\xBB\xBF", 3);
	const char *head = "Anbieter;Vertragsnummer;Produktlinie;Durchführungsweg;Zuschussregel;Zuschuss in %;"
	                   "Zuschuss fest im Monat;Mindestbeitrag im Monat;Höchstbeitrag im Monat\r\n";
	assert_int_equal(strncmp(r.body + 3, head, strlen(head)), 0);
	assert_int_equal(count_substr(r.body, "\r\n"), 2); /* the demo's one group contract + header */
	assert_non_null(
		strstr(r.body, "\r\nAllgemeine Lebensversicherung AG;KV-2019-0042;bAV-Rente Plus;DV;gesetzlich 15 %;;;25,00;700,00\r\n"));
	assert_null(strstr(r.body, "PFN-7781")); /* Beispiel AG's */
	resp_free(&r);
}

static void test_xlsx(void **state)
{
	struct resp r = get(hr, "/employer/1/group-contracts.xlsx");
	assert_int_equal(r.status, 200);
	assert_true(resp_header_has(&r, "Content-Type",
	                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
	assert_true(resp_header_has(&r, "Content-Disposition", "attachment; filename=\"group-contracts-Muster-GmbH-"));
	assert_true(resp_header_has(&r, "Content-Disposition", ".xlsx\""));
	assert_true(r.len > 1000);
	assert_memory_equal(r.body, "PK\3\4", 4);
	resp_free(&r);
}

static void test_page_links_and_params(void **state)
{
	struct resp r = get(hr, "/employer/1/group-contracts");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "href=\"/employer/1/group-contracts.csv\""));
	assert_non_null(strstr(r.body, "href=\"/employer/1/group-contracts.xlsx\""));
	resp_free(&r);
	r = get(hr, "/employer/1/group-contracts.csv?sort=x");
	assert_int_equal(r.status, 400);
	resp_free(&r);
}

static void test_english_and_percent(void **state)
{
	const char *const h[] = {"Accept-Language: en", NULL};
	struct client    *c   = login_ok("admin@beispiel.test");
	struct resp       r   = req(c, "GET", "/employer/2/group-contracts.csv", h, NULL, 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Provider;Contract number;Product line;Funding vehicle;Subsidy rule;Subsidy in %;"
	                               "Fixed subsidy a month;Minimum contribution a month;Maximum contribution a month\r\n"));
	assert_non_null(strstr(r.body, "\r\nPensionsfonds Nord;PFN-7781;PF-Klassik;PF;"));
	assert_non_null(strstr(r.body, ";20;;20,00;500,00\r\n"));
	resp_free(&r);
	client_free(c);
}

static void test_neutralised_and_fixed(void **state)
{
	struct resp r = send_json(hr, "POST", "/api/v1/employers/1/group-contracts",
	                          "{\"provider_id\":1,\"number\":\"=HYPERLINK(\\\"x\\\")\",\"product_line\":\"@SUM(A1)\","
	                          "\"vehicle\":\"DV\",\"subsidy_rule\":\"fixed\",\"subsidy_value\":1234,"
	                          "\"contribution_min_cents\":1000,\"contribution_max_cents\":50000}");
	if (r.status != 201)
		fprintf(stderr, "create: %ld %s\n", r.status, r.body);
	assert_int_equal(r.status, 201);
	resp_free(&r);
	r = get(hr, "/employer/1/group-contracts.csv");
	assert_int_equal(r.status, 200);
	assert_int_equal(count_substr(r.body, "\r\n"), 3);
	assert_non_null(strstr(r.body, ";\"'=HYPERLINK(\"\"x\"\")\";'@SUM(A1);DV;fester Betrag;;12,34;10,00;500,00\r\n"));
	assert_null(strstr(r.body, ";=HYPERLINK"));
	assert_null(strstr(r.body, "\"=HYPERLINK"));
	resp_free(&r);
	r = get(hr, "/employer/1/group-contracts.xlsx");
	assert_int_equal(r.status, 200);
	assert_memory_equal(r.body, "PK\3\4", 4);
	resp_free(&r);
}

static void test_refusals(void **state)
{
	struct client *c = client_new();
	struct resp    r = get(c, "/employer/1/group-contracts.csv");
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_free(c);

	c = login_ok("anna.berger@muster.test"); /* an employee */
	r = get(c, "/employer/1/group-contracts.csv");
	assert_int_equal(r.status, 403);
	resp_free(&r);
	r = get(c, "/employer/1/group-contracts.xlsx");
	assert_int_equal(r.status, 403);
	resp_free(&r);
	client_free(c);

	c = login_ok("admin@beispiel.test"); /* another tenant */
	r = get(c, "/employer/1/group-contracts.csv");
	assert_int_equal(r.status, 404);
	resp_free(&r);
	r = get(c, "/employer/1/group-contracts.xlsx");
	assert_int_equal(r.status, 404);
	resp_free(&r);
	r = get(c, "/employer/999999/group-contracts.csv");
	assert_int_equal(r.status, 404);
	resp_free(&r);
	client_free(c);
	assert_true(srv_healthy());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_xlsx),
		cmocka_unit_test(test_page_links_and_params),
		cmocka_unit_test(test_english_and_percent),
		cmocka_unit_test(test_neutralised_and_fixed),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests_name("http_export_contracts", tests, setup, teardown);
}
