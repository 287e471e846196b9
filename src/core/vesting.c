/*
 * vesting.c — § 1b, § 30f BetrAVG: the statutory vesting date of an
 * Anwartschaft per financing part, the exit decision, and the notes that
 * explain both.  Owns the era table, the transitional rules, the commitment
 * start per Durchführungsweg and the anniversary rule (29 Feb → 1 Mar).
 * Must never do I/O, allocate, use floating point, or build a note when the
 * trail is NULL (the bulk path evaluates millions of commitments).
 */
#include "core/vesting.h"

#define NOTE(...) EXPLAIN_NOTE(e, __VA_ARGS__)
#define RULE(p)   EXPLAIN_RULE(e, p)

const char *const vest_branch_code[VEST_BR__COUNT] = {
	"35_10", "35_12_3", "30_5_from_2001", "25_5_from_2009_bvv", "30_5",
	"25_5_from_2009", "25_5", "21_3_from_2018", "21_3", "immediate_eu",
};
const char *const vest_vehicle_code[5] = {"DZ", "UK", "DV", "PK", "PF"};

struct ymd {
	int y, m, d;
};

static struct ymd ymd_of(day_t d)
{
	struct ymd r;
	date_to_ymd(d, &r.y, &r.m, &r.d);
	return r;
}

/* DOMAIN.md 1.3: the first day on which "n years" are completed; a 29 Feb
 * start ends its years with 28 Feb (§ 188 Abs. 3 BGB), so the day is 1 Mar. */
static day_t anniv_ymd(struct ymd a, int n)
{
	int y = a.y + n;
	if (a.m == 2 && a.d == 29 && !date_is_leap(y))
		return date_from_ymd(y, 3, 1);
	return date_from_ymd(y, a.m, a.d);
}

day_t vest_anniv(day_t d, int years)
{
	return anniv_ymd(ymd_of(d), years);
}

static inline day_t max2(day_t a, day_t b) { return a > b ? a : b; }

/* Fixed dates of the transitional rules: K(n, from) for commitments before `from`. */
#define D_2001 11323 /* 2001-01-01 */
#define D_2009 14245 /* 2009-01-01 */
#define D_2018 17532 /* 2018-01-01 */
#define D_2006 13149 /* 2006-01-01 = 5 years from 01.01.2001 */
#define D_2014 16071 /* 2014-01-01 = 5 years from 01.01.2009 */
#define D_2021 18628 /* 2021-01-01 = 3 years from 01.01.2018 */
#define D_1974_12_22 1816

struct ctx {
	struct ymd birth, commit, service;
	day_t      commit_day;
};

struct cand {
	enum vest_branch br;
	day_t            v;
};

static void pick(struct vest_part *p, struct cand c)
{
	if (c.v < p->vested_on) { /* ties keep the branch listed first (the primary rule) */
		p->vested_on = c.v;
		p->branch    = c.br;
	}
}

static enum vest_era era_of(day_t z)
{
	if (z < D_2001)
		return VEST_ERA_PRE2001;
	if (z < D_2009)
		return VEST_ERA_2001_2008;
	if (z < D_2018)
		return VEST_ERA_2009_2017;
	return VEST_ERA_2018;
}

