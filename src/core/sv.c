/*
 * sv.c — one month's social-insurance contributions (see sv.h for the scope
 * and the rounding rule).  Owns the rate table of 2025/2026 and the formulas;
 * the BBG of the pension insurance comes from law_tables.c.  Must never do
 * I/O, allocate, use floating point, or return contributions for a year the
 * table does not hold.
 *
 * Sources (DOMAIN.md § 8.4 unless noted):
 *   KV 14,6 % (§ 241 SGB V) [S72][S73]; average additional rate 2025 2,5 %,
 *     2026 2,9 % (§ 242a SGB V; BMG announcements) [S65][S72][S73][S74].
 *   PV 3,6 % from 01.01.2025 (§ 55 Abs. 1 SGB XI), Saxony employee 2,3 % /
 *     employer 1,3 % (§ 58 Abs. 3 SGB XI), childless surcharge 0,6 % (§ 55
 *     Abs. 3 S. 1), reduction 0,25 %-points per child from the 2nd to the 5th
 *     under 25 (§ 55 Abs. 3 S. 4) [S72][S73][S75][S66].
 *   RV 18,6 % (§ 158 SGB VI), AV 2,6 % (§ 341 Abs. 2 SGB III) [S72][S73].
 *   BBG KV/PV 66.150 € (2025), 69.750 € (2026; SV-RechengrößenV 2026 § 2 Abs. 2,
 *     BGBl. 2025 I Nr. 278) [S66][S51]; BBG RV/AV 96.600 € / 101.400 € [S45][S51]
 *     (law_tables.c).
 *   Geringfügigkeitsgrenze 556 € (2025), 603 € (2026) = minimum wage × 130 / 3
 *     rounded up (§ 8 Abs. 1a SGB IV; 12,82 € and 13,90 €); transition zone up
 *     to 2.000 € (§ 20 Abs. 2 SGB IV) — lexware.de, haufe.de 2026 articles.
 *   Factor F (§ 20 Abs. 2a SGB IV) = 28 % / Gesamtsozialversicherungsbeitragssatz,
 *     four decimals: 2025 28/41,9 = 0,6683 (DOMAIN.md, treuhand.de); 2026
 *     28/42,3 = 0,6619 (haufe.de "Beiträge für Midijobber richtig berechnen",
 *     2026; the sum 14,6 + 2,9 + 3,6 + 18,6 + 2,6 = 42,3 reproduces it, see
 *     tests/unit/test_sv.c).  The BMAS/GKV publication itself was not seen.
 *   Transition-zone procedure (total contribution on BE, employee's share on
 *     the employee's base, employer = difference; childless surcharge on BE,
 *     employee alone): GKV-Rundschreiben Übergangsbereich Ziff. 4.3.2, the
 *     Minijob-Zentrale's worked example, haufe.de 2026.
 *   Mini-job: employer KV 13 % (§ 249b SGB V), RV 15 % (§ 172 Abs. 3 SGB VI),
 *     employee the difference to 18,6 % (§ 168 Abs. 1 Nr. 1b SGB VI) with the
 *     minimum base 175 € (§ 163 Abs. 8 SGB VI), flat wage tax 2 % (§ 40a Abs. 2
 *     EStG).
 *
 * DERIVED (no official example seen): in the transition zone the PV child
 * reductions lower only the employee's share computed on the employee's base;
 * the employer's share is the standard total on BE less the standard employee
 * share (reductions "only for the employee's share", DAK; GR 28.03.2024 Ziff. 3).
 */
#include "core/sv.h"

#include "core/law_tables.h"

#define NOTE(...) EXPLAIN_NOTE(e, __VA_ARGS__)
#define RULE(p)   EXPLAIN_RULE(e, p)
#define EUR(x)    ((int64_t)(x) * 100)

const char *const sv_branch_code[SV__BRANCHES] = {"kv", "kv_additional", "pv", "rv", "av"};
const char *const sv_kind_code[4]              = {"regular", "transition_zone", "minijob", "none"};

