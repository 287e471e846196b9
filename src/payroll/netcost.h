/*
 * netcost.h — what a salary conversion (Entgeltumwandlung) costs the employee
 * net, month by month: the pay slip without and with the conversion (wage
 * tax by the BMF PAP through wagetax_compute(), solidarity surcharge, church
 * tax, social insurance by core/sv.c), the tax and social-insurance savings,
 * the employer's subsidy (the 15 % of § 1a Abs. 1a BetrAVG capped at the
 * employer's real saving, a percentage or a fixed amount) and what goes into
 * the contract.  The year's limits (§ 1a BetrAVG, § 3 Nr. 63 EStG, § 1 Abs. 1
 * S. 1 Nr. 9 SvEV) come from core/limits.c.
 *
 * Pure: no I/O, no allocation, no floating point.  Money in integer cents.
 *
 * Assumptions (stated in the explanation too): the contract is with a
 * Pensionsfonds, Pensionskasse or direct insurance (§ 3 Nr. 63 EStG; the
 * statutory subsidy is due — agreement from 2019); the annual tax- and
 * SV-free amounts are used in equal twelfths (constant monthly amounts);
 * the conversion uses those amounts first and the employer's subsidy what is
 * left; the federal state is both the place of employment (Saxony's care
 * split) and the residence (church-tax rate); a mini-job's flat wage tax is
 * borne by the employer.
 */
#ifndef OPENBAV_NETCOST_H
#define OPENBAV_NETCOST_H

#include <stdbool.h>
#include <stdint.h>

#include "core/explain.h"
#include "core/limits.h"
#include "core/sv.h"
#include "payroll/wagetax.h"

enum netcost_state { NC_BW, NC_BY, NC_BE, NC_BB, NC_HB, NC_HH, NC_HE, NC_MV, NC_NI, NC_NW, NC_RP, NC_SL, NC_SN,
	             NC_ST, NC_SH, NC_TH, NC__STATES };
extern const char *const netcost_state_code[NC__STATES + 1]; /* "BW" … "TH", NULL */

enum netcost_subsidy {
	NC_SUBSIDY_STATUTORY, /* 15 % of the conversion, at most the employer's SV saving (§ 1a Abs. 1a BetrAVG) */
	NC_SUBSIDY_PERCENT,   /* subsidy_bp of the conversion, half-up */
	NC_SUBSIDY_AMOUNT,    /* subsidy_cents */
};
extern const char *const netcost_subsidy_code[4]; /* "statutory", "percent", "amount", NULL */

struct netcost_in {
	int                  year;
	int64_t              gross_cents;      /* monthly current pay before the conversion */
	int                  tax_class;        /* 1..6 */
	int                  child_allowances; /* tenths: 1,5 = 15 (PAP ZKF) */
	int                  children;         /* children under 25 (PV reductions) */
	bool                 childless;        /* PV childless surcharge applies */
	bool                 church;
	enum netcost_state   state;
	bool                 private_health;
	int                  kvz_bp;           /* the fund's additional rate (statutory) */
	int64_t              private_kv_premium_cents, private_pv_premium_cents; /* monthly (private) */
	bool                 minijob_rv_exempt;
	int64_t              conversion_cents; /* monthly */
	enum netcost_subsidy subsidy;
	int64_t              subsidy_bp;       /* NC_SUBSIDY_PERCENT: basis points of the conversion (1500 = 15 %) */
	int64_t              subsidy_cents;    /* NC_SUBSIDY_AMOUNT */
};

/* One pay slip. */
struct netcost_side {
	int64_t            paid_gross;   /* pay before deductions (gross − conversion) */
	int64_t            taxable;      /* RE4: the wage-tax base */
	int64_t            sv_pay;       /* Arbeitsentgelt subject to contributions */
	bool               flat_taxed;   /* a mini-job: 2 % flat tax by the employer, no PAP */
	struct wagetax_out tax;          /* LSt, SolZ, BK */
	int64_t            church_cents; /* BK × 8 or 9 %, fractions of a cent dropped */
	struct sv_out      sv;
	int64_t            net;          /* paid out: paid_gross − LSt − SolZ − KiSt − SV employee + private subsidy */
};

struct netcost_out {
	struct limits        lim;               /* the year's limits (annual) */
	int64_t              tax_free_month, sv_free_month;
	int64_t              conv_tax_free, conv_sv_free;     /* parts of the conversion */
	int64_t              subsidy_flat;      /* 15 % of the conversion (statutory mode) */
	int64_t              subsidy;           /* the employer's contribution on top */
	int64_t              sub_tax_free, sub_sv_free;       /* parts of the subsidy */
	struct netcost_side  without, with;
	int64_t              net_cost;          /* without.net − with.net */
	int64_t              tax_saving;        /* LSt + SolZ + KiSt, without − with */
	struct sv_share      sv_saving[SV__BRANCHES]; /* without − with, per branch */
	int64_t              sv_saving_an, sv_saving_ag;
	int64_t              flat_tax_saving;   /* mini-job: the employer's flat tax, without − with */
	int64_t              into_contract;     /* conversion + subsidy */
	int64_t              employer_net_cost; /* subsidy − SV saving − flat-tax saving + change of the private subsidy */
};

enum netcost_status {
	NC_OK,
	NC_NO_YEAR,       /* no SV table, limits or PAP for the year */
	NC_ERR_INPUT,     /* a value out of range (the calculator names the field first) */
	NC_ERR_CONVERSION, /* more than the gross pay */
	NC_ERR_TAX        /* wagetax_compute() refused (no PAP for the year, or an input beyond its range) */
};

enum netcost_status netcost_compute(const struct netcost_in *in, struct netcost_out *out, struct explain *e);

#endif
