/*
 * calc_payroll.c — `openbav calc lohnsteuer`: the BMF Programmablaufplan of
 * a year (§ 39b Abs. 6 EStG; src/payroll/pap.h) with every input and output
 * under its PAP name.
 *
 * In: "year" (required; a year without a PAP is a rule error) and any input
 * of that year's PAP; an omitted input keeps the PAP's default.  A field
 * that is not an input of that year's PAP is refused, naming it (so "ALV"
 * is refused for 2025, whose PAP has none).  Int inputs take JSON integers;
 * BigDecimal and double inputs take an integer, a number, or a decimal
 * string ("2.90", "2,90") — a number is read as the shortest decimal that
 * is the same double, so 2.9 is exactly 2.9.  The known inputs are checked
 * against their PAP meaning (LZZ 1–4, STKL 1–6, amounts in whole cents ≥ 0,
 * KVZ with two decimals, ZKF with one, f with three, …); an input the table
 * below does not know yet (next year's PAP) gets a generous default check.
 * An input without a default in the PAP (LZZ and STKL in 2025) whose Java
 * default 0 is not a valid value must be given.
 *
 * Out: "year", every output of the PAP in cents (integers), "rule" and a
 * short explanation.
 */
#include "app/calc_payroll.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "payroll/pap.h"

#define MAX_CENTS INT64_C(100000000000) /* 1 000 000 000,00 €: far beyond any wage, well inside dec_t */

/* What an input may hold: min..max in units of 10^-decimals. */
struct limit {
	const char *name;
	int64_t     min, max;
	int         decimals;
	int         first_year, last_year; /* 0: any */
};

static const struct limit limits[] = {
	{"af", 0, 1, 0, 0, 0},
	{"AJAHR", 0, 9999, 0, 0, 0},
	{"ALTER1", 0, 1, 0, 0, 0},
	{"ALV", 0, 1, 0, 0, 0},
	{"f", 1, 1000, 3, 0, 0}, /* 0,001 … 1,000 */
	{"JFREIB", 0, MAX_CENTS, 0, 0, 0},
	{"JHINZU", 0, MAX_CENTS, 0, 0, 0},
	{"JRE4", 0, MAX_CENTS, 0, 0, 0},
	{"JRE4ENT", 0, MAX_CENTS, 0, 0, 0},
	{"JVBEZ", 0, MAX_CENTS, 0, 0, 0},
	{"KRV", 0, 1, 0, 0, 0},
	{"KVZ", 0, 2000, 2, 0, 0}, /* percent: 0,00 … 20,00 */
	{"LZZ", 1, 4, 0, 0, 0},
	{"LZZFREIB", 0, MAX_CENTS, 0, 0, 0},
	{"LZZHINZU", 0, MAX_CENTS, 0, 0, 0},
	{"MBV", 0, MAX_CENTS, 0, 0, 0},
	{"PKPV", 0, MAX_CENTS, 0, 0, 0},
	{"PKPVAGZ", 0, MAX_CENTS, 0, 0, 0},
	{"PKV", 0, 2, 0, 0, 2025}, /* 2 = private with employer subsidy, until 2025 */
	{"PKV", 0, 1, 0, 2026, 0},
	{"PVA", 0, 4, 0, 0, 0},
	{"PVS", 0, 1, 0, 0, 0},
	{"PVZ", 0, 1, 0, 0, 0},
	{"R", 0, 99, 0, 0, 0},
	{"RE4", 0, MAX_CENTS, 0, 0, 0},
	{"SONSTB", 0, MAX_CENTS, 0, 0, 0},
	{"SONSTENT", 0, MAX_CENTS, 0, 0, 0},
	{"STERBE", 0, MAX_CENTS, 0, 0, 0},
	{"STKL", 1, 6, 0, 0, 0},
	{"VBEZ", 0, MAX_CENTS, 0, 0, 0},
	{"VBEZM", 0, MAX_CENTS, 0, 0, 0},
	{"VBEZS", 0, MAX_CENTS, 0, 0, 0},
	{"VBS", 0, MAX_CENTS, 0, 0, 0},
	{"VJAHR", 0, 9999, 0, 0, 0},
	{"ZKF", 0, 999, 1, 0, 0}, /* 0,0 … 99,9 */
	{"ZMVB", 0, 12, 0, 0, 0},
};

static const struct limit unknown_int = {NULL, 0, 9999, 0, 0, 0};
static const struct limit unknown_dec = {NULL, 0, MAX_CENTS * 100, 2, 0, 0};

