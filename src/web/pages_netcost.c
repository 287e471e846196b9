/*
 * pages_netcost.c — the net cost of a salary conversion as a page, for one
 * employee: in the employee portal (GET /employee/net-cost, the own record)
 * and in the employer portal (GET /employer/{eid}/employees/{id}/net-cost,
 * action employee.net_cost; an employee reaches only the own record there).
 *
 * The form starts from the employee's stored data (salary in force, tax
 * class, child allowances, church tax, Land, health insurance and its
 * additional rate; the conversion of the running contracts, else 100 €; the
 * group contract's subsidy rule).  It is sent with GET, so a result can be
 * bookmarked; every parameter is declared in routes.c.  The values go to the
 * calculator `net-cost` (app/calc_netcost.c) as JSON, exactly as the API and
 * the command line take them, so the page shows the calculator's numbers and
 * its explanation: each sentence under the line it explains (by the key of
 * its note in the trail), all of them at the end.  A refused value re-shows
 * the form with the message at the field (400, or 422 for a year outside the
 * law tables).
 *
 * The chart is SVG drawn here (no script, no style attributes: classes in
 * static/app.css); the tables carry the same numbers for screen readers.
 */
#include "web/web.h"
#include "app/calc.h"
#include "app/calc_netcost.h"
#include "app/contracts.h"
#include "app/employees.h"
#include "app/employers.h"
#include "core/sv.h"
#include "http/i18n.h"
#include "payroll/netcost.h"
#include "web/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DEFAULT_CONVERSION = 10000 }; /* 100 € a month when no contract converts salary */

/* ---- the form ------------------------------------------------------------------ */

enum nf_type { NF_MONEY, NF_DECIMAL, NF_INT, NF_SELECT, NF_CHECK };

/* The form's fields in order: query name, the calculator's field, how it is typed. */
static const struct nc_field {
	const char  *name, *calc;
	enum nf_type type;
	int          group; /* 0 pay and tax, 1 social insurance, 2 conversion and subsidy */
	const char  *hint;  /* catalogue key or NULL */
	int          maxlength;
} nc_fields[] = {
	{"year", "year", NF_SELECT, 0, NULL, 0},
	{"monthly_gross", "monthly_gross_cents", NF_MONEY, 0, "netcost.hint.monthly_gross", 16},
	{"tax_class", "tax_class", NF_SELECT, 0, NULL, 0},
	{"child_allowances", "child_allowances", NF_DECIMAL, 0, "netcost.hint.child_allowances", 4},
	{"federal_state", "federal_state", NF_SELECT, 0, "netcost.hint.federal_state", 0},
	{"church_tax", "church_tax", NF_CHECK, 0, NULL, 0},
	{"health_insurance", "health_insurance", NF_SELECT, 1, NULL, 0},
	{"additional_rate", "additional_rate", NF_DECIMAL, 1, "netcost.hint.additional_rate", 6},
	{"private_premium", "private_premium_cents", NF_MONEY, 1, "netcost.hint.private_premium", 16},
	{"private_care_premium", "private_care_premium_cents", NF_MONEY, 1, "netcost.hint.private_premium", 16},
	{"children", "children", NF_INT, 1, "netcost.hint.children", 2},
	{"childless", "childless", NF_CHECK, 1, "netcost.hint.childless", 0},
	{"conversion", "conversion_cents", NF_MONEY, 2, "netcost.hint.conversion", 16},
	{"subsidy", "subsidy", NF_SELECT, 2, NULL, 0},
	{"subsidy_percent", "subsidy_percent", NF_DECIMAL, 2, "netcost.hint.subsidy_percent", 6},
	{"subsidy_amount", "subsidy_cents", NF_MONEY, 2, "netcost.hint.subsidy_amount", 16},
};
enum { NF_COUNT = sizeof nc_fields / sizeof *nc_fields };
static const char *const group_keys[] = {"netcost.group.tax", "netcost.group.sv", "netcost.group.conversion"};

static int field_index(const char *name)
{
	for (int i = 0; name && i < NF_COUNT; i++)
		if (!strcmp(nc_fields[i].name, name))
			return i;
	return -1;
}

/* The calculator's field name → the form's. */
static int field_of_calc(const char *calc_field)
{
	if (calc_field && !strcmp(calc_field, "additional_rate_bp"))
		return field_index("additional_rate");
	for (int i = 0; calc_field && i < NF_COUNT; i++)
		if (!strcmp(nc_fields[i].calc, calc_field))
			return i;
	return -1;
}

/* The form's state: one text per field ("on" / NULL for the check boxes). */
struct nc_form {
	const char *v[NF_COUNT];
	int         err_field; /* -1: none */
	const char *err_text;
	const char *from_contract; /* policy number of the contract the conversion came from */
	json_t     *missing;       /* label keys of fields the record does not hold (defaults used) */
};

static const char *V(const struct nc_form *f, const char *name) { return f->v[field_index(name)]; }
static void        set(struct nc_form *f, const char *name, const char *v) { f->v[field_index(name)] = v; }

