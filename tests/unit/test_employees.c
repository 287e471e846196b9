/*
 * test_employees.c — the employee rules of src/app/employees.c and
 * src/app/employers.c: parsing, plausibility, tenant binding, search.
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
#include "app/demo.h"
#include "app/history.h"

static char       path[256];
static struct db *db;
static int64_t    e1, e2;
enum { NOW = 1790000000 }; /* 2026-09-22 */

static int setup(void **state)
{
	snprintf(path, sizeof path, "sqlite:/tmp/openbav-test-emp-%d.db", (int)getpid());
	unlink(path + 7);
	char err[256];
	db = db_open(path, err, sizeof err);
	assert_non_null(db);
	assert_true(db_migrate(db, err, sizeof err) >= 1);
	struct employer_input a = {"A GmbH", "", "10115", "Berlin", "09912342"};
	struct employer_input b = {"B AG", "", "", "", "09912347"};
	assert_int_equal(employer_create(db, &a, NOW, &e1).rc, APP_OK);
	assert_int_equal(employer_create(db, &b, NOW, &e2).rc, APP_OK);
	return 0;
}

static int teardown(void **state)
{
	db_close(db);
	char p[300];
	unlink(path + 7);
	snprintf(p, sizeof p, "%s-wal", path + 7);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path + 7);
	unlink(p);
	return 0;
}

static void test_euros(void **state)
{
	int64_t c;
	struct {
		const char *in;
		int64_t     cents;
	} ok[] = {{"0", 0},          {"1234", 123400},     {"1234,5", 123450},  {"1234.56", 123456},
	          {"1.234,56", 123456}, {"1,234.56", 123456}, {"1.234.567", 123456700}, {"0,01", 1}};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		assert_true(employee_parse_euros(ok[i].in, &c));
		assert_int_equal(c, ok[i].cents);
	}
	const char *bad[] = {"", ",5", "1,2,3", "12.34.56", "1e3", "-5", "12 34", "abc", "1.234,567", "1,,2"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_false(employee_parse_euros(bad[i], &c));
}

static struct employee_input base(void)
{
	return (struct employee_input){.personnel_number = "P1", .last_name = "Öztürk", .first_name = "Ayşe",
	                               .birth_date = "29.02.1980", .entry_date = "2010-04-01",
	                               .email = "a@example.test", .iban = "de89 3704 0044 0532 0130 00",
	                               .tax_class = "1", .monthly_gross = "3.500,00"};
}

static void test_rules(void **state)
{
	struct employee e  = {0};
	struct employee_input in = base();
	struct app_err r  = employee_apply(&e, &in, 20000);
	assert_int_equal(r.rc, APP_OK);
	assert_string_equal(e.iban, "DE89370400440532013000"); /* normalised */
	assert_int_equal(e.monthly_gross_cents, 350000);
	assert_int_equal(e.tax_class, 1);

	struct {
		const char *field, *value, *want_field;
		enum app_rc rc;
	} cases[] = {
		{"birth_date", "1980-02-30", "birth_date", APP_INVALID},
		{"entry_date", "2100-01-01", "entry_date", APP_RULE}, /* age 120 at entry */
		{"entry_date", "1990-01-01", "entry_date", APP_RULE}, /* age 9 */
		{"exit_date", "2009-12-31", "exit_date", APP_RULE},   /* before entry */
		{"iban", "DE89370400440532013001", "iban", APP_INVALID},
		{"svnr", "12345", "svnr", APP_INVALID},
		{"steuer_id", "12345678901", "steuer_id", APP_INVALID},
		{"tax_class", "7", "tax_class", APP_INVALID},
		{"monthly_gross", "-1", "monthly_gross", APP_INVALID},
		{"email", "no-at-sign", "email", APP_INVALID},
		{"personnel_number", "a b", "personnel_number", APP_INVALID},
		{"last_name", "", "last_name", APP_INVALID},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct employee x = {0};
		in                = base();
		const char **f    = !strcmp(cases[i].field, "birth_date")     ? &in.birth_date
		                    : !strcmp(cases[i].field, "entry_date")   ? &in.entry_date
		                    : !strcmp(cases[i].field, "exit_date")    ? &in.exit_date
		                    : !strcmp(cases[i].field, "iban")         ? &in.iban
		                    : !strcmp(cases[i].field, "svnr")         ? &in.svnr
		                    : !strcmp(cases[i].field, "steuer_id")    ? &in.steuer_id
		                    : !strcmp(cases[i].field, "tax_class")    ? &in.tax_class
		                    : !strcmp(cases[i].field, "monthly_gross") ? &in.monthly_gross
		                    : !strcmp(cases[i].field, "email")        ? &in.email
		                    : !strcmp(cases[i].field, "last_name")    ? &in.last_name
		                                                              : &in.personnel_number;
		*f = cases[i].value;
		r  = employee_apply(&x, &in, 20000);
		assert_int_equal(r.rc, cases[i].rc);
		assert_string_equal(r.field, cases[i].want_field);
		assert_non_null(r.key);
	}
	/* A birth date in the future is a rule violation. */
	struct employee x = {0};
	in                = base();
	in.birth_date     = "2030-01-01";
	in.entry_date     = NULL;
	assert_int_equal(employee_apply(&x, &in, 20000).rc, APP_RULE);
}

