/*
 * test_import_contracts.c — the contracts import (src/app/import_contracts.c
 * on the engine of src/app/import.c) on a real SQLite database: new,
 * changed (with the field diff of contract and commitment), unchanged,
 * invalid with row, column and the message of each rule (app/contracts.c's
 * own, § 1a BetrAVG included), re-import idempotent, history "import",
 * all-or-nothing, the rejects file, German and English headers and values,
 * Windows-1252 and semicolons, XLSX, and a broken header.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app/contracts.h"
#include "app/employers.h"
#include "app/export.h"
#include "app/history.h"
#include "app/import.h"
#include "app/providers.h"
#include "http/i18n.h"
#include "testdb.h"

static char       path[512]; /* testdb_create: SQLite by default, PostgreSQL with OPENBAV_TEST_DB */
static struct db *db;
static int64_t    emp, other, p1, p2, p3, alv, nord, gv1;
enum { NOW = 1790000000 }; /* 2026-09-22 */

static int64_t person(int64_t employer, const char *pnr, const char *last, const char *first, const char *birth,
                      const char *entry)
{
	struct employee_input in = {.personnel_number = pnr, .last_name = last, .first_name = first,
	                            .birth_date = birth, .entry_date = entry};
	int64_t id = 0;
	assert_int_equal(employee_create(db, employer, &in, NOW, 0, &id).rc, APP_OK);
	return id;
}

static int64_t group(int64_t provider, const char *number, const char *min, const char *max)
{
	char pid[24];
	snprintf(pid, sizeof pid, "%lld", (long long)provider);
	struct group_contract_input in = {pid, number, "Produkt", "DV", "statutory15", NULL, min, max};
	int64_t                     id = 0;
	assert_int_equal(group_contract_create(db, emp, &in, NOW, 0, &id).rc, APP_OK);
	return id;
}

static int setup(void **state)
{
	i18n_init();
	assert_int_equal(testdb_create("import_contracts", path, sizeof path), 0);
	char err[256];
	db = db_open(path, err, sizeof err);
	assert_non_null(db);
	assert_true(db_migrate(db, err, sizeof err) >= 1);
	struct employer_input a = {"Vertrag GmbH", "", "", "", "09912342"}, b = {"Andere AG", "", "", "", "09912347"};
	assert_int_equal(employer_create(db, &a, NOW, &emp).rc, APP_OK);
	assert_int_equal(employer_create(db, &b, NOW, &other).rc, APP_OK);
	p1 = person(emp, "P1", "Berger", "Anna", "1980-02-29", "2010-04-01");
	p2 = person(emp, "P2", "Meier", "Max", "1975-01-01", "2000-01-01");
	p3 = person(emp, "P3", "Young", "Yan", "1995-06-01", "2020-01-01");
	person(other, "P1", "Fremd", "Fritz", "1970-01-01", "2000-01-01"); /* the same number elsewhere */
	assert_int_equal(provider_create(db, "Allgemeine Leben AG", "DV,PK", NOW, &alv).rc, APP_OK);
	assert_int_equal(provider_create(db, "Nordrente", "DV", NOW, &nord).rc, APP_OK);
	gv1 = group(alv, "GV-1", "25,00", "700,00");
	group(alv, "RV-9", "0", "1000,00");
	group(nord, "RV-9", "0", "1000,00"); /* the same number at two providers */
	return 0;
}

static int teardown(void **state)
{
	db_close(db);
	testdb_drop(path);
	return 0;
}

static json_t *run_bytes(const void *data, size_t len, bool dry, bool aon, struct buf *rejects, enum lang lang,
                         enum import_rc want, char *why, size_t whysz)
{
	struct import_opts o = {.kind = IMPORT_CONTRACTS, .employer_id = emp, .dry_run = dry, .all_or_nothing = aon,
	                        .user_id = 0, .now = NOW, .lang = lang, .rejects = rejects};
	json_t *report = NULL;
	char    buf[256];
	if (!why)
		why = buf, whysz = sizeof buf;
	why[0]           = '\0';
	enum import_rc rc = import_run(db, data, len, &o, &report, why, whysz);
	if (rc != want)
		fprintf(stderr, "import_run: %d (%s)\n", rc, why);
	assert_int_equal(rc, want);
	return report;
}

