/*
 * wagetax.c — wagetax.h on top of the generated PAP (pap.h): the payroll's
 * inputs under their PAP names, one run, three outputs.
 *
 * Mapping: period → LZZ, gross → RE4, tax class → STKL, child allowances
 * (tenths) → ZKF, church → R = 1, kvz_bp → KVZ (hundredths of a percent),
 * private_health → PKV, pkpv → PKPV, saxony → PVS, childless → PVZ, pva →
 * PVA, no_pension_ins → KRV, and where the year's PAP has them:
 * pkpv_agz → PKPVAGZ, no_unemployment_ins → ALV (both from 2026).  The PAP
 * 2025 knows neither: there an employer's subsidy to a private insurance is
 * PKV = 2 (the PAP computes the subsidy itself from its own rates; the amount
 * given is not used), and ALV has no counterpart (2025 has no unemployment
 * part in the Vorsorgepauschale).
 *
 * The PAP variables are looked up by name once per thread and year (a
 * thread-local cache), not on every call.
 */
#include "payroll/wagetax.h"

#include "payroll/pap.h"

/* Far beyond any wage, well inside the decimal's range (tests/unit/test_lohnsteuer.c). */
#define WAGETAX_MAX_CENTS INT64_C(100000000000) /* 1 000 000 000,00 € */

enum { I_LZZ, I_RE4, I_STKL, I_ZKF, I_R, I_KVZ, I_PKV, I_PKPV, I_PVS, I_PVZ, I_PVA, I_KRV, I_PKPVAGZ, I_ALV, I_N };
enum { I_REQUIRED = I_PKPVAGZ }; /* the inputs before this one every PAP must have */
static const char *const in_names[I_N] = {"LZZ", "RE4", "STKL", "ZKF", "R",   "KVZ",     "PKV",
                                          "PKPV", "PVS", "PVZ", "PVA", "KRV", "PKPVAGZ", "ALV"};

struct vars {
	const struct pap_def *def;
	bool                  ok; /* every required variable found */
	const struct pap_var *in[I_N], *lst, *solz, *bk;
};

static const struct vars *vars_of(const struct pap_def *def)
{
	static _Thread_local struct vars cache[4];
	struct vars                     *v = &cache[(unsigned)def->year % 4];
	if (v->def == def)
		return v;
	v->def = def;
	v->ok  = true;
	for (int i = 0; i < I_N; i++) {
		v->in[i] = pap_input(def, in_names[i]);
		if (i < I_REQUIRED && !v->in[i])
			v->ok = false;
	}
	v->lst  = pap_output(def, "LSTLZZ");
	v->solz = pap_output(def, "SOLZLZZ");
	v->bk   = pap_output(def, "BK");
	v->ok   = v->ok && v->lst && v->solz && v->bk;
	return v;
}

int wagetax_compute(const struct wagetax_in *in, struct wagetax_out *out)
{
	if (in->period < WT_YEAR || in->period > WT_DAY || in->tax_class < 1 || in->tax_class > 6 ||
	    in->child_allowances < 0 || in->child_allowances > 999 || in->kvz_bp < 0 || in->kvz_bp > 10000 ||
	    in->pva < 0 || in->pva > 4 || in->gross_cents < 0 || in->gross_cents > WAGETAX_MAX_CENTS ||
	    in->pkpv_cents < 0 || in->pkpv_cents > WAGETAX_MAX_CENTS || in->pkpv_agz_cents < 0 ||
	    in->pkpv_agz_cents > WAGETAX_MAX_CENTS)
		return -1;
	const struct pap_def *def = pap_find(in->year);
	if (!def)
		return -1;
	const struct vars *v = vars_of(def);
	if (!v->ok)
		return -1;
	bool has_agz = v->in[I_PKPVAGZ] != NULL;
	int  pkv     = in->private_health ? (!has_agz && in->pkpv_agz_cents > 0 ? 2 : 1) : 0;
	dec_t val[I_N] = {
		[I_LZZ] = dec_from_long(in->period),
		[I_RE4] = dec_from_long(in->gross_cents),
		[I_STKL] = dec_from_long(in->tax_class),
		[I_ZKF] = DEC(in->child_allowances, 1),
		[I_R] = dec_from_long(in->church),
		[I_KVZ] = DEC(in->kvz_bp, 2),
		[I_PKV] = dec_from_long(pkv),
		[I_PKPV] = dec_from_long(in->private_health ? in->pkpv_cents : 0),
		[I_PVS] = dec_from_long(in->saxony),
		[I_PVZ] = dec_from_long(in->childless),
		[I_PVA] = dec_from_long(in->pva),
		[I_KRV] = dec_from_long(in->no_pension_ins),
		[I_PKPVAGZ] = dec_from_long(in->private_health ? in->pkpv_agz_cents : 0),
		[I_ALV] = dec_from_long(in->no_unemployment_ins),
	};
	struct pap p;
	pap_start(&p, def);
	for (int i = 0; i < I_N; i++)
		if (v->in[i] && pap_set_var(&p, v->in[i], val[i]) != PAP_OK)
			return -1;
	if (pap_run(&p) != 0)
		return -1;
	struct wagetax_out r;
	if (!dec_to_int64(pap_value(&p, v->lst), &r.lst_cents) || !dec_to_int64(pap_value(&p, v->solz), &r.solz_cents) ||
	    !dec_to_int64(pap_value(&p, v->bk), &r.bk_cents))
		return -1;
	*out = r;
	return 0;
}
