/*
 * test_contracts.c — providers, group contracts, commitments and insurance
 * contracts against the real server: API create/read/patch with the law
 * engine's vesting status, 404 across tenants, 403 for the employee role on
 * writes, the employee seeing only their own commitments (API and /employee),
 * and the pages (detail section, add forms, group contracts page).
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

static struct client *op, *hr, *anna, *beispiel, *jan;
static long long      anna_id, other_id, jan_id, group1, provider_dv;

static const char *str(json_t *j, const char *k) { return json_string_value(json_object_get(j, k)); }
static long long   num(json_t *j, const char *k) { return json_integer_value(json_object_get(j, k)); }

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

static int setup(void **state)
{
	if (srv_setup(state))
		return -1;
	op       = login_ok("operator@openbav.test");
	hr       = login_ok("hr@muster.test");
	anna     = login_ok("anna.berger@muster.test");
	beispiel = login_ok("admin@beispiel.test");
	jan      = login_ok("jan.vogel@beispiel.test");
	anna_id  = employee_id(hr, 1, "Berger", false);
	other_id = employee_id(hr, 1, NULL, true);
	jan_id   = employee_id(beispiel, 2, "Vogel", false);
	return 0;
}

static int teardown(void **state)
{
	client_free(op);
	client_free(hr);
	client_free(anna);
	client_free(beispiel);
	client_free(jan);
	return srv_teardown(state);
}

static void test_providers(void **state)
{
	json_t *j = send_json_expect(anna, "GET", "/api/v1/providers", NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
	provider_dv = num(json_array_get(json_object_get(j, "items"), 0), "id");
	assert_string_equal(str(json_array_get(json_object_get(j, "items"), 0), "name"), "Allgemeine Lebensversicherung AG");
	assert_string_equal(str(json_array_get(json_object_get(j, "items"), 0), "vehicles"), "DV,PK");
	json_decref(j);
	json_decref(send_json_expect(hr, "POST", "/api/v1/providers", "{\"name\":\"HR Versicherung\",\"vehicles\":\"DV\"}", 403));
	j = send_json_expect(op, "POST", "/api/v1/providers", "{\"name\":\"Nordlicht Pensionskasse\",\"vehicles\":\"pk\"}", 201);
	assert_string_equal(str(j, "vehicles"), "PK");
	long long id = num(j, "id");
	json_decref(j);
	j = send_json_expect(op, "POST", "/api/v1/providers", "{\"name\":\"Falsch AG\",\"vehicles\":\"DV,XY\"}", 400);
	assert_string_equal(err_field(j), "vehicles");
	json_decref(j);
	json_decref(send_json_expect(op, "POST", "/api/v1/providers", "{\"name\":\"Nordlicht Pensionskasse\",\"vehicles\":\"PK\"}", 409));
	char *p = xasprintf("/api/v1/providers/%lld", id);
	j       = send_json_expect(jan, "GET", p, NULL, 200);
	assert_string_equal(str(j, "name"), "Nordlicht Pensionskasse");
	json_decref(j);
	free(p);
	json_decref(send_json_expect(op, "GET", "/api/v1/providers/9999", NULL, 404));
}

static void test_group_contracts(void **state)
{
	json_t *j = send_json_expect(hr, "GET", "/api/v1/employers/1/group-contracts", NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	group1 = num(json_array_get(json_object_get(j, "items"), 0), "id");
	json_decref(j);
	char *body = xasprintf("{\"provider_id\":%lld,\"number\":\"KV-77\",\"vehicle\":\"PF\",\"subsidy_rule\":\"none\","
	                       "\"contribution_max_cents\":50000}", provider_dv);
	j = send_json_expect(hr, "POST", "/api/v1/employers/1/group-contracts", body, 422);
	assert_string_equal(err_field(j), "vehicle");
	json_decref(j);
	free(body);
	body = xasprintf("{\"provider_id\":%lld,\"number\":\"KV-77\",\"vehicle\":\"PK\",\"subsidy_rule\":\"percent\","
	                 "\"subsidy_value\":2000,\"contribution_min_cents\":1000,\"contribution_max_cents\":50000}",
	                 provider_dv);
	json_decref(send_json_expect(anna, "POST", "/api/v1/employers/1/group-contracts", body, 403));
	j = send_json_expect(hr, "POST", "/api/v1/employers/1/group-contracts", body, 201);
	assert_int_equal(num(j, "subsidy_value"), 2000);
	assert_int_equal(num(j, "contribution_max_cents"), 50000);
	long long id = num(j, "id");
	json_decref(j);
	free(body);
	char *p = xasprintf("/api/v1/employers/1/group-contracts/%lld", id);
	j       = send_json_expect(hr, "PATCH", p, "{\"contribution_min_cents\":60000}", 422);
	assert_string_equal(err_field(j), "contribution_max_cents");
	json_decref(j);
	j = send_json_expect(hr, "PATCH", p, "{\"product_line\":\"Rente Kompakt\"}", 200);
	assert_string_equal(str(j, "product_line"), "Rente Kompakt");
	json_decref(j);
	free(p);
	/* another tenant: 404 */
	p = xasprintf("/api/v1/employers/2/group-contracts/%lld", id);
	json_decref(send_json_expect(beispiel, "GET", p, NULL, 404));
	free(p);
	json_decref(send_json_expect(anna, "GET", "/api/v1/employers/1/group-contracts", NULL, 403));
}

