/*
 * contracts.c — group contracts, commitments (Zusagen) and insurance
 * contracts of one employer.  The only place that knows their field rules
 * (the *_apply functions); every statement binds the employer id and every
 * change leaves history rows (app/history.h).  It must never compute a legal
 * rule itself: vesting comes from core/vesting, PSV duty from core/psv.
 */
#include "app/contracts.h"
#include "app/fields.h"
#include "app/history.h"
#include "app/providers.h"
#include "core/limits.h"
#include "core/psv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"

#define FAIL APP_FAIL
#define OK   APP_PASS

enum { MONEY_MAX_CENTS = 100000000 }; /* 1,000,000.00 € */

static const char *const vehicles[]     = {"DZ", "UK", "DV", "PK", "PF", NULL};
static const char *const types[]        = {"LZ", "BOLZ", "BZML", NULL};
static const char *const financings[]   = {"employer", "employee", "mixed", NULL};
static const char *const rules[]        = {"statutory15", "percent", "fixed", "none", NULL};
static const char *const modes[]        = {"monthly", "quarterly", "half_yearly", "yearly", NULL};
static const char *const beneficiaries[] = {"employee_irrevocable", "employee_revocable", "employer", NULL};
static const char *const statuses[]     = {"active", "contribution_free", "terminated", NULL};
static const char *const riders_known[] = {"disability", "survivors", "accident", "waiver", NULL};

/* Index of s in a NULL-terminated list, or -1. */
static int code_index(const char *const *list, const char *s)
{
	for (int i = 0; s && list[i]; i++)
		if (!strcmp(list[i], s))
			return i;
	return -1;
}

static bool set_code(const char *in, const char *const *list, char *dst, size_t dstsz)
{
	if (code_index(list, in) < 0)
		return false;
	str_copy(dst, dstsz, in);
	return true;
}

static bool parse_id(const char *s, int64_t *out)
{
	if (!*s) {
		*out = 0;
		return true;
	}
	char     *end;
	long long v = strtoll(s, &end, 10);
	if (*end || v <= 0)
		return false;
	*out = v;
	return true;
}

static bool parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = {"true", "1", "on", "ja", "yes", NULL}, *const no[] = {"false", "0", "off", "nein", "no", "", NULL};
	if (code_index(yes, s) >= 0)
		*out = true;
	else if (code_index(no, s) >= 0)
		*out = false;
	else
		return false;
	return true;
}

static void iso(day_t d, char *out, size_t outsz)
{
	char s[11];
	date_format_iso(d, s);
	str_copy(out, outsz, s);
}

static void hundredths(int64_t v, char *out, size_t outsz)
{
	snprintf(out, outsz, "%lld.%02lld", (long long)(v / 100), (long long)(v % 100));
}

/* ---- history and diffs: one row per changed field ------------------------------------ */

typedef void (*field_text_fn)(const void *rec, int field, char *out, size_t outsz);
typedef void (*field_diff_fn)(const char *field, const char *old_value, const char *new_value, void *ctx);

/* Calls fn for each field whose text differs; before NULL: every field of
 * after with a text, old "" (a record not stored yet).  Returns how many. */
static int fields_diff(const char *const *names, int nfields, field_text_fn text, const void *before,
                       const void *after, field_diff_fn fn, void *ctx)
{
	int n = 0;
	for (int f = 0; f < nfields; f++) {
		char x[256] = "", y[256];
		if (before)
			text(before, f, x, sizeof x);
		text(after, f, y, sizeof y);
		if (strcmp(x, y)) {
			n++;
			if (fn)
				fn(names[f], x, y, ctx);
		}
	}
	return n;
}

struct history_ctx {
	struct db  *db;
	int64_t     employer_id, id, user_id, now;
	const char *entity, *action;
	bool        ok;
};

static void history_field(const char *field, const char *old_value, const char *new_value, void *ctx)
{
	struct history_ctx *h = ctx;
	h->ok &= history_record(h->db, h->employer_id, h->entity, h->id, h->action, field, old_value, new_value,
	                        h->user_id, h->now);
}

/* action NULL: "create" / "update"; the import passes "import". */
static bool record_history(struct db *db, int64_t employer_id, const char *entity, int64_t id,
                           const char *const *names, int nfields, field_text_fn text, const void *before,
                           const void *after, const char *action, int64_t user_id, int64_t now)
{
	if (!before)
		return history_record(db, employer_id, entity, id, action ? action : "create", NULL, NULL, NULL, user_id,
		                      now);
	struct history_ctx h = {db, employer_id, id, user_id, now, entity, action ? action : "update", true};
	fields_diff(names, nfields, text, before, after, history_field, &h);
	return h.ok;
}

/* ---- group contracts --------------------------------------------------------------- */

static const char *const gc_fields[] = {"provider_id", "number", "product_line", "vehicle", "subsidy_rule",
                                        "subsidy_value", "contribution_min", "contribution_max"};

static void gc_text(const void *rec, int f, char *out, size_t outsz)
{
	const struct group_contract *g = rec;
	out[0]                         = '\0';
	switch (f) {
	case 0: snprintf(out, outsz, "%lld", (long long)g->provider_id); break;
	case 1: str_copy(out, outsz, g->number); break;
	case 2: str_copy(out, outsz, g->product_line); break;
	case 3: str_copy(out, outsz, g->vehicle); break;
	case 4: str_copy(out, outsz, g->subsidy_rule); break;
	case 5: hundredths(g->subsidy_value, out, outsz); break;
	case 6: hundredths(g->contribution_min_cents, out, outsz); break;
	case 7: hundredths(g->contribution_max_cents, out, outsz); break;
	}
}

static void gc_read(struct db_q *q, struct group_contract *g)
{
	memset(g, 0, sizeof *g);
	g->id          = db_col_int(q, 0);
	g->employer_id = db_col_int(q, 1);
	g->provider_id = db_col_int(q, 2);
	str_copy(g->number, sizeof g->number, db_col_text(q, 3));
	str_copy(g->product_line, sizeof g->product_line, db_col_text(q, 4));
	str_copy(g->vehicle, sizeof g->vehicle, db_col_text(q, 5));
	str_copy(g->subsidy_rule, sizeof g->subsidy_rule, db_col_text(q, 6));
	g->subsidy_value          = db_col_int(q, 7);
	g->contribution_min_cents = db_col_int(q, 8);
	g->contribution_max_cents = db_col_int(q, 9);
	str_copy(g->provider_name, sizeof g->provider_name, db_col_text(q, 10));
}

enum app_rc group_contract_get(struct db *db, int64_t employer_id, int64_t id, struct group_contract *out)
{
	struct db_q *q = db_q(db, STMT_GROUP_CONTRACT_BY_ID);
	db_bind_int(q, 1, employer_id);
	db_bind_int(q, 2, id);
	enum db_rc rc = db_step(q);
	if (rc == DB_ROW)
		gc_read(q, out);
	db_q_done(q);
	return rc == DB_ROW ? APP_OK : rc == DB_DONE ? APP_NOT_FOUND : APP_ERROR;
}

