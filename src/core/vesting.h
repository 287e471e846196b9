/*
 * vesting.h — Unverfallbarkeit dem Grunde nach (§ 1b, § 30f BetrAVG):
 * the day from which an Anwartschaft is legally vested ("unverfallbar ab",
 * V) and whether an exit on a given last day of employment keeps it.
 *
 * Day counting (DOMAIN.md 1.3): A(x) = anniversary of the birth date x years
 * later (first day on which age x is completed), Z(n) = anniversary of the
 * commitment start n years later, 29 Feb → 1 Mar in non-leap years; V is the
 * earliest over the applicable branches of the latest of their component
 * dates.  An exit with last day E keeps the Anwartschaft iff E ≥ V − 1
 * (default) or E ≥ V (conservative option).
 *
 * Pure: no I/O, no allocation; the trail may be NULL (then nothing is built).
 */
#ifndef OPENBAV_VESTING_H
#define OPENBAV_VESTING_H

#include <stdbool.h>

#include "core/date.h"
#include "core/explain.h"

enum vest_vehicle { VEST_DZ, VEST_UK, VEST_DV, VEST_PK, VEST_PF };
enum vest_financing { VEST_FIN_EMPLOYER, VEST_FIN_EMPLOYEE, VEST_FIN_MIXED };
enum vest_boundary { VEST_BOUNDARY_DAY_BEFORE /* E ≥ V − 1 */, VEST_BOUNDARY_STRICT /* E ≥ V */ };
enum vest_reading { VEST_READING_STATUTE, VEST_READING_BVV /* + 25/5-from-2009 for pre-2001 */ };

/* Which rule produced V. */
enum vest_branch {
	VEST_BR_35_10,          /* § 30f Abs. 1 Nr. 1 */
	VEST_BR_35_12_3,        /* § 30f Abs. 1 Nr. 2 */
	VEST_BR_30_5_FROM_2001, /* § 30f Abs. 1 second half-sentence */
	VEST_BR_25_5_FROM_2009_BVV, /* BVV reading only, pre-2001 commitments */
	VEST_BR_30_5,           /* § 30f Abs. 2 */
	VEST_BR_25_5_FROM_2009, /* § 30f Abs. 2 second half-sentence */
	VEST_BR_25_5,           /* § 30f Abs. 3 */
	VEST_BR_21_3_FROM_2018, /* § 30f Abs. 3 second half-sentence */
	VEST_BR_21_3,           /* § 1b Abs. 1 S. 1 */
	VEST_BR_IMMEDIATE_EU,   /* § 1b Abs. 5 */
	VEST_BR__COUNT
};

enum vest_era { VEST_ERA_PRE2001, VEST_ERA_2001_2008, VEST_ERA_2009_2017, VEST_ERA_2018 };

struct vest_input {
	day_t               birth;
	day_t               service_start;    /* Betriebszugehörigkeit (taken over: at the original employer) */
	day_t               commitment_start; /* DZ: Zusage; DV/PK/PF: Versicherungsbeginn; UK: Begünstigtenkreis
	                                         (taken over: the original date) */
	enum vest_vehicle   vehicle;
	enum vest_financing financing;
	bool                taken_over; /* the dates above are the original ones (§ 1b Abs. 1 S. 3) */
	bool                has_exit;
	day_t               exit; /* last day of employment */
	enum vest_boundary  boundary;
	enum vest_reading   reading;
	bool                has_contract; /* contractually vested from contract_from (§ 19 Abs. 3) */
	day_t               contract_from;
};

struct vest_part {
	enum vest_branch branch;
	day_t            vested_on;      /* V: statutory "unverfallbar ab" */
	bool             vested_at_exit; /* only meaningful with an exit */
};

enum vest_status {
	VEST_OK,
	VEST_ERR_SERVICE_BEFORE_BIRTH,
	VEST_ERR_COMMITMENT_BEFORE_BIRTH,
	VEST_ERR_EXIT_BEFORE_SERVICE,
	VEST_ERR_EXIT_BEFORE_COMMITMENT,
	VEST_ERR_EXIT_BEFORE_1974, /* § 26: employments ended before 22.12.1974 are outside the BetrAVG */
};

struct vest_result {
	day_t             commitment_effective; /* the start from which the commitment counts */
	enum vest_era     era;
	bool              has_employer, has_employee;
	struct vest_part  employer; /* employer-financed part (if any) */
	struct vest_part  employee; /* Entgeltumwandlung part (if any) */
	day_t             vested_on;      /* whole commitment: the later of the parts */
	bool              vested_at_exit; /* whole commitment kept (all parts) */
	bool              contract_vested_at_exit; /* statutory or contractual */
	enum vest_reading reading;
};

/* Fills r; VEST_OK or the reason the input is impossible.  e may be NULL. */
enum vest_status vest_compute(const struct vest_input *in, struct vest_result *r, struct explain *e);

/* Anniversary n years after d; 29 Feb → 1 Mar when the target year is not a leap year. */
day_t vest_anniv(day_t d, int years);

/* Whether a last day of employment `exit` keeps an Anwartschaft vested from v. */
static inline bool vest_kept(day_t v, day_t exit, enum vest_boundary b)
{
	return b == VEST_BOUNDARY_STRICT ? exit >= v : exit >= v - 1;
}

extern const char *const vest_branch_code[VEST_BR__COUNT]; /* "35_10", … for the JSON */
extern const char *const vest_vehicle_code[5];             /* "DZ", "UK", "DV", "PK", "PF" */

#endif
