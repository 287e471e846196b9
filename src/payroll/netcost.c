/*
 * netcost.c — the net cost of a salary conversion (see netcost.h for the
 * scope and the assumptions).  Owns the order in which the conversion and
 * the employer's subsidy use the year's tax- and SV-free amounts, the
 * statutory subsidy's cap and the net-pay arithmetic; the rules themselves
 * are elsewhere: contributions core/sv.c, limits and the 15 % rule
 * core/limits.c, wage tax payroll/wagetax.c (BMF PAP).  Must never do I/O,
 * allocate or use floating point.
 *
 * The statutory subsidy is 15 % of the conversion "soweit" the employer saves
 * social-insurance contributions (§ 1a Abs. 1a BetrAVG).  The saving is the
 * employer's contributions without the conversion less those with the
 * conversion and the subsidy (a subsidy above the SV-free room is itself
 * contributory and eats into the saving), so the subsidy is the largest s ≤
 * 15 % with s ≤ saving(s); saving(s) never rises with s, so s − saving(s)
 * rises and a binary search over the cents finds it.
 *
 * Church tax: 8 % of the PAP's base BK in Baden-Württemberg and Bavaria, 9 %
 * elsewhere (§ 51a EStG with the Länder's church-tax laws); fractions of a
 * cent are dropped (e.g. Bavaria: "Bruchteile von Cent bleiben
 * unberücksichtigt"; assumed the same in every Land — UNCONFIRMED per Land).
 */
#include "payroll/netcost.h"

#include "core/date.h"

#define NOTE(...) EXPLAIN_NOTE(e, __VA_ARGS__)
#define RULE(p)   EXPLAIN_RULE(e, p)

const char *const netcost_state_code[NC__STATES + 1] = {"BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI",
                                                        "NW", "RP", "SL", "SN", "ST", "SH", "TH", NULL};
const char *const netcost_subsidy_code[4]            = {"statutory", "percent", "amount", NULL};

static int64_t min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