static void test_commitments_api(void **state)
{
	char *list = xasprintf("/api/v1/employers/1/employees/%lld/commitments", other_id);
	char *body = xasprintf("{\"group_contract_id\":%lld,\"vehicle\":\"DV\",\"type\":\"BZML\",\"financing\":\"mixed\","
	                       "\"employer_share_bp\":5000,\"service_start\":\"2020-01-01\",\"commitment_start\":\"2019-01-01\"}",
	                       group1);
	json_t *j = send_json_expect(hr, "POST", list, body, 422);
	assert_string_equal(err_field(j), "commitment_start");
	json_decref(j);
	json_decref(send_json_expect(anna, "POST", list, body, 403));
	free(body);
	body = xasprintf("{\"vehicle\":\"DZ\",\"type\":\"BZML\",\"financing\":\"employer\",\"service_start\":\"2020-01-01\","
	                 "\"commitment_start\":\"2020-01-01\"}");
	j = send_json_expect(hr, "POST", list, body, 422);
	assert_string_equal(err_field(j), "type");
	json_decref(j);
	free(body);
	body = xasprintf("{\"vehicle\":\"DZ\",\"type\":\"LZ\",\"financing\":\"employer\",\"service_start\":\"2005-01-01\","
	                 "\"commitment_start\":\"2007-01-01\",\"taken_over\":true,\"original_employer\":\"Alt AG\","
	                 "\"original_service_start\":\"2000-03-01\",\"original_commitment_start\":\"2000-03-01\"}");
	j = send_json_expect(hr, "POST", list, body, 201);
	free(body);
	assert_string_equal(str(j, "vehicle"), "DZ");
	assert_true(json_is_true(json_object_get(j, "psv_relevant")));
	assert_true(json_is_string(json_object_get(j, "vested_on")));
	assert_null(json_object_get(j, "vested_at_exit")); /* no exit */
	assert_true(json_array_size(json_object_get(j, "vesting_explanation")) > 0);
	long long id = num(j, "id");
	json_decref(j);
	char *p = xasprintf("/api/v1/employers/1/commitments/%lld", id);
	j       = send_json_expect(hr, "PATCH", p, "{\"type\":\"BOLZ\"}", 200);
	assert_string_equal(str(j, "type"), "BOLZ");
	json_decref(j);
	/* the employee: not another person's commitment, not writes */
	json_decref(send_json_expect(anna, "GET", p, NULL, 404));
	json_decref(send_json_expect(anna, "GET", list, NULL, 404));
	json_decref(send_json_expect(anna, "PATCH", p, "{\"type\":\"LZ\"}", 403));
	free(p);
	/* other tenant */
	p = xasprintf("/api/v1/employers/2/commitments/%lld", id);
	json_decref(send_json_expect(beispiel, "GET", p, NULL, 404));
	json_decref(send_json_expect(beispiel, "PATCH", p, "{\"type\":\"LZ\"}", 404));
	free(p);
	free(list);
	/* the own commitments: Anna sees hers */
	list = xasprintf("/api/v1/employers/1/employees/%lld/commitments", anna_id);
	j    = send_json_expect(anna, "GET", list, NULL, 200);
	assert_true(json_array_size(json_object_get(j, "items")) >= 1);
	json_t *c = json_array_get(json_object_get(j, "items"), 0);
	assert_int_equal(num(c, "employee_id"), anna_id);
	char *own = xasprintf("/api/v1/employers/1/commitments/%lld", num(c, "id"));
	json_decref(j);
	json_decref(send_json_expect(anna, "GET", own, NULL, 200));
	free(own);
	free(list);
}

