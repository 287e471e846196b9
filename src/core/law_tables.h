/*
 * law_tables.h — the legal parameters that change every year, 2001–2026:
 * Beitragsbemessungsgrenze der allgemeinen Rentenversicherung (West/Ost),
 * Bezugsgröße § 18 SGB IV (West/Ost), PSVaG contribution rates.  One row per
 * year; adding a year is adding one row in law_tables.c (with its source).
 *
 * Money in int64 cents (annual amounts); PSV rates in per-mille × 1000
 * (1,2 ‰ → 1200).  A year outside the table has no row: law_year() returns
 * NULL and callers must report an error, never guess.
 */
#ifndef OPENBAV_LAW_TABLES_H
#define OPENBAV_LAW_TABLES_H

#include <stdbool.h>
#include <stdint.h>

enum { LAW_FIRST_YEAR = 2001, LAW_LAST_YEAR = 2026 };

struct law_year {
	int     year;
	int64_t bbg_rv_west_cents;          /* annual BBG allgemeine RV, alte Länder */
	int64_t bbg_rv_ost_cents;           /* annual BBG allgemeine RV, Beitrittsgebiet (= West from 2025) */
	int64_t bezugsgroesse_west_cents;   /* annual Bezugsgröße § 18 Abs. 1 SGB IV */
	int64_t bezugsgroesse_ost_cents;    /* annual Bezugsgröße § 18 Abs. 2 SGB IV (= West from 2025) */
	bool    unified;                    /* 2025+: one value for all of Germany */
	bool    from_dm;                    /* 2001: amounts converted from DM (1 € = 1,95583 DM), DERIVED */
	bool    psv_rate_known;             /* false: the PSVaG has not fixed/published the rate */
	int32_t psv_rate_pm1000;            /* PSV Beitragssatz, ‰ × 1000, by Beitragsjahr */
	bool    psv_pk_known;               /* Pensionskassen: rate known (only 2021–2025) */
	int32_t psv_pk_rate_pm1000;         /* total rate on the PK-BBG (2021: 3 ‰; 2022–25: rate + 1,5 ‰) */
};

/* The row of that calendar year, or NULL outside 2001–2026. */
const struct law_year *law_year(int year);

/* § 30i BetrAVG one-off 2006 contribution: 8,66 ‰ of the 2004 BBG-PSV,
 * 15 equal annual instalments from 31.03.2007 [SEED4][S1]. */
enum { LAW_PSV_30I_RATE_PM1000 = 8660 };

#endif
