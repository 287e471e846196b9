/*
 * pap.h — the BMF Programmablaufplan (PAP) for the wage tax of a year
 * (§ 39b Abs. 6 EStG), generic over the year: find the PAP of a year, set
 * inputs by their PAP names, run, read outputs by their PAP names.
 *
 * The PAPs themselves are generated at build time by tools/papgen.c from the
 * BMF's XML pseudo-code (spec/lohnsteuer/LohnsteuerYYYY.xml →
 * build/gen/papYYYY.c); next year's PAP is one more XML file.  Every
 * variable is an int (Java int) or a dec_t (Java BigDecimal, and the Java
 * doubles of the factor method, which the PAP only ever turns into
 * BigDecimal.valueOf(f)).
 *
 * Pure: no I/O, no allocation, no floating point; a struct pap lives on the
 * caller's stack.  Not shared between threads while running.
 */
#ifndef OPENBAV_PAP_H
#define OPENBAV_PAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "payroll/dec.h"

enum pap_type {
	PAP_INT,    /* Java int: an int32_t in the state */
	PAP_DEC,    /* Java BigDecimal: a dec_t */
	PAP_DOUBLE, /* Java double (f): a dec_t holding the decimal the caller gave */
};

struct pap_var {
	const char   *name;
	enum pap_type type;
	uint16_t      offset;      /* in the state */
	bool          has_default; /* declared in the XML (else Java's own: 0, or null for BigDecimal) */
	const char   *group;       /* outputs: "STANDARD" or "DBA"; inputs: NULL */
};

struct pap_def {
	int         year;
	const char *name;      /* "Lohnsteuer2026" */
	const char *version;   /* the XML's "Stand: …" comment, or "" */
	const char *paragraph; /* "§ 39b Abs. 6 EStG, PAP 2026" */
	size_t      state_size;
	const void *defaults;          /* the initial state (every default applied) */
	int (*run)(void *state);       /* 0, or the DEC_E* bits of what went wrong */
	const struct pap_var *inputs;  /* sorted by name (strcmp) */
	size_t                ninputs;
	const struct pap_var *outputs; /* sorted by name (strcmp) */
	size_t                noutputs;
};

/* Every generated PAP, ascending by year (build/gen/pap_index.c). */
extern const struct pap_def *const pap_defs[];
extern const size_t               pap_defs_count;

enum { PAP_STATE_MAX = 4096 }; /* the generated states are ~1.7 KiB; each file asserts it fits */

struct pap {
	const struct pap_def *def;
	_Alignas(16) unsigned char state[PAP_STATE_MAX];
};

enum pap_status {
	PAP_OK       = 0,
	PAP_EUNKNOWN = -1, /* no such input/output, or no PAP for the year */
	PAP_EVALUE   = -2, /* an int input given a fraction or a value beyond int32 */
};

const struct pap_def *pap_find(int year); /* NULL: no PAP for the year */
/* Binary search in def->inputs / def->outputs; NULL when absent. */
const struct pap_var *pap_input(const struct pap_def *def, const char *name);
const struct pap_var *pap_output(const struct pap_def *def, const char *name);

/* Starts a computation: every input at its default. */
int  pap_init(struct pap *p, int year);
void pap_start(struct pap *p, const struct pap_def *def);

int pap_set(struct pap *p, const char *name, dec_t v);
int pap_set_var(struct pap *p, const struct pap_var *var, dec_t v);
/* The current value of an input (before pap_run: as set, or the default) or output. */
dec_t pap_value(const struct pap *p, const struct pap_var *var);
int   pap_get(const struct pap *p, const char *name, dec_t *out);

/* Runs the PAP once on the inputs set: 0, or DEC_E* bits (an intermediate
 * value beyond the decimal's range, a division by zero, a table index out of
 * range) — then no output may be used.  Inputs are consumed: call pap_start
 * again before the next run. */
int pap_run(struct pap *p);

#endif
