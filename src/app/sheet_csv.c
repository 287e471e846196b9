/*
 * sheet_csv.c — the sheet_open() dispatcher and the CSV reader (RFC 4180, with
 * Excel's leniencies).  Owns the sniffing of an upload (XLSX, CSV, binary), the
 * text decoding (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252) and
 * one reused row buffer per sheet.
 *
 * Must never: trust a length or a byte of the input, allocate per cell, read
 * past `len`, hand out a cell that is not valid UTF-8, or guess silently when
 * the encoding is mixed (that would put mojibake into personnel records).
 */
#include "app/sheet.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

void sheet_whyf(char *why, size_t whysz, const char *fmt, ...)
{
	if (why == NULL || whysz == 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, whysz, fmt, ap);
	va_end(ap);
}

/* ------------------------------------------------------------------ */
/* dispatcher                                                           */

struct sheet {
	enum sheet_format  fmt;
	struct sheet_csv  *csv;
	struct sheet_xlsx *xlsx;
};

const char *sheet_err_text(enum sheet_err e)
{
	switch (e) {
	case SHEET_OK: return "ok";
	case SHEET_END: return "end of sheet";
	case SHEET_NOT_TABULAR: return "not a CSV or XLSX file";
	case SHEET_BAD_CSV: return "malformed CSV";
	case SHEET_BAD_XLSX: return "malformed XLSX workbook";
	case SHEET_TOO_LARGE: return "file too large";
	case SHEET_BAD_ENCODING: return "unsupported or broken text encoding";
	case SHEET_TOO_MANY_COLUMNS: return "too many columns";
	case SHEET_CELL_TOO_LONG: return "cell too long";
	}
	return "unknown sheet error";
}

enum sheet_err sheet_open(const unsigned char *data, size_t len, struct sheet **out, char *why,
                          size_t whysz)
{
	static const unsigned char ole2[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	enum sheet_err e;
	*out = NULL;
	sheet_whyf(why, whysz, "%s", "");
	if (len > SHEET_MAX_BYTES) {
		sheet_whyf(why, whysz, "the file has %zu bytes; at most %d are accepted", len,
		           SHEET_MAX_BYTES);
		return SHEET_TOO_LARGE;
	}
	if (data == NULL)
		data = (const unsigned char *)"";
	struct sheet *s = xcalloc(1, sizeof *s);
	if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0) {
		s->fmt = SHEET_XLSX;
		e = sheet_xlsx_open(data, len, &s->xlsx, why, whysz);
	} else if (len >= 8 && memcmp(data, ole2, 8) == 0) {
		sheet_whyf(why, whysz, "an OLE2 compound file: a legacy .xls workbook or a "
		                       "password-protected .xlsx; save it as .xlsx without a password "
		                       "or as CSV");
		e = SHEET_NOT_TABULAR;
	} else if (len >= 5 && memcmp(data, "%PDF-", 5) == 0) {
		sheet_whyf(why, whysz, "a PDF document, not a spreadsheet");
		e = SHEET_NOT_TABULAR;
	} else {
		s->fmt = SHEET_CSV;
		e = sheet_csv_open(data, len, &s->csv, why, whysz);
	}
	if (e != SHEET_OK) {
		free(s);
		return e;
	}
	*out = s;
	return SHEET_OK;
}

enum sheet_format sheet_format(const struct sheet *s)
{
	return s->fmt;
}

enum sheet_err sheet_next(struct sheet *s, const char *const **cells, size_t *ncells, char *why,
                          size_t whysz)
{
	*cells  = NULL;
	*ncells = 0;
	sheet_whyf(why, whysz, "%s", "");
	if (s->fmt == SHEET_XLSX)
		return sheet_xlsx_next(s->xlsx, cells, ncells, why, whysz);
	return sheet_csv_next(s->csv, cells, ncells, why, whysz);
}

size_t sheet_row_number(const struct sheet *s)
{
	return s->fmt == SHEET_XLSX ? sheet_xlsx_row(s->xlsx) : sheet_csv_row(s->csv);
}

void sheet_close(struct sheet *s)
{
	if (s == NULL)
		return;
	sheet_csv_close(s->csv);
	sheet_xlsx_close(s->xlsx);
	free(s);
}

/* ------------------------------------------------------------------ */
/* CSV                                                                  */

