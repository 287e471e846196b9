/*
 * test_employee_pages.c — the employer portal's employee pages against the
 * real server: detail with history, the edit and create forms with inline
 * errors, roles and tenants, and the import page (multipart upload, dry run,
 * commit).
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

static struct client *hr, *anna, *beispiel;
static char          *hr_token;
static long long      anna_id, other_id;

static const char *const fields[] = {"personnel_number", "last_name", "first_name", "birth_date",
                                     "entry_date",       "exit_date", "email",      "iban",
                                     "svnr",             "steuer_id", "tax_class",  "monthly_gross"};

static long long employee_id(const char *q)
{
	char       *path = xasprintf("/api/v1/employers/1/employees?q=%s", q);
	struct resp r    = send_bearer(hr_token, "GET", path, NULL);
	free(path);
	json_t   *j  = resp_json(&r);
	long long id = json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"), 0), "id"));
	json_decref(j);
	resp_free(&r);
	return id;
}

static int setup(void **state)
{
	if (srv_setup(state))
		return -1;
	hr       = login_ok("hr@muster.test");
	anna     = login_ok("anna.berger@muster.test");
	beispiel = login_ok("admin@beispiel.test");
	hr_token = token_create("hr@muster.test");
	if (!hr_token)
		return -1;
	anna_id = employee_id("M00001");
	/* someone else at the same employer */
	struct resp r = send_bearer(hr_token, "GET", "/api/v1/employers/1/employees?limit=5", NULL);
	json_t     *j = resp_json(&r);
	size_t      i;
	json_t     *e;
	json_array_foreach(json_object_get(j, "items"), i, e)
	{
		long long id = json_integer_value(json_object_get(e, "id"));
		if (id != anna_id) {
			other_id = id;
			break;
		}
	}
	json_decref(j);
	resp_free(&r);
	return anna_id && other_id ? 0 : -1;
}

static int teardown(void **state)
{
	client_free(hr);
	client_free(anna);
	client_free(beispiel);
	free(hr_token);
	return srv_teardown(state);
}

static char *detail_path(long long id) { return xasprintf("/employer/1/employees/%lld", id); }

/* The edit form as a browser would send it back, with one field replaced. */
static char *form_from_page(const char *html, const char *field, const char *value)
{
	char *body = strdup("");
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		char *v   = !strcmp(fields[i], field) ? strdup(value) : html_input_value(html, fields[i]);
		assert_non_null(v);
		char *enc = urlenc(v);
		char *nb  = xasprintf("%s%s%s=%s", body, *body ? "&" : "", fields[i], enc);
		free(body), free(enc), free(v);
		body = nb;
	}
	return body;
}

static void test_detail(void **state)
{
	char       *path = detail_path(anna_id);
	struct resp r    = get(hr, path);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Berger"));
	assert_non_null(strstr(r.body, "M00001"));
	assert_non_null(strstr(r.body, "Änderungsverlauf"));
	assert_non_null(strstr(r.body, "Rentenversicherungsnummer")); /* field labels */
	assert_non_null(strstr(r.body, "/edit\""));                   /* HR may edit */
	resp_free(&r);
	/* the list links to it */
	r = get(hr, "/employer/1?q=M00001");
	assert_non_null(strstr(r.body, path));
	resp_free(&r);
	free(path);
}

static void test_edit_history(void **state)
{
	char       *path = xasprintf("/employer/1/employees/%lld/edit", anna_id);
	struct resp r    = get(hr, path);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "name=\"monthly_gross\""));
	char *body = form_from_page(r.body, "monthly_gross", "4.100,00");
	resp_free(&r);
	r = post_form(hr, path, body);
	free(body);
	assert_int_equal(r.status, 303);
	char *loc = resp_header(&r, "Location");
	char *det = detail_path(anna_id);
	assert_string_equal(loc, det);
	free(loc);
	resp_free(&r);

	r = get(hr, det);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "4.100,00"));
	/* the history: HR's name, the field label, old → new, and only that field changed */
	const char *h = strstr(r.body, "history-title");
	assert_non_null(h);
	assert_non_null(strstr(h, "Hanna Roth"));
	assert_non_null(strstr(h, "Bruttogehalt monatlich"));
	assert_non_null(strstr(h, "<span class=\"new\">4.100,00"));
	assert_int_equal(count_substr(h, "Hanna Roth"), 1);
	resp_free(&r);

	/* the same form again: nothing changes, no new history row */
	r    = get(hr, path);
	body = form_from_page(r.body, "monthly_gross", "4100,00");
	resp_free(&r);
	r = post_form(hr, path, body);
	free(body);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	r = get(hr, det);
	assert_int_equal(count_substr(strstr(r.body, "history-title"), "Hanna Roth"), 1);
	resp_free(&r);
	free(det);
	free(path);
}

