/*
 * employees.c — the employee records of one employer.  The only place that
 * knows an employee's field rules; the web handlers, the API and (later) the
 * import all go through employee_apply().  Every statement binds the
 * employer id.
 */
#include "app/employees.h"
#include "core/validate.h"
#include "app/history.h"
#include "app/fields.h"

#include <stdio.h>

#include "base/str.h"
#include <stdlib.h>
#include <string.h>

enum { GROSS_MAX_CENTS = 100000000 }; /* 1,000,000.00 € a month */

/* ASCII and Latin-1 upper case to lower case, in UTF-8; the search column
 * and the search term go through the same function. */
static void fold(char *dst, size_t dstsz, const char *src)
{
	size_t o = 0;
	for (size_t i = 0; src[i] && o + 2 < dstsz; i++) {
		unsigned char c = (unsigned char)src[i];
		if (c >= 'A' && c <= 'Z')
			c += 32;
		else if (c == 0xC3 && src[i + 1]) {
			unsigned char d = (unsigned char)src[i + 1];
			if (d >= 0x80 && d <= 0x9E && d != 0x97)
				d += 0x20;
			dst[o++] = (char)c;
			dst[o++] = (char)d;
			i++;
			continue;
		}
		dst[o++] = (char)c;
	}
	dst[o] = '\0';
}

/* Sort key after DIN 5007-1 (umlauts sorted as their base letter, ß as ss),
 * lower case, so that byte order of the key is the order a German reader
 * expects: Köhler before Krüger, Schäfer before Schmidt. */
