/*
 * import_contracts.c — the contracts kind of the import (app/import_kind.h):
 * one row is one insurance contract, keyed by policy number, of the employee
 * with that personnel number, with the commitment (Zusage) it belongs to.
 *
 * The employer's personnel and policy numbers are read once at the start,
 * so the rows look up only what exists.
 * Per row: the employee by personnel number (names, when given, must match
 * it); the contract by policy number (it may not belong to someone else);
 * the group contract by its number (and provider, when numbers repeat); the
 * commitment — the one the column commitment_id names, else the one the
 * stored contract is linked to, else a new one when the row has commitment
 * cells.  Both are checked by app/contracts.c's own rules (commitment_apply,
 * insurance_apply_under: required fields, dates, group contract limits, the
 * § 1a BetrAVG conversion limits …) before either is written, so a row is
 * written whole or not at all.  Must never check a field rule itself: it
 * only translates the words a spreadsheet carries (the catalogue's labels,
 * "monatlich") into the codes the rules take.
 */
#include "app/contracts.h"
#include "app/employees.h"
#include "app/fields.h"
#include "app/import_kind.h"
#include "base/arena.h"
#include "base/str.h"
#include "base/strmap.h"
#include "http/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
	F_PERSONNEL,
	F_POLICY,
	F_LAST_NAME,
	F_FIRST_NAME,
	F_GROUP,
	F_PROVIDER,
	F_COMMITMENT_ID,
	F_TARIFF,
	F_START,
	F_CONTRIBUTION,
	F_MODE,
	F_RIDERS,
	F_BENEFICIARY,
	F_STATUS,
	F_STATUS_SINCE,
	F_VEHICLE, /* the commitment's cells: F_VEHICLE … F_ORIG_COMMITMENT */
	F_TYPE,
	F_FINANCING,
	F_SHARE,
	F_SERVICE_START,
	F_COMMITMENT_START,
	F_TAKEN_OVER,
	F_ORIG_EMPLOYER,
	F_ORIG_SERVICE,
	F_ORIG_COMMITMENT,
	NFIELDS
};
_Static_assert((int)NFIELDS <= (int)IMPORT_MAX_FIELDS, "too many contract fields for the import");

static const char *const fields[NFIELDS] = {
	"personnel_number", "policy_number", "last_name", "first_name", "group_contract", "provider",
	"commitment_id", "tariff", "start_date", "contribution", "payment_mode", "riders", "beneficiary", "status",
	"status_since", "vehicle", "commitment_type", "financing", "employer_share", "service_start",
	"commitment_start", "taken_over", "original_employer", "original_service_start", "original_commitment_start",
};

