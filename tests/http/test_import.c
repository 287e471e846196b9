/*
 * test_import.c — POST /api/v1/employers/{eid}/imports against the real
 * server: dry run, commit, the same file again, the rejects file, broken
 * files, roles and tenants.
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

static char *hr_token, *anna_token, *beispiel_token;

static const char csv[] = "Personalnummer;Nachname;Vorname;Geburtsdatum;Eintritt;IBAN;Bruttogehalt\r\n"
                          "IMP1;Neumann;Nina;15.03.1991;2021-05-01;;3.250,00\r\n"
                          "IMP2;Kaiser;Karl;1985-07-01;2019-01-01;DE89370400440532013001;\r\n"
                          "M00001;Berger;Anna;;;;9999,99\r\n";

static struct resp post_file(const char *token, const char *path, const char *body, size_t len)
{
	struct client *c         = client_new();
	char          *auth      = xasprintf("Authorization: Bearer %s", token);
	const char    *headers[] = {auth, "Content-Type: text/csv", NULL};
	struct resp    r         = req(c, "POST", path, headers, body, len);
	free(auth);
	client_free(c);
	return r;
}

static int setup(void **state)
{
	if (srv_setup(state))
		return -1;
	hr_token       = token_create("hr@muster.test");
	anna_token     = token_create("anna.berger@muster.test");
	beispiel_token = token_create("admin@beispiel.test");
	return hr_token && anna_token && beispiel_token ? 0 : -1;
}

static int teardown(void **state)
{
	free(hr_token);
	free(anna_token);
	free(beispiel_token);
	return srv_teardown(state);
}

static void test_dry_run_commit_again(void **state)
{
	struct resp r = post_file(hr_token, "/api/v1/employers/1/imports?kind=employees&dry_run=true", csv, strlen(csv));
	assert_int_equal(r.status, 200);
	json_t *j = resp_json(&r);
	assert_true(json_is_true(json_object_get(j, "dry_run")));
	assert_int_equal(json_integer_value(json_object_get(j, "rows")), 3);
	assert_int_equal(json_integer_value(json_object_get(j, "new")), 1);
	assert_int_equal(json_integer_value(json_object_get(j, "changed")), 1);
	assert_int_equal(json_integer_value(json_object_get(j, "invalid")), 1);
	json_t *e = json_array_get(json_object_get(j, "errors"), 0);
	assert_int_equal(json_integer_value(json_object_get(e, "row")), 2);
	assert_string_equal(json_string_value(json_object_get(e, "column")), "IBAN");
	json_decref(j);
	resp_free(&r);
	/* nothing written: IMP1 unknown */
	r = send_bearer(hr_token, "GET", "/api/v1/employers/1/employees?q=IMP1", NULL);
	assert_non_null(strstr(r.body, "\"items\":[]"));
	resp_free(&r);

	r = post_file(hr_token, "/api/v1/employers/1/imports?kind=employees&dry_run=false", csv, strlen(csv));
	assert_int_equal(r.status, 200);
	j = resp_json(&r);
	assert_true(json_is_true(json_object_get(j, "committed")));
	json_decref(j);
	resp_free(&r);
	r = send_bearer(hr_token, "GET", "/api/v1/employers/1/employees?q=IMP1", NULL);
	assert_non_null(strstr(r.body, "\"monthly_gross_cents\":325000"));
	resp_free(&r);

	r = post_file(hr_token, "/api/v1/employers/1/imports?kind=employees&dry_run=false", csv, strlen(csv));
	j = resp_json(&r);
	assert_int_equal(json_integer_value(json_object_get(j, "unchanged")), 2);
	assert_int_equal(json_integer_value(json_object_get(j, "new")), 0);
	json_decref(j);
	resp_free(&r);
}

static void test_rejects_file(void **state)
{
	struct resp r = post_file(hr_token, "/api/v1/employers/1/imports?kind=employees&rejects=true", csv, strlen(csv));
	assert_int_equal(r.status, 200);
	assert_true(resp_header_has(&r, "Content-Type", "text/csv"));
	assert_non_null(strstr(r.body, "IMP2;Kaiser;Karl"));
	assert_null(strstr(r.body, "IMP1;"));
	resp_free(&r);
}

static void test_refusals(void **state)
{
	static const char binary[] = "\x7f" "ELF\x02\x01\x01\x00\x00\x00";
	struct resp r = post_file(hr_token, "/api/v1/employers/1/imports?kind=employees", binary, sizeof binary - 1);
	assert_int_equal(r.status, 400);
	json_t *j = resp_json(&r);
	assert_string_equal(err_field(j), "file");
	json_decref(j);
	resp_free(&r);
	r = post_file(hr_token, "/api/v1/employers/1/imports?kind=employees", "name\nx\n", 7);
	assert_int_equal(r.status, 422);
	resp_free(&r);
	r = post_file(hr_token, "/api/v1/employers/1/imports?kind=providers", csv, strlen(csv));
	assert_int_equal(r.status, 400);
	j = resp_json(&r);
	assert_string_equal(err_field(j), "kind");
	json_decref(j);
	resp_free(&r);
	r = post_file(anna_token, "/api/v1/employers/1/imports?kind=employees", csv, strlen(csv));
	assert_int_equal(r.status, 403); /* employees may not write */
	resp_free(&r);
	r = post_file(beispiel_token, "/api/v1/employers/1/imports?kind=employees", csv, strlen(csv));
	assert_int_equal(r.status, 404); /* another tenant */
	resp_free(&r);
	assert_true(srv_healthy());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dry_run_commit_again),
		cmocka_unit_test(test_rejects_file),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests_name("http_import", tests, setup, teardown);
}
