/*
 * test_import.c — the employee import of src/app/import.c on a real SQLite
 * database: dry run changes nothing, commit writes valid rows, the same file
 * twice changes nothing, invalid rows are reported with row and column, the
 * all-or-nothing option, German headers, the rejects file, broken files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app/employees.h"
#include "app/employers.h"
#include "app/history.h"
#include "app/import.h"
#include "http/i18n.h"
#include "testdb.h"

static char       path[512]; /* testdb_create: SQLite by default, PostgreSQL with OPENBAV_TEST_DB */
static struct db *db;
static int64_t    emp;
enum { NOW = 1790000000 };

static int setup(void **state)
{
	i18n_init();
	assert_int_equal(testdb_create("import", path, sizeof path), 0);
	char err[256];
	db = db_open(path, err, sizeof err);
	assert_non_null(db);
	assert_true(db_migrate(db, err, sizeof err) >= 1);
	struct employer_input in = {"Import GmbH", "", "", "", "09912342"};
	assert_int_equal(employer_create(db, &in, NOW, &emp).rc, APP_OK);
	return 0;
}

static int teardown(void **state)
{
	db_close(db);
	testdb_drop(path);
	return 0;
}

static json_t *run(const char *csv, bool dry, bool all_or_nothing, struct buf *rejects, enum import_rc want)
{
	struct import_opts o = {.kind = IMPORT_EMPLOYEES, .employer_id = emp, .dry_run = dry,
	                        .all_or_nothing = all_or_nothing, .now = NOW, .lang = LANG_EN, .rejects = rejects};
	json_t *report = NULL;
	char    why[256] = "";
	assert_int_equal(import_run(db, (const unsigned char *)csv, strlen(csv), &o, &report, why, sizeof why), want);
	return report;
}

static int64_t num(json_t *r, const char *k) { return json_integer_value(json_object_get(r, k)); }

/* The kept count, checked against the rows themselves. */
static int64_t stored(void)
{
	struct db_q *q = db_q(db, STMT_EMPLOYEE_TOTAL);
	db_bind_int(q, 1, emp);
	int64_t n = db_step(q) == DB_ROW ? db_col_int(q, 0) : -1;
	db_q_done(q);
	q = db_q(db, STMT_EMPLOYEE_COUNT);
	db_bind_int(q, 1, emp);
	db_bind_str(q, 2, "%");
	int64_t rows = db_step(q) == DB_ROW ? db_col_int(q, 0) : -2;
	db_q_done(q);
	assert_int_equal(n, rows);
	return n;
}

static const char file1[] =
	"\xEF\xBB\xBFpersonnel_number,last_name,first_name,birth_date,entry_date,iban,monthly_gross,cost_centre\r\n"
	"P1,Berger,Anna,1980-02-29,2010-04-01,DE89370400440532013000,\"3.500,00\",K1\r\n"
	"P2,\"Müller, Jr.\",Jan,01.02.1975,2000-01-01,,4200.5,K2\r\n"
	"P3,Bad,Iban,1990-01-01,,DE89370400440532013001,,K3\r\n"
	"\r\n"
	"P4,Young,Kid,2015-01-01,2020-01-01,,,K4\r\n";

static void test_dry_run_then_commit(void **state)
{
	json_t *r = run(file1, true, false, NULL, IMPORT_OK);
	assert_true(json_is_true(json_object_get(r, "dry_run")));
	assert_int_equal(num(r, "rows"), 4);
	assert_int_equal(num(r, "new"), 2);
	assert_int_equal(num(r, "invalid"), 2);
	json_t *e = json_array_get(json_object_get(r, "errors"), 0);
	assert_int_equal(num(e, "row"), 3);
	assert_string_equal(json_string_value(json_object_get(e, "column")), "iban");
	e = json_array_get(json_object_get(r, "errors"), 1);
	assert_int_equal(num(e, "row"), 4); /* the blank line is not a row */
	assert_string_equal(json_string_value(json_object_get(e, "column")), "entry_date");
	assert_string_equal(json_string_value(json_array_get(json_object_get(r, "unknown_columns"), 0)), "cost_centre");
	json_decref(r);
	assert_int_equal(stored(), 0); /* a dry run writes nothing */

	/* all-or-nothing with invalid rows: nothing either */
	r = run(file1, false, true, NULL, IMPORT_OK);
	assert_false(json_is_true(json_object_get(r, "committed")));
	json_decref(r);
	assert_int_equal(stored(), 0);

	struct buf rej = {0};
	r              = run(file1, false, false, &rej, IMPORT_OK);
	assert_true(json_is_true(json_object_get(r, "committed")));
	assert_int_equal(num(r, "new"), 2);
	json_decref(r);
	assert_int_equal(stored(), 2);
	/* the rejects file: header + reason column, the two bad rows, ready to fix */
	assert_non_null(strstr(rej.p, "personnel_number;"));
	assert_non_null(strstr(rej.p, "P3;Bad;Iban"));
	assert_non_null(strstr(rej.p, "P4;Young;Kid"));
	assert_null(strstr(rej.p, "P1;"));
	buf_free(&rej);

	/* the same file again: nothing new, nothing changed */
	r = run(file1, false, false, NULL, IMPORT_OK);
	assert_int_equal(num(r, "unchanged"), 2);
	assert_int_equal(num(r, "new"), 0);
	assert_int_equal(num(r, "changed"), 0);
	json_decref(r);
	assert_int_equal(stored(), 2);
}

