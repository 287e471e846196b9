/*
 * import.h — bulk import from CSV or XLSX (docs/import.md) of employees
 * (keyed by personnel number) or insurance contracts with their commitments
 * (keyed by policy number, the employee by personnel number): a dry run
 * reports per row what would happen (new, changed with a field diff,
 * unchanged, invalid with row, column and message) and changes nothing; a
 * commit writes all valid rows in one transaction (or none, with
 * all_or_nothing, if any row is invalid).  Importing the same file twice
 * changes nothing the second time.
 */
#ifndef OPENBAV_IMPORT_H
#define OPENBAV_IMPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/lang.h"
#include "db/db.h"

enum import_kind { IMPORT_EMPLOYEES, IMPORT_CONTRACTS };

enum { IMPORT_MAX_BYTES = 64 * 1024 * 1024 };

struct import_opts {
	enum import_kind kind;
	int64_t          employer_id;
	bool             dry_run;
	bool             all_or_nothing;
	int64_t          user_id; /* 0: command line */
	int64_t          now;
	enum lang        lang;     /* of the messages */
	struct buf      *rejects;  /* if set: the rejected rows as CSV with a reason column */
	void (*progress)(size_t rows, void *ctx); /* every 1,000 rows, if set */
	void *progress_ctx;
};

enum import_rc {
	IMPORT_OK,          /* report made (rows may still be invalid) */
	IMPORT_BAD_FILE,    /* not CSV/XLSX, broken, too large: *why says what */
	IMPORT_BAD_HEADER,  /* a key column missing (personnel / policy number), duplicate columns, empty file */
	IMPORT_NO_EMPLOYER, /* the employer does not exist */
	IMPORT_DB_ERROR,
};

/* "employees" / "contracts" → the kind; false for any other name. */
bool        import_kind_from_name(const char *name, enum import_kind *out);
const char *import_kind_name(enum import_kind kind);

/* The report of docs/api.md: {"dry_run","rows","new","changed","unchanged",
 * "invalid","errors":[{"row","column","message"}], …}.  *report is set for
 * IMPORT_OK; for the other results *why names the problem. */
enum import_rc import_run(struct db *db, const unsigned char *data, size_t len, const struct import_opts *o,
                          json_t **report, char *why, size_t whysz);

#endif
