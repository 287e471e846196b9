/*
 * mn.h — § 2 Abs. 1 BetrAVG, ratierliches (m/n-tel) Verfahren:
 * entitlement = promised × m / n, rounded half-up to the cent.
 *
 * m = service from service_start through exit_date, n = possible service from
 * service_start through retirement_date (both days inclusive), counted as
 *   MN_MONTHS: completed calendar months (BGB month rule, see
 *              mn_completed_months), or
 *   MN_DAYS:   calendar days.
 * Pure: no I/O, no allocation, no floating point.
 */
#ifndef OPENBAV_MN_H
#define OPENBAV_MN_H

#include <stdint.h>

#include "core/date.h"
#include "core/explain.h"

/* API.md fixes `months` as the default of the mn calculator; DOMAIN 2.1
 * suggests days.  The outside contract wins: MN_MONTHS is value 0. */
enum mn_convention { MN_MONTHS = 0, MN_DAYS = 1 };

enum mn_status {
	MN_OK = 0,
	MN_ERR_AMOUNT,                /* promised < 0 or > MN_MAX_CENTS */
	MN_ERR_EXIT_BEFORE_START,     /* exit_date < service_start */
	MN_ERR_EXIT_AFTER_RETIREMENT, /* exit_date > retirement_date: m > n is impossible */
	MN_ERR_N_ZERO,                /* less than one completed month of possible service */
};

/* 10^13 cents = 100 billion euros: far beyond any promise, and the product
 * with m or n (< 2^17 days) stays far inside int64. */
#define MN_MAX_CENTS INT64_C(10000000000000)

/*
 * Completed months from the start of day a through the end of day b:
 * the largest k >= 0 with pension_age_anniversary(a, k) - 1 <= b, i.e. the
 * k-month period that began with day a has expired by the end of day b
 * (§§ 187 Abs. 2, 188 Abs. 2/3 BGB; a missing day number counts as the month's
 * last day).  Examples: 01.03.2000 → 31.12.2006 = 82; 15.03.2000 →
 * 14.04.2000 = 1; 15.03.2000 → 13.04.2000 = 0; 31.01.2001 → 28.02.2001 = 1.
 * b < a - 1 gives -1 (no such period); b = a - 1 gives 0.
 */
int32_t mn_completed_months(day_t a, day_t b);

struct mn_result {
	int64_t entitlement_cents;
	int32_t m, n;
};

enum mn_status mn_compute(int64_t promised_cents, day_t service_start, day_t exit_date, day_t retirement_date,
                          enum mn_convention conv, struct mn_result *r, struct explain *e);

/* Plans with a benefit per Dienstjahr: R = per_year × completed years of
 * possible service (service_start through retirement_date) [SEED4: 12 €/DJ].
 * The entitlement is then mn_compute(R, …). */
enum mn_status mn_per_year_promise(int64_t per_year_cents, day_t service_start, day_t retirement_date,
                                   int64_t *promised_cents, int32_t *years, struct explain *e);

#endif
