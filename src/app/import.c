/*
 * import.c — the employee import: header mapping (English and German
 * names), per-row validation through employee_apply() (the same rules as
 * every other write), the diff against the stored record, the report, and
 * the one transaction of a commit.  Reads files only through app/sheet.h.
 */
#include "app/import.h"
#include "app/employees.h"
#include "app/sheet.h"
#include "http/i18n.h"
#include "base/arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_CHANGES_LISTED = 1000, MAX_ERRORS_LISTED = 1000 };

/* Column names after normalisation (lower case; spaces, '_', '-', '.' and
 * '/' removed; ä ö ü ß folded): "Pers.-Nr." → "persnr", "E-Mail" → "email". */
static const struct {
	int         field; /* index into employee_field_names */
	const char *names;  /* NUL-separated aliases, ends with "" */
} columns[] = {
	{0, "personnelnumber\0personalnummer\0persnr\0personalnr\0pnr\0employeeid\0"},
	{1, "lastname\0nachname\0familienname\0surname\0name\0"},
	{2, "firstname\0vorname\0givenname\0"},
	{3, "birthdate\0geburtsdatum\0dateofbirth\0gebdatum\0"},
	{4, "entrydate\0eintrittsdatum\0eintritt\0hiredate\0startdate\0"},
	{5, "exitdate\0austrittsdatum\0austritt\0enddate\0"},
	{6, "email\0emailadresse\0mail\0"},
	{7, "iban\0"},
	{8, "svnr\0rentenversicherungsnummer\0rvnr\0rvnummer\0versicherungsnummer\0"
	    "sozialversicherungsnummer\0vsnr\0"},
	{9, "steuerid\0steueridentifikationsnummer\0idnr\0taxid\0identifikationsnummer\0"},
	{10, "taxclass\0steuerklasse\0stkl\0"},
	{11, "monthlygross\0bruttogehalt\0monatsbrutto\0brutto\0gehalt\0grosssalary\0"},
	{12, "sex\0geschlecht\0gender\0"},
	{13, "street\0strasse\0strasseundhausnummer\0anschrift\0address\0"},
	{14, "postcode\0plz\0postleitzahl\0zip\0zipcode\0postalcode\0"},
	{15, "city\0ort\0wohnort\0stadt\0town\0"},
	{16, "phone\0telefon\0telefonnummer\0tel\0phonenumber\0mobil\0"},
	{17, "childallowances\0kinderfreibetraege\0kinderfreibetrag\0kfb\0kinderfreibetragszaehler\0"},
	{18, "churchtax\0kirchensteuer\0kist\0kirchensteuerpflicht\0"},
	{19, "healthinsurance\0krankenversicherung\0kv\0kvart\0"},
	{20, "healthadditionalrate\0zusatzbeitrag\0kvzusatzbeitrag\0zusatzbeitragssatz\0"},
	{21, "federalstate\0bundesland\0state\0"},
	{22, "probationend\0probezeitende\0endederprobezeit\0probezeitbis\0"},
	{23, "exitreason\0austrittsgrund\0grunddesaustritts\0"},
	{24, "weeklyhours\0wochenstunden\0wochenarbeitszeit\0stundenprowoche\0arbeitszeit\0"},
};
enum { NCOLUMNS = sizeof columns / sizeof *columns };