static void test_invalid_iban(void **state)
{
	char       *path = xasprintf("/employer/1/employees/%lld/edit", anna_id);
	struct resp r    = get(hr, path);
	char       *body = form_from_page(r.body, "iban", "DE89370400440532013009");
	resp_free(&r);
	char *b2 = xasprintf("%s", body);
	free(body);
	/* a typed change elsewhere must survive the re-render */
	char *p = strstr(b2, "first_name=");
	assert_non_null(p);
	char *typed = xasprintf("%.*sfirst_name=Annegret%s", (int)(p - b2), b2, strchr(p, '&'));
	free(b2);
	r = post_form(hr, path, typed);
	free(typed);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "id=\"f-iban\" name=\"iban\""));
	const char *iban = strstr(r.body, "id=\"f-iban\"");
	const char *end  = strchr(iban, '>');
	const char *inv  = strstr(iban, "aria-invalid=\"true\"");
	assert_true(inv && inv < end);
	assert_non_null(strstr(iban, "f-iban-error"));
	assert_non_null(strstr(r.body, "<small id=\"f-iban-error\" class=\"field-error\">Die Prüfziffer der IBAN"));
	assert_non_null(strstr(r.body, "value=\"DE89370400440532013009\""));
	assert_non_null(strstr(r.body, "value=\"Annegret\""));
	assert_int_equal(count_substr(r.body, "aria-invalid=\"true\""), 1);
	assert_non_null(strstr(r.body, "role=\"alert\""));
	resp_free(&r);
	/* nothing stored */
	char *det = detail_path(anna_id);
	r         = get(hr, det);
	assert_null(strstr(r.body, "Annegret"));
	resp_free(&r);
	free(det);
	free(path);
}

static void test_create(void **state)
{
	struct resp r = get(hr, "/employer/1/employees/new");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "for=\"f-birth_date\""));
	resp_free(&r);
	/* missing last name: the field is marked, the rest kept */
	r = post_form(hr, "/employer/1/employees/new",
	              "personnel_number=NEU1&last_name=&first_name=Nora&birth_date=01.02.1990&entry_date=01.04.2024"
	              "&exit_date=&email=&iban=&svnr=&steuer_id=&tax_class=1&monthly_gross=3.000,00");
	assert_int_equal(r.status, 400);
	const char *ln = strstr(r.body, "id=\"f-last_name\"");
	assert_non_null(ln);
	assert_true(strstr(ln, "aria-invalid=\"true\"") < strchr(ln, '>'));
	assert_non_null(strstr(r.body, "value=\"Nora\""));
	assert_non_null(strstr(r.body, "value=\"3.000,00\""));
	resp_free(&r);

	r = post_form(hr, "/employer/1/employees/new",
	              "personnel_number=NEU1&last_name=Neumann&first_name=Nora&birth_date=01.02.1990&entry_date=01.04.2024"
	              "&exit_date=&email=nora%40muster.test&iban=&svnr=&steuer_id=&tax_class=1&monthly_gross=3.000,00");
	assert_int_equal(r.status, 303);
	char *loc = resp_header(&r, "Location");
	assert_non_null(loc);
	assert_int_equal(strncmp(loc, "/employer/1/employees/", 22), 0);
	resp_free(&r);
	r = get(hr, loc);
	free(loc);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Neumann"));
	assert_non_null(strstr(r.body, "01.02.1990"));
	assert_non_null(strstr(r.body, "3.000,00"));
	assert_non_null(strstr(r.body, "Angelegt"));
	resp_free(&r);
	/* the same personnel number again: conflict, shown at the field */
	r = post_form(hr, "/employer/1/employees/new",
	              "personnel_number=NEU1&last_name=Neumann&first_name=Nora&birth_date=01.02.1990");
	assert_int_equal(r.status, 409);
	assert_non_null(strstr(r.body, "f-personnel_number-error"));
	resp_free(&r);
	/* without the CSRF token: refused */
	r = post_form_raw(hr, "/employer/1/employees/new", "personnel_number=NEU2&last_name=X&first_name=Y&birth_date=01.02.1990");
	assert_int_equal(r.status, 403);
	resp_free(&r);
}

static void test_roles_and_tenants(void **state)
{
	char       *own   = detail_path(anna_id);
	char       *other = detail_path(other_id);
	struct resp r     = get(anna, own);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "M00001"));
	assert_null(strstr(r.body, "/edit\"")); /* no edit button */
	resp_free(&r);
	r = get(anna, other);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	char *edit = xasprintf("%s/edit", own);
	r          = get(anna, edit);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	r = post_form(anna, edit, "last_name=X");
	assert_int_equal(r.status, 403);
	resp_free(&r);
	r = get(anna, "/employer/1/import");
	assert_int_equal(r.status, 403);
	resp_free(&r);
	/* another tenant: not found, never forbidden */
	r = get(beispiel, own);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	r = get(beispiel, edit);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	r = get(beispiel, "/employer/1/import");
	assert_int_equal(r.status, 404);
	resp_free(&r);
	/* an id of this employer that does not exist */
	r = get(hr, "/employer/1/employees/999999");
	assert_int_equal(r.status, 404);
	resp_free(&r);
	free(edit);
	free(own);
	free(other);
}

