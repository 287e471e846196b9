/*
 * fuzz_date.c — libFuzzer driver for date_parse() and the validators: an
 * accepted date must format and parse back to itself; validators must not
 * crash and every reason must have a message.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/validate.h"

static void fuzz_date_reason(const char *kind, enum valid_reason r)
{
	const char *key = validate_reason_key(kind, r), *en = validate_reason_en(kind, r);
	if (key == NULL || en == NULL || en[0] == '\0')
		abort();
	if (r != VALID_OK && (strcmp(key, "valid.invalid") == 0 || strcmp(key, "valid.ok") == 0))
		abort(); /* a validator returned a reason without its own message */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	day_t       d = 0;
	if (date_parse(s, size, &d)) {
		char  iso[11], de[11];
		day_t back = 0;
		int   y, m, dd;
		date_to_ymd(d, &y, &m, &dd);
		if (y < 1800 || y > 2200 || !date_valid_ymd(y, m, dd))
			abort();
		date_format_iso(d, iso);
		date_format_de(d, de);
		if (!date_parse(iso, 10, &back) || back != d || !date_parse(de, 10, &back) || back != d)
			abort();
		if (date_add_months(date_add_months(d, 12), -12) != d && !(m == 2 && dd == 29))
			abort();
	}
	if (size >= 4) {
		/* arbitrary day numbers and offsets must not overflow */
		int32_t v;
		memcpy(&v, data, 4);
		int y, m, dd;
		date_to_ymd(v, &y, &m, &dd);
		if (!date_valid_ymd(y, m, dd) || date_from_ymd(y, m, dd) != v || date_weekday(v) < 0 || date_weekday(v) > 6)
			abort();
		(void)date_add_years((day_t)(v % 1000000), (int)(int8_t)data[0]);
		(void)date_add_months((day_t)(v % 1000000), (int)(int16_t)v);
	}
	fuzz_date_reason("iban", validate_iban(s, size));
	fuzz_date_reason("svnr", validate_svnr(s, size));
	fuzz_date_reason("steuer_id", validate_steuer_id(s, size));
	fuzz_date_reason("betriebsnummer", validate_betriebsnummer(s, size));
	fuzz_date_reason("postcode", validate_postcode_de(s, size));
	return 0;
}
