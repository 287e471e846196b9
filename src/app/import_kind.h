/*
 * import_kind.h — the seam between the import engine (import.c) and the
 * kinds of record it imports (import_employees.c, import_contracts.c).
 *
 * The engine owns everything that is the same for every kind: reading the
 * file (app/sheet.h), mapping the header row to fields (English and German
 * names), the transaction (read for a dry run, one write for a commit, none
 * kept with all-or-nothing and an invalid row), progress, the rejects file,
 * duplicate keys within the file, and the report.  A kind owns what one row
 * means: it looks the record up, checks it through the record's own *_apply
 * rules (never its own copy of them), reports new / changed (with the field
 * diff) / unchanged / invalid, and writes it unless it is a dry run.
 */
#ifndef OPENBAV_IMPORT_KIND_H
#define OPENBAV_IMPORT_KIND_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/import.h"
#include "app/sheet.h"

/* A field and the column names that mean it, after normalisation (lower
 * case; spaces, '_', '-', '.', '/', '(', ')', '%', '€' removed; ä ö ü ß
 * folded): "Pers.-Nr." → "persnr", "Beitrag (€)" → "beitrag".  NUL-separated,
 * ending with an empty name. */
struct import_column {
	int         field;
	const char *names;
};

/* A column the file must have, and the catalogue key of the message when
 * it lacks it. */
struct import_required {
	int         field;
	const char *key;
};

struct import_run;

enum { IMPORT_MAX_FIELDS = 64 }; /* fields of one kind */

struct import_kind_ops {
	const char *const            *fields; /* canonical field names: the report's diff keys, English column names */
	int                           nfields;
	const struct import_column   *columns;
	size_t                        ncolumns;
	const struct import_required *required;
	size_t                        nrequired;
	/* Inside the transaction, before the first row; false: database error. */
	bool (*begin)(struct import_run *r);
	/* One data row: val[field] is its cell, NULL when empty or absent.
	 * false only for a database error (an invalid row is reported). */
	bool (*row)(struct import_run *r, const char *const *val);
	/* Before a commit, in the transaction; false: database error.  May be NULL. */
	bool (*before_commit)(struct import_run *r);
	/* Frees the kind's state; called whenever begin was.  May be NULL. */
	void (*end)(struct import_run *r);
};

extern const struct import_kind_ops import_employees_ops, import_contracts_ops;

/* What a kind sees of a run; the rest is the engine's (import.c). */
struct import_run {
	const struct import_opts     *o;
	struct db                    *db;
	const struct import_kind_ops *ops;
	void                         *state; /* the kind's */
	int64_t                       row;   /* the data row being read, from 1 */
	struct import_engine         *engine;
};

/* The row is invalid: error entry (row, the column of `field` as written in
 * the file — or the field name when the file has no such column; none for
 * NULL — and the catalogue text of key), a line in the rejects file, the
 * count.  field is a canonical field name. */
void import_invalid(struct import_run *r, const char *field, const char *key);
/* true when key was already seen in this file (then the row is a duplicate);
 * else remembers it. */
bool import_seen(struct import_run *r, const char *key);
/* {"row": …, "status": status} for the changes list; the kind adds its keys.
 * NULL once the list is full (1,000 entries): the kind need not build more. */
json_t *import_entry(const struct import_run *r, const char *status);
/* The row is new / changed (entry with "fields") / unchanged.  Take entry
 * (NULL: counted, not listed). */
void import_new(struct import_run *r, json_t *entry);
void import_changed(struct import_run *r, json_t *entry);
void import_unchanged(struct import_run *r);
/* The index of a canonical field name, or -1. */
int import_field(const struct import_run *r, const char *name);

#endif