enum app_rc group_contracts_of(struct db *db, int64_t employer_id, void (*fn)(const struct group_contract *, void *),
                               void *ctx)
{
	struct db_q *q = db_q(db, STMT_GROUP_CONTRACTS_OF);
	db_bind_int(q, 1, employer_id);
	enum db_rc            rc;
	struct group_contract g;
	while ((rc = db_step(q)) == DB_ROW) {
		gc_read(q, &g);
		fn(&g, ctx);
	}
	db_q_done(q);
	return rc == DB_DONE ? APP_OK : APP_ERROR;
}

struct app_err group_contract_apply(struct db *db, struct group_contract *g, const struct group_contract_input *in)
{
	if (in->provider_id && !parse_id(in->provider_id, &g->provider_id))
		FAIL(APP_INVALID, "provider_id", "err.contract.id");
	if (in->number) {
		if (*in->number && !field_text_ok(in->number, 1, 64))
			FAIL(APP_INVALID, "number", "err.contract.number");
		str_copy(g->number, sizeof g->number, in->number);
	}
	if (in->product_line) {
		if (!field_text_ok(in->product_line, 0, 100))
			FAIL(APP_INVALID, "product_line", "err.contract.product_line");
		str_copy(g->product_line, sizeof g->product_line, in->product_line);
	}
	if (in->vehicle && *in->vehicle && !set_code(in->vehicle, vehicles, g->vehicle, sizeof g->vehicle))
		FAIL(APP_INVALID, "vehicle", "err.contract.vehicle");
	if (in->subsidy_rule && *in->subsidy_rule &&
	    !set_code(in->subsidy_rule, rules, g->subsidy_rule, sizeof g->subsidy_rule))
		FAIL(APP_INVALID, "subsidy_rule", "err.contract.subsidy_rule");
	int64_t v;
	bool    value_given = in->subsidy_value && *in->subsidy_value;
	if (value_given && !employee_parse_euros(in->subsidy_value, &v))
		FAIL(APP_INVALID, "subsidy_value", "err.contract.subsidy_value");
	if (in->contribution_min) {
		int64_t c = 0;
		if (*in->contribution_min &&
		    (!employee_parse_euros(in->contribution_min, &c) || c > MONEY_MAX_CENTS))
			FAIL(APP_INVALID, "contribution_min", "err.money");
		g->contribution_min_cents = c;
	}
	if (in->contribution_max) {
		int64_t c = 0;
		if (*in->contribution_max &&
		    (!employee_parse_euros(in->contribution_max, &c) || c > MONEY_MAX_CENTS))
			FAIL(APP_INVALID, "contribution_max", "err.money");
		g->contribution_max_cents = *in->contribution_max ? c : -1;
	}

	if (!g->provider_id)
		FAIL(APP_INVALID, "provider_id", "err.required");
	if (!g->number[0])
		FAIL(APP_INVALID, "number", "err.required");
	if (!g->vehicle[0])
		FAIL(APP_INVALID, "vehicle", "err.required");
	if (!g->subsidy_rule[0])
		FAIL(APP_INVALID, "subsidy_rule", "err.required");
	if (g->contribution_max_cents < 0)
		FAIL(APP_INVALID, "contribution_max", "err.required");
	struct provider p;
	enum app_rc     rc = provider_get(db, g->provider_id, &p);
	if (rc == APP_ERROR)
		FAIL(APP_ERROR, NULL, "err.internal");
	if (rc != APP_OK)
		FAIL(APP_RULE, "provider_id", "err.contract.provider_unknown");
	str_copy(g->provider_name, sizeof g->provider_name, p.name);
	if (!provider_offers(&p, g->vehicle))
		FAIL(APP_RULE, "vehicle", "err.contract.vehicle_not_offered");
	bool valued = !strcmp(g->subsidy_rule, "percent") || !strcmp(g->subsidy_rule, "fixed");
	if (value_given)
		g->subsidy_value = v;
	if (!valued) {
		if (value_given && v)
			FAIL(APP_RULE, "subsidy_value", "err.contract.subsidy_value_unused");
		g->subsidy_value = 0;
	} else if (g->subsidy_value <= 0 || (!strcmp(g->subsidy_rule, "percent") && g->subsidy_value > 10000) ||
	           g->subsidy_value > MONEY_MAX_CENTS)
		FAIL(APP_RULE, "subsidy_value", "err.contract.subsidy_value");
	if (g->contribution_min_cents > g->contribution_max_cents)
		FAIL(APP_RULE, "contribution_max", "err.contract.contribution_range");
	return OK;
}

static struct app_err gc_save(struct db *db, struct group_contract *g, const struct group_contract *before,
                              int64_t now, int64_t user_id)
{
	struct db_q *q = db_q(db, before ? STMT_GROUP_CONTRACT_UPDATE : STMT_GROUP_CONTRACT_INSERT);
	int          i = 1;
	db_bind_int(q, i++, g->employer_id);
	if (before)
		db_bind_int(q, i++, g->id);
	db_bind_int(q, i++, g->provider_id);
	db_bind_str(q, i++, g->number);
	db_bind_str(q, i++, g->product_line);
	db_bind_str(q, i++, g->vehicle);
	db_bind_str(q, i++, g->subsidy_rule);
	db_bind_int(q, i++, g->subsidy_value);
	db_bind_int(q, i++, g->contribution_min_cents);
	db_bind_int(q, i++, g->contribution_max_cents);
	db_bind_int(q, i, now);
	enum db_rc rc = db_exec(q);
	if (rc == DB_CONSTRAINT)
		FAIL(APP_CONFLICT, "number", "err.contract.group_duplicate");
	if (rc != DB_DONE)
		FAIL(APP_ERROR, NULL, "err.internal");
	if (!before)
		g->id = db_last_id(db);
	if (!record_history(db, g->employer_id, "group_contract", g->id, gc_fields, 8, gc_text, before, g, NULL, user_id,
	                    now))
		FAIL(APP_ERROR, NULL, "err.internal");
	return OK;
}

struct app_err group_contract_create(struct db *db, int64_t employer_id, const struct group_contract_input *in,
                                     int64_t now, int64_t user_id, int64_t *id)
{
	struct group_contract g = {.employer_id = employer_id, .contribution_max_cents = -1};
	struct app_err        r = group_contract_apply(db, &g, in);
	if (r.rc)
		return r;
	if ((r = gc_save(db, &g, NULL, now, user_id)).rc == APP_OK && id)
		*id = g.id;
	return r;
}

