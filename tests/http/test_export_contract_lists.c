/*
 * test_export_contract_lists.c — GET /employer/{eid}/insurance-contracts.csv
 * and .xlsx, /employer/{eid}/commitments.csv and .xlsx against the real
 * server: headers and rows of the demo, the filter of the record page
 * (employee_id), the language, the round trip (the contracts export imported
 * back changes nothing), formula neutralisation, the links on the record
 * page, roles and tenants.
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
static char          *hr_token;

enum { MUSTER_CONTRACTS = 23 }; /* app/demo.c: every second person of Muster GmbH */

static int setup(void **state)
{
	if (srv_setup(state))
		return -1;
	hr       = login_ok("hr@muster.test");
	hr_token = token_create("hr@muster.test");
	return hr && hr_token ? 0 : -1;
}

static int teardown(void **state)
{
	client_free(hr);
	free(hr_token);
	return srv_teardown(state);
}

static void today(char day[11])
{
	time_t now = time(NULL);
	strftime(day, 11, "%Y-%m-%d", gmtime(&now));
}

static const char insurance_head[] = "Personalnummer;Nachname;Vorname;Versicherungsnummer;Anbieter;Kollektivvertrag;"
                                     "Tarif;Vertragsbeginn;Beitrag;Zahlweise;Zusatzversicherungen;Bezugsrecht;Status;"
                                     "Status seit\r\n";
static const char commitment_head[] =
	"Personalnummer;Nachname;Vorname;Durchführungsweg;Zusageart;Finanzierung;Arbeitgeberanteil (%);"
	"Beginn der Betriebszugehörigkeit;Beginn der Zusage;Übernommen;Früherer Arbeitgeber;"
	"Ursprünglicher Beginn der Betriebszugehörigkeit;Ursprünglicher Beginn der Zusage;Kollektivvertrag;"
	"Unverfallbar ab;PSV-pflichtig\r\n";

static void test_insurance_csv(void **state)
{
	struct resp r = get(hr, "/employer/1/insurance-contracts.csv");
	assert_int_equal(r.status, 200);
	assert_true(resp_header_has(&r, "Content-Type", "text/csv; charset=utf-8"));
	assert_true(resp_header_has(&r, "Cache-Control", "no-store"));
	char day[11];
	today(day);
	char *cd   = resp_header(&r, "Content-Disposition");
	char *want = xasprintf("attachment; filename=\"insurance-contracts-Muster-GmbH-%s.csv\"", day);
	assert_non_null(cd);
	assert_string_equal(cd, want);
	free(cd);
	free(want);
	assert_memory_equal(r.body, "\xEF\xBB\xBF", 3);
	assert_int_equal(strncmp(r.body + 3, insurance_head, strlen(insurance_head)), 0);
	assert_int_equal(count_substr(r.body, "\r\n"), MUSTER_CONTRACTS + 1);
	assert_non_null(strstr(r.body, "\r\nM00001;Berger;Anna;ALV-100037;Allgemeine Lebensversicherung AG;KV-2019-0042;"
	                               "bAV-Rente Plus;01.08.1997;79,00;monatlich;;Arbeitnehmer, unwiderruflich;aktiv;"));
	assert_non_null(strstr(r.body, ";Berufsunfähigkeit;")); /* riders by their names */
	assert_null(strstr(r.body, "PFN-"));                      /* Beispiel AG's */
	resp_free(&r);
}

static void test_commitments_csv(void **state)
{
	struct resp r = get(hr, "/employer/1/commitments.csv");
	assert_int_equal(r.status, 200);
	assert_true(resp_header_has(&r, "Content-Disposition", "attachment; filename=\"commitments-Muster-GmbH-"));
	assert_int_equal(strncmp(r.body + 3, commitment_head, strlen(commitment_head)), 0);
	assert_int_equal(count_substr(r.body, "\r\n"), MUSTER_CONTRACTS + 1);
	/* the vesting date is the law engine's (a 1997 conversion: § 30f BetrAVG) */
	const char *anna = strstr(r.body, "\r\nM00001;Berger;Anna;DV;Beitragsorientierte Leistungszusage;Entgeltumwandlung;;"
	                                  "01.08.1997;01.08.1997;nein;;;;KV-2019-0042;");
	assert_non_null(anna);
	int d, m, y;
	char psv[8];
	assert_int_equal(sscanf(anna + strlen("\r\nM00001;Berger;Anna;DV;Beitragsorientierte Leistungszusage;"
	                                     "Entgeltumwandlung;;01.08.1997;01.08.1997;nein;;;;KV-2019-0042;"),
	                        "%2d.%2d.%4d;%7[^\r]", &d, &m, &y, psv),
	                 4);
	assert_string_equal(psv, "nein"); /* DV, irrevocable: not PSV-relevant (§ 10 BetrAVG) */
	resp_free(&r);
}

