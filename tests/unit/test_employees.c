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
#include "testdb.h"

static char       path[512]; /* testdb_create: SQLite by default, PostgreSQL with OPENBAV_TEST_DB */
static struct db *db;
static int64_t    e1, e2;
enum { NOW = 1790000000 }; /* 2026-09-22 */

static int setup(void **state)
{
	assert_int_equal(testdb_create("emp", path, sizeof path), 0);
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
	testdb_drop(path);
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


/* One field of base() replaced (NULL: left out). */
static struct app_err apply_with(struct employee *x, const char *field, const char *value)
{
	struct employee_input in = base();
	for (int f = 0; f < EMPLOYEE_FIELDS; f++)
		if (!strcmp(employee_field_names[f], field))
			*employee_input_field(&in, f) = value;
	memset(x, 0, sizeof *x);
	return employee_apply(x, &in, 20000);
}

static void test_detail_rules(void **state)
{
	struct employee x;
	/* valid values, German words and codes alike */
	assert_int_equal(apply_with(&x, "sex", "weiblich").rc, APP_OK);
	assert_string_equal(x.sex, "f");
	assert_int_equal(apply_with(&x, "sex", "D").rc, APP_OK);
	assert_string_equal(x.sex, "d");
	assert_int_equal(apply_with(&x, "street", "Hauptstraße 1").rc, APP_OK);
	assert_string_equal(x.street, "Hauptstraße 1");
	assert_int_equal(apply_with(&x, "postcode", "01067").rc, APP_OK);
	assert_string_equal(x.postcode, "01067");
	assert_int_equal(apply_with(&x, "city", "München").rc, APP_OK);
	assert_int_equal(apply_with(&x, "phone", "+49 (30) 123-456/7").rc, APP_OK);
	assert_int_equal(apply_with(&x, "child_allowances", "1,5").rc, APP_OK);
	assert_int_equal(x.child_allowance_tenths, 15);
	assert_true(x.has_child_allowance);
	assert_int_equal(apply_with(&x, "child_allowances", "0").rc, APP_OK);
	assert_true(x.has_child_allowance);
	assert_int_equal(x.child_allowance_tenths, 0);
	assert_int_equal(apply_with(&x, "child_allowances", "9.5").rc, APP_OK);
	assert_int_equal(x.child_allowance_tenths, 95);
	assert_int_equal(apply_with(&x, "church_tax", "ja").rc, APP_OK);
	assert_true(x.has_church_tax && x.church_tax);
	assert_int_equal(apply_with(&x, "church_tax", "0").rc, APP_OK);
	assert_true(x.has_church_tax && !x.church_tax);
	assert_int_equal(apply_with(&x, "church_tax", "False").rc, APP_OK);
	assert_false(x.church_tax);
	assert_int_equal(apply_with(&x, "health_insurance", "privat").rc, APP_OK);
	assert_string_equal(x.health_insurance, "private");
	assert_int_equal(apply_with(&x, "federal_state", "Thüringen").rc, APP_OK);
	assert_string_equal(x.federal_state, "TH");
	assert_int_equal(apply_with(&x, "federal_state", "nordrhein-westfalen").rc, APP_OK);
	assert_string_equal(x.federal_state, "NW");
	assert_int_equal(apply_with(&x, "federal_state", "by").rc, APP_OK);
	assert_string_equal(x.federal_state, "BY");
	assert_int_equal(apply_with(&x, "probation_end", "2010-10-01").rc, APP_OK); /* entry + 6 months */
	assert_true(x.has_probation);
	assert_int_equal(apply_with(&x, "probation_end", "2010-04-01").rc, APP_OK);
	assert_int_equal(apply_with(&x, "weekly_hours", "38,5").rc, APP_OK);
	assert_int_equal(x.weekly_hours_centi, 3850);
	assert_int_equal(apply_with(&x, "weekly_hours", "60").rc, APP_OK);
	assert_int_equal(x.weekly_hours_centi, 6000);

	/* statutory with its additional rate; exit with its reason */
	struct employee_input in = base();
	in.health_insurance = "gesetzlich", in.health_additional_rate = "1,7 %";
	in.exit_date = "2020-12-31", in.exit_reason = "Aufhebungsvertrag";
	memset(&x, 0, sizeof x);
	assert_int_equal(employee_apply(&x, &in, 20000).rc, APP_OK);
	assert_string_equal(x.health_insurance, "statutory");
	assert_int_equal(x.health_additional_bp, 170);
	assert_string_equal(x.exit_reason, "mutual");
	char t[64];
	employee_field_text(&x, 20, t, sizeof t);
	assert_string_equal(t, "1.70");
	in.exit_reason = "Eigenkündigung";
	assert_int_equal(employee_apply(&x, &in, 20000).rc, APP_OK);
	assert_string_equal(x.exit_reason, "resignation");
	in.exit_reason = "fixed_term";
	assert_int_equal(employee_apply(&x, &in, 20000).rc, APP_OK);
	assert_string_equal(x.exit_reason, "fixed_term");
	in.exit_reason = NULL; /* an exit without a reason is allowed */
	memset(&x, 0, sizeof x);
	assert_int_equal(employee_apply(&x, &in, 20000).rc, APP_OK);

	/* each invalid value, with the field named */
	struct {
		const char *field, *value;
		enum app_rc rc;
		const char *key;
	} cases[] = {
		{"sex", "q", APP_INVALID, "err.employee.sex"},
		{"street", "a\x01", APP_INVALID, "err.employee.street"},
		{"postcode", "1234", APP_INVALID, "valid.postcode.length"},
		{"postcode", "1234a", APP_INVALID, "valid.postcode.chars"},
		{"city", "Ort\x7f", APP_INVALID, "err.employee.city"},
		{"phone", "12", APP_INVALID, "err.employee.phone"},
		{"phone", "030 call me", APP_INVALID, "err.employee.phone"},
		{"phone", "0123456789012345678901234567890", APP_INVALID, "err.employee.phone"},
		{"child_allowances", "0,7", APP_INVALID, "err.employee.child_allowances"},
		{"child_allowances", "10", APP_INVALID, "err.employee.child_allowances"},
		{"child_allowances", "1,25", APP_INVALID, "err.employee.child_allowances"},
		{"child_allowances", "-1", APP_INVALID, "err.employee.child_allowances"},
		{"church_tax", "vielleicht", APP_INVALID, "err.employee.church_tax"},
		{"health_insurance", "aok", APP_INVALID, "err.employee.health_insurance"},
		{"health_additional_rate", "1,5", APP_RULE, "err.employee.health_additional_statutory_only"},
		{"federal_state", "XX", APP_INVALID, "err.employee.federal_state"},
		{"probation_end", "2010-03-31", APP_RULE, "err.employee.probation_before_entry"},
		{"probation_end", "2010-10-02", APP_RULE, "err.employee.probation_too_long"},
		{"probation_end", "31.02.2010", APP_INVALID, "err.date"},
		{"exit_reason", "weil", APP_INVALID, "err.employee.exit_reason"},
		{"exit_reason", "mutual", APP_RULE, "err.employee.exit_reason_without_exit"},
		{"weekly_hours", "60,01", APP_INVALID, "err.employee.weekly_hours"},
		{"weekly_hours", "38,555", APP_INVALID, "err.employee.weekly_hours"},
		{"weekly_hours", "38,", APP_INVALID, "err.employee.weekly_hours"},
		{"weekly_hours", "1e2", APP_INVALID, "err.employee.weekly_hours"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct app_err r = apply_with(&x, cases[i].field, cases[i].value);
		if (r.rc != cases[i].rc || !r.field || strcmp(r.field, cases[i].field))
			fprintf(stderr, "case %zu: %s=%s → %d %s %s\n", i, cases[i].field, cases[i].value, r.rc,
			        r.field ? r.field : "-", r.key ? r.key : "-");
		assert_int_equal(r.rc, cases[i].rc);
		assert_string_equal(r.field, cases[i].field);
		assert_string_equal(r.key, cases[i].key);
	}
	/* the additional rate: range, decimals, only with statutory insurance */
	in = base();
	in.health_insurance = "statutory", in.health_additional_rate = "5,01";
	struct app_err r = employee_apply(&x, &in, 20000);
	assert_int_equal(r.rc, APP_INVALID);
	assert_string_equal(r.field, "health_additional_rate");
	in.health_additional_rate = "1,234";
	assert_int_equal(employee_apply(&x, &in, 20000).rc, APP_INVALID);
	in.health_insurance = "private", in.health_additional_rate = "1,0";
	memset(&x, 0, sizeof x);
	r = employee_apply(&x, &in, 20000);
	assert_int_equal(r.rc, APP_RULE);
	assert_string_equal(r.field, "health_additional_rate");
	/* a probation end needs the entry date */
	in = base();
	in.entry_date = NULL, in.probation_end = "2010-05-01";
	memset(&x, 0, sizeof x);
	r = employee_apply(&x, &in, 20000);
	assert_int_equal(r.rc, APP_RULE);
	assert_string_equal(r.field, "probation_end");
	assert_string_equal(r.key, "err.employee.probation_without_entry");
	/* "" clears an optional field on change */
	in = base();
	in.sex = "f", in.weekly_hours = "20";
	memset(&x, 0, sizeof x);
	assert_int_equal(employee_apply(&x, &in, 20000).rc, APP_OK);
	x.id                     = 1;
	struct employee_input cl = {.sex = "", .weekly_hours = ""};
	assert_int_equal(employee_apply(&x, &cl, 20000).rc, APP_OK);
	assert_string_equal(x.sex, "");
	assert_false(x.has_weekly_hours);
}

static char log_[1024];
static void note_all(const struct history_entry *h, void *ctx)
{
	(void)ctx;
	size_t n = strlen(log_);
	snprintf(log_ + n, sizeof log_ - n, "%s=%s|", h->field ? h->field : h->action, h->new_value ? h->new_value : "");
}
static int64_t listed[8], nlisted;
static void note_salary(const struct employee_salary *s, void *ctx) { (void)ctx; listed[nlisted++] = s->monthly_gross_cents; }
static void note_absence(const struct employee_absence *a, void *ctx) { (void)ctx; (void)a; nlisted++; }

static void test_salaries_absences(void **state)
{
	struct employee_input in = base();
	in.personnel_number      = "S1";
	in.health_insurance = "statutory", in.health_additional_rate = "1,70", in.federal_state = "BE";
	int64_t id;
	assert_int_equal(db_begin_write(db), DB_OK);
	assert_int_equal(employee_create(db, e1, &in, NOW, 0, &id).rc, APP_OK);
	struct employee e;
	assert_int_equal(employee_get(db, e1, id, &e), APP_OK);
	assert_int_equal(e.health_additional_bp, 170);
	assert_string_equal(e.federal_state, "BE");

	/* salaries: not before entry, one per day, the one in force is monthly_gross */
	struct app_err r = employee_salary_add(db, e1, id, "2010-03-31", "4000", NOW, 0, NULL);
	assert_int_equal(r.rc, APP_RULE);
	assert_string_equal(r.field, "valid_from");
	assert_string_equal(r.key, "err.employee.salary_before_entry");
	r = employee_salary_add(db, e1, id, "2020-13-01", "4000", NOW, 0, NULL);
	assert_int_equal(r.rc, APP_INVALID);
	assert_string_equal(r.field, "valid_from");
	r = employee_salary_add(db, e1, id, "2020-01-01", "vier", NOW, 0, NULL);
	assert_int_equal(r.rc, APP_INVALID);
	assert_string_equal(r.field, "monthly_gross");
	assert_int_equal(employee_salary_add(db, e1, id, "2020-01-01", "4.000,00", NOW, 0, NULL).rc, APP_OK);
	assert_int_equal(employee_get(db, e1, id, &e), APP_OK);
	assert_int_equal(e.monthly_gross_cents, 400000);
	assert_int_equal(employee_salary_add(db, e1, id, "2030-01-01", "5000", NOW, 0, NULL).rc, APP_OK);
	assert_int_equal(employee_get(db, e1, id, &e), APP_OK);
	assert_int_equal(e.monthly_gross_cents, 400000); /* not in force yet */
	assert_int_equal(employee_salary_add(db, e1, id, "2025-01-01", "4500", NOW, 0, NULL).rc, APP_OK);
	assert_int_equal(employee_get(db, e1, id, &e), APP_OK);
	assert_int_equal(e.monthly_gross_cents, 450000);
	r = employee_salary_add(db, e1, id, "01.01.2020", "1", NOW, 0, NULL);
	assert_int_equal(r.rc, APP_CONFLICT);
	assert_string_equal(r.field, "valid_from");
	nlisted = 0;
	assert_int_equal(employee_salaries(db, e1, id, note_salary, NULL), APP_OK);
	assert_int_equal(nlisted, 3);
	assert_int_equal(listed[0], 500000); /* newest first */
	assert_int_equal(listed[2], 400000);
	/* another tenant never reaches them */
	assert_int_equal(employee_salary_add(db, e2, id, "2026-01-01", "1", NOW, 0, NULL).rc, APP_NOT_FOUND);
	nlisted = 0;
	assert_int_equal(employee_salaries(db, e2, id, note_salary, NULL), APP_OK);
	assert_int_equal(nlisted, 0);

	/* absences */
	struct {
		const char *kind, *from, *to;
		enum app_rc rc;
		const char *field, *key;
	} cases[] = {
		{"sickness", "2021-01-01", "2021-03-31", APP_OK, NULL, NULL},
		{"sickness", "2021-03-31", NULL, APP_RULE, "from_date", "err.employee.absence_overlap"},
		{"sickness", "2020-12-01", "2021-01-01", APP_RULE, "from_date", "err.employee.absence_overlap"},
		{"sickness", "2020-01-01", "2022-01-01", APP_RULE, "from_date", "err.employee.absence_overlap"},
		{"parental_leave", "2021-02-01", "2021-12-31", APP_OK, NULL, NULL}, /* another kind */
		{"sickness", "2021-04-01", "2021-04-30", APP_OK, NULL, NULL},       /* the day after */
		{"sickness", "2022-02-01", "2022-01-01", APP_RULE, "to_date", "err.employee.absence_order"},
		{"sickness", "2009-01-01", "2009-02-01", APP_RULE, "from_date", "err.employee.absence_before_entry"},
		{"holiday", "2022-01-01", NULL, APP_INVALID, "kind", "err.employee.absence_kind"},
		{"sickness", "", NULL, APP_INVALID, "from_date", "err.required"},
		{"sickness", "2022-01-01", "2022-02-30", APP_INVALID, "to_date", "err.date"},
		{"parental_leave", "2023-01-01", NULL, APP_OK, NULL, NULL}, /* open end */
		{"parental_leave", "2030-01-01", "2030-02-01", APP_RULE, "from_date", "err.employee.absence_overlap"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		r = employee_absence_add(db, e1, id, cases[i].kind, cases[i].from, cases[i].to, NOW, 0, NULL);
		if (r.rc != cases[i].rc)
			fprintf(stderr, "absence case %zu → %d %s\n", i, r.rc, r.key ? r.key : "-");
		assert_int_equal(r.rc, cases[i].rc);
		if (cases[i].field) {
			assert_string_equal(r.field, cases[i].field);
			assert_string_equal(r.key, cases[i].key);
		}
	}
	nlisted = 0;
	assert_int_equal(employee_absences(db, e1, id, note_absence, NULL), APP_OK);
	assert_int_equal(nlisted, 4);
	/* after the exit date: refused */
	struct employee_input ex = {.exit_date = "2026-06-30"};
	assert_int_equal(employee_update(db, e1, id, &ex, NOW, 0).rc, APP_OK);
	r = employee_absence_add(db, e1, id, "sickness", "2026-06-01", "2026-07-31", NOW, 0, NULL);
	assert_int_equal(r.rc, APP_RULE);
	assert_string_equal(r.field, "to_date");
	assert_string_equal(r.key, "err.employee.absence_after_exit");
	r = employee_absence_add(db, e1, id, "sickness", "2026-07-01", NULL, NOW, 0, NULL);
	assert_int_equal(r.rc, APP_RULE);
	assert_string_equal(r.field, "from_date");
	assert_int_equal(employee_absence_add(db, e2, id, "sickness", "2024-01-01", NULL, NOW, 0, NULL).rc, APP_NOT_FOUND);
	assert_int_equal(db_commit(db), DB_OK);

	/* every change is in the history */
	log_[0] = '\0';
	history_list(db, e1, "employee", id, 50, note_all, NULL);
	assert_non_null(strstr(log_, "salary=2020-01-01 4000.00|"));
	assert_non_null(strstr(log_, "monthly_gross=4500.00|"));
	assert_non_null(strstr(log_, "absence=sickness 2021-01-01 2021-03-31|"));
	assert_non_null(strstr(log_, "absence=parental_leave 2023-01-01|"));
	assert_non_null(strstr(log_, "exit_date=2026-06-30|"));
}

static void test_detail_history(void **state)
{
	struct employee_input in = base();
	in.personnel_number      = "H1";
	int64_t id;
	assert_int_equal(db_begin_write(db), DB_OK);
	assert_int_equal(employee_create(db, e1, &in, NOW, 0, &id).rc, APP_OK);
	struct employee_input ch = {.sex = "m", .postcode = "10115", .church_tax = "ja", .weekly_hours = "38,5",
	                            .child_allowances = "2", .probation_end = "2010-09-30"};
	assert_int_equal(employee_update(db, e1, id, &ch, NOW, 0).rc, APP_OK);
	assert_int_equal(db_commit(db), DB_OK);
	struct employee e;
	assert_int_equal(employee_get(db, e1, id, &e), APP_OK);
	assert_string_equal(e.sex, "m");
	assert_true(e.church_tax);
	assert_int_equal(e.weekly_hours_centi, 3850);
	assert_int_equal(e.child_allowance_tenths, 20);
	log_[0] = '\0';
	history_list(db, e1, "employee", id, 50, note_all, NULL);
	/* newest first: the fields in reverse record order, then the creation */
	assert_string_equal(log_, "weekly_hours=38.50|probation_end=2010-09-30|church_tax=true|child_allowances=2.0|"
	                          "postcode=10115|sex=m|create=|");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_euros),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_create_get_tenant),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_demo_identifiers_valid),
		cmocka_unit_test(test_detail_rules),
		cmocka_unit_test(test_salaries_absences),
		cmocka_unit_test(test_detail_history),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
