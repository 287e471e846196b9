/*
 * fuzz_csv.c — libFuzzer driver for sheet_open() + every sheet_next() on
 * arbitrary bytes (mostly the CSV reader and the format sniffing).  Checks
 * what the import relies on: rows within the limits, every cell valid UTF-8,
 * row numbers increasing, every error explained.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/sheet.h"

static int fuzz_csv_utf8(const unsigned char *s)
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheet *s = NULL;
	char          why[320];
	enum sheet_err e = sheet_open(data, size, &s, why, sizeof why);
	if (e != SHEET_OK) {
		if (s != NULL || why[0] == '\0' || e == SHEET_END)
			abort();
		return 0;
	}
	size_t last = 0;
	for (size_t rows = 0; rows < 4000000; rows++) {
		const char *const *cells;
		size_t             n;
		e = sheet_next(s, &cells, &n, why, sizeof why);
		if (e == SHEET_END)
			break;
		if (e != SHEET_OK) {
			if (why[0] == '\0')
				abort();
			if (sheet_next(s, &cells, &n, why, sizeof why) != e) /* sticky */
				abort();
			break;
		}
		if (n > SHEET_MAX_COLUMNS || sheet_row_number(s) <= last)
			abort();
		last = sheet_row_number(s);
		for (size_t i = 0; i < n; i++)
			if (strlen(cells[i]) > SHEET_MAX_CELL ||
			    !fuzz_csv_utf8((const unsigned char *)cells[i]))
				abort();
	}
	sheet_close(s);
	return 0;
}
