/*
 * psv.h — insolvency protection (§§ 7, 10, 11 BetrAVG: who must insure,
 * who is reported, the yearly contribution base and contribution, the
 * 30 September reporting date) and the § 16 BetrAVG adjustment review
 * (check dates every three years, the 1 % alternative).
 */
#ifndef OPENBAV_PSV_H
#define OPENBAV_PSV_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/explain.h"
#include "core/vesting.h"

enum psv_status { PSV_OK, PSV_NO_YEAR, PSV_ERR_BASE_MISSING, PSV_ERR_BUNDLE_DATE };

/* ---- § 10 duty ------------------------------------------------------------- */
enum psv_duty_reason {
	PSV_DUTY_VEHICLE,        /* DZ, UK, PF: always */
	PSV_DUTY_DV_REVOCABLE,   /* DV with revocable Bezugsrecht */
	PSV_DUTY_DV_ASSIGNED,    /* DV assigned, pledged or borrowed against by the employer */
	PSV_DUTY_PK,             /* PK outside Protektor/§ 4 TVG/public ZVK, 2021+ */
	PSV_NO_DV,               /* DV irrevocable and unencumbered */
	PSV_NO_PK_BEFORE_2021,
	PSV_NO_PK_EXEMPT,
	PSV_NO_PURE_CONTRIBUTION, /* reine Beitragszusage (§ 1 Abs. 2 Nr. 2a) */
	PSV_DUTY__COUNT
};

struct psv_duty_in {
	enum vest_vehicle vehicle;
	int               year;
	bool              pure_contribution;
	bool              dv_revocable, dv_assigned;
	bool              pk_exempt; /* member of Protektor, § 4 TVG joint institution or public-sector ZVK */
};

bool psv_duty(const struct psv_duty_in *in, enum psv_duty_reason *why, struct explain *e);
extern const char *const psv_duty_code[PSV_DUTY__COUNT];

/* A person counts in the base/report on `stichtag` if the Anwartschaft is
 * statutorily vested by then (same day rule as an exit on that day), or a
 * benefit is running. */
bool psv_reportable(day_t vested_on, bool running, day_t stichtag, enum vest_boundary b);

/* § 11 Abs. 1: first notice within 3 months after granting / concluding / setting up. */
day_t psv_first_notice_due(day_t granted);

/* ---- § 10 Abs. 3 base, § 11 Abs. 2 report ------------------------------------ */
struct psv_base_in {
	enum vest_vehicle vehicle;
	int               year; /* Beitragsjahr */
	bool              has_base;
	int64_t           base_cents;        /* the BBG-PSV, when already computed (required for PK) */
	int64_t           teilwert_cents;    /* DZ, PF: Teilwert § 6a Abs. 3 EStG */
	int64_t           deckungskapital_cents; /* DV: Deckungskapital; UK: for running benefits */
	int64_t           allocation_cents;  /* UK: yearly allocations for Leistungsanwärter */
};

struct psv_base_out {
	int64_t base_cents;
	bool    rate_known;
	int32_t rate_pm1000;
	bool    contribution_known;
	int64_t contribution_cents; /* base × rate, half-up */
	day_t   report_due;         /* 30 September of the year */
	day_t   base_date;          /* end of the financial year that ended in the previous year (calendar FY) */
};

enum psv_status psv_contribution(const struct psv_base_in *in, struct psv_base_out *out, struct explain *e);

/* ---- § 16 adjustment review ---------------------------------------------------- */
enum { PSV_ADJ_MAX = 40 };
enum psv_adj_branch {
	PSV_ADJ_CHECK,        /* review every 3 years (§ 16 Abs. 1) */
	PSV_ADJ_ONE_PERCENT,  /* 1 % a year promised: no review (§ 16 Abs. 3 Nr. 1) */
	PSV_ADJ_EU_MINIMUM,   /* EU since 2001: at least 1 % a year (§ 16 Abs. 5) */
	PSV_ADJ_SURPLUS,      /* DV/PK, all surpluses raise the pension (§ 16 Abs. 3 Nr. 2) */
	PSV_ADJ_BZML,         /* Beitragszusage mit Mindestleistung (§ 16 Abs. 3 Nr. 3) */
	PSV_ADJ_AUSZAHLUNGSPLAN, /* § 16 Abs. 6 */
	PSV_ADJ_CAPITAL,      /* one-off capital: nothing to adjust */
	PSV_ADJ__COUNT
};

struct psv_adj_in {
	day_t               pension_start;
	int                 count; /* how many dates (1..PSV_ADJ_MAX) */
	bool                bundled;
	int                 bundle_month, bundle_day; /* common review day of the year */
	bool                one_percent;
	bool                has_commitment;
	day_t               commitment_start;
	enum vest_financing financing;
	enum vest_vehicle   vehicle;
	bool                surplus_to_benefits, bzml, auszahlungsplan, capital;
	int64_t             pension_cents; /* monthly pension at start (for the 1 % path); 0: no path */
};

struct psv_adj_out {
	enum psv_adj_branch branch;
	bool                check_required;
	int                 n;
	day_t               dates[PSV_ADJ_MAX];  /* review dates, or the yearly 1 % dates */
	int64_t             amounts[PSV_ADJ_MAX]; /* 1 % path: the pension from that date */
};

enum psv_status psv_adjustment(const struct psv_adj_in *in, struct psv_adj_out *out, struct explain *e);
extern const char *const psv_adj_code[PSV_ADJ__COUNT];

#endif