/* The time-based rules (employer financing; EU before 2001). */
static struct vest_part time_rules(const struct ctx *c, enum vest_era era, enum vest_reading reading,
                                   struct explain *e)
{
	struct vest_part p = {.vested_on = INT32_MAX};
	switch (era) {
	case VEST_ERA_PRE2001: {
		day_t a35 = anniv_ymd(c->birth, 35), a30 = anniv_ymd(c->birth, 30);
		day_t z10 = anniv_ymd(c->commit, 10), z3 = anniv_ymd(c->commit, 3), s12 = anniv_ymd(c->service, 12);
		struct cand b1 = {VEST_BR_35_10, max2(a35, z10)};
		struct cand b2 = {VEST_BR_35_12_3, max2(a35, max2(s12, z3))};
		struct cand b3 = {VEST_BR_30_5_FROM_2001, max2(a30, D_2006)};
		pick(&p, b1);
		pick(&p, b2);
		pick(&p, b3);
		RULE("§ 30f Abs. 1 BetrAVG");
		NOTE("vest.era.pre2001", 1, ex_date(c->commit_day));
		NOTE("vest.br.35_10", 3, ex_date(a35), ex_date(z10), ex_date(b1.v));
		NOTE("vest.br.35_12_3", 4, ex_date(a35), ex_date(s12), ex_date(z3), ex_date(b2.v));
		NOTE("vest.br.30_5_from_2001", 3, ex_date(a30), ex_date(D_2006), ex_date(b3.v));
		if (reading == VEST_READING_BVV) {
			day_t       a25 = anniv_ymd(c->birth, 25);
			struct cand b4  = {VEST_BR_25_5_FROM_2009_BVV, max2(a25, D_2014)};
			pick(&p, b4);
			NOTE("vest.br.25_5_from_2009_bvv", 3, ex_date(a25), ex_date(D_2014), ex_date(b4.v));
		}
		break;
	}
	case VEST_ERA_2001_2008: {
		day_t       a30 = anniv_ymd(c->birth, 30), a25 = anniv_ymd(c->birth, 25), z5 = anniv_ymd(c->commit, 5);
		struct cand b1 = {VEST_BR_30_5, max2(a30, z5)};
		struct cand b2 = {VEST_BR_25_5_FROM_2009, max2(a25, D_2014)};
		pick(&p, b1);
		pick(&p, b2);
		RULE("§ 30f Abs. 2 BetrAVG");
		NOTE("vest.era.2001", 1, ex_date(c->commit_day));
		NOTE("vest.br.30_5", 3, ex_date(a30), ex_date(z5), ex_date(b1.v));
		NOTE("vest.br.25_5_from_2009", 3, ex_date(a25), ex_date(D_2014), ex_date(b2.v));
		break;
	}
	case VEST_ERA_2009_2017: {
		day_t       a25 = anniv_ymd(c->birth, 25), a21 = anniv_ymd(c->birth, 21), z5 = anniv_ymd(c->commit, 5);
		struct cand b1 = {VEST_BR_25_5, max2(a25, z5)};
		struct cand b2 = {VEST_BR_21_3_FROM_2018, max2(a21, D_2021)};
		pick(&p, b1);
		pick(&p, b2);
		RULE("§ 30f Abs. 3 BetrAVG");
		NOTE("vest.era.2009", 1, ex_date(c->commit_day));
		NOTE("vest.br.25_5", 3, ex_date(a25), ex_date(z5), ex_date(b1.v));
		NOTE("vest.br.21_3_from_2018", 3, ex_date(a21), ex_date(D_2021), ex_date(b2.v));
		break;
	}
	case VEST_ERA_2018: {
		day_t       a21 = anniv_ymd(c->birth, 21), z3 = anniv_ymd(c->commit, 3);
		struct cand b1 = {VEST_BR_21_3, max2(a21, z3)};
		pick(&p, b1);
		RULE("§ 1b Abs. 1 BetrAVG");
		NOTE("vest.era.2018", 1, ex_date(c->commit_day));
		NOTE("vest.br.21_3", 3, ex_date(a21), ex_date(z3), ex_date(b1.v));
		break;
	}
	}
	NOTE("vest.result", 1, ex_date(p.vested_on));
	return p;
}

static struct vest_part employee_part(const struct ctx *c, enum vest_era era, enum vest_reading reading,
                                      struct explain *e)
{
	if (era != VEST_ERA_PRE2001) {
		RULE("§ 1b Abs. 5 BetrAVG");
		NOTE("vest.eu.immediate", 1, ex_date(c->commit_day));
		return (struct vest_part){.branch = VEST_BR_IMMEDIATE_EU, .vested_on = c->commit_day};
	}
	RULE("§ 30f Abs. 1 S. 2 BetrAVG");
	NOTE("vest.eu.pre2001", 1, ex_date(c->commit_day));
	return time_rules(c, era, reading, e);
}

static void decide_exit(struct vest_part *p, const struct vest_input *in, struct explain *e)
{
	p->vested_at_exit = vest_kept(p->vested_on, in->exit, in->boundary);
	day_t last = in->boundary == VEST_BOUNDARY_STRICT ? p->vested_on : p->vested_on - 1;
	NOTE(p->vested_at_exit ? "vest.exit.kept" : "vest.exit.lost", 2, ex_date(in->exit), ex_date(last));
}