/* Amounts and decimals as typed into the form: no grouping, the reader's decimal mark. */
static const char *money_input(struct req *r, int64_t cents)
{
	return arena_printf(&r->a, "%lld%c%02lld", (long long)(cents / 100), r->lang == LANG_DE ? ',' : '.',
	                    (long long)(cents % 100));
}

/* hundredths (basis points of a percent, 290 = 2,90) → "2,90"; whole numbers without decimals */
static const char *hundredths_input(struct req *r, int64_t h, bool keep_two)
{
	char sep = r->lang == LANG_DE ? ',' : '.';
	if (!keep_two && h % 100 == 0)
		return arena_printf(&r->a, "%lld", (long long)(h / 100));
	if (!keep_two && h % 10 == 0)
		return arena_printf(&r->a, "%lld%c%lld", (long long)(h / 100), sep, (long long)(h / 10 % 10));
	return arena_printf(&r->a, "%lld%c%02lld", (long long)(h / 100), sep, (long long)(h % 100));
}

static const char *tenths_input(struct req *r, int t)
{
	return t % 10 ? arena_printf(&r->a, "%d%c%d", t / 10, r->lang == LANG_DE ? ',' : '.', t % 10)
	              : arena_printf(&r->a, "%d", t / 10);
}

static const char *money(struct req *r, int64_t cents)
{
	char m[48];
	view_money(cents, r->lang, m, sizeof m);
	return arena_strdup(&r->a, m);
}

/* A difference: "+12,34 €", "-12,34 €", "0,00 €". */
static const char *money_signed(struct req *r, int64_t cents)
{
	const char *m = money(r, cents);
	return cents > 0 ? arena_printf(&r->a, "+%s", m) : m;
}

/* The years the law tables hold (social insurance; the calculator checks the wage-tax program too). */
static int years_in_tables(int *out, int max)
{
	int            n = 0;
	struct sv_year y;
	for (int year = 2000; year <= 2100 && n < max; year++)
		if (sv_year(year, &y))
			out[n++] = year;
	return n;
}

static int default_year(const struct req *r)
{
	int   years[16], n = years_in_tables(years, 16), y, m, d;
	date_to_ymd((day_t)(r->now / 86400), &y, &m, &d);
	if (!n)
		return y;
	for (int i = 0; i < n; i++)
		if (years[i] == y)
			return y;
	return y > years[n - 1] ? years[n - 1] : years[0];
}

/* ---- defaults from the record -------------------------------------------------- */

struct conv_ctx {
	struct req            *r;
	const struct employee *e;
	int64_t                per_year;       /* the running contracts' conversion */
	int64_t                group_contract; /* of the first converting contract */
	const char            *policy;
};

static void add_contract(const struct insurance_contract *ic, void *vctx)
{
	struct conv_ctx  *c = vctx;
	struct commitment cm;
	if (strcmp(ic->status, "active") || !ic->commitment_id ||
	    commitment_get(c->r->db, c->e->employer_id, ic->commitment_id, &cm) != APP_OK)
		return;
	int64_t year = insurance_conversion_per_year(ic, &cm);
	if (year <= 0)
		return;
	c->per_year += year;
	if (!c->policy) {
		c->policy         = arena_strdup(&c->r->a, ic->policy_number);
		c->group_contract = ic->group_contract_id ? ic->group_contract_id : cm.group_contract_id;
	}
}

static void missing(struct req *r, struct nc_form *f, const char *name)
{
	json_array_append_new(f->missing, json_string(arena_printf(&r->a, "netcost.field.%s", name)));
}

static void defaults(struct req *r, const struct employee *e, struct nc_form *f)
{
	int year = default_year(r);
	set(f, "year", arena_printf(&r->a, "%d", year));
	if (e->has_gross)
		set(f, "monthly_gross", money_input(r, e->monthly_gross_cents));
	else
		missing(r, f, "monthly_gross");
	if (e->tax_class >= 1 && e->tax_class <= 6)
		set(f, "tax_class", arena_printf(&r->a, "%d", e->tax_class));
	else {
		set(f, "tax_class", "1");
		missing(r, f, "tax_class");
	}
	int zkf = e->has_child_allowance ? e->child_allowance_tenths : 0;
	set(f, "child_allowances", tenths_input(r, zkf));
	if (!e->has_child_allowance)
		missing(r, f, "child_allowances");
	if (e->federal_state[0])
		set(f, "federal_state", e->federal_state);
	else
		missing(r, f, "federal_state");
	if (e->has_church_tax ? e->church_tax : false)
		set(f, "church_tax", "on");
	if (!e->has_church_tax)
		missing(r, f, "church_tax");
	set(f, "health_insurance", e->health_insurance[0] ? e->health_insurance : "statutory");
	if (!e->health_insurance[0])
		missing(r, f, "health_insurance");
	if (e->has_health_additional && strcmp(e->health_insurance, "private"))
		set(f, "additional_rate", hundredths_input(r, e->health_additional_bp, true));
	/* The care insurance counts children under 25; the record holds the
	 * child allowances only: one child per started allowance, none →
	 * childless from 23 (§ 55 Abs. 3 SGB XI).  The hint asks to check. */
	int by, bm, bd;
	date_to_ymd(e->birth_date, &by, &bm, &bd);
	set(f, "children", arena_printf(&r->a, "%d", (zkf + 9) / 10));
	if (!zkf && year - by - 1 >= 23)
		set(f, "childless", "on");

	struct conv_ctx cc = {r, e, 0, 0, NULL};
	insurance_of(r->db, e->employer_id, e->id, add_contract, &cc);
	int64_t month = (cc.per_year + 6) / 12;
	set(f, "conversion", money_input(r, month > 0 ? month : DEFAULT_CONVERSION));
	f->from_contract = month > 0 ? cc.policy : NULL;
	set(f, "subsidy", "statutory");
	struct group_contract g;
	if (cc.group_contract && group_contract_get(r->db, e->employer_id, cc.group_contract, &g) == APP_OK) {
		if (!strcmp(g.subsidy_rule, "percent")) {
			set(f, "subsidy", "percent");
			set(f, "subsidy_percent", hundredths_input(r, g.subsidy_value, false));
		} else if (!strcmp(g.subsidy_rule, "fixed") || !strcmp(g.subsidy_rule, "none")) {
			set(f, "subsidy", "amount");
			set(f, "subsidy_amount", money_input(r, !strcmp(g.subsidy_rule, "fixed") ? g.subsidy_value : 0));
		}
	}
}

