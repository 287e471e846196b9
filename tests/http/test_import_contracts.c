/*
 * test_import_contracts.c — the contracts import against the real server:
 * POST /api/v1/employers/{eid}/imports?kind=contracts (a dry run changes
 * nothing, the commit, the same file again, the rejects file, broken files
 * and headers, roles and tenants) and the import page with its kind choice
 * (multipart upload of a contracts file, the report with policy numbers),
 * and `openbav import contracts` on the command line.
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

static char          *hr_token, *anna_token, *beispiel_token;
static struct client *hr;

/* Demo data (app/demo.c): M00001 Anna Berger (entry 1997-08-01) has ALV-100037
 * at 79,00 € a month; M00002 Jana Becker entered on 1997-06-01; the group
 * contract KV-2019-0042 (DV, 25–700 € a month). */
static const char csv[] =
	"Personalnummer;Versicherungsnummer;Kollektivvertrag;Vertragsbeginn;Beitrag;Zahlweise;Durchf\xc3\xbchrungsweg;"
	"Zusageart;Finanzierung;Beginn der Betriebszugeh\xc3\xb6rigkeit;Beginn der Zusage;Kostenstelle\r\n"
	"M00002;IMPC-1;KV-2019-0042;01.01.2025;100,00;monatlich;DV;BOLZ;Entgeltumwandlung;01.06.1997;01.01.2025;K1\r\n"
	"M00001;ALV-100037;;;85,00;;;;;;;K2\r\n"
	"M00002;IMPC-BAD;;01.01.1990;50,00;;;;;;;K3\r\n";

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
	hr             = login_ok("hr@muster.test");
	return hr_token && anna_token && beispiel_token && hr ? 0 : -1;
}

static int teardown(void **state)
{
	free(hr_token);
	free(anna_token);
	free(beispiel_token);
	client_free(hr);
	return srv_teardown(state);
}

static int64_t num(json_t *j, const char *k) { return json_integer_value(json_object_get(j, k)); }

/* The insurance contract with this policy number (API list), as JSON, or NULL. */
static json_t *contract(const char *policy)
{
	struct resp r     = send_bearer(hr_token, "GET", "/api/v1/employers/1/insurance-contracts", NULL);
	json_t     *j     = resp_json(&r), *item, *found = NULL;
	size_t      i;
	resp_free(&r);
	json_array_foreach(json_object_get(j, "items"), i, item)
	{
		if (!strcmp(json_string_value(json_object_get(item, "policy_number")), policy))
			found = json_incref(item);
	}
	json_decref(j);
	return found;
}

