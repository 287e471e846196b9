/*
 * sheet_xlsx.c — the XLSX reader: the first worksheet of an untrusted
 * workbook, row by row, on libzip (reading from memory) and expat.
 *
 * Owns the zip archive, the parts it unpacked (workbook, relationships,
 * styles, shared strings, the sheet), the shared-string table and one reused
 * row buffer.  The sheet is parsed lazily: expat is suspended after each
 * </row> and resumed by the next sheet_xlsx_next().
 *
 * Must never: unpack a part beyond SHEET_MAX_BYTES or with an absurd
 * compression ratio, trust a size or an index from the file, let expat read a
 * DOCTYPE, an entity declaration or an external entity, use floating point for
 * a date, or write outside a buffer it sized itself.
 */
#include "app/sheet.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <zip.h>

#include "base/arena.h"

enum {
	SHEET_XLSX_MAX_ROW   = 1048576, /* Excel's limits */
	SHEET_XLSX_MAX_COL   = 16384,
	SHEET_XLSX_MAX_RATIO = 250,     /* uncompressed : compressed, for parts over 1 MiB */
	SHEET_XLSX_MAX_XF    = 1 << 20,
	SHEET_XLSX_PATH      = 512,
};

enum sheet_part { SHEET_P_WORKBOOK, SHEET_P_RELS, SHEET_P_STYLES, SHEET_P_SST, SHEET_P_SHEET };

enum sheet_ctype { SHEET_T_NUM, SHEET_T_SST, SHEET_T_STR, SHEET_T_INLINE, SHEET_T_BOOL,
	           SHEET_T_ERR, SHEET_T_DATE };

struct sheet_text { /* growable byte string */
	char  *p;
	size_t len, cap;
};

struct sheet_xlsx {
	zip_t          *za;
	size_t          unpacked; /* bytes of all parts read so far */
	enum sheet_err  err;      /* first error; sticky */
	char            errmsg[320];
	XML_Parser      cur;      /* the parser running now */
	const char     *part;     /* its part name, for messages */
	enum sheet_part kind;

	/* workbook.xml and its relationships */
	bool            date1904;
	bool            have_sheet;
	char            sheet_rid[128];
	char            sheet_path[SHEET_XLSX_PATH], sst_path[SHEET_XLSX_PATH],
	                styles_path[SHEET_XLSX_PATH];
	bool            sheet_is_chart;

	/* styles.xml */
	int             in_numfmts, in_cellxfs;
	uint32_t       *fmt_ids;  /* custom numFmtIds that are dates */
	size_t          nfmt, fmtcap;
	uint32_t       *xf_fmt;   /* numFmtId of each cellXfs entry */
	size_t          nxf, xfcap;
	unsigned char  *xf_date;  /* per xf: is a date */

	/* sharedStrings.xml */
	struct sheet_text sst;    /* all strings, NUL-terminated, one after another */
	size_t         *sst_off;
	size_t          nsst, sstcap;
	bool            in_si;

	/* text collection, shared by sst <si> and sheet <c> */
	int             in_t, in_rph, in_v, in_is;
	struct sheet_text val;

	/* the sheet */
	unsigned char  *sheet_xml;
	size_t          sheet_len;
	bool            started, done, have_row, in_data, in_row, in_c;
	size_t          last;     /* number of the row last returned */
	size_t          parsed;   /* number of the row parsed last */
	size_t          col;      /* 0-based column of the current cell */
	enum sheet_ctype ctype;
	size_t          style;
	bool            has_style;
	char           *buf;      /* the row's cells, NUL-terminated */
	size_t          cap, used, n;
	size_t          off[SHEET_MAX_COLUMNS];
	const char     *cells[SHEET_MAX_COLUMNS];
};


/* Records the first error and stops the running parser for good. */
static void sheet_xfail(struct sheet_xlsx *x, enum sheet_err e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void sheet_xfail(struct sheet_xlsx *x, enum sheet_err e, const char *fmt, ...)
{
	if (x->err != SHEET_OK)
		return;
	char    msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	x->err = e;
	if (x->cur != NULL) {
		snprintf(x->errmsg, sizeof x->errmsg, "%s line %lu: %s", x->part,
		         (unsigned long)XML_GetCurrentLineNumber(x->cur), msg);
		XML_StopParser(x->cur, XML_FALSE);
	} else {
		snprintf(x->errmsg, sizeof x->errmsg, "%s", msg);
	}
}

static void sheet_text_clear(struct sheet_text *t)
{
	t->len = 0;
	if (t->p != NULL)
		t->p[0] = '\0';
}

static void sheet_text_add(struct sheet_text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 256;
		while (t->len + n + 1 > cap)
			cap *= 2;
		t->p   = xrealloc(t->p, cap);
		t->cap = cap;
	}
	memcpy(t->p + t->len, s, n);
	t->len += n;
	t->p[t->len] = '\0';
}

