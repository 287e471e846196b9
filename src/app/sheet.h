/*
 * sheet.h — a spreadsheet (CSV or XLSX) from an untrusted upload, read row by
 * row as UTF-8 cells.  The readers only decode: they never judge the content
 * (headers, dates, numbers); the import logic on top does that.
 *
 * Row shape: *cells is an array of *ncells NUL-terminated UTF-8 strings, an
 * empty cell being "".  An empty row (a blank CSV line, a skipped or valueless
 * XLSX row) has ncells == 0.  Rows may have fewer cells than the header; the
 * caller decides.  XLSX rows are trimmed after their last non-empty cell.
 * Cells stay valid until the next sheet_next() or sheet_close().
 *
 * Errors are sticky: after sheet_next() returned an error, it returns the same
 * error again.  `why` always gets a precise English message naming the line
 * (CSV) or the part, row and cell (XLSX); it may be NULL with whysz 0.
 */
#ifndef OPENBAV_SHEET_H
#define OPENBAV_SHEET_H

#include <stddef.h>

enum sheet_err {
	SHEET_OK,
	SHEET_END,
	SHEET_NOT_TABULAR,      /* binary or unknown format */
	SHEET_BAD_CSV,
	SHEET_BAD_XLSX,
	SHEET_TOO_LARGE,
	SHEET_BAD_ENCODING,
	SHEET_TOO_MANY_COLUMNS,
	SHEET_CELL_TOO_LONG,
};

struct sheet; /* opaque */

enum sheet_format { SHEET_CSV, SHEET_XLSX };

enum {
	SHEET_MAX_COLUMNS = 256,
	SHEET_MAX_CELL    = 64 * 1024,        /* bytes of UTF-8 in one cell */
	SHEET_MAX_BYTES   = 64 * 1024 * 1024, /* the file; for XLSX also each part uncompressed */
};

/* Detects the format from the bytes: XLSX = zip "PK\3\4" with xl/workbook.xml;
 * CSV otherwise if it decodes as text (UTF-8 with or without BOM, UTF-16 with
 * BOM, else Windows-1252); NUL bytes, other binary, legacy .xls or a zip that is
 * no workbook → SHEET_NOT_TABULAR.  The data must stay valid while the sheet is
 * open.  On error *out is NULL. */
enum sheet_err sheet_open(const unsigned char *data, size_t len, struct sheet **out, char *why,
                          size_t whysz);
enum sheet_format sheet_format(const struct sheet *s);
/* Next row: SHEET_OK, SHEET_END, or an error with a message in why. */
enum sheet_err sheet_next(struct sheet *s, const char *const **cells, size_t *ncells, char *why,
                          size_t whysz);
/* 1-based number of the row last returned: for CSV the line in the file where
 * the record began, for XLSX Excel's row number.  0 before the first row. */
size_t      sheet_row_number(const struct sheet *s);
void        sheet_close(struct sheet *s); /* NULL is fine */
const char *sheet_err_text(enum sheet_err e); /* English, never NULL */

/*
 * Internal: the seam between the dispatcher (sheet_csv.c) and the two
 * readers.  Callers use the functions above.
 */
/* The reason of a failure into why (either may be NULL/0); shared by the readers. */
void sheet_whyf(char *why, size_t whysz, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
struct sheet_csv;
struct sheet_xlsx;
enum sheet_err sheet_csv_open(const unsigned char *data, size_t len, struct sheet_csv **out,
                              char *why, size_t whysz);
enum sheet_err sheet_csv_next(struct sheet_csv *c, const char *const **cells, size_t *ncells,
                              char *why, size_t whysz);
size_t         sheet_csv_row(const struct sheet_csv *c);
void           sheet_csv_close(struct sheet_csv *c);
enum sheet_err sheet_xlsx_open(const unsigned char *data, size_t len, struct sheet_xlsx **out,
                               char *why, size_t whysz);
enum sheet_err sheet_xlsx_next(struct sheet_xlsx *x, const char *const **cells, size_t *ncells,
                               char *why, size_t whysz);
size_t         sheet_xlsx_row(const struct sheet_xlsx *x);
void           sheet_xlsx_close(struct sheet_xlsx *x);

#endif