static json_t *run(const char *csv, bool dry, bool aon, struct buf *rejects)
{
	return run_bytes(csv, strlen(csv), dry, aon, rejects, LANG_EN, IMPORT_OK, NULL, 0);
}

static int64_t num(json_t *r, const char *k) { return json_integer_value(json_object_get(r, k)); }

static void count_one(const struct insurance_contract *ic, void *ctx) { ++*(int *)ctx; }

static int contracts(void)
{
	int n = 0;
	assert_int_equal(insurance_of(db, emp, 0, count_one, &n), APP_OK);
	return n;
}

struct hist {
	int         n;
	const char *last_action;
	char        action[16];
};

static void count_history(const struct history_entry *h, void *ctx)
{
	struct hist *c = ctx;
	if (!c->n++)
		snprintf(c->action, sizeof c->action, "%s", h->action);
}

static struct hist history_of(const char *entity, int64_t id)
{
	struct hist h = {0};
	history_list(db, emp, entity, id, 1000, count_history, &h);
	return h;
}

/* Error i of the report: its row, column and the English text of key. */
static void expect_error(json_t *r, size_t i, int64_t row, const char *column, const char *key)
{
	json_t *e = json_array_get(json_object_get(r, "errors"), i);
	if (!e)
		fail_msg("no error %zu", i);
	const char *col = json_string_value(json_object_get(e, "column"));
	const char *msg = json_string_value(json_object_get(e, "message"));
	if (num(e, "row") != row || strcmp(col ? col : "", column) || strcmp(msg, i18n_text(LANG_EN, key)))
		fail_msg("error %zu: row %lld column %s message %s; wanted row %lld column %s key %s", i,
		         (long long)num(e, "row"), col, msg, (long long)row, column, key);
}

static json_t *fields_of(json_t *r, size_t i)
{
	return json_object_get(json_array_get(json_object_get(r, "changes"), i), "fields");
}

static const char *diff(json_t *fields, const char *name, const char *which)
{
	return json_string_value(json_object_get(json_object_get(fields, name), which));
}

static const char file1[] =
	"personnel_number,policy_number,group_contract,tariff,start_date,contribution,payment_mode,riders,"
	"beneficiary,vehicle,commitment_type,financing,service_start,commitment_start,cost_centre\r\n"
	"P1,POL-1,GV-1,Rente Plus,2024-01-01,\"100,00\",monthly,disability,employee_irrevocable,DV,BOLZ,employee,"
	"2010-04-01,2024-01-01,K1\r\n"
	"P2,POL-2,,Klassik,2020-01-01,1200.00,yearly,,,DV,LZ,employer,2000-01-01,2020-01-01,K2\r\n"
	"\r\n"
	"P3,POL-3,GV-1,,2024-01-01,10.00,monthly,,,,BOLZ,employee,2020-01-01,2024-01-01,K3\r\n"
	"P9,POL-9,,,2024-01-01,50,,,,,,,,,K9\r\n";