/* ------------------------------------------------------------------ */
/* small parsers                                                        */

static const char *sheet_local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

static const char *sheet_attr(const char **atts, const char *local)
{
	for (size_t i = 0; atts[i] != NULL; i += 2)
		if (strcmp(sheet_local(atts[i]), local) == 0)
			return atts[i + 1];
	return NULL;
}

/* A decimal number without sign, at most max; false otherwise. */
static bool sheet_uint(const char *s, size_t max, size_t *out)
{
	size_t v = 0;
	if (s == NULL || *s == '\0')
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (size_t)(*s - '0');
		if (v > max)
			return false;
	}
	*out = v;
	return true;
}

/* "BC12" → column 1 (0-based), row 12; the row part may be missing. */
static bool sheet_cellref(const char *s, size_t *col, size_t *row)
{
	size_t c = 0, k = 0;
	while (s[k] >= 'A' && s[k] <= 'Z' && k < 3)
		c = c * 26 + (size_t)(s[k++] - 'A' + 1);
	if (k == 0 || c > SHEET_XLSX_MAX_COL)
		return false;
	*col = c - 1;
	*row = 0;
	return s[k] == '\0' || sheet_uint(s + k, SHEET_XLSX_MAX_ROW, row);
}

/* OOXML escapes characters as _xHHHH_ (and "_x" itself as _x005F_x). */
static void sheet_unescape(struct sheet_text *t)
{
	static const char hex[] = "0123456789ABCDEFabcdef";
	char  *p = t->p;
	size_t i = 0, o = 0;
	if (p == NULL || memchr(p, '_', t->len) == NULL)
		return;
	while (i < t->len) {
		if (p[i] == '_' && i + 7 <= t->len && p[i + 1] == 'x' && p[i + 6] == '_' &&
		    memchr(hex, p[i + 2], 22) && memchr(hex, p[i + 3], 22) && memchr(hex, p[i + 4], 22) &&
		    memchr(hex, p[i + 5], 22)) {
			unsigned cp = (unsigned)strtoul((char[]){ p[i + 2], p[i + 3], p[i + 4], p[i + 5], 0 },
			                                NULL, 16);
			if (cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
				if (cp < 0x80) {
					p[o++] = (char)cp;
				} else if (cp < 0x800) {
					p[o++] = (char)(0xC0 | (cp >> 6));
					p[o++] = (char)(0x80 | (cp & 0x3F));
				} else {
					p[o++] = (char)(0xE0 | (cp >> 12));
					p[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
					p[o++] = (char)(0x80 | (cp & 0x3F));
				}
				i += 7;
				continue;
			}
		}
		p[o++] = p[i++];
	}
	t->len = o;
	p[o]   = '\0';
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long sheet_days(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void sheet_civil(long z, long *y, long *m, long *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp  = (5 * doy + 2) / 153;
	*d       = doy - (153 * mp + 2) / 5 + 1;
	*m       = mp < 10 ? mp + 3 : mp - 9;
	*y       = yoe + era * 400 + (*m <= 2);
}

/* An Excel serial ("45351" or "45351.75") as YYYY-MM-DD; false if it is no
 * plain non-negative decimal or lies outside 1900-01-01 (1904-01-01) to
 * 9999-12-31.  Serial 60 is Excel's phantom 1900-02-29, returned as Excel
 * shows it; the caller's date check refuses it. */
static bool sheet_serial_date(const char *v, bool d1904, char out[11])
{
	long   serial = 0;
	size_t k      = 0;
	while (v[k] >= '0' && v[k] <= '9' && k < 8)
		serial = serial * 10 + (v[k++] - '0');
	if (k == 0 || (v[k] != '\0' && v[k] != '.'))
		return false;
	if (v[k] == '.')
		for (k++; v[k] >= '0' && v[k] <= '9'; k++)
			;
	if (v[k] != '\0')
		return false;
	long y, m, d;
	if (d1904) {
		if (serial > 2957003)
			return false;
		sheet_civil(sheet_days(1904, 1, 1) + serial, &y, &m, &d);
	} else if (serial == 60) {
		y = 1900, m = 2, d = 29;
	} else {
		if (serial < 1 || serial > 2958465)
			return false;
		sheet_civil(sheet_days(1899, 12, serial < 60 ? 31 : 30) + serial, &y, &m, &d);
	}
	snprintf(out, 11, "%04ld-%02ld-%02ld", y, m, d);
	return true;
}

/* A custom number format shows a date if, outside quoted text, [brackets]
 * and escaped characters, it has d or y, or m without h or s (minutes). */
static bool sheet_fmt_is_date(const char *code)
{
	bool d = false, y = false, m = false, hs = false;
	for (const char *s = code; *s; s++) {
		char c = *s;
		if (c == '"') {
			const char *e = strchr(s + 1, '"');
			if (e == NULL)
				break;
			s = e;
		} else if (c == '[') {
			const char *e = strchr(s + 1, ']');
			if (e == NULL)
				break;
			char k = (char)(s[1] | 0x20); /* [h] [mm] [ss]: elapsed time */
			hs |= k == 'h' || k == 'm' || k == 's';
			s = e;
		} else if (c == '\\' || c == '_' || c == '*') {
			if (s[1] == '\0')
				break;
			s++;
		} else if (c == ';') {
			break; /* the first section decides */
		} else {
			c = (char)(c | 0x20);
			d |= c == 'd';
			y |= c == 'y';
			m |= c == 'm';
			hs |= c == 'h' || c == 's';
		}
	}
	return d || y || (m && !hs);
}

/* Resolves a relationship target against xl/ into out. */
static bool sheet_resolve(const char *target, char *out, size_t outsz)
{
	char   tmp[SHEET_XLSX_PATH];
	size_t n = 0;
	if (target[0] == '/')
		snprintf(tmp, sizeof tmp, "%s", target + 1);
	else if (snprintf(tmp, sizeof tmp, "xl/%s", target) >= (int)sizeof tmp)
		return false;
	/* drop "." and ".." segments */
	char *save = NULL;
	out[0]     = '\0';
	for (char *seg = strtok_r(tmp, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			char *sl = strrchr(out, '/');
			n        = sl ? (size_t)(sl - out) : 0;
			out[n]   = '\0';
			continue;
		}
		size_t k = strlen(seg);
		if (n + k + 2 > outsz)
			return false;
		if (n)
			out[n++] = '/';
		memcpy(out + n, seg, k + 1);
		n += k;
	}
	return n > 0;
}

/* ------------------------------------------------------------------ */
/* expat set-up and the handlers                                        */

static void XMLCALL sheet_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                                  const XML_Char *pubid, int internal)
{
	sheet_xfail(ud, SHEET_BAD_XLSX, "a DOCTYPE declaration, which is refused");
}

static void XMLCALL sheet_entity(void *ud, const XML_Char *name, int is_param,
                                 const XML_Char *value, int value_len, const XML_Char *base,
                                 const XML_Char *sysid, const XML_Char *pubid,
                                 const XML_Char *notation)
{
	sheet_xfail(ud, SHEET_BAD_XLSX, "an entity declaration, which is refused");
}

static int XMLCALL sheet_extent(XML_Parser p, const XML_Char *context, const XML_Char *base,
                                const XML_Char *sysid, const XML_Char *pubid)
{
	return XML_STATUS_ERROR; /* never load anything from outside */
}

static void XMLCALL sheet_chars(void *ud, const XML_Char *s, int len)
{
	struct sheet_xlsx *x = ud;
	if (x->err != SHEET_OK || len <= 0)
		return;
	bool take = (x->in_t && !x->in_rph && (x->in_si || x->in_is)) || x->in_v;
	if (!take)
		return;
	if (x->kind == SHEET_P_SHEET && x->val.len + (size_t)len > SHEET_MAX_CELL) {
		sheet_xfail(x, SHEET_CELL_TOO_LONG, "row %zu, column %zu: cell longer than %d bytes",
		            x->parsed, x->col + 1, SHEET_MAX_CELL);
		return;
	}
	sheet_text_add(&x->val, s, (size_t)len);
}

/* Text elements common to <si> and <is>: <t>, runs <r><t>, phonetic <rPh>. */
static void sheet_text_start(struct sheet_xlsx *x, const char *el)
{
	if (strcmp(el, "t") == 0)
		x->in_t++;
	else if (strcmp(el, "rPh") == 0)
		x->in_rph++;
}

static void sheet_text_end(struct sheet_xlsx *x, const char *el)
{
	if (strcmp(el, "t") == 0 && x->in_t > 0)
		x->in_t--;
	else if (strcmp(el, "rPh") == 0 && x->in_rph > 0)
		x->in_rph--;
}

static void XMLCALL sheet_wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sheet_xlsx *x  = ud;
	const char        *el = sheet_local(name);
	if (strcmp(el, "workbookPr") == 0) {
		const char *v = sheet_attr(atts, "date1904");
		x->date1904   = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	} else if (strcmp(el, "sheet") == 0 && !x->have_sheet) {
		const char *rid = sheet_attr(atts, "id");
		x->have_sheet   = true;
		snprintf(x->sheet_rid, sizeof x->sheet_rid, "%s", rid ? rid : "");
	}
}

static bool sheet_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void XMLCALL sheet_rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sheet_xlsx *x = ud;
	if (strcmp(sheet_local(name), "Relationship") != 0)
		return;
	const char *id = sheet_attr(atts, "Id"), *type = sheet_attr(atts, "Type"),
	           *target = sheet_attr(atts, "Target"), *mode = sheet_attr(atts, "TargetMode");
	if (id == NULL || type == NULL || target == NULL || (mode && strcmp(mode, "External") == 0))
		return;
	if (x->sheet_rid[0] != '\0' && strcmp(id, x->sheet_rid) == 0) {
		if (!sheet_resolve(target, x->sheet_path, sizeof x->sheet_path))
			x->sheet_path[0] = '\0';
		x->sheet_is_chart = sheet_ends_with(type, "/chartsheet");
	} else if (sheet_ends_with(type, "/sharedStrings")) {
		if (!sheet_resolve(target, x->sst_path, sizeof x->sst_path))
			x->sst_path[0] = '\0';
	} else if (sheet_ends_with(type, "/styles")) {
		if (!sheet_resolve(target, x->styles_path, sizeof x->styles_path))
			x->styles_path[0] = '\0';
	}
}