/* year, KV, Ø KVZ, PV, PV Saxony AN, childless, per child, RV, AV, BBG KV/yr, Minijob, Midijob upper, F×10⁴,
 * mini KV, mini RV AG, mini tax, RV minimum base, (BBG RV filled from law_tables.c) */
static const struct sv_year rows[] = {
	{2025, 1460, 250, 360, 230, 60, 25, 1860, 260, EUR(66150), EUR(556), EUR(2000), 6683, 1300, 1500, 200, EUR(175), 0},
	{2026, 1460, 290, 360, 230, 60, 25, 1860, 260, EUR(69750), EUR(603), EUR(2000), 6619, 1300, 1500, 200, EUR(175), 0},
};

bool sv_year(int year, struct sv_year *out)
{
	const struct law_year *l = law_year(year);
	for (unsigned i = 0; l && i < sizeof rows / sizeof *rows; i++)
		if (rows[i].year == year) {
			*out             = rows[i];
			out->bbg_rv_year = l->bbg_rv_west_cents; /* one source for the BBG RV */
			return true;
		}
	return false;
}

int sv_pv_reductions(int children)
{
	return children <= 1 ? 0 : children >= 5 ? 4 : children - 1;
}

int64_t sv_round(int64_t amount, int64_t num, int64_t den)
{
	return (amount * num + den / 2) / den;
}

/* BE = F·G + (OG/(OG−G) − G/(OG−G)·F)·(AE−G), F = f/10⁴, all in cents:
 * BE = [f·G·(OG−G) + (10⁴·OG − f·G)·(AE−G)] / (10⁴·(OG−G)), one rounding. */
int64_t sv_midijob_be(const struct sv_year *y, int64_t ae)
{
	int64_t g = y->minijob_limit, og = y->midijob_upper, f = y->factor_f;
	int64_t num = f * g * (og - g) + (10000 * og - f * g) * (ae - g);
	return sv_round(num, 1, 10000 * (og - g));
}

/* BE_AN = OG/(OG−G)·(AE−G). */
int64_t sv_midijob_be_an(const struct sv_year *y, int64_t ae)
{
	int64_t g = y->minijob_limit, og = y->midijob_upper;
	return sv_round(og * (ae - g), 1, og - g);
}

static int64_t min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

/* A branch borne half each: half the rate (num/20000), rounded, doubled (§ 2 Abs. 1 S. 1 BVV). */
static struct sv_share halves(int64_t base, int rate_bp)
{
	int64_t h = sv_round(base, rate_bp, 20000);
	return (struct sv_share){h, h};
}

/* The same in the transition zone: total on BE, employee's share on BE_AN, employer the difference. */
static struct sv_share halves_zone(int64_t be, int64_t be_an, int rate_bp)
{
	int64_t total = 2 * sv_round(be, rate_bp, 20000);
	int64_t an    = sv_round(be_an, rate_bp, 20000);
	return (struct sv_share){an, total - an};
}

static void regular(const struct sv_in *in, const struct sv_year *y, int64_t ae, struct sv_out *o, struct explain *e)
{
	int64_t bbg_kv = y->bbg_kv_year / 12, bbg_rv = y->bbg_rv_year / 12;
	o->base_kv     = min64(ae, bbg_kv);
	o->base_rv     = min64(ae, bbg_rv);
	if (ae > bbg_kv && !in->private_health)
		NOTE("sv.capped.kv", 1, ex_cents(bbg_kv));
	if (ae > bbg_rv)
		NOTE("sv.capped.rv", 1, ex_cents(bbg_rv));
	if (!in->private_health) {
		o->b[SV_KV]  = halves(o->base_kv, y->kv_bp);
		o->b[SV_KVZ] = halves(o->base_kv, in->kvz_bp);
		NOTE("sv.kv", 5, ex_percent_bp(y->kv_bp), ex_cents(o->base_kv), ex_percent_milli(y->kv_bp * 5),
		     ex_cents(o->b[SV_KV].an), ex_cents(o->b[SV_KV].ag));
		NOTE("sv.kvz", 5, ex_percent_bp(in->kvz_bp), ex_cents(o->base_kv), ex_percent_milli(in->kvz_bp * 5),
		     ex_cents(o->b[SV_KVZ].an), ex_cents(o->b[SV_KVZ].ag));
	}
	o->b[SV_RV] = halves(o->base_rv, y->rv_bp);
	o->b[SV_AV] = halves(o->base_rv, y->av_bp);
	NOTE("sv.rv", 5, ex_percent_bp(y->rv_bp), ex_cents(o->base_rv), ex_percent_milli(y->rv_bp * 5),
	     ex_cents(o->b[SV_RV].an), ex_cents(o->b[SV_RV].ag));
	NOTE("sv.av", 5, ex_percent_bp(y->av_bp), ex_cents(o->base_rv), ex_percent_milli(y->av_bp * 5),
	     ex_cents(o->b[SV_AV].an), ex_cents(o->b[SV_AV].ag));
}