static void test_new_commit_again(void **state)
{
	json_t *r = run(file1, true, false, NULL);
	assert_true(json_is_true(json_object_get(r, "dry_run")));
	assert_int_equal(num(r, "rows"), 4); /* the blank line is not a row */
	assert_int_equal(num(r, "new"), 2);
	assert_int_equal(num(r, "invalid"), 2);
	expect_error(r, 0, 3, "contribution", "err.contract.contribution_outside");
	expect_error(r, 1, 4, "personnel_number", "import.contract.no_employee");
	json_t *c = json_array_get(json_object_get(r, "changes"), 0);
	assert_string_equal(json_string_value(json_object_get(c, "status")), "new");
	assert_string_equal(json_string_value(json_object_get(c, "policy_number")), "POL-1");
	assert_string_equal(json_string_value(json_object_get(c, "personnel_number")), "P1");
	assert_string_equal(json_string_value(json_array_get(json_object_get(r, "unknown_columns"), 0)), "cost_centre");
	assert_false(json_is_true(json_object_get(r, "committed")));
	json_decref(r);
	assert_int_equal(contracts(), 0); /* a dry run writes nothing */

	/* all or nothing with invalid rows: nothing either */
	r = run(file1, false, true, NULL);
	assert_false(json_is_true(json_object_get(r, "committed")));
	json_decref(r);
	assert_int_equal(contracts(), 0);

	struct buf rej = {0};
	r              = run(file1, false, false, &rej);
	assert_true(json_is_true(json_object_get(r, "committed")));
	assert_int_equal(num(r, "new"), 2);
	json_decref(r);
	assert_int_equal(contracts(), 2);
	/* the rejects file: the header with a reason column, the two bad rows */
	assert_non_null(strstr(rej.p, "personnel_number;policy_number;"));
	assert_non_null(strstr(rej.p, ";error\r\n"));
	assert_non_null(strstr(rej.p, "P3;POL-3;GV-1;"));
	assert_non_null(strstr(rej.p, "P9;POL-9;"));
	assert_null(strstr(rej.p, "P1;POL-1"));
	buf_free(&rej);

	/* stored as the rules made it: commitment, group contract, § 1a checked */
	struct insurance_contract ic;
	assert_int_equal(insurance_by_policy(db, emp, "POL-1", &ic), APP_OK);
	assert_int_equal(ic.employee_id, p1);
	assert_int_equal(ic.contribution_cents, 10000);
	assert_int_equal(ic.group_contract_id, gv1);
	assert_string_equal(ic.riders, "disability");
	assert_string_equal(ic.status, "active");
	assert_true(ic.commitment_id > 0);
	struct commitment cm;
	assert_int_equal(commitment_get(db, emp, ic.commitment_id, &cm), APP_OK);
	assert_int_equal(cm.employee_id, p1);
	assert_string_equal(cm.financing, "employee");
	assert_string_equal(cm.type, "BOLZ");
	assert_int_equal(cm.group_contract_id, gv1);
	/* history: the import as the action, one create row each */
	struct hist h = history_of("insurance_contract", ic.id);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.action, "import");
	assert_int_equal(history_of("commitment", cm.id).n, 1);

	/* the same file again: nothing new, nothing changed, no history */
	r = run(file1, false, false, NULL);
	assert_int_equal(num(r, "unchanged"), 2);
	assert_int_equal(num(r, "new"), 0);
	assert_int_equal(num(r, "changed"), 0);
	json_decref(r);
	assert_int_equal(contracts(), 2);
	assert_int_equal(history_of("insurance_contract", ic.id).n, 1);
	assert_int_equal(history_of("commitment", cm.id).n, 1);
}

