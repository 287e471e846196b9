/*
 * limits.h — the yearly amount limits of the bAV: § 1a BetrAVG (maximum and
 * minimum Entgeltumwandlung), § 3 Nr. 63 EStG (tax-free), § 1 Abs. 1 S. 1 Nr. 9
 * SvEV (SV-free), § 100 EStG (Geringverdiener), § 3 Abs. 2 / 2a BetrAVG
 * (Abfindung thresholds), and the 15 % employer subsidy of § 1a Abs. 1a.
 *
 * All amounts integer cents.  Rounding: percentages and fractions of the
 * tables' amounts are rounded half-up to the cent (the § 1a minimum 1/160 of
 * 30.660 € = 191,625 → 191,63 € as the seed prints it); the § 100 per-period
 * wage limits are rounded up to the cent, as the statute's own figures are
 * (2.575 € / 30 = 85,833… → 85,84 €).
 */
#ifndef OPENBAV_LIMITS_H
#define OPENBAV_LIMITS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/explain.h"
#include "core/law_tables.h"
#include "core/vesting.h"

enum limits_status { LIMITS_OK, LIMITS_NO_YEAR /* outside the tables */, LIMITS_BEFORE_2002 /* § 1a, § 3 Nr. 63 not yet */ };

struct limits_p100 { /* § 100 EStG, 2018+ */
	int64_t wage_day, wage_week, wage_month, wage_year; /* laufender Arbeitslohn ≤ this per Lohnzahlungszeitraum */
	int64_t contrib_min, contrib_max;                   /* AG contribution per calendar year */
	int64_t foerder_max;                                /* Förderbetrag (30 %) per year */
};

struct limits {
	int                    year;
	const struct law_year *law;
	int64_t                conversion_max;   /* § 1a Abs. 1 S. 1: 4 % BBG West */
	int64_t                conversion_min;   /* § 1a Abs. 1 S. 4: 1/160 Bezugsgröße West */
	int64_t                tax_free_max;     /* § 3 Nr. 63 EStG, commitments granted after 31.12.2004 */
	int64_t                tax_free_max_old; /* § 3 Nr. 63 EStG, commitments granted before 01.01.2005 */
	int64_t                tax_free_termination_per_year; /* § 3 Nr. 63 S. 3 (2018+): × calendar years, max 10 */
	int64_t                sv_free_max;      /* 4 % BBG West */
	bool                   abf_applies;      /* § 3 n.F. (2005+) */
	int64_t                abf_pension_west, abf_capital_west, abf_pension_ost, abf_capital_ost;
	bool                   abf_2a; /* § 3 Abs. 2a (2026+): 2 % / 24/10 with consent and payment to the GRV */
	int64_t                abf_2a_pension, abf_2a_capital;
	bool                   p100;
	struct limits_p100     p100v;
};

/* Half-up: amount × bp / 10000 (bp = basis points, 400 = 4 %). amount ≥ 0. */
int64_t limits_pct_bp(int64_t amount, int64_t bp);

enum limits_status limits_compute(int year, struct limits *out, struct explain *e);

/* ---- § 1a Abs. 1a: 15 % employer subsidy ---------------------------------- */
enum limits_subsidy_mode { LIMITS_SUBSIDY_FLAT, LIMITS_SUBSIDY_CAPPED };
enum limits_subsidy_reason {
	LIMITS_SUB_DUE,
	LIMITS_SUB_VEHICLE,     /* DZ/UK: no statutory subsidy */
	LIMITS_SUB_BEFORE_2019, /* § 1a Abs. 1a in force from 01.01.2019 */
	LIMITS_SUB_OLD_AGREEMENT, /* agreement before 2019: only from 01.01.2022 (§ 26a) */
};

struct limits_subsidy_in {
	enum vest_vehicle        vehicle;
	day_t                    agreement; /* date the EU agreement was concluded */
	day_t                    date;      /* the pay period / payment the subsidy is for */
	int64_t                  conversion_cents;
	enum limits_subsidy_mode mode;
	int64_t                  sv_saving_cents; /* employer SV contributions saved (capped mode) */
};

struct limits_subsidy_out {
	enum limits_subsidy_reason reason;
	bool                       required;
	int64_t                    flat_cents;    /* 15 % of the conversion, half-up */
	int64_t                    subsidy_cents; /* what the law requires (0 when not required) */
};

void limits_subsidy(const struct limits_subsidy_in *in, struct limits_subsidy_out *out, struct explain *e);

#endif