static int64_t max64(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

static struct sv_in sv_input(const struct netcost_in *in, int64_t sv_pay)
{
	return (struct sv_in){.year                     = in->year,
	                      .entgelt_cents            = sv_pay,
	                      .private_health           = in->private_health,
	                      .kvz_bp                   = in->kvz_bp,
	                      .private_kv_premium_cents = in->private_kv_premium_cents,
	                      .private_pv_premium_cents = in->private_pv_premium_cents,
	                      .saxony                   = in->state == NC_SN,
	                      .childless                = in->childless,
	                      .children                 = in->children,
	                      .minijob_rv_exempt        = in->minijob_rv_exempt};
}

/* One pay slip: social insurance on sv_pay, wage tax on taxable (unless a mini-job), net. */
static enum netcost_status slip(const struct netcost_in *in, int64_t paid, int64_t taxable, int64_t sv_pay,
                                struct netcost_side *s, struct explain *sv_trail)
{
	*s                = (struct netcost_side){.paid_gross = paid, .taxable = taxable, .sv_pay = sv_pay};
	struct sv_in svin = sv_input(in, sv_pay);
	switch (sv_compute(&svin, &s->sv, sv_trail)) {
	case SV_OK: break;
	case SV_NO_YEAR: return NC_NO_YEAR;
	case SV_ERR_INPUT: return NC_ERR_INPUT;
	}
	if (s->sv.kind == SV_MINIJOB)
		s->flat_taxed = true; /* § 40a Abs. 2 EStG: flat 2 % borne by the employer, no PAP */
	else {
		struct wagetax_in w = {
			.year                = in->year,
			.period              = WT_MONTH,
			.gross_cents         = taxable,
			.tax_class           = in->tax_class,
			.child_allowances    = in->child_allowances,
			.church              = in->church,
			.kvz_bp              = in->private_health ? 0 : in->kvz_bp,
			.private_health      = in->private_health,
			.pkpv_cents          = in->private_health ? in->private_kv_premium_cents + in->private_pv_premium_cents : 0,
			.pkpv_agz_cents      = in->private_health ? s->sv.private_subsidy : 0,
			.saxony              = in->state == NC_SN,
			.childless           = in->childless,
			.pva                 = sv_pv_reductions(in->children),
			.no_pension_ins      = false,
			.no_unemployment_ins = false,
		};
		if (wagetax_compute(&w, &s->tax) != 0)
			return NC_ERR_TAX;
		if (in->church) {
			int pct         = in->state == NC_BW || in->state == NC_BY ? 8 : 9;
			s->church_cents = s->tax.bk_cents * pct / 100; /* fractions of a cent dropped */
		}
	}
	s->net = paid - s->tax.lst_cents - s->tax.solz_cents - s->church_cents - s->sv.an_total + s->sv.private_subsidy;
	return NC_OK;
}

/* The employer's SV contributions at sv_pay. */
static int64_t employer_sv(const struct netcost_in *in, int64_t sv_pay)
{
	struct sv_in  svin = sv_input(in, sv_pay);
	struct sv_out o;
	if (sv_compute(&svin, &o, NULL) != SV_OK)
		return 0; /* unreachable: the same inputs succeeded for the slip without the conversion */
	return o.ag_total;
}

static bool valid(const struct netcost_in *in)
{
	return in->gross_cents >= 0 && in->gross_cents <= 100000000 && in->tax_class >= 1 && in->tax_class <= 6 &&
	       in->child_allowances >= 0 && in->child_allowances <= 300 && in->children >= 0 && in->children <= 20 &&
	       !(in->childless && in->children > 0) && (unsigned)in->state < NC__STATES && in->kvz_bp >= 0 &&
	       in->kvz_bp <= 2000 && in->private_kv_premium_cents >= 0 && in->private_kv_premium_cents <= 10000000 &&
	       in->private_pv_premium_cents >= 0 && in->private_pv_premium_cents <= 10000000 &&
	       in->conversion_cents >= 0 && (unsigned)in->subsidy <= NC_SUBSIDY_AMOUNT && in->subsidy_bp >= 0 &&
	       in->subsidy_bp <= 10000 && in->subsidy_cents >= 0 && in->subsidy_cents <= 10000000;
}

enum netcost_status netcost_compute(const struct netcost_in *in, struct netcost_out *o, struct explain *e)
{
	*o = (struct netcost_out){0};
	struct sv_year y;
	if (!sv_year(in->year, &y) || limits_compute(in->year, &o->lim, NULL) != LIMITS_OK)
		return NC_NO_YEAR;
	if (!valid(in))
		return NC_ERR_INPUT;
	int64_t g = in->gross_cents, c = in->conversion_cents;
	if (c > g)
		return NC_ERR_CONVERSION;

	/* ---- the year's limits, in monthly twelfths ---- */
	RULE("§ 1a Abs. 1 BetrAVG");
	RULE("§ 3 Nr. 63 EStG");
	RULE("§ 1 Abs. 1 S. 1 Nr. 9 SvEV");
	o->tax_free_month = (o->lim.tax_free_max + 6) / 12;
	o->sv_free_month  = (o->lim.sv_free_max + 6) / 12;
	NOTE("nc.limits", 6, ex_int(in->year), ex_cents(o->lim.tax_free_max), ex_cents(o->tax_free_month),
	     ex_cents(o->lim.sv_free_max), ex_cents(o->sv_free_month), ex_cents(o->lim.conversion_max));
	NOTE("nc.assume", 0);
	if (c * 12 > o->lim.conversion_max)
		NOTE("nc.over_claim", 1, ex_cents(o->lim.conversion_max));
	else if (c > 0 && c * 12 < o->lim.conversion_min)
		NOTE("nc.under_min", 1, ex_cents(o->lim.conversion_min));
	o->conv_tax_free = min64(c, o->tax_free_month);
	o->conv_sv_free  = min64(c, o->sv_free_month);
	NOTE("nc.conversion", 5, ex_cents(c), ex_cents(o->conv_tax_free), ex_cents(c - o->conv_tax_free),
	     ex_cents(o->conv_sv_free), ex_cents(c - o->conv_sv_free));

	/* ---- without the conversion ---- */
	enum netcost_status st = slip(in, g, g, g, &o->without, NULL);
	if (st != NC_OK)
		return st;

	/* ---- the employer's contribution ---- */
	int64_t tf_room = o->tax_free_month - o->conv_tax_free, sf_room = o->sv_free_month - o->conv_sv_free;
	int64_t sv_base = g - o->conv_sv_free; /* contributory pay with the conversion, before the subsidy */
	int64_t ag0     = o->without.sv.ag_total;
	switch (in->subsidy) {
	case NC_SUBSIDY_STATUTORY: {
		o->subsidy_flat = limits_pct_bp(c, 1500);
		int64_t lo = 0, hi = o->subsidy_flat; /* largest s in [lo, hi] with s ≤ saving(s); 0 always qualifies */
		while (lo < hi) {
			int64_t mid = lo + (hi - lo + 1) / 2;
			if (mid <= ag0 - employer_sv(in, sv_base + max64(0, mid - sf_room)))
				lo = mid;
			else
				hi = mid - 1;
		}
		int64_t saving = ag0 - employer_sv(in, sv_base + max64(0, lo - sf_room));
		NOTE("nc.subsidy.saving", 3, ex_cents(ag0), ex_cents(ag0 - saving), ex_cents(saving));
		struct limits_subsidy_in  si = {.vehicle          = VEST_PK,
		                                .agreement        = date_from_ymd(in->year, 1, 1),
		                                .date             = date_from_ymd(in->year, 1, 1),
		                                .conversion_cents = c,
		                                .mode             = LIMITS_SUBSIDY_CAPPED,
		                                .sv_saving_cents  = lo < o->subsidy_flat ? lo : saving};
		struct limits_subsidy_out so;
		limits_subsidy(&si, &so, e);
		o->subsidy = so.subsidy_cents; /* = lo */
		break;
	}
	case NC_SUBSIDY_PERCENT:
		o->subsidy = limits_pct_bp(c, in->subsidy_bp);
		NOTE("nc.subsidy.percent", 3, ex_percent_bp(in->subsidy_bp), ex_cents(c), ex_cents(o->subsidy));
		break;
	case NC_SUBSIDY_AMOUNT:
		o->subsidy = in->subsidy_cents;
		NOTE("nc.subsidy.amount", 1, ex_cents(o->subsidy));
		break;
	}
	int64_t s       = o->subsidy;
	o->sub_tax_free = min64(s, tf_room);
	o->sub_sv_free  = min64(s, sf_room);
	if (s > 0)
		NOTE("nc.subsidy.split", 5, ex_cents(s), ex_cents(o->sub_tax_free), ex_cents(s - o->sub_tax_free),
		     ex_cents(o->sub_sv_free), ex_cents(s - o->sub_sv_free));

	/* ---- with the conversion (and the subsidy's part above the free amounts) ---- */
	int64_t taxable = g - o->conv_tax_free + (s - o->sub_tax_free);
	int64_t sv_pay  = sv_base + (s - o->sub_sv_free);
	NOTE("nc.without", 1, ex_cents(g));
	NOTE("nc.with", 3, ex_cents(g - c), ex_cents(taxable), ex_cents(sv_pay));
	NOTE("nc.sv.without", 2, ex_cents(o->without.sv.an_total), ex_cents(o->without.sv.ag_total));
	NOTE("nc.sv.with", 0);
	st = slip(in, g - c, taxable, sv_pay, &o->with, e);
	if (st != NC_OK)
		return st;
	if (o->with.sv.kind == SV_MINIJOB && o->without.sv.kind != SV_MINIJOB)
		NOTE("nc.becomes_minijob", 1, ex_cents(y.minijob_limit));

	/* ---- taxes ---- */
	const struct netcost_side *a = &o->without, *b = &o->with;
	if (!a->flat_taxed || !b->flat_taxed) {
		RULE("§ 39b EStG");
		NOTE("nc.tax", 6, ex_int(in->year), ex_int(in->tax_class), ex_cents(a->tax.lst_cents),
		     ex_cents(a->tax.solz_cents), ex_cents(b->tax.lst_cents), ex_cents(b->tax.solz_cents));
		if (a->tax.solz_cents || b->tax.solz_cents)
			RULE("§§ 3, 4 SolZG 1995");
	}
	if (a->flat_taxed || b->flat_taxed) {
		RULE("§ 40a Abs. 2 EStG");
		NOTE("nc.flat", 2, ex_cents(a->sv.minijob_flat_tax), ex_cents(b->sv.minijob_flat_tax));
	}
	if (in->church && (!a->flat_taxed || !b->flat_taxed)) {
		RULE("§ 51a EStG");
		NOTE("nc.church", 6, ex_percent_bp(in->state == NC_BW || in->state == NC_BY ? 800 : 900),
		     ex_text(netcost_state_code[in->state]), ex_cents(a->church_cents), ex_cents(a->tax.bk_cents),
		     ex_cents(b->church_cents), ex_cents(b->tax.bk_cents));
	}

	/* ---- net and savings ---- */
	int64_t tax_a = a->tax.lst_cents + a->tax.solz_cents + a->church_cents;
	int64_t tax_b = b->tax.lst_cents + b->tax.solz_cents + b->church_cents;
	if (in->private_health) {
		NOTE("nc.net.without.private", 5, ex_cents(a->paid_gross), ex_cents(tax_a), ex_cents(a->sv.an_total),
		     ex_cents(a->sv.private_subsidy), ex_cents(a->net));
		NOTE("nc.net.with.private", 5, ex_cents(b->paid_gross), ex_cents(tax_b), ex_cents(b->sv.an_total),
		     ex_cents(b->sv.private_subsidy), ex_cents(b->net));
	} else {
		NOTE("nc.net.without", 4, ex_cents(a->paid_gross), ex_cents(tax_a), ex_cents(a->sv.an_total), ex_cents(a->net));
		NOTE("nc.net.with", 4, ex_cents(b->paid_gross), ex_cents(tax_b), ex_cents(b->sv.an_total), ex_cents(b->net));
	}
	o->net_cost   = a->net - b->net;
	o->tax_saving = tax_a - tax_b;
	for (int i = 0; i < SV__BRANCHES; i++) {
		o->sv_saving[i] = (struct sv_share){a->sv.b[i].an - b->sv.b[i].an, a->sv.b[i].ag - b->sv.b[i].ag};
		o->sv_saving_an += o->sv_saving[i].an;
		o->sv_saving_ag += o->sv_saving[i].ag;
	}
	o->flat_tax_saving   = a->sv.minijob_flat_tax - b->sv.minijob_flat_tax;
	o->into_contract     = c + s;
	o->employer_net_cost = s - o->sv_saving_ag - o->flat_tax_saving + (b->sv.private_subsidy - a->sv.private_subsidy);
	NOTE("nc.result", 6, ex_cents(a->net), ex_cents(b->net), ex_cents(o->net_cost), ex_cents(c),
	     ex_cents(o->tax_saving), ex_cents(o->sv_saving_an));
	NOTE("nc.contract", 3, ex_cents(c), ex_cents(s), ex_cents(o->into_contract));
	NOTE("nc.employer", 4, ex_cents(o->sv_saving_ag), ex_cents(o->flat_tax_saving), ex_cents(s),
	     ex_cents(o->employer_net_cost));
	return NC_OK;
}