static void test_dry_run_commit_again(void **state)
{
	struct resp r = post_file(hr_token, "/api/v1/employers/1/imports?kind=contracts&dry_run=true", csv, strlen(csv));
	assert_int_equal(r.status, 200);
	json_t *j = resp_json(&r);
	assert_true(json_is_true(json_object_get(j, "dry_run")));
	assert_int_equal(num(j, "rows"), 3);
	assert_int_equal(num(j, "new"), 1);
	assert_int_equal(num(j, "changed"), 1);
	assert_int_equal(num(j, "invalid"), 1);
	assert_false(json_is_true(json_object_get(j, "committed")));
	json_t *e = json_array_get(json_object_get(j, "errors"), 0);
	assert_int_equal(num(e, "row"), 3);
	assert_string_equal(json_string_value(json_object_get(e, "column")), "Vertragsbeginn");
	assert_string_equal(json_string_value(json_object_get(e, "message")),
	                    "The contract starts before the person's entry date.");
	json_t *c = json_array_get(json_object_get(j, "changes"), 1);
	assert_string_equal(json_string_value(json_object_get(c, "policy_number")), "ALV-100037");
	json_t *f = json_object_get(json_object_get(c, "fields"), "contribution");
	assert_string_equal(json_string_value(json_object_get(f, "old")), "79.00");
	assert_string_equal(json_string_value(json_object_get(f, "new")), "85.00");
	assert_string_equal(json_string_value(json_array_get(json_object_get(j, "unknown_columns"), 0)), "Kostenstelle");
	json_decref(j);
	resp_free(&r);
	/* nothing written */
	assert_null(contract("IMPC-1"));
	json_t *anna = contract("ALV-100037");
	assert_int_equal(num(anna, "contribution_cents"), 7900);
	json_decref(anna);

	r = post_file(hr_token, "/api/v1/employers/1/imports?kind=contracts&dry_run=false", csv, strlen(csv));
	assert_int_equal(r.status, 200);
	j = resp_json(&r);
	assert_true(json_is_true(json_object_get(j, "committed")));
	assert_false(json_is_true(json_object_get(j, "dry_run")));
	json_decref(j);
	resp_free(&r);
	json_t *n = contract("IMPC-1");
	assert_non_null(n);
	assert_int_equal(num(n, "contribution_cents"), 10000);
	assert_string_equal(json_string_value(json_object_get(n, "payment_mode")), "monthly");
	assert_string_equal(json_string_value(json_object_get(n, "provider_name")), "Allgemeine Lebensversicherung AG");
	/* its commitment, with the vesting of the law engine */
	char *path = xasprintf("/api/v1/employers/1/commitments/%lld", (long long)num(n, "commitment_id"));
	r          = send_bearer(hr_token, "GET", path, NULL);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "\"financing\":\"employee\""));
	assert_non_null(strstr(r.body, "\"type\":\"BOLZ\""));
	assert_non_null(strstr(r.body, "\"vested_on\":"));
	resp_free(&r);
	free(path);
	json_decref(n);
	anna = contract("ALV-100037");
	assert_int_equal(num(anna, "contribution_cents"), 8500);
	json_decref(anna);

	/* the same file again: nothing changes */
	r = post_file(hr_token, "/api/v1/employers/1/imports?kind=contracts&dry_run=false", csv, strlen(csv));
	j = resp_json(&r);
	assert_int_equal(num(j, "unchanged"), 2);
	assert_int_equal(num(j, "new"), 0);
	assert_int_equal(num(j, "changed"), 0);
	json_decref(j);
	resp_free(&r);
}

static void test_all_or_nothing_and_rejects(void **state)
{
	const char two[] = "policy_number,personnel_number,start_date,contribution\n"
	                   "IMPC-AON,M00002,2025-02-01,40\nIMPC-AON2,M00002,1990-01-01,40\n";
	struct resp r    = post_file(hr_token, "/api/v1/employers/1/imports?kind=contracts&dry_run=false&all_or_nothing=true",
	                             two, strlen(two));
	assert_int_equal(r.status, 200);
	json_t *j = resp_json(&r);
	assert_false(json_is_true(json_object_get(j, "committed")));
	assert_int_equal(num(j, "invalid"), 1);
	json_decref(j);
	resp_free(&r);
	assert_null(contract("IMPC-AON"));

	r = post_file(hr_token, "/api/v1/employers/1/imports?kind=contracts&rejects=true", two, strlen(two));
	assert_int_equal(r.status, 200);
	assert_true(resp_header_has(&r, "Content-Type", "text/csv"));
	assert_memory_equal(r.body, "\xEF\xBB\xBF", 3);
	assert_non_null(strstr(r.body, "policy_number;personnel_number;start_date;contribution;error\r\n"));
	assert_non_null(strstr(r.body, "IMPC-AON2;M00002;1990-01-01;40;The contract starts before"));
	assert_null(strstr(r.body, "IMPC-AON;"));
	resp_free(&r);
}

