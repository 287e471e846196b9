/*
 * fuzz_xlsx.c — libFuzzer driver for the XLSX reader through sheet_open() +
 * every sheet_next().  Two modes, so that both layers get coverage:
 *  - an input starting with "PK" is taken as the file itself (zip layer:
 *    central directory, sizes, inflate, CRC, zip bombs);
 *  - any other input is split at NUL bytes into the parts sheet1.xml,
 *    sharedStrings.xml, styles.xml, workbook.xml, workbook.xml.rels (missing
 *    ones get a minimal default), zipped uncompressed here, then read: mutated
 *    XML reaches expat and the handlers instead of dying on a CRC check.
 * Checks: rows within the limits, cells valid UTF-8, row numbers increasing,
 * every error explained and sticky.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "app/sheet.h"

static int fuzz_xlsx_utf8(const unsigned char *s)
{
	while (*s) {
		unsigned char c = *s;
		size_t        k = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
		                                                     : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
		if (k == 0)
			return 0;
		for (size_t i = 1; i < k; i++)
			if ((s[i] & 0xC0) != 0x80)
				return 0;
		if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) ||
		    (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
			return 0;
		s += k;
	}
	return 1;
}

static void fuzz_xlsx_read(const unsigned char *data, size_t size)
{
	struct sheet *s = NULL;
	char          why[320];
	enum sheet_err e = sheet_open(data, size, &s, why, sizeof why);
	if (e != SHEET_OK) {
		if (s != NULL || why[0] == '\0' || e == SHEET_END)
			abort();
		return;
	}
	size_t last = 0;
	for (size_t rows = 0; rows < 2100000; rows++) {
		const char *const *cells;
		size_t             n;
		e = sheet_next(s, &cells, &n, why, sizeof why);
		if (e == SHEET_END)
			break;
		if (e != SHEET_OK) {
			if (why[0] == '\0' || sheet_next(s, &cells, &n, why, sizeof why) != e)
				abort();
			break;
		}
		/* XLSX rows come one by one, gaps included; a CSV record may span lines */
		size_t row = sheet_row_number(s);
		if (n > SHEET_MAX_COLUMNS || row <= last ||
		    (sheet_format(s) == SHEET_XLSX && row != last + 1))
			abort();
		last = sheet_row_number(s);
		for (size_t i = 0; i < n; i++)
			if (strlen(cells[i]) > SHEET_MAX_CELL ||
			    !fuzz_xlsx_utf8((const unsigned char *)cells[i]))
				abort();
	}
	sheet_close(s);
}

static const char *const fuzz_xlsx_names[] = {
	"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml",
	"xl/_rels/workbook.xml.rels",
};
static const char *const fuzz_xlsx_defaults[] = {
	"<worksheet><sheetData/></worksheet>",
	"<sst/>",
	"<styleSheet><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>",
	"<workbook><sheets><sheet name=\"a\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
	("<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" "
	 "Target=\"worksheets/sheet1.xml\"/></Relationships>"),
};

static void fuzz_xlsx_parts(const uint8_t *data, size_t size)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (src == NULL)
		abort();
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (za == NULL)
		abort();
	size_t pos = 0;
	for (size_t i = 0; i < 5; i++) {
		const char *part = fuzz_xlsx_defaults[i];
		size_t      len  = strlen(part);
		if (pos <= size && size > 0) {
			const uint8_t *end = memchr(data + pos, 0, size - pos);
			size_t         k   = end ? (size_t)(end - (data + pos)) : size - pos;
			part = (const char *)data + pos, len = k;
			pos += k + 1;
		}
		zip_source_t *s = zip_source_buffer(za, part, len, 0);
		zip_int64_t   idx;
		if (s == NULL || (idx = zip_file_add(za, fuzz_xlsx_names[i], s, 0)) < 0)
			abort();
		zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	if (zip_close(za) != 0)
		abort();
	zip_int64_t n;
	if (zip_source_open(src) != 0 || zip_source_seek(src, 0, SEEK_END) != 0 ||
	    (n = zip_source_tell(src)) <= 0 || zip_source_seek(src, 0, SEEK_SET) != 0)
		abort();
	unsigned char *buf = malloc((size_t)n);
	if (buf == NULL || zip_source_read(src, buf, (zip_uint64_t)n) != n)
		abort();
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	fuzz_xlsx_read(buf, (size_t)n);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 2 && data[0] == 'P' && data[1] == 'K')
		fuzz_xlsx_read(data, size);
	else if (size < 1024 * 1024)
		fuzz_xlsx_parts(data, size);
	return 0;
}