static const struct import_column columns[] = {
	{F_PERSONNEL, "personnelnumber\0personalnummer\0persnr\0personalnr\0pnr\0employeeid\0"},
	{F_POLICY, "policynumber\0policyno\0policy\0versicherungsnummer\0versicherungsscheinnummer\0policennummer\0"
	           "polizzennummer\0police\0vertragsnummer\0insurancenumber\0"},
	{F_LAST_NAME, "lastname\0nachname\0familienname\0surname\0name\0"},
	{F_FIRST_NAME, "firstname\0vorname\0givenname\0"},
	{F_GROUP, "groupcontract\0groupcontractnumber\0kollektivvertrag\0kollektivvertragsnummer\0gruppenvertrag\0"
	          "gruppenvertragsnummer\0rahmenvertrag\0rahmenvertragsnummer\0"},
	{F_PROVIDER, "provider\0anbieter\0versorgungstraeger\0versicherer\0insurer\0"},
	{F_COMMITMENT_ID, "commitmentid\0commitment\0zusage\0zusageid\0zusagenummer\0zusagenr\0"},
	{F_TARIFF, "tariff\0tarif\0"},
	{F_START, "startdate\0contractstart\0vertragsbeginn\0versicherungsbeginn\0beginn\0"},
	{F_CONTRIBUTION, "contribution\0beitrag\0beitragjezahlung\0praemie\0premium\0"},
	{F_MODE, "paymentmode\0zahlweise\0zahlungsweise\0zahlungsintervall\0"},
	{F_RIDERS, "riders\0rider\0zusatzversicherungen\0zusatzversicherung\0zusatzbausteine\0zusatzbaustein\0"},
	{F_BENEFICIARY, "beneficiary\0bezugsrecht\0"},
	{F_STATUS, "status\0vertragsstatus\0contractstatus\0"},
	{F_STATUS_SINCE, "statussince\0statusseit\0seit\0"},
	{F_VEHICLE, "vehicle\0fundingvehicle\0durchfuehrungsweg\0dfw\0"},
	{F_TYPE, "commitmenttype\0type\0zusageart\0artderzusage\0"},
	{F_FINANCING, "financing\0finanzierung\0finanzierungsart\0"},
	{F_SHARE, "employershare\0arbeitgeberanteil\0aganteil\0"},
	{F_SERVICE_START, "servicestart\0beginnderbetriebszugehoerigkeit\0betriebszugehoerigkeitab\0"
	                  "betriebszugehoerigkeitseit\0diensteintritt\0"},
	{F_COMMITMENT_START, "commitmentstart\0beginnderzusage\0zusagebeginn\0zusagedatum\0zusageerteilt\0"},
	{F_TAKEN_OVER, "takenover\0takenovercommitment\0uebernommenezusage\0uebernommen\0uebernahme\0"},
	{F_ORIG_EMPLOYER, "originalemployer\0previousemployer\0fruehererarbeitgeber\0vorarbeitgeber\0"
	                  "urspruenglicherarbeitgeber\0"},
	{F_ORIG_SERVICE, "originalservicestart\0urspruenglicherbeginnderbetriebszugehoerigkeit\0"},
	{F_ORIG_COMMITMENT, "originalcommitmentstart\0urspruenglicherbeginnderzusage\0"},
};

static const struct import_required required[] = {
	{F_PERSONNEL, "import.no_number_column"},
	{F_POLICY, "import.no_policy_column"},
};

/* The enumerated columns: the codes app/contracts.c takes, and the catalogue
 * prefix of their labels ("contract.payment_mode.monthly" = "monatlich"). */
static const char *const mode_codes[]    = {"monthly", "quarterly", "half_yearly", "yearly", NULL};
static const char *const benef_codes[]   = {"employee_irrevocable", "employee_revocable", "employer", NULL};
static const char *const status_codes[]  = {"active", "contribution_free", "terminated", NULL};
static const char *const vehicle_codes[] = {"DZ", "UK", "DV", "PK", "PF", NULL};
static const char *const type_codes[]    = {"LZ", "BOLZ", "BZML", NULL};
static const char *const fin_codes[]     = {"employer", "employee", "mixed", NULL};
static const char *const bool_codes[]    = {"true", "false", NULL};
static const char *const rider_codes[]   = {"disability", "survivors", "accident", "waiver", NULL};

static const struct {
	int                field;
	const char        *prefix;
	const char *const *codes;
} enums[] = {
	{F_MODE, "contract.payment_mode", mode_codes},   {F_BENEFICIARY, "contract.beneficiary", benef_codes},
	{F_STATUS, "contract.status", status_codes},     {F_VEHICLE, "contract.vehicle", vehicle_codes},
	{F_TYPE, "contract.type", type_codes},           {F_FINANCING, "contract.financing", fin_codes},
	{F_TAKEN_OVER, "contract.bool", bool_codes},     {F_RIDERS, "contract.rider", rider_codes},
};

struct state { /* the employer's, read once */
	struct group_contract *groups;
	size_t                 ngroups, capgroups;
	struct strmap          employees; /* personnel number → employee id */
	struct strmap          policies;  /* policy number → contract id */
};

static void add_group(const struct group_contract *g, void *ctx)
{
	struct state *st = ctx;
	if (st->ngroups == st->capgroups) {
		st->capgroups = st->capgroups ? st->capgroups * 2 : 16;
		st->groups    = xrealloc(st->groups, st->capgroups * sizeof *st->groups);
	}
	st->groups[st->ngroups++] = *g;
}

static bool begin(struct import_run *r)
{
	struct state *st = xcalloc(1, sizeof *st);
	r->state         = st;
	return group_contracts_of(r->db, r->o->employer_id, add_group, st) == APP_OK &&
	       employee_numbers(r->db, r->o->employer_id, &st->employees) == APP_OK &&
	       insurance_policies(r->db, r->o->employer_id, &st->policies) == APP_OK;
}