/* ---- the calculator's input ------------------------------------------------------- */

static bool fail_at(struct req *r, struct nc_form *f, const char *name, const char *key)
{
	f->err_field = field_index(name);
	f->err_text  = req_text(r, key);
	return false;
}

static bool has(const char *v) { return v && *v; }

/* The form as the calculator's JSON; false with the field at fault. */
static bool to_json(struct req *r, struct nc_form *f, json_t *in)
{
	static const char *const money_fields[] = {"monthly_gross", "conversion", NULL};
	const char              *v;
	int64_t                  cents;
	if (has(v = V(f, "year")))
		json_object_set_new(in, "year", json_integer(strtoll(v, NULL, 10)));
	if (has(v = V(f, "tax_class")))
		json_object_set_new(in, "tax_class", json_integer(strtoll(v, NULL, 10)));
	for (const char *const *m = money_fields; *m; m++) {
		if (!has(v = V(f, *m)))
			continue;
		if (!employee_parse_euros(v, &cents))
			return fail_at(r, f, *m, arena_printf(&r->a, "netcost.err.%s", *m));
		json_object_set_new(in, nc_fields[field_index(*m)].calc, json_integer(cents));
	}
	if (has(v = V(f, "child_allowances")))
		json_object_set_new(in, "child_allowances", json_string(v));
	if (has(v = V(f, "children"))) {
		char *end;
		long  n = strtol(v, &end, 10);
		if (*end || v[0] < '0' || v[0] > '9' || n > 99)
			return fail_at(r, f, "children", "netcost.err.children");
		json_object_set_new(in, "children", json_integer(n));
	}
	json_object_set_new(in, "childless", json_boolean(has(V(f, "childless"))));
	json_object_set_new(in, "church_tax", json_boolean(has(V(f, "church_tax"))));
	if (has(v = V(f, "federal_state")))
		json_object_set_new(in, "federal_state", json_string(v));
	/* Fields the choices made do not use are left out (a value kept in the
	 * form from an earlier choice is not an error). */
	const char *ins     = V(f, "health_insurance");
	bool        is_private = has(ins) && !strcmp(ins, "private");
	if (has(ins))
		json_object_set_new(in, "health_insurance", json_string(ins));
	if (is_private) {
		static const char *const prem[] = {"private_premium", "private_care_premium", NULL};
		for (const char *const *m = prem; *m; m++) {
			if (!has(v = V(f, *m)))
				continue;
			if (!employee_parse_euros(v, &cents))
				return fail_at(r, f, *m, arena_printf(&r->a, "netcost.err.%s", *m));
			json_object_set_new(in, nc_fields[field_index(*m)].calc, json_integer(cents));
		}
	} else if (has(v = V(f, "additional_rate")))
		json_object_set_new(in, "additional_rate", json_string(v));
	const char *sub = V(f, "subsidy");
	if (has(sub))
		json_object_set_new(in, "subsidy", json_string(sub));
	if (has(sub) && !strcmp(sub, "percent") && has(v = V(f, "subsidy_percent")))
		json_object_set_new(in, "subsidy_percent", json_string(v));
	if (has(sub) && !strcmp(sub, "amount") && has(v = V(f, "subsidy_amount"))) {
		if (!employee_parse_euros(v, &cents))
			return fail_at(r, f, "subsidy_amount", "netcost.err.subsidy_amount");
		json_object_set_new(in, "subsidy_cents", json_integer(cents));
	}
	return true;
}