static void sort_key(char *dst, size_t dstsz, const char *last, const char *first)
{
	char   tmp[512];
	size_t o = 0;
	snprintf(tmp, sizeof tmp, "%s\x1f%s", last, first);
	for (size_t i = 0; tmp[i] && o + 3 < dstsz; i++) {
		unsigned char c = (unsigned char)tmp[i];
		if (c == 0xC3 && tmp[i + 1]) {
			unsigned char raw  = (unsigned char)tmp[++i];
			unsigned char d    = raw == 0x9F ? raw : raw | 0x20; /* Latin-1 capitals folded; ß kept */
			const char   *base = d == 0x9F ? "ss" : d == 0xA4 ? "a" : d == 0xB6 ? "o" : d == 0xBC ? "u" : NULL;
			if (base)
				for (; *base && o + 1 < dstsz; base++)
					dst[o++] = *base;
			else {
				dst[o++] = (char)c;
				dst[o++] = (char)d;
			}
			continue;
		}
		dst[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	dst[o] = '\0';
}

/* "%term%" with LIKE wildcards escaped, or "" for no filter. */
void employees_like_pattern(char *dst, size_t dstsz, const char *q)
{
	char folded[256];
	fold(folded, sizeof folded, q ? q : "");
	if (!folded[0]) {
		dst[0] = '\0';
		return;
	}
	size_t o = 0;
	dst[o++] = '%';
	for (size_t i = 0; folded[i] && o + 4 < dstsz; i++) {
		if (folded[i] == '%' || folded[i] == '_' || folded[i] == '\\')
			dst[o++] = '\\';
		dst[o++] = folded[i];
	}
	dst[o++] = '%';
	dst[o]   = '\0';
}

/* Columns 0..8: EMPLOYEE_LIST_COLS, the start of EMPLOYEE_COLS. */
static void read_list_row(struct db_q *q, struct employee *e)
{
	e->id          = db_col_int(q, 0);
	e->employer_id = db_col_int(q, 1);
	str_copy(e->personnel_number, sizeof e->personnel_number, db_col_text(q, 2));
	str_copy(e->last_name, sizeof e->last_name, db_col_text(q, 3));
	str_copy(e->first_name, sizeof e->first_name, db_col_text(q, 4));
	e->birth_date = (day_t)db_col_int(q, 5);
	if ((e->has_entry = !db_col_null(q, 6)))
		e->entry_date = (day_t)db_col_int(q, 6);
	if ((e->has_exit = !db_col_null(q, 7)))
		e->exit_date = (day_t)db_col_int(q, 7);
	str_copy(e->email, sizeof e->email, db_col_text(q, 8));
}

static void read_row(struct db_q *q, struct employee *e)
{
	memset(e, 0, sizeof *e);
	read_list_row(q, e);
	str_copy(e->iban, sizeof e->iban, db_col_text(q, 9));
	str_copy(e->svnr, sizeof e->svnr, db_col_text(q, 10));
	str_copy(e->steuer_id, sizeof e->steuer_id, db_col_text(q, 11));
	e->tax_class = db_col_null(q, 12) ? 0 : (int)db_col_int(q, 12);
	if ((e->has_gross = !db_col_null(q, 13)))
		e->monthly_gross_cents = db_col_int(q, 13);
	e->user_id    = db_col_null(q, 14) ? 0 : db_col_int(q, 14);
	e->updated_at = db_col_int(q, 15);
	/* migration 003: columns 16..28 */
	str_copy(e->sex, sizeof e->sex, db_col_text(q, 16));
	str_copy(e->street, sizeof e->street, db_col_text(q, 17));
	str_copy(e->postcode, sizeof e->postcode, db_col_text(q, 18));
	str_copy(e->city, sizeof e->city, db_col_text(q, 19));
	str_copy(e->phone, sizeof e->phone, db_col_text(q, 20));
	if ((e->has_child_allowance = !db_col_null(q, 21)))
		e->child_allowance_tenths = (int)db_col_int(q, 21);
	if ((e->has_church_tax = !db_col_null(q, 22)))
		e->church_tax = db_col_int(q, 22) != 0;
	str_copy(e->health_insurance, sizeof e->health_insurance, db_col_text(q, 23));
	if ((e->has_health_additional = !db_col_null(q, 24)))
		e->health_additional_bp = (int)db_col_int(q, 24);
	str_copy(e->federal_state, sizeof e->federal_state, db_col_text(q, 25));
	if ((e->has_probation = !db_col_null(q, 26)))
		e->probation_end = (day_t)db_col_int(q, 26);
	str_copy(e->exit_reason, sizeof e->exit_reason, db_col_text(q, 27));
	if ((e->has_weekly_hours = !db_col_null(q, 28)))
		e->weekly_hours_centi = (int)db_col_int(q, 28);
}

/* The rows of a list statement (EMPLOYEE_LIST_COLS) to fn. */
static enum app_rc each_list_row(struct db_q *s, employee_fn fn, void *ctx)
{
	enum db_rc      rc;
	struct employee e;
	memset(&e, 0, sizeof e); /* the columns not listed stay empty */
	while ((rc = db_step(s)) == DB_ROW) {
		read_list_row(s, &e);
		fn(&e, ctx);
	}
	db_q_done(s);
	return rc == DB_DONE ? APP_OK : APP_ERROR;
}

enum app_rc employees_page(struct db *db, int64_t employer_id, const char *q, int64_t limit,
                           int64_t offset, int64_t *total, employee_fn fn, void *ctx)
{
	char pat[600];
	employees_like_pattern(pat, sizeof pat, q);
	/* Unfiltered: the total kept by the database; filtered: counted. */
	struct db_q *s = db_q(db, pat[0] ? STMT_EMPLOYEE_COUNT : STMT_EMPLOYEE_TOTAL);
	db_bind_int(s, 1, employer_id);
	if (pat[0])
		db_bind_str(s, 2, pat);
	if (db_one_int(s, total) != DB_ROW)
		return APP_ERROR;

	s     = db_q(db, pat[0] ? STMT_EMPLOYEE_LIST_SEARCH : STMT_EMPLOYEE_LIST_PAGE);
	int i = 1;
	db_bind_int(s, i++, employer_id);
	if (pat[0])
		db_bind_str(s, i++, pat);
	db_bind_int(s, i++, limit);
	db_bind_int(s, i, offset);
	return each_list_row(s, fn, ctx);
}

enum app_rc employees_page_status(struct db *db, int64_t employer_id, const char *q, enum employee_status status,
                                  day_t today, int64_t limit, int64_t offset, int64_t *total, employee_fn fn,
                                  void *ctx)
{
	if (status == EMPLOYEES_ALL)
		return employees_page(db, employer_id, q, limit, offset, total, fn, ctx);
	char pat[600];
	employees_like_pattern(pat, sizeof pat, q);
	bool         active = status == EMPLOYEES_ACTIVE;
	struct db_q *s      = db_q(db, active ? STMT_EMPLOYEE_COUNT_ACTIVE : STMT_EMPLOYEE_COUNT_LEFT);
	db_bind_int(s, 1, employer_id);
	db_bind_str(s, 2, pat);
	db_bind_int(s, 3, today);
	if (db_one_int(s, total) != DB_ROW)
		return APP_ERROR;

	s = db_q(db, active ? STMT_EMPLOYEE_LIST_ACTIVE : STMT_EMPLOYEE_LIST_LEFT);
	db_bind_int(s, 1, employer_id);
	db_bind_str(s, 2, pat);
	db_bind_int(s, 3, today);
	db_bind_int(s, 4, limit);
	db_bind_int(s, 5, offset);
	return each_list_row(s, fn, ctx);
}

enum app_rc employees_after(struct db *db, int64_t employer_id, const char *q, int64_t after,
                            int64_t limit, int64_t *next, employee_fn fn, void *ctx)
{
	char pat[600];
	employees_like_pattern(pat, sizeof pat, q);
	struct db_q *s = db_q(db, STMT_EMPLOYEE_LIST_AFTER);
	db_bind_int(s, 1, employer_id);
	db_bind_str(s, 2, pat);
	db_bind_int(s, 3, after);
	db_bind_int(s, 4, limit);
	enum db_rc      rc;
	struct employee e;
	int64_t         n = 0, last = 0;
	while ((rc = db_step(s)) == DB_ROW) {
		read_row(s, &e);
		fn(&e, ctx);
		last = e.id;
		n++;
	}
	db_q_done(s);
	*next = n == limit ? last : 0;
	return rc == DB_DONE ? APP_OK : APP_ERROR;
}

enum app_rc employee_get(struct db *db, int64_t employer_id, int64_t id, struct employee *out)
{
	struct db_q *s = db_q(db, STMT_EMPLOYEE_BY_ID);
	db_bind_int(s, 1, employer_id);
	db_bind_int(s, 2, id);
	enum db_rc rc = db_step(s);
	if (rc == DB_ROW)
		read_row(s, out);
	db_q_done(s);
	return rc == DB_ROW ? APP_OK : rc == DB_DONE ? APP_NOT_FOUND : APP_ERROR;
}

enum app_rc employees_of_user(struct db *db, int64_t user_id, employee_fn fn, void *ctx)
{
	struct db_q *s = db_q(db, STMT_EMPLOYEES_OF_USER);
	db_bind_int(s, 1, user_id);
	enum db_rc      rc;
	struct employee e;
	while ((rc = db_step(s)) == DB_ROW) {
		read_row(s, &e);
		str_copy(e.employer_name, sizeof e.employer_name, db_col_text(s, 29));
		fn(&e, ctx);
	}
	db_q_done(s);
	return rc == DB_DONE ? APP_OK : APP_ERROR;
}

bool employee_parse_euros(const char *s, int64_t *cents)
{
	/* Accepts 1234 | 1234,5 | 1234.56 | 1.234,56 | 1,234.56; the last
	 * separator followed by one or two digits is the decimal mark. */
	size_t n = strlen(s);
	if (!n || n > 20)
		return false;
	const char *dec = NULL;
	for (size_t i = n; i-- > 0;)
		if (s[i] == ',' || s[i] == '.') {
			if (n - i - 1 >= 1 && n - i - 1 <= 2)
				dec = s + i;
			break;
		}
	int64_t euros = 0, frac = 0;
	int     digits = 0;
	char    group = 0;
	for (const char *p = s; p < (dec ? dec : s + n); p++) {
		if (*p >= '0' && *p <= '9') {
			euros = euros * 10 + (*p - '0');
			if (++digits > 12)
				return false;
		} else if ((*p == '.' || *p == ',') && digits && (!group || group == *p) &&
		           (!dec || *p != *dec))
			group = *p;
		else
			return false;
	}
	if (!digits)
		return false;
	if (dec) {
		const char *f = dec + 1;
		for (int i = 0; i < 2; i++) {
			frac *= 10;
			if (f[i]) {
				if (f[i] < '0' || f[i] > '9')
					return false;
				frac += f[i] - '0';
			} else if (i == 0)
				return false;
			else
				break;
		}
	}
	*cents = euros * 100 + frac;
	return true;
}

static bool personnel_number_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 1 || n > 32)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      c == '-' || c == '_' || c == '.' || c == '/'))
			return false;
	}
	return true;
}

