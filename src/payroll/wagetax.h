/*
 * wagetax.h — the wage tax of one pay period (Lohnsteuer, Solidaritätszuschlag
 * and the church-tax base), computed by the BMF Programmablaufplan of the
 * year (§ 39b Abs. 6 EStG; src/payroll/pap*.c).  This is the narrow door the
 * net-cost computation uses; the full PAP with every input and output is
 * behind `openbav calc lohnsteuer`.
 *
 * Pure: no I/O, no allocation, no floating point.
 */
#ifndef OPENBAV_WAGETAX_H
#define OPENBAV_WAGETAX_H

#include <stdbool.h>
#include <stdint.h>

enum wagetax_period { WT_YEAR = 1, WT_MONTH = 2, WT_WEEK = 3, WT_DAY = 4 }; /* PAP LZZ */

struct wagetax_in {
	int     year;               /* 2025, 2026 */
	int     period;             /* enum wagetax_period (LZZ) */
	int64_t gross_cents;        /* RE4: taxable pay of the period, after a tax-free conversion */
	int     tax_class;          /* STKL 1..6 */
	int     child_allowances;   /* ZKF in tenths: 1.5 allowances = 15 */
	bool    church;             /* R != 0 */
	int     kvz_bp;             /* KVZ in hundredths of a percent: 2.90 % = 290 */
	bool    private_health;     /* PKV = 1 */
	int64_t pkpv_cents;         /* PKPV: monthly private KV/PV premium */
	int64_t pkpv_agz_cents;     /* PKPVAGZ (2026): employer's monthly subsidy to it */
	bool    saxony;             /* PVS */
	bool    childless;          /* PVZ: childless surcharge */
	int     pva;                /* PVA: PV child reductions (0..4) */
	bool    no_pension_ins;     /* KRV = 1 */
	bool    no_unemployment_ins;/* ALV = 1 (2026) */
};

struct wagetax_out {
	int64_t lst_cents;  /* LSTLZZ */
	int64_t solz_cents; /* SOLZLZZ */
	int64_t bk_cents;   /* BK: base of the church tax */
};

/* 0 on success; -1 when the year has no PAP or an input is out of range. */
int wagetax_compute(const struct wagetax_in *in, struct wagetax_out *out);

#endif