static void sheet_push_u32(uint32_t **arr, size_t *n, size_t *cap, uint32_t v)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*arr = xrealloc(*arr, *cap * sizeof **arr);
	}
	(*arr)[(*n)++] = v;
}

static void XMLCALL sheet_styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sheet_xlsx *x  = ud;
	const char        *el = sheet_local(name);
	size_t             id = 0;
	if (strcmp(el, "numFmts") == 0) {
		x->in_numfmts++;
	} else if (strcmp(el, "cellXfs") == 0) {
		x->in_cellxfs++;
	} else if (strcmp(el, "numFmt") == 0 && x->in_numfmts) {
		const char *code = sheet_attr(atts, "formatCode");
		if (sheet_uint(sheet_attr(atts, "numFmtId"), UINT32_MAX, &id) && code &&
		    sheet_fmt_is_date(code)) {
			if (x->nfmt >= SHEET_XLSX_MAX_XF)
				sheet_xfail(x, SHEET_BAD_XLSX, "more than %d number formats",
				            SHEET_XLSX_MAX_XF);
			else
				sheet_push_u32(&x->fmt_ids, &x->nfmt, &x->fmtcap, (uint32_t)id);
		}
	} else if (strcmp(el, "xf") == 0 && x->in_cellxfs) {
		if (!sheet_uint(sheet_attr(atts, "numFmtId"), UINT32_MAX, &id))
			id = 0;
		if (x->nxf >= SHEET_XLSX_MAX_XF)
			sheet_xfail(x, SHEET_BAD_XLSX, "more than %d cell formats", SHEET_XLSX_MAX_XF);
		else
			sheet_push_u32(&x->xf_fmt, &x->nxf, &x->xfcap, (uint32_t)id);
	}
}

