/*
 * test_export.c — GET /employer/{eid}/employees.csv and .xlsx against the
 * real server: headers, every row (not one page), the q filter, formula
 * neutralisation, the language of the headers, roles and tenants.
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

static void test_csv_all_rows(void **state)
{
	struct resp r = get(hr, "/employer/1/employees.csv");
	assert_int_equal(r.status, 200);
	assert_true(resp_header_has(&r, "Content-Type", "text/csv; charset=utf-8"));
	assert_true(resp_header_has(&r, "Cache-Control", "no-store"));
	char day[11];
	time_t now = time(NULL);
	strftime(day, sizeof day, "%Y-%m-%d", gmtime(&now));
	char *cd   = resp_header(&r, "Content-Disposition");
	char *want = xasprintf("attachment; filename=\"employees-Muster-GmbH-%s.csv\"", day);
	assert_non_null(cd);
	assert_string_equal(cd, want);
	free(cd);
	free(want);
	assert_memory_equal(r.body, "\xEF\xBB\xBF", 3);
	assert_int_equal(strncmp(r.body + 3, "Personalnummer;Nachname;Vorname;Geburtsdatum;Eintritt;Austritt;E-Mail\r\n", 71), 0);
	assert_int_equal(count_substr(r.body, "\r\n"), 45); /* 44 demo employees + header: all pages */
	assert_non_null(strstr(r.body, "\r\nM00001;Berger;Anna;"));
	assert_non_null(strstr(r.body, "anna.berger@muster.test\r\n"));
	resp_free(&r);
}

static void test_xlsx(void **state)
{
	struct resp r = get(hr, "/employer/1/employees.xlsx?q=");
	assert_int_equal(r.status, 200);
	assert_true(resp_header_has(&r, "Content-Type",
	                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
	assert_true(resp_header_has(&r, "Content-Disposition", "attachment; filename=\"employees-Muster-GmbH-"));
	assert_true(resp_header_has(&r, "Content-Disposition", ".xlsx\""));
	assert_true(resp_header_has(&r, "Cache-Control", "no-store"));
	assert_true(r.len > 1000);
	assert_memory_equal(r.body, "PK\3\4", 4);
	resp_free(&r);
}

static void test_filter_and_links(void **state)
{
	struct resp r = get(hr, "/employer/1/employees.csv?q=Berger");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "M00001;Berger;Anna;"));
	assert_null(strstr(r.body, "M00002;"));
	size_t lines = count_substr(r.body, "\r\n");
	assert_true(lines >= 2 && lines < 45);
	resp_free(&r);
	r = get(hr, "/employer/1/employees.csv?q=zzzz-nobody");
	assert_int_equal(r.status, 200);
	assert_int_equal(count_substr(r.body, "\r\n"), 1); /* the header only */
	resp_free(&r);
	/* the list page links to both, carrying the filter */
	r = get(hr, "/employer/1?q=Berger");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "/employer/1/employees.csv?q=Berger"));
	assert_non_null(strstr(r.body, "/employer/1/employees.xlsx?q=Berger"));
	resp_free(&r);
	/* an unknown parameter is refused like everywhere */
	r = get(hr, "/employer/1/employees.csv?sort=x");
	assert_int_equal(r.status, 400);
	resp_free(&r);
}

static void test_english_headers(void **state)
{
	const char *const h[] = {"Accept-Language: en", NULL};
	struct client    *c   = login_ok("hr@muster.test");
	struct resp       r   = req(c, "GET", "/employer/1/employees.csv?q=Berger", h, NULL, 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Personnel number;Last name;First name;Date of birth;Start date;Leaving date;Email\r\n"));
	resp_free(&r);
	client_free(c);
}

static void test_neutralised(void **state)
{
	struct resp r = send_json(hr, "POST", "/api/v1/employers/1/employees",
	                          "{\"personnel_number\":\"X1\",\"last_name\":\"=HYPERLINK(\\\"x\\\")\","
	                          "\"first_name\":\"@SUM(A1)\",\"birth_date\":\"1990-01-15\"}");
	if (r.status != 201)
		fprintf(stderr, "create: %ld %s\n", r.status, r.body);
	assert_int_equal(r.status, 201);
	resp_free(&r);
	r = get(hr, "/employer/1/employees.csv?q=X1");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "\r\nX1;\"'=HYPERLINK(\"\"x\"\")\";'@SUM(A1);15.01.1990;;;\r\n"));
	assert_null(strstr(r.body, ";=HYPERLINK"));
	assert_null(strstr(r.body, "\"=HYPERLINK"));
	resp_free(&r);
	r = get(hr, "/employer/1/employees.xlsx?q=X1");
	assert_int_equal(r.status, 200);
	assert_memory_equal(r.body, "PK\3\4", 4);
	resp_free(&r);
}

static void test_refusals(void **state)
{
	struct client *c = client_new();
	struct resp    r = get(c, "/employer/1/employees.csv");
	assert_int_equal(r.status, 303);
	char *loc = resp_header(&r, "Location");
	assert_non_null(loc);
	assert_int_equal(strncmp(loc, "/login", 6), 0);
	free(loc);
	resp_free(&r);
	r = get(c, "/employer/1/employees.xlsx");
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_free(c);

	c = login_ok("anna.berger@muster.test"); /* an employee */
	r = get(c, "/employer/1/employees.csv");
	assert_int_equal(r.status, 403);
	resp_free(&r);
	r = get(c, "/employer/1/employees.xlsx");
	assert_int_equal(r.status, 403);
	resp_free(&r);
	client_free(c);

	c = login_ok("admin@beispiel.test"); /* another tenant */
	r = get(c, "/employer/1/employees.csv");
	assert_int_equal(r.status, 404);
	resp_free(&r);
	r = get(c, "/employer/1/employees.xlsx");
	assert_int_equal(r.status, 404);
	resp_free(&r);
	r = get(c, "/employer/999999/employees.csv");
	assert_int_equal(r.status, 404);
	resp_free(&r);
	client_free(c);
	assert_true(srv_healthy());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_all_rows),
		cmocka_unit_test(test_xlsx),
		cmocka_unit_test(test_filter_and_links),
		cmocka_unit_test(test_english_headers),
		cmocka_unit_test(test_neutralised),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests_name("http_export", tests, setup, teardown);
}