/* The calculator's refusal in the reader's words, at the form's field. */
static void calc_refused(struct req *r, struct nc_form *f, const struct calc_error *err)
{
	f->err_field     = field_of_calc(err->field);
	const char *name = f->err_field >= 0 ? nc_fields[f->err_field].name : NULL;
	const char *own  = name ? arena_printf(&r->a, "netcost.err.%s", name) : NULL;
	/* the calculator's own words when they say what is wrong with this input
	 * (a conversion above the pay, a year outside the tables, half steps …)
	 * and need no limits only the English message carries; else the field's */
	bool specific = err->key && !strncmp(err->key, "err.netcost.", 12) && strcmp(err->key, "err.netcost.decimal") &&
	                strcmp(err->key, "err.netcost.not_applicable");
	if (specific && i18n_has(r->lang, err->key) && !strchr(req_text(r, err->key), '{'))
		f->err_text = req_text(r, err->key);
	else if (own && i18n_has(r->lang, own))
		f->err_text = req_text(r, own);
	else if (err->key && i18n_has(r->lang, err->key) && !strchr(req_text(r, err->key), '{'))
		f->err_text = req_text(r, err->key);
	else
		f->err_text = err->message;
}

/* ---- the result ---------------------------------------------------------------------- */

/* The explanation sentences whose note key is one of `keys` (space-separated). */
static json_t *why(const struct explain *trail, json_t *sentences, const char *keys)
{
	json_t *list = json_array();
	for (int i = 0; i < trail->nnotes && (size_t)i < json_array_size(sentences); i++) {
		const char *k = trail->notes[i].key;
		size_t      n = strlen(k);
		for (const char *p = keys; *p;) {
			size_t w = strcspn(p, " ");
			if (w == n && !strncmp(p, k, n)) {
				json_array_append(list, json_array_get(sentences, i));
				break;
			}
			p += w;
			p += strspn(p, " ");
		}
	}
	return list;
}

static int64_t jget(json_t *o, const char *k) { return json_integer_value(json_object_get(o, k)); }

/* The employee's or employer's share of one branch on one side. */
static int64_t branch(json_t *side, int b, const char *who)
{
	return jget(json_array_get(json_object_get(side, "sv"), (size_t)b), who);
}

struct rows {
	struct req           *r;
	const struct explain *trail;
	json_t               *sentences, *list;
};

/* One line of a comparison: without, with, the difference. */
static void row3(struct rows *t, const char *label_key, int64_t without, int64_t with, const char *keys,
                 const char *kind)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "label_key", label_key, "without", money(t->r, without), "with",
	                      money(t->r, with), "diff", money_signed(t->r, with - without));
	json_object_set_new(o, "cls", json_string(kind ? kind : ""));
	json_t *w = why(t->trail, t->sentences, keys);
	if (json_array_size(w))
		json_object_set_new(o, "why", w);
	else
		json_decref(w);
	json_array_append_new(t->list, o);
}

/* One line of a list: an amount (and perhaps a second one). */
static void row1(struct rows *t, const char *label_key, int64_t amount, const char *keys, const char *kind)
{
	json_t *o = json_pack("{s:s, s:s}", "label_key", label_key, "amount", money(t->r, amount));
	json_object_set_new(o, "cls", json_string(kind ? kind : ""));
	json_t *w = why(t->trail, t->sentences, keys);
	if (json_array_size(w))
		json_object_set_new(o, "why", w);
	else
		json_decref(w);
	json_array_append_new(t->list, o);
}

static const char *const branch_keys[SV__BRANCHES] = {
	"sv.kv sv.mid.kv sv.mini.kv sv.mini.kv.private sv.private sv.capped.kv",
	"sv.kvz sv.mid.kvz",
	"sv.pv sv.pv.saxony sv.pv.childless sv.pv.children sv.mid.pv sv.mid.pv.childless",
	"sv.rv sv.mid.rv sv.mini.rv sv.mini.rv.min sv.mini.rv.exempt sv.capped.rv",
	"sv.av sv.mid.av sv.capped.rv",
};
#define SV_GENERAL "nc.sv.without nc.sv.with sv.base sv.none sv.private sv.midijob sv.midijob.be sv.midijob.split sv.minijob sv.rounding sv.total"
#define SUBSIDY_KEYS                                                                                            \
	"nc.subsidy.saving nc.subsidy.percent nc.subsidy.amount nc.subsidy.split sub.vehicle sub.before2019 "       \
	"sub.old_agreement sub.old_agreement.due sub.capped sub.capped.full sub.flat"