static bool email_ok(const char *s)
{
	size_t      n  = strlen(s);
	const char *at = strchr(s, '@');
	if (n > 254 || !at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.') ||
	    at[1] == '.' || s[n - 1] == '.')
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == '<' || s[i] == '>' || s[i] == '"' || s[i] == ',')
			return false;
	return true;
}

/* Copy without spaces, upper case (IBAN, SVNR). */
static void compact_upper(char *dst, size_t dstsz, const char *src)
{
	size_t o = 0;
	for (; *src && o + 1 < dstsz; src++)
		if (*src != ' ')
			dst[o++] = (*src >= 'a' && *src <= 'z') ? (char)(*src - 32) : *src;
	dst[o] = '\0';
}

/* An enumeration word as typed, reduced for lookup: lower case, umlauts and ß
 * spelled out, spaces and - _ . / ( ) dropped: "Baden-Württemberg" →
 * "badenwuerttemberg", "fixed_term" → "fixedterm". */
static void word_key(const char *in, char *out, size_t outsz)
{
	size_t o = 0;
	for (size_t i = 0; in[i] && o + 3 < outsz; i++) {
		unsigned char c = (unsigned char)in[i];
		if (c == ' ' || c == '-' || c == '_' || c == '.' || c == '/' || c == '(' || c == ')' || c == '\t')
			continue;
		if (c == 0xC3 && in[i + 1]) {
			unsigned char d = (unsigned char)in[++i];
			const char   *r = (d == 0xA4 || d == 0x84) ? "ae" : (d == 0xB6 || d == 0x96) ? "oe"
			                  : (d == 0xBC || d == 0x9C) ? "ue" : d == 0x9F ? "ss" : "?";
			for (; *r && o + 1 < outsz; r++)
				out[o++] = *r;
			continue;
		}
		out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	out[o] = '\0';
}

struct word_map {
	const char *code, *words; /* words: NUL-separated keys (word_key), ends with "" */
};

static const struct word_map sexes[] = {
	{"f", "f\0w\0weiblich\0female\0frau\0"},
	{"m", "m\0maennlich\0male\0mann\0"},
	{"d", "d\0divers\0diverse\0"},
	{"x", "x\0ohneangabe\0keineangabe\0unbestimmt\0unspecified\0"},
	{NULL, NULL}};
static const struct word_map insurances[] = {
	{"statutory", "statutory\0gesetzlich\0gkv\0gesetzlichversichert\0"},
	{"private", "private\0privat\0pkv\0privatversichert\0"},
	{NULL, NULL}};
static const struct word_map booleans[] = {
	{"true", "true\0ja\0j\0yes\0y\0on\0""1\0"},
	{"false", "false\0nein\0n\0no\0off\0""0\0"},
	{NULL, NULL}};
static const struct word_map states[] = {
	{"BW", "bw\0badenwuerttemberg\0"}, {"BY", "by\0bayern\0"},
	{"BE", "be\0berlin\0"},            {"BB", "bb\0brandenburg\0"},
	{"HB", "hb\0bremen\0"},            {"HH", "hh\0hamburg\0"},
	{"HE", "he\0hessen\0"},            {"MV", "mv\0mecklenburgvorpommern\0"},
	{"NI", "ni\0niedersachsen\0"},     {"NW", "nw\0nrw\0nordrheinwestfalen\0"},
	{"RP", "rp\0rheinlandpfalz\0"},    {"SL", "sl\0saarland\0"},
	{"SN", "sn\0sachsen\0"},           {"ST", "st\0sachsenanhalt\0"},
	{"SH", "sh\0schleswigholstein\0"}, {"TH", "th\0thueringen\0"},
	{NULL, NULL}};
static const struct word_map exit_reasons[] = {
	{"resignation", "resignation\0eigenkuendigung\0kuendigungdurcharbeitnehmer\0arbeitnehmerkuendigung\0"
	                "kuendigungdurchdenarbeitnehmer\0"},
	{"dismissal", "dismissal\0kuendigung\0kuendigungdurcharbeitgeber\0arbeitgeberkuendigung\0"
	              "kuendigungdurchdenarbeitgeber\0entlassung\0"},
	{"mutual", "mutual\0aufhebungsvertrag\0aufhebung\0einvernehmlich\0"},
	{"fixed_term", "fixedterm\0befristung\0befristet\0fristablauf\0ablaufderbefristung\0"},
	{"retirement", "retirement\0rente\0ruhestand\0renteneintritt\0altersrente\0"},
	{"death", "death\0tod\0verstorben\0"},
	{"other", "other\0sonstiges\0sonstige\0andere\0"},
	{NULL, NULL}};

/* The code of a typed enumeration value, or NULL. */
static const char *word_code(const struct word_map *m, const char *in)
{
	char k[64];
	if (strlen(in) > 60)
		return NULL;
	word_key(in, k, sizeof k);
	for (; m->code; m++)
		for (const char *w = m->words; *w; w += strlen(w) + 1)
			if (!strcmp(w, k))
				return m->code;
	return NULL;
}

/* "38" / "38,5" / "38.50" with at most `scale` decimals, as an integer in
 * units of 10^-scale; at most 6 integer digits.  Integers only. */
static bool parse_fixed(const char *s, int scale, int64_t *out)
{
	int64_t v = 0;
	int     digits = 0, dec = -1;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			v = v * 10 + (*p - '0');
			if (dec >= 0) {
				if (++dec > scale)
					return false;
			} else if (++digits > 6)
				return false;
		} else if ((*p == ',' || *p == '.') && dec < 0 && digits)
			dec = 0;
		else
			return false;
	}
	if (!digits || dec == 0)
		return false;
	for (int i = dec < 0 ? 0 : dec; i < scale; i++)
		v *= 10;
	*out = v;
	return true;
}