static const struct limit *limit_of(const struct pap_var *v, int year)
{
	for (size_t i = 0; i < sizeof limits / sizeof *limits; i++)
		if (!strcmp(limits[i].name, v->name) && (!limits[i].first_year || year >= limits[i].first_year) &&
		    (!limits[i].last_year || year <= limits[i].last_year))
			return &limits[i];
	return v->type == PAP_INT ? &unknown_int : &unknown_dec;
}

const struct calc_field calc_lohnsteuer_fields[] = {
	{"year", CF_INT, true, NULL},  {"LZZ", CF_INT, false, NULL}, {"RE4", CF_CENTS, true, NULL},
	{"STKL", CF_INT, false, NULL}, {"ZKF", CF_TEXT, false, NULL}, {"KVZ", CF_TEXT, false, NULL},
	{"R", CF_INT, false, NULL},    {"PVS", CF_INT, false, NULL},  {"PVZ", CF_INT, false, NULL},
	{"PVA", CF_INT, false, NULL},  {"KRV", CF_INT, false, NULL},  {"PKV", CF_INT, false, NULL},
	{"PKPV", CF_CENTS, false, NULL}, {NULL, 0, false, NULL},
};

/* A JSON number that is not an integer, as the shortest decimal with at most
 * `decimals` places that reads back as the same double (2.9 → 2.9). */
static bool real_to_dec(double x, int decimals, dec_t *out)
{
	if (!(x > -1e15 && x < 1e15))
		return false;
	char buf[64];
	for (int d = 0; d <= decimals; d++) {
		snprintf(buf, sizeof buf, "%.*f", d, x);
		if (strtod(buf, NULL) == x)
			return dec_parse(buf, strlen(buf), out);
	}
	return false;
}

static bool read_input(const json_t *v, const struct pap_var *var, const struct limit *l, dec_t *out,
                       struct calc_error *err)
{
	const char *f = var->name;
	if (json_is_integer(v))
		*out = dec_from_long(json_integer_value(v));
	else if (var->type == PAP_INT)
		return calc_failf(err, f, "err.param.int", false, "'%s' must be an integer", f);
	else if (json_is_real(v)) {
		if (!real_to_dec(json_real_value(v), l->decimals, out))
			return l->decimals ? calc_failf(err, f, "err.param.range", false,
			                           "'%s' must be a number with at most %d decimal places", f, l->decimals)
			                   : calc_failf(err, f, "err.param.int", false, "'%s' must be a whole number", f);
	} else if (json_is_string(v)) {
		const char *s = json_string_value(v);
		if (!dec_parse(s, strlen(s), out))
			return calc_failf(err, f, "err.param.type", false, "'%s' must be a decimal number such as \"2.90\"", f);
	} else
		return calc_failf(err, f, "err.param.type", false, "'%s' must be a number", f);
	if (dec_normalize(*out).s > l->decimals)
		return l->decimals ? calc_failf(err, f, "err.param.range", false, "'%s' takes at most %d decimal places", f,
		                           l->decimals)
		                   : calc_failf(err, f, "err.param.int", false, "'%s' must be a whole number", f);
	return true;
}

static bool in_range(dec_t v, const struct limit *l)
{
	return dec_cmp(v, DEC(l->min, l->decimals)) >= 0 && dec_cmp(v, DEC(l->max, l->decimals)) <= 0;
}

static bool range_error(const struct pap_var *var, const struct limit *l, struct calc_error *err)
{
	char lo[32], hi[32];
	dec_format(DEC(l->min, l->decimals), lo, sizeof lo);
	dec_format(DEC(l->max, l->decimals), hi, sizeof hi);
	return calc_failf(err, var->name, "err.param.range", false, "'%s' must be between %s and %s", var->name, lo, hi);
}

/* The field of `in` that no PAP (or: not this year's PAP) takes; NULL when none. */
static const char *unknown_field(const json_t *in, const struct pap_def *def)
{
	const char *key;
	json_t     *v;
	json_object_foreach((json_t *)in, key, v)
	{
		if (!strcmp(key, "year"))
			continue;
		bool known = false;
		for (size_t i = 0; i < pap_defs_count && !known; i++)
			if (!def || def == pap_defs[i])
				known = pap_input(pap_defs[i], key) != NULL;
		if (!known)
			return key;
	}
	return NULL;
}

static void note_period(struct explain *e, int lzz, int64_t lst, int64_t solz, int64_t bk)
{
	static const char *const keys[] = {"lst.period.1", "lst.period.2", "lst.period.3", "lst.period.4"};
	explain_note(e, keys[lzz >= 1 && lzz <= 4 ? lzz - 1 : 0], 3, ex_cents(lst), ex_cents(solz), ex_cents(bk));
}