static void test_insurance_api(void **state)
{
	char *body = xasprintf("{\"employee_id\":%lld,\"group_contract_id\":%lld,\"policy_number\":\"T-1\","
	                       "\"start_date\":\"2024-01-01\",\"contribution_cents\":5,\"payment_mode\":\"monthly\","
	                       "\"beneficiary\":\"employee_irrevocable\"}", other_id, group1);
	json_t *j = send_json_expect(hr, "POST", "/api/v1/employers/1/insurance-contracts", body, 422);
	assert_string_equal(err_field(j), "contribution_cents");
	json_decref(j);
	json_decref(send_json_expect(anna, "POST", "/api/v1/employers/1/insurance-contracts", body, 403));
	free(body);
	body = xasprintf("{\"employee_id\":%lld,\"group_contract_id\":%lld,\"policy_number\":\"T-1\","
	                 "\"start_date\":\"2024-01-01\",\"contribution_cents\":12000,\"riders\":\"disability\"}",
	                 other_id, group1);
	j = send_json_expect(hr, "POST", "/api/v1/employers/1/insurance-contracts", body, 201);
	assert_int_equal(num(j, "contribution_cents"), 12000);
	assert_string_equal(str(j, "status"), "active");
	assert_string_equal(str(j, "provider_name"), "Allgemeine Lebensversicherung AG");
	long long id = num(j, "id");
	json_decref(j);
	json_decref(send_json_expect(hr, "POST", "/api/v1/employers/1/insurance-contracts", body, 409));
	free(body);
	/* Jan's employer cannot book on a Muster employee */
	body = xasprintf("{\"employee_id\":%lld,\"policy_number\":\"X-1\",\"start_date\":\"2024-01-01\","
	                 "\"contribution_cents\":100}", other_id);
	json_decref(send_json_expect(beispiel, "POST", "/api/v1/employers/2/insurance-contracts", body, 404));
	free(body);
	char *p = xasprintf("/api/v1/employers/1/insurance-contracts/%lld", id);
	j       = send_json_expect(hr, "PATCH", p, "{\"status\":\"contribution_free\",\"status_since\":\"2026-01-01\"}", 200);
	assert_string_equal(str(j, "status"), "contribution_free");
	assert_string_equal(str(j, "status_since"), "2026-01-01");
	json_decref(j);
	json_decref(send_json_expect(anna, "GET", p, NULL, 404));
	free(p);
	/* the employee's list: only her own */
	j = send_json_expect(anna, "GET", "/api/v1/employers/1/insurance-contracts", NULL, 200);
	json_t *items = json_object_get(j, "items");
	assert_true(json_array_size(items) >= 1);
	for (size_t i = 0; i < json_array_size(items); i++)
		assert_int_equal(num(json_array_get(items, i), "employee_id"), anna_id);
	json_decref(j);
	p = xasprintf("/api/v1/employers/1/insurance-contracts?employee_id=%lld", other_id);
	json_decref(send_json_expect(anna, "GET", p, NULL, 404));
	free(p);
	j = send_json_expect(hr, "GET", "/api/v1/employers/1/insurance-contracts", NULL, 200);
	assert_true(json_array_size(json_object_get(j, "items")) > 10);
	json_decref(j);
}

