/*
 * import.c — the import engine every kind shares (app/import_kind.h): the
 * header row mapped to fields (English and German names), each data row
 * handed to the kind, duplicate keys within the file, the rejects file, the
 * report, progress, and the one transaction (a read transaction for a dry
 * run, one write transaction for a commit).  Reads files only through
 * app/sheet.h; knows no record's rules — the kinds call the records' own.
 */
#include "app/import.h"
#include "app/import_kind.h"
#include "app/sheet.h"
#include "base/arena.h"
#include "base/strmap.h"
#include "http/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_CHANGES_LISTED = 1000, MAX_ERRORS_LISTED = 1000, MAX_FIELDS = IMPORT_MAX_FIELDS };

static const char *const kind_names[] = {[IMPORT_EMPLOYEES] = "employees", [IMPORT_CONTRACTS] = "contracts"};

bool import_kind_from_name(const char *name, enum import_kind *out)
{
	for (size_t i = 0; name && i < sizeof kind_names / sizeof *kind_names; i++)
		if (!strcmp(kind_names[i], name)) {
			*out = (enum import_kind)i;
			return true;
		}
	return false;
}

const char *import_kind_name(enum import_kind kind)
{
	return (unsigned)kind < sizeof kind_names / sizeof *kind_names ? kind_names[kind] : "employees";
}

static const struct import_kind_ops *kind_ops(enum import_kind kind)
{
	return kind == IMPORT_CONTRACTS ? &import_contracts_ops : &import_employees_ops;
}

/* The engine's part of a run. */
struct import_engine {
	json_t            *errors, *changes;
	int64_t            n_new, n_changed, n_unchanged, n_invalid;
	int                map[SHEET_MAX_COLUMNS]; /* column → field or -1 */
	const char        *headers[SHEET_MAX_COLUMNS];
	size_t             ncols;
	const char *const *cells; /* the row being read */
	size_t             ncells;
	struct strmap      seen;  /* keys of the file */
};