json_t *calc_lohnsteuer(const json_t *in, enum lang lang, struct calc_error *err)
{
	int64_t year;
	if (!calc_in_int(in, "year", NULL, 0, 9999, &year, err))
		return NULL;
	const struct pap_def *def = pap_find((int)year);
	const char           *unk = unknown_field(in, def);
	if (unk) {
		static _Thread_local char field[64];
		snprintf(field, sizeof field, "%s", unk);
		if (def)
			calc_failf(err, field, "err.param.unknown", false, "unknown field '%s' (not an input of the PAP %d)", field,
			      def->year);
		else
			calc_failf(err, field, "err.param.unknown", false, "unknown field '%s'", field);
		return NULL;
	}
	if (!def) {
		char years[64] = "";
		for (size_t i = 0; i < pap_defs_count; i++)
			snprintf(years + strlen(years), sizeof years - strlen(years), "%s%d", i ? ", " : "",
			         pap_defs[i]->year);
		calc_failf(err, "year", "err.lawcalc.year", true, "no wage-tax PAP for %d (built in: %s)", (int)year, years);
		return NULL;
	}

	struct pap *p = malloc(sizeof *p);
	if (!p) {
		calc_fail(err, NULL, "err.lawcalc.pap", "out of memory", true);
		return NULL;
	}
	pap_start(p, def);
	json_t *out = NULL;
	for (size_t i = 0; i < def->ninputs; i++) {
		const struct pap_var *var = &def->inputs[i];
		const struct limit   *l   = limit_of(var, def->year);
		json_t               *v   = json_object_get(in, var->name);
		bool                  given = v && !json_is_null(v);
		dec_t                 val;
		if (given) {
			if (!read_input(v, var, l, &val, err))
				goto done;
			if (!in_range(val, l) || pap_set_var(p, var, val) != PAP_OK) {
				range_error(var, l, err);
				goto done;
			}
		} else if (!in_range(pap_value(p, var), l)) {
			calc_failf(err, var->name, "err.param.required", false,
			      "'%s' is required for %d (the PAP %d has no default for it)", var->name, def->year, def->year);
			goto done;
		}
	}
	/* What the explanation quotes, before the PAP changes its inputs (MSONST sets LZZ = 1). */
	const struct pap_var *v_lzz = pap_input(def, "LZZ"), *v_stkl = pap_input(def, "STKL");
	int64_t               lzz = 0, stkl = 0;
	if (v_lzz)
		dec_to_int64(pap_value(p, v_lzz), &lzz);
	if (v_stkl)
		dec_to_int64(pap_value(p, v_stkl), &stkl);

	int rc = pap_run(p);
	if (rc) {
		calc_failf(err, NULL, "err.lawcalc.pap", true,
		      "the PAP %d cannot compute these inputs: an intermediate value is out of range (code %d)", def->year,
		      rc);
		goto done;
	}
	out = json_object();
	json_object_set_new(out, "year", json_integer(year));
	int64_t lst = 0, solz = 0, bk = 0, sts = 0, solzs = 0, bks = 0;
	for (size_t i = 0; i < def->noutputs; i++) {
		const struct pap_var *var = &def->outputs[i];
		int64_t               c;
		if (!dec_to_int64(pap_value(p, var), &c)) {
			json_decref(out);
			out = NULL;
			calc_failf(err, NULL, "err.lawcalc.pap", true, "the PAP %d gave %s in fractions of a cent", def->year,
			      var->name);
			goto done;
		}
		json_object_set_new(out, var->name, json_integer(c));
		int64_t *keep = !strcmp(var->name, "LSTLZZ")    ? &lst
		                : !strcmp(var->name, "SOLZLZZ") ? &solz
		                : !strcmp(var->name, "BK")      ? &bk
		                : !strcmp(var->name, "STS")     ? &sts
		                : !strcmp(var->name, "SOLZS")   ? &solzs
		                : !strcmp(var->name, "BKS")     ? &bks
		                                                : NULL;
		if (keep)
			*keep = c;
	}
	struct explain e;
	explain_init(&e);
	explain_rule(&e, def->paragraph);
	explain_note(&e, "lst.pap", 3, ex_text(def->name), ex_text(def->version), ex_int(stkl));
	note_period(&e, (int)lzz, lst, solz, bk);
	if (sts || solzs || bks)
		explain_note(&e, "lst.other", 3, ex_cents(sts), ex_cents(solzs), ex_cents(bks));
	out = calc_explain(out, &e, lang);
done:
	free(p);
	return out;
}