struct app_err group_contract_update(struct db *db, int64_t employer_id, int64_t id,
                                     const struct group_contract_input *in, int64_t now, int64_t user_id)
{
	struct group_contract before, g;
	enum app_rc           found = group_contract_get(db, employer_id, id, &before);
	if (found != APP_OK)
		FAIL(found, NULL, found == APP_NOT_FOUND ? "err.not_found" : "err.internal");
	g                = before;
	struct app_err r = group_contract_apply(db, &g, in);
	return r.rc ? r : gc_save(db, &g, &before, now, user_id);
}

/* ---- commitments ---------------------------------------------------------------------- */

static const char *const cm_fields[] = {"group_contract_id", "vehicle", "type", "financing", "employer_share",
                                        "service_start", "commitment_start", "taken_over", "original_employer",
                                        "original_service_start", "original_commitment_start", "psv_relevant"};

static void cm_text(const void *rec, int f, char *out, size_t outsz)
{
	const struct commitment *c = rec;
	out[0]                     = '\0';
	switch (f) {
	case 0: if (c->group_contract_id) snprintf(out, outsz, "%lld", (long long)c->group_contract_id); break;
	case 1: str_copy(out, outsz, c->vehicle); break;
	case 2: str_copy(out, outsz, c->type); break;
	case 3: str_copy(out, outsz, c->financing); break;
	case 4: if (c->has_share) hundredths(c->employer_share_bp, out, outsz); break;
	case 5: iso(c->service_start, out, outsz); break;
	case 6: iso(c->commitment_start, out, outsz); break;
	case 7: str_copy(out, outsz, c->taken_over ? "true" : "false"); break;
	case 8: str_copy(out, outsz, c->original_employer); break;
	case 9: if (c->has_original_service) iso(c->original_service_start, out, outsz); break;
	case 10: if (c->has_original_commitment) iso(c->original_commitment_start, out, outsz); break;
	case 11: str_copy(out, outsz, c->psv_relevant ? "true" : "false"); break;
	}
}

static void cm_read(struct db_q *q, struct commitment *c)
{
	memset(c, 0, sizeof *c);
	c->id                = db_col_int(q, 0);
	c->employer_id       = db_col_int(q, 1);
	c->employee_id       = db_col_int(q, 2);
	c->group_contract_id = db_col_null(q, 3) ? 0 : db_col_int(q, 3);
	str_copy(c->vehicle, sizeof c->vehicle, db_col_text(q, 4));
	str_copy(c->type, sizeof c->type, db_col_text(q, 5));
	str_copy(c->financing, sizeof c->financing, db_col_text(q, 6));
	if ((c->has_share = !db_col_null(q, 7)))
		c->employer_share_bp = (int)db_col_int(q, 7);
	c->service_start    = (day_t)db_col_int(q, 8);
	c->commitment_start = (day_t)db_col_int(q, 9);
	c->taken_over       = db_col_int(q, 10) != 0;
	str_copy(c->original_employer, sizeof c->original_employer, db_col_text(q, 11));
	if ((c->has_original_service = !db_col_null(q, 12)))
		c->original_service_start = (day_t)db_col_int(q, 12);
	if ((c->has_original_commitment = !db_col_null(q, 13)))
		c->original_commitment_start = (day_t)db_col_int(q, 13);
	c->psv_relevant = db_col_int(q, 14) != 0;
	c->created_at   = db_col_int(q, 15);
	c->updated_at   = db_col_int(q, 16);
}

enum app_rc commitment_get(struct db *db, int64_t employer_id, int64_t id, struct commitment *out)
{
	struct db_q *q = db_q(db, STMT_COMMITMENT_BY_ID);
	db_bind_int(q, 1, employer_id);
	db_bind_int(q, 2, id);
	enum db_rc rc = db_step(q);
	if (rc == DB_ROW)
		cm_read(q, out);
	db_q_done(q);
	return rc == DB_ROW ? APP_OK : rc == DB_DONE ? APP_NOT_FOUND : APP_ERROR;
}

enum app_rc commitments_of(struct db *db, int64_t employer_id, int64_t employee_id,
                           void (*fn)(const struct commitment *, void *), void *ctx)
{
	struct db_q *q = db_q(db, employee_id ? STMT_COMMITMENTS_OF : STMT_COMMITMENTS_OF_EMPLOYER);
	db_bind_int(q, 1, employer_id);
	if (employee_id)
		db_bind_int(q, 2, employee_id);
	enum db_rc        rc;
	struct commitment c;
	while ((rc = db_step(q)) == DB_ROW) {
		cm_read(q, &c);
		fn(&c, ctx);
	}
	db_q_done(q);
	return rc == DB_DONE ? APP_OK : APP_ERROR;
}

void commitment_vesting(const struct commitment *c, const struct employee *e, struct commitment_vesting *out)
{
	memset(out, 0, sizeof *out);
	struct vest_input in = {0};
	in.birth             = e->birth_date;
	in.service_start     = c->taken_over && c->has_original_service ? c->original_service_start : c->service_start;
	in.commitment_start =
		c->taken_over && c->has_original_commitment ? c->original_commitment_start : c->commitment_start;
	int v         = code_index(vehicles, c->vehicle), f = code_index(financings, c->financing);
	in.vehicle    = (enum vest_vehicle)(v < 0 ? 0 : v);
	in.financing  = (enum vest_financing)(f < 0 ? 0 : f);
	in.taken_over = c->taken_over;
	in.has_exit   = e->has_exit;
	in.exit       = e->exit_date;
	in.boundary   = VEST_BOUNDARY_DAY_BEFORE;
	in.reading    = VEST_READING_STATUTE;
	out->has_exit = e->has_exit;
	explain_init(&out->why);
	out->status = vest_compute(&in, &out->r, &out->why);
}

/* PSV duty (§ 10 BetrAVG) by core/psv: the vehicle, this year, and for DV
 * whether a linked insurance contract has a revocable Bezugsrecht. */
static bool psv_relevant(struct db *db, const struct commitment *c, day_t today, bool *ok)
{
	int64_t revocable = 0;
	*ok               = true;
	if (c->id) {
		struct db_q *q = db_q(db, STMT_INSURANCE_REVOCABLE_OF);
		db_bind_int(q, 1, c->employer_id);
		db_bind_int(q, 2, c->id);
		enum db_rc rc = db_step(q);
		revocable     = rc == DB_ROW ? db_col_int(q, 0) : 0;
		*ok           = rc == DB_ROW;
		db_q_done(q);
	}
	int y, m, d;
	date_to_ymd(today, &y, &m, &d);
	int                  v  = code_index(vehicles, c->vehicle);
	struct psv_duty_in   in = {.vehicle = (enum vest_vehicle)(v < 0 ? 0 : v), .year = y, .dv_revocable = revocable > 0};
	enum psv_duty_reason why;
	return psv_duty(&in, &why, NULL);
}