static bool phone_ok(const char *s)
{
	size_t n = strlen(s), digits = 0;
	if (n < 5 || n > 30)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9')
			digits++;
		else if (!(c == ' ' || c == '+' || c == '-' || c == '/' || c == '(' || c == ')'))
			return false;
	}
	return digits >= 3;
}

/* An enumeration field: "" clears, else the code of the typed word. */
static bool set_word(const char *in, const struct word_map *m, char *dst, size_t dstsz)
{
	if (!*in) {
		dst[0] = '\0';
		return true;
	}
	const char *code = word_code(m, in);
	if (!code)
		return false;
	str_copy(dst, dstsz, code);
	return true;
}

#define FAIL APP_FAIL

struct app_err employee_apply(struct employee *e, const struct employee_input *in, day_t today)
{
	struct app_err r;
	if (in->personnel_number) {
		if (!personnel_number_ok(in->personnel_number))
			FAIL(APP_INVALID, "personnel_number", "err.employee.personnel_number");
		str_copy(e->personnel_number, sizeof e->personnel_number, in->personnel_number);
	}
	if (in->last_name) {
		if (!field_text_ok(in->last_name, 1, 100))
			FAIL(APP_INVALID, "last_name", "err.name");
		str_copy(e->last_name, sizeof e->last_name, in->last_name);
	}
	if (in->first_name) {
		if (!field_text_ok(in->first_name, 1, 100))
			FAIL(APP_INVALID, "first_name", "err.name");
		str_copy(e->first_name, sizeof e->first_name, in->first_name);
	}
	bool has_birth = e->id != 0 || (in->birth_date && *in->birth_date);
	if ((r = field_date(in->birth_date, "birth_date", NULL, &e->birth_date)).rc)
		return r;
	if ((r = field_date(in->entry_date, "entry_date", &e->has_entry, &e->entry_date)).rc)
		return r;
	if ((r = field_date(in->exit_date, "exit_date", &e->has_exit, &e->exit_date)).rc)
		return r;
	if (in->email) {
		if (*in->email && !email_ok(in->email))
			FAIL(APP_INVALID, "email", "err.email");
		str_copy(e->email, sizeof e->email, in->email);
	}
	if (in->iban) {
		char v[64];
		compact_upper(v, sizeof v, in->iban);
		enum valid_reason why = *v ? validate_iban(v, strlen(v)) : VALID_OK;
		if (why != VALID_OK || strlen(v) >= sizeof e->iban)
			FAIL(APP_INVALID, "iban", validate_reason_key("iban", why ? why : VALID_LENGTH));
		str_copy(e->iban, sizeof e->iban, v);
	}
	if (in->svnr) {
		char v[64];
		compact_upper(v, sizeof v, in->svnr);
		enum valid_reason why = *v ? validate_svnr(v, strlen(v)) : VALID_OK;
		if (why != VALID_OK)
			FAIL(APP_INVALID, "svnr", validate_reason_key("svnr", why));
		str_copy(e->svnr, sizeof e->svnr, v);
	}
	if (in->steuer_id) {
		char v[64];
		compact_upper(v, sizeof v, in->steuer_id);
		enum valid_reason why = *v ? validate_steuer_id(v, strlen(v)) : VALID_OK;
		if (why != VALID_OK)
			FAIL(APP_INVALID, "steuer_id", validate_reason_key("steuer_id", why));
		str_copy(e->steuer_id, sizeof e->steuer_id, v);
	}
	if (in->tax_class) {
		const char *t = in->tax_class;
		if (*t && !(t[0] >= '1' && t[0] <= '6' && !t[1]))
			FAIL(APP_INVALID, "tax_class", "err.employee.tax_class");
		e->tax_class = *t ? t[0] - '0' : 0;
	}
	if (in->monthly_gross) {
		int64_t c = 0;
		if (*in->monthly_gross &&
		    (!employee_parse_euros(in->monthly_gross, &c) || c > GROSS_MAX_CENTS))
			FAIL(APP_INVALID, "monthly_gross", "err.money");
		e->has_gross           = *in->monthly_gross != 0;
		e->monthly_gross_cents = c;
	}
	if (in->sex && !set_word(in->sex, sexes, e->sex, sizeof e->sex))
		FAIL(APP_INVALID, "sex", "err.employee.sex");
	if (in->street) {
		if (*in->street && !field_text_ok(in->street, 1, 100))
			FAIL(APP_INVALID, "street", "err.employee.street");
		str_copy(e->street, sizeof e->street, in->street);
	}
	if (in->postcode) {
		enum valid_reason why = *in->postcode ? validate_postcode_de(in->postcode, strlen(in->postcode)) : VALID_OK;
		if (why != VALID_OK)
			FAIL(APP_INVALID, "postcode", validate_reason_key("postcode", why));
		str_copy(e->postcode, sizeof e->postcode, in->postcode);
	}
	if (in->city) {
		if (*in->city && !field_text_ok(in->city, 1, 100))
			FAIL(APP_INVALID, "city", "err.employee.city");
		str_copy(e->city, sizeof e->city, in->city);
	}
	if (in->phone) {
		if (*in->phone && !phone_ok(in->phone))
			FAIL(APP_INVALID, "phone", "err.employee.phone");
		str_copy(e->phone, sizeof e->phone, in->phone);
	}
	if (in->child_allowances) {
		int64_t t = 0;
		if (*in->child_allowances &&
		    (!parse_fixed(in->child_allowances, 1, &t) || t > 99 || t % 5))
			FAIL(APP_INVALID, "child_allowances", "err.employee.child_allowances");
		e->has_child_allowance    = *in->child_allowances != 0;
		e->child_allowance_tenths = (int)t;
	}
	if (in->church_tax) {
		char b[8] = "";
		if (!set_word(in->church_tax, booleans, b, sizeof b))
			FAIL(APP_INVALID, "church_tax", "err.employee.church_tax");
		e->has_church_tax = b[0] != 0;
		e->church_tax     = b[0] == 't';
	}
	if (in->health_insurance && !set_word(in->health_insurance, insurances, e->health_insurance,
	                                      sizeof e->health_insurance))
		FAIL(APP_INVALID, "health_insurance", "err.employee.health_insurance");
	if (in->health_additional_rate) {
		char   v[32];
		size_t n = strlen(in->health_additional_rate);
		if (n >= sizeof v)
			FAIL(APP_INVALID, "health_additional_rate", "err.employee.health_additional_rate");
		memcpy(v, in->health_additional_rate, n + 1);
		while (n && (v[n - 1] == '%' || v[n - 1] == ' ')) /* "1,7 %" */
			v[--n] = '\0';
		int64_t bp = 0;
		if (*v && (!parse_fixed(v, 2, &bp) || bp > 500))
			FAIL(APP_INVALID, "health_additional_rate", "err.employee.health_additional_rate");
		e->has_health_additional = *v != 0;
		e->health_additional_bp  = (int)bp;
	}
	if (in->federal_state && !set_word(in->federal_state, states, e->federal_state, sizeof e->federal_state))
		FAIL(APP_INVALID, "federal_state", "err.employee.federal_state");
	if ((r = field_date(in->probation_end, "probation_end", &e->has_probation, &e->probation_end)).rc)
		return r;
	if (in->exit_reason && !set_word(in->exit_reason, exit_reasons, e->exit_reason, sizeof e->exit_reason))
		FAIL(APP_INVALID, "exit_reason", "err.employee.exit_reason");
	if (in->weekly_hours) {
		int64_t c = 0;
		if (*in->weekly_hours && (!parse_fixed(in->weekly_hours, 2, &c) || c > 6000))
			FAIL(APP_INVALID, "weekly_hours", "err.employee.weekly_hours");
		e->has_weekly_hours   = *in->weekly_hours != 0;
		e->weekly_hours_centi = (int)c;
	}