static void zone(const struct sv_in *in, const struct sv_year *y, int64_t ae, struct sv_out *o, struct explain *e)
{
	RULE("§ 20 Abs. 2, 2a SGB IV");
	o->kind    = SV_MIDIJOB;
	o->be      = sv_midijob_be(y, ae);
	o->be_an   = sv_midijob_be_an(y, ae);
	o->base_kv = o->base_rv = o->be;
	NOTE("sv.midijob", 5, ex_cents(ae), ex_cents(y->minijob_limit + 1), ex_cents(y->midijob_upper),
	     ex_int(y->factor_f), ex_int(y->year));
	NOTE("sv.midijob.be", 5, ex_cents(o->be), ex_cents(y->minijob_limit), ex_cents(y->midijob_upper), ex_cents(ae),
	     ex_cents(o->be_an));
	NOTE("sv.midijob.split", 0);
	if (!in->private_health) {
		o->b[SV_KV]  = halves_zone(o->be, o->be_an, y->kv_bp);
		o->b[SV_KVZ] = halves_zone(o->be, o->be_an, in->kvz_bp);
		NOTE("sv.mid.kv", 4, ex_percent_bp(y->kv_bp), ex_cents(o->b[SV_KV].an + o->b[SV_KV].ag),
		     ex_cents(o->b[SV_KV].an), ex_cents(o->b[SV_KV].ag));
		NOTE("sv.mid.kvz", 4, ex_percent_bp(in->kvz_bp), ex_cents(o->b[SV_KVZ].an + o->b[SV_KVZ].ag),
		     ex_cents(o->b[SV_KVZ].an), ex_cents(o->b[SV_KVZ].ag));
	}
	o->b[SV_RV] = halves_zone(o->be, o->be_an, y->rv_bp);
	o->b[SV_AV] = halves_zone(o->be, o->be_an, y->av_bp);
	NOTE("sv.mid.rv", 4, ex_percent_bp(y->rv_bp), ex_cents(o->b[SV_RV].an + o->b[SV_RV].ag), ex_cents(o->b[SV_RV].an),
	     ex_cents(o->b[SV_RV].ag));
	NOTE("sv.mid.av", 4, ex_percent_bp(y->av_bp), ex_cents(o->b[SV_AV].an + o->b[SV_AV].ag), ex_cents(o->b[SV_AV].an),
	     ex_cents(o->b[SV_AV].ag));
}