static void XMLCALL sheet_styles_end(void *ud, const XML_Char *name)
{
	struct sheet_xlsx *x  = ud;
	const char        *el = sheet_local(name);
	if (strcmp(el, "numFmts") == 0 && x->in_numfmts)
		x->in_numfmts--;
	else if (strcmp(el, "cellXfs") == 0 && x->in_cellxfs)
		x->in_cellxfs--;
}

static void XMLCALL sheet_sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sheet_xlsx *x  = ud;
	const char        *el = sheet_local(name);
	if (strcmp(el, "si") == 0) {
		x->in_si = true;
		sheet_text_clear(&x->val);
		x->in_t = x->in_rph = 0;
	} else if (x->in_si) {
		sheet_text_start(x, el);
	}
}

static void XMLCALL sheet_sst_end(void *ud, const XML_Char *name)
{
	struct sheet_xlsx *x  = ud;
	const char        *el = sheet_local(name);
	if (strcmp(el, "si") == 0 && x->in_si) {
		x->in_si = false;
		sheet_unescape(&x->val);
		if (x->nsst == x->sstcap) {
			x->sstcap  = x->sstcap ? x->sstcap * 2 : 256;
			x->sst_off = xrealloc(x->sst_off, x->sstcap * sizeof *x->sst_off);
		}
		x->sst_off[x->nsst++] = x->sst.len;
		sheet_text_add(&x->sst, x->val.p ? x->val.p : "", x->val.len);
		sheet_text_add(&x->sst, "", 0);
		x->sst.len++; /* keep the NUL */
	} else if (x->in_si) {
		sheet_text_end(x, el);
	}
}

/* Appends a cell at column col, padding the gap with empty cells. */
static void sheet_row_put(struct sheet_xlsx *x, size_t col, const char *s, size_t n)
{
	if (col >= SHEET_MAX_COLUMNS) {
		sheet_xfail(x, SHEET_TOO_MANY_COLUMNS, "row %zu: a value in column %zu; at most %d "
		            "columns are read", x->parsed, col + 1, SHEET_MAX_COLUMNS);
		return;
	}
	size_t need = x->used + (col - x->n) + n + 1;
	if (need > x->cap) {
		while (need > x->cap)
			x->cap *= 2;
		x->buf = xrealloc(x->buf, x->cap);
	}
	while (x->n < col) {
		x->off[x->n++]     = x->used;
		x->buf[x->used++] = '\0';
	}
	x->off[x->n++] = x->used;
	memcpy(x->buf + x->used, s, n);
	x->used += n;
	x->buf[x->used++] = '\0';
}