static void test_filter(void **state)
{
	struct resp r = get(hr, "/employer/1/insurance-contracts.csv?employee_id=1");
	assert_int_equal(r.status, 200);
	assert_int_equal(count_substr(r.body, "\r\n"), 2);
	assert_non_null(strstr(r.body, "\r\nM00001;Berger;Anna;ALV-100037;"));
	assert_true(resp_header_has(&r, "Content-Disposition", "filename=\"insurance-contracts-Muster-GmbH-M00001-"));
	resp_free(&r);
	r = get(hr, "/employer/1/commitments.csv?employee_id=1");
	assert_int_equal(r.status, 200);
	assert_int_equal(count_substr(r.body, "\r\n"), 2);
	resp_free(&r);
	r = get(hr, "/employer/1/commitments.xlsx?employee_id=1");
	assert_int_equal(r.status, 200);
	assert_memory_equal(r.body, "PK\3\4", 4);
	resp_free(&r);
	/* another employer's employee, a missing one, a bad or unknown parameter */
	const char *const bad[][2] = {{"/employer/1/insurance-contracts.csv?employee_id=2", "404"},
	                              {"/employer/1/commitments.csv?employee_id=999999", "404"},
	                              {"/employer/1/commitments.csv?employee_id=abc", "400"},
	                              {"/employer/1/insurance-contracts.xlsx?employee_id=0", "400"},
	                              {"/employer/1/insurance-contracts.csv?sort=name", "400"}};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		r = get(hr, bad[i][0]);
		if (r.status != atol(bad[i][1]))
			fail_msg("%s: %ld", bad[i][0], r.status);
		resp_free(&r);
	}
}

static void test_xlsx_and_english(void **state)
{
	struct resp r = get(hr, "/employer/1/insurance-contracts.xlsx");
	assert_int_equal(r.status, 200);
	assert_true(resp_header_has(&r, "Content-Type",
	                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
	assert_true(resp_header_has(&r, "Content-Disposition", ".xlsx\""));
	assert_memory_equal(r.body, "PK\3\4", 4);
	assert_true(r.len > 1000);
	resp_free(&r);
	const char *const h[] = {"Accept-Language: en", NULL};
	struct client    *c   = login_ok("admin@muster.test");
	r                     = req(c, "GET", "/employer/1/insurance-contracts.csv?employee_id=1", h, NULL, 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Personnel number;Last name;First name;Policy number;Provider;Group contract;"
	                               "Tariff;Contract start;Contribution;Payment mode;Riders;Beneficiary;Status;"
	                               "Status since\r\n"));
	assert_non_null(strstr(r.body, ";79,00;monthly;;"));
	assert_non_null(strstr(r.body, ";active;"));
	resp_free(&r);
	client_free(c);
}

/* The contracts export is a file the contracts import reads back: nothing changes. */
static void round_trip(const char *export_path, const char *lang)
{
	char              *al  = xasprintf("Accept-Language: %s", lang);
	const char *const  h[] = {al, NULL};
	struct resp        e   = req(hr, "GET", export_path, h, NULL, 0);
	assert_int_equal(e.status, 200);
	struct client *c    = client_new();
	char          *auth = xasprintf("Authorization: Bearer %s", hr_token);
	const char    *hh[] = {auth, al, "Content-Type: application/octet-stream", NULL};
	struct resp    r    = req(c, "POST", "/api/v1/employers/1/imports?kind=contracts&dry_run=true", hh, e.body, e.len);
	assert_int_equal(r.status, 200);
	json_t *j = resp_json(&r);
	if (json_integer_value(json_object_get(j, "invalid")) || json_array_size(json_object_get(j, "unknown_columns")) ||
	    json_integer_value(json_object_get(j, "changed")))
		fail_msg("%s (%s): %s", export_path, lang, r.body);
	assert_int_equal(json_integer_value(json_object_get(j, "rows")), MUSTER_CONTRACTS);
	assert_int_equal(json_integer_value(json_object_get(j, "unchanged")), MUSTER_CONTRACTS);
	json_decref(j);
	resp_free(&r);
	resp_free(&e);
	client_free(c);
	free(auth);
	free(al);
}

static void test_round_trip(void **state)
{
	round_trip("/employer/1/insurance-contracts.csv", "de");
	round_trip("/employer/1/insurance-contracts.csv", "en");
	round_trip("/employer/1/insurance-contracts.xlsx", "de");
}

static void test_neutralised(void **state)
{
	struct resp r = send_json(hr, "POST", "/api/v1/employers/1/insurance-contracts",
	                          "{\"employee_id\":3,\"policy_number\":\"@POL-1\",\"tariff\":\"=HYPERLINK(\\\"x\\\")\","
	                          "\"start_date\":\"2025-01-01\",\"contribution_cents\":5000}");
	if (r.status != 201)
		fprintf(stderr, "create: %ld %s\n", r.status, r.body);
	assert_int_equal(r.status, 201);
	resp_free(&r);
	r = send_json(hr, "POST", "/api/v1/employers/1/employees/3/commitments",
	              "{\"vehicle\":\"DV\",\"type\":\"LZ\",\"financing\":\"employer\",\"service_start\":\"2005-01-01\","
	              "\"commitment_start\":\"2005-01-01\",\"taken_over\":true,\"original_employer\":\"+Alt GmbH\","
	              "\"original_service_start\":\"2001-01-01\",\"original_commitment_start\":\"2002-01-01\"}");
	if (r.status != 201)
		fprintf(stderr, "create: %ld %s\n", r.status, r.body);
	assert_int_equal(r.status, 201);
	resp_free(&r);

	r = get(hr, "/employer/1/insurance-contracts.csv?employee_id=3");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "\r\nM00002;Becker;Jana;'@POL-1;;;\"'=HYPERLINK(\"\"x\"\")\";01.01.2025;50,00;"
	                               "monatlich;;Arbeitnehmer, unwiderruflich;aktiv;"));
	assert_null(strstr(r.body, ";@POL"));
	assert_null(strstr(r.body, "\"=HYPERLINK"));
	resp_free(&r);
	r = get(hr, "/employer/1/commitments.csv?employee_id=3");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, ";01.01.2005;01.01.2005;ja;'+Alt GmbH;01.01.2001;01.01.2002;;"));
	assert_null(strstr(r.body, ";+Alt"));
	resp_free(&r);
	r = get(hr, "/employer/1/insurance-contracts.xlsx?employee_id=3");
	assert_int_equal(r.status, 200);
	assert_memory_equal(r.body, "PK\3\4", 4);
	resp_free(&r);
}