/* German headers and words, semicolons, Windows-1252: a change with its diff. */
static void test_change_german_cp1252(void **state)
{
	/* "Durchführungsweg", "Berufsunfähigkeit", "vierteljährlich" in Windows-1252 */
	static const char file2[] =
		"Personalnummer;Versicherungsnummer;Beitrag (\x80);Zahlweise;Status;Zusatzversicherungen;"
		"Durchf\xfchrungsweg;Finanzierung;Arbeitgeberanteil (%)\r\n"
		"P1;POL-1;120,00;monatlich;beitragsfrei;Berufsunf\xe4higkeit, Unfall;;gemischt;50\r\n"
		"P2;POL-2;100,00;viertelj\xe4hrlich;;;;;\r\n";
	json_t *r = run(file2, true, false, NULL);
	if (getenv("DEBUG_REPORT"))
		json_dumpf(r, stderr, JSON_INDENT(1));
	assert_int_equal(num(r, "changed"), 2);
	assert_int_equal(num(r, "invalid"), 0);
	assert_int_equal(json_array_size(json_object_get(r, "unknown_columns")), 0);
	json_t *f = fields_of(r, 0);
	assert_string_equal(diff(f, "contribution", "old"), "100.00");
	assert_string_equal(diff(f, "contribution", "new"), "120.00");
	assert_string_equal(diff(f, "status", "old"), "active");
	assert_string_equal(diff(f, "status", "new"), "contribution_free");
	/* a new status counts from today: the import day, as when the contract was created */
	assert_null(json_object_get(f, "status_since"));
	assert_string_equal(diff(f, "riders", "new"), "disability,accident");
	assert_string_equal(diff(f, "financing", "old"), "employee"); /* the commitment's change */
	assert_string_equal(diff(f, "financing", "new"), "mixed");
	assert_string_equal(diff(f, "employer_share", "new"), "50.00");
	assert_null(json_object_get(f, "psv_relevant"));
	assert_null(json_object_get(f, "payment_mode")); /* "monatlich" = monthly: unchanged */
	f = fields_of(r, 1);
	assert_string_equal(diff(f, "payment_mode", "old"), "yearly");
	assert_string_equal(diff(f, "payment_mode", "new"), "quarterly");
	json_decref(r);

	r = run(file2, false, false, NULL);
	assert_int_equal(num(r, "changed"), 2);
	json_decref(r);
	struct insurance_contract ic;
	assert_int_equal(insurance_by_policy(db, emp, "POL-1", &ic), APP_OK);
	assert_int_equal(ic.contribution_cents, 12000);
	assert_string_equal(ic.status, "contribution_free");
	assert_int_equal(ic.status_since, NOW / 86400);
	struct commitment cm;
	assert_int_equal(commitment_get(db, emp, ic.commitment_id, &cm), APP_OK);
	assert_string_equal(cm.financing, "mixed");
	assert_int_equal(cm.employer_share_bp, 5000);
	/* again: unchanged, the status date stays */
	r = run(file2, false, false, NULL);
	assert_int_equal(num(r, "unchanged"), 2);
	json_decref(r);
}