enum vest_status vest_compute(const struct vest_input *in, struct vest_result *r, struct explain *e)
{
	*r = (struct vest_result){.reading = in->reading};
	if (in->service_start < in->birth)
		return VEST_ERR_SERVICE_BEFORE_BIRTH;
	if (in->commitment_start < in->birth)
		return VEST_ERR_COMMITMENT_BEFORE_BIRTH;
	/* § 1b Abs. 2 S. 4, Abs. 3 S. 2: insurance start, at the earliest the start
	 * of employment.  A Direktzusage or UK membership counts from its own date,
	 * but equally not before the employment it was granted for (reading: the
	 * Zusage exists "aus Anlass eines Arbeitsverhältnisses", § 1 Abs. 1). */
	day_t z = max2(in->commitment_start, in->service_start);
	if (in->has_exit) {
		if (in->exit < in->service_start)
			return VEST_ERR_EXIT_BEFORE_SERVICE;
		if (in->exit < z)
			return VEST_ERR_EXIT_BEFORE_COMMITMENT;
		if (in->exit < D_1974_12_22)
			return VEST_ERR_EXIT_BEFORE_1974;
	}
	r->commitment_effective = z;
	struct ctx c            = {ymd_of(in->birth), ymd_of(z), ymd_of(in->service_start), z};
	r->era                  = era_of(z);

	if (e) {
		explain_rule(e, "§§ 187 Abs. 2, 188 Abs. 2 BGB");
		explain_note(e, "vest.input", 4, ex_date(in->birth), ex_date(in->service_start),
		             ex_date(in->commitment_start), ex_text(vest_vehicle_code[in->vehicle]));
		if (in->taken_over) {
			explain_rule(e, "§ 1b Abs. 1 S. 3 BetrAVG");
			explain_note(e, "vest.taken_over", 2, ex_date(in->service_start), ex_date(in->commitment_start));
		}
		switch (in->vehicle) {
		case VEST_DV: explain_rule(e, "§ 1b Abs. 2 S. 4 BetrAVG"); break;
		case VEST_PK:
		case VEST_PF: explain_rule(e, "§ 1b Abs. 3 S. 2 BetrAVG"); break;
		case VEST_UK: explain_rule(e, "§ 1b Abs. 4 S. 2 BetrAVG"); break;
		case VEST_DZ: break;
		}
		if (in->vehicle == VEST_UK)
			explain_note(e, "vest.start.uk", 1, ex_date(in->commitment_start));
		if (z != in->commitment_start)
			explain_note(e, in->vehicle == VEST_DV || in->vehicle == VEST_PK || in->vehicle == VEST_PF
			                    ? "vest.start.insurance"
			                    : "vest.start.service",
			             2, ex_date(in->commitment_start), ex_date(z));
		explain_note(e, in->reading == VEST_READING_BVV ? "vest.reading.bvv" : "vest.reading.statute", 0);
	}

	r->has_employer = in->financing != VEST_FIN_EMPLOYEE;
	r->has_employee = in->financing != VEST_FIN_EMPLOYER;
	if (r->has_employer) {
		NOTE(in->financing == VEST_FIN_MIXED ? "vest.part.employer" : "vest.fin.employer", 0);
		r->employer = time_rules(&c, r->era, in->reading, e);
		if (in->has_exit)
			decide_exit(&r->employer, in, e);
	}
	if (r->has_employee) {
		NOTE(in->financing == VEST_FIN_MIXED ? "vest.part.employee" : "vest.fin.employee", 0);
		r->employee = employee_part(&c, r->era, in->reading, e);
		if (in->has_exit)
			decide_exit(&r->employee, in, e);
	}
	if (r->has_employer && r->has_employee) {
		r->vested_on      = max2(r->employer.vested_on, r->employee.vested_on);
		r->vested_at_exit = r->employer.vested_at_exit && r->employee.vested_at_exit;
		NOTE("vest.mixed.result", 2, ex_date(r->employee.vested_on), ex_date(r->employer.vested_on));
	} else {
		const struct vest_part *p = r->has_employer ? &r->employer : &r->employee;
		r->vested_on              = p->vested_on;
		r->vested_at_exit         = p->vested_at_exit;
	}
	r->contract_vested_at_exit = r->vested_at_exit;
	if (in->has_contract) {
		day_t cf = max2(in->contract_from, z);
		RULE("§ 19 Abs. 3 BetrAVG");
		NOTE("vest.contract", 1, ex_date(cf));
		if (in->has_exit && !r->vested_at_exit && vest_kept(cf, in->exit, in->boundary)) {
			r->contract_vested_at_exit = true;
			NOTE("vest.contract.kept", 1, ex_date(in->exit));
		}
	}
	if (in->has_exit && in->boundary == VEST_BOUNDARY_STRICT)
		NOTE("vest.boundary.strict", 0);
	return VEST_OK;
}
