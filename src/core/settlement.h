/*
 * settlement.h — § 3 BetrAVG Abfindung (may the employer settle a vested
 * Anwartschaft or running benefit without the employee's consent?) and
 * § 4 Abs. 3 BetrAVG (the employee's right to demand a transfer).
 */
#ifndef OPENBAV_SETTLEMENT_H
#define OPENBAV_SETTLEMENT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/explain.h"
#include "core/vesting.h"

enum settle_status {
	SETTLE_OK,
	SETTLE_NO_YEAR,     /* the year is outside the tables */
	SETTLE_BEFORE_2005, /* § 3 in its current form applies from 01.01.2005 */
	SETTLE_ERR_EXIT_BEFORE_COMMITMENT,
};

/* ---- § 3 ---------------------------------------------------------------- */
enum settle_kind { SETTLE_PENSION /* monthly benefit */, SETTLE_CAPITAL };
enum settle_abf_branch {
	SETTLE_ABF_ALLOWED,      /* within the § 3 Abs. 2 threshold */
	SETTLE_ABF_ABOVE,        /* above the threshold */
	SETTLE_ABF_TRANSFER,     /* transfer demanded (§ 3 Abs. 2 S. 3) */
	SETTLE_ABF_EU_ABROAD,    /* new employment in another EU state, notified within 3 months (2018+) */
	SETTLE_ABF_30G,          /* running benefit first paid before 2005: § 3 not applicable (§ 30g Abs. 3) */
	SETTLE_ABF__COUNT
};

struct settle_abf_in {
	int              year;
	enum settle_kind kind;
	int64_t          amount_cents; /* monthly benefit at the Altersgrenze, or the capital */
	bool             transfer_requested;
	bool             running;      /* a running benefit (not an Anwartschaft) */
	bool             has_running_since;
	day_t            running_since; /* first payment */
	bool             eu_abroad_notified;
	bool             ost; /* Bezugsgröße Ost (years before 2025) */
};

struct settle_abf_out {
	bool                   allowed;
	enum settle_abf_branch branch;
	int64_t                threshold_cents;
	bool                   free_by_agreement; /* § 30g Abs. 3: settle by agreement without § 3 limits */
	bool                   consent_2a_possible; /* § 3 Abs. 2a (2026+): with consent, paid into the GRV */
	int64_t                threshold_2a_cents;
};

enum settle_status settle_abfindung(const struct settle_abf_in *in, struct settle_abf_out *out, struct explain *e);
extern const char *const settle_abf_branch_code[SETTLE_ABF__COUNT];

/* ---- § 4 Abs. 3 ------------------------------------------------------------ */
enum {
	SETTLE_TR_VEHICLE    = 1u << 0, /* only PF, PK, DV */
	SETTLE_TR_COMMITMENT = 1u << 1, /* only commitments granted after 31.12.2004 (§ 30b) */
	SETTLE_TR_EARLY      = 1u << 2, /* demanded before the employment ended */
	SETTLE_TR_LATE       = 1u << 3, /* demanded more than one year after */
	SETTLE_TR_VALUE      = 1u << 4, /* transfer value above the BBG of the demand year */
};

struct settle_tr_in {
	enum vest_vehicle vehicle;
	day_t             commitment_start, exit, demand;
	int64_t           value_cents;
	bool              ost; /* BBG Ost (years before 2025) */
};

struct settle_tr_out {
	bool     claim_valid;
	unsigned unmet;    /* SETTLE_TR_* bits */
	day_t    deadline; /* last day for the demand */
	int64_t  bbg_cents;
};

enum settle_status settle_transfer(const struct settle_tr_in *in, struct settle_tr_out *out, struct explain *e);

#endif
