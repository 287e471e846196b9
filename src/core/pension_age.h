/*
 * pension_age.h — Regelaltersgrenze der gesetzlichen Rentenversicherung
 * (§ 35, § 235 Abs. 2 SGB VI) by date of birth, the BGB anniversary rule
 * (§§ 187 Abs. 2, 188 Abs. 2/3 BGB) and the "retirement_date" of the mn
 * calculator: the day on which a fixed age limit (or the RAG) is completed.
 * Pure: no I/O, no allocation, no floating point.
 */
#ifndef OPENBAV_PENSION_AGE_H
#define OPENBAV_PENSION_AGE_H

#include <stdbool.h>

#include "core/date.h"
#include "core/explain.h"

struct pension_age {
	int years, months;
};

/* RAG by year of birth: < 1947: 65+0; 1947..1958: 65 + 1 month per year
 * (1958: 66+0); 1959..1963: 66 + 2 months per year; >= 1964: 67+0. */
struct pension_age pension_age_rag(int birth_year);

/* BGB anniversary: `months` months after `from`, same day number; when that
 * day does not exist in the target month (29.02, 30./31.), the 1st of the
 * following month.  This is the first day on which a period of `months`
 * months that began at the start of day `from` has been completed. */
day_t pension_age_anniversary(day_t from, int months);

/* The day on which an age of years+months is completed (reached): the day
 * before the anniversary (born on the 1st → last day of the previous month;
 * born 29.02 → 28.02 in a non-leap year, § 188 Abs. 3 BGB). */
day_t pension_age_reached_on(day_t birth, struct pension_age age);

enum { PENSION_AGE_FIXED_MIN = 50, PENSION_AGE_FIXED_MAX = 75 };

struct pension_age_result {
	struct pension_age rag;            /* Regelaltersgrenze */
	day_t              rag_reached_on; /* day the RAG is reached */
	bool               has_fixed;      /* a fixed plan age was given */
	day_t              fixed_reached_on;
	bool               fixed_used;      /* the fixed age is earlier than the RAG and replaces it */
	day_t              retirement_date; /* end of n for § 2 Abs. 1: min(fixed, RAG) */
};

/* fixed_age_years: 0 = none, else PENSION_AGE_FIXED_MIN..MAX (false outside).
 * retirement_date = the RAG, or an earlier fixed age of the plan (§ 2 Abs. 1
 * S. 1 BetrAVG: only an earlier fixed Altersgrenze replaces the RAG). */
bool pension_age_compute(day_t birth, int fixed_age_years, struct pension_age_result *r, struct explain *e);

#endif