/* The employee's pay slip without and with the conversion. */
static json_t *employee_rows(struct rows *t, json_t *out, int64_t gross, int64_t conv)
{
	json_t *a = json_object_get(out, "without_conversion"), *b = json_object_get(out, "with_conversion");
	t->list   = json_array();
	row3(t, "netcost.row.gross", gross, gross, "nc.without", NULL);
	row3(t, "netcost.row.conversion", 0, -conv, "nc.conversion nc.over_claim nc.under_min", NULL);
	row3(t, "netcost.row.pay", jget(a, "pay_cents"), jget(b, "pay_cents"), "nc.with nc.becomes_minijob", "sub");
	row3(t, "netcost.row.wage_tax", -jget(a, "wage_tax_cents"), -jget(b, "wage_tax_cents"), "nc.tax nc.flat", NULL);
	row3(t, "netcost.row.solidarity", -jget(a, "solidarity_cents"), -jget(b, "solidarity_cents"), "nc.tax", NULL);
	row3(t, "netcost.row.church_tax", -jget(a, "church_tax_cents"), -jget(b, "church_tax_cents"), "nc.church", NULL);
	json_t *head = json_pack("{s:s, s:b}", "label_key", "netcost.row.sv_employee", "section", 1);
	json_t *w    = why(t->trail, t->sentences, SV_GENERAL);
	json_object_set_new(head, "why", w);
	json_array_append_new(t->list, head);
	for (int i = 0; i < SV__BRANCHES; i++) {
		int64_t x = branch(a, i, "employee_cents"), y = branch(b, i, "employee_cents");
		if (x || y)
			row3(t, arena_printf(&t->r->a, "netcost.branch.%s", sv_branch_code[i]), -x, -y, branch_keys[i], NULL);
	}
	int64_t pa = jget(a, "private_subsidy_cents"), pb = jget(b, "private_subsidy_cents");
	if (pa || pb)
		row3(t, "netcost.row.private_subsidy", pa, pb, "sv.private.kv sv.private.pv", NULL);
	row3(t, "netcost.row.net", jget(a, "net_cents"), jget(b, "net_cents"),
	     "nc.net.without nc.net.with nc.net.without.private nc.net.with.private nc.result", "total");
	return t->list;
}

/* The employer's side: contributions per branch, the flat tax, the subsidy. */
static json_t *employer_rows(struct rows *t, json_t *out)
{
	json_t *a = json_object_get(out, "without_conversion"), *b = json_object_get(out, "with_conversion");
	t->list   = json_array();
	for (int i = 0; i < SV__BRANCHES; i++) {
		int64_t x = branch(a, i, "employer_cents"), y = branch(b, i, "employer_cents");
		if (x || y)
			row3(t, arena_printf(&t->r->a, "netcost.branch.%s", sv_branch_code[i]), x, y, branch_keys[i], NULL);
	}
	int64_t fa = jget(a, "flat_tax_employer_cents"), fb = jget(b, "flat_tax_employer_cents");
	if (fa || fb)
		row3(t, "netcost.row.flat_tax", fa, fb, "nc.flat sv.mini.tax", NULL);
	int64_t pa = jget(a, "private_subsidy_cents"), pb = jget(b, "private_subsidy_cents");
	if (pa || pb)
		row3(t, "netcost.row.private_subsidy", pa, pb, "sv.private.kv sv.private.pv", NULL);
	int64_t s = jget(out, "employer_subsidy_cents");
	row3(t, "netcost.row.subsidy", 0, s, SUBSIDY_KEYS, NULL);
	/* its cost without and with; the difference is the calculator's employer_net_cost_cents */
	int64_t ca = jget(a, "sv_employer_cents") + fa + pa, cb = jget(b, "sv_employer_cents") + fb + pb + s;
	row3(t, "netcost.row.employer_cost", ca, cb, "nc.subsidy.saving nc.employer", "total");
	return t->list;
}

/* Where the money in the contract comes from (the chart's numbers). */
static json_t *source_rows(struct rows *t, json_t *out, int64_t conv, bool own)
{
	t->list       = json_array();
	int64_t net   = jget(out, "net_cost_cents"), tax = jget(out, "tax_saving_cents");
	int64_t sv    = jget(out, "sv_saving_employee_cents");
	int64_t other = conv - net - tax - sv; /* a private insurance's subsidy that changes with the pay */
	row1(t, own ? "netcost.src.net_cost.own" : "netcost.src.net_cost", net, "nc.result nc.net.without nc.net.with",
	     "lead");
	row1(t, "netcost.src.tax_saving", tax, "nc.tax nc.church", NULL);
	row1(t, "netcost.src.sv_saving", sv, "nc.sv.without sv.total", NULL);
	if (other)
		row1(t, "netcost.src.other", other, "sv.private.kv sv.private.pv", NULL);
	row1(t, "netcost.src.conversion", conv, "nc.conversion", "sub");
	row1(t, "netcost.src.subsidy", jget(out, "employer_subsidy_cents"), SUBSIDY_KEYS, NULL);
	row1(t, "netcost.src.into_contract", jget(out, "into_contract_cents"), "nc.contract", "total");
	row1(t, "netcost.src.sv_saving_employer", jget(out, "sv_saving_employer_cents"), "nc.subsidy.saving nc.employer",
	     "aside");
	return t->list;
}

