/*
 * export.h — a table (a header row, then rows of cells) written as CSV or
 * XLSX for download.  Columns are typed: text, date, money, number.  Text
 * cells (and the headers) pass through export_neutralise(), so a cell that a
 * spreadsheet would read as a formula (=, +, -, @, TAB, CR first) starts with
 * an apostrophe instead.  Typed cells are written as values, never as text.
 *
 * CSV: RFC 4180 quoting, UTF-8 with BOM, ';' separator, CRLF — what German
 * Excel opens directly; dates DD.MM.YYYY, money 1234,56 (decimal comma).
 * XLSX (libxlsxwriter): bold, frozen header row with autofilter, dates as
 * Excel dates formatted DD.MM.YYYY, money as numbers formatted #,##0.00 €.
 */
#ifndef OPENBAV_EXPORT_H
#define OPENBAV_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "core/date.h"

enum export_format { EXPORT_CSV, EXPORT_XLSX };
enum export_type { EXPORT_TEXT, EXPORT_DATE, EXPORT_MONEY, EXPORT_NUMBER };

struct export_col {
	const char      *header;
	enum export_type type;
};

/* One cell of a row; a zeroed cell is empty.  Text columns read `text`
 * (NULL or "" = empty); typed columns read `value` (day_t for a date, cents
 * for money, the integer for a number) when `set`. */
struct export_cell {
	const char *text;
	int64_t     value;
	bool        set;
};

struct export; /* opaque */

/* sheet_name: the XLSX worksheet's name (ignored for CSV; an invalid name
 * falls back to Excel's default).  NULL on failure (out of memory, no temp
 * file).  The columns must outlive the export. */
struct export *export_begin(enum export_format fmt, const char *sheet_name, const struct export_col *cols,
                            size_t ncols);
/* Appends one row of ncols cells; false on failure (sticky). */
bool export_row(struct export *x, const struct export_cell *cells);
/* Finishes the file into out (appended); frees x in any case.  false on failure. */
bool export_finish(struct export *x, struct buf *out);
void export_free(struct export *x); /* abandons; NULL is fine */

/* The one neutralisation every text cell passes: appends s to out, with a
 * leading apostrophe when s starts with = + - @ TAB or CR. */
void export_neutralise(struct buf *out, const char *s);
bool export_is_risky(const char *s);

const char *export_content_type(enum export_format fmt);
const char *export_extension(enum export_format fmt); /* "csv" / "xlsx" */

#endif
