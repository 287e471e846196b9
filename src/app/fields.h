/*
 * fields.h — the checks every record's *_apply shares (employees, contracts):
 * plain text without control characters, dates from form/API/import text,
 * and "today" from a Unix time.  One definition each.
 */
#ifndef OPENBAV_FIELDS_H
#define OPENBAV_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "core/date.h"

/* Return an error (or success) from a rule function. */
#define APP_FAIL(rc_, field_, key_) return (struct app_err){rc_, field_, key_}
#define APP_PASS                    ((struct app_err){APP_OK, NULL, NULL})

/* min..max bytes, no C0 control characters, no DEL. */
bool field_text_ok(const char *s, size_t min, size_t max);

/* A date field as text: NULL = not given (keep), "" = clear — an error
 * ("err.required") when has is NULL, i.e. the field is required — else
 * YYYY-MM-DD or DD.MM.YYYY ("err.date" otherwise). */
struct app_err field_date(const char *in, const char *field, bool *has, day_t *out);

static inline day_t field_today(int64_t unix_now) { return (day_t)(unix_now / 86400); }

#endif