static void end(struct import_run *r)
{
	struct state *st = r->state;
	if (st) {
		free(st->groups);
		strmap_free(&st->employees);
		strmap_free(&st->policies);
	}
	free(st);
	r->state = NULL;
}

/* A code, or the German or English label of one (any case), as its code;
 * anything else unchanged — the record's rules refuse it with their message. */
static const char *code_of(int field, const char *v, char *buf, size_t bufsz)
{
	for (size_t k = 0; k < sizeof enums / sizeof *enums; k++) {
		if (enums[k].field != field)
			continue;
		for (const char *const *c = enums[k].codes; *c; c++) {
			if (!strcasecmp(v, *c))
				return *c;
			snprintf(buf, bufsz, "%s.%s", enums[k].prefix, *c);
			for (int l = 0; l < LANG__COUNT; l++)
				if (i18n_has((enum lang)l, buf) && !strcasecmp(v, i18n_text((enum lang)l, buf)))
					return *c;
		}
	}
	return v;
}

/* Surrounding spaces off (a copy in buf when needed). */
static const char *trimmed(const char *v, char *buf, size_t bufsz)
{
	while (*v == ' ')
		v++;
	size_t n = strlen(v);
	while (n && v[n - 1] == ' ')
		n--;
	if (v[n] == '\0')
		return v;
	snprintf(buf, bufsz, "%.*s", (int)n, v);
	return buf;
}

/* An enumerated cell as its code; riders: each of a list ("Berufsunfähigkeit,
 * Unfall" or ";"), joined with ",".  out holds the result when needed. */
static const char *translate(int field, const char *v, char *out, size_t outsz)
{
	char key[96], tok[128];
	if (!v)
		return NULL;
	if (field != F_RIDERS) {
		const char *t = trimmed(v, tok, sizeof tok);
		const char *c = code_of(field, t, key, sizeof key);
		if (c == t) /* not an enumeration's word: as given */
			return v;
		return c;
	}
	size_t o = 0;
	out[0]   = '\0';
	for (const char *p = v; *p;) {
		size_t n = strcspn(p, ",;");
		char   word[128];
		snprintf(word, sizeof word, "%.*s", (int)(n < sizeof word ? n : sizeof word - 1), p);
		const char *t = trimmed(word, tok, sizeof tok);
		if (*t) {
			const char *c = code_of(F_RIDERS, t, key, sizeof key);
			o += (size_t)snprintf(out + o, o < outsz ? outsz - o : 0, "%s%s", o ? "," : "", c);
			if (o >= outsz)
				return v; /* too long to be a list of riders: the rule will refuse it */
		}
		p += n;
		if (*p)
			p++;
	}
	return out;
}

/* The record rules' field names as this import's columns. */
static const char *column_of(const char *field)
{
	if (!field)
		return NULL;
	if (!strcmp(field, "group_contract_id"))
		return fields[F_GROUP];
	if (!strcmp(field, "type"))
		return fields[F_TYPE];
	return field;
}

struct diff_ctx {
	const struct state *st;
	json_t             *fields;
	bool                commitment;
};

/* A group contract id as its number (the user's word for it). */
static const char *group_number(const struct state *st, const char *id_text)
{
	for (size_t i = 0; *id_text && i < st->ngroups; i++)
		if (st->groups[i].id == strtoll(id_text, NULL, 10))
			return st->groups[i].number;
	return id_text;
}

static void diff_field(const char *field, const char *old_value, const char *new_value, void *ctx)
{
	struct diff_ctx *d = ctx;
	if (!strcmp(field, "psv_relevant") || !strcmp(field, "policy_number"))
		return; /* derived by the law engine / the key itself */
	const char *name = column_of(field);
	if (!strcmp(name, fields[F_GROUP])) {
		if (d->commitment && json_object_get(d->fields, name))
			return; /* the contract's change says it */
		old_value = group_number(d->st, old_value);
		new_value = group_number(d->st, new_value);
	}
	json_object_set_new(d->fields, name, json_pack("{s:s, s:s}", "old", old_value, "new", new_value));
}

/* Resolves the group contract cells to an id (as text in out); false: the
 * row is invalid (reported). */
