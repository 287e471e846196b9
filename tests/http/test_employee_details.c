/*
 * test_employee_details.c — the full employee record against the real
 * server: the fields of migration 003 in the API (create, patch, errors with
 * the field named), the salary history and absences endpoints (overlap →
 * 422, tenants, roles), the history, and the detail page with its groups,
 * tables and add forms, the edit form's selects.
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

static struct client *admin, *hr, *anna, *broker, *beispiel;
static long long      emp_id; /* created by test_api_create_patch */

static int setup(void **state)
{
	if (srv_setup(state))
		return -1;
	admin    = login_ok("admin@muster.test");
	hr       = login_ok("hr@muster.test");
	anna     = login_ok("anna.berger@muster.test");
	broker   = login_ok("makler@vermittler.test");
	beispiel = login_ok("admin@beispiel.test");
	return 0;
}

static int teardown(void **state)
{
	client_free(admin);
	client_free(hr);
	client_free(anna);
	client_free(broker);
	client_free(beispiel);
	return srv_teardown(state);
}

static const char *str(json_t *j, const char *k) { return json_string_value(json_object_get(j, k)); }
static long long   num(json_t *j, const char *k) { return json_integer_value(json_object_get(j, k)); }

static char *emp_path(const char *rest) { return xasprintf("/api/v1/employers/1/employees/%lld%s", emp_id, rest); }

static void test_api_create_patch(void **state)
{
	json_t *j = send_json_expect(admin, "POST", "/api/v1/employers/1/employees",
	                "{\"personnel_number\":\"D9001\",\"last_name\":\"Detail\",\"first_name\":\"Dora\","
	                "\"birth_date\":\"1985-03-01\",\"entry_date\":\"2024-01-01\",\"sex\":\"f\","
	                "\"street\":\"Hauptstraße 1\",\"postcode\":\"80331\",\"city\":\"München\","
	                "\"child_allowance_tenths\":15,\"church_tax\":true,\"health_insurance\":\"statutory\","
	                "\"health_additional_bp\":170,\"federal_state\":\"BY\",\"probation_end\":\"30.06.2024\","
	                "\"weekly_hours_centi\":3850,\"monthly_gross_cents\":350000}",
	                201);
	emp_id = num(j, "id");
	assert_true(emp_id > 0);
	assert_string_equal(str(j, "sex"), "f");
	assert_string_equal(str(j, "street"), "Hauptstraße 1");
	assert_string_equal(str(j, "postcode"), "80331");
	assert_string_equal(str(j, "city"), "München");
	assert_true(json_is_null(json_object_get(j, "phone")));
	assert_int_equal(num(j, "child_allowance_tenths"), 15);
	assert_true(json_is_true(json_object_get(j, "church_tax")));
	assert_string_equal(str(j, "health_insurance"), "statutory");
	assert_int_equal(num(j, "health_additional_bp"), 170);
	assert_true(json_is_integer(json_object_get(j, "health_additional_bp"))); /* never a float */
	assert_string_equal(str(j, "federal_state"), "BY");
	assert_string_equal(str(j, "probation_end"), "2024-06-30");
	assert_true(json_is_null(json_object_get(j, "exit_reason")));
	assert_int_equal(num(j, "weekly_hours_centi"), 3850);
	json_decref(j);

	char *p = emp_path("");
	/* exit with its reason; private insurance clears the rate */
	j = send_json_expect(admin, "PATCH", p,
	        "{\"exit_date\":\"2099-12-31\",\"exit_reason\":\"mutual\",\"health_insurance\":\"private\","
	        "\"health_additional_bp\":null,\"church_tax\":false,\"sex\":null}",
	        200);
	assert_string_equal(str(j, "exit_reason"), "mutual");
	assert_string_equal(str(j, "health_insurance"), "private");
	assert_true(json_is_null(json_object_get(j, "health_additional_bp")));
	assert_true(json_is_false(json_object_get(j, "church_tax")));
	assert_true(json_is_null(json_object_get(j, "sex")));
	json_decref(j);

	/* every refusal names the field */
	struct {
		const char *body, *field;
		long        status;
	} bad[] = {
		{"{\"child_allowance_tenths\":7}", "child_allowance_tenths", 400},
		{"{\"child_allowance_tenths\":100}", "child_allowance_tenths", 400},
		{"{\"health_additional_bp\":100}", "health_additional_bp", 422}, /* private insurance */
		{"{\"health_additional_bp\":501}", "health_additional_bp", 400},
		{"{\"federal_state\":\"XX\"}", "federal_state", 400},
		{"{\"sex\":\"q\"}", "sex", 400},
		{"{\"postcode\":\"1234\"}", "postcode", 400},
		{"{\"weekly_hours_centi\":6001}", "weekly_hours_centi", 400},
		{"{\"probation_end\":\"2024-07-02\"}", "probation_end", 422},
		{"{\"probation_end\":\"2023-12-31\"}", "probation_end", 422},
		{"{\"exit_date\":null}", "exit_reason", 422}, /* the reason needs the exit date */
		{"{\"exit_reason\":\"weil\"}", "exit_reason", 400},
		{"{\"church_tax\":\"vielleicht\"}", "church_tax", 400},
		{"{\"phone\":\"call me\"}", "phone", 400},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		j = send_json_expect(admin, "PATCH", p, bad[i].body, bad[i].status);
		assert_string_equal(err_field(j), bad[i].field);
		json_decref(j);
	}
	j = send_json_expect(admin, "PATCH", p, "{\"phone\":\"+49 30 123456\"}", 200);
	assert_string_equal(str(j, "phone"), "+49 30 123456");
	json_decref(j);
	j = send_json_expect(admin, "GET", p, NULL, 200);
	assert_string_equal(str(j, "probation_end"), "2024-06-30"); /* nothing of the refused changes */
	assert_string_equal(str(j, "exit_reason"), "mutual");
	json_decref(j);
	free(p);
}