static void normalise(const char *in, char *out, size_t outsz)
{
	size_t o = 0;
	for (size_t i = 0; in[i] && o + 3 < outsz; i++) {
		unsigned char c = (unsigned char)in[i];
		if (c == ' ' || c == '_' || c == '-' || c == '.' || c == '/' || c == '\t')
			continue;
		if (c == 0xC3 && in[i + 1]) {
			unsigned char d = (unsigned char)in[++i];
			const char   *r = (d == 0xA4 || d == 0x84) ? "ae" : (d == 0xB6 || d == 0x96) ? "oe"
			                  : (d == 0xBC || d == 0x9C) ? "ue" : d == 0x9F ? "ss" : "";
			for (; *r && o + 1 < outsz; r++)
				out[o++] = *r;
			continue;
		}
		out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	out[o] = '\0';
}

static int column_field(const char *header)
{
	char n[128];
	normalise(header, n, sizeof n);
	for (int i = 0; i < NCOLUMNS; i++)
		for (const char *a = columns[i].names; *a; a += strlen(a) + 1)
			if (!strcmp(a, n))
				return columns[i].field;
	return -1;
}

/* RFC 4180 quoting for the rejects file; cells that would start a formula
 * in a spreadsheet are neutralised with a leading apostrophe. */
static void csv_cell(struct buf *b, const char *s)
{
	bool formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@';
	bool quote   = formula || strpbrk(s, ";,\"\r\n") != NULL;
	if (quote)
		buf_addc(b, '"');
	if (formula)
		buf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	if (quote)
		buf_addc(b, '"');
}

struct run {
	const struct import_opts *o;
	struct db                *db;
	json_t                   *errors, *changes;
	int64_t                   rows, n_new, n_changed, n_unchanged, n_invalid;
	int                       map[SHEET_MAX_COLUMNS]; /* column → field or -1 */
	const char               *headers[SHEET_MAX_COLUMNS];
	size_t                    ncols;
	int                       key_col;                /* personnel number column */
	char                    **seen;                   /* personnel numbers of the file: open-addressing set */
	size_t                    nseen, capseen;         /* capseen: a power of two, or 0 */
};

static void add_error(struct run *r, int64_t row, const char *column, const char *message)
{
	if (json_array_size(r->errors) < MAX_ERRORS_LISTED)
		json_array_append_new(r->errors, json_pack("{s:I, s:s?, s:s}", "row", (json_int_t)row, "column",
		                                           column, "message", message));
}

static void reject(struct run *r, const char *const *cells, size_t n, const char *reason)
{
	if (!r->o->rejects)
		return;
	for (size_t i = 0; i < r->ncols; i++) {
		csv_cell(r->o->rejects, i < n ? cells[i] : "");
		buf_addc(r->o->rejects, ';');
	}
	csv_cell(r->o->rejects, reason);
	buf_adds(r->o->rejects, "\r\n");
}

/* The column of a field in the file (its header text), for error reports. */
static const char *field_column(const struct run *r, const char *field)
{
	for (size_t i = 0; i < r->ncols; i++)
		if (r->map[i] >= 0 && field && !strcmp(employee_field_names[r->map[i]], field))
			return r->headers[i];
	return field;
}

struct diff_ctx {
	json_t *fields;
};

static void diff_field(const char *field, const char *old_value, const char *new_value, void *ctx)
{
	struct diff_ctx *d = ctx;
	json_object_set_new(d->fields, field, json_pack("{s:s, s:s}", "old", old_value, "new", new_value));
}

static uint64_t hash_str(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
	return h;
}

static void seen_insert(struct run *r, char *number)
{
	size_t i = (size_t)hash_str(number) & (r->capseen - 1);
	while (r->seen[i])
		i = (i + 1) & (r->capseen - 1);
	r->seen[i] = number;
}

/* Numbers already in this file: a second row with the same number is invalid. */
static bool seen_before(struct run *r, const char *number)
{
	if (r->capseen) {
		for (size_t i = (size_t)hash_str(number) & (r->capseen - 1); r->seen[i]; i = (i + 1) & (r->capseen - 1))
			if (!strcmp(r->seen[i], number))
				return true;
	}
	if ((r->nseen + 1) * 10 > r->capseen * 7) { /* keep the load under 70 % */
		char **old = r->seen;
		size_t oldcap = r->capseen;
		r->capseen    = oldcap ? oldcap * 2 : 1024;
		r->seen       = xcalloc(r->capseen, sizeof *r->seen);
		for (size_t i = 0; i < oldcap; i++)
			if (old[i])
				seen_insert(r, old[i]);
		free(old);
	}
	seen_insert(r, xstrdup(number));
	r->nseen++;
	return false;
}

static bool do_row(struct run *r, const char *const *cells, size_t n)
{
	const struct import_opts *o = r->o;
	int64_t                   row = r->rows;
	const char               *val[EMPLOYEE_FIELDS] = {0};
	for (size_t i = 0; i < r->ncols && i < n; i++)
		if (r->map[i] >= 0 && cells[i][0])
			val[r->map[i]] = cells[i]; /* empty cell: not given */
	const char *number = val[0];
	if (!number) {
		const char *msg = i18n_text(o->lang, "import.no_number");
		add_error(r, row, r->headers[r->key_col], msg);
		reject(r, cells, n, msg);
		r->n_invalid++;
		return true;
	}
	if (seen_before(r, number)) {
		const char *msg = i18n_text(o->lang, "import.duplicate_in_file");
		add_error(r, row, r->headers[r->key_col], msg);
		reject(r, cells, n, msg);
		r->n_invalid++;
		return true;
	}
	struct employee_input in = {0};
	for (int f = 0; f < EMPLOYEE_FIELDS; f++)
		*employee_input_field(&in, f) = val[f];
	struct employee before, e;
	enum app_rc     found = employee_by_number(r->db, o->employer_id, number, &before);
	if (found == APP_ERROR)
		return false;
	if (found == APP_OK)
		e = before;
	else {
		memset(&e, 0, sizeof e);
		e.employer_id = o->employer_id;
	}
	struct app_err err = employee_apply(&e, &in, (day_t)(o->now / 86400));
	if (err.rc != APP_OK) {
		const char *msg = i18n_text(o->lang, err.key);
		add_error(r, row, field_column(r, err.field), msg);
		reject(r, cells, n, msg);
		r->n_invalid++;
		return true;
	}
	if (found == APP_OK) {
		json_t         *fields = json_object();
		struct diff_ctx d      = {fields};
		if (!employee_diff(&before, &e, diff_field, &d)) {
			json_decref(fields);
			r->n_unchanged++;
			return true;
		}
		r->n_changed++;
		if (json_array_size(r->changes) < MAX_CHANGES_LISTED)
			json_array_append_new(r->changes, json_pack("{s:I, s:s, s:s, s:o}", "row", (json_int_t)row,
			                                            "personnel_number", number, "status", "changed",
			                                            "fields", fields));
		else
			json_decref(fields);
	} else {
		r->n_new++;
		if (json_array_size(r->changes) < MAX_CHANGES_LISTED)
			json_array_append_new(r->changes, json_pack("{s:I, s:s, s:s}", "row", (json_int_t)row,
			                                            "personnel_number", number, "status", "new"));
	}
	if (!o->dry_run) {
		err = employee_save(r->db, &e, found == APP_OK ? &before : NULL, "import", o->now, o->user_id);
		if (err.rc == APP_ERROR)
			return false;
	}
	return true;
}

static enum import_rc read_header(struct run *r, struct sheet *s, char *why, size_t whysz)
{
	const char *const *cells;
	size_t             n;
	enum sheet_err     e = sheet_next(s, &cells, &n, why, whysz);
	if (e == SHEET_END) {
		snprintf(why, whysz, "%s", i18n_text(r->o->lang, "import.empty"));
		return IMPORT_BAD_HEADER;
	}
	if (e != SHEET_OK)
		return IMPORT_BAD_FILE;
	r->ncols   = n;
	r->key_col = -1;
	bool used[EMPLOYEE_FIELDS] = {0};
	for (size_t i = 0; i < n; i++) {
		r->headers[i] = xstrdup(cells[i]);
		r->map[i]     = column_field(cells[i]);
		if (r->map[i] >= 0 && used[r->map[i]]) {
			snprintf(why, whysz, "%s: %s", i18n_text(r->o->lang, "import.duplicate_column"), cells[i]);
			return IMPORT_BAD_HEADER;
		}
		if (r->map[i] >= 0)
			used[r->map[i]] = true;
		if (r->map[i] == 0)
			r->key_col = (int)i;
	}
	if (r->key_col < 0) {
		snprintf(why, whysz, "%s", i18n_text(r->o->lang, "import.no_number_column"));
		return IMPORT_BAD_HEADER;
	}
	return IMPORT_OK;
}

enum import_rc import_run(struct db *db, const unsigned char *data, size_t len, const struct import_opts *o,
                          json_t **report, char *why, size_t whysz)
{
	*report = NULL;
	struct db_q *q = db_q(db, STMT_EMPLOYER_EXISTS);
	db_bind_int(q, 1, o->employer_id);
	bool exists = db_step(q) == DB_ROW;
	db_q_done(q);
	if (!exists) {
		snprintf(why, whysz, "no employer %lld", (long long)o->employer_id);
		return IMPORT_NO_EMPLOYER;
	}
	struct sheet  *s = NULL;
	enum sheet_err se = sheet_open(data, len, &s, why, whysz);
	if (se != SHEET_OK)
		return IMPORT_BAD_FILE;
	struct run r = {.o = o, .db = db, .errors = json_array(), .changes = json_array()};
	enum import_rc rc = read_header(&r, s, why, whysz);
	bool           txn = false;
	if (rc == IMPORT_OK) {
		txn = (o->dry_run ? db_begin_read(db) : db_begin_write(db)) == DB_OK;
		if (!txn) {
			snprintf(why, whysz, "database busy: %s", db_errmsg(db));
			rc = IMPORT_DB_ERROR;
		}
	}
	if (r.ncols && o->rejects) { /* the rejects file starts with the header and a reason column */
		for (size_t i = 0; i < r.ncols; i++) {
			csv_cell(o->rejects, r.headers[i]);
			buf_addc(o->rejects, ';');
		}
		buf_adds(o->rejects, o->lang == LANG_DE ? "Fehler\r\n" : "error\r\n");
	}
	while (rc == IMPORT_OK) {
		const char *const *cells;
		size_t             n;
		se = sheet_next(s, &cells, &n, why, whysz);
		if (se == SHEET_END)
			break;
		if (se != SHEET_OK) {
			rc = IMPORT_BAD_FILE;
			break;
		}
		bool blank = true;
		for (size_t i = 0; i < n && blank; i++)
			blank = !cells[i][0];
		if (blank)
			continue; /* empty lines between data are not rows */
		r.rows++;
		if (!do_row(&r, cells, n)) {
			snprintf(why, whysz, "database error: %s", db_errmsg(db));
			rc = IMPORT_DB_ERROR;
		}
		if (o->progress && r.rows % 1000 == 0)
			o->progress((size_t)r.rows, o->progress_ctx);
	}
	bool committed = false;
	if (txn) {
		if (rc == IMPORT_OK && !o->dry_run && !(o->all_or_nothing && r.n_invalid)) {
			committed = employees_counted(db, o->employer_id, r.n_new) && db_commit(db) == DB_OK;
			if (!committed)
				db_rollback(db);
		} else
			db_rollback(db);
		if (rc == IMPORT_OK && !o->dry_run && !committed && !(o->all_or_nothing && r.n_invalid)) {
			snprintf(why, whysz, "commit failed: %s", db_errmsg(db));
			rc = IMPORT_DB_ERROR;
		}
	}
	if (rc == IMPORT_OK) {
		json_t *unknown = json_array();
		for (size_t i = 0; i < r.ncols; i++)
			if (r.map[i] < 0)
				json_array_append_new(unknown, json_string(r.headers[i]));
		*report = json_pack("{s:b, s:I, s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:b}", "dry_run", o->dry_run, "rows",
		                    (json_int_t)r.rows, "new", (json_int_t)r.n_new, "changed", (json_int_t)r.n_changed,
		                    "unchanged", (json_int_t)r.n_unchanged, "invalid", (json_int_t)r.n_invalid,
		                    "errors", r.errors, "changes", r.changes, "unknown_columns", unknown, "committed",
		                    committed);
	} else {
		json_decref(r.errors);
		json_decref(r.changes);
	}
	for (size_t i = 0; i < r.ncols; i++)
		free((void *)r.headers[i]);
	for (size_t i = 0; i < r.capseen; i++)
		free(r.seen[i]);
	free(r.seen);
	sheet_close(s);
	return rc;
}