static void test_refusals(void **state)
{
	static const char binary[] = "\x7f" "ELF\x02\x01\x01\x00\x00\x00";
	struct resp r = post_file(hr_token, "/api/v1/employers/1/imports?kind=contracts", binary, sizeof binary - 1);
	assert_int_equal(r.status, 400);
	json_t *j = resp_json(&r);
	assert_string_equal(err_field(j), "file");
	assert_string_equal(err_code(j), "invalid_input");
	json_decref(j);
	resp_free(&r);
	/* a broken XLSX: a zip that is no workbook */
	static const char zip[] = "PK\3\4\0\0\0\0\0\0";
	r = post_file(hr_token, "/api/v1/employers/1/imports?kind=contracts", zip, sizeof zip - 1);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	/* no policy number column: 422 with the reason */
	const char nopolicy[] = "Personalnummer;Beitrag\nM00001;5\n";
	r                     = post_file(hr_token, "/api/v1/employers/1/imports?kind=contracts", nopolicy, strlen(nopolicy));
	assert_int_equal(r.status, 422);
	j = resp_json(&r);
	assert_string_equal(err_code(j), "rule_violated");
	assert_string_equal(err_field(j), "file");
	assert_non_null(strstr(json_string_value(json_object_get(json_object_get(j, "error"), "message")),
	                       "no column for the policy number"));
	json_decref(j);
	resp_free(&r);
	r = post_file(hr_token, "/api/v1/employers/1/imports?kind=contracts", "", 0);
	assert_int_equal(r.status, 422); /* empty file */
	resp_free(&r);
	r = post_file(hr_token, "/api/v1/employers/1/imports", csv, strlen(csv));
	assert_int_equal(r.status, 400); /* kind is required */
	j = resp_json(&r);
	assert_string_equal(err_field(j), "kind");
	json_decref(j);
	resp_free(&r);
	r = post_file(anna_token, "/api/v1/employers/1/imports?kind=contracts", csv, strlen(csv));
	assert_int_equal(r.status, 403); /* employees may not write */
	resp_free(&r);
	r = post_file(beispiel_token, "/api/v1/employers/1/imports?kind=contracts", csv, strlen(csv));
	assert_int_equal(r.status, 404); /* another tenant */
	resp_free(&r);
	r = post_file(beispiel_token, "/api/v1/employers/2/imports?kind=contracts&dry_run=true", csv, strlen(csv));
	assert_int_equal(r.status, 200); /* its own employer: Muster's personnel numbers are unknown there */
	j = resp_json(&r);
	assert_int_equal(num(j, "invalid"), 3);
	assert_int_equal(num(j, "new") + num(j, "changed"), 0);
	json_decref(j);
	resp_free(&r);
	assert_true(srv_healthy());
}

static struct resp upload(struct client *c, const char *path, const char *kind, const char *mode, const char *file)
{
	const char *bd   = "----obtestBoundary7MA4YWxk";
	char       *body = xasprintf("--%s\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n%s\r\n"
	                             "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"vertraege.csv\"\r\n"
	                             "Content-Type: text/csv\r\n\r\n%s\r\n"
	                             "--%s\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\n%s\r\n--%s--\r\n",
	                             bd, kind, bd, file, bd, mode, bd);
	char       *ct        = xasprintf("Content-Type: multipart/form-data; boundary=%s", bd);
	const char *headers[] = {ct, NULL};
	struct resp r         = req(c, "POST", path, headers, body, strlen(body));
	free(ct);
	free(body);
	return r;
}

static void test_page(void **state)
{
	struct resp r = get(hr, "/employer/1/import?kind=contracts");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<h1>Verträge und Zusagen importieren</h1>"));
	assert_non_null(strstr(r.body, "value=\"contracts\" checked"));
	assert_non_null(strstr(r.body, "<progress id=\"f-progress\""));
	assert_non_null(strstr(r.body, "data-upload-status"));
	assert_non_null(strstr(r.body, "href=\"/employer/1/insurance-contracts.csv\""));
	resp_free(&r);
	r = get(hr, "/employer/1/import");
	assert_non_null(strstr(r.body, "<h1>Beschäftigte importieren</h1>"));
	assert_non_null(strstr(r.body, "value=\"employees\" checked"));
	resp_free(&r);
	r = get(hr, "/employer/1/import?kind=providers");
	assert_int_equal(r.status, 400);
	resp_free(&r);

	/* a new contract and an invalid one, for the page */
	const char page_csv[] = "Personalnummer;Versicherungsnummer;Vertragsbeginn;Beitrag;Zahlweise;Kostenstelle\r\n"
	                        "M00002;IMPC-PAGE;01.03.2025;30,00;j\xc3\xa4hrlich;K1\r\n"
	                        "M00001;ALV-100037;;90,00;;K2\r\n"
	                        "M00002;IMPC-PAGE2;01.01.1990;50,00;;K3\r\n";
	char      *action     = xasprintf("/employer/1/import?_csrf=%s", hr->csrf);
	r                     = upload(hr, action, "contracts", "dry_run", page_csv);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<h1>Verträge und Zusagen importieren</h1>"));
	assert_non_null(strstr(r.body, "Ergebnis des Probelaufs"));
	assert_non_null(strstr(r.body, "<dt>Zeilen</dt><dd>3</dd>"));
	assert_non_null(strstr(r.body, "<th scope=\"col\">Versicherungsnummer</th>"));
	assert_non_null(strstr(r.body, "<tr><td>1</td><td>IMPC-PAGE</td><td>M00002</td><td>Neu</td>"));
	/* the change in the reader's format: label, old → new */
	assert_non_null(strstr(r.body, "<tr><td>2</td><td>ALV-100037</td><td>M00001</td><td>Geändert</td>"));
	assert_non_null(strstr(r.body, "<li>Beitrag (€): <span class=\"old\">85,00"));
	assert_non_null(strstr(r.body, "<span class=\"new\">90,00"));
	assert_non_null(strstr(r.body, "<td>3</td><td>Vertragsbeginn</td><td>Der Vertrag beginnt vor dem Eintritt"));
	assert_non_null(strstr(r.body, "<li>Kostenstelle</li>"));
	assert_non_null(strstr(r.body, "vertraege.csv"));
	resp_free(&r);
	/* a file of employees sent as contracts: the header is refused with the reason */
	const char *bd   = "xyz";
	char       *body = xasprintf("--%s\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\ncontracts\r\n"
	                             "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n"
	                             "Personalnummer;Nachname\r\nM1;X\r\n\r\n--%s--\r\n",
	                             bd, bd, bd);
	const char *ct[] = {"Content-Type: multipart/form-data; boundary=xyz", NULL};
	r                = req(hr, "POST", action, ct, body, strlen(body));
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(r.body, "keine Spalte für die Versicherungsnummer"));
	resp_free(&r);
	free(body);
	/* an unknown kind in the form */
	r = upload(hr, action, "providers", "dry_run", page_csv);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "role=\"alert\""));
	resp_free(&r);
	free(action);
}