struct app_err commitment_apply(struct db *db, struct commitment *c, const struct employee *e,
                                const struct commitment_input *in, day_t today)
{
	struct app_err r;
	if (in->group_contract_id && !parse_id(in->group_contract_id, &c->group_contract_id))
		FAIL(APP_INVALID, "group_contract_id", "err.contract.id");
	if (in->vehicle && *in->vehicle && !set_code(in->vehicle, vehicles, c->vehicle, sizeof c->vehicle))
		FAIL(APP_INVALID, "vehicle", "err.contract.vehicle");
	if (in->type && *in->type && !set_code(in->type, types, c->type, sizeof c->type))
		FAIL(APP_INVALID, "type", "err.contract.type");
	if (in->financing && *in->financing && !set_code(in->financing, financings, c->financing, sizeof c->financing))
		FAIL(APP_INVALID, "financing", "err.contract.financing");
	bool    share_given = in->employer_share && *in->employer_share;
	int64_t share       = 0;
	if (share_given && !employee_parse_euros(in->employer_share, &share))
		FAIL(APP_INVALID, "employer_share", "err.contract.employer_share");
	bool has_service = c->id != 0, has_commit = c->id != 0;
	if (in->service_start && *in->service_start)
		has_service = true;
	if (in->commitment_start && *in->commitment_start)
		has_commit = true;
	if ((r = field_date(in->service_start, "service_start", NULL, &c->service_start)).rc)
		return r;
	if ((r = field_date(in->commitment_start, "commitment_start", NULL, &c->commitment_start)).rc)
		return r;
	if (in->taken_over && !parse_bool(in->taken_over, &c->taken_over))
		FAIL(APP_INVALID, "taken_over", "err.contract.taken_over");
	if (in->original_employer) {
		if (!field_text_ok(in->original_employer, 0, 200))
			FAIL(APP_INVALID, "original_employer", "err.contract.original_employer");
		str_copy(c->original_employer, sizeof c->original_employer, in->original_employer);
	}
	if ((r = field_date(in->original_service_start, "original_service_start", &c->has_original_service,
	                  &c->original_service_start)).rc)
		return r;
	if ((r = field_date(in->original_commitment_start, "original_commitment_start", &c->has_original_commitment,
	                  &c->original_commitment_start)).rc)
		return r;

	/* A group contract: this employer's, and its vehicle is the commitment's. */
	if (c->group_contract_id) {
		struct group_contract g;
		enum app_rc           rc = group_contract_get(db, c->employer_id, c->group_contract_id, &g);
		if (rc == APP_ERROR)
			FAIL(APP_ERROR, NULL, "err.internal");
		if (rc != APP_OK)
			FAIL(APP_RULE, "group_contract_id", "err.contract.group_contract_unknown");
		if (!c->vehicle[0])
			str_copy(c->vehicle, sizeof c->vehicle, g.vehicle);
		if (strcmp(g.vehicle, c->vehicle))
			FAIL(APP_RULE, "vehicle", "err.contract.vehicle_mismatch");
	}
	if (!c->vehicle[0])
		FAIL(APP_INVALID, "vehicle", "err.required");
	if (!c->type[0])
		FAIL(APP_INVALID, "type", "err.required");
	if (!c->financing[0])
		FAIL(APP_INVALID, "financing", "err.required");
	if (!has_service)
		FAIL(APP_INVALID, "service_start", "err.required");
	if (!has_commit)
		FAIL(APP_INVALID, "commitment_start", "err.required");
	/* DOMAIN 2.5: a Beitragszusage mit Mindestleistung only via PF, DV or PK. */
	if (!strcmp(c->type, "BZML") && (!strcmp(c->vehicle, "DZ") || !strcmp(c->vehicle, "UK")))
		FAIL(APP_RULE, "type", "err.contract.bzml_vehicle");
	if (!strcmp(c->financing, "mixed")) {
		if (share_given)
			c->employer_share_bp = (int)share, c->has_share = true;
		if (!c->has_share)
			FAIL(APP_INVALID, "employer_share", "err.required");
		if (c->employer_share_bp < 1 || c->employer_share_bp > 9999)
			FAIL(APP_RULE, "employer_share", "err.contract.employer_share");
	} else {
		if (share_given)
			FAIL(APP_RULE, "employer_share", "err.contract.share_only_mixed");
		c->has_share = false, c->employer_share_bp = 0;
	}
	/* DOMAIN 1.6: the commitment not before the service, unless taken over
	 * (then the original dates count and are required). */
	if (!c->taken_over) {
		if (c->has_original_service || c->has_original_commitment || c->original_employer[0])
			FAIL(APP_RULE,
			     c->has_original_service ? "original_service_start"
			     : c->has_original_commitment ? "original_commitment_start" : "original_employer",
			     "err.contract.original_without_taken_over");
		if (c->commitment_start < c->service_start)
			FAIL(APP_RULE, "commitment_start", "err.contract.commitment_before_service");
	} else {
		if (!c->has_original_service)
			FAIL(APP_RULE, "original_service_start", "err.contract.original_required");
		if (!c->has_original_commitment)
			FAIL(APP_RULE, "original_commitment_start", "err.contract.original_required");
		if (c->original_commitment_start < c->original_service_start)
			FAIL(APP_RULE, "original_commitment_start", "err.contract.commitment_before_service");
		if (c->original_service_start > c->service_start)
			FAIL(APP_RULE, "original_service_start", "err.contract.original_after_takeover");
	}
	/* The dates against the person, by the law engine. */
	struct commitment_vesting v;
	commitment_vesting(c, e, &v);
	switch (v.status) {
	case VEST_OK: break;
	case VEST_ERR_SERVICE_BEFORE_BIRTH:
		FAIL(APP_RULE, c->taken_over ? "original_service_start" : "service_start", "err.contract.before_birth");
	case VEST_ERR_COMMITMENT_BEFORE_BIRTH:
		FAIL(APP_RULE, c->taken_over ? "original_commitment_start" : "commitment_start", "err.contract.before_birth");
	case VEST_ERR_EXIT_BEFORE_SERVICE:
	case VEST_ERR_EXIT_BEFORE_COMMITMENT:
		FAIL(APP_RULE, "commitment_start", "err.contract.after_exit");
	case VEST_ERR_EXIT_BEFORE_1974:
		FAIL(APP_RULE, "service_start", "err.contract.before_1974");
	}
	bool ok;
	c->psv_relevant = psv_relevant(db, c, today, &ok);
	if (!ok)
		FAIL(APP_ERROR, NULL, "err.internal");
	return OK;
}