static void test_pages(void **state)
{
	char       *p = xasprintf("/employer/1/employees/%lld", anna_id);
	struct resp r = get(hr, p);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Zusagen und Verträge"));
	assert_non_null(strstr(r.body, "Unverfallbar ab"));
	assert_non_null(strstr(r.body, "<details>"));
	assert_non_null(strstr(r.body, "Allgemeine Lebensversicherung AG"));
	assert_non_null(strstr(r.body, "/commitments\""));
	assert_non_null(strstr(r.body, "/insurance-contracts\""));
	resp_free(&r);
	/* the add form: a refused commitment comes back with the field marked */
	char *post = xasprintf("%s/commitments", p);
	r          = post_form(hr, post, "vehicle=DZ&type=BZML&financing=employer&service_start=01.01.2020&"
	                                 "commitment_start=01.01.2020&taken_over=false");
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(r.body, "Direktzusage oder Unterstützungskasse nicht möglich"));
	resp_free(&r);
	r = post_form(hr, post, "vehicle=PK&type=BOLZ&financing=employee&service_start=01.01.2020&"
	                        "commitment_start=01.02.2020&taken_over=false");
	assert_int_equal(r.status, 303);
	resp_free(&r);
	free(post);
	post = xasprintf("%s/insurance-contracts", p);
	r    = post_form(hr, post, "policy_number=PG-1&start_date=01.01.2024&contribution=88,50&payment_mode=monthly&"
	                           "beneficiary=employee_irrevocable");
	assert_int_equal(r.status, 303);
	resp_free(&r);
	free(post);
	r = get(hr, p);
	assert_non_null(strstr(r.body, "PG-1"));
	assert_non_null(strstr(r.body, "88,50"));
	resp_free(&r);
	free(p);
	/* the employee portal: own data only */
	r = get(anna, "/employee");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Meine Zusagen"));
	assert_non_null(strstr(r.body, "Unverfallbar ab"));
	assert_non_null(strstr(r.body, "PG-1"));
	assert_null(strstr(r.body, "T-1<"));      /* another person's contract */
	assert_null(strstr(r.body, "Alt AG"));    /* another person's commitment */
	resp_free(&r);
	r = get(jan, "/employee");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Pensionsfonds"));
	assert_null(strstr(r.body, "PG-1"));
	resp_free(&r);
	/* the group contracts page */
	r = get(hr, "/employer/1/group-contracts");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "KV-2019-0042"));
	assert_non_null(strstr(r.body, "name=\"provider_id\""));
	resp_free(&r);
	r = post_form(hr, "/employer/1/group-contracts", "provider_id=1&number=KV-9&vehicle=PF&subsidy_rule=none&"
	                                                 "contribution_max=100");
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(r.body, "bietet den gewählten Durchführungsweg nicht an"));
	resp_free(&r);
	r = get(anna, "/employer/1/group-contracts");
	assert_int_equal(r.status, 403);
	resp_free(&r);
	r = get(beispiel, "/employer/1/group-contracts");
	assert_int_equal(r.status, 404);
	resp_free(&r);
	assert_true(srv_healthy());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_providers),
		cmocka_unit_test(test_group_contracts),
		cmocka_unit_test(test_commitments_api),
		cmocka_unit_test(test_insurance_api),
		cmocka_unit_test(test_pages),
	};
	return cmocka_run_group_tests_name("http_contracts", tests, setup, teardown);
}