static void care(const struct sv_in *in, const struct sv_year *y, struct sv_out *o, struct explain *e)
{
	RULE("§§ 55, 58 SGB XI");
	int an_std = in->saxony ? y->pv_saxony_an_bp : y->pv_bp / 2; /* the employee's share without surcharge/reduction */
	int ag     = y->pv_bp - an_std;
	int red    = sv_pv_reductions(in->children) * y->pv_child_bp;
	int an     = an_std - red; /* surcharge separately below (in the zone it has another base) */
	if (in->saxony)
		NOTE("sv.pv.saxony", 2, ex_percent_bp(an_std), ex_percent_bp(ag));
	if (in->childless)
		NOTE("sv.pv.childless", 1, ex_percent_bp(y->pv_childless_bp));
	if (red)
		NOTE("sv.pv.children", 3, ex_int(in->children), ex_percent_bp(red), ex_percent_bp(y->pv_child_bp));
	if (o->kind == SV_MIDIJOB) {
		/* total of the standard split on BE, less the standard employee share on BE_AN */
		int64_t total = in->saxony ? sv_round(o->be, ag, 10000) + sv_round(o->be, an_std, 10000)
		                           : 2 * sv_round(o->be, y->pv_bp, 20000);
		int64_t surcharge = in->childless ? sv_round(o->be, y->pv_childless_bp, 10000) : 0;
		o->b[SV_PV].ag    = total - sv_round(o->be_an, an_std, 10000);
		o->b[SV_PV].an    = sv_round(o->be_an, an, 10000) + surcharge;
		NOTE("sv.mid.pv", 4, ex_percent_bp(y->pv_bp), ex_cents(total), ex_cents(o->b[SV_PV].an),
		     ex_cents(o->b[SV_PV].ag));
		if (in->childless)
			NOTE("sv.mid.pv.childless", 3, ex_percent_bp(y->pv_childless_bp), ex_cents(o->be), ex_cents(surcharge));
	} else {
		if (in->childless)
			an += y->pv_childless_bp;
		o->b[SV_PV].an = sv_round(o->base_kv, an, 10000);
		o->b[SV_PV].ag = sv_round(o->base_kv, ag, 10000);
		NOTE("sv.pv", 6, ex_percent_bp(y->pv_bp), ex_cents(o->base_kv), ex_percent_bp(an), ex_cents(o->b[SV_PV].an),
		     ex_percent_bp(ag), ex_cents(o->b[SV_PV].ag));
	}
}

static void minijob(const struct sv_in *in, const struct sv_year *y, int64_t ae, struct sv_out *o, struct explain *e)
{
	RULE("§ 8 Abs. 1 Nr. 1 SGB IV");
	o->kind    = SV_MINIJOB;
	o->base_kv = ae;
	o->base_rv = ae;
	NOTE("sv.minijob", 3, ex_cents(ae), ex_cents(y->minijob_limit), ex_int(y->year));
	if (!in->private_health) {
		RULE("§ 249b SGB V");
		o->b[SV_KV].ag = sv_round(ae, y->mini_kv_bp, 10000);
		NOTE("sv.mini.kv", 3, ex_percent_bp(y->mini_kv_bp), ex_cents(ae), ex_cents(o->b[SV_KV].ag));
	} else
		NOTE("sv.mini.kv.private", 0);
	RULE("§§ 163, 168, 172 SGB VI");
	o->b[SV_RV].ag = sv_round(ae, y->mini_rv_ag_bp, 10000);
	if (in->minijob_rv_exempt)
		NOTE("sv.mini.rv.exempt", 2, ex_percent_bp(y->mini_rv_ag_bp), ex_cents(o->b[SV_RV].ag));
	else if (ae < y->rv_min_base) {
		/* § 2 Abs. 1 S. 5 BVV: full rate on the minimum base, less the rounded employer share */
		RULE("§ 2 BVV");
		o->base_rv     = y->rv_min_base;
		int64_t total  = sv_round(y->rv_min_base, y->rv_bp, 10000);
		o->b[SV_RV].an = total - o->b[SV_RV].ag;
		NOTE("sv.mini.rv.min", 5, ex_percent_bp(y->mini_rv_ag_bp), ex_cents(o->b[SV_RV].ag), ex_cents(y->rv_min_base),
		     ex_cents(total), ex_cents(o->b[SV_RV].an));
	} else {
		o->b[SV_RV].an = sv_round(ae, y->rv_bp - y->mini_rv_ag_bp, 10000);
		NOTE("sv.mini.rv", 4, ex_percent_bp(y->mini_rv_ag_bp), ex_cents(o->b[SV_RV].ag),
		     ex_percent_bp(y->rv_bp - y->mini_rv_ag_bp), ex_cents(o->b[SV_RV].an));
	}
	RULE("§ 40a Abs. 2 EStG");
	o->minijob_flat_tax = sv_round(ae, y->mini_tax_bp, 10000);
	NOTE("sv.mini.tax", 3, ex_percent_bp(y->mini_tax_bp), ex_cents(ae), ex_cents(o->minijob_flat_tax));
}