static void sheet_cell_end(struct sheet_xlsx *x)
{
	const char *v = x->val.p ? x->val.p : "";
	size_t      n = x->val.len, idx = 0;
	char        date[11];
	switch (x->ctype) {
	case SHEET_T_SST:
		if (!sheet_uint(v, SIZE_MAX / 10, &idx) || idx >= x->nsst) {
			sheet_xfail(x, SHEET_BAD_XLSX,
			            "row %zu, column %zu: shared string \"%.20s\" does not exist (the "
			            "workbook has %zu)", x->parsed, x->col + 1, v, x->nsst);
			return;
		}
		v = x->sst.p + x->sst_off[idx];
		n = strlen(v);
		if (n > SHEET_MAX_CELL) {
			sheet_xfail(x, SHEET_CELL_TOO_LONG,
			            "row %zu, column %zu: cell longer than %d bytes", x->parsed, x->col + 1,
			            SHEET_MAX_CELL);
			return;
		}
		break;
	case SHEET_T_BOOL:
		if (strcmp(v, "1") == 0)
			v = "TRUE", n = 4;
		else if (strcmp(v, "0") == 0)
			v = "FALSE", n = 5;
		break;
	case SHEET_T_STR:
	case SHEET_T_INLINE:
		sheet_unescape(&x->val);
		v = x->val.p ? x->val.p : "";
		n = x->val.len;
		break;
	case SHEET_T_DATE: /* ISO 8601 in the cell: keep the date part */
		if (n > 10 && v[10] == 'T')
			n = 10;
		break;
	case SHEET_T_NUM:
		if (x->has_style && x->style < x->nxf && x->xf_date[x->style] &&
		    sheet_serial_date(v, x->date1904, date))
			v = date, n = 10;
		break;
	case SHEET_T_ERR:
		break;
	}
	if (n > 0)
		sheet_row_put(x, x->col, v, n);
}

static void XMLCALL sheet_ws_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sheet_xlsx *x  = ud;
	const char        *el = sheet_local(name);
	size_t             num = 0, row = 0;
	if (x->err != SHEET_OK)
		return;
	if (!x->in_data) {
		x->in_data = strcmp(el, "sheetData") == 0;
		return;
	}
	if (!x->in_row) {
		if (strcmp(el, "row") != 0)
			return;
		const char *r = sheet_attr(atts, "r");
		if (r == NULL) {
			num = x->parsed + 1;
		} else if (!sheet_uint(r, SHEET_XLSX_MAX_ROW, &num) || num == 0) {
			sheet_xfail(x, SHEET_BAD_XLSX, "row number \"%.20s\" is not 1 to %d", r,
			            SHEET_XLSX_MAX_ROW);
			return;
		}
		if (num <= x->parsed || num > SHEET_XLSX_MAX_ROW) {
			sheet_xfail(x, SHEET_BAD_XLSX, "row %zu comes after row %zu", num, x->parsed);
			return;
		}
		x->in_row = true;
		x->parsed = num;
		x->used = x->n = 0;
		return;
	}
	if (!x->in_c) {
		if (strcmp(el, "c") != 0)
			return;
		const char *r = sheet_attr(atts, "r"), *t = sheet_attr(atts, "t"),
		           *s = sheet_attr(atts, "s");
		size_t      col = x->n;
		if (r != NULL && !sheet_cellref(r, &col, &row)) {
			sheet_xfail(x, SHEET_BAD_XLSX, "row %zu: bad cell reference \"%.20s\"", x->parsed,
			            r);
			return;
		}
		if (col < x->n) {
			sheet_xfail(x, SHEET_BAD_XLSX, "row %zu: cell %.20s is out of order", x->parsed,
			            r ? r : "?");
			return;
		}
		x->in_c  = true;
		x->col   = col;
		x->ctype = SHEET_T_NUM;
		if (t == NULL || strcmp(t, "n") == 0)
			x->ctype = SHEET_T_NUM;
		else if (strcmp(t, "s") == 0)
			x->ctype = SHEET_T_SST;
		else if (strcmp(t, "str") == 0)
			x->ctype = SHEET_T_STR;
		else if (strcmp(t, "inlineStr") == 0)
			x->ctype = SHEET_T_INLINE;
		else if (strcmp(t, "b") == 0)
			x->ctype = SHEET_T_BOOL;
		else if (strcmp(t, "e") == 0)
			x->ctype = SHEET_T_ERR;
		else if (strcmp(t, "d") == 0)
			x->ctype = SHEET_T_DATE;
		else {
			sheet_xfail(x, SHEET_BAD_XLSX, "row %zu, column %zu: unknown cell type \"%.20s\"",
			            x->parsed, col + 1, t);
			return;
		}
		x->has_style = sheet_uint(s, SIZE_MAX / 10, &x->style);
		sheet_text_clear(&x->val);
		x->in_v = x->in_is = x->in_t = x->in_rph = 0;
		return;
	}
	if (strcmp(el, "v") == 0)
		x->in_v++;
	else if (strcmp(el, "is") == 0)
		x->in_is++;
	else if (x->in_is)
		sheet_text_start(x, el);
}