/* Every plausibility rule: the row, the column as written, the rule's own message. */
static void test_each_rule(void **state)
{
	/* a commitment of P2, to name it from P1's row */
	struct insurance_contract ic2;
	assert_int_equal(insurance_by_policy(db, emp, "POL-2", &ic2), APP_OK);
	char csv[8192];
	snprintf(
		csv, sizeof csv,
		"personnel_number,Nachname,policy_number,group_contract,provider,commitment_id,start_date,contribution,"
		"payment_mode,status,status_since,riders,vehicle,commitment_type,financing,employer_share,service_start,"
		"commitment_start,taken_over,original_service_start,original_commitment_start\n"
		",,X1,,,,2024-01-01,50,,,,,,,,,,,,,\n"                                          /* 1 */
		"P1,,,,,,2024-01-01,50,,,,,,,,,,,,,\n"                                           /* 2 */
		"P9,,X3,,,,2024-01-01,50,,,,,,,,,,,,,\n"                                         /* 3 */
		"P1,Wrong,X4,,,,2024-01-01,50,,,,,,,,,,,,,\n"                                    /* 4 */
		"P2,,POL-1,,,,2024-01-01,50,,,,,,,,,,,,,\n"                                      /* 5 */
		"P1,,X6,NOPE,,,2024-01-01,50,,,,,,,,,,,,,\n"                                     /* 6 */
		"P1,,X7,RV-9,,,2024-01-01,50,,,,,,,,,,,,,\n"                                     /* 7 */
		"P1,,X8,,Allgemeine Leben AG,,2024-01-01,50,,,,,,,,,,,,,\n"                      /* 8 */
		"P1,,X9,,,,2024-01-01,50,,,,,DV,LZ,employer,,2015-01-01,2014-01-01,,,\n"         /* 9 */
		"P1,,X10,,,,2024-01-01,50,,,,,DZ,BZML,employer,,2015-01-01,2015-01-01,,,\n"      /* 10 */
		"P1,,X11,,,,2024-01-01,50,,,,,DV,LZ,mixed,,2015-01-01,2015-01-01,,,\n"           /* 11 */
		"P1,,X12,,,,2009-01-01,50,,,,,,,,,,,,,\n"                                        /* 12 */
		"P1,,X13,GV-1,,,2024-01-01,800,,,,,,,,,,,,,\n"                                   /* 13 */
		"P1,,X14,,,,2026-01-01,400,,,,,DV,BOLZ,employee,,2010-04-01,2026-01-01,,,\n"     /* 14 */
		"P1,,X15,,,,2026-01-01,10,,,,,DV,BOLZ,employee,,2010-04-01,2026-01-01,,,\n"      /* 15 */
		"P1,,X16,,,,2030-01-01,100,,,,,DV,BOLZ,employee,,2010-04-01,2026-01-01,,,\n"     /* 16 */
		"P1,,X17,,,,31.02.2024,50,,,,,,,,,,,,,\n"                                        /* 17 */
		"P1,,X18,,,,2024-01-01,\"12,3,4\",,,,,,,,,,,,,\n"                                /* 18 */
		"P1,,X19,,,,2024-01-01,50,wöchentlich,,,,,,,,,,,,\n"                             /* 19 */
		"P1,,X20,,,,2024-01-01,50,,terminated,2023-01-01,,,,,,,,,,\n"                    /* 20 */
		"P1,,X21,,,,2024-01-01,,,,,,,,,,,,,,\n"                                          /* 21 */
		"P1,,X22,,,,2024-01-01,50,,,,,DV,LZ,employer,,2015-01-01,,,,\n"                  /* 22 */
		"P1,,X23,,,%lld,2024-01-01,50,,,,,,,,,,,,,\n"                                    /* 23 */
		"P1,,X24,,,,2024-01-01,50,,,,,,,,,,,,,\n"                                        /* 24 */
		"P1,,X24,,,,2024-01-01,50,,,,,,,,,,,,,\n"                                        /* 25 */
		"P1,,X26,,,,2024-01-01,50,,,,,DV,LZ,employer,,2015-01-01,2015-01-01,ja,,\n"      /* 26 */
		"P1,,X27,,,,2024-01-01,50,,,,Haftpflicht,,,,,,,,,\n"                             /* 27 */
		"P1,,X28,,,,2024-01-01,50,,,,,DV,LZ,employer,,1970-01-01,1971-01-01,,,\n"        /* 28 */
		"P1,,X29,,,,2024-01-01,50,,,,,DV,LZ,employer,20,2015-01-01,2015-01-01,,,\n"      /* 29 */
		"P1,,X30,,,999999,2024-01-01,50,,,,,,,,,,,,,\n",                                 /* 30 */
		(long long)ic2.commitment_id);
	json_t *r = run(csv, true, false, NULL);
	assert_int_equal(num(r, "rows"), 30);
	assert_int_equal(num(r, "new"), 1); /* row 24, whose number row 25 repeats */
	assert_int_equal(num(r, "invalid"), 29);
	size_t i = 0;
	expect_error(r, i++, 1, "personnel_number", "import.no_number");
	expect_error(r, i++, 2, "policy_number", "import.no_policy");
	expect_error(r, i++, 3, "personnel_number", "import.contract.no_employee");
	expect_error(r, i++, 4, "Nachname", "import.contract.name_mismatch");
	expect_error(r, i++, 5, "personnel_number", "import.contract.other_employee");
	expect_error(r, i++, 6, "group_contract", "import.contract.group_unknown");
	expect_error(r, i++, 7, "group_contract", "import.contract.group_ambiguous");
	expect_error(r, i++, 8, "provider", "import.contract.provider_without_group");
	expect_error(r, i++, 9, "commitment_start", "err.contract.commitment_before_service");
	expect_error(r, i++, 10, "commitment_type", "err.contract.bzml_vehicle");
	expect_error(r, i++, 11, "employer_share", "err.required");
	expect_error(r, i++, 12, "start_date", "err.contract.start_before_entry");
	expect_error(r, i++, 13, "contribution", "err.contract.contribution_outside");
	expect_error(r, i++, 14, "contribution", "err.contract.conversion_max"); /* 4.800 € > 4.056 € (2026) */
	expect_error(r, i++, 15, "contribution", "err.contract.conversion_min"); /* 120 € < 296,63 € */
	expect_error(r, i++, 16, "contribution", "err.contract.conversion_year");
	expect_error(r, i++, 17, "start_date", "err.date");
	expect_error(r, i++, 18, "contribution", "err.money");
	expect_error(r, i++, 19, "payment_mode", "err.contract.payment_mode");
	expect_error(r, i++, 20, "status_since", "err.contract.status_before_start");
	expect_error(r, i++, 21, "contribution", "err.required");
	expect_error(r, i++, 22, "commitment_start", "err.required");
	expect_error(r, i++, 23, "commitment_id", "err.contract.commitment_other_employee");
	expect_error(r, i++, 25, "policy_number", "import.duplicate_policy_in_file");
	expect_error(r, i++, 26, "original_service_start", "err.contract.original_required");
	expect_error(r, i++, 27, "riders", "err.contract.riders");
	expect_error(r, i++, 28, "service_start", "err.contract.before_birth");
	expect_error(r, i++, 29, "employer_share", "err.contract.share_only_mixed");
	expect_error(r, i++, 30, "commitment_id", "err.contract.commitment_unknown");
	json_decref(r);

	/* the same row in German: the message in German */
	const char de[] = "Personalnummer;Versicherungsnummer;Vertragsbeginn;Beitrag\nP1;X12;01.01.2009;50\n";
	r               = run_bytes(de, strlen(de), true, false, NULL, LANG_DE, IMPORT_OK, NULL, 0);
	json_t *e       = json_array_get(json_object_get(r, "errors"), 0);
	assert_string_equal(json_string_value(json_object_get(e, "column")), "Vertragsbeginn");
	assert_string_equal(json_string_value(json_object_get(e, "message")),
	                    i18n_text(LANG_DE, "err.contract.start_before_entry"));
	json_decref(r);
}