static json_t *limit_rows(struct rows *t, json_t *out)
{
	json_t *l = json_object_get(out, "limits");
	t->list   = json_array();
	struct {
		const char *label, *year, *month, *keys;
	} spec[] = {
		{"netcost.limit.claim", "conversion_max_cents", NULL, "nc.limits nc.over_claim"},
		{"netcost.limit.tax_free", "tax_free_max_cents", "tax_free_month_cents", "nc.limits nc.conversion"},
		{"netcost.limit.sv_free", "sv_free_max_cents", "sv_free_month_cents", "nc.limits nc.conversion"},
		{"netcost.limit.minimum", "conversion_min_cents", NULL, "nc.under_min nc.assume"},
	};
	for (size_t i = 0; i < sizeof spec / sizeof *spec; i++) {
		int64_t y = jget(l, spec[i].year);
		int64_t m = spec[i].month ? jget(l, spec[i].month) : (y + 6) / 12;
		json_t *o = json_pack("{s:s, s:s, s:s}", "label_key", spec[i].label, "year", money(t->r, y), "month",
		                      money(t->r, m));
		json_t *w = why(t->trail, t->sentences, spec[i].keys);
		json_object_set_new(o, "why", w);
		json_array_append_new(t->list, o);
	}
	return t->list;
}

/* "{1}" … "{3}" of a catalogue text replaced by the arguments. */
static const char *fill(struct req *r, const char *text, const char *a1, const char *a2, const char *a3)
{
	struct buf b = {0};
	for (const char *p = text; *p; p++) {
		if (p[0] == '{' && p[1] >= '1' && p[1] <= '3' && p[2] == '}') {
			const char *a = p[1] == '1' ? a1 : p[1] == '2' ? a2 : a3;
			buf_adds(&b, a ? a : "");
			p += 2;
		} else
			buf_addc(&b, *p);
	}
	const char *s = arena_strdup(&r->a, b.p ? b.p : "");
	buf_free(&b);
	return s;
}

/* The chart: where the contract's money comes from (a stacked bar) and the
 * net pay without and with the conversion (two bars on one scale).  x in
 * 0..1000 (the SVG's viewBox); rows 110 units apart. */
static json_t *chart(struct req *r, json_t *out, int64_t conv)
{
	int64_t net = jget(out, "net_cost_cents"), tax = jget(out, "tax_saving_cents");
	int64_t sv = jget(out, "sv_saving_employee_cents"), sub = jget(out, "employer_subsidy_cents");
	int64_t into = jget(out, "into_contract_cents");
	struct {
		const char *kind, *key;
		int64_t     v;
	} seg[] = {
		{"net", "netcost.chart.net_cost", net},
		{"tax", "netcost.chart.tax_saving", tax},
		{"sv", "netcost.chart.sv_saving", sv},
		{"other", "netcost.chart.other", conv - net - tax - sv},
		{"subsidy", "netcost.chart.subsidy", sub},
	};
	enum { NSEG = sizeof seg / sizeof *seg };
	int64_t total = 0;
	for (int i = 0; i < NSEG; i++)
		total += seg[i].v > 0 ? seg[i].v : 0;
	json_t    *segs = json_array(), *legend = json_array();
	struct buf desc = {0};
	int64_t    cum  = 0;
	buf_adds(&desc, fill(r, req_text(r, "netcost.chart.desc_contract"), money(r, into), NULL, NULL));
	for (int i = 0; i < NSEG; i++) {
		if (!seg[i].v && strcmp(seg[i].kind, "net"))
			continue;
		const char *label = req_text(r, seg[i].key);
		json_array_append_new(legend, json_pack("{s:s, s:s, s:s}", "kind", seg[i].kind, "label", label, "amount",
		                                        money(r, seg[i].v)));
		buf_printf(&desc, " %s %s;", label, money(r, seg[i].v));
		if (seg[i].v <= 0 || total <= 0)
			continue;
		int64_t x0 = cum * 1000 / total;
		cum += seg[i].v;
		int64_t x1 = cum * 1000 / total;
		json_array_append_new(segs, json_pack("{s:s, s:I, s:I}", "kind", seg[i].kind, "x", (json_int_t)x0, "w",
		                                      (json_int_t)(x1 - x0)));
	}
	/* net pay: one scale from 0 to the larger of the two */
	int64_t a = jget(out, "net_without_cents"), b = jget(out, "net_with_cents");
	int64_t top = a > b ? a : b;
	int64_t wa = top > 0 && a > 0 ? a * 1000 / top : 0, wb = top > 0 && b > 0 ? b * 1000 / top : 0;
	json_t *bars = json_pack("{s:I, s:I, s:I, s:s, s:s, s:s}", "without_w", (json_int_t)wa, "with_w", (json_int_t)wb,
	                         "gap_w", (json_int_t)(wa > wb ? wa - wb : 0), "without", money(r, a), "with",
	                         money(r, b), "gap", money_signed(r, b - a));
	buf_adds(&desc, " ");
	buf_adds(&desc, fill(r, req_text(r, "netcost.chart.desc_net"), money(r, a), money(r, b), NULL));
	json_t *c = json_pack("{s:o, s:o, s:o, s:s, s:s}", "segments", segs, "legend", legend, "net", bars, "into",
	                      money(r, into), "desc", desc.p ? desc.p : "");
	buf_free(&desc);
	return c;
}