static bool group_of(struct import_run *r, const char *const *val, char *out, size_t outsz)
{
	const struct state *st = r->state;
	out[0]                 = '\0';
	if (!val[F_GROUP]) {
		if (val[F_PROVIDER]) {
			import_invalid(r, fields[F_PROVIDER], "import.contract.provider_without_group");
			return false;
		}
		return true;
	}
	char        a[128], b[256];
	const char *number = trimmed(val[F_GROUP], a, sizeof a);
	const char *prov   = val[F_PROVIDER] ? trimmed(val[F_PROVIDER], b, sizeof b) : NULL;
	size_t      found  = 0;
	for (size_t i = 0; i < st->ngroups; i++)
		if (!strcmp(st->groups[i].number, number) && (!prov || !strcasecmp(st->groups[i].provider_name, prov))) {
			if (!found++)
				snprintf(out, outsz, "%lld", (long long)st->groups[i].id);
		}
	if (found == 1)
		return true;
	import_invalid(r, fields[F_GROUP], found ? "import.contract.group_ambiguous" : "import.contract.group_unknown");
	return false;
}

static bool has_commitment_cells(const char *const *val)
{
	for (int f = F_VEHICLE; f <= F_ORIG_COMMITMENT; f++)
		if (val[f])
			return true;
	return false;
}