/* A commitment for a contract that had none; a named commitment; all or nothing. */
static void test_commitments_and_all_or_nothing(void **state)
{
	/* POL-3 for P3: a contract without commitment (no commitment cells) */
	json_t *r = run("personnel_number,policy_number,start_date,contribution\nP3,POL-3,2024-01-01,50\n", false,
	                false, NULL);
	assert_int_equal(num(r, "new"), 1);
	json_decref(r);
	struct insurance_contract ic;
	assert_int_equal(insurance_by_policy(db, emp, "POL-3", &ic), APP_OK);
	assert_int_equal(ic.commitment_id, 0);

	/* now with commitment cells: a new commitment, listed field by field */
	const char add[] = "personnel_number,policy_number,vehicle,commitment_type,financing,service_start,"
	                   "commitment_start\nP3,POL-3,DV,LZ,employer,2020-01-01,2024-01-01\n";
	r                = run(add, false, false, NULL);
	assert_int_equal(num(r, "changed"), 1);
	json_t *f = fields_of(r, 0);
	assert_string_equal(diff(f, "vehicle", "old"), "");
	assert_string_equal(diff(f, "vehicle", "new"), "DV");
	assert_string_equal(diff(f, "commitment_type", "new"), "LZ");
	assert_string_equal(diff(f, "commitment_start", "new"), "2024-01-01");
	json_decref(r);
	assert_int_equal(insurance_by_policy(db, emp, "POL-3", &ic), APP_OK);
	assert_true(ic.commitment_id > 0);
	r = run(add, false, false, NULL); /* and again: the linked commitment is compared */
	assert_int_equal(num(r, "unchanged"), 1);
	json_decref(r);

	/* a second contract under the same (named) commitment */
	char named[256];
	snprintf(named, sizeof named,
	         "personnel_number;policy_number;commitment_id;start_date;contribution\nP3;POL-3B;%lld;2024-06-01;30\n",
	         (long long)ic.commitment_id);
	r = run(named, false, false, NULL);
	assert_int_equal(num(r, "new"), 1);
	json_decref(r);
	struct insurance_contract ic3b;
	assert_int_equal(insurance_by_policy(db, emp, "POL-3B", &ic3b), APP_OK);
	assert_int_equal(ic3b.commitment_id, ic.commitment_id);

	/* all or nothing: one bad row keeps the good one out; without the option it goes in */
	const char mixed[] = "personnel_number,policy_number,start_date,contribution\n"
	                     "P2,POL-AON,2024-01-01,70\nP2,POL-BAD,2024-01-01,\n";
	int before = contracts();
	r          = run(mixed, false, true, NULL);
	assert_false(json_is_true(json_object_get(r, "committed")));
	assert_int_equal(num(r, "new"), 1);
	assert_int_equal(num(r, "invalid"), 1);
	json_decref(r);
	assert_int_equal(contracts(), before);
	r = run(mixed, false, false, NULL);
	assert_true(json_is_true(json_object_get(r, "committed")));
	json_decref(r);
	assert_int_equal(contracts(), before + 1);
}

