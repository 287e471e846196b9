/*
 * export.c — owns writing a typed table as CSV or XLSX into a buffer, and the
 * one formula-injection neutralisation every text cell passes through.
 * Must never write a cell as a formula, never let a text cell skip
 * export_neutralise(), and never leave its temporary XLSX file behind (it is
 * unlinked as soon as it has been read back).  No database, no HTTP here.
 */
#include "app/export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

enum {
	EXPORT_WIDTH_MIN  = 8,
	EXPORT_WIDTH_MAX  = 60,
	EXPORT_XLSX_ROWS  = 1048576, /* Excel's limit */
	EXPORT_EXCEL_1900 = -25508,  /* 1900-03-01 as day_t: Excel serials are exact from here */
	EXPORT_EXCEL_EPOCH = 25569,  /* Excel serial of 1970-01-01 */
};

struct export {
	enum export_format       fmt;
	const struct export_col *cols;
	size_t                   ncols;
	bool                     failed;
	uint32_t                 row; /* next row index (0 = header) */
	struct buf               csv;
	struct buf               cell; /* scratch: one neutralised text cell */
	/* XLSX */
	lxw_workbook  *wb;
	lxw_worksheet *ws;
	lxw_format    *f_head, *f_date, *f_money;
	double        *width; /* per column, in characters */
	char           path[512];
};

bool export_is_risky(const char *s)
{
	return s && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r');
}

void export_neutralise(struct buf *out, const char *s)
{
	if (!s)
		return;
	if (export_is_risky(s))
		buf_addc(out, '\'');
	buf_adds(out, s);
}

const char *export_content_type(enum export_format fmt)
{
	return fmt == EXPORT_XLSX ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	                          : "text/csv; charset=utf-8";
}

const char *export_extension(enum export_format fmt) { return fmt == EXPORT_XLSX ? "xlsx" : "csv"; }

/* Characters (UTF-8 code points) as a rough display width. */
static double text_width(const char *s)
{
	double w = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

static void note_width(struct export *x, size_t col, double w)
{
	if (x->width && w > x->width[col])
		x->width[col] = w;
}

/* ---- CSV -------------------------------------------------------------------- */

static void csv_field(struct buf *b, const char *s, size_t n)
{
	if (!memchr(s, ';', n) && !memchr(s, '"', n) && !memchr(s, '\n', n) && !memchr(s, '\r', n)) {
		buf_add(b, s, n);
		return;
	}
	buf_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			buf_addc(b, '"');
		buf_addc(b, s[i]);
	}
	buf_addc(b, '"');
}

static void csv_text(struct export *x, const char *s)
{
	buf_reset(&x->cell);
	export_neutralise(&x->cell, s);
	if (x->cell.n)
		csv_field(&x->csv, x->cell.p, x->cell.n);
}

/* 123456 → "1234,56"; -5 → "-0,05": a number German Excel reads. */
static void csv_money(struct buf *b, int64_t cents)
{
	uint64_t u = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
	buf_printf(b, "%s%llu,%02llu", cents < 0 ? "-" : "", (unsigned long long)(u / 100),
	           (unsigned long long)(u % 100));
}

static void csv_row(struct export *x, const struct export_cell *cells)
{
	for (size_t i = 0; i < x->ncols; i++) {
		if (i)
			buf_addc(&x->csv, ';');
		const struct export_cell *c = &cells[i];
		switch (x->cols[i].type) {
		case EXPORT_TEXT:
			csv_text(x, c->text);
			break;
		case EXPORT_DATE:
			if (c->set) {
				char d[11];
				date_format_de((day_t)c->value, d);
				buf_adds(&x->csv, d);
			}
			break;
		case EXPORT_MONEY:
			if (c->set)
				csv_money(&x->csv, c->value);
			break;
		case EXPORT_NUMBER:
			if (c->set)
				buf_printf(&x->csv, "%lld", (long long)c->value);
			break;
		}
	}
	buf_add(&x->csv, "\r\n", 2);
}

/* ---- XLSX ------------------------------------------------------------------- */

static void xlsx_check(struct export *x, lxw_error e)
{
	if (e != LXW_NO_ERROR)
		x->failed = true;
}

static void xlsx_text(struct export *x, size_t col, const char *s, lxw_format *f)
{
	buf_reset(&x->cell);
	export_neutralise(&x->cell, s);
	if (!x->cell.n)
		return;
	note_width(x, col, text_width(x->cell.p));
	/* Always a string cell: never worksheet_write() or a formula. */
	xlsx_check(x, worksheet_write_string(x->ws, x->row, (lxw_col_t)col, x->cell.p, f));
}

static void xlsx_row(struct export *x, const struct export_cell *cells)
{
	for (size_t i = 0; i < x->ncols; i++) {
		const struct export_cell *c   = &cells[i];
		lxw_col_t                 col = (lxw_col_t)i;
		switch (x->cols[i].type) {
		case EXPORT_TEXT:
			xlsx_text(x, i, c->text, NULL);
			break;
		case EXPORT_DATE:
			if (!c->set)
				break;
			note_width(x, i, 10);
			if (c->value >= EXPORT_EXCEL_1900) /* integer serial: exact */
				xlsx_check(x, worksheet_write_number(x->ws, x->row, col,
				                                     (double)(c->value + EXPORT_EXCEL_EPOCH), x->f_date));
			else { /* before Excel's calendar: as text */
				char d[11];
				date_format_de((day_t)c->value, d);
				xlsx_text(x, i, d, NULL);
			}
			break;
		case EXPORT_MONEY:
			if (!c->set)
				break;
			/* Display only: the amount is exact in cents everywhere else. */
			note_width(x, i, 16);
			xlsx_check(x, worksheet_write_number(x->ws, x->row, col, (double)c->value / 100.0, x->f_money));
			break;
		case EXPORT_NUMBER:
			if (!c->set)
				break;
			note_width(x, i, 12);
			xlsx_check(x, worksheet_write_number(x->ws, x->row, col, (double)c->value, NULL));
			break;
		}
	}
}