/* § 257 Abs. 2 SGB V, § 61 Abs. 2 SGB XI: half the premium, at most the employer's share on the
 * base that would apply if the employee were insured (general + average additional rate, half). */
static void private_subsidy(const struct sv_in *in, const struct sv_year *y, struct sv_out *o, struct explain *e)
{
	RULE("§ 257 SGB V, § 61 SGB XI");
	int64_t half_kv = sv_round(in->private_kv_premium_cents, 1, 2);
	int64_t cap_kv  = sv_round(o->base_kv, y->kv_bp + y->kvz_avg_bp, 20000);
	int64_t kv      = min64(half_kv, cap_kv);
	NOTE("sv.private.kv", 6, ex_cents(in->private_kv_premium_cents), ex_cents(half_kv), ex_cents(cap_kv),
	     ex_percent_bp(y->kvz_avg_bp), ex_cents(o->base_kv), ex_cents(kv));
	int     ag_pv   = in->saxony ? y->pv_bp - y->pv_saxony_an_bp : y->pv_bp / 2;
	int64_t half_pv = sv_round(in->private_pv_premium_cents, 1, 2);
	int64_t cap_pv  = sv_round(o->base_kv, ag_pv, 10000);
	int64_t pv      = min64(half_pv, cap_pv);
	NOTE("sv.private.pv", 6, ex_cents(in->private_pv_premium_cents), ex_cents(half_pv), ex_percent_bp(ag_pv),
	     ex_cents(o->base_kv), ex_cents(cap_pv), ex_cents(pv));
	o->private_subsidy = kv + pv;
}

enum sv_status sv_compute(const struct sv_in *in, struct sv_out *o, struct explain *e)
{
	*o = (struct sv_out){.kind = SV_NONE};
	struct sv_year yr;
	if (!sv_year(in->year, &yr))
		return SV_NO_YEAR;
	const struct sv_year *y = &yr;
	if (in->entgelt_cents < 0 || in->entgelt_cents > EUR(100000000) || in->kvz_bp < 0 || in->kvz_bp > 2000 ||
	    in->children < 0 || in->children > 20 || (in->childless && in->children > 0) ||
	    in->private_kv_premium_cents < 0 || in->private_pv_premium_cents < 0 ||
	    in->private_kv_premium_cents > EUR(100000) || in->private_pv_premium_cents > EUR(100000))
		return SV_ERR_INPUT;
	int64_t ae = in->entgelt_cents;
	NOTE("sv.base", 4, ex_int(y->year), ex_cents(ae), ex_cents(y->bbg_kv_year / 12), ex_cents(y->bbg_rv_year / 12));
	if (ae == 0) {
		NOTE("sv.none", 0);
		return SV_OK;
	}
	if (ae <= y->minijob_limit)
		minijob(in, y, ae, o, e);
	else {
		if (!in->private_health)
			RULE("§§ 223, 241, 242, 249 SGB V");
		RULE("§§ 157–159, 168 SGB VI");
		RULE("§§ 341, 346 SGB III");
		o->kind = SV_REGULAR;
		if (ae <= y->midijob_upper)
			zone(in, y, ae, o, e);
		else
			regular(in, y, ae, o, e);
		if (in->private_health) {
			NOTE("sv.private", 0);
			private_subsidy(in, y, o, e);
		} else
			care(in, y, o, e);
		RULE("§ 2 BVV");
		NOTE("sv.rounding", 0);
	}
	for (int i = 0; i < SV__BRANCHES; i++) {
		o->an_total += o->b[i].an;
		o->ag_total += o->b[i].ag;
	}
	NOTE("sv.total", 2, ex_cents(o->an_total), ex_cents(o->ag_total));
	return SV_OK;
}