/* openbav import contracts: the same engine from the command line. */
static void test_cli(void **state)
{
	const char data[] = "policy_number,personnel_number,start_date,contribution\n"
	                    "CLI-1,M00002,2025-03-01,45\nCLI-2,M00002,1990-01-01,45\n";
	char      *file   = xasprintf("%s/contracts.csv", srv.dir), *rej = xasprintf("%s/rejects.csv", srv.dir);
	FILE      *f      = fopen(file, "w");
	assert_non_null(f);
	fputs(data, f);
	fclose(f);
	const char *dry[] = {"import", "contracts", "--employer", "1", "--dry-run", "--rejects", rej, "--db", srv.db, file, NULL};
	char       *out   = run_cli(dry);
	assert_non_null(out);
	json_t *j = json_loads(out, 0, NULL);
	assert_non_null(j);
	assert_true(json_is_true(json_object_get(j, "dry_run")));
	assert_int_equal(num(j, "new"), 1);
	assert_int_equal(num(j, "invalid"), 1);
	json_decref(j);
	free(out);
	f = fopen(rej, "r");
	assert_non_null(f);
	char buf[1024] = "";
	size_t got     = fread(buf, 1, sizeof buf - 1, f);
	buf[got]       = '\0';
	fclose(f);
	assert_non_null(strstr(buf, "policy_number;personnel_number;start_date;contribution;error\r\n"));
	assert_non_null(strstr(buf, "CLI-2;M00002;1990-01-01;45;"));
	assert_null(contract("CLI-1"));

	const char *commit[] = {"import", "contracts", "--employer", "1", "--db", srv.db, file, NULL};
	out                  = run_cli(commit);
	assert_non_null(out);
	assert_non_null(strstr(out, "\"committed\":true"));
	free(out);
	json_t *c = contract("CLI-1");
	assert_non_null(c);
	assert_int_equal(num(c, "contribution_cents"), 4500);
	json_decref(c);

	/* usage errors: exit 2 (run_cli gives NULL) */
	const char *bad_kind[] = {"import", "providers", "--employer", "1", "--db", srv.db, file, NULL};
	assert_null(run_cli(bad_kind));
	const char *no_employer[] = {"import", "contracts", "--employer", "999", "--db", srv.db, file, NULL};
	assert_null(run_cli(no_employer));
	free(file);
	free(rej);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dry_run_commit_again),
		cmocka_unit_test(test_all_or_nothing_and_rejects),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_page),
		cmocka_unit_test(test_cli),
	};
	return cmocka_run_group_tests_name("http_import_contracts", tests, setup, teardown);
}