struct app_err commitment_save(struct db *db, struct commitment *c, const struct commitment *before,
                               const char *action, int64_t now, int64_t user_id)
{
	struct db_q *q = db_q(db, before ? STMT_COMMITMENT_UPDATE : STMT_COMMITMENT_INSERT);
	db_bind_int(q, 1, c->employer_id);
	db_bind_int(q, 2, before ? c->id : c->employee_id);
	if (c->group_contract_id)
		db_bind_int(q, 3, c->group_contract_id);
	else
		db_bind_null(q, 3);
	db_bind_str(q, 4, c->vehicle);
	db_bind_str(q, 5, c->type);
	db_bind_str(q, 6, c->financing);
	if (c->has_share)
		db_bind_int(q, 7, c->employer_share_bp);
	else
		db_bind_null(q, 7);
	db_bind_int(q, 8, c->service_start);
	db_bind_int(q, 9, c->commitment_start);
	db_bind_int(q, 10, c->taken_over);
	db_bind_str(q, 11, c->original_employer[0] ? c->original_employer : NULL);
	if (c->has_original_service)
		db_bind_int(q, 12, c->original_service_start);
	else
		db_bind_null(q, 12);
	if (c->has_original_commitment)
		db_bind_int(q, 13, c->original_commitment_start);
	else
		db_bind_null(q, 13);
	db_bind_int(q, 14, c->psv_relevant);
	db_bind_int(q, 15, now);
	if (db_exec(q) != DB_DONE)
		FAIL(APP_ERROR, NULL, "err.internal");
	if (!before) {
		c->id         = db_last_id(db);
		c->created_at = now;
	}
	c->updated_at = now;
	if (!record_history(db, c->employer_id, "commitment", c->id, cm_fields, 12, cm_text, before, c, action, user_id,
	                    now))
		FAIL(APP_ERROR, NULL, "err.internal");
	return OK;
}

int commitment_diff(const struct commitment *before, const struct commitment *after,
                    void (*fn)(const char *field, const char *old_value, const char *new_value, void *ctx), void *ctx)
{
	return fields_diff(cm_fields, 12, cm_text, before, after, fn, ctx);
}

/* The employee a new record belongs to: 404 naming employee_id when the
 * employer has no such employee. */
static struct app_err employee_of(struct db *db, int64_t employer_id, int64_t employee_id, struct employee *e)
{
	enum app_rc found = employee_get(db, employer_id, employee_id, e);
	if (found != APP_OK)
		FAIL(found, found == APP_NOT_FOUND ? "employee_id" : NULL,
		     found == APP_NOT_FOUND ? "err.not_found" : "err.internal");
	return OK;
}

struct app_err commitment_create(struct db *db, int64_t employer_id, int64_t employee_id,
                                 const struct commitment_input *in, int64_t now, int64_t user_id, int64_t *id)
{
	struct employee e;
	struct app_err  r = employee_of(db, employer_id, employee_id, &e);
	if (r.rc)
		return r;
	struct commitment c = {.employer_id = employer_id, .employee_id = employee_id};
	r                   = commitment_apply(db, &c, &e, in, field_today(now));
	if (r.rc)
		return r;
	if ((r = commitment_save(db, &c, NULL, NULL, now, user_id)).rc == APP_OK && id)
		*id = c.id;
	return r;
}

struct app_err commitment_update(struct db *db, int64_t employer_id, int64_t id, const struct commitment_input *in,
                                 int64_t now, int64_t user_id)
{
	struct commitment before, c;
	enum app_rc       found = commitment_get(db, employer_id, id, &before);
	if (found != APP_OK)
		FAIL(found, NULL, found == APP_NOT_FOUND ? "err.not_found" : "err.internal");
	struct employee e;
	if (employee_get(db, employer_id, before.employee_id, &e) != APP_OK)
		FAIL(APP_ERROR, NULL, "err.internal");
	c                = before;
	struct app_err r = commitment_apply(db, &c, &e, in, field_today(now));
	return r.rc ? r : commitment_save(db, &c, &before, NULL, now, user_id);
}

/* The PSV relevance after a linked insurance contract changed. */
static bool commitment_psv_refresh(struct db *db, int64_t employer_id, int64_t id, const char *action, int64_t now,
                                   int64_t user_id)
{
	struct commitment before, c;
	if (!id)
		return true;
	if (commitment_get(db, employer_id, id, &before) != APP_OK)
		return false;
	c = before;
	bool ok;
	c.psv_relevant = psv_relevant(db, &c, field_today(now), &ok);
	if (!ok)
		return false;
	if (c.psv_relevant == before.psv_relevant)
		return true;
	struct db_q *q = db_q(db, STMT_COMMITMENT_SET_PSV);
	db_bind_int(q, 1, employer_id);
	db_bind_int(q, 2, id);
	db_bind_int(q, 3, c.psv_relevant);
	return db_exec(q) == DB_DONE &&
	       record_history(db, employer_id, "commitment", id, cm_fields, 12, cm_text, &before, &c, action, user_id,
	                      now);
}

/* ---- insurance contracts ------------------------------------------------------------------ */

static const char *const ic_fields[] = {"commitment_id", "group_contract_id", "policy_number", "tariff",
                                        "start_date", "contribution", "payment_mode", "riders",
                                        "beneficiary", "status", "status_since"};

static void ic_text(const void *rec, int f, char *out, size_t outsz)
{
	const struct insurance_contract *ic = rec;
	out[0]                              = '\0';
	switch (f) {
	case 0: if (ic->commitment_id) snprintf(out, outsz, "%lld", (long long)ic->commitment_id); break;
	case 1: if (ic->group_contract_id) snprintf(out, outsz, "%lld", (long long)ic->group_contract_id); break;
	case 2: str_copy(out, outsz, ic->policy_number); break;
	case 3: str_copy(out, outsz, ic->tariff); break;
	case 4: iso(ic->start_date, out, outsz); break;
	case 5: hundredths(ic->contribution_cents, out, outsz); break;
	case 6: str_copy(out, outsz, ic->payment_mode); break;
	case 7: str_copy(out, outsz, ic->riders); break;
	case 8: str_copy(out, outsz, ic->beneficiary); break;
	case 9: str_copy(out, outsz, ic->status); break;
	case 10: iso(ic->status_since, out, outsz); break;
	}
}

static void ic_read(struct db_q *q, struct insurance_contract *ic)
{
	memset(ic, 0, sizeof *ic);
	ic->id                = db_col_int(q, 0);
	ic->employer_id       = db_col_int(q, 1);
	ic->employee_id       = db_col_int(q, 2);
	ic->commitment_id     = db_col_null(q, 3) ? 0 : db_col_int(q, 3);
	ic->group_contract_id = db_col_null(q, 4) ? 0 : db_col_int(q, 4);
	str_copy(ic->policy_number, sizeof ic->policy_number, db_col_text(q, 5));
	str_copy(ic->tariff, sizeof ic->tariff, db_col_text(q, 6));
	ic->start_date         = (day_t)db_col_int(q, 7);
	ic->contribution_cents = db_col_int(q, 8);
	str_copy(ic->payment_mode, sizeof ic->payment_mode, db_col_text(q, 9));
	str_copy(ic->riders, sizeof ic->riders, db_col_text(q, 10));
	str_copy(ic->beneficiary, sizeof ic->beneficiary, db_col_text(q, 11));
	str_copy(ic->status, sizeof ic->status, db_col_text(q, 12));
	ic->status_since = (day_t)db_col_int(q, 13);
	str_copy(ic->provider_name, sizeof ic->provider_name, db_col_text(q, 14));
}