static const char csv[] = "Personalnummer;Nachname;Vorname;Geburtsdatum;Eintritt;IBAN;Bruttogehalt;Kostenstelle\r\n"
                          "PIMP1;Neumann;Nina;15.03.1991;2021-05-01;;3.250,00;K1\r\n"
                          "PIMP2;Kaiser;Karl;1985-07-01;2019-01-01;DE89370400440532013001;;K2\r\n";

static struct resp upload(struct client *c, const char *path, const char *mode, bool aon)
{
	const char *bd   = "----obtestBoundary7MA4YWxk";
	char       *body = xasprintf("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"mitarbeiter.csv\"\r\n"
	                             "Content-Type: text/csv\r\n\r\n%s\r\n"
	                             "%s%s%s"
	                             "--%s\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\n%s\r\n--%s--\r\n",
	                             bd, csv, aon ? "--" : "", aon ? bd : "",
	                             aon ? "\r\nContent-Disposition: form-data; name=\"all_or_nothing\"\r\n\r\non\r\n" : "",
	                             bd, mode, bd);
	char       *ct        = xasprintf("Content-Type: multipart/form-data; boundary=%s", bd);
	const char *headers[] = {ct, NULL};
	struct resp r         = req(c, "POST", path, headers, body, strlen(body));
	free(ct);
	free(body);
	return r;
}

static void test_import(void **state)
{
	struct resp r = get(hr, "/employer/1/import");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "enctype=\"multipart/form-data\""));
	char *action = xasprintf("/employer/1/import?_csrf=%s", hr->csrf);
	assert_non_null(strstr(r.body, action));
	assert_non_null(strstr(r.body, "for=\"f-file\""));
	resp_free(&r);

	/* dry run: the report, nothing stored */
	r = upload(hr, action, "dry_run", false);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Ergebnis des Probelaufs"));
	assert_non_null(strstr(r.body, "Es wurde nichts gespeichert."));
	assert_non_null(strstr(r.body, "<dt>Zeilen</dt><dd>2</dd>"));
	assert_non_null(strstr(r.body, "<dt>Neu</dt><dd>1</dd>"));
	assert_non_null(strstr(r.body, "<dt>Ungültig</dt><dd>1</dd>"));
	assert_non_null(strstr(r.body, "<li>Kostenstelle</li>"));         /* unknown column */
	assert_non_null(strstr(r.body, "<td>2</td><td>IBAN</td><td>")); /* invalid row */
	assert_non_null(strstr(r.body, "mitarbeiter.csv"));
	resp_free(&r);
	assert_int_equal(employee_id("PIMP1"), 0);

	/* all or nothing: nothing stored either */
	r = upload(hr, action, "commit", true);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Es wurde nichts gespeichert."));
	resp_free(&r);
	assert_int_equal(employee_id("PIMP1"), 0);

	/* commit: the valid row stored */
	r = upload(hr, action, "commit", false);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Ergebnis des Imports"));
	assert_non_null(strstr(r.body, "Gespeichert."));
	resp_free(&r);
	long long id = employee_id("PIMP1");
	assert_true(id > 0);
	char *det = detail_path(id);
	r         = get(hr, det);
	assert_non_null(strstr(r.body, "3.250,00"));
	assert_non_null(strstr(r.body, "Import"));
	resp_free(&r);
	free(det);

	/* without the token, with a bad body, without a file */
	r = upload(hr, "/employer/1/import", "dry_run", false);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	const char *plain[] = {"Content-Type: text/csv", NULL};
	r                   = req(hr, "POST", action, plain, csv, strlen(csv));
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "role=\"alert\""));
	resp_free(&r);
	const char *mp[] = {"Content-Type: multipart/form-data; boundary=x", NULL};
	const char  nofile[] = "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n\r\n\r\n--x\r\n"
	                       "Content-Disposition: form-data; name=\"mode\"\r\n\r\ndry_run\r\n--x--\r\n";
	r = req(hr, "POST", action, mp, nofile, strlen(nofile));
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "Bitte wählen Sie eine Datei aus."));
	resp_free(&r);
	free(action);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detail),
		cmocka_unit_test(test_edit_history),
		cmocka_unit_test(test_invalid_iban),
		cmocka_unit_test(test_create),
		cmocka_unit_test(test_roles_and_tenants),
		cmocka_unit_test(test_import),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