static void XMLCALL sheet_ws_end(void *ud, const XML_Char *name)
{
	struct sheet_xlsx *x  = ud;
	const char        *el = sheet_local(name);
	if (x->err != SHEET_OK || !x->in_data)
		return;
	if (x->in_c) {
		if (strcmp(el, "c") == 0) {
			x->in_c = false;
			sheet_cell_end(x);
		} else if (strcmp(el, "v") == 0 && x->in_v) {
			x->in_v--;
		} else if (strcmp(el, "is") == 0 && x->in_is) {
			x->in_is--;
		} else if (x->in_is) {
			sheet_text_end(x, el);
		}
	} else if (x->in_row) {
		if (strcmp(el, "row") == 0) {
			x->in_row   = false;
			x->have_row = true;
			XML_StopParser(x->cur, XML_TRUE); /* hand the row out */
		}
	} else if (strcmp(el, "sheetData") == 0) {
		x->in_data = false;
	}
}

static XML_Parser sheet_xml_new(struct sheet_xlsx *x, enum sheet_part kind, const char *part)
{
	XML_Parser p = XML_ParserCreate(NULL);
	if (p == NULL)
		oom();
	XML_SetUserData(p, x);
	XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
	XML_SetStartDoctypeDeclHandler(p, sheet_doctype);
	XML_SetEntityDeclHandler(p, sheet_entity);
	XML_SetExternalEntityRefHandler(p, sheet_extent);
	XML_SetCharacterDataHandler(p, sheet_chars);
	switch (kind) {
	case SHEET_P_WORKBOOK: XML_SetStartElementHandler(p, sheet_wb_start); break;
	case SHEET_P_RELS: XML_SetStartElementHandler(p, sheet_rels_start); break;
	case SHEET_P_STYLES: XML_SetElementHandler(p, sheet_styles_start, sheet_styles_end); break;
	case SHEET_P_SST: XML_SetElementHandler(p, sheet_sst_start, sheet_sst_end); break;
	case SHEET_P_SHEET: XML_SetElementHandler(p, sheet_ws_start, sheet_ws_end); break;
	}
	x->cur  = p;
	x->kind = kind;
	x->part = part;
	return p;
}

/* After XML_Parse or XML_ResumeParser said XML_STATUS_ERROR. */
static void sheet_xml_error(struct sheet_xlsx *x)
{
	if (x->err != SHEET_OK)
		return;
	enum XML_Error code = XML_GetErrorCode(x->cur);
	x->err              = SHEET_BAD_XLSX;
	snprintf(x->errmsg, sizeof x->errmsg, "%s line %lu, column %lu: XML error: %s", x->part,
	         (unsigned long)XML_GetCurrentLineNumber(x->cur),
	         (unsigned long)XML_GetCurrentColumnNumber(x->cur) + 1, XML_ErrorString(code));
}

/* Parses a whole part in one go (everything but the sheet). */
static enum sheet_err sheet_xml_whole(struct sheet_xlsx *x, enum sheet_part kind,
                                      const char *part, const unsigned char *data, size_t len)
{
	XML_Parser p = sheet_xml_new(x, kind, part);
	if (len > INT32_MAX || XML_Parse(p, (const char *)data, (int)len, XML_TRUE) != XML_STATUS_OK)
		sheet_xml_error(x);
	XML_ParserFree(p);
	x->cur = NULL;
	return x->err;
}

/* ------------------------------------------------------------------ */
/* the zip                                                              */

