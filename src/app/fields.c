/*
 * fields.c — shared field checks for the record modules.  Pure: no I/O.
 */
#include "app/fields.h"

#include <string.h>

bool field_text_ok(const char *s, size_t min, size_t max)
{
	size_t n = strlen(s);
	if (n < min || n > max)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

struct app_err field_date(const char *in, const char *field, bool *has, day_t *out)
{
	if (!in)
		return APP_PASS;
	if (!*in) {
		if (!has)
			APP_FAIL(APP_INVALID, field, "err.required");
		*has = false;
		return APP_PASS;
	}
	if (!date_parse(in, strlen(in), out))
		APP_FAIL(APP_INVALID, field, "err.date");
	if (has)
		*has = true;
	return APP_PASS;
}
