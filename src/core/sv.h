/*
 * sv.h — the German social-insurance contributions of one month's pay
 * (Gesamtsozialversicherungsbeitrag): health (KV, general rate and the fund's
 * additional rate), long-term care (PV), pension (RV) and unemployment (AV),
 * employee and employer share per branch, for 2025 and 2026.  Covers the
 * contribution ceilings, Saxony's care split, the childless surcharge and the
 * child reductions, the transition zone for low earners (Übergangsbereich,
 * § 20 Abs. 2a SGB IV), mini-jobs (§ 8 Abs. 1 Nr. 1 SGB IV) and the employer's
 * subsidy to a private health/care premium (§ 257 SGB V, § 61 SGB XI).
 *
 * Pure: no I/O, no allocation, no floating point.  Money in integer cents,
 * rates in hundredths of a percent (basis points: 7,30 % = 730).
 *
 * Rounding (§ 2 Abs. 1 Beitragsverfahrensverordnung, BVV): a contribution the
 * employer and the employee bear half each is half the rate on the base,
 * rounded half-up to the cent, doubled; shares that are not equal are
 * computed and rounded half-up separately, the employee's share with its
 * surcharge or reductions in one rate (§ 2 Abs. 1 S. 4 BVV); below the
 * pension minimum base (§ 163 Abs. 8 SGB VI) the employer's share is rounded
 * and the employee pays the rest.  The transition-zone bases are computed
 * from the statutory formula without rounding intermediate results and
 * rounded half-up to the cent once (§ 20 Abs. 2a SGB IV with § 123 SGB VI).
 */
#ifndef OPENBAV_SV_H
#define OPENBAV_SV_H

#include <stdbool.h>
#include <stdint.h>

#include "core/explain.h"

enum sv_branch { SV_KV, SV_KVZ /* the fund's additional rate (Zusatzbeitrag) */, SV_PV, SV_RV, SV_AV, SV__BRANCHES };
extern const char *const sv_branch_code[SV__BRANCHES]; /* "kv", "kv_additional", "pv", "rv", "av" */

enum sv_kind {
	SV_REGULAR,
	SV_MIDIJOB, /* transition zone § 20 Abs. 2 SGB IV */
	SV_MINIJOB, /* marginal employment § 8 Abs. 1 Nr. 1 SGB IV */
	SV_NONE,    /* no pay subject to contributions */
};
extern const char *const sv_kind_code[4]; /* "regular", "transition_zone", "minijob", "none" */

/* The parameters of one year (sv.c holds the table with its sources). */
struct sv_year {
	int     year;
	int     kv_bp;            /* allgemeiner Beitragssatz § 241 SGB V */
	int     kvz_avg_bp;       /* durchschnittlicher Zusatzbeitragssatz § 242a SGB V */
	int     pv_bp;            /* § 55 Abs. 1 SGB XI */
	int     pv_saxony_an_bp;  /* § 58 Abs. 3 SGB XI: employee share in Saxony */
	int     pv_childless_bp;  /* § 55 Abs. 3 S. 1 SGB XI */
	int     pv_child_bp;      /* § 55 Abs. 3 S. 4 SGB XI: per child from the 2nd to the 5th */
	int     rv_bp;            /* § 158 SGB VI */
	int     av_bp;            /* § 341 Abs. 2 SGB III */
	int64_t bbg_kv_year;      /* § 223 Abs. 3 SGB V, § 55 Abs. 2 SGB XI */
	int64_t minijob_limit;    /* Geringfügigkeitsgrenze § 8 Abs. 1a SGB IV, monthly */
	int64_t midijob_upper;    /* upper limit of the transition zone § 20 Abs. 2 SGB IV, monthly */
	int     factor_f;         /* F of § 20 Abs. 2a SGB IV × 10000 */
	int     mini_kv_bp;       /* § 249b SGB V employer flat rate */
	int     mini_rv_ag_bp;    /* § 172 Abs. 3 SGB VI employer flat rate */
	int     mini_tax_bp;      /* § 40a Abs. 2 EStG flat wage tax */
	int64_t rv_min_base;      /* § 163 Abs. 8 SGB VI monthly minimum base */
	int64_t bbg_rv_year;      /* from law_tables.c (one source for the BBG RV) */
};

/* The row of that year; false outside 2025–2026. */
bool sv_year(int year, struct sv_year *out);

/* PV child reductions counted for `children` children under 25 (0..4; PAP input PVA). */
int sv_pv_reductions(int children);

struct sv_in {
	int     year;
	int64_t entgelt_cents;  /* monthly Arbeitsentgelt subject to contributions (after an SV-free conversion) */
	bool    private_health; /* privately insured: no KV/PV through payroll */
	int     kvz_bp;         /* the fund's Zusatzbeitragssatz (statutory) */
	int64_t private_kv_premium_cents; /* monthly private health premium (for the subsidy) */
	int64_t private_pv_premium_cents; /* monthly private care premium (for the subsidy) */
	bool    saxony;         /* place of employment in Saxony */
	bool    childless;      /* the childless surcharge applies (no children, 23 or older) */
	int     children;       /* children under 25 (reductions from the 2nd to the 5th) */
	bool    minijob_rv_exempt; /* mini-job: exempt from pension insurance (§ 6 Abs. 1b SGB VI) */
};

struct sv_share {
	int64_t an, ag; /* employee, employer */
};

struct sv_out {
	enum sv_kind    kind;
	int64_t         base_kv, base_rv; /* contribution bases (after the ceilings; BE in the transition zone) */
	int64_t         be, be_an;        /* transition zone: total base and the employee's base */
	struct sv_share b[SV__BRANCHES];
	int64_t         an_total, ag_total;  /* sums over the branches */
	int64_t         private_subsidy;     /* employer's subsidy to a private premium (tax-free, paid out) */
	int64_t         minijob_flat_tax;    /* employer's 2 % flat wage tax on a mini-job */
};

enum sv_status { SV_OK, SV_NO_YEAR, SV_ERR_INPUT };

/* One month.  SV_ERR_INPUT: negative pay or premium, kvz_bp outside 0..2000,
 * children outside 0..20, childless with children. */
enum sv_status sv_compute(const struct sv_in *in, struct sv_out *out, struct explain *e);

/* Half-up: amount × num / den, amount ≥ 0 (the rounding of every share). */
int64_t sv_round(int64_t amount, int64_t num, int64_t den);

/* § 20 Abs. 2a SGB IV: the reduced total base (S. 1) and the employee's base (S. 6) of pay ae in the zone. */
int64_t sv_midijob_be(const struct sv_year *y, int64_t ae);
int64_t sv_midijob_be_an(const struct sv_year *y, int64_t ae);

#endif