static char changed[256];
static void note_change(const struct history_entry *h, void *ctx)
{
	(void)ctx;
	size_t n = strlen(changed);
	if (h->field)
		snprintf(changed + n, sizeof changed - n, "%s=%s,", h->field, h->new_value ? h->new_value : "");
	else
		snprintf(changed + n, sizeof changed - n, "%s,", h->action);
}

static void test_create_get_tenant(void **state)
{
	struct employee_input in = base();
	int64_t               id, id2;
	assert_int_equal(db_begin_write(db), DB_OK);
	assert_int_equal(employee_create(db, e1, &in, NOW, 0, &id).rc, APP_OK);
	/* same personnel number, same employer: conflict; other employer: fine */
	struct app_err r = employee_create(db, e1, &in, NOW, 0, &id2);
	assert_int_equal(r.rc, APP_CONFLICT);
	assert_string_equal(r.field, "personnel_number");
	assert_int_equal(employee_create(db, e2, &in, NOW, 0, &id2).rc, APP_OK);
	assert_int_equal(db_commit(db), DB_OK);

	struct employee e;
	assert_int_equal(employee_get(db, e1, id, &e), APP_OK);
	assert_string_equal(e.last_name, "Öztürk");
	/* the other tenant's id under this employer does not exist */
	assert_int_equal(employee_get(db, e1, id2, &e), APP_NOT_FOUND);
	assert_int_equal(employee_get(db, e2, id, &e), APP_NOT_FOUND);
	struct app_err u = employee_update(db, e2, id, &in, NOW, 0);
	assert_int_equal(u.rc, APP_NOT_FOUND);

	/* change keeps what is not given, clears what is "" */
	struct employee_input ch = {.exit_date = "2026-06-30", .email = ""};
	assert_int_equal(employee_update(db, e1, id, &ch, NOW, 0).rc, APP_OK);
	assert_int_equal(employee_get(db, e1, id, &e), APP_OK);
	assert_true(e.has_exit);
	assert_string_equal(e.email, "");
	assert_string_equal(e.first_name, "Ayşe");
	/* the change is in the history, field by field, newest first */
	history_list(db, e1, "employee", id, 10, note_change, NULL);
	assert_string_equal(changed, "email=,exit_date=2026-06-30,create,");
	struct employee_input bad = {.exit_date = "2000-01-01"};
	assert_int_equal(employee_update(db, e1, id, &bad, NOW, 0).rc, APP_RULE);
	assert_int_equal(employee_get(db, e1, id, &e), APP_OK);
	assert_int_equal(e.exit_date, 20634); /* unchanged: 2026-06-30 */
}

static int rows;
static void count(const struct employee *e, void *ctx) { rows++; (void)e; (void)ctx; }

static void test_search(void **state)
{
	int64_t total = 0;
	rows          = 0;
	/* upper-case umlaut in the query finds the lower-case stored name */
	assert_int_equal(employees_page(db, e1, "ÖZT", 50, 0, &total, count, NULL), APP_OK);
	assert_int_equal(total, 1);
	assert_int_equal(rows, 1);
	rows = 0;
	assert_int_equal(employees_page(db, e1, "%", 50, 0, &total, count, NULL), APP_OK);
	assert_int_equal(total, 0); /* LIKE wildcards are literal */
	int64_t next = 0;
	rows         = 0;
	assert_int_equal(employees_after(db, e1, NULL, 0, 1, &next, count, NULL), APP_OK);
	assert_int_equal(rows, 1);
	assert_true(next > 0);
}

static void test_demo_identifiers_valid(void **state)
{
	char iban[23], svnr[13], tid[12];
	for (unsigned s = 1; s < 200; s++) {
		struct employee        e  = {0};
		demo_iban(s, iban);
		demo_svnr(s, 1980, 2, 29, 'M', s & 1, svnr);
		demo_steuer_id(s, tid);
		struct employee_input in = base();
		in.iban = iban, in.svnr = svnr, in.steuer_id = tid;
		assert_int_equal(employee_apply(&e, &in, 20000).rc, APP_OK);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_euros),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_create_get_tenant),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_demo_identifiers_valid),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