static bool xlsx_begin(struct export *x, const char *sheet_name)
{
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	snprintf(x->path, sizeof x->path, "%s/openbav-export-XXXXXX", dir);
	int fd = mkstemp(x->path);
	if (fd < 0) {
		x->path[0] = 0;
		return false;
	}
	close(fd);
	/* Constant memory: rows go to a temporary file as they come, and text
	 * cells are written inline in the sheet. */
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = (char *)dir, .use_zip64 = LXW_FALSE};
	x->wb = workbook_new_opt(x->path, &opt);
	if (!x->wb)
		return false;
	if (sheet_name && workbook_validate_sheet_name(x->wb, sheet_name) == LXW_NO_ERROR)
		x->ws = workbook_add_worksheet(x->wb, sheet_name);
	if (!x->ws)
		x->ws = workbook_add_worksheet(x->wb, NULL);
	x->f_head  = workbook_add_format(x->wb);
	x->f_date  = workbook_add_format(x->wb);
	x->f_money = workbook_add_format(x->wb);
	x->width   = calloc(x->ncols, sizeof *x->width);
	if (!x->ws || !x->f_head || !x->f_date || !x->f_money || !x->width)
		return false;
	format_set_bold(x->f_head);
	format_set_num_format(x->f_date, "dd.mm.yyyy");
	format_set_num_format(x->f_money, "#,##0.00\\ \"€\"");
	return true;
}

static bool xlsx_finish(struct export *x, struct buf *out)
{
	for (size_t i = 0; i < x->ncols; i++) {
		double w = x->width[i] + 2;
		w        = w < EXPORT_WIDTH_MIN ? EXPORT_WIDTH_MIN : w > EXPORT_WIDTH_MAX ? EXPORT_WIDTH_MAX : w;
		xlsx_check(x, worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i, w, NULL));
	}
	worksheet_freeze_panes(x->ws, 1, 0);
	xlsx_check(x, worksheet_autofilter(x->ws, 0, 0, x->row ? x->row - 1 : 0, (lxw_col_t)(x->ncols - 1)));
	lxw_error e = workbook_close(x->wb);
	x->wb       = NULL;
	if (x->failed || e != LXW_NO_ERROR)
		return false;
	FILE *f = fopen(x->path, "rb");
	if (!f)
		return false;
	char   chunk[16384];
	size_t n;
	bool   ok = true;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(out, chunk, n);
	if (ferror(f))
		ok = false;
	fclose(f);
	return ok;
}

/* ---- the table -------------------------------------------------------------- */

void export_free(struct export *x)
{
	if (!x)
		return;
	if (x->wb) {
		workbook_close(x->wb); /* only way to release it; the file is dropped below */
		x->wb = NULL;
	}
	if (x->path[0])
		unlink(x->path);
	free(x->width);
	buf_free(&x->csv);
	buf_free(&x->cell);
	free(x);
}

struct export *export_begin(enum export_format fmt, const char *sheet_name, const struct export_col *cols,
                            size_t ncols)
{
	if (!ncols || ncols > LXW_COL_MAX)
		return NULL;
	struct export *x = calloc(1, sizeof *x);
	if (!x)
		return NULL;
	x->fmt   = fmt;
	x->cols  = cols;
	x->ncols = ncols;
	if (fmt == EXPORT_XLSX && !xlsx_begin(x, sheet_name)) {
		export_free(x);
		return NULL;
	}
	if (fmt == EXPORT_CSV)
		buf_add(&x->csv, "\xEF\xBB\xBF", 3); /* BOM: Excel reads the umlauts right */
	/* The header row, through the same neutralisation as every cell. */
	for (size_t i = 0; i < ncols; i++) {
		if (fmt == EXPORT_CSV) {
			if (i)
				buf_addc(&x->csv, ';');
			csv_text(x, cols[i].header);
		} else
			xlsx_text(x, i, cols[i].header, x->f_head);
	}
	if (fmt == EXPORT_CSV)
		buf_add(&x->csv, "\r\n", 2);
	x->row = 1;
	return x;
}

bool export_row(struct export *x, const struct export_cell *cells)
{
	if (x->failed)
		return false;
	if (x->fmt == EXPORT_XLSX) {
		if (x->row >= EXPORT_XLSX_ROWS) {
			x->failed = true;
			return false;
		}
		xlsx_row(x, cells);
	} else
		csv_row(x, cells);
	x->row++;
	return !x->failed;
}

bool export_finish(struct export *x, struct buf *out)
{
	bool ok = !x->failed;
	if (ok) {
		if (x->fmt == EXPORT_XLSX)
			ok = xlsx_finish(x, out);
		else
			buf_add(out, x->csv.p, x->csv.n);
	}
	export_free(x);
	return ok;
}