/* XLSX with typed cells (dates as dates, money as numbers), German words. */
static void test_xlsx(void **state)
{
	static const struct export_col cols[] = {
		{"Personalnummer", EXPORT_TEXT},   {"Versicherungsnummer", EXPORT_TEXT}, {"Vertragsbeginn", EXPORT_DATE},
		{"Beitrag", EXPORT_MONEY},         {"Zahlweise", EXPORT_TEXT},           {"Durchführungsweg", EXPORT_TEXT},
		{"Zusageart", EXPORT_TEXT},        {"Finanzierung", EXPORT_TEXT},
		{"Beginn der Betriebszugehörigkeit", EXPORT_DATE}, {"Beginn der Zusage", EXPORT_DATE},
		{"Bezugsrecht", EXPORT_TEXT},
	};
	day_t start, service;
	assert_true(date_parse("2023-07-01", 10, &start));
	assert_true(date_parse("2000-01-01", 10, &service));
	struct export *x = export_begin(EXPORT_XLSX, "Verträge", cols, sizeof cols / sizeof *cols);
	assert_non_null(x);
	const struct export_cell row[] = {
		{.text = "P2"}, {.text = "XL-1"}, {.value = start, .set = true}, {.value = 123456, .set = true},
		{.text = "jährlich"}, {.text = "Direktversicherung"}, {.text = "Leistungszusage"}, {.text = "Arbeitgeber"},
		{.value = service, .set = true}, {.value = start, .set = true}, {.text = "Arbeitnehmer, widerruflich"},
	};
	assert_true(export_row(x, row));
	struct buf file = {0};
	assert_true(export_finish(x, &file));
	json_t *r = run_bytes(file.p, file.n, false, false, NULL, LANG_EN, IMPORT_OK, NULL, 0);
	if (num(r, "invalid"))
		fail_msg("%s", json_string_value(json_object_get(json_array_get(json_object_get(r, "errors"), 0), "message")));
	assert_int_equal(num(r, "new"), 1);
	json_decref(r);
	struct insurance_contract ic;
	assert_int_equal(insurance_by_policy(db, emp, "XL-1", &ic), APP_OK);
	assert_int_equal(ic.start_date, start);
	assert_int_equal(ic.contribution_cents, 123456);
	assert_string_equal(ic.payment_mode, "yearly");
	assert_string_equal(ic.beneficiary, "employee_revocable");
	struct commitment cm;
	assert_int_equal(commitment_get(db, emp, ic.commitment_id, &cm), APP_OK);
	assert_string_equal(cm.vehicle, "DV");
	assert_string_equal(cm.type, "LZ");
	assert_string_equal(cm.financing, "employer");
	assert_true(cm.psv_relevant); /* DV with a revocable beneficiary: § 10 BetrAVG, by the law engine */
	r = run_bytes(file.p, file.n, false, false, NULL, LANG_EN, IMPORT_OK, NULL, 0);
	assert_int_equal(num(r, "unchanged"), 1);
	json_decref(r);
	buf_free(&file);
}