enum app_rc insurance_get(struct db *db, int64_t employer_id, int64_t id, struct insurance_contract *out)
{
	struct db_q *q = db_q(db, STMT_INSURANCE_BY_ID);
	db_bind_int(q, 1, employer_id);
	db_bind_int(q, 2, id);
	enum db_rc rc = db_step(q);
	if (rc == DB_ROW)
		ic_read(q, out);
	db_q_done(q);
	return rc == DB_ROW ? APP_OK : rc == DB_DONE ? APP_NOT_FOUND : APP_ERROR;
}

enum app_rc insurance_by_policy(struct db *db, int64_t employer_id, const char *policy_number,
                                struct insurance_contract *out)
{
	struct db_q *q = db_q(db, STMT_INSURANCE_BY_POLICY);
	db_bind_int(q, 1, employer_id);
	db_bind_str(q, 2, policy_number);
	enum db_rc rc = db_step(q);
	if (rc == DB_ROW)
		ic_read(q, out);
	db_q_done(q);
	return rc == DB_ROW ? APP_OK : rc == DB_DONE ? APP_NOT_FOUND : APP_ERROR;
}

enum app_rc insurance_policies(struct db *db, int64_t employer_id, struct strmap *out)
{
	return db_key_ids(db, STMT_INSURANCE_POLICIES, employer_id, out) == DB_DONE ? APP_OK : APP_ERROR;
}

enum app_rc insurance_of(struct db *db, int64_t employer_id, int64_t employee_id,
                         void (*fn)(const struct insurance_contract *, void *), void *ctx)
{
	struct db_q *q = db_q(db, employee_id ? STMT_INSURANCE_OF_EMPLOYEE : STMT_INSURANCE_OF_EMPLOYER);
	db_bind_int(q, 1, employer_id);
	if (employee_id)
		db_bind_int(q, 2, employee_id);
	enum db_rc                rc;
	struct insurance_contract ic;
	while ((rc = db_step(q)) == DB_ROW) {
		ic_read(q, &ic);
		fn(&ic, ctx);
	}
	db_q_done(q);
	return rc == DB_DONE ? APP_OK : APP_ERROR;
}

/* "disability, survivors" → "disability,survivors"; known riders only, each once. */
static bool riders_parse(const char *in, char *out, size_t outsz)
{
	bool seen[8] = {false};
	char word[32];
	for (const char *p = in; *p;) {
		size_t n = strcspn(p, ", ");
		if (n) {
			if (n >= sizeof word)
				return false;
			memcpy(word, p, n);
			word[n] = '\0';
			int k   = code_index(riders_known, word);
			if (k < 0)
				return false;
			seen[k] = true;
		}
		p += n;
		while (*p == ',' || *p == ' ')
			p++;
	}
	size_t o = 0;
	out[0]   = '\0';
	for (int k = 0; riders_known[k]; k++)
		if (seen[k])
			o += (size_t)snprintf(out + o, outsz - o, "%s%s", o ? "," : "", riders_known[k]);
	return true;
}

/* Payments a year of a payment mode (modes[] order), 0 if unknown. */
static int64_t payments_per_year(const char *mode)
{
	static const int64_t n[] = {12, 4, 2, 1};
	int                  k   = code_index(modes, mode);
	return k < 0 ? 0 : n[k];
}

/* The yearly Entgeltumwandlung of a contract under commitment c: the
 * contribution × payments a year; for mixed financing only the employee
 * share (10000 − employer_share_bp basis points, half-up to the cent);
 * 0 for an employer-financed commitment. */
int64_t insurance_conversion_per_year(const struct insurance_contract *ic, const struct commitment *c)
{
	int64_t year = ic->contribution_cents * payments_per_year(ic->payment_mode);
	if (!strcmp(c->financing, "employee"))
		return year;
	if (!strcmp(c->financing, "mixed"))
		return limits_pct_bp(year, 10000 - (int64_t)c->employer_share_bp);
	return 0;
}

/* Issue 4: the conversion within the § 1a BetrAVG limits of the contract's
 * start year (core/limits).  Before 2002 § 1a did not exist: no limit to
 * check.  A later year the law tables do not hold (after 2026) is refused,
 * never guessed. */
static struct app_err conversion_check(const struct insurance_contract *ic, const struct commitment *c)
{
	if (strcmp(c->financing, "employee") && strcmp(c->financing, "mixed"))
		return OK;
	int           y, m, d;
	struct limits l;
	date_to_ymd(ic->start_date, &y, &m, &d);
	if (y < 2002) /* § 1a BetrAVG in force from 01.01.2002 (AVmG) */
		return OK;
	if (limits_compute(y, &l, NULL) != LIMITS_OK)
		FAIL(APP_RULE, "contribution", "err.contract.conversion_year");
	int64_t conv = insurance_conversion_per_year(ic, c);
	if (conv > l.conversion_max)
		FAIL(APP_RULE, "contribution", "err.contract.conversion_max");
	if (conv > 0 && conv < l.conversion_min)
		FAIL(APP_RULE, "contribution", "err.contract.conversion_min");
	return OK;
}

/* The rules of a contract; under `given` (see insurance_apply_under) or,
 * when NULL, under the stored commitment its commitment_id names. */