static bool row(struct import_run *r, const char *const *val)
{
	const struct import_opts *o = r->o;
	struct state             *st = r->state;
	day_t                     today = field_today(o->now);
	const char               *number = val[F_PERSONNEL], *policy = val[F_POLICY];
	if (!number) {
		import_invalid(r, fields[F_PERSONNEL], "import.no_number");
		return true;
	}
	if (!policy) {
		import_invalid(r, fields[F_POLICY], "import.no_policy");
		return true;
	}
	if (import_seen(r, policy)) {
		import_invalid(r, fields[F_POLICY], "import.duplicate_policy_in_file");
		return true;
	}
	struct employee e;
	int64_t         stored_id;
	enum app_rc rc = strmap_get(&st->employees, number, &stored_id) ? employee_get(r->db, o->employer_id, stored_id, &e)
	                                                                : APP_NOT_FOUND;
	if (rc == APP_ERROR)
		return false;
	if (rc != APP_OK) {
		import_invalid(r, fields[F_PERSONNEL], "import.contract.no_employee");
		return true;
	}
	if ((val[F_LAST_NAME] && strcasecmp(val[F_LAST_NAME], e.last_name)) ||
	    (val[F_FIRST_NAME] && strcasecmp(val[F_FIRST_NAME], e.first_name))) {
		import_invalid(r, fields[val[F_LAST_NAME] && strcasecmp(val[F_LAST_NAME], e.last_name) ? F_LAST_NAME
		                                                                                          : F_FIRST_NAME],
		               "import.contract.name_mismatch");
		return true;
	}
	struct insurance_contract before, ic;
	rc = strmap_get(&st->policies, policy, &stored_id) ? insurance_get(r->db, o->employer_id, stored_id, &before)
	                                                   : APP_NOT_FOUND;
	if (rc == APP_ERROR)
		return false;
	bool stored = rc == APP_OK;
	if (stored && before.employee_id != e.id) {
		import_invalid(r, fields[F_PERSONNEL], "import.contract.other_employee");
		return true;
	}
	char gid[24];
	if (!group_of(r, val, gid, sizeof gid))
		return true;

	/* The commitment: named, linked, or new. */
	bool              cells = has_commitment_cells(val), cm_used = false, cm_stored = false;
	struct commitment cm_before = {0}, cm = {0};
	if (val[F_COMMITMENT_ID] || (stored && before.commitment_id && cells)) {
		int64_t id = before.commitment_id;
		if (val[F_COMMITMENT_ID]) {
			char *end;
			id = strtoll(val[F_COMMITMENT_ID], &end, 10);
			if (*end || id <= 0) {
				import_invalid(r, fields[F_COMMITMENT_ID], "err.contract.id");
				return true;
			}
		}
		rc = commitment_get(r->db, o->employer_id, id, &cm_before);
		if (rc == APP_ERROR)
			return false;
		if (rc != APP_OK) {
			import_invalid(r, fields[F_COMMITMENT_ID], "err.contract.commitment_unknown");
			return true;
		}
		cm_used = cm_stored = true;
		cm                  = cm_before;
	} else if (cells) {
		cm_used        = true;
		cm.employer_id = o->employer_id;
		cm.employee_id = e.id;
	}
	char        bufs[8][128];
	const char *v[NFIELDS];
	for (int f = 0; f < NFIELDS; f++)
		v[f] = val[f];
	for (size_t k = 0; k < sizeof enums / sizeof *enums; k++)
		v[enums[k].field] = translate(enums[k].field, val[enums[k].field], bufs[k], sizeof bufs[k]);
	/* (someone else's commitment is not changed: the contract's rule refuses it below) */
	if (cm_used && cells && cm.employee_id == e.id) {
		struct commitment_input cin = {gid[0] ? gid : NULL, v[F_VEHICLE], v[F_TYPE], v[F_FINANCING], v[F_SHARE],
		                               v[F_SERVICE_START], v[F_COMMITMENT_START], v[F_TAKEN_OVER],
		                               v[F_ORIG_EMPLOYER], v[F_ORIG_SERVICE], v[F_ORIG_COMMITMENT]};
		struct app_err          err = commitment_apply(r->db, &cm, &e, &cin, today);
		if (err.rc == APP_ERROR)
			return false;
		if (err.rc != APP_OK) {
			import_invalid(r, column_of(err.field), err.key);
			return true;
		}
	}

	/* The contract, under that commitment. */
	if (stored)
		ic = before;
	else {
		memset(&ic, 0, sizeof ic);
		ic.employer_id = o->employer_id;
		ic.employee_id = e.id;
	}
	struct insurance_input in = {NULL,         gid[0] ? gid : NULL, policy,       v[F_TARIFF],
	                             v[F_START],   v[F_CONTRIBUTION],   v[F_MODE],    v[F_RIDERS],
	                             v[F_BENEFICIARY], v[F_STATUS],     v[F_STATUS_SINCE]};
	struct app_err         err = cm_used ? insurance_apply_under(r->db, &ic, &e, &in, today, &cm)
	                                     : insurance_apply(r->db, &ic, &e, &in, today);
	if (err.rc == APP_ERROR)
		return false;
	if (err.rc != APP_OK) {
		import_invalid(r, column_of(err.field), err.key);
		return true;
	}

	/* The report: the contract's changes, then its commitment's. */
	struct diff_ctx d = {r->state, json_object(), false};
	if (stored)
		insurance_diff(&before, &ic, diff_field, &d);
	d.commitment = true;
	if (cm_used && cells && (stored || cm_stored))
		commitment_diff(cm_stored ? &cm_before : NULL, &cm, diff_field, &d);
	if (stored && !json_object_size(d.fields)) {
		json_decref(d.fields);
		import_unchanged(r);
	} else {
		json_t *entry = import_entry(r, stored ? "changed" : "new");
		if (entry) {
			json_object_set_new(entry, "policy_number", json_string(policy));
			json_object_set_new(entry, "personnel_number", json_string(number));
		}
		if (entry && json_object_size(d.fields))
			json_object_set_new(entry, "fields", d.fields);
		else
			json_decref(d.fields);
		(stored ? import_changed : import_new)(r, entry);
	}
	if (o->dry_run)
		return true;

	/* Both checked: now written, the commitment first (the contract links it). */
	if (cm_used && cells && (!cm_stored || commitment_diff(&cm_before, &cm, NULL, NULL)) &&
	    commitment_save(r->db, &cm, cm_stored ? &cm_before : NULL, "import", o->now, o->user_id).rc != APP_OK)
		return false;
	if (cm_used)
		ic.commitment_id = cm.id;
	if ((!stored || insurance_diff(&before, &ic, NULL, NULL)) &&
	    insurance_save(r->db, &ic, stored ? &before : NULL, "import", o->now, o->user_id).rc != APP_OK)
		return false;
	return true;
}

const struct import_kind_ops import_contracts_ops = {
	.fields    = fields,
	.nfields   = NFIELDS,
	.columns   = columns,
	.ncolumns  = sizeof columns / sizeof *columns,
	.required  = required,
	.nrequired = sizeof required / sizeof *required,
	.begin     = begin,
	.row       = row,
	.end       = end,
};
