/*
 * gen.c — a database at realistic size for the benchmarks: N employers, each
 * with a group contract and its share of the employees, and an insurance
 * contract with its commitment (salary conversion) for every second employee.
 *
 *   gen --db URL [--employers 1000] [--employees 1000000] [--quiet]
 *
 * Everything goes through the application's own paths — employer_create,
 * group_contract_create, and the bulk import (app/import.c) of a CSV made in
 * memory per employer — so the data passes every rule and the history is
 * written as in production, on whichever backend the URL names.  It also
 * makes the logins the benchmark signs in with (password `openbav-bench`):
 * bench-operator@openbav.test (operator admin) and bench-hr@openbav.test (HR
 * of employer 1).  Deterministic: the same arguments give the same data.
 */
#include <inttypes.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/auth.h"
#include "app/authz.h"
#include "app/contracts.h"
#include "app/demo.h"
#include "app/employers.h"
#include "app/import.h"
#include "app/providers.h"
#include "base/buf.h"
#include "base/jalloc.h"
#include "core/validate.h"
#include "db/db.h"
#include "http/i18n.h"

static const char bench_password[] = "openbav-bench";

static int die(const char *what, const char *detail)
{
	fprintf(stderr, "gen: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	return 1;
}

/* An eight-digit Betriebsnummer with a valid check digit (DOMAIN 9.3). */
static void betriebsnummer(unsigned i, char out[9])
{
	for (unsigned d = 0;; d = (d + 1) % 10) {
		snprintf(out, 9, "%03u%04u%u", 100 + i % 900, i / 900 % 10000, d);
		if (validate_betriebsnummer(out, 8) == VALID_OK)
			return;
		if (d == 9) /* no digit fits this stem: take the next stem */
			i += 900 * 10000;
	}
}

static const char *const last_names[]  = {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer",
                                          "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch"};
static const char *const first_names[] = {"Anna", "Jonas", "Lena", "Paul", "Marie", "Felix", "Sophie", "Lukas"};

/* One employer's employees (e in [first, first + n)) and their contracts as CSV. */
static void employees_csv(struct buf *emp, struct buf *con, unsigned employer, long first, long n)
{
	buf_adds(emp, "personnel_number;last_name;first_name;birth_date;entry_date;email;iban;svnr;steuer_id;"
	              "tax_class;monthly_gross\n");
	buf_adds(con, "personnel_number;policy_number;group_contract;start_date;contribution;commitment_type;"
	              "financing;service_start;commitment_start\n");
	for (long k = 0; k < n; k++) {
		long     i = first + k + 1;
		unsigned s = (unsigned)i * 2654435761u;
		int      y = 1960 + (int)(s % 40), m = 1 + (int)(s / 40 % 12), d = 1 + (int)(s / 480 % 28);
		int      ey = y + 20 + (int)(s % 10), em = 1 + (int)(s % 12);
		if (ey > 2025)
			ey = 2025;
		char iban[23], svnr[13], tid[12];
		demo_iban((unsigned)i, iban);
		demo_svnr((unsigned)i, y, m, d, last_names[s % 12][0], i % 2, svnr);
		demo_steuer_id((unsigned)i, tid);
		buf_printf(emp, "P%06ld;%s;%s;%02d.%02d.%04d;%04d-%02d-01;p%ld@example.test;%s;%s;%s;%d;%u,%02u\n", k + 1,
		           last_names[s % 12], first_names[s / 12 % 8], d, m, y, ey, em, i, iban, svnr, tid,
		           1 + (int)(s % 5), 2000 + s % 6000, s % 100);
		if (k % 2 == 0) {
			int cy = ey < 2015 ? 2015 : ey, cm = ey < 2015 ? 1 : em;
			buf_printf(con, "P%06ld;V%u-%06ld;GV-%u;%04d-%02d-01;%u,00;BOLZ;employee;%04d-%02d-01;%04d-%02d-01\n",
			           k + 1, employer, k + 1, employer, cy, cm, 50 + s % 150, ey, em, cy, cm);
		}
	}
}

static int import(struct db *db, enum import_kind kind, int64_t employer, const struct buf *csv, long *rows)
{
	struct import_opts o = {.kind = kind, .employer_id = employer, .now = (int64_t)time(NULL), .lang = LANG_EN};
	json_t            *report = NULL;
	char               why[256];
	if (import_run(db, (const unsigned char *)csv->p, csv->n, &o, &report, why, sizeof why) != IMPORT_OK)
		return die("import", why);
	json_int_t invalid = json_integer_value(json_object_get(report, "invalid"));
	*rows += (long)json_integer_value(json_object_get(report, "new"));
	if (invalid) {
		char *s = json_dumps(json_array_get(json_object_get(report, "errors"), 0), 0);
		fprintf(stderr, "gen: %" JSON_INTEGER_FORMAT " invalid rows, first: %s\n", invalid, s ? s : "?");
		free(s);
		json_decref(report);
		return 1;
	}
	json_decref(report);
	return 0;
}

static int64_t user(struct db *db, const char *email, const char *name, enum role op, int64_t employer,
                    const char *role)
{
	if (db_begin_write(db) != DB_OK)
		return 0;
	int64_t id = auth_user_create(db, email, name, bench_password, op, (int64_t)time(NULL));
	if (id && employer) {
		struct db_q *q = db_q(db, STMT_MEMBERSHIP_INSERT);
		db_bind_int(q, 1, id);
		db_bind_int(q, 2, employer);
		db_bind_str(q, 3, role);
		if (db_exec(q) != DB_DONE)
			id = 0;
	}
	if (!id || db_commit(db) != DB_OK) {
		db_rollback(db);
		return 0;
	}
	return id;
}

int main(int argc, char **argv)
{
	const char *url       = getenv("OPENBAV_DB");
	long        employers = 1000, employees = 1000000;
	bool        quiet     = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc)
			url = argv[++i];
		else if (!strcmp(argv[i], "--employers") && i + 1 < argc)
			employers = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--employees") && i + 1 < argc)
			employees = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--quiet"))
			quiet = true;
		else {
			fputs("usage: gen --db URL [--employers N] [--employees N] [--quiet]\n", stderr);
			return 2;
		}
	}
	if (!url || employers < 1 || employers > 100000 || employees < employers || employees > 10000000) {
		fputs("gen: --db URL, 1 ≤ employers ≤ 100,000, employers ≤ employees ≤ 10,000,000\n", stderr);
		return 2;
	}
	jalloc_install();
	if (sodium_init() < 0)
		return die("libsodium", NULL);
	i18n_init();
	char       err[512];
	struct db *db = db_open(url, err, sizeof err);
	if (!db)
		return die("open", err);
	if (db_migrate(db, err, sizeof err) < 0)
		return die("migrate", err);

	int64_t        now = (int64_t)time(NULL), provider = 0;
	struct app_err e   = {0};
	if (db_begin_write(db) != DB_OK)
		return die("begin", db_errmsg(db));
	e = provider_create(db, "Bench Lebensversicherung AG", "DV,PK", now, &provider);
	if (e.rc != APP_OK || db_commit(db) != DB_OK)
		return die("provider", e.key);

	time_t t0 = time(NULL);
	long   emp_rows = 0, con_rows = 0;
	for (long i = 1; i <= employers; i++) {
		char bn[9], name[64], pid[24], number[24];
		betriebsnummer((unsigned)i, bn);
		snprintf(name, sizeof name, "Bench %ld GmbH", i);
		struct employer_input ein = {name, "Hauptstraße 1", "10115", "Berlin", bn};
		int64_t               eid = 0, gid = 0;
		snprintf(pid, sizeof pid, "%" PRId64, provider);
		snprintf(number, sizeof number, "GV-%ld", i);
		struct group_contract_input gin = {.provider_id = pid, .number = number, .product_line = "Bench Rente",
		                                   .vehicle = "DV", .subsidy_rule = "statutory15",
		                                   .contribution_min = "25,00", .contribution_max = "500,00"};
		if (db_begin_write(db) != DB_OK)
			return die("begin", db_errmsg(db));
		e = employer_create(db, &ein, now, &eid);
		if (e.rc == APP_OK)
			e = group_contract_create(db, eid, &gin, now, 0, &gid);
		if (e.rc != APP_OK || db_commit(db) != DB_OK)
			return die("employer or group contract", e.field ? e.field : e.key);
		long       first = employees * (i - 1) / employers, n = employees * i / employers - first;
		struct buf emp = {0}, con = {0};
		employees_csv(&emp, &con, (unsigned)i, first, n);
		int rc = import(db, IMPORT_EMPLOYEES, eid, &emp, &emp_rows) || import(db, IMPORT_CONTRACTS, eid, &con, &con_rows);
		buf_free(&emp);
		buf_free(&con);
		if (rc)
			return 1;
		if (!quiet && (i % 50 == 0 || i == employers))
			fprintf(stderr, "\rgen: %ld/%ld employers, %ld employees, %ld contracts (%lds)", i, employers,
			        emp_rows, con_rows, (long)(time(NULL) - t0));
	}
	if (!quiet)
		fputc('\n', stderr);
	if (!user(db, "bench-operator@openbav.test", "Bench Operator", ROLE_OPERATOR_ADMIN, 0, NULL) ||
	    !user(db, "bench-hr@openbav.test", "Bench HR", ROLE_NONE, 1, "hr"))
		return die("users", db_errmsg(db));
	printf("{\"employers\": %ld, \"employees\": %ld, \"contracts\": %ld, \"seconds\": %ld}\n", employers, emp_rows,
	       con_rows, (long)(time(NULL) - t0));
	db_close(db);
	return 0;
}