/* Header text → normalised name (see struct import_column). */
static void normalise(const char *in, char *out, size_t outsz)
{
	size_t o = 0;
	for (size_t i = 0; in[i] && o + 3 < outsz; i++) {
		unsigned char c = (unsigned char)in[i];
		if (c == ' ' || c == '_' || c == '-' || c == '.' || c == '/' || c == '\t' || c == '(' || c == ')' ||
		    c == '%')
			continue;
		if (c == 0xE2 && (unsigned char)in[i + 1] == 0x82 && (unsigned char)in[i + 2] == 0xAC) {
			i += 2; /* € */
			continue;
		}
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

static int column_field(const struct import_kind_ops *k, const char *header)
{
	char n[128];
	normalise(header, n, sizeof n);
	for (size_t i = 0; i < k->ncolumns; i++)
		for (const char *a = k->columns[i].names; *a; a += strlen(a) + 1)
			if (!strcmp(a, n))
				return k->columns[i].field;
	return -1;
}

int import_field(const struct import_run *r, const char *name)
{
	for (int f = 0; name && f < r->ops->nfields; f++)
		if (!strcmp(r->ops->fields[f], name))
			return f;
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

/* The column of a field in the file (its header text), for error reports. */
static const char *field_column(const struct import_run *r, const char *field)
{
	int f = import_field(r, field);
	for (size_t i = 0; f >= 0 && i < r->engine->ncols; i++)
		if (r->engine->map[i] == f)
			return r->engine->headers[i];
	return field;
}

void import_invalid(struct import_run *r, const char *field, const char *key)
{
	struct import_engine *g       = r->engine;
	const char           *message = i18n_text(r->o->lang, key);
	g->n_invalid++;
	if (json_array_size(g->errors) < MAX_ERRORS_LISTED)
		json_array_append_new(g->errors, json_pack("{s:I, s:s?, s:s}", "row", (json_int_t)r->row, "column",
		                                           field_column(r, field), "message", message));
	if (!r->o->rejects)
		return;
	for (size_t i = 0; i < g->ncols; i++) {
		csv_cell(r->o->rejects, i < g->ncells ? g->cells[i] : "");
		buf_addc(r->o->rejects, ';');
	}
	csv_cell(r->o->rejects, message);
	buf_adds(r->o->rejects, "\r\n");
}

json_t *import_entry(const struct import_run *r, const char *status)
{
	if (json_array_size(r->engine->changes) >= MAX_CHANGES_LISTED)
		return NULL; /* 100,000 rows build 1,000 entries, not 100,000 */
	return json_pack("{s:I, s:s}", "row", (json_int_t)r->row, "status", status);
}

static void listed(struct import_run *r, json_t *entry)
{
	if (entry && json_array_size(r->engine->changes) < MAX_CHANGES_LISTED)
		json_array_append_new(r->engine->changes, entry);
	else
		json_decref(entry);
}

void import_new(struct import_run *r, json_t *entry)
{
	r->engine->n_new++;
	listed(r, entry);
}

void import_changed(struct import_run *r, json_t *entry)
{
	r->engine->n_changed++;
	listed(r, entry);
}

void import_unchanged(struct import_run *r) { r->engine->n_unchanged++; }

bool import_seen(struct import_run *r, const char *key) { return !strmap_add(&r->engine->seen, key, 0); }

static enum import_rc read_header(struct import_run *r, struct sheet *s, char *why, size_t whysz)
{
	struct import_engine *g = r->engine;
	const char *const    *cells;
	size_t                n;
	enum sheet_err        e = sheet_next(s, &cells, &n, why, whysz);
	if (e == SHEET_END) {
		snprintf(why, whysz, "%s", i18n_text(r->o->lang, "import.empty"));
		return IMPORT_BAD_HEADER;
	}
	if (e != SHEET_OK)
		return IMPORT_BAD_FILE;
	g->ncols               = n;
	bool used[MAX_FIELDS] = {0};
	for (size_t i = 0; i < n; i++) {
		g->headers[i] = xstrdup(cells[i]);
		g->map[i]     = column_field(r->ops, cells[i]);
		if (g->map[i] >= 0 && used[g->map[i]]) {
			snprintf(why, whysz, "%s: %s", i18n_text(r->o->lang, "import.duplicate_column"), cells[i]);
			return IMPORT_BAD_HEADER;
		}
		if (g->map[i] >= 0)
			used[g->map[i]] = true;
	}
	for (size_t k = 0; k < r->ops->nrequired; k++)
		if (!used[r->ops->required[k].field]) {
			snprintf(why, whysz, "%s", i18n_text(r->o->lang, r->ops->required[k].key));
			return IMPORT_BAD_HEADER;
		}
	return IMPORT_OK;
}

/* One data row to the kind: the cells by field, empty = not given. */
static bool data_row(struct import_run *r, const char *const *cells, size_t n)
{
	struct import_engine *g               = r->engine;
	const char           *val[MAX_FIELDS] = {0};
	for (size_t i = 0; i < g->ncols && i < n; i++)
		if (g->map[i] >= 0 && cells[i][0])
			val[g->map[i]] = cells[i];
	g->cells  = cells;
	g->ncells = n;
	return r->ops->row(r, val);
}

enum import_rc import_run(struct db *db, const unsigned char *data, size_t len, const struct import_opts *o,
                          json_t **report, char *why, size_t whysz)
{
	*report        = NULL;
	struct db_q *q = db_q(db, STMT_EMPLOYER_EXISTS);
	db_bind_int(q, 1, o->employer_id);
	bool exists = db_step(q) == DB_ROW;
	db_q_done(q);
	if (!exists) {
		snprintf(why, whysz, "no employer %lld", (long long)o->employer_id);
		return IMPORT_NO_EMPLOYER;
	}
	struct sheet  *s  = NULL;
	enum sheet_err se = sheet_open(data, len, &s, why, whysz);
	if (se != SHEET_OK)
		return IMPORT_BAD_FILE;
	struct import_engine g = {.errors = json_array(), .changes = json_array()};
	struct import_run    r = {.o = o, .db = db, .ops = kind_ops(o->kind), .engine = &g};
	enum import_rc       rc = read_header(&r, s, why, whysz);
	bool                 txn = false, begun = false;
	if (rc == IMPORT_OK) {
		/* A commit is one bulk transaction: any failed statement fails it whole. */
		txn = (o->dry_run ? db_begin_read(db) : db_begin_bulk(db)) == DB_OK;
		if (!txn) {
			snprintf(why, whysz, "database busy: %s", db_errmsg(db));
			rc = IMPORT_DB_ERROR;
		}
	}
	if (rc == IMPORT_OK) {
		begun = true;
		if (r.ops->begin && !r.ops->begin(&r)) {
			snprintf(why, whysz, "database error: %s", db_errmsg(db));
			rc = IMPORT_DB_ERROR;
		}
	}
	if (g.ncols && o->rejects) { /* the rejects file starts with the header and a reason column */
		for (size_t i = 0; i < g.ncols; i++) {
			csv_cell(o->rejects, g.headers[i]);
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
		r.row++;
		if (!data_row(&r, cells, n)) {
			snprintf(why, whysz, "database error: %s", db_errmsg(db));
			rc = IMPORT_DB_ERROR;
		}
		if (o->progress && r.row % 1000 == 0)
			o->progress((size_t)r.row, o->progress_ctx);
	}
	bool committed = false;
	if (txn) {
		bool want = rc == IMPORT_OK && !o->dry_run && !(o->all_or_nothing && g.n_invalid);
		if (want) {
			committed = (!r.ops->before_commit || r.ops->before_commit(&r)) && db_commit(db) == DB_OK;
			if (!committed)
				db_rollback(db);
		} else
			db_rollback(db);
		if (want && !committed) {
			snprintf(why, whysz, "commit failed: %s", db_errmsg(db));
			rc = IMPORT_DB_ERROR;
		}
	}
	if (begun && r.ops->end)
		r.ops->end(&r);
	if (rc == IMPORT_OK) {
		json_t *unknown = json_array();
		for (size_t i = 0; i < g.ncols; i++)
			if (g.map[i] < 0)
				json_array_append_new(unknown, json_string(g.headers[i]));
		*report = json_pack("{s:b, s:I, s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:b}", "dry_run", o->dry_run, "rows",
		                    (json_int_t)r.row, "new", (json_int_t)g.n_new, "changed", (json_int_t)g.n_changed,
		                    "unchanged", (json_int_t)g.n_unchanged, "invalid", (json_int_t)g.n_invalid, "errors",
		                    g.errors, "changes", g.changes, "unknown_columns", unknown, "committed", committed);
	} else {
		json_decref(g.errors);
		json_decref(g.changes);
	}
	for (size_t i = 0; i < g.ncols; i++)
		free((void *)g.headers[i]);
	strmap_free(&g.seen);
	sheet_close(s);
	return rc;
}