static void test_change_diff_and_german_headers(void **state)
{
	const char file2[] = "Personalnummer;Nachname;Vorname;Geburtsdatum;Bruttogehalt;E-Mail\n"
	                     "P1;Berger;Anna;;3600,00;anna@example.test\n"
	                     "P1;Berger;Anna;;3700,00;\n";
	json_t *r = run(file2, false, false, NULL, IMPORT_OK);
	assert_int_equal(num(r, "changed"), 1);
	assert_int_equal(num(r, "invalid"), 1); /* the second P1 */
	json_t *c = json_array_get(json_object_get(r, "changes"), 0);
	json_t *f = json_object_get(c, "fields");
	assert_string_equal(json_string_value(json_object_get(json_object_get(f, "monthly_gross"), "old")), "3500.00");
	assert_string_equal(json_string_value(json_object_get(json_object_get(f, "monthly_gross"), "new")), "3600.00");
	assert_non_null(json_object_get(f, "email"));
	assert_null(json_object_get(f, "birth_date")); /* empty cell: kept */
	json_decref(r);
}

/* The record's other columns, German headers and German values. */
static void test_detail_columns(void **state)
{
	const char file3[] =
		"Personalnummer;Nachname;Vorname;Geburtsdatum;Eintrittsdatum;Geschlecht;Straße;PLZ;Ort;Telefon;"
		"Kinderfreibeträge;Kirchensteuer;Krankenversicherung;Zusatzbeitrag;Bundesland;Probezeitende;"
		"Austrittsdatum;Austrittsgrund;Wochenstunden\n"
		"D1;Schulz;Eva;1985-03-01;01.01.2024;weiblich;Hauptstraße 1;80331;München;+49 89 123456;1,5;ja;"
		"gesetzlich;1,7;Bayern;30.06.2024;31.12.2025;Aufhebungsvertrag;38,5\n"
		"D2;Meier;Max;1970-05-05;2020-01-01;m;;;;;0;nein;privat;;NW;;;;40\n"
		"D3;Bad;State;1970-05-05;2020-01-01;;;;;;;;;;Atlantis;;;;\n"
		"D4;Bad;Rate;1970-05-05;2020-01-01;;;;;;;;privat;1,0;;;;;\n"
		"D5;Bad;Kids;1970-05-05;2020-01-01;;;;;;0,7;;;;;;;;\n"
		"D6;Bad;Probation;1970-05-05;2020-01-01;;;;;;;;;;;2020-07-02;;;\n"
		"D7;Bad;Reason;1970-05-05;2020-01-01;;;;;;;;;;;;;Kündigung;\n";
	json_t *r = run(file3, false, false, NULL, IMPORT_OK);
	assert_int_equal(num(r, "new"), 2);
	assert_int_equal(num(r, "invalid"), 5);
	assert_int_equal(json_array_size(json_object_get(r, "unknown_columns")), 0);
	const char *want[] = {"Bundesland", "Zusatzbeitrag", "Kinderfreibeträge", "Probezeitende", "Austrittsgrund"};
	for (size_t i = 0; i < 5; i++) {
		json_t *e = json_array_get(json_object_get(r, "errors"), i);
		assert_string_equal(json_string_value(json_object_get(e, "column")), want[i]);
	}
	json_decref(r);

	struct employee e;
	assert_int_equal(employee_by_number(db, emp, "D1", &e), APP_OK);
	assert_string_equal(e.sex, "f");
	assert_string_equal(e.street, "Hauptstraße 1");
	assert_string_equal(e.postcode, "80331");
	assert_string_equal(e.city, "München");
	assert_string_equal(e.phone, "+49 89 123456");
	assert_int_equal(e.child_allowance_tenths, 15);
	assert_true(e.has_church_tax && e.church_tax);
	assert_string_equal(e.health_insurance, "statutory");
	assert_int_equal(e.health_additional_bp, 170);
	assert_string_equal(e.federal_state, "BY");
	assert_true(e.has_probation);
	assert_string_equal(e.exit_reason, "mutual");
	assert_int_equal(e.weekly_hours_centi, 3850);
	assert_int_equal(employee_by_number(db, emp, "D2", &e), APP_OK);
	assert_true(e.has_church_tax && !e.church_tax);
	assert_true(e.has_child_allowance);
	assert_int_equal(e.child_allowance_tenths, 0);
	assert_string_equal(e.health_insurance, "private");
	assert_false(e.has_health_additional);
	assert_string_equal(e.federal_state, "NW");
	assert_int_equal(e.weekly_hours_centi, 4000);

	/* the same file again: the new fields compare equal */
	r = run(file3, true, false, NULL, IMPORT_OK);
	assert_int_equal(num(r, "unchanged"), 2);
	assert_int_equal(num(r, "changed"), 0);
	json_decref(r);

	/* English headers and codes; a change shows in the diff */
	const char file4[] = "personnel_number,sex,federal_state,weekly_hours,church_tax,health_additional_rate,"
	                     "child_allowances\n"
	                     "D1,x,Baden-Württemberg,20,false,\"2,05\",\"0,5\"\n";
	r = run(file4, false, false, NULL, IMPORT_OK);
	assert_int_equal(num(r, "changed"), 1);
	json_t *f = json_object_get(json_array_get(json_object_get(r, "changes"), 0), "fields");
	assert_string_equal(json_string_value(json_object_get(json_object_get(f, "federal_state"), "new")), "BW");
	assert_string_equal(json_string_value(json_object_get(json_object_get(f, "weekly_hours"), "old")), "38.50");
	assert_string_equal(json_string_value(json_object_get(json_object_get(f, "weekly_hours"), "new")), "20.00");
	assert_string_equal(json_string_value(json_object_get(json_object_get(f, "health_additional_rate"), "new")), "2.05");
	assert_string_equal(json_string_value(json_object_get(json_object_get(f, "child_allowances"), "new")), "0.5");
	assert_string_equal(json_string_value(json_object_get(json_object_get(f, "church_tax"), "new")), "false");
	json_decref(r);
	assert_int_equal(employee_by_number(db, emp, "D1", &e), APP_OK);
	assert_string_equal(e.sex, "x");
	assert_int_equal(e.health_additional_bp, 205);
}

