/*
 * demo.c — the demo tenants and people.  Generates plausible German master
 * data from fixed name lists and a fixed pseudo-random sequence; check
 * digits are found by asking core/validate, so demo data is valid by the
 * same rules as real input.  Writes everything in one transaction.
 */
#include "app/demo.h"
#include "app/auth.h"
#include "app/contracts.h"
#include "app/providers.h"
#include "app/employees.h"
#include "app/employers.h"
#include "core/validate.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

const struct demo_user demo_users[] = {
	{"operator@openbav.test", "Olga Operator", "role.operator_admin", "operator admin"},
	{"admin@muster.test", "Martin Muster", "role.employer_admin", "employer admin, Muster GmbH"},
	{"hr@muster.test", "Hanna Roth", "role.hr", "HR clerk, Muster GmbH"},
	{"anna.berger@muster.test", "Anna Berger", "role.employee", "employee, Muster GmbH"},
	{"admin@beispiel.test", "Bernd Beispiel", "role.employer_admin", "employer admin, Beispiel AG"},
	{"jan.vogel@beispiel.test", "Jan Vogel", "role.employee", "employee, Beispiel AG"},
	{"makler@vermittler.test", "Max Makler", "role.broker", "broker for Muster GmbH"},
};
const int demo_users_count = sizeof demo_users / sizeof *demo_users;

static const char *const last_names[] = {
	"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
	"Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
	"Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt",
	"Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler",
	"Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang", "Scholz",
	"Möller", "Weiß", "Jung", "Hahn", "Schubert"};
static const char *const first_f[] = {"Maria", "Ursula", "Monika", "Petra", "Sabine", "Julia",
                                      "Laura", "Lena", "Sophie", "Katharina", "Claudia", "Nicole",
                                      "Andrea", "Stefanie", "Jana", "Elif", "Zeynep", "Leonie"};
static const char *const first_m[] = {"Thomas", "Michael", "Andreas", "Stefan", "Peter", "Lukas",
                                      "Jonas", "Felix", "Paul", "Tobias", "Daniel", "Markus",
                                      "Alexander", "Christian", "Mehmet", "Niklas", "Florian", "Jan"};

static unsigned next_rand(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 8) & 0xffffffu;
}

void demo_iban(unsigned seed, char out[23])
{
	unsigned s = seed;
	char     bban[19];
	snprintf(bban, sizeof bban, "%08u%05u%05u", 10000000u + next_rand(&s) % 89999999u,
	         next_rand(&s) % 100000u, next_rand(&s) % 100000u);
	for (int check = 2; check <= 98; check++) {
		snprintf(out, 23, "DE%02d%s", check, bban);
		if (validate_iban(out, 22) == VALID_OK)
			return;
	}
}

void demo_svnr(unsigned seed, int y, int m, int d, char initial, bool female, char out[13])
{
	static const int areas[] = {12, 13, 15, 17, 18, 19, 23, 24, 25, 26, 28, 53, 65};
	unsigned         s       = seed;
	int              area    = areas[next_rand(&s) % (sizeof areas / sizeof *areas)];
	int              serial  = (int)(next_rand(&s) % 50) + (female ? 50 : 0);
	for (int c = 0; c <= 9; c++) {
		char v[40];
		snprintf(v, sizeof v, "%02d%02d%02d%02d%c%02d%d", area % 100, d % 100, m % 100, y % 100,
		         initial, serial % 100, c);
		if (strlen(v) == 12 && validate_svnr(v, 12) == VALID_OK) {
			memcpy(out, v, 13);
			return;
		}
	}
	out[0] = '\0';
}

void demo_steuer_id(unsigned seed, char out[12])
{
	unsigned s = seed;
	for (;;) {
		out[0] = (char)('1' + next_rand(&s) % 9);
		for (int i = 1; i < 10; i++)
			out[i] = (char)('0' + next_rand(&s) % 10);
		for (int c = 0; c <= 9; c++) {
			out[10] = (char)('0' + c);
			out[11] = '\0';
			if (validate_steuer_id(out, 11) == VALID_OK)
				return;
		}
	}
}