static void test_salaries_absences(void **state)
{
	char *s = emp_path("/salaries"), *a = emp_path("/absences"), *e = emp_path("");
	json_t *j = send_json_expect(admin, "GET", s, NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
	json_decref(j);
	j = send_json_expect(admin, "POST", s, "{\"valid_from\":\"2024-01-01\",\"monthly_gross_cents\":400000}", 201);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	json_decref(j);
	j = send_json_expect(admin, "POST", s, "{\"valid_from\":\"2025-01-01\",\"monthly_gross_cents\":420000}", 201);
	json_t *first = json_array_get(json_object_get(j, "items"), 0); /* newest first */
	assert_string_equal(str(first, "valid_from"), "2025-01-01");
	assert_int_equal(num(first, "monthly_gross_cents"), 420000);
	json_decref(j);
	/* the salary in force is the employee's monthly gross */
	j = send_json_expect(admin, "GET", e, NULL, 200);
	assert_int_equal(num(j, "monthly_gross_cents"), 420000);
	json_decref(j);
	j = send_json_expect(admin, "POST", s, "{\"valid_from\":\"2023-12-31\",\"monthly_gross_cents\":1}", 422);
	assert_string_equal(err_field(j), "valid_from");
	json_decref(j);
	j = send_json_expect(admin, "POST", s, "{\"valid_from\":\"2025-01-01\",\"monthly_gross_cents\":1}", 409);
	assert_string_equal(err_field(j), "valid_from");
	json_decref(j);
	j = send_json_expect(admin, "POST", s, "{\"valid_from\":\"2025-02-01\"}", 400);
	assert_string_equal(err_field(j), "monthly_gross_cents");
	json_decref(j);

	j = send_json_expect(admin, "POST", a, "{\"kind\":\"sickness\",\"from_date\":\"2024-03-01\",\"to_date\":\"2024-05-31\"}", 201);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	json_decref(j);
	j = send_json_expect(admin, "POST", a, "{\"kind\":\"sickness\",\"from_date\":\"2024-05-31\"}", 422);
	assert_string_equal(err_field(j), "from_date");
	assert_string_equal(err_code(j), "rule_violated");
	json_decref(j);
	j = send_json_expect(admin, "POST", a, "{\"kind\":\"parental_leave\",\"from_date\":\"2024-04-01\",\"to_date\":null}", 201);
	json_decref(j);
	j = send_json_expect(admin, "POST", a, "{\"kind\":\"sickness\",\"from_date\":\"2024-07-01\",\"to_date\":\"2024-06-01\"}", 422);
	assert_string_equal(err_field(j), "to_date");
	json_decref(j);
	j = send_json_expect(admin, "POST", a, "{\"kind\":\"sickness\",\"from_date\":\"2099-12-01\",\"to_date\":\"2100-01-31\"}", 422);
	assert_string_equal(err_field(j), "to_date"); /* after the exit */
	json_decref(j);
	j = send_json_expect(admin, "POST", a, "{\"kind\":\"holiday\",\"from_date\":\"2024-07-01\"}", 400);
	assert_string_equal(err_field(j), "kind");
	json_decref(j);
	j = send_json_expect(admin, "GET", a, NULL, 200);
	json_t *items = json_object_get(j, "items");
	assert_int_equal(json_array_size(items), 2);
	assert_string_equal(str(json_array_get(items, 0), "kind"), "parental_leave");
	assert_true(json_is_null(json_object_get(json_array_get(items, 0), "to_date")));
	json_decref(j);

	/* roles and tenants */
	j = send_json_expect(broker, "GET", a, NULL, 200);
	json_decref(j);
	j = send_json_expect(broker, "POST", s, "{\"valid_from\":\"2026-01-01\",\"monthly_gross_cents\":1}", 403);
	json_decref(j);
	j = send_json_expect(anna, "GET", s, NULL, 404); /* someone else's record */
	json_decref(j);
	j = send_json_expect(beispiel, "GET", s, NULL, 404);
	json_decref(j);
	char *other = xasprintf("/api/v1/employers/2/employees/%lld/salaries", emp_id);
	j           = send_json_expect(beispiel, "POST", other, "{\"valid_from\":\"2026-01-01\",\"monthly_gross_cents\":1}", 404);
	json_decref(j);
	free(other);
	free(s), free(a), free(e);
}

static void test_pages(void **state)
{
	char       *path = xasprintf("/employer/1/employees/%lld", emp_id);
	struct resp r    = get(hr, path);
	assert_int_equal(r.status, 200);
	const char *groups[] = {"<h2 id=\"group-person\">Person</h2>", "<h2 id=\"group-contact\">Adresse &amp; Kontakt</h2>",
	                        "<h2 id=\"group-tax\">Steuer &amp; Sozialversicherung</h2>",
	                        "<h2 id=\"group-employment\">Beschäftigung</h2>", "Gehaltsverlauf", "Abwesenheiten"};
	for (size_t i = 0; i < sizeof groups / sizeof *groups; i++)
		assert_non_null(strstr(r.body, groups[i]));
	assert_non_null(strstr(r.body, "<dt>Bundesland</dt><dd>Bayern</dd>"));
	assert_non_null(strstr(r.body, "<dt>Kinderfreibeträge</dt><dd>1,5</dd>"));
	assert_non_null(strstr(r.body, "<dt>Wochenstunden</dt><dd>38,50</dd>"));
	assert_non_null(strstr(r.body, "<dt>Austrittsgrund</dt><dd>Aufhebungsvertrag</dd>"));
	assert_non_null(strstr(r.body, "<dt>Krankenversicherung</dt><dd>privat</dd>"));
	assert_non_null(strstr(r.body, "<dt>Ende der Probezeit</dt><dd>30.06.2024</dd>"));
	assert_non_null(strstr(r.body, "<td>01.01.2025</td><td>4.200,00"));
	assert_non_null(strstr(r.body, "<td>Elternzeit</td><td>01.04.2024</td><td>offen</td>"));
	/* the history shows the changes, labelled and formatted */
	const char *hist = strstr(r.body, "history-title");
	assert_non_null(hist);
	assert_non_null(strstr(hist, "Zusatzbeitrag (%)"));
	assert_non_null(strstr(hist, "1,70\u00a0%"));
	assert_non_null(strstr(hist, "01.01.2025: 4.200,00"));
	assert_non_null(strstr(hist, "Krankheit 01.03.2024 – 31.05.2024"));
	assert_non_null(strstr(r.body, "action=\"/employer/1/employees/"));
	resp_free(&r);

	/* the add forms: redirect back, or the page with the field marked */
	char *sal = xasprintf("%s/salaries", path), *abs_ = xasprintf("%s/absences", path);
	r         = post_form(hr, sal, "valid_from=01.06.2090&monthly_gross=4.300,00");
	assert_int_equal(r.status, 303);
	resp_free(&r);
	r = post_form(hr, sal, "valid_from=01.06.2090&monthly_gross=1");
	assert_int_equal(r.status, 409);
	assert_non_null(strstr(r.body, "id=\"s-valid_from\" name=\"valid_from\" type=\"text\" value=\"01.06.2090\" aria-invalid=\"true\""));
	resp_free(&r);
	r = post_form(hr, abs_, "kind=sickness&from_date=01.04.2024&to_date=");
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(r.body, "überschneidet sich"));
	resp_free(&r);
	r = post_form(hr, abs_, "kind=sickness&from_date=01.09.2024&to_date=30.09.2024");
	assert_int_equal(r.status, 303);
	resp_free(&r);
	r = post_form(anna, sal, "valid_from=01.07.2026&monthly_gross=1");
	assert_int_equal(r.status, 403);
	resp_free(&r);
	/* the detail page of a reader has no add forms */
	r = get(broker, path);
	assert_int_equal(r.status, 200);
	assert_null(strstr(r.body, "/salaries\""));
	resp_free(&r);

	/* the edit form: selects with German labels, the stored value selected */
	char *edit = xasprintf("%s/edit", path);
	r          = get(hr, edit);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<select id=\"f-federal_state\" name=\"federal_state\""));
	assert_non_null(strstr(r.body, "<option value=\"BY\" selected>Bayern</option>"));
	assert_non_null(strstr(r.body, "<option value=\"mutual\" selected>Aufhebungsvertrag</option>"));
	assert_non_null(strstr(r.body, "name=\"weekly_hours\" type=\"text\" value=\"38,50\""));
	resp_free(&r);
	r = post_form(hr, edit, "sex=d&federal_state=HH&weekly_hours=20,5&church_tax=true&child_allowances=2");
	assert_int_equal(r.status, 303);
	resp_free(&r);
	r = post_form(hr, edit, "weekly_hours=70");
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "f-weekly_hours-error"));
	resp_free(&r);
	char  *p = emp_path("");
	json_t *j = send_json_expect(admin, "GET", p, NULL, 200);
	assert_string_equal(str(j, "sex"), "d");
	assert_string_equal(str(j, "federal_state"), "HH");
	assert_int_equal(num(j, "weekly_hours_centi"), 2050);
	assert_int_equal(num(j, "child_allowance_tenths"), 20);
	assert_true(json_is_true(json_object_get(j, "church_tax")));
	assert_int_equal(num(j, "monthly_gross_cents"), 420000); /* 2090-06-01 not in force yet */
	json_decref(j);
	free(p), free(edit), free(sal), free(abs_), free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_api_create_patch),
		cmocka_unit_test(test_salaries_absences),
		cmocka_unit_test(test_pages),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
