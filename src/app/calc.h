/*
 * calc.h — the calculators behind `openbav calc NAME` and
 * POST /api/v1/calc/NAME.  One JSON object in, one JSON object out, the same
 * for the CLI, the API and the calculator pages.
 *
 * Each calculator reads its input strictly through the calc_in_* helpers
 * (unknown fields, wrong types and malformed values are errors naming the
 * field), calls one pure function of src/core, and builds the result with
 * calc_explain() adding "rule" and "explanation".
 */
#ifndef OPENBAV_CALC_H
#define OPENBAV_CALC_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/lang.h"
#include "core/date.h"
#include "core/explain.h"

/* Why an input was refused: the field and a message (English, for the API
 * and the CLI; `key` is the catalogue key for the pages). */
struct calc_error {
	const char *field;
	const char *key;
	char        message[256];
	bool        rule; /* well-formed but outside the law's tables (e.g. year): 422 on the API */
};

typedef json_t *(*calc_fn)(const json_t *in, enum lang lang, struct calc_error *err);

/* The input fields of a calculator, for its page: the form is built from
 * them and a submitted form becomes the calculator's JSON through them. */
enum calc_field_type {
	CF_DATE,  /* "YYYY-MM-DD" (the form also takes DD.MM.YYYY) */
	CF_CENTS, /* integer cents (the form takes euros: 1.234,56) */
	CF_INT,
	CF_BOOL,  /* a checkbox on the form */
	CF_ENUM,  /* one of choices */
	CF_TEXT,
};

struct calc_field {
	const char          *name;
	enum calc_field_type type;
	bool                 required;
	const char *const   *choices; /* CF_ENUM, NULL-terminated */
};

struct calc {
	const char              *name;
	calc_fn                  fn;
	const char              *summary; /* one line for --help and docs */
	const struct calc_field *fields;  /* terminated by {NULL}; NULL: no page */
};

const struct calc *calc_find(const char *name);
extern const struct calc calcs[];
extern const size_t      calcs_count;

/* A submitted form (decoded pairs) as the calculator's JSON input; NULL
 * with err naming the field when a value cannot be read. */
struct kv;
json_t *calc_form_to_json(const struct calc *c, const struct kv *kv, size_t n, struct calc_error *err);

/* Runs a calculator on one JSON text: the result object, or NULL with err. */
json_t *calc_run(const struct calc *c, const char *text, size_t len, enum lang lang, struct calc_error *err);
/* {"error":{"code":"invalid_input","message":…,"field":…}} */
json_t *calc_error_json(const struct calc_error *err);

/* ---- input helpers: false with err filled when the field is bad ---------- */
/* Refuses any member of `in` not listed in `allowed` (NULL-terminated). */
bool calc_in_only(const json_t *in, const char *const *allowed, struct calc_error *err);
/* present: set to whether the field was given (NULL: the field is required).  JSON null = absent. */
bool calc_in_date(const json_t *in, const char *field, bool *present, day_t *out, struct calc_error *err);
bool calc_in_cents(const json_t *in, const char *field, bool *present, int64_t min, int64_t max,
                   int64_t *out, struct calc_error *err);
bool calc_in_int(const json_t *in, const char *field, bool *present, int64_t min, int64_t max,
                 int64_t *out, struct calc_error *err);
bool calc_in_bool(const json_t *in, const char *field, bool *present, bool *out, struct calc_error *err);
/* One of choices (NULL-terminated); *out is the index. */
bool calc_in_enum(const json_t *in, const char *field, bool *present, const char *const *choices,
                  int *out, struct calc_error *err);
bool calc_in_string(const json_t *in, const char *field, bool *present, size_t maxlen, const char **out,
                    struct calc_error *err);
/* The same with a printf-formatted message. */
bool calc_failf(struct calc_error *err, const char *field, const char *key, bool rule, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Sets err for a rule violation found by the core (e.g. a date before another). */
bool calc_fail(struct calc_error *err, const char *field, const char *key, const char *message, bool rule);

/* ---- output helpers ------------------------------------------------------- */
json_t *calc_date(day_t d); /* "YYYY-MM-DD" */
/* Adds "rule" (the paragraphs joined by "; ") and "explanation" (sentences in
 * lang) from the trail to the result object; returns it. */
json_t *calc_explain(json_t *result, const struct explain *e, enum lang lang);
/* One note as a sentence (catalogue text with {n} filled in). */
char   *calc_note_text(const struct explain_note *n, enum lang lang); /* malloc'd */

#endif