	/* Required fields and plausibility across fields. */
	if (!e->personnel_number[0])
		FAIL(APP_INVALID, "personnel_number", "err.required");
	if (!e->last_name[0])
		FAIL(APP_INVALID, "last_name", "err.required");
	if (!e->first_name[0])
		FAIL(APP_INVALID, "first_name", "err.required");
	if (!has_birth)
		FAIL(APP_INVALID, "birth_date", "err.required");
	if (e->birth_date > today)
		FAIL(APP_RULE, "birth_date", "err.employee.birth_future");
	if (e->has_entry) {
		day_t age14 = date_add_years(e->birth_date, 14), age75 = date_add_years(e->birth_date, 75);
		if (e->entry_date < age14 || e->entry_date > age75)
			FAIL(APP_RULE, "entry_date", "err.employee.age_at_entry");
	}
	if (e->has_exit && e->has_entry && e->exit_date < e->entry_date)
		FAIL(APP_RULE, "exit_date", "err.employee.exit_before_entry");
	if (e->has_exit && !e->has_entry)
		FAIL(APP_RULE, "entry_date", "err.employee.exit_without_entry");
	if (e->exit_reason[0] && !e->has_exit)
		FAIL(APP_RULE, "exit_reason", "err.employee.exit_reason_without_exit");
	if (e->has_probation) {
		if (!e->has_entry)
			FAIL(APP_RULE, "probation_end", "err.employee.probation_without_entry");
		if (e->probation_end < e->entry_date)
			FAIL(APP_RULE, "probation_end", "err.employee.probation_before_entry");
		if (e->probation_end > date_add_months(e->entry_date, 6)) /* § 622 Abs. 3 BGB */
			FAIL(APP_RULE, "probation_end", "err.employee.probation_too_long");
	}
	if (e->has_health_additional && strcmp(e->health_insurance, "statutory"))
		FAIL(APP_RULE, "health_additional_rate", "err.employee.health_additional_statutory_only");
	return (struct app_err){APP_OK, NULL, NULL};
}

static void bind_opt_int(struct db_q *q, int i, bool has, int64_t v)
{
	if (has)
		db_bind_int(q, i, v);
	else
		db_bind_null(q, i);
}