static enum sheet_err sheet_zip_read(struct sheet_xlsx *x, const char *name, bool required,
                                     unsigned char **out, size_t *outlen)
{
	zip_stat_t st;
	*out    = NULL;
	*outlen = 0;
	zip_int64_t idx = zip_name_locate(x->za, name, 0);
	if (idx < 0)
		idx = zip_name_locate(x->za, name, ZIP_FL_NOCASE);
	if (idx < 0) {
		if (required)
			sheet_xfail(x, SHEET_BAD_XLSX, "the workbook has no part %s", name);
		return x->err;
	}
	zip_stat_init(&st);
	if (zip_stat_index(x->za, (zip_uint64_t)idx, 0, &st) != 0 ||
	    (st.valid & (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD)) !=
	        (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD)) {
		sheet_xfail(x, SHEET_BAD_XLSX, "%s: unreadable zip entry", name);
		return x->err;
	}
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
		sheet_xfail(x, SHEET_BAD_XLSX, "%s is encrypted", name);
		return x->err;
	}
	if (st.comp_method != ZIP_CM_STORE && st.comp_method != ZIP_CM_DEFLATE) {
		sheet_xfail(x, SHEET_BAD_XLSX, "%s uses compression method %u; XLSX uses deflate",
		            name, (unsigned)st.comp_method);
		return x->err;
	}
	if (st.size > SHEET_MAX_BYTES || x->unpacked + st.size > 2 * (zip_uint64_t)SHEET_MAX_BYTES) {
		sheet_xfail(x, SHEET_TOO_LARGE, "%s unpacks to %llu bytes; at most %d are accepted",
		            name, (unsigned long long)st.size, SHEET_MAX_BYTES);
		return x->err;
	}
	if ((st.comp_method == ZIP_CM_STORE && st.size != st.comp_size) ||
	    (st.size > 1024 * 1024 && st.size / SHEET_XLSX_MAX_RATIO > st.comp_size)) {
		sheet_xfail(x, SHEET_BAD_XLSX,
		            "%s unpacks from %llu to %llu bytes: refused as a zip bomb", name,
		            (unsigned long long)st.comp_size, (unsigned long long)st.size);
		return x->err;
	}
	zip_file_t *f = zip_fopen_index(x->za, (zip_uint64_t)idx, 0);
	if (f == NULL) {
		sheet_xfail(x, SHEET_BAD_XLSX, "%s: %s", name, zip_strerror(x->za));
		return x->err;
	}
	size_t         size = (size_t)st.size, got = 0;
	unsigned char *buf  = xmalloc(size + 1);
	for (;;) {
		zip_int64_t k = zip_fread(f, buf + got, size + 1 - got);
		if (k < 0) {
			sheet_xfail(x, SHEET_BAD_XLSX, "%s: %s", name, zip_file_strerror(f));
			break;
		}
		if (k == 0)
			break;
		got += (size_t)k;
		if (got > size) {
			sheet_xfail(x, SHEET_BAD_XLSX, "%s is larger than its zip header says", name);
			break;
		}
	}
	zip_fclose(f);
	if (x->err == SHEET_OK && got != size)
		sheet_xfail(x, SHEET_BAD_XLSX, "%s is shorter than its zip header says", name);
	if (x->err != SHEET_OK) {
		free(buf);
		return x->err;
	}
	x->unpacked += size;
	buf[size] = '\0';
	*out      = buf;
	*outlen   = size;
	return SHEET_OK;
}

static int sheet_u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* A zip with nothing under xl/ is some other document, not a broken workbook. */
static bool sheet_zip_has_xl(zip_t *za)
{
	zip_int64_t n = zip_get_num_entries(za, 0);
	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
		if (name && (strncmp(name, "xl/", 3) == 0 || strncmp(name, "XL/", 3) == 0))
			return true;
	}
	return false;
}