struct sheet_csv {
	const unsigned char *p;     /* text, after any BOM */
	size_t               len;   /* of p */
	size_t               pos;   /* next byte to read */
	size_t               text_at; /* first byte at or after pos that is no line end */
	size_t               skip;  /* bytes before p in the file (BOM), for offsets */
	unsigned char       *owned; /* UTF-16 input re-encoded as UTF-8 */
	bool                 cp1252;
	unsigned char        delim;
	size_t               line;  /* physical line of p[pos], 1-based */
	size_t               row;   /* first line of the record last returned */
	enum sheet_err       err;   /* sticky */
	char                 errmsg[256];
	unsigned char        stop_plain[256]; /* bytes that end a run in an unquoted field */
	unsigned char        stop_quoted[256];
	char                *buf;   /* the row: cells one after another, NUL-terminated */
	size_t               cap, used;
	size_t               off[SHEET_MAX_COLUMNS];
	const char          *cells[SHEET_MAX_COLUMNS];
};

/* Windows-1252 0x80–0x9F; 0 marks the five undefined bytes. */
static const uint16_t sheet_cp1252[32] = {
	0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
	0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
	0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

static size_t sheet_put_utf8(unsigned char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Length of the well-formed UTF-8 sequence at p (no overlongs, no surrogates,
 * at most U+10FFFF), or 0 if there is none. */
static size_t sheet_utf8_seq(const unsigned char *p, size_t n)
{
	unsigned char c = p[0];
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F))
			return 0;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F))
			return 0;
		return 4;
	}
	return 0;
}

/* Offset of the first byte that is not well-formed UTF-8, or n. */
static size_t sheet_utf8_check(const unsigned char *p, size_t n, size_t *multibyte)
{
	size_t i = 0;
	*multibyte = 0;
	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		size_t k = sheet_utf8_seq(p + i, n - i);
		if (k == 0)
			return i;
		(*multibyte)++;
		i += k;
	}
	return n;
}

static size_t sheet_utf8_count(const unsigned char *p, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n;) {
		size_t k = p[i] < 0x80 ? 0 : sheet_utf8_seq(p + i, n - i);
		count += k > 1;
		i += k > 1 ? k : 1;
	}
	return count;
}

/* Physical line (1-based) of byte offset off: CRLF, LF and CR each end one. */
static size_t sheet_line_at(const unsigned char *p, size_t off)
{
	size_t line = 1;
	for (size_t i = 0; i < off; i++) {
		if (p[i] == '\n' || (p[i] == '\r' && (i + 1 >= off || p[i + 1] != '\n')))
			line++;
	}
	return line;
}

/* UTF-16 with BOM (Excel's "Unicode text") re-encoded as UTF-8. */
static enum sheet_err sheet_csv_utf16(struct sheet_csv *c, const unsigned char *data, size_t len,
                                      bool le, char *why, size_t whysz)
{
	if (len % 2) {
		sheet_whyf(why, whysz, "UTF-16 text with an odd number of bytes (%zu): truncated file",
		           len);
		return SHEET_BAD_ENCODING;
	}
	unsigned char *o = xmalloc(len / 2 * 3 + 1);
	size_t         n = 0;
	for (size_t i = 2; i < len; i += 2) {
		uint32_t u = le ? (uint32_t)(data[i] | data[i + 1] << 8)
		                : (uint32_t)(data[i] << 8 | data[i + 1]);
		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < len) {
			uint32_t lo = le ? (uint32_t)(data[i + 2] | data[i + 3] << 8)
			                 : (uint32_t)(data[i + 2] << 8 | data[i + 3]);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				i += 2;
			}
		}
		if (u >= 0xD800 && u <= 0xDFFF) {
			sheet_whyf(why, whysz, "UTF-16 text with an unpaired surrogate at byte offset %zu",
			           i);
			free(o);
			return SHEET_BAD_ENCODING;
		}
		if (u == 0) {
			sheet_whyf(why, whysz, "a NUL character at byte offset %zu: binary file, not CSV",
			           i);
			free(o);
			return SHEET_NOT_TABULAR;
		}
		n += sheet_put_utf8(o + n, u);
	}
	c->owned = o;
	c->p     = o;
	c->len   = n;
	c->skip  = 0;
	return SHEET_OK;
}

/* The first logical line decides: the most frequent of ; , TAB outside
 * quotes; ';' wins a tie (German Excel), then ','. */
static unsigned char sheet_csv_delim(const unsigned char *p, size_t n)
{
	size_t semi = 0, comma = 0, tab = 0;
	bool   q    = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = p[i];
		if (ch == '"')
			q = !q;
		else if (!q && (ch == '\n' || ch == '\r'))
			break;
		else if (!q && ch == ';')
			semi++;
		else if (!q && ch == ',')
			comma++;
		else if (!q && ch == '\t')
			tab++;
	}
	if (semi >= comma && semi >= tab)
		return ';';
	return comma >= tab ? ',' : '\t';
}