/* ASCII initial of the (possibly umlauted) last name for the SVNR. */
static char initial_of(const char *name)
{
	unsigned char c = (unsigned char)name[0];
	if (c == 0xC3) {
		unsigned char d = (unsigned char)name[1];
		return d == 0x84 ? 'A' : d == 0x96 ? 'O' : d == 0x9C ? 'U' : 'X';
	}
	return (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
}

static void ascii_mail(char *dst, size_t n, const char *src)
{
	size_t o = 0;
	for (size_t i = 0; src[i] && o + 3 < n; i++) {
		unsigned char c = (unsigned char)src[i];
		if (c == 0xC3 && src[i + 1]) {
			unsigned char d = (unsigned char)src[++i];
			const char   *rep = d == 0xA4 ? "ae" : d == 0xB6 ? "oe" : d == 0xBC ? "ue" : d == 0x9F ? "ss" : "";
			for (; *rep && o + 1 < n; rep++)
				dst[o++] = *rep;
		} else if (c >= 'A' && c <= 'Z')
			dst[o++] = (char)(c + 32);
		else if ((c >= 'a' && c <= 'z') || c == '.')
			dst[o++] = (char)c;
	}
	dst[o] = '\0';
}

static int add_person(struct db *db, int64_t employer, const char *domain, unsigned seed,
                      const char *first, const char *last, bool female, int number, int64_t now,
                      int64_t *id, char *err, size_t errsz)
{
	unsigned s = seed;
	int      y = 1962 + (int)(next_rand(&s) % 40), m = 1 + (int)(next_rand(&s) % 12),
	    d = 1 + (int)(next_rand(&s) % 28);
	int ey = y + 18 + (int)(next_rand(&s) % 20);
	if (ey > 2025)
		ey = 2025;
	char birth[24], entry[24], pnr[24], mail[160], fl[64], ll[64], iban[23], svnr[13], tid[12],
		gross[32], tax[16];
	snprintf(birth, sizeof birth, "%04d-%02d-%02d", y, m, d);
	snprintf(entry, sizeof entry, "%04d-%02d-01", ey, 1 + (int)(next_rand(&s) % 12));
	snprintf(pnr, sizeof pnr, "%c%05d", domain[0] == 'm' ? 'M' : 'B', number);
	ascii_mail(fl, sizeof fl, first);
	ascii_mail(ll, sizeof ll, last);
	snprintf(mail, sizeof mail, "%s.%s@%s", fl, ll, domain);
	demo_iban(seed * 7 + 1, iban);
	demo_svnr(seed * 11 + 3, y, m, d, initial_of(last), female, svnr);
	demo_steuer_id(seed * 13 + 5, tid);
	snprintf(gross, sizeof gross, "%u,%02u", 2400 + next_rand(&s) % 5600, next_rand(&s) % 100);
	snprintf(tax, sizeof tax, "%u", 1 + next_rand(&s) % 5);
	/* What the payroll needs (the net-cost page's defaults), from the seed so
	 * the values above stay as they were: the employer's Land, statutory
	 * insurance with one of a few additional rates, church tax for a third,
	 * child allowances for a single parent (tax class 2) and some others. */
	static const char *const rates[] = {"2,50", "2,90", "3,20", "2,69"};
	static const char *const allowances[] = {"0", "0,5", "0", "1", "0", "1,5"};
	struct employee_input in = {.personnel_number = pnr, .last_name = last, .first_name = first,
	                            .birth_date = birth, .entry_date = entry, .email = mail,
	                            .iban = iban, .svnr = svnr, .steuer_id = tid, .tax_class = tax,
	                            .monthly_gross = gross, .federal_state = domain[0] == 'm' ? "BE" : "BY",
	                            .health_insurance = "statutory", .health_additional_rate = rates[seed % 4],
	                            .church_tax = seed % 3 == 2 ? "true" : "false",
	                            .child_allowances = tax[0] == '2' ? "1" : allowances[seed % 6]};
	struct app_err e = employee_create(db, employer, &in, now, 0, id);
	if (e.rc != APP_OK) {
		snprintf(err, errsz, "demo employee %s %s: %s %s", first, last, e.field ? e.field : "", e.key);
		return -1;
	}
	return 0;
}

static int64_t add_employer(struct db *db, const char *name, const char *street, const char *pc,
                            const char *city, const char *bn, int64_t now)
{
	struct employer_input in = {name, street, pc, city, bn};
	int64_t               id = 0;
	return employer_create(db, &in, now, &id).rc == APP_OK ? id : 0;
}

static bool member(struct db *db, int64_t user, int64_t employer, const char *role)
{
	struct db_q *q = db_q(db, STMT_MEMBERSHIP_INSERT);
	db_bind_int(q, 1, user);
	db_bind_int(q, 2, employer);
	db_bind_str(q, 3, role);
	return db_exec(q) == DB_DONE;
}

static bool link(struct db *db, int64_t employer, int64_t employee, int64_t user)
{
	struct db_q *q = db_q(db, STMT_EMPLOYEE_LINK_USER);
	db_bind_int(q, 1, employer);
	db_bind_int(q, 2, employee);
	db_bind_int(q, 3, user);
	return db_exec(q) == DB_DONE;
}

/* A commitment and an insurance contract under the employer's group contract,
 * starting on the entry date. */
static int add_contracts(struct db *db, int64_t employer, int64_t employee, int64_t group, bool employer_paid,
                         const char *policy_prefix, int number, int64_t now, char *err, size_t errsz)
{
	struct employee e;
	if (employee_get(db, employer, employee, &e) != APP_OK) {
		snprintf(err, errsz, "demo contracts: employee %lld not found", (long long)employee);
		return -1;
	}
	char start[11], gid[24], cid[24], policy[40], contribution[24];
	date_format_iso(e.entry_date, start);
	snprintf(gid, sizeof gid, "%lld", (long long)group);
	struct commitment_input ci = {.group_contract_id = gid, .type = employer_paid ? "LZ" : "BOLZ",
	                              .financing = employer_paid ? "employer" : "employee", .service_start = start,
	                              .commitment_start = start};
	int64_t        id = 0;
	struct app_err r  = commitment_create(db, employer, employee, &ci, now, 0, &id);
	if (r.rc == APP_OK) {
		snprintf(cid, sizeof cid, "%lld", (long long)id);
		snprintf(policy, sizeof policy, "%s-%06d", policy_prefix, 100000 + number * 37);
		/* salary conversion stays within § 1a BetrAVG of every year since
		 * 2002: the lowest maximum is 2.160 € (2002) = 180 € a month */
		int euros = 50 + (number * 29) % 200;
		if (!employer_paid && euros > 180)
			euros = 180;
		snprintf(contribution, sizeof contribution, "%d,00", euros);
		struct insurance_input ii = {.commitment_id = cid, .policy_number = policy,
		                             .tariff = employer_paid ? "PF-Klassik 2024" : "bAV-Rente Plus",
		                             .start_date = start, .contribution = contribution,
		                             .riders = number % 3 ? "" : "disability"};
		r = insurance_create(db, employer, employee, &ii, now, 0, NULL);
	}
	if (r.rc != APP_OK) {
		snprintf(err, errsz, "demo contracts for %s %s: %s %s", e.first_name, e.last_name, r.field ? r.field : "",
		         r.key);
		return -1;
	}
	return 0;
}

/* Two providers and one group contract per employer (ids in groups[0], [1]). */
static int add_group_contracts(struct db *db, int64_t muster, int64_t beispiel, int64_t now, int64_t groups[2],
                               char *err, size_t errsz)
{
	int64_t alv = 0, pfn = 0;
	struct app_err r = provider_create(db, "Allgemeine Lebensversicherung AG", "DV,PK", now, &alv);
	if (r.rc == APP_OK)
		r = provider_create(db, "Pensionsfonds Nord", "PF", now, &pfn);
	char a[24], b[24];
	snprintf(a, sizeof a, "%lld", (long long)alv);
	snprintf(b, sizeof b, "%lld", (long long)pfn);
	struct group_contract_input gm = {a, "KV-2019-0042", "bAV-Rente Plus", "DV", "statutory15", NULL, "25,00", "700,00"};
	struct group_contract_input gb = {b, "PFN-7781", "PF-Klassik", "PF", "percent", "20", "20,00", "500,00"};
	if (r.rc == APP_OK)
		r = group_contract_create(db, muster, &gm, now, 0, &groups[0]);
	if (r.rc == APP_OK)
		r = group_contract_create(db, beispiel, &gb, now, 0, &groups[1]);
	if (r.rc != APP_OK) {
		snprintf(err, errsz, "demo providers and group contracts: %s %s", r.field ? r.field : "", r.key);
		return -1;
	}
	return 0;
}

static int fill(struct db *db, int extra, char *err, size_t errsz)
{
	int64_t now = (int64_t)time(NULL);
	int64_t muster = add_employer(db, "Muster GmbH", "Musterstraße 1", "10115", "Berlin", "09912342", now);
	int64_t beispiel = add_employer(db, "Beispiel AG", "Beispielweg 7", "80331", "München", "15012346", now);
	if (!muster || !beispiel) {
		snprintf(err, errsz, "cannot create the demo employers: %s", db_errmsg(db));
		return -1;
	}
	int64_t uid[7];
	for (int i = 0; i < demo_users_count; i++) {
		uid[i] = auth_user_create(db, demo_users[i].email, demo_users[i].name, DEMO_PASSWORD,
		                          i == 0 ? ROLE_OPERATOR_ADMIN : ROLE_NONE, now);
		if (!uid[i]) {
			snprintf(err, errsz, "cannot create user %s: %s", demo_users[i].email, db_errmsg(db));
			return -1;
		}
	}
	if (!member(db, uid[1], muster, "employer_admin") || !member(db, uid[2], muster, "hr") ||
	    !member(db, uid[3], muster, "employee") || !member(db, uid[4], beispiel, "employer_admin") ||
	    !member(db, uid[5], beispiel, "employee") || !member(db, uid[6], muster, "broker")) {
		snprintf(err, errsz, "cannot create memberships: %s", db_errmsg(db));
		return -1;
	}
	int64_t id, groups[2];
	if (add_group_contracts(db, muster, beispiel, now, groups, err, errsz))
		return -1;
	if (add_person(db, muster, "muster.test", 1, "Anna", "Berger", true, 1, now, &id, err, errsz) ||
	    !link(db, muster, id, uid[3]) || add_contracts(db, muster, id, groups[0], false, "ALV", 1, now, err, errsz))
		return -1;
	if (add_person(db, beispiel, "beispiel.test", 2, "Jan", "Vogel", false, 1, now, &id, err, errsz) ||
	    !link(db, beispiel, id, uid[5]) || add_contracts(db, beispiel, id, groups[1], true, "PFN", 1, now, err, errsz))
		return -1;
	struct {
		int64_t     id;
		const char *domain;
		int         count;
	} firms[2] = {{muster, "muster.test", 44 + extra}, {beispiel, "beispiel.test", 41}};
	unsigned seed = 1000;
	for (int f = 0; f < 2; f++)
		for (int k = 2; k <= firms[f].count; k++) {
			seed++;
			bool        female = seed % 2;
			const char *first  = female ? first_f[(seed / 2) % 18] : first_m[(seed / 2) % 18];
			const char *last   = last_names[(seed * 7) % 50];
			if (add_person(db, firms[f].id, firms[f].domain, seed, first, last, female, k, now, &id, err, errsz))
				return -1;
			/* about half the people: contracts at the employer's provider */
			if (k % 2 == 0 && add_contracts(db, firms[f].id, id, groups[f], f == 1, f ? "PFN" : "ALV", k, now, err,
			                                errsz))
				return -1;
		}
	return 0;
}

int demo_fill(struct db *db, int extra_employees, char *err, size_t errsz)
{
	struct db_q *q = db_q(db, STMT_EMPLOYER_COUNT);
	int64_t      n = db_step(q) == DB_ROW ? db_col_int(q, 0) : -1;
	db_q_done(q);
	if (n != 0) {
		snprintf(err, errsz, n < 0 ? "cannot read the database" : "the database already holds data");
		return n < 0 ? -1 : 1;
	}
	if (db_begin_write(db) != DB_OK) {
		snprintf(err, errsz, "cannot begin: %s", db_errmsg(db));
		return -1;
	}
	if (fill(db, extra_employees, err, errsz) || db_commit(db) != DB_OK) {
		db_rollback(db);
		return -1;
	}
	return 0;
}