/* Binds the 25 fields, search and sort_name: parameters first … first + 26. */
static void bind_fields(struct db_q *q, int first, const struct employee *e)
{
	int i = first;
	db_bind_str(q, i++, e->personnel_number);
	db_bind_str(q, i++, e->last_name);
	db_bind_str(q, i++, e->first_name);
	db_bind_int(q, i++, e->birth_date);
	if (e->has_entry)
		db_bind_int(q, i++, e->entry_date);
	else
		db_bind_null(q, i++);
	if (e->has_exit)
		db_bind_int(q, i++, e->exit_date);
	else
		db_bind_null(q, i++);
	db_bind_str(q, i++, e->email[0] ? e->email : NULL);
	db_bind_str(q, i++, e->iban[0] ? e->iban : NULL);
	db_bind_str(q, i++, e->svnr[0] ? e->svnr : NULL);
	db_bind_str(q, i++, e->steuer_id[0] ? e->steuer_id : NULL);
	if (e->tax_class)
		db_bind_int(q, i++, e->tax_class);
	else
		db_bind_null(q, i++);
	if (e->has_gross)
		db_bind_int(q, i++, e->monthly_gross_cents);
	else
		db_bind_null(q, i++);
	db_bind_str(q, i++, e->sex[0] ? e->sex : NULL);
	db_bind_str(q, i++, e->street[0] ? e->street : NULL);
	db_bind_str(q, i++, e->postcode[0] ? e->postcode : NULL);
	db_bind_str(q, i++, e->city[0] ? e->city : NULL);
	db_bind_str(q, i++, e->phone[0] ? e->phone : NULL);
	bind_opt_int(q, i++, e->has_child_allowance, e->child_allowance_tenths);
	bind_opt_int(q, i++, e->has_church_tax, e->church_tax);
	db_bind_str(q, i++, e->health_insurance[0] ? e->health_insurance : NULL);
	bind_opt_int(q, i++, e->has_health_additional, e->health_additional_bp);
	db_bind_str(q, i++, e->federal_state[0] ? e->federal_state : NULL);
	bind_opt_int(q, i++, e->has_probation, e->probation_end);
	db_bind_str(q, i++, e->exit_reason[0] ? e->exit_reason : NULL);
	bind_opt_int(q, i++, e->has_weekly_hours, e->weekly_hours_centi);
	char search[1024], raw[1024];
	snprintf(raw, sizeof raw, "%s %s %s %s", e->last_name, e->first_name, e->personnel_number,
	         e->email);
	fold(search, sizeof search, raw);
	db_bind_str(q, i++, search);
	char key[512];
	sort_key(key, sizeof key, e->last_name, e->first_name);
	db_bind_str(q, i, key);
}

const char *const employee_field_names[EMPLOYEE_FIELDS] = {
	"personnel_number", "last_name", "first_name", "birth_date", "entry_date", "exit_date",
	"email", "iban", "svnr", "steuer_id", "tax_class", "monthly_gross", "sex", "street",
	"postcode", "city", "phone", "child_allowances", "church_tax", "health_insurance",
	"health_additional_rate", "federal_state", "probation_end", "exit_reason", "weekly_hours"};

const char **employee_input_field(struct employee_input *in, int field)
{
	const char **f[EMPLOYEE_FIELDS] = {
		&in->personnel_number, &in->last_name, &in->first_name, &in->birth_date, &in->entry_date,
		&in->exit_date, &in->email, &in->iban, &in->svnr, &in->steuer_id, &in->tax_class,
		&in->monthly_gross, &in->sex, &in->street, &in->postcode, &in->city, &in->phone,
		&in->child_allowances, &in->church_tax, &in->health_insurance, &in->health_additional_rate,
		&in->federal_state, &in->probation_end, &in->exit_reason, &in->weekly_hours};
	return field >= 0 && field < EMPLOYEE_FIELDS ? f[field] : NULL;
}

void employee_field_text(const struct employee *e, int field, char *out, size_t outsz)
{
	out[0] = '\0';
	char d[11];
	switch (field) {
	case 0: str_copy(out, outsz, e->personnel_number); break;
	case 1: str_copy(out, outsz, e->last_name); break;
	case 2: str_copy(out, outsz, e->first_name); break;
	case 3: date_format_iso(e->birth_date, d), str_copy(out, outsz, d); break;
	case 4: if (e->has_entry) date_format_iso(e->entry_date, d), str_copy(out, outsz, d); break;
	case 5: if (e->has_exit) date_format_iso(e->exit_date, d), str_copy(out, outsz, d); break;
	case 6: str_copy(out, outsz, e->email); break;
	case 7: str_copy(out, outsz, e->iban); break;
	case 8: str_copy(out, outsz, e->svnr); break;
	case 9: str_copy(out, outsz, e->steuer_id); break;
	case 10: if (e->tax_class) snprintf(out, outsz, "%d", e->tax_class); break;
	case 11:
		if (e->has_gross)
			snprintf(out, outsz, "%lld.%02lld", (long long)(e->monthly_gross_cents / 100),
			         (long long)(e->monthly_gross_cents % 100));
		break;
	case 12: str_copy(out, outsz, e->sex); break;
	case 13: str_copy(out, outsz, e->street); break;
	case 14: str_copy(out, outsz, e->postcode); break;
	case 15: str_copy(out, outsz, e->city); break;
	case 16: str_copy(out, outsz, e->phone); break;
	case 17:
		if (e->has_child_allowance)
			snprintf(out, outsz, "%d.%d", e->child_allowance_tenths / 10, e->child_allowance_tenths % 10);
		break;
	case 18: if (e->has_church_tax) str_copy(out, outsz, e->church_tax ? "true" : "false"); break;
	case 19: str_copy(out, outsz, e->health_insurance); break;
	case 20:
		if (e->has_health_additional)
			snprintf(out, outsz, "%d.%02d", e->health_additional_bp / 100, e->health_additional_bp % 100);
		break;
	case 21: str_copy(out, outsz, e->federal_state); break;
	case 22: if (e->has_probation) date_format_iso(e->probation_end, d), str_copy(out, outsz, d); break;
	case 23: str_copy(out, outsz, e->exit_reason); break;
	case 24:
		if (e->has_weekly_hours)
			snprintf(out, outsz, "%d.%02d", e->weekly_hours_centi / 100, e->weekly_hours_centi % 100);
		break;
	}
}

int employee_diff(const struct employee *a, const struct employee *b,
                  void (*fn)(const char *field, const char *old_value, const char *new_value, void *ctx),
                  void *ctx)
{
	int n = 0;
	for (int f = 0; f < EMPLOYEE_FIELDS; f++) {
		char x[256], y[256];
		employee_field_text(a, f, x, sizeof x);
		employee_field_text(b, f, y, sizeof y);
		if (strcmp(x, y)) {
			n++;
			if (fn)
				fn(employee_field_names[f], x, y, ctx);
		}
	}
	return n;
}

enum app_rc employee_by_number(struct db *db, int64_t employer_id, const char *number, struct employee *out)
{
	struct db_q *s = db_q(db, STMT_EMPLOYEE_ID_BY_NUMBER);
	db_bind_int(s, 1, employer_id);
	db_bind_str(s, 2, number);
	enum db_rc rc = db_step(s);
	int64_t    id = rc == DB_ROW ? db_col_int(s, 0) : 0;
	db_q_done(s);
	if (rc != DB_ROW)
		return rc == DB_DONE ? APP_NOT_FOUND : APP_ERROR;
	return employee_get(db, employer_id, id, out);
}