enum sheet_err sheet_csv_open(const unsigned char *data, size_t len, struct sheet_csv **out,
                              char *why, size_t whysz)
{
	struct sheet_csv *c = xcalloc(1, sizeof *c);
	enum sheet_err    e = SHEET_OK;
	bool              declared_utf8 = false;
	*out                            = NULL;
	c->p                            = data;
	c->len                          = len;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		declared_utf8 = true;
		c->p += 3;
		c->len -= 3;
		c->skip = 3;
	} else if (len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) ||
	                        (data[0] == 0xFE && data[1] == 0xFF))) {
		e = sheet_csv_utf16(c, data, len, data[0] == 0xFF, why, whysz);
		if (e != SHEET_OK)
			goto fail;
		declared_utf8 = true;
	}

	const unsigned char *nul = memchr(c->p, 0, c->len);
	if (nul != NULL) {
		sheet_whyf(why, whysz, "a NUL byte at byte offset %zu: binary file, not CSV",
		           (size_t)(nul - c->p) + c->skip);
		e = SHEET_NOT_TABULAR;
		goto fail;
	}
	/* Other control characters: a stray one passes through to the caller,
	 * but text has hardly any. */
	size_t ctl = 0;
	for (size_t i = 0; i < c->len; i++) {
		unsigned char ch = c->p[i];
		ctl += ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' && ch != '\f' && ch != '\v' &&
		       ch != 0x1A;
	}
	if (ctl > 4 && ctl > c->len / 100) {
		sheet_whyf(why, whysz, "%zu control bytes in %zu: binary file, not CSV", ctl, c->len);
		e = SHEET_NOT_TABULAR;
		goto fail;
	}

	size_t mb  = 0;
	size_t bad = sheet_utf8_check(c->p, c->len, &mb);
	if (bad < c->len) {
		size_t off = bad + c->skip;
		if (declared_utf8) {
			sheet_whyf(why, whysz,
			           "line %zu: byte 0x%02X at byte offset %zu is not valid UTF-8, though "
			           "the file starts with a UTF-8 byte order mark",
			           sheet_line_at(c->p, bad), c->p[bad], off);
			e = SHEET_BAD_ENCODING;
			goto fail;
		}
		if (mb > 0 || sheet_utf8_count(c->p + bad, c->len - bad) > 0) {
			sheet_whyf(why, whysz,
			           "line %zu: byte 0x%02X at byte offset %zu is not valid UTF-8, but other "
			           "parts of the file are: mixed encodings; save the file again as "
			           "\"CSV UTF-8\"",
			           sheet_line_at(c->p, bad), c->p[bad], off);
			e = SHEET_BAD_ENCODING;
			goto fail;
		}
		c->cp1252 = true;
		for (size_t i = bad; i < c->len; i++) {
			unsigned char ch = c->p[i];
			if (ch >= 0x80 && ch <= 0x9F && sheet_cp1252[ch - 0x80] == 0) {
				sheet_whyf(why, whysz,
				           "line %zu: byte 0x%02X at byte offset %zu is neither UTF-8 nor "
				           "Windows-1252",
				           sheet_line_at(c->p, i), ch, i + c->skip);
				e = SHEET_BAD_ENCODING;
				goto fail;
			}
		}
	}

	c->delim = sheet_csv_delim(c->p, c->len);
	c->line  = 1;
	for (int ch = 0; ch < 256; ch++) {
		bool high             = c->cp1252 && ch >= 0x80;
		c->stop_plain[ch]     = ch == c->delim || ch == '\r' || ch == '\n' || high;
		c->stop_quoted[ch]    = ch == '"' || ch == '\r' || ch == '\n' || high;
	}
	c->cap = 4096;
	c->buf = xmalloc(c->cap);
	*out   = c;
	return SHEET_OK;
fail:
	free(c->owned);
	free(c);
	return e;
}

static enum sheet_err sheet_csv_fail(struct sheet_csv *c, enum sheet_err e, char *why,
                                     size_t whysz)
{
	c->err = e;
	sheet_whyf(why, whysz, "%s", c->errmsg);
	return e;
}

/* Appends n bytes to the current cell (which began at c->off[col]). */
static bool sheet_csv_put(struct sheet_csv *c, size_t col, const void *src, size_t n)
{
	if (c->used - c->off[col] + n > SHEET_MAX_CELL)
		return false;
	if (c->used + n + 1 > c->cap) {
		while (c->used + n + 1 > c->cap)
			c->cap *= 2;
		c->buf = xrealloc(c->buf, c->cap);
	}
	memcpy(c->buf + c->used, src, n);
	c->used += n;
	return true;
}

/* Copies the run of ordinary bytes at pos (stopping at a byte marked in stop)
 * into the cell; a Windows-1252 byte is decoded.  False: the cell is too long. */