static void test_links_and_refusals(void **state)
{
	struct resp r = get(hr, "/employer/1/employees/1");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "href=\"/employer/1/commitments.csv?employee_id=1\""));
	assert_non_null(strstr(r.body, "href=\"/employer/1/commitments.xlsx?employee_id=1\""));
	assert_non_null(strstr(r.body, "href=\"/employer/1/insurance-contracts.csv?employee_id=1\""));
	assert_non_null(strstr(r.body, "href=\"/employer/1/insurance-contracts.xlsx?employee_id=1\""));
	resp_free(&r);

	struct client *c = client_new();
	r                = get(c, "/employer/1/commitments.csv");
	assert_int_equal(r.status, 303); /* signed out */
	resp_free(&r);
	client_free(c);

	c = login_ok("anna.berger@muster.test"); /* an employee: her own record, no exports */
	r = get(c, "/employer/1/employees/1");
	assert_int_equal(r.status, 200);
	assert_null(strstr(r.body, "commitments.csv"));
	assert_null(strstr(r.body, "insurance-contracts.csv"));
	resp_free(&r);
	const char *const denied[] = {"/employer/1/commitments.csv", "/employer/1/commitments.xlsx",
	                              "/employer/1/insurance-contracts.csv?employee_id=1",
	                              "/employer/1/insurance-contracts.xlsx"};
	for (size_t i = 0; i < sizeof denied / sizeof *denied; i++) {
		r = get(c, denied[i]);
		assert_int_equal(r.status, 403);
		resp_free(&r);
	}
	client_free(c);

	c = login_ok("admin@beispiel.test"); /* another tenant */
	for (size_t i = 0; i < sizeof denied / sizeof *denied; i++) {
		r = get(c, denied[i]);
		assert_int_equal(r.status, 404);
		resp_free(&r);
	}
	r = get(c, "/employer/2/insurance-contracts.csv"); /* its own */
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "PFN-"));
	assert_null(strstr(r.body, "ALV-"));
	resp_free(&r);
	client_free(c);
	assert_true(srv_healthy());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insurance_csv),
		cmocka_unit_test(test_commitments_csv),
		cmocka_unit_test(test_filter),
		cmocka_unit_test(test_xlsx_and_english),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_neutralised),
		cmocka_unit_test(test_links_and_refusals),
	};
	return cmocka_run_group_tests_name("http_export_contract_lists", tests, setup, teardown);
}