static void progress(size_t rows, void *ctx)
{
	size_t *calls = ctx;
	assert_int_equal(rows, (*calls + 1) * 1000);
	++*calls;
}

/* The progress the command line shows on a terminal: every 1,000 rows, for contracts too. */
static void test_progress(void **state)
{
	struct buf file = {0};
	buf_adds(&file, "personnel_number;policy_number;start_date;contribution\n");
	for (int i = 0; i < 2500; i++) {
		char line[64];
		snprintf(line, sizeof line, "P1;BULK-%05d;2024-01-01;50\n", i);
		buf_adds(&file, line);
	}
	size_t             calls = 0;
	struct import_opts o     = {.kind = IMPORT_CONTRACTS, .employer_id = emp, .dry_run = true, .now = NOW,
	                            .lang = LANG_EN, .progress = progress, .progress_ctx = &calls};
	json_t *report = NULL;
	char    why[256];
	assert_int_equal(import_run(db, (const unsigned char *)file.p, file.n, &o, &report, why, sizeof why), IMPORT_OK);
	assert_int_equal(calls, 2);
	assert_int_equal(num(report, "new"), 2500);
	assert_int_equal(json_array_size(json_object_get(report, "changes")), 1000); /* listed at most 1,000 */
	json_decref(report);
	buf_free(&file);
}

static void test_bad_header(void **state)
{
	char    why[256];
	const char *h1 = "personnel_number,contribution\nP1,5\n", *h2 = "Versicherungsnummer;Beitrag\nX;5\n",
	           *h3 = "policy_number,Police,personnel_number\n";
	json_t *r = run_bytes(h1, strlen(h1), true, false, NULL, LANG_EN, IMPORT_BAD_HEADER,
	                      why, sizeof why);
	assert_null(r);
	assert_string_equal(why, i18n_text(LANG_EN, "import.no_policy_column"));
	r = run_bytes(h2, strlen(h2), true, false, NULL, LANG_DE, IMPORT_BAD_HEADER, why,
	              sizeof why);
	assert_string_equal(why, i18n_text(LANG_DE, "import.no_number_column"));
	r = run_bytes(h3, strlen(h3), true, false, NULL, LANG_EN, IMPORT_BAD_HEADER, why,
	              sizeof why);
	assert_non_null(strstr(why, "Police"));
	static const unsigned char zip[] = {'P', 'K', 3, 4, 0, 0, 0};
	run_bytes(zip, sizeof zip, true, false, NULL, LANG_EN, IMPORT_BAD_FILE, NULL, 0);
	enum import_kind k;
	assert_true(import_kind_from_name("contracts", &k) && k == IMPORT_CONTRACTS);
	assert_false(import_kind_from_name("providers", &k));
	assert_string_equal(import_kind_name(IMPORT_CONTRACTS), "contracts");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_commit_again),
		cmocka_unit_test(test_change_german_cp1252),
		cmocka_unit_test(test_each_rule),
		cmocka_unit_test(test_commitments_and_all_or_nothing),
		cmocka_unit_test(test_xlsx),
		cmocka_unit_test(test_progress),
		cmocka_unit_test(test_bad_header),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
