/*
 * explain.h — the explanation trail every legal computation leaves behind.
 *
 * Pure and allocation-free: a computation appends notes to a caller-owned
 * trail; each note is a catalogue key (i18n/law_*.{de,en}.txt) with typed
 * arguments, so the same trail reads as German or English sentences.  In a
 * catalogue text, {1} … {6} stand for the arguments: dates are printed as
 * DD.MM.YYYY (de) / YYYY-MM-DD (en), cents as money, ints as numbers, texts
 * as they are (texts must be static strings: paragraph names, enum codes).
 *
 * A trail also collects the paragraphs applied ("§ 1b Abs. 1 BetrAVG"),
 * each once, in order: that is the result's "rule".
 */
#ifndef OPENBAV_EXPLAIN_H
#define OPENBAV_EXPLAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"

enum { EXPLAIN_MAX_NOTES = 48, EXPLAIN_MAX_ARGS = 6, EXPLAIN_MAX_RULES = 16 };

enum explain_arg_kind {
	EA_DATE, EA_CENTS, EA_INT, EA_TEXT, EA_PERMILLE /* 1234 → 1,234 ‰ */,
	EA_PERCENT /* thousandths of a percent: 7300 → 7,30 %, 1225 → 1,225 % */
};

struct explain_arg {
	enum explain_arg_kind kind;
	union {
		day_t       date;
		int64_t     cents;
		int64_t     i;
		const char *text;
	} v;
};

struct explain_note {
	const char        *key;
	int                nargs;
	struct explain_arg args[EXPLAIN_MAX_ARGS];
};

struct explain {
	int                 nnotes, nrules;
	bool                overflow; /* more notes than fit: the rest were dropped (a test asserts never) */
	struct explain_note notes[EXPLAIN_MAX_NOTES];
	const char         *rules[EXPLAIN_MAX_RULES];
};

static inline struct explain_arg ex_date(day_t d) { return (struct explain_arg){EA_DATE, {.date = d}}; }
static inline struct explain_arg ex_cents(int64_t c) { return (struct explain_arg){EA_CENTS, {.cents = c}}; }
static inline struct explain_arg ex_int(int64_t i) { return (struct explain_arg){EA_INT, {.i = i}}; }
static inline struct explain_arg ex_text(const char *s) { return (struct explain_arg){EA_TEXT, {.text = s}}; }
static inline struct explain_arg ex_permille(int64_t pm) { return (struct explain_arg){EA_PERMILLE, {.i = pm}}; }
/* A rate in hundredths of a percent (basis points: 730 → 7,30 %) or thousandths (7300 → 7,30 %). */
static inline struct explain_arg ex_percent_bp(int64_t bp) { return (struct explain_arg){EA_PERCENT, {.i = bp * 10}}; }
static inline struct explain_arg ex_percent_milli(int64_t m) { return (struct explain_arg){EA_PERCENT, {.i = m}}; }

void explain_init(struct explain *e);
/* Appends a note; nargs arguments follow.  Safe with e == NULL (no trail wanted). */
void explain_note(struct explain *e, const char *key, int nargs, ...);
/* Records a paragraph (static string) once. */
void explain_rule(struct explain *e, const char *paragraph);

/* For the rules: with no trail wanted (e == NULL, e.g. a benchmark's hot
 * loop) the arguments are not even evaluated. */
#define EXPLAIN_NOTE(e, ...)                       \
	do {                                       \
		if (e)                             \
			explain_note((e), __VA_ARGS__); \
	} while (0)
#define EXPLAIN_RULE(e, p)                 \
	do {                               \
		if (e)                     \
			explain_rule((e), (p)); \
	} while (0)

#endif