static enum sheet_err sheet_xlsx_load(struct sheet_xlsx *x, const unsigned char *data,
                                      size_t len, char *why, size_t whysz)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	if (src != NULL)
		x->za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (x->za == NULL) {
		sheet_xfail(x, SHEET_BAD_XLSX, "not a readable zip archive: %s", zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return x->err;
	}
	zip_error_fini(&ze);

	unsigned char *part = NULL;
	size_t         plen = 0;
	if (zip_name_locate(x->za, "xl/workbook.xml", ZIP_FL_NOCASE) < 0 && !sheet_zip_has_xl(x->za)) {
		sheet_xfail(x, SHEET_NOT_TABULAR, "a zip archive that is no XLSX workbook (it has no "
		                                  "xl/workbook.xml)");
		return x->err;
	}
	if (sheet_zip_read(x, "xl/workbook.xml", true, &part, &plen) != SHEET_OK)
		return x->err;
	sheet_xml_whole(x, SHEET_P_WORKBOOK, "xl/workbook.xml", part, plen);
	free(part);
	if (x->err != SHEET_OK)
		return x->err;
	if (!x->have_sheet) {
		sheet_xfail(x, SHEET_BAD_XLSX, "xl/workbook.xml lists no sheet");
		return x->err;
	}
	if (sheet_zip_read(x, "xl/_rels/workbook.xml.rels", false, &part, &plen) != SHEET_OK)
		return x->err;
	if (part != NULL) {
		sheet_xml_whole(x, SHEET_P_RELS, "xl/_rels/workbook.xml.rels", part, plen);
		free(part);
		if (x->err != SHEET_OK)
			return x->err;
	}
	if (x->sheet_is_chart) {
		sheet_xfail(x, SHEET_BAD_XLSX, "the first sheet is a chart, not a worksheet");
		return x->err;
	}
	if (x->sheet_path[0] == '\0')
		snprintf(x->sheet_path, sizeof x->sheet_path, "xl/worksheets/sheet1.xml");
	if (x->sst_path[0] == '\0')
		snprintf(x->sst_path, sizeof x->sst_path, "xl/sharedStrings.xml");
	if (x->styles_path[0] == '\0')
		snprintf(x->styles_path, sizeof x->styles_path, "xl/styles.xml");

	if (sheet_zip_read(x, x->styles_path, false, &part, &plen) != SHEET_OK)
		return x->err;
	if (part != NULL) {
		sheet_xml_whole(x, SHEET_P_STYLES, x->styles_path, part, plen);
		free(part);
		if (x->err != SHEET_OK)
			return x->err;
	}
	x->xf_date = xcalloc(x->nxf + 1, 1);
	if (x->nfmt > 1)
		qsort(x->fmt_ids, x->nfmt, sizeof *x->fmt_ids, sheet_u32_cmp);
	for (size_t i = 0; i < x->nxf; i++) {
		uint32_t id   = x->xf_fmt[i];
		bool     date = id >= 14 && id <= 22;
		x->xf_date[i] = date || (x->nfmt > 0 && bsearch(&id, x->fmt_ids, x->nfmt,
		                                                 sizeof *x->fmt_ids, sheet_u32_cmp));
	}
	/* A custom format may also redefine a built-in id as a non-date; rare
	 * enough to ignore. */

	if (sheet_zip_read(x, x->sst_path, false, &part, &plen) != SHEET_OK)
		return x->err;
	if (part != NULL) {
		sheet_xml_whole(x, SHEET_P_SST, x->sst_path, part, plen);
		free(part);
		if (x->err != SHEET_OK)
			return x->err;
	}
	if (sheet_zip_read(x, x->sheet_path, true, &x->sheet_xml, &x->sheet_len) != SHEET_OK)
		return x->err;
	if (x->sheet_len > INT32_MAX) { /* cannot happen below SHEET_MAX_BYTES */
		sheet_xfail(x, SHEET_TOO_LARGE, "%s is too large", x->sheet_path);
		return x->err;
	}
	sheet_xml_new(x, SHEET_P_SHEET, x->sheet_path);
	x->cap = 4096;
	x->buf = xmalloc(x->cap);
	return SHEET_OK;
}

enum sheet_err sheet_xlsx_open(const unsigned char *data, size_t len, struct sheet_xlsx **out,
                               char *why, size_t whysz)
{
	struct sheet_xlsx *x = xcalloc(1, sizeof *x);
	*out                 = NULL;
	if (sheet_xlsx_load(x, data, len, why, whysz) != SHEET_OK) {
		enum sheet_err e = x->err;
		sheet_whyf(why, whysz, "%s", x->errmsg);
		sheet_xlsx_close(x);
		return e;
	}
	*out = x;
	return SHEET_OK;
}

enum sheet_err sheet_xlsx_next(struct sheet_xlsx *x, const char *const **cells, size_t *ncells,
                               char *why, size_t whysz)
{
	for (;;) {
		if (x->err != SHEET_OK) {
			sheet_whyf(why, whysz, "%s", x->errmsg);
			return x->err;
		}
		if (x->have_row) {
			if (x->last + 1 < x->parsed) { /* a row Excel skipped */
				x->last++;
				*cells  = x->cells;
				*ncells = 0;
				return SHEET_OK;
			}
			x->have_row = false;
			x->last     = x->parsed;
			for (size_t i = 0; i < x->n; i++)
				x->cells[i] = x->buf + x->off[i];
			*cells  = x->cells;
			*ncells = x->n;
			return SHEET_OK;
		}
		if (x->done)
			return SHEET_END;
		enum XML_Status st;
		if (!x->started) {
			x->started = true;
			st = XML_Parse(x->cur, (const char *)x->sheet_xml, (int)x->sheet_len, XML_TRUE);
		} else {
			st = XML_ResumeParser(x->cur);
		}
		if (st == XML_STATUS_ERROR)
			sheet_xml_error(x);
		else if (st == XML_STATUS_OK)
			x->done = true;
	}
}

size_t sheet_xlsx_row(const struct sheet_xlsx *x)
{
	return x->last;
}

void sheet_xlsx_close(struct sheet_xlsx *x)
{
	if (x == NULL)
		return;
	if (x->cur != NULL)
		XML_ParserFree(x->cur);
	if (x->za != NULL)
		zip_discard(x->za);
	free(x->fmt_ids);
	free(x->xf_fmt);
	free(x->xf_date);
	free(x->sst.p);
	free(x->sst_off);
	free(x->val.p);
	free(x->sheet_xml);
	free(x->buf);
	free(x);
}