static void test_bad_files(void **state)
{
	assert_null(run("", true, false, NULL, IMPORT_BAD_HEADER));
	assert_null(run("name,first\nx,y\n", true, false, NULL, IMPORT_BAD_HEADER)); /* no key column */
	assert_null(run("personnel_number,Personalnummer\n1,2\n", true, false, NULL, IMPORT_BAD_HEADER));
	static const unsigned char binary[] = {0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 3};
	struct import_opts         o        = {.employer_id = emp, .dry_run = true, .now = NOW};
	json_t                    *rep      = NULL;
	char                       why[256];
	assert_int_equal(import_run(db, binary, sizeof binary, &o, &rep, why, sizeof why), IMPORT_BAD_FILE);
	assert_true(strlen(why) > 0);
	static const unsigned char zip[] = {'P', 'K', 3, 4, 0, 0, 0};
	assert_int_equal(import_run(db, zip, sizeof zip, &o, &rep, why, sizeof why), IMPORT_BAD_FILE);
	o.employer_id = 999;
	assert_int_equal(import_run(db, (const unsigned char *)file1, strlen(file1), &o, &rep, why, sizeof why),
	                 IMPORT_NO_EMPLOYER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dry_run_then_commit),
		cmocka_unit_test(test_change_diff_and_german_headers),
		cmocka_unit_test(test_detail_columns),
		cmocka_unit_test(test_bad_files),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