static json_t *result_view(struct req *r, json_t *out, const struct explain *trail, int64_t gross, int64_t conv,
                           bool own, const char *first_name)
{
	json_t     *sentences = json_object_get(out, "explanation");
	struct rows t         = {r, trail, sentences, NULL};
	json_t     *res       = json_object();
	const char *net = money(r, jget(out, "net_cost_cents")), *into = money(r, jget(out, "into_contract_cents"));
	json_object_set_new(res, "lead",
	                    json_string(fill(r, req_text(r, own ? "netcost.lead.own" : "netcost.lead.other"), into, net,
	                                     first_name)));
	json_object_set_new(res, "net_cost", json_string(net));
	json_object_set_new(res, "into_contract", json_string(into));
	json_object_set_new(res, "tax_sv_saving",
	                    json_string(money(r, jget(out, "tax_saving_cents") + jget(out, "sv_saving_employee_cents"))));
	json_object_set_new(res, "subsidy", json_string(money(r, jget(out, "employer_subsidy_cents"))));
	json_object_set_new(res, "year", json_integer(jget(out, "year")));
	json_object_set_new(res, "rows", employee_rows(&t, out, gross, conv));
	json_object_set_new(res, "sources", source_rows(&t, out, conv, own));
	json_object_set_new(res, "employer_rows", employer_rows(&t, out));
	json_object_set_new(res, "limits", limit_rows(&t, out));
	json_object_set_new(res, "chart", chart(r, out, conv));
	json_t *notices = why(trail, sentences, "nc.over_claim nc.under_min nc.becomes_minijob");
	if (json_array_size(notices))
		json_object_set_new(res, "notices", notices);
	else
		json_decref(notices);
	json_object_set(res, "rule", json_object_get(out, "rule"));
	json_object_set(res, "explanation", sentences);
	return res;
}

/* ---- the page ------------------------------------------------------------------------- */

static json_t *options(struct req *r, int i, const char *value)
{
	json_t *opts = json_array();
	const char *name = nc_fields[i].name;
#define OPT(v, label, key)                                                                                   \
	json_array_append_new(opts, json_pack("{s:s, s:s, s:s, s:b}", "value", (v), "label", (label), "label_key", \
	                                      (key), "selected", value && !strcmp(value, (v))))
	if (!strcmp(name, "year")) {
		int years[16], n = years_in_tables(years, 16);
		for (int k = 0; k < n; k++) {
			const char *y = arena_printf(&r->a, "%d", years[k]);
			OPT(y, y, "");
		}
	} else if (!strcmp(name, "tax_class")) {
		for (int k = 1; k <= 6; k++) {
			const char *c = arena_printf(&r->a, "%d", k);
			OPT(c, c, arena_printf(&r->a, "netcost.tax_class.%d", k));
		}
	} else if (!strcmp(name, "federal_state")) {
		OPT("", "–", "");
		for (int k = 0; k < NC__STATES; k++)
			OPT(netcost_state_code[k], "", arena_printf(&r->a, "calc.choice.%s", netcost_state_code[k]));
	} else if (!strcmp(name, "health_insurance")) {
		OPT("statutory", "", "netcost.health.statutory");
		OPT("private", "", "netcost.health.private");
	} else if (!strcmp(name, "subsidy")) {
		OPT("statutory", "", "netcost.subsidy.statutory");
		OPT("percent", "", "netcost.subsidy.percent");
		OPT("amount", "", "netcost.subsidy.amount");
	}
#undef OPT
	return opts;
}

static json_t *form_view(struct req *r, const struct nc_form *f)
{
	json_t *groups = json_array();
	for (int g = 0; g < 3; g++) {
		json_t *fields = json_array();
		for (int i = 0; i < NF_COUNT; i++) {
			const struct nc_field *d = &nc_fields[i];
			if (d->group != g)
				continue;
			const char *v = f->v[i];
			json_t     *o = json_pack("{s:s, s:s, s:s}", "name", d->name, "label_key",
			                          arena_printf(&r->a, "netcost.field.%s", d->name), "value", v ? v : "");
			struct buf  desc = {0};
			const char *hint = d->hint;
			if (!strcmp(d->name, "conversion") && f->from_contract)
				hint = "netcost.hint.conversion_contract";
			if (hint) {
				json_object_set_new(o, "hint_key", json_string(hint));
				buf_printf(&desc, "n-%s-hint", d->name);
			}
			if (f->err_field == i) {
				json_object_set_new(o, "error", json_string(f->err_text));
				buf_printf(&desc, "%sn-%s-error", desc.n ? " " : "", d->name);
			}
			if (desc.n)
				json_object_set_new(o, "describedby", json_string(desc.p));
			buf_free(&desc);
			switch (d->type) {
			case NF_CHECK: json_object_set_new(o, "is_check", json_true()); break;
			case NF_SELECT: json_object_set_new(o, "options", options(r, i, v)); break;
			case NF_INT: json_object_set_new(o, "inputmode", json_string("numeric")); break;
			case NF_MONEY:
			case NF_DECIMAL: json_object_set_new(o, "inputmode", json_string("decimal")); break;
			}
			if (d->type == NF_CHECK)
				json_object_set_new(o, "checked", json_boolean(has(v)));
			if (d->maxlength)
				json_object_set_new(o, "maxlength", json_integer(d->maxlength));
			json_array_append_new(fields, o);
		}
		json_array_append_new(groups, json_pack("{s:i, s:s, s:o}", "id", g, "legend_key", group_keys[g], "fields",
		                                        fields));
	}
	return groups;
}