enum app_rc employee_numbers(struct db *db, int64_t employer_id, struct strmap *out)
{
	return db_key_ids(db, STMT_EMPLOYEE_NUMBERS, employer_id, out) == DB_DONE ? APP_OK : APP_ERROR;
}

struct history_ctx {
	struct db  *db;
	int64_t     employer_id, id, user_id, now;
	const char *action;
	bool        ok;
};

static void record_field(const char *field, const char *old_value, const char *new_value, void *ctx)
{
	struct history_ctx *h = ctx;
	h->ok &= history_record(h->db, h->employer_id, "employee", h->id, h->action, field, old_value, new_value,
	                        h->user_id, h->now);
}

struct app_err employee_save(struct db *db, struct employee *e, const struct employee *before,
                             const char *action, int64_t now, int64_t user_id)
{
	bool         create = e->id == 0;
	struct db_q *q      = db_q(db, create ? STMT_EMPLOYEE_INSERT : STMT_EMPLOYEE_UPDATE);
	db_bind_int(q, 1, e->employer_id);
	if (create) {
		bind_fields(q, 2, e);
		db_bind_int(q, 29, now);
	} else {
		db_bind_int(q, 2, e->id);
		bind_fields(q, 3, e);
		db_bind_int(q, 30, now);
	}
	enum db_rc rc = db_exec(q);
	if (rc == DB_CONSTRAINT)
		FAIL(APP_CONFLICT, "personnel_number", "err.employee.duplicate_number");
	if (rc != DB_DONE)
		FAIL(APP_ERROR, NULL, "err.internal");
	if (create)
		e->id = db_last_id(db);
	struct history_ctx h = {db, e->employer_id, e->id, user_id, now, action, true};
	if (create)
		h.ok = history_record(db, e->employer_id, "employee", e->id, action, NULL, NULL, NULL, user_id, now);
	else
		employee_diff(before, e, record_field, &h);
	if (!h.ok)
		FAIL(APP_ERROR, NULL, "err.internal");
	return (struct app_err){APP_OK, NULL, NULL};
}

bool employees_counted(struct db *db, int64_t employer_id, int64_t added)
{
	struct db_q *q = db_q(db, STMT_EMPLOYEE_COUNT_ADD);
	db_bind_int(q, 1, employer_id);
	db_bind_int(q, 2, added);
	return db_exec(q) == DB_DONE && db_changes(db) == 1;
}

struct app_err employee_create(struct db *db, int64_t employer_id, const struct employee_input *in,
                               int64_t now, int64_t user_id, int64_t *id)
{
	struct employee e = {0};
	e.employer_id     = employer_id;
	struct app_err r  = employee_apply(&e, in, field_today(now));
	if (r.rc)
		return r;
	r = employee_save(db, &e, NULL, "create", now, user_id);
	if (r.rc == APP_OK && !employees_counted(db, employer_id, 1))
		FAIL(APP_ERROR, NULL, "err.internal");
	if (r.rc == APP_OK)
		*id = e.id;
	return r;
}

struct app_err employee_update(struct db *db, int64_t employer_id, int64_t id,
                               const struct employee_input *in, int64_t now, int64_t user_id)
{
	struct employee before, e;
	enum app_rc     found = employee_get(db, employer_id, id, &before);
	if (found != APP_OK)
		FAIL(found, NULL, found == APP_NOT_FOUND ? "err.not_found" : "err.internal");
	e                = before;
	struct app_err r = employee_apply(&e, in, field_today(now));
	if (r.rc)
		return r;
	return employee_save(db, &e, &before, "update", now, user_id);
}

/* ---- salary history and absences ------------------------------------------------ */

enum app_rc employee_salaries(struct db *db, int64_t employer_id, int64_t employee_id,
                              void (*fn)(const struct employee_salary *, void *), void *ctx)
{
	struct db_q *q = db_q(db, STMT_SALARIES_OF);
	db_bind_int(q, 1, employer_id);
	db_bind_int(q, 2, employee_id);
	enum db_rc rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct employee_salary s = {db_col_int(q, 0), db_col_int(q, 2), (day_t)db_col_int(q, 1)};
		fn(&s, ctx);
	}
	db_q_done(q);
	return rc == DB_DONE ? APP_OK : APP_ERROR;
}