static struct app_err insurance_check(struct db *db, struct insurance_contract *ic, const struct employee *e,
                                      const struct insurance_input *in, day_t today, const struct commitment *given)
{
	struct app_err r;
	bool           create = ic->id == 0;
	char           old_status[20];
	str_copy(old_status, sizeof old_status, ic->status);
	if (given)
		ic->commitment_id = given->id;
	else if (in->commitment_id && !parse_id(in->commitment_id, &ic->commitment_id))
		FAIL(APP_INVALID, "commitment_id", "err.contract.id");
	if (in->group_contract_id && !parse_id(in->group_contract_id, &ic->group_contract_id))
		FAIL(APP_INVALID, "group_contract_id", "err.contract.id");
	if (in->policy_number) {
		if (*in->policy_number && !field_text_ok(in->policy_number, 1, 40))
			FAIL(APP_INVALID, "policy_number", "err.contract.policy_number");
		str_copy(ic->policy_number, sizeof ic->policy_number, in->policy_number);
	}
	if (in->tariff) {
		if (!field_text_ok(in->tariff, 0, 100))
			FAIL(APP_INVALID, "tariff", "err.contract.tariff");
		str_copy(ic->tariff, sizeof ic->tariff, in->tariff);
	}
	bool has_start = !create || (in->start_date && *in->start_date);
	if ((r = field_date(in->start_date, "start_date", NULL, &ic->start_date)).rc)
		return r;
	bool has_contribution = !create;
	if (in->contribution && *in->contribution) {
		if (!employee_parse_euros(in->contribution, &ic->contribution_cents) ||
		    ic->contribution_cents > MONEY_MAX_CENTS)
			FAIL(APP_INVALID, "contribution", "err.money");
		has_contribution = true;
	} else if (in->contribution)
		has_contribution = false;
	if (in->payment_mode && *in->payment_mode &&
	    !set_code(in->payment_mode, modes, ic->payment_mode, sizeof ic->payment_mode))
		FAIL(APP_INVALID, "payment_mode", "err.contract.payment_mode");
	if (in->riders && !riders_parse(in->riders, ic->riders, sizeof ic->riders))
		FAIL(APP_INVALID, "riders", "err.contract.riders");
	if (in->beneficiary && *in->beneficiary &&
	    !set_code(in->beneficiary, beneficiaries, ic->beneficiary, sizeof ic->beneficiary))
		FAIL(APP_INVALID, "beneficiary", "err.contract.beneficiary");
	if (in->status && *in->status && !set_code(in->status, statuses, ic->status, sizeof ic->status))
		FAIL(APP_INVALID, "status", "err.contract.status");
	bool  since_given = in->status_since && *in->status_since;
	day_t since       = today;
	if ((r = field_date(since_given ? in->status_since : NULL, "status_since", NULL, &since)).rc)
		return r;

	/* defaults of a new contract */
	if (!ic->payment_mode[0])
		str_copy(ic->payment_mode, sizeof ic->payment_mode, "monthly");
	if (!ic->beneficiary[0])
		str_copy(ic->beneficiary, sizeof ic->beneficiary, "employee_irrevocable");
	if (!ic->status[0])
		str_copy(ic->status, sizeof ic->status, "active");

	if (!ic->policy_number[0])
		FAIL(APP_INVALID, "policy_number", "err.required");
	if (!has_start)
		FAIL(APP_INVALID, "start_date", "err.required");
	if (!has_contribution)
		FAIL(APP_INVALID, "contribution", "err.required");
	if (e->has_entry && ic->start_date < e->entry_date)
		FAIL(APP_RULE, "start_date", "err.contract.start_before_entry");
	struct commitment        stored = {0};
	const struct commitment *c      = given;
	if (!c && ic->commitment_id) {
		enum app_rc rc = commitment_get(db, ic->employer_id, ic->commitment_id, &stored);
		if (rc == APP_ERROR)
			FAIL(APP_ERROR, NULL, "err.internal");
		if (rc != APP_OK)
			FAIL(APP_RULE, "commitment_id", "err.contract.commitment_unknown");
		c = &stored;
	}
	if (c) {
		if (c->employee_id != ic->employee_id)
			FAIL(APP_RULE, "commitment_id", "err.contract.commitment_other_employee");
		if (create && !in->group_contract_id && c->group_contract_id)
			ic->group_contract_id = c->group_contract_id;
	}
	ic->provider_name[0] = '\0';
	if (ic->group_contract_id) {
		struct group_contract g;
		enum app_rc           rc = group_contract_get(db, ic->employer_id, ic->group_contract_id, &g);
		if (rc == APP_ERROR)
			FAIL(APP_ERROR, NULL, "err.internal");
		if (rc != APP_OK)
			FAIL(APP_RULE, "group_contract_id", "err.contract.group_contract_unknown");
		if (ic->contribution_cents < g.contribution_min_cents || ic->contribution_cents > g.contribution_max_cents)
			FAIL(APP_RULE, "contribution", "err.contract.contribution_outside");
		str_copy(ic->provider_name, sizeof ic->provider_name, g.provider_name);
	}
	if (c && (r = conversion_check(ic, c)).rc)
		return r;
	/* status_since: set on creation and on every change of status */
	if (create || strcmp(old_status, ic->status))
		ic->status_since = since;
	else if (since_given)
		ic->status_since = since;
	if (ic->status_since < ic->start_date)
		FAIL(APP_RULE, "status_since", "err.contract.status_before_start");
	return OK;
}

struct app_err insurance_apply(struct db *db, struct insurance_contract *ic, const struct employee *e,
                               const struct insurance_input *in, day_t today)
{
	return insurance_check(db, ic, e, in, today, NULL);
}

struct app_err insurance_apply_under(struct db *db, struct insurance_contract *ic, const struct employee *e,
                                     const struct insurance_input *in, day_t today, const struct commitment *c)
{
	return insurance_check(db, ic, e, in, today, c);
}

int insurance_diff(const struct insurance_contract *before, const struct insurance_contract *after,
                   void (*fn)(const char *field, const char *old_value, const char *new_value, void *ctx), void *ctx)
{
	return fields_diff(ic_fields, 11, ic_text, before, after, fn, ctx);
}

struct app_err insurance_save(struct db *db, struct insurance_contract *ic, const struct insurance_contract *before,
                              const char *action, int64_t now, int64_t user_id)
{
	struct db_q *q = db_q(db, before ? STMT_INSURANCE_UPDATE : STMT_INSURANCE_INSERT);
	int          i = 1;
	db_bind_int(q, i++, ic->employer_id);
	db_bind_int(q, i++, before ? ic->id : ic->employee_id);
	if (ic->commitment_id)
		db_bind_int(q, i++, ic->commitment_id);
	else
		db_bind_null(q, i++);
	if (ic->group_contract_id)
		db_bind_int(q, i++, ic->group_contract_id);
	else
		db_bind_null(q, i++);
	db_bind_str(q, i++, ic->policy_number);
	db_bind_str(q, i++, ic->tariff);
	db_bind_int(q, i++, ic->start_date);
	db_bind_int(q, i++, ic->contribution_cents);
	db_bind_str(q, i++, ic->payment_mode);
	db_bind_str(q, i++, ic->riders);
	db_bind_str(q, i++, ic->beneficiary);
	db_bind_str(q, i++, ic->status);
	db_bind_int(q, i++, ic->status_since);
	db_bind_int(q, i, now);
	enum db_rc rc = db_exec(q);
	if (rc == DB_CONSTRAINT)
		FAIL(APP_CONFLICT, "policy_number", "err.contract.policy_duplicate");
	if (rc != DB_DONE)
		FAIL(APP_ERROR, NULL, "err.internal");
	if (!before)
		ic->id = db_last_id(db);
	if (!record_history(db, ic->employer_id, "insurance_contract", ic->id, ic_fields, 11, ic_text, before, ic,
	                    action, user_id, now) ||
	    !commitment_psv_refresh(db, ic->employer_id, ic->commitment_id, action, now, user_id) ||
	    (before && before->commitment_id != ic->commitment_id &&
	     !commitment_psv_refresh(db, ic->employer_id, before->commitment_id, action, now, user_id)))
		FAIL(APP_ERROR, NULL, "err.internal");
	return OK;
}