/* Shows the page for employee e: the form (defaults, or what was sent) and,
 * when sent, the result or the field at fault. */
static void netcost_page(struct req *r, const struct employee *e, const char *employer, bool own, const char *action,
                         int64_t employee_param)
{
	struct nc_form f = {.err_field = -1, .missing = json_array()};
	bool           sent = req_arg(r, "conversion") != NULL; /* the form always sends it */
	json_t        *result = NULL;
	int            status = 200;
	if (!sent)
		defaults(r, e, &f);
	else {
		for (int i = 0; i < NF_COUNT; i++)
			f.v[i] = req_arg(r, nc_fields[i].name);
		json_t *in = json_object();
		if (to_json(r, &f, in)) {
			struct calc_error err;
			struct explain    trail;
			memset(&err, 0, sizeof err);
			json_t *out = calc_net_cost_trail(in, r->lang, &err, &trail);
			if (!out) {
				calc_refused(r, &f, &err);
				status = err.rule ? 422 : 400;
			} else {
				int64_t gross = jget(in, "monthly_gross_cents"), conv = jget(in, "conversion_cents");
				result        = result_view(r, out, &trail, gross, conv, own, e->first_name);
				json_decref(out);
			}
		} else
			status = 400;
		json_decref(in);
	}
	json_t *ctx = json_pack("{s:{s:I, s:s}, s:{s:I, s:s, s:s}, s:s, s:b, s:s, s:o}", "employer", "id",
	                        (json_int_t)e->employer_id, "name", employer, "employee", "id", (json_int_t)e->id,
	                        "first_name", e->first_name, "last_name", e->last_name, "action", action, "own", own,
	                        "intro_key", own ? "netcost.intro.own" : "netcost.intro.other", "groups", form_view(r, &f));
	json_object_set_new(ctx, "employee_portal", json_boolean(!strncmp(action, "/employee/", 10)));
	if (employee_param)
		json_object_set_new(ctx, "employee_param", json_integer(employee_param));
	if (json_array_size(f.missing)) {
		struct buf b = {0};
		size_t     i;
		json_t    *k;
		json_array_foreach(f.missing, i, k)
		{
			if (i)
				buf_adds(&b, ", ");
			buf_adds(&b, req_text(r, json_string_value(k)));
		}
		json_object_set_new(ctx, "missing", json_string(b.p));
		buf_free(&b);
	}
	json_decref(f.missing);
	if (f.err_field < 0 && f.err_text)
		json_object_set_new(ctx, "form_error", json_string(f.err_text));
	else if (f.err_field >= 0)
		json_object_set_new(ctx, "form_error", json_string(req_text(r, "netcost.error_summary")));
	if (result)
		json_object_set_new(ctx, "result", result);
	req_page(r, TMPL_netcost, ctx);
	r->status = status;
}

struct pick {
	int64_t         want; /* 0: the first */
	bool            found;
	struct employee e;
};

static void pick_employment(const struct employee *e, void *vctx)
{
	struct pick *p = vctx;
	if (!p->found && (!p->want || p->want == e->id)) {
		p->e     = *e;
		p->found = true;
	}
}

/* GET /employee/net-cost[?employee=ID&…] — the own record (the first employment unless ID names another). */
void web_employee_net_cost(struct req *r)
{
	const char *id = req_arg(r, "employee");
	struct pick p  = {id ? strtoll(id, NULL, 10) : 0, false, {0}};
	if (employees_of_user(r->db, r->who.user_id, pick_employment, &p) != APP_OK) {
		req_error(r, ERR_INTERNAL, NULL, NULL);
		return;
	}
	if (!p.found) {
		req_error(r, ERR_NOT_FOUND, NULL, NULL);
		return;
	}
	netcost_page(r, &p.e, p.e.employer_name, true, "/employee/net-cost", id ? p.e.id : 0);
}

/* GET /employer/{eid}/employees/{id}/net-cost[?…] */
void web_employer_net_cost(struct req *r)
{
	char        name[201];
	enum app_rc rc = employer_name(r->db, r->ids[0], name, sizeof name);
	if (rc != APP_OK) {
		req_fail_app(r, rc, NULL, NULL);
		return;
	}
	struct employee e;
	rc = employee_get(r->db, r->ids[0], r->ids[1], &e);
	if (rc != APP_OK || (r->level == AUTHZ_OWN && e.user_id != r->who.user_id)) {
		req_error(r, rc == APP_ERROR ? ERR_INTERNAL : ERR_NOT_FOUND, NULL, NULL);
		return;
	}
	netcost_page(r, &e, name, e.user_id && e.user_id == r->who.user_id,
	             arena_printf(&r->a, "/employer/%lld/employees/%lld/net-cost", (long long)r->ids[0],
	                          (long long)r->ids[1]),
	             0);
}