struct app_err employee_salary_add(struct db *db, int64_t employer_id, int64_t employee_id, const char *valid_from,
                                   const char *monthly_gross, int64_t now, int64_t user_id, int64_t *id)
{
	struct employee before;
	enum app_rc     found = employee_get(db, employer_id, employee_id, &before);
	if (found != APP_OK)
		FAIL(found, NULL, found == APP_NOT_FOUND ? "err.not_found" : "err.internal");
	day_t   from;
	int64_t cents;
	if (!valid_from || !*valid_from)
		FAIL(APP_INVALID, "valid_from", "err.required");
	if (!date_parse(valid_from, strlen(valid_from), &from))
		FAIL(APP_INVALID, "valid_from", "err.date");
	if (!monthly_gross || !*monthly_gross)
		FAIL(APP_INVALID, "monthly_gross", "err.required");
	if (!employee_parse_euros(monthly_gross, &cents) || cents > GROSS_MAX_CENTS)
		FAIL(APP_INVALID, "monthly_gross", "err.money");
	if (before.has_entry && from < before.entry_date)
		FAIL(APP_RULE, "valid_from", "err.employee.salary_before_entry");
	if (before.has_exit && from > before.exit_date)
		FAIL(APP_RULE, "valid_from", "err.employee.salary_after_exit");

	struct db_q *q = db_q(db, STMT_SALARY_INSERT);
	db_bind_int(q, 1, employer_id);
	db_bind_int(q, 2, employee_id);
	db_bind_int(q, 3, from);
	db_bind_int(q, 4, cents);
	enum db_rc rc = db_exec(q);
	if (rc == DB_CONSTRAINT)
		FAIL(APP_CONFLICT, "valid_from", "err.employee.salary_duplicate");
	if (rc != DB_DONE)
		FAIL(APP_ERROR, NULL, "err.internal");
	if (id)
		*id = db_last_id(db);
	char text[64], d[11];
	date_format_iso(from, d);
	snprintf(text, sizeof text, "%s %lld.%02lld", d, (long long)(cents / 100), (long long)(cents % 100));
	if (!history_record(db, employer_id, "employee", employee_id, "update", "salary", NULL, text, user_id, now))
		FAIL(APP_ERROR, NULL, "err.internal");

	/* The salary in force today is the current monthly gross. */
	q = db_q(db, STMT_SALARY_IN_FORCE);
	db_bind_int(q, 1, employer_id);
	db_bind_int(q, 2, employee_id);
	db_bind_int(q, 3, field_today(now));
	rc                 = db_step(q);
	int64_t force_cents = rc == DB_ROW ? db_col_int(q, 2) : 0;
	db_q_done(q);
	if (rc != DB_ROW && rc != DB_DONE)
		FAIL(APP_ERROR, NULL, "err.internal");
	if (rc == DB_ROW && (!before.has_gross || before.monthly_gross_cents != force_cents)) {
		struct employee e     = before;
		e.has_gross           = true;
		e.monthly_gross_cents = force_cents;
		return employee_save(db, &e, &before, "update", now, user_id);
	}
	return (struct app_err){APP_OK, NULL, NULL};
}

enum app_rc employee_absences(struct db *db, int64_t employer_id, int64_t employee_id,
                              void (*fn)(const struct employee_absence *, void *), void *ctx)
{
	struct db_q *q = db_q(db, STMT_ABSENCES_OF);
	db_bind_int(q, 1, employer_id);
	db_bind_int(q, 2, employee_id);
	enum db_rc rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct employee_absence a = {.id = db_col_int(q, 0), .from_date = (day_t)db_col_int(q, 2)};
		str_copy(a.kind, sizeof a.kind, db_col_text(q, 1));
		if ((a.has_to = !db_col_null(q, 3)))
			a.to_date = (day_t)db_col_int(q, 3);
		fn(&a, ctx);
	}
	db_q_done(q);
	return rc == DB_DONE ? APP_OK : APP_ERROR;
}

enum { OPEN_END = 2147483647 }; /* the end of an open absence, for the overlap test */

struct app_err employee_absence_add(struct db *db, int64_t employer_id, int64_t employee_id, const char *kind,
                                    const char *from_date, const char *to_date, int64_t now, int64_t user_id,
                                    int64_t *id)
{
	struct employee e;
	enum app_rc     found = employee_get(db, employer_id, employee_id, &e);
	if (found != APP_OK)
		FAIL(found, NULL, found == APP_NOT_FOUND ? "err.not_found" : "err.internal");
	if (!kind || !*kind)
		FAIL(APP_INVALID, "kind", "err.required");
	if (strcmp(kind, "parental_leave") && strcmp(kind, "sickness"))
		FAIL(APP_INVALID, "kind", "err.employee.absence_kind");
	day_t from, to = 0;
	bool  has_to = to_date && *to_date;
	if (!from_date || !*from_date)
		FAIL(APP_INVALID, "from_date", "err.required");
	if (!date_parse(from_date, strlen(from_date), &from))
		FAIL(APP_INVALID, "from_date", "err.date");
	if (has_to && !date_parse(to_date, strlen(to_date), &to))
		FAIL(APP_INVALID, "to_date", "err.date");
	if (has_to && to < from)
		FAIL(APP_RULE, "to_date", "err.employee.absence_order");
	if (!e.has_entry)
		FAIL(APP_RULE, "from_date", "err.employee.absence_without_entry");
	if (from < e.entry_date)
		FAIL(APP_RULE, "from_date", "err.employee.absence_before_entry");
	if (e.has_exit && from > e.exit_date)
		FAIL(APP_RULE, "from_date", "err.employee.absence_after_exit");
	if (e.has_exit && has_to && to > e.exit_date)
		FAIL(APP_RULE, "to_date", "err.employee.absence_after_exit");

	struct db_q *q = db_q(db, STMT_ABSENCE_OVERLAP);
	db_bind_int(q, 1, employer_id);
	db_bind_int(q, 2, employee_id);
	db_bind_str(q, 3, kind);
	db_bind_int(q, 4, from);
	db_bind_int(q, 5, has_to ? to : OPEN_END);
	enum db_rc rc = db_step(q);
	db_q_done(q);
	if (rc == DB_ROW)
		FAIL(APP_RULE, "from_date", "err.employee.absence_overlap");
	if (rc != DB_DONE)
		FAIL(APP_ERROR, NULL, "err.internal");

	q = db_q(db, STMT_ABSENCE_INSERT);
	db_bind_int(q, 1, employer_id);
	db_bind_int(q, 2, employee_id);
	db_bind_str(q, 3, kind);
	db_bind_int(q, 4, from);
	if (has_to)
		db_bind_int(q, 5, to);
	else
		db_bind_null(q, 5);
	if (db_exec(q) != DB_DONE)
		FAIL(APP_ERROR, NULL, "err.internal");
	if (id)
		*id = db_last_id(db);
	char text[64], f[11], t[11] = "";
	date_format_iso(from, f);
	if (has_to)
		date_format_iso(to, t);
	snprintf(text, sizeof text, "%s %s %s", kind, f, t);
	size_t n = strlen(text);
	if (text[n - 1] == ' ')
		text[n - 1] = '\0';
	if (!history_record(db, employer_id, "employee", employee_id, "update", "absence", NULL, text, user_id, now))
		FAIL(APP_ERROR, NULL, "err.internal");
	return (struct app_err){APP_OK, NULL, NULL};
}