static bool sheet_csv_run(struct sheet_csv *c, size_t col, const unsigned char *stop)
{
	const unsigned char *p = c->p;
	for (;;) {
		size_t i = c->pos;
		while (i < c->len && !stop[p[i]])
			i++;
		if (!sheet_csv_put(c, col, p + c->pos, i - c->pos))
			return false;
		c->pos = i;
		if (i >= c->len || !c->cp1252 || p[i] < 0x80)
			return true;
		unsigned char u[4];
		uint32_t      cp = p[i] < 0xA0 ? sheet_cp1252[p[i] - 0x80] : p[i];
		if (!sheet_csv_put(c, col, u, sheet_put_utf8(u, cp)))
			return false;
		c->pos++;
	}
}

enum sheet_err sheet_csv_next(struct sheet_csv *c, const char *const **cells, size_t *ncells,
                              char *why, size_t whysz)
{
	const unsigned char *p = c->p;
	if (c->err != SHEET_OK)
		return sheet_csv_fail(c, c->err, why, whysz);
	/* Nothing but line ends left: the trailing empty line(s).  The scan
	 * resumes where the last one stopped, so a run of blank lines stays
	 * linear. */
	if (c->text_at < c->pos)
		c->text_at = c->pos;
	while (c->text_at < c->len && (p[c->text_at] == '\r' || p[c->text_at] == '\n'))
		c->text_at++;
	if (c->text_at >= c->len) {
		c->pos = c->len;
		return SHEET_END;
	}

	size_t start = c->line, n = 0, qline = 0; /* qline: where a quoted field began */
	bool   blank = false;
	c->used      = 0;
	for (;;) {
		if (n == SHEET_MAX_COLUMNS) {
			snprintf(c->errmsg, sizeof c->errmsg, "line %zu: more than %d columns", start,
			         SHEET_MAX_COLUMNS);
			return sheet_csv_fail(c, SHEET_TOO_MANY_COLUMNS, why, whysz);
		}
		c->off[n] = c->used;
		qline     = 0;
		if (c->pos < c->len && p[c->pos] == '"') {
			qline = c->line;
			c->pos++;
			for (;;) {
				if (!sheet_csv_run(c, n, c->stop_quoted))
					goto too_long;
				if (c->pos >= c->len) {
					snprintf(c->errmsg, sizeof c->errmsg,
					         "line %zu, column %zu: the quoted field that begins here is "
					         "never closed",
					         qline, n + 1);
					return sheet_csv_fail(c, SHEET_BAD_CSV, why, whysz);
				}
				unsigned char ch = p[c->pos];
				if (ch == '"') {
					if (c->pos + 1 < c->len && p[c->pos + 1] == '"') {
						if (!sheet_csv_put(c, n, "\"", 1))
							goto too_long;
						c->pos += 2;
						continue;
					}
					c->pos++;
					break;
				}
				if (ch == '\r' || ch == '\n') {
					size_t k = ch == '\r' && c->pos + 1 < c->len && p[c->pos + 1] == '\n' ? 2
					                                                                     : 1;
					if (!sheet_csv_put(c, n, p + c->pos, k))
						goto too_long;
					c->pos += k;
					c->line++;
				}
			}
		}
		/* Unquoted, or the rest after a closing quote (Excel keeps it). */
		if (!sheet_csv_run(c, n, c->stop_plain))
			goto too_long;
		if (!sheet_csv_put(c, n, "", 0))
			goto too_long;
		c->buf[c->used++] = '\0';
		if (n == 0 && qline == 0 && c->used == 1 &&
		    (c->pos >= c->len || p[c->pos] != c->delim))
			blank = true;
		n++;
		if (c->pos >= c->len)
			break;
		if (p[c->pos] == c->delim) {
			c->pos++;
			continue;
		}
		c->pos += p[c->pos] == '\r' && c->pos + 1 < c->len && p[c->pos + 1] == '\n' ? 2 : 1;
		c->line++;
		break;
	}
	c->row = start;
	if (blank)
		n = 0;
	for (size_t i = 0; i < n; i++)
		c->cells[i] = c->buf + c->off[i];
	*cells  = c->cells;
	*ncells = n;
	return SHEET_OK;
too_long:
	if (qline != 0)
		snprintf(c->errmsg, sizeof c->errmsg,
		         "line %zu, column %zu: cell longer than %d bytes (the quoted field began on "
		         "line %zu; is its closing quote missing?)",
		         c->line, n + 1, SHEET_MAX_CELL, qline);
	else
		snprintf(c->errmsg, sizeof c->errmsg, "line %zu, column %zu: cell longer than %d bytes",
		         c->line, n + 1, SHEET_MAX_CELL);
	return sheet_csv_fail(c, SHEET_CELL_TOO_LONG, why, whysz);
}

size_t sheet_csv_row(const struct sheet_csv *c)
{
	return c->row;
}

void sheet_csv_close(struct sheet_csv *c)
{
	if (c == NULL)
		return;
	free(c->owned);
	free(c->buf);
	free(c);
}