struct app_err insurance_create(struct db *db, int64_t employer_id, int64_t employee_id,
                                const struct insurance_input *in, int64_t now, int64_t user_id, int64_t *id)
{
	struct employee e;
	struct app_err  r = employee_of(db, employer_id, employee_id, &e);
	if (r.rc)
		return r;
	struct insurance_contract ic = {.employer_id = employer_id, .employee_id = employee_id};
	r                            = insurance_apply(db, &ic, &e, in, field_today(now));
	if (r.rc)
		return r;
	if ((r = insurance_save(db, &ic, NULL, NULL, now, user_id)).rc == APP_OK && id)
		*id = ic.id;
	return r;
}

struct app_err insurance_update(struct db *db, int64_t employer_id, int64_t id, const struct insurance_input *in,
                                int64_t now, int64_t user_id)
{
	struct insurance_contract before, ic;
	enum app_rc               found = insurance_get(db, employer_id, id, &before);
	if (found != APP_OK)
		FAIL(found, NULL, found == APP_NOT_FOUND ? "err.not_found" : "err.internal");
	struct employee e;
	if (employee_get(db, employer_id, before.employee_id, &e) != APP_OK)
		FAIL(APP_ERROR, NULL, "err.internal");
	ic               = before;
	struct app_err r = insurance_apply(db, &ic, &e, in, field_today(now));
	return r.rc ? r : insurance_save(db, &ic, &before, NULL, now, user_id);
}

/* ---- the employer-wide lists ------------------------------------------------------------ */

static const char *or_empty(const char *s) { return s ? s : ""; }

/* limit ≤ 0: every row (both databases take the largest integer as "no limit"). */
static int64_t list_limit(int64_t limit) { return limit > 0 ? limit : INT64_MAX; }

/* Parameters 1–7 of the insurance list and of its count. */
static void bind_insurance_filter(struct db_q *q, int64_t employer_id, const struct insurance_filter *f,
                                  const char *pat)
{
	db_bind_int(q, 1, employer_id);
	db_bind_int(q, 2, f->employee_id);
	db_bind_str(q, 3, pat);
	db_bind_str(q, 4, or_empty(f->status));
	db_bind_int(q, 5, f->group_contract_id);
	db_bind_int(q, 6, f->provider_id);
	db_bind_str(q, 7, or_empty(f->vehicle));
}

enum app_rc insurance_list(struct db *db, int64_t employer_id, const struct insurance_filter *f, int64_t limit,
                           int64_t offset, int64_t *total, void (*fn)(const struct insurance_row *, void *),
                           void *ctx)
{
	char pat[600];
	employees_like_pattern(pat, sizeof pat, f->q);
	struct db_q *q;
	if (total) {
		/* unfiltered: index-only (insurance_contracts_employee); filtered: the matches */
		bool filtered = pat[0] || (f->status && *f->status) || (f->vehicle && *f->vehicle) || f->employee_id ||
		                f->provider_id || f->group_contract_id;
		q = db_q(db, filtered ? STMT_INSURANCE_LIST_COUNT : STMT_INSURANCE_TOTAL);
		if (filtered)
			bind_insurance_filter(q, employer_id, f, pat);
		else
			db_bind_int(q, 1, employer_id);
		if (db_one_int(q, total) != DB_ROW)
			return APP_ERROR;
	}
	q = db_q(db, STMT_INSURANCE_LIST);
	bind_insurance_filter(q, employer_id, f, pat);
	db_bind_int(q, 8, list_limit(limit));
	db_bind_int(q, 9, offset);
	enum db_rc           rc;
	struct insurance_row row;
	while ((rc = db_step(q)) == DB_ROW) {
		ic_read(q, &row.ic);
		str_copy(row.personnel_number, sizeof row.personnel_number, db_col_text(q, 15));
		str_copy(row.last_name, sizeof row.last_name, db_col_text(q, 16));
		str_copy(row.first_name, sizeof row.first_name, db_col_text(q, 17));
		str_copy(row.group_number, sizeof row.group_number, db_col_text(q, 18));
		str_copy(row.vehicle, sizeof row.vehicle, db_col_text(q, 19));
		fn(&row, ctx);
	}
	db_q_done(q);
	return rc == DB_DONE ? APP_OK : APP_ERROR;
}

/* Parameters 1–6 of the commitment list and of its count. */
static void bind_commitment_filter(struct db_q *q, int64_t employer_id, const struct commitment_filter *f,
                                   const char *pat)
{
	db_bind_int(q, 1, employer_id);
	db_bind_int(q, 2, f->employee_id);
	db_bind_str(q, 3, pat);
	db_bind_str(q, 4, or_empty(f->vehicle));
	db_bind_str(q, 5, or_empty(f->type));
	db_bind_str(q, 6, or_empty(f->financing));
}

enum app_rc commitment_list(struct db *db, int64_t employer_id, const struct commitment_filter *f, int64_t limit,
                            int64_t offset, int64_t *total, void (*fn)(const struct commitment_row *, void *),
                            void *ctx)
{
	char pat[600];
	employees_like_pattern(pat, sizeof pat, f->q);
	struct db_q *q;
	if (total) {
		bool filtered = pat[0] || (f->vehicle && *f->vehicle) || (f->type && *f->type) ||
		                (f->financing && *f->financing) || f->employee_id;
		q = db_q(db, filtered ? STMT_COMMITMENT_LIST_COUNT : STMT_COMMITMENT_TOTAL);
		if (filtered)
			bind_commitment_filter(q, employer_id, f, pat);
		else
			db_bind_int(q, 1, employer_id);
		if (db_one_int(q, total) != DB_ROW)
			return APP_ERROR;
	}
	q = db_q(db, STMT_COMMITMENT_LIST);
	bind_commitment_filter(q, employer_id, f, pat);
	db_bind_int(q, 7, list_limit(limit));
	db_bind_int(q, 8, offset);
	enum db_rc            rc;
	struct commitment_row row;
	memset(&row.e, 0, sizeof row.e); /* the person's columns not listed stay empty */
	while ((rc = db_step(q)) == DB_ROW) {
		cm_read(q, &row.c);
		row.e.id          = row.c.employee_id;
		row.e.employer_id = row.c.employer_id;
		str_copy(row.e.personnel_number, sizeof row.e.personnel_number, db_col_text(q, 17));
		str_copy(row.e.last_name, sizeof row.e.last_name, db_col_text(q, 18));
		str_copy(row.e.first_name, sizeof row.e.first_name, db_col_text(q, 19));
		row.e.birth_date = (day_t)db_col_int(q, 20);
		if ((row.e.has_exit = !db_col_null(q, 21)))
			row.e.exit_date = (day_t)db_col_int(q, 21);
		str_copy(row.group_number, sizeof row.group_number, db_col_text(q, 22));
		str_copy(row.provider_name, sizeof row.provider_name, db_col_text(q, 23));
		fn(&row, ctx);
	}
	db_q_done(q);
	return rc == DB_DONE ? APP_OK : APP_ERROR;
}
